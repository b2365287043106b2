"""Good practices: draft, submitted, approved by the project, validated by experts or
rejected with a reason. Each step is allowed to one role only, on the pages and in the API;
only validated practices are public; the expert opinion is for signed-in users."""

import pytest
from django.contrib.auth.models import Permission, User

from corridor.learning import services
from corridor.learning.models import GoodPractice, PracticeStatus
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from people import member

pytestmark = pytest.mark.django_db
OPINION = "Transferable to other border regions with a chamber network."


@pytest.fixture
def people(db):
    expert = User.objects.create_user("expert", "expert@example.org", "pw")
    expert.user_permissions.add(Permission.objects.get(codename="validate_goodpractice"))
    return {
        "owner": member("owner", "pannon-egtc"),  # InterVentures partner
        "member": member("member", "klaipeda-id"),  # another InterVentures partner
        "outsider": member("outsider", "mita"),  # ClusterFY's lead partner
        "expert": User.objects.get(pk=expert.pk),
    }


@pytest.fixture
def project():
    return Project.objects.get(acronym="InterVentures", source="seed-pages")


@pytest.fixture
def draft(people, project):
    return services.create_practice(
        people["owner"],
        {"title": "Preparedness test for SMEs", "summary": "A test before going abroad.",
         "project": project, "organisation": Organisation.objects.get(slug="pannon-egtc")},
    )  # fmt: skip


def step(client, user, practice, action, note=""):
    if user is not None:
        client.force_login(user)
    else:
        client.logout()
    return client.post(f"/good-practices/{practice.pk}/step/", {"action": action, "note": note})


def status(practice) -> str:
    return GoodPractice.objects.get(pk=practice.pk).status


def validated(people, draft):
    services.transition_practice(people["owner"], draft, "submit")
    services.transition_practice(people["member"], draft, "approve")
    return services.transition_practice(people["expert"], draft, "validate", OPINION)


def test_the_whole_way_keeps_its_history(client, people, draft):
    for user, action, note in [
        ("owner", "submit", ""), ("member", "approve", ""), ("expert", "validate", OPINION),
    ]:  # fmt: skip
        response = step(client, people[user], draft, action, note)
        assert response.status_code == 302
    practice = GoodPractice.objects.get(pk=draft.pk)
    assert practice.status == PracticeStatus.VALIDATED
    assert practice.expert_opinion == OPINION and practice.validated_at is not None
    history = [(s.from_status, s.to_status, s.actor.username) for s in practice.history.all()]
    assert history == [
        ("", "draft", "owner"),
        ("draft", "submitted", "owner"),
        ("submitted", "approved", "member"),
        ("approved", "validated", "expert"),
    ]


@pytest.mark.parametrize("who", ["member", "outsider", "expert", None])
def test_only_the_author_submits(client, people, draft, who):
    response = step(client, people.get(who), draft, "submit")
    assert response.status_code in (302, 403, 404)
    assert response.status_code != 302 or "/accounts/login/" in response["Location"]
    assert status(draft) == PracticeStatus.DRAFT


def test_the_author_submits(client, people, draft):
    assert step(client, people["owner"], draft, "submit").status_code == 302
    assert status(draft) == PracticeStatus.SUBMITTED


@pytest.mark.parametrize("who", ["owner", "outsider", "expert", None])
def test_only_another_member_of_the_project_approves(client, people, draft, who):
    services.transition_practice(people["owner"], draft, "submit")
    response = step(client, people.get(who), draft, "approve")
    assert response.status_code != 302 or "/accounts/login/" in response["Location"]
    assert status(draft) == PracticeStatus.SUBMITTED


@pytest.mark.parametrize("who", ["owner", "member", "outsider", None])
def test_only_an_expert_validates(client, people, draft, who):
    services.transition_practice(people["owner"], draft, "submit")
    services.transition_practice(people["member"], draft, "approve")
    response = step(client, people.get(who), draft, "validate", OPINION)
    assert response.status_code != 302 or "/accounts/login/" in response["Location"]
    assert status(draft) == PracticeStatus.APPROVED


def test_an_expert_cannot_skip_the_project(client, people, draft):
    services.transition_practice(people["owner"], draft, "submit")
    assert step(client, people["expert"], draft, "validate", OPINION).status_code == 403
    assert status(draft) == PracticeStatus.SUBMITTED


def test_a_rejection_needs_a_reason_and_the_author_may_try_again(client, people, draft):
    services.transition_practice(people["owner"], draft, "submit")
    response = step(client, people["member"], draft, "reject", "   ")
    assert response.status_code == 302 and status(draft) == PracticeStatus.SUBMITTED
    page = client.get(response["Location"]).content.decode()
    assert "Say why the practice is rejected." in page
    step(client, people["member"], draft, "reject", "No evidence of success yet.")
    practice = GoodPractice.objects.get(pk=draft.pk)
    assert practice.status == PracticeStatus.REJECTED
    assert practice.rejection_reason == "No evidence of success yet."
    assert practice.history.last().note == "No evidence of success yet."
    # The author edits and submits again.
    client.force_login(people["owner"])
    response = client.post(f"/good-practices/{draft.pk}/edit/", {
        "title": "Preparedness test for SMEs", "project": practice.project.pk,
        "evidence_of_success": "40 SMEs took the test in 2021.",
    })  # fmt: skip
    assert response.status_code == 302
    assert step(client, people["owner"], draft, "submit").status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED and practice.rejection_reason == ""
    assert practice.evidence_of_success == "40 SMEs took the test in 2021."


