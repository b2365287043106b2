"""Who may do what. Every write in services.py asks here first, so the pages, the API and
the CLI enforce the same rules."""

from corridor.learning.models import GoodPractice, Membership, PracticeStatus
from corridor.projects.models import Project

EXPERT_PERMISSION = "learning.validate_goodpractice"


def user_projects(user):
    """Projects in which one of the user's organisations is a partner."""
    if not user.is_authenticated:
        return Project.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation")
    return Project.objects.filter(partnerships__organisation__in=organisations).distinct()


def is_project_member(user, project) -> bool:
    if not user.is_authenticated or project is None:
        return False
    return Membership.objects.filter(
        user=user, organisation__partnerships__project=project
    ).exists()


def is_expert(user) -> bool:
    return user.is_authenticated and user.has_perm(EXPERT_PERMISSION)


def is_author(user, practice: GoodPractice) -> bool:
    return user.is_authenticated and practice.author_id == user.pk


def can_view_practice(user, practice: GoodPractice) -> bool:
    if practice.status == PracticeStatus.VALIDATED:
        return True
    return (
        is_author(user, practice)
        or is_project_member(user, practice.project)
        or is_expert(user)
        or (user.is_authenticated and user.is_staff)
    )


def can_edit_practice(user, practice: GoodPractice) -> bool:
    return is_author(user, practice) and practice.status in (
        PracticeStatus.DRAFT,
        PracticeStatus.REJECTED,
    )


def allowed_actions(user, practice: GoodPractice) -> list[str]:
    """The workflow steps this user may take now: 'submit', 'approve', 'validate', 'reject'."""
    status, actions = practice.status, []
    if status in (PracticeStatus.DRAFT, PracticeStatus.REJECTED) and is_author(user, practice):
        actions.append("submit")
    # The project approves: a member of a partner organisation, never the author alone.
    reviewer = is_project_member(user, practice.project) and not is_author(user, practice)
    if status == PracticeStatus.SUBMITTED and reviewer:
        actions += ["approve", "reject"]
    if status == PracticeStatus.APPROVED and is_expert(user) and not is_author(user, practice):
        actions += ["validate", "reject"]
    return actions


def can_edit_event(user, project) -> bool:
    """A project's events are kept by its members; events of no project by the curators."""
    if not user.is_authenticated:
        return False
    return user.is_staff or (project is not None and is_project_member(user, project))


def can_upload_document(user, project) -> bool:
    if not user.is_authenticated:
        return False
    if project is None:
        return user.is_staff
    return user.is_staff or is_project_member(user, project)


def display_name(user) -> str:
    """How a person is shown to others: their name or user name, never their e-mail."""
    if user is None:
        return "someone"
    full = user.get_full_name().strip()
    if full and "@" not in full:
        return full
    name = user.get_username()
    return name.split("@")[0] if "@" in name else name
