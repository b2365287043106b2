"""Collaboration networks of a project, an organisation, a region and a programme: who worked
with whom, weighted by shared projects, drawn as SVG with a table of the same figures."""

import re

import pytest
from django.db.models import Q

from corridor.cli import main
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Programme, Project
from corridor.projects.networks import MAX_NODES, graph, most_connected

pytestmark = pytest.mark.django_db


def test_members_are_joined_by_the_projects_they_shared():
    g = graph([(1, "a"), (1, "b"), (1, "c"), (2, "a"), (2, "b"), (3, "d")])
    assert g["a"]["b"]["weight"] == 2 and g["a"]["c"]["weight"] == 1
    assert not g.has_edge("c", "d") and g.degree("d") == 0
    assert g.nodes["a"]["projects"] == 2 and g.nodes["c"]["projects"] == 1
    assert most_connected(g) == ["a", "b", "c", "d"]  # by shared projects, then partners
    assert most_connected(g, keep={"d"}, limit=2) == ["d", "a"]  # the page's own comes first


def page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    return response, response.context["networks"]


def shared_projects(a: Organisation, b: Organisation) -> int:
    mine = set(Partnership.objects.filter(organisation=a).values_list("project_id", flat=True))
    theirs = set(Partnership.objects.filter(organisation=b).values_list("project_id", flat=True))
    return len(mine & theirs)


def test_a_projects_network_is_of_its_partners_weighted_by_all_they_shared(client):
    project = Project.objects.get(slug="interventures")
    response, networks = page(client, "/projects/interventures/network/")
    partners = {p.organisation for p in project.partnerships.select_related("organisation")}
    assert {row.name for row in networks.organisations.rows} == {o.display_name for o in partners}
    by_name = {o.display_name: o for o in partners}
    for link in networks.organisations.links:
        assert link.weight == shared_projects(by_name[link.a.name], by_name[link.b.name]) >= 1
    html = response.content.decode()
    assert '<title id="org-network-title">' in html and "shared project" in html


def test_an_organisations_network_puts_it_first_with_its_partners(client):
    organisation = Organisation.objects.get(slug="tci-network")
    response, networks = page(client, "/organisations/tci-network/network/")
    first = networks.organisations.rows[0]
    assert first.focus and first.name == organisation.display_name
    projects = Partnership.objects.filter(organisation=organisation).values("project_id")
    partners = (
        Partnership.objects.filter(project_id__in=projects)
        .exclude(organisation=organisation)
        .values("organisation")
        .distinct()
    )
    assert first.partners == partners.count() > 0
    assert "(this page)" in response.content.decode()


def test_a_regions_network_counts_the_projects_with_a_partner_there(client):
    _, networks = page(client, "/regions/SE33/network/")
    inside = Q(region__code__startswith="SE33") | Q(
        region__isnull=True, organisation__region__code__startswith="SE33"
    )
    projects = Partnership.objects.filter(inside).values("project_id").distinct()
    assert networks.project_count == projects.count() > 50
    own = next(row for row in networks.regions.rows if row.key == "SE33")
    assert own.focus and own.projects == projects.count()
    for row in networks.regions.rows[:5]:
        there = Q(region__code__startswith=row.key) | Q(
            region__isnull=True, organisation__region__code__startswith=row.key
        )
        counted = Partnership.objects.filter(there, project_id__in=projects)
        assert row.projects == counted.values("project_id").distinct().count()


def test_a_programmes_network_lists_the_most_connected_first(client):
    programme = max(Programme.objects.all(), key=lambda p: p.projects.count())
    _, networks = page(client, f"/programmes/{programme.slug}/network/")
    rows = networks.organisations.rows
    assert len(rows) == min(MAX_NODES, networks.organisations.member_count)
    organisations = Partnership.objects.filter(project__programme=programme)
    assert (
        networks.organisations.member_count
        == organisations.values("organisation").distinct().count()
    )
    assert [r.shared for r in rows] == sorted((r.shared for r in rows), reverse=True)
    assert (
        networks.project_count
        == programme.projects.filter(partnerships__isnull=False).distinct().count()
    )


