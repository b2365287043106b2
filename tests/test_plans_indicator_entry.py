"""Entering a project's indicator figures, on the page /indicators/project/<slug>/edit/ and
through PUT /api/v1/indicators/project/{slug}/{indicator}: the project's partners' members
and the programme's secretariat enter them, nobody else; the dashboard then shows them. An
indicator entered per partner is not entered project-wide as well."""

import re
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest

from corridor.organisations.models import Organisation
from corridor.plans import services
from corridor.plans.models import IndicatorValue
from corridor.projects.models import Project
from html_tables import table
from people import member, secretariat_member

pytestmark = pytest.mark.django_db
EDIT = "/indicators/project/interventures/edit/"
DASHBOARD = "/indicators/project/interventures/"
PER_PARTNER = ("This indicator is entered per partner; enter it the same way so that the "
               "totals add up.")  # fmt: skip


@pytest.fixture
def people(db):
    secretary = secretariat_member("secretary")
    return {
        "pannon": member("pannon", "pannon-egtc"),  # an InterVentures partner
        "outsider": member("outsider", "mita"),  # ClusterFY's lead partner
        "secretary": secretary,
    }


@pytest.fixture
def project():
    return Project.objects.get(slug="interventures")


def values(project, indicator: str) -> list[tuple]:
    rows = IndicatorValue.objects.filter(project=project, indicator=indicator)
    return [(v.partner.slug if v.partner else None, v.target, v.achieved, v.note)
            for v in rows.order_by("partner__slug")]  # fmt: skip


def text(html: str) -> str:
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([:;,.)])", r"\1", words)


def figures(response) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table(response, "Indicator")}


