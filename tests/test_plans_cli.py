"""`corridor plans` and `corridor indicators`: the operator reads what everyone may read,
approved plans only, and the indicator tables of the dashboards."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from corridor.cli import main
from corridor.community.models import Membership
from corridor.organisations.models import Organisation
from corridor.plans import services
from corridor.plans.models import ActionPlan, PolicyInstrument
from corridor.projects.models import Project

pytestmark = pytest.mark.django_db


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def rows(out: str) -> list[list[str]]:
    """The table's lines split on runs of two or more spaces."""
    import re

    return [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]


@pytest.fixture
def writer(db):
    user = User.objects.create_user("writer", "writer@example.org", "pw")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(slug="rzeszow-regional-development-agency")
    )
    return user


@pytest.fixture
def polish():
    return ActionPlan.objects.get(project__acronym="InterVentures", country_code="PL")


def test_help_says_the_commands_show_approved_plans(capsys):
    with pytest.raises(SystemExit) as done:
        main(["plans", "--help"])
    assert done.value.code == 0
    assert "approved plans only" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "plans" in out and "indicators" in out


def test_list_is_a_table_of_the_approved_plans(capsys, polish):
    status, out, _ = run(capsys, "plans", "list")
    assert status == 0
    table = rows(out)
    assert table[0] == ["ID", "PROJECT", "COUNTRY", "PARTNER", "STATUS", "ACTIONS", "IMPLEMENTED"]
    assert table[-1] == ["5 action plans"]
    assert [row[2] for row in table[1:-1]] == ["ES", "HU", "IT", "LT", "PL"]
    assert table[5] == [
        str(polish.pk), "InterVentures", "PL", "Rzeszów Regional Development Agency", "Approved",
        "1", "0",
    ]  # fmt: skip
    assert rows(run(capsys, "plans", "list", "--country", "es")[1])[1][-2:] == ["2", "0"]
    assert run(capsys, "plans", "list", "--project", "clusterfy")[1].endswith("0 action plans\n")
    assert len(rows(run(capsys, "plans", "list", "--project", "interventures")[1])) == 7


def test_drafts_stay_out_of_the_cli(capsys, writer):
    draft = services.create_plan(
        writer,
        {
            "project": Project.objects.get(acronym="InterVentures"),
            "partner": Organisation.objects.get(slug="rzeszow-regional-development-agency"),
            "policy_instrument": PolicyInstrument.objects.create(name="Draft fund", slug="d"),
        },
    )
    assert "5 action plans" in run(capsys, "plans", "list")[1]
    assert "0 action plans" in run(capsys, "plans", "list", "--status", "draft")[1]
    status, out, err = run(capsys, "plans", "show", str(draft.pk))
    assert status == 1 and out == ""
    assert f"No action plan {draft.pk}." in err
    assert "approved plans only" in err


def test_show_prints_the_plan_with_its_numbered_actions_and_targets(capsys, polish):
    status, out, _ = run(capsys, "plans", "show", str(polish.pk))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("Poland (Rzeszow Regional Development Agency")
    assert "Partner: Rzeszów Regional Development Agency; with Association of the Carpathian " \
        "Euroregion Poland" in lines  # fmt: skip
    assert "Territory: Poland, NUTS PL82" in lines
    assert "Status: Approved" in lines
    assert "ACTION 2: Young people working on their own" in lines
    assert "  Inspired by: document InterVentures situation analysis reports" in lines
    targets = [line for line in lines if line.startswith("    - ")]
    assert targets[0].startswith("    - 48 professionally inactive young people")
    assert targets[1].startswith("    - 40 people given non-refundable grants")
    assert targets[1].endswith("by 30 June 2023; nothing reported yet")
    assert "  Current status: No report yet" in lines
    assert "PROGRESS REPORTS" not in lines


def test_show_and_list_follow_the_progress_reported(capsys, writer, polish):
    action = polish.actions.get(number=2)
    trained, grants = action.targets.order_by("position")
    services.report_progress(
        writer,
        polish,
        services.ProgressInput(
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2022, 12, 31),
            summary="Training held.",
            actions=[services.ActionReport(action, "implemented", evidence="48 trained")],
            targets={trained: Decimal("48"), grants: Decimal("12")},
        ),
    )
    out = run(capsys, "plans", "show", str(polish.pk))[1]
    lines = out.splitlines()
    assert "  Current status: Implemented" in lines
    assert "by 30 June 2023; 12 achieved by 31 December 2022" in out
    assert "    ACTION 2: Implemented (48 trained)" in lines
    assert "  2022-12-31  ACTION 2 implemented (48 trained)" in lines
    assert rows(run(capsys, "plans", "list", "--country", "PL")[1])[1][-2:] == ["1", "1"]
    table = rows(run(capsys, "indicators", "country", "PL")[1])
    assert ["Actions implemented", "-", "1", "1", "-"] in table


def test_indicators_of_a_project(capsys):
    status, out, _ = run(capsys, "indicators", "project", "interventures")
    assert status == 0
    table = rows(out)
    assert table[0] == ["Indicators of InterVentures (project)"]
    assert table[1] == ["INDICATOR", "TARGET", "ACHIEVED", "COUNTED", "REPORTED"]
    assert ["Action plans", "5", "5", "5", "-"] in table
    assert ["Policy instruments improved", "5", "-", "-", "-"] in table
    good_practices = next(row for row in table if row[0] == "Good practices identified")
    assert good_practices[-1] == "13"  # as reported on the seed page
    assert "Actions of approved plans: 6 (no report yet 6," in out

    data = json.loads(run(capsys, "indicators", "project", "interventures", "--format", "json")[1])
    assert data["scope"] == {
        "kind": "project", "key": "interventures", "label": "InterVentures",
        "url": "/projects/interventures/",
    }  # fmt: skip
    plans = next(f for f in data["figures"] if f["indicator"] == "action_plans")
    assert plans == {
        "indicator": "action_plans", "label": "Action plans", "target": "5.00",
        "reported": None, "counted": 5, "achieved": "5.00", "percent": 100,
    }  # fmt: skip
    assert data["action_status_counts"]["no_report"] == 6
    assert data["action_total"] == 6 and data["history"] == []


def test_indicators_of_places_and_the_rollups(capsys):
    assert run(capsys, "indicators", "region", "PL82")[0] == 0
    status, _, err = run(capsys, "indicators", "country", "XX")
    assert status == 1 and "No country 'XX'." in err

    status, out, _ = run(capsys, "indicators", "rollup", "country")
    assert status == 0
    table = rows(out)
    assert table[0][0] == "COUNTRY"
    by_country = {row[0]: row for row in table[1:-1]}
    for name in ("Hungary", "Italy", "Lithuania", "Spain", "Poland"):
        assert by_country[name][7] == "1", name  # (7) action plans
    assert "(7) Action plans" in out

    data = json.loads(run(capsys, "indicators", "rollup", "programme", "--format", "json")[1])
    assert data["kind"] == "programme"
    assert [row["scope"]["key"] for row in data["rows"]] == ["interreg-europe-2014-2020"]

    status, _, err = run(capsys, "indicators", "rollup", "region")
    assert status == 2 and "country or programme" in err
