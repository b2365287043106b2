"""Periods as pages write them: "1.4.2016 - 31.3.2020", "01/08/2019" (always day first),
"36 months from 01/08/2019 (Phase 1 - 24 months, Phase 2 - 12 months)", "2016-2018".
A duration is read by rule: a general date parser reads "36 months from ..." relative to
today, which is wrong."""

import datetime
import re

from corridor.ingest import values

DATE = r"\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}"
RANGE = re.compile(rf"(?P<a>{DATE})\s*[-–—]\s*(?P<b>{DATE})")
MONTHS_FROM = re.compile(
    rf"(?P<n>\d{{1,3}})\s*(?:months?|monate?n?|mois|meses|mesi|miesięcy|miesiące)\s+"
    rf"(?:from|ab|à partir du|desde|dal|od)\s+(?P<a>{DATE})",
    re.I,
)
PHASE = re.compile(r"(?P<name>Phase\s*\d+|Fase\s*\d+|Etap\s*\d+)\s*[-–:]\s*(?P<n>\d{1,3})\s*month",
                   re.I)  # fmt: skip
YEARS = re.compile(r"\b(?P<a>(?:19|20)\d{2})\s*[-–]\s*(?P<b>(?:19|20)\d{2})\b")
SINGLE = re.compile(DATE)


def _date(text: str) -> datetime.date | None:
    try:
        return values.date(text)
    except ValueError:
        return None


def period(text: str) -> dict:
    """What a period value states: start, end, duration, phases, and which form it had."""
    if m := MONTHS_FROM.search(text):
        start = _date(m.group("a"))
        result = {"form": "months-from", "start_date": start, "duration_months": int(m.group("n"))}
        phases, phase_start = [], start
        for p in PHASE.finditer(text):
            phase = {
                "name": " ".join(p.group("name").split()),
                "duration_months": int(p.group("n")),
            }
            if phase_start is not None and not phases:
                phase["start_date"] = phase_start
            phases.append(phase)
        result["phases"] = phases
        return result
    if m := RANGE.search(text):
        return {"form": "date-range", "start_date": _date(m.group("a")),
                "end_date": _date(m.group("b"))}  # fmt: skip
    if m := YEARS.search(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a <= b:
            return {"form": "year-range", "start_date": datetime.date(a, 1, 1),
                    "end_date": datetime.date(b, 12, 31)}  # fmt: skip
    if m := SINGLE.search(text):
        return {"form": "single-date", "start_date": _date(m.group(0))}
    return {"form": "none"}


def year_phases(text: str) -> list[tuple[int, int, dict]]:
    """Stages a text dates by years: "... learning process is conducted during 2016-2018",
    "In 2018-2020 iEER will move from learning to implementation"."""
    found = []
    for m in YEARS.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not a <= b <= a + 10:
            continue
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sentence_end = text.find(".", m.end())
        sentence = text[sentence_start : sentence_end if sentence_end > 0 else len(text)].strip()
        if not re.search(r"learn|implement|monitor|phase|stage", sentence, re.I):
            continue
        found.append((m.start(), m.end(), {
            "name": sentence, "start_date": datetime.date(a, 1, 1),
            "end_date": datetime.date(b, 12, 31), "date_precision": "year",
        }))  # fmt: skip
    return found
