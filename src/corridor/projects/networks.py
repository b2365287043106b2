"""Collaboration networks: who worked with whom, weighted by the projects they shared, of a
project, an organisation, a region and a programme. Two networks each: of organisations and
of NUTS 2 regions (a partner's region, else its organisation's).

networkx builds each graph, ranks the members by how connected they are and lays the most
connected out; the template web/_network.html draws the layout as an SVG and lists the same
members, figures and links in a table (the SVG holds no links: the table is the way in)."""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from django.db.models import Q
from django.shortcuts import get_object_or_404

from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Programme, Project
from corridor.regions.models import Region

MAX_NODES = 30  # drawn and listed: the most connected, so that the drawing stays legible
LABELLED = 10  # of those, the most connected are named on the drawing
WIDTH, HEIGHT, MARGIN = 640, 420, 40


@dataclass(frozen=True)
class Node:
    key: str  # an organisation's id, a region's NUTS 2 code
    kind: str  # "Organisation" or "Region"
    name: str
    url: str
    partners: int  # members it shared at least one project with (degree)
    shared: int  # projects shared, counted per partner (weighted degree)
    projects: int  # projects it took part in, of those counted
    focus: bool = False  # the page's own organisation or region
    x: float = 0.0
    y: float = 0.0
    radius: float = 4.0
    labelled: bool = False


@dataclass(frozen=True)
class Link:
    a: Node
    b: Node
    weight: int  # projects the two shared

    @property
    def width(self) -> float:
        return round(0.6 + 1.2 * math.log2(self.weight), 2)


@dataclass
class Network:
    key: str  # prefix of the element ids
    title: str
    description: str
    kind: str  # "Organisation" or "Region": the table's first heading
    nodes: list[Node]  # drawing order: the most connected last, on top
    links: list[Link]
    rows: list[Node]  # the same members, most connected first
    member_count: int  # in the whole network, before keeping the most connected
    link_count: int
    view_box: str = f"0 0 {WIDTH} {HEIGHT}"
    notes: list[str] = field(default_factory=list)


def graph(memberships: Iterable[tuple[int, str]]) -> nx.Graph:
    """Members joined when they took part in the same project; an edge's weight is how many
    projects they shared, a member's `projects` how many it took part in."""
    by_project: dict[int, set[str]] = defaultdict(set)
    for project, member in memberships:
        if member:
            by_project[project].add(member)
    g = nx.Graph()
    for members in by_project.values():
        for member in members:
            g.add_node(member)
            g.nodes[member]["projects"] = g.nodes[member].get("projects", 0) + 1
        for a, b in combinations(sorted(members), 2):
            weight = g.get_edge_data(a, b, {"weight": 0})["weight"]
            g.add_edge(a, b, weight=weight + 1)
    return g


def most_connected(g: nx.Graph, keep: set[str] | None = None, limit: int = MAX_NODES) -> list[str]:
    """The members with the most shared projects (then partners, then key), the focus first."""
    shared = dict(g.degree(weight="weight"))
    ranked = sorted(g.nodes, key=lambda n: (-shared[n], -g.degree(n), n))
    first = [n for n in ranked if keep and n in keep]
    return (first + [n for n in ranked if n not in first])[:limit]


def network(
    g: nx.Graph,
    *,
    key: str,
    title: str,
    kind: str,
    describe: Callable[[list[str]], dict[str, tuple[str, str]]],
    focus: set[str] | None = None,
    only: set[str] | None = None,
) -> Network:
    """Lays out the most connected members of `g` (of `only`, when given); `describe` gives
    the (name, url) of the chosen members."""
    if only is not None:
        g = g.subgraph(only).copy()
    chosen = most_connected(g, focus)
    sub = g.subgraph(chosen)
    names = describe(chosen)
    shared = dict(g.degree(weight="weight"))
    positions = _layout(sub)
    largest = max((g.nodes[n]["projects"] for n in chosen), default=1)
    labelled = set(chosen[:LABELLED])
    by_key = {}
    for member in chosen:
        name, url = names.get(member, (member, ""))
        x, y = positions[member]
        by_key[member] = Node(
            key=member,
            kind=kind,
            name=name,
            url=url,
            partners=g.degree(member),
            shared=shared[member],
            projects=g.nodes[member]["projects"],
            focus=bool(focus and member in focus),
            x=x,
            y=y,
            radius=round(4 + 10 * math.sqrt(g.nodes[member]["projects"] / largest), 1),
            labelled=member in labelled,
        )
    rows = [by_key[m] for m in chosen]
    links = sorted(
        (Link(by_key[a], by_key[b], data["weight"]) for a, b, data in sub.edges(data=True)),
        key=lambda link: link.weight,
    )
    shown = f"the {len(rows)} most connected of {g.number_of_nodes()}"
    return Network(
        key=key,
        title=title,
        description=(
            f"{kind}s joined by a line when they worked in the same project, the thicker the "
            f"more projects they shared; {shown if len(rows) < g.number_of_nodes() else 'all'} "
            f"{kind.lower()}s, each the larger the more projects it took part in."
        ),
        kind=kind,
        nodes=sorted(rows, key=lambda n: (n.focus, n.shared)),
        links=links,
        rows=rows,
        member_count=g.number_of_nodes(),
        link_count=g.number_of_edges(),
    )


