from django import forms

from corridor.lib.countries import country_name
from corridor.lib.forms import checkboxes, search_box, with_upper_codes
from corridor.organisations.queries import OrganisationFilters, organisation_facet


class OrganisationFilterForm(forms.Form):
    q = search_box("Name or acronym")
    country = checkboxes("Country")
    type = checkboxes("Type")

    def __init__(self, data=None, **kwargs):
        super().__init__(with_upper_codes(data, "country"), **kwargs)
        countries = [(c, f"{country_name(c)} ({n})") for c, n in organisation_facet("country_code")]
        self.fields["country"].choices = sorted(countries, key=lambda choice: choice[1])
        self.fields["type"].choices = [(t, f"{t} ({n})") for t, n in organisation_facet("type")]

    def filters(self) -> OrganisationFilters:
        """The valid part of the query; invalid values are left out and shown as errors."""
        self.is_valid()
        return OrganisationFilters.from_query(self.cleaned_data)
