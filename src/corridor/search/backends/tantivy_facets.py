"""Facets in the tantivy backend: each chosen facet's filter, and the plan of the passes that
count every facet's values (disjunctively, through the shadow fields tantivy_schema adds),
then the counts read from those passes."""

import time

import tantivy
from tantivy import Occur, Query

from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_query import combine
from corridor.search.backends.tantivy_schema import declared
from corridor.search.registry import facet, facets

# The combinations of a facet counted through them (see Facet.count_combinations): all are
# counted, so that each value's count is exact; four values make at most 15.
COMBINATIONS_MAX = 64

Counts = dict[str, list[tuple[str, int]]]


class FieldValues:
    """The values a keyword field holds across the index (at most a thousand), looked up
    again when the index changes, or after half a minute."""

    def __init__(self) -> None:
        self._cache: dict[tuple, list[str]] = {}

    def __call__(self, searcher: tantivy.Searcher, field: str) -> list[str]:
        key = (field, searcher.num_docs, searcher.num_segments, int(time.monotonic() // 30))
        if key not in self._cache:
            if len(self._cache) > 100:
                self._cache.clear()
            terms = searcher.terms_with_prefix(field, "", limit=1000)
            self._cache[key] = [term for term, _ in terms]
        return self._cache[key]


def facet_filters(
    schema: tantivy.Schema,
    request: SearchRequest,
    field_values: FieldValues,
    searcher: tantivy.Searcher | None = None,
) -> dict[str, Query]:
    """Each chosen facet's filter; a facet with values hidden unless chosen
    (Facet.hidden_unless_chosen) filters them out when they are not chosen, as part of
    its own filter, so that its counts still show them."""
    chosen = {
        name: Query.term_set_query(schema, name, values)
        for name, values in request.filters.items()
        if values and facet(name) is not None
    }
    for known in facets():
        hidden = known.hidden_unless_chosen - set(request.filters.get(known.name, ()))
        if searcher is not None and hidden:
            # Only the values some document has: the others cost a clause for nothing.
            hidden &= set(field_values(searcher, known.name))
        if hidden:
            kept = chosen.get(known.name, Query.all_query())
            excluded = Query.term_set_query(schema, known.name, sorted(hidden))
            chosen[known.name] = Query.boolean_query(
                [(Occur.Must, kept), (Occur.MustNot, excluded)]
            )
    return chosen


def facet_plan(
    searcher: tantivy.Searcher,
    field_values: FieldValues,
    request: SearchRequest,
    text: Query | None,
    ranges: list[Query],
    filters: dict[str, Query],
    query: Query,
) -> list[tuple[Query, dict]]:
    """Disjunctive counts: a facet's counts apply every filter but its own, so each
    value shows how many results choosing it (too) would give. Returns the passes to
    run, (query, aggregations): the facets no filter touches share the main query (one
    pass counts them all about as fast as several would), each chosen facet has its own."""

    def terms(name: str, size: int) -> dict:
        counted = declared(name)
        if counted.count_combinations:  # every combination, split afterwards
            return {"terms": {"field": counted.combinations_field, "size": COMBINATIONS_MAX}}
        field = counted.counted_field if counted.counted_values else name
        return {"terms": {"field": field, "size": size}}

    filled = filled_facets(searcher, field_values)
    unselected = [name for name in filled if name not in filters]
    plan = [(query, {name: terms(name, request.facet_size) for name in unselected})]
    for name in filters:
        others = [q for other, q in filters.items() if other != name]
        size = max(request.facet_size, len(request.filters.get(name, [])) + request.facet_size)
        plan.append((combine(text, ranges + others), {name: terms(name, size)}))
    return plan


def uncounted_choices(
    schema: tantivy.Schema,
    request: SearchRequest,
    text: Query | None,
    ranges: list[Query],
    filters: dict[str, Query],
) -> list[tuple[str, str, Query]]:
    """A chosen value its facet does not count (Facet.counted_values) is counted on its
    own, as its facet's counts are: every filter but the facet's own applies. Returns
    (facet, value, query to count) for each."""
    searches: list[tuple[str, str, Query]] = []
    for name in filters:
        accepts = declared(name).counted_values
        if accepts is None:
            continue
        others = [q for other, q in filters.items() if other != name]
        for value in request.filters.get(name, []):
            if not accepts(value):
                alone = Query.term_query(schema, name, value)
                searches.append((name, value, combine(text, ranges + others + [alone])))
    return searches


def facet_counts(
    passes: list[tuple[dict, dict]], uncounted: list[tuple[str, str, tantivy.SearchResult]]
) -> Counts:
    """Every facet's counts, from the passes of facet_plan, (aggregated, aggregations), and
    the searches of uncounted_choices, (facet, value, result)."""
    counts: Counts = {f.name: [] for f in facets()}
    for aggregated, aggregations in passes:
        for name in aggregations:
            buckets = aggregated.get(name, {}).get("buckets", [])
            found = [(str(b["key"]), int(b["doc_count"])) for b in buckets]
            counts[name] = split_combinations(found) if declared(name).count_combinations else found
    for name, value, result in uncounted:
        counts[name].append((value, count(result)))
    return counts


def filled_facets(searcher: tantivy.Searcher, field_values: FieldValues) -> list[str]:
    """The facets some document has a value for: counting the others costs a pass over
    the matches for nothing."""
    return [f.name for f in facets() if field_values(searcher, f.name)]


def count(result: tantivy.SearchResult) -> int:
    """The number of matches of a search run with count=True (the default)."""
    return result.count  # type: ignore[attr-defined]  # tantivy's stub lacks SearchResult.count


def split_combinations(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts of value combinations ("lead+partner": 12) as counts of each value, most
    frequent first: a document with both roles counts once for each."""
    totals: dict[str, int] = {}
    for combination, n in counts:
        for value in combination.split("+"):
            totals[value] = totals.get(value, 0) + n
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
