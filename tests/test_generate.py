"""`corridor bench generate N`: projects, partnerships and organisations drawn from the
shapes of the real data in the database (the bundled data the suite loads), written in
bulk, the same for the same seed, and found by Explore once the index is rebuilt."""

import json
from collections import Counter
from statistics import mean

import pytest

from corridor.cli import main
from corridor.ingest.generate import SOURCE, generate, read_shapes
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project
from corridor.search.backends import forget_backends
from corridor.search.sync import rebuild

pytestmark = pytest.mark.django_db


def generated_partners_per_project() -> list[int]:
    counts = Counter(
        Partnership.objects.filter(project__source=SOURCE).values_list("project_id", flat=True)
    )
    return [counts[pk] for pk in Project.objects.filter(source=SOURCE).values_list("pk", flat=True)]


def snapshot() -> list[tuple]:
    """What was generated, ids left out."""
    projects = Project.objects.filter(source=SOURCE).order_by("pk")
    partnerships = Partnership.objects.filter(source=SOURCE).order_by("pk")
    return [
        *projects.values_list(
            "acronym", "title", "summary", "start_date", "end_date", "total_budget", "programme_id"
        ),
        *partnerships.values_list("organisation__name", "role", "position", "budget", "region_id"),
    ]


def remove_generated() -> None:
    Partnership.objects.filter(source=SOURCE).delete()
    Project.objects.filter(source=SOURCE).delete()
    Organisation.objects.filter(source=SOURCE).delete()


def test_the_generated_data_has_the_shapes_of_the_real_data():
    shapes = read_shapes()
    real_projects = Project.objects.exclude(source=SOURCE).count()
    written = generate(600, seed=11)
    assert written.projects == Project.objects.filter(source=SOURCE).count() == 600
    assert written.partnerships == Partnership.objects.filter(source=SOURCE).count()
    assert Project.objects.exclude(source=SOURCE).count() == real_projects

    partners = generated_partners_per_project()
    assert min(partners) >= 1 and max(partners) <= max(shapes.partners)
    assert abs(mean(partners) - shapes.mean_partners()) <= 0.2 * shapes.mean_partners()
    # As many single-partner projects, within a fifth.
    real_single = shapes.partners.count(1) / len(shapes.partners)
    assert abs(partners.count(1) / len(partners) - real_single) <= 0.2 * real_single

    # Partners come from the same countries, the most frequent one first.
    def countries(partnerships) -> Counter:
        return Counter(partnerships.values_list("organisation__country_code", flat=True))

    real = countries(Partnership.objects.exclude(source=SOURCE))
    made = countries(Partnership.objects.filter(source=SOURCE))
    assert set(made) <= set(real)
    assert made.most_common(1)[0][0] == real.most_common(1)[0][0]

    # Start years within the real ones' span, each project's end after its start.
    def years(projects) -> set[int]:
        return {d.year for d in projects.dates("start_date", "year")}

    real_years = years(Project.objects.exclude(source=SOURCE))
    made_years = years(Project.objects.filter(source=SOURCE))
    assert min(real_years) - 1 <= min(made_years) and max(made_years) <= max(real_years) + 1
    for start, end in Project.objects.filter(source=SOURCE).values_list("start_date", "end_date"):
        assert start is None or end is None or end >= start

    # The names are made of the real names' words; a new record takes the next id.
    real_words = set(shapes.acronym_words)
    for acronym in Project.objects.filter(source=SOURCE).values_list("acronym", flat=True)[:50]:
        assert set(acronym.split()) <= real_words
    after = Project.objects.create(acronym="After", slug="after-generated")
    assert after.pk > Project.objects.filter(source=SOURCE).order_by("-pk")[0].pk


def test_the_same_seed_writes_the_same_rows_and_another_seed_others():
    generate(80, seed=3)
    first = snapshot()
    remove_generated()
    generate(80, seed=3)
    assert snapshot() == first
    remove_generated()
    generate(80, seed=4)
    assert snapshot() != first


def test_explore_finds_generated_projects_once_the_index_is_rebuilt(settings, tmp_path, client):
    generate(120, seed=7)
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    forget_backends()
    try:
        rebuild()
        everything = client.get("/api/v1/search", {"type": "project"}).json()
        assert everything["total"] == Project.objects.count()
        project = Project.objects.filter(source=SOURCE).order_by("pk")[5]
        found = client.get("/api/v1/search", {"q": project.acronym, "per_page": 100}).json()
        assert project.get_absolute_url() in {hit["url"] for hit in found["hits"]}
        page = client.get("/explore/", {"q": project.acronym, "per_page": 100})
        assert project.get_absolute_url() in page.content.decode()
    finally:
        forget_backends()


def test_the_command_prints_the_figures_as_json(capsys):
    assert main(["bench", "generate", "50", "--seed", "2", "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["projects"] == 50 == Project.objects.filter(source=SOURCE).count()
    assert figures["rows"] == (
        figures["projects"] + figures["partnerships"] + figures["organisations"]
    )
    assert figures["rows_per_second"] > 0
