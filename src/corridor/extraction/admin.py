from django.contrib import admin

from corridor.extraction.models import ExtractedDocument, ExtractedFact, FactStatus
from corridor.extraction.services import PROJECT_FIELDS, decide, land
from corridor.projects.models import Project


class FactInline(admin.TabularInline):
    model = ExtractedFact
    extra = 0
    fields = ("project_key", "field", "value", "span", "rule", "confidence", "status", "note")
    readonly_fields = ("project_key", "field", "span", "rule", "confidence", "status", "note")
    can_delete = False


@admin.register(ExtractedDocument)
class ExtractedDocumentAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "language", "ingested_at", "pending")
    readonly_fields = ("name", "kind", "language", "text", "sha256", "ingested_at")
    inlines = [FactInline]
    actions = ["accept_all", "reject_all", "land_accepted"]

    @admin.display(description="facts waiting")
    def pending(self, document):
        return document.facts.filter(status=FactStatus.PENDING).count()

    @admin.action(description="Accept every waiting fact of the page")
    def accept_all(self, request, queryset):
        facts = ExtractedFact.objects.filter(document__in=queryset, status=FactStatus.PENDING)
        self.message_user(request, f"{decide(facts, FactStatus.ACCEPTED)} facts accepted.")

    @admin.action(description="Reject every waiting fact of the page")
    def reject_all(self, request, queryset):
        facts = ExtractedFact.objects.filter(document__in=queryset, status=FactStatus.PENDING)
        self.message_user(request, f"{decide(facts, FactStatus.REJECTED)} facts rejected.")

    @admin.action(description="Land the accepted facts on the projects")
    def land_accepted(self, request, queryset):
        for document in queryset:
            result = land(document)
            self.message_user(
                request,
                f"{document}: {result.landed} facts landed, {len(result.conflicts)} conflicts "
                f"kept back, {result.waiting} still waiting.",
            )


@admin.register(ExtractedFact)
class ExtractedFactAdmin(admin.ModelAdmin):
    """Facts side by side with what the project already holds, so that a conflict between
    two sources is seen before anything lands."""

    list_display = ("project_key", "field", "value", "on_the_project", "confidence", "rule",
                    "status", "document")  # fmt: skip
    list_filter = ("status", "field", "document")
    search_fields = ("project_key", "span")
    readonly_fields = ("document", "project_key", "field", "span", "start", "end", "rule",
                       "confidence", "status", "decided_at", "landed_at", "note")  # fmt: skip
    actions = ["accept", "reject"]

    @admin.display(description="on the project now")
    def on_the_project(self, fact):
        if fact.field not in PROJECT_FIELDS:
            return ""
        project = Project.objects.filter(acronym__iexact=fact.project_key).first()
        if project is None:
            return "(no such project yet)"
        value = getattr(project, fact.field)
        return f"{value} ({project.source or 'curated'})" if value not in (None, "") else ""

    @admin.action(description="Accept")
    def accept(self, request, queryset):
        self.message_user(request, f"{decide(queryset, FactStatus.ACCEPTED)} accepted.")

    @admin.action(description="Reject")
    def reject(self, request, queryset):
        self.message_user(request, f"{decide(queryset, FactStatus.REJECTED)} rejected.")

    def save_model(self, request, obj, form, change):
        """Editing a fact's value is a decision: accepted as edited."""
        if change and "value" in form.changed_data:
            decide([obj], FactStatus.EDITED, obj.value)
        else:
            super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return False
