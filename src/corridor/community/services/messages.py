"""Writes: private messages and blocks. Each write asks roles.py first."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from corridor.community import roles
from corridor.community.models import (
    Block,
    Message,
    ProjectIdea,
)

logger = logging.getLogger(__name__)


# Messages -------------------------------------------------------------------------------
# Private contact: delivered to the inbox and announced by e-mail from the platform's own
# address; neither person's address is shown to the other, in the mail or anywhere else.

UNDELIVERABLE = "This person cannot receive your message."


def _thread_root(message: Message) -> Message:
    return message.reply_to if message.reply_to_id and message.reply_to else message


def send_message(
    sender,
    recipient,
    subject: str,
    body: str,
    idea: ProjectIdea | None = None,
    reply_to: Message | None = None,
) -> Message:
    """Write to someone the sender may find (their visible profile, or the idea they wrote),
    or answer a conversation the sender is part of. A person who blocked the sender is
    refused with the words used for a closed account: the sender is not told of the block."""
    if not sender.is_authenticated:
        raise PermissionDenied("Sign in to send a message.")
    if recipient is None or recipient.pk == sender.pk:
        raise ValidationError("You cannot write to yourself.")
    root = None
    if reply_to is not None:
        root = _thread_root(reply_to)
        if not roles.can_read_message(sender, root):
            raise PermissionDenied("This conversation is not yours.")
        if recipient.pk not in (root.sender_id, root.recipient_id):
            raise ValidationError("A reply goes to the other person of the conversation.")
        idea = root.idea
    elif not roles.can_find(sender, recipient, idea):
        raise PermissionDenied(
            "You can write to people whose profile you see, or to an idea's author."
        )
    if not roles.can_message(sender, recipient):
        raise PermissionDenied(UNDELIVERABLE)
    subject, body = subject.strip(), body.strip()
    if root is not None and not subject:
        subject = root.subject if root.subject.startswith("Re: ") else f"Re: {root.subject}"
    if not subject or not body:
        raise ValidationError("A message needs a subject and a text.")
    if len(subject) > 200 or len(body) > 5000:
        raise ValidationError("A subject has at most 200 characters, a text at most 5000.")
    limit = settings.MESSAGES_PER_DAY
    since = timezone.now() - timedelta(hours=24)
    if Message.objects.filter(sender=sender, sent_at__gte=since).count() >= limit:
        raise ValidationError(
            f"You have sent {limit} messages within 24 hours, the most allowed. "
            "Please try again later."
        )
    message = Message.objects.create(
        sender=sender, recipient=recipient, subject=subject, body=body, idea=idea,
        reply_to=root,
    )  # fmt: skip
    notify_recipient(message)
    return message


def reply(sender, message: Message, body: str) -> Message:
    """An answer in the same conversation, to its other person."""
    root = _thread_root(message)
    if not roles.can_read_message(sender, root):
        raise PermissionDenied("This conversation is not yours.")
    other = root.recipient if root.sender_id == sender.pk else root.sender
    return send_message(sender, other, "", body, reply_to=root)


def notify_recipient(message: Message) -> None:
    """An e-mail to the recipient, from the platform, naming the sender by name and linking
    the conversation: no address of the sender, and no Reply-To."""
    recipient = message.recipient
    if not recipient.email:
        return
    root = _thread_root(message)
    link = settings.SITE_URL.rstrip("/") + reverse("message_thread", args=[root.pk])
    sender = roles.display_name(message.sender)
    about = f" about “{message.idea.title}”" if message.idea_id and message.idea else ""
    body = (
        f"Hello {roles.display_name(recipient)},\n\n"
        f"{sender} sent you a private message on Corridor{about}:\n\n"
        f"    {message.subject}\n\n"
        f"Read it and answer on the platform (your address is not shown to {sender}, "
        f"nor theirs to you):\n{link}\n\n"
        f"All your messages: {settings.SITE_URL.rstrip('/')}{reverse('inbox')}\n"
    )
    email = EmailMessage(
        subject=f"[Corridor] {sender} sent you a message: {message.subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )
    try:
        email.send()
    except (OSError, smtplib.SMTPException):
        # The message is in the inbox all the same; the mail server is the operator's.
        logger.exception("The notification of message %s was not sent", message.pk)


def mark_read(user, message: Message) -> Message:
    """The recipient has read it; reading it again changes nothing."""
    if not user.is_authenticated or user.pk != message.recipient_id:
        raise PermissionDenied("Only its recipient marks a message read.")
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


def mark_thread_read(user, message: Message) -> int:
    """Every message of the conversation the user received; the number newly read."""
    root = _thread_root(message)
    if not roles.can_read_message(user, root):
        raise PermissionDenied("This conversation is not yours.")
    unread = Message.objects.filter(
        Q(pk=root.pk) | Q(reply_to=root), recipient=user, read_at__isnull=True
    )
    return unread.update(read_at=timezone.now())


def block(user, other) -> Block:
    """The user receives no more messages from the other person; blocking twice changes
    nothing."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to block someone.")
    if other is None or other.pk == user.pk:
        raise ValidationError("You cannot block yourself.")
    blocked, _ = Block.objects.get_or_create(blocker=user, blocked=other)
    return blocked


def unblock(user, other) -> None:
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to unblock someone.")
    Block.objects.filter(blocker=user, blocked=other).delete()
