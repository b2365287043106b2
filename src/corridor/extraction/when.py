"""Periods as pages write them: "1.4.2016 - 31.3.2020", "01/08/2019" (always day first),
"36 months from 01/08/2019 (Phase 1 - 24 months, Phase 2 - 12 months)", "2016-2018".
A duration is read by rule: a general date parser reads "36 months from ..." relative to
today, which is wrong."""

import datetime
import re

from corridor.extraction.conventions import MONTH_NAME, MONTHS, NUMBER_WORD, NUMBER_WORDS
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
    if found := date_range(text):
        return {"form": "date-range", "start_date": found[2], "end_date": found[3]}
    if m := YEARS.search(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a <= b:
            return {"form": "year-range", "start_date": datetime.date(a, 1, 1),
                    "end_date": datetime.date(b, 12, 31)}  # fmt: skip
    if m := SINGLE.search(text):
        return {"form": "single-date", "start_date": _date(m.group(0))}
    if found := dates(text):
        return {"form": "single-date", "start_date": found[0][2]}
    if found_duration := duration(text):
        return {"form": "duration", "duration_months": found_duration[2]}
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


# Dates in running text, in every convention the conventions module knows: "16. 5. 2017",
# "01.07.2019", "1er octobre 2023", "1 de gener 2018", "January 1st, 2020", "31. Dezember
# 2022", "1 marca 2019". Day first always (European pages).

_ORD = r"(?:st|nd|rd|th|er|re|º|°|\.)?"
ANY_DATE = re.compile(
    rf"(?P<d1>\d{{1,2}})\.\s?(?P<m1>\d{{1,2}})\.\s?(?P<y1>(?:19|20)\d{{2}})\b"
    rf"|(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>(?:19|20)\d{{2}})\b"
    rf"|(?P<y3>(?:19|20)\d{{2}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b"
    rf"|\b(?P<d4>\d{{1,2}}){_ORD}\s*(?:de\s+|of\s+|d['’]\s*)?(?P<m4>{MONTH_NAME})\.?,?\s+"
    rf"(?:de\s+|del\s+|of\s+)?(?P<y4>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<m5>{MONTH_NAME})\.?\s+(?P<d5>\d{{1,2}}){_ORD},?\s+(?P<y5>(?:19|20)\d{{2}})\b",
    re.I,
)
RANGE_WORDS = r"\s*(?:[-–—]|to|until|till|bis(?:\s+zum)?|au|al|a|ao|à|do|tot|t/m|–|till)\s*"


def date_at(match: re.Match) -> datetime.date | None:
    """The date an ANY_DATE match names (None for an impossible day)."""
    g = match.groupdict()
    try:
        for n in "12345":
            if g.get(f"y{n}"):
                month = g[f"m{n}"]
                month = MONTHS[month.lower()] if not month.isdigit() else int(month)
                return datetime.date(int(g[f"y{n}"]), month, int(g[f"d{n}"]))
    except (ValueError, KeyError):
        return None
    return None


def dates(text: str) -> list[tuple[int, int, datetime.date]]:
    found = []
    for m in ANY_DATE.finditer(text):
        if (value := date_at(m)) is not None:
            found.append((m.start(), m.end(), value))
    return found


def date_range(text: str) -> tuple[int, int, datetime.date, datetime.date] | None:
    """The first "X – Y" / "du X au Y" / "from X to Y" of a text, both ends dated."""
    all_dates = dates(text)
    for (s1, e1, a), (s2, e2, b) in zip(all_dates, all_dates[1:], strict=False):
        between = text[e1:s2]
        if re.fullmatch(RANGE_WORDS, between, re.I) and a <= b:
            return s1, e2, a, b
    return None


_UNIT_MONTHS = (r"months?|mesi|mese|mois|meses|mes|mesos|monate?n?|monat|miesi(?:ę|e)cy|"
                r"miesi(?:ą|a)ce|miesi(?:ą|a)c|m(?:ě|e)s(?:í|i)c(?:ů|e)|maanden|maand|"
                r"m(?:å|a)nader|m(?:å|a)neder")  # fmt: skip
_UNIT_YEARS = (r"years?|anni|anno|ans|ann(?:é|e)es|a(?:ñ|n)os|anys|anos|jahre?n?|jahr|lat|lata|"
               r"rok|roky|let|jaar|(?:å|a)r")  # fmt: skip
_HALF = (r"(?:\s+(?:and\s+a\s+half|et\s+demi|e\s+mezzo|y\s+medio|und\s+ein\s+halb|"
         r"i\s+p(?:ó|o)(?:ł|l)|a\s+p(?:ů|u)l|e\s+meio|en\s+een\s+half))?")  # fmt: skip
DURATION = re.compile(
    rf"(?P<n>\d{{1,3}}(?:[.,]5)?|{NUMBER_WORD})\s*-?\s*(?P<unit>{_UNIT_MONTHS}|{_UNIT_YEARS})\b"
    rf"(?P<half>{_HALF})",
    re.I,
)


def duration(text: str) -> tuple[int, int, int] | None:
    """(start, end, months) of the first "48 mesi", "drei Jahre", "two years and a half"."""
    for m in DURATION.finditer(text):
        n = m.group("n").lower()
        count = float(n.replace(",", ".")) if n[0].isdigit() else NUMBER_WORDS.get(n)
        if count is None:
            continue
        months = count if re.match(_UNIT_MONTHS, m.group("unit"), re.I) else count * 12
        if m.group("half"):
            months += 6
        if 1 <= months <= 180:
            return m.start(), m.end(), int(months)
    return None
