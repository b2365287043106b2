"""`corridor index rebuild` killed with SIGKILL part-way, in a process of its own, on a copy
of the demo data (`corridor load-demo` in a temporary CORRIDOR_VAR_DIR): the node keeps
serving the index it had, says a rebuild was interrupted, and the next rebuild completes
and removes what the killed one left."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORRIDOR = [sys.executable, "-m", "corridor"]


@pytest.fixture(scope="module")
def demo_var(tmp_path_factory) -> Path:
    var_dir = tmp_path_factory.mktemp("demo-var")
    subprocess.run([*CORRIDOR, "load-demo"], env=_env(var_dir), check=True, capture_output=True)
    return var_dir


@pytest.fixture
def var_dir(demo_var, tmp_path) -> Path:
    copy = tmp_path / "var"
    shutil.copytree(demo_var, copy)
    return copy


def _env(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    env["CORRIDOR_VAR_DIR"] = str(var_dir)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def corridor(var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CORRIDOR, *args], env=_env(var_dir), capture_output=True, text=True, timeout=600
    )


def search(var_dir: Path, *words: str) -> dict:
    result = corridor(var_dir, "search", "--format", "json", *words)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def writing_documents(index_dir: Path, started: float) -> bool:
    """Whether the rebuild has begun writing: an index (meta.json) written since `started`,
    and where it records its progress (build.json), documents in it."""
    written, progress = False, []
    for path in index_dir.rglob("*"):
        try:
            if path.name == "meta.json" and path.stat().st_mtime > started:
                written = True
            elif path.name == "build.json":
                progress.append(json.loads(path.read_text()).get("indexed", 0))
        except (FileNotFoundError, ValueError):
            continue  # replaced while we looked
    return written and all(n >= 100 for n in progress)


def kill_rebuild_midway(var_dir: Path) -> None:
    """Start `corridor index rebuild`, wait until it has started writing the new index, and
    kill it with SIGKILL."""
    index_dir = var_dir / "index"
    index_dir.mkdir(exist_ok=True)
    time.sleep(0.02)  # mtimes after this point are the rebuild's
    started = time.time()
    rebuild = subprocess.Popen(
        [*CORRIDOR, "index", "rebuild"], env=_env(var_dir),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while not writing_documents(index_dir, started):
            assert rebuild.poll() is None, "the rebuild ended before it could be killed"
            time.sleep(0.005)
    finally:
        rebuild.send_signal(signal.SIGKILL)
        out, _ = rebuild.communicate()
    assert rebuild.returncode == -signal.SIGKILL
    assert b"Indexed" not in out, "the rebuild finished before the kill"


def followed(status: str) -> tuple[str, str]:
    """The documents an index holds and the change it follows up to, as `status` says."""
    found = re.search(r"(\d+) documents; change log followed up to (\S+)", status)
    assert found, status
    return found[1], found[2]


def versions(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.is_dir())


def test_a_killed_rebuild_leaves_the_previous_index_serving(var_dir):
    before = search(var_dir, "Klaipeda")
    assert before["total"] > 3
    documents = followed(corridor(var_dir, "index", "status").stdout)

    kill_rebuild_midway(var_dir)

    after = search(var_dir, "Klaipeda")
    assert after["hits"] == before["hits"]
    assert after["total"] == before["total"]
    status = corridor(var_dir, "index", "status")
    assert status.returncode == 0
    assert followed(status.stdout) == documents  # the same documents, up to the same change
    assert "interrupted" in status.stdout
    assert "the previous index is in use" in status.stdout
    assert after["index_state"] == "interrupted"  # said in the API, not on the page
    assert after["messages"] == []

    assert len(versions(var_dir / "index")) == 2  # the one in use and the killed one's
    again = corridor(var_dir, "index", "rebuild")
    assert again.returncode == 0, again.stderr
    assert len(versions(var_dir / "index")) == 1  # the old and the interrupted are gone
    status = corridor(var_dir, "index", "status").stdout
    assert "interrupted" not in status
    assert "state: ready" in status
    answer = search(var_dir, "Klaipeda")
    assert (answer["hits"], answer["index_state"]) == (before["hits"], "ready")


def test_a_first_build_killed_says_there_is_no_index_until_one_completes(var_dir):
    shutil.rmtree(var_dir / "index")

    kill_rebuild_midway(var_dir)

    status = corridor(var_dir, "index", "status").stdout
    assert "not been built" in status
    assert "interrupted" in status
    answer = search(var_dir, "Klaipeda")
    assert answer["total"] == 0
    assert answer["index_state"] == "missing"
    assert any("not been built" in message for message in answer["messages"])

    assert corridor(var_dir, "index", "rebuild").returncode == 0
    answer = search(var_dir, "Klaipeda")
    assert answer["total"] > 3
    assert (answer["index_state"], answer["messages"]) == ("ready", [])
    assert len(versions(var_dir / "index")) == 1
