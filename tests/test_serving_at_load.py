"""Serving at load: `corridor serve --workers N` (gunicorn), the load test's client, and
downloads streamed in chunks of many rows. The figures are `corridor bench load`'s."""

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from corridor.loadbench import (
    Page,
    demo_mix,
    is_loopback,
    memory_mib,
    processes,
    run_load,
    summarise,
)

SRC = Path(__file__).resolve().parent.parent / "src"


def test_an_export_of_many_rows_is_sent_in_few_large_chunks(demo, client):
    """One write to the socket per row made the whole Explore export (1,248 rows) slow
    through the servers: rows are now sent in chunks of about 64 KiB."""
    response = client.get("/explore/export.csv")
    chunks = list(response.streaming_content)
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8"))))
    assert len(rows) > 1000
    assert len(chunks) <= len(rows) // 100
    assert all(len(chunk) <= 80 * 1024 for chunk in chunks)
    assert rows[0] == ["type", "title", "subtitle", "url", "date", "budget"]


def test_a_json_export_is_chunked_and_still_one_array(demo, client):
    import json

    response = client.get("/explore/export.json")
    chunks = list(response.streaming_content)
    records = json.loads(b"".join(chunks))
    assert len(records) > 1000
    assert len(chunks) <= len(records) // 100


def test_the_load_test_asks_loopback_addresses_only():
    assert is_loopback("http://127.0.0.1:8000") and is_loopback("http://localhost:1")
    assert is_loopback("http://[::1]:8000")
    for url in ("http://10.0.0.1:8000", "http://192.168.1.5/", "http://example.org/"):
        assert not is_loopback(url)
        with pytest.raises(ValueError, match="loopback"):
            run_load(url, [Page("home", ["/"])], users=1, seconds=1, max_requests=1)


def test_the_mix_holds_every_kind_of_page_and_each_answers(demo, client):
    pages = demo_mix()
    assert [p.name for p in pages] == [
        "home",
        "explore",
        "fact sheet",
        "organisation",
        "action plan",
        "api list",
        "api detail",
        "export.csv",
    ]
    for page in pages:
        assert page.paths, page.name
        for path in page.paths[:3]:
            assert client.get(path).status_code == 200, path


@pytest.mark.django_db(transaction=True)
def test_users_at_once_are_bounded_in_requests_and_counted(demo, live_server):
    pages = [Page("home", ["/"], weight=1), Page("missing", ["/no-such-page/"], weight=1)]
    result = run_load(live_server.url, pages, users=3, seconds=60, max_requests=12)
    report = summarise(result)
    assert report["overall"]["requests"] == 12 == len(result.samples)
    assert result.seconds < 60
    assert report["pages"]["missing"]["errors"] == report["pages"]["missing"]["requests"] > 0
    assert report["pages"]["home"]["errors"] == 0
    assert report["errors"] == {"HTTP 404 /no-such-page/": report["pages"]["missing"]["requests"]}


@pytest.mark.django_db(transaction=True)
def test_users_stop_when_the_time_is_up(demo, live_server):
    result = run_load(
        live_server.url,
        [Page("home", ["/"])],
        users=2,
        seconds=1.5,
        max_requests=100_000,
        think=0.2,
    )
    assert 0 < len(result.samples) < 100
    assert all(s.status == 200 for s in result.samples)


def _cli(var: Path, *args: str, **kwargs):
    env = {
        **os.environ,
        "CORRIDOR_VAR_DIR": str(var),
        "CORRIDOR_DB": "sqlite",
        "PYTHONPATH": str(SRC),
    }
    env.pop("CORRIDOR_SQLITE_PATH", None)
    env.pop("CORRIDOR_INDEX_DIR", None)
    command = [sys.executable, "-m", "corridor", *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True)


def _until(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    return condition()


def test_serve_with_workers_runs_that_many_processes_that_see_each_others_writes(tmp_path):
    """Two gunicorn workers answer; an organisation added by another process while they run
    is found by Explore in each of them (their index handles are their own, opened after
    the fork, and follow the writes of other processes)."""
    from corridor.loadbench import free_port

    _cli(tmp_path, "migrate", "--verbosity", "0")
    _cli(tmp_path, "index", "rebuild")
    port = free_port()
    server = _cli(tmp_path, "serve", "--workers", "2", "--port", str(port), background=True)
    base = f"http://127.0.0.1:{port}"
    try:

        def answer(path):
            try:
                return httpx.get(base + path, timeout=30)
            except httpx.HTTPError:
                return None

        assert _until(lambda: answer("/"), 60).status_code == 200
        workers = _until(lambda: len(processes(server.pid)) == 3 and processes(server.pid))
        assert len(workers) == 3, "a master and two workers"
        assert all(memory_mib(pid)["rss_mib"] > 10 for pid in workers)

        def found() -> list[int]:
            return [answer("/api/v1/search?q=Zyxwvut").json()["total"] for _ in range(8)]

        # Every worker opens its index before the write (eight requests reach both).
        assert found() == [0] * 8
        create = (
            "from corridor.organisations.models import Organisation as O; "
            "O.objects.create(name='Zyxwvut Institute', slug='zyxwvut')"
        )
        _cli(tmp_path, "manage", "shell", "-c", create)
        assert _until(lambda: found() == [1] * 8, 60)
    finally:
        server.terminate()
        output = server.communicate(timeout=40)[0].decode()
    assert "Booting worker" in output and output.count("Booting worker") == 2
    assert "Traceback" not in output
