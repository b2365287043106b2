"""Explore: one search over every content type, shared by the page, the API and the CLI."""

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.core.cache import caches

from corridor.search.backends import get_backend
from corridor.search.backends.base import SORTS, Hit, SearchRequest
from corridor.search.embed import follow_in_background, vector_state, vector_store
from corridor.search.embeddings import get_embedder
from corridor.search.query import parse_query
from corridor.search.registry import facets
from corridor.search.sync import catch_up, index_health

PER_PAGE = 20
# Documents found by meaning that join the words' matches, and how much less close than the
# closest they may be (cosine).
VECTOR_CANDIDATES = 50
VECTOR_MARGIN = 0.06
MAX_PER_PAGE = 100
# Deep pages cost the engine as much as all pages before them; beyond this, narrow down.
MAX_OFFSET = 10_000
MAX_FILTER_VALUES = 50
MODES = ("hybrid", "keyword", "vector")
CATCH_UP_INTERVAL = 1.0  # seconds between change-log checks of one process
EXPORT_BATCH = 1000  # documents read from the index at a time for a download

_last_catch_up = 0.0
_catch_up_lock = threading.Lock()


@dataclass
class ExploreParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    # "hybrid" (words and meaning; the default once this node has vectors), "keyword" or
    # "vector"; "" until chosen.
    mode: str = ""
    messages: list[str] = field(default_factory=list)  # what was not understood

    @classmethod
    def from_query(cls, data) -> "ExploreParams":
        """From request.GET (or any mapping with getlist): never fails on bad input."""
        params = cls(q=(data.get("q") or "")[:10_000])
        for facet in facets():
            values = [v for v in data.getlist(facet.name) if v and len(v) <= 200]
            if values:
                params.filters[facet.name] = list(dict.fromkeys(values))[:MAX_FILTER_VALUES]
        params.year_from = params._number(data, "year_from", int, 1900, 2100)
        params.year_to = params._number(data, "year_to", int, 1900, 2100)
        params.budget_min = params._number(data, "budget_min", float, 0, 1e13)
        params.budget_max = params._number(data, "budget_max", float, 0, 1e13)
        sort = data.get("sort") or "relevance"
        if sort in SORTS:
            params.sort = sort
        else:
            params.messages.append(f"Unknown sort order {sort[:40]!r}: sorted by relevance.")
        mode = data.get("mode") or ""
        if mode in MODES:
            params.mode = mode
        elif mode:
            params.messages.append(f"Unknown search mode {mode[:40]!r}: {', '.join(MODES)}.")
        params.page = params._number(data, "page", int, 1, 10**12) or 1
        params.per_page = params._number(data, "per_page", int, 1, MAX_PER_PAGE) or PER_PAGE
        return params

    from_query_dict = from_query  # the name the CLI knows

    def _number(self, data, name: str, kind, low, high):
        raw = (data.get(name) or "").strip()
        if not raw:
            return None
        try:
            value = kind(raw)
        except ValueError:
            self.messages.append(f"{name} must be a number; {raw[:40]!r} was ignored.")
            return None
        if not low <= value <= high:
            self.messages.append(f"{name} must lie between {low:g} and {high:g}; ignored.")
            return None
        return value


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetView:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


@dataclass
class ExploreResult:
    params: ExploreParams
    total: int
    hits: list[Hit]
    facets: list[FacetView]
    page: int
    pages: int
    messages: list[str]
    index_state: str = "ready"  # sync.IndexHealth.state: whether the index answers whole
    mode: str = "keyword"  # how the results were found: hybrid, keyword or vector
    vectors_state: str = "off"  # embed.VectorHealth.state: whether meaning can be searched


