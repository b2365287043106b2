"""The matchmaker: which organisations of the registry would fit a consortium, and why.

A consortium (a project idea, or a running project) is described by its words, its
programme, its themes, its partners and, for an idea, the partner types, countries and
regions it seeks. Every organisation not in it gets a score, the weighted sum of features
each between 0 and 1, and the reasons behind them in sentences:

- topic: the consortium's words against the organisation's past projects' words (titles,
  summaries, themes), ranked by BM25 over one text per organisation;
- track: its projects, the times it led one, its validated good practices and the
  implemented actions of its action plans;
- programme, focus: the projects it took part in under the same programme, and their share
  of all its projects;
- area: whether it sits in the area the programme's projects cover (NUTS 2, else country;
  for cross-border programmes this counts CROSS_BORDER_AREA times more);
- copartner, affinity: the past projects it shares with the consortium's partners, in
  number and as the cosine of their project lists;
- nearby, neighbour: the share of the partners in its own NUTS 2 and NUTS 3 region;
- new_type: an organisation type the consortium lacks;
- complement: a country the consortium lacks, a region in another innovation group of the
  European Innovation Scoreboard (as BOOST pairs innovation leaders with moderate and
  emerging innovators);
- sought: the partner types, countries and regions an idea says it looks for.

The weights (WEIGHTS) were chosen by measuring on `corridor bench matchmaking`.

The registry is read once into a `MatchIndex` kept in memory, and read again when the data
change: when a watched model is saved or deleted in this process (signals), or when the
database's counts and latest ids differ (another process wrote).

The benchmark hides one partner of a project and asks for it back; `hidden` names that
partnership, and no feature counts it: not in the organisation's track record, nor in its
texts, its programme's area or its co-partnerships.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from corridor.community.match_index import MatchIndex, match_index, theme_token, tokens
from corridor.lib.countries import country_name
from corridor.lib.words import plural, sentence_list
from corridor.projects.models import Strand
from corridor.regions.models import InnovationGroup
from corridor.search.analysis import fold, words
from corridor.search.services import closeness

# Weights of the features, chosen on `corridor bench matchmaking --tune` (see its docstring
# and the README): a coordinate search over a grid maximising MRR on half of the cases.
# Two the benchmark cannot measure are stated: complement (every consortium there is of one
# country) and sought (projects seek nothing). Tuning left new_type at 0: the type a
# consortium lacks did not tell which partner it had.
WEIGHTS: dict[str, float] = {
    "topic": 4.0,
    "track": 4.0,
    "programme": 0.5,
    "focus": 0.25,
    "area": 4.0,
    "copartner": 1.0,
    "affinity": 1.0,
    "nearby": 2.0,
    "neighbour": 1.0,
    "new_type": 0.0,
    # Not measurable on the benchmark, whose consortia are of one country (the Swedish,
    # Norwegian and Danish lists name their own country's partners only): stated.
    "complement": 1.0,
    "sought": 6.0,
}
# How much more the programme's area counts for a cross-border (strand A) programme.
CROSS_BORDER_AREA = 2.0

K1, B = 1.2, 0.75  # BM25


# The question ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Consortium:
    """What the matchmaker is asked about."""

    text: str
    programme_id: int | None = None
    partner_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()
    partner_types: tuple[str, ...] = ()  # sought
    countries: tuple[str, ...] = ()  # sought
    region_codes: tuple[str, ...] = ()  # sought
    project_id: int | None = None  # the running project itself: never a past project
    hidden: tuple[int, int] | None = None  # (project, organisation): never counted
    language: str = "en"
    # Its search document ("idea:7"), whose vector, when this node has one, is compared
    # with the organisations' past projects' (topic by meaning, in any language).
    document_id: str = ""


@dataclass
class Scored:
    organisation_id: int
    score: float
    features: dict[str, float]
    reasons: list[tuple[str, str, float]]  # (feature, sentence, points)


# Scoring --------------------------------------------------------------------------------
def _bm25(index: MatchIndex, query: Iterable[str], hidden: tuple[int, int] | None) -> dict:
    n = index.size
    scores: defaultdict[int, float] = defaultdict(float)
    hidden_terms: Counter = Counter()
    hidden_org = None
    if hidden is not None:
        hidden_org = hidden[1]
        if hidden[0] in index.org_projects.get(hidden_org, ()):
            hidden_terms = index.project_terms.get(hidden[0], Counter())
    average = index.average_length
    for term in set(query):
        posting = index.postings.get(term)
        if not posting:
            continue
        df = len(posting)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for org_id, tf in posting.items():
            length = index.org_length[org_id]
            if org_id == hidden_org:
                tf -= hidden_terms.get(term, 0)
                length -= sum(hidden_terms.values())
                if tf <= 0:
                    continue
            scores[org_id] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
    return scores


def _meaning(consortium: Consortium, index: MatchIndex) -> dict[int, float]:
    """Per organisation, how close in meaning its closest past project is to the
    consortium (never the project itself nor the hidden one), scaled to 0-1 between the
    least and the most close: one model's cosines lie in a narrow band."""
    if not consortium.document_id:
        return {}
    skipped = {consortium.project_id, consortium.hidden[0] if consortium.hidden else None}
    projects = [p for p in index.project_names if p not in skipped]
    close = closeness(consortium.document_id, [f"project:{p}" for p in projects])
    if not close:
        return {}
    best: dict[int, float] = {}
    for org_id, org_projects in index.org_projects.items():
        sims = [close[key] for p in org_projects if (key := f"project:{p}") in close]
        if sims:
            best[org_id] = max(sims)
    if not best:
        return {}
    low, high = min(best.values()), max(best.values())
    return {org_id: (s - low) / (high - low) if high > low else 1.0 for org_id, s in best.items()}


