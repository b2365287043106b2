"""The action plan pages: the InterVentures plans of seed 002 read as the seed states them;
the forms work for the partner's members and the programme's secretariat and for no one
else; progress reported through the page shows on the plan and on the dashboards."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from corridor.learning.models import Event, GoodPractice, PracticeStatus
from corridor.organisations.models import Organisation
from corridor.plans import services
from corridor.plans.models import (
    Action,
    ActionPlan,
    ActionProgress,
    PlanStatus,
    PolicyInstrument,
)
from corridor.projects.models import Project
from html_tables import column, definitions, table
from people import member, secretariat_member

pytestmark = pytest.mark.django_db
CSS = Path(__file__).parents[1] / "src/corridor/web/static/corridor/corridor.css"


@pytest.fixture
def people(db):
    secretariat = secretariat_member("js")
    return {
        "writer": member("writer", "rzeszow-regional-development-agency"),  # the Polish plan
        "partner": member("partner", "klaipeda-id"),  # another InterVentures partner
        "outsider": member("outsider", "mita"),  # ClusterFY's lead partner
        "secretariat": secretariat,
    }


@pytest.fixture
def project():
    return Project.objects.get(slug="interventures")


def plan_of(country: str) -> ActionPlan:
    return ActionPlan.objects.get(project__slug="interventures", country_code=country)


def page(client, url: str, user=None, status: int = 200) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def text(html: str) -> str:
    """What a reader sees: no tags, entities read, white space squashed."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([:;,.)])", r"\1", words)


# Reading ----------------------------------------------------------------------------------
def test_the_navigation_links_the_action_plans(client):
    assert 'href="/action-plans/"' in page(client, "/")


def test_the_list_shows_the_five_approved_plans_to_anyone(client):
    response = client.get("/action-plans/")
    plans = column(response, "Action plan")
    assert len(plans) == 5
    assert any(p.startswith("Poland (Rzeszow Regional Development Agency") for p in plans)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("country=PL", ["Poland"]),
        ("q=Burgos", ["Spain"]),
        ("q=young+people", ["Poland"]),
        ("project=interventures&status=approved", ["Hungary", "Italy", "Lithuania", "Poland",
                                                   "Spain"]),
        ("programme=interreg-europe-2014-2020&country=IT", ["Italy"]),
        ("status=draft", []),
    ],
)  # fmt: skip
def test_the_list_filters(client, query, expected):
    response = client.get(f"/action-plans/?{query}")
    if not expected:
        assert "No action plan matches these filters" in response.content.decode()
        return
    found = sorted(title.split(" (")[0] for title in column(response, "Action plan"))
    assert found == expected


