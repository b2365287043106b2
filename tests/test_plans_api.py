"""Action plans in the JSON API: anyone reads approved plans, the partner's members and the
secretariat also their drafts; the partner's members report progress and step plans, which
the indicators then count."""

import datetime
from decimal import Decimal

import pytest

from corridor.organisations.models import Organisation
from corridor.plans import services
from corridor.plans.models import (
    ActionPlan,
    ActionProgress,
    ActionTarget,
    PolicyInstrument,
    ProgressReport,
)
from corridor.projects.models import Project
from people import member, secretariat_member

pytestmark = pytest.mark.django_db
COUNTRIES = {"HU", "IT", "LT", "ES", "PL"}


@pytest.fixture
def people(db):
    secretary = secretariat_member("secretary")
    return {
        "pannon": member("pannon", "pannon-egtc"),  # InterVentures, the Hungarian plan
        "rzeszow": member("rzeszow", "rzeszow-regional-development-agency"),  # the Polish plan
        "outsider": member("outsider", "mita"),  # ClusterFY
        "secretary": secretary,
    }


@pytest.fixture
def draft(people):
    instrument = PolicyInstrument.objects.create(
        name="Hungarian rural SME support scheme", slug="hungarian-rural-sme-support-scheme"
    )
    return services.create_plan(
        people["pannon"],
        {
            "project": Project.objects.get(acronym="InterVentures"),
            "partner": Organisation.objects.get(slug="pannon-egtc"),
            "policy_instrument": instrument,
            "title": "Draft plan for rural SMEs",
        },
    )


@pytest.fixture
def polish():
    return ActionPlan.objects.get(project__acronym="InterVentures", country_code="PL")


@pytest.fixture
def get(client):
    """GET an API path with query parameters (`status` among them) and return its JSON."""

    def get(path: str, code: int = 200, **params):
        response = client.get(f"/api/v1{path}", params)
        assert response.status_code == code, response.content[:500]
        return response.json()

    return get


def post(client, path: str, data: dict):
    return client.post(f"/api/v1{path}", data, content_type="application/json")


def figure(data: dict, indicator: str) -> dict:
    return next(f for f in data["figures"] if f["indicator"] == indicator)


def report_of(plan: ActionPlan, **changes) -> dict:
    """A report on the Polish plan's ACTION 2 and its two targets (48 trained, 40 grants)."""
    targets = ActionTarget.objects.filter(action__plan=plan, action__number=2)
    ids = targets.order_by("position").values_list("pk", flat=True)
    achieved = dict(zip(ids, ["48", 12], strict=False))  # a plan without them: none
    report = {
        "period_start": "2022-01-01",
        "period_end": "2022-12-31",
        "summary": "Training held; the first grants paid.",
        "entries": [
            {
                "action": 2,
                "status": "implemented",
                "evidence": "48 young people trained in Rzeszów",
                "evidence_url": "https://example.org/report-2022",
                "date": "2022-11-30",
            }
        ],
        "targets": [{"target": pk, "achieved": value} for pk, value in achieved.items()],
    }
    return {**report, **changes}


# Reading ----------------------------------------------------------------------------------
def test_anonymous_list_shows_the_five_approved_plans(get):
    data = get("/action-plans")
    assert data["count"] == 5
    assert {p["country_code"] for p in data["items"]} == COUNTRIES
    assert {p["status"] for p in data["items"]} == {"approved"}
    assert sum(p["action_count"] for p in data["items"]) == 6
    burgos = next(p for p in data["items"] if p["country_code"] == "ES")
    assert burgos["partner"]["slug"] == "ceei-burgos"
    assert burgos["region"] == "ES412"
    assert burgos["url"] == f"/action-plans/{burgos['id']}/"


def test_list_filters(get):
    assert [p["country_code"] for p in get("/action-plans", country="lt")["items"]] == ["LT"]
    assert get("/action-plans", project="interventures")["count"] == 5
    assert get("/action-plans", project="clusterfy")["count"] == 0
    assert get("/action-plans", programme="interreg-europe-2014-2020")["count"] == 5
    assert get("/action-plans", status="draft")["count"] == 0
    found = get("/action-plans", q="young people")["items"]
    assert [p["country_code"] for p in found] == ["PL"]
    assert get("/action-plans", 422, status="finished")["detail"]


def test_a_draft_is_seen_by_the_partner_s_members_only(client, get, people, draft):
    assert draft.pk not in {p["id"] for p in get("/action-plans")["items"]}
    get(f"/action-plans/{draft.pk}", 404)

    client.force_login(people["outsider"])
    assert draft.pk not in {p["id"] for p in get("/action-plans")["items"]}
    get(f"/action-plans/{draft.pk}", 404)

    client.force_login(people["pannon"])
    mine = get("/action-plans", status="draft")["items"]
    assert [p["id"] for p in mine] == [draft.pk]
    detail = get(f"/action-plans/{draft.pk}")
    assert detail["status"] == "draft"
    assert detail["allowed_steps"] == ["submit"]
    assert detail["can_report"] is False  # progress is reported on approved plans


