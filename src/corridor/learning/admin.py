from django.contrib import admin

from corridor.learning.models import (
    Document,
    Event,
    GoodPractice,
    NewsItem,
    NewsSource,
    PracticeTransition,
)
from corridor.lib.admin import PROVENANCE_FIELDS, ProvenancedAdmin


@admin.register(Event)
class EventAdmin(ProvenancedAdmin):
    list_display = ("title", "type", "start_date", "city", "online", "project", "organiser")
    list_filter = ("type", "online")
    search_fields = ("title", "city", "project__acronym", "organiser__name")
    autocomplete_fields = ("project", "organiser", "region")
    date_hierarchy = "start_date"


class TransitionInline(admin.TabularInline):
    model = PracticeTransition
    extra = 0
    fields = ("at", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GoodPractice)
class GoodPracticeAdmin(ProvenancedAdmin):
    """The workflow's steps are taken on the site, where each role is checked; here the
    status and the opinion are shown, not edited."""

    list_display = ("title", "project", "organisation", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "summary", "project__acronym")
    autocomplete_fields = ("project", "organisation", "region")
    raw_id_fields = ("author",)
    filter_horizontal = ("themes",)
    readonly_fields = (
        *PROVENANCE_FIELDS, "status", "expert_opinion", "rejection_reason", "validated_at",
    )  # fmt: skip
    inlines = [TransitionInline]


@admin.register(Document)
class DocumentAdmin(ProvenancedAdmin):
    list_display = ("title", "kind", "project", "file_type", "language", "publication_date")
    list_filter = ("kind", "file_type", "language")
    search_fields = ("title", "description", "project__acronym")
    autocomplete_fields = ("project", "organisation")
    readonly_fields = (
        *PROVENANCE_FIELDS, "file_name", "file_type", "file_size", "file_sha256", "uploaded_by",
    )  # fmt: skip


@admin.register(NewsSource)
class NewsSourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "url")
    list_filter = ("kind",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(NewsItem)
class NewsItemAdmin(ProvenancedAdmin):
    list_display = ("title", "published_at", "news_source", "project")
    list_filter = ("news_source__kind", "news_source")
    search_fields = ("title", "body_html")
    autocomplete_fields = ("project",)
