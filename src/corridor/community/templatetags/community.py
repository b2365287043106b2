"""Template helpers of people: how a person is named to others (never by e-mail)."""

from django import template

from corridor.community.queries import unread_count
from corridor.community.roles import display_name

register = template.Library()

register.filter("person", display_name)


@register.simple_tag
def unread_messages(user) -> int:
    """How many messages the signed-in user has not read, for the header."""
    return unread_count(user)
