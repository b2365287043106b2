"""Partner suggestions: the matchmaker's ranking and its reasons in words, the programme's
rules as warnings, the hidden partnership of the benchmark counting nowhere, and who may
see the suggestions of an idea or a project (page, API, CLI)."""

import json

import pytest
from django.contrib.auth.models import User

from corridor.cli import main
from corridor.community import match_index, partnership_rules, suggestions
from corridor.community.bench import benchmark, cases, measure, prepare
from corridor.community.models import Profile, ProjectIdea, Visibility
from corridor.community.queries import idea_partner_suggestions, project_partner_suggestions
from corridor.community.suggestions import Consortium, feature_table
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Programme, Project, Theme
from people import member, secretariat_member

pytestmark = pytest.mark.django_db

NATUREACH = "natureach"  # an AURORA project with 4 Swedish partners


@pytest.fixture
def author():
    return member("ida", "klaipeda-municipal-administration")


@pytest.fixture
def idea(author):
    """A Lithuanian municipality's idea for Interreg Europe, seeking a Swedish
    regional authority."""
    idea = ProjectIdea.objects.create(
        slug="green-hydrogen-valleys",
        title="Green hydrogen valleys",
        summary="Regional policies for hydrogen and biogas in sparsely populated regions, "
        "with universities and regional authorities.",
        programme=Programme.objects.get(slug="interreg-europe-2021-2027"),
        partner_types=["Regional public authority"],
        countries=["SE"],
        author=author,
        organisation=Organisation.objects.get(slug="klaipeda-municipal-administration"),
    )
    idea.themes.add(Theme.objects.get(name="Research and innovation"))
    return idea


def curator() -> User:
    return User.objects.create_user("cleo", "cleo@example.org", "pw", is_staff=True)


def test_a_project_gets_organisations_outside_its_consortium_ranked_with_reasons():
    project = Project.objects.get(slug=NATUREACH)
    partners = set(project.partnerships.values_list("organisation__slug", flat=True))
    result = project_partner_suggestions(curator(), NATUREACH, limit=10)
    assert result.kind == "project" and len(result.suggestions) == 10
    assert [s.rank for s in result.suggestions] == list(range(1, 11))
    scores = [s.score for s in result.suggestions]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert not partners & {s.organisation.slug for s in result.suggestions}
    assert {o.slug for o in result.partners} == partners
    first = result.suggestions[0]
    assert first.percent == 100
    texts = [r.text for r in first.reasons]
    assert any(t.startswith("Took part in ") and " projects" in t for t in texts), texts
    assert any(" projects of AURORA 2021-2027" in t for t in texts), texts
    assert all(r.points >= 0 for r in first.reasons)
    assert [r.points for r in first.reasons] == sorted(
        (r.points for r in first.reasons), reverse=True
    )


def test_an_idea_hears_of_complementarity_what_it_seeks_and_the_programme_rules(idea, author):
    result = idea_partner_suggestions(author, idea.slug, limit=10)
    assert [o.slug for o in result.partners] == ["klaipeda-municipal-administration"]
    everything = [r.text for s in result.suggestions for r in s.reasons]
    # Sweden is an innovation leader, Lithuania a moderate innovator (EIS 2024).
    assert "Brings Sweden to the consortium" in everything
    assert (
        "Its region is an innovation leader, unlike the consortium's moderate innovators"
        in everything
    )
    assert any(t.startswith("What the idea looks for: a regional public authority") for t in
               everything)  # fmt: skip
    assert any("“hydrogen”" in t or "“biogas”" in t for t in everything), everything
    # The idea seeks regional authorities in Sweden: the first suggestions are.
    top = result.suggestions[:3]
    assert all(s.country_code == "SE" and s.type == "Regional public authority" for s in top)
    rules = {w.rule: w for w in result.warnings}
    assert set(rules) == {"countries", "size"}  # the municipality is a public body
    assert "at least 3 countries" in rules["countries"].text
    assert rules["countries"].source == "Regulation (EU) 2021/1059, Article 23(1)"
    assert "5 to 10 partners" in rules["size"].text
    assert "Corridor's default" in rules["size"].source


def test_the_rules_of_other_programmes_ask_for_two_countries_and_no_public_body():
    private = Organisation.objects.create(name="Test AB", country_code="SE", ownership="private")
    aurora = Programme.objects.get(name="AURORA")
    warnings = partnership_rules.check_consortium(aurora, [private])
    assert [w[0] for w in warnings] == ["countries"]
    assert "at least 2 countries; the consortium has 1 country" in warnings[0][1]
    europe = Programme.objects.get(slug="interreg-europe-2021-2027")
    rules = [w[0] for w in partnership_rules.check_consortium(europe, [private])]
    assert rules == ["countries", "public_bodies", "size"]


def test_people_with_public_profiles_are_shown_with_their_organisation(idea, author):
    first = idea_partner_suggestions(author, idea.slug).suggestions[0].organisation
    for name, visibility in [("Public Pia", Visibility.PUBLIC), ("Members Mo", Visibility.MEMBERS)]:
        user = User.objects.create_user(name.split()[1].lower(), f"{name[:3]}@example.org", "pw")
        Profile.objects.create(
            user=user, slug=name.lower().replace(" ", "-"), name=name, organisation=first,
            position="Project officer", visibility=visibility,
        )  # fmt: skip
    shown = idea_partner_suggestions(author, idea.slug).suggestions[0]
    assert [(p.name, p.position) for p in shown.people] == [("Public Pia", "Project officer")]


