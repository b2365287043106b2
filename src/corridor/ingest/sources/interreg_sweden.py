"""Import of the Swedish Interreg 2021-2027 partner list (one row per partner in a project,
Swedish column names), as published by the Swedish Agency for Economic and Regional Growth.

Bad input (broken JSON, a missing column, a wrong type, a negative budget, an unknown NUTS
name or role) stops the import with an error naming file, row and field, and nothing is
written. A row without an organisation name cannot be mapped to anyone: it is rejected and
reported, and the rest is imported.
"""

import calendar
import datetime
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction

from corridor.lib.imports.report import ImportFailed, ImportReport, Rejected
from corridor.lib.imports.upsert import set_many, upsert
from corridor.organisations.models import Organisation, Ownership
from corridor.projects.models import ROLE_ORDER, Partnership, Project, ProjectStatus, Role
from corridor.projects.objectives import objective_theme
from corridor.projects.services import programme_for, theme_named, unique_project_slug
from corridor.regions.models import Region

SOURCE = "interreg-sweden-2021-2027"
DEFAULT_FILE = settings.DATA_DIR / "interreg-sweden" / "rawdata.json"
PERIOD = "2021-2027"

COLUMNS = {
    "program": "programme name",
    "projekttyp": "project type",
    "startdatum": "start date",
    "slutdatum": "end date",
    "projektnamn": "project name",
    "organisationsnamn": "organisation name",
    "organisationsagande": "ownership",
    "organisationstyp": "organisation type",
    "organisationsroll": "role",
    "nuts3": "NUTS 3 region name",
    "nuts2": "NUTS 2 region name",
    "partnerbudget": "partner budget (EUR)",
    "politisktmal": "policy objective",
    "specifiktmal": "specific objective",
    "land": "country",
    "aktiv": "active",
    "strand_kod": "strand",
}
ROLES = {"LP": Role.LEAD, "PP": Role.PARTNER, "AP": Role.ASSOCIATED}
OWNERSHIP = {"public": Ownership.PUBLIC, "private": Ownership.PRIVATE, "other": Ownership.OTHER}
STATUS = {"ja": ProjectStatus.ACTIVE, "nej": ProjectStatus.CLOSED}
PROGRAMME_NAMES = {"Interreg europe": "Interreg Europe"}
# Spellings in the data that differ from the NUTS 2021 names. Gotland is a NUTS 3 region
# (SE214); where it stands in the NUTS 2 column, its NUTS 2 region is meant.
NUTS_ALIASES = {"småland och öarna": "SE21", "gotland": "SE21"}


@dataclass
class PartnerRow:
    row: int
    programme: str
    strand: str
    project: str
    project_values: dict
    organisation: str | None
    organisation_values: dict
    role: str
    budget: Decimal
    region_code: str | None


def import_interreg_sweden(path: Path = DEFAULT_FILE, progress=None) -> ImportReport:
    report = ImportReport(source=SOURCE)
    records = _read(path)
    names = _nuts_names()
    rows = [_parse(path, n, record, names, report) for n, record in enumerate(records, start=1)]
    with transaction.atomic():
        _write([r for r in rows if r is not None], report, progress)
    return report


def _read(path: Path) -> list:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError as e:
        raise ImportFailed(path, "file not found") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ImportFailed(path, f"not valid JSON: {e}") from e
    if not isinstance(data, list):
        raise ImportFailed(path, "expected a JSON list of partner rows")
    return data


def _nuts_names() -> dict[str, str]:
    names = {}
    for code, name, latin in Region.objects.filter(country_code="SE").values_list(
        "code", "name", "name_latin"
    ):
        names[name.casefold()] = names[latin.casefold()] = code
    if not names:
        raise ImportFailed(DEFAULT_FILE, "no Swedish NUTS regions loaded: run the NUTS import")
    return names | NUTS_ALIASES


