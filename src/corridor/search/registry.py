"""Content types declare here what they put in the search index. An app adds a module
`search.py` that calls `register(...)`; the search core never names the types it serves."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from corridor.search.documents import SearchDocument


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
    # Facet value labels this type contributes, e.g. programme slug -> name.
    facet_labels: Callable[[], dict[str, dict[str, str]]] | None = None


_TYPES: dict[str, SearchType] = {}


def register(search_type: SearchType) -> None:
    _TYPES[search_type.name] = search_type


def search_types() -> list[SearchType]:
    return list(_TYPES.values())


def search_type(name: str) -> SearchType | None:
    return _TYPES.get(name)
