"""Action plans in the JSON API: plans and their numbered actions, policy instruments, the
indicators of a project, programme, country or region, and for signed-in users the
progress reports and the steps of a plan. Each endpoint calls the function its page calls."""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.security import django_auth

from corridor.learning.api import ProjectRef, Ref
from corridor.lib.countries import country_name
from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import CodeOrNull, DecimalStr, Key, Message
from corridor.organisations.models import Organisation
from corridor.plans import queries, roles, services
from corridor.plans.models import (
    ActionPlan,
    ActionStatus,
    ActionTarget,
    Indicator,
    IndicatorValue,
    PlanStatus,
    PolicyInstrument,
)
from corridor.projects.models import Project

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message}


# Shapes -----------------------------------------------------------------------------------
class Link(Schema):
    id: int
    title: str
    url: str


class InstrumentRef(Schema):
    slug: str
    name: str
    url: str = Field(..., alias="get_absolute_url")


class InstrumentItem(InstrumentRef):
    type: str | None = Field(description="Null when the source does not say.")
    type_label: str
    managing_authority: str
    territory: str = Field(description="As the source names it.")
    country_code: CodeOrNull
    region: str | None = Field(None, alias="region.code")

    @staticmethod
    def resolve_type(instrument: PolicyInstrument) -> str | None:
        return instrument.type or None

    @staticmethod
    def resolve_type_label(instrument: PolicyInstrument) -> str:
        return instrument.get_type_display() if instrument.type else "Not stated"


class PlanItem(Schema):
    id: int
    title: str = Field(description="The plan's title, or '<acronym>: action plan of <partner>'.")
    project: ProjectRef
    partner: Ref
    policy_instrument: InstrumentRef
    country_code: CodeOrNull
    region: str | None = Field(None, alias="region.code")
    status: PlanStatus
    approved_on: datetime.date | None
    action_count: int
    actions_implemented: int = Field(
        description="Actions whose latest reported status is implemented."
    )
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_title(plan: ActionPlan) -> str:
        return str(plan)

    @staticmethod
    def resolve_partner(plan: ActionPlan) -> dict:
        return {"slug": plan.partner.slug, "name": plan.partner.display_name}

    @staticmethod
    def resolve_actions_implemented(plan: ActionPlan) -> int:
        return plan.implemented_count


class InstrumentDetail(InstrumentItem):
    description: str
    note: str
    action_plans: list[PlanItem] = Field(description="The plans the caller may see.")

    @staticmethod
    def resolve_action_plans(instrument) -> list:
        return instrument.visible_plans


class Inspiration(Schema):
    good_practices: list[Link]
    events: list[Link]
    documents: list[Link]


class TargetOut(Schema):
    id: int
    quantity: DecimalStr
    unit: str
    due_date: datetime.date | None
    achieved: DecimalStr | None = Field(description="As of the latest report that gives it.")
    achieved_by: datetime.date | None = Field(description="The end of that report's period.")


class ActionOut(Schema):
    number: int
    title: str
    description: str
    measures: list[str]
    background: str
    inspired_by: Inspiration
    players: str
    timeframe_start: datetime.date | None
    timeframe_end: datetime.date | None
    timeframe_note: str
    costs: DecimalStr | None = Field(description="EUR.")
    costs_note: str
    funding_sources: str
    expected_result: str
    pilot: bool
    targets: list[TargetOut]
    current_status: ActionStatus | None = Field(description="Null before any report names it.")
    url: str


class EntryOut(Schema):
    action: int = Field(description="The action's number.")
    status: ActionStatus
    reason: str
    evidence: str
    evidence_url: str
    evidence_document: Link | None
    date: datetime.date | None


class TargetReported(Schema):
    target: int = Field(description="The target's id.")
    action: int = Field(description="The action's number.")
    achieved: DecimalStr


class ReportOut(Schema):
    id: int
    period_start: datetime.date
    period_end: datetime.date
    summary: str
    entries: list[EntryOut]
    targets: list[TargetReported]


class TimelineOut(Schema):
    date: datetime.date
    title: str
    detail: str
    status: str


