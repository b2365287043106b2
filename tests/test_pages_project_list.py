"""The project list narrows as the filters say; the counts are checked against plain ORM
queries over the Swedish Interreg data and the seed projects."""

import datetime
import re

import pytest
from django.db.models import Count, Max, Q

from corridor.projects.models import Project
from html_tables import column

AURORA = "aurora-2021-2027"
NORTH_SEA = "interreg-north-sea-2021-2027"


def found(client, query: str = "", **headers):
    response = client.get(f"/projects/?{query}", headers=headers)
    assert response.status_code == 200
    return response


def total(response) -> int:
    return response.context["page"].paginator.count


def acronyms(response) -> list[str]:
    return [p.acronym for p in response.context["page"].object_list]


def with_partner(country: str, role: str = "") -> Q:
    """Projects with one partner meeting country (and role) at once: the partnership's
    region, else its organisation's country."""
    in_country = Q(partnerships__region__country_code=country) | Q(
        partnerships__region__isnull=True, partnerships__organisation__country_code=country
    )
    return in_country & Q(partnerships__role=role) if role else in_country


def test_without_filters_it_lists_every_project(client, db):
    response = found(client)
    assert total(response) == Project.objects.count()
    assert f"<strong>{Project.objects.count()}</strong> projects" in response.content.decode()


def test_it_filters_by_programme(client, db):
    response = found(client, f"programme={AURORA}")
    assert total(response) == Project.objects.filter(programme__slug=AURORA).count() > 0
    assert set(column(response, "Project", 1)) == {"AURORA 2021-2027"}


def test_repeated_programmes_mean_either(client, db):
    expected = Project.objects.filter(programme__slug__in=[AURORA, NORTH_SEA]).count()
    assert total(found(client, f"programme={AURORA}&programme={NORTH_SEA}")) == expected


def test_country_and_role_must_hold_for_the_same_partner(client, db):
    spain_lead = found(client, "country=ES&role=lead")
    spain_partner = found(client, "country=ES&role=partner")
    spain = found(client, "country=ES")
    assert acronyms(spain_lead) == ["CLUSTERS3"]
    assert acronyms(spain_partner) == ["InterVentures"]
    assert acronyms(spain) == ["CLUSTERS3", "InterVentures"]
    assert total(found(client, "country=AT&role=partner")) == 0


def test_swedish_lead_partners_against_the_orm(client, db):
    lead = Project.objects.filter(with_partner("SE", "lead")).distinct().count()
    anywhere = Project.objects.filter(with_partner("SE")).distinct().count()
    assert 0 < lead < anywhere
    assert total(found(client, "country=SE&role=lead")) == lead
    assert total(found(client, "country=SE")) == anywhere


def test_country_and_programme_combine(client, db):
    expected = (
        Project.objects.filter(programme__slug=AURORA)
        .filter(with_partner("SE", "lead"))
        .distinct()
        .count()
    )
    assert total(found(client, f"programme={AURORA}&country=SE&role=lead")) == expected


def test_it_filters_by_the_years_a_project_is_active(client, db):
    after = Project.objects.filter(
        Q(end_date__gte=datetime.date(2026, 1, 1)) | Q(end_date=None)
    ).count()
    before = Project.objects.filter(
        Q(start_date__lte=datetime.date(2016, 12, 31)) | Q(start_date=None)
    ).count()
    assert 0 < after < Project.objects.count()
    assert total(found(client, "year_from=2026")) == after
    assert total(found(client, "year_to=2016")) == before
    assert "iEER" in acronyms(found(client, "year_to=2016"))


def test_a_reversed_period_is_reported(client, db):
    response = found(client, "year_from=2024&year_to=2020")
    assert "The last year comes before the first." in response.content.decode()


def test_it_filters_by_theme_and_text(client, db):
    assert acronyms(found(client, "theme=clusters")) == ["CLUSTERS3", "ClusterFY", "ClusteriX 2.0"]
    expected = Project.objects.filter(
        Q(acronym__icontains="biogas")
        | Q(title__icontains="biogas")
        | Q(summary__icontains="biogas")
    ).count()
    assert total(found(client, "q=biogas")) == expected > 0


def test_an_unknown_value_is_reported_and_ignored(client, db):
    response = found(client, "programme=no-such-programme")
    assert total(response) == Project.objects.count()
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    "sort, key",
    [
        ("-start", lambda qs: qs.aggregate(v=Max("start_date"))["v"]),
        ("-budget", lambda qs: qs.aggregate(v=Max("total_budget"))["v"]),
    ],
)
def test_it_sorts_the_largest_first(client, db, sort, key):
    first = found(client, f"sort={sort}").context["page"].object_list[0]
    field = "start_date" if sort == "-start" else "total_budget"
    assert getattr(first, field) == key(Project.objects.all())


def test_it_sorts_by_partner_count(client, db):
    most = Project.objects.annotate(n=Count("partnerships")).aggregate(v=Max("n"))["v"]
    first = found(client, "sort=-partners").context["page"].object_list[0]
    assert first.partner_count == most
    assert column(found(client, "sort=-partners"), "Project", 3)[0] == str(most)


def test_it_sorts_undated_projects_last(client, db):
    oldest_first = found(client, "sort=start&page=999").context["page"].object_list
    assert oldest_first[len(oldest_first) - 1].start_date is None
    assert found(client, "sort=start").context["page"].object_list[0].acronym == "iEER"


def test_it_pages_by_25(client, db):
    everything = list(Project.objects.order_by("acronym").values_list("acronym", flat=True))
    second = found(client, "page=2")
    assert acronyms(second) == everything[25:50]
    assert "26–50 shown" in second.content.decode()
    last = found(client, "page=999")
    assert acronyms(last) == everything[(len(everything) - 1) // 25 * 25 :]
    assert acronyms(found(client, "page=abc")) == everything[:25]


def test_paging_links_keep_the_filters(client, db):
    page = found(client, f"programme={AURORA}").content.decode()
    assert f'href="?programme={AURORA}&amp;page=2"' in page


def test_an_htmx_request_gets_the_results_alone(client, db):
    response = found(client, f"programme={AURORA}", HX_Request="true")
    page = response.content.decode()
    assert "<html" not in page
    assert 'id="result-count"' in page
    assert 'name="country"' not in page
    assert total(response) == Project.objects.filter(programme__slug=AURORA).count()
    assert "HX-Request" in response["Vary"]


def test_the_page_is_whole_without_htmx_or_when_htmx_restores_history(client, db):
    for headers in ({}, {"HX_Request": "true", "HX_History_Restore_Request": "true"}):
        page = found(client, f"programme={AURORA}", **headers).content.decode()
        assert "<html" in page
        assert re.search(f'value="{AURORA}"[^>]* checked>', page)
        assert 'hx-get="/projects/"' in page


def test_the_list_takes_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = found(client, f"programme={AURORA}&country=SE&role=lead&sort=-partners")
    assert total(response) > 1
