"""The fact sheets of the seed projects read as the seed pages state them."""

import pytest

from corridor.projects.models import Project
from corridor.regions.models import Region
from html_tables import column, definitions, table


@pytest.fixture
def sheet(client, db):
    def get(slug: str):
        response = client.get(f"/projects/{slug}/")
        assert response.status_code == 200
        return response

    return get


def test_ieer_shows_funding_dates_manager_and_regions(sheet):
    facts = definitions(sheet("ieer"))
    assert facts["Funding"].startswith("2,294,882 €")
    assert facts["Start"] == "1 April 2016"
    assert facts["End"] == "31 March 2020"
    assert facts["Duration"] == "48 months"
    assert facts["Project manager"] == "Marjo Ruuti"
    assert facts["Partner regions"].startswith("10 regions")
    assert facts["Programme"].startswith("Interreg Europe 2014-2020")


def test_ieer_phases_are_shown_in_years_as_stated(sheet):
    phases = table(sheet("ieer"), "Phase")
    assert [row[1] for row in phases] == ["2016–2018", "2018–2020"]


def test_interventures_shows_its_money_and_implementation_period(sheet):
    facts = definitions(sheet("interventures"))
    assert facts["Total project value"] == "1,376,708 €"
    assert facts["EU co-financing"] == "1,151,955.30 € (83.67 %)"
    assert facts["Co-financing source"] == (
        "European Regional Development Fund Interreg Europe Program"
    )
    assert facts["Start"] == "1 August 2019"
    assert facts["End"] == "31 July 2022"
    assert facts["Duration"] == "36 months"


def test_interventures_phases_last_24_and_12_months(sheet):
    phases = table(sheet("interventures"), "Phase")
    assert phases == [
        ["Phase 1", "August 2019 – July 2021", "24 months"],
        ["Phase 2", "August 2021 – July 2022", "12 months"],
    ]


def test_interventures_lists_its_eight_partners_with_aebr_as_advisory(sheet):
    partners = table(sheet("interventures"), "Organisation")
    assert len(partners) == 8
    roles = {row[0]: row[1] for row in partners}
    assert roles["Association of European Border Regions (AEBR)"] == "Advisory partner"
    assert roles["Klaipėda ID"] == "Partner"
    assert {row[2] for row in partners} >= {"Hungary", "Italy", "Poland", "Spain", "Lithuania"}


def test_a_stated_rate_that_disagrees_with_the_amounts_is_flagged(sheet):
    assert "Check the rate" not in sheet("interventures").content.decode()
    Project.objects.filter(slug="interventures").update(cofinancing_rate=90)
    page = sheet("interventures").content.decode()
    assert "Check the rate" in page
    assert "83.67 % of the total" in page


def test_boost_names_its_six_partners_by_acronym(sheet):
    assert column(sheet("boost"), "Organisation") == ["TIT", "NWRDA", "BBF", "CLDI", "VK", "TSP"]


def test_boost_countries_show_the_stated_group_beside_the_eis_2024_group(sheet):
    expected_eis = {"BG": "Emerging", "RO": "Emerging", "ES": "Moderate", "DK": "Leader"}
    expected_eis["EE"] = "Strong"
    countries = {r.code: r for r in Region.objects.filter(code__in=expected_eis)}
    assert {code: r.innovation_group for code, r in countries.items()} == expected_eis

    rows = {row[0]: row for row in table(sheet("boost"), "Country")}
    stated = {"BG": "modest/moderate innovator", "RO": "modest/moderate innovator"}
    stated |= {"ES": "modest/moderate innovator", "DK": "lead innovator", "EE": "lead innovator"}
    for code, group in stated.items():
        name, _, stated_group, eis_group = rows[countries[code].display_name]
        assert stated_group == group
        assert eis_group == countries[code].get_innovation_group_display()
    assert set(rows) == {"Bulgaria", "Romania", "Spain", "Denmark", "Estonia"}


def test_boost_summary_is_marked_as_german(sheet):
    page = sheet("boost").content.decode()
    assert 'Summary <span class="muted">(German)</span>' in page
    assert '<div class="prose" lang="de">' in page
    assert '<div class="prose" lang="en">' in page


@pytest.mark.parametrize(
    "slug, lead",
    [
        ("clusterfy", "Agency for Science, Innovation and Technology (MITA)"),
        ("clusterix-20", "ecoplus. The Business Agency of Lower Austria"),
        ("clusters3", "SPRI - Basque Business Development Agency"),
    ],
)
def test_the_lead_partner_comes_first(sheet, slug, lead):
    first = table(sheet(slug), "Organisation")[0]
    assert first[:2] == [lead, "Lead partner"]


def test_clusters3_lists_its_advisory_partner_after_the_lead(sheet):
    partners = table(sheet("clusters3"), "Organisation")
    assert [row[1] for row in partners] == ["Lead partner", "Advisory partner"]


def test_a_swedish_project_shows_objectives_partner_budgets_and_provenance(sheet, db):
    project = Project.objects.filter(source="interreg-sweden-2021-2027").first()
    response = sheet(project.slug)
    facts = definitions(response)
    assert facts["Specific objective"].startswith(project.specific_objective)
    budgets = column(response, "Organisation", -1)
    assert len(budgets) == project.partnerships.count()
    assert all(b.endswith("€") for b in budgets if b)
    page = response.content.decode()
    assert f"<code>{project.source}</code>" in page
    assert project.source_record_id in page


def test_the_fact_sheet_takes_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    # 6 for the fact sheet, 4 for its policy learning: events, practices, documents, news.
    with django_assert_max_num_queries(10):
        client.get("/projects/interventures/")


def test_an_unknown_project_is_not_found(client, db):
    response = client.get("/projects/no-such-project/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()
