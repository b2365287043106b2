import csv
import datetime
from decimal import Decimal

import pytest

from corridor.ingest.sources.horizon_norway import DEFAULT_FILE, SOURCE, import_horizon_norway
from corridor.lib.imports.report import ImportFailed
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project, Role

with open(DEFAULT_FILE, encoding="utf-8", newline="") as f:
    HEADER, *ROWS = list(csv.reader(f, delimiter=";"))
NUMBER = HEADER.index("Prosjektnr")
# The first 120 real rows, and every row of a project in which one organisation takes part
# twice (636146: KONGSBERG MARITIME AS).
SAMPLE = ROWS[:120] + [r for r in ROWS[120:] if r[NUMBER] == "636146"]


def counts():
    return Project.objects.count(), Organisation.objects.count(), Partnership.objects.count()


def write(tmp_path, rows, header=HEADER):
    path = tmp_path / "horizon.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([header, *rows])
    return path


def test_it_imports_projects_organisations_and_roles(db, tmp_path):
    report = import_horizon_norway(write(tmp_path, SAMPLE))
    projects = {r[NUMBER] for r in SAMPLE}
    assert Project.objects.filter(source=SOURCE).count() == len(projects)
    change2twin = Project.objects.get(source=SOURCE, source_record_id="951956")
    assert change2twin.acronym == "Change2Twin"
    assert change2twin.programme.name == "Horizon 2020"
    assert (change2twin.start_date, change2twin.end_date) == (
        datetime.date(2020, 6, 1), datetime.date(2024, 5, 31),
    )  # fmt: skip
    assert change2twin.duration_months == 48
    lead = change2twin.partnerships.get(role=Role.LEAD)
    assert lead.organisation.name == "SINTEF AS"
    assert lead.organisation.acronym == "SINTEF"
    assert lead.organisation.country_code == "NO"
    assert lead.organisation.address == "Trondheim"
    assert lead.budget == Decimal("3518202.75")
    assert report.rejected == []


def test_an_organisation_listed_twice_in_a_project_is_one_partnership(db, tmp_path):
    import_horizon_norway(write(tmp_path, SAMPLE))
    rows = [r for r in SAMPLE if r[NUMBER] == "636146" and r[HEADER.index("Organisasjonsnavn")]
            == "KONGSBERG MARITIME AS"]  # fmt: skip
    assert len(rows) == 2
    partnership = Partnership.objects.get(
        project__source=SOURCE, project__source_record_id="636146",
        organisation__name="KONGSBERG MARITIME AS",
    )  # fmt: skip
    amount = HEADER.index("Innvilget beløp organisasjon EUR")
    assert partnership.budget == sum(Decimal(r[amount]) for r in rows).quantize(Decimal("0.01"))


def test_a_second_run_changes_nothing(db, tmp_path):
    path = write(tmp_path, SAMPLE)
    import_horizon_norway(path)
    report = import_horizon_norway(path)
    assert report.total("created") == report.total("changed") == 0
    assert report.total("unchanged") > 200


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Organisasjon rolle", "BOSS", "unknown role"),
        ("Kontrakt startdato", "2020-02-30", "impossible date"),
        ("Innvilget beløp organisasjon EUR", "mye", "not an amount"),
        ("Organisasjonsnavn", "", "organisation name is empty"),
        ("Varighet måneder", "fire", "not a number of months"),
    ],
)
def test_a_broken_row_in_the_middle_is_named_and_nothing_written(
    db, tmp_path, column, value, message
):
    rows = [list(r) for r in SAMPLE[:10]]
    rows[5][HEADER.index(column)] = value
    before = counts()
    with pytest.raises(ImportFailed) as error:
        import_horizon_norway(write(tmp_path, rows))
    assert (error.value.row, error.value.field) == (7, column)
    assert message in str(error.value)
    assert counts() == before


def test_a_missing_column_is_named(db, tmp_path):
    index = HEADER.index("Organisasjon rolle")
    rows = [r[:index] + r[index + 1 :] for r in SAMPLE[:3]]
    with pytest.raises(ImportFailed, match="missing column") as error:
        import_horizon_norway(write(tmp_path, rows, HEADER[:index] + HEADER[index + 1 :]))
    assert error.value.field == "Organisasjon rolle"


def test_a_comma_separated_file_is_refused(db, tmp_path):
    path = tmp_path / "wrong.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *SAMPLE[:3]])
    with pytest.raises(ImportFailed, match="missing column"):
        import_horizon_norway(path)


def test_the_wrong_encoding_is_refused(db, tmp_path):
    path = tmp_path / "latin.csv"
    with open(path, "w", encoding="latin-1", newline="") as f:
        csv.writer(f, delimiter=";").writerows(
            [[c.encode("latin-1", "replace").decode("latin-1") for c in r]
             for r in [HEADER, *SAMPLE[:3]]]
        )  # fmt: skip
    with pytest.raises(ImportFailed, match="not UTF-8") as error:
        import_horizon_norway(path)
    assert error.value.row == 1  # "Programområde" in the header
