from django.db import models


class Provenanced(models.Model):
    """Where an imported record came from. Curated records leave source empty."""

    source = models.CharField(max_length=100, blank=True, db_index=True)
    source_record_id = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
