"""corridor ingest: facts wait in the review queue until a curator decides; only accepted
facts land, and a conflicting value is kept back, not written."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from corridor.cli import main
from corridor.extraction.bench import SEEDS
from corridor.extraction.models import ExtractedDocument, ExtractedFact, FactStatus
from corridor.extraction.reading import ReadFailed, html_text, read_file
from corridor.extraction.services import decide, ingest, land
from corridor.projects.models import Project

PAGE = "SUNRISE\nTotal budget: 2 294 882 €\nDuration: 1.4.2016 - 31.3.2020\n" \
       "Lead partner: City of Tartu\nProject manager: Mari Maasikas\n"  # fmt: skip


def page(tmp_path, text=PAGE, name="sunrise.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_dry_run_prints_json_and_writes_nothing(db, tmp_path, capsys):
    seed = next(SEEDS.glob("001_*.txt"))
    assert main(["ingest", "--dry-run", "--format", "json", str(seed)]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["language"] == "en"
    (project,) = result["projects"]
    assert project["record"]["total_budget"] == "1376708.00"
    budget = next(f for f in project["facts"] if f["field"] == "total_budget")
    assert budget["span"] == "EUR 1,376,708"
    assert budget["rule"] == "label:total project value"
    assert not ExtractedDocument.objects.exists()


def test_ingested_facts_wait_and_nothing_lands_before_a_decision(db, tmp_path):
    ingest([page(tmp_path)])
    facts = ExtractedFact.objects.all()
    assert facts.count() >= 6
    assert set(facts.values_list("status", flat=True)) == {FactStatus.PENDING}
    result = land(ExtractedDocument.objects.get())
    assert result.landed == 0 and result.waiting == facts.count()
    assert not Project.objects.filter(acronym="SUNRISE").exists()


def test_accepted_and_edited_facts_land_rejected_ones_do_not(db, tmp_path):
    ingest([page(tmp_path)])
    document = ExtractedDocument.objects.get()
    facts = document.facts
    decide(facts.exclude(field__in=["total_budget", "project_manager"]), FactStatus.ACCEPTED)
    decide(facts.filter(field="total_budget"), FactStatus.EDITED, "2300000")
    decide(facts.filter(field="project_manager"), FactStatus.REJECTED)
    result = land(document)
    project = Project.objects.get(acronym="SUNRISE")
    assert project.total_budget == Decimal("2300000")
    assert str(project.start_date) == "2016-04-01"
    assert project.project_manager == ""
    assert project.partnerships.get().organisation.name == "City of Tartu"
    assert project.partnerships.get().role == "lead"
    assert result.landed == facts.filter(landed_at__isnull=False).count() > 0


def test_a_conflict_with_another_source_is_kept_back(db, tmp_path):
    text = "InterVentures\nTotal project value : EUR 9,999,999\n"
    ingest([page(tmp_path, text)])
    document = ExtractedDocument.objects.get()
    decide(document.facts.all(), FactStatus.ACCEPTED)
    result = land(document)
    assert Project.objects.get(acronym="InterVentures").total_budget == Decimal("1376708")
    fact = document.facts.get(field="total_budget")
    assert fact.landed_at is None
    assert "conflict" in fact.note and "1376708" in fact.note
    assert result.conflicts


def test_the_same_page_is_queued_once(db, tmp_path):
    ingest([page(tmp_path)])
    ingest([page(tmp_path)])
    assert ExtractedDocument.objects.count() == 1


def test_html_pages_are_read_as_text(tmp_path):
    markup = ("<html><head><style>p{}</style></head><body><h1>SUNRISE</h1>"
              "<p>Total budget: 2&nbsp;294&nbsp;882 &euro;</p><ul><li>City of Tartu</li></ul>"
              "<script>var x = 1;</script></body></html>")  # fmt: skip
    text = html_text(markup)
    assert text.splitlines()[0] == "SUNRISE"
    assert "Total budget: 2 294 882 €" in text
    assert "- City of Tartu" in text
    assert "var x" not in text


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the lines in Helvetica, built by hand."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(" + line.replace("(", r"\(").replace(")", r"\)") + ") Tj T*" for line in lines
    ) + " ET"  # fmt: skip
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_pdf_pages_are_read_and_extracted(db, tmp_path):
    path = tmp_path / "sunrise.pdf"
    path.write_bytes(minimal_pdf(["SUNRISE", "Total budget: EUR 1,376,708"]))
    text, kind = read_file(path)
    assert kind == "pdf"
    assert "Total budget: EUR 1,376,708" in text
    (result,) = ingest([path], dry_run=True)
    assert result.projects[0].first("total_budget") == Decimal("1376708")


def test_unreadable_files_are_refused_and_nothing_is_written(db, tmp_path, capsys):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("SUNRISE\nLaufzeit: 2016-2018\nGröße".encode("latin-1"))
    for path in (broken, latin):
        with pytest.raises(ReadFailed):
            ingest([page(tmp_path), path])
    assert main(["ingest", str(latin)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert not ExtractedDocument.objects.exists()


def test_the_admin_lists_the_queue_and_accepts_a_whole_page(admin_client, db, tmp_path):
    ingest([page(tmp_path)])
    document = ExtractedDocument.objects.get()
    assert admin_client.get(reverse("admin:extraction_extractedfact_changelist")).status_code == 200
    url = reverse("admin:extraction_extracteddocument_changelist")
    admin_client.post(url, {"action": "accept_all", "_selected_action": [document.pk]})
    assert not document.facts.filter(status=FactStatus.PENDING).exists()
    admin_client.post(url, {"action": "land_accepted", "_selected_action": [document.pk]})
    assert Project.objects.get(acronym="SUNRISE").total_budget == Decimal("2294882")
