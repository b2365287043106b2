import datetime
import json
from decimal import Decimal

import pytest

from corridor.ingest.sources.operations import DEFAULT_PATH, SOURCE, import_operations
from corridor.lib.imports.report import ImportFailed
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Programme, Project, Role

RECORDS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in DEFAULT_PATH.iterdir()}
NPA = "2014tc16rftn004.xls.record.json"


def counts():
    return (
        Project.objects.count(),
        Organisation.objects.count(),
        Partnership.objects.count(),
        Programme.objects.count(),
    )


def partners(acronym):
    project = Project.objects.get(source=SOURCE, acronym=acronym)
    return [
        (p.organisation.name, p.role, p.budget, p.organisation.country_code)
        for p in project.partnerships.order_by("position")
    ]


def test_it_imports_one_operation_per_programme_file(db):
    report = import_operations()
    assert len(RECORDS) == 15
    assert Project.objects.filter(source=SOURCE).count() == 15
    assert Programme.objects.filter(source=SOURCE, period="2014-2020").count() == 15
    assert report.counts[("partnership", "created")] == 47
    assert report.rejected == []


def test_per_partner_cells_give_names_roles_budgets_and_countries(db):
    import_operations()
    freed = partners("FREED")
    assert len(freed) == 7
    assert freed[0] == ("Oulun yliopisto", Role.LEAD, Decimal("425191.87"), "FI")
    assert freed[1] == ("Europäisches Institut für Innovation", Role.PARTNER,
                        Decimal("240700.05"), "DE")  # fmt: skip
    assert Organisation.objects.get(name="Oulun yliopisto").other_names == "University of Oulu"
    valga = partners("Valga-Valka Centre")
    assert [(n, r, c) for n, r, _, c in valga] == [
        ("Valkas novada dome", Role.LEAD, "LV"),
        ("Valga Linnavalitsus", Role.PARTNER, "EE"),
    ]
    # The per-partner totals add up to the project's.
    project = Project.objects.get(source=SOURCE, acronym="Valga-Valka Centre")
    assert project.total_budget == Decimal("1777987.29") + Decimal("1751424.47")
    assert project.cofinancing_rate == Decimal("85.00")
    baltic = partners("The Developer of Digital Health and Welfare Services")
    assert [r for _, r, _, _ in baltic] == [Role.LEAD] + [Role.PARTNER] * 3 + [Role.ASSOCIATED] * 4


def test_single_partner_files_and_bilingual_headers(db):
    import_operations()
    ariel = Project.objects.get(source=SOURCE, acronym="ARIEL")
    assert ariel.programme.name == "Interreg ADRION"
    assert ariel.programme.strand == "B"
    assert ariel.title.startswith("Promoting small scale fisheries")
    assert ariel.total_budget == Decimal("1249234.50")
    # ERDF and IPA are both EU money.
    assert ariel.eu_cofinancing == Decimal("904453.12") + Decimal("157396.20")
    assert ariel.cofinancing_source == "ERDF + IPA"
    assert partners("ARIEL") == [("National Research Council", Role.LEAD, None, "IT")]
    peace = Project.objects.get(source=SOURCE, programme__name="PEACE IV")
    assert peace.total_budget == Decimal("28890790.79")
    assert peace.eu_cofinancing == Decimal("24557172.17")
    assert peace.programme.strand == "A"


def test_spreadsheet_timestamps_and_day_first_dates(db):
    import_operations()
    med = Project.objects.get(source=SOURCE, acronym="+ RESILIENT")
    # "2018-01-31T21:00:00.000Z" is midnight of 1 February in Marseille's time zone.
    assert (med.start_date, med.end_date) == (datetime.date(2018, 2, 1), datetime.date(2022, 1, 31))
    assert med.cofinancing_rate == Decimal("85.00")
    danube = Project.objects.get(source=SOURCE, acronym="DTP1-320-4.1 RARE")
    assert danube.start_date == datetime.date(2017, 1, 1)
    assert danube.end_date == datetime.date(2019, 6, 30)


def test_acronym_in_front_of_the_spelled_out_name(db):
    import_operations()
    breath = Project.objects.get(source=SOURCE, acronym="BREATH")
    assert breath.title == "Border and Regions Airways Training Hub"


def test_repeated_countries_are_read_once_and_reported(db):
    report = import_operations()
    cdeta = partners("CD-ETA")
    assert [c for *_, c in cdeta] == ["BG", "RO", "EL", "ES", "IT", "SI", "ES", "EE"]
    assert any("repeated countries" in w for w in report.warnings)
    assert any("no roles stated" in w for w in report.warnings)


