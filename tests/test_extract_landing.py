"""Accepted action and event facts land: an action in the one action plan its heading
names (never a new plan), an event as a learning event of the project, each once."""

import datetime

import pytest

from corridor.extraction.bench import SEEDS
from corridor.extraction.models import ExtractedDocument, ExtractedFact, FactStatus
from corridor.extraction.services import decide, extract_file, ingest, land
from corridor.learning.models import Event
from corridor.plans.models import Action, ActionPlan
from corridor.projects.models import Project

HEADINGS = {
    "Amended regional cross-border support scheme": "HUNGARY (PANNON EGTC, Hungary – Croatia)",
    "Young people working on their own": "POLAND (Rzeszow Regional Development Agency and "
    "Association of the Carpathian Euroregion Poland)",
}


def seed(name):
    return next(SEEDS.glob(f"{name}_*.txt"))


def give_acronym(document, acronym):
    """Seed 002 names no acronym: the curator says which project the page is about."""
    key = document.facts.values_list("project_key", flat=True).first()
    ExtractedFact.objects.create(
        document=document, project_key=key, field="acronym", value=acronym, start=0, end=0,
        span="", rule="curator", confidence=1.0, status=FactStatus.ACCEPTED,
    )  # fmt: skip


@pytest.fixture
def actions_page(demo):
    """Seed 002 in the queue, its six actions accepted."""
    ingest([seed("002")])
    document = ExtractedDocument.objects.get()
    give_acronym(document, "InterVentures")
    decide(document.facts.filter(field="action"), FactStatus.ACCEPTED)
    return document


def action_fact(document, title):
    return document.facts.get(field="action", value__title=title)


def test_each_action_keeps_the_heading_it_stands_under():
    (project,) = extract_file(seed("002")).projects
    headings = {a["title"]: a["heading"] for a in project.all("action")}
    for title, heading in HEADINGS.items():
        assert headings[title] == heading
    assert len(set(headings.values())) == 5


def test_the_demo_plans_actions_are_found_and_nothing_is_duplicated(actions_page):
    plans, actions = ActionPlan.objects.count(), Action.objects.count()
    result = land(actions_page)
    facts = actions_page.facts.filter(field="action")
    assert facts.count() == 6
    assert not facts.filter(landed_at__isnull=True).exists()
    assert result.conflicts == []
    assert (ActionPlan.objects.count(), Action.objects.count()) == (plans, actions)


def test_a_missing_action_is_added_to_its_plan(actions_page):
    title = "Review and improvement of available financial instruments to promote " \
            "internationalisation among rural companies in the province of Burgos"  # fmt: skip
    Action.objects.get(title=title).delete()
    land(actions_page)
    action = Action.objects.get(title=title)
    assert action.number == 2
    assert action.plan.partner.slug == "ceei-burgos"
    assert action.description.startswith("this action review the available financial")
    assert action_fact(actions_page, title).landed_at is not None


def test_a_differently_titled_action_is_a_conflict_and_is_not_overwritten(actions_page):
    title = "Amended regional cross-border support scheme"
    action = Action.objects.get(plan__project__acronym="InterVentures", title=title)
    action.title = "A scheme renamed by the partner"
    action.save()
    result = land(actions_page)
    action.refresh_from_db()
    assert action.title == "A scheme renamed by the partner"
    fact = action_fact(actions_page, title)
    assert fact.landed_at is None
    assert fact.note.startswith(f"conflict: ACTION 1 of {action.plan} is titled")
    assert "A scheme renamed by the partner" in fact.note
    assert len(result.conflicts) == 1
    assert result.landed == 6  # the acronym and the five other actions


def test_an_action_whose_plan_is_missing_waits_for_the_plan(actions_page):
    polish = ActionPlan.objects.get(
        project__acronym="InterVentures", partner__slug="rzeszow-regional-development-agency"
    )
    polish.delete()
    plans, actions = ActionPlan.objects.count(), Action.objects.count()
    land(actions_page)
    fact = action_fact(actions_page, "Young people working on their own")
    assert fact.landed_at is None
    assert fact.note == (
        f"no action plan of InterVentures names {HEADINGS[fact.value['title']]}: "
        "create the plan first"
    )
    assert (ActionPlan.objects.count(), Action.objects.count()) == (plans, actions)
    assert actions_page.facts.filter(field="action", landed_at__isnull=False).count() == 5


