"""Organisations' profiles: kept by their members (and curators), shown on the organisation's
page beside the track record the registry knows, with the people who work there."""

import json
import re

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.community import services
from corridor.community.models import OrganisationProfile, Profile, Visibility
from corridor.community.services import OrganisationProfileInput, ProfileInput
from corridor.organisations.models import Organisation
from people import member

pytestmark = pytest.mark.django_db
WISMAR = "Hochschule Wismar, University of Applied Sciences: Technology, Business and Design"
SEED_INTERESTS = "Interested in: Leading a project, Joining a project, Networking with peers"


def text(response) -> str:
    """The page's words without its tags, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def pannon(db):
    return Organisation.objects.get(slug="pannon-egtc")


def profile_input(**values) -> OrganisationProfileInput:
    data = {"description": "Cross-border cooperation on the Hungarian-Croatian border.",
            "representing": "EGTC", "interested_in": ["joining", "leading"],
            "themes": ["clusters"], "countries": ["HR", "SI"], **values}  # fmt: skip
    return OrganisationProfileInput(**data)


def test_its_members_and_curators_write_the_profile_others_may_not(pannon):
    owner = member("ana", "pannon-egtc")
    other_member = member("bo", "klaipeda-id")  # a member, of another organisation
    outsider = User.objects.create_user("out", "out@example.org", "pw")
    for user in (other_member, outsider, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.save_organisation_profile(user, pannon, profile_input())
    assert not OrganisationProfile.objects.filter(organisation=pannon).exists()
    profile = services.save_organisation_profile(owner, pannon, profile_input())
    assert profile.interested_in == ["leading", "joining"]
    assert profile.countries == ["HR", "SI"] and [t.slug for t in profile.themes.all()] == [
        "clusters"]  # fmt: skip
    curator = User.objects.create_user("cura", "cura@example.org", "pw", is_staff=True)
    again = services.save_organisation_profile(curator, pannon, profile_input(description="Hi"))
    assert again.pk == profile.pk and again.description == "Hi"
    with pytest.raises(ValidationError) as refused:
        services.save_organisation_profile(owner, pannon, profile_input(interested_in=["x"]))
    assert "interested_in" in refused.value.message_dict


def test_the_page_shows_the_profile_the_track_record_and_the_people(client, pannon):
    owner = member("ana", "pannon-egtc")
    services.save_organisation_profile(owner, pannon, profile_input())
    services.save_profile(owner, ProfileInput(name="Ana Kovács", organisation="pannon-egtc",
                                              visibility=Visibility.PUBLIC))  # fmt: skip
    hidden = member("hid", "pannon-egtc")
    services.save_profile(hidden, ProfileInput(name="Hidden Person", organisation="pannon-egtc",
                                               visibility=Visibility.HIDDEN))  # fmt: skip
    page = text(client.get("/organisations/pannon-egtc/"))
    assert "Interested in: Leading a project, Joining a project" in page
    assert "Representing EGTC" in page
    assert "Times lead partner" in page and "Validated good practices" in page
    assert "Implemented actions" in page
    assert "Ana Kovács" in page and "Hidden Person" not in page
    assert "Write its profile" not in page and "Edit the profile" not in page
    client.force_login(owner)
    assert "Edit the profile" in text(client.get("/organisations/pannon-egtc/"))


def test_a_members_only_profile_is_left_out_for_anonymous_visitors(client, pannon):
    owner = member("ana", "pannon-egtc")
    services.save_organisation_profile(owner, pannon, profile_input(visibility="members"))
    page = text(client.get("/organisations/pannon-egtc/"))
    assert "Interested in:" not in page and "has no profile you may see" in page
    client.force_login(User.objects.create_user("out", "out@example.org", "pw"))
    assert "Interested in: Leading a project" in text(client.get("/organisations/pannon-egtc/"))


def test_the_edit_page_both_ways(client, pannon):
    url = "/organisations/pannon-egtc/profile/edit/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(member("bo", "klaipeda-id"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"visibility": "public"}).status_code == 403
    client.force_login(member("ana", "pannon-egtc"))
    assert client.get(url).status_code == 200
    response = client.post(url, {"description": "We cooperate.", "representing": "EGTC",
                                 "interested_in": ["networking"], "countries": ["HR"],
                                 "visibility": "public"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/organisations/pannon-egtc/"
    assert OrganisationProfile.objects.get(organisation=pannon).interested_in == ["networking"]


def test_the_api_reads_and_writes_the_profile(client, api_get, pannon):
    empty = api_get("/organisations/pannon-egtc/profile")
    assert empty["profile"] is None and empty["organisation"]["slug"] == "pannon-egtc"
    assert empty["validated_good_practices"] >= 0 and empty["people"] == []
    body = json.dumps({"description": "Via the API", "interested_in": ["joining"],
                       "representing": "EGTC", "visibility": "public"})  # fmt: skip

    def put():
        return client.put("/api/v1/organisations/pannon-egtc/profile", body,
                          content_type="application/json")  # fmt: skip

    assert put().status_code == 401
    client.force_login(member("bo", "klaipeda-id"))
    assert put().status_code == 403
    client.force_login(member("ana", "pannon-egtc"))
    response = put()
    assert response.status_code == 200, response.content
    assert response.json()["profile"]["interested_in"] == ["joining"]
    client.logout()
    assert api_get("/organisations/pannon-egtc/profile")["profile"]["description"] == "Via the API"
    api_get("/organisations/no-such-organisation/profile", status=404)


def test_the_seed_s_wismar_profile_on_its_page(client, api_get):
    wismar = Organisation.objects.get(name=WISMAR)
    assert wismar.country_code == "DE" and wismar.type == "Higher education and research"
    page = text(client.get(wismar.get_absolute_url()))
    assert SEED_INTERESTS in page
    assert "Source: seed 004" in page
    assert "Sample profile" not in page
    data = api_get(f"/organisations/{wismar.slug}/profile")
    assert data["profile"]["interested_in"] == ["leading", "joining", "networking"]
    assert data["profile"]["sample"] is False


def test_no_sample_person_is_attached_to_a_real_organisation():
    assert not Profile.objects.filter(sample=True, organisation__isnull=False).exists()
    assert Profile.objects.filter(sample=True).count() >= 3
