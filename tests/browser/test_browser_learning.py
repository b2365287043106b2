"""Policy learning in a real browser: the month calendar, an event, its project, and the
iCalendar link a calendar application would subscribe to."""

import re
import urllib.request

import icalendar


def test_calendar_event_project_and_subscription(page, server_url):
    from playwright.sync_api import expect

    page.goto(f"{server_url}/events/calendar/?month=2021-11")
    expect(page.get_by_role("heading", level=1)).to_have_text("Events in November 2021")
    page.get_by_role("link", name=re.compile(r"December 2021 →")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events in December 2021")
    expect(page).to_have_url(re.compile(r"month=2021-12"))

    calendar = page.get_by_role("table")
    day = calendar.locator("td", has=page.locator(".day-number", has_text=re.compile(r"^2$")))
    day.get_by_role("link", name="InterVentures online partner meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "InterVentures online partner meeting"
    )
    expect(page.locator(".facts")).to_contain_text("2 December 2021")

    subscribe = page.get_by_role("link", name="InterVentures events (iCalendar)")
    href = subscribe.get_attribute("href")
    assert href == "/projects/interventures/events.ics"

    page.locator(".facts").get_by_role("link", name="InterVentures", exact=True).click()
    expect(page).to_have_url(f"{server_url}/projects/interventures/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("InterVentures")

    # Subscribing: the calendar application fetches the feed the link points at.
    with urllib.request.urlopen(server_url + href, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        feed = icalendar.Calendar.from_ical(response.read())
    summaries = [str(event["summary"]) for event in feed.walk("VEVENT")]
    assert summaries == ["InterVentures online partner meeting"]
    assert feed.walk("VEVENT")[0].decoded("dtstart").isoformat() == "2021-12-02"
