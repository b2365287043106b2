"""People's profiles: written by their owner (or a curator), seen as their visibility says,
on the pages, in the API and never with an e-mail address."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from corridor.community import queries, services
from corridor.community.models import Profile, Visibility
from corridor.community.services import ProfileInput
from people import member

pytestmark = pytest.mark.django_db


def profile_of(user, **values) -> Profile:
    data = {"name": "Ana Kovács", "visibility": Visibility.PUBLIC, **values}
    return services.save_profile(user, ProfileInput(**data))


@pytest.fixture
def ana(db):
    return member("ana", "pannon-egtc")


@pytest.fixture
def curator(db):
    return User.objects.create_user("cura", "cura@example.org", "pw", is_staff=True)


# Writes, both ways ------------------------------------------------------------------------
def test_the_owner_creates_and_updates_their_profile(ana):
    profile = profile_of(
        ana,
        organisation="pannon-egtc",
        position="Project manager",
        representing="EGTC",
        interested_in=["networking", "leading"],
        themes=["clusters"],
        countries=["hu", "HR"],
        regions=["hu23"],
        languages=["HU", "en"],
        bio="Cross-border projects.",
    )
    assert profile.slug == "ana-kovacs"
    assert profile.organisation.slug == "pannon-egtc" and profile.organisation_name == ""
    assert profile.interested_in == ["leading", "networking"]  # the seed's order
    assert profile.countries == ["HU", "HR"] and profile.languages == ["hu", "en"]
    assert [r.code for r in profile.regions.all()] == ["HU23"]
    assert [t.slug for t in profile.themes.all()] == ["clusters"]
    again = profile_of(ana, name="Ana K.", organisation_name="Somewhere else")
    assert again.pk == profile.pk and again.slug == "ana-kovacs"
    assert again.name == "Ana K." and again.organisation is None
    assert again.organisation_name == "Somewhere else" and again.themes.count() == 0


def test_anonymous_visitors_have_no_profile_to_write():
    with pytest.raises(PermissionDenied):
        services.save_profile(AnonymousUser(), ProfileInput(name="Nobody"))
    assert not Profile.objects.filter(name="Nobody").exists()


def test_another_member_may_not_change_or_delete_a_profile_a_curator_may(ana, curator):
    profile = profile_of(ana)
    other = member("bo", "pannon-egtc")  # same organisation, still not the owner
    outsider = User.objects.create_user("out", "out@example.org", "pw")
    for user in (other, outsider, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.save_profile(user, ProfileInput(name="Taken over"), profile)
        with pytest.raises(PermissionDenied):
            services.delete_profile(user, profile)
    profile.refresh_from_db()
    assert profile.name == "Ana Kovács"
    # Their own call writes their own profile, never Ana's.
    services.save_profile(other, ProfileInput(name="Bo"))
    assert Profile.objects.get(user=other).name == "Bo"
    assert (
        services.save_profile(curator, ProfileInput(name="Ana (fixed)"), profile).pk == profile.pk
    )
    services.delete_profile(ana, profile)
    assert not Profile.objects.filter(pk=profile.pk).exists()


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name": ""}, "name"),
        ({"name": "ana@example.org"}, "name"),
        ({"interested_in": ["everything"]}, "interested_in"),
        ({"representing": "Pirates"}, "representing"),
        ({"countries": ["XX"]}, "countries"),
        ({"regions": ["ZZ99"]}, "regions"),
        ({"themes": ["no-such-theme"]}, "themes"),
        ({"organisation": "No Such Organisation Anywhere"}, "organisation"),
        ({"languages": ["english"]}, "languages"),
        ({"visibility": "everyone"}, "visibility"),
        # PostgreSQL cannot compare text holding NUL: these once answered 500 there.
        ({"themes": ["a\x00b"]}, "themes"),
        ({"regions": ["LT\x0001"]}, "regions"),
        ({"organisation": "pannon\x00-egtc"}, "organisation"),
    ],
)
def test_bad_values_are_refused_by_field(ana, values, field):
    with pytest.raises(ValidationError) as refused:
        profile_of(ana, **values)
    assert field in refused.value.message_dict
    assert not Profile.objects.filter(user=ana).exists()


def test_whom_people_represent_includes_the_registry_s_types():
    choices = queries.representing_choices()
    assert choices[0] == "Local public authority" and "SME" in choices
    assert "Higher education and research institution" in choices  # a registry type


# What others see ---------------------------------------------------------------------------
def test_visibility_public_members_hidden(ana, curator):
    profile = profile_of(ana)
    anonymous = AnonymousUser()
    signed_in = User.objects.create_user("bo", "bo@example.org", "pw")
    assert queries.person_page(anonymous, profile.slug).profile == profile
    profile_of(ana, visibility=Visibility.MEMBERS)
    with pytest.raises(Http404):
        queries.person_page(anonymous, profile.slug)
    assert queries.person_page(signed_in, profile.slug).profile == profile
    profile_of(ana, visibility=Visibility.HIDDEN)
    with pytest.raises(Http404):
        queries.person_page(signed_in, profile.slug)
    assert queries.person_page(ana, profile.slug).can_edit
    assert queries.person_page(curator, profile.slug).profile == profile
    assert profile not in queries.search_people(signed_in, queries.PersonFilters())
    assert profile in queries.search_people(ana, queries.PersonFilters())


def test_the_people_list_filters(client, ana):
    profile_of(ana, organisation="pannon-egtc", interested_in=["leading"], representing="EGTC",
               countries=["HR"])  # fmt: skip
    bo = member("bo", "klaipeda-id")
    profile_of(bo, name="Bo Members", visibility=Visibility.MEMBERS, interested_in=["leading"])

    def names(**params):
        found = queries.search_people(AnonymousUser(), queries.PersonFilters.from_query(params))
        return {p.name for p in found}

    assert "Ana Kovács" in names(interested_in=["leading"])
    assert "Ana Kovács" not in names(interested_in=["joining"])
    assert "Bo Members" not in names(interested_in=["leading"])  # members only
    assert names(representing=["EGTC"]) == {"Ana Kovács"}
    assert "Ana Kovács" in names(country=["hr"])  # a country of interest
    assert "Ana Kovács" in names(country=["HU"])  # where her organisation is
    assert "Ana Kovács" not in names(country=["SE"])
    assert names(q="Kovács EGTC") == {"Ana Kovács"}
    page = client.get("/people/", {"interested_in": "leading"}).content.decode()
    assert "Ana Kovács" in page and "Bo Members" not in page
    assert "Sample profile: invented for the demo" in client.get("/people/").content.decode()
    partial = client.get("/people/", {"representing": "EGTC"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "Ana Kovács" in partial.content.decode()


def test_the_profile_page_offers_a_message_and_shows_no_e_mail(client, ana):
    profile = profile_of(ana, interested_in=["leading", "joining"], bio="Borders.")
    page = client.get(f"/people/{profile.slug}/").content.decode()
    assert "Interested in: Leading a project, Joining a project" in page
    assert "ana@example.org" not in page
    assert "/messages/new/?to=" not in page  # anonymous: sign in first
    bo = User.objects.create_user("bo", "bo@example.org", "pw")
    client.force_login(bo)
    page = client.get(f"/people/{profile.slug}/").content.decode()
    assert f'href="/messages/new/?to={profile.slug}"' in page
    client.force_login(ana)
    page = client.get(f"/people/{profile.slug}/").content.decode()
    assert "/messages/new/?to=" not in page and "Edit your profile" in page


def test_sample_profiles_say_so(client):
    page = client.get("/people/sample-elin/").content.decode()
    assert "Sample profile: invented for the demo" in page
    assert "Example Regional Development Agency" in page


def test_hidden_and_members_only_pages_are_missing(client, ana):
    profile = profile_of(ana, visibility=Visibility.MEMBERS)
    assert client.get(f"/people/{profile.slug}/").status_code == 404
    client.force_login(User.objects.create_user("bo", "bo@example.org", "pw"))
    assert client.get(f"/people/{profile.slug}/").status_code == 200
    profile_of(ana, visibility=Visibility.HIDDEN)
    assert client.get(f"/people/{profile.slug}/").status_code == 404


def test_the_edit_page_creates_and_deletes_the_own_profile(client, ana):
    assert client.get("/people/me/edit/").status_code == 302  # sign in first
    client.force_login(ana)
    assert "Create your profile" in client.get("/accounts/me/").content.decode()
    assert client.get("/people/me/edit/").status_code == 200
    pannon = "European Grouping of Territorial Cooperation Pannon"
    form = {"name": "Ana Kovács", "organisation": pannon, "position": "Manager",
            "representing": "EGTC", "interested_in": ["leading", "networking"],
            "countries": ["HU"], "regions": "HU23", "languages": "hu en",
            "visibility": "public"}  # fmt: skip
    response = client.post("/people/me/edit/", form)
    assert response.status_code == 302 and response["Location"] == "/people/ana-kovacs/"
    profile = Profile.objects.get(user=ana)
    assert profile.organisation.slug == "pannon-egtc" and profile.interested_in == [
        "leading", "networking"]  # fmt: skip
    assert "/people/ana-kovacs/" in client.get("/accounts/me/").content.decode()
    bad = client.post("/people/me/edit/", {**form, "organisation": "Nowhere Ltd"})
    assert bad.status_code == 200 and "No organisation" in bad.content.decode()
    assert client.post("/people/me/delete/").status_code == 302
    assert not Profile.objects.filter(user=ana).exists()


def test_the_organisation_field_suggests_registry_organisations(client):
    options = client.get("/people/organisations/", {"organisation": "pannon"}).content.decode()
    assert '<option value="European Grouping of Territorial Cooperation Pannon">' in options


# The API -----------------------------------------------------------------------------------
def test_the_api_lists_and_shows_what_the_user_may_see(client, api_get, ana):
    profile = profile_of(ana, interested_in=["joining"], representing="EGTC", regions=["HU23"])
    items = api_get("/people", interested_in="joining", limit=100)["items"]
    assert "Ana Kovács" in {p["name"] for p in items}
    detail = api_get(f"/people/{profile.slug}")
    assert detail["organisation"] is None and detail["regions"] == ["HU23"]
    assert detail["interested_in"] == ["joining"] and "ana@example.org" not in json.dumps(detail)
    profile_of(ana, visibility=Visibility.HIDDEN)
    api_get(f"/people/{profile.slug}", status=404)
    assert "Ana Kovács" not in {p["name"] for p in api_get("/people", limit=100)["items"]}


def test_the_api_writes_the_own_profile_only_when_signed_in(client, ana):
    body = {"name": "Ana API", "interested_in": ["sharing_idea"], "visibility": "public"}

    def put(data):
        return client.put("/api/v1/people/me", json.dumps(data), content_type="application/json")

    assert put(body).status_code == 401
    client.force_login(ana)
    response = put(body)
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Ana API"
    assert Profile.objects.get(user=ana).interested_in == ["sharing_idea"]
    refused = put({**body, "countries": ["XX"]})  # the document lists the codes
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-2] == "countries"
    assert put({**body, "name": "ana@example.org"}).status_code == 422
    # A record named that does not exist: 404, saying which.
    missing = put({**body, "themes": ["no-such-theme"], "organisation": "Nowhere Ltd"})
    assert missing.status_code == 404
    assert "themes: Not found: 'no-such-theme'" in missing.json()["detail"]
    assert "No organisation 'Nowhere Ltd'" in missing.json()["detail"]
    assert put({**body, "name": " "}).status_code == 422
    assert put({**body, "interested_in": ["nothing"]}).status_code == 422
