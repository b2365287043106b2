"""Who may do what with action plans. The partner's members and the programme's
secretariat write a plan and report its progress; the secretariat approves it; everyone
reads approved plans. Every write in services.py asks here first."""

from django.db.models import Q

from corridor.community.roles import (
    acts_for,
    is_project_member,
    is_secretariat,
    user_organisation_ids,
    user_programme_ids,
)
from corridor.plans.models import ActionPlan, PlanStatus


def plan_organisation_ids(plan: ActionPlan) -> list[int]:
    ids = [plan.partner_id]
    if plan.pk:
        ids += list(plan.co_authors.values_list("pk", flat=True))
    return ids


def can_edit_plan(user, plan: ActionPlan) -> bool:
    """Members of the plan's partner (or a co-author), the programme's secretariat and
    superusers. Other partners of the project read drafts but do not write them."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or acts_for(user, plan_organisation_ids(plan))
        or is_secretariat(user, plan.project.programme)
    )


def can_create_plan(user, project, partner) -> bool:
    if not user.is_authenticated or project is None or partner is None:
        return False
    return (
        user.is_superuser or acts_for(user, [partner.pk]) or is_secretariat(user, project.programme)
    )


def can_view_plan(user, plan: ActionPlan) -> bool:
    if plan.status == PlanStatus.APPROVED:
        return True
    if not user.is_authenticated:
        return False
    return user.is_staff or can_edit_plan(user, plan) or is_project_member(user, plan.project)


def plan_steps(user, plan: ActionPlan) -> list[str]:
    """The status changes this user may make now: 'submit', 'approve', 'reopen'."""
    steps = []
    if plan.status == PlanStatus.DRAFT and can_edit_plan(user, plan):
        steps.append("submit")
    secretariat = user.is_authenticated and (
        user.is_superuser or is_secretariat(user, plan.project.programme)
    )
    if plan.status == PlanStatus.SUBMITTED and secretariat:
        steps += ["approve", "reopen"]
    # An approved plan is revised by sending it back to draft; it leaves the public pages.
    if plan.status == PlanStatus.APPROVED and secretariat:
        steps.append("reopen")
    return steps


def visible_plans(user, queryset):
    """Approved plans for everyone; the others to those who may see them."""
    if not user.is_authenticated:
        return queryset.filter(status=PlanStatus.APPROVED)
    if user.is_staff or user.is_superuser:
        return queryset
    organisations = user_organisation_ids(user)
    programmes = user_programme_ids(user)
    return queryset.filter(
        Q(status=PlanStatus.APPROVED)
        | Q(partner__in=organisations)
        | Q(co_authors__in=organisations)
        | Q(project__partnerships__organisation__in=organisations)
        | Q(project__programme__in=programmes)
    ).distinct()
