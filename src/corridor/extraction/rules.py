"""Rules that find project facts in the text of a page. Each fact keeps the span of text it
came from, the rule that found it and a confidence between 0 and 1.

The rules read what pages like the seeds state: "Label : value" lines in several languages
("Total project value : EUR 1,376,708", "Laufzeit: 1.4.2016 - 31.3.2020"), lists of partners
after a "Project partners" label, "Lead Partner: X" lines that open a project on a listing
page, "ACTION N: title - description" in action plans, and a news line (link, date, image).
Amounts and dates follow every EU convention (see corridor.ingest.values and
corridor.extraction.when).
"""

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from corridor.extraction import conventions, prose, when
from corridor.ingest import values
from corridor.lib.countries import country_code


@dataclass
class Fact:
    field: str
    value: object
    start: int
    end: int
    rule: str
    confidence: float

    def as_json(self, text: str) -> dict:
        data = asdict(self)
        data["value"] = jsonable(self.value)
        data["span"] = text[self.start : self.end]
        return data


@dataclass
class ProjectFacts:
    facts: list[Fact] = field(default_factory=list)

    def add(self, *args) -> None:
        self.facts.append(Fact(*args))

    def first(self, name: str):
        return next((f.value for f in self.facts if f.field == name), None)

    def all(self, name: str) -> list:
        return [f.value for f in self.facts if f.field == name]


def jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# Labels, programme names and number conventions live in corridor.extraction.conventions.
LABEL_OF = conventions.LABEL_OF
LINE = re.compile(r"^[^\S\n]*(?P<label>[^\n:]{2,60}?)[^\S\n]*:[^\S\n]*(?P<value>[^\n]*)$", re.M)
MONEY = re.compile(
    r"(?:(?:EUR|€)\s*)?(?P<number>\d[\d\s.,\u00a0\u202f]*\d|\d)\s*"
    r"(?P<scale>million|mio\.?|mln|millions|millones|milioni|milionów)?\s*(?:EUR|€|euros?)?",
    re.I,
)
PERCENT = re.compile(r"\(?\s*(\d{1,3}(?:[.,]\d+)?)\s*%\s*\)?")
ACTION = re.compile(
    r"^ACTION\s+(?P<n>\d+)\s*:\s*(?P<title>.+?)\s+[-–]\s+(?P<description>.+)$", re.M
)
NEWS = re.compile(
    r"(?P<title>[^\n]*?)(?P<url>https?://[^\s<>\"]+?\.(?:aspx|html?|php)|https?://[^\s<>\"]+?)"
    r"(?P<date>\d{4}-\d{2}-\d{2}T[\d:.]+Z)(?:<img[^>]*src=\"(?P<image>[^\"]+)\")?"
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
REGIONS = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:partner\s+|european\s+border\s+"
    r"|regional\s+and\s+national\s+)?(?:regions|authorities)\b",
    re.I,
)
CALLED_A_PROJECT = re.compile(
    r"(?:project|projekt|projet|proyecto|progetto)\s+([A-Z][A-Z0-9]{2,})\b"
    r"|\b([A-Z][A-Z0-9]{2,})\s+(?:project|projekt|projet|proyecto|progetto)\b",
    re.I,
)
PROGRAMMES = re.compile(
    r"\bInterreg\s+(?:Europe|Central\s+Europe|Danube|Alpine\s+Space|Baltic\s+Sea\s+Region|"
    r"North\s+Sea|MED|Atlantic\s+Area|ADRION|Aurora)\b",
    re.I,
)


EVENT = re.compile(
    r"(?P<type>kick-?off(?: meeting)?|interregional meeting|project meeting|partner meeting|"
    r"learning camp|peer review|study visit|thematic visit|stakeholder meeting|webinar|"
    r"workshop|conference|seminar|open event|meeting|Konferenz|Workshop|Treffen|"
    r"réunion|conférence|reunión|conferencia|riunione|conferenza|spotkanie|konferencja)",
    re.I,
)
PLACE = re.compile(
    r"\b(?:in|at|took place in|place in|w|à|en)\s+(?:the\s+)?"
    r"(?P<place>[A-ZÀ-Ž][\w\u00c0-\u017f.-]*(?:\s+(?:[A-ZÀ-Ž][\w\u00c0-\u017f.-]*|TECH))*"
    r"(?:\s*\((?:[A-Z]{2})\))?(?:,\s*[A-ZÀ-Ž][\w\u00c0-\u017f-]*)?)"
)
# A sentence ends at . ! ? before a capital, not after a digit ("am 3. März 2021").
SENTENCE = re.compile(r"[^\n]+?(?:(?<!\d)[.!?](?=\s+[A-Z0-9\"“]|\s*$)|(?=\n)|$)")
NUMBERED_PLACES = re.compile(
    r"(?P<n>\d+|two|three|four|five|six)\s+(?P<type>interregional meetings|thematic visits|"
    r"study visits|learning camps|peer reviews|webinars|meetings)\s*\((?P<places>[^)]+)\)",
    re.I,
)


