import json
from collections import Counter
from decimal import Decimal

import pytest

from corridor.ingest.sources.interreg_sweden import (
    DEFAULT_FILE,
    SOURCE,
    import_interreg_sweden,
    split_project_name,
)
from corridor.lib.imports.report import ImportFailed
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Programme, Project, Role

RAW = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))


def counts() -> tuple[int, int, int, int]:
    return (
        Project.objects.count(),
        Organisation.objects.count(),
        Partnership.objects.count(),
        Programme.objects.count(),
    )


def write_rows(tmp_path, rows) -> str:
    path = tmp_path / "partners.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def test_it_imports_every_row_it_can_map(db):
    named = [r for r in RAW if r["organisationsnamn"]]
    sources = Partnership.objects.filter(source=SOURCE)
    assert sources.count() == len(named) == 1179
    assert Organisation.objects.filter(source=SOURCE).count() == len(
        {r["organisationsnamn"] for r in named}
    )
    projects = {(r["program"].lower(), r["projektnamn"], r["projekttyp"]) for r in named}
    assert Project.objects.filter(source=SOURCE).count() == len(projects) == 588
    assert Programme.objects.filter(period="2021-2027").count() == 10


def test_it_maps_roles_budgets_and_regions(db):
    row = next(r for r in RAW if r["projektnamn"] == "Boost Nordic Biogas")
    partnership = Partnership.objects.get(
        project__acronym="Boost Nordic Biogas", organisation__name=row["organisationsnamn"]
    )
    assert (
        partnership.role
        == {"LP": Role.LEAD, "PP": Role.PARTNER, "AP": Role.ASSOCIATED}[row["organisationsroll"]]
    )
    assert partnership.budget == Decimal(str(row["partnerbudget"]))
    assert partnership.region.code == "SE331"  # Västerbottens län
    assert partnership.project.programme.name == "AURORA"
    assert partnership.project.programme.strand == "A"
    assert partnership.project.specific_objective == "RSO1.1"
    assert Counter(Partnership.objects.filter(source=SOURCE).values_list("role", flat=True)) == {
        Role.LEAD: sum(1 for r in RAW if r["organisationsroll"] == "LP"),
        Role.PARTNER: sum(
            1 for r in RAW if r["organisationsroll"] == "PP" and r["organisationsnamn"]
        ),
        Role.ASSOCIATED: sum(
            1 for r in RAW if r["organisationsroll"] == "AP" and r["organisationsnamn"]
        ),
    }


def test_it_reads_source_spellings_of_nuts_names(db):
    # "Småland och öarna" is NUTS 2 "Småland med öarna" (SE21) in NUTS 2021.
    rows = [r for r in RAW if r["nuts2"] == "Småland och öarna" and r["organisationsnamn"]]
    assert rows
    partnership = Partnership.objects.get(
        project__acronym=rows[0]["projektnamn"], organisation__name=rows[0]["organisationsnamn"]
    )
    assert partnership.region.code.startswith("SE21")


def test_it_keeps_feasibility_study_and_project_apart(db):
    selfcare = Project.objects.filter(acronym="SelfCare").order_by("start_date")
    assert [p.project_type for p in selfcare] == ["Feasibility study", "Regular"]
    assert selfcare[0].slug != selfcare[1].slug


def test_a_second_run_changes_nothing(db):
    report = import_interreg_sweden()
    assert report.total("created") == 0
    assert report.total("changed") == 0
    assert report.total("unchanged") > 2000
    assert len(report.rejected) == 17


def test_rows_without_organisation_are_rejected_with_reasons(db):
    report = import_interreg_sweden()
    missing = [n for n, r in enumerate(RAW, start=1) if not r["organisationsnamn"]]
    assert [r.row for r in report.rejected] == missing
    assert all("no organisation name" in r.reason for r in report.rejected)


