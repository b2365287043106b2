"""Accounts through django-allauth: sign-up confirmed by e-mail, sign-in by user name or
e-mail, sign-out, password reset, and the rate limits on sign-in, sign-up and reset."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

from corridor.settings import email_settings
from people import member

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase 42"


def sign_up(client, username="ana", email="ana@example.org", password=PASSWORD):
    return client.post(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": password, "password2": password},
    )


def link_in(message, pattern: str) -> str:
    found = re.search(rf"https?://testserver(/accounts/{pattern}[^\s]*)", message.body)
    assert found, message.body
    return found.group(1)


def test_signing_up_asks_to_confirm_the_address_by_e_mail(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(username="ana")
    assert not user.emailaddress_set.get().verified
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "Corridor" in mail.outbox[0].from_email
    # Not signed in before confirming.
    assert client.get("/accounts/me/").status_code == 302

    confirm = link_in(mail.outbox[0], "confirm-email/")
    assert client.get(confirm).status_code == 200  # a page with a button: GET confirms nothing
    assert not user.emailaddress_set.get().verified
    response = client.post(confirm)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    html = client.get("/accounts/me/").content.decode()
    assert "<h1>ana</h1>" in html
    assert "ana@example.org" not in client.get("/").content.decode()


def test_an_unconfirmed_account_cannot_sign_in(client):
    sign_up(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "ana", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/me/").status_code == 302


def test_signing_in_by_user_name_or_e_mail_and_out(client):
    User.objects.create_user("ana", "ana@example.org", PASSWORD)  # made by a curator
    for login in ("ana", "ana@example.org", "ANA@example.org"):
        response = client.post(
            "/accounts/login/", {"login": login, "password": PASSWORD, "next": "/accounts/me/"}
        )
        assert response.status_code == 302 and response["Location"] == "/accounts/me/", login
        assert client.get("/accounts/me/").status_code == 200
        assert client.post("/accounts/logout/").status_code == 302
        assert client.get("/accounts/me/").status_code == 302
    response = client.post("/accounts/login/", {"login": "ana", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_a_user_name_may_not_be_an_e_mail_address(client):
    response = sign_up(client, username="ana@example.org")
    assert response.status_code == 200
    assert "may not contain" in response.content.decode()
    assert not User.objects.filter(email="ana@example.org").exists()


def test_resetting_a_forgotten_password(client):
    User.objects.create_user("ana", "ana@example.org", "the old one 42")
    response = client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    link = link_in(mail.outbox[0], "password/reset/key/")
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = {"password1": "a new passphrase 43", "password2": "a new passphrase 43"}
    response = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link, new)
    assert response.status_code == 302
    client.logout()
    response = client.post("/accounts/login/", {"login": "ana", "password": "a new passphrase 43"})
    assert response.status_code == 302
    response = client.post("/accounts/login/", {"login": "ana", "password": "the old one 42"})
    assert response.status_code == 200


def test_an_unknown_address_asked_for_a_reset_learns_nothing(client):
    User.objects.create_user("ana", "ana@example.org", PASSWORD)
    known = client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_the_sixth_failed_sign_in_within_five_minutes_is_refused_even_with_the_password(client):
    User.objects.create_user("ana", "ana@example.org", PASSWORD)
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": "ana", "password": "wrong"})
        assert "not correct" in response.content.decode()
    response = client.post("/accounts/login/", {"login": "ana", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/accounts/me/").status_code == 302


def test_the_eleventh_sign_up_from_one_address_within_an_hour_is_refused(client):
    for n in range(10):
        assert sign_up(client, username=f"user{n}", email=f"user{n}@example.org").status_code == 302
        client.logout()
    response = sign_up(client, username="user10", email="user10@example.org")
    assert response.status_code == 429
    assert "Too many" in response.content.decode()
    assert not User.objects.filter(username="user10").exists()


def test_the_sixth_reset_for_one_address_within_an_hour_is_refused(client):
    User.objects.create_user("ana", "ana@example.org", PASSWORD)
    ask = {"email": "ana@example.org"}
    for _ in range(5):
        assert client.post("/accounts/password/reset/", ask).status_code == 302
    response = client.post("/accounts/password/reset/", ask)
    assert response.status_code == 429
    assert len(mail.outbox) == 5


def test_memberships_keep_working_through_the_new_sign_in(client):
    ana = member("ana", "pannon-egtc")
    ana.set_password(PASSWORD)
    ana.save()
    client.post("/accounts/login/", {"login": "ana", "password": PASSWORD})
    assert 'href="/organisations/pannon-egtc/"' in client.get("/accounts/me/").content.decode()


def test_the_admin_signs_in_through_the_sites_sign_in(client):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    response = client.post(response["Location"], {"login": "root", "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_account_pages_use_the_site_layout(client):
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        html = client.get(url).content.decode()
        assert 'class="site-header"' in html, url
        assert "corridor.css" in html, url


def test_e_mail_goes_to_the_console_a_folder_or_smtp_by_the_environment():
    assert email_settings({})["EMAIL_BACKEND"].endswith("console.EmailBackend")
    folder = email_settings({"CORRIDOR_EMAIL_FILE_PATH": "/tmp/mail"})
    assert folder == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/tmp/mail",
    }
    smtp = email_settings(
        {"CORRIDOR_SMTP_HOST": "mail.example.org", "CORRIDOR_SMTP_PORT": "25",
         "CORRIDOR_SMTP_USER": "corridor", "CORRIDOR_SMTP_PASSWORD": "secret",
         "CORRIDOR_SMTP_TLS": "0", "CORRIDOR_EMAIL_FILE_PATH": "/tmp/mail"}
    )  # fmt: skip
    assert smtp["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example.org", 25, False,
    )  # fmt: skip
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("corridor", "secret")
