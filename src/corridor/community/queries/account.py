"""Reads: what a person's own account page shows."""

from dataclasses import dataclass

from corridor.community.roles import (
    display_name,
)
from corridor.organisations.models import Organisation
from corridor.projects.models import Programme


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
