from django.contrib import admin

from corridor.lib.admin import ProvenancedAdmin
from corridor.regions.models import Region


@admin.register(Region)
class RegionAdmin(ProvenancedAdmin):
    list_display = ("code", "display_name", "level", "country_code", "innovation_group")
    list_filter = ("level", "innovation_group", "country_code")
    search_fields = ("code", "name", "name_latin")
    raw_id_fields = ("parent",)

    @admin.display(description="Name", ordering="name")
    def display_name(self, region: Region) -> str:
        return region.display_name
