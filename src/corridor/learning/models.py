"""Policy learning: what projects learn and publish. Events, good practices with their
two-step validation, documents with their extracted text, news with its sources.

Dates the sources do not give stay empty; `date_note` says in words what the source says
("during the learning phase, 2016-2018")."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from corridor.lib.provenance import Provenanced


class EventType(models.TextChoices):
    LEARNING_CAMP = "learning_camp", "Learning camp"
    PEER_REVIEW = "peer_review", "Peer review"
    THEMATIC_VISIT = "thematic_visit", "Thematic or study visit"
    INTERREGIONAL_MEETING = "interregional_meeting", "Interregional meeting"
    KICK_OFF = "kick_off", "Kick-off meeting"
    PARTNER_MEETING = "partner_meeting", "Partner meeting"
    WEBINAR = "webinar", "Webinar"
    STAKEHOLDER_MEETING = "stakeholder_meeting", "Stakeholder meeting"
    CONFERENCE = "conference", "Conference"
    WORKSHOP = "workshop", "Workshop"


class Event(Provenanced):
    type = models.CharField(max_length=30, choices=EventType.choices, db_index=True)
    title = models.CharField(max_length=300)
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE,
        related_name="events",
    )  # fmt: skip
    organiser = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="organised_events", help_text="Shown as 'Organised by'.",
    )  # fmt: skip
    start_date = models.DateField(null=True, blank=True, db_index=True)
    start_time = models.TimeField(null=True, blank=True, help_text="Empty: all day.")
    end_date = models.DateField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    timezone = models.CharField(
        max_length=64, default="Europe/Brussels", help_text="IANA name, e.g. Europe/Vilnius."
    )
    date_note = models.CharField(
        max_length=300, blank=True, help_text="What the source says about when, if not a date."
    )
    online = models.BooleanField(default=False)
    venue = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    country_code = models.CharField(max_length=2, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(blank=True)
    agenda = models.TextField(blank=True)
    participant_count = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [models.F("start_date").asc(nulls_last=True), "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("event_detail", args=[self.pk])

    def clean(self):
        errors = {}
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = f"Unknown time zone {self.timezone!r}; e.g. Europe/Vilnius."
        if self.end_date and not self.start_date:
            errors["end_date"] = "An end needs a start."
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The event ends before it starts."
        if (self.start_time or self.end_time) and not self.start_date:
            errors["start_time"] = "A time needs a date."
        if self.country_code and not (len(self.country_code) == 2 and self.country_code.isalpha()):
            errors["country_code"] = "Two letters, e.g. LT."
        if errors:
            raise ValidationError(errors)

    @property
    def place(self) -> str:
        where = ", ".join(p for p in [self.venue, self.city] if p)
        if self.online:
            return f"Online ({where})" if where else "Online"
        return where

    @property
    def last_day(self) -> datetime.date | None:
        return self.end_date or self.start_date


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to the project"
    APPROVED = "approved", "Approved by the project"
    VALIDATED = "validated", "Validated by experts"
    REJECTED = "rejected", "Rejected"


class GoodPractice(Provenanced):
    title = models.CharField(max_length=100)
    summary = models.TextField(blank=True)
    description = models.TextField(blank=True, help_text="Detailed description.")
    resources_needed = models.TextField(blank=True)
    evidence_of_success = models.TextField(blank=True)
    difficulties = models.TextField(blank=True, help_text="Difficulties encountered.")
    potential_for_transfer = models.TextField(
        blank=True, help_text="Potential for learning or transfer."
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="good_practices",
    )  # fmt: skip
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    themes = models.ManyToManyField("projects.Theme", blank=True, related_name="good_practices")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="good_practices"
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT,
        db_index=True,
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="good_practices",
    )  # fmt: skip
    expert_opinion = models.TextField(blank=True, help_text="Seen by signed-in users only.")
    rejection_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        permissions = [("validate_goodpractice", "Can validate good practices as an expert")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practice_detail", args=[self.pk])


class PracticeTransition(models.Model):
    """One step of a good practice's workflow: who moved it from where to where, and why."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, choices=PracticeStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=PracticeStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.practice}: {self.from_status or 'new'} → {self.to_status}"


class DocumentKind(models.TextChoices):
    SITUATION_ANALYSIS = "situation_analysis", "Situation analysis report"
    ACTION_PLAN = "action_plan", "Action plan"
    INFOGRAPHIC = "infographic", "Infographic"
    HANDBOOK = "handbook", "Handbook"
    POLICY_BRIEF = "policy_brief", "Policy brief"
    REPORT = "report", "Report"


class Document(Provenanced):
    """A publication. The file, when there is one, lives outside the web root under its
    content hash (settings.DOCUMENT_DIR) and is served by `document_download`."""

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, db_index=True)
    description = models.TextField(blank=True)
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE,
        related_name="documents",
    )  # fmt: skip
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="documents",
    )  # fmt: skip
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1 code")
    publication_date = models.DateField(null=True, blank=True)
    date_note = models.CharField(max_length=300, blank=True)
    # The file: empty when only the metadata is known.
    file_name = models.CharField(max_length=200, blank=True, help_text="As uploaded.")
    file_type = models.CharField(max_length=8, blank=True, db_index=True, help_text="e.g. pdf")
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True, help_text="Extracted from the file on upload.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("document_detail", args=[self.pk])

    @property
    def has_file(self) -> bool:
        return bool(self.file_sha256)


class SourceKind(models.TextChoices):
    PROJECT = "project", "Project"
    PROGRAMME = "programme", "Programme"
    EXTERNAL = "external", "External site"


class NewsSource(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=10, choices=SourceKind.choices)
    url = models.URLField(blank=True)
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    programme = models.ForeignKey(
        "projects.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NewsItem(Provenanced):
    title = models.CharField(max_length=300)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    date_note = models.CharField(max_length=300, blank=True)
    body_html = models.TextField(blank=True, help_text="Sanitised on save.")
    link = models.URLField(max_length=500, blank=True, help_text="The original article.")
    image_url = models.URLField(max_length=500, blank=True)
    news_source = models.ForeignKey(NewsSource, on_delete=models.PROTECT, related_name="items")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="news",
    )  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "title"]
        verbose_name = "news item"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        from corridor.learning.html import sanitise_html

        self.body_html = sanitise_html(self.body_html, base_url=self.link)
        super().save(*args, **kwargs)
