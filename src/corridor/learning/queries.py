"""Reads behind the learning pages, the API, the feeds and the CLI: one function per
question."""

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from corridor.community.roles import user_projects
from corridor.learning import roles
from corridor.learning.models import (
    Document,
    Event,
    GoodPractice,
    NewsItem,
    NewsSource,
    PracticeStatus,
)
from corridor.lib import filters
from corridor.lib.countries import country_name
from corridor.organisations.models import Organisation
from corridor.projects.models import Project, Theme
from corridor.regions.queries import regions_by_code
from corridor.search.analysis import fold

EVENT_RELATED = ("project", "organiser", "region")


def _events() -> QuerySet[Event]:
    return Event.objects.select_related(*EVENT_RELATED)


WHEN = ("upcoming", "past", "unknown")


@dataclass
class EventFilters:
    when: str = ""  # "upcoming", "past", "unknown" or "" for all
    type: str = ""
    project: str = ""  # project slug
    organiser: str = ""  # organisation slug
    q: str = ""  # words, each found in the title, description, venue, city or region's names
    country: str = ""  # two-letter code
    region: str = ""  # NUTS code; a region includes its sub-regions
    city: str = ""  # part of the city's name
    today: datetime.date | None = None

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "EventFilters":
        """The filters named as in the URL and the API:
        ?when=&type=&project=&organiser=&q=&country=&region=&city=."""
        when = filters.one(data, "when")
        return cls(
            when=when if when in WHEN else "",
            type=filters.one(data, "type"),
            project=filters.one(data, "project"),
            organiser=filters.one(data, "organiser"),
            q=filters.one(data, "q"),
            country=filters.one(data, "country").upper(),
            region=filters.one(data, "region").upper(),
            city=filters.one(data, "city"),
        )


def _event_has_word(word: str) -> Q:
    """A word in the event's text or one of its region's names: "Lombardy" finds an event
    in Milan, "Klaipeda" one in Klaipėda (region names are stored folded)."""
    return (
        Q(title__icontains=word)
        | Q(description__icontains=word)
        | Q(venue__icontains=word)
        | Q(city__icontains=word)
        | Q(date_note__icontains=word)
        | Q(project__acronym__icontains=word)
        | Q(organiser__name__icontains=word)
        # The names of the region and of those it lies in (Milano in Lombardia).
        | Q(region__search_names__contains=fold(word))
        | Q(region__parent__search_names__contains=fold(word))
        | Q(region__parent__parent__search_names__contains=fold(word))
        | Q(region__parent__parent__parent__search_names__contains=fold(word))
    )


def search_events(filters: EventFilters) -> QuerySet[Event]:
    events = _events()
    today = filters.today or timezone.localdate()
    if filters.when == "upcoming":
        events = events.filter(
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
        )
    elif filters.when == "past":
        events = events.filter(
            Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today)
        ).order_by("-start_date", "title")
    elif filters.when == "unknown":
        events = events.filter(start_date__isnull=True)
    if filters.type:
        events = events.filter(type=filters.type)
    if filters.project:
        events = events.filter(project__slug=filters.project)
    if filters.organiser:
        events = events.filter(organiser__slug=filters.organiser)
    for word in filters.q.split():
        events = events.filter(_event_has_word(word))
    if filters.country:
        events = events.filter(
            Q(country_code=filters.country) | Q(region__country_code=filters.country)
        )
    if filters.region:
        events = events.filter(region__code__startswith=filters.region)
    if filters.city:
        events = events.filter(city__icontains=filters.city)
    return events


def event_places() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The countries (code, English name, by name) and the regions (code, label, by code) of
    the events, the regions with the countries and larger regions they lie in: two queries."""
    places = Event.objects.values_list("country_code", "region__code").distinct()
    countries, regions = set(), set()
    for country, region in places:
        if country:
            countries.add(country)
        if region:
            countries.add(region[:2])
            regions |= {region[:n] for n in range(2, len(region) + 1)}
    return (
        sorted(((c, country_name(c)) for c in countries), key=lambda c: c[1]),
        [(r.code, str(r)) for r in regions_by_code(sorted(regions))],
    )


def event_projects() -> list[tuple[str, str]]:
    """(slug, acronym) of the projects that have events."""
    return list(
        Project.objects.filter(events__isnull=False)
        .distinct()
        .order_by("acronym")
        .values_list("slug", "acronym")
    )


def event_organisers() -> list[tuple[str, str]]:
    """(slug, name) of the organisations that organise events."""
    organisations = Organisation.objects.filter(organised_events__isnull=False).distinct()
    return [(o.slug, o.display_name) for o in organisations.order_by("name")]


def event_detail(pk: int) -> Event:
    return get_object_or_404(_events(), pk=pk)


def calendar_events(project_slug: str = "") -> QuerySet[Event]:
    """The events an iCalendar feed can hold: those with a known date."""
    events = _events().filter(start_date__isnull=False).order_by("start_date", "pk")
    if project_slug:
        get_object_or_404(Project, slug=project_slug)
        events = events.filter(project__slug=project_slug)
    return events


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)


@dataclass
class MonthCalendar:
    year: int
    month: int
    weeks: list[list[CalendarDay]]
    previous: datetime.date  # first days of the neighbouring months
    next: datetime.date
    previous_with_events: datetime.date | None  # nearest months that have events
    next_with_events: datetime.date | None

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def event_count(self) -> int:
        return len({e.pk for week in self.weeks for d in week if d.in_month for e in d.events})


def parse_month(value: str | None) -> datetime.date | None:
    """'2021-12' -> 1 December 2021; anything else -> None (the calendar opens where
    opening_month says)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return None


