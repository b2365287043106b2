"""Reads behind the plan pages, the API and the CLI: plans as the asking user may see
them, each action's latest status, the "what changed" timeline, and the indicators of a
project, programme, country or region, counted from the records where they can be."""

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from corridor.learning.models import Document, Event, GoodPractice, PracticeStatus
from corridor.learning.roles import can_view_practice
from corridor.lib.countries import country_name
from corridor.plans import roles
from corridor.plans.models import (
    COUNTED_INDICATORS,
    Action,
    ActionPlan,
    ActionProgress,
    ActionStatus,
    Indicator,
    IndicatorValue,
    PlanStatus,
    PolicyInstrument,
    ProgressReport,
    TargetProgress,
)
from corridor.projects.models import Programme, Project
from corridor.regions.models import Region

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
    q: str = ""


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
    counts = Counter(a.current_status or NO_REPORT for a in actions)
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


def instrument_detail(slug: str) -> PolicyInstrument:
    instrument = PolicyInstrument.objects.select_related("region").filter(slug=slug).first()
    if instrument is None:
        raise Http404(f"No policy instrument {slug!r}.")
    return instrument


# Indicators -------------------------------------------------------------------------------
@dataclass
class Scope:
    """What the indicators are rolled up over: a project, programme, country or region."""

    kind: str  # project | programme | country | region
    key: str
    label: str
    url: str = ""

    def events(self, qs):
        return _scoped(self, qs, "project", "country_code", "region", "")

    def practices(self, qs):
        return _scoped(self, qs, "project", "organisation__country_code", "region", "organisation")

    def plans(self, qs):
        return _scoped(self, qs, "project", "country_code", "region", "partner")

    def actions(self, qs):
        return _scoped(self, qs, "plan__project", "plan__country_code", "plan__region", "")

    def values(self, qs):
        """Entered figures: a country or region gets those entered for its partners."""
        if self.kind in ("project", "programme"):
            return _scoped(self, qs, "project", "", "", "")
        prefix = "partner__region__code__startswith"
        if self.kind == "country":
            return qs.filter(Q(partner__country_code=self.key) | Q(**{prefix: self.key}))
        return qs.filter(**{prefix: self.key})


def _scoped(scope: Scope, qs, project: str, country: str, region: str, organisation: str):
    if scope.kind == "project":
        return qs.filter(**{f"{project}__slug": scope.key})
    if scope.kind == "programme":
        return qs.filter(**{f"{project}__programme__slug": scope.key})
    # A record is placed by its region, else by its organisation's region.
    by_region = Q(**{f"{region}__code__startswith": scope.key})
    if organisation:
        by_region |= Q(**{f"{region}__isnull": True}) & Q(
            **{f"{organisation}__region__code__startswith": scope.key}
        )
    if scope.kind == "country":
        return qs.filter(Q(**{country: scope.key}) | by_region)
    return qs.filter(by_region)


def project_scope(slug: str) -> Scope:
    project = Project.objects.filter(slug=slug).first()
    if project is None:
        raise Http404(f"No project {slug!r}.")
    return Scope("project", slug, project.acronym or project.title, project.get_absolute_url())


def programme_scope(slug: str) -> Scope:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404(f"No programme {slug!r}.")
    return Scope("programme", slug, str(programme), programme.get_absolute_url())


def country_scope(code: str) -> Scope:
    code = code.upper()
    name = country_name(code)
    if len(code) != 2 or not name or name == code:
        raise Http404(f"No country {code!r}.")
    return Scope("country", code, name)


def region_scope(code: str) -> Scope:
    region = Region.objects.filter(code=code.upper()).first()
    if region is None:
        raise Http404(f"No NUTS region {code!r}.")
    return Scope("region", region.code, f"{region.name} ({region.code})", region.get_absolute_url())


SCOPES = {
    "project": project_scope,
    "programme": programme_scope,
    "country": country_scope,
    "region": region_scope,
}


