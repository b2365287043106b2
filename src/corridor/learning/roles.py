"""Who may do what. Every write in services.py asks here first, so the pages, the API and
the CLI enforce the same rules."""

from corridor.community.roles import is_project_member
from corridor.learning.models import GoodPractice, PracticeStatus

EXPERT_PERMISSION = "learning.validate_goodpractice"


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
