"""The registry in memory for the matchmaker: each organisation's projects, words, places
and record, read once per process and read again when the data change."""

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Max

from corridor.community.partnership_rules import PUBLIC_TYPES
from corridor.learning.models import GoodPractice, PracticeStatus
from corridor.organisations.models import Organisation, Ownership
from corridor.plans.models import ActionProgress
from corridor.plans.queries import implemented_actions
from corridor.projects.models import Partnership, Programme, Project, Role, Theme
from corridor.regions.models import Region
from corridor.search.analysis import stems
from corridor.search.models import IndexChange

# Words too common in project titles to tell organisations apart (after stemming).
STOPWORDS = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "into",
    "is",
    "it",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "its",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "och",
    "i",
    "för",
    "av",
    "med",
    "en",
    "ett",
    "till",
    "på",
    "som",
    "den",
    "det",
    "de",
    "und",
    "der",
    "die",
    "das",
    "für",
    "von",
    "mit",
    "og",
    "til",
    "af",
    "paa",
}


@dataclass
class OrgInfo:
    id: int
    name: str
    type: str
    public: bool
    country: str
    region: str  # most specific NUTS code known
    nuts2: str
    group: str  # the country's innovation group


@dataclass
class MatchIndex:
    orgs: dict[int, OrgInfo]
    programmes: dict[int, tuple[str, str]]  # id -> (name, strand)
    programme_names: dict[int, str]
    project_programme: dict[int, int | None]
    project_partners: dict[int, list[int]]
    project_terms: dict[int, Counter]
    project_names: dict[int, str]
    org_projects: dict[int, list[int]]
    org_leads: dict[int, set[int]]
    practices: dict[int, Counter]  # org -> project -> validated practices
    actions: dict[int, Counter]  # org -> project -> implemented actions
    org_terms: dict[int, Counter]
    org_length: dict[int, int]
    postings: dict[str, dict[int, int]]
    average_length: float
    programme_regions: dict[int, Counter]  # programme -> NUTS 2 -> partnerships
    programme_countries: dict[int, Counter]  # programme -> country -> partnerships
    region_names: dict[str, str]
    theme_names: dict[int, str]

    @property
    def size(self) -> int:
        return len(self.org_terms)


def tokens(text: str, language: str = "en") -> list[str]:
    return [t for t in stems(text, language).split() if t not in STOPWORDS and len(t) > 1]


def theme_token(theme_id: int) -> str:
    return f"theme:{theme_id}"