def test_an_action_whose_heading_names_two_plans_waits(actions_page):
    hungarian = ActionPlan.objects.get(
        project__acronym="InterVentures", partner__slug="pannon-egtc"
    )
    italian = ActionPlan.objects.get(
        project__acronym="InterVentures", partner__slug="unioncamere-lombardia"
    )
    italian.co_authors.add(hungarian.partner)
    land(actions_page)
    fact = action_fact(actions_page, "Amended regional cross-border support scheme")
    assert fact.landed_at is None
    assert fact.note.startswith("several action plans of InterVentures name HUNGARY")


def test_rejected_and_pending_actions_never_land(demo):
    ingest([seed("002")])
    document = ExtractedDocument.objects.get()
    give_acronym(document, "InterVentures")
    Action.objects.filter(plan__project__acronym="InterVentures").delete()
    lithuanian = document.facts.filter(field="action", value__heading__startswith="LITHUANIA")
    decide(lithuanian, FactStatus.REJECTED)
    decide(document.facts.filter(field="action", value__heading__startswith="HUNGARY"),
           FactStatus.ACCEPTED)  # fmt: skip
    result = land(document)
    titles = list(
        Action.objects.filter(plan__project__acronym="InterVentures").values_list(
            "title", flat=True
        )
    )
    assert titles == ["Amended regional cross-border support scheme"]
    assert result.waiting == document.facts.filter(status=FactStatus.PENDING).count() > 0
    assert (
        not document.facts.exclude(status=FactStatus.ACCEPTED)
        .filter(landed_at__isnull=False)
        .exists()
    )


def accept_events(document):
    decide(document.facts.filter(field__in=["acronym", "event"]), FactStatus.ACCEPTED)


def test_an_accepted_event_lands_once(demo, tmp_path):
    online = Event.objects.get(title="InterVentures interregional meeting 2, online")
    online.delete()
    events = Event.objects.count()
    ingest([seed("001")])
    document = ExtractedDocument.objects.get()
    accept_events(document)
    result = land(document)
    assert document.facts.filter(field="event", landed_at__isnull=False).count() == 4
    assert result.conflicts == []
    assert Event.objects.count() == events + 1  # the three others are the demo's
    event = Event.objects.get(title="InterVentures interregional meeting 2, online")
    assert event.project.acronym == "InterVentures"
    assert (event.type, event.online, event.start_date) == ("interregional_meeting", True, None)
    assert event.date_note.startswith("No date on the page: 4 interregional meetings (1-Pécs")
    assert event.source == f"extracted:{document.name}"
    assert land(document).landed == 0
    # Another page stating the same series adds nothing.
    page = tmp_path / "again.txt"
    page.write_text("InterVentures\nThe project holds 4 interregional meetings "
                    "(1-Pécs, 2-online, 3-Rzeszów, 4-Milan).\n", encoding="utf-8")  # fmt: skip
    ingest([page])
    again = ExtractedDocument.objects.get(name="again.txt")
    accept_events(again)
    assert land(again).landed == 5
    assert Event.objects.count() == events + 1


def test_a_dated_event_lands_with_its_type_dates_and_place(db, tmp_path):
    page = tmp_path / "sunrise.txt"
    page.write_text("SUNRISE\nThe 5th project meeting was held on 13-14.11.2018 in Košice, "
                    "Slovakia.\n", encoding="utf-8")  # fmt: skip
    ingest([page])
    document = ExtractedDocument.objects.get()
    accept_events(document)
    land(document)
    event = Project.objects.get(acronym="SUNRISE").events.get()
    assert event.title == "SUNRISE project meeting, Košice, Slovakia, 2018-11-13"
    assert event.type == "partner_meeting"
    assert (event.start_date, event.end_date) == (
        datetime.date(2018, 11, 13), datetime.date(2018, 11, 14),
    )  # fmt: skip
    assert (event.city, event.country_code, event.date_note) == ("Košice", "SK", "")


def test_the_curator_names_the_project_of_a_page_that_does_not(demo, capsys):
    """`corridor ingest --project InterVentures` for seed 002, which writes "INTER VENTURES"."""
    from corridor.cli import main

    assert main(["ingest", str(seed("002")), "--project", "InterVentures"]) == 0
    document = ExtractedDocument.objects.get()
    stated = document.facts.get(field="acronym")
    assert (stated.value, stated.status) == ("InterVentures", FactStatus.ACCEPTED)
    assert stated.rule == "stated by the curator (--project)"
    decide(document.facts.filter(field="action"), FactStatus.ACCEPTED)
    result = land(document)
    assert result.conflicts == []
    assert result.landed == 7  # the acronym and the six actions
