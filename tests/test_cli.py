import json
import subprocess
import sys

from corridor.cli import main
from corridor.projects.models import Project


def test_help_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "corridor", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("serve", "migrate", "import", "load-demo", "bench", "manage"):
        assert command in result.stdout


def test_import_reports_a_summary_line(db, capsys):
    assert main(["import", "seeds"]) == 0
    out = capsys.readouterr().out
    assert "seed-pages: 0 created, 0 changed, 59 unchanged, 0 rows rejected" in out


def test_import_of_bad_file_exits_non_zero_with_a_clear_error(db, tmp_path, capsys):
    path = tmp_path / "partners.json"
    path.write_text(json.dumps([{"program": "AURORA"}]), encoding="utf-8")
    before = Project.objects.count()
    assert main(["import", "interreg-sweden", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, row 1, field 'projekttyp': missing column" in err
    assert "Nothing was written." in err
    assert Project.objects.count() == before
