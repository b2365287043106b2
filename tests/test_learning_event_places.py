"""Events found by place (country, region, city) and words, and the calendar opening on the
nearest month that has events."""

import datetime

import pytest

from corridor.learning.models import Event
from corridor.learning.queries import opening_month

pytestmark = pytest.mark.django_db


def listed(client, **query) -> set[str]:
    response = client.get("/events/", query)
    assert response.status_code == 200
    return {e.title for e in response.context["page"].paginator.object_list}


def api_titles(api_get, **query) -> set[str]:
    return {e["title"] for e in api_get("/events", limit=200, **query)["items"]}


KLAIPEDA = "InterVentures thematic visit, Klaipėda"
MILAN = "InterVentures interregional meeting 4, Milan"
RZESZOW = "InterVentures interregional meeting 3, Rzeszów"


def test_words_find_events_without_their_accents_and_by_their_regions_english_name(client):
    assert listed(client, q="Klaipeda") == {KLAIPEDA}  # the city is Klaipėda
    assert listed(client, q="Lombardy") == {MILAN}  # Milan lies in Lombardia
    assert listed(client, q="thematic Burgos") == {"InterVentures thematic visit, Burgos"}
    assert listed(client, q="no-such-word") == set()


def test_a_country_region_or_city_narrows_the_list(client):
    assert listed(client, country="LT") == {KLAIPEDA}
    assert listed(client, country="lt") == {KLAIPEDA}  # codes in any case
    assert listed(client, region="PL8") == {RZESZOW}  # a region includes its sub-regions
    assert listed(client, region="SK04") == {"5th project meeting and open event, Košice"}
    assert listed(client, city="cork") == {"TCI Cluster Evaluation workshop, Cork"}
    in_hungary = listed(client, country="HU")
    assert "InterVentures interregional meeting 1, Pécs" in in_hungary
    assert all(
        e.country_code == "HU" or (e.region and e.region.country_code == "HU")
        for e in Event.objects.filter(title__in=in_hungary)
    )


def test_the_form_offers_the_countries_and_regions_of_the_events(client):
    form = client.get("/events/").context["form"]
    countries = dict(form.fields["country"].choices)
    assert countries["LT"] == "Lithuania" and countries["IE"] == "Ireland"
    regions = dict(form.fields["region"].choices)
    assert {"LT023", "LT02", "LT", "ITC4C", "ITC4"} <= set(regions)  # and those they lie in
    assert "DE" not in countries  # no event in Germany


def test_the_api_filters_by_place_and_words_as_the_page(api_get, client):
    assert api_titles(api_get, q="Lombardy") == {MILAN}
    assert api_titles(api_get, country="lt") == {KLAIPEDA}
    assert api_titles(api_get, region="pl8", city="rzesz") == {RZESZOW}
    api_get("/events", status=422, country="Lithuania")  # a code, not a name


def test_the_calendar_opens_on_the_current_month_when_it_has_events():
    assert opening_month(datetime.date(2018, 11, 20)) == datetime.date(2018, 11, 1)  # Košice


def test_else_on_the_nearest_month_with_events():
    # Košice on 13 November 2018, Sofia on 27 May 2020.
    assert opening_month(datetime.date(2019, 1, 15)) == datetime.date(2018, 11, 1)
    assert opening_month(datetime.date(2020, 3, 1)) == datetime.date(2020, 5, 1)
    # After the last dated event (2 December 2021): that month.
    assert opening_month(datetime.date(2026, 12, 2)) == datetime.date(2021, 12, 1)
    # Before the first one (Cork, 14 May 2018).
    assert opening_month(datetime.date(2010, 1, 1)) == datetime.date(2018, 5, 1)


def test_with_no_dated_event_the_calendar_opens_on_the_current_month():
    Event.objects.filter(start_date__isnull=False).update(start_date=None, end_date=None)
    assert opening_month(datetime.date(2019, 1, 15)) == datetime.date(2019, 1, 1)


def test_the_calendar_page_without_a_month_shows_events(client):
    for query in ({}, {"month": "2021-13"}):  # none, or one that is no month
        response = client.get("/events/calendar/", query)
        assert response.status_code == 200
        calendar = response.context["calendar"]
        assert calendar.first == opening_month()
        assert calendar.event_count > 0
