"""Import of programme "lists of operations", the list every Interreg 2014-2020 programme
publishes of the projects it funds. Each programme chooses its own headers (in English,
or bilingual such as "Beneficiary name / Nom du bénéficiaire"), and the lists that give
every partner join the partners' names, roles, budgets and countries with ";" in one cell.

A file is one programme; its CCI code (e.g. 2014TC16RFTN002) is read from the file name
and names the programme. Files may be JSON records (an object or a list of objects), CSV
or .xlsx. Bad input stops the import naming the file, the row and the field; nothing is
written.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from corridor.ingest import values as read
from corridor.ingest.tables import Table, read_csv, read_json_records, read_xlsx
from corridor.ingest.writes import NAME_LENGTH, organisation_for
from corridor.lib.countries import ENGLISH_NAMES, country_code
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.projects.models import Partnership, Project, Role
from corridor.projects.services import programme_for, unique_project_slug

SOURCE = "list-of-operations"
DEFAULT_PATH = settings.DATA_DIR / "operations"
PERIOD = "2014-2020"

# Programmes whose records name them (an e-MS prefix, a project code or the summary).
PROGRAMMES = {
    "2014TC16M4TN001": "Interreg MED",
    "2014TC16M4TN002": "Interreg ADRION",
    "2014TC16M6TN001": "Interreg Danube Transnational Programme",
    "2014TC16RFCB014": "Interreg Central Baltic",
    "2014TC16RFCB021": "Interreg V-A Romania-Bulgaria",
    "2014TC16RFCB047": "Interreg VA United Kingdom-Ireland (Ireland-Northern Ireland-Scotland)",
    "2014TC16RFCB050": "Interreg Estonia-Latvia",
    "2014TC16RFIR001": "Interreg Europe",
    "2014TC16RFPC001": "PEACE IV",
    "2014TC16RFTN002": "Interreg Atlantic Area",
    "2014TC16RFTN003": "Interreg CENTRAL EUROPE",
    "2014TC16RFTN004": "Interreg Northern Periphery and Arctic",
}
STRANDS = {"CB": "A", "PC": "A", "TN": "B", "IR": "C"}
CCI = re.compile(r"(?i)(20\d\dTC\d\d[A-Z0-9]{2}([A-Z]{2})\d{3})")

# Headers, lower-cased, to what they hold. A bilingual header is looked up whole, then by
# its first language ("Country / Pays" as "country").
HEADERS = {
    "acronym": ["acronym", "project acronym", "operation name / acronyme du projet"],
    "title": ["project title", "title", "project label", "operation name",
              "operation/project name"],
    "code": ["project code", "project number", "operation code nr.", "index", "project ref",
             "paper ref", "e-ms code", "ems ref"],
    "summary": ["operation summary", "summary", "operation/project summary", "objectives"],
    "start": ["project start date", "start date", "operation start date"],
    "end": ["project end date", "end date", "operation end date"],
    "duration": ["duration"],
    "total": ["project final contract amount", "total budget", "approved budget",
              "amount of the project (erdf +ipa + national counterpart)",
              "total eligible expenditure allocated to the operation",
              "total eligible expenditure allocated to the full operation",
              "total of eligible expenditure", "total project cost (€/£)",
              "total project cost (€)", "total eligible expenditure"],
    "erdf": ["erdf", "erdf contribution", "erdf expenditure allocated",
             "total union co-financing allocated to the full operation",
             "total erdf allocated (€/£)", "total erdf allocated (€)",
             "community funding erdf(euro)"],
    "ipa": ["ipa funds", "ipa contribution"],
    "rate": ["project eu co-financing rate", "co financing rate", "union co-financing rate in %",
             "union co-financing rate %", "cofinancingrate", "percent (erdf)",
             "union co-financing rate as per priority axes"],
    "lead": ["leading partner", "lead partner", "lead partner name",
             "beneficiary/lead partner name", "lead beneficiary/ beneficiary/ies"],
    "beneficiaries": ["beneficiary name"],
    "english": ["beneficiary name in english"],
    "roles": ["beneficiary role", "role"],
    "lead_flags": ["has the lead of the operation (y/n)"],
    "partner_budgets": ["total eligible expenditure allocated to the beneficiary"],
    "country": ["country", "lp country"],
}  # fmt: skip
FIELD_OF = {header: name for name, headers in HEADERS.items() for header in headers}
ROLES = {
    "lp": Role.LEAD, "lead partner": Role.LEAD, "lead beneficiary": Role.LEAD,
    "pp": Role.PARTNER, "project partner": Role.PARTNER, "partner": Role.PARTNER,
    "beneficiary": Role.PARTNER,
    "ap": Role.ASSOCIATED, "associated partner": Role.ASSOCIATED,
}  # fmt: skip
SPELLED_OUT = re.compile(r"([A-Z][\w+-]*[A-Z]\w*) \((.{10,})\)")
COUNTRY_ALIASES = {"macedonia": "MK", "gr": "EL", "gb": "UK", "greece": "EL"}


@dataclass
class PartnerData:
    name: str
    role: str
    budget: Decimal | None = None
    country: str = ""
    english: str = ""


@dataclass
class Operation:
    path: Path
    row: int
    cci: str
    record_id: str
    values: dict
    partners: list[PartnerData] = field(default_factory=list)


def import_operations(path: Path = DEFAULT_PATH, progress=None) -> ImportReport:
    report = ImportReport(source=SOURCE)
    files = _files(Path(path))
    operations = []
    for file in files:
        table = _read(file)
        cci = _cci(file)
        columns = _columns(table)
        for row, record in table.rows:
            operations.append(_parse(table.path, row, record, columns, cci, report))
    with transaction.atomic():
        _write(operations, report, progress)
    return report


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".csv", ".xlsx"))
        if not files:
            raise ImportFailed(path, "no .json, .csv or .xlsx files in this folder")
        return files
    return [path]


def _read(path: Path) -> Table:
    if path.suffix == ".xlsx":
        return read_xlsx(path)
    if path.suffix == ".csv":
        return read_csv(path)
    return read_json_records(path)


def _cci(path: Path) -> str:
    match = CCI.search(path.name)
    if match is None:
        raise ImportFailed(path, "no programme CCI code (such as 2014TC16RFTN002) in the name")
    return match.group(1).upper()


def _columns(table: Table) -> dict[str, str]:
    """What each header of the file holds: {field: header}, the first header winning."""
    found: dict[str, str] = {}
    for header in table.headers:
        key = " ".join(header.casefold().split())
        candidates = [key, re.split(r"\s+/\s*|\s*/\s+", key)[0], key.split("/")[0].strip()]
        name = next((FIELD_OF[c] for c in candidates if c in FIELD_OF), None)
        if name and name not in found:
            found[name] = header
    if "title" not in found and "acronym" not in found:
        raise ImportFailed(table.path, "no column with the operation's name or acronym", 1)
    if "lead" not in found and "beneficiaries" not in found:
        raise ImportFailed(table.path, "no column with the lead partner or beneficiaries", 1)
    return found


def country_of(value: str) -> str:
    """A NUTS country code from "Italy", "ITALY", "IT" or "SI Slovenia / SLOVENIJA"."""
    value = value.strip()
    if not value:
        return ""
    if value.casefold() in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[value.casefold()]
    if value.upper() in ENGLISH_NAMES:
        return value.upper()
    code = country_code(value)
    if code:
        return code
    first = value.split()[0].upper()
    if len(first) == 2 and first in ENGLISH_NAMES:
        return first
    return ""


def _parse(path, row: int, record: dict, columns: dict, cci: str, report) -> Operation:
    def cell(name):
        header = columns.get(name)
        return record.get(header) if header else None

    def failed(name, message):
        return ImportFailed(path, message, row, columns.get(name))

    def one(reader, name, **kwargs):
        try:
            return reader(cell(name), **kwargs)
        except ValueError as e:
            raise failed(name, str(e)) from e

    def many(reader, name) -> list:
        try:
            return [reader(v) for v in read.cells(cell(name))]
        except ValueError as e:
            raise failed(name, str(e)) from e

    acronym, title = read.text(cell("acronym")), read.text(cell("title"))
    if not acronym and not title:
        raise failed("title" if "title" in columns else "acronym", "the operation has no name")
    if not acronym:
        # "BREATH (Border and Regions Airways Training Hub)"; a short name is an acronym.
        if match := SPELLED_OUT.fullmatch(title):
            acronym, title = match.groups()
        elif len(title) <= 30:
            acronym, title = title, ""
    start, end = one(read.date, "start"), one(read.date, "end")
    if start and end and end < start:
        raise failed("end", f"ends ({end}) before it starts ({start})")
    duration = cell("duration")
    if duration not in (None, "") and not str(duration).strip().isdigit():
        raise failed("duration", f"not a number of months: {duration!r}")

    totals, erdf, ipa = (
        many(read.amount, "total"),
        many(read.amount, "erdf"),
        many(read.amount, "ipa"),
    )
    rates = [r for r in many(read.rate, "rate") if r is not None]
    if len(set(rates)) > 1:
        report.warnings.append(f"{path.name} row {row}: partners' rates differ {rates}, left out")
    eu_parts = [sum(v for v in amounts if v is not None) for amounts in (erdf, ipa) if amounts]
    partners = _partners(path, row, record, columns, cell, many, totals, report)
    values = {
        "acronym": (acronym or title)[:300],
        "title": title if title != acronym else "",
        "summary": "\n".join(line.rstrip() for line in str(cell("summary") or "").splitlines())
        .strip()
        .removeprefix("ENDED_"),
        "start_date": start,
        "end_date": end,
        "duration_months": int(duration) if duration not in (None, "") else None,
        "total_budget": sum(t for t in totals if t is not None) if totals else None,
        "eu_cofinancing": sum(eu_parts) if eu_parts else None,
        "cofinancing_rate": rates[0] if len(set(rates)) == 1 else None,
        "cofinancing_source": " + ".join(
            name for name, amounts in (("ERDF", erdf), ("IPA", ipa)) if amounts
        ),
    }
    code = read.text(cell("code"))
    return Operation(path, row, cci, f"{cci}/{code or acronym or title}", values, partners)


def _partners(path, row, record, columns, cell, many, totals, report) -> list[PartnerData]:
    def warn(message):
        report.warnings.append(f"{path.name} row {row}: {message}")

    def per_partner(name, values: list, n: int) -> list:
        if len(values) == n:
            return values
        if values and name == "country":
            # Some lists repeat each partner's country: "BG;RO;RO;EL;EL;...".
            collapsed = [v for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
            if len(collapsed) == n:
                warn(f"{columns[name]}: repeated countries read once each")
                return collapsed
        if values and n > 1:
            warn(f"{columns.get(name)}: {len(values)} values for {n} partners, left out")
        return [None] * n

    names = [n for n in read.cells(cell("beneficiaries")) if n]
    if not names:
        lead = read.text(cell("lead"))
        if not lead:
            raise ImportFailed(path, "no lead partner", row, columns.get("lead"))
        names, roles = [lead], [Role.LEAD]
    elif len(names) == 1:
        roles = [Role.LEAD]
    elif "roles" in columns:
        roles = []
        for value in per_partner("roles", read.cells(cell("roles")), len(names)):
            if value is None or value.casefold() not in ROLES:
                raise ImportFailed(path, f"unknown role {value!r}", row, columns["roles"])
            roles.append(ROLES[value.casefold()])
    elif "lead_flags" in columns:
        flags = per_partner("lead_flags", read.cells(cell("lead_flags")), len(names))
        if any(f not in ("Y", "N") for f in flags):
            raise ImportFailed(path, f"expected Y or N, got {flags}", row, columns["lead_flags"])
        roles = [Role.LEAD if f == "Y" else Role.PARTNER for f in flags]
    else:
        warn("no roles stated: every beneficiary imported as a partner")
        roles = [Role.PARTNER] * len(names)
    n = len(names)
    budgets = many(read.amount, "partner_budgets") or (totals if len(totals) == n > 1 else [])
    budgets = per_partner("partner_budgets", budgets, n) if budgets else [None] * n
    countries = [
        country_of(c) if c is not None else ""
        for c in per_partner("country", read.cells(cell("country")), n)
    ]
    english = per_partner("english", read.cells(cell("english")), n)
    partners, seen = [], set()
    for name, role, budget, country, in_english in zip(
        names, roles, budgets, countries, english, strict=True
    ):
        if len(name) > NAME_LENGTH:
            raise ImportFailed(path, f"organisation name over {NAME_LENGTH} characters", row)
        if name in seen:
            warn(f"{name} listed twice, kept once")
            continue
        seen.add(name)
        partners.append(PartnerData(name, role, budget, country, in_english or ""))
    return partners


def _write(operations: list[Operation], report: ImportReport, progress) -> None:
    programmes = {}
    for operation in operations:
        cci = operation.cci
        if cci not in programmes:
            name = PROGRAMMES.get(cci, f"Programme {cci}")
            strand = STRANDS.get(CCI.search(cci).group(2), "")
            programmes[cci] = programme_for(name, PERIOD, strand, report, source=SOURCE)
        programme = programmes[cci]
        lookup = {"source": SOURCE, "source_record_id": operation.record_id}
        values = {**operation.values, "programme": programme}
        if not Project.objects.filter(**lookup).exists():
            values["slug"] = unique_project_slug(values["acronym"], programme)
        project = upsert(
            Project, lookup, values, report, "project",
            source=SOURCE, source_record_id=operation.record_id,
        )  # fmt: skip
        for position, partner in enumerate(operation.partners, start=1):
            organisation = organisation_for(
                partner.name,
                {"country_code": partner.country, "other_names": [partner.english]},
                report, SOURCE,
            )  # fmt: skip
            upsert(
                Partnership, {"project": project, "organisation": organisation},
                {"role": partner.role, "position": position, "budget": partner.budget},
                report, "partnership",
                source=SOURCE, source_record_id=f"{operation.record_id}/{partner.name}",
            )  # fmt: skip
        if progress:
            progress(1)


__all__ = ["import_operations", "SOURCE", "DEFAULT_PATH", "country_of"]
