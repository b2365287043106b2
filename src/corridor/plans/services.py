"""Writes behind the plan pages, the API and the CLI: one function per use case. Each asks
roles.py who may act and raises PermissionDenied or ValidationError; each is atomic."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from corridor.community.models import Membership, SecretariatMembership
from corridor.community.roles import is_project_member, is_secretariat
from corridor.learning.models import Document
from corridor.plans import roles
from corridor.plans.models import (
    Action,
    ActionMeasure,
    ActionPlan,
    ActionProgress,
    ActionTarget,
    IndicatorValue,
    PlanStatus,
    PolicyInstrument,
    ProgressReport,
    TargetProgress,
)

INSTRUMENT_FIELDS = [
    "name", "type", "managing_authority", "territory", "country_code", "region", "description",
    "note",
]  # fmt: skip
PLAN_FIELDS = [
    "title", "language", "summary_en", "country_code", "region", "approved_on", "note",
]  # fmt: skip
ACTION_FIELDS = [
    "number", "title", "description", "background", "players", "timeframe_start",
    "timeframe_end", "timeframe_note", "costs", "costs_note", "funding_sources",
    "expected_result", "pilot",
]  # fmt: skip


def unique_instrument_slug(name: str) -> str:
    base = slugify(name)[:200] or "policy-instrument"
    slug, n = base, 2
    while PolicyInstrument.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _may_describe_instruments(user) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or Membership.objects.filter(user=user).exists()
        or SecretariatMembership.objects.filter(user=user).exists()
    )


@transaction.atomic
def save_instrument(user, values: dict, instrument: PolicyInstrument | None = None):
    """A policy instrument, described by anyone who writes plans (instruments are shared)."""
    if not _may_describe_instruments(user):
        raise PermissionDenied("Only members of a partner organisation or of a programme "
                               "secretariat may describe policy instruments.")  # fmt: skip
    instrument = instrument or PolicyInstrument()
    for name in INSTRUMENT_FIELDS:
        if name in values:
            setattr(instrument, name, values[name] if values[name] is not None else "")
    if instrument.region is not None and not instrument.country_code:
        instrument.country_code = instrument.region.country_code
    if not instrument.slug:
        instrument.slug = unique_instrument_slug(instrument.name)
    instrument.full_clean()
    instrument.save()
    return instrument


def _check_partner(project, partner) -> None:
    if project is None:
        raise ValidationError({"project": "Choose the project the plan belongs to."})
    if partner is None:
        raise ValidationError({"partner": "Choose the partner that writes the plan."})
    if not project.partnerships.filter(organisation=partner).exists():
        raise ValidationError({"partner": f"{partner} is not a partner of {project.acronym}."})


def _fill_place(plan: ActionPlan) -> None:
    """The plan's country, for the roll-ups: stated, else its region's, else the partner's."""
    if not plan.country_code:
        if plan.region is not None:
            plan.country_code = plan.region.country_code
        elif plan.partner.country_code:
            plan.country_code = plan.partner.country_code


@transaction.atomic
def create_plan(user, values: dict, co_authors=()) -> ActionPlan:
    """A new draft plan: values give project, partner, policy_instrument and PLAN_FIELDS."""
    project, partner = values.get("project"), values.get("partner")
    _check_partner(project, partner)
    if not roles.can_create_plan(user, project, partner):
        raise PermissionDenied("Only members of the partner organisation or of the programme's "
                               "secretariat may write this plan.")  # fmt: skip
    if values.get("policy_instrument") is None:
        raise ValidationError({"policy_instrument": "Choose the policy instrument it improves."})
    plan = ActionPlan(
        project=project, partner=partner, policy_instrument=values["policy_instrument"]
    )
    for name in PLAN_FIELDS:
        if name in values:
            setattr(plan, name, _blank(plan, name, values[name]))
    _fill_place(plan)
    plan.full_clean()
    plan.save()
    plan.co_authors.set(_co_authors(plan, co_authors))
    return plan


@transaction.atomic
def update_plan(user, plan: ActionPlan, values: dict, co_authors=None) -> ActionPlan:
    if not roles.can_edit_plan(user, plan):
        raise PermissionDenied("Only members of the partner organisation or of the programme's "
                               "secretariat may change this plan.")  # fmt: skip
    if "policy_instrument" in values and values["policy_instrument"] is not None:
        plan.policy_instrument = values["policy_instrument"]
    for name in PLAN_FIELDS:
        if name in values:
            setattr(plan, name, _blank(plan, name, values[name]))
    _fill_place(plan)
    plan.full_clean()
    plan.save()
    if co_authors is not None:
        plan.co_authors.set(_co_authors(plan, co_authors))
    return plan


