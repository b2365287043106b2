"""Deleting an action of a plan: its writers may, after a confirmation page, and its
progress entries and targets go with it; nobody else may. Sending an approved plan back to
draft asks first where JavaScript runs, and simply submits where it does not."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from corridor.plans import services
from corridor.plans.models import (
    Action,
    ActionPlan,
    ActionProgress,
    ActionStatus,
    ActionTarget,
    PlanStatus,
    ProgressReport,
    TargetProgress,
)
from people import member, secretariat_member

pytestmark = pytest.mark.django_db
PLANS_JS = Path(__file__).parents[1] / "src/corridor/plans/static/plans/plans.js"


@pytest.fixture
def people(db):
    secretariat = secretariat_member("js")
    return {
        "writer": member("writer", "ceei-burgos"),  # the Spanish plan, ACTIONs 1 and 2
        "partner": member("partner", "klaipeda-id"),  # another InterVentures partner
        "outsider": member("outsider", "mita"),  # ClusterFY's lead partner
        "secretariat": secretariat,
    }


@pytest.fixture
def spanish():
    return ActionPlan.objects.get(project__slug="interventures", country_code="ES")


@pytest.fixture
def reported(people, spanish):
    """ACTION 1 with a target, and a report on both actions and that target."""
    first, second = spanish.actions.order_by("number")
    target = ActionTarget.objects.create(action=first, quantity=10, unit="loans")
    services.report_progress(
        people["writer"], spanish,
        services.ProgressInput(
            period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2022, 12, 31),
            actions=[services.ActionReport(first, ActionStatus.IMPLEMENTED),
                     services.ActionReport(second, ActionStatus.IN_PROGRESS)],
            targets={target: 4},
        ),
    )  # fmt: skip
    return first


def text(html: str) -> str:
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([:;,.)?])", r"\1", words)


def test_a_writer_deletes_an_action_after_confirming(client, people, spanish, reported):
    action = reported
    client.force_login(people["writer"])
    edit = client.get(f"/actions/{action.pk}/edit/").content.decode()
    assert f'<a href="/actions/{action.pk}/delete/">Delete ACTION 1</a>' in edit

    confirm = client.get(f"/actions/{action.pk}/delete/")
    assert confirm.status_code == 200
    html = confirm.content.decode()
    words = text(html)
    assert f"Delete ACTION 1: {action.title}?" in words
    assert "its 1 target and the progress reported on it in 1 report" in words
    assert "The plan is approved" in words
    form = re.search(
        r'<form method="post" class="plan-form delete-action">(.*?)</form>', html, re.S
    )
    assert form, "a form that posts to the page itself"
    assert '<button type="submit">Delete ACTION 1</button>' in form[1]
    assert Action.objects.filter(pk=action.pk).exists()  # a GET deletes nothing

    response = client.post(f"/actions/{action.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == f"/action-plans/{spanish.pk}/#actions-heading"
    assert not Action.objects.filter(pk=action.pk).exists()
    assert not ActionProgress.objects.filter(action_id=action.pk).exists()
    assert not ActionTarget.objects.filter(action_id=action.pk).exists()
    assert not TargetProgress.objects.filter(report__plan=spanish).exists()
    report = ProgressReport.objects.get(plan=spanish)  # the report stays, with ACTION 2
    assert [e.action.number for e in report.entries.all()] == [2]

    page = client.get(f"/action-plans/{spanish.pk}/")
    html = page.content.decode()
    assert "ACTION 1 is deleted." in html
    assert re.findall(r'id="action-(\d+)"', html) == ["2"]


def test_the_secretariat_may_delete_an_action(client, people, spanish):
    action = spanish.actions.get(number=2)
    client.force_login(people["secretariat"])
    assert client.post(f"/actions/{action.pk}/delete/").status_code == 302
    assert list(spanish.actions.values_list("number", flat=True)) == [1]


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_others_may_not_delete_an_action(client, people, spanish, reported, who):
    client.force_login(people[who])
    url = f"/actions/{reported.pk}/delete/"
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
        assert "Only members of the partner organisation" in text(response.content.decode())
    assert Action.objects.filter(pk=reported.pk).exists()
    assert ActionProgress.objects.filter(action=reported).exists()
    with pytest.raises(PermissionDenied):
        services.delete_action(people[who], reported)
    assert Action.objects.filter(pk=reported.pk).exists()


def test_anonymous_people_are_sent_to_sign_in(client, spanish):
    action = spanish.actions.get(number=1)
    for response in (client.get(f"/actions/{action.pk}/delete/"),
                     client.post(f"/actions/{action.pk}/delete/")):  # fmt: skip
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert Action.objects.filter(pk=action.pk).exists()


def test_a_draft_s_action_is_not_found_by_those_who_may_not_read_it(client, people, spanish):
    spanish.status = PlanStatus.DRAFT
    spanish.save()
    action = spanish.actions.get(number=1)
    client.force_login(people["outsider"])
    assert client.post(f"/actions/{action.pk}/delete/").status_code == 404
    assert client.post("/actions/999999/delete/").status_code == 404
    assert Action.objects.filter(pk=action.pk).exists()


# Sending an approved plan back to draft ---------------------------------------------------
def step_forms(html: str) -> dict[str, str]:
    """Each step button's value with the opening tag of its form."""
    return {
        step: form
        for form, step in re.findall(
            r'(<form method="post" action="/action-plans/\d+/step/"[^>]*>).*?'
            r'name="step" value="(\w+)"',
            html,
            re.S,
        )
    }


def test_sending_an_approved_plan_back_to_draft_asks_first(client, people, spanish):
    client.force_login(people["secretariat"])
    html = client.get(f"/action-plans/{spanish.pk}/").content.decode()
    reopen = step_forms(html)["reopen"]
    assert 'data-confirm="Send the approved plan back to draft?' in reopen
    assert "plans/plans.js" in html
    script = PLANS_JS.read_text()
    assert 'querySelectorAll("form[data-confirm]")' in script and "preventDefault" in script
    # Without JavaScript the button simply submits.
    response = client.post(f"/action-plans/{spanish.pk}/step/", {"step": "reopen"})
    assert response.status_code == 302
    spanish.refresh_from_db()
    assert spanish.status == PlanStatus.DRAFT


def test_a_submitted_plan_goes_back_to_draft_without_asking(client, people, spanish):
    spanish.status = PlanStatus.SUBMITTED
    spanish.save()
    client.force_login(people["secretariat"])
    forms = step_forms(client.get(f"/action-plans/{spanish.pk}/").content.decode())
    assert set(forms) == {"approve", "reopen"}
    assert not any("data-confirm" in form for form in forms.values())
