"""What the tantivy backend searches for: a parsed query as a tantivy query (words, stems,
phrases, exclusions, typos), the words to highlight, the ranges of years and budgets, and
their combination with the facet filters."""

import tantivy
from tantivy import Occur, Query

from corridor.search.analysis import fold, query_stems
from corridor.search.backends.base import SearchRequest
from corridor.search.query import ParsedQuery

FUZZY_MIN_LENGTH = 5  # shorter words get too many neighbours at one edit


def text_query(
    schema: tantivy.Schema, parsed: ParsedQuery, fuzzy: bool = False, languages=None
) -> Query | None:
    """Every word must match: as written (accents folded) in the title, names or body, or
    by its stem in any language. With fuzzy, names and titles one typo away match too."""
    if parsed.empty:
        return None
    clauses = []
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
                    Query.boost_query(Query.fuzzy_term_query(schema, name, folded, distance=1), 0.3)
                )
        clauses.append((Occur.Must, any_of(alternatives)))
    for phrase in parsed.phrases:
        # Words alone; the stub's list (invariant) also allows (position, word) pairs.
        words: list[str | tuple[int, str]] = [fold(w) for w in phrase]
        clauses.append(
            (
                Occur.Must,
                any_of(
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


def snippet_query(schema: tantivy.Schema, parsed: ParsedQuery) -> Query:
    """The words as they stand in the body, for highlighting (matching goes by stems)."""
    words = [fold(w) for w in parsed.terms] + [fold(w) for p in parsed.phrases for w in p]
    return any_of([Query.term_query(schema, "body", w) for w in words])


def range_clauses(schema: tantivy.Schema, request: SearchRequest) -> list[Query]:
    clauses = []
    integer, floating = tantivy.FieldType.Integer, tantivy.FieldType.Float
    if request.year_to is not None:
        clauses.append(Query.range_query(schema, "year_start", integer, None, request.year_to))
    if request.year_from is not None:
        clauses.append(Query.range_query(schema, "year_end", integer, request.year_from, None))
    if request.budget_min is not None or request.budget_max is not None:
        clauses.append(
            Query.range_query(schema, "budget", floating, request.budget_min, request.budget_max)
        )
    return clauses


def combine(text: Query | None, filters: list[Query]) -> Query:
    clauses = [(Occur.Must, q) for q in ([text] if text else []) + filters]
    if not clauses:
        return Query.all_query()
    if text is None:
        # Filters alone: every match scores the same.
        return Query.const_score_query(Query.boolean_query(clauses), 1.0)
    return Query.boolean_query(clauses)


def any_of(queries: list[Query]) -> Query:
    return Query.boolean_query([(Occur.Should, q) for q in queries])
