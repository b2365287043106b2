"""The people side of the demo: the seed's Wismar profile and the sample people and ideas,
imported idempotently, and the samples removed by one command, exactly them."""

import json

import pytest
from django.contrib.auth.models import User

from corridor.cli import main
from corridor.community import services
from corridor.community.imports import SEED_FILE, import_community, remove_samples
from corridor.community.models import OrganisationProfile, Profile, ProjectIdea, Visibility
from corridor.community.services import IdeaInput, ProfileInput
from corridor.lib.imports.report import ImportFailed
from corridor.organisations.models import Organisation
from people import member

pytestmark = pytest.mark.django_db
WISMAR = "Hochschule Wismar, University of Applied Sciences: Technology, Business and Design"


def run(capsys, *argv) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_a_second_import_changes_nothing():
    report = import_community()
    assert report.total("created") == 0 and report.total("changed") == 0
    assert report.total("unchanged") >= 10
    wismar = Organisation.objects.get(name=WISMAR)
    assert wismar.source == "seed 004" and wismar.region.code == "DE80M"
    profile = OrganisationProfile.objects.get(organisation=wismar)
    assert profile.interested_in == ["leading", "joining", "networking"]
    assert profile.source == "seed 004" and not profile.sample
    assert profile.visibility == Visibility.PUBLIC


def test_bad_input_writes_nothing(tmp_path):
    data = json.loads(SEED_FILE.read_text())
    data["samples"]["people"][1]["interested_in"] = ["leading", "flying"]
    data["samples"]["people"][0]["name"] = "Renamed Before The Error"
    bad = tmp_path / "community.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ImportFailed) as failed:
        import_community(bad)
    assert "row 2" in str(failed.value) and "flying" in str(failed.value)
    assert not Profile.objects.filter(name="Renamed Before The Error").exists()


def test_remove_samples_removes_exactly_the_samples(capsys):
    ana = member("ana", "pannon-egtc")
    real = services.save_profile(ana, ProfileInput(name="Ana Kovács", visibility="public"))
    idea = services.create_idea(ana, IdeaInput(title="Real idea", summary="Not invented."))
    samples = {
        "profiles": Profile.objects.filter(sample=True).count(),
        "ideas": ProjectIdea.objects.filter(sample=True).count(),
    }
    assert samples["profiles"] == 4 and samples["ideas"] == 3
    users = User.objects.count()
    organisations = Organisation.objects.count()
    status, out = run(capsys, "community", "remove-samples")
    assert status == 0 and "4 profiles" in out and "3 ideas" in out and "4 accounts" in out
    assert not Profile.objects.filter(sample=True).exists()
    assert not ProjectIdea.objects.filter(sample=True).exists()
    assert not User.objects.filter(username__startswith="sample-").exists()
    assert User.objects.count() == users - 4
    assert Organisation.objects.count() == organisations
    assert Profile.objects.filter(pk=real.pk).exists()
    assert ProjectIdea.objects.filter(pk=idea.pk).exists()
    assert OrganisationProfile.objects.filter(organisation__name=WISMAR).exists()  # not a sample
    assert remove_samples() == {"ideas": 0, "profiles": 0, "organisation profiles": 0,
                                "accounts": 0}  # fmt: skip
    report = import_community()  # load-demo creates them again
    assert report.counts[("sample profile", "created")] == 4
    assert Profile.objects.filter(sample=True).count() == 4


def test_people_and_ideas_in_the_cli_as_the_api_gives_them(capsys, api_get):
    status, out = run(capsys, "people", "list")
    assert status == 0 and "Elin Example (sample)" in out and "Jonas Example" not in out
    status, out = run(capsys, "people", "list", "--format", "json")
    assert json.loads(out) == api_get("/people", limit=100)["items"]
    status, out = run(capsys, "people", "list", "--interested-in", "leading", "--format", "json")
    assert [p["slug"] for p in json.loads(out)] == ["sample-elin"]
    status, out = run(capsys, "people", "show", "sample-marek", "--format", "json")
    assert json.loads(out) == api_get("/people/sample-marek")
    status, out = run(capsys, "people", "show", "sample-marek")
    assert "Sample profile: invented for the demo." in out and "Interested in: Joining" in out
    assert main(["people", "show", "sample-jonas"]) == 1  # members only
    status, out = run(capsys, "ideas", "list", "--format", "json")
    assert json.loads(out) == api_get("/ideas", limit=100)["items"]
    status, out = run(capsys, "ideas", "list", "--status", "closed")
    assert "Digital skills for older workers" in out and "1 project idea" in out
    slug = "sample-cluster-bridges-between-innovation-groups"
    status, out = run(capsys, "ideas", "show", slug, "--format", "json")
    assert json.loads(out) == api_get(f"/ideas/{slug}")
    status, out = run(capsys, "ideas", "show", slug)
    assert "Budget: 1,500,000 € – 2,500,000 €" in out
