"""The InterVentures action plans exactly as seed 002 states them, imported atomically and
idempotently; bad input names the row and the field and writes nothing."""

import datetime
import json
from decimal import Decimal

import pytest

from corridor.lib.imports.report import ImportFailed
from corridor.plans.imports import SEED_FILE, import_plans
from corridor.plans.models import Action, ActionPlan, IndicatorValue, PlanStatus, PolicyInstrument

pytestmark = pytest.mark.django_db


def plan_of(partner_slug: str) -> ActionPlan:
    return ActionPlan.objects.get(project__acronym="InterVentures", partner__slug=partner_slug)


def counts():
    return (
        PolicyInstrument.objects.count(),
        ActionPlan.objects.count(),
        Action.objects.count(),
        IndicatorValue.objects.count(),
    )


def test_five_plans_each_for_its_own_instrument():
    assert counts() == (5, 5, 6, 5)
    plans = ActionPlan.objects.filter(project__acronym="InterVentures")
    assert sorted(p.country_code for p in plans) == ["ES", "HU", "IT", "LT", "PL"]
    assert len({p.policy_instrument_id for p in plans}) == 5
    assert {p.status for p in plans} == {PlanStatus.APPROVED}
    assert all("implementing them in 2022" in p.note for p in plans)  # the reading is recorded


def test_hungary_action_1():
    plan = plan_of("pannon-egtc")
    assert plan.title == "Hungary (PANNON EGTC, Hungary – Croatia)"
    assert plan.policy_instrument.territory == "Hungary – Croatia"
    (action,) = plan.actions.all()
    assert action.number == 1
    assert action.title == "Amended regional cross-border support scheme"
    assert "“preparedness test”" in action.description
    assert "financial assistance to implement the key elements of the plan" in action.description


def test_lithuania_is_written_by_klaipeda_id_with_the_municipality():
    plan = plan_of("klaipeda-id")
    assert [o.slug for o in plan.co_authors.all()] == ["klaipeda-municipal-administration"]
    assert plan.region.code == "LT023"
    (action,) = plan.actions.all()
    assert action.title.startswith("Acceleration services for startups in creative industries")


def test_italy_action_1_has_its_three_measures_in_order():
    (action,) = plan_of("unioncamere-lombardia").actions.all()
    assert action.title == "Digitalisation can enhance SMEs’ internationalization"
    measures = [m.text for m in action.measures.all()]
    assert len(measures) == 3
    assert measures[0] == "specific regional measures;"
    assert measures[1].startswith("a set of services and activities")
    assert measures[2].startswith("participation in initiatives aimed at starting up")


def test_spain_has_actions_1_and_2_by_ceei_burgos_and_sodebur():
    plan = plan_of("ceei-burgos")
    assert [o.slug for o in plan.co_authors.all()] == ["sodebur"]
    actions = list(plan.actions.all())
    assert [a.number for a in actions] == [1, 2]
    assert "training programmes on internationalization" in actions[0].title
    assert "financial instruments" in actions[1].title


def test_poland_action_2_with_its_targets():
    plan = plan_of("rzeszow-regional-development-agency")
    assert [o.name for o in plan.co_authors.all()] == [
        "Association of the Carpathian Euroregion Poland"
    ]
    (action,) = plan.actions.all()
    assert (action.number, action.title) == (2, "Young people working on their own")
    trained, grants = action.targets.all()
    assert trained.quantity == Decimal("48") and "aged 18-29" in trained.unit
    assert grants.quantity == Decimal("40")
    assert grants.due_date == datetime.date(2023, 6, 30)


def test_every_action_leads_back_to_the_situation_analysis_reports():
    for action in Action.objects.filter(plan__project__acronym="InterVentures"):
        titles = [d.title for d in action.inspired_by_documents.all()]
        assert titles == ["InterVentures situation analysis reports"]


