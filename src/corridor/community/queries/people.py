"""Reads: people's and organisations' profiles and project ideas. Every read returns only
what the viewer may see."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from corridor.community.models import (
    ORGANISATION_TYPES,
    IdeaStatus,
    Interest,
    OrganisationProfile,
    Profile,
    ProjectIdea,
    Visibility,
)
from corridor.community.roles import (
    can_edit_idea,
    can_edit_organisation_profile,
    can_edit_profile,
    can_message,
    can_see_idea_suggestions,
    can_view_organisation_profile,
    can_view_profile,
    display_name,
    is_curator,
)
from corridor.lib import filters
from corridor.lib.countries import country_name
from corridor.organisations.models import Organisation
from corridor.projects.models import Theme
from corridor.regions.models import Region

_M = TypeVar("_M", bound=Model)


# People, organisation profiles and project ideas ----------------------------------------
# Every read returns only what the viewer may see: a hidden profile is missing for others, a
# members-only one for anonymous visitors (404 either way, saying nothing of its existence).


def representing_choices() -> list[str]:
    """Whom a person or organisation may represent: the programmes' partner types, then the
    types the registry's organisations use that are not among them."""
    registry = Organisation.objects.exclude(type="").values_list("type", flat=True).distinct()
    return ORGANISATION_TYPES + sorted(set(registry) - set(ORGANISATION_TYPES))


def interest_choices() -> list[tuple[str, str]]:
    return list(Interest.choices)


def interests_line(labels: list[str]) -> str:
    """As the seed's Explore page shows a profile: "Interested in: Leading a project, ..."."""
    return f"Interested in: {', '.join(labels)}" if labels else ""


def public_organisation_profile(organisation: Organisation) -> OrganisationProfile | None:
    """The organisation's profile if everyone may read it (for Explore), else None."""
    return OrganisationProfile.objects.filter(
        organisation=organisation, visibility=Visibility.PUBLIC
    ).first()


def _having_any(queryset: QuerySet[_M], field: str, wanted: list[str]) -> QuerySet[_M]:
    """Records whose JSON list `field` holds one of `wanted`. Read in Python: SQLite has no
    containment lookup on JSON, and the lists are short."""
    if not wanted:
        return queryset
    chosen = set(wanted)
    ids = [pk for pk, values in queryset.values_list("pk", field) if chosen & set(values or [])]
    return queryset.filter(pk__in=ids)


def visible_profiles(viewer) -> QuerySet[Profile]:
    """The person profiles the viewer may see: public ones; members-only ones when signed
    in; their own; every one for curators."""
    profiles = Profile.objects.select_related("organisation", "user")
    if is_curator(viewer):
        return profiles
    if not viewer.is_authenticated:
        return profiles.filter(visibility=Visibility.PUBLIC)
    return profiles.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]) | Q(user_id=viewer.pk)
    )


@dataclass
class PersonFilters:
    q: str = ""  # part of the name, organisation, position or bio
    interested_in: list[str] = field(default_factory=list)
    representing: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # of interest, or where they work

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "PersonFilters":
        """?q=&interested_in=&representing=&country= (all but q repeatable)."""
        return cls(
            q=filters.one(data, "q"),
            interested_in=filters.many(data, "interested_in"),
            representing=filters.many(data, "representing"),
            countries=[code.upper() for code in filters.many(data, "country")],
        )


def search_people(viewer, chosen: PersonFilters) -> QuerySet[Profile]:
    people = visible_profiles(viewer)
    for word in chosen.q.split()[:8]:
        people = people.filter(
            Q(name__icontains=word)
            | Q(organisation_name__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__acronym__icontains=word)
            | Q(position__icontains=word)
            | Q(bio__icontains=word)
        )
    if chosen.representing:
        people = people.filter(representing__in=chosen.representing)
    people = _having_any(people, "interested_in", chosen.interested_in)
    if chosen.countries:
        by_interest = _having_any(people, "countries", chosen.countries)
        people = people.filter(
            Q(pk__in=by_interest.values("pk")) | Q(organisation__country_code__in=chosen.countries)
        )
    return people.prefetch_related("themes").order_by("name", "pk")


@dataclass
class PersonPage:
    """A person's profile as the viewer sees it. No e-mail address: others write to them
    through the platform's messages."""

    profile: Profile
    interests: list[str]  # labels, in the seed's order
    themes: list[Theme]
    regions: list[Region]
    country_names: list[str]
    can_edit: bool
    can_message: bool  # the viewer may write to them (signed in, not themselves, not blocked)


def _visible_profile(viewer, slug: str) -> Profile:
    profile = Profile.objects.select_related("organisation", "user").filter(slug=slug[:120]).first()
    if profile is None or not can_view_profile(viewer, profile):
        raise Http404(f"No profile {slug[:120]!r}.")
    return profile


def person_page(viewer, slug: str) -> PersonPage:
    profile = _visible_profile(viewer, slug)
    return PersonPage(
        profile=profile,
        interests=profile.interest_labels(),
        themes=list(profile.themes.all()),
        regions=list(profile.regions.order_by("code")),
        country_names=[country_name(c) for c in profile.countries],
        can_edit=can_edit_profile(viewer, profile),
        can_message=can_message(viewer, profile.user),
    )


def own_profile(user) -> Profile | None:
    if not user.is_authenticated:
        return None
    return Profile.objects.filter(user=user).select_related("organisation").first()


def organisation_suggestions(q: str, limit: int = 10) -> list[Organisation]:
    """Registry organisations whose name or acronym holds what was typed, for a profile's
    organisation field."""
    q = q.strip()[:200]
    if len(q) < 2:
        return []
    found = Organisation.objects.filter(Q(name__icontains=q) | Q(acronym__icontains=q))
    return list(found.order_by("name")[:limit])