def test_the_polish_plan_in_full(get, polish):
    detail = get(f"/action-plans/{polish.pk}")
    assert detail["project"] == {"slug": "interventures", "acronym": "InterVentures"}
    assert detail["partner"]["slug"] == "rzeszow-regional-development-agency"
    assert [a["name"] for a in detail["co_authors"]] == [
        "Association of the Carpathian Euroregion Poland"
    ]
    assert detail["policy_instrument"]["name"].endswith("Poland (Podkarpackie)")
    assert detail["policy_instrument"]["region"] == "PL82"
    assert detail["territory"] == "Poland"
    assert "ACTION 2 only" in detail["note"]
    (action,) = detail["actions"]
    assert action["number"] == 2
    assert action["title"] == "Young people working on their own"
    assert action["timeframe_note"] == "businesses started by 30 June 2023"
    assert action["current_status"] is None
    assert action["url"] == f"/action-plans/{polish.pk}/#action-2"
    assert [d["title"] for d in action["inspired_by"]["documents"]] == [
        "InterVentures situation analysis reports"
    ]
    assert action["inspired_by"]["documents"][0]["url"].startswith("/documents/")
    trained, grants = action["targets"]
    assert Decimal(trained["quantity"]) == 48 and trained["due_date"] is None
    assert Decimal(grants["quantity"]) == 40 and grants["due_date"] == "2023-06-30"
    assert grants["achieved"] is None
    assert detail["status_counts"]["no_report"] == 1
    assert detail["reports"] == [] and detail["timeline"] == []
    assert detail["allowed_steps"] == [] and detail["can_report"] is False


def test_costs_travel_as_decimal_strings(get, people, polish):
    action = polish.actions.get(number=2)
    services.save_action(people["rzeszow"], polish, {"costs": Decimal("1500000")}, action)
    (out,) = get(f"/action-plans/{polish.pk}")["actions"]
    assert out["costs"] == "1500000.00"


def test_policy_instruments(get, people, draft):
    items = get("/policy-instruments", country="PL")["items"]
    assert [i["region"] for i in items] == ["PL82"]
    assert get("/policy-instruments")["count"] == 6  # five of seed 002 and the draft's
    detail = get(f"/policy-instruments/{items[0]['slug']}")
    assert [p["country_code"] for p in detail["action_plans"]] == ["PL"]
    assert detail["type"] is None and detail["type_label"] == "Not stated"
    assert get(f"/policy-instruments/{draft.policy_instrument.slug}")["action_plans"] == []
    get("/policy-instruments/no-such-instrument", 404)


def test_indicators_of_a_project_and_the_rollups(get):
    data = get("/indicators/project/interventures")
    assert data["scope"]["label"] == "InterVentures"
    plans = figure(data, "action_plans")
    assert (plans["target"], plans["counted"], plans["achieved"]) == ("5.00", 5, "5.00")
    assert figure(data, "good_practices")["reported"] == "13.00"
    assert figure(data, "policy_instruments")["counted"] is None
    assert data["action_total"] == 6
    assert data["action_status_counts"]["no_report"] == 6

    rows = get("/indicators/rollup/country")["rows"]
    by_country = {row["scope"]["key"]: row for row in rows}
    assert set(by_country) >= COUNTRIES
    for code in COUNTRIES:
        assert figure(by_country[code], "action_plans")["achieved"] == "1.00", code
    programmes = get("/indicators/rollup/programme")["rows"]
    assert [r["scope"]["key"] for r in programmes] == ["interreg-europe-2014-2020"]
    assert figure(programmes[0], "action_plans")["achieved"] == "5.00"

    get("/indicators/country/LT")
    get("/indicators/region/PL82")
    get("/indicators/country/XX", 404)
    get("/indicators/continent/EU", 422)
    get("/indicators/rollup/region", 422)


# Writing ----------------------------------------------------------------------------------
def test_the_partner_reports_progress_and_the_indicators_count_it(client, get, people, polish):
    before = figure(get("/indicators/country/PL"), "actions_implemented")["achieved"]
    assert before == "0.00"

    client.force_login(people["rzeszow"])
    response = post(client, f"/action-plans/{polish.pk}/reports", report_of(polish))
    assert response.status_code == 201, response.content
    report = response.json()
    assert report["period_end"] == "2022-12-31"
    assert report["entries"][0]["action"] == 2
    assert report["entries"][0]["status"] == "implemented"
    assert sorted(Decimal(t["achieved"]) for t in report["targets"]) == [12, 48]

    for scope in ("country/PL", "project/interventures", "region/PL82"):
        data = get(f"/indicators/{scope}")
        assert figure(data, "actions_implemented")["achieved"] == "1.00", scope
    assert get("/indicators/country/PL")["action_status_counts"]["implemented"] == 1
    assert get("/action-plans", country="PL")["items"][0]["actions_implemented"] == 1

    detail = get(f"/action-plans/{polish.pk}")
    (action,) = detail["actions"]
    assert action["current_status"] == "implemented"
    assert [Decimal(t["achieved"]) for t in action["targets"]] == [48, 12]
    assert action["targets"][1]["achieved_by"] == "2022-12-31"
    assert detail["reports"][0]["entries"][0]["evidence_url"] == "https://example.org/report-2022"
    assert detail["timeline"][-1]["title"] == "ACTION 2 implemented"
    assert detail["timeline"][-1]["date"] == "2022-11-30"
    assert detail["can_report"] is True


