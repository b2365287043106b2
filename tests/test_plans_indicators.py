"""Indicators counted from the records and rolled up per project, programme, country and
region, checked against figures worked out by hand from the sample data (seeds 000-004).

By hand: InterVentures has 8 events (4 interregional meetings: Pécs HU231, online, Rzeszów
PL823, Milan ITC4C; 2 thematic visits: Burgos ES412, Klaipėda LT023; the stakeholder
webinars; the online partner meeting of 2 December 2021), none in the future. Interreg
Europe 2014-2020 adds iEER's learning camps and peer reviews and ClusteriX 2.0's conference:
11. Five approved plans, one per country ES HU IT LT PL, six actions, no progress reported
yet, no good practice recorded (the 13 of seed 002 are a reported figure)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from corridor.learning.models import Event, EventType, GoodPractice, PracticeStatus
from corridor.organisations.models import Organisation
from corridor.plans import queries, services
from corridor.plans.models import Action, ActionPlan, ActionStatus, PlanStatus
from corridor.plans.queries import figures_by_indicator, indicator_figures, scope_of
from corridor.projects.models import Project

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)


def figures(kind: str, key: str) -> dict:
    """indicator -> (target, achieved) with the Decimals as plain numbers."""
    found = figures_by_indicator(indicator_figures(scope_of(kind, key), TODAY))

    def plain(value):
        return None if value is None else (int(value) if value == int(value) else value)

    return {k: (plain(f.target), plain(f.achieved)) for k, f in found.items()}


@pytest.fixture
def admin_user():
    return User.objects.create_superuser("curator", "curator@example.org", "pw")


def implement(user, action: Action, period_end=datetime.date(2022, 12, 31)):
    services.report_progress(
        user,
        action.plan,
        services.ProgressInput(
            period_start=datetime.date(2022, 1, 1),
            period_end=period_end,
            actions=[services.ActionReport(action, ActionStatus.IMPLEMENTED, evidence="Adopted")],
        ),
    )


def test_interventures():
    assert figures("project", "interventures") == {
        "policy_instruments": (5, None),
        "structural_funds": (5, None),
        "funds_influenced": (None, None),
        "good_practices": (None, 0),
        "people_capacity": (None, None),
        "learning_events": (6, 8),
        "action_plans": (5, 5),
        "actions_implemented": (None, 0),
    }


def test_the_reported_good_practices_stay_beside_the_counted_ones():
    scope = scope_of("project", "interventures")
    practices = figures_by_indicator(indicator_figures(scope, TODAY))["good_practices"]
    assert (practices.counted, practices.reported) == (0, Decimal("13"))


def test_the_programme_adds_the_other_projects_events():
    found = figures("programme", "interreg-europe-2014-2020")
    assert found["learning_events"] == (6, 11)
    assert found["action_plans"] == (5, 5)
    assert found["policy_instruments"] == (5, None)


@pytest.mark.parametrize(
    "kind, key, events",
    [
        ("country", "ES", 1),
        ("country", "HU", 1),
        ("country", "IT", 1),
        ("country", "LT", 1),
        ("country", "PL", 1),
        ("region", "ES41", 1),  # Castilla y León contains the province of Burgos
        ("region", "ES412", 1),
        ("region", "PL82", 1),
        ("region", "ITC4", 1),
        ("region", "LT02", 1),
    ],
)
def test_each_partner_country_and_region_has_its_plan_and_event(kind, key, events):
    found = figures(kind, key)
    assert found["action_plans"] == (None, 1)
    assert found["learning_events"] == (None, events)
    # Targets entered for the project as a whole belong to no single region.
    assert found["policy_instruments"] == (None, None)


def test_a_region_without_plans_counts_nothing():
    found = figures("region", "SE33")
    assert found["action_plans"] == (None, 0)
    assert found["learning_events"] == (None, 0)


def test_implemented_actions_roll_up_where_their_plan_is(admin_user):
    second = Action.objects.get(plan__partner__slug="ceei-burgos", number=2)
    implement(admin_user, second)
    assert figures("country", "ES")["actions_implemented"] == (None, 1)
    assert figures("region", "ES412")["actions_implemented"] == (None, 1)
    assert figures("project", "interventures")["actions_implemented"] == (None, 1)
    assert figures("programme", "interreg-europe-2014-2020")["actions_implemented"] == (None, 1)
    assert figures("country", "LT")["actions_implemented"] == (None, 0)


def test_only_the_latest_report_counts(admin_user):
    action = Action.objects.get(plan__partner__slug="klaipeda-id", number=1)
    implement(admin_user, action, datetime.date(2022, 6, 30))
    services.report_progress(
        admin_user,
        action.plan,
        services.ProgressInput(
            period_start=datetime.date(2022, 7, 1),
            period_end=datetime.date(2022, 12, 31),
            actions=[
                services.ActionReport(
                    action, ActionStatus.NOT_IMPLEMENTED, reason="The call was cancelled."
                )
            ],
        ),
    )
    assert figures("country", "LT")["actions_implemented"] == (None, 0)


def test_partner_figures_roll_up_to_their_regions(admin_user):
    project = Project.objects.get(slug="interventures")
    for slug, people in [("ceei-burgos", 30), ("sodebur", 20), ("klaipeda-id", 10)]:
        services.set_indicator(
            admin_user, project, "people_capacity",
            partner=Organisation.objects.get(slug=slug), target=Decimal(people * 2),
            achieved=Decimal(people),
        )  # fmt: skip
    assert figures("country", "ES")["people_capacity"] == (100, 50)
    assert figures("region", "ES412")["people_capacity"] == (100, 50)
    assert figures("country", "LT")["people_capacity"] == (20, 10)
    assert figures("project", "interventures")["people_capacity"] == (120, 60)
    assert figures("programme", "interreg-europe-2014-2020")["people_capacity"] == (120, 60)


def test_future_events_are_not_held_yet():
    project = Project.objects.get(slug="interventures")
    for day in (TODAY + datetime.timedelta(days=30), TODAY - datetime.timedelta(days=30)):
        Event.objects.create(
            type=EventType.PEER_REVIEW, title=f"Peer review {day}", project=project,
            start_date=day, country_code="ES",
        )  # fmt: skip
    assert figures("project", "interventures")["learning_events"] == (6, 9)
    assert figures("country", "ES")["learning_events"] == (None, 2)


def test_practices_count_once_the_project_approves_them():
    project = Project.objects.get(slug="interventures")
    burgos = Organisation.objects.get(slug="ceei-burgos")
    for status in (PracticeStatus.DRAFT, PracticeStatus.SUBMITTED, PracticeStatus.APPROVED,
                   PracticeStatus.VALIDATED):  # fmt: skip
        GoodPractice.objects.create(
            title=f"Practice {status}", project=project, organisation=burgos, status=status
        )
    assert figures("project", "interventures")["good_practices"] == (None, 2)
    assert figures("country", "ES")["good_practices"] == (None, 2)  # by the organisation
    assert figures("country", "LT")["good_practices"] == (None, 0)


def test_draft_plans_do_not_count():
    plan = ActionPlan.objects.get(partner__slug="pannon-egtc")
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    assert figures("country", "HU")["action_plans"] == (None, 0)
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
    assert figures("country", "HU")["action_plans"] == (None, 1)


def test_rollup_tables():
    by_country = queries.rollup("country", TODAY)
    assert [row.scope.key for row in by_country] == ["ES", "HU", "IT", "LT", "PL"]
    assert all(row.figures["action_plans"].achieved == 1 for row in by_country)
    (programme,) = queries.rollup("programme", TODAY)
    assert programme.scope.key == "interreg-europe-2014-2020"
    assert programme.figures["learning_events"].achieved == 11


def test_unknown_scopes_are_404():
    from django.http import Http404

    for kind, key in [("country", "XX"), ("region", "ZZ99"), ("project", "nope"),
                      ("programme", "nope"), ("planet", "earth")]:  # fmt: skip
        with pytest.raises(Http404):
            scope_of(kind, key)


def test_a_dashboard_follows_the_status_over_the_periods(admin_user):
    action = Action.objects.get(plan__partner__slug="ceei-burgos", number=1)
    plan = action.plan
    for end, status in [(datetime.date(2022, 6, 30), ActionStatus.IN_PROGRESS),
                        (datetime.date(2022, 12, 31), ActionStatus.IMPLEMENTED)]:  # fmt: skip
        services.report_progress(
            admin_user, plan,
            services.ProgressInput(
                period_start=end.replace(month=end.month - 5, day=1), period_end=end,
                actions=[services.ActionReport(action, status, evidence="Minutes")],
            ),
        )  # fmt: skip
    board = queries.dashboard(admin_user, "country", "ES", TODAY)
    assert board.status_counts == {"no_report": 1, "implemented": 1}
    assert [(p.date, p.counts["in_progress"], p.counts["implemented"]) for p in board.history] == [
        (datetime.date(2022, 6, 30), 1, 0),
        (datetime.date(2022, 12, 31), 0, 1),
    ]
    timeline = queries.plan_timeline(plan)
    assert [e.title for e in timeline] == [
        "ACTION 1 in progress",
        "ACTION 1 in progress → implemented",
    ]
