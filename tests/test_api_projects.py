"""/api/v1/projects: the seed fact sheets through the API, and the list's filters checked
against counts worked out independently from the Swedish data."""

import pytest

from corridor.projects.models import Partnership, Project


def test_ieer_funding_is_a_decimal_string(api_get):
    ieer = api_get("/projects/ieer")

    assert ieer["funding"] == "2294882.00"
    assert ieer["stated_region_count"] == 10
    assert ieer["project_manager"] == "Marjo Ruuti"
    assert ieer["programme"]["slug"] == "interreg-europe-2014-2020"
    assert [p["date_precision"] for p in ieer["phases"]] == ["year", "year"]
    assert (ieer["phases"][0]["start_date"], ieer["phases"][1]["end_date"]) == (
        "2016-01-01",
        "2020-12-31",
    )


def test_interventures_money_dates_and_partners(api_get):
    project = api_get("/projects/interventures")

    assert project["total_budget"] == "1376708.00"
    assert project["eu_cofinancing"] == "1151955.30"
    assert project["cofinancing_rate"] == "83.67"
    assert project["computed_cofinancing_rate"] == "83.67"
    assert project["cofinancing_rate_mismatch"] is False
    assert (project["start_date"], project["end_date"]) == ("2019-08-01", "2022-07-31")
    assert project["duration_months"] == 36
    assert len(project["partners"]) == project["partner_count"] == 8
    roles = [(p["organisation"]["acronym"], p["role"]) for p in project["partners"]]
    assert ("AEBR", "advisory") in roles
    assert [role for _, role in roles].count("partner") == 7


def test_stated_rate_that_disagrees_is_flagged(api_get):
    Project.objects.filter(slug="interventures").update(cofinancing_rate="85.00")

    project = api_get("/projects/interventures")

    assert project["cofinancing_rate"] == "85.00"
    assert project["computed_cofinancing_rate"] == "83.67"
    assert project["cofinancing_rate_mismatch"] is True


def test_boost_partners_and_countries_with_both_innovation_groups(api_get):
    boost = api_get("/projects/boost")

    assert len(boost["partners"]) == 6
    countries = {
        c["code"]: (c["stated_innovation_group"], c["eis_group"]) for c in boost["countries"]
    }
    assert countries == {
        "BG": ("modest/moderate innovator", "Emerging Innovator"),
        "RO": ("modest/moderate innovator", "Emerging Innovator"),
        "ES": ("modest/moderate innovator", "Moderate Innovator"),
        "DK": ("lead innovator", "Innovation Leader"),
        "EE": ("lead innovator", "Strong Innovator"),
    }
    nwrda = next(p for p in boost["partners"] if p["organisation"]["slug"] == "nwrda")
    assert (nwrda["country_code"], nwrda["region_code"]) == ("RO", "RO113")
    tit = next(p for p in boost["partners"] if p["organisation"]["slug"] == "tit")
    assert (tit["country_code"], tit["region_code"]) == (None, None)


@pytest.mark.parametrize(
    "slug, lead",
    [("clusterfy", "MITA"), ("clusterix-20", "ecoplus"), ("clusters3", "SPRI")],
)
def test_lead_partner_comes_first(api_get, slug, lead):
    partners = api_get(f"/projects/{slug}")["partners"]

    assert partners[0]["role"] == "lead"
    assert partners[0]["organisation"]["acronym"] == lead


def test_lead_partner_comes_first_even_when_the_source_lists_it_last(api_get):
    Partnership.objects.filter(project__slug="clusters3", role="lead").update(position=99)

    partners = api_get("/projects/clusters3")["partners"]

    assert [p["organisation"]["slug"] for p in partners] == ["spri", "tci-network"]
    assert [p["role"] for p in partners] == ["lead", "advisory"]


def test_provenance_and_themes(api_get):
    project = api_get("/projects/clusters3")

    assert project["provenance"]["source"] == "seed-pages"
    assert project["provenance"]["source_record_id"] == "seed 004"
    assert project["provenance"]["imported_at"]
    assert {t["name"] for t in project["themes"]} == {
        "Clusters",
        "Smart specialisation",
        "SME competitiveness",
    }


def test_swedish_project_objectives_carry_labels(api_get):
    project = Project.objects.exclude(specific_objective="").order_by("slug").first()

    detail = api_get(f"/projects/{project.slug}")

    assert detail["policy_objective"]["code"] == project.policy_objective
    assert detail["specific_objective"]["code"] == project.specific_objective
    assert detail["specific_objective"]["label"]


def test_no_number_in_a_fact_sheet_is_a_float(api_get):
    def floats(value):
        if isinstance(value, float):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from floats(item)
        elif isinstance(value, list):
            for item in value:
                yield from floats(item)

    project = api_get("/projects/interventures")

    assert not list(floats(project))
    assert isinstance(project["total_budget"], str)


def test_unknown_project_is_a_json_404(api_get):
    assert api_get("/projects/no-such-project", status=404) == {
        "detail": "No Project matches the given query."
    }


def slugs(api_get, **params) -> list[str]:
    """Every slug the list returns for these filters, page by page."""
    found, offset = [], 0
    while True:
        page = api_get("/projects", limit=200, offset=offset, **params)
        found += [p["slug"] for p in page["items"]]
        offset += 200
        if offset >= page["count"]:
            assert len(found) == page["count"]
            return found


