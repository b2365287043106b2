"""Facts written in running text, sentence by sentence, in any language the conventions
module knows: amounts and what they are ("Le budget total du projet est de 500 000 euros,
dont 400 000 euros proviennent du FEDER"), co-financing rates ("cofinanziato all'85% dal
FESR"), durations ("dauert drei Jahre"), periods ("du 1er octobre 2023 au 30 septembre
2025"), lead partners ("As lead partner of the project, X", "X (capofila)", "unter der
Leitung der X"), acronyms and titles ("the EURE project", 'projekt pn. „Title”',
"Start in Mountains (SIM)").

Each rule keeps to sentences about one project: a sentence about a programme or a call
("the programme has a budget of 379 MEUR", "projects last up to 24 months") gives nothing."""

import re
from decimal import Decimal

from corridor.extraction import conventions as c
from corridor.extraction import when
from corridor.ingest import values

SENTENCE = re.compile(r"[^\n.!?;]*(?:[.!?;](?!\d)|\n|$)")


def sentences(text: str, start: int, end: int):
    """(start, end) of each sentence of text[start:end]: a sentence ends at . ! ? ; (not
    inside a number: "1.376.708") or at a line end."""
    position = start
    for m in re.finditer(r"[.!?;](?=\s|$)|\n", text[start:end]):
        stop = start + m.end()
        if m.group(0) == "." and (
            ABBREVIATION.search(text[max(start, stop - 8) : stop])
            or re.match(r"\s*[a-zà-ž€]|\s*(?:EUR|CHF|PLN)\b", text[stop:end])
            or (
                re.search(r"(?<!\d)\d{1,2}\.$", text[max(start, stop - 4) : stop])
                and re.match(rf"\s*(?:{c.MONTH_NAME})\b", text[stop:end], re.I)
            )  # "31. Dezember"
        ):
            continue
        if text[position:stop].strip():
            yield position, stop
        position = stop
    if text[position:end].strip():
        yield position, end


ABBREVIATION = re.compile(r"(?:\b(?:mio|mln|mrd|tsd|tys|tis|mil|max|min|ca|approx|nr|no|pn|pt|"
                          r"st|dr|prof|ing|inc|ltd|bzw|vgl|z\.\s?b|u\.\s?a|etc|vs)|\b[A-Z])\.$",
                          re.I)  # fmt: skip
SINGULAR = re.compile(
    r"(?:project|projet|progetto|proyecto|projecte|projeto|projecto|projekt|iniciativa|"
    r"initiative|iniziativa|vorhaben)(?:u|et|em|es|a)?(?=\W|$|[a-zäöüß]{4,})",
    re.I,
)
PLURAL = re.compile(c.PROJECTS_WORD, re.I)
CALL_OR_PROGRAMME = re.compile(
    r"\b(?:call|calls|bando|bandi|appel|convocatoria|convocat(?:ò|o)ria|aufruf|nab(?:ó|o)r\w*|"
    r"v(?:ý|y)zv\w*|oproep|utlysning\w*|available|disponibles?|disponibili|verf(?:ü|u)gbar|"
    r"zur\s+verf(?:ü|u)gung|dispon\w+|dotat\w+|dot(?:é|e)\w*|allocat\w+|enveloppe|alokac\w+|"
    r"dost(?:ę|e)pn\w+|applicants?|candidature\w*|beneficiari\w*\s+potenziali)\b",
    re.I,
)
PROGRAMME_WORD = re.compile(r"\b(?:" + c.PROGRAMME_LEVEL + r")\w*", re.I)
ADDITIONAL = re.compile(
    r"\b(?:additional|further|extra|zus(?:ä|a)tzlich\w*|weitere\w*|suppl(?:é|e)mentaires?|"
    r"aggiuntiv\w*|ulteriori|adicional\w*|dodatkow\w*|dal(?:š|s)(?:í|i)|extra)\b",
    re.I,
)
EU = re.compile(c.EU_WORDS, re.I)
TOTAL = re.compile(r"\b(?:" + c.TOTAL_WORDS + r")\b", re.I)
NATIONAL = re.compile(c.NATIONAL_WORDS, re.I)
UP_TO = re.compile(c.UP_TO, re.I)
MULTI = re.compile(r"\b(?:\d+|" + c.NUMBER_WORD + r"|several|mehrere|plusieurs|diversi|varios|"
                   r"kilka|n(?:ě|e)kolik)\s+(?:\w+\s+){0,2}" + c.PROJECTS_WORD, re.I)  # fmt: skip

