"""Members of a project keep its events; others may not, on the server."""

import pytest

from corridor.learning.models import Event
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from people import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return Project.objects.get(acronym="InterVentures", source="seed-pages")


def form(project, **values):
    return {
        "type": "webinar", "title": "Webinar on export vouchers", "project": project.pk,
        "timezone": "Europe/Vilnius", "online": "on", "start_date": "2022-03-01",
        "start_time": "10:00", "end_time": "11:30", **values,
    }  # fmt: skip


def test_a_member_publishes_an_event_of_the_project(client, project):
    client.force_login(member("owner", "klaipeda-id"))
    response = client.post(
        "/events/new/", form(project, organiser=Organisation.objects.get(slug="klaipeda-id").pk)
    )
    assert response.status_code == 302
    event = Event.objects.get(title="Webinar on export vouchers")
    assert event.project == project and event.organiser.slug == "klaipeda-id"
    assert str(event.start_time) == "10:00:00" and event.timezone == "Europe/Vilnius"
    page = client.get(response["Location"]).content.decode()
    assert "Edit this event" in page


@pytest.mark.parametrize("who", ["outsider", None])
def test_others_may_not_publish_an_event_of_the_project(client, project, who):
    if who:
        client.force_login(member(who, "mita"))
    response = client.post("/events/new/", form(project))
    assert response.status_code in (200, 302)  # the form refuses a project not theirs
    if who is None:
        assert "/accounts/login/" in response["Location"]
    assert not Event.objects.filter(title="Webinar on export vouchers").exists()


@pytest.mark.parametrize("who, allowed", [("member", True), ("outsider", False)])
def test_only_members_edit_an_event(client, project, who, allowed):
    event = Event.objects.get(title="InterVentures thematic visit, Burgos")
    organisation = "pannon-egtc" if who == "member" else "mita"
    client.force_login(member(who, organisation))
    assert (client.get(f"/events/{event.pk}/edit/").status_code == 200) is allowed
    data = form(project, title=event.title, type="thematic_visit", city="Burgos",
                start_date="", start_time="", end_time="", online="",
                participant_count="35")  # fmt: skip
    response = client.post(f"/events/{event.pk}/edit/", data)
    event.refresh_from_db()
    if allowed:
        assert response.status_code == 302 and event.participant_count == 35
        assert "Edit this event" in client.get(event.get_absolute_url()).content.decode()
    else:
        assert response.status_code == 403 and event.participant_count is None
        assert "Edit this event" not in client.get(event.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    event = Event.objects.get(title="InterVentures thematic visit, Burgos")
    response = client.post(f"/events/{event.pk}/edit/", {"title": "Hacked"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Event.objects.get(pk=event.pk).title == "InterVentures thematic visit, Burgos"


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "Unknown time zone"),
        ({"end_date": "2022-02-01"}, "end_date", "ends before it starts"),
        ({"start_date": ""}, "start_time", "A time needs a date"),
    ],
)
def test_bad_dates_and_zones_are_explained(client, project, values, field, message):
    client.force_login(member("owner", "klaipeda-id"))
    response = client.post("/events/new/", form(project, **values))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Event.objects.filter(title="Webinar on export vouchers").exists()


def as_posted(client, event: Event) -> dict:
    """The edit form's fields as the browser would send them back unchanged."""
    form = client.get(f"/events/{event.pk}/edit/").context["form"]
    values = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value in (None, False):
            continue
        values[name] = field.widget.format_value(value) if name.endswith("_date") else value
    values["region"] = event.region.code if event.region else ""
    return values


@pytest.mark.parametrize(
    "title", ["InterVentures interregional meeting 1, Pécs", "TCI Cluster Evaluation workshop"]
)
def test_a_curator_saves_any_event_as_it_is(client, title):
    """A curator acts for no organisation: the choices of project and organiser are all of
    them, as in the admin (the organiser of the TCI workshop is no partner of any project)."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    event = Event.objects.get(title__startswith=title)
    values = as_posted(client, event)
    response = client.post(f"/events/{event.pk}/edit/", {**values, "participant_count": 41})
    errors = response.context["form"].errors if response.context else None
    assert response.status_code == 302, errors
    event.refresh_from_db()
    assert event.participant_count == 41
    assert values.get("organiser") == event.organiser_id


def test_a_member_keeps_the_organiser_already_chosen(client, project):
    """A member edits an event whose organiser the curators set to one outside the project."""
    event = Event.objects.get(title__startswith="InterVentures interregional meeting 1")
    event.organiser = Organisation.objects.get(slug="tci-network")
    event.save()
    client.force_login(member("owner", "klaipeda-id"))
    values = as_posted(client, event)
    assert values["organiser"] == event.organiser_id
    response = client.post(f"/events/{event.pk}/edit/", {**values, "participant_count": 12})
    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert event.participant_count == 12 and event.organiser.slug == "tci-network"
