"""Events, validated good practices, documents and news in the Explore search."""

from corridor.learning.files import file_type_label
from corridor.learning.models import (
    Document,
    DocumentKind,
    Event,
    GoodPractice,
    NewsItem,
    NewsSource,
    PracticeStatus,
)
from corridor.lib.dates import format_date, format_span
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from corridor.search.documents import SearchDocument, join_text, region_with_ancestors
from corridor.search.facets import Facet
from corridor.search.registry import SearchType, register, register_facet


def _project_facets(project: Project | None) -> dict[str, list[str]]:
    if project is None or project.programme_id is None:
        return {}
    return {"programme": [project.programme.slug]}


def _country(code: str, region) -> list[str]:
    code = code or (region.country_code if region else "")
    return [code] if code else []


def _region(region) -> list[str]:
    return region_with_ancestors(region.code) if region else []


def event_queryset():
    return Event.objects.select_related("project", "project__programme", "organiser", "region")


def event_document(event: Event) -> SearchDocument:
    when = format_span(event.start_date, event.end_date) or "date unknown"
    return SearchDocument(
        id=f"event:{event.pk}",
        type="event",
        title=event.title,
        subtitle=" · ".join(
            filter(
                None,
                [
                    event.get_type_display(),
                    when,
                    event.place,
                    event.project.acronym if event.project else "",
                ],
            )
        ),  # fmt: skip
        url=event.get_absolute_url(),
        body=join_text(event.description, event.agenda, event.date_note),
        names=" ".join(
            filter(
                None,
                [
                    event.city,
                    event.venue,
                    event.project.acronym if event.project else "",
                    event.organiser.display_name if event.organiser else "",
                ],
            )
        ),  # fmt: skip
        date=event.start_date,
        year_start=event.start_date.year if event.start_date else None,
        year_end=event.last_day.year if event.last_day else None,
        facets={
            "organised_by": [event.organiser.slug] if event.organiser else [],
            "country": _country(event.country_code, event.region),
            "region": _region(event.region),
            **_project_facets(event.project),
        },
    )


def practice_queryset():
    # Only validated practices are public; others leave the index when they change.
    return (
        GoodPractice.objects.filter(status=PracticeStatus.VALIDATED)
        .select_related("project", "project__programme", "organisation", "region")
        .prefetch_related("themes")
    )


def practice_document(practice: GoodPractice) -> SearchDocument:
    themes = list(practice.themes.all())
    organisation = practice.organisation
    return SearchDocument(
        id=f"good_practice:{practice.pk}",
        type="good_practice",
        title=practice.title,
        subtitle=" · ".join(
            filter(
                None, [organisation.display_name if organisation else "", practice.project.acronym]
            )
        ),  # fmt: skip
        url=practice.get_absolute_url(),
        body=join_text(
            practice.summary,
            practice.description,
            practice.resources_needed,
            practice.evidence_of_success,
            practice.difficulties,
            practice.potential_for_transfer,
            ", ".join(t.name for t in themes),
        ),  # fmt: skip
        names=" ".join(
            filter(
                None, [practice.project.acronym, organisation.display_name if organisation else ""]
            )
        ),  # fmt: skip
        date=practice.start_date,
        year_start=practice.start_date.year if practice.start_date else None,
        year_end=practice.end_date.year if practice.end_date else None,
        facets={
            "theme": [t.slug for t in themes],
            "country": _country(organisation.country_code if organisation else "", practice.region),
            "region": _region(practice.region),
            **_project_facets(practice.project),
        },
    )


def document_queryset():
    return Document.objects.select_related("project", "project__programme", "organisation")


def document_document(document: Document) -> SearchDocument:
    return SearchDocument(
        id=f"document:{document.pk}",
        type="document",
        title=document.title,
        subtitle=" · ".join(
            filter(
                None,
                [
                    DocumentKind(document.kind).label if document.kind else "",
                    document.project.acronym if document.project else "",
                    format_date(document.publication_date),
                ],
            )
        ),  # fmt: skip
        url=document.get_absolute_url(),
        body=join_text(document.description, document.text),
        names=document.project.acronym if document.project else "",
        language=document.language,
        date=document.publication_date,
        year_start=document.publication_date.year if document.publication_date else None,
        facets={
            "file_type": [document.file_type] if document.file_type else [],
            **_project_facets(document.project),
        },  # fmt: skip
    )


def news_queryset():
    return NewsItem.objects.select_related("news_source", "project", "project__programme")


def news_document(item: NewsItem) -> SearchDocument:
    from django.utils.html import strip_tags

    published = item.published_at.date() if item.published_at else None
    return SearchDocument(
        id=f"news:{item.pk}",
        type="news",
        title=item.title,
        subtitle=" · ".join(filter(None, [item.news_source.name, format_date(published)])),
        url=item.get_absolute_url(),
        body=strip_tags(item.body_html),
        names=item.project.acronym if item.project else "",
        date=published,
        year_start=published.year if published else None,
        facets={"news_source": [item.news_source.slug], **_project_facets(item.project)},
    )


def organiser_labels() -> dict[str, str]:
    organisers = Organisation.objects.filter(organised_events__isnull=False).distinct()
    return {o.slug: o.display_name for o in organisers}


def file_type_labels() -> dict[str, str]:
    types = Document.objects.exclude(file_type="").values_list("file_type", flat=True)
    return {t: file_type_label(t) for t in types}


register_facet(Facet("organised_by", "Organised by", order=10, labels=organiser_labels))
register_facet(
    Facet(
        "news_source",
        "News source",
        order=20,
        labels=lambda: dict(NewsSource.objects.values_list("slug", "name")),
    )
)
register_facet(Facet("file_type", "File type", order=50, labels=file_type_labels))


register(
    SearchType(
        name="event",
        label="Events",
        prior=0.5,
        model=Event,
        to_document=event_document,
        queryset=event_queryset,
        related={
            Organisation: lambda o: list(o.organised_events.values_list("pk", flat=True)),
            Project: lambda p: list(p.events.values_list("pk", flat=True)),
        },
    )
)
register(
    SearchType(
        name="good_practice",
        label="Good practices",
        prior=1.5,
        model=GoodPractice,
        to_document=practice_document,
        queryset=practice_queryset,
    )
)
register(
    SearchType(
        name="document",
        label="Documents",
        prior=0.5,
        model=Document,
        to_document=document_document,
        queryset=document_queryset,
    )
)
register(
    SearchType(
        name="news",
        label="News",
        prior=0.5,
        model=NewsItem,
        to_document=news_document,
        queryset=news_queryset,
        related={NewsSource: lambda s: list(s.items.values_list("pk", flat=True))},
    )
)
