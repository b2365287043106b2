"""People and project ideas in Explore: public profiles only, found by what they are looking
for; closed ideas out of the default results until the status facet asks for them; and the
organisations whose public profile says what they look for, as seed page 004 shows them."""

import pytest
from django.contrib.auth.models import User
from django.http import QueryDict

from corridor.community import services
from corridor.community.models import IdeaStatus, OrganisationProfile, ProjectIdea, Visibility
from corridor.community.services import IdeaInput, OrganisationProfileInput, ProfileInput
from corridor.organisations.models import Organisation
from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_backend import TantivyBackend
from corridor.search.query import parse_query
from corridor.search.services import ExploreParams, explore
from corridor.search.sync import catch_up, rebuild
from people import member

pytestmark = pytest.mark.django_db
WISMAR = "Hochschule Wismar, University of Applied Sciences: Technology, Business and Design"
SEED_INTERESTS = "Interested in: Leading a project, Joining a project, Networking with peers"
CLOSED_SAMPLE = "Digital skills for older workers in rural areas"


def search(**params):
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    return explore(ExploreParams.from_query_dict(data))


def titles(result) -> set[str]:
    return {hit.title for hit in result.hits}


def facet(result, name) -> dict[str, tuple[str, int]]:
    return {v.value: (v.label, v.count) for f in result.facets if f.name == name for v in f.values}


# The demo's records in the session's index ------------------------------------------------
def test_people_are_their_own_type_with_the_seed_s_facets():
    result = search(type="person", per_page=50)
    assert {"Elin Example", "Marek Example", "Giulia Example"} <= titles(result)
    assert "Jonas Example" not in titles(result)  # members only
    assert facet(search(), "type")["person"][0] == "People"
    interests = facet(search(type="person"), "interested_in")
    assert interests["leading"][0] == "Leading a project"
    assert titles(search(type="person", interested_in="leading")) == {"Elin Example"}
    assert titles(search(type="person", representing="Business support organisation")) == {
        "Giulia Example"}  # fmt: skip
    assert "Marek Example" in titles(search(type="person", theme="key-enabling-technologies"))
    assert titles(search(type="person", region="SE3")) == {"Elin Example"}
    elin = next(h for h in search(q="Elin Example").hits if h.title == "Elin Example")
    assert "Sample profile: invented for the demo" in elin.subtitle
    assert "Example Regional Development Agency" in elin.subtitle


def test_the_seed_s_wismar_profile_in_explore():
    result = search(interested_in="leading", type="organisation")
    assert titles(result) == {WISMAR}
    hit = result.hits[0]
    assert SEED_INTERESTS in hit.subtitle
    assert hit.url == Organisation.objects.get(name=WISMAR).get_absolute_url()
    assert WISMAR in titles(search(q="Wismar"))
    assert WISMAR in titles(search(representing="Higher education and research"))
    assert WISMAR not in titles(search(interested_in="sharing_idea"))


def test_closed_ideas_leave_the_default_results_and_come_back_when_chosen():
    open_ideas = titles(search(type="idea", per_page=50))
    assert "Circular construction materials in small ports" in open_ideas
    assert CLOSED_SAMPLE not in open_ideas
    assert CLOSED_SAMPLE not in titles(search(q="older workers rural"))
    statuses = facet(search(type="idea"), "idea_status")
    assert statuses["closed"] == ("Closed", 1)  # counted, so that it can be chosen
    assert titles(search(q="older workers rural", idea_status="closed")) == {CLOSED_SAMPLE}
    both = titles(search(type="idea", idea_status=["open", "closed"]))
    assert CLOSED_SAMPLE in both and "Circular construction materials in small ports" in both
    assert CLOSED_SAMPLE not in titles(search(type="idea", idea_status="open"))
    assert titles(search(type="idea", partner_type="SME", country="DK")) == {
        "Circular construction materials in small ports"}  # fmt: skip


