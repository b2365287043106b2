"""Maps drawn on the server: NUTS 2021 regions as the paths of an inline SVG.

The polygons are Eurostat GISCO's NUTS 2021 regions at 1:60 million, in WGS84 (© EuroGeographics
for the administrative boundaries), read once per process. They are projected with the Lambert
azimuthal equal-area projection centred on 52°N 10°E, the formula of ETRS89-LAEA (EPSG:3035)
on a sphere of GRS80's authalic radius, in kilometres, with y pointing south as in SVG.

What is left out: the outermost regions, far from mainland Europe's frame, are not drawn on the
maps of the mainland and have no inset: the French overseas departments (FRY), the Azores
(PT20), Madeira (PT30), the Canary Islands (ES70), and Svalbard and Jan Mayen (NO0B). Their
islands are left out of their countries' shapes too (France, Portugal, Spain and Norway at NUTS
0 and 1). The page of such a region maps it alone, at its own scale (when it fits in
MAX_SPAN_KM: not FRY as a whole, whose islands lie on three oceans). The map of all of Europe
cuts Türkiye east of about 37°E, where the frame ends. Countries outside NUTS (Bosnia and
Herzegovina, Kosovo, Ukraine, Belarus...) are not in the data: they stay blank.

For the screen: the frame is FRAME_WIDTH SVG units across; points are rounded to the unit,
repeated and collinear points dropped, rings smaller than a unit left out, and shapes clipped
to the frame. The paths are written with relative coordinates. The whole-Europe NUTS 0 map
weighs about 11 kB of paths.

Each page shapes its own map here from the data the page already has (no further queries):
region_locator (region page), partners_map (project fact sheet), indicator_map (indicators).
The template web/_map.html draws any Map.
"""

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from corridor.lib.countries import country_name

NUTS_REGIONS_FILE = settings.DATA_DIR / "nuts" / "NUTS_RG_60M_2021_4326.geojson"
CREDIT = "© EuroGeographics for the administrative boundaries"
OUTERMOST = ("FRY", "PT20", "PT30", "ES70", "NO0B")
FRAME_WIDTH = 1000  # SVG units across every map
MAX_REGIONS = 120  # a region page draws at most about this many regions of its level
MAX_SPAN_KM = 3000  # an outermost region spread wider than this gets no map of its own

# The projection: EPSG:3035's centre, false origin, and the authalic radius of GRS80 (km).
_LAT0, _LON0 = math.radians(52), math.radians(10)
_FALSE_EASTING, _FALSE_NORTHING = 4321.0, 3210.0
_RADIUS = 6371.0072


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude in degrees to EPSG:3035 kilometres, as (east, -north): SVG's
    y grows downwards, so north is up on the map."""
    phi, lam = math.radians(lat), math.radians(lon) - _LON0
    cos_phi, cos_lam = math.cos(phi), math.cos(lam)
    k = math.sqrt(2 / (1 + math.sin(_LAT0) * math.sin(phi) + math.cos(_LAT0) * cos_phi * cos_lam))
    east = _FALSE_EASTING + _RADIUS * k * cos_phi * math.sin(lam)
    north = _FALSE_NORTHING + _RADIUS * k * (
        math.cos(_LAT0) * math.sin(phi) - math.sin(_LAT0) * cos_phi * cos_lam
    )
    return east, -north


@dataclass(frozen=True)
class Box:
    """A rectangle in projected kilometres (y grows southwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: "Box") -> "Box":
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def grow(self, dx: float, dy: float | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x0 - dx, self.y0 - dy, self.x1 + dx, self.y1 + dy)

    def intersects(self, other: "Box") -> bool:
        return (
            self.x0 <= other.x1
            and other.x0 <= self.x1
            and self.y0 <= other.y1
            and other.y0 <= self.y1
        )

    def contains(self, other: "Box") -> bool:
        return (
            self.x0 <= other.x0
            and self.y0 <= other.y0
            and other.x1 <= self.x1
            and other.y1 <= self.y1
        )


