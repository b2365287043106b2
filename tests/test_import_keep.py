"""keep.eu's export layout: a workbook built here from keep.eu's documented project and
partner fields, with real facts (the Valga-Valka project of Interreg Estonia-Latvia)."""

import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from corridor.ingest.sources.keep_eu import (
    PARTNER_COLUMNS,
    PROJECT_COLUMNS,
    SOURCE,
    import_keep_eu,
)
from corridor.lib.imports.report import ImportFailed
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project, Role

PROGRAMME = "Interreg V-A Estonia-Latvia"
PROJECT = {
    "Programme": PROGRAMME, "Period": "2014-2020", "Project acronym": "Valga-Valka Centre",
    "Project name in English": "Valga – Valka Twin Town Centre Development",
    "Description in English": "The Twin Town Valga–Valka lies on the Estonian-Latvian border.",
    "Project start date": datetime.datetime(2017, 6, 1), "Project end date": "2020-05-31",
    "Total budget": 3529411.76, "EU funding": "3,000,000.00",
}  # fmt: skip
LEAD = {
    "Programme": PROGRAMME, "Period": "2014-2020", "Project acronym": "Valga-Valka Centre",
    "Partner name": "Valkas novada dome", "Partner name in English": "Valka Municipality",
    "Partner role": "Lead partner", "Country": "Latvia", "NUTS3": "LV008",
    "Partner budget": 1777987.29,
}  # fmt: skip
PARTNER = {**LEAD, "Partner name": "Valga Linnavalitsus", "Partner name in English":
           "Valga Town Government", "Partner role": "Project partner", "Country": "Estonia",
           "NUTS3": "EE008", "Partner budget": "1 751 424,47"}  # fmt: skip


def workbook(tmp_path, projects=(PROJECT,), partners=(LEAD, PARTNER), sheets=None,
             project_columns=PROJECT_COLUMNS, partner_columns=PARTNER_COLUMNS):  # fmt: skip
    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in (("Projects", project_columns, projects),
                                 ("Partners", partner_columns, partners)):  # fmt: skip
        if sheets is not None and title not in sheets:
            continue
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([row.get(c) for c in columns])
    path = tmp_path / "keep-export.xlsx"
    book.save(path)
    return path


def counts():
    return Project.objects.count(), Organisation.objects.count(), Partnership.objects.count()


def test_projects_and_partners_sheets_become_a_project_with_its_partners(db, tmp_path):
    report = import_keep_eu(workbook(tmp_path))
    project = Project.objects.get(source=SOURCE, acronym="Valga-Valka Centre")
    assert project.programme.name == PROGRAMME
    assert project.programme.period == "2014-2020"
    assert (project.start_date, project.end_date) == (
        datetime.date(2017, 6, 1), datetime.date(2020, 5, 31),
    )  # fmt: skip
    assert project.total_budget == Decimal("3529411.76")
    assert project.eu_cofinancing == Decimal("3000000.00")
    assert project.computed_cofinancing_rate == Decimal("85.00")
    members = [(p.organisation.name, p.role, p.budget, p.region.code)
               for p in project.partnerships.order_by("position")]  # fmt: skip
    assert members == [
        ("Valkas novada dome", Role.LEAD, Decimal("1777987.29"), "LV008"),
        ("Valga Linnavalitsus", Role.PARTNER, Decimal("1751424.47"), "EE008"),
    ]
    valga = Organisation.objects.get(name="Valga Linnavalitsus")
    assert (valga.country_code, valga.other_names) == ("EE", "Valga Town Government")
    assert report.total("created") > 0


def test_a_second_run_changes_nothing(db, tmp_path):
    path = workbook(tmp_path)
    import_keep_eu(path)
    report = import_keep_eu(path)
    assert report.total("created") == report.total("changed") == 0
    assert report.total("unchanged") == 6  # programme, project, 2 organisations, 2 partners


@pytest.mark.parametrize("missing", ["Projects", "Partners"])
def test_a_missing_sheet_is_named(db, tmp_path, missing):
    keep = {"Projects", "Partners"} - {missing}
    with pytest.raises(ImportFailed, match=f"missing sheet '{missing}'"):
        import_keep_eu(workbook(tmp_path, sheets=keep))


def test_a_missing_column_is_named_with_its_sheet(db, tmp_path):
    columns = [c for c in PARTNER_COLUMNS if c != "Partner role"]
    with pytest.raises(ImportFailed, match="sheet Partners: missing column") as error:
        import_keep_eu(workbook(tmp_path, partner_columns=columns))
    assert error.value.field == "Partner role"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"Partner role": "Sponsor"}, "Partner role", "unknown role"),
        ({"NUTS3": "XX999"}, "NUTS3", "unknown NUTS 3 code"),
        ({"Partner budget": "a lot"}, "Partner budget", "not an amount"),
        ({"Project acronym": "Nowhere"}, "Project acronym", "no project 'Nowhere'"),
        ({"Country": "Atlantis"}, "Country", "unknown country"),
    ],
)
def test_a_broken_partner_row_in_the_middle_is_named_and_nothing_written(
    db, tmp_path, change, field, message
):
    before = counts()
    path = workbook(tmp_path, partners=(LEAD, {**PARTNER, **change}, {**PARTNER,
                    "Partner name": "Third"}))  # fmt: skip
    with pytest.raises(ImportFailed) as error:
        import_keep_eu(path)
    assert (error.value.row, error.value.field) == (3, field)
    assert message in str(error.value)
    assert "sheet Partners" in str(error.value)
    assert counts() == before


def test_a_broken_project_row_is_named(db, tmp_path):
    projects = (PROJECT, {**PROJECT, "Project acronym": "B", "Project start date": "31.04.2018"})
    with pytest.raises(ImportFailed, match="impossible date") as error:
        import_keep_eu(workbook(tmp_path, projects=projects))
    assert (error.value.row, error.value.field) == (3, "Project start date")


def test_a_file_that_is_no_workbook_is_refused(db, tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("Programme;Project acronym\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not an .xlsx workbook"):
        import_keep_eu(path)