def explore(params: ExploreParams) -> ExploreResult:
    follow_changes()
    health = index_health(get_backend())
    messages = [health.notice] if health.notice else []
    messages += params.messages
    query = parse_query(params.q)
    if query.truncated:
        messages.append("The query was long: only its first words were searched.")
    offset = (params.page - 1) * params.per_page
    if offset > MAX_OFFSET:
        messages.append(f"Only the first {MAX_OFFSET:,} results can be paged through; "
                        "narrow the search with the filters.")  # fmt: skip
        offset = MAX_OFFSET
    request = _request(params, query, offset)
    vectors = vector_state()
    request.mode = _mode(params, query, vectors, messages)
    if request.mode != "keyword":
        request.similar = similar_to_query(params.q, request.mode)
    response = get_backend().search(request)
    pages = max(1, -(-response.total // params.per_page))
    if response.total and offset >= response.total:
        messages.append(f"There are {pages:,} pages of results; showing the last.")
        request.offset = (min(pages, MAX_OFFSET // params.per_page + 1) - 1) * params.per_page
        response = get_backend().search(request)
    return ExploreResult(
        params=params,
        total=response.total,
        hits=response.hits,
        facets=_facet_views(params, response.facets),
        page=request.offset // params.per_page + 1,
        pages=pages,
        messages=messages,
        index_state=health.state,
        mode=request.mode,
        vectors_state=vectors,
    )


def _mode(params: ExploreParams, query, vectors: str, messages: list[str]) -> str:
    """The mode asked for, or hybrid once this node has vectors; keyword while they are
    computed, which the page says in a line."""
    if query.empty:
        return "keyword"
    wanted = params.mode or "hybrid"
    if wanted == "keyword" or vectors == "ready":
        return wanted
    if vectors == "building":
        messages.append("Results by meaning are being prepared: these are found by their words.")
    elif params.mode:
        messages.append("Search by meaning is not available on this server: results are "
                        "found by their words.")  # fmt: skip
    return "keyword"


def similar_to_query(q: str, mode: str) -> list[str]:
    """The ids of the documents closest in meaning to what was typed, closest first: as
    many as the fusion reads (vector mode: more), and only those not much further than the
    closest (cosines of one model lie close together; a margin keeps the near ones)."""
    store = vector_store()
    if store is None:
        return []
    vector = query_vector(q.strip()[:1000])
    nearest = store.nearest(vector, VECTOR_CANDIDATES * (2 if mode == "vector" else 1))
    if not nearest:
        return []
    best = nearest[0][1]
    return [doc_id for doc_id, score in nearest if score >= best - VECTOR_MARGIN]


@lru_cache(maxsize=512)
def query_vector(q: str):
    embedder = get_embedder()
    assert embedder is not None
    return embedder.query(q)


def _request(params: ExploreParams, query, offset: int, limit: int | None = None):
    return SearchRequest(
        query=query,
        filters=params.filters,
        year_from=params.year_from,
        year_to=params.year_to,
        budget_min=params.budget_min,
        budget_max=params.budget_max,
        sort=params.sort if params.sort != "relevance" or not query.empty else "-date",
        offset=offset,
        limit=limit or params.per_page,
    )


@dataclass
class ExploreExport:
    """The results of a search for a download, in the page's order: `rows` of `total`
    from the `start`-th on (0 = the first). A broad search is downloaded in parts of at
    most settings.EXPORT_MAX_ROWS; `next_start` is where the next part begins."""

    total: int
    rows: int
    hits: Iterable[Hit]
    messages: list[str]
    start: int = 0

    @property
    def truncated(self) -> bool:
        return self.rows < self.total

    @property
    def next_start(self) -> int | None:
        end = self.start + self.rows
        return end if end < self.total else None


def explore_all_hits(
    params: ExploreParams, batch: int = EXPORT_BATCH, start: int = 0
) -> ExploreExport:
    """At most settings.EXPORT_MAX_ROWS results from the `start`-th on: a download of a
    broad search at a million documents would otherwise hold a worker for half a minute or
    more, so it comes in parts, each saying where the next begins."""
    follow_changes()
    health = index_health(get_backend())
    query = parse_query(params.q)
    request = _request(params, query, 0)
    request.snippets = False
    request.mode = _mode(params, query, vector_state(), [])
    if request.mode != "keyword":
        request.similar = similar_to_query(params.q, request.mode)
    most = settings.EXPORT_MAX_ROWS
    stream = get_backend().all_hits(request, most, batch, start)
    messages = [health.notice] if health.notice else []
    if stream.start and not stream.limit:
        messages.append(
            f"The search has {stream.total:,} results; none from result {start + 1:,} on."
        )
    elif stream.limit < stream.total:
        first, last = stream.start + 1, stream.start + stream.limit
        rest = (
            "the next part starts at result " + f"{last + 1:,}."
            if last < stream.total
            else "this is the last part."
        )
        messages.append(
            f"Results {first:,} to {last:,} of {stream.total:,}: a download holds at most "
            f"{most:,}, so a search this broad comes in parts; {rest}"
        )
    return ExploreExport(stream.total, stream.limit, stream.hits, messages, stream.start)


SIMILAR = 5


def similar_items(doc_id: str, limit: int = SIMILAR) -> list[Hit]:
    """The items of the same type closest in meaning to one (its page's "Similar" block),
    as Explore shows them to everyone (closed ideas, for one, left out); [] until this node
    has vectors."""
    store = vector_store()
    vector = store.vector(doc_id) if store is not None else None
    if store is None or vector is None:
        return []
    type_name = doc_id.partition(":")[0]
    # Enough neighbours of every type that `limit` of this one are among them.
    near = [
        found
        for found, _ in store.nearest(vector, max(200, limit * 20))
        if found != doc_id and found.startswith(f"{type_name}:")
    ]
    request = SearchRequest(
        query=parse_query(""), filters={"type": [type_name]}, mode="vector",
        similar=near[: limit * 4], limit=limit, snippets=False,
    )  # fmt: skip
    return get_backend().search(request).hits


def closeness(doc_id: str, others: list[str]) -> dict[str, float]:
    """The cosine between one document's vector and each of the others that has one; {}
    when the first has none."""
    store = vector_store()
    vector = store.vector(doc_id) if store is not None else None
    if store is None or vector is None:
        return {}
    view = store.view()
    rows = [(other, view.row_of[other]) for other in others if other in view.row_of]
    if not rows:
        return {}
    sims = np.asarray(view.matrix[[row for _, row in rows]], np.float32) @ vector
    return {other: float(sim) for (other, _), sim in zip(rows, sims, strict=True)}


def suggest(prefix: str, limit: int = 8) -> list[Hit]:
    follow_changes()
    return get_backend().suggest(prefix[:200], limit)


def follow_changes() -> None:
    """Apply what other processes and nodes changed, at most once a second."""
    global _last_catch_up
    now = time.monotonic()
    if now - _last_catch_up < CATCH_UP_INTERVAL:
        return
    with _catch_up_lock:
        _last_catch_up = now
    catch_up(wait=False)
    follow_in_background()  # the vectors, on a thread: computing them takes seconds


def facet_labels() -> dict[str, dict[str, str]]:
    """Each facet's value labels, as its declaration gives them (read once a minute)."""
    cache = caches["local"]  # this process's memory: no query for it on each page
    labels = cache.get("search-facet-labels")
    if labels is None:
        labels = {f.name: f.labels() for f in facets() if f.labels}
        cache.set("search-facet-labels", labels, 60)
    return labels


def _facet_views(params: ExploreParams, counts: dict) -> list[FacetView]:
    labels = facet_labels()
    views = []
    for facet in facets():
        selected = params.filters.get(facet.name, [])
        found = dict(counts.get(facet.name, []))
        own = labels.get(facet.name, {})
        values = [(value, found.get(value, 0)) for value in selected]
        values += [(v, n) for v, n in counts.get(facet.name, []) if v not in selected]
        views.append(
            FacetView(
                name=facet.name,
                label=facet.label,
                values=[
                    FacetValue(value, own.get(value, value), n, value in selected)
                    for value, n in values
                ],
            )
        )
    return views