_NUMBER = r"\d{1,3}(?:[\s\u00a0\u202f.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
MONEY = re.compile(
    rf"(?:(?P<cur1>{c.CURRENCY})\s*)?(?P<number>{_NUMBER})"
    rf"(?:\s*(?P<scale>{c.SCALE_WORD})(?![\w€]))?"
    rf"(?:\s*(?:de\s+|di\s+|d['’]\s*)?(?P<cur2>{c.CURRENCY}))?",
    re.I,
)
# "6 milioni 657 mila 204 euro": scaled parts added up.
COMPOSED = re.compile(
    rf"(?P<parts>(?:\d+\s+(?:{c.SCALE_WORD})\s+){{2,}}\d*)\s*(?:di\s+|de\s+)?{c.CURRENCY}",
    re.I,
)
PERCENT = re.compile(
    r"(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|per\s*cent\b|percent\b|prozent\b|por\s+ciento\b|"
    r"per\s+cento\b|pour\s*cent\b|procent\w*\b|por\s+cento\b)",
    re.I,
)


def amounts(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Decimal]]:
    """Every amount of money in text[start:end] (with a currency or a money scale):
    "€ 5.380.000,00", "1 376 386 euros", "2,7 Millionen Euro", "1,5 M. d'euros",
    "blisko 880 tys. euro", "6 milioni 657 mila 204 euro"."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, Decimal]] = []
    for m in COMPOSED.finditer(text, start, end):
        total, parts = Decimal(0), m.group("parts").split()
        for i in range(0, len(parts) - 1, 2):
            total += Decimal(parts[i]) * c.SCALES[parts[i + 1].lower()]
        if len(parts) % 2:
            total += Decimal(parts[-1])
        found.append((m.start(), m.end(), total))
    for m in MONEY.finditer(text, start, end):
        if any(s <= m.start() < e for s, e, _ in found):
            continue
        scale = (m.group("scale") or "").lower()
        has_currency = m.group("cur1") or m.group("cur2")
        if not has_currency and scale not in ("mio", "mio.", "meur", "m€", "k€", "keur"):
            continue
        if not has_currency and not scale:
            continue
        amount = _number(m.group("number").strip(), scaled=bool(scale))
        if amount is None:
            continue
        if scale:
            amount = (amount * c.SCALES[scale]).quantize(Decimal("0.01"))
        if amount < 100:  # "d'1,5" without a scale, page numbers, years
            continue
        found.append((m.start(), m.end(), amount))
    # "1 376 386 euros inclosos 894 650 de FEDER": a share of an amount, its currency unsaid.
    for m in SHARE.finditer(text, start, end):
        before = [f for f in found if 0 <= m.start() - f[1] <= 3]
        taken = any(s <= m.start("number") < e for s, e, _ in found)
        amount = _number(m.group("number"), scaled=False) if before and not taken else None
        if amount is not None:
            found.append((m.start("number"), m.end("number"), amount))
    return sorted(found)


SHARE = re.compile(
    r"\s*,?\s*(?:of\s+which|including|inclosos|incloent|incluidos|incluyendo|dont|y\s+compris|"
    r"davon|di\s+cui|inclusi|dos\s+quais|w\s+tym|z\s+toho|waarvan|varav|heraf)\s+"
    r"(?P<number>\d{1,3}(?:[\s\u00a0.,]\d{3})+(?:[.,]\d{1,2})?)(?!\s*(?:%|\d))",
    re.I,
)


def _number(text: str, scaled: bool) -> Decimal | None:
    text = text.replace("’", "'").replace("'", " ")
    lone = re.fullmatch(r"\d+([.,])(\d+)", text)
    thousands = None
    if lone and not scaled and len(lone.group(2)) == 3:
        thousands = lone.group(1)  # "€ 601.840", "600.000 Euro": a money page's thousands
    try:
        return values.amount(text, thousands=thousands)
    except ValueError:
        return None


def about_one_project(text: str, s: int, e: int, multi: bool, names=()) -> bool:
    """Whether a sentence may state a fact of the page's project: one that names the project
    ("ESPACE was one of six projects ..."), or else not one about calls, available money or
    several projects, and (on a page about several projects) one with a project word."""
    sentence = text[s:e]
    if any(name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence) for name in names):
        return True
    if PLURAL.search(sentence) and not SINGULAR.search(sentence):
        return False
    if CALL_OR_PROGRAMME.search(sentence) and not SINGULAR.search(sentence):
        return False
    return not multi or bool(SINGULAR.search(sentence))


def money_facts(text: str, s: int, e: int, add, covered, named: bool = False) -> None:
    """Totals and EU money in one sentence, each told by the words beside it."""
    found = [a for a in amounts(text, s, e) if not covered(a[0])]
    for i, (a, b, amount) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else e
        begin = found[i - 1][1] if i else s
        after, before = text[b : min(stop, b + 90)], text[max(begin, a - 90) : a]
        if clause := re.search(r",\s|;|\s[-–]\s", after):
            after = after[: clause.start()]
        near_programme = PROGRAMME_WORD.search(text[max(s, a - 40) : a])
        if near_programme and not (named or SINGULAR.search(text[s:e])):
            continue
        if ADDITIONAL.search(before[-30:] + after[:30]):
            continue
        head = after[:70]
        eu_after, eu_before = EU.search(head), _last(EU, before)
        total_before = _last(TOTAL, before)
        close = eu_after and (total_before is None or eu_after.start() <= 12)
        if close and not NATIONAL.search(head[: eu_after.start()]):
            add("eu_cofinancing", amount, a, b, "amount-then-eu-source", 0.6)
        elif NATIONAL.search(head) or TOTAL.search(head[:25]):
            continue  # "92 000 euros du budget de la Région": another share
        elif eu_before and (total_before is None or eu_before.start() > total_before.start()):
            if not NATIONAL.search(before[eu_before.end() :]):
                add("eu_cofinancing", amount, a, b, "eu-words-then-amount", 0.6)
        elif total_before is not None:
            add("total_budget", amount, a, b, "total-words-then-amount", 0.6)


def _last(pattern: re.Pattern, text: str):
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def rate_facts(text: str, s: int, e: int, add) -> None:
    """ "co-financed with 85% ERDF", "cofinançat en un 65% pel FEDER", "subvención FEDER del
    75%", "davon 55 Prozent aus dem EFRE-Fonds"; not "up to 85%" nor "15% national"."""
    for m in PERCENT.finditer(text, s, e):
        before, after = text[max(s, m.start() - 50) : m.start()], text[m.end() : m.end() + 50]
        if UP_TO.search(before[-25:]) or NATIONAL.search(after[:30]):
            continue
        if EU.search(before[-35:]) or EU.search(after[:45]):
            value = Decimal(m.group("n").replace(",", "."))
            if 10 <= value <= 100:
                add("cofinancing_rate", value, m.start(), m.end(), "percent-beside-eu-words", 0.6)


