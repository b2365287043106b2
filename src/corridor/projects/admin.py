from django.contrib import admin
from django.db.models import Count

from corridor.lib.admin import PROVENANCE_FIELDSET, ProvenancedAdmin
from corridor.projects.models import Partnership, Phase, Programme, Project, ProjectCountry, Theme
from corridor.regions.models import Region


class CountryChoices:
    """ProjectCountry.country points at a region, but only a country (NUTS 0) makes sense;
    there are 37 of them, few enough for a plain select."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "country":
            kwargs["queryset"] = Region.objects.filter(level=0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("position", "name", "start_date", "end_date", "date_precision", "duration_months")


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    fields = ("position", "organisation", "role", "budget", "region", "stated_innovation_group")
    autocomplete_fields = ("organisation", "region")


class ProjectCountryInline(CountryChoices, admin.TabularInline):
    model = ProjectCountry
    extra = 0
    fields = ("country", "stated_innovation_group")


@admin.register(Programme)
class ProgrammeAdmin(ProvenancedAdmin):
    list_display = ("name", "period", "strand", "project_count")
    list_filter = ("strand", "period")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name", "period")}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description="Projects", ordering="project_count")
    def project_count(self, programme) -> int:
        return programme.project_count


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Project)
class ProjectAdmin(ProvenancedAdmin):
    list_display = ("acronym", "title", "programme", "start_date", "end_date", "status")
    list_filter = ("programme", "status", "project_type", "themes", "source")
    list_select_related = ("programme",)
    search_fields = ("acronym", "title", "summary")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("acronym",)}
    filter_horizontal = ("themes",)
    inlines = (PhaseInline, PartnershipInline, ProjectCountryInline)
    fieldsets = (
        (None, {"fields": ("acronym", "title", "slug", "programme", "project_type", "status")}),
        ("Objectives and themes", {"fields": ("policy_objective", "specific_objective", "themes")}),
        (
            "Texts",
            {"fields": ("summary", "summary_language", "description", "description_language")},
        ),
        ("Dates", {"fields": ("start_date", "end_date", "duration_months")}),
        (
            "Money",
            {
                "fields": (
                    "total_budget",
                    "eu_cofinancing",
                    "cofinancing_rate",
                    "cofinancing_source",
                    "funding",
                )
            },
        ),
        ("People and links", {"fields": ("stated_region_count", "project_manager", "website")}),
        PROVENANCE_FIELDSET,
    )


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ("project", "position", "name", "start_date", "end_date", "date_precision")
    list_filter = ("date_precision",)
    list_select_related = ("project",)
    search_fields = ("name", "project__acronym")
    autocomplete_fields = ("project",)


@admin.register(Partnership)
class PartnershipAdmin(ProvenancedAdmin):
    list_display = ("project", "organisation", "role", "budget", "region")
    list_filter = ("role", "project__programme", "source")
    list_select_related = ("project", "organisation", "region")
    search_fields = ("project__acronym", "organisation__name", "organisation__acronym")
    autocomplete_fields = ("project", "organisation", "region")


@admin.register(ProjectCountry)
class ProjectCountryAdmin(CountryChoices, admin.ModelAdmin):
    list_display = ("project", "country", "stated_innovation_group")
    list_select_related = ("project", "country")
    search_fields = ("project__acronym", "country__code")
    autocomplete_fields = ("project",)
