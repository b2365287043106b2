"""The search engine: tantivy, an embedded full-text index on disk (one per app node)."""

import html
import json
import os
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypedDict

import tantivy
from tantivy import Occur, Query

from corridor.search.analysis import detect_language, fold, query_stems, stems
from corridor.search.backends.base import Hit, SearchRequest, SearchResponse
from corridor.search.documents import SearchDocument
from corridor.search.facets import Facet
from corridor.search.query import ParsedQuery
from corridor.search.registry import facet, facets

SNIPPET_CHARS = 220
# The combinations of a facet counted through them (see Facet.count_combinations): all are
# counted, so that each value's count is exact; four values make at most 15.
COMBINATIONS_MAX = 64
FUZZY_MIN_LENGTH = 5  # shorter words get too many neighbours at one edit
WRITER_HEAP = 128_000_000
BULK_WRITER_HEAP = 200_000_000
# Searches of one request run side by side on this many threads (the machine's cores).
_POOL = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="search")


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("type", stored=True, tokenizer_name="raw", fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name="folded")
    builder.add_text_field("subtitle", stored=True, tokenizer_name="folded")
    builder.add_text_field("body", stored=True, tokenizer_name="folded")
    builder.add_text_field("names", stored=False, tokenizer_name="folded")
    builder.add_text_field("stems", stored=False, tokenizer_name="whitespace")
    builder.add_text_field("language", stored=False, tokenizer_name="raw", fast=True)
    builder.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("date", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("date_sort", stored=False, indexed=True, fast=True)
    builder.add_integer_field("year_start", stored=False, indexed=True, fast=True)
    builder.add_integer_field("year_end", stored=False, indexed=True, fast=True)
    builder.add_float_field("budget", stored=True, indexed=True, fast=True)

    def keyword(name: str) -> None:
        builder.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)

    # The registered facets ("type" is stored above), then their shadow fields for counting.
    for f in _document_facets():
        keyword(f.name)
    for f in _document_facets():
        if f.counted_values:
            keyword(f.counted_field)
        if f.count_combinations:
            keyword(f.combinations_field)
    return builder.build()


def _document_facets():
    """The facets a document fills: all but the type, which is a field of every document."""
    return [f for f in facets() if f.name != "type"]


def _declared(name: str) -> Facet:
    """A facet the backend counts or filters by: one of facets(), or a filter that
    _facet_filters kept because it is declared."""
    declared = facet(name)
    assert declared is not None, f"undeclared facet {name!r}"
    return declared


class _Order(TypedDict, total=False):
    """Searcher.search's arguments for the page and the order of the hits."""

    offset: int
    count: bool
    order_by_field: str
    order: tantivy.Order


def _folding_analyzer():
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(60))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


