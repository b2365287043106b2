"""The forms of the plan pages. They check the shape of the input; who may do what and the
domain rules stay in services.py, whose errors the views put back on these forms."""

from decimal import Decimal

from django import forms
from django.db.models import Q

from corridor.community.roles import is_secretariat
from corridor.learning.models import Document, Event, GoodPractice, PracticeStatus
from corridor.lib.countries import country_name
from corridor.lib.forms import with_upper_codes
from corridor.organisations.models import Organisation
from corridor.plans.models import (
    Action,
    ActionPlan,
    ActionStatus,
    InstrumentType,
    PlanStatus,
    PolicyInstrument,
)
from corridor.plans.queries import PlanFilters
from corridor.plans.services import ACTION_FIELDS
from corridor.projects.models import Programme, Project
from corridor.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# The list ---------------------------------------------------------------------------------
class PlanFilterForm(forms.Form):
    """The list's filters, read from GET by the page and the downloads; filters() gives the
    valid part to PlanFilters.from_query, as the API gives its checked query."""

    q = forms.CharField(required=False, max_length=200, label="Words")
    project = forms.ChoiceField(required=False)
    country = forms.ChoiceField(required=False)
    programme = forms.ChoiceField(required=False)
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *PlanStatus.choices])

    def __init__(self, data=None, **kwargs):
        # ?country=pl finds what the API finds for it.
        super().__init__(with_upper_codes(data, "country"), **kwargs)
        with_plans = Project.objects.filter(action_plans__isnull=False).distinct()
        self.fields["project"].choices = [
            ("", "Any project"),
            *with_plans.order_by("acronym").values_list("slug", "acronym"),
        ]
        codes = ActionPlan.objects.exclude(country_code="").values_list("country_code", flat=True)
        countries = sorted({(c, country_name(c)) for c in codes}, key=lambda c: c[1])
        self.fields["country"].choices = [("", "Any country"), *countries]
        programmes = Programme.objects.filter(projects__in=with_plans).distinct()
        self.fields["programme"].choices = [
            ("", "Any programme"),
            *((p.slug, str(p)) for p in programmes.order_by("name", "period")),
        ]

    def filters(self) -> PlanFilters:
        """The valid part of the query; invalid values are left out and shown as errors."""
        self.is_valid()
        return PlanFilters.from_query(self.cleaned_data)


# Plans ------------------------------------------------------------------------------------
def plan_projects(user):
    """Projects the user may write plans for: those of their organisations, those of the
    programmes whose secretariat they work for, every project for a superuser."""
    if user.is_superuser:
        return Project.objects.all()
    return Project.objects.filter(
        Q(partnerships__organisation__memberships__user=user) | Q(programme__secretariat__user=user)
    ).distinct()


def writable_partners(user, project):
    """The project's partners the user may write a plan for (roles.can_create_plan)."""
    partners = Organisation.objects.filter(partnerships__project=project).distinct()
    if user.is_superuser or is_secretariat(user, project.programme):
        return partners
    return partners.filter(memberships__user=user)