class PlanDetail(PlanItem):
    # Most fields are read from the attributes _plan_out sets on the plan.
    co_authors: list[Ref] = Field(..., alias="co_author_refs")
    policy_instrument: InstrumentItem
    territory: str
    language: str
    summary: str = Field(..., alias="summary_en")
    note: str = Field(description="How the source's words were read.")
    actions: list[ActionOut] = Field(..., alias="action_list")
    status_counts: dict[str, int] = Field(
        ..., alias="counts", description="Actions by latest status."
    )
    reports: list[ReportOut] = Field(..., alias="report_list")
    timeline: list[TimelineOut] = Field(..., alias="timeline_list")
    allowed_steps: list[str] = Field(
        ..., alias="steps", description="The status changes the caller may make."
    )
    can_report: bool = Field(
        ..., alias="may_report", description="Whether the caller may report progress now."
    )

    @staticmethod
    def resolve_territory(plan) -> str:
        return _territory(plan)


class PlanQuery(Schema):
    project: str = Field("", max_length=320, description="A project's slug.")
    country: str = Field("", pattern="^([A-Za-z]{2})?$")
    programme: str = Field("", max_length=320, description="A programme's slug.")
    status: str = Field("", pattern="^(|draft|submitted|approved)$")
    q: str = Field("", max_length=200)


class InstrumentQuery(Schema):
    country: str = Field("", pattern="^([A-Za-z]{2})?$")
    q: str = Field("", max_length=200)


class ScopeOut(Schema):
    kind: str
    key: str
    label: str
    url: str


class FigureOut(Schema):
    indicator: Indicator
    label: str
    target: DecimalStr | None
    reported: DecimalStr | None = Field(description="As the partners entered it.")
    counted: int | None = Field(description="Counted from the records; null if not counted.")
    achieved: DecimalStr | None = Field(description="Counted where counted, else reported.")
    percent: int | None = Field(description="Achieved of the target, capped at 100.")


class StatusPointOut(Schema):
    date: datetime.date
    counts: dict[str, int]


class IndicatorsOut(Schema):
    scope: ScopeOut
    figures: list[FigureOut]
    action_status_counts: dict[str, int] = Field(
        description="The actions of the plans the caller may see, by latest status."
    )
    action_total: int
    history: list[StatusPointOut] = Field(description="The status counts per reporting period.")


class RollupRowOut(Schema):
    scope: ScopeOut
    figures: list[FigureOut]


class RollupOut(Schema):
    kind: str
    rows: list[RollupRowOut]


class EntryIn(Schema):
    action: int = Field(..., ge=1, le=32767, description="The action's number.")
    status: ActionStatus
    reason: str = Field("", max_length=10_000, description="Required when not implemented.")
    evidence: str = Field("", max_length=20_000)
    evidence_url: str = Field("", max_length=500)
    date: datetime.date | None = None


class TargetIn(Schema):
    target: int = Field(..., ge=1, description="The target's id.")
    achieved: Decimal = Field(..., max_digits=14, decimal_places=2, description="So far.")


class ReportIn(Schema):
    period_start: datetime.date
    period_end: datetime.date
    summary: str = Field("", max_length=20_000)
    entries: list[EntryIn] = []
    targets: list[TargetIn] = []


class StepIn(Schema):
    step: Literal["submit", "approve", "reopen"]


class IndicatorIn(Schema):
    partner: str | None = Field(
        None, max_length=320,
        description="A partner organisation's slug: its figures. Empty: the project as a whole.",
    )  # fmt: skip
    target: Decimal | None = Field(None, max_digits=16, decimal_places=2)
    achieved: Decimal | None = Field(
        None, max_digits=16, decimal_places=2,
        description="As reported; counted indicators are also counted from the records.",
    )  # fmt: skip
    note: str = Field("", max_length=10_000)