def _events(text, start, end, project) -> None:
    """Dated events ("5th project meeting ... on 13-14.11.2018 in Košice, Slovakia") and
    announced series with their places and numbers ("4 interregional meetings (1-Pécs,
    2-online, ...)")."""
    for sentence in SENTENCE.finditer(text[start:end]):
        body = sentence.group(0)
        kind = EVENT.search(body)
        dated = when.day_span(body)
        if not kind or not dated:
            continue
        m, first, last = dated
        place = PLACE.search(body, m.end()) or PLACE.search(body)
        following = text[start + sentence.end() : end].lstrip()
        if place is None and (later := re.match(r"[^.\n]*took place[^.\n]*\.", following)):
            place = PLACE.search(later.group(0))  # "... a meeting. The meeting took place in X."
        s = start + sentence.start()
        value = {"type": kind.group("type").lower(), "start_date": first, "end_date": last,
                 "place": place.group("place").strip().rstrip(".") if place else ""}  # fmt: skip
        project.add("event", value, s, s + len(body.rstrip()), "event-sentence", 0.6)
    for m in NUMBERED_PLACES.finditer(text, start, end):
        kind = m.group("type").lower().rstrip("s")
        for position, item in enumerate(m.group("places").split(","), start=1):
            numbered = re.match(r"\s*(\d+)\s*-\s*", item)
            place = item[numbered.end() :].strip() if numbered else item.strip()
            if place:
                number = int(numbered.group(1)) if numbered else position
                project.add("event", {"type": kind, "start_date": None, "end_date": None,
                                      "place": place, "number": number}, m.start(), m.end(),
                            "numbered-series-places", 0.5)  # fmt: skip


def money(text: str) -> Decimal | None:
    """The first amount of a value: "2 294 882 €", "EUR 1,376,708", "€1.66 million"."""
    found = prose.amounts(text)
    if found:
        return found[0][2]
    match = MONEY.search(text)  # a bare number after a money label: "1,151,955.30 (83.67%)"
    if match is None:
        return None
    try:
        amount = values.amount(match.group("number"))
    except ValueError:
        return None
    if match.group("scale"):
        amount = (amount * 1_000_000).quantize(Decimal("0.01"))
    return amount


def extract(text: str) -> list[ProjectFacts]:
    """The projects a page states, each with its facts. A listing page gives one project per
    section: sections open at each "Lead Partner:" line (an Interreg Europe search page), at
    each "ACRONYM | title" or "ACRONYM: ..." bullet, or at the line where each of several
    named projects is first written; facts the page states before the first section (its
    programme) hold for every project. Events its news items report, which no section
    holds, come as one more entry without an acronym."""
    starts = [m.start() for m in re.finditer(r"^Lead Partner\s*:", text, re.M | re.I)]
    if len(starts) > 1:
        ends = starts[1:] + [len(text)]
        projects = [_section(text, s, e, listing=True) for s, e in zip(starts, ends, strict=True)]
        covered = max(f.end for p in projects for f in p.facts) if projects[-1].facts else 0
        rest = ProjectFacts()
        _events(text, max(covered, starts[-1]), len(text), rest)
        return projects + ([rest] if rest.facts else [])
    sections = _sections(text)
    if len(sections) > 1:
        page = ProjectFacts()
        _programme_facts(text, 0, len(text), page)
        projects = []
        for s, e, name in sections:
            project = _section(text, s, e, listing=True)
            if name and project.first("acronym") is None and project.first("title") is None:
                kind = "acronym" if prose.acronym_like(name) else "title"
                a = text.find(name, s)
                project.add(kind, name, a, a + len(name), "listed-project-name", 0.7)
            if project.first("programme") is None:
                for f in page.facts:
                    project.add(f.field, f.value, f.start, f.end, f.rule + "+page", f.confidence)
            projects.append(project)
        return projects
    project = _section(text, 0, len(text), listing=False)
    _events(text, 0, len(text), project)
    return [project]


LISTED = re.compile(
    rf"^[ \t]*[-•*▪–][ \t]*(?P<name>{prose.ACRONYM})[ \t]*(?:\||:)[ \t]*(?P<rest>\S[^\n]*)$", re.M
)
ENUMERATED = re.compile(
    rf"{conventions.PROJECTS_WORD}\s*:?\s*(?P<names>{prose.ACRONYM}(?:\s*(?:,|\bi\b|\band\b|"
    rf"\bund\b|\bet\b|\be\b|\by\b|\ben\b|\boch\b|\ba\b)\s*{prose.ACRONYM})+)",
    re.I,
)