def _blank(obj, name: str, value):
    """Forms give None for an empty optional text field; the models keep ''."""
    if value is None and not obj._meta.get_field(name).null:
        return ""
    return value


def _co_authors(plan: ActionPlan, organisations) -> list:
    """Any organisation may write a plan with the partner (a regional body that is not a
    partner of the project, as in seed 002's Polish plan), but not the partner itself."""
    organisations = list(organisations)
    if any(o.pk == plan.partner_id for o in organisations):
        raise ValidationError({"co_authors": "The partner writes the plan; co-authors are "
                                             "the others."})  # fmt: skip
    return organisations


# step -> (allowed from, leads to)
PLAN_STEPS = {
    "submit": PlanStatus.SUBMITTED,
    "approve": PlanStatus.APPROVED,
    "reopen": PlanStatus.DRAFT,
}


@transaction.atomic
def step_plan(user, plan: ActionPlan, step: str, today: datetime.date | None = None):
    """Submit (its writers), approve or send back to draft (the programme's secretariat)."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if step not in PLAN_STEPS:
        raise ValidationError(f"Unknown step {step!r}; one of {', '.join(PLAN_STEPS)}.")
    if step not in roles.plan_steps(user, plan):
        raise PermissionDenied(f"You may not {step} this plan while it is "
                               f"{plan.get_status_display().lower()}.")  # fmt: skip
    plan.status = PLAN_STEPS[step]
    if step == "approve":
        plan.approved_on = today or datetime.date.today()
    if step == "reopen":
        plan.approved_on = None
    plan.save()
    return plan


@transaction.atomic
def save_action(
    user, plan: ActionPlan, values: dict, action: Action | None = None, *,
    measures: list[str] | None = None, targets: list[dict] | None = None,
    practices=None, events=None, documents=None,
) -> Action:  # fmt: skip
    """Creates or changes one numbered action, with its measures, quantified targets and
    the good practices, events and documents that inspired it."""
    if not roles.can_edit_plan(user, plan):
        raise PermissionDenied("Only members of the partner organisation or of the programme's "
                               "secretariat may change this plan.")  # fmt: skip
    if action is not None and action.plan_id != plan.pk:
        raise ValidationError("The action belongs to another plan.")
    action = action or Action(plan=plan)
    for name in ACTION_FIELDS:
        if name in values:
            setattr(action, name, _blank(action, name, values[name]))
    action.full_clean(validate_unique=False, validate_constraints=False)
    clash = Action.objects.filter(plan=plan, number=action.number).exclude(pk=action.pk)
    if clash.exists():
        raise ValidationError({"number": f"The plan already has an ACTION {action.number}."})
    action.save()
    if measures is not None:
        action.measures.all().delete()
        for position, text in enumerate((m.strip() for m in measures if m.strip()), 1):
            ActionMeasure.objects.create(action=action, position=position, text=text)
    if targets is not None:
        _replace_targets(action, targets)
    for relation, chosen in (
        (action.inspired_by_practices, practices),
        (action.inspired_by_events, events),
        (action.inspired_by_documents, documents),
    ):
        if chosen is not None:
            relation.set(chosen)
    return action


@transaction.atomic
def delete_action(user, action: Action) -> None:
    """Removes an action from its plan, with its measures, targets and the progress reported
    on them (the reports themselves stay, with the plan's other actions)."""
    plan = ActionPlan.objects.select_related("project__programme").get(pk=action.plan_id)
    if not roles.can_edit_plan(user, plan):
        raise PermissionDenied("Only members of the partner organisation or of the programme's "
                               "secretariat may change this plan.")  # fmt: skip
    action.delete()


def _replace_targets(action: Action, targets: list[dict]) -> None:
    """Keeps targets that stay (their progress with them), changes or adds the others."""
    kept = []
    for position, values in enumerate(targets, 1):
        target_id = values.get("id")
        target = action.targets.filter(pk=target_id).first() if target_id else None
        target = target or ActionTarget(action=action)
        target.position = position
        target.quantity = values.get("quantity")  # type: ignore[assignment]  # None: full_clean says so
        target.unit = (values.get("unit") or "").strip()
        target.due_date = values.get("due_date")
        target.full_clean()
        target.save()
        kept.append(target.pk)
    action.targets.exclude(pk__in=kept).delete()


@dataclass
class ActionReport:
    """What a progress report says of one action."""

    action: Action
    status: str
    reason: str = ""
    evidence: str = ""
    evidence_url: str = ""
    evidence_document: Document | None = None
    date: datetime.date | None = None


@dataclass
class ProgressInput:
    period_start: datetime.date
    period_end: datetime.date
    summary: str = ""
    actions: list[ActionReport] = field(default_factory=list)
    targets: dict = field(default_factory=dict)  # ActionTarget -> Decimal achieved so far


@transaction.atomic
def report_progress(user, plan: ActionPlan, progress: ProgressInput) -> ProgressReport:
    """Phase 2: a report on an approved plan for one period, with a status for each of the
    actions it names and the targets' achieved figures. All of it is saved, or none."""
    if not roles.can_edit_plan(user, plan):
        raise PermissionDenied("Only members of the partner organisation or of the programme's "
                               "secretariat may report this plan's progress.")  # fmt: skip
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError("Progress is reported on approved plans; this one is "
                              f"{plan.get_status_display().lower()}.")  # fmt: skip
    report = ProgressReport(
        plan=plan, period_start=progress.period_start, period_end=progress.period_end,
        summary=progress.summary.strip(), reported_by=user,
    )  # fmt: skip
    report.full_clean(validate_constraints=False)
    if plan.reports.filter(period_end=report.period_end).exists():
        raise ValidationError({"period_end": "The plan already has a report for a period "
                                             f"ending {report.period_end}."})  # fmt: skip
    if not progress.actions:
        raise ValidationError("Give the status of at least one action.")
    numbers = [item.action.number for item in progress.actions]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("Each action is reported once per report.")
    report.save()
    errors = {}
    for item in progress.actions:
        if item.action.plan_id != plan.pk:
            raise ValidationError(f"{item.action} belongs to another plan.")
        entry = ActionProgress(
            report=report, action=item.action, status=item.status, reason=item.reason.strip(),
            evidence=item.evidence.strip(), evidence_url=item.evidence_url.strip(),
            evidence_document=item.evidence_document, date=item.date,
        )  # fmt: skip
        try:
            entry.full_clean(validate_constraints=False)
        except ValidationError as e:
            errors[f"ACTION {item.action.number}"] = "; ".join(e.messages)
            continue
        entry.save()
    for target, achieved in progress.targets.items():
        if achieved is None:
            continue
        if target.action.plan_id != plan.pk:
            raise ValidationError(f"The target {target} belongs to another plan.")
        row = TargetProgress(report=report, target=target, achieved=Decimal(achieved))
        try:
            row.full_clean(validate_constraints=False)
        except ValidationError as e:
            errors[f"target {target}"] = "; ".join(e.messages)
            continue
        row.save()
    if errors:
        raise ValidationError(errors)
    return report


def can_enter_indicators(user, project) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or is_project_member(user, project)
        or is_secretariat(user, project.programme)
    )


