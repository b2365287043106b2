"""The e-mail leak check (tests/leaks.py) fails when it should: throwaway views, registered
only here, show a user's address in a page and in a streamed export, and the checker names
the request, who asked and the address. What it allows is checked too."""

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import include, path

import leaks

pytestmark = pytest.mark.django_db


def show_address(request):
    return HttpResponse(f"<p>Write to {User.objects.get(username='ana').email}</p>")


def export_addresses(request):
    def rows():
        yield "name,contact\r\n"
        for user in User.objects.exclude(email="").order_by("username"):
            yield f"{user.username},{user.email.upper()}\r\n"  # any case

    return StreamingHttpResponse(rows(), content_type="text/csv")


def link_address(request):
    return HttpResponse('<a href="/search/?q=ana%40example.org">Ana</a>')


urlpatterns = [
    path("throwaway/page/", show_address),
    path("throwaway/export.csv", export_addresses),
    path("throwaway/link/", link_address),
    path("accounts/throwaway/", show_address),
    path("", include("corridor.urls")),
]


@pytest.fixture
def throwaway_views(settings):
    settings.ROOT_URLCONF = __name__
    yield
    leaks.RECORDED.clear()  # the check's findings here are the point, not a failure


def test_the_check_names_a_page_and_a_streamed_export_that_show_an_address(client, throwaway_views):
    User.objects.create_user("ana", "ana@example.org", "pw")
    User.objects.create_user("bob", "bob@example.org", "pw")
    leaks.RECORDED.clear()
    assert client.get("/throwaway/page/").status_code == 200
    csv = b"".join(client.get("/throwaway/export.csv").streaming_content).decode()
    assert csv == "name,contact\r\nana,ANA@EXAMPLE.ORG\r\nbob,BOB@EXAMPLE.ORG\r\n"  # unchanged
    client.get("/throwaway/link/")
    assert leaks.leaks(leaks.RECORDED) == [
        "GET /throwaway/page/ (asked by anonymous) shows ana@example.org",
        "GET /throwaway/export.csv (asked by anonymous) shows ana@example.org",
        "GET /throwaway/export.csv (asked by anonymous) shows bob@example.org",
        "GET /throwaway/link/ (asked by anonymous) shows ana@example.org",
    ]


def test_the_check_allows_a_persons_own_address_on_their_accounts_pages_only(
    client, throwaway_views
):
    ana = User.objects.create_user("ana", "ana@example.org", "pw")
    bob = User.objects.create_user("bob", "bob@example.org", "pw")
    client.force_login(ana)
    leaks.RECORDED.clear()
    client.get("/accounts/throwaway/")
    client.get("/throwaway/page/")
    client.force_login(bob)
    client.get("/accounts/throwaway/")
    assert leaks.leaks(leaks.RECORDED) == [
        "GET /throwaway/page/ (asked by ana) shows ana@example.org",
        "GET /accounts/throwaway/ (asked by bob) shows ana@example.org",
    ]


def test_the_check_allows_what_the_visitor_typed(client, throwaway_views):
    User.objects.create_user("ana", "ana@example.org", "pw")
    leaks.RECORDED.clear()
    client.get("/throwaway/page/", {"q": "ana@example.org"})
    response = client.post("/accounts/login/", {"login": "ana@example.org", "password": "no"})
    assert b"ana@example.org" in response.content  # the form, shown again as typed
    assert leaks.leaks(leaks.RECORDED) == []


def test_allauths_own_e_mail_page_shows_the_address_to_its_owner(client):
    ana = User.objects.create_user("ana", "ana@example.org", "pw")
    client.force_login(ana)
    assert b"ana@example.org" in client.get("/accounts/email/").content
    assert leaks.leaks(leaks.RECORDED) == []