def _normalised(values: dict[int, float]) -> dict[int, float]:
    top = max(values.values(), default=0.0)
    return {k: v / top for k, v in values.items()} if top > 0 else {}


def _counts(index: MatchIndex, org_id: int, hidden: tuple[int, int] | None, project_id):
    """An organisation's record, without the hidden partnership and the project asked about."""
    projects = [
        p
        for p in index.org_projects.get(org_id, ())
        if p != project_id and not (hidden and hidden == (p, org_id))
    ]
    leads = [p for p in index.org_leads.get(org_id, ()) if p in projects]
    practices = sum(n for p, n in index.practices.get(org_id, Counter()).items() if p in projects)
    actions = sum(n for p, n in index.actions.get(org_id, Counter()).items() if p in projects)
    return projects, leads, practices, actions


def popularity(index: MatchIndex, consortium: Consortium, limit: int) -> list[int]:
    """The baseline: organisations by number of projects (the hidden one not counted)."""
    excluded = set(consortium.partner_ids)
    counts = []
    for org_id, projects in index.org_projects.items():
        if org_id in excluded:
            continue
        n = len(projects)
        if consortium.hidden and consortium.hidden[1] == org_id:
            n -= consortium.hidden[0] in projects
        counts.append((-n, org_id))
    counts.sort()
    return [org_id for _, org_id in counts[:limit]]


def _type_key(type_: str) -> str:
    return fold(type_).strip()


GROUP_WORDS: dict[str, str] = {
    InnovationGroup.LEADER: "an innovation leader",
    InnovationGroup.STRONG: "a strong innovator",
    InnovationGroup.MODERATE: "a moderate innovator",
    InnovationGroup.EMERGING: "an emerging innovator",
}
GROUP_PLURAL: dict[str, str] = {
    InnovationGroup.LEADER: "innovation leaders",
    InnovationGroup.STRONG: "strong innovators",
    InnovationGroup.MODERATE: "moderate innovators",
    InnovationGroup.EMERGING: "emerging innovators",
}


@dataclass
class FeatureTable:
    """Every candidate's features for one consortium, and what the reasons need."""

    consortium: Consortium
    org_ids: list[int]
    features: dict[str, list[float]]
    cross_border: bool
    context: dict


FEATURES = [
    "topic", "track", "programme", "focus", "area", "copartner", "affinity", "nearby",
    "neighbour", "new_type", "complement", "sought",
]  # fmt: skip


