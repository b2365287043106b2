import pytest
from django.urls import reverse

from corridor.cli import main
from corridor.organisations.dedupe import fold, initials
from corridor.organisations.models import (
    MergeMethod,
    MergeProposal,
    Organisation,
    OrganisationMerge,
    ProposalStatus,
)
from corridor.organisations.services import decide_proposal, dedupe, undo_merge
from corridor.projects.models import Partnership, Project, Role

LONG_NAME = "Union of Chambers of Commerce, Industry, Agriculture and Crafts in Lombardy"


def other_source(name, country="", project="Boost Nordic Biogas", **extra):
    """An organisation another source spells its own way, partner in a project."""
    organisation = Organisation.objects.create(
        name=name, country_code=country, source="other-source", **extra
    )
    Partnership.objects.create(
        project=Project.objects.filter(acronym=project).first(), organisation=organisation,
        role=Role.PARTNER, position=99, source="other-source",
    )  # fmt: skip
    return organisation


def aebr_proposal():
    prefix = "Association of European"
    return MergeProposal.objects.get(
        first__name__startswith=prefix, second__name__startswith=prefix
    )


def test_folding_and_initials():
    assert fold("Klaipėda ID") == fold("KLAIPEDA  ID") == "klaipeda id"
    assert initials("Association of European Border Regions") == "aebr"
    assert initials("Region Skåne") == ""  # two words make no initialism


def test_accents_alone_make_a_certain_match_that_is_merged(db):
    seeded = Organisation.objects.get(name="Klaipėda ID")
    spelled = other_source("Klaipeda ID", "LT")
    partnership = spelled.partnerships.get()
    result = dedupe(apply=True)
    merge = next(m for m in result.merged if m.merged_name == "Klaipeda ID")
    assert merge.kept == seeded  # the curated one stays
    assert merge.method == MergeMethod.AUTOMATIC
    assert "accents" in merge.reason
    assert not Organisation.objects.filter(name="Klaipeda ID").exists()
    partnership.refresh_from_db()
    assert partnership.organisation == seeded
    seeded.refresh_from_db()
    assert "Klaipeda ID" in seeded.other_names.splitlines()


def test_a_name_that_is_the_others_acronym_is_merged(db):
    other_source("Unioncamere Lombardia", "IT")
    result = dedupe(apply=True)
    merge = next(m for m in result.merged if m.merged_name == "Unioncamere Lombardia")
    assert merge.kept.name == LONG_NAME
    assert "is the acronym of" in merge.reason


def test_different_countries_make_a_proposal_not_a_merge(db):
    other_source("Klaipeda ID", "SE")
    result = dedupe(apply=True)
    assert "Klaipeda ID" not in [m.merged_name for m in result.merged]
    proposal = MergeProposal.objects.get(
        first__name__in=["Klaipeda ID", "Klaipėda ID"], second__name__in=["Klaipeda ID",
        "Klaipėda ID"],
    )  # fmt: skip
    assert "countries differ" in proposal.reason
    assert proposal.status == ProposalStatus.OPEN


def test_alike_names_and_initials_are_proposed_with_their_reason(db):
    other_source("Association of European Border Region", "")
    other_source("Association of Cross Border Towns", "PL")
    other_source("ACBT", "PL")
    result = dedupe()
    reasons = {(m.first.name, m.second.name): m.reason for m in result.proposed}
    alike = next(r for pair, r in reasons.items() if "Association of European Border Region" in
                 pair and "Association of European Border Regions" in pair)  # fmt: skip
    assert "% alike" in alike
    assert any("initials of 'Association of Cross Border Towns'" in r for r in reasons.values())
    assert not result.merged  # without --apply nothing is written
    assert Organisation.objects.filter(name="ACBT").exists()


def test_a_merge_can_be_undone(db):
    seeded = Organisation.objects.get(name="Klaipėda ID")
    before = seeded.other_names
    spelled = other_source("Klaipeda ID", "LT", website="https://klaipeda.example")
    spelled_id, partnership = spelled.pk, spelled.partnerships.get()
    dedupe(apply=True)
    merge = OrganisationMerge.objects.get(merged_name="Klaipeda ID")
    seeded.refresh_from_db()
    assert seeded.website == "https://klaipeda.example"  # filled in by the merge
    restored = undo_merge(merge)
    assert (restored.pk, restored.name, restored.source) == (spelled_id, "Klaipeda ID",
                                                             "other-source")  # fmt: skip
    partnership.refresh_from_db()
    assert partnership.organisation_id == spelled_id
    seeded.refresh_from_db()
    assert seeded.other_names == before
    assert seeded.website == ""
    merge.refresh_from_db()
    assert merge.undone_at is not None


