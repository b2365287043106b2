from django.contrib import admin

from corridor.community.models import (
    Membership,
    OrganisationProfile,
    Profile,
    ProjectIdea,
    SecretariatMembership,
)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation")
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)


@admin.register(SecretariatMembership)
class SecretariatMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "programme")
    search_fields = ("user__username", "programme__name")
    autocomplete_fields = ("programme",)
    raw_id_fields = ("user",)


# People, organisation profiles and project ideas ----------------------------------------
@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "works_for", "representing", "visibility", "sample")
    list_filter = ("visibility", "sample", "representing")
    search_fields = ("name", "organisation_name", "organisation__name")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)
    filter_horizontal = ("themes",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(admin.ModelAdmin):
    list_display = ("organisation", "representing", "visibility", "source", "sample")
    list_filter = ("visibility", "sample")
    search_fields = ("organisation__name",)
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("themes",)


@admin.register(ProjectIdea)
class ProjectIdeaAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "status", "deadline", "sample")
    list_filter = ("status", "sample", "programme")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organisation", "programme")
    raw_id_fields = ("author",)
    filter_horizontal = ("themes",)
