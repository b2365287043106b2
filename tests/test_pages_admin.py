"""The admin is where curators correct data: every model has a list and a form."""

import pytest
from django.urls import reverse

from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Phase, Programme, Project, ProjectCountry, Theme
from corridor.regions.models import Region

MODELS = [Region, Organisation, Programme, Theme, Project, Phase, Partnership, ProjectCountry]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_curator_can_list_add_and_change_each_model(admin_client, db, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    record = model.objects.order_by("pk").first()
    response = admin_client.get(admin_url(model, "change", record.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_anonymous_visitors_are_sent_to_log_in(client, db, model):
    url = admin_url(model, "changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/login/?next={url}")


@pytest.mark.parametrize(
    "model, query, expected",
    [
        (Project, "interventures", "InterVentures"),
        (Organisation, "AEBR", "Association of European Border Regions"),
        (Region, "SE33", "Övre Norrland (SE33)"),
        (
            Partnership,
            "MITA",
            "Agency for Science, Innovation and Technology in ClusterFY (Lead partner)",
        ),
    ],
)
def test_the_lists_are_searchable(admin_client, db, model, query, expected):
    response = admin_client.get(admin_url(model, "changelist"), {"q": query})
    found = [str(record) for record in response.context["cl"].result_list]
    assert expected in found
    assert len(found) < model.objects.count()


def test_a_project_form_edits_phases_and_partners_inline(admin_client, db):
    project = Project.objects.get(slug="interventures")
    page = admin_client.get(admin_url(Project, "change", project.pk)).content.decode()
    assert 'name="phases-TOTAL_FORMS" value="2"' in page
    assert 'name="partnerships-TOTAL_FORMS" value="8"' in page
    # 2,010 regions: the partner's region is chosen by search, not from a select of all.
    assert 'data-field-name="region"' in page
    assert page.count("<option") < Region.objects.count()


def test_provenance_is_shown_but_not_editable(admin_client, db):
    project = Project.objects.get(slug="interventures")
    page = admin_client.get(admin_url(Project, "change", project.pk)).content.decode()
    assert "seed-pages" in page
    for field in ("source", "source_record_id", "imported_at"):
        assert f'name="{field}"' not in page


def test_a_stated_country_is_chosen_among_countries_only(admin_client, db):
    page = admin_client.get(admin_url(ProjectCountry, "add")).content.decode()
    empty_choice = 1
    assert page.count('<option value="') == Region.objects.filter(level=0).count() + empty_choice
