"""The people the tests act as: members of a partner organisation, a programme's secretariat.
Their e-mail addresses are there to be looked for, and never found, in pages."""

from django.contrib.auth.models import User

from corridor.community.services import add_member, add_secretariat_member
from corridor.organisations.models import Organisation
from corridor.projects.models import Programme

INTERREG_EUROPE = "interreg-europe-2014-2020"  # InterVentures' programme


def member(username: str, organisation_slug: str) -> User:
    """A person acting for the organisation (e.g. pannon-egtc for InterVentures)."""
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    add_member(user, Organisation.objects.get(slug=organisation_slug))
    return user


def secretariat_member(username: str, programme_slug: str = INTERREG_EUROPE) -> User:
    """A person of the programme's joint secretariat."""
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    add_secretariat_member(user, Programme.objects.get(slug=programme_slug))
    return user
