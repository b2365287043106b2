"""/api/v1/organisations: search, and an organisation's track record and partnerships."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership


def test_search_by_country_type_and_text(api_get):
    spanish = api_get("/organisations", country="es")
    agencies = api_get("/organisations", country=["ES", "AT"], type="Development agency")
    by_acronym = api_get("/organisations", q="sodebur")

    assert spanish["count"] == Organisation.objects.filter(country_code="ES").count() == 3
    assert {o["slug"] for o in agencies["items"]} == {"spri", "sodebur", "ecoplus"}
    assert [o["name"] for o in by_acronym["items"]] == [
        "Society for the Development of the Province of Burgos"
    ]


def test_search_counts_projects_and_leads(api_get):
    swedish = Organisation.objects.filter(country_code="SE")
    busiest = max(swedish, key=lambda o: o.partnerships.count())

    item = api_get("/organisations", q=busiest.name)["items"][0]

    assert item["slug"] == busiest.slug
    assert item["project_count"] == busiest.partnerships.count()
    assert item["lead_count"] == busiest.partnerships.filter(role="lead").count()
    assert item["region_code"] == busiest.region.code


def test_pages_add_up_to_the_total(api_get):
    total = Organisation.objects.count()

    last = api_get("/organisations", limit=200, offset=total - 5)

    assert last["count"] == total
    assert len(last["items"]) == 5


def test_track_record_and_partnerships_of_a_swedish_university(api_get):
    ltu = Organisation.objects.get(slug="lulea-tekniska-universitet")
    partnerships = Partnership.objects.filter(organisation=ltu)

    profile = api_get("/organisations/lulea-tekniska-universitet")

    record = profile["track_record"]
    assert record["projects"] == len(profile["partnerships"]) == partnerships.count()
    assert record["times_lead_partner"] == partnerships.filter(role="lead").count() > 0
    assert sum(record["by_role"].values()) == partnerships.count()
    assert record["by_role"]["lead"] == record["times_lead_partner"]
    assert Decimal(record["total_budget"]) == partnerships.aggregate(s=Sum("budget"))["s"]
    assert record["total_budget"].count(".") == 1
    starts = [p["project"]["start_date"] for p in profile["partnerships"]]
    assert starts == sorted(starts, reverse=True)


def test_aebr_is_an_advisory_partner_without_a_country(api_get):
    profile = api_get("/organisations/aebr")

    assert profile["name"] == "Association of European Border Regions"
    assert profile["country_code"] is None
    assert profile["track_record"]["by_role"] == {"advisory": 1}
    assert [(p["project"]["slug"], p["role"]) for p in profile["partnerships"]] == [
        ("interventures", "advisory")
    ]


def test_former_names_and_provenance(api_get):
    spri = api_get("/organisations/spri")

    assert spri["former_names"] == [
        "SPRI - Society for Competitive Transformation S.A' (until 12/11/2018)"
    ]
    assert (spri["country_code"], spri["region_code"]) == ("ES", "ES21")
    assert spri["provenance"]["source"] == "seed-pages"


def test_unknown_organisation_is_a_json_404(api_get):
    assert "Organisation" in api_get("/organisations/nobody", status=404)["detail"]


@pytest.mark.parametrize(
    "params", [{"country": "Sweden"}, {"limit": "1000"}, {"q": "x" * 201}, {"offset": "-1"}]
)
def test_bad_parameters_are_422(api_get, params):
    assert api_get("/organisations", status=422, **params)["detail"]


def test_profile_query_count_does_not_grow_with_the_partnerships(
    api_get, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        profile = api_get("/organisations/lulea-tekniska-universitet")
    assert len(profile["partnerships"]) > 50


def test_list_query_count_does_not_grow_with_the_page(api_get, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        page = api_get("/organisations", limit=200)
    assert len(page["items"]) == 200
