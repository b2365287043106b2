"""The geometry of the maps: NUTS 2021 regions, projected, framed and written as SVG paths.

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
"""

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from corridor.lib.countries import country_name

NUTS_REGIONS_FILE = settings.DATA_DIR / "nuts" / "NUTS_RG_60M_2021_4326.geojson"
OUTERMOST = ("FRY", "PT20", "PT30", "ES70", "NO0B")
FRAME_WIDTH = 1000  # SVG units across every map
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
