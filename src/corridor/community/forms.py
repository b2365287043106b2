"""The forms of the community pages. They check the shape of the input; who may do what
and the domain rules stay in services.py, whose errors the views put back on these forms."""

from django import forms

from corridor.community.models import ORGANISATION_TYPES, IdeaStatus, Interest, Visibility
from corridor.community.queries import IdeaFilters, PersonFilters, representing_choices
from corridor.community.services import IdeaInput, OrganisationProfileInput, ProfileInput
from corridor.lib.countries import ENGLISH_NAMES
from corridor.lib.forms import checkboxes, search_box, with_upper_codes
from corridor.projects.models import Programme, Theme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _countries() -> list[tuple[str, str]]:
    return sorted(ENGLISH_NAMES.items(), key=lambda item: item[1])


def _themes() -> list[tuple[str, str]]:
    return list(Theme.objects.order_by("name").values_list("slug", "name"))


def _representing(blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(t, t) for t in representing_choices()]
    return [("", blank), *choices] if blank is not None else choices


def _programmes(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((p.slug, str(p)) for p in Programme.objects.order_by("name", "period"))]


def _codes(text: str) -> list[str]:
    """Codes typed into one box, separated by commas or spaces."""
    return [c for c in text.replace(",", " ").split() if c]


# People -----------------------------------------------------------------------------------
class PersonFilterForm(forms.Form):
    q = search_box("Name, organisation or words")
    interested_in = checkboxes("Looking for people interested in")
    representing = checkboxes("Looking for people representing")
    country = checkboxes("Country")

    def __init__(self, data=None, **kwargs):
        super().__init__(with_upper_codes(data, "country"), **kwargs)
        self.fields["interested_in"].choices = Interest.choices
        self.fields["representing"].choices = _representing()
        self.fields["country"].choices = _countries()

    def filters(self) -> PersonFilters:
        self.is_valid()
        return PersonFilters.from_query(self.cleaned_data)


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=150, help_text="As others see it; never your e-mail.")
    organisation = forms.CharField(
        required=False,
        max_length=300,
        label="Organisation from the registry",
        help_text="Type part of its name and choose it from the suggestions.",
        widget=forms.TextInput(attrs={"list": "organisation-suggestions", "autocomplete": "off"}),
    )
    organisation_name = forms.CharField(
        required=False,
        max_length=300,
        label="Or your organisation in words",
        help_text="When the registry does not know it.",
    )
    position = forms.CharField(required=False, max_length=200)
    representing = forms.ChoiceField(required=False, label="Representing")
    interested_in = forms.MultipleChoiceField(
        required=False,
        label="Interested in",
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Themes"
    )
    countries = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Countries of interest"
    )
    regions = forms.CharField(
        required=False,
        max_length=500,
        label="NUTS regions of interest",
        help_text="Their codes, separated by spaces, e.g. SE33 DE80.",
    )
    languages = forms.CharField(
        required=False,
        max_length=100,
        help_text="Two-letter codes, separated by spaces, e.g. en de sv.",
    )
    bio = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.MEMBERS, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representing"].choices = _representing("Choose whom you represent")
        self.fields["themes"].choices = _themes()
        self.fields["countries"].choices = _countries()

    @staticmethod
    def initial_of(profile) -> dict:
        return {
            "name": profile.name,
            "organisation": profile.organisation.name if profile.organisation_id else "",
            "organisation_name": profile.organisation_name,
            "position": profile.position,
            "representing": profile.representing,
            "interested_in": profile.interested_in,
            "themes": [t.slug for t in profile.themes.all()],
            "countries": profile.countries,
            "regions": " ".join(r.code for r in profile.regions.order_by("code")),
            "languages": " ".join(profile.languages),
            "bio": profile.bio,
            "visibility": profile.visibility,
        }

    def to_input(self) -> ProfileInput:
        data = dict(self.cleaned_data)
        data["regions"] = _codes(data["regions"])
        data["languages"] = _codes(data["languages"])
        return ProfileInput(**data)


