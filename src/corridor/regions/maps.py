"""Maps drawn on the server: the regions a page is about, shaded and linked, as the paths of
an inline SVG (the regions' shapes, projection and paths are in geometry.py).

Each page shapes its own map here from the data the page already has (no further queries):
region_locator (region page), partners_map (project fact sheet), indicator_map (indicators).
The template web/_map.html draws any Map.
"""

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.urls import reverse

from corridor.lib.countries import country_name
from corridor.regions.geometry import (
    EUROPE_FRAME,
    Frame,
    area_name,
    areas,
    codes_at,
    fitted_frame,
    path,
)

CREDIT = "© EuroGeographics for the administrative boundaries"
MAX_REGIONS = 120  # a region page draws at most about this many regions of its level


@dataclass(frozen=True)
class Mark:
    """What the caller says of a region: the class that shades it, a value written in its
    title and in the table, a link where it has a page, whether it is the page's own region,
    and whether it is drawn on top of its neighbours (so its outline shows whole)."""

    css_class: str = ""
    value: str = ""
    url: str = ""
    current: bool = False
    on_top: bool = False


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str
    css_class: str = "map-context"
    value: str = ""
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class LegendEntry:
    css_class: str
    label: str


@dataclass
class Map:
    """Everything web/_map.html needs."""

    title: str
    description: str
    frame: Frame
    context: list[Shape]  # countries around, for orientation
    shapes: list[Shape]  # the regions the map is about, in drawing order
    rows: list[Shape]  # the same regions for the table, in reading order
    legend: list[LegendEntry] = field(default_factory=list)
    value_heading: str = ""
    key: str = "map"  # prefix of the element ids
    credit: str = CREDIT

    @property
    def view_box(self) -> str:
        return self.frame.view_box


def draw(
    marks: Mapping[str, Mark],
    *,
    title: str,
    description: str,
    fit: Iterable[str] | None = None,
    min_span: float = 400,
    legend: Iterable[LegendEntry] = (),
    value_heading: str = "",
    key: str = "map",
) -> Map | None:
    """A map of the marked regions, on all of Europe or fitted to the `fit` regions, with the
    other countries in the frame drawn plainly around them. None when nothing can be drawn."""
    frame = EUROPE_FRAME if fit is None else fitted_frame(fit, min_span)
    if frame is None:
        return None
    known = {c: m for c, m in marks.items() if c in areas()}
    context = [
        Shape(code, area.name, d)
        for code, area in areas().items()
        if area.level == 0 and code not in known and (d := path(code, frame))
    ]
    rows = [
        Shape(code, areas()[code].name, path(code, frame), m.css_class, m.value, m.url, m.current)
        for code, m in sorted(known.items())
    ]
    order = {c: (areas()[c].level, m.on_top or m.current) for c, m in known.items()}
    shapes = sorted((s for s in rows if s.d), key=lambda s: order[s.code])
    if not shapes and not context:
        return None
    return Map(title, description, frame, context, shapes, rows, list(legend), value_heading, key)


def sequential(
    counts: Mapping[str, int], unit: str, units: str, steps: int = 5
) -> tuple[dict[str, str], list[LegendEntry]]:
    """Classes map-q1 (lightest) to map-q5 for counts above zero, and their legend ("1 action
    plan", "2–3 action plans"). Small counts get a class each; larger ones fall in equal
    ranges of whole numbers."""
    top = max(counts.values(), default=0)
    classes: dict[str, str] = {}
    if top <= 0:
        return classes, []
    width = 1 if top <= steps else math.ceil(top / steps)
    buckets = math.ceil(top / width)
    shade = {b: math.ceil(b * steps / buckets) for b in range(1, buckets + 1)}
    for code, n in counts.items():
        if n > 0:
            classes[code] = f"map-q{shade[math.ceil(n / width)]}"
    legend = []
    for b in range(1, buckets + 1):
        low, high = (b - 1) * width + 1, b * width
        label = _plural(low, unit, units) if low == high else f"{low}–{high} {units}"
        legend.append(LegendEntry(f"map-q{shade[b]}", label))
    return classes, legend


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