def test_pages_cover_every_project_once(api_get):
    first = api_get("/projects", limit=50, offset=0)
    second = api_get("/projects", limit=50, offset=50)

    assert first["count"] == second["count"] == Project.objects.count()
    assert (first["limit"], first["offset"], len(first["items"])) == (50, 0, 50)
    assert not {p["slug"] for p in first["items"]} & {p["slug"] for p in second["items"]}
    every = slugs(api_get)
    assert sorted(every) == sorted(Project.objects.values_list("slug", flat=True))


def test_default_page_is_twenty(api_get):
    page = api_get("/projects")

    assert (page["limit"], page["offset"], len(page["items"])) == (20, 0, 20)


def test_filter_by_programme(api_get):
    aurora = api_get("/projects", programme="aurora-2021-2027")
    aurora_or_north_sea = api_get(
        "/projects", programme=["aurora-2021-2027", "interreg-north-sea-2021-2027"]
    )

    expected = Project.objects.filter(programme__slug="aurora-2021-2027").count()
    assert aurora["count"] == expected > 0
    assert {p["programme"]["slug"] for p in aurora["items"]} == {"aurora-2021-2027"}
    both = Project.objects.filter(
        programme__slug__in=["aurora-2021-2027", "interreg-north-sea-2021-2027"]
    ).count()
    assert aurora_or_north_sea["count"] == both > expected


def test_filter_by_partner_country_and_role(api_get):
    partnerships = Partnership.objects.select_related("region", "organisation", "project")
    expected = {p.project.slug for p in partnerships if p.role == "lead" and p.country_code == "SE"}
    swedish = {p.project.slug for p in partnerships if p.country_code == "SE"}

    found = slugs(api_get, country="se", role="lead")

    assert sorted(found) == sorted(expected)
    assert 0 < len(expected) < len(swedish)


def test_country_and_role_must_meet_in_one_partner(api_get):
    # InterVentures has Spanish partners but its lead is not Spanish; SPRI leads CLUSTERS3.
    spanish_leads = api_get("/projects", country="ES", role="lead")["items"]
    spanish_partners = api_get("/projects", country="ES", role="partner")["items"]

    assert [p["slug"] for p in spanish_leads] == ["clusters3"]
    assert [p["slug"] for p in spanish_partners] == ["interventures"]


def test_filter_by_region_includes_the_regions_inside(api_get):
    partnerships = Partnership.objects.select_related("region")
    expected = {p.project_id for p in partnerships if p.region and p.region.code.startswith("SE33")}

    found = slugs(api_get, region="se33")

    assert sorted(found) == sorted(
        Project.objects.filter(pk__in=expected).values_list("slug", flat=True)
    )
    assert len(found) > len(slugs(api_get, region="SE331"))


def test_filter_by_year_range(api_get):
    def active(project) -> bool:
        ends_after = project.end_date is None or project.end_date.year >= 2025
        starts_before = project.start_date is None or project.start_date.year <= 2026
        return ends_after and starts_before

    expected = [p.slug for p in Project.objects.all() if active(p)]

    found = slugs(api_get, year_from=2025, year_to=2026)

    assert sorted(found) == sorted(expected)
    assert 0 < len(expected) < Project.objects.count()


def test_filter_by_theme_and_text(api_get):
    clusters = api_get("/projects", theme="clusters")
    text = api_get("/projects", q="ClusteriX")

    assert {p["acronym"] for p in clusters["items"]} == {"ClusterFY", "ClusteriX 2.0", "CLUSTERS3"}
    assert [p["slug"] for p in text["items"]] == ["clusterix-20"]


def test_sort_by_start_newest_first(api_get):
    items = api_get("/projects", sort="-start", limit=100)["items"]

    starts = [p["start_date"] for p in items if p["start_date"]]
    assert len(starts) == 100
    assert starts == sorted(starts, reverse=True)


def test_list_items_carry_money_as_strings(api_get):
    item = api_get("/projects", q="InterVentures")["items"][0]

    assert (item["total_budget"], item["eu_cofinancing"]) == ("1376708.00", "1151955.30")
    assert item["partner_count"] == 8


@pytest.mark.parametrize(
    "params, field",
    [
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "99999"}, "year_to"),
        ({"limit": "-1"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"offset": "-5"}, "offset"),
        ({"offset": "99999999999999999999"}, "offset"),
        ({"role": "boss"}, "role"),
        ({"sort": "price"}, "sort"),
        ({"country": "SWE"}, "country"),
        ({"region": "S-E"}, "region"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_bad_list_parameters_are_422_naming_the_parameter(api_get, params, field):
    errors = api_get("/projects", status=422, **params)["detail"]

    assert [field in error["loc"] for error in errors] == [True]
    assert errors[0]["msg"]


def test_list_query_count_does_not_grow_with_the_page(api_get, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        page = api_get("/projects", limit=200, country="SE")
    assert len(page["items"]) == 200


def test_detail_query_count_does_not_grow_with_the_partners(api_get, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        project = api_get("/projects/interventures")
    assert len(project["partners"]) == 8
