from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from corridor.search.backends.versions import IndexHome
from corridor.search.documents import SearchDocument
from corridor.search.query import ParsedQuery

SORTS = ("relevance", "-date", "date", "-budget", "budget")


@dataclass
class SearchRequest:
    query: ParsedQuery
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> selected values
    year_from: int | None = None
    year_to: int | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facet_size: int = 50  # values counted per facet (selected values always are)
    snippets: bool = True
    # Retrieval: "keyword" (the words), "hybrid" (the words or `similar`, ranked by
    # reciprocal rank fusion) or "vector" (`similar` alone, in its order).
    mode: str = "keyword"
    similar: list[str] = field(default_factory=list)  # document ids, closest in meaning first


@dataclass
class Hit:
    id: str
    type: str
    title: str
    url: str
    subtitle: str = ""
    date: str = ""
    budget: float | None = None
    score: float = 0.0
    snippet_html: str = ""  # escaped text with <b> around matches


@dataclass
class HitStream:
    """Every result of a request, for a download: how many match, and `limit` of them
    from the `start`-th on (0 = the first) in the page's order, read as they are consumed."""

    total: int
    hits: Iterable[Hit]
    limit: int  # how many `hits` yields: what was asked, or fewer at the end
    start: int = 0


@dataclass
class SearchResponse:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]  # facet -> (value, count), most first


class SearchIndex(Protocol):
    """One whole index: documents written, searched, and the change log position."""

    path: Path | None  # its directory (None: held in memory)

    def index_documents(self, documents: Iterable[SearchDocument], progress=None) -> int: ...
    def apply(self, upserts: Iterable[SearchDocument], deletes: Iterable[str]) -> None: ...
    def delete(self, ids: Iterable[str]) -> None: ...
    def clear(self) -> None: ...
    def count(self) -> int: ...
    def search(self, request: SearchRequest) -> SearchResponse: ...
    def all_hits(
        self, request: SearchRequest, limit: int, batch: int = 1000, start: int = 0
    ) -> HitStream: ...
    def suggest(self, prefix: str, limit: int = 8) -> list[Hit]: ...
    def read_state(self) -> dict: ...
    def write_state(self, state: dict) -> None: ...


class SearchBackend(SearchIndex, Protocol):
    """A node's index: the version in use, replaced whole by a rebuild (versions.py)."""

    path: Path

    @property
    def home(self) -> IndexHome: ...
    def refresh(self, force: bool = False) -> None: ...
    def new_version(self) -> SearchIndex: ...
    def switch_to(self, index: SearchIndex) -> None: ...
