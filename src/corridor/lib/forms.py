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
