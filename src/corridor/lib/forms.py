from django import forms


def checkboxes(label: str, help_text: str = "") -> forms.MultipleChoiceField:
    """A filter that accepts several values, repeated in the query string (?type=a&type=b)."""
    return forms.MultipleChoiceField(
        label=label, help_text=help_text, required=False, widget=forms.CheckboxSelectMultiple
    )


def search_box(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.TextInput(attrs={"type": "search"})
    )


def with_upper_codes(data, *names: str):
    """The query with these country or region codes in capitals, as the API reads them
    (?country=se finds what ?country=SE finds)."""
    if not data or not hasattr(data, "getlist"):
        return data
    data = data.copy()
    for name in names:
        data.setlist(name, [value.strip().upper() for value in data.getlist(name)])
    return data
