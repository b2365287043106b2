"""The acceptance test of action plans and monitoring, in a real browser: a curator enters a
plan, links an action to a good practice, reports progress twice, and sees the indicators
and charts change."""

import datetime
import os
import re
import subprocess
import sys

import pytest

PASSWORD = "a long passphrase for the curator"
# The plan is approved today; its two reporting periods follow.
TODAY = datetime.date.today()
FIRST_END = TODAY + datetime.timedelta(days=90)
SECOND_START = FIRST_END + datetime.timedelta(days=1)
REACHED = SECOND_START + datetime.timedelta(days=30)
SECOND_END = SECOND_START + datetime.timedelta(days=90)


def day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"  # as the pages write dates


# Run in the server's database: a curator working for the joint secretariat of InterVentures'
# programme, and a validated good practice of InterVentures for an action to learn from.
SETUP = f"""
from django.contrib.auth.models import User
from corridor.learning.models import GoodPractice, PracticeStatus
from corridor.community.services import add_secretariat_member
from corridor.projects.models import Project

project = Project.objects.get(slug="interventures")
user = User.objects.filter(username="curator").first()
if user is None:
    user = User.objects.create_user("curator", "curator@example.org", {PASSWORD!r})
add_secretariat_member(user, project.programme)
GoodPractice.objects.get_or_create(
    title="Preparedness test for SMEs going abroad",
    project=project,
    defaults={{"status": PracticeStatus.VALIDATED,
               "summary": "A test SMEs take before they enter a foreign market."}},
)
"""


