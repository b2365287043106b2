"""The tantivy index's schema, built from the registered facets, and the conversion of a
SearchDocument into a tantivy document (with the shadow fields its facets count through)."""

import tantivy

from corridor.search.analysis import detect_language, fold, stems, topics, words
from corridor.search.documents import SearchDocument
from corridor.search.facets import Facet
from corridor.search.registry import facet, facets


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("type", stored=True, tokenizer_name="raw", fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name="folded")
    builder.add_text_field("subtitle", stored=True, tokenizer_name="folded")
    builder.add_text_field("body", stored=True, tokenizer_name="folded")
    builder.add_text_field("names", stored=False, tokenizer_name="folded")
    builder.add_text_field("stems", stored=False, tokenizer_name="whitespace")
    # What the whole text is about (its most repeated stems) and how much text there is:
    # ranking prefers an item about the query, with a description, to a passing mention.
    # SearchDocument.heading, its words as written and their stems.
    builder.add_text_field("heading", stored=False, tokenizer_name="whitespace")
    # Linked records' names (SearchDocument.related): as written and stemmed.
    builder.add_text_field("related", stored=True, tokenizer_name="folded", index_option="freq")
    builder.add_text_field("related_stems", stored=False, tokenizer_name="whitespace")
    builder.add_text_field("topics", stored=False, tokenizer_name="whitespace")
    builder.add_text_field("depth", stored=False, tokenizer_name="raw", index_option="basic")
    # SearchDocument.primary as "facet=value" terms.
    builder.add_text_field("primary", stored=False, tokenizer_name="raw", index_option="basic")
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
    for f in document_facets():
        keyword(f.name)
    for f in document_facets():
        if f.counted_values:
            keyword(f.counted_field)
        if f.count_combinations:
            keyword(f.combinations_field)
    return builder.build()


def document_facets():
    """The facets a document fills: all but the type, which is a field of every document."""
    return [f for f in facets() if f.name != "type"]


def declared(name: str) -> Facet:
    """A facet the backend counts or filters by: one of facets(), or a filter that
    facet_filters kept because it is declared."""
    found = facet(name)
    assert found is not None, f"undeclared facet {name!r}"
    return found


# Words of description from which an item counts as described: its "depth" terms, one per
# level reached, each worth a constant to the ranking of an item that matches.
DEPTH_LEVELS = (60, 150, 400)


def depth(body: str) -> list[str]:
    n = len(body.split())
    return [f"d{i}" for i, words in enumerate(DEPTH_LEVELS, start=1) if n >= words]


def primary_term(facet_name: str, value: str) -> str:
    return f"{facet_name}={value}"


def heading_terms(heading: str, language: str) -> str:
    if not heading:
        return ""
    written = fold(" ".join(words(heading)))
    return " ".join(dict.fromkeys(f"{written} {stems(heading, language)}".split()))


def folding_analyzer():
    """The "folded" tokenizer of titles, names and bodies: words lowercased, accents folded."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(60))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def to_tantivy(d: SearchDocument) -> tantivy.Document:
    language = d.language or detect_language(d.body)
    stemmed = stems(f"{d.title}\n{d.body}", language)
    fields = {
        "id": d.id,
        "type": d.type,
        "title": d.title,
        "subtitle": d.subtitle,
        "body": d.body,
        "heading": heading_terms(d.heading, language),
        "related": d.related,
        "related_stems": stems(d.related, language) if d.related else "",
        "names": d.names,
        "stems": stemmed,
        # BM25 already favours a short text that uses a word; a long one it penalises.
        "topics": topics(stemmed) if depth(d.body) else "",
        "language": language or "unknown",
        "url": d.url,
        "date": d.date.isoformat() if d.date else "",
    }
    document = tantivy.Document(**fields)
    for level in depth(d.body):
        document.add_text("depth", level)
    for name, values in d.primary.items():
        for value in dict.fromkeys(values):
            document.add_text("primary", primary_term(name, value))
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
        known = facet(name)
        if known is None:
            raise ValueError(f"{d.id} has values for the undeclared facet {name!r}")
        for value in dict.fromkeys(values):
            document.add_text(name, value)
            if known.counted_values and known.counted_values(value):
                document.add_text(known.counted_field, value)
        if known.count_combinations and values:
            document.add_text(known.combinations_field, "+".join(sorted(set(values))))
    return document