DURATION_CUE = re.compile(
    r"\b(?:duration|durata|dur(?:é|e)e|duraci(?:ó|o)n|dura(?:ç|c)(?:ã|a)o|durada|dauer\w*|"
    r"laufzeit|lasts?|last\s+for|will\s+last|durer(?:à|a)|durar(?:á|a)|dura\b|trv(?:á|a)\w*|"
    r"trwa\w*|czas\s+trwania|looptijd|duurt|varar|varer|runs?\s+for|"
    r"for\s+a\s+period\s+of|per\s+un\s+periodo\s+di|pendant|w\s+ci(?:ą|a)gu|"
    r"durante\s+los\s+pr(?:ó|o)ximos|nei\s+prossimi|au\s+cours\s+des\s+prochaines?)\b",
    re.I,
)
MAXIMUM = re.compile(r"massim\w*|maxim\w*|m(?:á|a)xim\w*|superar\w*|d(?:é|e)passer|exceed|"
                     r"(?:ü|u)berschreit\w*|höchstens|not\s+more|non\s+pi(?:ù|u)|bis\s+zu|"
                     r"up\s+to|jusqu|hasta|fino\s+a|do\s+\d|minim\w*|between|zwischen|entre|"
                     r"tra\s+\d|od\s+\d", re.I)  # fmt: skip


def duration_facts(text: str, s: int, e: int, add) -> None:
    sentence = text[s:e]
    if not DURATION_CUE.search(sentence) or MAXIMUM.search(sentence):
        return
    if found := when.duration(sentence):
        a, b, months = found
        add("duration_months", months, s + a, s + b, "duration-words", 0.6)


START_CUE = re.compile(
    r"(?:start\w*|begin\w*|beginn\w*|seit|since|d(?:é|e)but\w*|d(?:é|e)marr\w*|inizi\w*|"
    r"avviat\w*|comenz\w*|inici\w*|come(?:ç|c)\w*|rozpocz\w*|zah(?:á|a)jen\w*|zah(?:á|a)j\w*|"
    r"gestart|startte|startade)\s*(?:on|from|at|am|le|il|el|em|dnia|dne|op|den|the)?\s*$",
    re.I,
)
END_CUE = re.compile(
    r"(?:end\w*|ended|finish\w*|ausl(?:ä|a)uft|endet|ende|enden|abgeschlossen|termin\w*|"
    r"fin\w*|se\s+termine|conclu\w*|scad\w*|zako(?:ń|n)cz\w*|ukon(?:č|c)\w*|eindigt|"
    r"afgerond|slutar|until|bis(?:\s+zum)?|jusqu'?au|fino\s+al|hasta\s+el|at(?:é|e)\s+(?:a|ao)|"
    r"do|tot)\s*(?:on|at|am|le|il|el|em|dnia|dne|op|den|the|,|die\s+am)?\s*$",
    re.I,
)


