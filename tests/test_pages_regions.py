from django.db.models import Q

from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from corridor.regions.models import Region
from html_tables import column, definitions


def test_a_region_shows_its_parents_and_children(client, db):
    response = client.get("/regions/SE33/")
    assert response.status_code == 200
    page = response.content.decode()
    for child in ("SE331", "SE332"):
        assert f'href="/regions/{child}/"' in page
    assert 'href="/regions/SE3/"' in page
    assert 'href="/regions/SE/"' in page
    facts = definitions(response)
    assert facts["Part of"] == "Sweden › Norra Sverige"
    assert facts["Level"] == "NUTS 2"
    region = Region.objects.get(code="SE33")
    assert facts["Centre"].startswith(f"{region.latitude:.4f}, {region.longitude:.4f}")


def test_a_leaf_region_links_up_to_its_parent(client, db):
    page = client.get("/regions/SE331/").content.decode()
    assert '<a href="/regions/SE33/">Övre Norrland</a>' in page
    assert "Regions within" not in page


def test_a_country_shows_its_eis_group_and_the_organisations_there(client, db):
    response = client.get("/regions/SE/")
    sweden = Region.objects.get(code="SE")
    assert definitions(response)["EIS 2024 group"] == sweden.get_innovation_group_display()
    organisations = response.context["organisations"]
    assert organisations.paginator.count == Organisation.objects.filter(country_code="SE").count()
    projects = Project.objects.filter(
        Q(partnerships__region__code__startswith="SE")
        | Q(partnerships__organisation__region__code__startswith="SE")
    ).distinct()
    assert response.context["projects"].paginator.count == projects.count()


def test_a_region_pages_its_organisations_and_projects_separately(client, db):
    first = client.get("/regions/SE/")
    second = client.get("/regions/SE/?organisations_page=2")
    assert second.context["organisations"].number == 2
    assert second.context["projects"].number == 1
    assert column(second, "Organisation") != column(first, "Organisation")
    assert 'href="?organisations_page=2"' in first.content.decode()


def test_a_nuts3_region_shows_the_eis_group_of_its_country(client, db):
    facts = definitions(client.get("/regions/SE331/"))
    sweden = Region.objects.get(code="SE")
    assert facts["EIS 2024 group"] == f"{sweden.get_innovation_group_display()} (Sweden)"


def test_codes_are_read_in_any_case(client, db):
    assert client.get("/regions/se33/").status_code == 200


def test_an_unknown_region_is_not_found(client, db):
    assert client.get("/regions/XX9/").status_code == 404


def test_the_list_starts_from_the_countries(client, db):
    response = client.get("/regions/")
    assert response.context["page"].paginator.count == Region.objects.filter(level=0).count()
    assert "Denmark" in column(response, "Code", 1)


def test_the_list_filters_by_country_level_and_name(client, db):
    response = client.get("/regions/?country=SE&level=3")
    codes = list(Region.objects.filter(country_code="SE", level=3).values_list("code", flat=True))
    assert column(response, "Code") == codes
    everything = client.get("/regions/?q=&level=")
    assert everything.context["page"].paginator.count == Region.objects.count()
    named = client.get("/regions/?q=Norrland")
    assert set(column(named, "Code")) == set(
        Region.objects.filter(name__icontains="Norrland").values_list("code", flat=True)
    )
