"""`--format json` of the CLI prints what the API answers for the same thing, field for
field: the indicators and their roll-ups, the action plans and one plan in full, and a
search with its filter counts."""

import datetime
import json
from decimal import Decimal

import pytest

from corridor.cli import main
from corridor.learning.models import Document
from corridor.plans import services
from corridor.plans.models import ActionPlan
from people import member

pytestmark = pytest.mark.django_db


def cli_json(capsys, *argv):
    assert main([*argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "kind, key",
    [
        ("project", "interventures"),
        ("programme", "interreg-europe-2014-2020"),
        ("country", "PL"),
        ("region", "PL82"),
    ],
)
def test_indicators(capsys, api_get, kind, key):
    data = cli_json(capsys, "indicators", kind, key)
    assert data == api_get(f"/indicators/{kind}/{key}")
    assert {"percent", "action_total", "history"} <= set(data["figures"][0]) | set(data)


@pytest.mark.parametrize("kind", ["country", "programme"])
def test_rollups(capsys, api_get, kind):
    data = cli_json(capsys, "indicators", "rollup", kind)
    assert data == api_get(f"/indicators/rollup/{kind}")
    assert data["rows"]


def test_plans_list(capsys, api_get):
    assert cli_json(capsys, "plans", "list") == api_get("/action-plans", limit=200)["items"]
    polish = cli_json(capsys, "plans", "list", "--country", "PL")
    assert polish == api_get("/action-plans", country="PL")["items"]
    assert [plan["country_code"] for plan in polish] == ["PL"]


@pytest.fixture
def reported():
    """The Polish plan with a progress report whose evidence is a document."""
    plan = ActionPlan.objects.get(project__slug="interventures", country_code="PL")
    action = plan.actions.get(number=2)
    trained, grants = action.targets.order_by("position")
    services.report_progress(
        member("rzeszow", "rzeszow-regional-development-agency"),
        plan,
        services.ProgressInput(
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2022, 12, 31),
            summary="Training held.",
            actions=[
                services.ActionReport(
                    action,
                    "implemented",
                    evidence="48 trained",
                    evidence_document=Document.objects.first(),
                )  # fmt: skip
            ],
            targets={trained: Decimal("48"), grants: Decimal("12.5")},
        ),
    )
    return plan


def test_plan_show(capsys, api_get, reported):
    data = cli_json(capsys, "plans", "show", str(reported.pk))
    assert data == api_get(f"/action-plans/{reported.pk}")
    (report,) = data["reports"]
    assert report["entries"][0]["evidence_document"]["url"].startswith("/documents/")
    assert {t["achieved"] for t in report["targets"]} == {"48.00", "12.50"}


def test_every_plan_shows_as_the_api_gives_it(capsys, api_get):
    for pk in ActionPlan.objects.values_list("pk", flat=True):
        assert cli_json(capsys, "plans", "show", str(pk)) == api_get(f"/action-plans/{pk}")


@pytest.mark.parametrize(
    "argv, params",
    [
        (["innovation"], {"q": "innovation"}),
        (
            ["cluster", "--type", "project", "--country", "ES", "--sort=-date"],
            {"q": "cluster", "type": "project", "country": "ES", "sort": "-date"},
        ),
        (["--type", "organisation", "--page", "2"], {"type": "organisation", "page": "2"}),
    ],
)
def test_search(capsys, api_get, argv, params):
    data = cli_json(capsys, "search", *argv)
    assert data == api_get("/search", **params)
    assert data["total"] and data["facets"]


@pytest.mark.parametrize(
    "kind, key, path",
    [
        ("project", "interventures", "/projects/interventures/network"),
        ("organisation", "tci-network", "/organisations/tci-network/network"),
        ("region", "SE33", "/regions/SE33/network"),
        ("programme", "interreg-europe-2014-2020", "/programmes/interreg-europe-2014-2020/network"),
    ],
)
def test_network(capsys, api_get, kind, key, path):
    data = cli_json(capsys, "network", kind, key)
    assert data == api_get(path)
    assert data["organisations"]["members"] and data["organisations"]["edges"]


def test_network_of_an_unknown_record_fails(capsys):
    assert main(["network", "project", "nope"]) == 1
    assert "nope" in capsys.readouterr().err
