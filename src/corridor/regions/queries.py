"""Reads behind the region pages and API. NUTS codes nest by prefix (SE, SE3, SE33, SE331),
so "in this region" is a prefix match on the code."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from corridor.lib import filters
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from corridor.projects.queries import NEWEST_FIRST, partner_in_regions
from corridor.regions.models import Region
from corridor.search.analysis import fold

NUTS_LEVELS = range(4)  # 0 is a country


@dataclass
class RegionFilters:
    q: str = ""  # part of a national, Latin or English name, or the start of a NUTS code
    level: int | None = None  # NUTS level, 0 for countries
    country: str = ""

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "RegionFilters":
        """Named as in the URL and the API: ?q=&level=&country=."""
        level = filters.whole_number(data, "level")
        return cls(
            q=filters.one(data, "q"),
            level=level if level in NUTS_LEVELS else None,
            country=filters.one(data, "country").upper(),
        )


def search_regions(chosen: RegionFilters) -> QuerySet[Region]:
    regions = Region.objects.all()
    if chosen.q:
        # The names are stored folded, so "Klaipeda" finds Klaipėda and "lodz" Łódź.
        regions = regions.filter(
            Q(search_names__contains=fold(chosen.q)) | Q(code__istartswith=chosen.q)
        )
    if chosen.level is not None:
        regions = regions.filter(level=chosen.level)
    if chosen.country:
        regions = regions.filter(country_code=chosen.country)
    return regions.order_by("code")


def region_by_code(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def regions_by_code(codes: list[str]) -> list[Region]:
    return list(Region.objects.filter(code__in=codes).order_by("code"))


@dataclass
class RegionProfile:
    region: Region
    ancestors: list[Region]
    children: list[Region]
    organisations: QuerySet[Organisation]
    projects: QuerySet[Project]
    country: Region | None


def region_profile(code: str) -> RegionProfile:
    region = get_object_or_404(Region, code=code.upper())
    ancestors = region.ancestors()
    organisations = (
        Organisation.objects.filter(
            Q(region__code__startswith=region.code)
            | Q(region__isnull=True, country_code=region.code if region.level == 0 else "-")
        )
        .annotate(project_count=Count("partnerships", distinct=True))
        .order_by("-project_count", "name")
    )
    projects = (
        Project.objects.filter(partner_in_regions([region.code], via="partnerships__"))
        .select_related("programme")
        .distinct()
        .order_by(NEWEST_FIRST, "acronym")
    )
    country = region if region.level == 0 else next((a for a in ancestors if a.level == 0), None)
    return RegionProfile(
        region=region,
        ancestors=ancestors,
        children=list(region.children.order_by("code")),
        organisations=organisations,
        projects=projects,
        country=country,
    )


def site_counts() -> dict[str, int]:
    from corridor.projects.models import Partnership, Programme

    return {
        "projects": Project.objects.count(),
        "organisations": Organisation.objects.count(),
        "partnerships": Partnership.objects.count(),
        "programmes": Programme.objects.count(),
        "regions": Region.objects.count(),
    }
