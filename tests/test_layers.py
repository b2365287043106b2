"""`make lint` holds the layers: a copy of the source with one wrong import fails
import-linter with the project's own contracts, and the source as it is passes."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_copy(tmp_path: Path, wrong: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """import-linter over a copy of src/, with a line added to some modules."""
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("data"))
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for module, line in (wrong or {}).items():
        path = tmp_path / "src" / "corridor" / module
        path.write_text(path.read_text() + f"\n{line}\n")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_source_keeps_its_layers(tmp_path):
    run = lint_copy(tmp_path)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout


@pytest.mark.parametrize(
    "module, line, broken",
    [
        # lib is the bottom layer: it names no domain app.
        ("lib/money.py", "from corridor.projects import models", "Layers"),
        # the search core serves every content type and names none.
        ("search/query.py", "import corridor.plans.models", "Layers"),
        # a domain app never reaches up into the API or the site.
        ("projects/queries.py", "from corridor.api import api", "Layers"),
        # nor into another app's pages.
        ("plans/queries/plans.py", "from corridor.projects import views", "public modules"),
    ],
)
def test_a_wrong_import_breaks_a_contract(tmp_path, module, line, broken):
    run = lint_copy(tmp_path, {module: line})
    assert run.returncode != 0
    assert "1 broken" in run.stdout
    assert f"{broken}" in run.stdout.split("Broken contracts")[1]