def test_provenance_is_kept(db):
    import_operations()
    project = Project.objects.get(source=SOURCE, acronym="FREED")
    assert project.source_record_id == "2014TC16RFTN004/FREED"
    assert project.imported_at is not None
    assert project.partnerships.first().source == SOURCE


def test_a_second_run_changes_nothing(db):
    import_operations()
    report = import_operations()
    assert report.total("created") == report.total("changed") == 0
    assert report.total("unchanged") == 124


def test_it_never_overwrites_an_organisation_another_source_owns(db):
    import_operations()
    seeded = Organisation.objects.exclude(source=SOURCE).first()
    record = {**RECORDS[NPA], "Beneficiary name": f"{seeded.name};Oulun yliopisto",
              "Beneficiary name in English": "x;University of Oulu",
              "Total eligible expenditure allocated to the beneficiary": "1;2",
              "Has the lead of the operation (Y/N)": "Y;N",
              "Operation postcode": "1;2", "Town": "a;b", "NUTS1": "a;b", "NUTS2": "a;b",
              "NUTS3": "a;b", "Country": "FI Finland;FI Finland"}  # fmt: skip
    before = Organisation.objects.get(pk=seeded.pk)
    import_operations(write(record))
    after = Organisation.objects.get(pk=seeded.pk)
    assert (after.source, after.country_code) == (before.source, before.country_code)


def write(*records, name="2014TC16RFTN004.records.json"):
    target = write.tmp / name
    target.write_text(json.dumps(list(records), ensure_ascii=False), encoding="utf-8")
    return target


@pytest.fixture(autouse=True)
def scratch(tmp_path):
    write.tmp = tmp_path


def good(n):
    return {**RECORDS[NPA], "Operation name": f"NEWOP{n}"}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"Operation start date": "31/02/2017"}, "Operation start date", "impossible date"),
        ({"Operation end date": "01/01/2010"}, "Operation end date", "before it starts"),
        ({"Total eligible expenditure allocated to the operation": "lots"},
         "Total eligible expenditure allocated to the operation", "not an amount"),
        ({"Union co-financing rate in %": "185"}, "Union co-financing rate in %", "out of range"),
        ({"Has the lead of the operation (Y/N)": "Y;N;N;X;N;N;N"},
         "Has the lead of the operation (Y/N)", "expected Y or N"),
        ({"Operation name": ""}, "Operation name", "no name"),
    ],
)  # fmt: skip
def test_a_broken_row_in_the_middle_names_file_row_and_field_and_writes_nothing(
    db, change, field, message
):
    path = write(good(1), {**good(2), **change}, good(3))
    before = counts()
    with pytest.raises(ImportFailed) as error:
        import_operations(path)
    assert (error.value.row, error.value.field) == (2, field)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert counts() == before


def test_unknown_role_is_refused(db):
    record = {**RECORDS["2014tc16rfcb050.xls.record.json"], "role": "LP;boss"}
    path = write(record, name="2014TC16RFCB050.json")
    with pytest.raises(ImportFailed, match="unknown role 'boss'") as error:
        import_operations(path)
    assert error.value.field == "role"


def test_a_file_without_partner_columns_is_refused(db):
    record = {k: v for k, v in good(1).items() if "eneficiary" not in k}
    with pytest.raises(ImportFailed, match="lead partner or beneficiaries"):
        import_operations(write(record))


def test_a_file_without_programme_code_is_refused(db, tmp_path):
    path = write(good(1), name="operations.json")
    with pytest.raises(ImportFailed, match="CCI"):
        import_operations(path)


def test_csv_in_the_wrong_encoding_names_the_line(db, tmp_path):
    path = tmp_path / "2014TC16RFCB014.csv"
    text = "Operation name,Beneficiary name\nOne,Alpha\nTwo,Yrkeshögskolan Arcada Ab\n"
    path.write_bytes(text.encode("latin-1"))
    before = counts()
    with pytest.raises(ImportFailed, match="not UTF-8") as error:
        import_operations(path)
    assert error.value.row == 3
    assert counts() == before


def test_a_csv_list_of_operations_is_read_too(db, tmp_path):
    path = tmp_path / "2014TC16RFCB014.csv"
    path.write_text(
        "Operation name,Operation start date,Beneficiary name,Beneficiary role,Country\n"
        'Two Towns,01.09.2015,"Town A;Town B",Lead partner;Project partner,FI;EE\n',
        encoding="utf-8",
    )
    import_operations(path)
    assert partners("Two Towns") == [("Town A", Role.LEAD, None, "FI"),
                                     ("Town B", Role.PARTNER, None, "EE")]  # fmt: skip


def test_a_crash_mid_import_leaves_nothing_half_written(db):
    before = counts()

    def crash(_):
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        import_operations(write(good(1), good(2)), progress=crash)
    assert counts() == before