def _layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Force-directed, seeded so that a page looks the same on every visit, scaled into the
    drawing with a margin for the labels."""
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() == 1:
        return {next(iter(g.nodes)): (WIDTH / 2, HEIGHT / 2)}
    raw = nx.spring_layout(g, weight="weight", seed=13, iterations=100)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]

    def scale(value: float, low: float, high: float, size: int) -> float:
        span = (high - low) or 1.0
        return round(MARGIN + (value - low) / span * (size - 2 * MARGIN), 1)

    return {
        n: (
            scale(float(p[0]), min(xs), max(xs), WIDTH),
            scale(float(p[1]), min(ys), max(ys), HEIGHT),
        )
        for n, p in raw.items()
    }


# Members of a partnership ------------------------------------------------------------------
def _memberships(partnerships) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(project, organisation) and (project, NUTS 2 region) pairs of the partnerships."""
    rows = partnerships.values_list(
        "project_id", "organisation_id", "region__code", "organisation__region__code"
    )
    organisations, regions = [], []
    for project, organisation, region, organisation_region in rows:
        organisations.append((project, str(organisation)))
        code = region or organisation_region or ""
        if len(code) >= 4:
            regions.append((project, code[:4]))
    return organisations, regions


def _organisation_names(keys: list[str]) -> dict[str, tuple[str, str]]:
    found = Organisation.objects.filter(pk__in=[int(k) for k in keys])
    return {str(o.pk): (o.display_name, o.get_absolute_url()) for o in found}


def _region_names(keys: list[str]) -> dict[str, tuple[str, str]]:
    found = Region.objects.filter(code__in=keys)
    return {r.code: (f"{r.display_name}", r.get_absolute_url()) for r in found}


@dataclass
class Networks:
    """A page's two networks and what they are of."""

    subject: str  # "InterVentures", "Lombardia (ITC4)", ...
    back_url: str
    scope: str  # what the networks count, in words
    organisations: Network
    regions: Network
    project_count: int


def _networks(
    subject,
    back_url,
    scope,
    partnerships,
    *,
    focus_organisations=None,
    focus_regions=None,
    only_organisations=None,
    only_regions=None,
) -> Networks:
    organisations, regions = _memberships(partnerships)
    return Networks(
        subject=subject,
        back_url=back_url,
        scope=scope,
        organisations=network(
            graph(organisations),
            key="org-network",
            title=f"Organisations that worked together: {subject}",
            kind="Organisation",
            describe=_organisation_names,
            focus=focus_organisations,
            only=only_organisations,
        ),
        regions=network(
            graph(regions),
            key="region-network",
            title=f"Regions that worked together: {subject}",
            kind="Region",
            describe=_region_names,
            focus=focus_regions,
            only=only_regions,
        ),
        project_count=len({project for project, _ in organisations}),
    )


def project_networks(slug: str) -> Networks:
    """The project's partners, joined by every project they shared (this one and others)."""
    project = get_object_or_404(Project, slug=slug)
    own = Partnership.objects.filter(project=project)
    organisations, regions = _memberships(own)
    partners = {o for _, o in organisations}
    return _networks(
        project.acronym,
        project.get_absolute_url(),
        "the projects the partners of this project shared",
        Partnership.objects.filter(organisation__in=[int(o) for o in partners]),
        only_organisations=partners,
        only_regions={r for _, r in regions},
    )


def organisation_networks(slug: str) -> Networks:
    """Whom the organisation worked with, and with one another, in its projects."""
    organisation = get_object_or_404(Organisation, slug=slug)
    projects = Partnership.objects.filter(organisation=organisation).values("project_id")
    code = organisation.region.code[:4] if organisation.region else ""
    return _networks(
        organisation.display_name,
        organisation.get_absolute_url(),
        "the projects of this organisation",
        Partnership.objects.filter(project_id__in=projects),
        focus_organisations={str(organisation.pk)},
        focus_regions={code} if code else None,
    )


def region_networks(code: str) -> Networks:
    """The projects with a partner in the region: its partners and regions."""
    region = get_object_or_404(Region, code=code.upper())
    inside = Q(region__code__startswith=region.code) | Q(
        region__isnull=True, organisation__region__code__startswith=region.code
    )
    projects = Partnership.objects.filter(inside).values("project_id")
    regions = set(
        Region.objects.filter(level=2)
        .filter(Q(code__startswith=region.code) | Q(code=region.code[:4]))
        .values_list("code", flat=True)
    )
    return _networks(
        f"{region.display_name} ({region.code})",
        region.get_absolute_url(),
        "the projects with a partner in this region",
        Partnership.objects.filter(project_id__in=projects),
        focus_regions=regions,
    )


def programme_networks(slug: str) -> Networks:
    """The organisations and regions of the programme's projects."""
    programme = get_object_or_404(Programme, slug=slug)
    return _networks(
        str(programme),
        programme.get_absolute_url(),
        "the projects of this programme",
        Partnership.objects.filter(project__programme=programme),
    )
