"""Keeping the vectors (vectors.py) in step with the database, as sync.py keeps the index.

The first pass (`corridor embed`, or the serving process in the background) embeds every
searchable item, a batch at a time, committing each batch: killed, it goes on where it
stopped, since texts whose hash is stored are skipped. It then records the change-log
position read before it started; from there on, only the documents the log names are
re-read, and embedded again when their text changed.

Computing vectors is slow (a few items a second on two cores), so nothing waits for it:
Explore searches by keywords until the first pass has completed, and a change reaches the
vectors a few seconds after it reaches the index.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.db.models import Max

from corridor.search.documents import SearchDocument, document_id, split_document_id
from corridor.search.embeddings import (
    EmbedderUnavailable,
    embed_texts,
    embedder_name,
    embedder_setting,
    get_embedder,
)
from corridor.search.models import IndexChange
from corridor.search.registry import search_type, search_types
from corridor.search.vectors import VectorStore, text_hash

log = logging.getLogger(__name__)

BATCH = 16  # documents embedded and committed together
_stores: dict[str, VectorStore] = {}
_stores_lock = threading.Lock()


def document_text(document: SearchDocument) -> str:
    """What a document's vector is computed from: its title and its text (the summary
    comes first in every type's body)."""
    return f"{document.title}\n{document.subtitle}\n{document.body}".strip()


def vector_store() -> VectorStore | None:
    """This node's store for the configured embedder; None when vectors are turned off or
    the embedder cannot run here."""
    name = embedder_name()
    if name is None:
        return None
    path = Path(settings.SEARCH_VECTORS_DIR) / name
    with _stores_lock:
        key = str(path)
        if key not in _stores:
            _stores[key] = VectorStore(path)
        return _stores[key]


def forget_stores(close: bool = False) -> None:
    """Drop the open stores (tests that point SEARCH_VECTORS_DIR elsewhere; with close,
    a server about to fork workers, which must not share a connection)."""
    with _stores_lock:
        if close:
            for store in _stores.values():
                store.close()
        _stores.clear()  # a store still held elsewhere stays open


def embed_pending(progress: Callable[[int], None] | None = None, wait: bool = True) -> int:
    """Bring the vectors up to date: the whole first pass, or the changes since the last
    run. Returns how many vectors were computed or removed; 0 (at once) when another
    process is at it and `wait` is off."""
    store = vector_store()
    if store is None:
        return 0
    with store.lock(wait) as locked:
        if not locked:
            return 0
        mark = store.followed_to
        if mark is None:
            return _first_pass(store, progress)
        return _follow_log(store, mark)


def _first_pass(store: VectorStore, progress) -> int:
    mark = IndexChange.objects.aggregate(m=Max("id"))["m"] or 0
    seen: set[str] = set()
    touched = 0
    for st in search_types():
        queryset = st.queryset().order_by("pk")
        documents = (st.to_document(obj) for obj in queryset.iterator(chunk_size=500))
        for batch in _batches(documents, BATCH * 8):
            seen.update(d.id for d in batch)
            touched += _embed(store, batch, progress)
    gone = sorted(store.all_ids() - seen)
    store.remove(gone)
    store.set_state(last_change_id=mark)
    store.build_ann()
    return touched + len(gone)


def _follow_log(store: VectorStore, mark: int) -> int:
    changes = list(
        IndexChange.objects.filter(id__gt=mark).values_list("id", "doc_id").order_by("id")
    )
    if not changes:
        return 0
    by_type: dict[str, set[str]] = {}
    for _, doc_id in changes:
        type_name, pk = split_document_id(doc_id)
        by_type.setdefault(type_name, set()).add(pk)
    documents: list[SearchDocument] = []
    gone: list[str] = []
    for type_name, pks in by_type.items():
        st = search_type(type_name)
        found = {str(o.pk): o for o in st.queryset().filter(pk__in=pks)} if st else {}
        for pk in pks:
            if pk in found and st is not None:
                documents.append(st.to_document(found[pk]))
            else:
                gone.append(document_id(type_name, pk))
    touched = _embed(store, documents, None)
    store.remove(gone)
    store.set_state(last_change_id=max(change_id for change_id, _ in changes))
    store.build_ann()
    return touched + len(gone)