def test_htmx_gets_the_results_alone(client):
    response = client.get("/action-plans/?country=LT", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Lithuania (Klaipeda ID" in html
    assert "HX-Request" in response["Vary"]


def test_the_polish_plan_shows_its_action_targets_and_deadline(client):
    html = page(client, f"/action-plans/{plan_of('PL').pk}/")
    assert 'id="action-2"' in html and "ACTION 2" in html
    assert "Young people working on their own" in html
    words = text(html)
    assert "48 professionally inactive young people aged 18-29" in words
    assert "40 people given non-refundable grants" in words
    assert "by 30 June 2023" in words
    assert "No progress reported yet" in words


def test_the_polish_plan_names_partner_co_author_instrument_and_territory(client):
    plan = plan_of("PL")
    response = client.get(f"/action-plans/{plan.pk}/")
    facts = definitions(response)
    assert facts["Partner"] == "Rzeszów Regional Development Agency"
    assert facts["Co-authors"] == "Association of the Carpathian Euroregion Poland"
    assert facts["Policy instrument"] == "InterVentures policy instrument, Poland (Podkarpackie)"
    assert facts["Territory"] == "Podkarpackie (PL82), Poland"
    assert facts["Status"] == "Approved"
    assert f'href="/policy-instruments/{plan.policy_instrument.slug}/"' in response.content.decode()
    assert "Seed 002 gives this plan's ACTION 2 only." in text(response.content.decode())


def test_the_italian_plan_lists_its_three_measures(client):
    html = page(client, f"/action-plans/{plan_of('IT').pk}/")
    measures = re.search(r'<ul class="measures">(.*?)</ul>', html, re.S).group(1)
    items = [text(li) for li in re.findall(r"<li>(.*?)</li>", measures, re.S)]
    assert items[:2] == [
        "specific regional measures;",
        "a set of services and activities for the support of local companies;",
    ]
    assert len(items) == 3 and items[2].startswith("participation in initiatives")


def test_the_spanish_plan_has_actions_1_and_2(client):
    html = page(client, f"/action-plans/{plan_of('ES').pk}/")
    assert re.findall(r'id="action-(\d+)"', html) == ["1", "2"]
    assert "Review and improvement of available financial instruments" in html
    assert definitions(client.get(f"/action-plans/{plan_of('ES').pk}/"))["Co-authors"] == (
        "Society for the Development of the Province of Burgos (SODEBUR)"
    )


def test_the_hungarian_plan_shows_its_action_and_its_source(client):
    html = page(client, f"/action-plans/{plan_of('HU').pk}/")
    assert "Amended regional cross-border support scheme" in html
    assert "InterVentures situation analysis reports" in html  # the document it builds on


def test_the_plan_page_prints(client):
    html = page(client, f"/action-plans/{plan_of('PL').pk}/")
    assert re.search(r'<link rel="stylesheet" href="[^"]*corridor/corridor\.css"', html)
    assert "data-print" in html and "plans/plans.js" in html
    css = CSS.read_text()
    print_rules = css[css.index("@media print") :]
    for hidden in (".site-header", "form", "button", ".no-print"):
        assert hidden in print_rules.split("display: none")[0]


def test_the_instrument_page_lists_its_plan(client):
    plan = plan_of("LT")
    response = client.get(f"/policy-instruments/{plan.policy_instrument.slug}/")
    assert response.status_code == 200
    assert column(response, "Action plan") == [str(plan)]
    assert "neither names this partner's instrument" in text(response.content.decode())
    assert client.get("/policy-instruments/no-such-thing/").status_code == 404


def test_a_draft_plan_is_hidden_from_anonymous_and_outsiders(client, people):
    plan = plan_of("PL")
    plan.status = PlanStatus.DRAFT
    plan.save()
    assert client.get(f"/action-plans/{plan.pk}/").status_code == 404
    assert len(column(client.get("/action-plans/"), "Action plan")) == 4
    page(client, f"/action-plans/{plan.pk}/", people["outsider"], status=404)
    html = page(client, f"/action-plans/{plan.pk}/", people["partner"])  # reads, may not edit
    assert "Edit the plan" not in html and "Submit for approval" not in html
    html = page(client, f"/action-plans/{plan.pk}/", people["writer"])
    assert "Edit the plan" in html and "Submit for approval" in html


# Indicators -------------------------------------------------------------------------------
def test_the_overview_rolls_up_by_country_and_programme(client):
    response = client.get("/indicators/")
    assert column(response, "Country") == ["Spain", "Hungary", "Italy", "Lithuania", "Poland"]
    assert column(response, "Programme") == ["Interreg Europe 2014-2020"]
    html = response.content.decode()
    assert 'href="/indicators/country/PL/"' in html
    assert 'href="/indicators/programme/interreg-europe-2014-2020/"' in html


def figures(response) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table(response, "Indicator")}


def test_the_project_dashboard_shows_targets_counts_and_reported_figures(client):
    response = client.get("/indicators/project/interventures/")
    rows = figures(response)
    assert rows["Action plans"][:2] == ["5", "5 counted from the records"]
    assert rows["Action plans"][2] == "100 %"
    assert rows["Policy instruments improved"][:2] == ["5", "—"]
    assert rows["Good practices identified"][1] == "0 counted from the records; 13 reported"
    assert rows["Actions implemented"][1] == "0 counted from the records"
    html = response.content.decode()
    assert "<svg" in html and "No report yet: <strong" in html
    assert len(column(response, "Action plan")) == 5


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/indicators/country/PL/", "Indicators of Poland"),
        ("/indicators/region/PL82/", "Indicators of Podkarpackie (PL82)"),
        ("/indicators/programme/interreg-europe-2014-2020/", "Indicators of Interreg Europe"),
    ],
)
def test_the_other_dashboards_render(client, url, heading):
    html = page(client, url)
    assert heading in html


