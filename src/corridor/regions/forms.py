from django import forms

from corridor.lib.forms import search_box
from corridor.regions.queries import search_regions

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
            (c.code, c.display_name) for c in search_regions(level=0)
        ]

    def search_arguments(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "level": data.get("level"),
            "country": data.get("country", ""),
        }