class OrganisationProfileForm(forms.Form):
    description = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    representing = forms.ChoiceField(required=False)
    interested_in = forms.MultipleChoiceField(
        required=False,
        label="Interested in",
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    countries = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Countries where it looks for partners",
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.PUBLIC, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representing"].choices = _representing("Choose whom it represents")
        self.fields["themes"].choices = _themes()
        self.fields["countries"].choices = _countries()

    @staticmethod
    def initial_of(profile) -> dict:
        if profile.pk is None:
            return {"visibility": Visibility.PUBLIC, "representing": ""}
        return {
            "description": profile.description,
            "representing": profile.representing,
            "interested_in": profile.interested_in,
            "themes": [t.slug for t in profile.themes.all()],
            "countries": profile.countries,
            "visibility": profile.visibility,
        }

    def to_input(self) -> OrganisationProfileInput:
        return OrganisationProfileInput(**self.cleaned_data)


# Project ideas ----------------------------------------------------------------------------
class IdeaFilterForm(forms.Form):
    q = search_box("Words")
    programme = checkboxes("Programme")
    theme = checkboxes("Theme")
    country = checkboxes("Country sought")
    partner_type = checkboxes("Partner type sought")
    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[("", "Open ideas"), ("closed", "Closed ideas"), ("all", "All ideas")],
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(with_upper_codes(data, "country"), **kwargs)
        self.fields["programme"].choices = _programmes("")[1:]
        self.fields["theme"].choices = _themes()
        self.fields["country"].choices = _countries()
        self.fields["partner_type"].choices = _representing()

    def filters(self) -> IdeaFilters:
        self.is_valid()
        return IdeaFilters.from_query(self.cleaned_data)


class IdeaForm(forms.Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(max_length=6000, widget=forms.Textarea(attrs={"rows": 8}))
    programme = forms.ChoiceField(required=False)
    call = forms.CharField(required=False, max_length=200, help_text="The call it answers.")
    themes = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    partner_types = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Partner types sought"
    )
    countries = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Countries sought"
    )
    regions = forms.CharField(
        required=False,
        max_length=500,
        label="NUTS regions sought",
        help_text="Their codes, separated by spaces, e.g. SE33 LT01.",
    )
    budget_min = forms.DecimalField(
        required=False, min_value=0, max_digits=14, decimal_places=2, label="Budget from (EUR)"
    )
    budget_max = forms.DecimalField(
        required=False, min_value=0, max_digits=14, decimal_places=2, label="Budget up to (EUR)"
    )
    deadline = forms.DateField(
        required=False, widget=DATE, help_text="Of the call, or for partners."
    )
    organisation = forms.ChoiceField(required=False, label="On behalf of")

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = _programmes("No programme chosen yet")
        self.fields["themes"].choices = _themes()
        self.fields["partner_types"].choices = [(t, t) for t in ORGANISATION_TYPES]
        self.fields["countries"].choices = _countries()
        self.fields["organisation"].choices = [
            ("", "Myself"),
            *((o.slug, o.display_name) for o in organisations),
        ]

    @staticmethod
    def initial_of(idea) -> dict:
        return {
            "title": idea.title,
            "summary": idea.summary,
            "programme": idea.programme.slug if idea.programme_id else "",
            "call": idea.call,
            "themes": [t.slug for t in idea.themes.all()],
            "partner_types": idea.partner_types,
            "countries": idea.countries,
            "regions": " ".join(r.code for r in idea.regions.order_by("code")),
            "budget_min": idea.budget_min,
            "budget_max": idea.budget_max,
            "deadline": idea.deadline,
            "organisation": idea.organisation.slug if idea.organisation_id else "",
        }

    def to_input(self) -> IdeaInput:
        data = dict(self.cleaned_data)
        data["regions"] = _codes(data["regions"])
        return IdeaInput(**data)


IDEA_STATUS_ACTIONS = {"close": IdeaStatus.CLOSED, "reopen": IdeaStatus.OPEN}


# Messages -------------------------------------------------------------------------------
class MessageForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Message", max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your answer", max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
