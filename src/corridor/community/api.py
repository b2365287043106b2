"""The community in the JSON API: people, organisations' profiles and project ideas;
private messages and blocks; partner suggestions. Each endpoint calls the function its
page calls."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.security import django_auth

from corridor.community import queries, services
from corridor.community.models import Message as MessageRecord
from corridor.community.schemas import (
    IdeaDetail,
    IdeaIn,
    IdeaItem,
    IdeaQuery,
    IdeaStatusIn,
    OrganisationProfileIn,
    OrganisationProfileOut,
    PartnerSuggestions,
    PersonDetail,
    PersonItem,
    PersonQuery,
    ProfileIn,
)
from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import Key, Message, Profiled, WholeNumber
from corridor.organisations.models import Organisation

router = Router(tags=["community"])
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message}


# Messages -------------------------------------------------------------------------------
# Signed-in people only; everyone is named by display name and profile slug, never e-mail.


class Correspondent(Schema):
    name: str
    slug: str | None = Field(None, description="Their profile, when you may see it.")


class IdeaRef(Schema):
    slug: str
    title: str


class PrivateMessageOut(Schema):
    id: int
    thread: int = Field(..., description="The first message of the conversation.")
    sender: Correspondent
    recipient: Correspondent
    subject: str
    body: str
    sent_at: datetime.datetime
    read_at: datetime.datetime | None
    idea: IdeaRef | None
    sent_by_me: bool
    unread: bool


class PrivateMessageList(Schema):
    count: int
    offset: int
    limit: int
    items: list[PrivateMessageOut]


class MessageListQuery(Schema):
    box: str = Field("inbox", pattern="^(inbox|sent)$")
    limit: WholeNumber = Field(50, ge=1, le=200)
    offset: WholeNumber = Field(0, ge=0, le=10**9)


class PrivateMessageIn(Schema):
    to: Key = Field("", description="The recipient's profile slug.")
    idea: Key = Field("", description="A project idea's slug: writes to its author.")
    reply_to: int | None = Field(None, description="A message of yours to answer.")
    subject: str = Field("", max_length=200)
    body: str = Field(..., max_length=5000)


class BlockIn(Schema):
    profile: Key = Field("", description="The profile slug of the person to block.")
    message: int | None = Field(None, description="Or a message they sent you.")


@router.get(
    "/messages",
    response={200: PrivateMessageList, 401: Message},
    auth=django_auth,
    tags=["messages"],
)
def list_messages(request, query: Query[MessageListQuery]):
    """Your private messages, newest first: those you received (`box=inbox`) or sent."""
    read = queries.inbox if query.box == "inbox" else queries.sent_messages
    return read(request.user, offset=query.offset, limit=query.limit)


@router.get(
    "/messages/{int:pk}",
    response={200: PrivateMessageOut, 401: Message, 404: Message},
    auth=django_auth,
    tags=["messages"],
)
def get_message(request, pk: int):
    """One message of your conversations (reading it does not mark it read)."""
    return queries.message_detail(request.user, pk)


@router.post(
    "/messages",
    response={201: PrivateMessageOut, 400: Message, 401: Message, 403: Message, 404: Message},
    auth=django_auth,
    tags=["messages"],
)
def send_message(request, data: PrivateMessageIn):
    """Write to a person by their profile slug (`to`), to an idea's author (`idea`), or answer
    a conversation (`reply_to`). The recipient is told by e-mail, from the platform."""
    if data.reply_to is not None:
        message = queries.message_for(request.user, data.reply_to)
        sent = services.reply(request.user, message, data.body)
    else:
        target = queries.message_target(request.user, to=data.to, idea=data.idea)
        sent = services.send_message(
            request.user, target.recipient, data.subject, data.body, idea=target.idea
        )
    return Status(201, queries.message_detail(request.user, sent.pk))


@router.post(
    "/messages/{int:pk}/read",
    response={200: PrivateMessageOut, 401: Message, 403: Message, 404: Message},
    auth=django_auth,
    tags=["messages"],
)
def read_message(request, pk: int):
    """Mark a message you received read."""
    services.mark_read(request.user, queries.message_for(request.user, pk))
    return queries.message_detail(request.user, pk)


@router.get(
    "/blocks", response={200: list[Correspondent], 401: Message}, auth=django_auth,
    tags=["messages"],
)  # fmt: skip
def list_blocks(request):
    """The people you block: they cannot write to you."""
    return queries.blocked_people(request.user)


@router.post(
    "/blocks",
    response={201: list[Correspondent], 400: Message, 401: Message, 404: Message},
    auth=django_auth,
    tags=["messages"],
)
def block_person(request, data: BlockIn):
    """Block a person (by profile slug, or by a message they sent you). They are not told."""
    if data.message is not None:
        message: MessageRecord = queries.message_for(request.user, data.message)
        other = message.recipient if message.sender_id == request.user.pk else message.sender
    else:
        other = queries.person_by_slug(request.user, data.profile)
    services.block(request.user, other)
    return Status(201, queries.blocked_people(request.user))


@router.delete(
    "/blocks/{slug}",
    response={200: list[Correspondent], 401: Message, 404: Message},
    auth=django_auth,
    tags=["messages"],
)
def unblock_person(request, slug: str):
    """Unblock a person by their profile slug."""
    services.unblock(request.user, queries.blocked_person(request.user, slug))
    return queries.blocked_people(request.user)


# Partner suggestions --------------------------------------------------------------------
class SuggestionQuery(Schema):
    limit: int = Field(10, ge=1, le=50, description="How many organisations.")


@router.get(
    "/ideas/{slug}/suggestions",
    response={200: PartnerSuggestions, **ERRORS},
    auth=django_auth,
)
def idea_suggestions(request, slug: Key, filters: Query[SuggestionQuery]):
    """Organisations that would fit the idea's consortium, with their reasons, and the
    programme's rules the consortium does not meet yet. For the idea's author, its
    organisation's members and curators."""
    return queries.idea_partner_suggestions(request.user, slug, filters.limit)


