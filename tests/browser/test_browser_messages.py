"""The community in a real browser: a visitor signs up, confirms by the link in the e-mail
the server wrote to its mail folder, fills a profile, posts a project idea and reads the
partner suggestions with their reasons, then writes to a person from their profile's contact
page; the person is told by e-mail from the platform and reads it in their inbox. Neither
address shows anywhere (the page fixture checks every response)."""

import os
import re
import subprocess
import sys

import pytest

PASSWORD = "a long passphrase for bea"
SETUP = f"""
from django.contrib.auth.models import User
from corridor.community.models import Profile

user = User.objects.filter(username="bea").first()
if user is None:
    user = User.objects.create_user("bea", "bea@example.org", {PASSWORD!r})
    Profile.objects.create(user=user, slug="bea-berg", name="Bea Berg", visibility="public")
"""


@pytest.fixture(scope="module")
def bea(server_files):
    """A person with a public profile, in the browser server's database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    env["CORRIDOR_VAR_DIR"] = str(server_files["database"].parent)
    subprocess.run(
        [sys.executable, "-m", "corridor", "manage", "shell", "-v", "0", "-c", SETUP],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return "bea"


def mails(folder) -> list[str]:
    return [path.read_text() for path in sorted(folder.glob("*.log"))]


def test_a_visitor_signs_up_confirms_and_writes_to_a_person(page, server_url, server_files, bea):
    from playwright.sync_api import expect

    page.goto(f"{server_url}/accounts/signup/")
    page.get_by_label("E-mail").fill("ana.newcomer@example.org")
    page.get_by_label("Username").fill("ana")
    page.locator("#id_password1").fill("a long passphrase for ana")
    page.locator("#id_password2").fill("a long passphrase for ana")
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    [confirmation] = [m for m in mails(server_files["mail"]) if "To: ana.newcomer@example.org" in m]
    link = re.search(r"(http://\S+/accounts/confirm-email/\S+/)", confirmation).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name="Sign out ana")).to_be_visible()

    # A profile, found by others through what she is looking for.
    page.goto(f"{server_url}/people/me/edit/")
    page.locator("#id_name").fill("Ana Newcomer")
    page.get_by_label("Or your organisation in words").fill("Example Port Authority of Luleå")
    page.get_by_label("Leading a project").check()
    page.get_by_label("Public: everyone, and Explore").check()
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Newcomer")
    expect(page.locator("main")).to_contain_text("Leading a project")
    expect(page.get_by_role("button", name="Sign out Ana Newcomer")).to_be_visible()

    # An idea, and the partners the matchmaker suggests for it, each with its reasons.
    page.goto(f"{server_url}/ideas/new/")
    page.locator("#id_title").fill("Shore power for the small ports of the Bothnian Arc")
    page.locator("#id_summary").fill(
        "Ports, municipalities and energy companies of northern Sweden and Finland plan "
        "shore power and green logistics for small harbours, with regional development "
        "agencies and universities."
    )
    page.locator("#id_programme").select_option("aurora-2021-2027")
    page.get_by_role("button", name="Post the idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Shore power for the small ports of the Bothnian Arc"
    )
    page.get_by_role("link", name="Partner suggestions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner suggestions")
    suggestions = page.locator("li.suggestion")
    expect(suggestions.first).to_be_visible()
    assert suggestions.count() >= 5
    first_reasons = suggestions.first.locator(".reasons li")
    assert first_reasons.count() >= 1
    expect(first_reasons.first).to_contain_text(re.compile(r"\w+ \w+"))
    # The consortium of one is checked against the programme's rules.
    expect(page.locator(".warnings")).to_contain_text("at least 2 countries")

    page.goto(f"{server_url}/people/bea-berg/contact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Send a message to Bea Berg")
    page.get_by_label("Subject").fill("Shore power for small ports")
    page.get_by_label("Message").fill("Would your region join our Interreg Europe project?")
    page.get_by_role("button", name="Send the message").click()
    expect(page.locator(".conversation")).to_contain_text("Would your region join")

    [notice] = [m for m in mails(server_files["mail"]) if "To: bea@example.org" in m]
    assert "ana.newcomer@example.org" not in notice
    assert "Reply-To" not in notice
    assert "sent you a private message" in notice

    page.get_by_role("button", name="Sign out ana").click()
    page.goto(f"{server_url}/accounts/login/?next=/messages/")
    page.get_by_label("Username").fill("bea@example.org")  # by e-mail, this time
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages")
    expect(page.locator(".messages-link .badge")).to_contain_text("1")
    page.get_by_role("link", name="Shore power for small ports").click()
    expect(page.locator(".conversation")).to_contain_text("Would your region join")
    page.get_by_label("Your answer").fill("Yes, gladly.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".conversation li")).to_have_count(2)
    expect(page.locator(".messages-link .badge")).to_have_count(0)
