"""The review queue: what `corridor ingest` extracted from a page waits here, fact by fact,
until a curator accepts, edits or rejects it; only accepted facts land on the records."""

from django.db import models


class ExtractedDocument(models.Model):
    name = models.CharField(max_length=300, help_text="The file it was read from.")
    kind = models.CharField(max_length=10, help_text="text, html or pdf")
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1, detected")
    text = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True, help_text="Of the text: read once.")
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ingested_at"]

    def __str__(self) -> str:
        return self.name


class FactStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    ACCEPTED = "accepted", "Accepted"
    EDITED = "edited", "Accepted as edited"
    REJECTED = "rejected", "Rejected"


class ExtractedFact(models.Model):
    document = models.ForeignKey(ExtractedDocument, on_delete=models.CASCADE, related_name="facts")
    project_key = models.CharField(
        max_length=300, help_text="The project the fact belongs to: its acronym on the page."
    )
    field = models.CharField(max_length=40)
    value = models.JSONField()
    start = models.PositiveIntegerField(help_text="Where the span begins in the text.")
    end = models.PositiveIntegerField()
    span = models.TextField(help_text="The text the fact was read from.")
    rule = models.CharField(max_length=100, help_text="The rule that found it.")
    confidence = models.FloatField()
    status = models.CharField(
        max_length=10, choices=FactStatus.choices, default=FactStatus.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    landed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="E.g. a conflict on landing.")

    class Meta:
        ordering = ["document", "project_key", "start", "id"]

    def __str__(self) -> str:
        return f"{self.project_key}: {self.field} = {self.value}"
