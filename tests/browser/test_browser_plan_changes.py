"""Changes that take a plan or a figure back, in a real browser: the secretariat is asked
before an approved plan goes back to draft, enters a project's figures and empties them
again, and deletes an action by keyboard after confirming. Each test leaves the server's
database as it found it."""

import os
import re
import subprocess
import sys

import pytest

PASSWORD = "a long passphrase for the editor"
SETUP = f"""
from django.contrib.auth.models import User
from corridor.community.services import add_secretariat_member
from corridor.projects.models import Project

project = Project.objects.get(slug="interventures")
user = User.objects.filter(username="editor").first()
if user is None:
    user = User.objects.create_user("editor", "editor@example.org", {PASSWORD!r})
add_secretariat_member(user, project.programme)
"""


@pytest.fixture(scope="module")
def editor(server_url, tmp_path_factory):
    """A member of InterVentures' programme secretariat, in the browser server's database."""
    folders = {
        path.resolve()
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
    return "editor"


def sign_in(page, server_url: str, username: str, then: str) -> None:
    page.goto(f"{server_url}/accounts/login/?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(re.compile(re.escape(then) + "$"))


def polish_plan(page, server_url: str) -> str:
    page.goto(f"{server_url}/action-plans/?country=PL")
    link = page.locator("table").get_by_role("link", name=re.compile(r"^Poland"))
    return server_url + link.get_attribute("href")


def test_an_approved_plan_goes_back_to_draft_only_when_confirmed(page, server_url, editor):
    from playwright.sync_api import expect

    sign_in(page, server_url, editor, "/action-plans/")
    page.goto(polish_plan(page, server_url))
    expect(page.locator(".plan-header .plan-status")).to_have_text("Approved")
    asked = []

    def dismiss(dialog):
        asked.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Send back to draft").press("Enter")  # by keyboard
    expect(page.locator(".plan-header .plan-status")).to_have_text("Approved")
    assert asked and asked[0][0] == "confirm"
    assert asked[0][1].startswith("Send the approved plan back to draft?")


def test_the_secretariat_enters_figures_then_empties_them(page, server_url, editor):
    from playwright.sync_api import expect

    dashboard = "/indicators/project/interventures/"
    sign_in(page, server_url, editor, dashboard)
    page.get_by_role("link", name="Enter figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the figures of InterVentures")
    row = page.locator("#indicator-people_capacity")
    row.get_by_label("Target").fill("40")
    row.get_by_label("Achieved").fill("10")
    expect(page.locator("#indicator-action_plans").get_by_label("Reported")).to_be_visible()
    page.get_by_role("button", name="Save the figures").click()
    expect(page).to_have_url(server_url + dashboard)
    figures = page.locator('tr[data-indicator="people_capacity"]')
    expect(figures.locator(".target")).to_have_text("40")
    expect(figures.locator(".figure")).to_have_text("10")

    page.get_by_role("link", name="Enter figures").click()
    row.get_by_label("Target").fill("")
    row.get_by_label("Achieved").fill("")
    page.get_by_role("button", name="Save the figures").click()
    expect(figures.locator(".target")).to_have_text("—")


def test_an_action_is_deleted_by_keyboard_after_confirming(page, server_url, editor):
    from playwright.sync_api import expect

    sign_in(page, server_url, editor, "/action-plans/")
    plan_url = polish_plan(page, server_url)
    page.goto(plan_url)
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Number").fill("9")
    page.get_by_label(re.compile(r"^Title")).fill("An action entered by mistake")
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator("#action-9")).to_be_visible()

    page.locator("#action-9").get_by_role("link", name="Edit ACTION 9").click()
    page.get_by_role("link", name="Delete ACTION 9").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Delete ACTION 9: An action entered by mistake?"
    )
    page.get_by_role("button", name="Delete ACTION 9").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("ACTION 9 is deleted.")).to_be_visible()
    expect(page.locator("#action-9")).to_have_count(0)
    expect(page.locator("#action-2")).to_be_visible()
