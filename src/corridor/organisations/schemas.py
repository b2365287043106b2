"""The shapes of organisations in the API. An organisation's partnerships and track record
refer to projects, so those shapes live with its endpoints in api.py."""

from ninja import Field, Schema

from corridor.lib.schemas import CodeOrNull, CountryCode, SearchText
from corridor.organisations.queries import OrganisationFilters


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


class OrganisationKey(Schema):
    """An organisation as other records name it: its slug and the name people know it by."""

    slug: str
    name: str

    @staticmethod
    def resolve_name(organisation) -> str:
        return organisation.display_name


class OrganisationQuery(Schema):
    q: SearchText = Field("", description="Part of the name or acronym.")
    country: list[CountryCode] = Field([], description="NUTS country code; repeatable.")
    type: list[str] = Field([], description='Exact type, e.g. "SME"; repeatable.')

    def filters(self) -> OrganisationFilters:
        return OrganisationFilters.from_query(self.dict())
