"""The shapes of the community in the API."""

from ninja import Field, Schema

from corridor.organisations.schemas import OrganisationKey
from corridor.projects.schemas import ProgrammeRef


# Partner suggestions --------------------------------------------------------------------
class SuggestedPerson(Schema):
    slug: str
    name: str
    position: str
    sample: bool = Field(description="Invented for the demo.")


class SuggestionReason(Schema):
    kind: str = Field(
        description="topic, track, programme, area, copartner, nearby, complement or sought."
    )
    text: str
    points: float = Field(description="What the reason adds to the score.")


class PartnerSuggestion(Schema):
    rank: int
    organisation: OrganisationKey
    type: str
    country_code: str
    score: float
    reasons: list[SuggestionReason]
    people: list[SuggestedPerson] = Field(description="People with public profiles there.")


class ConsortiumWarning(Schema):
    rule: str = Field(description="countries, public_bodies or size.")
    text: str
    source: str = Field(description="Where the rule comes from.")


class PartnerSuggestions(Schema):
    kind: str = Field(description="idea or project.")
    slug: str
    title: str
    programme: ProgrammeRef | None
    partners: list[OrganisationKey]
    suggestions: list[PartnerSuggestion]
    warnings: list[ConsortiumWarning]
