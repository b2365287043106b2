"""The rate limits count in Django's database cache (settings.CACHES), so that the worker
processes of `corridor serve --workers N`, and nodes sharing one database, count together:
failed sign-ins for one account in two processes of their own, over one database made by
`corridor migrate` (which makes the cache's table), add up to the limit of five."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sign_in_attempts import RIGHT

TESTS = Path(__file__).resolve().parent


def _env(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    env["CORRIDOR_VAR_DIR"] = str(var_dir)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS.parent / "src"), str(TESTS)])
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory) -> Path:
    var_dir = tmp_path_factory.mktemp("shared-cache")
    migrate = [sys.executable, "-m", "corridor", "migrate", "--verbosity", "0"]
    subprocess.run(migrate, env=_env(var_dir), check=True, capture_output=True, timeout=300)
    return var_dir


def attempts(var_dir: Path, *args: str) -> list[str]:
    script = [sys.executable, str(TESTS / "sign_in_attempts.py"), *args]
    done = subprocess.run(script, env=_env(var_dir), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_migrate_makes_the_cache_table(var_dir):
    import sqlite3

    with sqlite3.connect(var_dir / "corridor.sqlite3") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert "corridor_cache" in tables


def test_two_processes_count_one_accounts_failed_sign_ins_together(var_dir):
    assert attempts(var_dir, "ana", "wrong", "wrong", "wrong") == ["wrong"] * 3
    # The sixth attempt within five minutes is refused, the right password too.
    assert attempts(var_dir, "ana", "wrong", "wrong", RIGHT) == ["wrong", "wrong", "refused"]


def test_counted_in_each_process_alone_the_same_attempts_get_in(var_dir):
    """What the shared cache prevents: with each process's own memory, as before."""
    assert attempts(var_dir, "--local-cache", "bob", "wrong", "wrong", "wrong") == ["wrong"] * 3
    second = attempts(var_dir, "--local-cache", "bob", "wrong", "wrong", RIGHT)
    assert second == ["wrong", "wrong", "signed in"]
