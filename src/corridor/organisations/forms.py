from django import forms

from corridor.lib.countries import country_name
from corridor.lib.forms import checkboxes, search_box
from corridor.organisations.queries import organisation_facet


class OrganisationFilterForm(forms.Form):
    q = search_box("Name or acronym")
    country = checkboxes("Country")
    type = checkboxes("Type")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = [(c, f"{country_name(c)} ({n})") for c, n in organisation_facet("country_code")]
        self.fields["country"].choices = sorted(countries, key=lambda choice: choice[1])
        self.fields["type"].choices = [(t, f"{t} ({n})") for t, n in organisation_facet("type")]

    def search_arguments(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "countries": data.get("country", []),
            "types": data.get("type", []),
        }
