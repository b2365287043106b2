"""Action plans in the JSON API: plans and their numbered actions, policy instruments, the
indicators of a project, programme, country or region, and for signed-in users the
progress reports and the steps of a plan. Each endpoint calls the function its page calls;
the shapes live in schemas.py. A service's PermissionDenied or ValidationError becomes a 403
or 400 in the API's own handler."""

from typing import Literal

from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.security import django_auth

from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import Key, Message
from corridor.organisations.models import Organisation
from corridor.plans import queries, roles, services
from corridor.plans.models import ActionTarget, Indicator
from corridor.plans.schemas import (
    IndicatorIn,
    IndicatorsOut,
    IndicatorValueOut,
    InstrumentDetail,
    InstrumentItem,
    InstrumentQuery,
    PlanDetail,
    PlanItem,
    PlanQuery,
    PlanStepIn,
    ReportIn,
    ReportOut,
    RollupOut,
    plan_record,
    report_rows,
)
from corridor.projects.models import Project

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message}


@router.get("/action-plans", response=list[PlanItem], tags=["action plans"])
@paginate(LimitOffset)
def list_action_plans(request, query: Query[PlanQuery]):
    """Action plans matching every filter given: approved plans for everyone, drafts and
    submitted plans for the project's partners and the programme's secretariat."""
    plans = queries.search_plans(request.user, query.filters())
    return queries.with_action_counts(plans)


@router.get(
    "/action-plans/{int:pk}", response={200: PlanDetail, 404: Message}, tags=["action plans"]
)
def get_action_plan(request, pk: int):
    """A plan with its numbered actions, their targets and latest status, the progress
    reports and the timeline of what changed."""
    return plan_record(queries.plan_detail(request.user, pk))


@router.post(
    "/action-plans/{int:pk}/reports",
    response={201: ReportOut, **ERRORS},
    auth=django_auth,
    tags=["action plans"],
)
def report_plan_progress(request, pk: int, report: ReportIn):
    """Report progress on an approved plan for one period (its partner's members and the
    programme's secretariat): each action named by its number with its status, and each
    target by its id with what was achieved so far. All of it is saved, or none."""
    page = queries.plan_detail(request.user, pk)
    plan = page.plan
    if not page.can_edit:
        raise HttpError(403, "Only members of the partner organisation or of the programme's "
                             "secretariat may report this plan's progress.")  # fmt: skip
    actions = {a.number: a for a in plan.actions.all()}
    targets = {t.pk: t for t in ActionTarget.objects.filter(action__plan=plan)}
    items = []
    for entry in report.entries:
        if entry.action not in actions:
            raise HttpError(400, f"The plan has no ACTION {entry.action}.")
        if any(item.action.number == entry.action for item in items):
            raise HttpError(400, f"ACTION {entry.action} is given more than once.")
        values = entry.dict(exclude={"action"})
        items.append(services.ActionReport(action=actions[entry.action], **values))
    achieved = {}
    for row in report.targets:
        if row.target not in targets:
            raise HttpError(400, f"The plan has no target {row.target}.")
        if targets[row.target] in achieved:
            raise HttpError(400, f"Target {row.target} is given more than once.")
        achieved[targets[row.target]] = row.achieved
    progress = services.ProgressInput(
        period_start=report.period_start,
        period_end=report.period_end,
        summary=report.summary,
        actions=items,
        targets=achieved,
    )
    saved = services.report_progress(request.user, plan, progress)
    reports = report_rows(queries.plan_detail(request.user, pk))
    return Status(201, next(r for r in reports if r["id"] == saved.pk))


@router.post(
    "/action-plans/{int:pk}/steps",
    response={200: PlanDetail, **ERRORS},
    auth=django_auth,
    tags=["action plans"],
)
def step_action_plan(request, pk: int, step: PlanStepIn):
    """Submit a draft (its writers), approve a submitted plan or send it back to draft (the
    programme's secretariat)."""
    services.step_plan(request.user, queries.plan_detail(request.user, pk).plan, step.step)
    return plan_record(queries.plan_detail(request.user, pk))


@router.get("/policy-instruments", response=list[InstrumentItem], tags=["action plans"])
@paginate(LimitOffset)
def list_policy_instruments(request, query: Query[InstrumentQuery]):
    """The policy instruments plans improve; `q` searches names and territories."""
    return queries.search_instruments(query.filters())


@router.get(
    "/policy-instruments/{slug}",
    response={200: InstrumentDetail, 404: Message},
    tags=["action plans"],
)
def get_policy_instrument(request, slug: Key):
    """A policy instrument with the plans to improve it that the caller may see."""
    instrument = queries.instrument_detail(slug)
    plans = roles.visible_plans(request.user, instrument.action_plans.all())
    instrument.visible_plans = list(
        queries.with_action_counts(plans).select_related(
            "project", "partner", "policy_instrument", "region"
        )
    )
    return instrument


@router.get("/indicators/rollup/{kind}", response=RollupOut, tags=["action plans"])
def indicator_rollup(request, kind: Literal["country", "programme"]):
    """The indicators of every country or programme that has any."""
    return {"kind": kind, "rows": queries.rollup(kind)}


@router.get(
    "/indicators/{kind}/{key}", response={200: IndicatorsOut, 404: Message}, tags=["action plans"]
)
def indicators(request, kind: Literal["project", "programme", "country", "region"], key: Key):
    """Every indicator of a project, programme (by slug), country (two letters) or NUTS
    region: the targets and the figures reported, and those counted from the records."""
    return queries.dashboard(request.user, kind, key)


@router.put(
    "/indicators/project/{slug}/{indicator}",
    response={200: IndicatorValueOut, **ERRORS},
    auth=django_auth,
    tags=["action plans"],
)
def set_project_indicator(request, slug: Key, indicator: Indicator, value: IndicatorIn):
    """Enter an indicator's target and achieved figure for a project as a whole or, with
    `partner`, for one of its partners (the project's partners' members and the programme's
    secretariat). An indicator is entered one way or the other, not both. The figures given
    replace those entered before; one left out is emptied."""
    project = Project.objects.select_related("programme").filter(slug=slug).first()
    if project is None:
        raise HttpError(404, f"No project {slug!r}.")
    if not services.can_enter_indicators(request.user, project):
        raise HttpError(403, "Only the project's partners and the programme's secretariat may "
                             "enter its indicators.")  # fmt: skip
    partner = None
    if value.partner:
        partner = Organisation.objects.filter(slug=value.partner).first()
        if partner is None:
            raise HttpError(400, f"No organisation {value.partner!r}.")
    return services.set_indicator(
        request.user, project, indicator, partner=partner, target=value.target,
        achieved=value.achieved, note=value.note.strip(),
    )  # fmt: skip
