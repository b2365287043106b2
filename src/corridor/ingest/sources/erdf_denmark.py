"""Import of the Danish list of operations 2014-2020 (Regional Fund and Social Fund), as
published by the Danish managing authority: one row per operation, Danish/English
headers, dates "24.04.2014", amounts in Danish kroner "15.414.794", rates "50%", the
contract holder with its address and the other partners one per line.

Amounts are converted to EUR at the ERM II central rate of the krone (7.46038 DKK for one
euro, fixed since 1999), and the project says so in its co-financing source. The contact
person's name becomes the project manager; phone numbers and e-mail addresses are left out.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from corridor.ingest import values as read
from corridor.ingest.tables import read_csv
from corridor.ingest.writes import NAME_LENGTH, organisation_for
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.projects.models import Partnership, Project, Role
from corridor.projects.services import programme_for, unique_project_slug

SOURCE = "erdf-denmark-2014-2020"
DEFAULT_FILE = settings.DATA_DIR / "erdf" / "ERDF_Denmark_2014-2020.csv"
PERIOD = "2014-2020"
DKK_PER_EUR = Decimal("7.46038")
FUNDS = {"R": ("Denmark ERDF", "ERDF"), "S": ("Denmark ESF", "ESF")}

NAME = "Projektitel / Operation name"
START = "Startdato / Operation start date"
END = "Slutdato / Operation end date"
BUDGET = "Budget / Budget"
EU = "EU-medfinansiering / Union co-financing"
RATE = "EU-medfinansieringssats / Union co-financing rate"
DESCRIPTION = "Projektbeskrivelse"
FUND = "Fond / Fund"
COUNTRY = "Land / Country"
BENEFICIARY = "Kontraktansvarlig partner / Beneficiary name"
STREET = "Vejnavn / Street name"
POSTCODE = "Postnr / Operation postcode"
CITY = "Bynavn / City name"
CONTACT = "Kontaktperson / Contacts"
PARTNERS = "Partere / Project partners"
COLUMNS = {
    NAME: "operation name", START: "start date", END: "end date", BUDGET: "budget (DKK)",
    EU: "EU co-financing (DKK)", RATE: "co-financing rate", DESCRIPTION: "description",
    FUND: "fund (R regional, S social)", BENEFICIARY: "beneficiary", STREET: "street",
    POSTCODE: "postcode", CITY: "city", CONTACT: "contact", PARTNERS: "partners",
}  # fmt: skip


@dataclass
class OperationRow:
    row: int
    fund: str
    record_id: str
    values: dict
    beneficiary: str
    address: str
    partners: list[str]


def import_erdf_denmark(path: Path = DEFAULT_FILE, progress=None) -> ImportReport:
    report = ImportReport(source=SOURCE)
    table = read_csv(path)
    table.require(COLUMNS)
    rows, seen = [], {}
    for row, record in table.rows:
        parsed = _parse(table.path, row, record)
        # Two operations may share a name (one per fund, or two calls): number the later.
        key = (parsed.fund, parsed.values["acronym"])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            parsed.record_id += f"#{seen[key]}"
        rows.append(parsed)
    with transaction.atomic():
        _write(rows, report, progress)
    return report


def _eur(dkk: Decimal | None) -> Decimal | None:
    if dkk is None:
        return None
    return (dkk / DKK_PER_EUR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _parse(path, row: int, record: dict) -> OperationRow:
    def value(column, reader, **kwargs):
        try:
            return reader(record[column], **kwargs)
        except ValueError as e:
            raise ImportFailed(path, str(e), row, column) from e

    name = read.text(record[NAME])
    if not name:
        raise ImportFailed(path, "the operation has no name", row, NAME)
    fund = read.text(record[FUND])
    if fund not in FUNDS:
        raise ImportFailed(path, f"unknown fund {fund!r} (expected R or S)", row, FUND)
    if read.text(record[COUNTRY]) not in ("Denmark", "Danmark"):
        raise ImportFailed(path, f"expected Denmark, got {record[COUNTRY]!r}", row, COUNTRY)
    start, end = value(START, read.date), value(END, read.date)
    if start and end and end < start:
        raise ImportFailed(path, f"ends ({end}) before it starts ({start})", row, END)
    budget, eu = value(BUDGET, read.amount, thousands="."), value(EU, read.amount, thousands=".")
    if budget is not None and eu is not None and eu > budget:
        raise ImportFailed(path, f"EU co-financing {eu} exceeds the budget {budget}", row, EU)
    beneficiary = read.text(record[BENEFICIARY])
    if not beneficiary:
        raise ImportFailed(path, "no beneficiary", row, BENEFICIARY)
    if len(beneficiary) > NAME_LENGTH:
        raise ImportFailed(path, f"name over {NAME_LENGTH} characters", row, BENEFICIARY)
    fund_name = FUNDS[fund][1]
    source_note = fund_name
    if budget is not None or eu is not None:
        stated = f"DKK {eu:,.0f}" if eu is not None else "no amount"
        source_note = f"{fund_name} ({stated}, converted at {DKK_PER_EUR} DKK/EUR)"
    partners = []
    for line in str(record[PARTNERS]).split("\n"):
        partner = read.text(line).removesuffix(".").strip()
        if partner and partner != beneficiary and partner not in partners:
            if len(partner) > NAME_LENGTH:
                raise ImportFailed(path, f"name over {NAME_LENGTH} characters", row, PARTNERS)
            partners.append(partner)
    contact = read.text(record[CONTACT]).split(",")[0].strip()
    postcode_city = " ".join(p for p in (read.text(record[POSTCODE]), read.text(record[CITY])) if p)
    return OperationRow(
        row=row,
        fund=fund,
        record_id=f"{fund}/{name}",
        values={
            "acronym": name[:300],
            "start_date": start,
            "end_date": end,
            "total_budget": _eur(budget),
            "eu_cofinancing": _eur(eu),
            "cofinancing_rate": value(RATE, read.rate),
            "cofinancing_source": source_note,
            "summary": str(record[DESCRIPTION]).strip(),
            "summary_language": "da" if str(record[DESCRIPTION]).strip() else "",
            "project_manager": contact[:200],
        },
        beneficiary=beneficiary,
        address=", ".join(p for p in (read.text(record[STREET]), postcode_city) if p)[:300],
        partners=partners,
    )


def _write(rows: list[OperationRow], report: ImportReport, progress) -> None:
    programmes = {
        fund: programme_for(name, PERIOD, "", report, source=SOURCE)
        for fund, (name, _) in FUNDS.items()
        if any(r.fund == fund for r in rows)
    }
    # An organisation holding several contracts may give a different address in each:
    # the first one stands, so that a re-run changes nothing.
    addresses: dict[str, str] = {}
    for row in rows:
        if row.address:
            known = addresses.setdefault(row.beneficiary, row.address)
            if known != row.address:
                report.warnings.append(
                    f"row {row.row}: {row.beneficiary} address {row.address!r}, kept {known!r}"
                )
    for row in rows:
        programme = programmes[row.fund]
        lookup = {"source": SOURCE, "source_record_id": row.record_id}
        values = {**row.values, "programme": programme}
        if not Project.objects.filter(**lookup).exists():
            values["slug"] = unique_project_slug(values["acronym"], programme)
        project = upsert(
            Project, lookup, values, report, "project", source=SOURCE,
            source_record_id=row.record_id,
        )  # fmt: skip
        members = [(row.beneficiary, Role.LEAD)] + [(p, Role.PARTNER) for p in row.partners]
        for position, (name, role) in enumerate(members, start=1):
            values = {"country_code": "DK", "address": addresses.get(name, "")}
            organisation = organisation_for(name, values, report, SOURCE)
            upsert(
                Partnership, {"project": project, "organisation": organisation},
                {"role": role, "position": position}, report, "partnership",
                source=SOURCE, source_record_id=f"{row.record_id}/{name}",
            )  # fmt: skip
        if progress:
            progress(1)


__all__ = ["import_erdf_denmark", "SOURCE", "DEFAULT_FILE", "DKK_PER_EUR"]
