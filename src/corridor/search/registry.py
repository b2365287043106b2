"""Content types declare here what they put in the search index. An app adds a module
`search.py` that calls `register(...)` for its types and `register_facet(...)` for the
filters it owns; the search core never names the types it serves nor their facets."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from corridor.search.documents import SearchDocument
from corridor.search.facets import Facet


@dataclass
class SearchType:
    name: str  # the value of the "Search for" facet, e.g. "project"
    label: str  # shown to people, e.g. "Projects"
    model: type[models.Model]
    to_document: Callable[[models.Model], SearchDocument]
    # The records to index, with what to_document needs fetched in bulk.
    queryset: Callable[[], models.QuerySet]
    # Other models whose changes alter this type's documents: model -> ids of ours touched.
    related: dict[type[models.Model], Callable[[models.Model], Iterable]] = field(
        default_factory=dict
    )
    # What a match of this type is worth before its text is weighed, per query word: a
    # project ranks above the organisations that merely take part in it.
    prior: float = 0.0


_TYPES: dict[str, SearchType] = {}


def register(search_type: SearchType) -> None:
    _TYPES[search_type.name] = search_type


def search_types() -> list[SearchType]:
    return list(_TYPES.values())


def search_type(name: str) -> SearchType | None:
    return _TYPES.get(name)


# The core's own facet: what kind of record, one value per registered type.
TYPE_FACET = Facet(
    "type", "Search for", order=0, labels=lambda: {st.name: st.label for st in search_types()}
)
_FACETS: dict[str, Facet] = {TYPE_FACET.name: TYPE_FACET}


def register_facet(facet: Facet) -> None:
    _FACETS[facet.name] = facet


def facets() -> list[Facet]:
    """Every declared facet, in the order the Explore page shows them."""
    return sorted(_FACETS.values(), key=lambda f: (f.order, f.name))


def facet(name: str) -> Facet | None:
    return _FACETS.get(name)
