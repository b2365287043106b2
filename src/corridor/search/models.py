from django.db import models


class IndexChange(models.Model):
    """The change log every node's search index follows: written in the same transaction as
    the change itself, so no committed change can be missed."""

    doc_id = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.pk}: {self.doc_id}"
