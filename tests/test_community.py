"""The community app: who acts for which organisation and programme secretariat, the
signed-in person's own page, and the admin of both memberships."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from corridor.community import roles
from corridor.community.models import Membership, SecretariatMembership
from corridor.community.queries import account_overview
from corridor.community.services import add_member, add_secretariat_member
from corridor.organisations.models import Organisation
from corridor.projects.models import Programme, Project
from people import INTERREG_EUROPE, member, secretariat_member

pytestmark = pytest.mark.django_db


def test_adding_a_member_twice_keeps_one_membership():
    user = User.objects.create_user("ana", "ana@example.org", "pw")
    pannon = Organisation.objects.get(slug="pannon-egtc")
    programme = Programme.objects.get(slug=INTERREG_EUROPE)
    assert add_member(user, pannon) == add_member(user, pannon)
    assert add_secretariat_member(user, programme) == add_secretariat_member(user, programme)
    assert Membership.objects.filter(user=user).count() == 1
    assert SecretariatMembership.objects.filter(user=user).count() == 1


def test_the_membership_questions():
    ana, sam = member("ana", "pannon-egtc"), secretariat_member("sam")
    interventures = Project.objects.get(slug="interventures")
    pannon = Organisation.objects.get(slug="pannon-egtc")
    assert roles.is_project_member(ana, interventures)
    assert not roles.is_project_member(sam, interventures)
    assert list(roles.user_projects(ana)) == [interventures]
    assert roles.acts_for(ana, [pannon.pk]) and not roles.acts_for(sam, [pannon.pk])
    assert roles.is_secretariat(sam, interventures.programme)
    assert not roles.is_secretariat(ana, interventures.programme)
    assert list(roles.user_organisation_ids(ana)) == [{"organisation": pannon.pk}]
    assert list(roles.user_programme_ids(sam)) == [{"programme": interventures.programme_id}]


def test_a_person_is_shown_by_name_never_by_e_mail():
    user = User.objects.create_user("ana@example.org", "ana@example.org", "pw")
    assert roles.display_name(user) == "ana"
    user.first_name, user.last_name = "Ana", "Kovács"
    assert roles.display_name(user) == "Ana Kovács"
    assert roles.display_name(None) == "someone"


def test_my_account_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/accounts/me/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/me/"


def test_my_account_lists_the_organisations_and_secretariats_without_the_e_mail(client):
    ana = member("ana", "pannon-egtc")
    programme = Programme.objects.get(slug=INTERREG_EUROPE)
    add_secretariat_member(ana, programme)
    pannon = Organisation.objects.get(slug="pannon-egtc")
    overview = account_overview(ana)
    assert [(o.slug, o.name) for o in overview.organisations] == [
        ("pannon-egtc", pannon.display_name)
    ]
    assert [p.slug for p in overview.programmes] == [INTERREG_EUROPE]
    client.force_login(ana)
    html = client.get(reverse("my_account")).content.decode()
    assert f'href="{pannon.get_absolute_url()}"' in html
    assert f'href="{programme.get_absolute_url()}"' in html
    assert "ana@example.org" not in html
    # The header links the page for every signed-in visitor.
    assert 'href="/accounts/me/"' in client.get("/").content.decode()


def test_a_person_of_no_organisation_sees_none(client):
    client.force_login(User.objects.create_user("bob", "bob@example.org", "pw"))
    html = client.get("/accounts/me/").content.decode()
    assert "bob" in html and "bob@example.org" not in html
    assert "/organisations/pannon-egtc/" not in html


def test_signing_out_ends_the_session(client):
    client.force_login(member("ana", "pannon-egtc"))
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/accounts/me/").status_code == 302


def test_curators_manage_both_memberships_in_the_admin(admin_client):
    member("ana", "pannon-egtc")
    secretariat_member("sam")
    for model, username in [(Membership, "ana"), (SecretariatMembership, "sam")]:
        name = f"admin:community_{model._meta.model_name}"
        assert admin_client.get(reverse(f"{name}_add")).status_code == 200
        response = admin_client.get(reverse(f"{name}_changelist"), {"q": username})
        assert [str(r.user) for r in response.context["cl"].result_list] == [username]
