"""Structured data of the public pages: schema.org JSON-LD on project, organisation, event and
news pages, Open Graph tags in every page's head, and /sitemap.xml of the public records."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest

from corridor.learning.models import Event, EventType, GoodPractice, NewsItem, PracticeStatus
from corridor.organisations.models import Organisation
from corridor.plans.models import ActionPlan, PlanStatus, PolicyInstrument
from corridor.projects.models import Programme, Project
from corridor.regions.models import Region

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200
    [block] = JSON_LD.findall(response.content.decode())
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["url"] == f"http://testserver{path}"
    return data


def open_graph(client, path: str) -> dict[str, str]:
    html = client.get(path).content.decode()
    return dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', html))


def test_a_project_says_its_dates_funding_programme_and_partners(client):
    project = Project.objects.get(slug="interventures")
    data = json_ld(client, "/projects/interventures/")
    assert data["@type"] == "Project" and data["name"] == "InterVentures"
    assert data["foundingDate"] == project.start_date.isoformat()
    assert data["dissolutionDate"] == project.end_date.isoformat()
    assert data["funder"]["name"] == str(project.programme)
    amount = data["funding"]["amount"]
    assert (amount["currency"], amount["value"]) == ("EUR", float(project.eu_cofinancing))
    members = {m["member"]["name"]: m["roleName"] for m in data["member"]}
    partnerships = project.partnerships.select_related("organisation")
    assert members == {p.organisation.name: p.get_role_display() for p in partnerships}
    assert "Advisory partner" in members.values()


def test_unknown_facts_are_left_out_not_said_empty(client):
    project = Project.objects.filter(start_date__isnull=True, eu_cofinancing__isnull=True).first()
    assert project is not None
    data = json_ld(client, project.get_absolute_url())
    assert "foundingDate" not in data and "funding" not in data
    assert all(value not in ("", None, [], {}) for value in data.values())


def test_text_that_would_end_the_script_stays_inside_it(client):
    project = Project.objects.get(slug="interventures")
    project.summary = 'Ends early? </script><script>alert("x")</script> & <b>'
    project.save()
    response = client.get("/projects/interventures/")
    assert "<script>alert" not in response.content.decode()
    assert json_ld(client, "/projects/interventures/")["description"] == project.summary


def test_an_organisation_says_its_address_and_projects(client):
    organisation = Organisation.objects.filter(partnerships__isnull=False, region__isnull=False)
    organisation = organisation.exclude(country_code="").first()
    data = json_ld(client, organisation.get_absolute_url())
    assert data["@type"] == "Organization" and data["name"] == organisation.name
    assert data["address"]["addressCountry"] == organisation.country_code
    assert data["address"]["addressRegion"] == organisation.region.display_name
    projects = {p.project.acronym for p in organisation.partnerships.select_related("project")}
    assert {p["name"] for p in data["memberOf"]} == projects


def test_an_event_says_when_where_and_who_organises_it(client):
    cork = Event.objects.get(title="TCI Cluster Evaluation workshop, Cork")
    data = json_ld(client, cork.get_absolute_url())
    assert data["@type"] == "Event" and data["name"] == cork.title
    assert data["startDate"] == cork.start_date.isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == "Cork"
    assert data["location"]["address"]["addressCountry"] == "IE"
    assert data["organizer"]["name"] == "TCI Network"


def test_an_online_event_with_a_time_says_it_in_its_time_zone(client):
    webinar = Event.objects.create(
        type=EventType.WEBINAR, title="Webinar at ten in Vilnius", online=True,
        start_date=datetime.date(2024, 3, 5), start_time=datetime.time(10, 0),
        timezone="Europe/Vilnius",
    )  # fmt: skip
    data = json_ld(client, webinar.get_absolute_url())
    assert data["startDate"] == "2024-03-05T10:00:00+02:00"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_an_undated_event_says_no_date(client):
    pecs = Event.objects.get(title__contains="Pécs")
    data = json_ld(client, pecs.get_absolute_url())
    assert "startDate" not in data and data["location"]["address"]["addressCountry"] == "HU"


def test_a_news_item_says_its_headline_date_and_source(client):
    item = NewsItem.objects.filter(published_at__isnull=False).select_related("news_source")[0]
    data = json_ld(client, item.get_absolute_url())
    assert data["@type"] == "NewsArticle" and data["name"] == item.title
    assert datetime.datetime.fromisoformat(data["datePublished"]) == item.published_at
    assert data["publisher"]["name"] == item.news_source.name
    if item.link:
        assert data["isBasedOn"] == item.link


def test_every_page_has_open_graph_tags_of_its_own(client):
    tags = open_graph(client, "/projects/interventures/")
    project = Project.objects.get(slug="interventures")
    assert tags["title"] == "InterVentures"
    assert tags["url"] == "http://testserver/projects/interventures/"
    assert tags["type"] == "website" and tags["site_name"] == "Corridor"
    html = client.get("/projects/interventures/").content.decode()
    [description] = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert tags["description"] == description
    assert description.startswith((project.title or project.summary)[:40])
    news = NewsItem.objects.first()
    assert open_graph(client, news.get_absolute_url())["type"] == "article"
    listing = open_graph(client, "/regions/?q=Lombardy")
    assert listing["title"] == "Regions"
    assert listing["url"] == "http://testserver/regions/?q=Lombardy"
    assert listing["description"]  # the site's own, where a page says none


def sitemap_locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def all_locations(client) -> set[str]:
    sections = sitemap_locations(client, "/sitemap.xml")
    return {loc for section in sections for loc in sitemap_locations(client, section)}


def test_the_sitemap_lists_the_public_records(client):
    sections = sitemap_locations(client, "/sitemap.xml")
    assert "http://testserver/sitemap-projects.xml" in sections
    listed = all_locations(client)
    for records in (
        Project.objects.all(),
        Programme.objects.all(),
        Organisation.objects.all(),
        Event.objects.all(),
        NewsItem.objects.all(),
        Region.objects.filter(level__lte=1),
    ):
        assert records.exists()
        assert {f"http://testserver{r.get_absolute_url()}" for r in records} <= listed
    assert "http://testserver/" in listed and "http://testserver/events/" in listed


def test_the_sitemap_leaves_out_drafts(client):
    clusterfy = Project.objects.get(slug="clusterfy")
    draft = GoodPractice.objects.create(
        title="Draft", project=clusterfy, status=PracticeStatus.DRAFT
    )
    validated = GoodPractice.objects.create(
        title="Validated", project=clusterfy, status=PracticeStatus.VALIDATED
    )
    plan = ActionPlan.objects.create(
        project=Project.objects.get(slug="interventures"),
        partner=Organisation.objects.get(slug="pannon-egtc"),
        policy_instrument=PolicyInstrument.objects.create(name="Sitemap scheme", slug="sitemap"),
        title="Draft plan",
    )
    assert plan.status == PlanStatus.DRAFT
    listed = all_locations(client)
    assert f"http://testserver{validated.get_absolute_url()}" in listed
    assert f"http://testserver{draft.get_absolute_url()}" not in listed
    assert f"http://testserver{plan.get_absolute_url()}" not in listed
    approved = ActionPlan.objects.filter(status=PlanStatus.APPROVED)
    assert approved.exists()
    assert {f"http://testserver{p.get_absolute_url()}" for p in approved} <= listed
    assert not any("/people/" in loc or "/ideas/" in loc for loc in listed)