# Mainland Europe in EPSG:3035 km: Iceland and Portugal to Cyprus, Malta and Crete to the
# North Cape. East of Cyprus the frame cuts Türkiye.
EUROPE = Box(2560, -5440, 6640, -1380)

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Part:
    """One polygon of a region: its outer ring and holes."""

    rings: tuple[Ring, ...]
    box: Box
    outermost: bool = False


@dataclass(frozen=True)
class Area:
    """A NUTS region's shape and name, as the file has them."""

    code: str
    level: int
    country: str
    name: str
    parts: tuple[Part, ...]

    def box(self, mainland: bool = True) -> Box | None:
        boxes = [p.box for p in self.parts if not (mainland and p.outermost)]
        return functools.reduce(Box.union, boxes) if boxes else None

    @property
    def on_mainland(self) -> bool:
        return any(not p.outermost for p in self.parts)


def _part(polygon: list) -> Part:
    rings = tuple(tuple(project(lon, lat) for lon, lat, *_ in ring) for ring in polygon)
    xs = [x for x, _ in rings[0]]
    ys = [y for _, y in rings[0]]
    return Part(rings, Box(min(xs), min(ys), max(xs), max(ys)))


@functools.lru_cache(maxsize=1)
def areas() -> dict[str, Area]:
    """Every NUTS region of the bundled file, by code: read and projected once per process."""
    with open(NUTS_REGIONS_FILE, encoding="utf-8") as f:
        features = json.load(f)["features"]
    loaded: dict[str, Area] = {}
    for feature in features:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        code, level = props["NUTS_ID"], props["LEVL_CODE"]
        name = country_name(code) if level == 0 else (props.get("NUTS_NAME") or code).strip()
        loaded[code] = Area(
            code, level, props.get("CNTR_CODE") or code[:2], name, tuple(map(_part, polygons))
        )
    # The outermost regions' islands, wherever they appear (also inside their countries).
    far = [
        p.box.grow(1)
        for code, area in loaded.items()
        if area.level == 2 and code.startswith(OUTERMOST)
        for p in area.parts
    ]
    for code, area in loaded.items():
        parts = tuple(
            Part(p.rings, p.box, outermost=any(box.contains(p.box) for box in far))
            for p in area.parts
        )
        loaded[code] = Area(area.code, area.level, area.country, area.name, parts)
    return loaded


@functools.lru_cache(maxsize=512)
def codes_at(country: str, level: int) -> tuple[str, ...]:
    """The codes of a country's regions at a NUTS level, in code order."""
    return tuple(
        sorted(code for code, a in areas().items() if a.country == country and a.level == level)
    )


def area_name(code: str) -> str:
    area = areas().get(code)
    return area.name if area else code


# Framing ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Frame:
    """What the map shows (a box in km) and how: FRAME_WIDTH units across."""

    box: Box
    mainland: bool = True  # leave out the outermost regions' islands

    @property
    def scale(self) -> float:
        return FRAME_WIDTH / self.box.width

    @property
    def height(self) -> int:
        return round(self.box.height * self.scale)

    @property
    def view_box(self) -> str:
        return f"0 0 {FRAME_WIDTH} {self.height}"

    @property
    def clip(self) -> Box:
        """A little beyond the view, so that cut shapes have no border along its edge."""
        return self.box.grow(4 / self.scale)


EUROPE_FRAME = Frame(EUROPE)