@transaction.atomic
def set_indicator(
    user, project, indicator: str, *, partner=None, target=None, achieved=None, note: str = ""
) -> IndicatorValue:
    """Enters a target and what was achieved, for the project or one of its partners. An
    indicator is entered either for the project as a whole or per partner, not both, so
    that the roll-ups add up."""
    if not can_enter_indicators(user, project):
        raise PermissionDenied("Only the project's partners and the programme's secretariat "
                               "may enter its indicators.")  # fmt: skip
    if partner is not None:
        _check_partner(project, partner)
    rows = IndicatorValue.objects.filter(project=project, indicator=indicator)
    other_level = rows.filter(partner__isnull=True) if partner else rows.exclude(partner=None)
    if other_level.exists():
        level = "for the project as a whole" if partner else "per partner"
        raise ValidationError({"partner": f"This indicator is entered {level}; enter it the "
                                          "same way so that the totals add up."})  # fmt: skip
    value = rows.filter(partner=partner).first() or IndicatorValue(
        project=project, indicator=indicator, partner=partner
    )
    value.target, value.achieved, value.note = target, achieved, note or ""
    value.full_clean(validate_constraints=False)
    value.save()
    return value


@transaction.atomic
def clear_indicator(user, project, indicator: str, partner=None) -> bool:
    """Removes what was entered for an indicator, for the project as a whole or for one
    partner. False when there was nothing to remove."""
    if not can_enter_indicators(user, project):
        raise PermissionDenied("Only the project's partners and the programme's secretariat "
                               "may enter its indicators.")  # fmt: skip
    rows = IndicatorValue.objects.filter(project=project, indicator=indicator, partner=partner)
    deleted, _ = rows.delete()
    return bool(deleted)
