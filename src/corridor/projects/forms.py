"""The project list's filters: the URL is the query, so they read straight from GET."""

from django import forms

from corridor.lib.countries import country_name
from corridor.lib.forms import checkboxes, search_box, with_upper_codes
from corridor.projects.models import Role
from corridor.projects.queries import (
    SORTS,
    ProjectFilters,
    partner_country_codes,
    programme_list,
    theme_list,
)
from corridor.regions.queries import regions_by_code

SORT_LABELS = {
    "acronym": "Acronym, A to Z",
    "-start": "Newest first",
    "start": "Oldest first",
    "-budget": "Largest budget first",
    "-partners": "Most partners first",
}


class ProjectFilterForm(forms.Form):
    q = search_box("Search")
    programme = checkboxes("Programme")
    country = checkboxes("Partner country")
    region = checkboxes("Partner region", "A region includes its sub-regions.")
    role = checkboxes("Partner role", "With a country: a partner in this role in that country.")
    theme = checkboxes("Theme")
    year_from = forms.IntegerField(label="From", required=False, min_value=1950, max_value=2100)
    year_to = forms.IntegerField(label="Until", required=False, min_value=1950, max_value=2100)
    sort = forms.ChoiceField(
        label="Sort", required=False, choices=[(key, SORT_LABELS[key]) for key in SORTS]
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(with_upper_codes(data, "country", "region"), **kwargs)
        self.fields["programme"].choices = [
            (p.slug, f"{p} ({p.project_count})") for p in programme_list()
        ]
        countries = [(c, country_name(c)) for c in partner_country_codes()]
        self.fields["country"].choices = sorted(countries, key=lambda choice: choice[1])
        # Regions are chosen on their own pages ("Projects in this region"); the chosen ones
        # show here, to be unticked.
        asked = self.data.getlist("region") if self.data else []
        self.fields["region"].choices = [
            (region.code, str(region)) for region in regions_by_code(asked)
        ]
        self.fields["role"].choices = Role.choices
        self.fields["theme"].choices = [(t.slug, f"{t} ({t.project_count})") for t in theme_list()]

    def clean(self):
        data = super().clean()
        if (data.get("year_from") or 0) > (data.get("year_to") or 9999):
            self.add_error("year_to", "The last year comes before the first.")
        return data

    def filters(self) -> ProjectFilters:
        """The valid part of the query; invalid values are left out and shown as errors."""
        self.is_valid()
        return ProjectFilters.from_query(self.cleaned_data)
