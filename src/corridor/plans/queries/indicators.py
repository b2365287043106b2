"""Reads of the indicators of a project, programme, country or region, counted from the
records where they can be, their dashboards and the roll-ups by country or programme."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.http import Http404

from corridor.learning.models import Event, GoodPractice, PracticeStatus
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
)
from corridor.plans.queries.plans import (
    COUNTED_PLAN_STATUSES,
    NO_REPORT,
    STATUS_LABELS,
    latest_status,
)
from corridor.projects.models import Programme, Project
from corridor.regions.models import Region


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
        return Decimal(self.counted) if self.counted is not None else self.reported

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
