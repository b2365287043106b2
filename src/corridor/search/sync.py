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
"""

import fcntl
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.db import models, transaction
from django.db.models import Max
from django.db.models.signals import m2m_changed, post_delete, post_save

from corridor.search.backends import get_backend
from corridor.search.documents import SearchDocument, document_id, split_document_id
from corridor.search.models import IndexChange
from corridor.search.registry import search_type, search_types

GAP_SECONDS = 600
BATCH = 500


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


@contextmanager
def _node_lock(backend, wait: bool):
    with open(backend.path / ".catch-up.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def catch_up(backend=None, wait: bool = True) -> int:
    """Apply the change log entries this index has not seen; returns documents touched."""
    backend = backend or get_backend()
    with _node_lock(backend, wait) as locked:
        if not locked:
            return 0
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


def apply_changes(backend, doc_ids: set[str]) -> int:
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


def rebuild(backend=None, progress=None) -> int:
    """Index every record of every type afresh; the log is followed from here on."""
    backend = backend or get_backend()
    with _node_lock(backend, wait=True):
        mark = IndexChange.objects.aggregate(m=Max("id"))["m"] or 0
        backend.clear()
        total = 0
        for st in search_types():
            queryset = st.queryset().order_by("pk")
            total += backend.index_documents(
                (st.to_document(obj) for obj in queryset.iterator(chunk_size=BATCH)), progress
            )
        backend.write_state({"last_change_id": mark, "gaps": {}})
        return total


def total_records() -> int:
    return sum(st.queryset().count() for st in search_types())
