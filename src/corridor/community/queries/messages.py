"""Reads: private messages, as their sender and recipient see them. People are named by
their name and profile slug: never an e-mail."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from corridor.community.models import (
    Block,
    Message,
    Profile,
    ProjectIdea,
)
from corridor.community.roles import (
    can_message,
    can_read_message,
    can_view_profile,
    display_name,
)

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
