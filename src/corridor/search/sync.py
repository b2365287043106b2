"""Keeping each node's index in step with the database.

A save or delete of an indexed record (or of a record its document shows, such as a
partnership on a project's page) appends the document id to the IndexChange log inside
the same transaction. After commit, and before a search, a node applies the log entries it
has not seen: it re-reads those records from the database, the source of truth, and
replaces or removes their documents. Several app nodes sharing one database each follow
the log into their own index directory.

PostgreSQL hands out ids before commit, so a slow transaction can commit an id lower than
one already applied. A node therefore remembers the ids it has not seen below its mark
("gaps") for GAP_SECONDS and picks them up when they appear.

A rebuild writes a new version of the index beside the one in use (backends/versions.py),
which the node keeps searching and following the log with meanwhile; the new version
records the log position it was read at, and once complete it is switched in and caught
up, under the lock every catch-up takes. A rebuild killed part-way leaves the previous
version in use and its own directory behind, which index_health() reports and the next
rebuild removes.
"""

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import models, transaction
from django.db.models import Max
from django.db.models.signals import m2m_changed, post_delete, post_save

from corridor.search.backends import get_backend
from corridor.search.backends.base import SearchBackend
from corridor.search.backends.versions import NODE_LOCK, RebuildRunning
from corridor.search.documents import SearchDocument, document_id, split_document_id
from corridor.search.models import IndexChange
from corridor.search.registry import search_type, search_types

GAP_SECONDS = 600
BATCH = 500
PROGRESS_EVERY = 100  # documents between two records of a rebuild's progress

__all__ = ["RebuildRunning", "catch_up", "index_health", "rebuild"]


def connect_signals() -> None:
    # model -> (type name, ids of that type's records a change of the model touches)
    watched: defaultdict[
        type[models.Model], list[tuple[str, Callable[[models.Model], Iterable]]]
    ] = defaultdict(list)
    for st in search_types():
        watched[st.model].append((st.name, lambda instance: [instance.pk]))
        for model, affected in st.related.items():
            watched[model].append((st.name, affected))
    for model, targets in watched.items():
        handler = _handler(targets)
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"search-{model}")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"search-d-{model}")
        # A many-to-many change (a project's themes, a plan's co-authors) saves no row of
        # the model itself.
        for m2m in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_handler(model, handler), sender=m2m.remote_field.through, weak=False,
                dispatch_uid=f"search-m2m-{model}-{m2m.name}",
            )  # fmt: skip


def _handler(targets):
    def record_change(sender, instance, **kwargs):
        doc_ids = {
            document_id(type_name, pk)
            for type_name, affected in targets
            for pk in affected(instance)
            if pk is not None
        }
        if doc_ids:
            IndexChange.objects.bulk_create([IndexChange(doc_id=d) for d in sorted(doc_ids)])
            transaction.on_commit(catch_up_quietly)

    return record_change


