"""What a content type hands to the search index: one SearchDocument per record."""

import datetime
from dataclasses import dataclass, field


@dataclass
class SearchDocument:
    id: str  # "<type>:<primary key>"
    type: str
    title: str
    url: str
    body: str = ""
    subtitle: str = ""
    names: str = ""  # names worth finding despite typos: acronyms, partners, places
    heading: str = ""  # a longer name searched as the title is (a project's full title)
    # Names of the records linked to this one (a project's partners, an organisation's
    # projects): shown after the body and found, but weighed below the item's own text.
    related: str = ""
    language: str = ""  # ISO 639-1 of body; detected when empty
    date: datetime.date | None = None  # the date results sort by
    year_start: int | None = None
    year_end: int | None = None
    budget: float | None = None  # EUR
    facets: dict[str, list[str]] = field(default_factory=dict)
    # Of its facet values, those that are its own (the country and region of a project's
    # lead partner, of an organisation itself) rather than a partner's: chosen as a
    # filter, they rank it above an item that has them only through a partner.
    primary: dict[str, list[str]] = field(default_factory=dict)


def document_id(type_name: str, pk) -> str:
    return f"{type_name}:{pk}"


def split_document_id(doc_id: str) -> tuple[str, str]:
    type_name, _, pk = doc_id.partition(":")
    return type_name, pk


def region_with_ancestors(code: str | None) -> list[str]:
    """NUTS codes nest by prefix: SE331 lies in SE33, SE3 and SE. A document carries them
    all, so that choosing a region finds what lies in its sub-regions."""
    if not code:
        return []
    return [code[:n] for n in range(2, len(code) + 1)]


def join_text(*parts) -> str:
    return "\n".join(p for p in parts if p)


def place_names(regions) -> list[str]:
    """The regions' names in their own language, in Latin script and in English (regions'
    `all_names`), for finding by place: "Lombardy" finds what lies in Lombardia."""
    return sorted({name for r in regions for name in r.all_names})


def region_facet(regions) -> list[str]:
    """The regions' codes with every ancestor, for the region filter."""
    return sorted({code for r in regions for code in region_with_ancestors(r.code)})