def test_unknown_scopes_are_not_found(client):
    for url in ("/indicators/planet/earth/", "/indicators/country/XX/", "/indicators/project/no/"):
        assert client.get(url).status_code == 404, url


def test_a_project_s_indicators_address_redirects_to_its_dashboard(client):
    response = client.get("/projects/interventures/indicators/")
    assert response.status_code == 302
    assert response["Location"] == "/indicators/project/interventures/"


def test_project_region_and_programme_pages_link_to_plans_and_dashboards(client):
    html = page(client, "/projects/interventures/")
    assert 'href="/indicators/project/interventures/"' in html
    assert 'href="/action-plans/?project=interventures"' in html
    assert 'href="/indicators/region/PL82/"' in page(client, "/regions/PL82/")
    assert 'href="/indicators/country/PL/"' in page(client, "/regions/PL/")
    html = page(client, "/programmes/interreg-europe-2014-2020/")
    assert 'href="/indicators/programme/interreg-europe-2014-2020/"' in html


# Writing plans ----------------------------------------------------------------------------
NEW_PLAN = {
    "partner": "",
    "policy_instrument": "",
    "instrument_name": "Podkarpackie Regional Operational Programme 2021-2027",
    "instrument_type": "growth_jobs",
    "instrument_managing_authority": "Marshal's Office of the Podkarpackie Voivodeship",
    "instrument_territory": "Podkarpackie",
    "title": "Start-ups in Podkarpackie",
    "language": "pl",
    "region": "PL82",
}


def new_plan(client, user, **changes):
    client.force_login(user)
    partner = Organisation.objects.get(slug="rzeszow-regional-development-agency")
    data = {**NEW_PLAN, "partner": partner.pk, **changes}
    return client.post("/action-plans/new/?project=interventures", data)


