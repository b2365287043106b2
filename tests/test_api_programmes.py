"""/api/v1/programmes: the list with project counts, and a programme's objectives."""

from corridor.projects.models import Partnership, Programme, Project


def test_list_counts_projects(api_get):
    programmes = api_get("/programmes")

    assert len(programmes) == Programme.objects.count()
    counts = {p["slug"]: p["project_count"] for p in programmes}
    assert counts["interreg-europe-2014-2020"] == 5
    assert sum(counts.values()) == Project.objects.exclude(programme=None).count()
    europe = next(p for p in programmes if p["slug"] == "interreg-europe-2014-2020")
    assert europe["strand"] == {"code": "C", "label": "C: interregional"}


def test_programme_objectives_with_labels_and_counts(api_get):
    projects = Project.objects.filter(programme__slug="aurora-2021-2027")

    aurora = api_get("/programmes/aurora-2021-2027")

    assert aurora["project_count"] == projects.count()
    assert aurora["partner_count"] == Partnership.objects.filter(project__in=projects).count()
    objectives = {o["code"]: o for o in aurora["objectives"]}
    assert (
        sum(o["project_count"] for o in aurora["objectives"])
        == projects.exclude(specific_objective="").count()
    )
    assert (
        objectives["RSO1.1"]["project_count"]
        == projects.filter(specific_objective="RSO1.1").count()
    )
    assert objectives["RSO1.1"]["label"].startswith("Research and innovation")


def test_unknown_programme_is_a_json_404(api_get):
    assert "Programme" in api_get("/programmes/interreg-z", status=404)["detail"]
