"""Import of the Horizon 2020 participations of Norwegian organisations, as published by the
Research Council of Norway (CORDIS-style: one row per organisation in a project,
";"-separated, Norwegian headers, dates "01.06.2020 00:00", EUR amounts).

Each project becomes a project of the programme "Horizon 2020"; each row a partnership
(coordinator: lead partner, participant: partner) whose budget is the EU grant to that
organisation. An organisation listed twice in one project (two participant numbers) is
one partnership with the two grants added.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from corridor.ingest import values as read
from corridor.ingest.tables import read_csv
from corridor.ingest.writes import NAME_LENGTH, organisation_for
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.projects.models import ROLE_ORDER, Partnership, Project, ProjectStatus, Role
from corridor.projects.services import programme_for, unique_project_slug

SOURCE = "horizon2020-norway"
DEFAULT_FILE = settings.DATA_DIR / "horizon" / "norway_h2020_participations.csv"
PROGRAMME, PERIOD = "Horizon 2020", "2014-2020"

NUMBER, ACRONYM, TITLE = "Prosjektnr", "Prosjektkortnavn", "Prosjektnavn"
START, END, MONTHS = "Kontrakt startdato", "Kontrakt sluttdato", "Varighet måneder"
STATUS, ORGANISATION, SHORT = "Kontraktstatus", "Organisasjonsnavn", "Kortnavn"
ROLE, MUNICIPALITY, AMOUNT = (
    "Organisasjon rolle",
    "Adresse kommune",
    "Innvilget beløp organisasjon EUR",
)
COLUMNS = {
    NUMBER: "project number", ACRONYM: "project acronym", TITLE: "project title",
    START: "contract start date", END: "contract end date", MONTHS: "duration in months",
    STATUS: "contract status", ORGANISATION: "organisation name", SHORT: "organisation acronym",
    ROLE: "organisation role", MUNICIPALITY: "municipality", AMOUNT: "EU grant (EUR)",
}  # fmt: skip
ROLES = {"COORDINATOR": Role.LEAD, "PARTICIPANT": Role.PARTNER}
STATUSES = {"CLOSED": ProjectStatus.CLOSED, "SIGNED": ""}
# What the file writes where an organisation has no short name ("unknown").
UNKNOWN = {"ukjent", "ukjend", "-", "n/a"}


@dataclass
class Participation:
    row: int
    project: str
    project_values: dict
    organisation: str
    organisation_values: dict
    role: str
    amount: Decimal | None


def import_horizon_norway(path: Path = DEFAULT_FILE, progress=None) -> ImportReport:
    report = ImportReport(source=SOURCE)
    table = read_csv(path, delimiter=";")
    table.require(COLUMNS)
    rows = [_parse(table.path, row, record) for row, record in table.rows]
    with transaction.atomic():
        _write(rows, report, progress)
    return report


def _parse(path, row: int, record: dict) -> Participation:
    def value(column, reader):
        try:
            return reader(record[column])
        except ValueError as e:
            raise ImportFailed(path, str(e), row, column) from e

    def required(column) -> str:
        text = read.text(record[column])
        if not text:
            raise ImportFailed(path, f"{COLUMNS[column]} is empty", row, column)
        return text

    number, name = required(NUMBER), required(ORGANISATION)
    if len(name) > NAME_LENGTH:
        raise ImportFailed(path, f"name over {NAME_LENGTH} characters", row, ORGANISATION)
    role = read.text(record[ROLE])
    if role not in ROLES:
        raise ImportFailed(path, f"unknown role {role!r}", row, ROLE)
    status = read.text(record[STATUS])
    if status not in STATUSES:
        raise ImportFailed(path, f"unknown contract status {status!r}", row, STATUS)
    months = read.text(record[MONTHS])
    if months and not months.isdigit():
        raise ImportFailed(path, f"not a number of months: {months!r}", row, MONTHS)
    start, end = value(START, read.date), value(END, read.date)
    if start and end and end < start:
        raise ImportFailed(path, f"ends ({end}) before it starts ({start})", row, END)
    amount = value(AMOUNT, read.amount)
    if amount is not None and amount < 0:
        raise ImportFailed(path, f"negative amount {amount}", row, AMOUNT)
    short = read.text(record[SHORT])
    if short.casefold() in UNKNOWN:
        short = ""
    return Participation(
        row=row,
        project=number,
        project_values={
            "acronym": required(ACRONYM)[:300],
            "title": read.text(record[TITLE])[:500],
            "start_date": start,
            "end_date": end,
            "duration_months": int(months) if months else None,
            "status": STATUSES[status],
        },
        organisation=name,
        organisation_values={
            "acronym": short if len(short) <= 50 else "",
            "country_code": "NO",
            "address": read.text(record[MUNICIPALITY]),
        },
        role=ROLES[role],
        amount=amount,
    )


def _write(rows: list[Participation], report: ImportReport, progress) -> None:
    programme = programme_for(PROGRAMME, PERIOD, "", report, source=SOURCE)
    by_project: dict[str, list[Participation]] = defaultdict(list)
    first_seen: dict[str, dict] = {}
    for row in rows:
        by_project[row.project].append(row)
        first_seen.setdefault(row.organisation, row.organisation_values)
    organisations = {}
    for name, values in first_seen.items():
        organisations[name] = organisation_for(name, dict(values), report, SOURCE)
    for number, participations in by_project.items():
        values = dict(participations[0].project_values)
        for other in participations[1:]:
            if other.project_values != values:
                report.warnings.append(
                    f"row {other.row}: project {number} facts differ from row "
                    f"{participations[0].row}, kept the first"
                )
                break
        lookup = {"source": SOURCE, "source_record_id": number}
        values["programme"] = programme
        if not Project.objects.filter(**lookup).exists():
            values["slug"] = unique_project_slug(values["acronym"], programme)
        project = upsert(
            Project, lookup, values, report, "project", source=SOURCE, source_record_id=number
        )
        merged: dict[str, tuple[str, Decimal | None]] = {}
        for p in participations:
            role, amount = merged.get(p.organisation, (p.role, None))
            if ROLE_ORDER[p.role] < ROLE_ORDER[role]:
                role = p.role
            if p.amount is not None:
                amount = (amount or 0) + p.amount
            merged[p.organisation] = (role, amount)
        ordered = sorted(merged.items(), key=lambda item: ROLE_ORDER[item[1][0]])
        for position, (name, (role, amount)) in enumerate(ordered, start=1):
            upsert(
                Partnership, {"project": project, "organisation": organisations[name]},
                {"role": role, "position": position, "budget": amount}, report, "partnership",
                source=SOURCE, source_record_id=f"{number}/{name}",
            )  # fmt: skip
            if progress:
                progress(1)


__all__ = ["import_horizon_norway", "SOURCE", "DEFAULT_FILE"]
