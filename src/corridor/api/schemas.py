"""The shapes of the API's answers and of its query strings.

Money and rates are Decimal and travel as strings ("1376708.00"), so no client ever reads
them through a float. Detail schemas read a profile from the read functions (a FactSheet,
an OrganisationProfile...) through `Profiled`, and so extend the list schema of the record.
"""

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from corridor.lib.schemas import (  # noqa: F401
    Coded,
    CodeOrNull,
    CountryCode,
    DecimalStr,
    Key,
    Message,
    Profiled,
    ProvenanceMixin,
    RegionCode,
    SearchText,
    Year,
)
from corridor.projects.models import Role
from corridor.projects.queries import SORTS, ProjectFilters

# Regions


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
    q: SearchText = Field("", description="Part of a name, or the start of a NUTS code.")
    level: int | None = Field(None, ge=0, le=3, description="NUTS level, 0 for countries.")
    country: CountryCode | None = None


# Programmes


class ProgrammeRef(Schema):
    slug: str
    name: str
    period: str


class ProgrammeItem(ProgrammeRef):
    strand: Coded | None
    website: str
    project_count: int

    @staticmethod
    def resolve_strand(programme) -> Coded | None:
        if not programme.strand:
            return None
        return Coded(code=programme.strand, label=programme.get_strand_display())


class Objective(Coded):
    project_count: int


class ProgrammeDetail(ProgrammeItem, ProvenanceMixin):
    partner_count: int = Field(description="Partnerships in the programme's projects.")
    objectives: list[Objective] = Field(description="Specific objectives of its projects.")

    @staticmethod
    def resolve_objectives(profile) -> list[Objective]:
        return [
            Objective(code=code, label=label, project_count=count)
            for code, label, count in profile.objectives
        ]


# Organisations


class OrganisationRef(Schema):
    slug: str
    name: str
    acronym: str


class OrganisationBase(OrganisationRef):
    type: str = Field(description='What it represents, e.g. "Development agency".')
    ownership: str
    country_code: CodeOrNull
    region_code: str | None

    @staticmethod
    def resolve_region_code(organisation) -> str | None:
        return organisation.region.code if organisation.region_id else None


class OrganisationItem(OrganisationBase):
    project_count: int
    lead_count: int = Field(description="Projects it leads.")


class ProjectRef(Schema):
    slug: str
    acronym: str
    title: str
    programme: ProgrammeRef | None
    start_date: datetime.date | None
    end_date: datetime.date | None


class OrganisationPartnership(Schema):
    project: ProjectRef
    role: Role
    region_code: str | None
    budget: DecimalStr | None

    @staticmethod
    def resolve_region_code(partnership) -> str | None:
        return partnership.region.code if partnership.region_id else None


class TrackRecord(Schema):
    projects: int
    times_lead_partner: int
    by_role: dict[Role, int] = Field(description="Partnerships per role.")
    total_budget: DecimalStr | None = Field(description="Sum of its stated partner budgets, EUR.")

    @staticmethod
    def resolve_by_role(track_record) -> dict[str, int]:
        # The profile counts by label, for people; the API speaks in role codes.
        code_of = {label: code for code, label in Role.choices}
        return {code_of[label]: n for label, n in track_record.by_role.items()}


class OrganisationDetail(OrganisationBase, ProvenanceMixin):
    former_names: list[str]
    address: str
    website: str
    track_record: TrackRecord
    partnerships: list[OrganisationPartnership]

    @staticmethod
    def resolve_former_names(profile) -> list[str]:
        return profile.former_names.splitlines()


class OrganisationQuery(Schema):
    q: SearchText = Field("", description="Part of the name or acronym.")
    country: list[CountryCode] = Field([], description="NUTS country code; repeatable.")
    type: list[str] = Field([], description='Exact type, e.g. "SME"; repeatable.')


# Projects


class ProjectItem(ProjectRef):
    status: str
    total_budget: DecimalStr | None = Field(description="Total project value, EUR.")
    eu_cofinancing: DecimalStr | None = Field(description="EU (e.g. ERDF) co-financing, EUR.")
    partner_count: int


class Phase(Schema):
    position: int
    name: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    date_precision: str = Field(description="How precisely the source states the dates.")
    duration_months: int | None
    description: str


class Theme(Schema):
    slug: str
    name: str


class Partner(Schema):
    organisation: OrganisationRef
    role: Role
    country_code: CodeOrNull
    region_code: str | None
    budget: DecimalStr | None
    stated_innovation_group: str

    @staticmethod
    def resolve_region_code(partnership) -> str | None:
        return partnership.region.code if partnership.region_id else None


class ProjectCountry(Schema):
    code: str
    name: str
    partner_count: int
    stated_innovation_group: str = Field(description="As the project states it.")
    eis_group: str = Field(description="European Innovation Scoreboard 2024 group.")

    @staticmethod
    def resolve_code(row) -> str:
        return row.country.code

    @staticmethod
    def resolve_name(row) -> str:
        return row.country.display_name


class ProjectDetail(ProjectItem, ProvenanceMixin):
    project_type: str
    policy_objective: Coded | None
    specific_objective: Coded | None
    summary: str
    summary_language: str
    description: str
    description_language: str
    website: str
    themes: list[Theme]
    duration_months: int | None = Field(validation_alias="duration_in_months")
    phases: list[Phase]
    cofinancing_rate: DecimalStr | None = Field(description="Percent, as the source states it.")
    computed_cofinancing_rate: DecimalStr | None = Field(
        description="Percent, EU co-financing over total budget."
    )
    cofinancing_rate_mismatch: bool = Field(
        description="The stated rate disagrees with the computed one beyond rounding."
    )
    cofinancing_source: str
    funding: DecimalStr | None = Field(
        description="An amount the source calls funding without saying which, EUR."
    )
    stated_region_count: int | None
    project_manager: str
    partners: list[Partner] = Field(
        validation_alias="partnerships", description="Lead partner first."
    )
    countries: list[ProjectCountry]

    @staticmethod
    def resolve_partner_count(sheet) -> int:
        return len(sheet.partnerships)

    @staticmethod
    def resolve_policy_objective(sheet) -> Coded | None:
        if not sheet.policy_objective:
            return None
        return Coded(code=sheet.policy_objective, label=sheet.policy_objective_label)

    @staticmethod
    def resolve_specific_objective(sheet) -> Coded | None:
        if not sheet.specific_objective:
            return None
        return Coded(code=sheet.specific_objective, label=sheet.specific_objective_label)


class ProjectQuery(Schema):
    q: SearchText = Field("", description="Part of the acronym, title or summary.")
    programme: list[str] = Field([], description="Programme slug; repeatable.")
    country: list[CountryCode] = Field([], description="Country of a partner; repeatable.")
    region: list[RegionCode] = Field(
        [], description="NUTS code of a partner's region, or of a region containing it."
    )
    role: list[Role] = Field(
        [], description="Role of that partner; with country or region, one partner meets all."
    )
    theme: list[str] = Field([], description="Theme slug; repeatable.")
    year_from: Year | None = Field(None, description="Active in or after this year.")
    year_to: Year | None = Field(None, description="Active in or before this year.")
    sort: Literal[tuple(SORTS)] = "acronym"

    def filters(self) -> ProjectFilters:
        return ProjectFilters(
            q=self.q,
            programmes=self.programme,
            countries=self.country,
            regions=self.region,
            roles=self.role,
            themes=self.theme,
            year_from=self.year_from,
            year_to=self.year_to,
            sort=self.sort,
        )
