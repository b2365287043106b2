import csv
import datetime
from decimal import Decimal

import pytest

from corridor.ingest.sources.erdf_denmark import (
    DEFAULT_FILE,
    DKK_PER_EUR,
    SOURCE,
    import_erdf_denmark,
)
from corridor.lib.imports.report import ImportFailed
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project, Role

with open(DEFAULT_FILE, encoding="utf-8", newline="") as f:
    HEADER, *ROWS = list(csv.reader(f))


def counts():
    return Project.objects.count(), Organisation.objects.count(), Partnership.objects.count()


def write(tmp_path, rows, header=HEADER, encoding="utf-8"):
    path = tmp_path / "erdf.csv"
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def test_it_imports_every_operation_of_both_funds(db):
    report = import_erdf_denmark()
    assert len(ROWS) == 107
    projects = Project.objects.filter(source=SOURCE)
    assert projects.count() == 107
    assert projects.filter(programme__name="Denmark ERDF").count() == 57
    assert projects.filter(programme__name="Denmark ESF").count() == 50
    assert report.rejected == []


def test_danish_amounts_are_converted_from_kroner(db):
    import_erdf_denmark()
    project = Project.objects.get(source=SOURCE, acronym="Vækst 2.0")
    assert project.start_date == datetime.date(2014, 4, 24)
    assert project.end_date == datetime.date(2017, 2, 28)
    # 15.414.794 DKK at the krone's central rate, 7.46038 DKK for a euro.
    expected = (Decimal(15414794) / DKK_PER_EUR).quantize(Decimal("0.01"))
    assert project.total_budget == expected
    assert Decimal("2066000") < project.total_budget < Decimal("2067000")
    assert project.cofinancing_rate == Decimal("50.00")
    assert project.computed_cofinancing_rate == Decimal("50.00")
    assert "DKK 7,707,397" in project.cofinancing_source


def test_contract_holder_leads_and_partners_follow(db):
    import_erdf_denmark()
    project = Project.objects.get(source=SOURCE, acronym="Spirende fødevareoplevelser")
    members = [(p.organisation.name, p.role) for p in project.partnerships.order_by("position")]
    assert members == [
        ("Væksthus Syddanmark", Role.LEAD),
        ("Udviklingsråd Sønderjylland (URS)", Role.PARTNER),
        ("Udvikling Fyn A/S", Role.PARTNER),
        ("Madværket", Role.PARTNER),
    ]
    lead = Organisation.objects.get(name="Væksthus Syddanmark")
    assert lead.country_code == "DK"
    assert lead.address == "Forskerparken 10 C, 5230 Odense M"


def test_the_contact_name_is_kept_without_phone_or_email(db):
    import_erdf_denmark()
    project = Project.objects.get(source=SOURCE, acronym="Spirende fødevareoplevelser")
    assert project.project_manager == "Kasper Aagaard"
    assert not Project.objects.filter(source=SOURCE, project_manager__contains="@").exists()


def test_operations_sharing_a_name_stay_apart(db):
    import_erdf_denmark()
    scale_up = Project.objects.filter(source=SOURCE, acronym="Scale-up Denmark")
    assert scale_up.count() == 2
    assert len({p.slug for p in scale_up}) == 2


def test_a_second_run_changes_nothing(db):
    import_erdf_denmark()
    report = import_erdf_denmark()
    assert report.total("created") == report.total("changed") == 0
    assert report.counts[("project", "unchanged")] == 107


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Fond / Fund", "X", "unknown fund"),
        ("Budget / Budget", "many", "not an amount"),
        ("Startdato / Operation start date", "31.02.2015", "impossible date"),
        ("EU-medfinansieringssats / Union co-financing rate", "150%", "out of range"),
        ("Kontraktansvarlig partner / Beneficiary name", "", "no beneficiary"),
    ],
)
def test_a_broken_row_in_the_middle_is_named_and_nothing_written(
    db, tmp_path, column, value, message
):
    rows = [list(r) for r in ROWS[:5]]
    rows[2][HEADER.index(column)] = value
    before = counts()
    with pytest.raises(ImportFailed) as error:
        import_erdf_denmark(write(tmp_path, rows))
    assert error.value.field == column
    assert error.value.row == 4  # header is row 1
    assert message in str(error.value)
    assert counts() == before


def test_a_missing_column_is_named(db, tmp_path):
    index = HEADER.index("Fond / Fund")
    header = HEADER[:index] + HEADER[index + 1 :]
    rows = [r[:index] + r[index + 1 :] for r in ROWS[:3]]
    with pytest.raises(ImportFailed, match="missing column") as error:
        import_erdf_denmark(write(tmp_path, rows, header))
    assert error.value.field == "Fond / Fund"


def test_the_wrong_encoding_is_refused_naming_the_line(db, tmp_path):
    rows = [[c.replace("\n", " ") for c in r] for r in ROWS[:3]]
    path = write(tmp_path, rows, encoding="latin-1")
    before = counts()
    with pytest.raises(ImportFailed, match="not UTF-8") as error:
        import_erdf_denmark(path)
    assert error.value.row == 2  # "Vækst 2.0" is the first line with a non-ASCII letter
    assert counts() == before