class IndicatorValueOut(Schema):
    project: ProjectRef
    indicator: Indicator
    label: str
    partner: Ref | None = Field(description="Null: the project as a whole.")
    target: DecimalStr | None
    achieved: DecimalStr | None
    note: str

    @staticmethod
    def resolve_project(value: IndicatorValue) -> dict:
        return {"slug": value.project.slug, "acronym": value.project.acronym}

    @staticmethod
    def resolve_label(value: IndicatorValue) -> str:
        return value.get_indicator_display()

    @staticmethod
    def resolve_partner(value: IndicatorValue) -> dict | None:
        return _ref(value.partner) if value.partner_id else None


# Helpers ----------------------------------------------------------------------------------
def _message(e: ValidationError) -> str:
    if hasattr(e, "error_dict"):
        return " ".join(
            " ".join(messages) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(messages)}"
            for name, messages in e.message_dict.items()
        )
    return " ".join(e.messages)


def _link(record) -> dict:
    return {"id": record.pk, "title": record.title, "url": record.get_absolute_url()}


def _ref(organisation) -> dict:
    return {"slug": organisation.slug, "name": organisation.display_name}


def _scope(scope: queries.Scope) -> dict:
    return {"kind": scope.kind, "key": scope.key, "label": scope.label, "url": scope.url}


def _figure(figure: queries.Figure) -> dict:
    return {
        "indicator": figure.indicator,
        "label": figure.label,
        "target": figure.target,
        "reported": figure.reported,
        "counted": figure.counted,
        "achieved": figure.achieved,
        "percent": figure.percent,
    }


def _territory(plan: ActionPlan) -> str:
    if plan.policy_instrument.territory:
        return plan.policy_instrument.territory
    if plan.region_id:
        return plan.region.name_latin or plan.region.name
    return country_name(plan.country) if plan.country else ""


def _plan_out(user, pk: int) -> ActionPlan:
    """The plan as this user may see it, with what the plan page shows (404 otherwise)."""
    page = queries.plan_detail(user, pk)
    plan = page.plan
    numbers = {a.pk: a.number for a in page.actions}
    entries: dict[int, list[dict]] = {}
    actions = []
    for action in page.actions:
        for row in action.progress.all():
            entries.setdefault(row.report_id, []).append(
                {
                    "action": action.number,
                    "status": row.status,
                    "reason": row.reason,
                    "evidence": row.evidence,
                    "evidence_url": row.evidence_url,
                    "evidence_document": _link(row.evidence_document)
                    if row.evidence_document
                    else None,
                    "date": row.date,
                }
            )
        targets = []
        for target in action.targets.all():
            latest = (page.target_progress.get(target.pk) or [None])[-1]
            targets.append(
                {
                    "id": target.pk,
                    "quantity": target.quantity,
                    "unit": target.unit,
                    "due_date": target.due_date,
                    "achieved": latest.achieved if latest else None,
                    "achieved_by": latest.report.period_end if latest else None,
                }
            )
        actions.append(
            {
                **{name: getattr(action, name) for name in services.ACTION_FIELDS},
                "measures": [m.text for m in action.measures.all()],
                "inspired_by": {
                    "good_practices": [_link(p) for p in action.inspired_by.good_practices],
                    "events": [_link(e) for e in action.inspired_by.events],
                    "documents": [_link(d) for d in action.inspired_by.documents],
                },
                "targets": targets,
                "current_status": action.current_status,
                "url": action.get_absolute_url(),
            }
        )
    reported: dict[int, list[dict]] = {}
    target_actions = {t.pk: numbers[t.action_id] for a in page.actions for t in a.targets.all()}
    for target_id, rows in page.target_progress.items():
        for row in rows:
            reported.setdefault(row.report_id, []).append(
                {"target": target_id, "action": target_actions[target_id], "achieved": row.achieved}
            )
    plan.co_author_refs = [_ref(o) for o in plan.co_authors.all()]
    plan.action_list = actions
    plan.action_count = len(page.actions)
    plan.implemented_count = page.status_counts.get(ActionStatus.IMPLEMENTED, 0)
    plan.report_list = [
        {
            "id": report.pk,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "summary": report.summary,
            "entries": sorted(entries.get(report.pk, []), key=lambda e: e["action"]),
            "targets": sorted(reported.get(report.pk, []), key=lambda t: t["target"]),
        }
        for report in page.reports
    ]
    plan.timeline_list = [vars(entry) for entry in page.timeline]
    plan.counts = {s: page.status_counts.get(s, 0) for s in queries.STATUS_LABELS}
    plan.steps = roles.plan_steps(user, plan)
    plan.may_report = plan.status == PlanStatus.APPROVED and roles.can_edit_plan(user, plan)
    return plan