def scope_of(kind: str, key: str) -> Scope:
    if kind not in SCOPES:
        raise Http404(f"Indicators are rolled up by {', '.join(SCOPES)}, not {kind!r}.")
    return SCOPES[kind](key)


@dataclass
class Figure:
    indicator: Indicator
    target: Decimal | None = None
    reported: Decimal | None = None  # entered as achieved
    counted: int | None = None  # from the records, for the counted indicators

    @property
    def label(self) -> str:
        return self.indicator.label

    @property
    def is_counted(self) -> bool:
        return self.counted is not None

    @property
    def achieved(self) -> Decimal | None:
        return Decimal(self.counted) if self.is_counted else self.reported

    @property
    def percent(self) -> int | None:
        """Achieved as a share of the target, for the progress bars (capped at 100)."""
        if not self.target or self.achieved is None:
            return None
        return min(100, int(self.achieved * 100 / self.target))


def held_events(today: datetime.date | None = None):
    """Project events not scheduled in the future; undated ones the sources report as held."""
    today = today or datetime.date.today()
    return Event.objects.filter(project__isnull=False).exclude(start_date__gt=today)


def identified_practices():
    """Good practices the project approved (the experts' validation comes later)."""
    return GoodPractice.objects.filter(
        status__in=[PracticeStatus.APPROVED, PracticeStatus.VALIDATED]
    )


def counted_plans():
    return ActionPlan.objects.filter(status__in=COUNTED_PLAN_STATUSES)


def implemented_actions():
    return (
        Action.objects.filter(plan__status__in=COUNTED_PLAN_STATUSES)
        .annotate(current_status=latest_status())
        .filter(current_status=ActionStatus.IMPLEMENTED)
    )


def counted_figures(scope: Scope, today: datetime.date | None = None) -> dict[str, int]:
    return {
        Indicator.LEARNING_EVENTS: scope.events(held_events(today)).distinct().count(),
        Indicator.GOOD_PRACTICES: scope.practices(identified_practices()).distinct().count(),
        Indicator.ACTION_PLANS: scope.plans(counted_plans()).distinct().count(),
        Indicator.ACTIONS_IMPLEMENTED: scope.actions(implemented_actions()).distinct().count(),
    }


def indicator_figures(scope: Scope, today: datetime.date | None = None) -> list[Figure]:
    """Every indicator of the scope: targets and reported figures summed over the entered
    values, and the counted ones counted."""
    entered = {
        row["indicator"]: row
        for row in scope.values(IndicatorValue.objects.all())
        .values("indicator")
        .annotate(target=Sum("target"), achieved=Sum("achieved"))
    }
    counted = counted_figures(scope, today)
    figures = []
    for indicator in Indicator:
        row = entered.get(indicator.value, {})
        figures.append(
            Figure(
                indicator=indicator,
                target=row.get("target"),
                reported=row.get("achieved"),
                counted=counted.get(indicator) if indicator in COUNTED_INDICATORS else None,
            )
        )
    return figures


def figures_by_indicator(figures: list[Figure]) -> dict[str, Figure]:
    return {f.indicator.value: f for f in figures}


@dataclass
class IndicatorEntry:
    """One indicator of a project as its partners enter it: the project-wide value, or the
    values of its partners when it is entered per partner, and the count from the records
    for the counted indicators."""

    indicator: Indicator
    value: IndicatorValue | None = None  # for the project as a whole
    partner_values: list[IndicatorValue] = field(default_factory=list)
    counted: int | None = None

    @property
    def per_partner(self) -> bool:
        return bool(self.partner_values)

    @property
    def is_counted(self) -> bool:
        return self.counted is not None


