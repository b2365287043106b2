"""Import of keep.eu's export layout: one .xlsx workbook with a "Projects" sheet (one row per
project) and a "Partners" sheet (one row per partner in a project), the columns named as
keep.eu documents its project and partner fields. Partners find their project by
programme and project acronym, which keep.eu keeps unique per programme and period.

Bad input (no such sheet, a missing column, a partner of an unknown project, an amount or a
date that cannot be read) stops the import naming the file, the sheet and row, and the
field; nothing is written.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from corridor.ingest import values as read
from corridor.ingest.tables import Table, read_xlsx
from corridor.ingest.writes import NAME_LENGTH, organisation_for
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.projects.models import ROLE_ORDER, Partnership, Project, Role
from corridor.projects.services import programme_for, unique_project_slug
from corridor.regions.models import Region

from .operations import country_of

SOURCE = "keep.eu"
PROJECTS, PARTNERS = "Projects", "Partners"

PROGRAMME, PERIOD, ACRONYM = "Programme", "Period", "Project acronym"
PROJECT_COLUMNS = {
    PROGRAMME: "programme", PERIOD: "programming period", ACRONYM: "project acronym",
    "Project name in English": "project name", "Description in English": "description",
    "Project start date": "start date", "Project end date": "end date",
    "Total budget": "total budget (EUR)", "EU funding": "EU co-financing (EUR)",
}  # fmt: skip
PARTNER_COLUMNS = {
    PROGRAMME: "programme", PERIOD: "programming period", ACRONYM: "project acronym",
    "Partner name": "partner's name", "Partner name in English": "partner's name in English",
    "Partner role": "role", "Country": "country", "NUTS3": "NUTS 3 region code",
    "Partner budget": "partner budget (EUR)",
}  # fmt: skip
ROLES = {
    "lead partner": Role.LEAD, "project partner": Role.PARTNER, "partner": Role.PARTNER,
    "associated partner": Role.ASSOCIATED, "advisory partner": Role.ADVISORY,
}  # fmt: skip


@dataclass
class ProjectRow:
    row: int
    key: tuple[str, str, str]
    values: dict


@dataclass
class PartnerRow:
    row: int
    key: tuple[str, str, str]
    name: str
    english: str
    role: str
    country: str
    region: Region | None
    budget: Decimal | None


def import_keep_eu(path: Path, progress=None) -> ImportReport:
    report = ImportReport(source=SOURCE)
    projects_sheet = _sheet(path, PROJECTS, PROJECT_COLUMNS)
    partners_sheet = _sheet(path, PARTNERS, PARTNER_COLUMNS)
    regions = {r.code: r for r in Region.objects.filter(level=3)}
    projects: dict[tuple, ProjectRow] = {}
    for row, record in projects_sheet.rows:
        parsed = _project(projects_sheet.path, row, record)
        if parsed.key in projects:
            first = projects[parsed.key].row
            raise ImportFailed(
                path, f"sheet {PROJECTS}: project listed again (row {first})", row, ACRONYM
            )
        projects[parsed.key] = parsed
    partners = [
        _partner(partners_sheet.path, row, record, projects, regions)
        for row, record in partners_sheet.rows
    ]
    with transaction.atomic():
        _write(projects, partners, report, progress)
    return report


def _sheet(path, name: str, columns: dict) -> Table:
    table = read_xlsx(path, sheet=name)
    for column, meaning in columns.items():
        if column not in table.headers:
            raise ImportFailed(path, f"sheet {name}: missing column ({meaning})", 1, column)
    return table


def _reader(path, sheet: str, row: int, record: dict):
    def value(column, reader):
        try:
            return reader(record.get(column))
        except ValueError as e:
            raise ImportFailed(path, f"sheet {sheet}: {e}", row, column) from e

    def required(column) -> str:
        text = read.text(record.get(column))
        if not text:
            raise ImportFailed(path, f"sheet {sheet}: empty", row, column)
        return text

    return value, required


def _project(path, row: int, record: dict) -> ProjectRow:
    value, required = _reader(path, PROJECTS, row, record)
    start, end = value("Project start date", read.date), value("Project end date", read.date)
    if start and end and end < start:
        raise ImportFailed(
            path, f"sheet {PROJECTS}: ends ({end}) before it starts ({start})", row,
            "Project end date",
        )  # fmt: skip
    total, eu = value("Total budget", read.amount), value("EU funding", read.amount)
    for column, amount in (("Total budget", total), ("EU funding", eu)):
        if amount is not None and amount < 0:
            raise ImportFailed(path, f"sheet {PROJECTS}: negative amount", row, column)
    key = (required(PROGRAMME), required(PERIOD), required(ACRONYM))
    return ProjectRow(
        row=row,
        key=key,
        values={
            "acronym": key[2][:300],
            "title": read.text(record.get("Project name in English"))[:500],
            "summary": str(record.get("Description in English") or "").strip(),
            "start_date": start,
            "end_date": end,
            "total_budget": total,
            "eu_cofinancing": eu,
        },
    )


def _partner(path, row: int, record: dict, projects: dict, regions: dict) -> PartnerRow:
    value, required = _reader(path, PARTNERS, row, record)
    key = (required(PROGRAMME), required(PERIOD), required(ACRONYM))
    if key not in projects:
        raise ImportFailed(
            path, f"sheet {PARTNERS}: no project {key[2]!r} of {key[0]} {key[1]} in the "
            f"{PROJECTS} sheet", row, ACRONYM,
        )  # fmt: skip
    name = required("Partner name")
    if len(name) > NAME_LENGTH:
        raise ImportFailed(path, f"sheet {PARTNERS}: over {NAME_LENGTH} characters", row,
                           "Partner name")  # fmt: skip
    role = read.text(record.get("Partner role")).casefold()
    if role not in ROLES:
        raise ImportFailed(path, f"sheet {PARTNERS}: unknown role {role!r}", row, "Partner role")
    country_text = read.text(record.get("Country"))
    country = country_of(country_text)
    if country_text and not country:
        raise ImportFailed(path, f"sheet {PARTNERS}: unknown country {country_text!r}", row,
                           "Country")  # fmt: skip
    nuts = read.text(record.get("NUTS3")).upper()
    if nuts and nuts not in regions:
        raise ImportFailed(path, f"sheet {PARTNERS}: unknown NUTS 3 code {nuts!r}", row, "NUTS3")
    budget = value("Partner budget", read.amount)
    if budget is not None and budget < 0:
        raise ImportFailed(path, f"sheet {PARTNERS}: negative amount", row, "Partner budget")
    return PartnerRow(
        row=row,
        key=key,
        name=name,
        english=read.text(record.get("Partner name in English")),
        role=ROLES[role],
        country=country or (nuts[:2] if nuts else ""),
        region=regions.get(nuts),
        budget=budget,
    )


def _write(projects: dict, partners: list[PartnerRow], report: ImportReport, progress) -> None:
    written = {}
    for key, row in projects.items():
        programme_name, period, acronym = key
        programme = programme_for(programme_name, period, "", report, source=SOURCE)
        record_id = f"{programme_name} {period}/{acronym}"
        lookup = {"source": SOURCE, "source_record_id": record_id}
        values = {**row.values, "programme": programme}
        if not Project.objects.filter(**lookup).exists():
            values["slug"] = unique_project_slug(acronym, programme)
        written[key] = upsert(
            Project, lookup, values, report, "project", source=SOURCE, source_record_id=record_id
        )
        if progress:
            progress(1)
    ordered = sorted(partners, key=lambda p: (p.key, ROLE_ORDER[p.role], p.row))
    positions: dict[tuple, int] = {}
    for partner in ordered:
        positions[partner.key] = positions.get(partner.key, 0) + 1
        organisation = organisation_for(
            partner.name,
            {"country_code": partner.country, "region": partner.region,
             "other_names": [partner.english]},
            report, SOURCE,
        )  # fmt: skip
        upsert(
            Partnership, {"project": written[partner.key], "organisation": organisation},
            {"role": partner.role, "position": positions[partner.key], "budget": partner.budget,
             "region": partner.region},
            report, "partnership", source=SOURCE,
            source_record_id=f"{partner.key[0]} {partner.key[1]}/{partner.key[2]}/{partner.name}",
        )  # fmt: skip
        if progress:
            progress(1)


__all__ = ["import_keep_eu", "SOURCE", "PROJECT_COLUMNS", "PARTNER_COLUMNS"]
