"""Writes: who acts for which organisation and works for which programme's secretariat."""

from corridor.community.models import (
    Membership,
    SecretariatMembership,
)


def add_member(user, organisation) -> Membership:
    """The user acts for the organisation; adding them twice changes nothing."""
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation)
    return membership


def add_secretariat_member(user, programme) -> SecretariatMembership:
    """The user works for the programme's joint secretariat; adding them twice changes nothing."""
    membership, _ = SecretariatMembership.objects.get_or_create(user=user, programme=programme)
    return membership
