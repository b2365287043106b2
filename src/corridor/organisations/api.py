"""Organisations in the JSON API: the list with its filters, and an organisation's profile
with its track record and partnerships."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import NOT_FOUND, DecimalStr, Key, Profiled, ProvenanceMixin
from corridor.organisations.queries import organisation_profile, search_organisations
from corridor.organisations.schemas import OrganisationBase, OrganisationItem, OrganisationQuery
from corridor.projects.models import Role
from corridor.projects.schemas import ProjectRef

router = Router(tags=["organisations"])


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


@router.get("/organisations", response=list[OrganisationItem])
@paginate(LimitOffset)
def list_organisations(request, query: Query[OrganisationQuery]):
    return search_organisations(query.filters())


@router.get("/organisations/{slug}", response={200: OrganisationDetail, **NOT_FOUND})
def get_organisation(request, slug: Key):
    """An organisation with its track record and its partnerships, newest project first."""
    profile = organisation_profile(slug)
    return Profiled(profile, profile.organisation)