class _FormReader(HTMLParser):
    """What a browser submits from the entry form: its inputs and text areas."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._inside = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "indicator-entry" in (attrs.get("class") or ""):
            self._inside = True
        elif self._inside and tag == "input" and attrs.get("type") != "submit":
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif self._inside and tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea" and self._textarea:
            # Browsers drop the line break that opens a text area.
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(client) -> dict[str, str]:
    response = client.get(EDIT)
    assert response.status_code == 200
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.data


def enter(client, user, **changes):
    """Submits the entry form as the page gives it, with some fields changed: the keyword
    `people_capacity__target` is the field people_capacity-target."""
    client.force_login(user)
    data = form_data(client)
    for key, value in changes.items():
        data[key.replace("__", "-")] = value
    return client.post(EDIT, data)


def row(html: str, indicator: str) -> str:
    """The fieldset of one indicator on the entry page."""
    return re.search(rf'<fieldset[^>]*id="indicator-{indicator}".*?</fieldset>', html, re.S)[0]


# The page ---------------------------------------------------------------------------------
def test_a_partner_s_member_enters_figures_and_the_dashboard_shows_them(client, people, project):
    client.force_login(people["pannon"])
    assert f'href="{EDIT}"' in client.get(DASHBOARD).content.decode()
    before = values(project, "policy_instruments")
    response = enter(
        client, people["pannon"], people_capacity__target="40", people_capacity__achieved="25",
        people_capacity__note="Trainings of 2022", funds_influenced__target="1500000",
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    assert values(project, "people_capacity") == [
        (None, Decimal(40), Decimal(25), "Trainings of 2022")
    ]
    assert values(project, "policy_instruments") == before  # unchanged rows are left alone
    after = client.get(DASHBOARD)
    assert "The figures are saved." in after.content.decode()
    rows = figures(after)
    assert rows["People with increased professional capacity"][:3] == [
        "40", "25 as reported", "62 %"
    ]  # fmt: skip
    assert rows["Funds influenced (EUR)"][0] == "1,500,000 €"


def test_counted_indicators_are_reported_beside_their_count(client, people, project):
    client.force_login(people["pannon"])
    html = client.get(EDIT).content.decode()
    plans = row(html, "action_plans")
    assert '<label for="id_action_plans-achieved">Reported</label>' in plans
    assert "Counted from the records: 5." in text(plans)
    assert 'value="5"' in plans and "5.00" not in plans  # the imported target, as people write it
    assert '<label for="id_people_capacity-achieved">Achieved</label>' in row(
        html, "people_capacity"
    )
    response = enter(client, people["pannon"], good_practices__achieved="14")
    assert response.status_code == 302
    assert figures(client.get(DASHBOARD))["Good practices identified"][1] == (
        "0 counted from the records; 14 reported"
    )


def test_the_secretariat_enters_figures(client, people, project):
    response = enter(client, people["secretary"], structural_funds__achieved="2")
    assert response.status_code == 302
    assert values(project, "structural_funds")[0][1:3] == (Decimal(5), Decimal(2))


def test_another_project_s_member_is_refused(client, people, project):
    client.force_login(people["outsider"])
    assert f'href="{EDIT}"' not in client.get(DASHBOARD).content.decode()
    response = client.get(EDIT)
    assert response.status_code == 403
    assert "Only the project's partners and the programme's secretariat" in text(
        response.content.decode()
    )
    response = client.post(EDIT, {"people_capacity-target": "40"})
    assert response.status_code == 403
    assert values(project, "people_capacity") == []


def test_anonymous_people_are_sent_to_sign_in(client, project):
    assert f'href="{EDIT}"' not in client.get(DASHBOARD).content.decode()
    for response in (client.get(EDIT), client.post(EDIT, {"people_capacity-target": "40"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert values(project, "people_capacity") == []
    assert client.get("/indicators/project/no-such-project/edit/").status_code == 302


def test_an_unknown_project_is_not_found(client, people):
    client.force_login(people["pannon"])
    assert client.get("/indicators/project/no-such-project/edit/").status_code == 404


def test_negative_figures_are_refused_and_nothing_is_saved(client, people, project):
    before = values(project, "structural_funds")
    response = enter(
        client, people["pannon"], people_capacity__target="40", structural_funds__achieved="-1"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved: correct the rows marked below." in text(html)
    assert "Cannot be negative." in row(html, "structural_funds")
    assert "Cannot be negative." not in row(html, "people_capacity")
    assert 'name="people_capacity-target" value="40"' in html  # the entry is kept
    assert values(project, "people_capacity") == []  # saved before the refusal, rolled back
    assert values(project, "structural_funds") == before


def test_a_figure_the_form_cannot_read_is_refused(client, people, project):
    response = enter(client, people["pannon"], people_capacity__target="many")
    assert response.status_code == 200
    assert "Enter a number." in row(response.content.decode(), "people_capacity")
    assert values(project, "people_capacity") == []


def test_an_indicator_entered_per_partner_is_shown_not_entered(client, people, project):
    for slug, achieved in (("ceei-burgos", 30), ("sodebur", 20)):
        services.set_indicator(
            people["secretary"], project, "people_capacity",
            partner=Organisation.objects.get(slug=slug), target=Decimal(40), achieved=achieved,
        )  # fmt: skip
    client.force_login(people["pannon"])
    page = client.get(EDIT)
    html = page.content.decode()
    capacity = row(html, "people_capacity")
    assert 'name="people_capacity-target"' not in capacity  # read-only
    assert "This indicator is entered per partner" in text(capacity)
    assert table(page, "Partner") == [
        ["Society for the Development of the Province of Burgos (SODEBUR)", "40", "20", ""],
        ["The European Business and Innovation Center in Burgos (CEEI-Burgos)", "40", "30", ""],
    ]
    assert 'name="funds_influenced-target"' in html  # the others are entered here

    # A form loaded before the partners' figures were entered still offers the row.
    response = enter(
        client, people["pannon"], people_capacity__target="100", funds_influenced__target="5"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert PER_PARTNER in text(row(html, "people_capacity"))
    assert [v[0] for v in values(project, "people_capacity")] == ["ceei-burgos", "sodebur"]
    assert values(project, "funds_influenced") == []


def test_emptying_a_row_removes_its_figures(client, people, project):
    assert values(project, "learning_events")[0][1] == 6
    response = enter(client, people["pannon"], learning_events__target="",
                     learning_events__note="")  # fmt: skip
    assert response.status_code == 302
    assert values(project, "learning_events") == []
    rows = figures(client.get(DASHBOARD))
    assert rows["Learning events held"][0] == "—"
    # A row keeping its note keeps its value.
    response = enter(client, people["pannon"], action_plans__target="")
    assert response.status_code == 302
    ((partner, target, achieved, note),) = values(project, "action_plans")
    assert target is None and note.startswith("'locally tailored regional action plans'")


def test_clearing_asks_the_same_permission(people, project):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.clear_indicator(people["outsider"], project, "learning_events")
    assert services.clear_indicator(people["secretary"], project, "learning_events") is True
    assert services.clear_indicator(people["secretary"], project, "learning_events") is False


def test_saving_nothing_changes_nothing(client, people, project):
    count = IndicatorValue.objects.count()
    response = enter(client, people["pannon"])
    assert response.status_code == 302
    assert "Nothing was changed." in client.get(DASHBOARD).content.decode()
    assert IndicatorValue.objects.count() == count


def test_a_row_someone_else_changed_meanwhile_is_kept(client, people, project):
    client.force_login(people["pannon"])
    data = form_data(client)  # the page as it was loaded
    services.set_indicator(people["secretary"], project, "learning_events", target=Decimal(8))
    data["people_capacity-target"] = "40"
    assert client.post(EDIT, data).status_code == 302
    assert values(project, "learning_events")[0][1] == 8  # not set back to 6
    assert values(project, "people_capacity")[0][1] == 40


# The API ----------------------------------------------------------------------------------
def put(client, indicator: str, body: dict, slug: str = "interventures"):
    return client.put(
        f"/api/v1/indicators/project/{slug}/{indicator}", body, content_type="application/json"
    )


def api_figure(client, scope: str, indicator: str) -> dict:
    data = client.get(f"/api/v1/indicators/{scope}").json()
    return next(f for f in data["figures"] if f["indicator"] == indicator)


def test_a_partner_s_member_puts_a_project_wide_figure(client, people, project):
    client.force_login(people["pannon"])
    response = put(client, "people_capacity", {"target": 40, "achieved": "12.5", "note": "x"})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "project": {"slug": "interventures", "acronym": "InterVentures"},
        "indicator": "people_capacity",
        "label": "People with increased professional capacity",
        "partner": None,
        "target": "40.00",
        "achieved": "12.50",
        "note": "x",
    }
    figure = api_figure(client, "project/interventures", "people_capacity")
    assert (figure["target"], figure["reported"]) == ("40.00", "12.50")
    # A PUT replaces the value: what it leaves out is emptied.
    response = put(client, "people_capacity", {"target": "45"})
    assert (response.json()["achieved"], response.json()["note"]) == (None, "")
    assert values(project, "people_capacity") == [(None, Decimal(45), None, "")]


def test_partner_figures_are_put_per_partner_and_roll_up(client, people, project):
    client.force_login(people["secretary"])
    for slug, achieved in (("ceei-burgos", "30"), ("sodebur", "20")):
        response = put(client, "people_capacity", {"partner": slug, "achieved": achieved})
        assert response.status_code == 200, response.content
    assert response.json()["partner"]["slug"] == "sodebur"
    assert api_figure(client, "country/ES", "people_capacity")["reported"] == "50.00"
    response = put(client, "people_capacity", {"target": "100"})  # project-wide as well
    assert response.status_code == 400
    assert response.json()["detail"] == f"partner: {PER_PARTNER}"
    response = put(client, "policy_instruments", {"partner": "ceei-burgos", "target": "1"})
    assert response.status_code == 400  # entered for the project as a whole
    assert "entered for the project as a whole" in response.json()["detail"]


def test_the_api_refuses_others_and_bad_input(client, people, project):
    body = {"target": "40"}
    assert put(client, "people_capacity", body).status_code == 401

    client.force_login(people["outsider"])
    response = put(client, "people_capacity", body)
    assert response.status_code == 403
    assert "Only the project's partners" in response.json()["detail"]

    client.force_login(people["pannon"])
    assert put(client, "people_capacity", body, slug="no-such-project").status_code == 404
    assert put(client, "happiness", body).status_code == 422
    response = put(client, "people_capacity", {"partner": "no-such-organisation", **body})
    assert response.status_code == 400 and "No organisation" in response.json()["detail"]
    response = put(client, "people_capacity", {"partner": "mita", **body})
    assert response.status_code == 400
    assert "is not a partner of InterVentures" in response.json()["detail"]
    # The document allows no negative figure, no exponent, no fraction in a JSON number.
    for figure in ("-40", -1, "1e20", 12.5, "", "1.005"):
        response = put(client, "people_capacity", {"target": figure})
        assert response.status_code == 422, figure
        assert response.json()["detail"][0]["loc"] == ["body", "value", "target"]
    assert values(project, "people_capacity") == []
