"""Explore in the JSON API: the same search, filters and counts as the page."""

from decimal import Decimal

from ninja import Field, Router, Schema

from corridor.lib.money import money_of
from corridor.search.services import ExploreParams, explore, similar_items, suggest

router = Router(tags=["search"])


class HitOut(Schema):
    id: str
    type: str
    title: str
    subtitle: str
    url: str
    date: str
    budget: Decimal | None  # EUR, as a decimal string like every amount in the API
    snippet_html: str

    @staticmethod
    def resolve_budget(hit) -> Decimal | None:
        return None if hit.budget is None else money_of(hit.budget)


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class SearchOut(Schema):
    total: int
    page: int
    pages: int
    messages: list[str]
    index_state: str = Field(
        description="ready; rebuilding or interrupted (a rebuild runs or was killed: the "
        "previous index answers); building, missing or empty (this server's index cannot "
        "answer yet: `messages` says so)"
    )
    mode: str = Field(
        description="how the results were found: hybrid (words and meaning, the default "
        "once this server has vectors), keyword (words only) or vector (meaning only)"
    )
    hits: list[HitOut]
    facets: list[FacetOut]


class SuggestionOut(Schema):
    title: str
    type: str
    url: str


@router.get("", response=SearchOut, summary="Search everything, with filter counts")
def search(request):
    """Query parameters as on the Explore page: `q`; any facet (`type`, `programme`,
    `country`, `region`, `theme`, `role`, `organised_by`, `news_source`, `interested_in`,
    `representing`, `partner_type`, `idea_status`, `file_type`), repeatable (closed project
    ideas are left out unless `idea_status=closed` is chosen); `year_from`, `year_to`, `budget_min`,
    `budget_max`; `sort` (relevance, -date, date, -budget, budget); `page`, `per_page`;
    `mode` (hybrid, keyword or vector).
    A facet's counts apply every filter but its own. Unreadable values are ignored and
    reported in `messages`, as is a search index that cannot answer whole (`index_state`)."""
    return explore(ExploreParams.from_query(request.GET))


@router.get("/suggest", response=list[SuggestionOut], summary="Titles matching what is typed")
def suggestions(request, q: str = ""):
    return suggest(q)


@router.get(
    "/similar", response=list[HitOut], summary="The items of the same type closest in meaning"
)
def similar(request, id: str, limit: int = 5):
    """`id` as in a search hit (`project:12`); at most `limit` (up to 20) items, closest
    first; an empty list while this server has no vectors for the item."""
    return similar_items(id[:120], max(1, min(limit, 20)))
