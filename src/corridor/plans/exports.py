"""Tables for download: one row per action of the plans a user may see, and the indicator
figures of a dashboard or a roll-up. The page, the API and the CLI read the same queries."""

from collections.abc import Iterator

from corridor.lib.countries import country_name
from corridor.plans import queries
from corridor.plans.models import Indicator
from corridor.plans.queries import STATUS_LABELS, Figure, PlanFilters

ACTION_COLUMNS = [
    "project", "programme", "country", "region", "partner", "co_authors", "policy_instrument",
    "plan_status", "plan_url", "action", "title", "current_status", "targets", "costs_eur",
    "funding_sources", "expected_result", "inspired_by",
]  # fmt: skip


def action_rows(user, filters: PlanFilters, base_url: str) -> Iterator[list]:
    for listed in queries.plans_with_actions(user, filters):
        plan = listed.plan
        for action in listed.actions:
            yield [
                plan.project.acronym,
                str(plan.project.programme or ""),
                plan.country_code,
                plan.region.code if plan.region_id else "",
                plan.partner.display_name,
                "; ".join(o.display_name for o in plan.co_authors.all()),
                plan.policy_instrument.name,
                plan.status,
                base_url + plan.get_absolute_url(),
                action.number,
                action.title,
                action.current_status or queries.NO_REPORT,
                "; ".join(_target(t) for t in action.targets.all()),
                None if action.costs is None else str(action.costs),
                action.funding_sources,
                action.expected_result,
                "; ".join(str(item) for item in action.inspired_by.items()),
            ]


def _target(target) -> str:
    due = f" by {target.due_date.isoformat()}" if target.due_date else ""
    return f"{target.quantity.normalize():f} {target.unit}{due}"


FIGURE_COLUMNS = ["indicator", "label", "target", "achieved", "counted", "reported"]


def figure_row(figure: Figure) -> list:
    return [
        figure.indicator.value,
        figure.label,
        _number(figure.target),
        _number(figure.achieved),
        None if figure.counted is None else str(figure.counted),
        _number(figure.reported),
    ]


def _number(value) -> str | None:
    """Figures as decimal strings, as the API gives them; missing ones are empty in CSV and
    null in JSON."""
    return None if value is None else f"{value.normalize():f}"


def dashboard_rows(user, kind: str, key: str) -> list[list]:
    board = queries.dashboard(user, kind, key)
    rows = [figure_row(f) for f in board.figures]
    rows += [
        [f"actions_{status}", f"Actions: {STATUS_LABELS[status]}", None, str(n), str(n), None]
        for status, n in board.status_counts.items()
    ]
    return rows


def rollup_columns() -> list[str]:
    columns = ["key", "name"]
    for indicator in Indicator:
        columns += [f"{indicator.value}_target", f"{indicator.value}_achieved"]
    return columns


def rollup_rows(kind: str) -> Iterator[list]:
    for row in queries.rollup(kind):
        name = country_name(row.scope.key) if kind == "country" else row.scope.label
        cells = [row.scope.key, name]
        for indicator in Indicator:
            figure = row.figures[indicator.value]
            cells += [_number(figure.target), _number(figure.achieved)]
        yield cells