def feature_table(consortium: Consortium, index: MatchIndex, explain: bool = True) -> FeatureTable:
    hidden, project_id = consortium.hidden, consortium.project_id
    partners = [p for p in consortium.partner_ids if p in index.orgs]
    excluded = set(partners)
    programme_id = consortium.programme_id
    programme_name, strand = index.programmes.get(programme_id or -1, ("", ""))

    query = tokens(consortium.text, consortium.language)
    query += [theme_token(t) for t in consortium.theme_ids]
    display = {}
    if explain:  # the words as the consortium wrote them, for the reasons
        for word in reversed(words(consortium.text)):
            for stem in tokens(word, consortium.language):
                display[stem] = word
    topic = _normalised(_bm25(index, query, hidden))
    meaning = _meaning(consortium, index)
    if meaning:
        # Words and meaning count half each: the words say what the texts share, the
        # meaning finds it across languages.
        topic = {
            org_id: 0.5 * topic.get(org_id, 0.0) + 0.5 * meaning.get(org_id, 0.0)
            for org_id in topic.keys() | meaning.keys()
        }

    # Past projects shared with the partners (never the project asked about).
    shared: defaultdict[int, Counter] = defaultdict(Counter)
    for partner in partners:
        for p in index.org_projects.get(partner, ()):
            if p == project_id or (hidden and p == hidden[0]):
                continue
            for other in index.project_partners.get(p, ()):
                if other != partner:
                    shared[other][partner] += 1

    # The programme's area, without the hidden partnership.
    regions = Counter(index.programme_regions.get(programme_id or -1, Counter()))
    countries = Counter(index.programme_countries.get(programme_id or -1, Counter()))
    hidden_in_programme = (
        hidden is not None and index.project_programme.get(hidden[0]) == programme_id
    )
    if hidden and hidden_in_programme:
        info = index.orgs.get(hidden[1])
        if info and info.nuts2:
            regions[info.nuts2] -= 1
        if info and info.country:
            countries[info.country] -= 1

    consortium_orgs = [index.orgs[p] for p in partners]
    consortium_countries = {o.country for o in consortium_orgs if o.country}
    consortium_types = {_type_key(o.type) for o in consortium_orgs if o.type}
    consortium_groups = {o.group for o in consortium_orgs if o.group}
    consortium_nuts2 = Counter(o.nuts2 for o in consortium_orgs if o.nuts2)
    consortium_nuts3 = Counter(o.region for o in consortium_orgs if len(o.region) == 5)
    sought_types = {_type_key(t) for t in consortium.partner_types}
    sought_countries = set(consortium.countries)
    sought_regions = tuple(consortium.region_codes)

    raw_track: dict[int, float] = {}
    raw_programme: dict[int, float] = {}
    raw_shared: dict[int, float] = {}
    focus: dict[int, float] = {}
    raw_affinity: dict[int, float] = {}
    degree = {partner: len(_counts(index, partner, hidden, project_id)[0]) for partner in partners}
    records = {}
    for org_id in index.orgs:
        if org_id in excluded:
            continue
        projects, leads, practices, actions = _counts(index, org_id, hidden, project_id)
        records[org_id] = (projects, leads, practices, actions)
        raw_track[org_id] = (
            math.log1p(len(projects))
            + 0.5 * math.log1p(len(leads))
            + math.log1p(practices)
            + math.log1p(actions)
        )
        in_programme = sum(1 for p in projects if index.project_programme.get(p) == programme_id)
        if in_programme > 0:
            raw_programme[org_id] = math.log1p(in_programme)
            focus[org_id] = in_programme / (len(projects) + 1)
        together = shared.get(org_id)
        if together:
            raw_shared[org_id] = math.log1p(sum(together.values()))
            # Cosine of the two organisations' project lists, summed over the partners.
            raw_affinity[org_id] = sum(
                n / math.sqrt(len(projects) * degree[partner])
                for partner, n in together.items()
                if projects and degree[partner]
            )
    track = _normalised(raw_track)
    in_programme_score = _normalised(raw_programme)
    copartner = _normalised(raw_shared)
    affinity = _normalised(raw_affinity)

    columns: dict[str, list[float]] = {name: [] for name in FEATURES}
    org_ids = list(records)
    for org_id in org_ids:
        info = index.orgs[org_id]
        columns["topic"].append(topic.get(org_id, 0.0))
        columns["track"].append(track.get(org_id, 0.0))
        columns["programme"].append(in_programme_score.get(org_id, 0.0))
        columns["focus"].append(focus.get(org_id, 0.0))
        columns["affinity"].append(affinity.get(org_id, 0.0))
        columns["copartner"].append(copartner.get(org_id, 0.0))
        area = 0.0
        if programme_id is not None:
            if info.nuts2 and regions.get(info.nuts2, 0) > 0:
                area = 1.0
            elif info.country and countries.get(info.country, 0) > 0:
                area = 0.5
        columns["area"].append(area)
        columns["nearby"].append(
            consortium_nuts2.get(info.nuts2, 0) / len(partners) if info.nuts2 and partners else 0.0
        )
        columns["neighbour"].append(
            consortium_nuts3.get(info.region, 0) / len(partners)
            if len(info.region) == 5 and partners
            else 0.0
        )
        complement = 0.0
        if partners:
            if info.group and consortium_groups and info.group not in consortium_groups:
                complement += 0.5
            if info.country and info.country not in consortium_countries:
                complement += 0.5
        columns["new_type"].append(
            1.0 if partners and info.type and _type_key(info.type) not in consortium_types else 0.0
        )
        columns["complement"].append(complement)
        sought, asked = 0.0, 0
        for wanted, met in (
            (sought_types, _type_key(info.type) in sought_types),
            (sought_countries, info.country in sought_countries),
            (sought_regions, bool(info.region) and info.region.startswith(sought_regions)),
        ):
            if wanted:
                asked += 1
                sought += met
        columns["sought"].append(sought / asked if asked else 0.0)
    context = {
        "records": records, "shared": shared, "programme_name": programme_name,
        "groups": consortium_groups, "countries": consortium_countries,
        "nuts2": consortium_nuts2, "query": query,
        "display": display,
    }  # fmt: skip
    return FeatureTable(consortium, org_ids, columns, strand == Strand.CROSS_BORDER, context)