def test_the_drawing_holds_no_links_and_the_table_does(client):
    response, networks = page(client, "/projects/interventures/network/")
    html = response.content.decode()
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        assert "<a " not in svg
    circles = sum(
        len(re.findall(r"<circle", svg)) for svg in re.findall(r"<svg.*?</svg>", html, re.S)
    )
    assert circles == len(networks.organisations.rows) + len(networks.regions.rows)
    for row in networks.organisations.rows:
        assert f'<a href="{row.url}">' in html


def test_the_record_pages_link_to_their_networks(client):
    assert (
        "/projects/interventures/network/"
        in client.get("/projects/interventures/").content.decode()
    )
    assert (
        "/organisations/tci-network/network/"
        in client.get("/organisations/tci-network/").content.decode()
    )
    assert "/regions/SE33/network/" in client.get("/regions/SE33/").content.decode()
    programme = Programme.objects.first()
    assert (
        f"/programmes/{programme.slug}/network/"
        in client.get(programme.get_absolute_url()).content.decode()
    )


def test_an_unknown_record_has_no_network(client):
    for path in ("/projects/nope/network/", "/organisations/nope/network/",
                 "/regions/XX99/network/", "/programmes/nope/network/"):  # fmt: skip
        assert client.get(path).status_code == 404


# The API and the CLI answer the same networks, field for field.
def test_the_api_gives_a_projects_network_with_the_pages_figures(client, api_get):
    _, networks = page(client, "/projects/interventures/network/")
    data = api_get("/projects/interventures/network")
    assert data["subject"] == networks.subject and data["project_count"] == networks.project_count
    organisations = data["organisations"]
    assert [m["name"] for m in organisations["members"]] == [
        r.name for r in networks.organisations.rows
    ]
    assert {m["kind"] for m in organisations["members"]} == {"organisation"}
    assert {m["kind"] for m in data["regions"]["members"]} == {"region"}
    by_id = {m["id"]: Organisation.objects.get(pk=int(m["id"])) for m in organisations["members"]}
    assert organisations["edges"]
    for edge in organisations["edges"]:
        assert edge["weight"] == shared_projects(by_id[edge["source"]], by_id[edge["target"]])
    page_weights = sorted(
        (link.a.key, link.b.key, link.weight) for link in networks.organisations.links
    )
    api_weights = sorted((e["source"], e["target"], e["weight"]) for e in organisations["edges"])
    assert api_weights == page_weights
    assert organisations["edge_count"] == networks.organisations.link_count


@pytest.mark.parametrize(
    "path, page_path",
    [
        ("/organisations/tci-network/network", "/organisations/tci-network/network/"),
        ("/regions/SE33/network", "/regions/SE33/network/"),
        ("/regions/se33/network", "/regions/SE33/network/"),
    ],
)
def test_the_api_gives_the_pages_members_and_figures(client, api_get, path, page_path):
    data = api_get(path)
    _, networks = page(client, page_path)
    for name in ("organisations", "regions"):
        rows = getattr(networks, name).rows
        assert [
            (m["id"], m["partners"], m["shared_projects"], m["project_count"], m["focus"])
            for m in data[name]["members"]
        ] == [(r.key, r.partners, r.shared, r.projects, r.focus) for r in rows]
    assert any(m["focus"] for m in data["organisations"]["members"] + data["regions"]["members"])


def test_the_api_answers_404_for_an_unknown_record(api_get):
    for path in ("/projects/nope/network", "/organisations/nope/network",
                 "/regions/XX99/network", "/programmes/nope/network"):  # fmt: skip
        assert api_get(path, status=404)["detail"]


def test_the_cli_table_lists_the_pages_members(client, capsys):
    _, networks = page(client, "/organisations/tci-network/network/")
    assert main(["network", "organisation", "tci-network"]) == 0
    out = capsys.readouterr().out
    for row in networks.organisations.rows + networks.regions.rows:
        assert f" {row.key} " in out and row.name in out
    first = networks.organisations.rows[0]
    assert f"{first.name} *" in out  # the record itself is marked
