"""The tantivy index's schema, built from the registered facets, and the conversion of a
SearchDocument into a tantivy document (with the shadow fields its facets count through)."""

import tantivy

from corridor.search.analysis import detect_language, stems
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
