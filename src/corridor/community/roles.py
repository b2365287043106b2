"""Who may do what in the community, and whom a person acts for: the membership questions
that learning's and plans' rules ask too (those apps keep their own rules about their
content; they ask here who is a member). Every write in services.py asks here first."""

from corridor.community.models import (
    Block,
    Membership,
    OrganisationProfile,
    Profile,
    ProjectIdea,
    SecretariatMembership,
    Visibility,
)
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
    """How a person is shown to others: their name (a profile's name is kept there too) or
    user name, never their e-mail."""
    if user is None:
        return "someone"
    full = user.get_full_name().strip()
    if full and "@" not in full:
        return full
    name = user.get_username()
    return name.split("@")[0] if "@" in name else name


# Profiles -------------------------------------------------------------------------------
def is_curator(user) -> bool:
    return user.is_authenticated and user.is_staff


def can_view(user, visibility: str, owner_id: int | None = None) -> bool:
    """Public for everyone, members-only for people signed in, hidden for the owner."""
    if visibility == Visibility.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if visibility == Visibility.MEMBERS:
        return True
    return user.pk == owner_id or is_curator(user)


def can_view_profile(user, profile: Profile) -> bool:
    return can_view(user, profile.visibility, profile.user_id)


def can_edit_profile(user, profile: Profile) -> bool:
    return user.is_authenticated and (user.pk == profile.user_id or is_curator(user))


def can_edit_organisation_profile(user, organisation) -> bool:
    """The organisation's members keep its profile; curators too."""
    return is_curator(user) or acts_for(user, [organisation.pk])


def can_view_organisation_profile(user, profile: OrganisationProfile) -> bool:
    if can_edit_organisation_profile(user, profile.organisation):
        return True
    return can_view(user, profile.visibility)


# Project ideas --------------------------------------------------------------------------
def can_edit_idea(user, idea: ProjectIdea) -> bool:
    return user.is_authenticated and (user.pk == idea.author_id or is_curator(user))


def can_see_idea_suggestions(user, idea: ProjectIdea) -> bool:
    """Partner suggestions are the author's planning: the author, the members of the
    organisation behind the idea, curators."""
    if not user.is_authenticated:
        return False
    if can_edit_idea(user, idea):
        return True
    return idea.organisation_id is not None and acts_for(user, [idea.organisation_id])


def can_see_project_suggestions(user, project) -> bool:
    """For a running project: its partners' members, its programme's secretariat, curators."""
    if not user.is_authenticated:
        return False
    return (
        is_curator(user)
        or is_project_member(user, project)
        or is_secretariat(user, project.programme)
    )


# Private messages -----------------------------------------------------------------------
def is_blocked(sender, recipient) -> bool:
    return Block.objects.filter(blocker=recipient, blocked=sender).exists()


def can_message(sender, recipient) -> bool:
    """Signed-in people write to others who have not blocked them. Whether the recipient
    can be found (a profile the sender may see, an idea's author) is the caller's question."""
    if not sender.is_authenticated or recipient is None or sender.pk == recipient.pk:
        return False
    return recipient.is_active and not is_blocked(sender, recipient)


def can_read_message(user, message) -> bool:
    """A conversation is its two people's: nobody else reads it, curators neither."""
    return user.is_authenticated and user.pk in (message.sender_id, message.recipient_id)


def can_find(sender, recipient, idea=None) -> bool:
    """Whom a person may write to first: someone whose profile they may see, or the author
    of a project idea."""
    if idea is not None and idea.author_id == recipient.pk:
        return True
    profile = Profile.objects.filter(user_id=recipient.pk).first()
    return profile is not None and can_view_profile(sender, profile)
