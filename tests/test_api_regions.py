"""/api/v1/regions: NUTS search, and a region's place in the hierarchy and its counts."""

import pytest

from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership
from corridor.regions.models import Region


def test_search_by_country_and_level(api_get):
    page = api_get("/regions", country="se", level=2)

    assert page["count"] == Region.objects.filter(country_code="SE", level=2).count() == 8
    assert all(r["code"].startswith("SE") and r["level"] == 2 for r in page["items"])
    assert all(r["parent_code"] == r["code"][:3] for r in page["items"])


def test_search_by_name_or_code(api_get):
    by_name = api_get("/regions", q="Norrbotten")["items"]
    by_code = api_get("/regions", q="SE33")["items"]

    assert [r["code"] for r in by_name] == ["SE332"]
    assert [r["code"] for r in by_code] == ["SE33", "SE331", "SE332"]


def test_countries_have_english_names_and_no_parent(api_get):
    [sweden] = api_get("/regions", country="SE", level=0)["items"]

    assert (sweden["code"], sweden["name"], sweden["national_name"]) == ("SE", "Sweden", "Sverige")
    assert sweden["parent_code"] is None


def test_region_detail_hierarchy_group_and_centroid(api_get):
    region = api_get("/regions/se33")

    assert region["code"] == "SE33"
    assert region["parent"] == {"code": "SE3", "level": 1, "name": "Norra Sverige"}
    assert [a["code"] for a in region["ancestors"]] == ["SE", "SE3"]
    assert [c["code"] for c in region["children"]] == ["SE331", "SE332"]
    assert region["innovation_group"] == {"code": "Leader", "label": "Innovation Leader"}
    stored = Region.objects.get(code="SE33")
    assert region["centroid"] == {"latitude": stored.latitude, "longitude": stored.longitude}
    assert region["provenance"]["source_record_id"] == "SE33"


def test_region_counts_include_the_regions_inside(api_get):
    # Worked out without the query behind the endpoint: a partnership in SE33*, or, where the
    # partnership names no region, an organisation based there.
    partnerships = Partnership.objects.select_related("region", "organisation__region")

    def in_se33(region) -> bool:
        return region is not None and region.code.startswith("SE33")

    projects = {p.project_id for p in partnerships if in_se33(p.region or p.organisation.region)}
    organisations = [o for o in Organisation.objects.select_related("region") if in_se33(o.region)]

    region = api_get("/regions/SE33")

    assert region["project_count"] == len(projects) > 0
    assert region["organisation_count"] == len(organisations) > 0
    assert region["project_count"] > api_get("/regions/SE331")["project_count"]


def test_a_country_counts_its_organisations_without_a_region(api_get):
    Organisation.objects.create(name="Somewhere in Sweden", country_code="SE")
    sweden = api_get("/regions/SE")

    assert sweden["organisation_count"] == Organisation.objects.filter(country_code="SE").count()


def test_country_detail(api_get):
    romania = api_get("/regions/RO")

    assert romania["parent"] is None
    assert romania["ancestors"] == []
    assert romania["innovation_group"]["code"] == "Emerging"
    assert {c["level"] for c in romania["children"]} == {1}


def test_unknown_region_is_a_json_404(api_get):
    assert "Region" in api_get("/regions/XX9", status=404)["detail"]


@pytest.mark.parametrize("params", [{"level": "4"}, {"level": "two"}, {"country": "S"}])
def test_bad_parameters_are_422(api_get, params):
    assert api_get("/regions", status=422, **params)["detail"]


def test_detail_query_count_is_fixed(api_get, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        region = api_get("/regions/SE")
    assert len(region["children"]) == 3
