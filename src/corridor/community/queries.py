"""Reads: what a person's own account page shows; people's and organisations' profiles and
project ideas, as the viewer may see them; private messages; partner suggestions for an
idea or a project."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from corridor.community.models import (
    ORGANISATION_TYPES,
    Block,
    IdeaStatus,
    Interest,
    Message,
    OrganisationProfile,
    Profile,
    ProjectIdea,
    Visibility,
)
from corridor.community.partnership_rules import check_consortium
from corridor.community.roles import (
    can_edit_idea,
    can_edit_organisation_profile,
    can_edit_profile,
    can_message,
    can_read_message,
    can_see_idea_suggestions,
    can_see_project_suggestions,
    can_view_organisation_profile,
    can_view_profile,
    display_name,
    is_curator,
)
from corridor.community.suggestions import Consortium, suggest
from corridor.lib import filters
from corridor.lib.countries import country_name
from corridor.organisations.models import Organisation
from corridor.projects.models import Programme, Project, Theme
from corridor.regions.models import Region
from corridor.search.analysis import detect_language

_M = TypeVar("_M", bound=Model)


@dataclass(frozen=True)
class Named:
    slug: str
    name: str


@dataclass(frozen=True)
class AccountOverview:
    """Whom the user acts for. Never their e-mail: the page may be shown on a shared screen."""

    display_name: str
    organisations: list[Named]
    programmes: list[Named]


def account_overview(user) -> AccountOverview:
    organisations = Organisation.objects.filter(memberships__user=user).order_by("name")
    programmes = Programme.objects.filter(secretariat__user=user).order_by("name", "period")
    return AccountOverview(
        display_name=display_name(user),
        organisations=[Named(o.slug, o.display_name) for o in organisations],
        programmes=[Named(p.slug, str(p)) for p in programmes],
    )


# Partner suggestions --------------------------------------------------------------------
@dataclass(frozen=True)
class SuggestedPerson:
    """Someone with a public profile who works for a suggested organisation."""

    slug: str
    name: str
    position: str
    sample: bool


@dataclass(frozen=True)
class SuggestionReason:
    kind: str  # the feature: topic, track, programme, area, copartner, nearby, complement...
    text: str
    points: float  # what it adds to the score


@dataclass(frozen=True)
class PartnerSuggestion:
    rank: int
    organisation: Organisation
    type: str
    country_code: str
    score: float
    percent: int  # of the first suggestion's score, for the bars
    reasons: list[SuggestionReason]
    people: list[SuggestedPerson]


@dataclass(frozen=True)
class ConsortiumWarning:
    rule: str  # countries, public_bodies, size
    text: str
    source: str


@dataclass(frozen=True)
class PartnerSuggestions:
    """Organisations that would fit an idea's or a project's consortium, best first, each
    with its reasons; and what the consortium lacks for its programme's rules."""

    kind: str  # idea or project
    slug: str
    title: str
    programme: Programme | None
    partners: list[Organisation]
    suggestions: list[PartnerSuggestion]
    warnings: list[ConsortiumWarning]


def idea_partner_suggestions(user, slug: str, limit: int = 10) -> PartnerSuggestions:
    """For the idea's author, the members of its organisation and curators."""
    idea = get_object_or_404(ProjectIdea.objects.select_related("programme"), slug=slug)
    if not can_see_idea_suggestions(user, idea):
        raise PermissionDenied("Only the idea's author and its organisation see its suggestions.")
    partners = [idea.organisation] if idea.organisation is not None else []
    text = " ".join(filter(None, [idea.title, idea.call, idea.summary]))
    consortium = Consortium(
        text=text,
        programme_id=idea.programme_id,
        partner_ids=tuple(p.pk for p in partners),
        theme_ids=tuple(idea.themes.values_list("pk", flat=True)),
        partner_types=tuple(idea.partner_types or ()),
        countries=tuple(idea.countries or ()),
        region_codes=tuple(idea.regions.values_list("code", flat=True)),
        language=detect_language(text) or "en",
    )
    return _partner_suggestions("idea", idea.slug, idea.title, idea.programme, partners,
                                consortium, limit)  # fmt: skip


