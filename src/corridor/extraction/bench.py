"""`corridor bench extract`: precision and recall per field of the extraction on the seed
pages, against the curated answer key (seed-projects.json)."""

import datetime
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from corridor.extraction.services import assemble, extract_file

SEEDS = settings.DATA_DIR / "seeds"
ANSWERS = settings.DATA_DIR / "seed-projects.json"
SCALARS = ("acronym", "title", "programme", "lead_partner", "total_budget", "eu_cofinancing",
           "cofinancing_rate", "cofinancing_source", "funding", "start_date", "end_date",
           "duration_months", "project_manager", "stated_region_count")  # fmt: skip
SETS = ("partners", "partner_roles", "phases", "themes")


def _norm(value):
    if value is None or value == "":
        return None
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return Decimal(text).normalize()
    return " ".join(text.casefold().split())


def expected_items(project: dict) -> dict:
    items = {name: _norm(project.get(name)) for name in SCALARS}
    items["programme"] = _norm(project["programme"][0]) if project.get("programme") else None
    partners = project.get("partners") or []
    lead = [p["organisation"] for p in partners if p["role"] == "lead"]
    items["lead_partner"] = _norm(lead[0]) if lead else None
    items["partners"] = {_norm(p["organisation"]) for p in partners}
    items["partner_roles"] = {(_norm(p["organisation"]), p["role"]) for p in partners}
    items["phases"] = {_phase(p) for p in project.get("phases") or []}
    items["themes"] = {_norm(t) for t in project.get("themes") or []}
    return items


def _phase(phase: dict) -> tuple:
    return (_norm(phase.get("start_date")), _norm(phase.get("end_date")),
            _norm(phase.get("duration_months")))  # fmt: skip


def extracted_items(record: dict) -> dict:
    items = {name: _norm(record.get(name)) for name in SCALARS}
    partners = record.get("partners") or []
    items["partners"] = {_norm(p["organisation"]) for p in partners}
    items["partner_roles"] = {(_norm(p["organisation"]), p["role"]) for p in partners}
    items["phases"] = {_phase(p) for p in record.get("phases") or []}
    items["themes"] = {_norm(t) for t in record.get("themes") or []}
    return items


def records_by_project(seeds: Path, answers: list[dict]) -> dict[str, dict]:
    """The extracted record of each answer-key project (by acronym; a page that names no
    acronym is taken for the one project the key says it describes)."""
    found: dict[str, dict] = {}
    for path in sorted(seeds.glob("*.txt")):
        seed_id = path.name[:3]
        described = [a["acronym"] for a in answers if seed_id in a.get("seed", "")]
        for project in extract_file(path).projects:
            record = assemble(project)
            acronym = record.get("acronym")
            key = next((a for a in described if acronym and a.casefold() == acronym.casefold()),
                       None)  # fmt: skip
            if key is None and acronym is None and len(described) == 1:
                key = described[0]
            if key is None:
                key = f"(unmatched) {acronym} in {path.name}"
            merged = found.setdefault(key, {})
            for name, value in record.items():
                merged.setdefault(name, value)
    return found


def score(seeds: Path = SEEDS, answers_path: Path = ANSWERS) -> dict[str, Counter]:
    answers = json.loads(Path(answers_path).read_text(encoding="utf-8"))["projects"]
    records = records_by_project(seeds, answers)
    table: dict[str, Counter] = {name: Counter() for name in (*SCALARS, *SETS)}
    for answer in answers:
        want = expected_items(answer)
        got = extracted_items(records.get(answer["acronym"], {}))
        for name in SCALARS:
            if got[name] is not None:
                table[name]["extracted"] += 1
            if want[name] is not None:
                table[name]["expected"] += 1
            if got[name] is not None and got[name] == want[name]:
                table[name]["correct"] += 1
        for name in SETS:
            table[name]["extracted"] += len(got[name])
            table[name]["expected"] += len(want[name])
            table[name]["correct"] += len(got[name] & want[name])
    for key, record in records.items():
        if key.startswith("(unmatched)"):  # a project the key does not know: all wrong
            for name, value in extracted_items(record).items():
                if value:
                    table[name]["extracted"] += len(value) if name in SETS else 1
    return table


def run(seeds: Path = SEEDS) -> int:
    table = score(seeds)
    print(f"{'field':<22}{'expected':>9}{'extracted':>10}{'correct':>8}{'precision':>10}"
          f"{'recall':>8}")  # fmt: skip
    totals = Counter()
    for name, c in table.items():
        totals.update(c)
        print(_row(name, c))
    print(_row("all fields", totals))
    return 0


def _row(name: str, c: Counter) -> str:
    precision = f"{c['correct'] / c['extracted']:.2f}" if c["extracted"] else "-"
    recall = f"{c['correct'] / c['expected']:.2f}" if c["expected"] else "-"
    return (f"{name:<22}{c['expected']:>9}{c['extracted']:>10}{c['correct']:>8}"
            f"{precision:>10}{recall:>8}")  # fmt: skip