def test_another_project_s_member_may_not_report_nor_anonymous(client, people, polish):
    url = f"/action-plans/{polish.pk}/reports"
    response = post(client, url, report_of(polish))
    assert response.status_code == 401

    client.force_login(people["outsider"])
    response = post(client, url, report_of(polish))
    assert response.status_code == 403
    assert "partner organisation" in response.json()["detail"]

    client.force_login(people["pannon"])  # a partner of the project, not of this plan
    assert post(client, url, report_of(polish)).status_code == 403
    assert not ProgressReport.objects.filter(plan=polish).exists()


def test_bad_input_is_refused_with_the_reason_and_nothing_is_saved(client, people, polish):
    client.force_login(people["rzeszow"])
    url = f"/action-plans/{polish.pk}/reports"
    entry = report_of(polish)["entries"][0]

    response = post(client, url, report_of(polish, entries=[{**entry, "status": "done"}]))
    assert response.status_code == 422
    assert "implemented" in str(response.json()["detail"])

    not_done = {**entry, "status": "not_implemented", "reason": ""}
    response = post(client, url, report_of(polish, entries=[not_done]))
    assert response.status_code == 400
    assert response.json()["detail"] == "ACTION 2: Say why the action was not implemented."

    response = post(client, url, report_of(polish, period_end="2021-12-31"))
    assert response.status_code == 400
    assert "period_end: The period ends before it starts." in response.json()["detail"]

    response = post(client, url, report_of(polish, entries=[{**entry, "action": 7}]))
    assert (response.status_code, response.json()["detail"]) == (
        400, "The plan has no ACTION 7."
    )  # fmt: skip
    response = post(client, url, report_of(polish, entries=[entry, entry]))
    assert response.status_code == 400

    other = ActionPlan.objects.get(country_code="HU").actions.get(number=1)
    foreign = other.targets.create(quantity=3, unit="schemes")
    response = post(client, url, report_of(polish, targets=[{"target": foreign.pk, "achieved": 1}]))
    assert response.status_code == 400
    negative = report_of(polish)["targets"][:1]
    negative[0]["achieved"] = "-5"
    response = post(client, url, report_of(polish, targets=negative))
    assert response.status_code == 422  # the document allows no negative figure
    response = post(client, url, report_of(polish, entries=[]))
    assert response.status_code == 422  # the document asks for one entry at least
    assert response.json()["detail"][0]["loc"] == ["body", "report", "entries"]

    assert not ProgressReport.objects.filter(plan=polish).exists()
    assert not ActionProgress.objects.filter(action__plan=polish).exists()

    assert post(client, url, report_of(polish)).status_code == 201
    response = post(client, url, report_of(polish))  # the same period again
    assert response.status_code == 400
    assert "already has a report" in response.json()["detail"]
    assert post(client, "/action-plans/99999/reports", report_of(polish)).status_code == 404


def test_a_draft_is_submitted_then_approved_by_the_secretariat(client, get, people, draft):
    url = f"/action-plans/{draft.pk}/steps"
    assert post(client, url, {"step": "submit"}).status_code == 401

    client.force_login(people["outsider"])
    assert post(client, url, {"step": "submit"}).status_code == 404  # may not see the draft

    client.force_login(people["pannon"])
    response = post(client, url, {"step": "submit"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    response = post(client, url, {"step": "approve"})
    assert response.status_code == 403
    assert "may not approve" in response.json()["detail"]
    assert post(client, url, {"step": "publish"}).status_code == 422
    services.save_action(people["pannon"], draft, {"number": 1, "title": "Rural SME vouchers"})
    entry = {"action": 1, "status": "in_progress"}
    response = post(client, f"/action-plans/{draft.pk}/reports", report_of(draft, entries=[entry]))
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Progress is reported on approved plans; this one is submitted."
    )

    client.force_login(people["secretary"])
    assert get(f"/action-plans/{draft.pk}")["allowed_steps"] == ["approve", "reopen"]
    response = post(client, url, {"step": "approve"})
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approved_on"] == datetime.date.today().isoformat()
    client.logout()
    assert client.get(f"/api/v1/action-plans/{draft.pk}").status_code == 200
