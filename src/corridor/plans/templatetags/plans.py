"""Template helpers of the plan pages: statuses, figures, progress bars, the geometry of the
inline SVG charts."""

from dataclasses import dataclass
from decimal import Decimal

from django import template

from corridor.lib.money import format_eur
from corridor.plans import queries
from corridor.plans.models import Indicator

register = template.Library()


@register.filter
def status_label(status: str | None) -> str:
    return queries.STATUS_LABELS.get(status or queries.NO_REPORT, status or "")


@register.filter
def quantity(value) -> str:
    """48, 1,250 or 12.5: a count as people read it."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value.normalize():,f}"


@register.filter
def figure_amount(value, indicator) -> str:
    """An indicator's figure: euros for the funds influenced, a count for the others."""
    if value is None:
        return ""
    return format_eur(value) if indicator == Indicator.FUNDS_INFLUENCED else quantity(value)


@dataclass
class TargetBar:
    achieved: Decimal | None
    percent: int | None


@register.simple_tag
def target_bar(target, progress: dict) -> TargetBar:
    """What a target achieved in the latest report that gives it, as a share of it."""
    rows = progress.get(target.pk)
    if not rows:
        return TargetBar(None, None)
    achieved = rows[-1].achieved
    percent = min(100, int(achieved * 100 / target.quantity)) if target.quantity else None
    return TargetBar(achieved, percent)


@dataclass
class Segment:
    status: str
    label: str
    count: int
    start: str  # percent of the bar, for the SVG's x
    width: str


@register.simple_tag
def status_segments(counts: dict) -> list[Segment]:
    """The parts of a stacked bar, one per status present, in the order of STATUS_LABELS."""
    total = sum(counts.values())
    segments, start = [], 0.0
    for status, label in queries.STATUS_LABELS.items():
        count = counts.get(status, 0)
        if not count:
            continue
        width = 100 * count / total
        segments.append(Segment(status, label, count, f"{start:.2f}", f"{width:.2f}"))
        start += width
    return segments


@register.filter
def status_sentence(counts: dict) -> str:
    """'3 actions: 1 implemented, 2 in progress'."""
    total = sum(counts.values())
    parts = [
        f"{counts[status]} {label.lower()}"
        for status, label in queries.STATUS_LABELS.items()
        if counts.get(status)
    ]
    noun = "action" if total == 1 else "actions"
    return f"{total} {noun}: {', '.join(parts)}" if parts else f"No {noun}"