class ProjectChoiceForm(forms.Form):
    """The first step of a new plan without JavaScript: which project it belongs to."""

    project = forms.ModelChoiceField(
        Project.objects.none(), to_field_name="slug", empty_label="Choose the project"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = plan_projects(user).order_by("acronym")


class PlanForm(forms.Form):
    partner = forms.ModelChoiceField(
        Organisation.objects.none(),
        empty_label="Choose the partner",
        help_text="The partner that writes the plan.",
    )
    co_authors = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        required=False,
        label="Co-authors",
        widget=forms.CheckboxSelectMultiple,
        help_text="Other partners of the project that write it with them.",
    )
    policy_instrument = forms.ModelChoiceField(
        PolicyInstrument.objects.all(),
        required=False,
        empty_label="A new one, described below",
        help_text="The policy instrument the plan improves.",
    )
    instrument_name = forms.CharField(label="Name", max_length=300, required=False)
    instrument_type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Not stated"), *InstrumentType.choices]
    )
    instrument_managing_authority = forms.CharField(
        label="Managing authority", max_length=300, required=False
    )
    instrument_territory = forms.CharField(
        label="Territory", max_length=200, required=False, help_text="As the instrument names it."
    )
    title = forms.CharField(max_length=300, required=False)
    language = forms.CharField(
        max_length=8, required=False, help_text="Of the full plan: a two-letter code, e.g. pl."
    )
    summary_en = forms.CharField(
        label="Summary in English", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    region = forms.ModelChoiceField(
        Region.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "NUTS code, e.g. PL82"}),
        help_text="Where the plan applies; empty: the partner's country.",
    )
    note = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How the plan's words were read, where that needs saying.",
    )

    INSTRUMENT_FIELDS = [
        "instrument_name", "instrument_type", "instrument_managing_authority",
        "instrument_territory",
    ]  # fmt: skip
    PLAN_FIELDS = ["title", "language", "summary_en", "region", "note"]

    def __init__(self, *args, user, project, plan: ActionPlan | None = None, **kwargs):
        if plan is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "co_authors": list(plan.co_authors.all()),
                "policy_instrument": plan.policy_instrument,
                "region": plan.region.code if plan.region_id else "",
                **{name: getattr(plan, name) for name in self.PLAN_FIELDS if name != "region"},
            }
        super().__init__(*args, **kwargs)
        self.plan = plan
        # The project's partners, and whoever already co-authors the plan (imported plans
        # may name an organisation of the partner's region that is not a partner).
        named = Q(pk__in=plan.co_authors.all()) if plan is not None else Q(pk=None)
        self.fields["co_authors"].queryset = Organisation.objects.filter(
            Q(partnerships__project=project) | named
        ).distinct()
        if plan is None:
            self.fields["partner"].queryset = writable_partners(user, project)
        else:
            del self.fields["partner"]  # a plan keeps its partner

    def clean(self):
        data = super().clean()
        partner = data.get("partner") or (self.plan.partner if self.plan else None)
        if partner is not None and partner in data.get("co_authors", []):
            self.add_error("co_authors", "The partner writes the plan; co-authors are the others.")
        chosen = data.get("policy_instrument")
        described = (data.get("instrument_name") or "").strip()
        if chosen and described:
            self.add_error(
                "policy_instrument",
                "Choose an existing policy instrument or describe a new one, not both.",
            )
        elif not chosen and not described and "policy_instrument" not in self.errors:
            self.add_error(
                "policy_instrument",
                "Choose the policy instrument the plan improves, or give the name of a new one.",
            )
        return data

    def new_instrument(self) -> dict | None:
        """The values of a new policy instrument for services.save_instrument, if described."""
        if self.cleaned_data.get("policy_instrument"):
            return None
        return {name.removeprefix("instrument_"): self.cleaned_data[name]
                for name in self.INSTRUMENT_FIELDS}  # fmt: skip

    def changed_co_authors(self):
        """The co-authors to save, or None when an existing plan keeps the ones it has."""
        chosen = self.cleaned_data["co_authors"]
        if self.plan is not None and set(chosen) == set(self.plan.co_authors.all()):
            return None
        return chosen

    def plan_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.PLAN_FIELDS}
        values["language"] = values["language"].strip().lower()
        values["policy_instrument"] = self.cleaned_data.get("policy_instrument")
        if "partner" in self.fields:
            values["partner"] = self.cleaned_data["partner"]
        return values


# Actions ----------------------------------------------------------------------------------
def inspiring_practices(project, action: Action | None = None):
    """Good practices an action may name: validated ones, the project's own, and those it
    already names."""
    own = Q(project=project) & ~Q(status=PracticeStatus.REJECTED)
    named = Q(pk__in=action.inspired_by_practices.all()) if action and action.pk else Q(pk=None)
    return (
        GoodPractice.objects.filter(Q(status=PracticeStatus.VALIDATED) | own | named)
        .select_related("project")
        .order_by("title")
    )


class PracticeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, practice) -> str:
        status = "" if practice.status == PracticeStatus.VALIDATED else ", not validated yet"
        return f"{practice.title} ({practice.project.acronym}{status})"


class ActionForm(forms.ModelForm):
    practices = PracticeChoiceField(
        GoodPractice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Good practices",
        help_text="Validated good practices and the project's own.",
    )
    events = forms.ModelMultipleChoiceField(
        Event.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="The project's events.",
    )  # fmt: skip
    documents = forms.ModelMultipleChoiceField(
        Document.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="The project's documents.",
    )  # fmt: skip
    measures = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One measure per line.",
    )

    class Meta:
        model = Action
        fields = ACTION_FIELDS
        widgets = {
            "timeframe_start": DATE,
            "timeframe_end": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
            "background": forms.Textarea(attrs={"rows": 3}),
            "players": forms.Textarea(attrs={"rows": 2}),
            "funding_sources": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"pilot": "A pilot action"}

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        action = kwargs.get("instance")
        if action is not None and action.pk and "initial" not in kwargs:
            kwargs["initial"] = {
                "practices": list(action.inspired_by_practices.all()),
                "events": list(action.inspired_by_events.all()),
                "documents": list(action.inspired_by_documents.all()),
                "measures": "\n".join(m.text for m in action.measures.all()),
            }
        super().__init__(*args, **kwargs)
        project = plan.project
        self.fields["practices"].queryset = inspiring_practices(project, action)
        self.fields["events"].queryset = Event.objects.filter(project=project)
        self.fields["documents"].queryset = Document.objects.filter(project=project)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACTION_FIELDS}

    def measure_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["measures"].splitlines() if line.strip()]