def indicator_entries(project: Project, today: datetime.date | None = None) -> list[IndicatorEntry]:
    scope = Scope("project", project.slug, project.acronym or project.title)
    counted = counted_figures(scope, today)
    entries = {
        indicator.value: IndicatorEntry(
            indicator, counted=counted[indicator] if indicator in COUNTED_INDICATORS else None
        )
        for indicator in Indicator
    }
    values = IndicatorValue.objects.filter(project=project).select_related("partner")
    for value in values.order_by("indicator", "partner__name", "pk"):
        entry = entries.get(value.indicator)
        if entry is None:  # an indicator no longer among the choices
            continue
        if value.partner_id is None:
            entry.value = value
        else:
            entry.partner_values.append(value)
    return list(entries.values())


# Dashboards -------------------------------------------------------------------------------
@dataclass
class StatusPoint:
    """How many of the actions stood where at the end of a reporting period."""

    date: datetime.date
    counts: dict[str, int]


@dataclass
class Dashboard:
    scope: Scope
    figures: list[Figure]
    plans: list[ActionPlan]
    status_counts: dict[str, int]
    history: list[StatusPoint] = field(default_factory=list)

    @property
    def action_total(self) -> int:
        return sum(self.status_counts.values())


def dashboard(user, kind: str, key: str, today: datetime.date | None = None) -> Dashboard:
    scope = scope_of(kind, key)
    plans = list(
        scope.plans(roles.visible_plans(user, ActionPlan.objects.all()))
        .select_related("project", "partner", "policy_instrument", "region")
        .distinct()
    )
    actions = list(
        scope.actions(Action.objects.filter(plan__in=[p.pk for p in plans]))
        .annotate(current_status=latest_status())
        .distinct()
    )
    counts = Counter(a.current_status or NO_REPORT for a in actions)
    ordered = {s: counts.get(s, 0) for s in STATUS_LABELS if counts.get(s)}
    return Dashboard(
        scope=scope,
        figures=indicator_figures(scope, today),
        plans=plans,
        status_counts=ordered,
        history=status_history(actions),
    )


def status_history(actions: list[Action]) -> list[StatusPoint]:
    """Each action's latest status at the end of every reporting period of these actions:
    the data of the progress chart."""
    ids = [a.pk for a in actions]
    rows = list(
        ActionProgress.objects.filter(action__in=ids)
        .values("action_id", "status", "report__period_end", "pk")
        .order_by("report__period_end", "pk")
    )
    dates = sorted({r["report__period_end"] for r in rows})
    points, current, i = [], {}, 0
    for day in dates:
        while i < len(rows) and rows[i]["report__period_end"] <= day:
            current[rows[i]["action_id"]] = rows[i]["status"]
            i += 1
        counts = Counter(current.get(a, NO_REPORT) for a in ids)
        points.append(StatusPoint(day, {s: counts.get(s, 0) for s in STATUS_LABELS}))
    return points


@dataclass
class RollupRow:
    scope: Scope
    figures: dict[str, Figure]


def rollup(kind: str, today: datetime.date | None = None) -> list[RollupRow]:
    """The indicators of every country or programme that has any: the overview tables."""
    if kind == "country":
        codes = set(counted_plans().values_list("country_code", flat=True))
        codes |= set(held_events(today).exclude(country_code="").values_list(
            "country_code", flat=True))  # fmt: skip
        codes |= set(
            IndicatorValue.objects.exclude(partner=None).values_list(
                "partner__country_code", flat=True
            )
        )
        scopes = [country_scope(c) for c in sorted(c for c in codes if c)]
    elif kind == "programme":
        with_plans = counted_plans().values("project__programme")
        with_values = IndicatorValue.objects.values("project__programme")
        programmes = Programme.objects.filter(
            Q(pk__in=with_plans) | Q(pk__in=with_values)
        ).order_by("name", "period")
        scopes = [programme_scope(p.slug) for p in programmes]
    else:
        raise ValueError(f"Roll-ups are by country or programme, not {kind!r}.")
    return [RollupRow(s, figures_by_indicator(indicator_figures(s, today))) for s in scopes]
