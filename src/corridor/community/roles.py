"""Whom a person acts for: the membership questions that learning's and plans' rules ask.
Those apps keep their own rules about their content; they ask here who is a member."""

from corridor.community.models import Membership, SecretariatMembership
from corridor.projects.models import Project


def user_organisation_ids(user):
    """The organisations the user acts for, as a subquery of ids."""
    if not user.is_authenticated:
        return Membership.objects.none().values("organisation")
    return Membership.objects.filter(user=user).values("organisation")


def user_programme_ids(user):
    """The programmes whose joint secretariat the user belongs to, as a subquery of ids."""
    if not user.is_authenticated:
        return SecretariatMembership.objects.none().values("programme")
    return SecretariatMembership.objects.filter(user=user).values("programme")


def user_projects(user):
    """Projects in which one of the user's organisations is a partner."""
    if not user.is_authenticated:
        return Project.objects.none()
    organisations = user_organisation_ids(user)
    return Project.objects.filter(partnerships__organisation__in=organisations).distinct()


def is_project_member(user, project) -> bool:
    if not user.is_authenticated or project is None:
        return False
    return Membership.objects.filter(
        user=user, organisation__partnerships__project=project
    ).exists()


def acts_for(user, organisation_ids) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation_id__in=organisation_ids).exists()


def is_secretariat(user, programme) -> bool:
    if not user.is_authenticated or programme is None:
        return False
    return SecretariatMembership.objects.filter(user=user, programme=programme).exists()


def display_name(user) -> str:
    """How a person is shown to others: their name or user name, never their e-mail."""
    if user is None:
        return "someone"
    full = user.get_full_name().strip()
    if full and "@" not in full:
        return full
    name = user.get_username()
    return name.split("@")[0] if "@" in name else name
