"""The forms and the sign-in page render; the navigation leads to every learning page."""

import pytest
from django.contrib.auth.models import User

from corridor.community.models import Membership
from corridor.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_navigation_links_the_learning_pages(client):
    html = client.get("/").content.decode()
    for url in ("/events/", "/good-practices/", "/documents/", "/news/", "/accounts/login/"):
        assert f'href="{url}"' in html


def test_signing_in_with_the_sign_in_page(client):
    User.objects.create_user("ana", "ana@example.org", "a long passphrase")
    assert client.get("/accounts/login/").status_code == 200
    response = client.post(
        "/accounts/login/",
        {"login": "ana", "password": "a long passphrase", "next": "/good-practices/"},
    )
    assert response.status_code == 302 and response["Location"] == "/good-practices/"
    html = client.get("/good-practices/").content.decode()
    assert "Sign out ana" in html and "ana@example.org" not in html


def test_a_member_sees_the_forms_with_their_projects_only(client):
    user = User.objects.create_user("ana", "ana@example.org", "pw")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="klaipeda-id"))
    client.force_login(user)
    for url in ("/good-practices/new/", "/documents/upload/", "/events/new/"):
        response = client.get(url)
        assert response.status_code == 200, url
        form = response.context["form"]
        assert [p.acronym for p in form.fields["project"].queryset] == ["InterVentures"]
