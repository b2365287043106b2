"""The document library: uploads checked by content and size, text extracted and searchable,
files kept outside the web root and served with the right headers."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from corridor.community.models import Membership
from corridor.learning.files import extract_text, sniff
from corridor.learning.models import Document, DocumentKind
from corridor.learning.services import upload_document
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from learning_files import (
    EXE,
    PNG,
    docx_with_text,
    odt_with_text,
    pdf_with_text,
    pptx_with_title,
    xlsx_with_cells,
)

pytestmark = pytest.mark.django_db
LIMIT = 64 * 1024


@pytest.fixture
def storage(settings, tmp_path):
    settings.DOCUMENT_DIR = tmp_path / "documents"
    settings.DOCUMENT_MAX_BYTES = LIMIT
    return settings.DOCUMENT_DIR


@pytest.fixture
def project():
    return Project.objects.get(acronym="InterVentures", source="seed-pages")


@pytest.fixture
def uploader(client, project):
    user = User.objects.create_user("uploader", "uploader@example.org", "pw")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="klaipeda-id"))
    client.force_login(user)
    return user


def upload(client, project, name: str, content: bytes, **fields):
    data = {"file": SimpleUploadedFile(name, content), "kind": "report", "project": project.pk}
    return client.post("/documents/upload/", {**data, **fields})


def stored_files(storage) -> list:
    return [p for p in storage.rglob("*") if p.is_file()] if storage.exists() else []


def test_a_pdf_is_stored_with_its_text_and_language(client, storage, uploader, project):
    text = "Situation analysis of SME internationalisation in the Klaipeda region"
    response = upload(client, project, "analysis.pdf", pdf_with_text(text), title="Analysis")
    assert response.status_code == 302
    document = Document.objects.get(title="Analysis")
    assert document.file_type == "pdf" and document.file_name == "analysis.pdf"
    assert "SME internationalisation" in document.text and document.language == "en"
    assert document.uploaded_by == uploader and document.project == project
    assert stored_files(storage) == [storage / document.file_sha256[:2] / document.file_sha256]


def test_the_full_text_is_searchable_on_the_page_and_in_the_api(client, storage, uploader, project):
    upload(client, project, "notes.docx", docx_with_text("Quokka acceleration services"))
    page = client.get("/documents/", {"q": "quokka"}).content.decode()
    assert "notes" in page and "1 document" in page
    data = client.get("/api/v1/documents", {"q": "quokka"}).json()
    assert [d["file_type"] for d in data["items"]] == ["docx"]
    assert client.get("/api/v1/documents", {"q": "wombat"}).json()["count"] == 0


@pytest.mark.parametrize(
    "name, content, needle",
    [
        ("sheet.xlsx", xlsx_with_cells(("Region", "SMEs"), ("Burgos", 48)), "Burgos 48"),
        ("slides.pptx", pptx_with_title("Blue economy startups"), "Blue economy startups"),
        ("letter.odt", odt_with_text("Rzeszów stakeholders"), "Rzeszów stakeholders"),
        ("map.png", PNG, ""),
    ],
)
def test_each_allowed_type_is_read(client, storage, uploader, project, name, content, needle):
    assert upload(client, project, name, content, title=name).status_code == 302
    document = Document.objects.get(title=name)
    assert document.file_type == name.rpartition(".")[2]
    assert needle in document.text
    assert bool(document.text) == bool(needle)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("big.pdf", pdf_with_text("x") + b"%" * LIMIT, "the limit is 64 KB"),
        ("report.pdf", EXE, "its content is a program (executable)"),
        ("report.docx", pdf_with_text("not a docx"), "its content is a PDF file"),
        ("empty.pdf", b"", "is empty (0 bytes)"),
        ("setup.exe", EXE, "not a file type the library takes"),
        ("broken.pdf", b"%PDF-1.4\nnothing else", "cannot be read"),
    ],
)
def test_refused_uploads_say_why_and_store_nothing(
    client, storage, uploader, project, name, content, message
):
    before = Document.objects.count()
    response = upload(client, project, name, content)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was stored." in html and message in html
    assert Document.objects.count() == before
    assert stored_files(storage) == []


@pytest.mark.parametrize("name", ["../Klaipėda/ataskaita.pdf", "..\\Klaipėda\\ataskaita.pdf"])
def test_a_name_with_path_separators_is_refused_and_nothing_stored(
    storage, uploader, project, name
):
    """The service sees the name as sent (the CLI, a script); over HTTP, Django cuts the
    folders off before any view runs (the next test)."""
    before = Document.objects.count()
    upload_file = io.BytesIO(pdf_with_text("x"))
    upload_file.name = name  # as a script could pass it: Django's own file objects cut it
    with pytest.raises(ValidationError) as refused:
        upload_document(uploader, upload_file, {"kind": "report", "project": project})
    assert "contains a path separator (/ or \\)" in refused.value.message_dict["file"][0]
    assert "Klaipėda" in refused.value.message_dict["file"][0]
    assert Document.objects.count() == before and stored_files(storage) == []


def test_over_http_the_folders_of_a_name_never_reach_the_disk(client, storage, uploader, project):
    upload(client, project, "../../Klaipėda/ataskaita.pdf", pdf_with_text("x"), title="T")
    document = Document.objects.get(title="T")
    assert document.file_name == "ataskaita.pdf"
    assert stored_files(storage) == [storage / document.file_sha256[:2] / document.file_sha256]


def test_a_non_ascii_name_is_kept_and_served_safely(client, storage, uploader, project):
    name = "Ataskaita – Klaipėda.pdf"
    upload(client, project, name, pdf_with_text("Klaipeda report"), title="Ataskaita")
    document = Document.objects.get(title="Ataskaita")
    assert document.file_name == name
    response = client.get(f"/documents/{document.pk}/file")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Ataskaita%20%E2%80%93%20Klaip%C4%97da.pdf" in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == pdf_with_text("Klaipeda report")


def test_files_live_outside_the_web_root(settings):
    from django.conf import settings as live

    document_dir = live.DOCUMENT_DIR.resolve()
    for served in (live.STATIC_ROOT, live.PACKAGE_DIR):
        assert not document_dir.is_relative_to(Path(served).resolve())


@pytest.mark.parametrize("who", [None, "outsider"])
def test_only_project_members_upload(client, storage, project, who):
    if who:
        user = User.objects.create_user("outsider", "o@example.org", "pw")
        Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="mita"))
        client.force_login(user)
    response = upload(client, project, "a.pdf", pdf_with_text("x"), title="Sneaky")
    assert response.status_code in (302, 400)
    if who is None:
        assert "/accounts/login/" in response["Location"]
    assert not Document.objects.filter(title="Sneaky").exists()
    assert stored_files(storage) == []


def test_the_seed_documents_are_metadata_only(client):
    handbook = Document.objects.get(title="iEER Boost Growth Handbook")
    assert handbook.kind == DocumentKind.HANDBOOK and not handbook.has_file
    assert handbook.publication_date is None and "2016-2018" in handbook.date_note
    page = client.get(handbook.get_absolute_url()).content.decode()
    assert "Only the description of this document is known." in page
    assert client.get(f"/documents/{handbook.pk}/file").status_code == 404
    assert Document.objects.filter(project__acronym="InterVentures").count() == 2


def test_explore_filters_by_file_type(client, storage, uploader, project, tmp_path):
    from corridor.search.backends.base import SearchRequest
    from corridor.search.backends.tantivy_backend import TantivyBackend
    from corridor.search.query import parse_query
    from corridor.search.sync import catch_up, rebuild

    node = TantivyBackend(tmp_path / "node")
    rebuild(node)
    upload(client, project, "wombat.docx", docx_with_text("Wombat cluster policy"), title="W")
    catch_up(node)
    hits = node.search(SearchRequest(query=parse_query("wombat"), filters={"file_type": ["docx"]}))
    assert [h.title for h in hits.hits] == ["W"]
    hits = node.search(SearchRequest(query=parse_query("wombat"), filters={"file_type": ["pdf"]}))
    assert hits.hits == []


def test_signatures_are_read_from_the_content():
    assert sniff(EXE) == "exe"
    assert sniff(docx_with_text("x")) == "docx"
    assert sniff(PNG) == "png"
    assert sniff(b"plain text") == ""
    assert "hello" in extract_text("pdf", pdf_with_text("hello"))


def test_the_api_takes_uploads_from_project_members_only(client, storage, project):
    def post(name, content, **fields):
        data = {"project": "interventures", "kind": "report", **fields}
        return client.post("/api/v1/documents", {**data, "file": SimpleUploadedFile(name, content)})

    assert post("a.pdf", pdf_with_text("x")).status_code == 401
    outsider = User.objects.create_user("outsider", "o@example.org", "pw")
    Membership.objects.create(user=outsider, organisation=Organisation.objects.get(slug="mita"))
    client.force_login(outsider)
    assert post("a.pdf", pdf_with_text("x")).status_code == 403
    assert stored_files(storage) == []

    member = User.objects.create_user("member", "m@example.org", "pw")
    Membership.objects.create(
        user=member, organisation=Organisation.objects.get(slug="pannon-egtc")
    )
    client.force_login(member)
    refused = post("setup.pdf", EXE)
    assert refused.status_code == 400 and "program (executable)" in refused.json()["detail"]
    assert post("a.pdf", pdf_with_text("x"), project="nope").status_code == 404
    assert stored_files(storage) == []
    response = post("plan.pdf", pdf_with_text("Action plan for Pannon"), kind="action_plan")
    assert response.status_code == 201
    data = response.json()
    assert data["kind"] == "action_plan" and data["file_type"] == "pdf"
    assert "Action plan for Pannon" in data["text"]
    assert data["download_url"] == f"/documents/{data['id']}/file"
    assert len(stored_files(storage)) == 1