# Endpoints --------------------------------------------------------------------------------
@router.get("/action-plans", response=list[PlanItem], tags=["action plans"])
@paginate(LimitOffset)
def list_action_plans(request, query: Query[PlanQuery]):
    """Action plans matching every filter given: approved plans for everyone, drafts and
    submitted plans for the project's partners and the programme's secretariat."""
    filters = queries.PlanFilters(**query.dict())
    return queries.with_action_counts(queries.search_plans(request.user, filters))


@router.get(
    "/action-plans/{int:pk}", response={200: PlanDetail, 404: Message}, tags=["action plans"]
)
def get_action_plan(request, pk: int):
    """A plan with its numbered actions, their targets and latest status, the progress
    reports and the timeline of what changed."""
    return _plan_out(request.user, pk)


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
    plan = queries.plan_detail(request.user, pk).plan
    if not roles.can_edit_plan(request.user, plan):
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
    try:
        saved = services.report_progress(request.user, plan, progress)
    except PermissionDenied as e:
        raise HttpError(403, str(e)) from e
    except ValidationError as e:
        raise HttpError(400, _message(e)) from e
    detail = _plan_out(request.user, pk)
    return Status(201, next(r for r in detail.report_list if r["id"] == saved.pk))


@router.post(
    "/action-plans/{int:pk}/steps",
    response={200: PlanDetail, **ERRORS},
    auth=django_auth,
    tags=["action plans"],
)
def step_action_plan(request, pk: int, step: StepIn):
    """Submit a draft (its writers), approve a submitted plan or send it back to draft (the
    programme's secretariat)."""
    plan = queries.plan_detail(request.user, pk).plan
    try:
        services.step_plan(request.user, plan, step.step)
    except PermissionDenied as e:
        raise HttpError(403, str(e)) from e
    except ValidationError as e:
        raise HttpError(400, _message(e)) from e
    return _plan_out(request.user, pk)


@router.get("/policy-instruments", response=list[InstrumentItem], tags=["action plans"])
@paginate(LimitOffset)
def list_policy_instruments(request, query: Query[InstrumentQuery]):
    """The policy instruments plans improve; `q` searches names and territories."""
    instruments = PolicyInstrument.objects.select_related("region")
    if query.country:
        instruments = instruments.filter(country_code=query.country.upper())
    for word in query.q.split():
        instruments = instruments.filter(Q(name__icontains=word) | Q(territory__icontains=word))
    return instruments.order_by("name", "pk")


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
    rows = queries.rollup(kind)
    return {
        "kind": kind,
        "rows": [
            {"scope": _scope(row.scope), "figures": [_figure(f) for f in row.figures.values()]}
            for row in rows
        ],
    }


@router.get(
    "/indicators/{kind}/{key}", response={200: IndicatorsOut, 404: Message}, tags=["action plans"]
)
def indicators(request, kind: Literal["project", "programme", "country", "region"], key: Key):
    """Every indicator of a project, programme (by slug), country (two letters) or NUTS
    region: the targets and the figures reported, and those counted from the records."""
    board = queries.dashboard(request.user, kind, key)
    counts = {status: board.status_counts.get(status, 0) for status in queries.STATUS_LABELS}
    return {
        "scope": _scope(board.scope),
        "figures": [_figure(f) for f in board.figures],
        "action_status_counts": counts,
        "action_total": board.action_total,
        "history": [{"date": p.date, "counts": p.counts} for p in board.history],
    }


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
    try:
        saved = services.set_indicator(
            request.user, project, indicator, partner=partner, target=value.target,
            achieved=value.achieved, note=value.note.strip(),
        )  # fmt: skip
    except PermissionDenied as e:
        raise HttpError(403, str(e)) from e
    except ValidationError as e:
        raise HttpError(400, _message(e)) from e
    return saved