def test_anonymous_people_are_sent_to_sign_in(client):
    plan = plan_of("PL")
    for url in ("/action-plans/new/", f"/action-plans/{plan.pk}/edit/",
                f"/action-plans/{plan.pk}/actions/new/", f"/action-plans/{plan.pk}/reports/new/",
                f"/actions/{plan.actions.get().pk}/edit/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/login/?next="
        ), url
    response = client.post(f"/action-plans/{plan.pk}/step/", {"step": "submit"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_partner_s_member_writes_a_plan_with_a_new_instrument(client, people, project):
    client.force_login(people["writer"])
    form = client.get("/action-plans/new/?project=interventures").context["form"]
    # The partner is their own organisation; the co-authors any of the project's partners.
    assert [o.slug for o in form.fields["partner"].queryset] == [
        "rzeszow-regional-development-agency"
    ]
    assert len(form.fields["co_authors"].queryset) == 8
    response = new_plan(client, people["writer"])
    plan = ActionPlan.objects.get(title="Start-ups in Podkarpackie")
    assert response.status_code == 302 and response["Location"] == f"/action-plans/{plan.pk}/"
    assert plan.status == PlanStatus.DRAFT and plan.country_code == "PL"
    instrument = plan.policy_instrument
    assert instrument.name == NEW_PLAN["instrument_name"]
    assert instrument.managing_authority == NEW_PLAN["instrument_managing_authority"]
    assert instrument.type == "growth_jobs"
    html = page(client, f"/action-plans/{plan.pk}/")
    assert "Start-ups in Podkarpackie" in html and "Draft" in html
    assert f'href="/policy-instruments/{instrument.slug}/"' in html


def test_the_project_is_chosen_first_without_javascript(client, people):
    html = page(client, "/action-plans/new/", people["writer"])
    assert 'method="get"' in html and '<option value="interventures"' in html


def test_an_instrument_is_chosen_or_described_not_both(client, people):
    existing = PolicyInstrument.objects.first()
    response = new_plan(client, people["writer"], policy_instrument=existing.pk)
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    response = new_plan(client, people["writer"], instrument_name="")
    assert "give the name of a new one" in response.content.decode()
    assert not ActionPlan.objects.filter(title="Start-ups in Podkarpackie").exists()


def test_co_authors_are_the_project_s_other_partners(client, people):
    outside = Organisation.objects.get(slug="mita").pk
    response = new_plan(client, people["writer"], co_authors=[outside])
    assert "is not one of the available choices" in response.content.decode()
    partner = Organisation.objects.get(slug="rzeszow-regional-development-agency").pk
    response = new_plan(client, people["writer"], co_authors=[partner])
    assert "co-authors are the others" in response.content.decode()
    assert not ActionPlan.objects.filter(title="Start-ups in Podkarpackie").exists()


def test_a_plan_the_service_refuses_leaves_no_new_instrument_behind(client, people, monkeypatch):
    def refuse(*args, **kwargs):
        raise ValidationError({"title": "A plan the service refuses."})

    monkeypatch.setattr(services, "create_plan", refuse)
    count = PolicyInstrument.objects.count()
    response = new_plan(client, people["writer"])
    assert response.status_code == 200 and "A plan the service refuses." in text(
        response.content.decode()
    )
    assert PolicyInstrument.objects.count() == count


def test_the_secretariat_writes_a_plan_for_any_partner(client, people):
    response = new_plan(
        client, people["secretariat"],
        partner=Organisation.objects.get(slug="sodebur").pk, title="SODEBUR's plan",
    )  # fmt: skip
    assert response.status_code == 302
    assert ActionPlan.objects.get(title="SODEBUR's plan").partner.slug == "sodebur"


def test_others_are_refused_with_a_message(client, people):
    response = new_plan(client, people["outsider"])
    assert response.status_code == 403
    assert "Only members of InterVentures's partner organisations" in text(
        response.content.decode()
    )
    client.force_login(User.objects.create_user("nobody", "nobody@example.org", "pw"))
    response = client.get("/action-plans/new/")
    assert response.status_code == 403 and "Action plans are written by" in text(
        response.content.decode()
    )
    client.force_login(people["outsider"])
    plan = plan_of("PL")
    for url in (f"/action-plans/{plan.pk}/edit/", f"/action-plans/{plan.pk}/actions/new/",
                f"/action-plans/{plan.pk}/reports/new/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    client.force_login(people["partner"])  # another partner of the project
    response = client.post(f"/action-plans/{plan.pk}/edit/", {"title": "Taken over"})
    assert response.status_code == 403 and "Only members of the partner organisation" in text(
        response.content.decode()
    )
    assert ActionPlan.objects.get(pk=plan.pk).title != "Taken over"


def test_editing_a_plan(client, people):
    plan = plan_of("PL")
    client.force_login(people["writer"])
    form = client.get(f"/action-plans/{plan.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        policy_instrument=plan.policy_instrument.pk,
        co_authors=[o.pk for o in data["co_authors"]],
        summary_en="Young people start businesses.",
    )
    response = client.post(f"/action-plans/{plan.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    assert plan.summary_en == "Young people start businesses." and plan.region.code == "PL82"
    assert [str(o) for o in plan.co_authors.all()] == [
        "Association of the Carpathian Euroregion Poland"
    ]  # kept, though not a partner of the project (as seed 002 names it)


def test_submit_then_approve(client, people):
    client.force_login(people["writer"])
    new_plan(client, people["writer"])
    plan = ActionPlan.objects.get(title="Start-ups in Podkarpackie")
    step = f"/action-plans/{plan.pk}/step/"
    assert client.post(step, {"step": "submit"}).status_code == 302
    assert ActionPlan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED
    response = client.post(step, {"step": "approve"})
    assert response.status_code == 403  # the writers do not approve their own plan
    client.force_login(people["secretariat"])
    assert "Approve the plan" in page(client, f"/action-plans/{plan.pk}/")
    response = client.post(step, {"step": "approve"}, follow=True)
    assert "The plan is approved." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_on == datetime.date.today()
    assert "Plan approved" in page(client, f"/action-plans/{plan.pk}/")


# Writing actions --------------------------------------------------------------------------
@pytest.fixture
def practice(project):
    return GoodPractice.objects.create(
        title="Preparedness test for SMEs", project=project, status=PracticeStatus.VALIDATED
    )


def action_data(**changes) -> dict:
    return {
        "number": "3", "title": "Mentoring for young founders", "description": "Mentors.",
        "background": "Seen on a study visit.", "players": "Rzeszów RDA",
        "timeframe_start": "2023-01-01", "timeframe_end": "2023-12-31", "costs": "25000",
        "funding_sources": "ERDF", "expected_result": "30 founders mentored.",
        "measures": "Recruit mentors\n\nMatch founders with mentors\n",
        "targets-TOTAL_FORMS": "3", "targets-INITIAL_FORMS": "0",
        "targets-0-quantity": "30", "targets-0-unit": "founders mentored",
        "targets-0-due_date": "2023-12-31",
        **changes,
    }  # fmt: skip


def test_a_writer_adds_an_action_inspired_by_a_good_practice(client, people, practice):
    plan = plan_of("PL")
    client.force_login(people["writer"])
    form = client.get(f"/action-plans/{plan.pk}/actions/new/").context["form"]
    assert form.initial["number"] == 3
    assert practice in form.fields["practices"].queryset
    event = Event.objects.filter(project=plan.project).first()
    response = client.post(
        f"/action-plans/{plan.pk}/actions/new/",
        action_data(practices=[practice.pk], events=[event.pk]),
    )
    assert response.status_code == 302 and response["Location"].endswith("#action-3")
    action = plan.actions.get(number=3)
    assert list(action.inspired_by_practices.all()) == [practice]
    assert [m.text for m in action.measures.all()] == [
        "Recruit mentors", "Match founders with mentors"
    ]  # fmt: skip
    html = page(client, f"/action-plans/{plan.pk}/")
    words = text(html)
    assert f'href="/good-practices/{practice.pk}/"' in html and event.title in html
    assert "25,000 €" in words and "1 January 2023 – 31 December 2023" in words
    assert "30 founders mentored, by 31 December 2023" in words


def test_an_action_s_errors_come_back_on_the_form(client, people):
    plan = plan_of("PL")
    client.force_login(people["writer"])
    response = client.post(f"/action-plans/{plan.pk}/actions/new/", action_data(number="2"))
    assert response.status_code == 200
    assert "already has an ACTION 2" in response.content.decode()
    response = client.post(
        f"/action-plans/{plan.pk}/actions/new/",
        action_data(timeframe_end="2022-01-01", **{"targets-1-quantity": "5"}),
    )
    html = response.content.decode()
    assert "The timeframe ends before it starts." in html and "Say what is counted." in html
    assert plan.actions.count() == 1


def test_editing_an_action_keeps_its_targets_progress(client, people):
    plan = plan_of("PL")
    action = plan.actions.get()
    client.force_login(people["writer"])
    report(client, plan, status="in_progress", achieved=[20, None])
    response = client.get(f"/actions/{action.pk}/edit/")
    targets = response.context["targets"]
    data = action_data(
        number="2", title=action.title, measures="",
        **{"targets-TOTAL_FORMS": "4", "targets-INITIAL_FORMS": "2"},
    )  # fmt: skip
    for i, row in enumerate(targets.initial):
        data[f"targets-{i}-id"] = row["id"]
        data[f"targets-{i}-quantity"] = "50" if i == 0 else row["quantity"]
        data[f"targets-{i}-unit"] = row["unit"]
        data[f"targets-{i}-due_date"] = row["due_date"] or ""
    assert client.post(f"/actions/{action.pk}/edit/", data).status_code == 302
    first = action.targets.get(position=1)
    assert first.quantity == 50 and first.progress.get().achieved == 20
    assert "20 achieved so far (40 %)" in text(page(client, f"/action-plans/{plan.pk}/"))


# Reporting progress -----------------------------------------------------------------------
def report(client, plan, *, status, start="2023-01-01", end="2023-06-30", achieved=(), **entry):
    action = plan.actions.order_by("number").first()
    data = {"period_start": start, "period_end": end, "summary": "Half a year.",
            f"action-{action.number}-status": status}  # fmt: skip
    data.update({f"action-{action.number}-{k}": v for k, v in entry.items()})
    for target, value in zip(action.targets.order_by("position"), achieved, strict=False):
        data[f"target-{target.pk}-achieved"] = "" if value is None else value
    return client.post(f"/action-plans/{plan.pk}/reports/new/", data)


def dashboard(client):
    return client.get("/indicators/project/interventures/")


def test_reporting_progress_changes_the_plan_and_the_dashboard(client, people):
    plan = plan_of("PL")
    before = dashboard(client)
    assert before.context["board"].status_counts == {"no_report": 6}
    assert figures(before)["Actions implemented"][1] == "0 counted from the records"

    client.force_login(people["writer"])
    form = client.get(f"/action-plans/{plan.pk}/reports/new/")
    assert form.status_code == 200 and "Achieved so far of 48" in form.content.decode()
    response = report(client, plan, status="in_progress", achieved=[20, 5],
                      evidence="Training started in March.")  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("#reports")
    response = report(client, plan, status="implemented", start="2023-07-01",
                      end="2023-12-31", achieved=[48, 41], date="2023-11-15")  # fmt: skip
    assert response.status_code == 302

    client.logout()
    after = dashboard(client)
    assert after.context["board"].status_counts == {"no_report": 5, "implemented": 1}
    assert figures(after)["Actions implemented"][1] == "1 counted from the records"
    html = after.content.decode()
    assert "<title>Implemented: 1</title>" in html
    assert "31 December 2023, implemented: 1" in html  # the history chart
    assert "30 June 2023, in progress: 1" in html

    words = text(page(client, f"/action-plans/{plan.pk}/"))
    assert "48 achieved so far (100 %)" in words and "41 achieved so far (100 %)" in words
    assert "ACTION 2 in progress: Training started in March." in words
    assert "15 November 2023 ACTION 2 in progress → implemented" in words


def test_the_next_report_starts_where_the_last_one_ended(client, people):
    plan = plan_of("PL")
    client.force_login(people["writer"])
    report(client, plan, status="not_implemented", reason="No call yet.", achieved=[20, 40])
    form = client.get(f"/action-plans/{plan.pk}/reports/new/")
    html = form.content.decode()
    assert 'name="period_start" value="2023-07-01"' in html
    assert '<option value="not_implemented" selected>' in html
    assert "No call yet.</textarea>" in html  # still true unless the writer says otherwise
    assert 'value="40"' in html and "E+" not in html  # 40, not 4E+1
    edit = page(client, f"/actions/{plan.actions.get().pk}/edit/")
    assert 'name="targets-1-quantity" value="40"' in edit


def test_an_action_not_implemented_needs_a_reason(client, people):
    plan = plan_of("PL")
    client.force_login(people["writer"])
    response = report(client, plan, status="not_implemented")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say why the action was not implemented." in html and "Nothing was saved" in html
    assert not ActionProgress.objects.filter(action__plan=plan).exists()
    response = report(client, plan, status="not_implemented", reason="The call was cancelled.")
    assert response.status_code == 302


def test_one_report_per_period_end(client, people):
    plan = plan_of("PL")
    client.force_login(people["secretariat"])
    assert report(client, plan, status="in_progress").status_code == 302
    response = report(client, plan, status="implemented", start="2023-02-01")
    assert "already has a report for a period ending" in response.content.decode()


def test_progress_is_reported_on_approved_plans_only(client, people):
    plan = plan_of("PL")
    plan.status = PlanStatus.SUBMITTED
    plan.save()
    html = page(client, f"/action-plans/{plan.pk}/reports/new/", people["writer"])
    assert "Progress is reported on approved plans; this one is submitted." in html
    assert report(client, plan, status="implemented").status_code == 200
    assert not ActionProgress.objects.filter(action__plan=plan).exists()


def test_others_may_not_report(client, people):
    plan = plan_of("PL")
    client.force_login(people["partner"])
    assert report(client, plan, status="implemented").status_code == 403
    assert not Action.objects.filter(plan=plan, progress__isnull=False).exists()


# Queries ----------------------------------------------------------------------------------
def test_the_plan_page_takes_a_fixed_number_of_queries(
    client, people, django_assert_max_num_queries
):
    # 12 for the plan, its actions and their reports, 2 for the session, 4 for the roles,
    # 1 for the header (their unread messages).
    plan = plan_of("ES")  # two actions
    client.force_login(people["writer"])
    with django_assert_max_num_queries(19):
        client.get(f"/action-plans/{plan.pk}/")


def test_the_dashboard_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        client.get("/indicators/project/interventures/")
