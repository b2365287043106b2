from django import forms

from corridor.lib.forms import search_box
from corridor.regions.queries import RegionFilters, search_regions

LEVELS = [("", "Any level"), ("0", "Country"), ("1", "NUTS 1"), ("2", "NUTS 2"), ("3", "NUTS 3")]


class RegionFilterForm(forms.Form):
    q = search_box("Name or code")
    level = forms.TypedChoiceField(
        label="Level", choices=LEVELS, coerce=int, empty_value=None, required=False
    )
    country = forms.ChoiceField(label="Country", required=False)

    def __init__(self, data=None, **kwargs):
        # With no query at all, the list starts from the countries.
        super().__init__(data or {"level": "0"}, **kwargs)
        self.fields["country"].choices = [("", "Any country")] + [
            (c.code, c.display_name) for c in search_regions(RegionFilters(level=0))
        ]

    def filters(self) -> RegionFilters:
        """The valid part of the query; invalid values are left out and shown as errors."""
        self.is_valid()
        return RegionFilters.from_query(self.cleaned_data)
