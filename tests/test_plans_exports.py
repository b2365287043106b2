"""Downloads: the actions of the listed plans, a dashboard's figures and the roll-ups, as
CSV and JSON, with the pages' filters and the same visibility as the pages."""

import csv
import io
import json

import pytest

from corridor.plans.models import ActionPlan, PlanStatus
from people import member

pytestmark = pytest.mark.django_db


def download(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status
    if status != 200:
        return None
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"].startswith("attachment; filename=")
    if url.split("?")[0].endswith(".json"):
        assert response["Content-Type"].startswith("application/json")
        return json.loads(body)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(body)))


def test_every_action_of_the_public_plans(client):
    rows = download(client, "/action-plans/export.csv")
    assert len(rows) == 6
    assert {r["country"] for r in rows} == {"ES", "HU", "IT", "LT", "PL"}
    polish = next(r for r in rows if r["country"] == "PL")
    assert (polish["action"], polish["title"]) == ("2", "Young people working on their own")
    assert polish["targets"].startswith("48 professionally inactive young people")
    assert "; 40 people given non-refundable grants" in polish["targets"]
    assert polish["targets"].endswith("by 2023-06-30")
    assert polish["co_authors"] == "Association of the Carpathian Euroregion Poland"
    assert polish["inspired_by"] == "InterVentures situation analysis reports"
    assert polish["current_status"] == "no_report"
    assert polish["plan_url"].startswith("http://testserver/action-plans/")


def test_the_list_s_filters_apply_and_json_has_the_same_rows(client):
    rows = download(client, "/action-plans/export.csv?country=ES")
    assert [(r["action"], r["partner"]) for r in rows] == [
        ("1", "The European Business and Innovation Center in Burgos (CEEI-Burgos)"),
        ("2", "The European Business and Innovation Center in Burgos (CEEI-Burgos)"),
    ]
    records = download(client, "/action-plans/export.json?country=ES")
    assert [str(r["action"]) for r in records] == ["1", "2"]
    assert records[0]["costs_eur"] is None  # not stated: null, not ""


def test_drafts_are_exported_to_those_who_may_read_them(client):
    ActionPlan.objects.filter(partner__slug="pannon-egtc").update(status=PlanStatus.DRAFT)
    assert "HU" not in {r["country"] for r in download(client, "/action-plans/export.csv")}
    client.force_login(member("pannon", "pannon-egtc"))
    assert "HU" in {r["country"] for r in download(client, "/action-plans/export.csv")}
    client.force_login(member("outsider", "mita"))
    assert "HU" not in {r["country"] for r in download(client, "/action-plans/export.csv")}


def test_a_dashboard_s_figures(client):
    rows = {
        r["indicator"]: r for r in download(client, "/indicators/project/interventures/export.csv")
    }
    assert (rows["learning_events"]["target"], rows["learning_events"]["achieved"]) == ("6", "8")
    assert (rows["good_practices"]["counted"], rows["good_practices"]["reported"]) == ("0", "13")
    assert rows["actions_no_report"]["achieved"] == "6"
    records = download(client, "/indicators/country/ES/export.json")
    plans = next(r for r in records if r["indicator"] == "action_plans")
    assert (plans["target"], plans["achieved"]) == (None, "1")


def test_the_roll_ups(client):
    by_country = download(client, "/indicators/by-country.csv")
    assert [r["key"] for r in by_country] == ["ES", "HU", "IT", "LT", "PL"]
    assert {r["action_plans_achieved"] for r in by_country} == {"1"}
    assert by_country[0]["name"] == "Spain"
    (programme,) = download(client, "/indicators/by-programme.json")
    assert programme["key"] == "interreg-europe-2014-2020"
    assert (programme["learning_events_target"], programme["learning_events_achieved"]) == (
        "6",
        "11",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/action-plans/export.xml",
        "/indicators/by-region.csv",
        "/indicators/planet/earth/export.csv",
        "/indicators/country/XX/export.json",
        "/indicators/by-country.pdf",
    ],
)
def test_unknown_formats_and_scopes_are_404(client, url):
    download(client, url, status=404)


def test_the_pages_link_their_downloads(client):
    page = client.get("/action-plans/?country=PL").content.decode()
    assert 'href="/action-plans/export.csv?country=PL"' in page
    assert 'href="/action-plans/export.json?country=PL"' in page
    page = client.get("/indicators/project/interventures/").content.decode()
    assert 'href="/indicators/project/interventures/export.csv"' in page


def test_an_atom_feed_follows_the_progress_of_approved_plans(client):
    import datetime
    import xml.etree.ElementTree as ET

    from corridor.plans import services
    from corridor.plans.models import Action, ActionStatus
    from people import secretariat_member

    atom = "{http://www.w3.org/2005/Atom}"
    js = secretariat_member("js")
    reports = [
        ("ES", ActionStatus.IMPLEMENTED, ""),
        ("LT", ActionStatus.NOT_IMPLEMENTED, "Call <cancelled>"),
    ]
    for country, status, reason in reports:
        action = Action.objects.filter(plan__country_code=country).order_by("number").first()
        services.report_progress(js, action.plan, services.ProgressInput(
            period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2022, 12, 31),
            summary="Second semester", actions=[services.ActionReport(
                action, status, reason=reason, evidence="Decree 12/2022")]))  # fmt: skip
    response = client.get("/action-plans/progress.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 2
    titles = {e.find(f"{atom}title").text for e in entries}
    assert any(t.startswith("InterVentures, Spain") and "31 December 2022" in t for t in titles)
    lithuanian = next(e for e in entries if "Lithuania" in e.find(f"{atom}title").text)
    summary = lithuanian.find(f"{atom}summary").text
    assert "not implemented (Call &lt;cancelled&gt;)" in summary  # escaped inside the HTML
    assert lithuanian.find(f"{atom}link").get("href").endswith("#reports")
    only_lt = ET.fromstring(client.get("/action-plans/progress.atom?country=lt").content)
    assert len(only_lt.findall(f"{atom}entry")) == 1
    none = ET.fromstring(client.get("/action-plans/progress.atom?project=iEER").content)
    assert none.findall(f"{atom}entry") == []
    page = client.get(f"/action-plans/{action.plan_id}/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in page
    assert "/action-plans/progress.atom?project=interventures" in page
