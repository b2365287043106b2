from django.contrib import admin

from corridor.lib.admin import PROVENANCE_FIELDS, ProvenancedAdmin
from corridor.organisations.models import FundingSummary, Organisation


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
