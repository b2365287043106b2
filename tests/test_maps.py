"""The maps: NUTS regions projected to ETRS89-LAEA and drawn as inline SVG on the region
pages, the project fact sheets and the indicators overview."""

import re
import xml.etree.ElementTree as ET

import pytest

from corridor.projects import queries as project_queries
from corridor.projects.models import Partnership, Role
from corridor.regions import geometry, maps

SVG = "{http://www.w3.org/2000/svg}"
EU27 = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
]  # fmt: skip
CREDIT = "© EuroGeographics for the administrative boundaries"


def svg_of(response) -> ET.Element:
    """The page's map, parsed as XML: it must be well-formed SVG."""
    page = response.content.decode()
    found = re.search(r"<svg role=\"img\".*?</svg>", page, re.S)
    assert found, "no map on the page"
    return ET.fromstring(found.group(0).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def paths(svg: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-code"): p for p in svg.iter(f"{SVG}path")}


def points(d: str) -> list[tuple[int, int]]:
    """The absolute points of a path as geometry.py writes them: M x y, relative l steps, z."""
    found = []
    for subpath in re.findall(r"M[^M]*", d):
        numbers = [int(n) for n in re.findall(r"-?\d+", subpath)]
        x, y = numbers[0], numbers[1]
        found.append((x, y))
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            found.append((x, y))
    return found


# Projection and framing -------------------------------------------------------------------
def test_the_projection_is_etrs89_laea():
    assert geometry.project(10, 52) == pytest.approx((4321, -3210))
    # EPSG's worked example for 3035 (50°N 5°E: E 3962799.45 m, N 2999718.85 m), on the
    # ellipsoid; the sphere of the authalic radius is within a couple of kilometres.
    east, minus_north = geometry.project(5, 50)
    assert east == pytest.approx(3962.8, abs=2.5)
    assert -minus_north == pytest.approx(2999.7, abs=2.5)


def test_east_is_right_and_north_is_up_in_svg_coordinates():
    vilnius, berlin = geometry.project(25.28, 54.69), geometry.project(13.40, 52.52)
    helsinki, rome = geometry.project(24.94, 60.17), geometry.project(12.50, 41.90)
    assert vilnius[0] > berlin[0]
    assert helsinki[1] < rome[1]
    # The same on the drawn map: Lithuania's points lie right of Germany's, Finland's above
    # Italy's.
    europe = {s.code: s for s in maps.draw({}, title="t", description="d").context}
    xs = {c: [x for x, _ in points(europe[c].d)] for c in ("LT", "DE")}
    ys = {c: [y for _, y in points(europe[c].d)] for c in ("FI", "IT")}
    assert min(xs["LT"]) > max(xs["DE"])
    assert max(ys["FI"]) < min(ys["IT"])


def test_the_europe_nuts0_map_has_the_eu_countries_and_stays_small():
    europe = maps.draw({}, title="Europe", description="NUTS 0")
    drawn = {s.code: s.d for s in europe.context}
    assert set(EU27) <= set(drawn)
    assert all(drawn[c] for c in EU27)
    size = sum(len(d) for d in drawn.values())
    assert 5_000 < size < 150_000, size
    # Nothing lies outside the frame: the outermost regions are left out, even as parts of
    # France, Portugal, Spain and Norway.
    height = int(europe.view_box.split()[3])
    for code, d in drawn.items():
        for x, y in points(d):
            assert -6 <= x <= geometry.FRAME_WIDTH + 6 and -6 <= y <= height + 6, code
    for far in ("FRY", "FRY1", "FRY3", "PT20", "PT30", "ES70", "NO0B"):
        assert geometry.path(far, geometry.EUROPE_FRAME) == ""
    assert geometry.path("ES63", geometry.EUROPE_FRAME)  # Ceuta stays: it is on the mainland frame
    assert geometry.path("CY00", geometry.EUROPE_FRAME)


def test_paths_are_rounded_to_the_unit_without_repeated_points():
    d = geometry.path("DE", geometry.EUROPE_FRAME)
    assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", d)
    for subpath in re.findall(r"l([-\d ]+)z", d):
        steps = [int(n) for n in re.findall(r"-?\d+", subpath)]
        assert all((dx, dy) != (0, 0) for dx, dy in zip(steps[::2], steps[1::2], strict=True))


def test_a_fitted_frame_holds_its_regions_with_a_margin():
    frame = geometry.fitted_frame(["SE"])
    sweden = geometry.areas()["SE"].box()
    assert frame.box.contains(sweden.grow(30))
    assert frame.box.width < 2 * sweden.width + 1000
    assert 0.6 <= frame.box.height / frame.box.width <= 1.1 + 1e-9
    # An outermost region is mapped alone; France's overseas regions together cannot be.
    canaries = geometry.fitted_frame(["ES70"])
    assert canaries and not canaries.mainland
    assert geometry.fitted_frame(["FRY"]) is None


def test_shades_follow_the_counts():
    classes, legend = maps.sequential({"A": 1, "B": 2, "C": 0}, "plan", "plans")
    assert classes == {"A": "map-q3", "B": "map-q5"}
    assert [e.label for e in legend] == ["1 plan", "2 plans"]
    classes, legend = maps.sequential({c: n for n, c in enumerate("ABCDEFGHIJK")}, "x", "xs")
    assert classes["B"] == "map-q1" and classes["K"] == "map-q5"
    assert [e.label for e in legend] == ["1–2 xs", "3–4 xs", "5–6 xs", "7–8 xs", "9–10 xs"]


# Pages ------------------------------------------------------------------------------------
def test_the_region_page_highlights_the_region_within_its_country(client, db):
    response = client.get("/regions/SE33/")
    svg = svg_of(response)
    drawn = paths(svg)
    assert "map-current" in drawn["SE33"].get("class")
    siblings = {"SE11", "SE12", "SE21", "SE22", "SE23", "SE31", "SE32"}
    assert siblings <= set(drawn)
    assert {"NO", "FI"} <= set(drawn)  # the neighbours, for orientation
    links = {a.get("href"): a for a in svg.iter(f"{SVG}a")}
    assert links["/regions/SE33/"].get("aria-current") == "page"
    assert "/regions/SE11/" in links
    assert "Övre Norrland" in svg.find(f"{SVG}title").text
    page = response.content.decode()
    assert '<a href="/regions/SE11/">Stockholm</a>' in page  # the table, for keyboards


def test_a_country_page_shows_its_nuts2_regions(client, db):
    drawn = paths(svg_of(client.get("/regions/SE/")))
    assert {"SE11", "SE33"} <= set(drawn)
    assert "map-region" in drawn["SE33"].get("class")


def test_a_nuts3_region_is_drawn_among_the_nuts3_regions_of_its_country(client, db):
    drawn = paths(svg_of(client.get("/regions/SE331/")))
    assert "map-current" in drawn["SE331"].get("class")
    assert "SE332" in drawn and "SE33" not in drawn


def test_in_a_country_with_hundreds_of_nuts3_regions_the_others_are_drawn_a_level_up(client, db):
    svg = svg_of(client.get("/regions/DE149/"))
    drawn = paths(svg)
    assert "map-current" in drawn["DE149"].get("class")
    assert {"DE141", "DE148"} <= set(drawn)  # Tübingen's NUTS 3 regions
    assert {"DE11", "DE21", "DE30"} <= set(drawn) and "DE14" not in drawn
    assert not any(len(code) == 5 and not code.startswith("DE14") for code in drawn)
    assert len(ET.tostring(svg)) < 40_000


def test_an_outermost_region_is_mapped_alone_and_its_group_not_at_all(client, db):
    drawn = paths(svg_of(client.get("/regions/ES70/")))
    assert "map-current" in drawn["ES70"].get("class")
    assert "ES51" not in drawn
    assert 'role="img"' not in client.get("/regions/FRY/").content.decode()


def test_the_fact_sheet_maps_where_the_partners_are(client, db):
    response = client.get("/projects/interventures/")
    drawn = paths(svg_of(response))
    # Lombardia, Podkarpackie, Castilla y León (ES412 Burgos), Vidurio ir vakarų Lietuvos
    # (LT023 Klaipėda).
    for code in ("ITC4", "PL82", "ES41", "LT02"):
        assert drawn[code].get("class") == "map-partner", code
    # The Hungarian partner has no region: its country is shaded, as are the others'.
    for code in ("HU", "IT", "PL", "ES", "LT"):
        assert drawn[code].get("class") == "map-country", code
    assert "class" not in drawn["SE"].attrib
    assert "ES412" not in drawn
    lithuania = drawn["LT02"].find(f"{SVG}title").text
    assert "Klaipėda ID" in lithuania and "Klaipeda Municipal Administration" in lithuania
    page = response.content.decode()
    assert "map-lead" not in page  # InterVentures names no lead partner


def test_the_lead_partners_region_is_marked_apart(client, db):
    burgos = Partnership.objects.get(
        project__slug="interventures", organisation__name__contains="Province of Burgos"
    )
    burgos.role = Role.LEAD
    burgos.save()
    drawn = paths(svg_of(client.get("/projects/interventures/")))
    assert drawn["ES41"].get("class") == "map-lead"
    assert drawn["ITC4"].get("class") == "map-partner"
    assert "(lead partner)" in drawn["ES41"].find(f"{SVG}title").text
    assert "Lead partner’s region" in client.get("/projects/interventures/").content.decode()


def test_a_one_country_project_is_mapped_within_europe(client, db):
    drawn = paths(svg_of(client.get("/projects/clusterix-20/")))
    assert drawn["AT12"].get("class") == "map-lead"
    assert {"DE", "CZ", "HU", "IT"} <= set(drawn)


def test_a_project_without_known_places_has_no_map(client, db):
    assert 'role="img"' not in client.get("/projects/ieer/").content.decode()


def test_the_map_adds_no_query_to_the_fact_sheet(db, django_assert_num_queries):
    sheet = project_queries.project_fact_sheet("interventures")
    with django_assert_num_queries(0):
        drawn = maps.partners_map(sheet.project.acronym, sheet.partnerships, sheet.countries)
    assert drawn is not None


def test_the_fact_sheet_keeps_its_query_limit(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/projects/interventures/")


def test_the_indicators_map_shades_the_countries_with_action_plans(client, db):
    response = client.get("/indicators/")
    drawn = paths(svg_of(response))
    for code in ("ES", "HU", "IT", "LT", "PL"):
        assert drawn[code].get("class", "").startswith("map-q"), code
        title = drawn[code].find(f"{SVG}title").text
        assert "1 action plan" in title and "implemented" in title
    assert "class" not in drawn["SE"].attrib
    assert "1 action plan" in response.content.decode().split("map-legend", 1)[1][:300]
    links = {a.get("href") for a in svg_of(response).iter(f"{SVG}a")}
    assert "/indicators/country/ES/" in links


@pytest.mark.parametrize(
    "url", ["/regions/SE33/", "/regions/SE/", "/projects/interventures/", "/indicators/"]
)
def test_every_map_credits_the_boundaries(client, db, url):
    page = client.get(url).content.decode()
    figure = page[page.index('<figure class="map">') : page.index("</figure>")]
    assert CREDIT in figure
    assert '<details class="map-numbers">' in figure