def test_the_indicator_figures_the_seeds_state():
    values = {
        v.indicator: (v.target, v.achieved)
        for v in IndicatorValue.objects.filter(project__acronym="InterVentures")
    }
    assert values == {
        "policy_instruments": (Decimal("5"), None),
        "structural_funds": (Decimal("5"), None),
        "action_plans": (Decimal("5"), None),
        "learning_events": (Decimal("6"), None),
        "good_practices": (None, Decimal("13")),
    }


def test_a_second_run_changes_nothing():
    report = import_plans()
    assert report.total("created") == 0 and report.total("changed") == 0
    assert counts() == (5, 5, 6, 5)


def test_a_curator_s_change_is_put_back():
    action = Action.objects.get(title="Young people working on their own")
    action.title = "edited"
    action.save()
    report = import_plans()
    assert report.counts[("action", "changed")] == 1
    assert Action.objects.get(pk=action.pk).title == "Young people working on their own"


def write(tmp_path, data) -> str:
    path = tmp_path / "plans.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def seed_data():
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    # A new plan first, so that a failure later in the file would have something to undo.
    extra = json.loads(json.dumps(data["plans"][0]))
    extra.update(key="extra", partner="aebr", instrument="lt", title="An extra plan")
    data["plans"].insert(0, extra)
    return data


def test_a_new_plan_in_the_file_is_added(tmp_path):
    data = seed_data()
    import_plans(write(tmp_path, data))
    assert ActionPlan.objects.filter(title="An extra plan", partner__slug="aebr").exists()


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["plans"][1].update(project="NoSuchProject"), "row 2, field 'project'"),
        (lambda d: d["plans"][1].update(partner="mita"), "is not a partner of InterVentures"),
        (lambda d: d["plans"][1].update(instrument="xx"), "row 2, field 'instrument'"),
        (lambda d: d["plans"][1].update(status="adopted"), "row 2, field 'status'"),
        (lambda d: d["plans"][1].update(region="XX999"), "unknown NUTS code"),
        (
            lambda d: d["plans"][5]["actions"].append({"number": 2, "title": "again"}),
            "action numbers repeat",
        ),  # fmt: skip
        (
            lambda d: d["plans"][5]["actions"][0]["targets"][0].update(quantity="-48"),
            "cannot be negative",
        ),  # fmt: skip
        (
            lambda d: d["plans"][5]["actions"][0]["targets"][1].update(due_date="2023-06-31"),
            "not a date",
        ),  # fmt: skip
        (
            lambda d: d["plans"][2]["actions"][0].update(documents=["No such report"]),
            "ACTION 1: no document",
        ),  # fmt: skip
        (lambda d: d["plans"][2].update(actions=[]), "a plan needs its actions"),
        (lambda d: d["indicators"][0].update(indicator="happiness"), "field 'indicator'"),
        (lambda d: d.update(plans={"not": "a list"}), "should be a list"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(tmp_path, change, message):
    data = seed_data()
    change(data)
    before = counts()
    with pytest.raises(ImportFailed) as failed:
        import_plans(write(tmp_path, data))
    assert message in str(failed.value)
    assert counts() == before
    assert not ActionPlan.objects.filter(title="An extra plan").exists()


def test_broken_json_is_refused(tmp_path):
    path = tmp_path / "plans.json"
    path.write_text('{"plans": [', encoding="utf-8")
    with pytest.raises(ImportFailed, match="not valid JSON"):
        import_plans(path)


def test_a_crash_mid_import_writes_nothing(tmp_path, monkeypatch):
    path = write(tmp_path, seed_data())

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    IndicatorValue.objects.filter(indicator="learning_events").delete()
    monkeypatch.setattr(IndicatorValue, "save", crash)
    with pytest.raises(RuntimeError):
        import_plans(path)
    assert not ActionPlan.objects.filter(title="An extra plan").exists()


def test_the_cli_imports_it(capsys):
    from corridor.cli import main

    assert main(["import", "plans"]) == 0
    out = capsys.readouterr().out
    assert "0 created, 0 changed" in out
