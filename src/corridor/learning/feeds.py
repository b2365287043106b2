"""Feeds: iCalendar for events, RSS and Atom for news."""

import datetime
import zoneinfo

import icalendar
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from corridor.learning import queries
from corridor.learning.models import Event
from corridor.lib.countries import country_name

PRODID = "-//Corridor//Policy learning events//EN"


def _when(event: Event, day: datetime.date, time: datetime.time | None):
    if time is None:
        return day
    try:
        zone = zoneinfo.ZoneInfo(event.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = datetime.UTC
    return datetime.datetime.combine(day, time, tzinfo=zone)


def ical_event(event: Event, base_url: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@corridor")
    item.add("dtstamp", event.updated_at)
    item.add("summary", event.title)
    start = _when(event, event.start_date, event.start_time)
    item.add("dtstart", start)
    last_day = event.end_date or event.start_date
    if event.start_time is None:
        item.add("dtend", last_day + datetime.timedelta(days=1))  # exclusive, all day
    elif event.end_time is not None:
        item.add("dtend", _when(event, last_day, event.end_time))
    place = ", ".join(
        p for p in [event.place, country_name(event.country_code) if event.country_code else ""]
        if p
    )  # fmt: skip
    if place:
        item.add("location", place)
    item.add("categories", [event.get_type_display()])
    item.add("url", base_url + event.get_absolute_url())
    lines = [event.description]
    if event.project:
        lines.append(f"Project: {event.project.acronym}")
    if event.organiser:
        lines.append(f"Organised by: {event.organiser.display_name}")
    item.add("description", "\n\n".join(line for line in lines if line))
    return item


def ical_calendar(events, name: str, base_url: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(ical_event(event, base_url))
    cal.add_missing_timezones()
    return cal.to_ical()


class NewsRss(Feed):
    title = "Corridor: news on interregional cooperation"
    description = "News from projects, programmes and other sites, with their sources."

    def link(self):
        return reverse("news_list")

    def items(self):
        return queries.latest_news()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body_html or item.title

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at or item.updated_at

    def item_author_name(self, item):
        return item.news_source.name

    def item_categories(self, item):
        return [item.news_source.get_kind_display()]


class NewsAtom(NewsRss):
    feed_type = Atom1Feed
    subtitle = NewsRss.description
