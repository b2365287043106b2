"""The shapes of action plans in the JSON API. Each reads what a function of queries.py
returns (a plan page, a dashboard, a roll-up), so the API and the CLI's `--format json`
render the same result through the same schema."""

import datetime
from types import SimpleNamespace
from typing import Literal

from ninja import Field, Schema

from corridor.lib.countries import country_name
from corridor.lib.schemas import CodeOrNull, DecimalStr, Profiled, decimal_input
from corridor.organisations.schemas import OrganisationKey
from corridor.plans.models import (
    ActionPlan,
    ActionStatus,
    Indicator,
    IndicatorValue,
    PlanStatus,
    PolicyInstrument,
)
from corridor.plans.queries import STATUS_LABELS, InstrumentFilters, PlanFilters, PlanPage
from corridor.projects.schemas import ProjectKey


class Link(Schema):
    id: int
    title: str
    url: str = Field(..., alias="get_absolute_url")


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


# Docstrings of schemas become the OpenAPI descriptions; what a schema reads is said in comments.
class PlanItem(Schema):  # a plan with the counts of queries.with_action_counts, or a plan page
    id: int
    title: str = Field(description="The plan's title, or '<acronym>: action plan of <partner>'.")
    project: ProjectKey
    partner: OrganisationKey
    policy_instrument: InstrumentRef
    country_code: CodeOrNull
    region: str | None = Field(None, alias="region.code")
    status: PlanStatus
    approved_on: datetime.date | None
    action_count: int
    actions_implemented: int = Field(
        ..., alias="implemented_count",
        description="Actions whose latest reported status is implemented.",
    )  # fmt: skip
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_title(plan: ActionPlan) -> str:
        return str(plan)


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
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_measures(action) -> list[str]:
        return [m.text for m in action.measures.all()]


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


class PlanDetail(PlanItem):  # a queries.PlanPage as one record: plan_record(page)
    co_authors: list[OrganisationKey]
    policy_instrument: InstrumentItem
    territory: str
    language: str
    summary: str = Field(..., alias="summary_en")
    note: str = Field(description="How the source's words were read.")
    actions: list[ActionOut]
    status_counts: dict[str, int] = Field(description="Actions by latest status.")
    reports: list[ReportOut]
    timeline: list[TimelineOut]
    allowed_steps: list[str] = Field(
        ..., alias="steps", description="The status changes the caller may make."
    )
    can_report: bool = Field(description="Whether the caller may report progress now.")

    @staticmethod
    def resolve_title(page: PlanPage) -> str:
        return str(page.plan)

    @staticmethod
    def resolve_territory(page: PlanPage) -> str:
        plan = page.plan
        if plan.policy_instrument.territory:
            return plan.policy_instrument.territory
        if plan.region_id:
            return plan.region.name_latin or plan.region.name
        return country_name(plan.country) if plan.country else ""

    @staticmethod
    def resolve_actions(page: PlanPage) -> list[Profiled]:
        # Each target with what the latest report gives for it.
        return [
            Profiled(SimpleNamespace(targets=_targets(page, action)), action)
            for action in page.actions
        ]

    @staticmethod
    def resolve_status_counts(page: PlanPage) -> dict[str, int]:
        return {s: page.status_counts.get(s, 0) for s in STATUS_LABELS}

    @staticmethod
    def resolve_reports(page: PlanPage) -> list[dict]:
        return report_rows(page)


def plan_record(page: PlanPage) -> Profiled:
    """A plan page as PlanDetail reads it: the page's attributes, then its plan's."""
    return Profiled(page, page.plan)


def _targets(page: PlanPage, action) -> list[dict]:
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
    return targets


