"""The shapes of regions in the API. A region's counts include its sub-regions."""

from typing import Any

from ninja import Field, Schema

from corridor.lib.schemas import Coded, CountryCode, ProvenanceMixin, SearchText
from corridor.regions.queries import RegionFilters


class RegionRef(Schema):
    code: str
    level: int
    name: str = Field(validation_alias="display_name")


class Centroid(Schema):
    latitude: float
    longitude: float


class RegionItem(Schema):
    code: str = Field(description="NUTS 2021 code; level 0 is a country.")
    level: int
    country_code: str
    name: str = Field(validation_alias="display_name", description="English for countries.")
    national_name: str = Field(validation_alias="name")
    latin_name: str = Field(validation_alias="name_latin")
    english_name: str = Field(description="Where it differs from the national name, else ''.")
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(region) -> str | None:
        # The code nests by prefix, so the parent needs no query.
        return region.code[:-1] if region.level else None


class RegionDetail(RegionItem, ProvenanceMixin):
    parent: RegionRef | None
    ancestors: list[RegionRef] = Field(description="From the country down to the parent.")
    children: list[RegionRef]
    innovation_group: Coded | None = Field(
        description="European Innovation Scoreboard 2024 group of the region's country."
    )
    centroid: Centroid | None = Field(description="Eurostat's NUTS label point.")
    organisation_count: int
    project_count: int

    @staticmethod
    def resolve_parent(profile) -> Any:
        return profile.ancestors[-1] if profile.ancestors else None

    @staticmethod
    def resolve_innovation_group(profile) -> Coded | None:
        country = profile.country
        if country is None or not country.innovation_group:
            return None
        return Coded(code=country.innovation_group, label=country.get_innovation_group_display())

    @staticmethod
    def resolve_centroid(profile) -> Centroid | None:
        if profile.latitude is None or profile.longitude is None:
            return None
        return Centroid(latitude=profile.latitude, longitude=profile.longitude)

    @staticmethod
    def resolve_organisation_count(profile) -> int:
        return profile.organisations.count()

    @staticmethod
    def resolve_project_count(profile) -> int:
        return profile.projects.count()


class RegionQuery(Schema):
    q: SearchText = Field(
        "",
        description="Part of a national, Latin-script or English name (accents optional), "
        "or the start of a NUTS code.",
    )
    level: int | None = Field(None, ge=0, le=3, description="NUTS level, 0 for countries.")
    country: CountryCode | None = None

    def filters(self) -> RegionFilters:
        return RegionFilters.from_query(self.dict())
