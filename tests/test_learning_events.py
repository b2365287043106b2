"""Events: list, month calendar, a page per event, iCalendar feeds, API and Explore."""

import datetime

import icalendar
import pytest

from corridor.learning.models import Event, EventType
from corridor.learning.queries import opening_month
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_backend import TantivyBackend
from corridor.search.query import parse_query
from corridor.search.sync import catch_up, rebuild

pytestmark = pytest.mark.django_db


def parse_ical(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar) -> dict[str, icalendar.Event]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_the_seed_events_are_loaded_with_unknown_dates_left_unknown():
    interventures = Event.objects.filter(project__acronym="InterVentures")
    assert interventures.filter(type=EventType.INTERREGIONAL_MEETING).count() == 4
    assert interventures.filter(type=EventType.THEMATIC_VISIT).count() == 2
    pecs = Event.objects.get(title__contains="Pécs")
    assert pecs.start_date is None and pecs.region.code == "HU231"
    meeting = Event.objects.get(title="InterVentures online partner meeting")
    assert meeting.start_date == datetime.date(2021, 12, 2) and meeting.online
    assert "2nd of December" in meeting.date_note
    camps = Event.objects.get(title="iEER learning camps")
    assert camps.start_date is None and "2016-2018" in camps.date_note


def test_the_list_shows_undated_events_as_unknown(client):
    response = client.get("/events/", {"type": "learning_camp"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "iEER learning camps" in html and "Date unknown" in html
    assert "InterVentures thematic visit" not in html


def test_upcoming_and_past(client):
    project = Project.objects.get(acronym="InterVentures", source="seed-pages")
    future = datetime.date.today() + datetime.timedelta(days=30)
    Event.objects.create(title="A meeting still to come", type="webinar", project=project,
                         start_date=future, online=True)  # fmt: skip
    upcoming = client.get("/events/", {"when": "upcoming"}).content.decode()
    past = client.get("/events/", {"when": "past"}).content.decode()
    assert "A meeting still to come" in upcoming and "A meeting still to come" not in past
    assert "InterVentures online partner meeting" in past
    assert "InterVentures online partner meeting" not in upcoming
    assert "iEER learning camps" not in upcoming and "iEER learning camps" not in past


def test_the_month_calendar_puts_events_on_their_days(client):
    response = client.get("/events/calendar/", {"month": "2018-11"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Events in November 2018" in html
    # Košice, 13-14 November: on both days.
    assert html.count("5th project meeting and open event, Košice") == 2
    assert "1 event this month" in html
    december = client.get("/events/calendar/", {"month": "2021-12"}).content.decode()
    assert "InterVentures online partner meeting" in december
    assert "iEER learning camps" not in december


def test_the_calendar_links_to_months_with_events(client):
    html = client.get("/events/calendar/", {"month": "2019-01"}).content.decode()
    assert "?month=2018-11" in html  # Košice, the latest earlier event
    assert "?month=2020-05" in html  # Sofia, the next one


def test_a_bad_month_shows_the_month_the_calendar_opens_on(client):
    response = client.get("/events/calendar/", {"month": "2021-13"})
    assert response.status_code == 200
    assert opening_month().strftime("%B %Y") in response.content.decode()


def test_an_event_page_links_to_its_project_and_organiser(client):
    event = Event.objects.get(title="TCI Cluster Evaluation workshop, Cork")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "TCI Network" in html and "/organisations/tci-network/" in html
    meeting = Event.objects.get(title="InterVentures online partner meeting")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert 'href="/projects/interventures/"' in html
    assert "/projects/interventures/events.ics" in html
    assert client.get("/events/999999/").status_code == 404


def test_the_icalendar_feed_holds_every_dated_event(client):
    calendar = parse_ical(client.get("/events/calendar.ics"))
    events = vevents(calendar)
    dated = Event.objects.filter(start_date__isnull=False)
    assert len(events) == dated.count() == 4
    kosice = events["5th project meeting and open event, Košice"]
    assert kosice.decoded("dtstart") == datetime.date(2018, 11, 13)
    assert kosice.decoded("dtend") == datetime.date(2018, 11, 15)  # exclusive end
    assert "Košice" in str(kosice["location"]) and "Slovakia" in str(kosice["location"])
    assert str(kosice["url"]).startswith("http://testserver/events/")
    assert "iEER learning camps" not in events


def test_a_timed_event_carries_its_time_zone(client):
    project = Project.objects.get(acronym="InterVentures", source="seed-pages")
    Event.objects.create(
        title="Webinar in Vilnius time", type="webinar", project=project, online=True,
        start_date=datetime.date(2022, 3, 1), start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 30), timezone="Europe/Vilnius",
    )  # fmt: skip
    calendar = parse_ical(client.get("/projects/interventures/events.ics"))
    webinar = vevents(calendar)["Webinar in Vilnius time"]
    start = webinar.decoded("dtstart")
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert start.astimezone(datetime.UTC).hour == 8
    assert webinar.decoded("dtend") - start == datetime.timedelta(minutes=90)
    assert any(tz["tzid"] == "Europe/Vilnius" for tz in calendar.walk("VTIMEZONE"))


def test_the_project_feed_holds_only_that_project(client):
    events = vevents(parse_ical(client.get("/projects/interventures/events.ics")))
    assert list(events) == ["InterVentures online partner meeting"]
    assert client.get("/projects/no-such-project/events.ics").status_code == 404


def test_the_api_lists_and_shows_events(api_get):
    data = api_get("/events", project="interventures", limit=50)
    assert data["count"] == 8
    titles = [e["title"] for e in data["items"]]
    assert titles[0] == "InterVentures online partner meeting"  # dated first
    workshop = Event.objects.get(title="TCI Cluster Evaluation workshop, Cork")
    detail = api_get(f"/events/{workshop.pk}")
    assert detail["organiser"] == {"slug": "tci-network", "name": "TCI Network"}
    assert detail["start_date"] == "2018-05-14" and detail["region"] == "IE053"
    assert api_get("/events", when="unknown", limit=50)["count"] == 10
    api_get("/events/999999", status=404)
    api_get("/events", status=422, when="someday")


def test_explore_finds_events_by_organiser(client):
    response = client.get("/api/v1/search", {"type": "event", "organised_by": "tci-network"})
    data = response.json()
    assert [h["title"] for h in data["hits"]] == ["TCI Cluster Evaluation workshop, Cork"]


def test_a_new_organiser_reaches_the_index(db, tmp_path):
    node = TantivyBackend(tmp_path / "node")
    rebuild(node)
    event = Event.objects.get(title="InterVentures thematic visit, Klaipėda")
    event.organiser = Organisation.objects.get(slug="klaipeda-id")
    event.save()
    catch_up(node)
    request = SearchRequest(query=parse_query(""), filters={"organised_by": ["klaipeda-id"]})
    assert [hit.title for hit in node.search(request).hits] == [event.title]


def test_a_project_page_lists_its_events_documents_and_news(client):
    html = client.get("/projects/interventures/").content.decode()
    assert "Policy learning" in html
    assert "InterVentures thematic visit, Burgos" in html
    assert "InterVentures 1st Infographic" in html
    assert "Partners gather online on the 2nd of December" in html
    assert 'href="/projects/interventures/events.ics"' in html
    boost = client.get("/projects/boost/").content.decode()
    assert "Policy learning" not in boost


def test_the_explore_page_offers_the_learning_types_and_filters(client):
    html = client.get("/explore/", {"type": "event"}).content.decode()
    for label in ("Events", "Good practices", "Documents", "News"):
        assert label in html
    assert "Organised by" in html and "TCI Network" in html
    assert "InterVentures online partner meeting" in html
    news = client.get("/explore/", {"type": "news"}).content.decode()
    assert "News source" in news and "laurea.fi" in news


def test_the_event_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    # The list's: the events, their count, the projects and organisers, and the places of the
    # events with the regions named there (two).
    with django_assert_max_num_queries(6):
        client.get("/events/")
    with django_assert_max_num_queries(4):
        client.get("/events/calendar/", {"month": "2018-11"})


def test_the_list_filters_by_project_and_organiser(client):
    html = client.get("/events/", {"organiser": "tci-network"}).content.decode()
    assert "TCI Cluster Evaluation workshop, Cork" in html and "1 event" in html
    html = client.get("/events/", {"project": "ieer"}).content.decode()
    assert "iEER learning camps" in html and "iEER peer reviews" in html
    assert "InterVentures" not in html.split("<table")[1]
    assert '<option value="tci-network"' in html  # the choices come from the data
    # An unknown value is ignored, not an error.
    assert client.get("/events/", {"organiser": "nobody"}).status_code == 200
