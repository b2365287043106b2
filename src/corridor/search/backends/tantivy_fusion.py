"""Hybrid ranking in the tantivy backend: the documents found by their words and those found
by meaning (SearchRequest.similar, closest first), in one order by reciprocal rank fusion.

Each document scores 1/(K + its rank) in each list it is in. The word ranking is read to
FUSE_DEPTH; below it a document found by words alone scores less than any found by meaning
(given len(similar) <= FUSE_DEPTH), so the order goes on with the word ranking of the rest:
the documents found by words, less those found by meaning, from where the fused head left
them. Any page is therefore read with at most three searches, however deep."""

from dataclasses import dataclass

import tantivy
from tantivy import Occur, Query

from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_query import combine

RRF_K = 60
FUSE_DEPTH = 100


@dataclass
class Fused:
    total: int  # documents found by words or by meaning
    hits: list[tuple[float, tantivy.DocAddress]]  # the requested page


def _key(address: tantivy.DocAddress) -> tuple[int, int]:
    return address.segment_ord, address.doc


def fuse(
    searcher: tantivy.Searcher,
    request: SearchRequest,
    text: Query | None,
    similar: Query,
    clauses: list[Query],
) -> Fused:
    meaning_rank = {doc_id: rank for rank, doc_id in enumerate(request.similar)}
    near = searcher.search(combine(similar, clauses), max(1, len(request.similar))).hits
    by_meaning: dict[tuple[int, int], tuple[int, tantivy.DocAddress]] = {}
    for _, address in near:
        doc_id = str(searcher.doc(address).get_first("id"))
        by_meaning[_key(address)] = (meaning_rank.get(doc_id, len(meaning_rank)), address)
    scores: dict[tuple[int, int], float] = {
        key: 1.0 / (RRF_K + rank + 1) for key, (rank, _) in by_meaning.items()
    }
    addresses = {key: address for key, (_, address) in by_meaning.items()}
    words_total = 0
    words_head: list[tuple[int, int]] = []
    if text is not None:
        found = searcher.search(combine(text, clauses), FUSE_DEPTH)
        words_total = found.count  # type: ignore[attr-defined]  # missing from the stub
        for rank, (_, address) in enumerate(found.hits):
            key = _key(address)
            words_head.append(key)
            addresses[key] = address
            scores[key] = scores.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
    head = sorted(scores, key=lambda key: -scores[key])
    both = sum(1 for key in words_head if key in by_meaning)
    total = words_total + len(by_meaning) - _found_by_both(searcher, text, similar, clauses)
    start, end = request.offset, request.offset + request.limit
    page = [(scores[key], addresses[key]) for key in head[start:end]]
    if len(page) < request.limit and text is not None and words_total > FUSE_DEPTH:
        # The word ranking less what meaning found, after the words' part of the head.
        rest = Query.boolean_query([(Occur.Must, combine(text, clauses)), (Occur.MustNot, similar)])
        skip = (len(words_head) - both) + max(0, start - len(head))
        tail = searcher.search(rest, request.limit - len(page), offset=skip, count=False)
        page += [(0.0, address) for _, address in tail.hits]
    return Fused(total=total, hits=page)


def _found_by_both(
    searcher: tantivy.Searcher, text: Query | None, similar: Query, clauses: list[Query]
) -> int:
    if text is None:
        return 0
    both = searcher.search(combine(text, [similar, *clauses]), 1)
    return both.count  # type: ignore[attr-defined]
