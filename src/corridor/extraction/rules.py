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

from corridor.extraction import when
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


# Labels, lower-cased, in English, German, French, Spanish, Italian and Polish.
LABELS = {
    "total_budget": ["total project value", "total budget", "project budget", "budget",
                     "gesamtbudget", "projektbudget", "budget total", "coût total",
                     "presupuesto total", "presupuesto", "budget totale", "costo totale",
                     "całkowity budżet", "wartość projektu", "budżet projektu"],
    "eu_cofinancing": ["project co-financing amount", "co-financing amount", "erdf",
                       "erdf co-financing", "eu funding", "eu co-financing", "eu-förderung",
                       "efre-förderung", "efre", "feder", "cofinancement ue",
                       "cofinanciación ue", "contributo ue", "dofinansowanie ue",
                       "dofinansowanie z ue", "kwota dofinansowania"],
    "funding": ["funding", "förderung", "financement", "financiación", "finanziamento",
                "finansowanie"],
    "cofinancing_source": ["co-financing source", "source of co-financing", "fund",
                           "finanzierungsquelle", "source de financement",
                           "fuente de financiación", "fonte di finanziamento",
                           "źródło finansowania"],
    "project_manager": ["project manager", "projektmanager", "projektleiter",
                        "projektleiterin", "chef de projet", "jefe de proyecto",
                        "responsable del proyecto", "project manager/responsabile",
                        "responsabile del progetto", "kierownik projektu"],
    "lead_partner": ["lead partner", "leadpartner", "federführender partner", "chef de file",
                     "socio principal", "beneficiario principal", "capofila",
                     "partner capofila", "partner wiodący", "lider projektu"],
    "period": ["duration", "implementation period", "project duration", "period", "laufzeit",
               "projektlaufzeit", "durée", "période", "duración", "periodo", "durata",
               "okres realizacji", "czas trwania"],
    "partners": ["project partners", "partners", "projektpartner", "partenaires", "socios",
                 "partner", "partnerzy", "partnerzy projektu"],
}  # fmt: skip
LABEL_OF = {label: name for name, labels in LABELS.items() for label in labels}
LINE = re.compile(r"^[ \t]*(?P<label>[^\n:]{2,60}?)[ \t]*:[ \t]*(?P<value>[^\n]*)$", re.M)
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


def money(text: str) -> Decimal | None:
    """The first amount of a value: "2 294 882 €", "EUR 1,376,708", "€1.66 million"."""
    match = MONEY.search(text)
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
    """The projects a page states, each with its facts. A listing page (several "Lead
    Partner:" lines) gives one project per section; events its news items report, which no
    section holds, come as one more entry without an acronym."""
    starts = [m.start() for m in re.finditer(r"^Lead Partner\s*:", text, re.M | re.I)]
    if len(starts) > 1:
        ends = starts[1:] + [len(text)]
        projects = [_section(text, s, e, listing=True) for s, e in zip(starts, ends, strict=True)]
        covered = max(f.end for p in projects for f in p.facts) if projects[-1].facts else 0
        rest = ProjectFacts()
        _events(text, max(covered, starts[-1]), len(text), rest)
        return projects + ([rest] if rest.facts else [])
    project = _section(text, 0, len(text), listing=False)
    _events(text, 0, len(text), project)
    return [project]


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


def _section(text: str, start: int, end: int, listing: bool) -> ProjectFacts:
    project = ProjectFacts()
    body = text[start:end]
    if listing:
        # A listing section ends where the page turns to people or news.
        cut = re.search(r"\n\s*\n\s*Interested in:|\n\s*Type:", body)
        if cut:
            end = start + cut.start()
            body = text[start:end]
    _head(text, start, end, listing, project)
    _labelled(text, start, end, project)
    _partners_list(text, start, end, project)
    _free_text(text, start, end, project)
    _actions(text, start, end, project)
    _news(text, start, end, project)
    return project


def _head(text, start, end, listing, project) -> None:
    body = text[start:end]
    if listing:
        # "Lead Partner: X" then a paragraph opening with the acronym.
        line_end = body.find("\n")
        if line_end > 0:
            m = re.match(r"\s*([A-Z][\w.+-]*(?:\s\d+(?:\.\d+)?)?)\s", body[line_end + 1 :])
            if m and re.search(r"[A-Z].*[A-Z]|\d", m.group(1)):
                s = start + line_end + 1 + m.start(1)
                project.add("acronym", m.group(1), s, s + len(m.group(1)), "listing-first-word",
                            0.7)  # fmt: skip
                return
        _called_a_project(body, start, project)
        return
    m = re.match(r"\s*(?P<line>[^\n]+)", body)
    if not m:
        return
    line, s = m.group("line").strip(), start + m.start("line")
    words = line.split()
    if len(words) == 1 and len(line) <= 30:
        project.add("acronym", line, s, s + len(line), "first-line-single-word", 0.8)
    elif len(words) > 2 and _acronym_like(words[0]):
        project.add("acronym", words[0], s, s + len(words[0]), "first-line-acronym", 0.8)
        title = line[len(words[0]) :].strip()
        t = s + line.index(title)
        project.add("title", title, t, t + len(title), "first-line-title", 0.7)
    elif len(words) > 2 and line[0].isupper() and not line.endswith("."):
        project.add("title", line, s, s + len(line), "first-line-title", 0.5)
        _called_a_project(body, start, project)


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


