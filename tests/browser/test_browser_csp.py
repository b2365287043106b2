"""The Content-Security-Policy in a real browser: every main page, the maps, htmx at work,
the API docs (Swagger UI) and the admin load in Chromium under the policy the server sends,
and the browser reports no violation (securitypolicyviolation events and its console)."""

import os
import re
import subprocess
import sys

import pytest

PASSWORD = "a long passphrase for the csp curator"
SETUP = f"""
from django.contrib.auth.models import User

if not User.objects.filter(username="cspcurator").exists():
    User.objects.create_superuser("cspcurator", "cspcurator@example.org", {PASSWORD!r})
"""

PAGES = [
    "/",
    "/explore/?q=innovation",
    "/projects/",
    "/projects/interventures/",  # the partners' map
    "/organisations/",
    "/organisations/tci-network/",  # JSON-LD: a data block, not run, so not refused
    "/regions/",
    "/regions/SE/",  # a region within its country
    "/programmes/",
    "/events/",
    "/good-practices/",
    "/documents/",
    "/news/",
    "/action-plans/",
    "/indicators/",  # action plans by country: a map and bars
    "/people/",
    "/ideas/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]


@pytest.fixture(scope="module")
def curator(server_files):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    env["CORRIDOR_VAR_DIR"] = str(server_files["database"].parent)
    subprocess.run(
        [sys.executable, "-m", "corridor", "manage", "shell", "-v", "0", "-c", SETUP],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return "cspcurator"


@pytest.fixture
def violations(page) -> list[str]:
    """What the browser refused under the policy, on every page the tab opens."""
    found: list[str] = []
    page.expose_function("cspViolation", lambda text: found.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => window.cspViolation("
        "`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}"
        " (${e.sourceFile}:${e.lineNumber})`));"
    )
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def links(page, pattern: str) -> list[str]:
    hrefs = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return list(dict.fromkeys(href for href in hrefs if href and re.fullmatch(pattern, href)))


def open_page(page, url: str) -> None:
    response = page.goto(url)
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, (url, policy)
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    page.wait_for_load_state("networkidle")


def test_the_public_pages_keep_to_the_policy(page, server_url, violations):
    for path in PAGES:
        open_page(page, server_url + path)
    # A plan with its target bars, and a map drawn on a region's page.
    page.goto(f"{server_url}/action-plans/")
    bars = 0
    for plan in links(page, r"/action-plans/\d+/"):
        open_page(page, server_url + plan)
        bars += page.locator("svg.bar").count()
    assert bars > 0
    assert violations == []


def test_htmx_at_work_keeps_to_the_policy(page, server_url, violations):
    from playwright.sync_api import expect

    open_page(page, f"{server_url}/explore/")
    page.evaluate("window.stillTheSamePage = true")
    page.locator("#explore-q").fill("klaipeda")
    expect(page).to_have_url(re.compile(r"q=klaipeda"))  # the htmx swap and the pushed address
    expect(page.locator("#explore-suggestions")).not_to_be_empty()
    assert violations == []
    assert "sort=" not in page.url  # explore.js leaves out the fields left as they were
    open_page(page, f"{server_url}/projects/")
    page.evaluate("window.stillTheSamePage = true")
    page.locator("summary", has_text="Programme").click()
    page.locator("label", has_text="AURORA 2021-2027").get_by_role("checkbox").check()
    expect(page).to_have_url(re.compile(r"programme=aurora-2021-2027"))
    assert page.evaluate("window.stillTheSamePage") is True
    assert violations == []


def test_the_api_docs_keep_to_the_policy(page, server_url, violations):
    from playwright.sync_api import expect

    open_page(page, f"{server_url}/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert violations == []


def test_the_admin_and_the_signed_in_pages_keep_to_the_policy(
    page, server_url, curator, violations
):
    from playwright.sync_api import expect

    open_page(page, f"{server_url}/admin/")
    page.locator("#id_login, #id_username").first.fill(curator)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#site-name")).to_be_visible()
    for path in (
        "/admin/",
        "/admin/projects/project/",
        "/admin/projects/project/?q=interventures",
        "/admin/learning/event/add/",  # the date and time widgets
        "/messages/",
        "/accounts/me/",
    ):
        open_page(page, server_url + path)
    open_page(page, f"{server_url}/admin/projects/project/?q=interventures")
    page.locator("#result_list tbody th a").first.click()  # a project with its inline partners
    expect(page.locator(".inline-group").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    open_page(page, f"{server_url}/ideas/")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the bars fit it
    open_page(page, server_url + links(page, r"/ideas/(?!new/)[\w-]+/")[0] + "suggestions/")
    bars = page.locator("svg.bar")
    assert bars.count() > 0  # the score bars
    assert bars.first.evaluate(
        "bar => bar.getBoundingClientRect().width <= bar.parentElement.clientWidth"
    )
    assert violations == []