def period_facts(text: str, s: int, e: int, add) -> None:
    """A dated range in a sentence about the project ("du 1er octobre 2023 au 30 septembre
    2025"), a start ("starting from January 1st, 2020") or an end ("ended on June 30,
    2022", "die am 31. Dezember 2022 ausläuft"), and "(2018-2020)" beside a project word."""
    sentence = text[s:e]
    if found := when.date_range(sentence):
        a, b, first, last = found
        add("start_date", first, s + a, s + b, "date-range-in-text", 0.6)
        add("end_date", last, s + a, s + b, "date-range-in-text", 0.6)
        return
    for a, b, value in when.dates(sentence):
        if sentence.rfind("(", 0, a) > sentence.rfind(")", 0, a):
            continue
        before, after = sentence[max(0, a - 40) : a], sentence[b : b + 12]
        if START_CUE.search(before) or re.match(r"\s*(?:beginnt|startet|d(?:é|e)marre)", after):
            add("start_date", value, s + a, s + b, "start-words-then-date", 0.6)
        elif END_CUE.search(before) or re.match(r"\s*(?:ausl(?:ä|a)uft|endet|endet)", after):
            add("end_date", value, s + a, s + b, "end-words-then-date", 0.6)
    years = re.search(
        r"(?:" + c.PROJECT_WORD + r"\w*\s*\(\s*|\bvon\s+|\bfrom\s+|\bdal\s+|\bdu\s+|\bde\s+|"
        r"\bod\s+|\bvan\s+)(?P<a>(?:19|20)\d{2})\s*(?:[-–/]|bis|to|al|au|a|do|tot)\s*"
        r"(?P<b>(?:19|20)\d{2})\b",
        sentence,
        re.I,
    )
    if years and not PROGRAMME_WORD.search(sentence[max(0, years.start() - 30) : years.start()]):
        import datetime

        a, b = int(years.group("a")), int(years.group("b"))
        if a <= b <= a + 10:
            span = (s + years.start("a"), s + years.end("b"))
            add("start_date", datetime.date(a, 1, 1), *span, "years-beside-project-word", 0.55)
            add("end_date", datetime.date(b, 12, 31), *span, "years-beside-project-word", 0.55)


