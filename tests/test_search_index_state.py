"""What Explore, the API and `corridor index status` say when this node's index cannot answer
whole: never built, empty while the database has records, being rebuilt; and how a rebuild
switches every process of the node to the new index, changes made meanwhile included."""

import pytest

from corridor.cli import main
from corridor.projects.models import Project
from corridor.search.backends import forget_backends, get_backend
from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_backend import TantivyBackend
from corridor.search.query import parse_query
from corridor.search.sync import RebuildRunning, catch_up, index_health, rebuild


@pytest.fixture
def node(db, settings, tmp_path):
    """This node's index in a directory of its own, never built."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    forget_backends()
    yield get_backend()
    forget_backends()


def found(backend, text: str) -> set[str]:
    return {hit.title for hit in backend.search(SearchRequest(query=parse_query(text))).hits}


def test_explore_says_the_index_was_never_built(node, client):
    page = client.get("/explore/", {"q": "Klaipeda"}).content.decode()
    assert "has not been built yet" in page
    answer = client.get("/api/v1/search", {"q": "Klaipeda"}).json()
    assert answer["index_state"] == "missing"
    assert answer["total"] == 0
    assert "`corridor index rebuild`" in answer["messages"][0]


def test_explore_says_the_index_is_empty_while_the_database_has_records(node, client):
    empty = node.new_version()
    empty.write_state({"last_change_id": 0, "gaps": {}})
    node.switch_to(empty)
    answer = client.get("/api/v1/search", {"q": "Klaipeda"}).json()
    assert answer["index_state"] == "empty"
    assert "The search index is empty while the database holds" in answer["messages"][0]
    assert "The search index is empty" in client.get("/explore/").content.decode()


def test_status_says_what_the_index_holds(node, capsys):
    assert main(["index", "status"]) == 0
    assert "state: missing: the index has not been built" in capsys.readouterr().out
    rebuild(node)
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert f"{node.count()} documents; change log followed up to" in out
    assert "state: ready" in out


def test_during_a_rebuild_explore_answers_from_the_previous_index_and_says_so(node, client):
    rebuild(node)
    before = client.get("/api/v1/search", {"q": "Klaipeda"}).json()
    assert (before["index_state"], before["messages"]) == ("ready", [])
    seen = {}

    def midway(n):
        if "answer" not in seen:
            seen["answer"] = client.get("/api/v1/search", {"q": "Klaipeda"}).json()
            seen["page"] = client.get("/explore/", {"q": "Klaipeda"}).content.decode()
            seen["health"] = index_health(node)
            with pytest.raises(RebuildRunning):
                rebuild(TantivyBackend(node.path))  # a second rebuild of the node

    rebuild(node, progress=midway)
    assert seen["answer"]["index_state"] == "rebuilding"
    assert seen["answer"]["hits"] == before["hits"]
    assert seen["answer"]["messages"][0].startswith("The search index is being rebuilt (0 of ")
    assert "results come from the previous index meanwhile" in seen["page"]
    assert seen["health"].state == "rebuilding"
    assert index_health(node).state == "ready"


def test_a_first_build_says_results_appear_when_it_completes(node, client):
    seen = {}

    def midway(n):
        seen.setdefault("answer", client.get("/api/v1/search", {"q": "Klaipeda"}).json())

    rebuild(node, progress=midway)
    assert seen["answer"]["index_state"] == "building"
    assert "results appear when it is complete" in seen["answer"]["messages"][0]


def test_every_process_of_the_node_follows_the_rebuild_and_the_changes_made_during_it(node):
    other = TantivyBackend(node.path)  # another process of this node, holding its own index
    rebuild(node)
    catch_up(other)
    assert "InterVentures" in found(other, "Klaipeda")
    first = other.current.path

    def change_midway(n):
        if not Project.objects.filter(summary__contains="Axolotl").exists():
            project = Project.objects.get(acronym="InterVentures")
            project.summary = "Axolotl breeding in the Baltic"
            project.save()
            catch_up(other)  # the other process applies it to the index it holds
            assert found(other, "axolotl") == {"InterVentures"}

    rebuild(node, progress=change_midway)
    assert found(node, "axolotl") == {"InterVentures"}  # read before it, applied after
    assert not first.exists()  # the previous version is removed after the switch
    assert [p.name for p in node.home.versions()] == [node.current.path.name]
    catch_up(other)  # opens the new version before it writes
    assert other.current.path == node.current.path
    assert found(other, "axolotl") == {"InterVentures"}
    project = Project.objects.get(acronym="InterVentures")
    project.summary = "Quokka breeding"
    project.save()
    assert catch_up(other) >= 1  # and follows the log on from the new version's position
    assert catch_up(other) == 0
    assert found(other, "quokka") == {"InterVentures"}


def test_a_searching_process_opens_the_new_index_within_a_second(node):
    reader = TantivyBackend(node.path)
    rebuild(node)
    reader.refresh(force=True)
    held = reader.current
    rebuild(node)
    assert reader.current is held  # checked at most once a second ...
    reader.refresh(force=True)  # ... as when the second has passed
    assert reader.current is not held
    assert reader.current.path == node.current.path
    assert reader.count() == node.count() > 1000