def _parse(path, n: int, record, nuts: dict[str, str], report: ImportReport) -> PartnerRow | None:
    if not isinstance(record, dict):
        raise ImportFailed(path, "expected an object", n)
    for column in COLUMNS:
        if column not in record:
            raise ImportFailed(path, f"missing column ({COLUMNS[column]})", n, column)

    def text(column: str, required: bool = True) -> str | None:
        value = record[column]
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise ImportFailed(path, f"{COLUMNS[column]} is empty", n, column)
            return None
        if not isinstance(value, str):
            raise ImportFailed(path, f"expected text, got {type(value).__name__}", n, column)
        return " ".join(value.split())

    def date(column: str) -> datetime.date:
        value = text(column)
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
        # The data holds end dates such as 2027-02-31: the month's last day is meant.
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            if 1 <= month <= 12 and 28 < day <= 31:
                last = calendar.monthrange(year, month)[1]
                report.warnings.append(
                    f"row {n}: {column} {value} read as {year}-{month:02}-{last}"
                )
                return datetime.date(year, month, last)
        raise ImportFailed(path, f"not a date (YYYY-MM-DD): {value!r}", n, column)

    def choice(column: str, mapping: dict) -> str:
        value = text(column)
        if value.casefold() not in {k.casefold() for k in mapping}:
            raise ImportFailed(path, f"unknown value {value!r}", n, column)
        return next(v for k, v in mapping.items() if k.casefold() == value.casefold())

    def region(column: str) -> str | None:
        value = text(column, required=False)
        if value is None:
            return None
        code = nuts.get(value.casefold())
        if code is None:
            raise ImportFailed(path, f"unknown NUTS region name {value!r}", n, column)
        return code

    budget = record["partnerbudget"]
    if isinstance(budget, bool) or not isinstance(budget, int | float | str):
        raise ImportFailed(path, f"expected a number, got {budget!r}", n, "partnerbudget")
    try:
        budget = Decimal(str(budget)).quantize(Decimal("0.01"))
    except InvalidOperation as e:
        raise ImportFailed(path, f"not a number: {budget!r}", n, "partnerbudget") from e
    if budget < 0:
        raise ImportFailed(path, f"negative budget {budget}", n, "partnerbudget")

    start, end = date("startdatum"), date("slutdatum")
    if end < start:
        report.warnings.append(f"row {n}: end date {end} before start date {start}, left out")
        end = None
    nuts3, nuts2 = region("nuts3"), region("nuts2")
    if nuts3 and nuts2 and not nuts3.startswith(nuts2):
        report.warnings.append(f"row {n}: NUTS 3 {nuts3} does not lie in NUTS 2 {nuts2}")
    land = text("land")
    if land.casefold() != "sverige":
        raise ImportFailed(path, f"expected Sverige, got {land!r}", n, "land")
    specific = text("specifiktmal", required=False) or ""
    organisation = text("organisationsnamn", required=False)
    parsed = PartnerRow(
        row=n,
        programme=PROGRAMME_NAMES.get(text("program"), text("program")),
        strand=choice("strand_kod", {"A": "A", "B": "B", "C": "C"}),
        project=text("projektnamn"),
        project_values={
            "project_type": text("projekttyp", required=False) or "",
            "start_date": start,
            "end_date": end,
            "policy_objective": text("politisktmal", required=False) or "",
            "specific_objective": specific,
            "status": choice("aktiv", STATUS),
        },
        organisation=organisation,
        organisation_values={
            "ownership": choice("organisationsagande", OWNERSHIP),
            "type": text("organisationstyp", required=False) or "",
            "country_code": "SE",
        },
        role=choice("organisationsroll", ROLES),
        budget=budget,
        region_code=nuts3 or nuts2,
    )
    if organisation is None:
        report.rejected.append(
            Rejected(n, f"no organisation name (project {parsed.project!r}, {parsed.programme})")
        )
        return None
    return parsed


# "BBU - Baltic Biking UPGRADE": an acronym of up to three words before a dash.
_ACRONYM_FIRST = re.compile(r"^(\S+(?: \S+){0,2}) [-–] (.{8,})$")
# "Bothnian Coastal Route (BCR)", "... a user perspective [AIRHERD]".
_ACRONYM_LAST = re.compile(r"^(.{8,}?)\s*[\[(]([^\[\]()]{2,25})[\])]$")


