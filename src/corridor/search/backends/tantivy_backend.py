"""The search engine: tantivy, an embedded full-text index on disk (one per app node).

TantivyIndex writes documents to one index directory and searches it; TantivyBackend is a
node's index: the version of it in use (versions.py), followed when a rebuild switches to a
new one. The schema and the documents it holds are in tantivy_schema, the queries in
tantivy_query, and the facet filters and counts in tantivy_facets."""

import copy
import html
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypedDict

import tantivy
from tantivy import Query

from corridor.search.analysis import fold
from corridor.search.backends.base import (
    Hit,
    HitStream,
    SearchIndex,
    SearchRequest,
    SearchResponse,
)
from corridor.search.backends.tantivy_facets import (
    FieldValues,
    count,
    facet_counts,
    facet_filters,
    facet_plan,
    uncounted_choices,
)
from corridor.search.backends.tantivy_fusion import fuse
from corridor.search.backends.tantivy_query import (
    any_of,
    chosen_first,
    combine,
    range_clauses,
    snippet_query,
    text_query,
)
from corridor.search.backends.tantivy_schema import build_schema, folding_analyzer, to_tantivy
from corridor.search.backends.versions import NODE_LOCK, POINTER, REBUILD_LOCK, IndexHome
from corridor.search.documents import SearchDocument, join_text
from corridor.search.query import ParsedQuery

SNIPPET_CHARS = 220
WRITER_HEAP = 128_000_000
BULK_WRITER_HEAP = 200_000_000
# Kept when an index written with another schema is emptied: its state, its rebuild's
# record, and (in a directory written before versions) the node's pointer and locks.
KEEP = {"state.json", "build.json", POINTER, NODE_LOCK, REBUILD_LOCK}
# Searches of one request run side by side on this many threads (the machine's cores).
_POOL = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="search")
# Answers kept per index version and process: the recent searches' pages and counts.
RESULTS_KEPT = 256


class _Order(TypedDict, total=False):
    """Searcher.search's arguments for the page and the order of the hits."""

    offset: int
    count: bool
    order_by_field: str
    order: tantivy.Order


