"""Two app nodes on one database: two `corridor serve` processes, each with an index
directory of its own (CORRIDOR_INDEX_DIR), share one database, as several nodes behind a
load balancer do (README, "Deployment"). A project idea posted through one node's API is
found by the other node's Explore and search API within a bounded time: the other node
follows the change log (search/sync.py) into its own index before it searches.

On the PostgreSQL pass (`make test-postgres`) the nodes share a new PostgreSQL database
made here on the suite's server; on the SQLite pass, one SQLite file."""

import os
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from django.db import connection

from corridor.loadbench import free_port

SRC = Path(__file__).resolve().parent.parent / "src"
WORD = "Quillwortmeadow"
PASSWORD = "a long passphrase 42"
CATCH_UP_BOUND = 10.0  # seconds from the write's answer to the other node finding it


@pytest.fixture
def shared_database(tmp_path):
    """The environment naming the database both nodes use."""
    if connection.vendor != "postgresql":
        yield {"CORRIDOR_DB": "sqlite", "CORRIDOR_SQLITE_PATH": str(tmp_path / "shared.sqlite3")}
        return
    import psycopg

    name = f"corridor_nodes_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {"CORRIDOR_DB": "postgres", "PGDATABASE": name}
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def node_env(tmp_path: Path, name: str, database: dict) -> dict:
    root = tmp_path / name
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(database)
    env["CORRIDOR_VAR_DIR"] = str(root)
    env["CORRIDOR_INDEX_DIR"] = str(root / "index")
    env["CORRIDOR_DOCUMENT_DIR"] = str(root / "documents")
    env["PYTHONPATH"] = str(SRC)
    return env


def corridor(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "corridor", *args],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def serve(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "corridor", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def until(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    return condition()


def answering(base: str) -> bool:
    try:
        return httpx.get(base + "/", timeout=10).status_code == 200
    except httpx.HTTPError:
        return False


def total(base: str, word: str) -> int:
    return httpx.get(f"{base}/api/v1/search", params={"q": word}, timeout=30).json()["total"]


def signed_in(base: str, username: str) -> httpx.Client:
    """A client signed in on the node at `base` through its sign-in form."""
    client = httpx.Client(base_url=base, timeout=30)
    client.get("/accounts/login/").raise_for_status()
    token = client.cookies["csrftoken"]
    form = {"login": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    response = client.post("/accounts/login/", data=form)
    assert response.status_code == 302, response.text[:500]
    return client


def test_a_write_through_one_node_is_found_through_the_other(tmp_path, shared_database):
    a = node_env(tmp_path, "node-a", shared_database)
    b = node_env(tmp_path, "node-b", shared_database)
    corridor(a, "migrate", "--verbosity", "0")
    corridor(a, "index", "rebuild")
    corridor(b, "index", "rebuild")
    assert (tmp_path / "node-a" / "index").is_dir() and (tmp_path / "node-b" / "index").is_dir()
    make_user = (
        "from allauth.account.models import EmailAddress; "
        "from django.contrib.auth.models import User; "
        f"u = User.objects.create_user('ana', 'ana@example.org', '{PASSWORD}'); "
        "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)"
    )
    corridor(a, "manage", "shell", "-c", make_user)

    port_a, port_b = free_port(), free_port()
    servers = [serve(a, port_a), serve(b, port_b)]
    base_a, base_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    try:
        assert until(lambda: answering(base_a) and answering(base_b), 120)
        assert total(base_a, WORD) == total(base_b, WORD) == 0

        with closing(signed_in(base_a, "ana")) as client:
            idea = {"title": f"{WORD} restoration partners", "summary": "Baltic wet meadows."}
            token = client.cookies["csrftoken"]
            sent = time.monotonic()
            response = client.post("/api/v1/ideas", json=idea, headers={"X-CSRFToken": token})
        assert response.status_code == 201, response.text[:500]
        written = time.monotonic()
        assert until(lambda: total(base_b, WORD) == 1, CATCH_UP_BOUND)
        delay = time.monotonic() - written
        print(f"write through node a {(written - sent) * 1000:.0f} ms, "
              f"found through node b {delay * 1000:.0f} ms after")  # fmt: skip
        assert delay < CATCH_UP_BOUND
        assert total(base_a, WORD) == 1
        page = httpx.get(f"{base_b}/explore/", params={"q": WORD}, timeout=30)
        assert page.status_code == 200 and f"{WORD} restoration partners" in page.text
    finally:
        outputs = []
        for server in servers:
            server.terminate()
            outputs.append(server.communicate(timeout=40)[0].decode())
    for output in outputs:
        assert "Traceback" not in output, output[-3000:]
