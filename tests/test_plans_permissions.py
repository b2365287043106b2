"""Who may write action plans and report their progress: the partner's members and the
programme's secretariat, not another partner of the project, not another project's member,
not anonymous. Everyone reads approved plans; drafts only those who work on them."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.learning.models import GoodPractice, PracticeStatus
from corridor.organisations.models import Organisation
from corridor.plans import queries, roles, services
from corridor.plans.models import (
    Action,
    ActionPlan,
    ActionStatus,
    PlanStatus,
    PolicyInstrument,
    ProgressReport,
)
from corridor.projects.models import Programme, Project
from people import member, secretariat_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return Project.objects.get(slug="interventures")


@pytest.fixture
def people(project):
    other_programme = Programme.objects.exclude(pk=project.programme_id).first()
    return {
        "owner": member("owner", "pannon-egtc"),
        "colleague": member("colleague", "klaipeda-id"),  # another InterVentures partner
        "outsider": member("outsider", "mita"),  # ClusterFY's lead partner
        "secretariat": secretariat_member("js", project.programme.slug),
        "other_secretariat": secretariat_member("other-js", other_programme.slug),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def instrument(people):
    return services.save_instrument(
        people["owner"],
        {"name": "Hungary – Croatia cross-border SME scheme", "type": "territorial",
         "territory": "Hungary – Croatia", "country_code": "HU"},
    )  # fmt: skip


@pytest.fixture
def draft(people, project, instrument):
    return services.create_plan(
        people["owner"],
        {"project": project, "partner": Organisation.objects.get(slug="pannon-egtc"),
         "policy_instrument": instrument, "title": "Second Hungarian plan"},
    )  # fmt: skip


def plan_values(project, instrument, partner="pannon-egtc"):
    return {"project": project, "partner": Organisation.objects.get(slug=partner),
            "policy_instrument": instrument}  # fmt: skip


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("owner", True),
        ("secretariat", True),
        ("colleague", False),
        ("outsider", False),
        ("other_secretariat", False),
        ("anonymous", False),
    ],  # fmt: skip
)
def test_who_may_write_a_partner_s_plan(people, project, instrument, who, allowed):
    values = plan_values(project, instrument)
    if allowed:
        plan = services.create_plan(people[who], values)
        assert plan.status == PlanStatus.DRAFT and plan.country_code == "HU"
    else:
        with pytest.raises(PermissionDenied):
            services.create_plan(people[who], values)
        assert not ActionPlan.objects.filter(policy_instrument=instrument).exists()


def test_a_plan_is_written_by_a_partner_of_the_project(people, project, instrument):
    with pytest.raises(ValidationError, match="not a partner of InterVentures"):
        services.create_plan(people["secretariat"], plan_values(project, instrument, "mita"))


def test_anonymous_may_not_describe_instruments(people):
    with pytest.raises(PermissionDenied):
        services.save_instrument(people["anonymous"], {"name": "Anything"})
    assert not PolicyInstrument.objects.filter(name="Anything").exists()


def test_instrument_slugs_stay_unique(people):
    first = services.save_instrument(people["owner"], {"name": "Regional SME scheme"})
    second = services.save_instrument(people["owner"], {"name": "Regional SME scheme"})
    assert (first.slug, second.slug) == ("regional-sme-scheme", "regional-sme-scheme-2")


@pytest.mark.parametrize(
    "who, sees",
    [
        ("owner", True),
        ("colleague", True),
        ("secretariat", True),
        ("outsider", False),
        ("other_secretariat", False),
        ("anonymous", False),
    ],  # fmt: skip
)
def test_who_reads_a_draft(people, draft, who, sees):
    assert roles.can_view_plan(people[who], draft) is sees
    listed = queries.search_plans(people[who]).filter(pk=draft.pk).exists()
    assert listed is sees


def test_everyone_reads_approved_plans(people):
    approved = ActionPlan.objects.filter(status=PlanStatus.APPROVED)
    for user in people.values():
        assert queries.search_plans(user).filter(status=PlanStatus.APPROVED).count() == 5
        assert all(roles.can_view_plan(user, p) for p in approved)


def test_a_co_author_s_member_edits_the_plan(people):
    municipality = member("municipality", "klaipeda-municipal-administration")
    lithuanian = ActionPlan.objects.get(partner__slug="klaipeda-id")
    assert roles.can_edit_plan(municipality, lithuanian)
    assert roles.can_edit_plan(people["colleague"], lithuanian)  # klaipeda-id writes it
    assert not roles.can_edit_plan(people["owner"], lithuanian)


@pytest.mark.parametrize("who", ["colleague", "outsider", "anonymous", "other_secretariat"])
def test_others_may_not_change_a_plan_or_its_actions(people, draft, who):
    with pytest.raises(PermissionDenied):
        services.update_plan(people[who], draft, {"title": "Taken over"})
    with pytest.raises(PermissionDenied):
        services.save_action(people[who], draft, {"number": 1, "title": "Sneaked in"})
    assert ActionPlan.objects.get(pk=draft.pk).title == "Second Hungarian plan"
    assert not draft.actions.exists()


def test_the_partner_writes_actions_with_what_inspired_them(people, project, draft):
    practice = GoodPractice.objects.create(
        title="Preparedness test", project=project, status=PracticeStatus.VALIDATED
    )
    action = services.save_action(
        people["owner"], draft,
        {"number": 1, "title": "Preparedness test for SMEs", "costs": 120000,
         "timeframe_start": datetime.date(2022, 1, 1), "timeframe_end": datetime.date(2023, 6, 30)},
        measures=["Test", "", "Development plan"],
        targets=[{"quantity": 40, "unit": "SMEs tested"}],
        practices=[practice],
    )  # fmt: skip
    assert [m.text for m in action.measures.all()] == ["Test", "Development plan"]
    assert [str(t) for t in action.targets.all()] == ["40 SMEs tested"]
    assert list(practice.inspired_actions.all()) == [action]


@pytest.mark.parametrize(
    "values, field",
    [
        (
            {
                "number": 1,
                "title": "Backwards",
                "timeframe_start": datetime.date(2023, 1, 1),
                "timeframe_end": datetime.date(2022, 1, 1),
            },
            "timeframe_end",
        ),  # fmt: skip
        ({"number": 1, "title": "Negative", "costs": -5}, "costs"),
        ({"number": 0, "title": "Zero"}, "number"),
        ({"number": 1, "title": ""}, "title"),
    ],
)
def test_bad_actions_are_refused(people, draft, values, field):
    with pytest.raises(ValidationError) as refused:
        services.save_action(people["owner"], draft, values)
    assert field in refused.value.message_dict
    assert not draft.actions.exists()


def test_action_numbers_do_not_repeat(people, draft):
    services.save_action(people["owner"], draft, {"number": 1, "title": "First"})
    with pytest.raises(ValidationError, match="already has an ACTION 1"):
        services.save_action(people["owner"], draft, {"number": 1, "title": "Again"})


def test_the_workflow_steps(people, draft):
    with pytest.raises(PermissionDenied):
        services.step_plan(people["colleague"], draft, "submit")
    services.step_plan(people["owner"], draft, "submit")
    with pytest.raises(PermissionDenied):
        services.step_plan(people["owner"], draft, "approve")  # not their own plan
    with pytest.raises(PermissionDenied):
        services.step_plan(people["other_secretariat"], draft, "approve")
    plan = services.step_plan(people["secretariat"], draft, "approve", datetime.date(2022, 1, 10))
    assert (plan.status, plan.approved_on) == (PlanStatus.APPROVED, datetime.date(2022, 1, 10))
    assert queries.plan_timeline(plan)[0].title == "Plan approved"
    with pytest.raises(ValidationError):
        services.step_plan(people["secretariat"], plan, "publish")
    with pytest.raises(PermissionDenied):
        services.step_plan(people["owner"], plan, "reopen")
    plan = services.step_plan(people["secretariat"], plan, "reopen")
    assert (plan.status, plan.approved_on) == (PlanStatus.DRAFT, None)
    assert not roles.can_view_plan(people["anonymous"], plan)


def test_an_action_is_reported_once_per_report(people, hungarian_action):
    twice = report(hungarian_action, ActionStatus.IN_PROGRESS, datetime.date(2022, 6, 30))
    twice.actions *= 2
    with pytest.raises(ValidationError, match="once per report"):
        services.report_progress(people["owner"], hungarian_action.plan, twice)
    assert not ProgressReport.objects.exists()


def report(action, status, end, **kwargs):
    return services.ProgressInput(
        period_start=end.replace(day=1), period_end=end,
        actions=[services.ActionReport(action, status, **kwargs)],
    )  # fmt: skip


@pytest.fixture
def hungarian_action():
    return Action.objects.get(plan__partner__slug="pannon-egtc", number=1)


@pytest.mark.parametrize("who", ["colleague", "outsider", "anonymous", "other_secretariat"])
def test_others_may_not_report_progress(people, hungarian_action, who):
    with pytest.raises(PermissionDenied):
        services.report_progress(
            people[who], hungarian_action.plan,
            report(hungarian_action, ActionStatus.IN_PROGRESS, datetime.date(2022, 6, 30)),
        )  # fmt: skip
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("who", ["owner", "secretariat"])
def test_the_partner_and_the_secretariat_report_progress(people, hungarian_action, who):
    saved = services.report_progress(
        people[who], hungarian_action.plan,
        report(hungarian_action, ActionStatus.IN_PROGRESS, datetime.date(2022, 6, 30),
               evidence="Call for SMEs published", evidence_url="https://example.org/call"),
    )  # fmt: skip
    assert saved.reported_by == people[who]
    assert [e.status for e in saved.entries.all()] == [ActionStatus.IN_PROGRESS]


def test_progress_is_reported_on_approved_plans_only(people, draft):
    action = services.save_action(people["owner"], draft, {"number": 1, "title": "First"})
    with pytest.raises(ValidationError, match="approved plans"):
        services.report_progress(
            people["owner"], draft,
            report(action, ActionStatus.IN_PROGRESS, datetime.date(2022, 6, 30)),
        )  # fmt: skip


def test_a_bad_report_writes_nothing(people, hungarian_action):
    owner, plan = people["owner"], hungarian_action.plan
    with pytest.raises(ValidationError, match="Say why"):
        services.report_progress(
            owner, plan, report(hungarian_action, ActionStatus.NOT_IMPLEMENTED,
                                datetime.date(2022, 6, 30)),
        )  # fmt: skip
    assert not ProgressReport.objects.exists()
    polish = Action.objects.get(plan__partner__slug="rzeszow-regional-development-agency")
    with pytest.raises(ValidationError, match="another plan"):
        services.report_progress(
            owner, plan, report(polish, ActionStatus.IN_PROGRESS, datetime.date(2022, 6, 30))
        )
    assert not ProgressReport.objects.exists()


def test_one_report_per_period(people, hungarian_action):
    end = datetime.date(2022, 6, 30)
    services.report_progress(
        people["owner"], hungarian_action.plan,
        report(hungarian_action, ActionStatus.IN_PROGRESS, end),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already has a report"):
        services.report_progress(
            people["owner"], hungarian_action.plan,
            report(hungarian_action, ActionStatus.IMPLEMENTED, end),
        )  # fmt: skip
    assert ProgressReport.objects.count() == 1


def test_targets_record_what_was_achieved(people):
    polish = Action.objects.get(plan__partner__slug="rzeszow-regional-development-agency")
    rzeszow = member("rzeszow", "rzeszow-regional-development-agency")
    trained, grants = polish.targets.all()
    progress = report(polish, ActionStatus.IN_PROGRESS, datetime.date(2022, 12, 31))
    progress.targets = {trained: 30, grants: 12}
    services.report_progress(rzeszow, polish.plan, progress)
    page = queries.plan_detail(AnonymousUser(), polish.plan_id)
    assert [r.achieved for r in page.target_progress[trained.pk]] == [30]
    progress = report(polish, ActionStatus.IN_PROGRESS, datetime.date(2023, 6, 30))
    progress.targets = {trained: -1}
    with pytest.raises(ValidationError, match="negative"):
        services.report_progress(rzeszow, polish.plan, progress)


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("owner", True),
        ("colleague", True),
        ("secretariat", True),
        ("outsider", False),
        ("anonymous", False),
    ],  # fmt: skip
)
def test_who_enters_indicators(people, project, who, allowed):
    if allowed:
        value = services.set_indicator(people[who], project, "people_capacity", target=40)
        assert value.target == 40
    else:
        with pytest.raises(PermissionDenied):
            services.set_indicator(people[who], project, "people_capacity", target=40)


def test_an_indicator_is_entered_at_one_level(people, project):
    services.set_indicator(people["owner"], project, "good_practices", target=15)  # project-wide
    with pytest.raises(ValidationError, match="as a whole"):
        services.set_indicator(
            people["owner"], project, "good_practices",
            partner=Organisation.objects.get(slug="pannon-egtc"), achieved=2,
        )  # fmt: skip


def test_nobody_s_e_mail_is_in_a_plan_page(people, hungarian_action, client):
    services.report_progress(
        people["owner"], hungarian_action.plan,
        report(hungarian_action, ActionStatus.IN_PROGRESS, datetime.date(2022, 6, 30)),
    )  # fmt: skip
    response = client.get(f"/action-plans/{hungarian_action.plan_id}/")
    assert response.status_code == 200
    assert "owner@example.org" not in response.content.decode()


def test_a_plan_may_be_written_with_an_organisation_outside_the_project(people):
    rzeszow = member("rzeszow", "rzeszow-regional-development-agency")
    polish = ActionPlan.objects.get(partner__slug="rzeszow-regional-development-agency")
    association = polish.co_authors.get()  # not a partner of InterVentures
    plan = services.update_plan(rzeszow, polish, {"title": "Poland"}, co_authors=[association])
    assert list(plan.co_authors.all()) == [association]
    with pytest.raises(ValidationError, match="co-authors are the others"):
        services.update_plan(rzeszow, polish, {}, co_authors=[polish.partner])
    assert list(ActionPlan.objects.get(pk=polish.pk).co_authors.all()) == [association]