def embed_documents(store: VectorStore, documents: list[SearchDocument], progress=None) -> int:
    """Compute and keep the vectors of these documents whose text changed; returns how many."""
    with store.lock():
        return _embed(store, documents, progress)


def _embed(store: VectorStore, documents: list[SearchDocument], progress) -> int:
    embedder = get_embedder()
    assert embedder is not None
    texts = {d.id: document_text(d) for d in documents}
    hashes = {doc_id: text_hash(text) for doc_id, text in texts.items()}
    stored = store.hashes(list(texts))
    changed = [doc_id for doc_id in texts if stored.get(doc_id) != hashes[doc_id]]
    if progress:
        progress(len(documents) - len(changed))
    for start in range(0, len(changed), BATCH):
        ids = changed[start : start + BATCH]
        vectors = embed_texts(embedder, [texts[i] for i in ids])
        store.put(ids, [hashes[i] for i in ids], vectors)
        if progress:
            progress(len(ids))
    return len(changed)


def _batches(items: Iterable, size: int) -> Iterable[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class VectorHealth:
    """state: off (no embedder), missing (never computed), building (the first pass runs
    or was interrupted), ready (searchable by meaning; `behind` changes still to embed)."""

    state: str
    embedder: str
    vectors: int
    followed_to: int | None
    behind: int
    busy: bool
    detail: str

    @property
    def ready(self) -> bool:
        return self.state == "ready"


def vector_state() -> str:
    """VectorHealth.state, read cheaply (Explore asks on every search): one lookup once
    the first pass is complete."""
    store = vector_store()
    if store is None:
        return "off"
    if store.followed_to is not None:
        return "ready"
    return "building" if store.busy() or store.count() else "missing"


def vector_health(records: int | None = None, count_behind: bool = False) -> VectorHealth:
    """How far the vectors are; count_behind also counts the changes not embedded yet
    (for the operator: one more query)."""
    store = vector_store()
    if store is None:
        off = f"vectors are off (CORRIDOR_EMBEDDER={embedder_setting()})"
        return VectorHealth("off", embedder_setting(), 0, None, 0, False, off)
    vectors, mark, busy = store.count(), store.followed_to, store.busy()
    name = store.path.name
    if mark is None:
        from corridor.search.sync import total_records

        expected = records if records is not None else total_records()
        state = "building" if vectors or busy else "missing"
        running = "running" if busy else "not running: `corridor embed` goes on"
        detail = (
            f"first pass {running}; {vectors:,} of {expected:,} items have vectors"
            if state == "building"
            else "no vectors yet: `corridor embed` computes them"
        )
        return VectorHealth(state, name, vectors, None, 0, busy, detail)
    behind = IndexChange.objects.filter(id__gt=mark).count() if count_behind else 0
    detail = f"{vectors:,} vectors, change log followed up to {mark}"
    if behind:
        detail += f" ({behind} changes still to embed)"
    return VectorHealth("ready", name, vectors, mark, behind, busy, detail)


_follower: threading.Thread | None = None
_unavailable = False
_serving = False


def serving_computes_vectors() -> None:
    """Called by `corridor serve`: this process (and the workers it forks) computes missing
    vectors in the background. Other commands (`corridor search`) never start to."""
    global _serving
    _serving = True


_follower_lock = threading.Lock()


def follow_in_background() -> None:
    """Compute what is missing on a thread of this process, unless one already runs here
    (another process's run holds the store's lock, and this one then does nothing)."""
    global _follower
    if not _serving or not getattr(settings, "SEARCH_VECTORS_FOLLOW", True) or _unavailable:
        return
    store = vector_store()
    if store is None:
        return
    mark = store.followed_to
    if mark is not None and not IndexChange.objects.filter(id__gt=mark).exists():
        return
    with _follower_lock:
        if _follower is not None and _follower.is_alive():
            return
        _follower = threading.Thread(target=_follow, name="embed", daemon=True)
        _follower.start()


def _follow() -> None:
    global _unavailable
    try:
        embed_pending(wait=False)
    except EmbedderUnavailable as unavailable:
        _unavailable = True  # said once; a restart with another setting tries again
        log.warning("no vectors: %s", unavailable)
    except Exception:  # a thread of its own: nobody else would hear of it
        log.exception("computing vectors failed")
    finally:
        close_old_connections()
