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


MONTHS = {
    name: n
    for n, names in enumerate(
        [("january", "januar", "janvier", "enero", "gennaio", "stycznia"),
         ("february", "februar", "février", "febrero", "febbraio", "lutego"),
         ("march", "märz", "mars", "marzo", "marca"),
         ("april", "avril", "abril", "aprile", "kwietnia"),
         ("may", "mai", "mayo", "maggio", "maja"),
         ("june", "juni", "juin", "junio", "giugno", "czerwca"),
         ("july", "juli", "juillet", "julio", "luglio", "lipca"),
         ("august", "août", "agosto", "sierpnia"),
         ("september", "septembre", "septiembre", "settembre", "września"),
         ("october", "oktober", "octobre", "octubre", "ottobre", "października"),
         ("november", "novembre", "noviembre", "listopada"),
         ("december", "dezember", "décembre", "diciembre", "dicembre", "grudnia")],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_SPAN = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th|\.)?(?:\s*(?:-|–|and|und|et|y|e|i)\s*"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th|\.)?)?\s+(?:of\s+)?(?P<month>{MONTH_NAME})\s+(?P<y>\d{{4}})"
    rf"|(?P<n1>\d{{1,2}})\s*[-–]\s*(?P<n2>\d{{1,2}})\.(?P<nm>\d{{1,2}})\.(?P<ny>\d{{4}})"
    rf"|(?P<single>\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})",
    re.I,
)


def day_span(text: str) -> tuple[re.Match, datetime.date, datetime.date] | None:
    """The first dated day or days of a sentence: "13-14.11.2018", "on the 14th and 15th of
    May 2018", "27 May 2020", "01/08/2019" (day first)."""
    for m in DAY_SPAN.finditer(text):
        try:
            if m.group("month"):
                month, year = MONTHS[m.group("month").lower()], int(m.group("y"))
                first = datetime.date(year, month, int(m.group("d1")))
                last = datetime.date(year, month, int(m.group("d2") or m.group("d1")))
            elif m.group("n1"):
                month, year = int(m.group("nm")), int(m.group("ny"))
                first = datetime.date(year, month, int(m.group("n1")))
                last = datetime.date(year, month, int(m.group("n2")))
            else:
                first = last = values.date(m.group("single"))
        except ValueError:
            continue
        return m, first, last
    return None