def _sections(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each project of a page about several, or [] for one project."""
    listed = [m for m in LISTED.finditer(text) if prose.acronym_like(m.group("name"))]
    if len(listed) > 1:
        starts = [m.start() for m in listed]
        ends = starts[1:] + [len(text)]
        return [(s, e, m.group("name")) for s, e, m in zip(starts, ends, listed, strict=True)]
    if not prose.MULTI.search(text) and not re.search(conventions.PROJECTS_WORD, text, re.I):
        return []
    # "2 projekty: SKYLA i CASPER": projects named together share the page's facts.
    for m in ENUMERATED.finditer(text):
        names = [n for n in re.split(r"\s*(?:,|\bi\b|\band\b|\bund\b|\bet\b|\be\b|\by\b|\ben\b|"
                                     r"\boch\b|\ba\b)\s*", m.group("names")) if n]  # fmt: skip
        if len(names) > 1 and all(prose.acronym_like(n) for n in names):
            return [(m.start("names"), m.end("names"), n) for n in names]
    # Several projects, each named on a line of its own.
    lines: dict[int, str] = {}
    for name, position in _project_names(text):
        line = text.rfind("\n", 0, position) + 1
        if name not in lines.values() and line not in lines:
            lines[line] = name
    if len(lines) < 2:
        return []
    starts = sorted(lines)
    ends = starts[1:] + [len(text)]
    return [(s, e, lines[s]) for s, e in zip(starts, ends, strict=True)]


def _project_names(text: str):
    """(name, position) of each project the page names, by acronym or quoted name."""
    found = []
    for pattern, _ in prose.ACRONYM_PATTERNS:
        for m in pattern.finditer(text):
            if prose.acronym_like(m.group("a").rstrip(".,:;")):
                found.append((m.group("a").rstrip(".,:;"), m.start("a")))
    for pattern, _ in prose.TITLE_PATTERNS[:1]:
        for m in pattern.finditer(text):
            name = m.group("q").strip()
            split = re.fullmatch(rf"(?P<a>{prose.ACRONYM})\s*[:–|-]\s+.{{3,}}", name)
            found.append((split.group("a") if split else name, m.start("q")))
    return sorted(found, key=lambda f: f[1])


def _section(text: str, start: int, end: int, listing: bool) -> ProjectFacts:
    project = ProjectFacts()
    body = text[start:end]
    if listing:
        # A listing section ends where the page turns to people or news.
        cut = re.search(r"\n\s*\n\s*Interested in:|\n\s*Type:", body)
        if cut:
            end = start + cut.start()
            body = text[start:end]
    labelled, amounts_read = _labelled(text, start, end, project)
    _head(text, start, end, listing, project, labelled)
    _partners_list(text, start, end, project)
    _table(text, start, end, project)
    _free_text(text, start, end, project, amounts_read)
    _actions(text, start, end, project)
    _news(text, start, end, project)
    return project


def _head(text, start, end, listing, project, labelled=()) -> None:
    body = text[start:end]
    if listing:
        # "Lead Partner: X" then a paragraph opening with the acronym.
        line_end = body.find("\n")
        if line_end > 0 and re.match(r"\s*Lead Partner\s*:", body, re.I):
            m = re.match(r"\s*([A-Z][\w.+-]*(?:\s\d+(?:\.\d+)?)?)\s", body[line_end + 1 :])
            if m and re.search(r"[A-Z].*[A-Z]|\d", m.group(1)):
                s = start + line_end + 1 + m.start(1)
                project.add("acronym", m.group(1), s, s + len(m.group(1)), "listing-first-word",
                            0.7)  # fmt: skip
                return
            _called_a_project(body, start, project)
            return
        if m := LISTED.match(body):
            name, rest = m.group("name"), m.group("rest").strip()
            s = start + m.start("name")
            project.add("acronym", name, s, s + len(name), "listed-acronym", 0.8)
            if not re.match(r"(?:the|this|le|la|il|el|das|der|die)\s+\w+\s", rest, re.I):
                t = start + m.start("rest")
                project.add("title", rest, t, t + len(rest), "listed-acronym-title", 0.7)
        return
    m = re.match(r"\s*(?P<line>[^\n]+)", body)
    if not m:
        return
    line, s = m.group("line").strip(), start + m.start("line")
    words = line.split()
    fact_sheet = len(labelled) >= 2
    if len(words) == 1 and len(line) <= 30:
        # A page opens with its project's name ("InterVentures"), not with a label.
        if LABEL_OF.get(line.casefold().rstrip(":")) is None and line[0].isalpha():
            project.add("acronym", line, s, s + len(line), "first-line-single-word", 0.8)
        return
    if len(words) > 2 and _acronym_like(words[0]) and prose.acronym_like(words[0]):
        project.add("acronym", words[0], s, s + len(words[0]), "first-line-acronym", 0.8)
        title = line[len(words[0]) :].strip()
        if not re.search(r"[.!?]$", line) and len(words) <= 20:
            t = s + line.index(title)
            project.add("title", title, t, t + len(title), "first-line-title", 0.7)
        return
    quoted = re.fullmatch(r"[„“\"«]\s*(?P<t>[^„“”\"«»]{3,200}?)\s*[”“\"»]", line)
    if quoted:
        line, s = quoted.group("t"), s + quoted.start("t")
        words = line.split()
    if len(words) > 2 and _looks_like_a_title(line, fact_sheet or bool(quoted)):
        split = re.fullmatch(rf"(?P<t>.+?)\s+[–|-]\s+(?P<a>{prose.ACRONYM})", line) or re.fullmatch(
            rf"(?P<a>{prose.ACRONYM})\s+[–|-]\s+(?P<t>.+)", line
        )
        if split and prose.acronym_like(split.group("a")):
            a, t = s + split.start("a"), s + split.start("t")
            project.add("acronym", split.group("a"), a, a + len(split.group("a")),
                        "first-line-title-and-acronym", 0.8)  # fmt: skip
            project.add("title", split.group("t"), t, t + len(split.group("t")),
                        "first-line-title-and-acronym", 0.6)  # fmt: skip
            return
        project.add("title", line, s, s + len(line), "first-line-title", 0.5)
        _called_a_project(body, start, project)


SMALL_WORDS = re.compile(r"^(?:[a-zà-ž]{1,3}|for|und|with|from|dans|della|delle|degli|with)$")


def _looks_like_a_title(line: str, fact_sheet: bool) -> bool:
    """A heading that names a project: no sentence end, no figures, not about programmes
    or several projects, and (unless the page is a fact sheet) in title case."""
    if re.search(r"[.!?:]$|\d{3,}|\d[.,]\d", line) or len(line) > 200 or not line[0].isupper():
        return False
    if re.search(conventions.PROJECTS_WORD, line, re.I) or prose.PROGRAMME_WORD.search(line):
        return False
    if fact_sheet:
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", line) if not SMALL_WORDS.match(w)]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _called_a_project(body: str, start: int, project: ProjectFacts) -> None:
    """The acronym: an upper-case word the page calls a project ("Projekt BOOST")."""
    counts: dict[str, list[re.Match]] = {}
    for a in CALLED_A_PROJECT.finditer(body):
        word = a.group(1) or a.group(2)
        if word.isupper():
            counts.setdefault(word, []).append(a)
    if counts:
        word, found = max(counts.items(), key=lambda item: len(item[1]))
        g = 1 if found[0].group(1) else 2
        s, e = start + found[0].start(g), start + found[0].end(g)
        project.add("acronym", word, s, e, "called-a-project", 0.6)


def _acronym_like(word: str) -> bool:
    return len(word) <= 15 and (
        sum(c.isupper() for c in word[1:]) >= 1 or word.isupper() or any(c.isdigit() for c in word)
    )


def _label_lines(text: str, start: int, end: int):
    """(label, field, value start, value end) of each labelled value: "Label: value",
    "Label<TAB>value", and a label alone on its line with the value on the next line
    (definition lists, fact sheets rendered from HTML)."""
    lines = list(re.finditer(r"[^\n]*", text[start:end]))
    lines = [m for m in lines if m.group(0).strip() or m.start() == 0]
    for i, m in enumerate(lines):
        line = m.group(0)
        s = start + m.start()
        found = re.match(r"[^\S\n]*[-•*]?[^\S\n]*(?P<label>[^\n:\t]{2,60}?)[^\S\n]*(?::|\t)"
                         r"[^\S\n]*(?P<value>\S[^\n]*)?$", line)  # fmt: skip
        if found:
            label = _label(found.group("label"))
            if label in LABEL_OF and found.group("value"):
                vs = s + found.start("value")
                yield label, LABEL_OF[label], vs, vs + len(found.group("value").rstrip())
                continue
        label = _label(line.rstrip(":").strip())
        if (
            label in LABEL_OF
            and i + 1 < len(lines)
            and not found
            or (found and not found.group("value") and _label(found.group("label")) in LABEL_OF)
        ):
            label = _label(found.group("label")) if found else label
            if i + 1 >= len(lines):
                continue
            nxt = lines[i + 1]
            value = nxt.group(0)
            if _label(value.rstrip(":").strip()) in LABEL_OF or LINE.match(value):
                continue
            stripped = value.strip().lstrip("-•*▪ ").strip()
            if not stripped:
                continue
            vs = start + nxt.start() + value.find(stripped)
            yield label, LABEL_OF[label], vs, vs + len(stripped)


def _label(raw: str) -> str:
    return " ".join(raw.strip().lstrip("-•*▪ ").casefold().split())


def _labelled(text, start, end, project) -> tuple[list[int], set[int]]:
    """Facts of labelled values; returns the starts of the values read and of the amounts
    read (which the sentence rules do not read again)."""
    read, amounts_read = [], set()
    for label, name, vs, ve in _label_lines(text, start, end):
        read.append(vs)
        value = text[vs:ve].strip()
        rule = f"label:{label}"
        if name in ("total_budget", "eu_cofinancing", "funding"):
            amount = money(value)
            if amount is not None:
                project.add(name, amount, vs, ve, rule, 0.9)
                if found := prose.amounts(text, vs, ve):
                    amounts_read.add(found[0][0])
            rate = PERCENT.search(value)
            if rate and (name == "eu_cofinancing" or prose.EU.search(value)):
                project.add("cofinancing_rate", Decimal(rate.group(1).replace(",", ".")),
                            vs + rate.start(), vs + rate.end(), rule + "+percent", 0.9)  # fmt: skip
        elif name == "cofinancing_rate":
            if rate := PERCENT.search(value):
                project.add(name, Decimal(rate.group(1).replace(",", ".")), vs + rate.start(),
                            vs + rate.end(), rule, 0.9)  # fmt: skip
        elif name in ("period", "start_date", "end_date"):
            span = when.period(value)
            if name != "period" and span.get("start_date") is not None:
                project.add(name, span["start_date"], vs, ve, f"{rule}+{span['form']}", 0.85)
                continue
            for key in ("start_date", "end_date", "duration_months"):
                if span.get(key) is not None:
                    project.add(key, span[key], vs, ve, f"{rule}+{span['form']}", 0.85)
            for phase in span.get("phases", []):
                project.add("phase", phase, vs, ve, rule + "+phases", 0.7)
        elif name == "lead_partner":
            organisation = re.sub(r"\s*\((?:until|bis|jusqu)[^)]*\)\s*$", "", value)
            organisation, country = _split_country(organisation)
            organisation, acronym = _split_acronym(organisation)
            if not organisation:
                continue
            project.add("lead_partner", organisation, vs, vs + len(organisation), rule, 0.85)
            project.add("partner", {"organisation": organisation, "role": "lead",
                                    "acronym": acronym, "country": country}, vs, ve,
                        rule, 0.85)  # fmt: skip
        elif name == "cofinancing_source":
            project.add(name, value.rstrip("."), vs, ve, rule, 0.8)
            _programme_facts(text, vs, ve, project, rule + "+programme", 0.8)
        elif name == "programme":
            _programme_facts(text, vs, ve, project, rule, 0.9)
        elif name == "project_manager" or name in ("acronym", "title"):
            project.add(name, value.rstrip("."), vs, ve, rule, 0.9)
    return read, amounts_read


def _split_country(name: str) -> tuple[str, str]:
    """ "Eurac Research, Italy" -> ("Eurac Research", "IT")."""
    m = re.fullmatch(r"(.+?)\s*[,(–-]\s*([^,()]+?)\)?\s*", name.strip())
    if m and (code := conventions.country(m.group(2))):
        return m.group(1).strip(), code
    return name.strip(), ""


def _split_acronym(name: str) -> tuple[str, str]:
    """ "Klaipėda ID" -> ("Klaipėda ID", ""); "X (AEBR)" -> ("X", "AEBR")."""
    m = re.fullmatch(r"(.+?)\s*\(([^()]{2,40})\)", name.strip())
    if m and not country_code(m.group(2)) and not conventions.country(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    return name.strip(), ""


ROLE_IN_BRACKETS = re.compile(r"\s*\((?P<role>capofila|lead\s*partner|leadpartner|lead|"
                              r"chef de file|socio principal|partner wiodący|lider|coordinator|"
                              r"vedoucí partner|advisory partner)\)\s*$", re.I)  # fmt: skip
COUNTRY_HEADER = re.compile(
    rf"^\s*(?:per|for|from|aus|de|pour|para|z|ze|uit|från|fra|za)\s+(?:la\s+|l['’]\s*|il\s+|"
    rf"el\s+|der\s+|dem\s+|the\s+)?(?P<country>{conventions.COUNTRY_NAME})\s*:?\s*$",
    re.I,
)


def _partners_list(text, start, end, project) -> None:
    """Partners listed under a partners label, one a line (bulleted or not), under country
    headers ("Per la Grecia") or with their country in brackets; partners enumerated in a
    sentence ("Die Projektpartner aus Tschechien mit dem Kreis Vysočina (Leadpartner), ...
    und Österreich mit dem Land OÖ, ..."); advisory partners named as such."""
    for m in re.finditer(r"^[^\n]*$", text[start:end], re.M):
        line = m.group(0)
        label = _label(line.rstrip(": \t"))
        if LABEL_OF.get(label) != "partners":
            continue
        position, country = start + m.end(), ""
        while item := re.match(
            r"\n[ \t]*(?P<bullet>[-•*▪][ \t]*)?(?P<item>[^\n]+)", text[position:end]
        ):
            raw = item.group("item").strip().rstrip(",.;")
            s = position + item.start("item")
            if not raw or LINE.match(raw) or len(raw) > 160 or raw.endswith(":"):
                break
            if _label(raw) in LABEL_OF:
                break
            if header := COUNTRY_HEADER.match(raw):
                country = conventions.country(header.group("country"))
                position += item.end()
                continue
            _add_partner(project, raw, s, country, "list-after-partners-label", 0.8)
            position += item.end()
    _enumerated_partners(text, start, end, project)
    # "an advisory partner (AEBR)", "with ACR+ as advisory partner": that partner's role.
    advisory = re.compile(
        r"advisory partner\s*\(([^)]+)\)"
        r"|\b([A-Z][A-Z0-9+&]{1,}(?:\s+[A-Z]?[a-z]+)?)\s+(?:of [^.]{0,60}?)?as (?:an )?"
        r"advisory partner"
    )
    for m in advisory.finditer(text[start:end]):
        who = (m.group(1) or m.group(2) or "").strip()
        if who:
            s = start + m.start()
            project.add("advisory_partner", who, s, start + m.end(), "advisory-partner-phrase",
                        0.7)  # fmt: skip


def _add_partner(
    project, raw: str, s: int, country: str, rule: str, confidence: float, article: bool = True
) -> None:
    role = "partner"
    if found := ROLE_IN_BRACKETS.search(raw):
        role = "advisory" if "advisory" in found.group("role").lower() else "lead"
        raw = raw[: found.start()].strip()
    name, acronym, in_brackets = raw, "", ""
    cm = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", raw)
    if cm and (country_code(cm.group(2)) or conventions.country(cm.group(2))):
        name = cm.group(1).strip()
        in_brackets = country_code(cm.group(2)) or conventions.country(cm.group(2))
    elif cm:
        name, acronym = cm.group(1).strip(), cm.group(2).strip()
    else:
        name, in_brackets = _split_country(raw)
    if not article:
        name = prose.ARTICLE.sub("", name).strip()
    if len(name) < 2:
        return
    project.add("partner", {"organisation": name, "role": role,
                            "country": in_brackets or country, "acronym": acronym},
                s, s + len(raw), rule, confidence)  # fmt: skip
    if role == "lead":
        project.add("lead_partner", name, s, s + len(name), rule + "+role", confidence)


ENUMERATION = re.compile(
    r"\b(?:project\s+partners?|projektpartner\w*|partners?|partenaires|partner|socios|"
    r"parceiros|partnerzy|partne(?:ř|r)i)\b(?P<rest>(?:[^.\n]|\.(?=\S)){10,400})",
    re.I,
)


HAS_AS_PARTNERS = re.compile(
    r"\b(?:a|ont|ha|hanno|tiene|tienen|has|have|hat|haben|tem|têm|ma|mají)\s+(?:pour|come|como|"
    r"as|als|jako)\s+(?:partenaires|partners?|socios|parceiros|partnerów|partnery)\s+"
    r"(?P<rest>[^.\n]{5,400})",
    re.I,
)
LEAD_WORDS = re.compile(
    r"chef\s+de\s+file|capofila|lead\s*partner|socio\s+principal|leadpartner|"
    r"partner\s+wiodący|vedoucí\s+partner|coordinat",
    re.I,
)
STOP_WORDS = re.compile(r"^(?:auxquel\w*|auquel|à\s+laquelle|which|who|whose|che|cui|que|"
                        r"cuyo|denen|welche\w*|die|które\w*|kter\w*|waarbij)\b", re.I)  # fmt: skip


def _has_as_partners(text, start, end, project) -> None:
    """ "il a pour partenaires les régions italiennes du Val d'Aoste, du Piémont et de la
    Ligurie – cette dernière en tant que chef de file – et les régions françaises ...":
    each item's name is its last capitalised words; a dashed aside naming the lead role
    makes the item before it the lead partner."""
    for m in HAS_AS_PARTNERS.finditer(text, start, end):
        rest, base = m.group("rest"), m.start("rest")
        asides = list(re.finditer(r"\s[–—-]\s[^–—]+?\s[–—-]\s", rest))
        position = 0
        for chunk in re.finditer(r"[^,–—]+", rest):
            if any(a.start() <= chunk.start() and chunk.end() <= a.end() for a in asides):
                continue
            for piece in re.split(r"\s+(?:et|e|y|and|und|i|a|en|och|og)\s+", chunk.group(0)):
                if STOP_WORDS.match(piece.strip()):
                    return
                names = list(re.finditer(prose.NAME_ITEM, piece))
                if not names:
                    continue
                name = names[-1].group(0)
                a = base + rest.find(name, position)
                position = a - base + len(name)
                aside = next((x for x in asides if 0 <= x.start() - position <= 2), None)
                role = "lead" if aside and LEAD_WORDS.search(aside.group(0)) else "partner"
                project.add("partner", {"organisation": name, "role": role, "country": "",
                                        "acronym": ""}, a, a + len(name), "has-as-partners",
                            0.7)  # fmt: skip
                if role == "lead":
                    project.add("lead_partner", name, a, a + len(name), "has-as-partners-lead",
                                0.7)  # fmt: skip
        return


def _enumerated_partners(text, start, end, project) -> None:
    _has_as_partners(text, start, end, project)
    for m in ENUMERATION.finditer(text, start, end):
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start("rest")]
        if _label(line.rstrip(": ")) in LABEL_OF or ":" in line:
            continue
        rest, offset = m.group("rest"), m.start("rest")
        intro = re.match(
            rf"\s*(?:(?:aus|from|de|da|z|from\s+the)\s+(?P<c>{conventions.COUNTRY_NAME})\s+)?"
            rf"(?:mit|with|are|sind|sont|sono|son|são|:)\s+",
            rest,
            re.I,
        )
        if not intro:
            continue
        country = conventions.country(intro.group("c") or "")
        position = intro.end()
        items = 0
        while True:
            switch = re.match(rf"\s*(?:und|and|et|e|y|i)?\s*(?P<c>{conventions.COUNTRY_NAME})\s+"
                              r"(?:mit|with|avec|con|com|z)\s+", rest[position:], re.I)  # fmt: skip
            if switch:
                country = conventions.country(switch.group("c"))
                position += switch.end()
            item = re.match(
                rf"\s*(?:dem|der|den|die|das|the|le|la|les|il|lo|el|los|las)?\s*"
                rf"(?P<name>{prose.NAME_ITEM}(?:\s*\([^()]{{2,40}}\))?)\s*(?P<sep>,|\bund\b|\band\b|"
                r"\bet\b|\be\b|\by\b|\bi\b|$)?",
                rest[position:],
            )
            if not item or not item.group("name"):
                break
            if not conventions.country(item.group("name")):
                _add_partner(project, item.group("name"), offset + position + item.start("name"),
                             country, "partners-enumerated", 0.7, article=False)  # fmt: skip
                items += 1
            position += item.end()
            if not item.group("sep"):
                break
        if items:
            return


def _table(text, start, end, project) -> None:
    """A table of partners and amounts (tab-separated rows under a header naming ERDF): each
    row names a partner, and the total row gives the EU money of the ERDF column."""
    rows = [m for m in re.finditer(r"^[^\n\t]+(?:\t[^\n\t]*)+$", text[start:end], re.M)]
    if len(rows) < 2:
        return
    header = rows[0].group(0).split("\t")
    shift = max(0, len(rows[1].group(0).split("\t")) - len(header))  # no header over the names
    eu_column = next((i + shift for i, cell in enumerate(header) if prose.EU.search(cell)), None)
    for row in rows[1:]:
        cells = row.group(0).split("\t")
        name = cells[0].strip()
        s = start + row.start()
        if re.fullmatch(r"(?:summe|total|totale|totaal|gesamt|suma|celkem|yhteensä|razem|sum)",
                        name, re.I):  # fmt: skip
            amount = (
                money(cells[eu_column])
                if eu_column is not None and eu_column < len(cells)
                else None
            )
            if amount is not None:
                project.add("eu_cofinancing", amount, s, s + len(row.group(0)),
                            "table-total-row-eu-column", 0.8)  # fmt: skip
            continue
        if name and prose.amounts("\t".join(cells[1:])):
            _add_partner(project, name, s, "", "table-row-with-amounts", 0.75)


def _free_text(text, start, end, project, amounts_read=frozenset()) -> None:
    body = text[start:end]
    _programme_facts(text, start, end, project)
    r = REGIONS.search(body)
    if r:
        n = r.group("n").lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS[n]
        project.add("stated_region_count", count, start + r.start(), start + r.end(),
                    "n-regions-phrase", 0.6)  # fmt: skip
    for span in when.year_phases(body):
        s, e, value = span
        project.add("phase", value, start + s, start + e, "phase-years", 0.6)

    # Sentences: amounts, rates, durations, periods, lead partners, acronyms, titles.
    def covered(position: int) -> bool:
        return position in amounts_read

    prose.acronym_facts(text, start, end, project.add)
    prose.title_facts(text, start, end, project.add)
    names = [str(project.first("acronym") or ""), str(project.first("title") or "")]
    multi = bool(prose.MULTI.search(body))
    for s, e in prose.sentences(text, start, end):
        if project.first("lead_partner") is None and prose.about_one_project(text, s, e, False):
            prose.lead_facts(text, s, e, project.add)
        if not prose.about_one_project(text, s, e, multi, names):
            continue
        named = prose.about_one_project(text, s, e, True, names) and any(n for n in names)
        prose.money_facts(text, s, e, project.add, covered, named)
        prose.rate_facts(text, s, e, project.add)
        prose.duration_facts(text, s, e, project.add)
        prose.period_facts(text, s, e, project.add)
        prose.partner_acronym_facts(text, s, e, project.add)
        prose.theme_facts(text, s, e, project.add)
    if not project.all("phase"):
        prose.phase_facts(text, start, end, project.add)


# Whole words only: "ESPON" is not in "responsible".
PROGRAMME_NAMES = [(name, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.I))
                   for name, pattern in conventions.PROGRAMMES]  # fmt: skip


