"""Reads of action plans: plans as the asking user may see them, each action's latest
status and what inspired it, and the "what changed" timeline."""

import datetime
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from corridor.learning.models import Document, Event, GoodPractice
from corridor.learning.roles import can_view_practice
from corridor.lib import filters
from corridor.plans import roles
from corridor.plans.models import (
    Action,
    ActionPlan,
    ActionProgress,
    ActionStatus,
    PlanStatus,
    PolicyInstrument,
    ProgressReport,
    TargetProgress,
)

# Plans that count: written and handed in. Drafts are work in progress.
COUNTED_PLAN_STATUSES = [PlanStatus.SUBMITTED, PlanStatus.APPROVED]
NO_REPORT = "no_report"
STATUS_LABELS = {NO_REPORT: "No report yet", **dict(ActionStatus.choices)}


# Plans ------------------------------------------------------------------------------------
@dataclass
class PlanFilters:
    project: str = ""  # slug
    country: str = ""
    programme: str = ""  # slug
    status: str = ""
    q: str = ""  # words, each in the title, summary, an action, the partner or the instrument

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "PlanFilters":
        """The filters named as in the URL, the API and the downloads: ?project=&country=
        &programme=&status=&q=; a country code is read in either case."""
        status = filters.one(data, "status")
        return cls(
            project=filters.one(data, "project"),
            country=filters.one(data, "country").upper(),
            programme=filters.one(data, "programme"),
            status=status if status in PlanStatus.values else "",
            q=filters.one(data, "q"),
        )


def latest_status():
    """Subquery: an action's status in its latest report."""
    latest = ActionProgress.objects.filter(action=OuterRef("pk")).order_by(
        "-report__period_end", "-pk"
    )
    return Subquery(latest.values("status")[:1])


def search_plans(user, filters: PlanFilters | None = None) -> QuerySet[ActionPlan]:
    filters = filters or PlanFilters()
    plans = roles.visible_plans(user, ActionPlan.objects.all())
    if filters.project:
        plans = plans.filter(project__slug=filters.project)
    if filters.country:
        plans = plans.filter(country_code=filters.country.upper())
    if filters.programme:
        plans = plans.filter(project__programme__slug=filters.programme)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.q:
        words = Q()
        for word in filters.q.split():
            words &= (
                Q(title__icontains=word)
                | Q(summary_en__icontains=word)
                | Q(actions__title__icontains=word)
                | Q(partner__name__icontains=word)
                | Q(policy_instrument__name__icontains=word)
            )
        plans = plans.filter(words).distinct()
    return plans.select_related(
        "project", "partner", "policy_instrument", "region"
    ).prefetch_related("co_authors", "actions")


def with_action_counts(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """Each plan's `action_count` and `implemented_count` (actions whose latest status is
    implemented), for the lists of the API and the CLI."""

    def count(actions):
        counted = actions.order_by().values("plan").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted), 0)

    mine = Action.objects.filter(plan=OuterRef("pk"))
    implemented = mine.annotate(current_status=latest_status()).filter(
        current_status=ActionStatus.IMPLEMENTED
    )
    return plans.annotate(action_count=count(mine), implemented_count=count(implemented))


@dataclass
class Inspiration:
    """What an action was inspired by, as the reader may see it: a good practice that is
    not validated yet is named only to those who may read it."""

    good_practices: list[GoodPractice]
    events: list[Event]
    documents: list[Document]

    def __bool__(self) -> bool:
        return bool(self.good_practices or self.events or self.documents)

    def items(self) -> list[GoodPractice | Event | Document]:
        return [*self.good_practices, *self.events, *self.documents]


def _with_status_and_sources(actions: QuerySet[Action]) -> QuerySet[Action]:
    practices = GoodPractice.objects.select_related("project")  # can_view_practice reads it
    return actions.annotate(current_status=latest_status()).prefetch_related(
        "targets",
        Prefetch("inspired_by_practices", queryset=practices),
        "inspired_by_events",
        "inspired_by_documents",
    )


def _read_inspirations(user, actions: list[Action]) -> list[Action]:
    """Sets each action's `inspired_by`; the renderers read that, never the relations, so
    none of them can name a practice the reader may not see."""
    readable: dict[int, bool] = {}  # a practice inspires many actions; ask once
    for action in actions:
        practices = []
        for practice in action.inspired_by_practices.all():
            if practice.pk not in readable:
                readable[practice.pk] = can_view_practice(user, practice)
            if readable[practice.pk]:
                practices.append(practice)
        action.inspired_by = Inspiration(
            practices,
            list(action.inspired_by_events.all()),
            list(action.inspired_by_documents.all()),
        )
    return actions


def plan_actions(user, plan: ActionPlan) -> list[Action]:
    """The plan's actions in order, with their latest status and `inspired_by`."""
    actions = _with_status_and_sources(plan.actions.all()).prefetch_related(
        "measures",
        Prefetch(
            "progress",
            queryset=ActionProgress.objects.select_related("report", "evidence_document"),
        ),
    )
    return _read_inspirations(user, list(actions.order_by("number")))