@dataclass
class OrganisationPeople:
    """What the community adds to an organisation's page: its own profile (if the viewer
    may see it), whether the viewer may edit it, the people with profiles the viewer may
    see who work there, and what it achieved in policy learning."""

    organisation: Organisation
    profile: OrganisationProfile | None
    interests: list[str]
    themes: list[Theme]
    country_names: list[str]
    can_edit: bool
    people: list[Profile]
    validated_good_practices: int
    implemented_actions: int


def organisation_profile_for(viewer, organisation: Organisation) -> OrganisationPeople:
    from corridor.learning.models import GoodPractice, PracticeStatus
    from corridor.plans.queries import implemented_actions

    profile = OrganisationProfile.objects.filter(organisation=organisation).first()
    if profile is not None and not can_view_organisation_profile(viewer, profile):
        profile = None
    return OrganisationPeople(
        organisation=organisation,
        profile=profile,
        interests=profile.interest_labels() if profile else [],
        themes=list(profile.themes.all()) if profile else [],
        country_names=[country_name(c) for c in profile.countries] if profile else [],
        can_edit=can_edit_organisation_profile(viewer, organisation),
        people=list(visible_profiles(viewer).filter(organisation=organisation)),
        validated_good_practices=GoodPractice.objects.filter(
            organisation=organisation, status=PracticeStatus.VALIDATED
        ).count(),
        implemented_actions=implemented_actions().filter(plan__partner=organisation).count(),
    )


def editable_organisation_profile(user, slug: str) -> tuple[Organisation, OrganisationProfile]:
    """The organisation and its profile (unsaved when it has none yet), for its editors."""
    organisation = get_object_or_404(Organisation, slug=slug[:320])
    if not can_edit_organisation_profile(user, organisation):
        raise PermissionDenied(ORGANISATION_EDITORS_ONLY)
    profile = OrganisationProfile.objects.filter(organisation=organisation).first()
    return organisation, profile or OrganisationProfile(organisation=organisation)


ORGANISATION_EDITORS_ONLY = "Only the organisation's members and curators may edit its profile."


@dataclass
class IdeaFilters:
    q: str = ""
    programmes: list[str] = field(default_factory=list)  # slugs
    themes: list[str] = field(default_factory=list)  # slugs
    countries: list[str] = field(default_factory=list)  # sought
    partner_types: list[str] = field(default_factory=list)  # sought
    # Open ideas unless asked: "closed" or "all" show the others.
    status: str = ""

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "IdeaFilters":
        """?q=&programme=&theme=&country=&partner_type=&status= (status: open, closed, all)."""
        status = filters.one(data, "status")
        return cls(
            q=filters.one(data, "q"),
            programmes=filters.many(data, "programme"),
            themes=filters.many(data, "theme"),
            countries=[code.upper() for code in filters.many(data, "country")],
            partner_types=filters.many(data, "partner_type"),
            status=status if status in ("open", "closed", "all") else "",
        )


def search_ideas(chosen: IdeaFilters) -> QuerySet[ProjectIdea]:
    """Project ideas are public: they are announcements looking for partners."""
    ideas = ProjectIdea.objects.select_related("programme", "author", "organisation")
    if chosen.status in ("", IdeaStatus.OPEN):
        ideas = ideas.filter(status=IdeaStatus.OPEN)
    elif chosen.status == IdeaStatus.CLOSED:
        ideas = ideas.filter(status=IdeaStatus.CLOSED)
    for word in chosen.q.split()[:8]:
        ideas = ideas.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(call__icontains=word)
        )
    if chosen.programmes:
        ideas = ideas.filter(programme__slug__in=chosen.programmes)
    if chosen.themes:
        ideas = ideas.filter(themes__slug__in=chosen.themes).distinct()
    ideas = _having_any(ideas, "countries", chosen.countries)
    ideas = _having_any(ideas, "partner_types", chosen.partner_types)
    return ideas.prefetch_related("themes").order_by("-created_at", "-pk")


@dataclass
class IdeaPage:
    """A project idea as the viewer sees it: its author by name and profile, never by
    e-mail; the viewer's rights on it."""

    idea: ProjectIdea
    author_name: str
    author_profile: Profile | None  # when the viewer may see it
    themes: list[Theme]
    regions: list[Region]
    country_names: list[str]
    can_edit: bool
    can_contact: bool
    can_see_suggestions: bool


def idea_page(viewer, slug: str) -> IdeaPage:
    idea = get_object_or_404(
        ProjectIdea.objects.select_related("programme", "author", "organisation"), slug=slug[:220]
    )
    author_profile = Profile.objects.filter(user_id=idea.author_id).first()
    if author_profile is not None and not can_view_profile(viewer, author_profile):
        author_profile = None
    return IdeaPage(
        idea=idea,
        author_name=display_name(idea.author),
        author_profile=author_profile,
        themes=list(idea.themes.all()),
        regions=list(idea.regions.order_by("code")),
        country_names=[country_name(c) for c in idea.countries],
        can_edit=can_edit_idea(viewer, idea),
        can_contact=can_message(viewer, idea.author),
        can_see_suggestions=can_see_idea_suggestions(viewer, idea),
    )


def editable_idea(user, slug: str) -> ProjectIdea:
    idea = get_object_or_404(ProjectIdea, slug=slug[:220])
    if not can_edit_idea(user, idea):
        raise PermissionDenied(IDEA_EDITORS_ONLY)
    return idea


IDEA_EDITORS_ONLY = "Only the idea's author and curators may change it."


def idea_organisations(user) -> QuerySet[Organisation]:
    """The organisations an idea of the user's may name: those the user acts for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")