def test_a_partnership_in_a_project_both_share_comes_back_on_undo(db):
    seeded = Organisation.objects.get(name="Klaipėda ID")
    project = seeded.partnerships.first().project
    spelled = other_source("Klaipeda ID", "LT", project=project.acronym)
    count = project.partnerships.count()
    merge = dedupe(apply=True).merged[0]
    assert project.partnerships.count() == count - 1
    undo_merge(merge)
    assert project.partnerships.filter(organisation_id=spelled.pk).exists()
    assert project.partnerships.count() == count


def test_a_second_run_merges_nothing_more(db):
    other_source("Klaipeda ID", "LT")
    first = dedupe(apply=True)
    again = dedupe(apply=True)
    assert first.merged and not again.merged and not again.certain


def test_a_curator_accepts_or_rejects_a_proposal(db):
    other_source("Association of European Border Region", "")
    dedupe(apply=True)
    proposal = aebr_proposal()
    merge = decide_proposal(proposal, accept=True)
    assert merge.kept.name == "Association of European Border Regions"
    assert merge.method == MergeMethod.CURATOR
    # The proposal went with the merged organisation; the merge keeps its reason.
    assert not MergeProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.OPEN).exists()
    assert merge.reason == proposal.reason

    undo_merge(merge)
    other = MergeProposal.objects.create(first=merge.kept, second=Organisation.objects.get(
        pk=merge.merged_id), score=90, reason="test")  # fmt: skip
    decide_proposal(other, accept=False)
    again = dedupe(apply=True)
    assert merge.merged_name not in [m.merged_name for m in again.merged]
    assert not any(
        {m.first.id, m.second.id} == {merge.kept_id, merge.merged_id} for m in again.proposed
    )


def test_the_command_lists_and_applies(db, capsys):
    other_source("Klaipeda ID", "LT")
    assert main(["organisations", "dedupe"]) == 0
    out = capsys.readouterr().out
    assert "would merge: 'Klaipeda ID' into 'Klaipėda ID'" in out
    assert Organisation.objects.filter(name="Klaipeda ID").exists()
    assert main(["organisations", "dedupe", "--apply"]) == 0
    assert "merged: 'Klaipeda ID' into 'Klaipėda ID'" in capsys.readouterr().out
    merge = OrganisationMerge.objects.get(merged_name="Klaipeda ID")
    assert main(["organisations", "undo", str(merge.pk)]) == 0
    assert Organisation.objects.filter(name="Klaipeda ID").exists()
    assert main(["organisations", "undo", str(merge.pk)]) == 1


def test_admin_actions_merge_a_proposal_and_undo_a_merge(admin_client, db):
    other_source("Association of European Border Region", "")
    dedupe(apply=True)
    proposal = aebr_proposal()
    url = reverse("admin:organisations_mergeproposal_changelist")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"action": "merge", "_selected_action": [proposal.pk]})
    assert response.status_code == 302
    assert not Organisation.objects.filter(name="Association of European Border Region").exists()
    merge = OrganisationMerge.objects.get(merged_name="Association of European Border Region")
    url = reverse("admin:organisations_organisationmerge_changelist")
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"action": "undo", "_selected_action": [merge.pk]})
    assert Organisation.objects.filter(name="Association of European Border Region").exists()


@pytest.mark.django_db
def test_a_merge_moves_co_authorships_and_indicator_figures_and_undo_puts_them_back():
    from corridor.organisations.services import merge_organisations
    from corridor.plans.models import ActionPlan, IndicatorValue

    association = Organisation.objects.get(name="Association of the Carpathian Euroregion Poland")
    copy = Organisation.objects.create(name="Carpathian Euroregion Poland", country_code="PL")
    copy_id = copy.pk  # the merge deletes it (and empties copy.pk)
    polish = ActionPlan.objects.get(partner__slug="rzeszow-regional-development-agency")
    spanish = ActionPlan.objects.get(partner__slug="ceei-burgos")
    polish.co_authors.add(copy)  # already written with the association: a clash
    spanish.co_authors.add(copy)
    figure = IndicatorValue.objects.create(
        project=polish.project, indicator="people_capacity", partner=copy, achieved=12
    )

    merge = merge_organisations(association, copy, "same association")
    assert list(polish.co_authors.all()) == [association]
    assert set(spanish.co_authors.all()) == {association, Organisation.objects.get(slug="sodebur")}
    assert IndicatorValue.objects.get(pk=figure.pk).partner == association

    undo_merge(merge)
    assert set(polish.co_authors.values_list("name", flat=True)) == {
        association.name, "Carpathian Euroregion Poland"
    }  # fmt: skip
    assert "Carpathian Euroregion Poland" in spanish.co_authors.values_list("name", flat=True)
    assert IndicatorValue.objects.get(pk=figure.pk).partner_id == copy_id
