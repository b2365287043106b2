"""Each app node keeps its own index and follows the database's change log."""

import pytest

from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project, Role
from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_backend import TantivyBackend
from corridor.search.models import IndexChange
from corridor.search.query import parse_query
from corridor.search.sync import catch_up, rebuild


@pytest.fixture
def nodes(db, tmp_path):
    a, b = TantivyBackend(tmp_path / "node-a"), TantivyBackend(tmp_path / "node-b")
    rebuild(a)
    rebuild(b)
    return a, b


def found(backend, text: str, **filters) -> set[str]:
    request = SearchRequest(query=parse_query(text), filters=filters, limit=50)
    return {hit.title for hit in backend.search(request).hits}


def test_two_indexes_follow_an_update(nodes):
    a, b = nodes
    project = Project.objects.get(acronym="InterVentures")
    project.summary = "Zebrafish aquaculture for border regions"
    project.save()
    assert found(a, "zebrafish") == set()  # not applied yet
    assert catch_up(a) >= 1
    assert found(a, "zebrafish") == {"InterVentures"}
    assert found(b, "zebrafish") == set()
    catch_up(b)
    assert found(b, "zebrafish") == {"InterVentures"}
    assert catch_up(a) == 0  # nothing new


def test_a_new_partner_reaches_the_project_and_the_organisation(nodes):
    a, _ = nodes
    organisation = Organisation.objects.create(name="Quokka Development Agency", country_code="LT")
    project = Project.objects.get(acronym="InterVentures")
    Partnership.objects.create(project=project, organisation=organisation, role=Role.PARTNER)
    catch_up(a)
    assert found(a, "quokka") == {"InterVentures", "Quokka Development Agency"}


def test_a_delete_leaves_both_indexes(nodes):
    a, b = nodes
    project = Project.objects.get(acronym="iEER")
    assert "iEER" in found(a, "entrepreneurial ecosystem")
    project.delete()
    catch_up(a)
    catch_up(b)
    assert "iEER" not in found(a, "entrepreneurial ecosystem")
    assert "iEER" not in found(b, "entrepreneurial ecosystem")


def test_a_change_committed_late_with_a_lower_id_is_not_missed(nodes):
    a, _ = nodes
    mark = a.read_state()["last_change_id"]
    project = Project.objects.get(acronym="BOOST")
    # A later transaction commits first (mark + 2); the one holding mark + 1 is still open.
    IndexChange.objects.create(id=mark + 2, doc_id=f"project:{project.pk}")
    catch_up(a)
    assert a.read_state()["last_change_id"] == mark + 2
    assert str(mark + 1) in a.read_state()["gaps"]
    Project.objects.filter(pk=project.pk).update(summary="Capybara innovation")  # no signal
    IndexChange.objects.create(id=mark + 1, doc_id=f"project:{project.pk}")
    catch_up(a)
    assert found(a, "capybara") == {"BOOST"}
    assert a.read_state()["gaps"] == {}


def test_an_index_never_built_waits_for_a_rebuild(db, tmp_path):
    fresh = TantivyBackend(tmp_path / "fresh")
    assert catch_up(fresh) == 0
    assert fresh.count() == 0
    assert rebuild(fresh) == fresh.count() > 1000


def test_the_index_follows_a_change_as_soon_as_it_commits(
    db, tmp_path, settings, django_capture_on_commit_callbacks
):
    from corridor.search.backends import forget_backends, get_backend

    settings.SEARCH_INDEX_DIR = tmp_path / "this-node"
    forget_backends()
    try:
        rebuild(get_backend())
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            project = Project.objects.get(acronym="ClusterFY")
            project.summary = "Narwhal clusters"
            project.save()
        assert callbacks  # the catch-up ran after the commit
        assert found(get_backend(), "narwhal") == {"ClusterFY"}
    finally:
        forget_backends()


def test_a_many_to_many_change_reaches_the_index(nodes):
    """Links that save no row of the record itself: a project's themes, a plan's co-authors,
    changed from either side."""
    from corridor.plans.models import ActionPlan
    from corridor.projects.models import Theme

    a, _ = nodes
    project = Project.objects.get(acronym="InterVentures")
    project.themes.add(Theme.objects.create(name="Quokka tourism", slug="quokka-tourism"))
    lithuanian = ActionPlan.objects.get(partner__slug="klaipeda-id")
    lithuanian.co_authors.add(Organisation.objects.create(name="Wombat Port Authority"))
    catch_up(a)
    assert "InterVentures" in found(a, "quokka")
    assert found(a, "wombat", type=["action_plan"]) == {lithuanian.title}

    numbat = Organisation.objects.create(name="Numbat Chamber of Commerce")
    numbat.co_authored_plans.add(ActionPlan.objects.get(partner__slug="ceei-burgos"))
    lithuanian.co_authors.clear()
    catch_up(a)
    assert found(a, "numbat", type=["action_plan"]) == {
        ActionPlan.objects.get(partner__slug="ceei-burgos").title
    }
    assert found(a, "wombat", type=["action_plan"]) == set()
