from django.contrib import admin

from corridor.community.models import Membership, SecretariatMembership


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
