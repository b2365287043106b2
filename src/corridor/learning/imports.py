"""Loads the events, documents and news the seed pages state (data/learning-seeds.json):
everything checked first, then written in one transaction, so that a re-run changes
nothing and bad input writes nothing."""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from corridor.learning.html import sanitise_html
from corridor.learning.models import (
    Document,
    DocumentKind,
    Event,
    EventType,
    NewsItem,
    NewsSource,
    SourceKind,
)
from corridor.lib.imports.json_rows import RowReader, read_object
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.organisations.models import Organisation
from corridor.projects.queries import projects_by_acronym
from corridor.regions.queries import region_by_code

SEED_FILE = Path(__file__).parent / "data" / "learning-seeds.json"


def import_learning(path: Path = SEED_FILE, progress=None) -> ImportReport:
    data = read_object(path, "events, documents and news")
    source = data.get("source", "learning")
    reader = _Reader(path, source)
    events = [reader.event(i, item) for i, item in enumerate(data.get("events", []), 1)]
    documents = [reader.document(i, item) for i, item in enumerate(data.get("documents", []), 1)]
    sources = [
        reader.news_source(i, item) for i, item in enumerate(data.get("news_sources", []), 1)
    ]
    slugs = {s["slug"] for s in sources}
    news = [reader.news(i, item, slugs) for i, item in enumerate(data.get("news", []), 1)]
    report = ImportReport(source=source)
    try:
        with transaction.atomic():
            for lookup, values, record_id in events:
                upsert(Event, lookup, values, report, "event", source, record_id)
                _tick(progress)
            for lookup, values, record_id in documents:
                upsert(Document, lookup, values, report, "document", source, record_id)
                _tick(progress)
            by_slug = {}
            for values in sources:
                slug = values.pop("slug")
                by_slug[slug] = upsert(NewsSource, {"slug": slug}, values, report, "news source")
            for lookup, values, record_id in news:
                values["news_source"] = by_slug[values["news_source"]]
                upsert(NewsItem, lookup, values, report, "news", source, record_id)
                _tick(progress)
    except ValidationError as e:
        raise ImportFailed(path, "; ".join(e.messages)) from e
    return report


def _tick(progress) -> None:
    if progress:
        progress(1)


class _Reader(RowReader):
    """Turns the file's rows into model values, raising ImportFailed on the first bad one."""

    def __init__(self, path, source: str):
        super().__init__(
            path,
            source,
            projects=projects_by_acronym(source),
            region_of=region_by_code,
        )

    def record_id(self, item: dict, row: int) -> str:
        return f"seed {self.text(item, 'seed', row)}: {self.text(item, 'key', row, True)}"

    def event(self, row: int, item: dict):
        start, end = self.date(item, "start_date", row), self.date(item, "end_date", row)
        if start and end and end < start:
            self.fail("ends before it starts", row, "end_date")
        organiser = None
        if slug := self.text(item, "organiser", row):
            organiser = Organisation.objects.filter(slug=slug).first()
            if organiser is None:
                self.fail(f"no organisation {slug!r}", row, "organiser")
        title = self.text(item, "title", row, required=True)
        values = {
            "type": self.choice(item, "type", EventType, row),
            "start_date": start,
            "end_date": end,
            "date_note": self.text(item, "date_note", row),
            "online": bool(item.get("online", False)),
            "venue": self.text(item, "venue", row),
            "city": self.text(item, "city", row),
            "country_code": self.text(item, "country", row).upper(),
            "region": self.region(item, row),
            "organiser": organiser,
            "description": self.text(item, "description", row),
        }
        project = self.project(item, row)
        return {"title": title, "project": project}, values, self.record_id(item, row)

    def document(self, row: int, item: dict):
        values = {
            "kind": self.choice(item, "kind", DocumentKind, row),
            "description": self.text(item, "description", row),
            "publication_date": self.date(item, "publication_date", row),
            "date_note": self.text(item, "date_note", row),
            "language": self.text(item, "language", row),
        }
        lookup = {"title": self.text(item, "title", row, True), "project": self.project(item, row)}
        return lookup, values, self.record_id(item, row)

    def news_source(self, row: int, item: dict) -> dict:
        return {
            "slug": self.text(item, "slug", row, required=True),
            "name": self.text(item, "name", row, required=True),
            "kind": self.choice(item, "kind", SourceKind, row),
            "url": self.text(item, "url", row),
            "project": self.project(item, row),
        }

    def news(self, row: int, item: dict, source_slugs: set[str]):
        source = self.text(item, "source", row, required=True)
        if source not in source_slugs:
            self.fail(f"unknown news source {source!r}", row, "source")
        published = self.text(item, "published_at", row)
        try:
            published_at = datetime.datetime.fromisoformat(published) if published else None
        except ValueError:
            self.fail(f"not a date and time (ISO 8601): {published!r}", row, "published_at")
        if published_at and published_at.tzinfo is None:
            self.fail("give the time zone, e.g. 2018-10-08T21:00:00Z", row, "published_at")
        link = self.text(item, "link", row)
        values = {
            "published_at": published_at,
            "date_note": self.text(item, "date_note", row),
            "link": link,
            "image_url": self.text(item, "image_url", row),
            # Stored as the model would store it, so that a re-run compares equal.
            "body_html": sanitise_html(self.text(item, "body_html", row), base_url=link),
            "news_source": source,
            "project": self.project(item, row),
        }
        return {"title": self.text(item, "title", row, True)}, values, self.record_id(item, row)
