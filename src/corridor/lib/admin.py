"""What the admin pages of every app share."""

from django.contrib import admin
from django.db import models

PROVENANCE_FIELDS = ("source", "source_record_id", "imported_at")
PROVENANCE_FIELDSET = ("Provenance", {"fields": PROVENANCE_FIELDS, "classes": ["collapse"]})


class ProvenancedAdmin(admin.ModelAdmin):
    """Curators may correct an imported record but not where it came from: the next import
    compares against it."""

    readonly_fields = PROVENANCE_FIELDS
    # A website typed without a scheme is taken as https, as Django 6 will do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
