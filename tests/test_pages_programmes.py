from django.db.models import Count

from corridor.projects.models import Partnership, Programme, Project
from corridor.projects.objectives import objective_label
from html_tables import table

AURORA = "aurora-2021-2027"


def test_the_list_shows_every_programme_with_its_projects_and_partners(client, db):
    rows = {row[0] + " " + row[1]: row for row in table(client.get("/programmes/"), "Programme")}
    assert len(rows) == Programme.objects.count()
    for programme in Programme.objects.all():
        row = rows[str(programme)]
        assert row[3] == str(programme.projects.count())
        assert row[4] == str(Partnership.objects.filter(project__programme=programme).count())


def test_a_programme_page_shows_its_objectives_with_project_counts(client, db):
    response = client.get(f"/programmes/{AURORA}/")
    assert response.status_code == 200
    objectives = table(response, "Code")
    expected = (
        Project.objects.filter(programme__slug=AURORA)
        .exclude(specific_objective="")
        .values_list("specific_objective")
        .annotate(n=Count("id"))
        .order_by("specific_objective")
    )
    assert objectives == [[code, objective_label(code), str(n)] for code, n in expected]


def test_a_programme_page_pages_its_projects(client, db):
    response = client.get(f"/programmes/{AURORA}/?page=2")
    page = response.context["page"]
    assert page.paginator.count == Project.objects.filter(programme__slug=AURORA).count()
    assert page.number == 2
    assert all(p.programme.slug == AURORA for p in page.object_list)
    assert f'href="/projects/?programme={AURORA}"' in response.content.decode()


def test_an_unknown_programme_is_not_found(client, db):
    assert client.get("/programmes/no-such-programme/").status_code == 404
