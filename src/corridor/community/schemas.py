"""The shapes of the community in the API. Nobody's e-mail address is part of any of them."""

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from corridor.community.models import ORGANISATION_TYPES, Interest
from corridor.community.queries import IdeaFilters, PersonFilters
from corridor.community.roles import display_name
from corridor.community.services import IdeaInput, OrganisationProfileInput, ProfileInput
from corridor.lib.countries import ENGLISH_NAMES
from corridor.lib.schemas import (
    NUL_FREE,
    CountryCode,
    DecimalStr,
    SearchText,
    decimal_input,
)
from corridor.organisations.schemas import OrganisationKey
from corridor.projects.schemas import ProgrammeRef, Theme

# People, organisation profiles and project ideas ----------------------------------------
SAMPLE_HELP = "Invented for the demo (`corridor community remove-samples` removes it)."


class PersonItem(Schema):
    slug: str
    name: str
    organisation: OrganisationKey | None = Field(description="When the registry knows it.")
    works_for: str = Field(description="The organisation's name, from the registry or in words.")
    position: str
    representing: str
    interested_in: list[Interest]
    sample: bool = Field(description=SAMPLE_HELP)


class PersonDetail(PersonItem):
    themes: list[Theme]
    countries: list[str] = Field(description="Countries of interest (NUTS country codes).")
    regions: list[str] = Field(description="NUTS regions of interest.")
    languages: list[str]
    bio: str
    visibility: str

    @staticmethod
    def resolve_regions(page) -> list[str]:
        return [region.code for region in page.regions]


class PersonQuery(Schema):
    q: SearchText = Field("", description="Part of the name, organisation, position or bio.")
    interested_in: list[Interest] = Field([], description="Repeatable.")
    representing: list[str] = Field([], description='E.g. "SME"; repeatable.')
    country: list[CountryCode] = Field(
        [], description="Of interest, or where they work; repeatable."
    )

    def filters(self) -> PersonFilters:
        return PersonFilters.from_query(self.dict())


# What services/people.py checks, said in the document so that a client sends only what is
# taken: text without NUL and within its length, values among the choices. What it cannot
# say is whether a record a write names (an organisation, theme, region or programme)
# exists: one that does not is answered 404, saying which.
def text(max_length: int) -> Any:
    return Annotated[str, StringConstraints(max_length=max_length, pattern=NUL_FREE)]


def required_text(max_length: int) -> Any:
    """Text with something besides white space (as str.strip() sees it) in it."""
    return Annotated[
        str,
        StringConstraints(max_length=max_length, pattern=r"^[^\x00]*[^\s\x00-\x1f\x85][^\x00]*$"),
    ]


# A name others see: something besides white space, and no e-mail address (no "@").
PersonName = Annotated[
    str, StringConstraints(max_length=150, pattern=r"^[^@\x00]*[^\s\x00-\x1f\x85@][^@\x00]*$")
]
Representing = Literal[tuple(["", *ORGANISATION_TYPES])]  # type: ignore[valid-type]
PartnerType = Literal[tuple(ORGANISATION_TYPES)]  # type: ignore[valid-type]
Country = Literal[tuple(ENGLISH_NAMES)]  # type: ignore[valid-type]
Language = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]
VisibilityIn = Literal["public", "members", "hidden", ""]


class ProfileIn(Schema):
    name: PersonName
    organisation: str = Field("", description="A registry organisation: its slug or its name.")
    organisation_name: text(300) = Field("", description="Otherwise its name in words.")
    position: text(200) = ""
    representing: Representing = Field("", description="A partner type; empty: none.")
    interested_in: list[Interest] = []
    themes: list[str] = Field([], description="Theme slugs.")
    countries: list[Country] = Field([], max_length=50, description="NUTS country codes.")
    regions: list[str] = Field([], description="NUTS codes.")
    languages: list[Language] = Field([], description="ISO 639-1 codes (the first 20 kept).")
    bio: text(2000) = ""
    visibility: VisibilityIn = Field("members", description="Empty: members.")

    def to_input(self) -> ProfileInput:
        return ProfileInput(**self.dict())


