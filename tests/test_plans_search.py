"""Approved action plans in Explore: found by their actions and by who wrote them, narrowed
by country and region, and kept in step with the database as plans and actions change."""

import pytest
from django.contrib.auth.models import User
from django.http import QueryDict

from corridor.community.models import Membership, SecretariatMembership
from corridor.organisations.models import Organisation
from corridor.plans import services
from corridor.plans.models import (
    ActionPlan,
    PlanStatus,
    PolicyInstrument,
)
from corridor.projects.models import Programme, Project
from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_backend import TantivyBackend
from corridor.search.query import parse_query
from corridor.search.services import ExploreParams, explore
from corridor.search.sync import catch_up, rebuild

pytestmark = pytest.mark.django_db
POLISH = "Poland (Rzeszow Regional Development Agency and Association of the Carpathian Euroregion Poland)"  # noqa: E501
HUNGARIAN = "Hungary (PANNON EGTC, Hungary – Croatia)"
LITHUANIAN = "Lithuania (Klaipeda ID, Klaipėda City Municipality)"


def search(**params):
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    return explore(ExploreParams.from_query_dict(data))


def titles(result):
    return {hit.title for hit in result.hits}


def counts(result, facet):
    return {v.value: v.count for f in result.facets if f.name == facet for v in f.values}


def test_an_action_s_words_find_its_plan(db):
    result = search(q="Young people working on their own")
    assert result.hits[0].title == POLISH
    assert result.hits[0].type == "action_plan"
    assert result.hits[0].url == f"/action-plans/{ActionPlan.objects.get(country_code='PL').pk}/"
    assert titles(search(q="preparedness test", type="action_plan")) == {HUNGARIAN}
    assert HUNGARIAN in titles(search(q="preparedness test"))


def test_plans_are_found_by_who_wrote_them(db):
    assert titles(search(q="Carpathian Euroregion", type="action_plan")) == {POLISH}
    assert titles(search(q="SODEBUR", type="action_plan")) == {
        "Spain (European Business and Innovation Centre of Burgos (CEEI-Burgos) and Society "
        "for the development of the province of Burgos (SODEBUR))"
    }
    assert len(titles(search(q="InterVentures", type="action_plan"))) == 5


def test_the_type_and_the_place_facets(db):
    plans = search(type="action_plan")
    assert plans.total == 5
    assert counts(search(), "type")["action_plan"] == 5
    assert set(counts(plans, "country")) == {"HU", "IT", "LT", "ES", "PL"}
    assert titles(search(type="action_plan", country="LT")) == {LITHUANIAN}
    assert titles(search(type="action_plan", region="PL82")) == {POLISH}
    programme = Project.objects.get(acronym="InterVentures").programme
    assert search(type="action_plan", programme=programme.slug).total == 5
    subtitle = next(h for h in plans.hits if h.title == POLISH).subtitle
    assert subtitle.startswith("InterVentures · Rzeszów Regional Development Agency · ")
    assert subtitle.endswith(" · Approved")


def test_a_draft_plan_is_not_in_explore(db):
    instrument = PolicyInstrument.objects.create(name="Quokka voucher scheme", slug="quokka")
    ActionPlan.objects.create(
        project=Project.objects.get(acronym="InterVentures"),
        partner=Organisation.objects.get(slug="pannon-egtc"),
        policy_instrument=instrument,
        title="Quokka draft plan",
    )
    assert search(q="quokka", type="action_plan").total == 0


# Keeping the index in step ----------------------------------------------------------------
@pytest.fixture
def node(db, tmp_path):
    backend = TantivyBackend(tmp_path / "node")
    rebuild(backend)
    return backend


def found(backend, text: str, **filters) -> set[str]:
    filters = {"type": ["action_plan"], **filters}
    request = SearchRequest(query=parse_query(text), filters=filters, limit=50)
    return {hit.title for hit in backend.search(request).hits}


def test_a_plan_back_to_draft_leaves_the_index(node):
    plan = ActionPlan.objects.get(country_code="PL")
    assert found(node, "young people working") == {POLISH}
    plan.status = PlanStatus.DRAFT
    plan.save()
    catch_up(node)
    assert found(node, "young people working") == set()
    assert found(node, "", country=["PL"]) == set()


@pytest.fixture
def people(db):
    writer = User.objects.create_user("writer", "writer@example.org", "pw")
    Membership.objects.create(
        user=writer, organisation=Organisation.objects.get(slug="klaipeda-id")
    )
    secretary = User.objects.create_user("secretary", "secretary@example.org", "pw")
    SecretariatMembership.objects.create(
        user=secretary, programme=Programme.objects.get(slug="interreg-europe-2014-2020")
    )
    return writer, secretary


def test_a_plan_enters_the_index_when_the_secretariat_approves_it(node, people):
    writer, secretary = people
    plan = services.create_plan(
        writer,
        {
            "project": Project.objects.get(acronym="InterVentures"),
            "partner": Organisation.objects.get(slug="klaipeda-id"),
            "policy_instrument": PolicyInstrument.objects.create(name="Port fund", slug="port"),
            "title": "Klaipėda port start-ups",
        },
    )
    services.save_action(writer, plan, {"number": 1, "title": "Harbour incubator vouchers"})
    services.step_plan(writer, plan, "submit")
    catch_up(node)
    assert found(node, "harbour incubator") == set()  # submitted, not approved
    services.step_plan(secretary, plan, "approve")
    catch_up(node)
    assert found(node, "harbour incubator") == {"Klaipėda port start-ups"}
    assert found(node, "", country=["LT"]) == {"Klaipėda port start-ups", LITHUANIAN}


def test_a_change_of_an_action_measure_target_instrument_or_partner_reindexes_the_plan(
    node, people
):
    writer, _ = people
    plan = ActionPlan.objects.get(country_code="LT")
    action = plan.actions.get(number=1)
    services.save_action(
        writer,
        plan,
        {"expected_result": "Forty narwhal start-ups accelerated"},
        action,
        measures=["Capybara mentoring weeks"],
        targets=[{"quantity": 40, "unit": "axolotl founders coached"}],
    )
    catch_up(node)
    for words in ("narwhal", "capybara mentoring", "axolotl founders"):
        assert found(node, words) == {LITHUANIAN}, words

    # Each change on its own, so that no other change's reindexing covers for it.
    instrument = plan.policy_instrument
    instrument.name = "Klaipėda wombat innovation fund"
    instrument.save()
    catch_up(node)
    assert found(node, "wombat") == {LITHUANIAN}

    partner = Organisation.objects.get(slug="klaipeda-municipal-administration")  # co-author
    partner.name = "Klaipeda Pangolin Administration"
    partner.save()
    catch_up(node)
    assert found(node, "pangolin") == {LITHUANIAN}

    action.targets.all().delete()
    catch_up(node)
    assert found(node, "axolotl") == set()
    assert found(node, "capybara mentoring") == {LITHUANIAN}

    action.measures.all().delete()
    catch_up(node)
    assert found(node, "capybara mentoring") == set()

    action.delete()
    catch_up(node)
    assert found(node, "narwhal") == set()
    assert found(node, "", country=["LT"]) == {LITHUANIAN}  # the plan stays, without it


def test_a_project_s_new_acronym_reaches_its_plans(node):
    project = Project.objects.get(acronym="InterVentures")
    project.acronym = "Quetzalventures"
    project.save()
    catch_up(node)
    assert len(found(node, "quetzalventures")) == 5