def suggest(
    consortium: Consortium,
    limit: int = 10,
    index: MatchIndex | None = None,
    weights: dict[str, float] | None = None,
    cross_border_area: float | None = None,
    explain: bool = True,
) -> list[Scored]:
    """The `limit` best organisations for the consortium, each with its reasons."""
    index = index or match_index()
    weights = WEIGHTS if weights is None else weights
    table = feature_table(consortium, index, explain)
    boost = CROSS_BORDER_AREA if cross_border_area is None else cross_border_area
    area_weight = weights.get("area", 0.0) * (boost if table.cross_border else 1.0)
    applied = {**weights, "area": area_weight}
    scores = [0.0] * len(table.org_ids)
    for name, column in table.features.items():
        weight = applied.get(name, 0.0)
        if weight:
            scores = [score + weight * value for score, value in zip(scores, column, strict=True)]
    order = sorted(
        range(len(scores)), key=lambda i: (-scores[i], index.orgs[table.org_ids[i]].name)
    )[:limit]
    chosen = [
        Scored(
            table.org_ids[i],
            scores[i],
            {name: column[i] for name, column in table.features.items()},
            [],
        )
        for i in order
    ]
    if explain:
        for scored in chosen:
            scored.reasons = _reasons(index, scored, table, applied)
    return chosen


def _idf(index: MatchIndex, term: str) -> float:
    df = len(index.postings.get(term, ()))
    return math.log(1 + (index.size - df + 0.5) / (df + 0.5))


def _said(index: MatchIndex, term: str, display: dict[str, str]) -> str:
    if term.startswith("theme:"):
        return f"the theme {index.theme_names.get(int(term[6:]), term)}"
    return f"“{display.get(term, term)}”"


