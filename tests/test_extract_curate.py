"""The curator's page: upload or paste a page, see its facts with their spans marked,
accept, edit or reject them, land the accepted ones."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from corridor.extraction.models import ExtractedDocument, FactStatus
from corridor.projects.models import Project

PAGE = (
    "AlcoTraité\nLead partner: Regione Liguria, Italy\nTotal budget: 500 000 EUR\nDurée : 24 mois\n"
)


def surest(document, field):
    return document.facts.filter(field=field).order_by("-confidence", "start").first()


@pytest.fixture
def curator(client, db):
    user = get_user_model().objects.create_user("cura", "cura@example.org", "pw", is_staff=True)
    client.force_login(user)
    return client


def test_only_curators_may_use_the_page(client, db):
    user = get_user_model().objects.create_user("ann", "ann@example.org", "pw")
    client.force_login(user)
    assert client.get("/curate/extraction/").status_code == 403
    assert client.post("/curate/extraction/", {"text": PAGE}).status_code == 403
    assert not ExtractedDocument.objects.exists()


def test_a_pasted_page_shows_its_facts_with_their_spans_marked(curator):
    response = curator.post("/curate/extraction/", {"text": PAGE, "name": "alcotraite"})
    document = ExtractedDocument.objects.get()
    assert response.status_code == 302 and response.url == f"/curate/extraction/{document.pk}/"
    page = curator.get(response.url).content.decode()
    budget = surest(document, "total_budget")
    assert budget.value == "500000.00"
    assert f'<mark id="span-{budget.pk}" data-facts="{budget.pk}">500 000 EUR</mark>' in page
    assert "label:total budget" in page and "AlcoTraité" in page
    # The same text again is the same page, not a second one.
    again = curator.post("/curate/extraction/", {"text": PAGE, "name": "again"})
    assert again.url == response.url and ExtractedDocument.objects.count() == 1


def test_accept_edit_and_reject(curator):
    curator.post("/curate/extraction/", {"text": PAGE})
    document = ExtractedDocument.objects.get()
    budget = surest(document, "total_budget")
    duration = surest(document, "duration_months")
    lead = surest(document, "lead_partner")
    curator.post(f"/curate/extraction/facts/{budget.pk}/decide", {"decision": "accept"})
    curator.post(f"/curate/extraction/facts/{duration.pk}/decide",
                 {"decision": "edit", "value": "36"})  # fmt: skip
    curator.post(f"/curate/extraction/facts/{lead.pk}/decide", {"decision": "reject"})
    budget.refresh_from_db(), duration.refresh_from_db(), lead.refresh_from_db()
    assert budget.status == FactStatus.ACCEPTED
    assert (duration.status, duration.value) == (FactStatus.EDITED, 36)
    assert lead.status == FactStatus.REJECTED


def test_accepted_facts_land_on_the_project(curator):
    Project.objects.create(acronym="AlcoTraité", title="AlcoTraité", slug="alcotraite")
    curator.post("/curate/extraction/", {"text": PAGE})
    document = ExtractedDocument.objects.get()
    for fact in document.facts.filter(field__in=["acronym", "total_budget"]):
        curator.post(f"/curate/extraction/facts/{fact.pk}/decide", {"decision": "accept"})
    response = curator.post(f"/curate/extraction/{document.pk}/land", follow=True)
    assert "facts landed" in response.content.decode()
    assert Project.objects.get(acronym="AlcoTraité").total_budget == Decimal("500000")


def test_a_docx_upload_is_read(curator):
    import docx

    doc = docx.Document()
    doc.add_paragraph("Progetto BEST")
    doc.add_paragraph("Capofila: Regione delle Isole Ionie")
    doc.add_paragraph("Budget totale: € 5.380.000,00")
    content = io.BytesIO()
    doc.save(content)
    upload = io.BytesIO(content.getvalue())
    upload.name = "best.docx"
    response = curator.post("/curate/extraction/", {"file": upload})
    document = ExtractedDocument.objects.get()
    assert response.url == f"/curate/extraction/{document.pk}/"
    assert surest(document, "total_budget").value == "5380000.00"
    assert surest(document, "lead_partner").value == "Regione delle Isole Ionie"


def test_an_unreadable_file_is_refused_with_its_reason(curator):
    upload = io.BytesIO(b"\x00\x01")
    upload.name = "page.exe"
    response = curator.post("/curate/extraction/", {"file": upload}, follow=True)
    assert "is not one of" in response.content.decode()
    assert not ExtractedDocument.objects.exists()


def test_the_same_through_the_api(curator):
    response = curator.post("/api/v1/extraction/documents", {"text": PAGE, "name": "alco"})
    assert response.status_code == 201, response.content
    document = response.json()
    budget = next(f for f in document["facts"] if f["rule"] == "label:total budget")
    assert (budget["value"], budget["span"]) == ("500000.00", "500 000 EUR")
    assert document["text"][budget["start"] : budget["end"]] == "500 000 EUR"
    answer = curator.post(f"/api/v1/extraction/facts/{budget['id']}/decision",
                          {"decision": "edit", "value": "510000.00"},
                          content_type="application/json")  # fmt: skip
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["value"]) == ("edited", "510000.00")
    landing = curator.post(f"/api/v1/extraction/documents/{document['id']}/land")
    assert landing.status_code == 200 and landing.json()["waiting"] >= 1
    assert curator.get(f"/api/v1/extraction/documents/{document['id']}").status_code == 200


def test_the_api_is_for_curators_only(client, db):
    user = get_user_model().objects.create_user("ann", "ann@example.org", "pw")
    client.force_login(user)
    assert client.post("/api/v1/extraction/documents", {"text": PAGE}).status_code == 403
    assert not ExtractedDocument.objects.exists()
