"""Template helpers of people: how a person is named to others (never by e-mail)."""

from django import template

from corridor.community.roles import display_name

register = template.Library()

register.filter("person", display_name)
