"""Each list reads its filters through one parser (`<Entity>Filters.from_query`), so its page
and its API endpoint answer the same query with the same records."""

import pytest

from corridor.organisations.queries import OrganisationFilters
from corridor.projects.queries import ProjectFilters
from corridor.regions.queries import RegionFilters


def page_slugs(client, path: str, query: str, field: str = "slug") -> list[str]:
    response = client.get(f"{path}?{query}&page=1")
    assert response.status_code == 200
    paginator = response.context["page"].paginator
    return [getattr(item, field) for item in paginator.object_list]


def api_slugs(client, path: str, query: str, field: str = "slug") -> list[str]:
    found, offset = [], 0
    while True:
        response = client.get(f"/api/v1{path}?{query}&limit=200&offset={offset}")
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        found += [item[field] for item in body["items"]]
        offset += 200
        if offset >= body["count"]:
            return found


@pytest.mark.parametrize(
    "query",
    [
        "region=SE33",
        "region=se33",  # codes are read in either case
        "region=SE33&role=lead",
        "region=SE11&region=FI1D",
        "country=SE&role=lead&theme=",
        "programme=aurora-2021-2027&year_from=2023",
        "q=innovation&sort=-partners",
    ],
)
def test_the_project_page_and_api_answer_a_query_alike(client, db, query):
    assert page_slugs(client, "/projects/", query) == api_slugs(client, "/projects", query)


def test_the_project_page_applies_a_region_filter(client, db):
    """/projects/?region=SE33 once listed every project: the page's form had no region."""
    everything = page_slugs(client, "/projects/", "")
    in_upper_norrland = page_slugs(client, "/projects/", "region=SE33")
    assert 0 < len(in_upper_norrland) < len(everything)
    response = client.get("/projects/?region=SE33")
    # The chosen region shows as a ticked filter, to be unticked.
    assert b'value="SE33"' in response.content and b"checked" in response.content


@pytest.mark.parametrize(
    "query", ["country=SE&type=Development+agency&type=EGTC", "q=univ", "country=lt"]
)
def test_the_organisation_page_and_api_answer_a_query_alike(client, db, query):
    assert page_slugs(client, "/organisations/", query) == api_slugs(
        client, "/organisations", query
    )


@pytest.mark.parametrize("query", ["level=2&country=SE", "q=Norr", "level=0"])
def test_the_region_page_and_api_answer_a_query_alike(client, db, query):
    assert page_slugs(client, "/regions/", query, "code") == api_slugs(
        client, "/regions", query, "code"
    )


def test_filters_read_a_query_string_and_a_validated_dict_alike():
    from django.http import QueryDict

    raw = QueryDict("q=+water+&country=se&country=FI&country=se&region=SE33&year_from=2021")
    typed = {"q": "water", "country": ["SE", "FI"], "region": ["SE33"], "year_from": 2021}
    assert ProjectFilters.from_query(raw) == ProjectFilters.from_query(typed)
    assert ProjectFilters.from_query(raw).countries == ["SE", "FI"]
    assert ProjectFilters.from_query({"sort": "nonsense"}).sort == "acronym"
    assert OrganisationFilters.from_query(QueryDict("type=SME&type=SME")).types == ["SME"]
    assert RegionFilters.from_query(QueryDict("level=7")).level is None
    assert RegionFilters.from_query(QueryDict("level=2&country=se")) == RegionFilters(
        level=2, country="SE"
    )
