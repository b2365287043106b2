"""The lists of policy learning and of action plans read their filters through one parser
each (`<Entity>Filters.from_query`): the page, the API endpoint and the downloads answer the
same query with the same records in the same order."""

import csv
import io

import pytest
from django.http import QueryDict

from corridor.learning.models import Document, GoodPractice, PracticeStatus
from corridor.learning.queries import DocumentFilters, EventFilters, NewsFilters, PracticeFilters
from corridor.plans.queries import InstrumentFilters, PlanFilters, search_instruments
from corridor.projects.models import Project, Theme


def page_ids(client, path: str, query: str) -> list[int]:
    response = client.get(f"{path}?{query}&page=1")
    assert response.status_code == 200
    return [item.pk for item in response.context["page"].paginator.object_list]


def api_ids(client, path: str, query: str) -> list[int]:
    found, offset = [], 0
    while True:
        response = client.get(f"/api/v1{path}?{query}&limit=200&offset={offset}")
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        found += [item["id"] for item in body["items"]]
        offset += 200
        if offset >= body["count"]:
            return found


@pytest.fixture
def practices(db):
    """Validated practices of two projects under two themes, and a draft nobody lists."""
    lakes = Theme.objects.create(name="Lakes and rivers (filters)", slug="lakes-and-rivers")
    towns = Theme.objects.create(name="Small towns (filters)", slug="small-towns")
    interventures = Project.objects.get(slug="interventures")
    clusterix = Project.objects.get(slug="clusterix-20")
    made = []
    for title, project, themes, summary, status in [
        ("Algae harvest", interventures, [lakes], "From the lake to the field.", "validated"),
        ("Bike lanes", clusterix, [lakes, towns], "Along the water.", "validated"),
        ("Cluster vouchers", interventures, [towns], "Vouchers for water firms.", "validated"),
        ("Draft idea", interventures, [lakes], "Water again.", PracticeStatus.DRAFT),
    ]:
        practice = GoodPractice.objects.create(
            title=title, project=project, summary=summary, status=status
        )
        practice.themes.set(themes)
        made.append(practice)
    return made


@pytest.fixture
def documents(db):
    """Two more documents beside the bundled ones, with file types."""
    interventures = Project.objects.get(slug="interventures")
    Document.objects.create(
        title="Water handbook", kind="handbook", project=interventures, file_type="pdf",
        text="How lakes are kept clean.",
    )  # fmt: skip
    Document.objects.create(
        title="Brief on towns", kind="policy_brief", file_type="docx", description="Water."
    )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "when=past",
        "when=upcoming",
        "when=unknown",
        "type=interregional_meeting",
        "project=interventures&when=past",
        "project=interventures&type=thematic_visit",
        "organiser=tci-network",
        "q=Klaipeda",
        "q=thematic+visit",
        "country=lt",
        "region=PL8",
        "city=cork",
        "q=meeting&region=HU",
    ],
)
def test_the_event_page_and_api_answer_a_query_alike(client, db, query):
    assert page_ids(client, "/events/", query) == api_ids(client, "/events", query)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=vouchers",
        "project=interventures",  # the page read only q
        "theme=lakes-and-rivers",
        "project=interventures&theme=lakes-and-rivers",
        "q=water&project=interventures",
    ],
)
def test_the_good_practice_page_and_api_answer_a_query_alike(client, practices, query):
    listed = page_ids(client, "/good-practices/", query)
    assert listed == api_ids(client, "/good-practices", query)
    assert practices[3].pk not in listed  # a draft


def test_the_good_practice_page_filters_by_project_and_theme(client, practices):
    assert page_ids(client, "/good-practices/", "project=interventures&theme=lakes-and-rivers") == [
        practices[0].pk
    ]
    page = client.get("/good-practices/?theme=small-towns").content.decode()
    assert 'name="theme"' in page and 'name="project"' in page
    assert '<option value="small-towns" selected>' in page


