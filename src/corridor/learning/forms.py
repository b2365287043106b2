from django import forms
from django.db.models import Q

from corridor.community.roles import user_projects
from corridor.learning import queries
from corridor.learning.files import file_type_label
from corridor.learning.models import DocumentKind, Event, EventType, GoodPractice
from corridor.lib.forms import with_upper_codes
from corridor.organisations.models import Organisation
from corridor.projects.models import Project, Theme
from corridor.regions.models import Region


def _words(label: str) -> forms.CharField:
    """A search box that takes what the API takes: up to 200 characters."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


# The lists' filters: the URL is the query. Each form's filters() gives the valid part of it
# to the list's <Entity>Filters.from_query, as the API gives its checked query; an invalid
# or unknown value is left out and shown as an error.
class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        required=False,
        choices=[("", "All"), ("upcoming", "Upcoming"), ("past", "Past"),
                 ("unknown", "Date unknown")],
    )  # fmt: skip
    type = forms.ChoiceField(required=False, choices=[("", "Any type"), *EventType.choices])
    project = forms.ChoiceField(required=False)
    organiser = forms.ChoiceField(required=False, label="Organised by")
    q = _words("Words")
    country = forms.ChoiceField(required=False)
    region = forms.ChoiceField(required=False)
    city = forms.CharField(required=False, max_length=120)

    def __init__(self, data=None, **kwargs):
        # ?country=lt finds what the API finds for it.
        super().__init__(with_upper_codes(data, "country", "region"), **kwargs)
        self.fields["project"].choices = [("", "Any project"), *queries.event_projects()]
        self.fields["organiser"].choices = [("", "Anyone"), *queries.event_organisers()]
        countries, regions = queries.event_places()
        self.fields["country"].choices = [("", "Any country"), *countries]
        self.fields["region"].choices = [("", "Any region"), *regions]

    def filters(self) -> queries.EventFilters:
        self.is_valid()
        return queries.EventFilters.from_query(self.cleaned_data)


class PracticeFilterForm(forms.Form):
    q = _words("Search good practices")
    project = forms.ChoiceField(required=False)
    theme = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", "Any project"), *queries.practice_projects()]
        self.fields["theme"].choices = [("", "Any theme"), *queries.practice_themes()]

    def filters(self) -> queries.PracticeFilters:
        self.is_valid()
        return queries.PracticeFilters.from_query(self.cleaned_data)


class DocumentFilterForm(forms.Form):
    q = _words("Search titles and full text")
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *DocumentKind.choices])
    file_type = forms.ChoiceField(required=False, label="File")
    project = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file_type"].choices = [
            ("", "Any file"),
            *((t, file_type_label(t)) for t in queries.document_file_types()),
        ]
        self.fields["project"].choices = [("", "Any project"), *queries.document_projects()]

    def filters(self) -> queries.DocumentFilters:
        self.is_valid()
        return queries.DocumentFilters.from_query(self.cleaned_data)


class NewsFilterForm(forms.Form):
    source = forms.ChoiceField(required=False, label="News source")
    project = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [
            ("", "All sources"),
            *((s.slug, f"{s.name} ({s.get_kind_display()})") for s in queries.news_sources()),
        ]
        self.fields["project"].choices = [("", "Any project"), *queries.news_projects()]

    def filters(self) -> queries.NewsFilters:
        self.is_valid()
        return queries.NewsFilters.from_query(self.cleaned_data)


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
        # A curator acts for no organisation and keeps every event, as in the admin: every
        # project and organisation. Others choose among their projects and these projects'
        # partners; the event's own project and organiser stay choosable either way.
        if user.is_staff:
            projects = Project.objects.all()
            organisers = Organisation.objects.all()
        else:
            projects = user_projects(user)
            organisers = Organisation.objects.filter(partnerships__project__in=projects)
        own = self.instance
        self.fields["project"].queryset = Project.objects.filter(
            Q(pk__in=projects.values("pk")) | Q(pk=own.project_id)
        )
        self.fields["project"].required = not user.is_staff
        self.fields["organiser"].queryset = Organisation.objects.filter(
            Q(pk__in=organisers.values("pk")) | Q(pk=own.organiser_id)
        )


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