def report_rows(page: PlanPage) -> list[dict]:
    """The plan's reports, each with its actions' entries and its targets' figures."""
    entries: dict[int, list[dict]] = {}
    for action in page.actions:
        for row in action.progress.all():
            entries.setdefault(row.report_id, []).append(
                {
                    "action": action.number,
                    "status": row.status,
                    "reason": row.reason,
                    "evidence": row.evidence,
                    "evidence_url": row.evidence_url,
                    "evidence_document": row.evidence_document,
                    "date": row.date,
                }  # fmt: skip
            )
    numbers = {t.pk: a.number for a in page.actions for t in a.targets.all()}
    reported: dict[int, list[dict]] = {}
    for target_id, rows in page.target_progress.items():
        for row in rows:
            reported.setdefault(row.report_id, []).append(
                {"target": target_id, "action": numbers[target_id], "achieved": row.achieved}
            )
    return [
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


class PlanQuery(Schema):
    project: str = Field("", max_length=320, description="A project's slug.")
    country: str = Field("", pattern="^([A-Za-z]{2})?$")
    programme: str = Field("", max_length=320, description="A programme's slug.")
    status: str = Field("", pattern="^(|draft|submitted|approved)$")
    q: str = Field("", max_length=200)

    def filters(self) -> PlanFilters:
        return PlanFilters.from_query(self.dict())


class InstrumentQuery(Schema):
    country: str = Field("", pattern="^([A-Za-z]{2})?$")
    q: str = Field("", max_length=200)

    def filters(self) -> InstrumentFilters:
        return InstrumentFilters.from_query(self.dict())


# Indicators -------------------------------------------------------------------------------
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


class IndicatorsOut(Schema):  # a queries.Dashboard
    scope: ScopeOut
    figures: list[FigureOut]
    action_status_counts: dict[str, int] = Field(
        description="The actions of the plans the caller may see, by latest status."
    )
    action_total: int
    history: list[StatusPointOut] = Field(description="The status counts per reporting period.")

    @staticmethod
    def resolve_action_status_counts(board) -> dict[str, int]:
        return {s: board.status_counts.get(s, 0) for s in STATUS_LABELS}


class RollupRowOut(Schema):  # a queries.RollupRow
    scope: ScopeOut
    figures: list[FigureOut]

    @staticmethod
    def resolve_figures(row) -> list:
        return list(row.figures.values())


class RollupOut(Schema):
    kind: str
    rows: list[RollupRowOut]


class IndicatorValueOut(Schema):
    project: ProjectKey
    indicator: Indicator
    label: str
    partner: OrganisationKey | None = Field(description="Null: the project as a whole.")
    target: DecimalStr | None
    achieved: DecimalStr | None
    note: str

    @staticmethod
    def resolve_label(value: IndicatorValue) -> str:
        return value.get_indicator_display()


# Writes -----------------------------------------------------------------------------------
class EntryIn(Schema):
    action: int = Field(..., ge=1, le=32767, description="The action's number.")
    status: ActionStatus
    reason: str = Field("", max_length=10_000, description="Required when not implemented.")
    evidence: str = Field("", max_length=20_000)
    evidence_url: str = Field("", max_length=500)
    date: datetime.date | None = None


class TargetIn(Schema):
    target: int = Field(..., ge=1, description="The target's id.")
    achieved: decimal_input(14) = Field(..., description="So far.")


class ReportIn(Schema):
    period_start: datetime.date
    period_end: datetime.date
    summary: str = Field("", max_length=20_000)
    entries: list[EntryIn] = Field(..., min_length=1, description="One per action reported.")
    targets: list[TargetIn] = []


class PlanStepIn(Schema):
    step: Literal["submit", "approve", "reopen"]


class IndicatorIn(Schema):
    partner: str | None = Field(
        None, max_length=320,
        description="A partner organisation's slug: its figures. Empty: the project as a whole.",
    )  # fmt: skip
    target: decimal_input(16) | None = None
    achieved: decimal_input(16) | None = Field(
        None, description="As reported; counted indicators are also counted from the records."
    )
    note: str = Field("", max_length=10_000)