class TantivyIndex:
    """One index directory (or, with no path, an empty index in memory: a node's index
    before its first rebuild completes)."""

    def __init__(self, path: Path | None):
        self.path = None if path is None else Path(path)
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.schema = build_schema()
        self._write_lock = threading.Lock()
        self._field_values = FieldValues()
        self._state: dict = {}
        self._writes = 0  # commits of this process, for an index without a directory
        self._results = _Results()
        self.engine = self._open()

    def _open(self) -> tantivy.Index:
        if self.path is None:
            index = tantivy.Index(self.schema)
            index.register_tokenizer("folded", folding_analyzer())
            return index
        try:
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        except ValueError:
            # An index written with another schema: start afresh, a rebuild fills it.
            for entry in self.path.iterdir():
                if entry.is_file() and entry.name not in KEEP:
                    entry.unlink()
            self.write_state({})
            index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
        index.register_tokenizer("folded", folding_analyzer())
        return index

    # -- writing -------------------------------------------------------------------------

    def _writer(self, heap: int = WRITER_HEAP):
        return self.engine.writer(heap_size=heap, num_threads=min(2, os.cpu_count() or 1))

    def index_documents(self, documents: Iterable[SearchDocument], progress=None) -> int:
        with self._write_lock:
            writer = self._writer(BULK_WRITER_HEAP)  # fewer, larger segments to merge
            n = 0
            for document in documents:
                writer.delete_documents_by_term("id", document.id)
                writer.add_document(to_tantivy(document))
                n += 1
                if progress:
                    progress(1)
            writer.commit()
            writer.wait_merging_threads()
            self._writes += 1
        self.engine.reload()
        return n

    def apply(self, upserts: Iterable[SearchDocument], deletes: Iterable[str]) -> None:
        """Replace and remove documents in one commit."""
        with self._write_lock:
            writer = self._writer()
            for doc_id in deletes:
                writer.delete_documents_by_term("id", doc_id)
            for document in upserts:
                writer.delete_documents_by_term("id", document.id)
                writer.add_document(to_tantivy(document))
            writer.commit()
            writer.wait_merging_threads()
            self._writes += 1
        self.engine.reload()

    def delete(self, ids: Iterable[str]) -> None:
        self.apply([], ids)

    def clear(self) -> None:
        with self._write_lock:
            writer = self._writer()
            writer.delete_all_documents()
            writer.commit()
            writer.wait_merging_threads()
            self._writes += 1
        self.engine.reload()

    def count(self) -> int:
        return self.engine.searcher().num_docs

    # -- state shared with the change log ----------------------------------------------

    def read_state(self) -> dict:
        if self.path is None:
            return dict(self._state)
        try:
            return json.loads((self.path / "state.json").read_text())
        except (FileNotFoundError, ValueError):
            return {}

    def write_state(self, state: dict) -> None:
        if self.path is None:
            self._state = dict(state)
            return
        tmp = self.path / "state.json.tmp"
        tmp.write_text(json.dumps(state))
        tmp.replace(self.path / "state.json")

    # -- reading -----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        """A page of hits and the counts of every facet. Kept until the index changes:
        counting the facets of a broad search at a million documents takes a core 100-300
        ms, and the same searches come again and again (Explore's first page above all)."""
        version = self._version()
        key = repr(request)  # every field of the request, in a fixed order
        found = self._results.get(version, key)
        if found is None:
            found = self._search_index(request)
            self._results.put(version, key, found)
        # The caller's copy: hits are dataclasses a caller could change.
        return SearchResponse(found.total, [copy.copy(h) for h in found.hits], found.facets)

    def _version(self) -> tuple:
        """What the index holds: its last commit (meta.json, replaced whole by each
        commit of any process) and this process's commits. When another process has
        committed, its commit is read now, so that what is kept under this version
        is at least that commit (the reader would otherwise pick it up a moment later)."""
        if self.path is None:
            return (self._writes,)
        try:
            meta = os.stat(self.path / "meta.json")
        except FileNotFoundError:
            return (self._writes,)
        version = (meta.st_ino, meta.st_mtime_ns, meta.st_size, self._writes)
        if not self._results.holds(version):
            self.engine.reload()
        return version

    def _search_index(self, request: SearchRequest) -> SearchResponse:
        searcher = self.engine.searcher()
        # Stems only in the languages documents are written in: each adds postings to read.
        languages = self._field_values(searcher, "language")
        text = text_query(self.schema, request.query, languages=languages)
        if request.mode == "vector":
            text = None  # found by meaning alone
        elif request.similar and text is not None and not self._matches(searcher, request, text):
            # Hybrid: what is found by meaning makes the total non-zero, so whether the
            # words match as typed is asked first.
            text = text_query(self.schema, request.query, fuzzy=True, languages=languages)
        response = self._search(searcher, request, text)
        if response.total == 0 and text is not None and not request.similar:
            # Nothing as typed: allow a typo in names and titles. Matching with edit
            # distance costs more, so it is the fallback, not the rule.
            fuzzy = text_query(self.schema, request.query, fuzzy=True, languages=languages)
            response = self._search(searcher, request, fuzzy)
        return response

    def _matches(self, searcher: tantivy.Searcher, request: SearchRequest, text: Query) -> bool:
        filters = range_clauses(self.schema, request) + list(
            facet_filters(self.schema, request, self._field_values, searcher).values()
        )
        return count(searcher.search(combine(text, filters), 1)) > 0

    def _search(
        self, searcher: tantivy.Searcher, request: SearchRequest, text: Query | None
    ) -> SearchResponse:
        ranges = range_clauses(self.schema, request)
        filters = facet_filters(self.schema, request, self._field_values, searcher)
        # Hybrid: the documents found by meaning (request.similar) are matches too, counted
        # and filtered like the others.
        similar = (
            Query.term_set_query(self.schema, "id", request.similar)
            if request.similar and request.mode in ("hybrid", "vector")
            else None
        )
        matched = any_of([q for q in (text, similar) if q is not None]) if similar else text
        query = combine(
            matched, ranges + list(filters.values()), chosen_first(self.schema, request)
        )
        # Every document has one type: with no type chosen, the type counts add up to the
        # total, which spares the top-N search a count of its own.
        counted = "type" not in filters
        order = self._order(request, count=not counted)
        fused = similar is not None and request.sort == "relevance"
        # The engine lets go of the GIL while it searches: the passes run side by side.
        top = (
            None if fused else _POOL.submit(searcher.search, query, max(1, request.limit), **order)
        )
        passes = [
            (_POOL.submit(searcher.aggregate, q, aggregations), aggregations)
            for q, aggregations in facet_plan(
                searcher, self._field_values, request, matched, ranges, filters, query
            )
        ]
        uncounted = [
            (name, value, _POOL.submit(searcher.search, q, 1))
            for name, value, q in uncounted_choices(self.schema, request, matched, ranges, filters)
        ]
        counts = facet_counts(
            [(future.result(), aggregations) for future, aggregations in passes],
            [(name, value, future.result()) for name, value, future in uncounted],
        )
        if fused:
            assert similar is not None
            clauses = ranges + list(filters.values())
            scored = fuse(searcher, request, text, similar, clauses)
            total = sum(n for _, n in counts["type"]) if counted else scored.total
            ranked = scored.hits
        else:
            assert top is not None
            result = top.result()
            total = sum(n for _, n in counts["type"]) if counted else count(result)
            ranked = [(score, address) for score, address in result.hits]
        documents = [(score, searcher.doc(address)) for score, address in ranked]
        hits = [self._hit(document, score) for score, document in documents]
        if request.snippets and text is not None and hits:
            # The item's own text first, else the linked records' names that found it.
            generators = []
            for name in ("body", "related"):
                highlight = snippet_query(self.schema, request.query, name)
                generator = tantivy.SnippetGenerator.create(searcher, highlight, self.schema, name)
                generator.set_max_num_chars(SNIPPET_CHARS)
                generators.append(generator)
            for (_, document), hit in zip(documents, hits, strict=True):
                for generator in generators:
                    snippet = generator.snippet_from_doc(document)
                    if snippet.highlighted():
                        hit.snippet_html = snippet.to_html()
                        break
        return SearchResponse(total=total, hits=hits, facets=counts)

    def _order(self, request: SearchRequest, count: bool = True) -> _Order:
        kwargs: _Order = {"offset": request.offset, "count": count}
        if request.sort in ("date", "-date"):
            kwargs["order_by_field"] = "date_sort"
        elif request.sort in ("budget", "-budget"):
            kwargs["order_by_field"] = "budget"
        if "order_by_field" in kwargs:
            descending = request.sort.startswith("-")
            kwargs["order"] = tantivy.Order.Desc if descending else tantivy.Order.Asc
        return kwargs

    def _hit(self, document: tantivy.Document, score, snippet: bool = True) -> Hit:
        def first(name, default=""):
            value = document.get_first(name)
            return default if value is None else value

        return Hit(
            id=first("id"),
            type=first("type"),
            title=first("title"),
            subtitle=first("subtitle"),
            url=first("url"),
            date=first("date"),
            budget=first("budget", None),
            score=float(score) if isinstance(score, float) else 0.0,
            # Downloads have no snippet: the body, the longest field, is not even read.
            snippet_html=(
                html.escape(_shorten(join_text(first("body"), first("related")))) if snippet else ""
            ),
        )

    def all_hits(
        self, request: SearchRequest, limit: int, batch: int = 1000, start: int = 0
    ) -> HitStream:
        """`limit` hits of a request from the `start`-th on, in the page's order (for
        downloads): one search collects them all, then their documents are read a batch at
        a time. Paging with a growing offset instead made each batch search again for every
        hit before it: a download of n hits cost n²/2000 collected hits."""
        searcher = self.engine.searcher()
        languages = self._field_values(searcher, "language")
        filters = range_clauses(self.schema, request) + list(
            facet_filters(self.schema, request, self._field_values, searcher).values()
        )
        text = text_query(self.schema, request.query, languages=languages)
        ranking = chosen_first(self.schema, request)
        if request.mode == "vector":
            text = None  # found by meaning alone
        elif text is not None and count(searcher.search(combine(text, filters), 1)) == 0:
            # As on the page: nothing as typed, so one typo is allowed in names and titles.
            text = text_query(self.schema, request.query, True, languages)
        similar = (
            Query.term_set_query(self.schema, "id", request.similar)
            if request.similar and request.mode in ("hybrid", "vector")
            else None
        )
        matched = any_of([q for q in (text, similar) if q is not None]) if similar else text
        query = combine(matched, filters, ranking)
        total = count(searcher.search(query, 1))
        start = max(0, min(start, total))
        wanted = max(0, min(total - start, limit))

        def collect() -> list:
            # The same search as a page's (same order, same ties), with room for every
            # hit: a page of offset k is then exactly hits[k:k + per_page].
            if similar is not None and request.sort == "relevance":
                whole = SearchRequest(
                    query=request.query,
                    mode=request.mode,
                    similar=request.similar,
                    offset=start,
                    limit=wanted,
                )
                return fuse(searcher, whole, text, similar, filters).hits
            ordered = SearchRequest(query=request.query, sort=request.sort, offset=start)
            return searcher.search(query, wanted, **self._order(ordered, count=False)).hits

        return HitStream(total, self._read_hits(searcher, collect, wanted, batch), wanted, start)

    def _read_hits(self, searcher, collect, wanted: int, batch: int):
        if not wanted:
            return
        found = collect()
        for start in range(0, len(found), batch):
            chunk = found[start : start + batch]
            # Read in the store's order: documents stored side by side share a
            # compressed block, which is then unpacked once rather than once each.
            hits: list = [None] * len(chunk)
            for i in sorted(range(len(chunk)), key=lambda i: _place(chunk[i][1])):
                score, address = chunk[i]
                hits[i] = self._hit(searcher.doc(address), score, snippet=False)
            yield from hits

    def suggest(self, prefix: str, limit: int = 8) -> list[Hit]:
        """Titles that start with, or contain words starting with, what was typed."""
        words = [fold(w) for w in prefix.split() if w.strip()]
        words = [w for w in (" ".join(words)).split() if w][:8]
        if not words or not any(c.isalnum() for c in "".join(words)):
            return []
        searcher = self.engine.searcher()
        try:
            phrase: list[str | tuple[int, str]] = [*words]  # the stub's list is invariant
            query = Query.phrase_prefix_query(self.schema, "title", phrase)
        except ValueError:
            return []
        # What the default results leave out (Facet.hidden_unless_chosen) is not suggested.
        empty = SearchRequest(query=ParsedQuery())
        hidden = facet_filters(self.schema, empty, self._field_values, searcher)
        query = combine(query, list(hidden.values()))
        candidates = searcher.search(query, max(limit * 5, 50)).hits
        hits = [self._hit(searcher.doc(address), score) for score, address in candidates]
        # Titles that begin with what was typed first, then the shorter ones.
        start = " ".join(words)
        hits.sort(key=lambda h: (not fold(h.title).startswith(start), len(h.title)))
        return hits[:limit]


class TantivyBackend:
    """A node's index (settings.SEARCH_INDEX_DIR): searches and writes go to the version in
    use. When a rebuild in any process switches to a new version, this one opens it: it
    looks at the pointer (one stat) at most once a second, and at once before writing."""

    CHECK_INTERVAL = 1.0

    def __init__(self, path: Path):
        self._home = IndexHome(path)
        self.path = self._home.path
        self._lock = threading.Lock()
        self._checked = 0.0
        self._stamp = self.home.stamp()
        self._current = TantivyIndex(self.home.current())

    @property
    def home(self) -> IndexHome:
        return self._home

    @property
    def current(self) -> TantivyIndex:
        return self._current

    @property
    def engine(self) -> tantivy.Index:
        return self._current.engine

    def refresh(self, force: bool = False) -> None:
        """Open the version in use if a rebuild has switched to another since."""
        now = time.monotonic()
        if not force and now - self._checked < self.CHECK_INTERVAL:
            return
        with self._lock:
            self._checked = now
            stamp = self.home.stamp()
            if stamp == self._stamp:
                return
            path = self.home.current()
            if path != self._current.path:
                self._current = TantivyIndex(path)
            self._stamp = stamp

    def new_version(self) -> TantivyIndex:
        """An empty index in a new directory, for a rebuild to fill."""
        return TantivyIndex(self.home.new_version())

    def switch_to(self, index: SearchIndex) -> None:
        """Use `index` from now on, in this process and (by the pointer) in every other."""
        assert isinstance(index, TantivyIndex) and index.path is not None
        with self._lock:
            self.home.switch(index.path)
            self._current = index
            self._stamp = self.home.stamp()

    # -- the version in use's reads and writes ------------------------------------------

    def index_documents(self, documents: Iterable[SearchDocument], progress=None) -> int:
        return self._current.index_documents(documents, progress)

    def apply(self, upserts: Iterable[SearchDocument], deletes: Iterable[str]) -> None:
        self._current.apply(upserts, deletes)

    def delete(self, ids: Iterable[str]) -> None:
        self._current.delete(ids)

    def clear(self) -> None:
        self._current.clear()

    def write_state(self, state: dict) -> None:
        self._current.write_state(state)

    def count(self) -> int:
        self.refresh()
        return self._current.count()

    def read_state(self) -> dict:
        self.refresh()
        return self._current.read_state()

    def search(self, request: SearchRequest) -> SearchResponse:
        self.refresh()
        return self._current.search(request)

    def all_hits(
        self, request: SearchRequest, limit: int, batch: int = 1000, start: int = 0
    ) -> HitStream:
        self.refresh()
        return self._current.all_hits(request, limit, batch, start)

    def suggest(self, prefix: str, limit: int = 8) -> list[Hit]:
        self.refresh()
        return self._current.suggest(prefix, limit)


class _Results:
    """The most recent RESULTS_KEPT answers of one version of the index; a new version
    starts afresh."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._kept: OrderedDict[str, SearchResponse] = OrderedDict()

    def holds(self, version: tuple) -> bool:
        return version == self._version

    def get(self, version: tuple, key: str) -> SearchResponse | None:
        with self._lock:
            if version != self._version:
                return None
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, version: tuple, key: str, response: SearchResponse) -> None:
        with self._lock:
            if version != self._version:
                self._version, self._kept = version, OrderedDict()
            self._kept[key] = response
            if len(self._kept) > RESULTS_KEPT:
                self._kept.popitem(last=False)


def _place(address: tantivy.DocAddress) -> tuple[int, int]:
    return address.segment_ord, address.doc


def _shorten(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
