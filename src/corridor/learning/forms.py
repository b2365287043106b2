from django import forms

from corridor.community.roles import user_projects
from corridor.learning import queries
from corridor.learning.models import DocumentKind, Event, EventType, GoodPractice
from corridor.organisations.models import Organisation
from corridor.projects.models import Theme
from corridor.regions.models import Region


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        required=False,
        choices=[("", "All"), ("upcoming", "Upcoming"), ("past", "Past"),
                 ("unknown", "Date unknown")],
    )  # fmt: skip
    type = forms.ChoiceField(required=False, choices=[("", "Any type"), *EventType.choices])
    project = forms.ChoiceField(required=False)
    organiser = forms.ChoiceField(required=False, label="Organised by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", "Any project"), *queries.event_projects()]
        self.fields["organiser"].choices = [("", "Anyone"), *queries.event_organisers()]


class EventForm(forms.ModelForm):
    region = forms.ModelChoiceField(
        Region.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "NUTS code, e.g. LT023"}),
    )

    class Meta:
        model = Event
        fields = [
            "type", "title", "project", "organiser", "start_date", "start_time", "end_date",
            "end_time", "timezone", "date_note", "online", "venue", "city", "country_code",
            "region", "description", "agenda", "participant_count",
        ]  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        projects = user_projects(user)
        self.fields["project"].queryset = projects
        self.fields["project"].required = not user.is_staff
        self.fields["organiser"].queryset = Organisation.objects.filter(
            partnerships__project__in=projects
        ).distinct()


class PracticeForm(forms.ModelForm):
    region = forms.ModelChoiceField(
        Region.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "NUTS code, e.g. LT023"}),
        help_text="The NUTS code of the region where the practice is carried out.",
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = GoodPractice
        fields = [
            "title", "summary", "description", "resources_needed", "evidence_of_success",
            "difficulties", "potential_for_transfer", "project", "organisation", "region",
            "themes", "start_date", "end_date",
        ]  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = user_projects(user)
        self.fields["organisation"].queryset = Organisation.objects.filter(memberships__user=user)


class TransitionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("submit", "approve", "validate", "reject")]
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DocumentUploadForm(forms.Form):
    file = forms.FileField(allow_empty_file=True)
    title = forms.CharField(max_length=300, required=False, help_text="Empty: the file name.")
    kind = forms.ChoiceField(choices=DocumentKind.choices)
    project = forms.ModelChoiceField(queryset=None)
    publication_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = user_projects(user)
