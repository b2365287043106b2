from django.db.models import Count, Sum

from corridor.lib.money import format_eur
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership
from html_tables import column, definitions, table

LTU = "lulea-tekniska-universitet"


def test_the_track_record_matches_the_partnerships(client, db):
    organisation = Organisation.objects.get(slug=LTU)
    partnerships = Partnership.objects.filter(organisation=organisation)
    response = client.get(f"/organisations/{LTU}/")
    assert response.status_code == 200
    facts = definitions(response)
    assert int(facts["Projects"]) == partnerships.values("project").distinct().count() > 20
    assert int(facts["Times lead partner"]) == partnerships.filter(role="lead").count()
    for row in partnerships.values("role").annotate(n=Count("id")):
        label = dict(Partnership._meta.get_field("role").choices)[row["role"]]
        assert int(facts[f"As {label.lower()}"]) == row["n"]
    budget = partnerships.aggregate(total=Sum("budget"))["total"]
    assert facts["Total partner budget"] == format_eur(budget)


def test_its_projects_are_listed_with_role_and_budget(client, db):
    response = client.get(f"/organisations/{LTU}/")
    rows = table(response, "Project")
    assert len(rows) == Partnership.objects.filter(organisation__slug=LTU).count()
    roles = {row[0]: row[1] for row in rows}
    lead = Partnership.objects.filter(organisation__slug=LTU, role="lead").first()
    assert roles[lead.project.acronym] == "Lead partner"


def test_the_page_shows_the_organisations_facts(client, db):
    facts = definitions(client.get("/organisations/spri/"))
    assert facts["Former names"].startswith("SPRI - Society for Competitive Transformation")
    assert facts["Country"] == "Spain"
    assert facts["Type"] == "Development agency"
    nwrda = definitions(client.get("/organisations/nwrda/"))
    assert nwrda["Address"] == "400067 Cluj-Napoca, Macroregiunea Unu Nord-Vest Cluj"
    assert nwrda["Region"] == "Cluj (RO113)"


def test_the_list_counts_projects_and_leads_per_organisation(client, db):
    response = client.get("/organisations/?q=Luleå tekniska")
    rows = {row[0]: row for row in table(response, "Organisation")}
    ltu = Organisation.objects.get(slug=LTU)
    partnerships = ltu.partnerships
    assert rows[ltu.name][4:] == [
        str(partnerships.count()),
        str(partnerships.filter(role="lead").count()),
    ]


def test_the_list_filters_by_country_and_type(client, db):
    spain = client.get("/organisations/?country=ES")
    assert sorted(column(spain, "Organisation")) == sorted(
        o.display_name for o in Organisation.objects.filter(country_code="ES")
    )
    kind = "Higher education and research institution"
    both = client.get("/organisations/", {"country": "SE", "type": kind})
    expected = Organisation.objects.filter(country_code="SE", type=kind).count()
    assert both.context["page"].paginator.count == expected > 0


def test_the_list_pages_by_25(client, db):
    response = client.get("/organisations/?page=2")
    names = list(Organisation.objects.order_by("name").values_list("name", flat=True))
    assert [o.name for o in response.context["page"].object_list] == names[25:50]


def test_an_unknown_organisation_is_not_found(client, db):
    assert client.get("/organisations/nobody/").status_code == 404


def test_no_total_budget_is_shown_when_no_budget_is_known(client, db):
    facts = definitions(client.get("/organisations/aebr/"))
    assert facts["Projects"] == "1"
    assert "Total partner budget" not in facts
