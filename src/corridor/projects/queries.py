"""Reads behind the project pages, the API and the CLI: one function per question."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from corridor.lib import filters
from corridor.projects.models import ROLE_ORDER, Partnership, Programme, Project, Role, Theme
from corridor.projects.objectives import objective_label
from corridor.regions.models import Region

# Undated and unbudgeted projects go last either way; databases disagree on where NULL sorts.
NEWEST_FIRST = F("start_date").desc(nulls_last=True)
SORTS = {
    "acronym": ("acronym",),
    "-start": (NEWEST_FIRST, "acronym"),
    "start": (F("start_date").asc(nulls_last=True), "acronym"),
    "-budget": (F("total_budget").desc(nulls_last=True), "acronym"),
    "-partners": ("-partner_count", "acronym"),
}


@dataclass
class ProjectFilters:
    q: str = ""
    programmes: list[str] = field(default_factory=list)  # programme slugs
    countries: list[str] = field(default_factory=list)  # NUTS country codes of partners
    regions: list[str] = field(default_factory=list)  # NUTS codes; a region includes its children
    roles: list[str] = field(default_factory=list)  # partners in these roles, with the above
    themes: list[str] = field(default_factory=list)  # theme slugs
    year_from: int | None = None  # active in or after this year
    year_to: int | None = None  # active in or before this year
    sort: str = "acronym"

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "ProjectFilters":
        """The filters named as in the URL and the API: ?q=&programme=&country=&region=
        &role=&theme=&year_from=&year_to=&sort= (all but q, the years and sort repeatable)."""
        sort = filters.one(data, "sort")
        return cls(
            q=filters.one(data, "q"),
            programmes=filters.many(data, "programme"),
            countries=[code.upper() for code in filters.many(data, "country")],
            regions=[code.upper() for code in filters.many(data, "region")],
            roles=filters.many(data, "role"),
            themes=filters.many(data, "theme"),
            year_from=filters.whole_number(data, "year_from"),
            year_to=filters.whole_number(data, "year_to"),
            sort=sort if sort in SORTS else "acronym",
        )


def search_projects(filters: ProjectFilters) -> QuerySet[Project]:
    projects = Project.objects.select_related("programme").annotate(
        partner_count=Count("partnerships", distinct=True)
    )
    if filters.q:
        projects = projects.filter(
            Q(acronym__icontains=filters.q)
            | Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
        )
    if filters.programmes:
        projects = projects.filter(programme__slug__in=filters.programmes)
    if filters.themes:
        projects = projects.filter(themes__slug__in=filters.themes).distinct()
    if filters.countries or filters.regions or filters.roles:
        # One partner must meet country, region and role together: "a lead partner in SE".
        partners = Partnership.objects.filter(project=OuterRef("pk"))
        if filters.countries:
            partners = partners.filter(
                Q(region__country_code__in=filters.countries)
                | Q(region__isnull=True, organisation__country_code__in=filters.countries)
            )
        if filters.regions:
            partners = partners.filter(partner_in_regions(filters.regions))
        if filters.roles:
            partners = partners.filter(role__in=filters.roles)
        projects = projects.filter(Exists(partners))
    if filters.year_from:
        projects = projects.filter(
            Q(end_date__gte=datetime.date(filters.year_from, 1, 1)) | Q(end_date__isnull=True)
        )
    if filters.year_to:
        projects = projects.filter(
            Q(start_date__lte=datetime.date(filters.year_to, 12, 31)) | Q(start_date__isnull=True)
        )
    return projects.order_by(*SORTS.get(filters.sort, SORTS["acronym"]))


def partner_in_regions(codes: list[str], via: str = "") -> Q:
    """A partner acts in the region its partnership names, or else where the organisation
    is; NUTS codes nest by prefix, so a region includes its sub-regions. `via` is the path
    to the partnership from the model being filtered (e.g. "partnerships__")."""
    condition = Q()
    for code in codes:
        condition |= Q(**{f"{via}region__code__startswith": code}) | Q(
            **{f"{via}region__isnull": True, f"{via}organisation__region__code__startswith": code}
        )
    return condition


def projects_by_acronym(source: str) -> dict[str, Project]:
    """The projects one source imported, by acronym: what its other files may name."""
    return {p.acronym: p for p in Project.objects.filter(source=source)}


def latest_projects(limit: int = 6) -> QuerySet[Project]:
    return Project.objects.select_related("programme").order_by(NEWEST_FIRST, "acronym")[:limit]


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.annotate(project_count=Count("projects")).order_by("name")


def partner_country_codes() -> list[str]:
    """The countries where at least one partner acts, as search_projects reads them: the
    partnership's region, else the organisation's country."""
    country = Coalesce("region__country_code", "organisation__country_code")
    return list(
        Partnership.objects.annotate(country=country)
        .exclude(country="")
        .values_list("country", flat=True)
        .order_by("country")
        .distinct()
    )


@dataclass
class CountryRow:
    country: Region
    partner_count: int
    stated_innovation_group: str
    eis_group: str


@dataclass
class FactSheet:
    project: Project
    partnerships: list[Partnership]
    countries: list[CountryRow]
    phases: list
    themes: list
    policy_objective_label: str
    specific_objective_label: str

    @property
    def lead_partner(self) -> Partnership | None:
        return next((p for p in self.partnerships if p.role == Role.LEAD), None)

    @property
    def states_partner_innovation_groups(self) -> bool:
        return any(p.stated_innovation_group for p in self.partnerships)


def project_fact_sheet(slug: str) -> FactSheet:
    project = get_object_or_404(
        Project.objects.select_related("programme").prefetch_related(
            "themes",
            "phases",
            Prefetch(
                "partnerships",
                Partnership.objects.select_related(
                    "organisation", "organisation__region", "region"
                ),
            ),
            "stated_countries__country",
        ),
        slug=slug,
    )
    partnerships = sorted(
        project.partnerships.all(), key=lambda p: (ROLE_ORDER[p.role], p.position)
    )
    return FactSheet(
        project=project,
        partnerships=partnerships,
        countries=project_countries(project, partnerships),
        phases=list(project.phases.all()),
        themes=list(project.themes.all()),
        policy_objective_label=objective_label(project.policy_objective),
        specific_objective_label=objective_label(project.specific_objective),
    )


def project_countries(project: Project, partnerships: list[Partnership]) -> list[CountryRow]:
    """Countries of the partners and those the project states, with the innovation group
    the project gives each and the EIS 2024 group beside it."""
    counts: dict[str, int] = {}
    for p in partnerships:
        if p.country_code:
            counts[p.country_code] = counts.get(p.country_code, 0) + 1
    stated = {s.country.code: s.stated_innovation_group for s in project.stated_countries.all()}
    codes = list(dict.fromkeys([*stated, *sorted(counts)]))
    countries = {r.code: r for r in Region.objects.filter(code__in=codes, level=0)}
    return [
        CountryRow(
            country=countries[code],
            partner_count=counts.get(code, 0),
            stated_innovation_group=stated.get(code, ""),
            eis_group=countries[code].get_innovation_group_display()
            if countries[code].innovation_group
            else "",
        )
        for code in codes
        if code in countries
    ]


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.annotate(
        project_count=Count("projects", distinct=True),
        partner_count=Count("projects__partnerships", distinct=True),
    ).order_by("name", "period")


@dataclass
class ProgrammeProfile:
    programme: Programme
    project_count: int
    partner_count: int
    objectives: list[tuple[str, str, int]]  # (code, label, projects)


def programme_profile(slug: str) -> ProgrammeProfile:
    programme = get_object_or_404(Programme, slug=slug)
    projects = programme.projects.all()
    objectives = (
        projects.exclude(specific_objective="")
        .values("specific_objective")
        .annotate(n=Count("id"))
        .order_by("specific_objective")
    )
    return ProgrammeProfile(
        programme=programme,
        project_count=projects.count(),
        partner_count=Partnership.objects.filter(project__programme=programme).count(),
        objectives=[
            (o["specific_objective"], objective_label(o["specific_objective"]), o["n"])
            for o in objectives
        ],
    )
