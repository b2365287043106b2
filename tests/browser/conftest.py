"""Browser tests: Debian's Chromium driven by Playwright against a real server (waitress,
`corridor serve`) on a temporary SQLite database filled by `corridor load-demo`."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote_plus, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    """Every test in this folder drives the browser: marked so, and skipped (saying why)
    where Chromium is missing."""
    skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


SERVER: dict[str, Path] = {}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen, log: Path, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped (exit {server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("corridor-var")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    env["CORRIDOR_VAR_DIR"] = str(var_dir)
    env["CORRIDOR_EMAIL_FILE_PATH"] = str(var_dir / "mail")  # the mail the server sends
    corridor = [sys.executable, "-m", "corridor"]
    subprocess.run([*corridor, "load-demo"], env=env, check=True, capture_output=True)
    port, log = free_port(), var_dir / "server.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [*corridor, "serve", "--port", str(port)], env=env, stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}"
    SERVER["database"] = var_dir / "corridor.sqlite3"
    SERVER["mail"] = var_dir / "mail"
    try:
        wait_until_serving(url + "/", server, log)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def server_files(server_url) -> dict[str, Path]:
    """The browser server's database and mail folder."""
    return SERVER


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser tab. The server is another process, so the suite's response recorder
    (tests/leaks.py) cannot see its answers: the browser records every response it receives
    instead, and after the test they are searched for the addresses of the server's users."""
    context = browser.new_context()
    received: list[tuple[str, str, bytes]] = []
    context.on("response", lambda response: received.append(read(response)))
    yield context.new_page()
    context.close()
    found = browser_leaks(received)
    if found:
        pytest.fail(
            f"{request.node.nodeid}: e-mail addresses in responses:\n" + "\n".join(found),
            pytrace=False,
        )


def read(response) -> tuple[str, str, bytes]:
    """What the browser sent (URL and form) and received; a redirect has no body."""
    sent = unquote_plus(response.url + " " + (response.request.post_data or "")).lower()
    if 300 <= response.status < 400:
        return response.url, sent, b""
    return response.url, sent, response.body().lower()


def browser_leaks(received: list[tuple[str, str, bytes]]) -> list[str]:
    """The rule of tests/leaks.py, with one difference: the browser does not know who is
    signed in, so an address on an /accounts/ page (the person's own e-mail page) passes."""
    if "database" not in SERVER:
        return []
    with sqlite3.connect(SERVER["database"]) as db:
        rows = db.execute(
            "SELECT email FROM auth_user UNION SELECT email FROM account_emailaddress"
        ).fetchall()
    addresses = sorted({email.lower() for (email,) in rows if email})
    found = []
    for url, sent, body in received:
        path = urlsplit(url).path
        if path.startswith(("/accounts/", "/admin/")):
            continue
        for address in addresses:
            if address in sent:
                continue
            forms = {address, address.replace("@", "%40"), address.replace("@", "&#64;")}
            if any(form.encode() in body for form in forms):
                found.append(f"{url} shows {address}")
    return found