def project_partner_suggestions(user, slug: str, limit: int = 10) -> PartnerSuggestions:
    """For the project's partners' members, its programme's secretariat and curators."""
    project = get_object_or_404(Project.objects.select_related("programme"), slug=slug)
    if not can_see_project_suggestions(user, project):
        raise PermissionDenied(
            "Only the project's partners and its programme's secretariat see its suggestions."
        )
    partners = list(
        Organisation.objects.filter(partnerships__project=project)
        .select_related("region")
        .order_by("partnerships__position")
        .distinct()
    )
    consortium = Consortium(
        text=" ".join(filter(None, [project.acronym, project.title, project.summary])),
        programme_id=project.programme_id,
        partner_ids=tuple(p.pk for p in partners),
        theme_ids=tuple(project.themes.values_list("pk", flat=True)),
        project_id=project.pk,
        language=project.summary_language or "en",
    )
    title = f"{project.acronym}: {project.title}" if project.title else project.acronym
    return _partner_suggestions("project", project.slug, title, project.programme, partners,
                                consortium, limit)  # fmt: skip


def _partner_suggestions(
    kind: str,
    slug: str,
    title: str,
    programme: Programme | None,
    partners: list[Organisation],
    consortium: Consortium,
    limit: int,
) -> PartnerSuggestions:
    scored = suggest(consortium, limit=max(1, min(limit, 50)))
    organisations = Organisation.objects.select_related("region").in_bulk(
        [s.organisation_id for s in scored]
    )
    people: dict[int, list[SuggestedPerson]] = {}
    for profile in Profile.objects.filter(
        organisation_id__in=organisations, visibility=Visibility.PUBLIC
    ).order_by("name"):
        people.setdefault(profile.organisation_id or 0, []).append(
            SuggestedPerson(profile.slug, profile.name, profile.position, profile.sample)
        )
    top = scored[0].score if scored and scored[0].score > 0 else 1.0
    suggestions = [
        PartnerSuggestion(
            rank=rank,
            organisation=organisations[s.organisation_id],
            type=organisations[s.organisation_id].type,
            country_code=organisations[s.organisation_id].country_code,
            score=round(s.score, 3),
            percent=round(100 * s.score / top),
            reasons=[SuggestionReason(k, text, round(points, 3)) for k, text, points in s.reasons],
            people=people.get(s.organisation_id, []),
        )
        for rank, s in enumerate(scored, start=1)
    ]
    warnings = [ConsortiumWarning(*w) for w in check_consortium(programme, partners)]
    return PartnerSuggestions(kind, slug, title, programme, partners, suggestions, warnings)


# Messages -------------------------------------------------------------------------------
# People are named by their profile's name (or user name) and profile slug: never an e-mail.


@dataclass(frozen=True)
class Correspondent:
    name: str
    slug: str | None  # their profile, when the viewer may see it
    user_id: int = field(repr=False, compare=False, default=0)  # for the pages' own forms


@dataclass(frozen=True)
class IdeaRef:
    slug: str
    title: str


@dataclass(frozen=True)
class PrivateMessage:
    id: int
    thread: int  # the first message of the conversation
    sender: Correspondent
    recipient: Correspondent
    subject: str
    body: str
    sent_at: datetime
    read_at: datetime | None
    idea: IdeaRef | None
    sent_by_me: bool

    @property
    def unread(self) -> bool:
        return not self.sent_by_me and self.read_at is None


