"""Writes of the community: memberships, profiles, project ideas, private messages. Callers
import this package."""

from corridor.community.services.memberships import (
    add_member,
    add_secretariat_member,
)
from corridor.community.services.messages import (
    UNDELIVERABLE,
    block,
    mark_read,
    mark_thread_read,
    notify_recipient,
    reply,
    send_message,
    unblock,
)
from corridor.community.services.people import (
    LANGUAGE,
    RESERVED_SLUGS,
    SIGN_IN_FIRST,
    IdeaInput,
    OrganisationProfileInput,
    ProfileInput,
    create_idea,
    delete_profile,
    save_organisation_profile,
    save_profile,
    set_idea_status,
    update_idea,
)

__all__ = [
    "IdeaInput",
    "LANGUAGE",
    "OrganisationProfileInput",
    "ProfileInput",
    "RESERVED_SLUGS",
    "SIGN_IN_FIRST",
    "UNDELIVERABLE",
    "add_member",
    "add_secretariat_member",
    "block",
    "create_idea",
    "delete_profile",
    "mark_read",
    "mark_thread_read",
    "notify_recipient",
    "reply",
    "save_organisation_profile",
    "save_profile",
    "send_message",
    "set_idea_status",
    "unblock",
    "update_idea",
]
