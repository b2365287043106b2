"""Policy learning in the JSON API: events, validated good practices (and the workflow's
steps for signed-in users), documents and news. Each endpoint calls the function its page
calls."""

import datetime
from typing import Annotated, Literal

from ninja import Field, File, Form, Query, Router, Schema, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import BeforeValidator, WithJsonSchema

from corridor.community.roles import display_name
from corridor.learning import queries, services
from corridor.learning.files import FILE_TYPES, mime_type
from corridor.learning.models import DocumentKind, Event, GoodPractice
from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import CountryCode, Message, NonBlank, RegionCode, SearchText
from corridor.organisations.schemas import OrganisationKey
from corridor.projects.models import Project
from corridor.projects.schemas import ProjectKey

router = Router()


class EventItem(Schema):
    id: int
    type: str
    title: str
    start_date: datetime.date | None
    start_time: datetime.time | None
    end_date: datetime.date | None
    end_time: datetime.time | None
    timezone: str
    date_note: str
    online: bool
    venue: str
    city: str
    country_code: str | None = Field(None)
    region: str | None = Field(None, alias="region.code")
    project: ProjectKey | None
    organiser: OrganisationKey | None
    participant_count: int | None
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_country_code(event: Event) -> str | None:
        return event.country_code or None


class EventDetail(EventItem):
    description: str
    agenda: str


class EventQuery(Schema):
    when: str = Field("", pattern="^(|upcoming|past|unknown)$")
    type: str = Field("", max_length=30)
    project: str = Field("", max_length=320)
    organiser: str = Field("", max_length=320)
    q: SearchText = Field(
        "", description="Words, each in the title, description, venue, city or region's names."
    )
    country: CountryCode | None = Field(None, description="In this country.")
    region: RegionCode | None = Field(None, description="In this NUTS region or one within.")
    city: str = Field("", max_length=120, description="Part of the city's name.")

    def filters(self) -> queries.EventFilters:
        return queries.EventFilters.from_query(self.dict())


class PracticeQuery(Schema):
    q: str = Field("", max_length=200)
    project: str = Field("", max_length=320)
    theme: str = Field("", max_length=220)

    def filters(self) -> queries.PracticeFilters:
        return queries.PracticeFilters.from_query(self.dict())


class DocumentQuery(Schema):
    q: str = Field("", max_length=200)
    kind: str = Field("", max_length=30)
    file_type: str = Field("", max_length=10)
    project: str = Field("", max_length=320)

    def filters(self) -> queries.DocumentFilters:
        return queries.DocumentFilters.from_query(self.dict())


class NewsQuery(Schema):
    source: str = Field("", max_length=220)
    project: str = Field("", max_length=320)

    def filters(self) -> queries.NewsFilters:
        return queries.NewsFilters.from_query(self.dict())


class PracticeItem(Schema):
    id: int
    title: str
    summary: str
    status: str
    project: ProjectKey
    organisation: OrganisationKey | None
    region: str | None = Field(None, alias="region.code")
    themes: list[str]
    start_date: datetime.date | None
    end_date: datetime.date | None
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_themes(practice: GoodPractice) -> list[str]:
        return [t.name for t in practice.themes.all()]


class Step(Schema):
    from_status: str
    to_status: str
    by: str
    at: datetime.datetime
    note: str

    @staticmethod
    def resolve_by(step) -> str:
        return display_name(step.actor)


class PracticeDetail(PracticeItem):
    description: str
    resources_needed: str
    evidence_of_success: str
    difficulties: str
    potential_for_transfer: str
    rejection_reason: str
    expert_opinion: str | None = Field(
        None, description="Only for signed-in users; null otherwise."
    )
    history: list[Step] = Field([], description="Only for signed-in users.")
    allowed_actions: list[str] = []

    @staticmethod
    def resolve_history(practice) -> list:
        return practice.visible_history


class PracticeStepIn(Schema):
    action: Literal["submit", "approve"]
    note: str = Field("", max_length=10_000)


class PracticeJudgementIn(Schema):
    """A rejection says why; a validation gives the experts' opinion."""

    action: Literal["validate", "reject"]
    note: NonBlank = Field(..., max_length=10_000)


PracticeStep = Annotated[PracticeStepIn | PracticeJudgementIn, Field(discriminator="action")]


class DocumentItem(Schema):
    id: int
    title: str
    kind: str
    project: ProjectKey | None
    language: str
    publication_date: datetime.date | None
    date_note: str
    file_type: str
    file_name: str
    file_size: int | None
    download_url: str | None
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_download_url(document) -> str | None:
        return f"/documents/{document.pk}/file" if document.has_file else None


class DocumentDetail(DocumentItem):
    description: str
    text: str


class NewsSourceOut(Schema):
    slug: str
    name: str
    kind: str
    url: str