class OrganisationProfileFields(Schema):
    description: str
    representing: str
    interested_in: list[Interest]
    themes: list[Theme]
    countries: list[str] = Field(description="Where it looks for partners.")
    visibility: str
    source: str = Field(description="Where its words come from, if curated.")
    sample: bool = Field(description=SAMPLE_HELP)

    @staticmethod
    def resolve_themes(profile) -> list:
        return list(profile.themes.all())


class OrganisationProfileOut(Schema):
    """What an organisation says of itself, beside the registry's track record, and its
    people with profiles the user may see."""

    organisation: OrganisationKey
    profile: OrganisationProfileFields | None = Field(
        description="Null when it has none the user may see."
    )
    people: list[PersonItem]
    validated_good_practices: int
    implemented_actions: int


class OrganisationProfileIn(Schema):
    description: str = ""
    representing: str = ""
    interested_in: list[Interest] = []
    themes: list[str] = Field([], description="Theme slugs.")
    countries: list[str] = Field([], description="NUTS country codes.")
    visibility: str = Field("public", description="public, members or hidden.")

    def to_input(self) -> OrganisationProfileInput:
        return OrganisationProfileInput(**self.dict())


class IdeaItem(Schema):
    slug: str
    title: str
    summary: str
    programme: ProgrammeRef | None
    status: str = Field(description="open or closed.")
    partner_types: list[str] = Field(description="Partner types sought.")
    countries: list[str] = Field(description="Countries sought (NUTS country codes).")
    budget_min: DecimalStr | None
    budget_max: DecimalStr | None
    deadline: datetime.date | None
    author: str = Field(description="The author's name as others see it.")
    sample: bool = Field(description=SAMPLE_HELP)
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(idea) -> str:
        return display_name(idea.author)


class IdeaDetail(IdeaItem):
    call: str
    themes: list[Theme]
    regions: list[str] = Field(description="NUTS regions sought.")
    organisation: OrganisationKey | None
    author_profile: str | None = Field(description="The author's profile slug, if visible.")

    @staticmethod
    def resolve_regions(page) -> list[str]:
        return [region.code for region in page.regions]

    @staticmethod
    def resolve_author(page) -> str:
        return page.author_name

    @staticmethod
    def resolve_author_profile(page) -> str | None:
        return page.author_profile.slug if page.author_profile else None


class IdeaQuery(Schema):
    q: SearchText = ""
    programme: list[str] = Field([], description="Programme slug; repeatable.")
    theme: list[str] = Field([], description="Theme slug; repeatable.")
    country: list[CountryCode] = Field([], description="Country sought; repeatable.")
    partner_type: list[str] = Field([], description="Partner type sought; repeatable.")
    status: str = Field("", description="open (the default), closed or all.")

    def filters(self) -> IdeaFilters:
        return IdeaFilters.from_query(self.dict())


class IdeaIn(Schema):
    title: required_text(200)
    summary: required_text(6000)
    programme: str = Field("", description="Programme slug.")
    call: text(200) = ""
    themes: list[str] = Field([], description="Theme slugs.")
    partner_types: list[PartnerType] = Field([], max_length=50)
    countries: list[Country] = Field([], max_length=50, description="NUTS country codes sought.")
    regions: list[str] = Field([], description="NUTS codes sought.")
    budget_min: decimal_input(14) | None = None
    budget_max: decimal_input(14) | None = None
    deadline: datetime.date | None = None
    organisation: str = Field("", description="Slug of an organisation you act for.")

    def to_input(self) -> IdeaInput:
        return IdeaInput(**self.dict())


class IdeaStatusIn(Schema):
    status: str = Field(description="open or closed.")


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