def test_closed_ideas_are_not_suggested_as_one_types():
    from corridor.search.services import suggest

    assert [h.title for h in suggest("Circular construction")] == [
        "Circular construction materials in small ports"]  # fmt: skip
    assert suggest("Digital skills for older") == []


def test_the_total_leaves_closed_ideas_out():
    everything = search()
    assert everything.total == sum(n for _, n in facet(everything, "type").values())
    with_closed = search(idea_status=["open", "closed"])
    assert with_closed.total == facet(with_closed, "idea_status")["closed"][1] + facet(
        with_closed, "idea_status")["open"][1]  # fmt: skip


# Keeping the index in step ----------------------------------------------------------------
@pytest.fixture
def node(db, tmp_path):
    backend = TantivyBackend(tmp_path / "node")
    rebuild(backend)
    return backend


def found(backend, text: str = "", **filters) -> set[str]:
    request = SearchRequest(query=parse_query(text), filters=filters, limit=100)
    return {hit.title for hit in backend.search(request).hits}


def test_a_public_profile_is_found_by_its_interest_a_members_only_one_is_not(node):
    ana = member("ana", "pannon-egtc")
    services.save_profile(ana, ProfileInput(name="Ana Kovács", interested_in=["sharing_idea"],
                                            visibility=Visibility.MEMBERS))  # fmt: skip
    catch_up(node)
    assert "Ana Kovács" not in found(node, interested_in=["sharing_idea"])
    assert found(node, "Kovács", type=["person"]) == set()
    services.save_profile(ana, ProfileInput(name="Ana Kovács", interested_in=["sharing_idea"],
                                            organisation="pannon-egtc",
                                            visibility=Visibility.PUBLIC))  # fmt: skip
    catch_up(node)
    assert "Ana Kovács" in found(node, interested_in=["sharing_idea"])
    assert "Ana Kovács" in found(node, "Pannon", type=["person"])
    services.save_profile(ana, ProfileInput(name="Ana Kovács", visibility=Visibility.HIDDEN))
    catch_up(node)
    assert found(node, "Kovács", type=["person"]) == set()


def test_an_organisation_profile_change_reindexes_its_organisation(node):
    pannon = Organisation.objects.get(slug="pannon-egtc")
    name = pannon.display_name
    assert name not in found(node, interested_in=["networking"])
    owner = member("ana", "pannon-egtc")
    services.save_organisation_profile(owner, pannon, OrganisationProfileInput(
        interested_in=["networking"], representing="EGTC"))  # fmt: skip
    catch_up(node)
    assert name in found(node, interested_in=["networking"])
    assert name in found(node, representing=["EGTC"])
    services.save_organisation_profile(owner, pannon, OrganisationProfileInput(
        interested_in=["networking"], visibility=Visibility.MEMBERS))  # fmt: skip
    catch_up(node)
    assert name not in found(node, interested_in=["networking"])
    OrganisationProfile.objects.filter(organisation=pannon).delete()
    catch_up(node)
    assert name not in found(node, interested_in=["networking"])


def test_closing_and_reopening_an_idea_moves_it_in_and_out_of_the_default_results(node):
    author = User.objects.create_user("ana", "ana@example.org", "pw")
    zeppelin = IdeaInput(title="Zeppelin logistics", summary="Airships for remote islands.")
    idea = services.create_idea(author, zeppelin)
    catch_up(node)
    assert found(node, "zeppelin") == {"Zeppelin logistics"}
    services.set_idea_status(author, idea, IdeaStatus.CLOSED)
    catch_up(node)
    assert found(node, "zeppelin") == set()
    assert found(node, "zeppelin", idea_status=["closed"]) == {"Zeppelin logistics"}
    services.set_idea_status(author, idea, IdeaStatus.OPEN)
    catch_up(node)
    assert found(node, "zeppelin") == {"Zeppelin logistics"}
    ProjectIdea.objects.filter(pk=idea.pk).delete()
    catch_up(node)
    assert found(node, "zeppelin", idea_status=["open", "closed"]) == set()
