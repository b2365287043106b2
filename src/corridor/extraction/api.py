"""The curator's page in the JSON API: queue a page's facts, decide on each, land the
accepted ones. Staff only; each endpoint calls the function the page calls."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from corridor.extraction.models import ExtractedDocument, ExtractedFact, FactStatus
from corridor.extraction.reading import ReadFailed
from corridor.extraction.services import decide, ingest_upload, land
from corridor.lib.schemas import Message

router = Router()


class FactOut(Schema):
    id: int
    project_key: str
    field: str
    value: Any = Field(description="Amounts and rates as decimal strings, dates as ISO dates.")
    start: int = Field(description="Where the span begins in the document's text.")
    end: int
    span: str
    rule: str
    confidence: float
    status: str
    note: str


class DocumentOut(Schema):
    id: int
    name: str
    kind: str
    language: str
    text: str
    facts: list[FactOut]

    @staticmethod
    def resolve_facts(document: ExtractedDocument) -> list:
        return list(document.facts.all())


class PageIn(Schema):
    name: str = Field("pasted page", max_length=200)
    text: str = Field("", description="The page's text, when no file is sent.")


class DecisionIn(Schema):
    decision: Literal["accept", "edit", "reject"]
    value: Any = Field(None, description="The edited value, for `edit`.")


class LandingOut(Schema):
    landed: int
    waiting: int
    conflicts: list[str]


def _curator(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied("Only curators (staff) review extracted facts.")


@router.post(
    "/extraction/documents",
    response={201: DocumentOut, 400: Message, 401: Message, 403: Message},
    auth=django_auth,
    tags=["extraction"],
)
def queue_page(request, page: Form[PageIn], file: File[UploadedFile] | None = None):
    """Queue the facts of a page sent as a file (text, HTML, PDF, DOCX; multipart form) or as
    `text`; answers the document with every fact found, its span and its rule."""
    _curator(request)
    try:
        if file is not None:
            document = ingest_upload(file.name or page.name, file.read())
        elif page.text.strip():
            document = ingest_upload(page.name + ".txt", page.text.encode("utf-8"))
        else:
            raise HttpError(400, "Send a file or a text.")
    except ReadFailed as e:
        raise HttpError(400, str(e)) from e
    return Status(201, document)


@router.get(
    "/extraction/documents/{int:pk}",
    response={200: DocumentOut, 401: Message, 403: Message, 404: Message},
    auth=django_auth,
    tags=["extraction"],
)
def get_page(request, pk: int):
    _curator(request)
    return get_object_or_404(ExtractedDocument, pk=pk)


@router.post(
    "/extraction/facts/{int:pk}/decision",
    response={200: FactOut, 400: Message, 401: Message, 403: Message, 404: Message},
    auth=django_auth,
    tags=["extraction"],
)
def decide_fact(request, pk: int, body: DecisionIn):
    """Accept, reject, or accept as edited (with `value`) one fact."""
    _curator(request)
    fact = get_object_or_404(ExtractedFact, pk=pk)
    status = {"accept": FactStatus.ACCEPTED, "reject": FactStatus.REJECTED,
              "edit": FactStatus.EDITED}[body.decision]  # fmt: skip
    decide([fact], status, body.value if body.decision == "edit" else None)
    fact.refresh_from_db()
    return fact


@router.post(
    "/extraction/documents/{int:pk}/land",
    response={200: LandingOut, 401: Message, 403: Message, 404: Message},
    auth=django_auth,
    tags=["extraction"],
)
def land_page(request, pk: int):
    """Land the document's accepted facts on the projects they describe."""
    _curator(request)
    result = land(get_object_or_404(ExtractedDocument, pk=pk))
    return {"landed": result.landed, "waiting": result.waiting,
            "conflicts": [str(c) for c in result.conflicts]}  # fmt: skip
