"""`corridor bench extract`: precision, recall and F1 per field of the extraction on the seed
pages (against the curated answer key, seed-projects.json), on the development set of real
pages (tests/extraction_dev) and on its held-out part, and the pages read per second."""

import datetime
import json
import re
import time
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
    items["themes"] = {_theme(t) for t in project.get("themes") or []}
    return items


def _theme(text: str) -> str:
    """Themes compare as words: "Health & Well-being" is "Health and well-being"."""
    words = re.sub(r"[^\w\s]", "", str(text).casefold().replace("&", " and "))
    return " ".join(words.split())


def _phase(phase: dict) -> tuple:
    return (_norm(phase.get("start_date")), _norm(phase.get("end_date")),
            _norm(phase.get("duration_months")))  # fmt: skip


def extracted_items(record: dict) -> dict:
    items = {name: _norm(record.get(name)) for name in SCALARS}
    partners = record.get("partners") or []
    items["partners"] = {_norm(p["organisation"]) for p in partners}
    items["partner_roles"] = {(_norm(p["organisation"]), p["role"]) for p in partners}
    items["phases"] = {_phase(p) for p in record.get("phases") or []}
    items["themes"] = {_theme(t) for t in record.get("themes") or []}
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


# The development set (tests/extraction_dev): real pages nobody tuned the seeds' rules to,
# each with the facts a person reads off it (gold.json). "heldout" pages were kept out of
# sight while the rules were written; they are reported apart.
DEV_DIR = Path(settings.PACKAGE_DIR).parent.parent / "tests" / "extraction_dev"
DEV_FIELDS = ("acronym", "title", "programme", "lead_partner", "total_budget", "eu_cofinancing",
              "cofinancing_rate", "start_date", "end_date", "duration_months")  # fmt: skip


def _gold_values(project: dict, name: str) -> set:
    """What a gold field accepts: one value, or any of a list of spellings."""
    value = project.get(name)
    values = value if isinstance(value, list) else [value]
    return {v for v in (_norm(x) for x in values) if v is not None}


def _pair(gold: list[dict], records: list[dict]) -> tuple[list, list]:
    """Gold projects paired with extracted records: by acronym, then by title, then the one
    left with the one left. Returns the pairs (record or None) and the records nobody took."""
    left = list(records)
    pairs = []
    for project in gold:
        match = None
        for key in ("acronym", "title"):
            want = _gold_values(project, key)
            match = next((r for r in left if want and _norm(r.get(key)) in want), None)
            if match is not None:
                break
        pairs.append([project, match])
        if match is not None:
            left.remove(match)
    unpaired = [p for p in pairs if p[1] is None]
    if len(unpaired) == 1 and len(left) == 1:
        unpaired[0][1] = left.pop()
    return pairs, left


def score_dev(split: str = "dev", base: Path = DEV_DIR) -> tuple[dict[str, Counter], int, float]:
    """Per field counts on one split of the development set, the pages read and the seconds
    the extraction took."""
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    table: dict[str, Counter] = {name: Counter() for name in (*DEV_FIELDS, "partners")}
    pages = [p for p in gold["pages"] if p["split"] == split]
    seconds = 0.0
    for page in pages:
        started = time.perf_counter()
        records = [assemble(p) for p in extract_file(base / "pages" / page["file"]).projects]
        seconds += time.perf_counter() - started
        records = [r for r in records if any(r.get(n) for n in (*DEV_FIELDS, "partners"))]
        pairs, strays = _pair(page["projects"], records)
        for project, record in pairs:
            _tally(table, project, record or {})
        for record in strays:  # a project the page does not have: every value is wrong
            _tally(table, {}, record)
    return table, len(pages), seconds


def _tally(table, project: dict, record: dict) -> None:
    for name in DEV_FIELDS:
        want, got = _gold_values(project, name), _norm(record.get(name))
        table[name]["expected"] += bool(want)
        table[name]["extracted"] += got is not None
        table[name]["correct"] += got is not None and got in want
    # Partners are scored where the annotator listed them (a page may name organisations
    # the annotator did not list as partners of the project).
    if "partners" in project:
        want_set = {_norm(p["organisation"]) for p in project["partners"]}
        got_set = {_norm(p["organisation"]) for p in record.get("partners") or []}
        table["partners"]["expected"] += len(want_set)
        table["partners"]["extracted"] += len(got_set)
        table["partners"]["correct"] += len(want_set & got_set)
    elif not project:
        table["partners"]["extracted"] += len(record.get("partners") or [])


def figures(table: dict[str, Counter]) -> dict:
    rows = {name: _figures(c) for name, c in table.items()}
    rows["all fields"] = _figures(sum(table.values(), start=Counter()))
    return rows


def _figures(c: Counter) -> dict:
    precision = c["correct"] / c["extracted"] if c["extracted"] else None
    recall = c["correct"] / c["expected"] if c["expected"] else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision and recall else (0.0 if c["expected"] else None))  # fmt: skip
    return {"expected": c["expected"], "extracted": c["extracted"], "correct": c["correct"],
            "precision": precision, "recall": recall, "f1": f1}  # fmt: skip


def run(output_format: str = "table") -> int:
    from corridor.extraction.reading import language

    language("A first call loads the language model, which no page should pay for.")
    started = time.perf_counter()
    seeds = figures(score())
    seed_seconds = time.perf_counter() - started
    result = {"seeds": {"pages": len(list(SEEDS.glob("*.txt"))), "seconds": seed_seconds,
                        "fields": seeds}}  # fmt: skip
    for split in ("dev", "heldout"):
        table, pages, seconds = score_dev(split)
        result[split] = {"pages": pages, "seconds": seconds, "fields": figures(table)}
    for part in result.values():
        part["pages_per_second"] = part["pages"] / part["seconds"] if part["seconds"] else None
    if output_format == "json":
        print(json.dumps(result, indent=2))
        return 0
    titles = {"seeds": "seed pages (answer key: seed-projects.json)",
              "dev": "development set (tests/extraction_dev, split dev)",
              "heldout": "held-out pages (tests/extraction_dev, split heldout)"}  # fmt: skip
    for key, part in result.items():
        print(f"{titles[key]}: {part['pages']} pages, {part['pages_per_second']:.1f} pages/s")
        print(f"{'field':<22}{'expected':>9}{'extracted':>10}{'correct':>8}{'precision':>10}"
              f"{'recall':>8}{'F1':>6}")  # fmt: skip
        for name, row in part["fields"].items():
            print(_row(name, row))
        print()
    return 0


def _row(name: str, row: dict) -> str:
    def show(x, width):
        return f"{x:>{width}.2f}" if x is not None else f"{'-':>{width}}"

    counts = f"{name:<22}{row['expected']:>9}{row['extracted']:>10}{row['correct']:>8}"
    return counts + show(row["precision"], 10) + show(row["recall"], 8) + show(row["f1"], 6)