@router.get(
    "/projects/{slug}/suggestions",
    response={200: PartnerSuggestions, **ERRORS},
    auth=django_auth,
)
def project_suggestions(request, slug: Key, filters: Query[SuggestionQuery]):
    """Organisations that would fit the project's consortium, with their reasons. For its
    partners' members, its programme's secretariat and curators."""
    return queries.project_partner_suggestions(request.user, slug, filters.limit)


# People, organisation profiles and project ideas ----------------------------------------


def person_record(page: queries.PersonPage) -> Profiled:
    return Profiled(page, page.profile)


def idea_record(page: queries.IdeaPage) -> Profiled:
    return Profiled(page, page.idea)


@router.get("/people", response=list[PersonItem], tags=["people"])
@paginate(LimitOffset)
def list_people(request, query: Query[PersonQuery]):
    """People's profiles matching every filter given: public ones for everyone, those shown
    to members for signed-in users."""
    return queries.search_people(request.user, query.filters())


@router.put("/people/me", response={200: PersonDetail, **ERRORS}, auth=django_auth,
            tags=["people"])  # fmt: skip
def put_my_profile(request, profile: ProfileIn):
    """Create or replace the signed-in user's own profile."""
    saved = services.save_profile(request.user, profile.to_input())
    return person_record(queries.person_page(request.user, saved.slug))


@router.get("/people/{slug}", response={200: PersonDetail, 404: Message}, tags=["people"])
def get_person(request, slug: Key):
    """A person's profile, if the user may see it (a hidden one is missing for others)."""
    return person_record(queries.person_page(request.user, slug))


@router.get(
    "/organisations/{slug}/profile",
    response={200: OrganisationProfileOut, 404: Message},
    tags=["organisations"],
)
def get_organisation_profile(request, slug: Key):
    """What the organisation says of itself (null when it has no profile the user may see),
    its people with visible profiles and its learning record."""
    organisation = get_object_or_404(Organisation, slug=slug)
    return queries.organisation_profile_for(request.user, organisation)


@router.put(
    "/organisations/{slug}/profile",
    response={200: OrganisationProfileOut, **ERRORS},
    auth=django_auth,
    tags=["organisations"],
)
def put_organisation_profile(request, slug: Key, profile: OrganisationProfileIn):
    """Create or replace the organisation's profile (its members and curators)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    services.save_organisation_profile(request.user, organisation, profile.to_input())
    return queries.organisation_profile_for(request.user, organisation)


@router.get("/ideas", response=list[IdeaItem], tags=["project ideas"])
@paginate(LimitOffset)
def list_ideas(request, query: Query[IdeaQuery]):
    """Project ideas matching every filter given; open ones unless `status` says closed or
    all."""
    return queries.search_ideas(query.filters())


@router.post("/ideas", response={201: IdeaDetail, **ERRORS}, auth=django_auth,
             tags=["project ideas"])  # fmt: skip
def post_idea(request, idea: IdeaIn):
    """Post a project idea; the signed-in user is its author."""
    created = services.create_idea(request.user, idea.to_input())
    return Status(201, idea_record(queries.idea_page(request.user, created.slug)))


@router.get("/ideas/{slug}", response={200: IdeaDetail, 404: Message}, tags=["project ideas"])
def get_idea(request, slug: Key):
    return idea_record(queries.idea_page(request.user, slug))


@router.put("/ideas/{slug}", response={200: IdeaDetail, **ERRORS}, auth=django_auth,
            tags=["project ideas"])  # fmt: skip
def put_idea(request, slug: Key, idea: IdeaIn):
    """Replace a project idea (its author and curators)."""
    current = queries.editable_idea(request.user, slug)
    services.update_idea(request.user, current, idea.to_input())
    return idea_record(queries.idea_page(request.user, slug))


@router.post("/ideas/{slug}/status", response={200: IdeaDetail, **ERRORS}, auth=django_auth,
             tags=["project ideas"])  # fmt: skip
def set_idea_status(request, slug: Key, status: IdeaStatusIn):
    """Close an idea or open it again (its author and curators)."""
    current = queries.editable_idea(request.user, slug)
    services.set_idea_status(request.user, current, status.status)
    return idea_record(queries.idea_page(request.user, slug))
