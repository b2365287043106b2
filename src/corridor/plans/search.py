"""Approved action plans in the Explore search: a plan is found by its actions, their
measures, expected results and targets, and by the names of those who wrote it."""

from django.db.models import Prefetch, Q

from corridor.organisations.models import Organisation
from corridor.plans.models import (
    Action,
    ActionMeasure,
    ActionPlan,
    ActionTarget,
    PlanStatus,
    PolicyInstrument,
)
from corridor.projects.models import Project
from corridor.search.documents import SearchDocument, join_text, region_with_ancestors
from corridor.search.registry import SearchType, register


def plan_queryset():
    # Only approved plans are public; a plan sent back to draft leaves the index.
    return (
        ActionPlan.objects.filter(status=PlanStatus.APPROVED)
        .select_related("project", "project__programme", "partner", "policy_instrument", "region")
        .prefetch_related(
            "co_authors",
            "project__themes",
            Prefetch("actions", Action.objects.prefetch_related("measures", "targets")),
        )
    )


def _action_text(action: Action) -> str:
    return join_text(
        f"ACTION {action.number}: {action.title}",
        action.description,
        *(m.text for m in action.measures.all()),
        action.expected_result,
        *(str(t) for t in action.targets.all()),
    )


def plan_document(plan: ActionPlan) -> SearchDocument:
    project, partner, instrument = plan.project, plan.partner, plan.policy_instrument
    co_authors = [o.display_name for o in plan.co_authors.all()]
    themes = list(project.themes.all())
    return SearchDocument(
        id=f"action_plan:{plan.pk}",
        type="action_plan",
        title=plan.title or f"{project.acronym} action plan: {partner.display_name}",
        subtitle=" · ".join(
            [project.acronym, partner.display_name, instrument.name, plan.get_status_display()]
        ),
        url=plan.get_absolute_url(),
        body=join_text(plan.summary_en, plan.note, *(_action_text(a) for a in plan.actions.all())),
        names=" ".join([project.acronym, partner.display_name, *co_authors, instrument.name]),
        date=plan.approved_on,
        year_start=plan.approved_on.year if plan.approved_on else None,
        facets={
            "country": [plan.country_code] if plan.country_code else [],
            "region": region_with_ancestors(plan.region.code) if plan.region_id else [],
            "programme": [project.programme.slug] if project.programme_id else [],
            "theme": [t.slug for t in themes],
        },
    )


def _approved(plans) -> list[int]:
    return list(plans.filter(status=PlanStatus.APPROVED).values_list("pk", flat=True).distinct())


def _plan_of_action(action_id: int) -> list[int]:
    return list(Action.objects.filter(pk=action_id).values_list("plan_id", flat=True))


register(
    SearchType(
        name="action_plan",
        label="Action plans",
        prior=1.0,
        model=ActionPlan,
        to_document=plan_document,
        queryset=plan_queryset,
        related={
            Action: lambda action: [action.plan_id],
            ActionMeasure: lambda measure: _plan_of_action(measure.action_id),
            ActionTarget: lambda target: _plan_of_action(target.action_id),
            PolicyInstrument: lambda instrument: _approved(instrument.action_plans.all()),
            Organisation: lambda organisation: _approved(
                ActionPlan.objects.filter(Q(partner=organisation) | Q(co_authors=organisation))
            ),
            Project: lambda project: _approved(project.action_plans.all()),
        },
    )
)
