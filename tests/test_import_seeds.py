import json
from decimal import Decimal

import pytest

from corridor.ingest.sources.curated import SEED_FILE, import_curated
from corridor.lib.imports.report import ImportFailed
from corridor.projects.models import Project, Role


def test_the_six_seed_projects_are_there(db):
    acronyms = set(Project.objects.filter(source="seed-pages").values_list("acronym", flat=True))
    assert acronyms == {"iEER", "InterVentures", "BOOST", "ClusterFY", "ClusteriX 2.0", "CLUSTERS3"}


def test_interventures_money_duration_and_phases(db):
    project = Project.objects.get(acronym="InterVentures")
    assert project.eu_cofinancing == Decimal("1151955.30")
    assert project.total_budget == Decimal("1376708")
    assert project.cofinancing_rate == Decimal("83.67")
    assert project.computed_cofinancing_rate == Decimal("83.67")
    assert not project.cofinancing_rate_mismatch
    assert (str(project.start_date), project.duration_months) == ("2019-08-01", 36)
    assert str(project.end_date) == "2022-07-31"
    phases = list(project.phases.values_list("duration_months", "start_date", "end_date"))
    assert [(m, str(s), str(e)) for m, s, e in phases] == [
        (24, "2019-08-01", "2021-07-31"),
        (12, "2021-08-01", "2022-07-31"),
    ]
    roles = dict(project.partnerships.values_list("organisation__acronym", "role"))
    assert roles["AEBR"] == Role.ADVISORY
    assert project.partnerships.count() == 8
    assert project.partnerships.filter(role=Role.LEAD).count() == 0  # the seed names none


def test_ieer_facts(db):
    project = Project.objects.get(acronym="iEER")
    assert project.funding == Decimal("2294882")
    assert (str(project.start_date), str(project.end_date)) == ("2016-04-01", "2020-03-31")
    assert project.project_manager == "Marjo Ruuti"
    assert project.stated_region_count == 10


def test_lead_partners_of_the_explore_page_projects(db):
    leads = dict(
        Project.objects.filter(partnerships__role=Role.LEAD, source="seed-pages").values_list(
            "acronym", "partnerships__organisation__acronym"
        )
    )
    assert leads == {"ClusterFY": "MITA", "ClusteriX 2.0": "ecoplus", "CLUSTERS3": "SPRI"}


def test_a_mismatching_rate_is_flagged_not_fixed(db):
    project = Project.objects.get(acronym="InterVentures")
    project.cofinancing_rate = Decimal("85.00")
    project.save()
    project.refresh_from_db()
    assert project.cofinancing_rate == Decimal("85.00")
    assert project.cofinancing_rate_mismatch


def test_reloading_changes_nothing(db):
    report = import_curated()
    assert (report.total("created"), report.total("changed")) == (0, 0)


def test_an_unknown_region_code_stops_the_load(db, tmp_path):
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    data["projects"][0]["acronym"] = "iEER changed"
    data["organisations"][-1]["region"] = "XX999"
    path = tmp_path / "seeds.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFailed, match="unknown NUTS code 'XX999'"):
        import_curated(path)
    assert not Project.objects.filter(acronym="iEER changed").exists()