def test_the_good_practice_page_leaves_out_an_unknown_theme(client, practices):
    response = client.get("/good-practices/?theme=no-such-theme")
    assert response.context["form"].errors["theme"]
    assert page_ids(client, "/good-practices/", "theme=no-such-theme") == page_ids(
        client, "/good-practices/", ""
    )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "kind=handbook",
        "project=interventures",  # the page did not read project
        "project=interventures&kind=handbook",
        "file_type=pdf",
        "q=water",
        "q=water&project=interventures",
    ],
)
def test_the_document_page_and_api_answer_a_query_alike(client, documents, query):
    assert page_ids(client, "/documents/", query) == api_ids(client, "/documents", query)


def test_the_document_page_shows_the_filters_it_reads(client, documents):
    page = client.get("/documents/?kind=handbook&file_type=pdf").content.decode()
    for name in ("q", "kind", "file_type", "project"):
        assert f'name="{name}"' in page
    assert '<option value="handbook" selected>' in page
    assert '<option value="pdf" selected>' in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "source=interreg-europe-project-news",
        "project=ieer",  # the page did not read project
        "project=clusterix-20&source=interreg-europe-project-news",
        "project=interventures",
    ],
)
def test_the_news_page_and_api_answer_a_query_alike(client, db, query):
    assert page_ids(client, "/news/", query) == api_ids(client, "/news", query)


PLAN_QUERIES = [
    "",
    "country=LT",
    "country=lt",  # the page refused a code in small letters that the API reads
    "country=pl&project=interventures",
    "status=approved&q=young",
    "programme=interreg-europe-2014-2020&country=ES",
    "q=young",
]


@pytest.mark.parametrize("query", PLAN_QUERIES)
def test_the_plan_page_and_api_answer_a_query_alike(client, db, query):
    assert page_ids(client, "/action-plans/", query) == api_ids(client, "/action-plans", query)


@pytest.mark.parametrize("query", PLAN_QUERIES)
def test_the_plan_download_lists_the_plans_of_the_api(client, db, query):
    response = client.get(f"/action-plans/export.csv?{query}")
    body = b"".join(response.streaming_content).decode()
    urls = [row["plan_url"] for row in csv.DictReader(io.StringIO(body))]
    exported = [int(url.rstrip("/").rsplit("/", 1)[1]) for url in dict.fromkeys(urls)]
    listed = client.get(f"/api/v1/action-plans?{query}&limit=200").json()["items"]
    assert exported == [plan["id"] for plan in listed if plan["action_count"]]


@pytest.mark.parametrize("query", ["", "country=lt", "country=PL&q=instrument", "q=policy+Italy"])
def test_the_instrument_api_lists_what_its_query_finds(client, db, query):
    found = search_instruments(InstrumentFilters.from_query(QueryDict(query)))
    assert found and api_ids_of_instruments(client, query) == [i.slug for i in found]


def api_ids_of_instruments(client, query: str) -> list[str]:
    body = client.get(f"/api/v1/policy-instruments?{query}&limit=200").json()
    return [item["slug"] for item in body["items"]]


def test_filters_read_a_query_string_and_a_validated_dict_alike():
    pairs = [
        (EventFilters, "when=past&type=webinar&project=interventures&organiser=",
         {"when": "past", "type": "webinar", "project": "interventures", "organiser": ""}),
        (PracticeFilters, "q=+water+&project=interventures&theme=lakes",
         {"q": "water", "project": "interventures", "theme": "lakes"}),
        (DocumentFilters, "q=lake&kind=handbook&file_type=pdf&project=ieer",
         {"q": "lake", "kind": "handbook", "file_type": "pdf", "project": "ieer"}),
        (NewsFilters, "source=laurea-fi&project=ieer", {"source": "laurea-fi", "project": "ieer"}),
        (PlanFilters, "project=interventures&country=pl&programme=p&status=approved&q=young",
         {"project": "interventures", "country": "PL", "programme": "p", "status": "approved",
          "q": "young"}),
        (InstrumentFilters, "country=lt&q=fund", {"country": "LT", "q": "fund"}),
    ]  # fmt: skip
    for filters, raw, typed in pairs:
        assert filters.from_query(QueryDict(raw)) == filters.from_query(typed), filters
        assert filters.from_query(QueryDict("")) == filters(), filters
    assert PlanFilters.from_query(QueryDict("country=pl")).country == "PL"
    assert EventFilters.from_query({"when": "someday"}).when == ""
