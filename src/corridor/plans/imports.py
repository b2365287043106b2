"""Loads the action plans and indicator figures the seed pages state
(data/action-plans.json): everything checked first, then written in one transaction, so
that a re-run changes nothing and bad input writes nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from corridor.learning.models import Document
from corridor.lib.imports.json_rows import RowReader, read_object
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import set_many, upsert
from corridor.organisations.models import Organisation
from corridor.plans.models import (
    Action,
    ActionMeasure,
    ActionPlan,
    ActionTarget,
    Indicator,
    IndicatorValue,
    PlanStatus,
    PolicyInstrument,
)
from corridor.projects.models import Project
from corridor.projects.queries import projects_by_acronym
from corridor.regions.queries import region_by_code

SEED_FILE = Path(__file__).parent / "data" / "action-plans.json"


def import_plans(path: Path = SEED_FILE, progress=None) -> ImportReport:
    data = read_object(path, "instruments, plans and indicators")
    source = data.get("source", "plans")
    reader = _Reader(path, source)
    organisations = [reader.organisation(i, o) for i, o in _rows(data, "organisations", path)]
    reader.organisation_keys = {o["key"] for o in organisations}
    instruments = dict(reader.instrument(i, item) for i, item in _rows(data, "instruments", path))
    plans = [reader.plan(i, item, instruments) for i, item in _rows(data, "plans", path)]
    indicators = [reader.indicator(i, item) for i, item in _rows(data, "indicators", path)]
    report = ImportReport(source=source)
    try:
        with transaction.atomic():
            _write(source, organisations, instruments, plans, indicators, report, progress)
    except ValidationError as e:
        raise ImportFailed(path, "; ".join(e.messages)) from e
    return report


def _rows(data: dict, name: str, path):
    """(row number, item) for each item of one of the file's lists."""
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ImportFailed(path, f"{name!r} should be a list of objects")
    return enumerate(value, 1)


def _write(source, organisations, instruments, plans, indicators, report, progress):
    by_key = {}
    for item in organisations:
        values = {k: v for k, v in item.items() if k not in ("key", "record_id", "name")}
        lookup = {"name": item["name"], "country_code": values.pop("country_code")}
        by_key[item["key"]] = upsert(
            Organisation, lookup, values, report, "organisation", source, item["record_id"]
        )
    saved_instruments = {}
    for key, item in instruments.items():
        values = {k: v for k, v in item.items() if k not in ("slug", "record_id")}
        saved_instruments[key] = upsert(
            PolicyInstrument, {"slug": item["slug"]}, values, report, "policy instrument",
            source, item["record_id"],
        )  # fmt: skip
    for item in plans:
        lookup = {
            "project": item["project"],
            "partner": item["partner"],
            "policy_instrument": saved_instruments[item["instrument"]],
        }
        plan = upsert(ActionPlan, lookup, item["values"], report, "action plan", source,
                      item["record_id"])  # fmt: skip
        co_authors = [by_key.get(k) or Organisation.objects.get(slug=k) for k in item["co_authors"]]
        set_many(plan, "co_authors", co_authors, report, "co-authors")
        for action_item in item["actions"]:
            _write_action(plan, action_item, report)
        if progress:
            progress(1)
    for lookup, values, record_id in indicators:
        upsert(IndicatorValue, lookup, values, report, "indicator", source, record_id)


def _write_action(plan: ActionPlan, item: dict, report: ImportReport) -> None:
    action = upsert(Action, {"plan": plan, "number": item["number"]}, item["values"], report,
                    "action")  # fmt: skip
    set_many(action, "inspired_by_documents", item["documents"], report, "inspired by")
    for position, text in enumerate(item["measures"], 1):
        upsert(ActionMeasure, {"action": action, "position": position}, {"text": text}, report,
               "measure")  # fmt: skip
    action.measures.filter(position__gt=len(item["measures"])).delete()
    for position, values in enumerate(item["targets"], 1):
        upsert(ActionTarget, {"action": action, "position": position}, values, report, "target")
    action.targets.filter(position__gt=len(item["targets"])).delete()


