"""requirements.lock pins, with hashes, every package pyproject.toml asks for (the test and
bench extras included) at a version pyproject.toml allows: `make lock` after a change."""

import re
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pins() -> dict[str, list[tuple[str, str]]]:
    """name -> [(version, marker)], from the lock's `name==version ; marker \\` lines."""
    text = (ROOT / "requirements.lock").read_text("utf-8")
    pins: dict[str, list[tuple[str, str]]] = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\\n]+))?", entry)
        if match:
            assert "--hash=sha256:" in entry, f"{match[1]} has no hash"
            name = canonicalize_name(match[1])
            pins.setdefault(name, []).append((match[2], (match[3] or "").strip()))
    return pins


def _required() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in project["dependencies"] + extras["test"] + extras["bench"]]


def test_every_requirement_is_pinned_at_a_version_pyproject_allows():
    pins = _pins()
    assert len(pins) > 50
    python311 = {"python_version": "3.11", "python_full_version": "3.11.7"}
    for requirement in _required():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements.lock: run `make lock`"
        versions = [
            v for v, marker in pins[name] if not marker or Marker(marker).evaluate(python311)
        ]
        assert versions, f"{name}: no version in requirements.lock for Python 3.11"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements.lock has {name}=={version}, pyproject.toml asks {requirement}: "
                "run `make lock`"
            )
        for extra in requirement.extras:  # psycopg[binary] brings psycopg-binary
            assert extra != "binary" or "psycopg-binary" in pins


def test_the_lock_parses_as_pins_with_hashes_only():
    text = (ROOT / "requirements.lock").read_text("utf-8")
    names = re.findall(r"^([A-Za-z0-9._-]+)(?:==| @ |>=|<)", text, flags=re.M)
    assert names and all(f"{n}==" in text for n in names)
    assert "-e " not in text and "file://" not in text