@pytest.fixture(scope="module")
def curator(server_url, tmp_path_factory):
    """The curator's user name, created in the database the browser server runs on (the
    session's server keeps it in the one corridor-var folder of this test session)."""
    folders = {
        path.resolve()  # pytest links corridor-varcurrent to the numbered folder
        for path in tmp_path_factory.getbasetemp().glob("corridor-var*")
        if (path / "server.log").exists()
    }
    assert len(folders) == 1, folders
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    env["CORRIDOR_VAR_DIR"] = str(folders.pop())
    subprocess.run(
        [sys.executable, "-m", "corridor", "manage", "shell", "-v", "0", "-c", SETUP],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return "curator"


def figure(page, indicator: str) -> str:
    """The achieved figure of one indicator on a dashboard."""
    return page.locator(f'tr[data-indicator="{indicator}"] .figure').inner_text()


def status_segment(page, status: str):
    return page.locator(f'#status-heading ~ figure rect[data-status="{status}"]')


def test_a_curator_enters_a_plan_reports_progress_twice_and_sees_the_indicators_change(
    page, server_url, curator
):
    from playwright.sync_api import expect

    # Sign in.
    page.goto(f"{server_url}/accounts/login/?next=/action-plans/")
    page.get_by_label("Username").fill(curator)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plans")

    # A new plan for an InterVentures partner, improving a new policy instrument.
    page.get_by_role("link", name="New action plan").click()
    page.get_by_label("Project").select_option(label="InterVentures")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New action plan for InterVentures")
    page.get_by_label("Partner").select_option(label="Klaipeda Municipal Administration")
    page.get_by_label("Klaipėda ID").check()  # co-author
    expect(page.get_by_label("Policy instrument")).to_have_value("")  # a new one
    page.get_by_label("Name", exact=True).fill("Klaipėda start-up support scheme")
    page.get_by_label("Type", exact=True).select_option(label="Other regional or national policy")
    page.get_by_label("Managing authority", exact=True).fill("Klaipėda City Municipality")
    page.get_by_label("Territory", exact=True).fill("Klaipėda")
    page.get_by_label("Title", exact=True).fill("Klaipėda start-ups go abroad")
    page.get_by_label("Region", exact=True).fill("LT023")
    page.get_by_label("Summary in English").fill("Start-ups prepare before going abroad.")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klaipėda start-ups go abroad")
    expect(page.locator(".plan-header .plan-status")).to_have_text("Draft")
    plan_url = page.url
    instrument = page.locator(".facts").get_by_role("link", name="Klaipėda start-up support scheme")
    expect(instrument).to_have_attribute("href", re.compile(r"^/policy-instruments/"))

    # An action that learnt from a validated good practice.
    page.get_by_role("link", name="Add an action").click()
    expect(page.get_by_label("Number")).to_have_value("1")
    page.get_by_label(re.compile(r"^Title")).fill("Preparedness tests for start-ups")
    page.get_by_label("Description", exact=True).fill("Start-ups take a preparedness test first.")
    page.get_by_role("checkbox", name="Preparedness test for SMEs going abroad").check()
    page.get_by_label("Measures", exact=True).fill("Adapt the test\nTrain the advisers")
    page.get_by_label("Target 1: how many").fill("20")
    page.get_by_label("Target 1: what is counted").fill("start-ups tested")
    page.get_by_label("Target 1: due by").fill("2025-06-30")
    page.get_by_role("button", name="Save the action").click()
    expect(page).to_have_url(re.compile(r"#action-1$"))
    action = page.locator("#action-1")
    expect(action.get_by_role("heading", level=3)).to_contain_text(
        "Preparedness tests for start-ups"
    )
    expect(
        action.get_by_role("link", name="Preparedness test for SMEs going abroad")
    ).to_be_visible()
    expect(action.locator(".measures li")).to_have_text(["Adapt the test", "Train the advisers"])

    # Submitted, then approved by the secretariat.
    page.get_by_role("button", name="Submit for approval").press("Enter")  # by keyboard
    expect(page.locator(".plan-header .plan-status")).to_have_text("Submitted")
    page.get_by_role("button", name="Approve the plan").click()
    expect(page.locator(".plan-header .plan-status")).to_have_text("Approved")

    # Printed: the plan alone, without navigation, forms or buttons.
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("button", name="Send back to draft")).to_be_hidden()
    expect(page.locator("#action-1")).to_be_visible()
    page.emulate_media(media="screen")

    # The dashboard before any report.
    dashboard = f"{server_url}/indicators/project/interventures/"
    page.goto(dashboard)
    implemented_before = int(figure(page, "actions_implemented"))
    plans_before = int(figure(page, "action_plans"))
    expect(status_segment(page, "implemented")).to_have_count(0)
    unreported = status_segment(page, "no_report")
    expect(unreported.locator("title")).to_have_text(re.compile(r"^No report yet: \d+$"))
    unreported_before = int(unreported.locator("title").text_content().split(": ")[1])
    expect(page.locator(".history-bars li")).to_have_count(0)

    # First report: in progress.
    page.goto(plan_url)
    page.get_by_role("link", name="Report progress").click()
    expect(page.get_by_label("Period from")).to_have_value(TODAY.isoformat())  # approved
    page.get_by_label("Period to").fill(FIRST_END.isoformat())
    page.get_by_label("Summary", exact=True).fill("The test is being adapted.")
    page.get_by_label("Status", exact=True).select_option("in_progress")
    page.get_by_label("Evidence", exact=True).fill("Two advisers trained.")
    page.get_by_label(re.compile(r"^Achieved so far of 20 start-ups tested")).fill("8")
    page.get_by_role("button", name="Save the report").click()
    expect(page).to_have_url(re.compile(r"#reports$"))
    expect(page.locator("#action-1 .action-status")).to_have_text("In progress")
    expect(page.locator("#action-1 .target-achieved")).to_have_text("8 achieved so far (40 %)")

    # Second report: implemented.
    page.get_by_role("link", name="Report progress").click()
    expect(page.get_by_label("Period from")).to_have_value(SECOND_START.isoformat())
    page.get_by_label("Period to").fill(SECOND_END.isoformat())
    page.get_by_label("Status", exact=True).select_option("implemented")
    page.get_by_label("Evidence", exact=True).fill("The scheme offers the test since October.")
    page.get_by_label("Status reached on").fill(REACHED.isoformat())
    page.get_by_label(re.compile(r"^Achieved so far of 20 start-ups tested")).fill("20")
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator("#action-1 .action-status")).to_have_text("Implemented")
    expect(page.locator("#action-1 .target-achieved")).to_have_text("20 achieved so far (100 %)")

    # The plan's timeline shows both changes.
    timeline = page.locator("#timeline li")
    expect(timeline).to_have_count(3)
    expect(timeline.nth(0)).to_contain_text("Plan approved")
    expect(timeline.nth(1)).to_contain_text(day(FIRST_END))
    expect(timeline.nth(1)).to_contain_text("ACTION 1 in progress: Two advisers trained.")
    expect(timeline.nth(2)).to_contain_text(day(REACHED))
    expect(timeline.nth(2)).to_contain_text("ACTION 1 in progress → implemented")

    # The indicators and the charts changed.
    page.goto(dashboard)
    assert int(figure(page, "action_plans")) == plans_before
    assert int(figure(page, "actions_implemented")) == implemented_before + 1
    segment = status_segment(page, "implemented")
    expect(segment.locator("title")).to_have_text("Implemented: 1")
    assert float(segment.get_attribute("width")) > 0
    expect(status_segment(page, "no_report").locator("title")).to_have_text(
        f"No report yet: {unreported_before - 1}"
    )
    history = page.locator(".history-bars li")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text(day(FIRST_END))
    expect(history.nth(0).locator('rect[data-status="in_progress"] title')).to_have_text(
        f"{day(FIRST_END)}, in progress: 1"
    )
    expect(history.nth(1).locator('rect[data-status="implemented"] title')).to_have_text(
        f"{day(SECOND_END)}, implemented: 1"
    )
    expect(page.get_by_role("link", name="Klaipėda start-ups go abroad")).to_be_visible()