# The pages' maps --------------------------------------------------------------------------
def region_locator(region) -> Map | None:
    """A region within its country, among the regions of its own level, each a link to its
    page; a country with its NUTS 2 regions. Outermost regions are mapped alone."""
    country = region.country_code
    link = functools.partial(reverse, "region_detail")
    name = region.display_name
    if region.level == 0:
        codes = codes_at(country, 2)
        marks = {c: Mark("map-region", url=link(args=[c])) for c in codes}
        title = f"{name} and its NUTS 2 regions"
        description = (
            f"Map of {name} and its {_plural(len(codes), 'NUTS 2 region')}, with the "
            "neighbouring countries."
        )
        fit = [region.code]
    else:
        codes = codes_at(country, region.level)
        within = ""
        if len(codes) > MAX_REGIONS:
            # Germany's 401 NUTS 3 regions, the United Kingdom's 179: the region among its
            # parent's, the rest of the country a level up.
            parent = region.code[:-1]
            within = f", and within {area_name(parent)} its NUTS {region.level} regions"
            codes = tuple(c for c in codes_at(country, region.level - 1) if c != parent) + tuple(
                c for c in codes if c.startswith(parent)
            )
        marks = {
            c: Mark("map-region", url=link(args=[c]))
            if c != region.code
            else Mark("map-current", "this page", link(args=[c]), current=True)
            for c in codes
        }
        area = areas().get(region.code)
        fit = [country] if area is None or area.on_mainland else [region.code]
        title = f"{name} in {country_name(country)}"
        if within:
            description = f"Map of {country_name(country)}: its NUTS {region.level - 1} regions"
        else:
            description = f"Map of {country_name(country)} and its NUTS {region.level} regions"
        description += f"{within}, with {name} ({region.code}) highlighted."
    legend = [LegendEntry("map-current", name)] if region.level else []
    return draw(marks, title=title, description=description, fit=fit, legend=legend)


def partners_map(acronym: str, partnerships, countries) -> Map | None:
    """Where a project's partners are: the NUTS 2 region of each partner (the partnership's
    region, else its organisation's; a partner placed only at NUTS 0 or 1 marks that
    region), the lead partner's apart; the countries of the project (its partners' and
    those it names) shaded lightly. From what the fact sheet has loaded."""
    in_region: dict[str, list[tuple[str, bool]]] = {}
    placed: dict[str, int] = {}  # partners drawn in a region, by country
    for p in partnerships:
        region = p.region or p.organisation.region
        if region is None:
            continue
        code = region.code[:4] if region.level >= 2 else region.code
        lead = p.role == "lead"
        in_region.setdefault(code, []).append((p.organisation.display_name, lead))
        placed[region.country_code] = placed.get(region.country_code, 0) + 1
    marks: dict[str, Mark] = {}
    for row in countries:
        code = row.country.code
        if row.partner_count:
            value = _plural(row.partner_count, "partner")
            unplaced = row.partner_count - placed.get(code, 0)
            if unplaced == row.partner_count:
                value += ", region not known"
            elif unplaced > 0:
                value += f" (region not known for {unplaced})"
        else:
            value = "named by the project, no partner listed there"
        marks[code] = Mark("map-country", value, row.country.get_absolute_url())
    has_lead = False
    for code, partners in in_region.items():
        lead = any(is_lead for _, is_lead in partners)
        has_lead |= lead
        names = [f"{n} (lead partner)" if is_lead else n for n, is_lead in partners]
        marks[code] = Mark(
            "map-lead" if lead else "map-partner",
            "; ".join(names),
            reverse("region_detail", args=[code]),
            on_top=lead,
        )
    if not marks:
        return None
    legend = []
    if has_lead:
        legend.append(LegendEntry("map-lead", "Lead partner’s region"))
    if len(in_region) > has_lead:
        legend.append(LegendEntry("map-partner", "Partners’ regions"))
    if countries:
        legend.append(LegendEntry("map-country", "Countries of the project"))
    placed_count = sum(len(v) for v in in_region.values())
    description = (
        f"Map of Europe with {_plural(len(in_region), 'region')} of {acronym}'s partners "
        f"highlighted ({_plural(placed_count, 'partner')} placed)"
    )
    if has_lead:
        description += ", the lead partner's region apart"
    if countries:
        description += f", in {_plural(len(countries), 'country', 'countries')} shaded lightly"
    return draw(
        marks,
        title=f"Where the partners of {acronym} are",
        description=description + ".",
        fit=list(marks),
        min_span=1500,  # a project's map shows where in Europe, even in one country
        legend=legend,
        value_heading="Partners",
    )


def indicator_map(rows) -> Map | None:
    """Countries shaded by the action plans counted, with the actions implemented in each
    country's title. `rows` are the country roll-up rows of plans.queries.rollup."""

    def count(row, indicator: str) -> int:
        figure = row.figures.get(indicator)
        return int(figure.achieved or 0) if figure else 0

    plans = {row.scope.key: count(row, "action_plans") for row in rows}
    implemented = {row.scope.key: count(row, "actions_implemented") for row in rows}
    classes, legend = sequential(plans, "action plan", "action plans")
    marks = {
        code: Mark(
            classes.get(code, "map-zero"),
            f"{_plural(n, 'action plan')}, "
            f"{_plural(implemented[code], 'action implemented', 'actions implemented')}",
            reverse("indicator_dashboard", args=["country", code]),
        )
        for code, n in plans.items()
    }
    if any(n == 0 for n in plans.values()):
        legend.append(LegendEntry("map-zero", "No action plan yet"))
    shaded = sum(1 for n in plans.values() if n)
    return draw(
        marks,
        title="Action plans by country",
        description=(
            f"Map of Europe: {_plural(shaded, 'country', 'countries')} shaded by the number of "
            "action plans counted, darker for more."
        ),
        legend=legend,
        value_heading="Action plans, actions implemented",
    )