class TargetForm(forms.Form):
    """One row of an action's quantified targets; an empty row is left out."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    quantity = forms.DecimalField(
        required=False, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    unit = forms.CharField(required=False, max_length=300, label="What is counted")
    due_date = forms.DateField(required=False, widget=DATE, label="Due by")

    def clean(self):
        data = super().clean()
        given = data.get("quantity") is not None or (data.get("unit") or "").strip()
        if given and data.get("quantity") is None and "quantity" not in self.errors:
            self.add_error("quantity", "Say how many.")
        if given and not (data.get("unit") or "").strip():
            self.add_error("unit", "Say what is counted.")
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("quantity") is None and not (data.get("unit") or "").strip()


TargetFormSet = forms.formset_factory(TargetForm, extra=2)


def target_formset(data=None, action: Action | None = None) -> forms.BaseFormSet:
    initial = []
    if action is not None and action.pk:
        initial = [
            {"id": t.pk, "quantity": f"{t.quantity.normalize():f}", "unit": t.unit,
             "due_date": t.due_date}
            for t in action.targets.all()
        ]  # fmt: skip
    return TargetFormSet(data, initial=initial, prefix="targets")


def target_rows(formset) -> list[dict]:
    return [
        {"id": f.cleaned_data.get("id"), "quantity": f.cleaned_data["quantity"],
         "unit": f.cleaned_data["unit"], "due_date": f.cleaned_data.get("due_date")}
        for f in formset.forms
        if not f.is_blank
    ]  # fmt: skip


# Progress reports -------------------------------------------------------------------------
class ReportForm(forms.Form):
    period_start = forms.DateField(widget=DATE, label="Period from")
    period_end = forms.DateField(widget=DATE, label="Period to")
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ActionReportForm(forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[("", "Not reported this time"), *ActionStatus.choices]
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why it was not implemented (needed when it was not).",
    )
    evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_url = forms.URLField(
        required=False, max_length=500, label="Evidence on the web", assume_scheme="https"
    )
    evidence_document = forms.ModelChoiceField(
        Document.objects.none(), required=False, label="Evidence document", empty_label="None"
    )
    date = forms.DateField(
        required=False, widget=DATE, label="Status reached on", help_text="Empty: the period's end."
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["evidence_document"].queryset = Document.objects.filter(
            project=action.plan.project
        )


class TargetReportForm(forms.Form):
    achieved = forms.DecimalField(
        required=False, min_value=Decimal(0), max_digits=14, decimal_places=2,
        label="Achieved so far",
    )  # fmt: skip

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target


# Indicators -------------------------------------------------------------------------------
def _plain(value: Decimal | None) -> str | None:
    """5, not 5.00 nor 5E+0: an entered figure as its writer reads it."""
    return None if value is None else f"{value.normalize():f}"


class IndicatorEntryForm(forms.Form):
    """One indicator of a project, for the project as a whole. The values the page showed
    travel with it, so that only the rows the writer changed are saved; an emptied row
    removes what was entered. Negative figures are refused by services.set_indicator."""

    target = forms.DecimalField(
        required=False, max_digits=16, decimal_places=2, show_hidden_initial=True,
        widget=forms.NumberInput(attrs={"min": "0"}),
    )  # fmt: skip
    achieved = forms.DecimalField(
        required=False, max_digits=16, decimal_places=2, show_hidden_initial=True,
        widget=forms.NumberInput(attrs={"min": "0"}),
    )  # fmt: skip
    note = forms.CharField(
        required=False, max_length=10_000, show_hidden_initial=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Where the figures come from, or how they were read.",
    )  # fmt: skip

    def __init__(self, *args, entry, **kwargs):
        value = entry.value
        if value is not None:
            kwargs.setdefault(
                "initial",
                {"target": _plain(value.target), "achieved": _plain(value.achieved),
                 "note": value.note},
            )  # fmt: skip
        super().__init__(*args, prefix=entry.indicator.value, **kwargs)
        self.entry = entry
        if entry.is_counted:
            # The dashboard counts these from the records; what is entered is what was reported.
            self.fields["achieved"].label = "Reported"

    def clean_note(self) -> str:
        return self.cleaned_data["note"].replace("\r\n", "\n")

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return data["target"] is None and data["achieved"] is None and not data["note"]
