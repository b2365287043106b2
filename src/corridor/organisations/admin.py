from django.contrib import admin, messages

from corridor.lib.admin import PROVENANCE_FIELDS, ProvenancedAdmin
from corridor.organisations.models import (
    FundingSummary,
    MergeProposal,
    Organisation,
    OrganisationMerge,
    ProposalStatus,
)
from corridor.organisations.services import decide_proposal, dedupe, undo_merge


class FundingSummaryInline(admin.TabularInline):
    model = FundingSummary
    extra = 0
    fields = ("region_name", "total_budget", "eu_contribution", "project_count", *PROVENANCE_FIELDS)
    readonly_fields = PROVENANCE_FIELDS


@admin.register(Organisation)
class OrganisationAdmin(ProvenancedAdmin):
    list_display = ("name", "acronym", "type", "ownership", "country_code", "region")
    list_filter = ("ownership", "country_code", "type", "source")
    list_select_related = ("region",)
    search_fields = ("name", "acronym", "former_names", "other_names")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("region",)
    inlines = [FundingSummaryInline]
    actions = ["find_duplicates"]

    @admin.action(description="Find duplicates of all organisations: merge the certain ones")
    def find_duplicates(self, request, queryset):
        result = dedupe(apply=True)
        self.message_user(
            request,
            f"{len(result.merged)} merged (undo them under Organisation merges), "
            f"{len(result.proposed)} proposed (under Merge proposals).",
        )


@admin.register(MergeProposal)
class MergeProposalAdmin(admin.ModelAdmin):
    list_display = ("first", "second", "score", "reason", "status")
    list_filter = ("status",)
    list_select_related = ("first", "second")
    search_fields = ("first__name", "second__name", "reason")
    readonly_fields = ("first", "second", "score", "reason", "status", "created_at")
    actions = ["merge", "reject"]

    @admin.action(description="Merge the two organisations")
    def merge(self, request, queryset):
        merged = 0
        for proposal in queryset.filter(status=ProposalStatus.OPEN):
            decide_proposal(proposal, accept=True)
            merged += 1
        self.message_user(request, f"{merged} merged.")

    @admin.action(description="Reject: they are different organisations")
    def reject(self, request, queryset):
        rejected = 0
        for proposal in queryset.filter(status=ProposalStatus.OPEN):
            decide_proposal(proposal, accept=False)
            rejected += 1
        self.message_user(request, f"{rejected} rejected.")

    def has_add_permission(self, request):
        return False


@admin.register(OrganisationMerge)
class OrganisationMergeAdmin(admin.ModelAdmin):
    list_display = ("merged_name", "kept", "method", "reason", "merged_at", "undone_at")
    list_filter = ("method",)
    search_fields = ("merged_name", "kept__name", "reason")
    readonly_fields = [f.name for f in OrganisationMerge._meta.fields]
    actions = ["undo"]

    @admin.action(description="Undo: bring the merged organisation back")
    def undo(self, request, queryset):
        for merge in queryset:
            try:
                undo_merge(merge)
            except ValueError as e:
                self.message_user(request, str(e), messages.WARNING)
            else:
                self.message_user(request, f"{merge.merged_name} is back.")

    def has_add_permission(self, request):
        return False