class NewsItemOut(Schema):
    id: int
    title: str
    published_at: datetime.datetime | None
    date_note: str
    body_html: str
    link: str
    image_url: str
    news_source: NewsSourceOut
    project: ProjectKey | None
    url: str = Field(..., alias="get_absolute_url")


@router.get("/events", response=list[EventItem], tags=["learning"])
@paginate(LimitOffset)
def list_events(request, query: Query[EventQuery]):
    """Events, earliest first, undated last; `when` picks upcoming, past or undated ones;
    `q`, `country`, `region` and `city` find them by words and place."""
    return queries.search_events(query.filters())


@router.get("/events/{int:pk}", response={200: EventDetail, 404: Message}, tags=["learning"])
def get_event(request, pk: int):
    return queries.event_detail(pk)


@router.get("/good-practices", response=list[PracticeItem], tags=["learning"])
@paginate(LimitOffset)
def list_good_practices(request, query: Query[PracticeQuery]):
    """Validated good practices only."""
    return queries.search_practices(query.filters())


def _practice_out(request, pk: int) -> GoodPractice:
    """The practice as this user may see it (an unsaved copy: nothing here is written)."""
    view = queries.practice_view(request.user, pk)
    practice = view.practice
    practice.allowed_actions = view.actions
    practice.visible_history = view.history if request.user.is_authenticated else []
    if not view.show_expert_opinion:
        practice.expert_opinion = None
    return practice


@router.get(
    "/good-practices/{int:pk}", response={200: PracticeDetail, 404: Message}, tags=["learning"]
)
def get_good_practice(request, pk: int):
    """A validated practice for anyone; a practice on its way for its author, its project's
    members and the experts. The expert opinion and the history need a signed-in user."""
    return _practice_out(request, pk)


@router.post(
    "/good-practices/{int:pk}/steps",
    response={200: PracticeDetail, 400: Message, 403: Message, 404: Message},
    auth=django_auth,
    tags=["learning"],
)
def step_good_practice(request, pk: int, step: PracticeStep):
    """Take one workflow step: submit (author), approve or reject (the project's members),
    validate with an opinion or reject (experts). A rejection needs a reason as `note`."""
    practice = queries.practice_for(request.user, pk)
    services.transition_practice(request.user, practice, step.action, step.note)
    return _practice_out(request, pk)


@router.get("/documents", response=list[DocumentItem], tags=["learning"])
@paginate(LimitOffset)
def list_documents(request, query: Query[DocumentQuery]):
    """Documents; `q` searches titles, descriptions and the text of the files."""
    return queries.search_documents(query.filters())


class DocumentIn(Schema):
    project: str = Field(..., min_length=1, max_length=320, description="The project's slug.")
    kind: DocumentKind
    title: str = Field("", max_length=300)
    description: str = Field("", max_length=20_000)
    # A form's empty field is no date; a form has no null, so the document says "" instead.
    publication_date: Annotated[
        datetime.date | None,
        BeforeValidator(lambda v: v or None),
        WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"const": ""}]}),
    ] = None


# The file as the library takes it (learning/files.py): one of these types, named with its
# extension, its content what the name says.
FILE_ENCODING = {
    "file": {"contentType": ", ".join(dict.fromkeys(mime_type(t) for t in FILE_TYPES))}
}


@router.post(
    "/documents",
    response={
        201: DocumentDetail, 400: Message, 401: Message, 403: Message, 404: Message,
        503: Message,
    },
    auth=django_auth,
    tags=["learning"],
    openapi_extra={"requestBody": {"content": {"multipart/form-data": {
        "encoding": FILE_ENCODING}}}},
)  # fmt: skip
def upload_document(request, meta: Form[DocumentIn], file: File[UploadedFile]):
    """Upload a file to the library (multipart form), for members of the project's partner
    organisations. The file is checked by its content and size; nothing is stored on refusal.
    503 (with Retry-After) when the server's readers of files stay busy."""
    project = Project.objects.filter(slug=meta.project).first()
    if project is None:
        raise HttpError(404, f"No project {meta.project!r}.")
    values = {**meta.dict(), "project": project}
    document = services.upload_document(request.user, file, values)
    return Status(201, document)


@router.get("/documents/{int:pk}", response={200: DocumentDetail, 404: Message}, tags=["learning"])
def get_document(request, pk: int):
    return queries.document_detail(pk)


@router.get("/news", response=list[NewsItemOut], tags=["learning"])
@paginate(LimitOffset)
def list_news(request, query: Query[NewsQuery]):
    """News, newest first, undated last; `source` is a news source's slug."""
    return queries.search_news(query.filters())


@router.get("/news/sources", response=list[NewsSourceOut], tags=["learning"])
def list_news_sources(request):
    return queries.news_sources()


@router.get("/news/{int:pk}", response={200: NewsItemOut, 404: Message}, tags=["learning"])
def get_news(request, pk: int):
    return queries.news_detail(pk)