@dataclass(frozen=True)
class MessageList:
    count: int
    offset: int
    limit: int
    items: list[PrivateMessage]

    @property
    def newer(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset else None

    @property
    def older(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.count else None


@dataclass(frozen=True)
class Conversation:
    """A message and its replies, oldest first, as one of its two people sees them."""

    id: int
    subject: str
    idea: IdeaRef | None
    other: Correspondent
    messages: list[PrivateMessage]
    blocked: bool  # the viewer blocks the other person
    can_reply: bool


@dataclass(frozen=True)
class MessageTarget:
    """Whom a new message goes to: a person by their profile, or an idea's author."""

    recipient: Any
    name: str
    slug: str | None
    idea: ProjectIdea | None


def correspondent(viewer, user) -> Correspondent:
    profile = getattr(user, "profile", None)  # loaded with select_related where it matters
    slug = profile.slug if profile is not None and can_view_profile(viewer, profile) else None
    if profile is not None and profile.name.strip() and "@" not in profile.name:
        name = profile.name.strip()
    else:
        name = display_name(user)
    return Correspondent(name, slug, user.pk)


def _message(viewer, message: Message) -> PrivateMessage:
    idea = IdeaRef(message.idea.slug, message.idea.title) if message.idea else None
    return PrivateMessage(
        id=message.pk,
        thread=message.reply_to_id or message.pk,
        sender=correspondent(viewer, message.sender),
        recipient=correspondent(viewer, message.recipient),
        subject=message.subject,
        body=message.body,
        sent_at=message.sent_at,
        read_at=message.read_at,
        idea=idea,
        sent_by_me=message.sender_id == viewer.pk,
    )


def _messages():
    return Message.objects.select_related("sender__profile", "recipient__profile", "idea").order_by(
        "-sent_at", "-pk"
    )


def _listed(viewer, messages, offset: int, limit: int) -> MessageList:
    page = list(messages[offset : offset + limit])
    return MessageList(messages.count(), offset, limit, [_message(viewer, m) for m in page])


def inbox(user, offset: int = 0, limit: int = 50) -> MessageList:
    """The messages the user received, newest first."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to read your messages.")
    return _listed(user, _messages().filter(recipient=user), offset, limit)


def sent_messages(user, offset: int = 0, limit: int = 50) -> MessageList:
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to read your messages.")
    return _listed(user, _messages().filter(sender=user), offset, limit)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def message_for(user, pk: int) -> Message:
    """One message of the user's conversations; anyone else's is not found."""
    message = Message.objects.select_related("reply_to").filter(pk=pk).first()
    if message is None or not can_read_message(user, message):
        raise Http404(f"No message {pk} of yours.")
    return message


def message_detail(user, pk: int) -> PrivateMessage:
    return _message(user, _messages().get(pk=message_for(user, pk).pk))


def conversation(user, pk: int) -> Conversation:
    """The conversation a message belongs to, for one of its two people."""
    message = message_for(user, pk)
    root = message.reply_to if message.reply_to_id and message.reply_to else message
    items = _messages().filter(Q(pk=root.pk) | Q(reply_to=root)).order_by("sent_at", "pk")
    messages = [_message(user, m) for m in items]
    first = messages[0]
    other = first.recipient if first.sent_by_me else first.sender
    other_user = root.recipient if root.sender_id == user.pk else root.sender
    return Conversation(
        id=root.pk,
        subject=root.subject,
        idea=first.idea,
        other=other,
        messages=messages,
        blocked=Block.objects.filter(blocker=user, blocked=other_user).exists(),
        can_reply=can_message(user, other_user),
    )


def message_target(user, to: str = "", idea: str = "") -> MessageTarget:
    """The person a profile slug names (if the user may see the profile), or the author of
    the idea a slug names; not found otherwise."""
    found = ProjectIdea.objects.select_related("author").filter(slug=idea).first() if idea else None
    if idea and found is None:
        raise Http404(f"No project idea {idea!r}.")
    if to:
        profile = Profile.objects.select_related("user").filter(slug=to).first()
        if profile is None or not can_view_profile(user, profile):
            raise Http404(f"No profile {to!r}.")
        recipient = profile.user
    elif found is not None:
        recipient = found.author
    else:
        raise Http404("Name a person (`to`, a profile) or a project idea (`idea`).")
    if found is not None and found.author_id != recipient.pk:
        found = None  # writing to someone else about it is not writing to its author
    person = correspondent(user, recipient)
    return MessageTarget(recipient, person.name, person.slug, found)


def blocked_people(user) -> list[Correspondent]:
    if not user.is_authenticated:
        return []
    blocks = Block.objects.filter(blocker=user).select_related("blocked__profile")
    return [correspondent(user, b.blocked) for b in blocks.order_by("-created_at")]


def person_by_slug(user, slug: str):
    """The user behind a profile the user may see (to block or unblock them)."""
    profile = Profile.objects.select_related("user").filter(slug=slug).first()
    if profile is None or not can_view_profile(user, profile):
        raise Http404(f"No profile {slug!r}.")
    return profile.user


def blocked_person(user, slug: str):
    """Someone the user blocks, by profile slug (whoever may see that profile now)."""
    found = (
        Block.objects.filter(blocker=user, blocked__profile__slug=slug).first()
        if (user.is_authenticated)
        else None
    )
    if found is None:
        raise Http404(f"You block nobody with the profile {slug!r}.")
    return found.blocked


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