@dataclass
class PlanPage:
    """A plan as the reader may see it. Each action carries its `current_status` and its
    `inspired_by` (an Inspiration); the page, the API and the CLI render these."""

    plan: ActionPlan
    actions: list[Action]
    reports: list[ProgressReport]
    timeline: list["TimelineEntry"]
    target_progress: dict[int, list[TargetProgress]]  # target id -> rows, oldest first
    status_counts: dict[str, int]
    can_edit: bool = False  # the reader writes the plan and reports its progress
    steps: list[str] = field(default_factory=list)  # the status changes the reader may make

    @property
    def action_count(self) -> int:
        return len(self.actions)

    @property
    def implemented_count(self) -> int:
        return self.status_counts.get(ActionStatus.IMPLEMENTED, 0)

    @property
    def can_report(self) -> bool:
        return self.plan.status == PlanStatus.APPROVED and self.can_edit


def plan_detail(user, pk: int) -> PlanPage:
    """A plan as the user may see it: 404 for a plan they may not read."""
    plan = (
        ActionPlan.objects.select_related(
            "project", "project__programme", "partner", "policy_instrument", "region"
        )
        .prefetch_related("co_authors")
        .filter(pk=pk)
        .first()
    )
    if plan is None or not roles.can_view_plan(user, plan):
        raise Http404(f"No action plan {pk}.")
    actions = plan_actions(user, plan)
    reports = list(plan.reports.select_related("reported_by").prefetch_related("entries"))
    progress: dict[int, list[TargetProgress]] = {}
    for row in TargetProgress.objects.filter(report__plan=plan).select_related("report"):
        progress.setdefault(row.target_id, []).append(row)
    for rows in progress.values():
        rows.sort(key=lambda r: r.report.period_end)
    # current_status is annotated by _with_status_and_sources.
    counts = Counter(a.current_status or NO_REPORT for a in actions)  # type: ignore[attr-defined]
    return PlanPage(
        plan, actions, reports, plan_timeline(plan), progress, dict(counts),
        can_edit=roles.can_edit_plan(user, plan), steps=roles.plan_steps(user, plan),
    )  # fmt: skip


@dataclass
class PlanActions:
    plan: ActionPlan
    actions: list[Action]  # with `current_status` and `inspired_by`, as in PlanPage


def plans_with_actions(user, filters: PlanFilters) -> Iterator[PlanActions]:
    """The listed plans with all their actions, as the user may see them: the downloads."""
    plans = search_plans(user, filters).select_related("project__programme")
    # The list's own prefetch of the actions is replaced by one with their status.
    plans = plans.prefetch_related(None).prefetch_related(
        "co_authors",
        Prefetch("actions", queryset=_with_status_and_sources(Action.objects.order_by("number"))),
    )
    for plan in plans:
        yield PlanActions(plan, _read_inspirations(user, list(plan.actions.all())))


@dataclass
class TimelineEntry:
    date: datetime.date
    title: str
    detail: str = ""
    status: str = ""


def plan_timeline(plan: ActionPlan) -> list[TimelineEntry]:
    """What changed, oldest first: approval, then each action's status whenever a report
    changed it, with the reason or evidence given."""
    entries = []
    if plan.approved_on:
        entries.append(TimelineEntry(plan.approved_on, "Plan approved"))
    previous: dict[int, str] = {}
    rows = ActionProgress.objects.filter(report__plan=plan).select_related("report", "action")
    for row in rows.order_by("report__period_end", "report__pk", "action__number"):
        if previous.get(row.action_id) == row.status:
            continue
        before = previous.get(row.action_id)
        previous[row.action_id] = row.status
        change = row.get_status_display().lower()
        if before:
            change = f"{ActionStatus(before).label.lower()} → {change}"
        entries.append(
            TimelineEntry(
                date=row.date or row.report.period_end,
                title=f"ACTION {row.action.number} {change}",
                detail=row.reason or row.evidence,
                status=row.status,
            )
        )
    return sorted(entries, key=lambda e: e.date)


@dataclass
class InstrumentFilters:
    country: str = ""
    q: str = ""  # words, each in the name or the territory

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "InstrumentFilters":
        """The filters named as in the API: ?country=&q=; a country code in either case."""
        return cls(country=filters.one(data, "country").upper(), q=filters.one(data, "q"))


def search_instruments(filters: InstrumentFilters | None = None) -> QuerySet[PolicyInstrument]:
    """The policy instruments plans improve, by name."""
    filters = filters or InstrumentFilters()
    instruments = PolicyInstrument.objects.select_related("region")
    if filters.country:
        instruments = instruments.filter(country_code=filters.country.upper())
    for word in filters.q.split():
        instruments = instruments.filter(Q(name__icontains=word) | Q(territory__icontains=word))
    return instruments.order_by("name", "pk")


def instrument_detail(slug: str) -> PolicyInstrument:
    instrument = PolicyInstrument.objects.select_related("region").filter(slug=slug).first()
    if instrument is None:
        raise Http404(f"No policy instrument {slug!r}.")
    return instrument