def test_experts_reject_with_a_reason_too(people, draft):
    services.transition_practice(people["owner"], draft, "submit")
    services.transition_practice(people["member"], draft, "approve")
    practice = services.transition_practice(people["expert"], draft, "reject", "Too local.")
    assert practice.status == PracticeStatus.REJECTED


@pytest.mark.parametrize("who", ["member", "outsider", "expert"])
def test_only_the_author_edits(client, people, draft, who):
    client.force_login(people[who])
    response = client.post(f"/good-practices/{draft.pk}/edit/", {
        "title": "Changed", "project": draft.project.pk,
    })  # fmt: skip
    assert response.status_code in (403, 404)
    assert GoodPractice.objects.get(pk=draft.pk).title == "Preparedness test for SMEs"


def test_the_author_cannot_edit_once_submitted(client, people, draft):
    services.transition_practice(people["owner"], draft, "submit")
    client.force_login(people["owner"])
    response = client.post(f"/good-practices/{draft.pk}/edit/", {
        "title": "Changed", "project": draft.project.pk,
    })  # fmt: skip
    assert response.status_code == 403
    assert GoodPractice.objects.get(pk=draft.pk).title == "Preparedness test for SMEs"


def test_only_project_members_propose_practices_for_their_project(client, people, project):
    client.force_login(people["outsider"])
    response = client.post("/good-practices/new/", {"title": "Not mine", "project": project.pk})
    assert response.status_code == 200  # the form refuses a project not theirs
    assert not GoodPractice.objects.filter(title="Not mine").exists()
    client.force_login(people["member"])
    response = client.post("/good-practices/new/", {"title": "Mine", "project": project.pk})
    assert response.status_code == 302
    practice = GoodPractice.objects.get(title="Mine")
    assert practice.author == people["member"] and practice.status == PracticeStatus.DRAFT
    client.logout()
    assert client.get("/good-practices/new/").status_code == 302  # to the sign-in page


def test_the_title_has_at_most_100_characters(people, project):
    with pytest.raises(services.ValidationError):
        services.create_practice(people["owner"], {"title": "x" * 101, "project": project})


@pytest.mark.parametrize("who", [None, "outsider"])
def test_practices_on_their_way_are_hidden_from_others(client, people, draft, who):
    services.transition_practice(people["owner"], draft, "submit")
    if who:
        client.force_login(people[who])
    assert client.get(f"/good-practices/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/good-practices/{draft.pk}").status_code == 404
    assert "Preparedness test" not in client.get("/good-practices/").content.decode()


@pytest.mark.parametrize("who", ["owner", "member", "expert"])
def test_practices_on_their_way_are_seen_by_those_who_handle_them(client, people, draft, who):
    services.transition_practice(people["owner"], draft, "submit")
    client.force_login(people[who])
    assert client.get(f"/good-practices/{draft.pk}/").status_code == 200


def test_validated_practices_are_public_but_the_opinion_is_for_signed_in_users(
    client, people, draft
):
    practice = validated(people, draft)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Preparedness test for SMEs" in page
    assert OPINION not in page and "Sign in</a> to read the experts' opinion" in page
    data = client.get(f"/api/v1/good-practices/{practice.pk}").json()
    assert data["expert_opinion"] is None and data["history"] == []
    assert "Preparedness test for SMEs" in client.get("/good-practices/").content.decode()
    client.force_login(people["outsider"])
    assert OPINION in client.get(practice.get_absolute_url()).content.decode()
    assert client.get(f"/api/v1/good-practices/{practice.pk}").json()["expert_opinion"] == OPINION


def test_nobody_s_email_is_shown(client, people, draft):
    practice = validated(people, draft)
    client.force_login(people["outsider"])
    page = client.get(practice.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/good-practices/{practice.pk}").content.decode()
    assert "owner" in page and "expert" in page  # the history names them
    for text in (page, api):
        assert "@example.org" not in text


def test_the_api_steps_follow_the_same_rules(client, people, draft):
    url = f"/api/v1/good-practices/{draft.pk}/steps"
    assert (
        client.post(url, {"action": "submit"}, content_type="application/json").status_code == 401
    )
    client.force_login(people["member"])
    response = client.post(url, {"action": "submit"}, content_type="application/json")
    assert response.status_code == 403 and status(draft) == PracticeStatus.DRAFT
    client.force_login(people["owner"])
    response = client.post(url, {"action": "submit"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    client.force_login(people["member"])
    # A rejection without its reason does not fit the document (PracticeJudgementIn).
    for step in ({"action": "reject"}, {"action": "reject", "note": "  "}):
        response = client.post(url, step, content_type="application/json")
        assert response.status_code == 422 and status(draft) == PracticeStatus.SUBMITTED
        assert response.json()["detail"][0]["loc"][-1] == "note"
    response = client.post(url, {"action": "approve"}, content_type="application/json")
    assert response.status_code == 200 and status(draft) == PracticeStatus.APPROVED
    assert response.json()["allowed_actions"] == []


def test_the_api_lists_only_validated_practices(client, api_get, people, draft, project):
    services.create_practice(people["member"], {"title": "Still a draft", "project": project})
    validated(people, draft)
    data = api_get("/good-practices", project="interventures")
    assert [p["title"] for p in data["items"]] == ["Preparedness test for SMEs"]


def test_lists_of_work_for_each_role(client, people, draft):
    services.transition_practice(people["owner"], draft, "submit")
    client.force_login(people["member"])
    page = client.get("/good-practices/").content.decode()
    assert "waiting for approval" in page and "Preparedness test for SMEs" in page
    client.force_login(people["outsider"])
    assert "Preparedness test for SMEs" not in client.get("/good-practices/").content.decode()