def test_the_hidden_partnership_counts_nowhere():
    """Features computed with a partnership hidden equal those computed once it is deleted
    from the registry (the topic's word statistics aside, which describe all texts)."""
    project = Project.objects.get(slug=NATUREACH)
    partnership = project.partnerships.order_by("position").last()
    hidden = partnership.organisation_id
    others = tuple(
        project.partnerships.exclude(pk=partnership.pk).values_list("organisation_id", flat=True)
    )
    question = {
        "text": f"{project.acronym} {project.title}",
        "programme_id": project.programme_id,
        "partner_ids": others,
        "project_id": project.pk,
    }
    with_hidden = feature_table(
        Consortium(**question, hidden=(project.pk, hidden)), match_index.match_index()
    )
    partnership.delete()
    without = feature_table(Consortium(**question), match_index.match_index())
    row_a, row_b = with_hidden.org_ids.index(hidden), without.org_ids.index(hidden)
    for name in suggestions.FEATURES:
        a, b = with_hidden.features[name][row_a], without.features[name][row_b]
        assert a == pytest.approx(b, abs=0.02 if name == "topic" else 1e-9), name
    assert with_hidden.context["records"][hidden] == without.context["records"][hidden]


def test_the_index_follows_the_registry():
    before = match_index.match_index()
    assert match_index.match_index() is before  # kept while nothing changes
    project = Project.objects.get(slug=NATUREACH)
    newcomer = Organisation.objects.create(name="Newcomer AB", country_code="SE")
    Partnership.objects.create(project=project, organisation=newcomer, role="partner")
    after = match_index.match_index()
    assert after is not before
    assert newcomer.pk in after.org_projects and newcomer.pk not in before.org_projects


def test_the_benchmark_beats_popularity_on_a_handful_of_cases():
    result = benchmark(limit=40, timed=False)
    assert {"cases", "recall_at_10", "baseline_recall_at_10", "mrr", "baseline_mrr"} <= set(result)
    assert result["cases"] == 40
    assert result["recall_at_10"] > result["baseline_recall_at_10"]
    assert result["mrr"] > result["baseline_mrr"]
    index = match_index.match_index()
    found = cases(index, limit=40)
    assert all(c.hidden_id not in c.consortium.partner_ids for c in found)
    assert all(len(c.consortium.partner_ids) >= 2 for c in found)
    # Without any weight, nobody is found better than by name.
    assert measure(prepare(found, index), {})["mrr"] < result["mrr"]


# Who may see them -----------------------------------------------------------------------
def test_idea_suggestions_page_both_ways(client, idea, author):
    url = f"/ideas/{idea.slug}/suggestions/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(member("otto", "region-vasterbotten"))  # another member
    assert client.get(url).status_code == 403
    client.force_login(User.objects.create_user("out", "out@example.org", "pw"))
    assert client.get(url).status_code == 403
    for allowed in (author, member("colleague", "klaipeda-municipal-administration"), curator()):
        client.force_login(allowed)
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Brings Sweden to the consortium." in page
        assert "needs partners from at least 3 countries" in page
        assert "@example.org" not in page
    assert client.get("/ideas/no-such-idea/suggestions/").status_code == 404


def test_project_suggestions_page_both_ways(client):
    url = "/projects/interventures/suggestions/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(member("otto", "region-vasterbotten"))
    assert client.get(url).status_code == 403
    for allowed in (member("ana", "pannon-egtc"), secretariat_member("sam"), curator()):
        client.force_login(allowed)
        response = client.get(url)
        assert response.status_code == 200
        assert 'class="suggestion"' in response.content.decode()


def test_suggestions_api_both_ways(client, idea, author):
    otto = member("otto", "region-vasterbotten")
    for path in (f"/api/v1/ideas/{idea.slug}/suggestions", "/api/v1/projects/interventures/"
                 "suggestions"):  # fmt: skip
        assert client.get(path).status_code == 401
        client.force_login(otto)
        assert client.get(path).status_code == 403
        client.logout()
    client.force_login(author)
    data = client.get(f"/api/v1/ideas/{idea.slug}/suggestions", {"limit": 3}).json()
    assert data["kind"] == "idea" and len(data["suggestions"]) == 3
    assert data["programme"]["slug"] == "interreg-europe-2021-2027"
    first = data["suggestions"][0]
    assert set(first) == {
        "rank", "organisation", "type", "country_code", "score", "reasons", "people",
    }  # fmt: skip
    assert first["reasons"] and set(first["reasons"][0]) == {"kind", "text", "points"}
    assert {w["rule"] for w in data["warnings"]} == {"countries", "size"}
    assert client.get("/api/v1/ideas/nothing/suggestions").status_code == 404
    assert client.get(f"/api/v1/ideas/{idea.slug}/suggestions", {"limit": 99}).status_code in (
        400, 422,
    )  # fmt: skip
    client.force_login(member("ana", "pannon-egtc"))
    assert client.get("/api/v1/projects/interventures/suggestions").status_code == 200


def test_the_cli_prints_the_suggestions_and_the_api_json(capsys, client, idea):
    assert main(["suggest-partners", idea.slug, "--limit", "3", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    client.force_login(curator())
    assert printed == client.get(f"/api/v1/ideas/{idea.slug}/suggestions", {"limit": 3}).json()
    assert main(["suggest-partners", f"project:{NATUREACH}", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Partner suggestions for the project NATUREACH")
    assert " 1. " in out and " 2. " in out and " 3. " not in out
    assert "needs partners from at least 2 countries" in out
    assert main(["suggest-partners", "nothing-of-that-name"]) == 1