def test_impossible_dates_are_read_as_month_end_and_reported(db):
    report = import_interreg_sweden()
    apriora = Project.objects.get(acronym="APRIORA")
    assert str(apriora.end_date) == "2027-02-28"
    assert any("2027-02-31 read as 2027-02-28" in w for w in report.warnings)


def bad(row: dict, **changes) -> dict:
    return {**row, **changes}


GOOD = RAW[0]


@pytest.mark.parametrize(
    ("rows", "row", "field", "message"),
    [
        ([GOOD, bad(GOOD, partnerbudget=-5)], 2, "partnerbudget", "negative budget"),
        ([GOOD, bad(GOOD, partnerbudget="lots")], 2, "partnerbudget", "not a number"),
        ([GOOD, bad(GOOD, partnerbudget=True)], 2, "partnerbudget", "expected a number"),
        ([GOOD, bad(GOOD, nuts3="Atlantis län")], 2, "nuts3", "unknown NUTS region name"),
        ([GOOD, bad(GOOD, organisationsroll="XX")], 2, "organisationsroll", "unknown value"),
        ([GOOD, bad(GOOD, startdatum="first of May")], 2, "startdatum", "not a date"),
        ([GOOD, bad(GOOD, projektnamn=42)], 2, "projektnamn", "expected text"),
        ([GOOD, {k: v for k, v in GOOD.items() if k != "program"}], 2, "program", "missing"),
        ([GOOD, "not an object"], 2, None, "expected an object"),
    ],
)
def test_bad_input_names_file_row_and_field_and_writes_nothing(
    db, tmp_path, rows, row, field, message
):
    # The first row is new (renamed), so a partial write would show in the counts.
    rows = [bad(rows[0], projektnamn="A brand new project"), *rows[1:]]
    before = counts()
    path = write_rows(tmp_path, rows)
    with pytest.raises(ImportFailed) as error:
        import_interreg_sweden(path)
    assert error.value.row == row
    assert error.value.field == field
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert counts() == before
    assert not Project.objects.filter(acronym="A brand new project").exists()


def test_broken_json_is_refused(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"program": "AURORA",', encoding="utf-8")
    with pytest.raises(ImportFailed, match="not valid JSON"):
        import_interreg_sweden(path)


def test_a_crash_mid_import_leaves_nothing_half_written(db, tmp_path):
    rows = [bad(r, projektnamn=f"Crash test {n}") for n, r in enumerate(RAW[:40])]
    before = counts()
    seen = []

    def crash_after_ten(n):
        seen.append(n)
        if len(seen) == 10:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        import_interreg_sweden(write_rows(tmp_path, rows), progress=crash_after_ten)
    assert counts() == before
    assert not Project.objects.filter(acronym__startswith="Crash test").exists()


@pytest.mark.parametrize(
    ("name", "acronym", "title"),
    [
        ("BBU - Baltic Biking UPGRADE", "BBU", "Baltic Biking UPGRADE"),
        ("Felles Fjellrev - Together for the fox", "Felles Fjellrev", "Together for the fox"),
        ("Bothnian Coastal Route (BCR)", "BCR", "Bothnian Coastal Route"),
        ("Prehospital Video 2 (PreViS 2)", "PreViS 2", "Prehospital Video 2"),
        ("Boost Nordic Biogas", "Boost Nordic Biogas", ""),
        ("X Border Support4Games (Support structure for Game Start ups in the Arctic)",
         "X Border Support4Games (Support structure for Game Start ups in the Arctic)", ""),
    ],
)  # fmt: skip
def test_project_names_give_acronym_and_title(name, acronym, title):
    assert split_project_name(name) == (acronym, title)


def test_a_project_keeps_its_full_name_as_source_record(db):
    project = Project.objects.get(acronym="BBU")
    assert project.title == "Baltic Biking UPGRADE"
    assert project.source_record_id.endswith("/BBU - Baltic Biking UPGRADE/Regular")
