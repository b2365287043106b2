"""The shapes of projects and programmes in the API, and the references to them that other
apps' answers carry."""

import datetime
from typing import Literal

from ninja import Field, Schema

from corridor.lib.schemas import (
    Coded,
    CodeOrNull,
    CountryCode,
    DecimalStr,
    ProvenanceMixin,
    RegionCode,
    SearchText,
    Year,
)
from corridor.organisations.schemas import OrganisationRef
from corridor.projects.models import Role
from corridor.projects.queries import SORTS, ProjectFilters

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


# Projects


class ProjectRef(Schema):
    slug: str
    acronym: str
    title: str
    programme: ProgrammeRef | None
    start_date: datetime.date | None
    end_date: datetime.date | None


class ProjectKey(Schema):
    """The short reference events, practices, documents, news and plans carry."""

    slug: str
    acronym: str


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
        return ProjectFilters.from_query(self.dict())


# Collaboration networks (networks.py): the members and figures the network pages list.


class NetworkMember(Schema):
    id: str = Field(validation_alias="key", description="An organisation's id or a NUTS 2 code.")
    kind: Literal["organisation", "region"]
    name: str
    url: str
    partners: int = Field(description="Members it shared at least one project with.")
    shared_projects: int = Field(
        validation_alias="shared", description="Projects shared, counted once per partner."
    )
    project_count: int = Field(validation_alias="projects", description="Projects counted.")
    focus: bool = Field(description="The record the network is of (its organisation, region).")

    @staticmethod
    def resolve_kind(node) -> str:
        return node.kind.lower()


class NetworkEdge(Schema):
    source: str = Field(description="A member's id.")
    target: str
    weight: int = Field(description="Projects the two shared.")

    @staticmethod
    def resolve_source(link) -> str:
        return link.a.key

    @staticmethod
    def resolve_target(link) -> str:
        return link.b.key


class NetworkGraph(Schema):
    members: list[NetworkMember] = Field(
        validation_alias="rows", description="The most connected members, most connected first."
    )
    edges: list[NetworkEdge] = Field(
        validation_alias="links", description="Between the members listed, lightest first."
    )
    member_count: int = Field(description="Members of the whole network, listed or not.")
    edge_count: int = Field(validation_alias="link_count", description="Of the whole network.")


class NetworkOut(Schema):
    subject: str
    url: str = Field(validation_alias="back_url", description="The record's page.")
    scope: str = Field(description="The projects the network counts, in words.")
    project_count: int
    organisations: NetworkGraph
    regions: NetworkGraph