# A name as pages write organisations: capitalised words with the small words between
# them ("Comune di Crevoladossola", "Atlantic Axis of Peninsular Northwest").
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-Ω][\w’'&.+/-]*"
_SMALL = (r"(?:of|de|di|del|della|dei|degli|des|du|la|le|der|die|das|für|and|et|e|y|i|und|"
          r"van|voor|för|af|o|na|w|im|am|an|da|do|dos|das|para|pour|per|zu|zur|zum)")  # fmt: skip
# Names keep their capitals inside case-blind patterns: (?-i:...).
NAME = (
    rf"(?-i:(?:(?:gmina|miasto|powiat|obec|m(?:ě|e)sto|comune|commune|municipality|city)\s+)?"
    rf"{_CAP}(?:\s+(?:{_SMALL}\s+)*(?:[dl]['’])?{_CAP})*)"
)
# An item of an enumeration: a name without "and" inside ("Kreis Südmähren und Österreich").
_SMALL_ITEM = (r"(?:of|de|di|del|della|dei|degli|des|du|la|le|der|die|das|für|van|voor|för|af|"
               r"da|do|zu|zur|zum)")  # fmt: skip
NAME_ITEM = rf"(?-i:{_CAP}(?:\s+(?:{_SMALL_ITEM}\s+)*(?:[dl]['’])?{_CAP})*)"
ARTICLE = re.compile(r"^(?:the|la|el|le|les|il|lo|l['’]|der|die|das|dem|den|het|de|a|à)\s+",
                     re.I)  # fmt: skip
_LEAD = (r"(?i:lead[- ]?part\w*|leadpartner|capofila|chef\s+de\s+file|socio\s+principal|"
         r"beneficiario\s+principal|benefici(?:á|a)rio\s+principal|partner\s+wiod(?:ą|a)cy|"
         r"partnerem\s+wiod(?:ą|a)cym|lider(?:em)?|vedouc(?:í|i)\s+partner|coordinator|"
         r"coordinatore|coordinador|coordenador|coordinateur|penvoerder|projekt(?:ä|a)gare|"
         r"jefe\s+de\s+fila|federf(?:ü|u)hrend\w*\s+partner)")  # fmt: skip
LEAD_PATTERNS = [
    # "Regione delle Isole Ionie (capofila)", "Kreis Vysočina (Leadpartner)"
    (re.compile(rf"(?P<org>{NAME})\s*\(\s*(?:{_LEAD})\s*\)", re.I), "name-then-lead-in-brackets"),
    # "As lead partner of the project, Atlantic Axis ... (Eixo Atlantico) welcomed"
    (re.compile(rf"\b(?:as|als|en\s+tant\s+que|come|como|jako|als)\s+(?:the\s+)?(?:{_LEAD})"
                rf"(?:\s+\w+){{0,3}},\s*(?P<org>{NAME})", re.I), "as-lead-partner-name"),
    # "vede come lead partener il Friuli Venezia Giulia", "Liderem projektu jest gmina Żmudź"
    # (not "lider projektu InterRevita": the leader of the InterRevita project)
    (re.compile(rf"\b(?:{_LEAD})(?:\s+(?:projektu|del\s+progetto|of\s+the\s+project|du\s+projet|"
                rf"des\s+projekts|del\s+proyecto|do\s+projeto))?\s*(?::|\s(?:is|ist|è|est|es|jest|"
                rf"je|é|was|war|era))\s+(?:the\s+|il\s+|la\s+|le\s+|el\s+|der\s+|die\s+|das\s+|"
                rf"o\s+|a\s+)?(?P<org>{NAME})", re.I), "lead-words-then-name"),
    (re.compile(rf"\b(?:{_LEAD})\s+(?:il|la|el|le|the|der|die|das|o|a)\s+(?P<org>{NAME})", re.I),
     "lead-words-then-name"),
    # "Giorgio Ferroni, sindaco del Comune di Crevoladossola, capofila del progetto"
    (re.compile(rf"(?P<org>(?-i:{_CAP}(?:\s+(?:{_SMALL}\s+)*{_CAP})*)),\s*(?:capofila|chef\s+de\s+file|"
                rf"lead\s+partner|socio\s+principal|partner\s+wiod(?:ą|a)cy)\s+(?:del|of|du|"
                rf"des|del|do|projektu|dell['’])", re.I), "name-comma-lead-words"),
    # "unter der Leitung der UniGR", "coordinated by X", "É coordenado pela ADIRN"
    (re.compile(rf"\b(?:unter\s+(?:der\s+)?(?:leitung|federf(?:ü|u)hrung)\s+(?:der|des|von)|"
                rf"coordinated\s+by|led\s+by|coordinato\s+da|guidato\s+da|coordonn(?:é|e)\s+par|"
                rf"pilot(?:é|e)\s+par|coordinado\s+por|liderado\s+por|coordenado\s+pel[oa]|"
                rf"koordiniert\s+von|geleitet\s+von|koordynowan\w*\s+przez|koordinov(?:á|a)n\w*|"
                rf"geco(?:ö|o)rdineerd\s+door|geleid\s+door|ledd?\s+av|koordineret\s+af)\s+"
                rf"(?:the\s+|la\s+|le\s+|el\s+|l['’])?(?P<org>{NAME})", re.I), "led-by-name"),
    # "à SNCF Réseau et ses partenaires", "Le Regierungspräsidium Freiburg et ses partenaires"
    (re.compile(rf"(?P<org>{NAME})\s+(?:et\s+ses\s+partenaires|and\s+its\s+partners|"
                rf"und\s+seine[n]?\s+partner\w*|e\s+i\s+suoi\s+partner|y\s+sus\s+socios|"
                rf"e\s+os\s+seus\s+parceiros|i\s+jego\s+partner\w*|a\s+jeho\s+partne\w*|"
                rf"en\s+zijn\s+partners|och\s+dess\s+partner)", re.I), "name-and-its-partners"),
    # "La Diputación Provincial de Teruel, ..., va a gestionar y liderar el proyecto"
    (re.compile(rf"(?:^|[.\n]\s*)(?:la\s+|el\s+|the\s+|le\s+|il\s+|die\s+|der\s+)?(?P<org>{NAME})"
                rf"(?:\s*,[^,.\n]{{0,80}},)?[^.\n,]{{0,30}}?\b(?:lidera\w*|leads|will\s+lead|"
                rf"f(?:ü|u)hrt|leitet|guida|dirige|coordina|coordonne|koordynuje|koordinuje|"
                rf"leidt)\b[^.\n]{{0,40}}?" + c.PROJECT_WORD, re.I), "name-leads-the-project"),
]  # fmt: skip
NOT_ORGANISATION = re.compile(
    r"^(?:the|this|that|project|projet|progetto|proyecto|projekt|partner|partners|lead|"
    r"interreg|programme|program|eu|ue|europe|european|une?|one|it|its|il|la|el|le|he|she|"
    r"they|we|our)$",
    re.I,
)


def organisation(raw: str) -> str:
    name = ARTICLE.sub("", raw.strip(" ,.;:–-"))
    name = re.sub(r"\s*\([^()]*\)\s*$", "", name)  # "(Eixo Atlantico)": the short name
    return name.strip(" ,.;:–-")


def lead_facts(text: str, s: int, e: int, add) -> None:
    sentence = text[s:e]
    for pattern, rule in LEAD_PATTERNS:
        for m in pattern.finditer(sentence):
            name = organisation(m.group("org"))
            if len(name) < 3 or NOT_ORGANISATION.match(name) or name.split()[0].lower() in (
                "project", "projet", "progetto", "proyecto", "projekt", "lead", "partner",
            ):  # fmt: skip
                continue
            a = s + m.start("org") + m.group("org").find(name.split()[0])
            add("lead_partner", name, a, a + len(name), rule, 0.65)
            add("partner", {"organisation": name, "role": "lead", "country": "",
                            "acronym": ""}, a, a + len(name), rule, 0.65)  # fmt: skip
            return


# Acronyms: a token with two capitals, or a capital and a digit, or a sign ("Resc/kUE",
# "Cool*Alps", "A-DROP", "INT 181"), never a common abbreviation of the field.
NOT_ACRONYMS = {
    "EU",
    "UE",
    "ERDF",
    "EFRE",
    "FEDER",
    "FESR",
    "EFRR",
    "EFRO",
    "ERUF",
    "IPA",
    "ENI",
    "CBC",
    "INTERREG",
    "NUTS",
    "SME",
    "SMES",
    "PME",
    "PMI",
    "MSP",
    "GECT",
    "EGTC",
    "EVTZ",
    "EZÚS",
    "UNESCO",
    "POCTEFA",
    "POCTEP",
    "ALCOTRA",
    "ADRION",
    "SUDOE",
    "URBACT",
    "ESPON",
    "MED",
    "NWE",
    "H2020",
    "KPF",
    "FMP",
    "EUR",
    "MEUR",
    "CEO",
    "CET",
    "PDF",
    "FAQ",
    "UDC",
    "ICT",
    "R&D",
    "RIS3",
    "EUSALP",
    "EUSBSR",
    "EUSDR",
    "MC",
    "JS",
    "LP",
    "PP",
    "NGO",
    "NGOS",
    "ÖKS",
    "INTERACT",
    "OK",
    "HTML",
    "GDPR",
    "COVID",
    "COVID-19",
    "UN",
    "UK",
    "USA",
    "EIB",
    "PARTNER",
    "PARTNERS",
    "PROJECT",
    "THE",
    "LIFE",
    "II",
    "III",
    "IV",
    "IVA",
    "VA",
    "VI",
    "VIA",
    "V-A",
    "VI-A",
    "IV-A",
    "IIIA",
    "IIIB",
    "IVC",
    "EUROPE",
}
ACRONYM = (
    r"(?-i:[A-ZÀ-Ž][\w/*+:.&-]{1,24}(?:\s\d{1,4}(?:\.\d)?)?"
    r"(?:\s[A-Z][A-Z0-9]{1,9}){0,3})"
)


def acronym_like(word: str) -> bool:
    core = word.strip(".,:;")
    if core.upper() in NOT_ACRONYMS or len(core) < 3 or len(core) > 25:
        return False
    if any(part.upper() in NOT_ACRONYMS or part.lower().startswith("interreg")
           for part in re.split(r"[-\s/]", core) if len(part) > 1):  # fmt: skip
        return False
    if re.fullmatch(r"[A-Z]{2,}\s\d{1,4}|[A-Z][\w-]+\s\d+(?:\.\d+)?", core):  # "INT 181"
        return True
    if re.fullmatch(r"[A-Z]{2,}(?:\s[A-Z][A-Z0-9]{1,9}){1,3}", core):  # "APD NLF EAP"
        return True
    if " " in core:
        return False
    upper = sum(ch.isupper() for ch in core)
    return upper >= 2 or (upper >= 1 and any(ch.isdigit() for ch in core))


def _acronym_in(words: str) -> str | None:
    """The acronym a match holds: all of it, or its last words ("Europe EURE" -> "EURE")."""
    parts = words.split()
    for i in range(len(parts)):
        candidate = " ".join(parts[i:])
        if acronym_like(candidate):
            return candidate
    return None


QUOTED = r"[„“\"«»]\s*(?P<q>[^„“”\"«»\n]{3,220}?)\s*[”“\"»«]"
ACRONYM_PATTERNS = [
    # "the EURE project", "ENLEB-project", "projektet COOLGEOHEAT", "Le projet Resc/kUE",
    # "EU-Förderprojekt INT 181", "lider projektu InterRevita"
    (re.compile(rf"(?<![\w-])(?P<a>{ACRONYM})[- ]{c.PROJECT_WORD}(?!\w)"), "acronym-then-project"),
    (re.compile(rf"{c.PROJECT_WORD}(?:s?\s+(?:europeo|européen|europeu|europejski|european))?"
                rf"\s+(?P<a>{ACRONYM})(?![\w/*+-])", re.I), "project-then-acronym"),
    # "ESPACE was one of six projects"
    (re.compile(rf"(?:^|\n)(?P<a>{ACRONYM})\s+(?:is|was|ist|war|est|(?:é|e)tait|è|es|era|é|jest|"
                rf"je|is\s+een)\s+(?:a|an|one|un|une|uno|una|ein|eine|um|uma)\b[^.]{{0,60}}?"
                rf"(?:{c.PROJECT_WORD}|{c.PROJECTS_WORD})", re.I), "acronym-is-a-project"),
]  # fmt: skip


def acronym_facts(text: str, s: int, e: int, add) -> None:
    body = text[s:e]
    counts: dict[str, list[tuple[int, int, str]]] = {}
    for pattern, rule in ACRONYM_PATTERNS:
        for m in pattern.finditer(body):
            word = _acronym_in(m.group("a").rstrip(".,:;"))
            if word is None or re.search(c.PROJECT_WORD + "$", word, re.I):
                continue
            a = s + m.start("a") + m.group("a").rfind(word)
            counts.setdefault(word, []).append((a, a + len(word), rule))
    # A quoted name said twice or beside a project word: "“AlcoTraité » le nouveau projet".
    for m in re.finditer(QUOTED, body):
        name = m.group("q").strip()
        if acronym_like(name) and (
            body.count(name) > 1
            or re.match(
                rf"\s*,?\s*(?:\w+\s+){{0,2}}{c.PROJECT_WORD}", body[m.end() : m.end() + 40], re.I
            )
        ):
            counts.setdefault(name, []).append((s + m.start("q"), s + m.start("q") + len(name),
                                                "quoted-acronym"))  # fmt: skip
    if counts:
        word, places = max(counts.items(), key=lambda kv: (len(kv[1]), -kv[1][0][0]))
        a, b, rule = places[0]
        add("acronym", word, a, b, rule, 0.6 + 0.05 * min(len(places), 3))


TITLE_PATTERNS = [
    # 'projekt pn. „Ukraińsko-polski obszar jezior – kraina legend”', 'le projet « X »',
    # 'Interreg-Projekt "UniGR-Center for Border Studies"', 'Het project "Muren en tuinen"'
    (re.compile(rf"{c.PROJECT_WORD}(?:\s+(?:pn\.|pt\.|n\.|nr|de\s+construction|europeo|"
                rf"européen))?\s*:?\s*{QUOTED}", re.I), "project-then-quoted-name"),
    # 'BEST “Addressing joint Agro and Aqua-Biodiversity pressures ...” è un Progetto'
    (re.compile(rf"(?:^|\n)\s*(?P<a>{ACRONYM})\s+{QUOTED}[^.\n]{{0,80}}{c.PROJECT_WORD}", re.I),
     "acronym-then-quoted-title"),
    # '"Universidades sem Fronteiras" (UNISF)', 'Start in Mountains (SIM)'
    (re.compile(rf"{QUOTED}\s*\((?P<a>{ACRONYM})\)"), "quoted-title-then-acronym"),
    (re.compile(rf"{c.PROJECT_WORD}(?:\s+(?:europeo|européen|europeu|european))?\s+"
                rf"(?P<q>[A-Z][\w-]*(?:\s+(?:in|of|for|and|the|de|di|del|da|des|du|für|und|"
                rf"[A-Z][\w-]*)){{1,8}})\s*\((?P<a>{ACRONYM})\)", re.I), "title-then-acronym"),
]  # fmt: skip


ACRONYM_TITLE_LINE = re.compile(
    rf"^[ \t]*(?P<a>{ACRONYM})[ \t]+[:|–][ \t]+(?P<q>[^\n]{{5,200}}?)[ \t]*$", re.M
)


def title_facts(text: str, s: int, e: int, add) -> None:
    body = text[s:e]
    # "Resc/kUE : Prévention des maladies cardiovasculaires ..."
    for m in ACRONYM_TITLE_LINE.finditer(body):
        title = m.group("q")
        if acronym_like(m.group("a")) and not re.search(r"[.!?]$|\d[.,]\d|\d{3}", title):
            add("acronym", m.group("a"), s + m.start("a"), s + m.end("a"), "acronym-title-line",
                0.75)  # fmt: skip
            add("title", title, s + m.start("q"), s + m.end("q"), "acronym-title-line", 0.75)
            return
    for pattern, rule in TITLE_PATTERNS:
        for m in pattern.finditer(body):
            title = m.group("q").strip(" .,")
            acronym = m.groupdict().get("a")
            split = re.fullmatch(rf"(?P<a>{ACRONYM})\s*[:–|-]\s+(?P<t>.{{3,}})", title)
            if split and acronym_like(split.group("a")):
                acronym, title = split.group("a"), split.group("t").strip()
            if acronym_like(title) and not acronym:
                continue  # a quoted acronym, not a title
            if len(title.split()) < 2 or not title[0].isupper() and not title[0].isdigit():
                continue
            t = s + m.start("q") + m.group("q").find(title[:10])
            add("title", title, t, t + len(title), rule, 0.7)
            if not acronym and (after := re.match(rf"\s*\((?P<a>{ACRONYM})\)", body[m.end() :])):
                acronym = after.group("a")
            if acronym and acronym_like(acronym):
                a = s + body.find(acronym, m.start())
                add("acronym", acronym, a, a + len(acronym), rule, 0.75)
            return


# "4 partners (TIT, NWRDA, BBF and CLDI) from 3 ... countries Bulgaria, Romania, and Spain":
# partners by acronym, each tied to its country when the page pairs them (one country for
# the group, or as many countries as partners with "respectively").
_AND = r"(?:,\s*(?:and|und|et|e|y|i|a|en|och|og)?\s*|\s+(?:and|und|et|e|y|i|a|en|och|og)\s+)"
PARTNER_ACRONYMS = re.compile(
    rf"(?:partners?|partenaires|socios|parceiros|partnerzy|partne(?:ř|r)i|projektpartner\w*)\s*"
    rf"\((?P<list>{ACRONYM}(?:{_AND}{ACRONYM})+)\)"
    rf"(?=\s+(?:from|aus|de|da|des|z|ze|uit|från|fra)\s+(?P<countries>[^.;()]{{0,160}}))?",
    re.I,
)
COUNTRY_LIST = re.compile(rf"(?P<c>{c.COUNTRY_NAME})", re.I)


def partner_acronym_facts(text: str, s: int, e: int, add) -> None:
    for m in PARTNER_ACRONYMS.finditer(text, s, e):
        names = [n for n in re.split(_AND, m.group("list")) if n]
        if not all(re.fullmatch(r"[A-Z][\w+&.-]{1,15}", n) for n in names):
            continue
        countries = []
        if m.group("countries"):
            tail = m.group("countries")
            tail = tail[
                : len(tail) if not (cut := re.search(r",\s*[a-z]{4,}", tail)) else cut.start()
            ]
            countries = [c.country(x.group("c")) for x in COUNTRY_LIST.finditer(tail)]
        respectively = re.search(
            r"respectively|beziehungsweise|respectivement|rispettivamente|"
            r"respectivamente|odpowiednio",
            text[m.end() : m.end() + 80],
            re.I,
        )
        for name in names:
            country = ""
            if len(countries) == 1:
                country = countries[0]
            elif countries and len(countries) == len(names) and respectively:
                country = countries[names.index(name)]
            a = m.start("list") + m.group("list").find(name)
            add("partner", {"organisation": name, "role": "partner", "country": country,
                            "acronym": name, "countries_stated": countries}, a, a + len(name),
                "partner-acronyms-in-brackets", 0.7)  # fmt: skip


# Themes: a list after "thematic areas", "Schwerpunkten", "thématiques", "temi", ...
THEMES = re.compile(
    r"(?:thematic\s+(?:areas|fields|priorities|focus)|themes?|topics|focus\s+areas|"
    r"Schwerpunkte[n]?|Themen(?:felder|bereiche)?|th(?:é|e)matiques|domaines|temi|temas|"
    r"(?:á|a)reas\s+tem(?:á|a)ticas|tematy|obszary\s+tematyczne|t(?:é|e)mata|thema's)"
    r"(?:\s*\w+){0,2}?\s*:\s*(?P<list>(?:[^.\n;]|(?<=\d)\.(?=\d)){5,300})",
    re.I,
)


def theme_facts(text: str, s: int, e: int, add) -> None:
    for m in THEMES.finditer(text, s, e):
        items = re.split(
            r",\s*(?:and\s+|und\s+|et\s+|e\s+|y\s+|i\s+)?|\s+sowie\s+", m.group("list")
        )
        position = m.start("list")
        themes = []
        for item in items:
            item = item.strip()
            if not item or not (item[0].isupper() or item[0].isdigit()) or len(item) > 80:
                break
            themes.append((text.find(item, position), item))
        if len(themes) >= 2:
            for a, item in themes:
                add("theme", item, a, a + len(item), "themes-after-theme-words", 0.7)
            return


# "a two-phase implementation process: (1) first ...; and (2) second ..."
PHASES = re.compile(r"\(1\)\s*(?P<one>[^()]{10,300}?)[;,]?\s*(?:and|und|et|e|y|i)?\s*"
                    r"\(2\)\s*(?P<two>[^()]{10,300}?)(?:[;.]|\(3\)|$)", re.I)  # fmt: skip


def phase_facts(text: str, s: int, e: int, add) -> None:
    """Phases numbered after a phase word, in the text from s to e."""
    cue = re.search(r"phase|stage|fase|(?:é|e)tape|etap", text[s:e], re.I)
    if not cue:
        return
    s = s + cue.start()
    sentence = text[s : min(e, s + 900)]
    for m in PHASES.finditer(sentence):
        for group in ("one", "two"):
            name = re.sub(r"^(?:first|second|then|erstens|zweitens)\s+(?:the\s+|to\s+)?", "",
                          m.group(group).strip(), flags=re.I)  # fmt: skip
            add("phase", {"name": name}, s + m.start(group), s + m.end(group),
                "numbered-phases", 0.6)  # fmt: skip
        return