def fitted_frame(codes: Iterable[str], min_span: float = 400) -> Frame | None:
    """A frame around these regions plus a margin, at least `min_span` km each way (so that a
    small country shows its neighbours), neither too flat nor too tall. Outermost regions
    count only when nothing else is asked for: then they are mapped on their own."""
    chosen = [areas()[c] for c in codes if c in areas()]
    boxes = [b for a in chosen if (b := a.box(mainland=True))]
    mainland = bool(boxes)
    if not mainland:
        boxes = [b for a in chosen if (b := a.box(mainland=False))]
        if not boxes:
            return None
    box = functools.reduce(Box.union, boxes)
    if not mainland and max(box.width, box.height) > MAX_SPAN_KM:
        return None
    margin = max(0.08 * max(box.width, box.height), 40)
    box = box.grow(margin)
    box = box.grow(max(0, min_span - box.width) / 2, max(0, min_span - box.height) / 2)
    # Between 0.6 and 1.1 times as tall as wide: tall countries get their neighbours beside.
    if box.height > 1.1 * box.width:
        box = box.grow((box.height / 1.1 - box.width) / 2, 0)
    elif box.height < 0.6 * box.width:
        box = box.grow(0, (0.6 * box.width - box.height) / 2)
    return Frame(box, mainland)


# Paths ------------------------------------------------------------------------------------
def _clip(ring: Ring, box: Box) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the ring cut to the box (holes and islands stay right with the
    even-odd fill rule)."""
    points = list(ring)
    edges = (
        (lambda p: p[0] >= box.x0, lambda a, b: _at_x(a, b, box.x0)),
        (lambda p: p[0] <= box.x1, lambda a, b: _at_x(a, b, box.x1)),
        (lambda p: p[1] >= box.y0, lambda a, b: _at_y(a, b, box.y0)),
        (lambda p: p[1] <= box.y1, lambda a, b: _at_y(a, b, box.y1)),
    )
    for inside, cross in edges:
        if not points:
            break
        kept = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(cross(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(cross(previous, point))
            previous = point
        points = kept
    return points


def _at_x(a, b, x):
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a, b, y):
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def _ring_path(points: list[tuple[float, float]], frame: Frame) -> str:
    """One closed subpath in whole SVG units: an absolute start, then relative steps."""
    box, scale = frame.box, frame.scale
    rounded: list[tuple[int, int]] = []
    for x, y in points:
        p = (round((x - box.x0) * scale), round((y - box.y0) * scale))
        if rounded and p == rounded[-1]:
            continue
        if len(rounded) >= 2 and _straight_on(rounded[-2], rounded[-1], p):
            rounded[-1] = p  # the middle point says nothing
        else:
            rounded.append(p)
    while len(rounded) > 1 and rounded[-1] == rounded[0]:
        rounded.pop()
    if len(rounded) < 3:
        return ""
    twice_area = sum(
        x0 * y1 - x1 * y0
        for (x0, y0), (x1, y1) in zip(rounded, rounded[1:] + rounded[:1], strict=True)
    )
    if abs(twice_area) < 2:  # less than a square unit: invisible
        return ""
    steps = []
    for (x0, y0), (x1, y1) in zip(rounded, rounded[1:], strict=False):
        steps += [x1 - x0, y1 - y0]
    return f"M{rounded[0][0]} {rounded[0][1]}l{_numbers(steps)}z"


def _straight_on(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int]) -> bool:
    """Whether b lies on the way from a on to c, in a straight line."""
    (ax, ay), (bx, by), (cx, cy) = a, b, c
    cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx)
    return cross == 0 and (bx - ax) * (cx - bx) + (by - ay) * (cy - by) >= 0


def _numbers(values: list[int]) -> str:
    """Numbers as SVG reads them: a minus sign separates as well as a space does."""
    out = []
    for i, v in enumerate(values):
        if i and v >= 0:
            out.append(" ")
        out.append(str(v))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def path(code: str, frame: Frame) -> SafeString:
    """The SVG path of a region in a frame: empty when nothing of it shows. Digits, spaces,
    minus signs and path letters only, so safe to write into the page as it is."""
    area = areas().get(code)
    if area is None:
        return mark_safe("")
    clip = frame.clip
    subpaths = []
    for part in area.parts:
        if (frame.mainland and part.outermost) or not part.box.intersects(clip):
            continue
        for ring in part.rings:
            points = ring if clip.contains(part.box) else _clip(ring, clip)
            if subpaths_d := _ring_path(points, frame):
                subpaths.append(subpaths_d)
    return mark_safe("".join(subpaths))


# Maps -------------------------------------------------------------------------------------
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