def _m2m_handler(model, record_change):
    def links_changed(sender, instance, action, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if isinstance(instance, model):
            record_change(sender, instance)
        else:  # changed from the other side: pk_set holds the model's records
            for changed in model.objects.filter(pk__in=pk_set or ()):
                record_change(sender, changed)

    return links_changed


def catch_up_quietly() -> None:
    """After a commit: bring this node's index up to date, unless another process on this
    node is doing so right now (it will pick the change up)."""
    catch_up(get_backend(), wait=False)


def catch_up(backend: SearchBackend | None = None, wait: bool = True) -> int:
    """Apply the change log entries this index has not seen; returns documents touched."""
    backend = backend or get_backend()
    with backend.home.lock(NODE_LOCK, wait) as locked:
        if not locked:
            return 0
        backend.refresh(force=True)  # a rebuild elsewhere may have switched versions
        return _catch_up(backend)


def _catch_up(backend: SearchBackend) -> int:
    state = backend.read_state()
    mark = state.get("last_change_id")
    if mark is None:
        return 0  # never built: `corridor index rebuild` fills it
    now = time.time()
    gaps = {int(k): t for k, t in state.get("gaps", {}).items() if now - t < GAP_SECONDS}
    changes = list(
        IndexChange.objects.filter(id__gt=mark).values_list("id", "doc_id").order_by("id")
    )
    if gaps:
        changes += IndexChange.objects.filter(id__in=gaps).values_list("id", "doc_id")
    if not changes:
        return 0
    seen = {change_id for change_id, _ in changes}
    new_mark = max(mark, *seen)
    for missing in set(range(mark + 1, new_mark)) - seen:
        gaps[missing] = now
    for found in seen:
        gaps.pop(found, None)
    touched = apply_changes(backend, {doc_id for _, doc_id in changes})
    backend.write_state({"last_change_id": new_mark, "gaps": gaps})
    return touched


def apply_changes(backend: SearchBackend, doc_ids: set[str]) -> int:
    by_type = defaultdict(set)
    for doc_id in doc_ids:
        type_name, pk = split_document_id(doc_id)
        by_type[type_name].add(pk)
    upserts: list[SearchDocument] = []
    deletes: list[str] = []
    for type_name, pks in by_type.items():
        st = search_type(type_name)
        if st is None:
            deletes.extend(document_id(type_name, pk) for pk in pks)
            continue
        found = {str(obj.pk): obj for obj in st.queryset().filter(pk__in=pks)}
        for pk in pks:
            if pk in found:
                upserts.append(st.to_document(found[pk]))
            else:
                deletes.append(document_id(type_name, pk))
    backend.apply(upserts, deletes)
    return len(upserts) + len(deletes)


def rebuild(backend: SearchBackend | None = None, progress=None) -> int:
    """Index every record of every type into a new version of the index, then switch to it;
    the log is followed from the position read before the first record. Raises
    RebuildRunning when another rebuild of this node's index runs."""
    backend = backend or get_backend()
    home = backend.home
    with home.rebuilding():
        home.remove_leftovers()  # what an interrupted rebuild left
        mark = IndexChange.objects.aggregate(m=Max("id"))["m"] or 0
        index = backend.new_version()
        assert index.path is not None
        version = index.path
        build = {"started": _now(), "expected": total_records(), "pid": os.getpid()}
        home.write_build(version, {**build, "indexed": 0})
        indexed = 0

        def step(n: int = 1) -> None:
            nonlocal indexed
            indexed += n
            if indexed % PROGRESS_EVERY == 0:
                home.write_build(version, {**build, "indexed": indexed})
            if progress:
                progress(n)

        total = 0
        for st in search_types():
            queryset = st.queryset().order_by("pk")
            total += index.index_documents(
                (st.to_document(obj) for obj in queryset.iterator(chunk_size=BATCH)), step
            )
        index.write_state({"last_change_id": mark, "gaps": {}})
        home.write_build(version, {**build, "indexed": total, "finished": _now()})
        with home.lock(NODE_LOCK):
            backend.switch_to(index)
            _catch_up(backend)  # what changed while it was built
        return total


@dataclass
class IndexHealth:
    """What a node's index can answer. state: ready; rebuilding (a rebuild runs, the
    previous index answers); interrupted (a rebuild was killed, the previous index
    answers); building (the first build runs, nothing answers yet); missing (never built);
    empty (built, but holds nothing while the database has records)."""

    state: str
    documents: int
    followed_to: int | None
    notice: str  # for the readers of Explore; "" when the results are whole
    detail: str  # for the operator (`corridor index status`)


def index_health(backend: SearchBackend | None = None) -> IndexHealth:
    backend = backend or get_backend()
    home = backend.home
    documents = backend.count()
    followed_to = backend.read_state().get("last_change_id")
    leftovers = home.leftovers()
    build = home.read_build(leftovers[-1]) if leftovers else {}
    done = f"{build.get('indexed', 0):,} of {build.get('expected', 0):,} documents"
    if leftovers and home.rebuild_running():
        if followed_to is None:
            return IndexHealth(
                "building", documents, followed_to,
                f"The search index is being built ({done}): results appear when it is "
                "complete.",
                f"the first build of the index runs ({done} written, started "
                f"{build.get('started', '?')}); nothing can be found until it completes",
            )  # fmt: skip
        return IndexHealth(
            "rebuilding", documents, followed_to,
            f"The search index is being rebuilt ({done}); results come from the previous "
            "index meanwhile.",
            f"a rebuild runs ({done} written, started {build.get('started', '?')}); the "
            "previous index is in use until it completes",
        )  # fmt: skip
    interrupted = (
        f"a rebuild started {build.get('started', '?')} was interrupted after {done} "
        "(its leftovers are removed by the next `corridor index rebuild`)"
        if leftovers
        else ""
    )
    if followed_to is None:
        return IndexHealth(
            "missing", documents, followed_to,
            "The search index of this server has not been built yet: nothing can be found "
            "until `corridor index rebuild` has run.",
            "; ".join(filter(None, [
                "the index has not been built: run `corridor index rebuild`", interrupted
            ])),
        )  # fmt: skip
    if documents == 0 and (records := total_records()):
        return IndexHealth(
            "empty", documents, followed_to,
            f"The search index is empty while the database holds {records:,} records: "
            "nothing can be found until `corridor index rebuild` has run.",
            f"the index is empty while the database holds {records:,} records: run "
            "`corridor index rebuild`",
        )  # fmt: skip
    if leftovers:
        return IndexHealth(
            "interrupted", documents, followed_to, "",
            f"{interrupted}; the previous index is in use",
        )  # fmt: skip
    return IndexHealth("ready", documents, followed_to, "", "the index is complete")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def total_records() -> int:
    return sum(st.queryset().count() for st in search_types())
