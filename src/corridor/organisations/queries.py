"""Reads behind the organisation pages and API."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from corridor.lib import filters
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Role


@dataclass
class OrganisationFilters:
    q: str = ""  # part of the name or acronym
    countries: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)  # exact types, e.g. "SME"

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "OrganisationFilters":
        """Named as in the URL and the API: ?q=&country=&type= (country and type repeatable)."""
        return cls(
            q=filters.one(data, "q"),
            countries=[code.upper() for code in filters.many(data, "country")],
            types=filters.many(data, "type"),
        )


def search_organisations(chosen: OrganisationFilters) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("region").annotate(
        project_count=Count("partnerships", distinct=True),
        lead_count=Count("partnerships", filter=Q(partnerships__role=Role.LEAD), distinct=True),
    )
    if chosen.q:
        organisations = organisations.filter(
            Q(name__icontains=chosen.q) | Q(acronym__icontains=chosen.q)
        )
    if chosen.countries:
        organisations = organisations.filter(country_code__in=chosen.countries)
    if chosen.types:
        organisations = organisations.filter(type__in=chosen.types)
    return organisations.order_by("name")


@dataclass
class TrackRecord:
    projects: int
    times_lead_partner: int
    by_role: dict[str, int]
    total_budget: object  # Decimal sum of partner budgets, or None


@dataclass
class OrganisationProfile:
    organisation: Organisation
    partnerships: list[Partnership]
    track_record: TrackRecord


def organisation_profile(slug: str) -> OrganisationProfile:
    organisation = get_object_or_404(Organisation.objects.select_related("region"), slug=slug)
    partnerships = list(
        organisation.partnerships.select_related(
            "project", "project__programme", "region"
        ).order_by(F("project__start_date").desc(nulls_last=True), "project__acronym")
    )
    by_role: dict[str, int] = {}
    for p in partnerships:
        label = p.get_role_display()
        by_role[label] = by_role.get(label, 0) + 1
    budgets = [p.budget for p in partnerships if p.budget is not None]
    return OrganisationProfile(
        organisation=organisation,
        partnerships=partnerships,
        track_record=TrackRecord(
            projects=len({p.project_id for p in partnerships}),
            times_lead_partner=sum(1 for p in partnerships if p.role == Role.LEAD),
            by_role=by_role,
            total_budget=sum(budgets) if budgets else None,
        ),
    )


def organisation_facet(field: str) -> list[tuple[str, int]]:
    """(value, number of organisations) for each value of a field such as country_code or
    type, for filters."""
    return list(
        Organisation.objects.exclude(**{field: ""})
        .values_list(field)
        .annotate(n=Count("id"))
        .order_by(field)
    )