def build_index() -> MatchIndex:
    groups = dict(
        Region.objects.filter(level=0)
        .exclude(innovation_group="")
        .values_list("country_code", "innovation_group")
    )
    region_names = {
        code: name for code, name in Region.objects.filter(level=2).values_list("code", "name")
    }
    orgs: dict[int, OrgInfo] = {}
    for pk, name, acronym, type_, ownership, country, region in Organisation.objects.values_list(
        "pk", "name", "acronym", "type", "ownership", "country_code", "region__code"
    ):
        region = region or ""
        country = country or (region[:2] if region else "")
        lowered = (type_ or "").lower()
        public = ownership == Ownership.PUBLIC or any(word in lowered for word in PUBLIC_TYPES)
        display = f"{name} ({acronym})" if acronym and acronym not in name else name
        orgs[pk] = OrgInfo(
            pk, display, type_ or "", public, country, region,
            region[:4] if len(region) >= 4 else "", groups.get(country, ""),
        )  # fmt: skip

    programmes = {
        pk: (f"{name} {period}".strip(), strand)
        for pk, name, period, strand in Programme.objects.values_list(
            "pk", "name", "period", "strand"
        )
    }
    themes: defaultdict[int, list[int]] = defaultdict(list)
    for project_id, theme_id in Project.themes.through.objects.values_list(
        "project_id", "theme_id"
    ):
        themes[project_id].append(theme_id)
    project_programme: dict[int, int | None] = {}
    project_terms: dict[int, Counter] = {}
    project_names: dict[int, str] = {}
    for pk, acronym, title, summary, language, programme_id in Project.objects.values_list(
        "pk", "acronym", "title", "summary", "summary_language", "programme_id"
    ):
        project_programme[pk] = programme_id
        project_names[pk] = acronym
        terms = Counter(tokens(f"{acronym} {title}"))
        if summary:
            terms.update(tokens(summary[:3000], language or "en"))
        terms.update(theme_token(t) for t in themes.get(pk, ()))
        project_terms[pk] = terms

    project_partners: defaultdict[int, list[int]] = defaultdict(list)
    org_projects: defaultdict[int, list[int]] = defaultdict(list)
    org_leads: defaultdict[int, set[int]] = defaultdict(set)
    programme_regions: defaultdict[int, Counter] = defaultdict(Counter)
    programme_countries: defaultdict[int, Counter] = defaultdict(Counter)
    for project_id, org_id, role in Partnership.objects.values_list(
        "project_id", "organisation_id", "role"
    ):
        project_partners[project_id].append(org_id)
        org_projects[org_id].append(project_id)
        if role == Role.LEAD:
            org_leads[org_id].add(project_id)
        in_programme = project_programme.get(project_id)
        if in_programme is not None:
            info = orgs[org_id]
            if info.nuts2:
                programme_regions[in_programme][info.nuts2] += 1
            if info.country:
                programme_countries[in_programme][info.country] += 1

    practices: defaultdict[int, Counter] = defaultdict(Counter)
    for org_id, project_id in GoodPractice.objects.filter(
        status=PracticeStatus.VALIDATED, organisation__isnull=False
    ).values_list("organisation_id", "project_id"):
        practices[org_id][project_id] += 1
    actions: defaultdict[int, Counter] = defaultdict(Counter)
    for org_id, project_id in implemented_actions().values_list(
        "plan__partner_id", "plan__project_id"
    ):
        actions[org_id][project_id] += 1

    # One text per organisation: its past projects' words.
    org_terms: dict[int, Counter] = {}
    postings: defaultdict[str, dict[int, int]] = defaultdict(dict)
    for org_id in orgs:
        text: Counter = Counter()
        for project_id in org_projects.get(org_id, ()):
            text.update(project_terms[project_id])
        org_terms[org_id] = text
        for term, tf in text.items():
            postings[term][org_id] = tf
    org_length = {org_id: sum(terms.values()) for org_id, terms in org_terms.items()}
    with_text = [n for n in org_length.values() if n]
    return MatchIndex(
        orgs=orgs,
        programmes=programmes,
        programme_names={pk: name for pk, (name, _) in programmes.items()},
        project_programme=project_programme,
        project_partners=dict(project_partners),
        project_terms=project_terms,
        project_names=project_names,
        org_projects=dict(org_projects),
        org_leads=dict(org_leads),
        practices=dict(practices),
        actions=dict(actions),
        org_terms=org_terms,
        org_length=org_length,
        postings=dict(postings),
        average_length=(sum(with_text) / len(with_text)) if with_text else 1.0,
        programme_regions=dict(programme_regions),
        programme_countries=dict(programme_countries),
        region_names=region_names,
        theme_names=dict(Theme.objects.values_list("pk", "name")),
    )


# The cache: one index per process, rebuilt when the data change.
_lock = threading.Lock()
_cache: dict[str, object] = {}


def data_version() -> tuple:
    """Cheap to ask: the search change log's position, and the counts and latest ids of
    what the index reads (imports may write without signals)."""
    version: list = [IndexChange.objects.aggregate(m=Max("pk"))["m"]]
    for model in (Partnership, Project, Organisation, GoodPractice, ActionProgress):
        figures = model.objects.aggregate(m=Max("pk"))
        version += [figures["m"], model.objects.count()]
    version.append(_cache.get("generation", 0))
    return tuple(version)


def clear_cache(**kwargs) -> None:
    with _lock:
        _cache["generation"] = int(_cache.get("generation", 0)) + 1  # type: ignore[call-overload]
        _cache.pop("index", None)


def match_index() -> MatchIndex:
    version = data_version()
    with _lock:
        if _cache.get("version") == version and "index" in _cache:
            return _cache["index"]  # type: ignore[return-value]
    index = build_index()
    with _lock:
        _cache["index"], _cache["version"] = index, version
    return index


def connect_signals() -> None:
    """A save or delete of what the index reads drops it (called from the app's ready())."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in (Partnership, Project, Organisation, GoodPractice, ActionProgress, Region):
        uid = f"matchmaker-{model.__name__}"
        post_save.connect(clear_cache, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(clear_cache, sender=model, weak=False, dispatch_uid=uid + "-d")
    m2m_changed.connect(
        clear_cache, sender=Project.themes.through, weak=False, dispatch_uid="matchmaker-themes"
    )
