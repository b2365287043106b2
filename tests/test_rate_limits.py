"""Rate limits beyond allauth's sign-in, sign-up and reset (tests/test_accounts.py): the
admin signs in through the same limited sign-in, and uploads are limited per person and
hour (private messages per day: tests/test_messages.py)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from corridor.community.models import Membership
from corridor.learning.models import Document
from corridor.learning.services import upload_document
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from learning_files import pdf_with_text

pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase 42"


def admin_sign_in_form(client) -> tuple[str, str]:
    """Where the admin's sign-in form posts, and the name of its user field."""
    url = "/admin/login/?next=/admin/"
    response = client.get(url, follow=True)
    url = response.redirect_chain[-1][0] if response.redirect_chain else url
    field = "login" if 'name="login"' in response.content.decode() else "username"
    return url, field


def test_thirty_wrong_passwords_at_the_admin_then_the_right_one_is_not_accepted(client):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    url, field = admin_sign_in_form(client)
    for _ in range(30):
        client.post(url, {field: "root", "password": "wrong"})
    response = client.post(url, {field: "root", "password": PASSWORD}, follow=True)
    # Refused by the limit of failures from one address (10 a minute) before that of one
    # account (5 in 5 minutes): the page says so.
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still signed out


def test_five_wrong_passwords_for_one_curator_lock_the_admin_sign_in_for_a_while(client):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    url, field = admin_sign_in_form(client)
    for _ in range(5):
        client.post(url, {field: "root", "password": "wrong"})
    response = client.post(url, {field: "root", "password": PASSWORD}, follow=True)
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_curator_signs_in_to_the_admin_and_others_are_refused(client):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    User.objects.create_user("ana", "ana@example.org", PASSWORD)
    url, field = admin_sign_in_form(client)
    response = client.post(url, {field: "root", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "Site administration" in response.content.decode()
    client.logout()
    client.post(url, {field: "ana", "password": PASSWORD})
    assert client.get("/admin/", follow=True).status_code == 403


@pytest.fixture
def uploader(settings, tmp_path):
    settings.DOCUMENT_DIR = tmp_path / "documents"
    user = User.objects.create_user("uploader", "uploader@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="klaipeda-id"))
    return user


def upload(user, n: int) -> Document:
    project = Project.objects.get(acronym="InterVentures", source="seed-pages")
    upload = SimpleUploadedFile(f"report-{n}.pdf", pdf_with_text(f"Report number {n}"))
    return upload_document(user, upload, {"kind": "report", "project": project})


def test_uploads_over_the_hourly_limit_are_refused(uploader, settings):
    settings.UPLOADS_PER_HOUR = 3
    for n in range(3):
        upload(uploader, n)
    with pytest.raises(ValidationError, match="3 documents within an hour"):
        upload(uploader, 3)
    assert Document.objects.filter(uploaded_by=uploader).count() == 3
    # An hour later, the person uploads again.
    Document.objects.filter(uploaded_by=uploader).update(
        created_at=Document.objects.get(file_name="report-0.pdf").created_at
        - timedelta(hours=1, minutes=1)
    )
    upload(uploader, 4)


def test_the_upload_page_and_the_api_say_so(uploader, settings, client):
    settings.UPLOADS_PER_HOUR = 2
    upload(uploader, 0)
    upload(uploader, 1)
    client.force_login(uploader)
    project = Project.objects.get(acronym="InterVentures", source="seed-pages")
    page = client.post(
        "/documents/upload/",
        {"file": SimpleUploadedFile("b.pdf", pdf_with_text("b")), "kind": "report",
         "project": project.pk},
    )  # fmt: skip
    assert page.status_code == 400
    assert "at most 2 documents within an hour" in page.content.decode()
    api = client.post(
        "/api/v1/documents",
        {"file": SimpleUploadedFile("c.pdf", pdf_with_text("c")), "kind": "report",
         "project": "interventures"},
    )  # fmt: skip
    assert api.status_code == 400 and "within an hour" in api.json()["detail"]
    assert Document.objects.filter(uploaded_by=uploader).count() == 2


def test_the_default_upload_limit_is_twenty_an_hour():
    from django.conf import settings

    assert settings.UPLOADS_PER_HOUR == 20