class _Reader(RowReader):
    """Turns the file's rows into model values, raising ImportFailed on the first bad one."""

    def __init__(self, path, source: str):
        super().__init__(
            path,
            source,
            projects=projects_by_acronym(source),
            region_of=region_by_code,
        )
        self.organisation_keys: set[str] = set()

    def record_id(self, item: dict, row: int, key: str) -> str:
        return f"seed {self.text(item, 'seed', row)}: {key}"

    def organisation(self, row: int, item: dict) -> dict:
        key = self.text(item, "key", row, required=True)
        return {
            "key": key,
            "name": self.text(item, "name", row, required=True),
            "country_code": self.text(item, "country", row).upper(),
            "record_id": self.record_id(item, row, key),
        }

    def instrument(self, row: int, item: dict) -> tuple[str, dict]:
        key = self.text(item, "key", row, required=True)
        name = self.text(item, "name", row, required=True)
        region = self.region(item, row)
        return key, {
            "slug": slugify(name)[:200],
            "name": name,
            "type": self.text(item, "type", row),
            "managing_authority": self.text(item, "managing_authority", row),
            "territory": self.text(item, "territory", row),
            "country_code": self.text(item, "country", row).upper()
            or (region.country_code if region else ""),
            "region": region,
            "description": self.text(item, "description", row),
            "note": self.text(item, "note", row),
            "record_id": self.record_id(item, row, f"policy instrument {key}"),
        }

    def organisation_ref(self, slug: str, row: int, field: str):
        if slug in self.organisation_keys:
            return slug
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            self.fail(f"no organisation {slug!r}", row, field)
        return organisation

    def plan(self, row: int, item: dict, instruments: dict) -> dict:
        key = self.text(item, "key", row, required=True)
        project = self.project(item, row, required=True)
        slug = self.text(item, "partner", row, required=True)
        partner = Organisation.objects.filter(slug=slug).first()
        if partner is None:
            self.fail(f"no organisation {slug!r}", row, "partner")
        if not project.partnerships.filter(organisation=partner).exists():
            self.fail(f"{partner} is not a partner of {project.acronym}", row, "partner")
        instrument = self.text(item, "instrument", row, required=True)
        if instrument not in instruments:
            self.fail(f"no policy instrument {instrument!r} in this file", row, "instrument")
        status = self.text(item, "status", row) or PlanStatus.DRAFT
        if status not in PlanStatus.values:
            self.fail(f"unknown status {status!r}; one of {', '.join(PlanStatus.values)}", row,
                      "status")  # fmt: skip
        co_authors = item.get("co_authors", [])
        for slug in co_authors:
            self.organisation_ref(slug, row, "co_authors")
        region = self.region(item, row)
        actions = item.get("actions", [])
        if not isinstance(actions, list) or not actions:
            self.fail("a plan needs its actions", row, "actions")
        numbers = [a.get("number") for a in actions]
        if len(set(numbers)) != len(numbers):
            self.fail(f"action numbers repeat: {numbers}", row, "actions")
        return {
            "project": project,
            "partner": partner,
            "instrument": instrument,
            "co_authors": co_authors,
            "values": {
                "title": self.text(item, "title", row),
                "status": status,
                "language": self.text(item, "language", row),
                "summary_en": self.text(item, "summary_en", row),
                "country_code": self.text(item, "country", row).upper()
                or (region.country_code if region else partner.country_code),
                "region": region,
                "approved_on": self.date(item, "approved_on", row),
                "note": self.text(item, "note", row),
            },
            "actions": [self.action(row, a, project) for a in actions],
            "record_id": self.record_id(item, row, f"action plan {key}"),
        }

    def action(self, row: int, item: dict, project: Project) -> dict:
        number = item.get("number")
        part = f"ACTION {number}: "
        if not isinstance(number, int) or number < 1:
            self.fail(f"an action number is a whole number from 1, not {number!r}", row, "number")
        start, end = self.date(item, "timeframe_start", row), self.date(item, "timeframe_end", row)
        if start and end and end < start:
            self.fail("the timeframe ends before it starts", row, "timeframe_end", part)
        documents = []
        for title in item.get("documents", []):
            document = Document.objects.filter(title=title, project=project).first()
            if document is None:
                self.fail(f"no document {title!r} of {project.acronym}; import the learning "
                          "content first", row, "documents", part)  # fmt: skip
            documents.append(document)
        targets = []
        for target in item.get("targets", []):
            quantity = self.decimal(target, "quantity", row)
            if quantity is None:
                self.fail("a target needs its quantity", row, "targets", part)
            targets.append({
                "quantity": quantity,
                "unit": self.text(target, "unit", row, required=True),
                "due_date": self.date(target, "due_date", row),
            })  # fmt: skip
        measures = item.get("measures", [])
        if not all(isinstance(m, str) and m.strip() for m in measures):
            self.fail("measures are non-empty texts", row, "measures", part)
        return {
            "number": number,
            "values": {
                "title": self.text(item, "title", row, required=True),
                "description": self.text(item, "description", row),
                "background": self.text(item, "background", row),
                "players": self.text(item, "players", row),
                "timeframe_start": start,
                "timeframe_end": end,
                "timeframe_note": self.text(item, "timeframe_note", row),
                "costs": self.decimal(item, "costs", row),
                "costs_note": self.text(item, "costs_note", row),
                "funding_sources": self.text(item, "funding_sources", row),
                "expected_result": self.text(item, "expected_result", row),
                "pilot": bool(item.get("pilot", False)),
            },
            "documents": documents,
            "measures": [m.strip() for m in measures],
            "targets": targets,
        }

    def indicator(self, row: int, item: dict):
        project = self.project(item, row, required=True)
        indicator = self.text(item, "indicator", row, required=True)
        if indicator not in Indicator.values:
            self.fail(f"unknown indicator {indicator!r}; one of {', '.join(Indicator.values)}",
                      row, "indicator")  # fmt: skip
        partner = None
        if slug := self.text(item, "partner", row):
            partner = Organisation.objects.filter(slug=slug).first()
            if partner is None:
                self.fail(f"no organisation {slug!r}", row, "partner")
        values = {
            "target": self.decimal(item, "target", row),
            "achieved": self.decimal(item, "achieved", row),
            "note": self.text(item, "note", row),
        }
        lookup = {"project": project, "indicator": indicator, "partner": partner}
        return lookup, values, self.record_id(item, row, f"{project.acronym} {indicator}")
