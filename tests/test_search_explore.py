"""Explore over the bundled real data, through the service the page, the API and the CLI
share."""

from django.db.models import Q
from django.http import QueryDict

from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from corridor.search.services import ExploreParams, explore


def search(**params):
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    return explore(ExploreParams.from_query_dict(data))


def titles(result):
    return {hit.title for hit in result.hits}


def counts(result, facet):
    return {v.value: v.count for f in result.facets if f.name == facet for v in f.values}


def test_klaipeda_finds_interventures_and_its_partners(db):
    result = search(q="Klaipeda")
    assert {"InterVentures", "Klaipėda ID", "Klaipeda Municipal Administration"} <= titles(result)


def test_accents_are_optional_both_ways(db):
    assert titles(search(q="Rzeszow")) == titles(search(q="Rzeszów"))
    assert "Rzeszów Regional Development Agency" in titles(search(q="Rzeszow"))


def test_type_and_country_narrow_and_counts_add_up(db):
    result = search(type="project", country="LT")
    assert titles(result) == {"InterVentures"}
    everything = search()
    assert sum(counts(everything, "type").values()) == everything.total
    assert counts(everything, "type")["project"] == Project.objects.count()
    assert counts(everything, "type")["organisation"] == Organisation.objects.count()


def test_a_facet_counts_ignore_its_own_selection(db):
    lithuania = search(type="project", country="LT")
    sweden = search(type="project", country="SE")
    both = search(type="project", country=["LT", "SE"])
    assert counts(lithuania, "country")["SE"] == sweden.total
    assert counts(sweden, "country")["LT"] == lithuania.total
    assert both.total == lithuania.total + sweden.total
    # the other facets do apply the country filter
    assert counts(lithuania, "type")["project"] == lithuania.total


def test_a_nuts2_region_includes_its_nuts3_regions(db):
    result = search(type="project", region="SE33", per_page=100)
    expected = Project.objects.filter(
        Q(partnerships__region__code__startswith="SE33")
        | Q(
            partnerships__region__isnull=True,
            partnerships__organisation__region__code__startswith="SE33",
        )
    ).distinct()
    assert result.total == expected.count() > 50
    assert search(type="project", region="SE331").total < result.total


def test_programme_theme_and_period_filters_match_the_database(db):
    programme = Project.objects.get(acronym="Boost Nordic Biogas").programme
    result = search(type="project", programme=programme.slug)
    assert result.total == programme.projects.count()
    in_2020 = search(type="project", year_from=2020, year_to=2020)
    assert (
        in_2020.total
        == Project.objects.filter(start_date__year__lte=2020, end_date__year__gte=2020).count()
    )
    assert "InterVentures" in titles(
        search(type="project", year_from=2020, year_to=2020, per_page=100)
    )


def test_budget_range_and_sorting(db):
    result = search(type="project", budget_min=1_000_000, sort="-budget", per_page=100)
    large = [
        p.acronym for p in Project.objects.all() if (p.total_budget or p.funding or 0) >= 1_000_000
    ]
    assert {"iEER", "InterVentures"} <= set(large)
    assert result.total == len(large)
    shown = [h.budget for h in result.hits]
    assert shown == sorted(shown, reverse=True) and min(shown) >= 1_000_000
    newest = search(type="project", sort="-date").hits
    dates = [h.date for h in newest if h.date]
    assert dates == sorted(dates, reverse=True)


def test_a_role_picks_organisations_that_held_it(db):
    leads = search(type="organisation", role="lead")
    assert leads.total == Organisation.objects.filter(partnerships__role="lead").distinct().count()


def test_phrases_stems_and_typos(db):
    assert "InterVentures" in titles(search(q='"thematic visits"'))
    assert "BOOST" in titles(search(q="Ökosystem"))  # German stem of "Ökosysteme"
    assert "iEER" in titles(search(q="ecosystem entrepreneurs"))
    assert "InterVentures" in titles(search(q="Interventurs"))  # one letter missing


def test_snippets_highlight_the_match(db):
    hit = next(h for h in search(q="peer reviews").hits if h.title == "iEER")
    assert "<b>" in hit.snippet_html.lower()


def test_paging_far_beyond_the_end_says_so(db):
    result = search(page=10**9)
    assert result.hits
    assert any("narrow" in m or "last" in m for m in result.messages)


def test_unreadable_parameters_are_reported_not_fatal(db):
    result = search(year_from="abc", budget_min="-5", sort="sideways", per_page="1000")
    assert result.total > 0
    assert len(result.messages) == 4
    assert any("year_from must be a number" in m for m in result.messages)


def test_the_region_page_the_list_and_explore_agree(client, db):
    region_page = client.get("/api/v1/regions/SE33").json()
    listed = client.get("/api/v1/projects", {"region": "SE33", "limit": 1}).json()["count"]
    assert region_page["project_count"] == listed == search(type="project", region="SE33").total


def test_regions_are_counted_at_nuts2_and_a_chosen_nuts3_region_too(db):
    result = search(type="project", region="SE331")
    region_counts = counts(result, "region")
    assert region_counts["SE331"] == result.total > 0  # the chosen NUTS 3 region
    nuts2 = [code for code in region_counts if code != "SE331"]
    assert nuts2 and all(len(code) == 4 for code in nuts2)
    assert region_counts["SE33"] == search(type="project", region="SE33").total


def test_role_counts_count_each_organisation_once_per_role(db):
    """An organisation that was lead in one project and partner in another counts for both."""
    roles = counts(search(type="organisation"), "role")
    for role in ("lead", "partner", "associated"):
        held = Organisation.objects.filter(partnerships__role=role).distinct().count()
        assert roles.get(role, 0) == held, role
    both = Organisation.objects.filter(partnerships__role="lead").filter(
        partnerships__role="partner"
    )
    assert both.exists()  # the case the counts must get right
