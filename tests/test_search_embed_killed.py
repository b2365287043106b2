"""`corridor embed` killed with SIGKILL part-way, in a process of its own, on a copy of the
demo data: what it committed stays, Explore searches by words meanwhile and says so, and
the next run goes on from there without computing again what was kept."""

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from test_search_rebuild_killed import CORRIDOR, _env, corridor, demo_var  # noqa: F401


def stored(var_dir: Path) -> dict[str, int]:
    """doc id -> row of the vectors committed so far."""
    found = list((var_dir / "vectors").glob("*/rows.sqlite3"))
    if not found:
        return {}
    try:
        with sqlite3.connect(found[0], timeout=5) as db:
            return dict(db.execute("SELECT doc_id, row FROM rows"))
    except sqlite3.OperationalError:  # created this instant
        return {}


def kill_embed_after(var_dir: Path, at_least: int) -> dict[str, int]:
    embed = subprocess.Popen(
        [*CORRIDOR, "embed"], env=_env(var_dir),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while len(stored(var_dir)) < at_least:
            assert embed.poll() is None, "corridor embed ended before it could be killed"
            time.sleep(0.05)
    finally:
        embed.send_signal(signal.SIGKILL)
        out, _ = embed.communicate()
    assert embed.returncode == -signal.SIGKILL
    assert b"Computed" not in out, "corridor embed finished before the kill"
    return stored(var_dir)


def test_a_killed_embed_keeps_what_it_committed_and_the_next_goes_on(demo_var):  # noqa: F811
    var_dir = demo_var
    first = kill_embed_after(var_dir, 20)
    status = corridor(var_dir, "embed", "--status")
    assert status.returncode == 0, status.stderr
    assert "state: building: first pass not running" in status.stdout
    assert f"{len(first):,} of " in status.stdout

    answer = json.loads(corridor(var_dir, "search", "--format", "json", "innovation").stdout)
    assert answer["mode"] == "keyword" and answer["total"] > 0
    assert any("being prepared" in m for m in answer["messages"])

    second = kill_embed_after(var_dir, len(first) + 20)
    # What the first run kept was not computed again: same rows, and the new ones after.
    assert {doc_id: second[doc_id] for doc_id in first} == first
    assert min(r for d, r in second.items() if d not in first) > max(first.values())
