from django.contrib import admin

from corridor.lib.admin import ProvenancedAdmin
from corridor.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(ProvenancedAdmin):
    list_display = ("name", "acronym", "type", "ownership", "country_code", "region")
    list_filter = ("ownership", "country_code", "type", "source")
    list_select_related = ("region",)
    search_fields = ("name", "acronym", "former_names")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("region",)