class TantivyBackend:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self._write_lock = threading.Lock()
        self._values_cache: dict[tuple, list[str]] = {}
        self.engine = self._open()

    def _open(self) -> tantivy.Index:
        try:
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        except ValueError:
            # An index written with another schema: start afresh, a rebuild fills it.
            for entry in self.path.iterdir():
                if entry.is_file() and entry.name != "state.json":
                    entry.unlink()
            self.write_state({})
            index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
        index.register_tokenizer("folded", _folding_analyzer())
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
                writer.add_document(self._to_tantivy(document))
                n += 1
                if progress:
                    progress(1)
            writer.commit()
            writer.wait_merging_threads()
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
                writer.add_document(self._to_tantivy(document))
            writer.commit()
            writer.wait_merging_threads()
        self.engine.reload()

    def delete(self, ids: Iterable[str]) -> None:
        self.apply([], ids)

    def clear(self) -> None:
        with self._write_lock:
            writer = self._writer()
            writer.delete_all_documents()
            writer.commit()
            writer.wait_merging_threads()
        self.engine.reload()

    def count(self) -> int:
        return self.engine.searcher().num_docs

    def _to_tantivy(self, d: SearchDocument) -> tantivy.Document:
        language = d.language or detect_language(d.body)
        fields = {
            "id": d.id,
            "type": d.type,
            "title": d.title,
            "subtitle": d.subtitle,
            "body": d.body,
            "names": d.names,
            "stems": stems(f"{d.title}\n{d.body}", language),
            "language": language or "unknown",
            "url": d.url,
            "date": d.date.isoformat() if d.date else "",
        }
        document = tantivy.Document(**fields)
        if d.date:
            document.add_integer("date_sort", d.date.toordinal())
        if d.year_start is not None:
            document.add_integer("year_start", d.year_start)
            document.add_integer("year_end", d.year_end if d.year_end is not None else d.year_start)
        if d.budget is not None:
            document.add_float("budget", float(d.budget))
        for name, values in d.facets.items():
            if name == "type":
                continue
            declared = facet(name)
            if declared is None:
                raise ValueError(f"{d.id} has values for the undeclared facet {name!r}")
            for value in dict.fromkeys(values):
                document.add_text(name, value)
                if declared.counted_values and declared.counted_values(value):
                    document.add_text(declared.counted_field, value)
            if declared.count_combinations and values:
                document.add_text(declared.combinations_field, "+".join(sorted(set(values))))
        return document

    # -- state shared with the change log ----------------------------------------------

    def read_state(self) -> dict:
        try:
            return json.loads((self.path / "state.json").read_text())
        except (FileNotFoundError, ValueError):
            return {}

    def write_state(self, state: dict) -> None:
        tmp = self.path / "state.json.tmp"
        tmp.write_text(json.dumps(state))
        tmp.replace(self.path / "state.json")

    # -- reading -----------------------------------------------------------------------

    def _text_query(self, parsed: ParsedQuery, fuzzy: bool = False, languages=None) -> Query | None:
        """Every word must match: as written (accents folded) in the title, names or body, or
        by its stem in any language. With fuzzy, names and titles one typo away match too."""
        if parsed.empty:
            return None
        schema, clauses = self.schema, []
        for word in parsed.terms:
            folded = fold(word)
            alternatives = [
                Query.boost_query(Query.term_query(schema, "title", folded), 3.0),
                Query.boost_query(Query.term_query(schema, "names", folded), 2.0),
                # The stems field holds title and body, stemmed: the word as written and
                # its stems both find the body there, one posting list fewer than "body".
                # One term query per stem, not a set of terms: a set reads every posting of
                # every term and scores them alike; term queries skip and rank by BM25.
                *(
                    Query.term_query(schema, "stems", stem)
                    for stem in sorted(query_stems(word, languages))
                ),
            ]
            if fuzzy and len(folded) >= FUZZY_MIN_LENGTH:
                for name in ("title", "names"):
                    alternatives.append(
                        Query.boost_query(
                            Query.fuzzy_term_query(schema, name, folded, distance=1), 0.3
                        )
                    )
            clauses.append((Occur.Must, _any(alternatives)))
        for phrase in parsed.phrases:
            # Words alone; the stub's list (invariant) also allows (position, word) pairs.
            words: list[str | tuple[int, str]] = [fold(w) for w in phrase]
            clauses.append(
                (
                    Occur.Must,
                    _any(
                        [
                            Query.boost_query(Query.phrase_query(schema, "title", words), 3.0),
                            Query.phrase_query(schema, "body", words),
                        ]
                    ),
                )
            )
        for word in parsed.excluded:
            folded = fold(word)
            for name in ("title", "body", "names"):
                clauses.append((Occur.MustNot, Query.term_query(schema, name, folded)))
        return Query.boolean_query(clauses)

    def _snippet_query(self, parsed: ParsedQuery) -> Query:
        """The words as they stand in the body, for highlighting (matching goes by stems)."""
        words = [fold(w) for w in parsed.terms] + [fold(w) for p in parsed.phrases for w in p]
        return _any([Query.term_query(self.schema, "body", w) for w in words])

    def _range_clauses(self, request: SearchRequest) -> list[Query]:
        schema, clauses = self.schema, []
        integer, floating = tantivy.FieldType.Integer, tantivy.FieldType.Float
        if request.year_to is not None:
            clauses.append(Query.range_query(schema, "year_start", integer, None, request.year_to))
        if request.year_from is not None:
            clauses.append(Query.range_query(schema, "year_end", integer, request.year_from, None))
        if request.budget_min is not None or request.budget_max is not None:
            clauses.append(
                Query.range_query(
                    schema, "budget", floating, request.budget_min, request.budget_max
                )
            )
        return clauses

    def _combine(self, text: Query | None, filters: list[Query]) -> Query:
        clauses = [(Occur.Must, q) for q in ([text] if text else []) + filters]
        if not clauses:
            return Query.all_query()
        if text is None:
            # Filters alone: every match scores the same.
            return Query.const_score_query(Query.boolean_query(clauses), 1.0)
        return Query.boolean_query(clauses)

    def _facet_filters(self, request: SearchRequest, searcher=None) -> dict[str, Query]:
        """Each chosen facet's filter; a facet with values hidden unless chosen
        (Facet.hidden_unless_chosen) filters them out when they are not chosen, as part of
        its own filter, so that its counts still show them."""
        chosen = {
            name: Query.term_set_query(self.schema, name, values)
            for name, values in request.filters.items()
            if values and facet(name) is not None
        }
        for declared in facets():
            hidden = declared.hidden_unless_chosen - set(request.filters.get(declared.name, ()))
            if searcher is not None and hidden:
                # Only the values some document has: the others cost a clause for nothing.
                hidden &= set(self._field_values(searcher, declared.name))
            if hidden:
                kept = chosen.get(declared.name, Query.all_query())
                excluded = Query.term_set_query(self.schema, declared.name, sorted(hidden))
                chosen[declared.name] = Query.boolean_query(
                    [(Occur.Must, kept), (Occur.MustNot, excluded)]
                )
        return chosen

    def search(self, request: SearchRequest) -> SearchResponse:
        searcher = self.engine.searcher()
        # Stems only in the languages documents are written in: each adds postings to read.
        languages = self._field_values(searcher, "language")
        text = self._text_query(request.query, languages=languages)
        response = self._search(searcher, request, text)
        if response.total == 0 and text is not None:
            # Nothing as typed: allow a typo in names and titles. Matching with edit
            # distance costs more, so it is the fallback, not the rule.
            fuzzy = self._text_query(request.query, fuzzy=True, languages=languages)
            response = self._search(searcher, request, fuzzy)
        return response

    def _search(
        self, searcher: tantivy.Searcher, request: SearchRequest, text: Query | None
    ) -> SearchResponse:
        ranges = self._range_clauses(request)
        facet_filters = self._facet_filters(request, searcher)
        query = self._combine(text, ranges + list(facet_filters.values()))
        # Every document has one type: with no type chosen, the type counts add up to the
        # total, which spares the top-N search a count of its own.
        counted = "type" not in facet_filters
        order = self._order(request, count=not counted)
        # The engine lets go of the GIL while it searches: the passes run side by side.
        top = _POOL.submit(searcher.search, query, max(1, request.limit), **order)
        passes = [
            (_POOL.submit(searcher.aggregate, q, aggregations), aggregations)
            for q, aggregations in self._facet_plan(
                searcher, request, text, ranges, facet_filters, query
            )
        ]
        uncounted = self._uncounted_choices(searcher, request, text, ranges, facet_filters)
        counts: dict[str, list[tuple[str, int]]] = {f.name: [] for f in facets()}
        for future, aggregations in passes:
            aggregated = future.result()
            for name in aggregations:
                buckets = aggregated.get(name, {}).get("buckets", [])
                found = [(str(b["key"]), int(b["doc_count"])) for b in buckets]
                counts[name] = (
                    _split_combinations(found) if _declared(name).count_combinations else found
                )
        for name, value, counting in uncounted:
            counts[name].append((value, _count(counting.result())))
        result = top.result()
        total = sum(n for _, n in counts["type"]) if counted else _count(result)
        documents = [(score, searcher.doc(address)) for score, address in result.hits]
        hits = [self._hit(document, score) for score, document in documents]
        if request.snippets and text is not None and hits:
            highlight = self._snippet_query(request.query)
            generator = tantivy.SnippetGenerator.create(searcher, highlight, self.schema, "body")
            generator.set_max_num_chars(SNIPPET_CHARS)
            for (_, document), hit in zip(documents, hits, strict=True):
                snippet = generator.snippet_from_doc(document)
                if snippet.highlighted():
                    hit.snippet_html = snippet.to_html()
        return SearchResponse(total=total, hits=hits, facets=counts)

    def _uncounted_choices(
        self, searcher: tantivy.Searcher, request, text, ranges, facet_filters
    ) -> list[tuple[str, str, Future[tantivy.SearchResult]]]:
        """A chosen value its facet does not count (Facet.counted_values) is counted on its
        own, as its facet's counts are: every filter but the facet's own applies. Returns
        (facet, value, future count) for each."""
        searches: list[tuple[str, str, Future[tantivy.SearchResult]]] = []
        for name in facet_filters:
            accepts = _declared(name).counted_values
            if accepts is None:
                continue
            others = [q for other, q in facet_filters.items() if other != name]
            for value in request.filters.get(name, []):
                if not accepts(value):
                    alone = Query.term_query(self.schema, name, value)
                    query = self._combine(text, ranges + others + [alone])
                    searches.append((name, value, _POOL.submit(searcher.search, query, 1)))
        return searches

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

    def _facet_plan(self, searcher, request, text, ranges, facet_filters, query) -> list:
        """Disjunctive counts: a facet's counts apply every filter but its own, so each
        value shows how many results choosing it (too) would give. Returns the passes to
        run, (query, aggregations): the facets no filter touches share the main query (one
        pass counts them all about as fast as several would), each chosen facet has its own."""

        def terms(name: str, size: int) -> dict:
            declared = _declared(name)
            if declared.count_combinations:  # every combination, split afterwards
                return {"terms": {"field": declared.combinations_field, "size": COMBINATIONS_MAX}}
            field = declared.counted_field if declared.counted_values else name
            return {"terms": {"field": field, "size": size}}

        filled = self._filled_facets(searcher)
        unselected = [name for name in filled if name not in facet_filters]
        plan = [(query, {name: terms(name, request.facet_size) for name in unselected})]
        for name in facet_filters:
            others = [q for other, q in facet_filters.items() if other != name]
            size = max(request.facet_size, len(request.filters.get(name, [])) + request.facet_size)
            plan.append((self._combine(text, ranges + others), {name: terms(name, size)}))
        return plan

    def _filled_facets(self, searcher: tantivy.Searcher) -> list[str]:
        """The facets some document has a value for: counting the others costs a pass over
        the matches for nothing."""
        return [f.name for f in facets() if self._field_values(searcher, f.name)]

    def _field_values(self, searcher: tantivy.Searcher, field: str) -> list[str]:
        """The values a keyword field holds across the index (at most a thousand), looked up
        again when the index changes, or after half a minute."""
        key = (field, searcher.num_docs, searcher.num_segments, int(time.monotonic() // 30))
        if key not in self._values_cache:
            if len(self._values_cache) > 100:
                self._values_cache.clear()
            terms = searcher.terms_with_prefix(field, "", limit=1000)
            self._values_cache[key] = [term for term, _ in terms]
        return self._values_cache[key]

    def _hit(self, document: tantivy.Document, score) -> Hit:
        stored = document.to_dict()

        def first(name, default=""):
            values = stored.get(name) or [default]
            return values[0]

        return Hit(
            id=first("id"),
            type=first("type"),
            title=first("title"),
            subtitle=first("subtitle"),
            url=first("url"),
            date=first("date"),
            budget=first("budget", None),
            score=float(score) if isinstance(score, float) else 0.0,
            snippet_html=html.escape(_shorten(first("body"))),
        )

    def iter_hits(self, request: SearchRequest, batch: int = 1000):
        """Every hit of a request in order, a batch at a time (for exports)."""
        searcher = self.engine.searcher()
        languages = self._field_values(searcher, "language")
        filters = self._range_clauses(request) + list(
            self._facet_filters(request, searcher).values()
        )
        text = self._text_query(request.query, languages=languages)
        query = self._combine(text, filters)
        if text is not None and _count(searcher.search(query, 1)) == 0:
            # As on the page: nothing as typed, so one typo is allowed in names and titles.
            query = self._combine(self._text_query(request.query, True, languages), filters)
        offset = 0
        while True:
            page = SearchRequest(**{**request.__dict__, "offset": offset, "limit": batch})
            result = searcher.search(query, batch, **self._order(page))
            if not result.hits:
                return
            for score, address in result.hits:
                yield self._hit(searcher.doc(address), score)
            offset += batch

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
        hidden = self._facet_filters(SearchRequest(query=ParsedQuery()), searcher)
        query = self._combine(query, list(hidden.values()))
        candidates = searcher.search(query, max(limit * 5, 50)).hits
        hits = [self._hit(searcher.doc(address), score) for score, address in candidates]
        # Titles that begin with what was typed first, then the shorter ones.
        start = " ".join(words)
        hits.sort(key=lambda h: (not fold(h.title).startswith(start), len(h.title)))
        return hits[:limit]


def _count(result: tantivy.SearchResult) -> int:
    """The number of matches of a search run with count=True (the default)."""
    return result.count  # type: ignore[attr-defined]  # tantivy's stub lacks SearchResult.count


def _split_combinations(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts of value combinations ("lead+partner": 12) as counts of each value, most
    frequent first: a document with both roles counts once for each."""
    totals: dict[str, int] = {}
    for combination, n in counts:
        for value in combination.split("+"):
            totals[value] = totals.get(value, 0) + n
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def _any(queries: list[Query]) -> Query:
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def _shorten(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