def opening_month(today: datetime.date | None = None) -> datetime.date:
    """The month the calendar opens on: the current one if it has events, else the nearest
    month that has some (the later one when both are as near), so that a reader never lands
    on an empty month while there are events. With no dated event at all, the current one."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    last = datetime.date(today.year, today.month, calendar.monthrange(*_ym(today))[1])
    dated = Event.objects.filter(start_date__isnull=False)
    in_month = dated.filter(start_date__lte=last).filter(
        Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first)
    )
    if in_month.exists():
        return first
    later: datetime.date | None = (
        dated.filter(start_date__gt=last)
        .order_by("start_date")
        .values_list("start_date", flat=True)
    ).first()
    earlier: datetime.date | None = (
        dated.filter(start_date__lt=first)
        .annotate(ends_on=Coalesce("end_date", "start_date"))
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
    ).first()
    if later and (earlier is None or (later - today) <= (today - earlier)):
        return later.replace(day=1)
    return earlier.replace(day=1) if earlier else first


def month_calendar(first: datetime.date) -> MonthCalendar:
    """The weeks (Monday first) of a month with each day's events; an event of several days
    shows on each of them."""
    weeks_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks_dates[0][0], weeks_dates[-1][-1]
    events = list(
        _events()
        .filter(start_date__lte=end)
        .filter(Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start))
        .order_by("start_date", "start_time", "title")
    )
    weeks = []
    for week in weeks_dates:
        days = []
        for day in week:
            on_day = [
                e
                for e in events
                # The query keeps only events with a start.
                if e.start_date is not None and e.start_date <= day <= (e.end_date or e.start_date)
            ]
            days.append(CalendarDay(day, day.month == first.month, on_day))
        weeks.append(days)
    last_day = datetime.date(first.year, first.month, calendar.monthrange(*_ym(first))[1])
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last_day + datetime.timedelta(days=1)
    # Found by their start, so they have one.
    earlier = (
        Event.objects.filter(start_date__lt=first)
        .order_by("-start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    later = (
        Event.objects.filter(start_date__gt=last_day)
        .order_by("start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    return MonthCalendar(
        year=first.year,
        month=first.month,
        weeks=weeks,
        previous=previous,
        next=following,
        previous_with_events=earlier.replace(day=1) if earlier else None,
        next_with_events=later.replace(day=1) if later else None,
    )


def _ym(day: datetime.date) -> tuple[int, int]:
    return day.year, day.month


# Good practices ---------------------------------------------------------------------------

PRACTICE_RELATED = ("project", "organisation", "region", "author")


@dataclass
class PracticeFilters:
    q: str = ""  # part of the title or summary
    project: str = ""  # project slug
    theme: str = ""  # theme slug

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "PracticeFilters":
        """The filters named as in the URL and the API: ?q=&project=&theme=."""
        return cls(
            q=filters.one(data, "q"),
            project=filters.one(data, "project"),
            theme=filters.one(data, "theme"),
        )


def _validated_practices() -> QuerySet[GoodPractice]:
    return GoodPractice.objects.filter(status=PracticeStatus.VALIDATED)


def search_practices(filters: PracticeFilters | None = None) -> QuerySet[GoodPractice]:
    """The public good practices: validated by experts."""
    filters = filters or PracticeFilters()
    practices = _validated_practices().select_related(*PRACTICE_RELATED).prefetch_related("themes")
    if filters.q:
        practices = practices.filter(
            Q(title__icontains=filters.q) | Q(summary__icontains=filters.q)
        )
    if filters.project:
        practices = practices.filter(project__slug=filters.project)
    if filters.theme:
        practices = practices.filter(themes__slug=filters.theme).distinct()
    return practices


def practice_projects() -> list[tuple[str, str]]:
    """(slug, acronym) of the projects that have validated good practices."""
    return list(
        Project.objects.filter(good_practices__in=_validated_practices())
        .distinct()
        .order_by("acronym")
        .values_list("slug", "acronym")
    )


def practice_themes() -> list[tuple[str, str]]:
    """(slug, name) of the themes of validated good practices."""
    return list(
        Theme.objects.filter(good_practices__in=_validated_practices())
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


def practices_to_handle(user) -> dict[str, QuerySet[GoodPractice]]:
    """For a signed-in person: their own practices, those waiting for their project's
    approval, and (for experts) those waiting for validation."""
    if not user.is_authenticated:
        return {}
    base = GoodPractice.objects.select_related(*PRACTICE_RELATED)
    lists = {
        "mine": base.filter(author=user).order_by("-updated_at"),
        "to_approve": base.filter(
            status=PracticeStatus.SUBMITTED, project__in=user_projects(user)
        ).exclude(author=user),
    }
    if roles.is_expert(user):
        lists["to_validate"] = base.filter(status=PracticeStatus.APPROVED).exclude(author=user)
    return lists


@dataclass
class PracticeView:
    practice: GoodPractice
    history: list
    actions: list[str]
    can_edit: bool
    show_expert_opinion: bool


def practice_for(user, pk: int) -> GoodPractice:
    """A practice this user may see; others get 'not found', as if it did not exist."""
    practice = get_object_or_404(GoodPractice.objects.select_related(*PRACTICE_RELATED), pk=pk)
    if not roles.can_view_practice(user, practice):
        raise Http404("No good practice with this number.")
    return practice


def practice_view(user, pk: int) -> PracticeView:
    practice = practice_for(user, pk)
    return PracticeView(
        practice=practice,
        history=list(practice.history.select_related("actor")),
        actions=roles.allowed_actions(user, practice),
        can_edit=roles.can_edit_practice(user, practice),
        show_expert_opinion=user.is_authenticated,
    )


# Documents --------------------------------------------------------------------------------


@dataclass
class DocumentFilters:
    q: str = ""  # part of the title, description or the file's text
    kind: str = ""
    file_type: str = ""  # e.g. pdf
    project: str = ""  # project slug

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "DocumentFilters":
        """The filters named as in the URL and the API: ?q=&kind=&file_type=&project=."""
        return cls(
            q=filters.one(data, "q"),
            kind=filters.one(data, "kind"),
            file_type=filters.one(data, "file_type"),
            project=filters.one(data, "project"),
        )


def search_documents(filters: DocumentFilters | None = None) -> QuerySet[Document]:
    filters = filters or DocumentFilters()
    documents = Document.objects.select_related("project", "organisation")
    if filters.q:
        q = filters.q
        documents = documents.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(text__icontains=q)
        )
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.file_type:
        documents = documents.filter(file_type=filters.file_type)
    if filters.project:
        documents = documents.filter(project__slug=filters.project)
    return documents.defer("text")


def document_file_types() -> list[str]:
    """The file types of the documents that have a file."""
    return list(
        Document.objects.exclude(file_type="")
        .order_by("file_type")
        .values_list("file_type", flat=True)
        .distinct()
    )


def document_projects() -> list[tuple[str, str]]:
    """(slug, acronym) of the projects that have documents."""
    return list(
        Project.objects.filter(documents__isnull=False)
        .distinct()
        .order_by("acronym")
        .values_list("slug", "acronym")
    )


def document_detail(pk: int) -> Document:
    return get_object_or_404(Document.objects.select_related("project", "organisation"), pk=pk)


def document_file(pk: int) -> Document:
    """A document whose file can be served."""
    document = document_detail(pk)
    if not document.has_file:
        raise Http404("Only the description of this document is known, not its file.")
    return document


# News -------------------------------------------------------------------------------------


@dataclass
class NewsFilters:
    source: str = ""  # news source slug
    project: str = ""  # project slug

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "NewsFilters":
        """The filters named as in the URL and the API: ?source=&project=."""
        return cls(source=filters.one(data, "source"), project=filters.one(data, "project"))


def search_news(filters: NewsFilters | None = None) -> QuerySet[NewsItem]:
    filters = filters or NewsFilters()
    items = NewsItem.objects.select_related("news_source", "project")
    if filters.source:
        items = items.filter(news_source__slug=filters.source)
    if filters.project:
        items = items.filter(project__slug=filters.project)
    return items


def news_projects() -> list[tuple[str, str]]:
    """(slug, acronym) of the projects that have news."""
    return list(
        Project.objects.filter(news__isnull=False)
        .distinct()
        .order_by("acronym")
        .values_list("slug", "acronym")
    )


def latest_news(limit: int = 50) -> QuerySet[NewsItem]:
    return search_news()[:limit]


def news_detail(pk: int) -> NewsItem:
    return get_object_or_404(NewsItem.objects.select_related("news_source", "project"), pk=pk)


def news_sources() -> QuerySet[NewsSource]:
    return NewsSource.objects.all()


# A project's learning, for its fact sheet -------------------------------------------------


@dataclass
class ProjectLearning:
    events: list[Event]
    practices: list[GoodPractice]
    documents: list[Document]
    news: list[NewsItem]


def project_learning(project: Project) -> ProjectLearning:
    return ProjectLearning(
        events=list(_events().filter(project=project)),
        practices=list(search_practices().filter(project=project)),
        documents=list(search_documents().filter(project=project)),
        news=list(search_news().filter(project=project)),
    )