def split_project_name(name: str) -> tuple[str, str]:
    """The acronym and title a project name holds; the whole name as acronym otherwise."""
    if match := _ACRONYM_FIRST.match(name):
        return match.group(1), match.group(2)
    match = _ACRONYM_LAST.match(name)
    if match and any(c.isupper() for c in match.group(2)) and len(match.group(2).split()) <= 3:
        return match.group(2), match.group(1)
    return name, ""


def _most_common(values: list, what: str, report: ImportReport):
    """Rows disagree now and then on a project's or organisation's facts: take the value
    most rows give (the first row's on a tie) and say so."""
    counts = Counter(v for v in values if v not in ("", None)) or Counter(values)
    values = [v for v in values if v in counts]
    if len(counts) > 1:
        report.warnings.append(f"{what}: rows disagree ({dict(counts)}), kept the most common")
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def _write(rows: list[PartnerRow], report: ImportReport, progress) -> None:
    regions = {r.code: r for r in Region.objects.filter(country_code="SE")}
    by_project: dict[tuple, list[PartnerRow]] = defaultdict(list)
    by_organisation: dict[str, list[PartnerRow]] = defaultdict(list)
    for row in rows:
        # A feasibility study and the project that follows it share a name: two projects.
        by_project[(row.programme, row.project, row.project_values["project_type"])].append(row)
        by_organisation[row.organisation].append(row)

    organisations = {}
    for name, org_rows in by_organisation.items():
        values = {
            key: _most_common(
                [r.organisation_values[key] for r in org_rows], f"{name} {key}", report
            )
            for key in ("ownership", "type", "country_code")
        }
        region_code = _most_common([r.region_code for r in org_rows], f"{name} region", report)
        values["region"] = regions.get(region_code) if region_code else None
        organisations[name] = upsert(
            Organisation, {"name": name}, values, report, "organisation",
            source=SOURCE, source_record_id=name,
        )  # fmt: skip

    programmes = {}
    for (programme_name, project_name, project_type), project_rows in by_project.items():
        if programme_name not in programmes:
            strands = [r.strand for r in rows if r.programme == programme_name]
            strand = _most_common(strands, f"{programme_name} strand", report)
            programmes[programme_name] = programme_for(
                programme_name, PERIOD, strand, report, source=SOURCE
            )
        programme = programmes[programme_name]
        values = {
            key: _most_common(
                [r.project_values[key] for r in project_rows], f"{project_name} {key}", report
            )
            for key in project_rows[0].project_values
        }
        acronym, title = split_project_name(project_name)
        values.update(programme=programme, acronym=acronym, title=title)
        record_id = f"{programme_name}/{project_name}/{project_type}"
        lookup = {"source": SOURCE, "source_record_id": record_id}
        if not Project.objects.filter(**lookup).exists():
            values["slug"] = unique_project_slug(acronym, programme, project_type)
        project = upsert(
            Project, lookup, values, report, "project", source=SOURCE, source_record_id=record_id
        )
        theme = objective_theme(values["specific_objective"])
        set_many(project, "themes", [theme_named(theme, report)] if theme else [], report, "themes")
        ordered = sorted(project_rows, key=lambda r: (ROLE_ORDER[r.role], r.row))
        for position, row in enumerate(ordered, start=1):
            upsert(
                Partnership,
                {"project": project, "organisation": organisations[row.organisation]},
                {
                    "role": row.role,
                    "position": position,
                    "budget": row.budget,
                    "region": regions.get(row.region_code) if row.region_code else None,
                },
                report, "partnership",
                source=SOURCE,
                source_record_id=f"{programme_name}/{project_name}/{project_type}/{row.organisation}",
            )  # fmt: skip
            if progress:
                progress(1)


__all__ = ["import_interreg_sweden", "SOURCE", "DEFAULT_FILE"]
