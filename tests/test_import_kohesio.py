from decimal import Decimal

import pytest

from corridor.ingest.sources.kohesio import DEFAULT_FILE, SOURCE, import_kohesio
from corridor.lib.imports.report import ImportFailed
from corridor.organisations.models import FundingSummary, Organisation

LINES = DEFAULT_FILE.read_text(encoding="utf-8").splitlines()
HEADER, ROWS = LINES[0], LINES[1:]
# Real rows: Bulgarian beneficiaries in Cyrillic with scientific notation, bare quotes,
# an empty amount, one from every country, and a beneficiary Kohesio lists twice.
SAMPLE = ROWS[:40] + [next(r for r in ROWS if r.startswith(c)) for c in (
    "Croatia", "Czechia", "Estonia", "Hungary", "Latvia", "Lithuania", "Poland", "Romania",
    "Slovakia", "Slovenia")] + [
    next(r for r in ROWS if "\tОбщина Благоевград\t" in r),
    next(r for r in ROWS if "\t\"Зора-ЕС\" ЕООД\t" in r),
]  # fmt: skip


def write(tmp_path, lines, encoding="utf-8"):
    path = tmp_path / "beneficiaries.tsv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding=encoding)
    return path


def counts():
    return Organisation.objects.count(), FundingSummary.objects.count()


def test_cyrillic_names_keep_their_transliteration_and_scientific_amounts_are_read(db, tmp_path):
    import_kohesio(write(tmp_path, SAMPLE))
    town = Organisation.objects.get(name="Община Благоевград")
    assert town.country_code == "BG"
    assert town.other_names == "Obshtina Blagoevgrad"
    summary = town.funding_summaries.get()
    assert summary.region_name == "Blagoevgrad Province"
    assert summary.total_budget == Decimal("47293750.62")  # 4.729375062E7
    assert summary.eu_contribution == Decimal("39558345.94")  # 3.955834594E7
    assert summary.project_count == 31
    assert summary.source == SOURCE
    # A Cyrillic name's address comes from its Latin spelling.
    assert town.slug == "obshtina-blagoevgrad"
    quoted = Organisation.objects.get(name='"Зора-ЕС" ЕООД')
    assert quoted.other_names == '"Zora-ES" EOOD'


def test_every_country_is_recognised(db, tmp_path):
    import_kohesio(write(tmp_path, SAMPLE))
    countries = set(
        Organisation.objects.filter(source=SOURCE).values_list("country_code", flat=True)
    )
    assert countries == {"BG", "HR", "CZ", "EE", "HU", "LV", "LT", "PL", "RO", "SK", "SI"}


def test_empty_amounts_stay_unknown(db, tmp_path):
    row = next(r for r in ROWS if "\t\t\t1\t" in r)
    import_kohesio(write(tmp_path, [row]))
    assert FundingSummary.objects.get(source=SOURCE).total_budget is None


def test_a_beneficiary_listed_twice_in_a_region_is_added_up(db, tmp_path):
    first = "Bulgaria\tSofia\tTwin Ltd\t100\t80\t1\tTwin Ltd\t"
    second = "Bulgaria\tSofia\tTwin Ltd\t1.5E2\t1.0E2\t2\tTwin Ltd\t"
    report = import_kohesio(write(tmp_path, [first, second]))
    summary = FundingSummary.objects.get(organisation__name="Twin Ltd")
    assert (summary.total_budget, summary.eu_contribution, summary.project_count) == (
        Decimal("250.00"), Decimal("180.00"), 3,
    )  # fmt: skip
    assert any("added up" in w for w in report.warnings)


def test_a_second_run_changes_nothing(db, tmp_path):
    path = write(tmp_path, SAMPLE)
    first = import_kohesio(path)
    report = import_kohesio(path)
    assert report.total("created") == report.total("changed") == 0
    assert report.total("unchanged") == first.total("created") > len(SAMPLE)


@pytest.mark.parametrize(
    ("column", "value", "field", "message"),
    [
        (3, "1.2.3e", "Total Budget", "not an amount"),
        (4, "-5", "EU Contribution", "negative amount"),
        (0, "Atlantis", "Country", "unknown country"),
        (5, "many", "Number of Projects", "not a number of projects"),
        (2, "", "Beneficiary Name", "empty"),
    ],
)
def test_a_broken_row_in_the_middle_is_named_and_nothing_written(
    db, tmp_path, column, value, field, message
):
    rows = [r.split("\t") for r in SAMPLE[:9]]
    rows[4][column] = value
    before = counts()
    with pytest.raises(ImportFailed) as error:
        import_kohesio(write(tmp_path, ["\t".join(r) for r in rows]))
    assert (error.value.row, error.value.field) == (6, field)
    assert message in str(error.value)
    assert counts() == before


def test_the_wrong_encoding_is_refused(db, tmp_path):
    path = tmp_path / "cp1251.tsv"
    path.write_bytes("\n".join([HEADER, *SAMPLE[:3]]).encode("cp1251"))
    with pytest.raises(ImportFailed, match="not UTF-8") as error:
        import_kohesio(path)
    assert error.value.row == 2
    assert not FundingSummary.objects.filter(source=SOURCE).exists()


def test_a_missing_column_is_named(db, tmp_path):
    path = tmp_path / "short.tsv"
    path.write_text("Country\tRegion\tBeneficiary Name\nBulgaria\tSofia\tX\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="missing column") as error:
        import_kohesio(path)
    assert error.value.field == "Total Budget"
