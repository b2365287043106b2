"""Loads curated project fact sheets (Corridor's own JSON format), such as the six projects
of the seed pages in data/seed-projects.json."""

import datetime
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import set_many, upsert
from corridor.organisations.models import Organisation
from corridor.projects.models import (
    Partnership,
    Phase,
    Project,
    ProjectCountry,
    Role,
    months_later,
)
from corridor.projects.services import programme_for, theme_named, unique_project_slug
from corridor.regions.models import Region

SEED_FILE = settings.DATA_DIR / "seed-projects.json"
PROJECT_FIELDS = [
    "title", "summary", "summary_language", "description", "description_language",
    "start_date", "end_date", "duration_months", "total_budget", "eu_cofinancing",
    "cofinancing_rate", "cofinancing_source", "funding", "stated_region_count",
    "project_manager", "website",
]  # fmt: skip
MONEY_FIELDS = {"total_budget", "eu_cofinancing", "cofinancing_rate", "funding"}
DATE_FIELDS = {"start_date", "end_date"}


def import_curated(path: Path = SEED_FILE, progress=None) -> ImportReport:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError as e:
        raise ImportFailed(path, "file not found") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ImportFailed(path, f"not valid JSON: {e}") from e
    source = data.get("source", "curated")
    report = ImportReport(source=source)
    try:
        with transaction.atomic():
            _load(path, data, source, report, progress)
    except ValidationError as e:
        raise ImportFailed(path, "; ".join(e.messages)) from e
    return report


def _region(path, code: str | None, where: str) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ImportFailed(path, f"unknown NUTS code {code!r}", field=where)
    return region


def _value(path, name: str, value, where: str):
    try:
        if value in (None, ""):
            return None if name not in {"title", "summary", "summary_language", "description",
                                         "description_language", "cofinancing_source",
                                         "project_manager", "website"} else ""  # fmt: skip
        if name in MONEY_FIELDS:
            amount = Decimal(str(value))
            if amount < 0:
                raise ImportFailed(path, f"negative amount {value}", field=f"{where}.{name}")
            return amount
        if name in DATE_FIELDS:
            return datetime.date.fromisoformat(value)
        return value
    except (InvalidOperation, ValueError, TypeError) as e:
        raise ImportFailed(path, f"invalid value {value!r}", field=f"{where}.{name}") from e


def _load(path, data: dict, source: str, report: ImportReport, progress) -> None:
    organisations = {}
    for i, org in enumerate(data.get("organisations", []), start=1):
        where = f"organisations[{i}]"
        region = _region(path, org.get("region"), f"{where}.region")
        country = org.get("country") or (region.country_code if region else "")
        organisations[org["name"]] = upsert(
            Organisation,
            {"name": org["name"]},
            {
                "acronym": org.get("acronym", ""),
                "type": org.get("type", ""),
                "country_code": country,
                "region": region,
                "address": org.get("address", ""),
                "website": org.get("website", ""),
                "former_names": "\n".join(org.get("former_names", [])),
            },
            report, "organisation", source=source, source_record_id=f"seed {org.get('seed', '')}",
        )  # fmt: skip

    for programme in data.get("programmes", []):
        programme_for(programme["name"], programme["period"], programme.get("strand", ""),
                      report, source=source)  # fmt: skip

    for i, item in enumerate(data.get("projects", []), start=1):
        where = f"projects[{i}]"
        programme = None
        if item.get("programme"):
            name, period = item["programme"]
            programme = programme_for(name, period, "", report, source=source)
        values = {name: _value(path, name, item.get(name), where) for name in PROJECT_FIELDS}
        values["programme"] = programme
        if values["end_date"] is None and values["start_date"] and values["duration_months"]:
            values["end_date"] = months_later(values["start_date"], values["duration_months"])
        if not Project.objects.filter(acronym=item["acronym"], programme=programme).exists():
            values["slug"] = unique_project_slug(item["acronym"], programme)
        project = upsert(
            Project, {"acronym": item["acronym"], "programme": programme}, values, report,
            "project", source=source, source_record_id=f"seed {item.get('seed', '')}",
        )  # fmt: skip
        set_many(project, "themes", [theme_named(t, report) for t in item.get("themes", [])],
                 report, "themes")  # fmt: skip
        _load_phases(path, project, item.get("phases", []), report, where)
        for position, partner in enumerate(item.get("partners", []), start=1):
            if partner["organisation"] not in organisations:
                raise ImportFailed(path, f"unknown organisation {partner['organisation']!r}",
                                   field=f"{where}.partners[{position}]")  # fmt: skip
            if partner["role"] not in Role.values:
                raise ImportFailed(path, f"unknown role {partner['role']!r}",
                                   field=f"{where}.partners[{position}].role")  # fmt: skip
            organisation = organisations[partner["organisation"]]
            upsert(
                Partnership,
                {"project": project, "organisation": organisation},
                {
                    "role": partner["role"],
                    "position": position,
                    "budget": _value(path, "total_budget", partner.get("budget"), where),
                    "region": _region(path, partner.get("region"), where) or organisation.region,
                    "stated_innovation_group": partner.get("stated_innovation_group", ""),
                },
                report, "partnership", source=source,
                source_record_id=f"seed {item.get('seed', '')}: {partner['organisation']}",
            )  # fmt: skip
        for stated in item.get("countries", []):
            country = _region(path, stated["country"], f"{where}.countries")
            upsert(
                ProjectCountry, {"project": project, "country": country},
                {"stated_innovation_group": stated.get("stated_innovation_group", "")},
                report, "stated country",
            )  # fmt: skip
        if progress:
            progress(1)


def _load_phases(path, project: Project, phases: list[dict], report, where: str) -> None:
    """A phase given by its duration alone follows the one before it."""
    previous_end = None
    for position, phase in enumerate(phases, start=1):
        start = _value(path, "start_date", phase.get("start_date"), where)
        end = _value(path, "end_date", phase.get("end_date"), where)
        months = phase.get("duration_months")
        if start is None and months and previous_end:
            start = previous_end + datetime.timedelta(days=1)
        if end is None and start and months:
            end = months_later(start, months)
        upsert(
            Phase, {"project": project, "position": position},
            {
                "name": phase["name"], "start_date": start, "end_date": end,
                "date_precision": phase.get("date_precision", "day"),
                "duration_months": months, "description": phase.get("description", ""),
            },
            report, "phase",
        )  # fmt: skip
        previous_end = end
