"""Import of Kohesio beneficiaries (cohesion-policy funding per organisation and region) as
exported from Kohesio: tab-separated, names in the original script with a Latin
transliteration beside them, amounts now and then in scientific notation ("4.729375062E7").

Each row becomes an organisation (the transliteration kept among its other names, so that
search and de-duplication find it in Latin letters) and a funding summary for its region.
Two rows with the same organisation and region (Kohesio lists some beneficiaries twice,
with different identifiers) are added up.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from corridor.ingest import values as read
from corridor.ingest.tables import read_csv
from corridor.ingest.writes import NAME_LENGTH, organisation_for
from corridor.lib.countries import country_code
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.organisations.models import FundingSummary

SOURCE = "kohesio-beneficiaries"
DEFAULT_FILE = settings.DATA_DIR / "kohesio" / "beneficiaries.tsv"
COUNTRY, REGION, NAME = "Country", "Region", "Beneficiary Name"
TOTAL, EU, PROJECTS, LATIN = (
    "Total Budget",
    "EU Contribution",
    "Number of Projects",
    ("Transliterated Name"),
)
COLUMNS = {
    COUNTRY: "country", REGION: "region", NAME: "beneficiary name", TOTAL: "total budget",
    EU: "EU contribution", PROJECTS: "number of projects", LATIN: "transliterated name",
}  # fmt: skip


@dataclass
class Beneficiary:
    row: int
    name: str
    country: str
    region: str
    latin: str
    total: Decimal | None
    eu: Decimal | None
    projects: int


def import_kohesio(path: Path = DEFAULT_FILE, progress=None) -> ImportReport:
    report = ImportReport(source=SOURCE)
    table = read_csv(path, delimiter="\t", quoting=csv.QUOTE_NONE)
    table.require(COLUMNS)
    rows = [_parse(table.path, row, record) for row, record in table.rows]
    with transaction.atomic():
        _write(rows, report, progress)
    return report


def _parse(path, row: int, record: dict) -> Beneficiary:
    def money(column):
        try:
            value = read.amount(record[column])
        except ValueError as e:
            raise ImportFailed(path, str(e), row, column) from e
        if value is not None and value < 0:
            raise ImportFailed(path, f"negative amount {value}", row, column)
        return value

    name = read.text(record[NAME])
    if not name:
        raise ImportFailed(path, "beneficiary name is empty", row, NAME)
    if len(name) > NAME_LENGTH:
        raise ImportFailed(path, f"name over {NAME_LENGTH} characters", row, NAME)
    country = country_code(read.text(record[COUNTRY]))
    if country is None:
        raise ImportFailed(path, f"unknown country {record[COUNTRY]!r}", row, COUNTRY)
    projects = read.text(record[PROJECTS])
    if not projects.isdigit():
        raise ImportFailed(path, f"not a number of projects: {projects!r}", row, PROJECTS)
    return Beneficiary(
        row=row,
        name=name,
        country=country,
        region=read.text(record[REGION])[:200],
        latin=read.text(record[LATIN]),
        total=money(TOTAL),
        eu=money(EU),
        projects=int(projects),
    )


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else a + b


def _write(rows: list[Beneficiary], report: ImportReport, progress) -> None:
    summaries: dict[tuple[str, str], Beneficiary] = {}
    by_name: dict[str, list[Beneficiary]] = defaultdict(list)
    for row in rows:
        by_name[row.name].append(row)
        key = (row.name, row.region)
        if key in summaries:
            first = summaries[key]
            report.warnings.append(f"row {row.row}: {row.name} in {row.region} again, added up")
            summaries[key] = Beneficiary(
                first.row, first.name, first.country, first.region, first.latin,
                _add(first.total, row.total), _add(first.eu, row.eu),
                first.projects + row.projects,
            )  # fmt: skip
        else:
            summaries[key] = row
    organisations = {}
    for name, named in by_name.items():
        latin = [r.latin for r in named if r.latin and r.latin != name]
        organisations[name] = organisation_for(
            name,
            {"country_code": named[0].country, "other_names": list(dict.fromkeys(latin))},
            report, SOURCE,
        )  # fmt: skip
    for (name, region), row in summaries.items():
        upsert(
            FundingSummary,
            {"organisation": organisations[name], "source": SOURCE, "region_name": region},
            {"total_budget": row.total, "eu_contribution": row.eu, "project_count": row.projects},
            report, "funding summary", source=SOURCE, source_record_id=f"{name}/{region}",
        )  # fmt: skip
        if progress:
            progress(1)


__all__ = ["import_kohesio", "SOURCE", "DEFAULT_FILE"]