def _reasons(
    index: MatchIndex, scored: Scored, table: FeatureTable, weights: dict[str, float]
) -> list[tuple[str, str, float]]:
    consortium, context = table.consortium, table.context
    record = context["records"][scored.organisation_id]
    shared, programme_name = context["shared"], context["programme_name"]
    groups, countries = context["groups"], context["countries"]
    nuts2, query, display = context["nuts2"], context["query"], context["display"]
    info = index.orgs[scored.organisation_id]
    f = scored.features
    projects, leads, practices, actions = record
    reasons: list[tuple[str, str, float]] = []

    def add(name: str, text: str, value: float | None = None) -> None:
        points = weights.get(name, 0.0) * (f.get(name, 0.0) if value is None else value)
        reasons.append((name, text, points))

    if f["topic"] > 0:
        idf = {t: _idf(index, t) for t in set(query)}
        overlaps = []
        for p in projects:
            common = idf.keys() & index.project_terms.get(p, {}).keys()
            if common:
                overlaps.append((-sum(idf[t] for t in common), index.project_names[p], common))
        overlaps.sort(key=lambda o: (o[0], o[1]))
        best = overlaps[:3]
        words_in_common = sorted(set().union(*(o[2] for o in best)), key=lambda t: -idf[t])
        said = [_said(index, t, display) for t in words_in_common[:4]]
        names = sentence_list([o[1] for o in best])
        more = f" (and {len(overlaps) - 3} more)" if len(overlaps) > 3 else ""
        if best:
            add("topic", f"Its past projects {names}{more} share {sentence_list(said)}")
    if projects:
        parts = [f"Took part in {plural(len(projects), 'project')}"]
        if leads:
            parts.append(f"led {len(leads)}")
        if practices:
            parts.append(f"{plural(practices, 'validated good practice')}")
        if actions:
            parts.append(f"{plural(actions, 'implemented action')} in its action plans")
        add("track", sentence_list(parts))
    if f["programme"] > 0:
        in_programme = [
            p for p in projects if index.project_programme.get(p) == consortium.programme_id
        ]
        led = [p for p in in_programme if p in leads]
        text = f"Took part in {plural(len(in_programme), 'project')} of {programme_name}"
        add("programme", text + (f", led {len(led)}" if led else ""))
    if f["area"] > 0 and not f["nearby"]:
        where = index.region_names.get(info.nuts2) or country_name(info.country)
        add("area", f"Based in {where}, where {programme_name} projects work")
    if f["copartner"] > 0:
        by_partner = shared.get(scored.organisation_id, Counter())
        partner_id, n = by_partner.most_common(1)[0]
        text = f"Shares {plural(n, 'past project')} with {index.orgs[partner_id].name}"
        others = len(by_partner) - 1
        if others:
            text += f" (and past projects with {plural(others, 'other partner')})"
        add("copartner", text)
    if f["nearby"] > 0:
        n = nuts2.get(info.nuts2, 0)
        where = index.region_names.get(info.nuts2, info.nuts2)
        text = f"Based in {where}, like {plural(n, 'partner')} of the consortium"
        if f["area"] > 0:
            text += f", where {programme_name} projects work"
        points = weights.get("nearby", 0.0) * f["nearby"] + weights.get("area", 0.0) * f["area"]
        reasons.append(("nearby", text, points))
    if f["complement"] > 0:
        if info.group and groups and info.group not in groups:
            theirs = sentence_list(sorted(GROUP_PLURAL.get(g, g) for g in groups))
            add(
                "complement",
                f"Its region is {GROUP_WORDS.get(info.group, info.group)}, unlike the "
                f"consortium's {theirs}",
                0.5,
            )
        if info.country and info.country not in countries:
            add("complement", f"Brings {country_name(info.country)} to the consortium", 0.5)
    if f["new_type"] > 0:
        add("new_type", f"A {info.type.lower()}, a type the consortium lacks")
    if f["sought"] > 0:
        met = []
        if _type_key(info.type) in {_type_key(t) for t in consortium.partner_types}:
            met.append(f"a {info.type.lower()}")
        if info.country in consortium.countries:
            met.append(f"from {country_name(info.country)}")
        if info.region and info.region.startswith(tuple(consortium.region_codes)):
            met.append(f"in {info.region}")
        if met:
            add("sought", f"What the idea looks for: {sentence_list(met)}")
    reasons.sort(key=lambda r: -r[2])
    return reasons