def _labelled(text, start, end, project) -> None:
    for m in LINE.finditer(text, start, end):
        label = " ".join(m.group("label").casefold().split())
        name = LABEL_OF.get(label)
        value, vs = m.group("value").strip(), m.start("value")
        if name is None or not value:
            continue
        ve = vs + len(value)
        rule = f"label:{label}"
        if name in ("total_budget", "eu_cofinancing", "funding"):
            amount = money(value)
            if amount is not None:
                project.add(name, amount, vs, ve, rule, 0.9)
            rate = PERCENT.search(value)
            if rate and name == "eu_cofinancing":
                project.add("cofinancing_rate", Decimal(rate.group(1).replace(",", ".")),
                            vs + rate.start(), vs + rate.end(), rule + "+percent", 0.9)  # fmt: skip
        elif name == "period":
            span = when.period(value)
            for key in ("start_date", "end_date", "duration_months"):
                if span.get(key) is not None:
                    project.add(key, span[key], vs, ve, f"{rule}+{span['form']}", 0.85)
            for phase in span.get("phases", []):
                project.add("phase", phase, vs, ve, rule + "+phases", 0.7)
        elif name == "lead_partner":
            organisation = re.sub(r"\s*\((?:until|bis|jusqu)[^)]*\)\s*$", "", value)
            organisation, acronym = _split_acronym(organisation)
            project.add("lead_partner", organisation, vs, vs + len(organisation), rule, 0.85)
            project.add("partner", {"organisation": organisation, "role": "lead",
                                    "acronym": acronym}, vs, ve, rule, 0.85)  # fmt: skip
        elif name == "cofinancing_source":
            project.add(name, value.rstrip("."), vs, ve, rule, 0.8)
            for p in PROGRAMMES.finditer(value):
                project.add("programme", _programme(p.group(0)), vs + p.start(), vs + p.end(),
                            rule + "+programme", 0.8)  # fmt: skip
        elif name == "project_manager":
            project.add(name, value.rstrip("."), vs, ve, rule, 0.9)


def _split_acronym(name: str) -> tuple[str, str]:
    """ "Klaipėda ID" -> ("Klaipėda ID", ""); "X (AEBR)" -> ("X", "AEBR")."""
    m = re.fullmatch(r"(.+?)\s*\(([^()]{2,40})\)", name.strip())
    if m and not country_code(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    return name.strip(), ""


def _partners_list(text, start, end, project) -> None:
    for m in LINE.finditer(text, start, end):
        if LABEL_OF.get(" ".join(m.group("label").casefold().split())) != "partners":
            continue
        position = m.end()
        item_re = re.compile(r"\n[ \t]*[-•*][ \t]*(?P<item>[^\n]+)")
        while item := item_re.match(text, position, end):
            raw = item.group("item").strip().rstrip(",.;")
            s = item.start("item")
            name, country, acronym = raw, "", ""
            cm = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", raw)
            if cm and country_code(cm.group(2)):
                name, country = cm.group(1).strip(), country_code(cm.group(2))
            elif cm:
                name, acronym = cm.group(1).strip(), cm.group(2).strip()
            project.add("partner", {"organisation": name, "role": "partner", "country": country,
                                    "acronym": acronym}, s, s + len(raw),
                        "list-after-partners-label", 0.8)  # fmt: skip
            position = item.end()
        break
    # "an advisory partner (AEBR)": that partner's role.
    advisory = re.compile(
        r"advisory partner\s*\(([^)]+)\)"
        r"|\b([A-Z]{2,}(?:\s+[A-Z]?[a-z]+)?)\s+(?:of [^.]{0,60}?)?as (?:an )?advisory partner"
    )
    for m in advisory.finditer(text[start:end]):
        who = (m.group(1) or m.group(2) or "").strip()
        if who:
            s = start + m.start()
            project.add("advisory_partner", who, s, start + m.end(), "advisory-partner-phrase",
                        0.7)  # fmt: skip


def _free_text(text, start, end, project) -> None:
    body = text[start:end]
    if project.first("programme") is None:
        p = PROGRAMMES.search(body)
        if p:
            project.add("programme", _programme(p.group(0)), start + p.start(), start + p.end(),
                        "programme-name-in-text", 0.6)  # fmt: skip
    r = REGIONS.search(body)
    if r:
        n = r.group("n").lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS[n]
        project.add("stated_region_count", count, start + r.start(), start + r.end(),
                    "n-regions-phrase", 0.6)  # fmt: skip
    for span in when.year_phases(body):
        s, e, value = span
        project.add("phase", value, start + s, start + e, "phase-years", 0.6)


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