def programmes(text: str, start: int = 0, end: int | None = None):
    """(start, end, English name) of each programme a text names, in the order written.
    Country-pair names count beside "Interreg" or a programme word; distinctive names alone."""
    end = len(text) if end is None else end
    found = []
    for name, pattern in PROGRAMME_NAMES:
        for m in pattern.finditer(text, start, end):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            around = text[max(0, m.start() - 45) : m.start()] + " " + text[m.end() : m.end() + 15]
            if name in conventions.DISTINCTIVE or conventions.PROGRAMME_CONTEXT.search(around):
                found.append((m.start(), m.end(), name))
    return sorted(found)


def _programme_facts(text, start, end, project, rule="programme-name-in-text", confidence=0.6):
    if project.first("programme") is not None and rule == "programme-name-in-text":
        return
    found = programmes(text, start, end)
    if found:
        s, e, name = found[0]
        project.add("programme", name, s, e, rule, confidence)


def _programme(name: str) -> str:
    words = name.split()
    return " ".join([words[0].capitalize(), *words[1:]])


def _actions(text, start, end, project) -> None:
    """ "ACTION N: title - description" lines, each with the heading it stands under (the
    partner whose plan it belongs to: "HUNGARY (PANNON EGTC, Hungary – Croatia)")."""
    for m in ACTION.finditer(text, start, end):
        project.add("action", {"number": int(m.group("n")), "title": m.group("title").strip(),
                               "description": m.group("description").strip(),
                               "heading": _heading_before(text, start, m.start())},
                    m.start(), m.end(), "action-line", 0.9)  # fmt: skip


COUNTRY_HEADING = re.compile(r"(?P<country>[^\W\d_]+(?:[ -][^\W\d_]+){0,3})\s*:?\s*\(")


def _heading_before(text: str, start: int, position: int) -> str:
    """The nearest line above `position` (within the section) that looks like a heading:
    short, not an ACTION line, opening with an upper-case word ("POLAND (...)", "SPAIN:")
    or with a country's name and a bracket ("Hungary (PANNON EGTC)")."""
    for line in reversed(text[start:position].splitlines()):
        line = line.strip()
        if not line or len(line) > 200 or re.match(r"ACTION\s+\d", line):
            continue
        first = re.match(r"[^\W\d_]+", line)
        if first and len(first.group(0)) >= 2 and first.group(0).isupper():
            return line
        if (country := COUNTRY_HEADING.match(line)) and country_code(country.group("country")):
            return line
    return ""


def _news(text, start, end, project) -> None:
    for m in NEWS.finditer(text, start, end):
        value = {"title": m.group("title").strip(), "url": m.group("url"),
                 "date": values.date(m.group("date")), "image": m.group("image") or ""}  # fmt: skip
        project.add("news", value, m.start(), m.end(), "news-link-date-image", 0.7)
