from django.contrib import admin

from corridor.lib.admin import ProvenancedAdmin
from corridor.plans.models import (
    Action,
    ActionMeasure,
    ActionPlan,
    ActionProgress,
    ActionTarget,
    IndicatorValue,
    PolicyInstrument,
    ProgressReport,
    TargetProgress,
)


@admin.register(PolicyInstrument)
class PolicyInstrumentAdmin(ProvenancedAdmin):
    list_display = ("name", "type", "territory", "country_code", "managing_authority")
    list_filter = ("type", "country_code")
    search_fields = ("name", "territory", "managing_authority")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("region",)


class ActionInline(admin.StackedInline):
    model = Action
    extra = 0
    fields = ("number", "title", "description", "expected_result", "pilot")
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(ProvenancedAdmin):
    list_display = ("__str__", "project", "partner", "country_code", "status", "updated_at")
    list_filter = ("status", "country_code")
    search_fields = ("title", "summary_en", "project__acronym", "partner__name")
    autocomplete_fields = ("project", "partner", "co_authors", "policy_instrument", "region")
    inlines = [ActionInline]


class MeasureInline(admin.TabularInline):
    model = ActionMeasure
    extra = 0


class TargetInline(admin.TabularInline):
    model = ActionTarget
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "pilot")
    list_filter = ("pilot",)
    search_fields = ("title", "description", "plan__project__acronym", "plan__partner__name")
    autocomplete_fields = (
        "plan", "inspired_by_practices", "inspired_by_events", "inspired_by_documents",
    )  # fmt: skip
    inlines = [MeasureInline, TargetInline]


class ActionProgressInline(admin.TabularInline):
    model = ActionProgress
    extra = 0
    fields = ("action", "status", "reason", "evidence", "evidence_url", "date")
    raw_id_fields = ("action",)


class TargetProgressInline(admin.TabularInline):
    model = TargetProgress
    extra = 0
    raw_id_fields = ("target",)


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ("plan", "period_start", "period_end", "reported_by", "created_at")
    search_fields = ("plan__title", "plan__project__acronym", "summary")
    autocomplete_fields = ("plan",)
    raw_id_fields = ("reported_by",)
    inlines = [ActionProgressInline, TargetProgressInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ProvenancedAdmin):
    list_display = ("project", "indicator", "partner", "target", "achieved")
    list_filter = ("indicator",)
    search_fields = ("project__acronym", "partner__name", "note")
    autocomplete_fields = ("project", "partner")
