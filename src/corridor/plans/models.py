"""What projects change: the action plan each partner writes for a policy instrument, its
numbered actions and what inspired them, the progress reported on them in phase 2, and
the programme's performance indicators.

Sources rarely give everything: what a source does not state stays empty, and `note`
records how a value was read when the source says it in other words."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from corridor.lib.provenance import Provenanced

if TYPE_CHECKING:
    from corridor.plans.queries import Inspiration


class InstrumentType(models.TextChoices):
    GROWTH_AND_JOBS = "growth_jobs", "Investment for Growth and Jobs programme"
    TERRITORIAL_COOPERATION = "territorial", "European Territorial Cooperation programme"
    OTHER = "other", "Other regional or national policy"


# Both kinds of programme are financed by the Structural Funds (the indicator's "of which").
STRUCTURAL_FUNDS_TYPES = {InstrumentType.GROWTH_AND_JOBS, InstrumentType.TERRITORIAL_COOPERATION}


class PolicyInstrument(Provenanced):
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=220, unique=True)
    type = models.CharField(
        max_length=12, choices=InstrumentType.choices, blank=True, help_text="Empty: not stated."
    )
    managing_authority = models.CharField(max_length=300, blank=True)
    territory = models.CharField(max_length=200, blank=True, help_text="As the source names it.")
    country_code = models.CharField(max_length=2, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(blank=True)
    note = models.TextField(blank=True, help_text="How the source's words were read.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("instrument_detail", args=[self.slug])

    @property
    def is_structural_funds(self) -> bool:
        return self.type in STRUCTURAL_FUNDS_TYPES


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"


class ActionPlan(Provenanced):
    """One partner's plan to improve one policy instrument. Other organisations of the same
    region may write it with the partner (`co_authors`)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="action_plans"
    )
    partner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="action_plans"
    )
    co_authors = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="co_authored_plans"
    )
    policy_instrument = models.ForeignKey(
        PolicyInstrument, on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    language = models.CharField(max_length=8, blank=True, help_text="Of the full plan, ISO 639-1")
    summary_en = models.TextField("summary in English", blank=True)
    # Where the plan applies, for the roll-ups by region and country.
    country_code = models.CharField(max_length=2, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="How the source's words were read.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project__acronym", "country_code", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "partner", "policy_instrument"], name="plan_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.project.acronym}: action plan of {self.partner}"

    def get_absolute_url(self) -> str:
        return reverse("plan_detail", args=[self.pk])

    def clean(self):
        if self.country_code and not (len(self.country_code) == 2 and self.country_code.isalpha()):
            raise ValidationError({"country_code": "Two letters, e.g. LT."})

    @property
    def country(self) -> str:
        if self.country_code:
            return self.country_code
        if self.region_id:
            return self.region.country_code
        return self.partner.country_code or ""


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_IMPLEMENTED = "not_implemented", "Not implemented"


class Action(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField(help_text="As the plan numbers it: ACTION 2.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    # The chain from learning to change: what the action was inspired by.
    background = models.TextField(blank=True, help_text="In words; link the sources below.")
    inspired_by_practices = models.ManyToManyField(
        "learning.GoodPractice", blank=True, related_name="inspired_actions"
    )
    inspired_by_events = models.ManyToManyField(
        "learning.Event", blank=True, related_name="inspired_actions"
    )
    inspired_by_documents = models.ManyToManyField(
        "learning.Document", blank=True, related_name="inspired_actions"
    )
    players = models.TextField(blank=True, help_text="Players involved.")
    timeframe_start = models.DateField(null=True, blank=True)
    timeframe_end = models.DateField(null=True, blank=True)
    timeframe_note = models.CharField(max_length=300, blank=True)
    costs = models.DecimalField(
        "costs (EUR)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    costs_note = models.CharField(max_length=300, blank=True)
    funding_sources = models.TextField(blank=True)
    expected_result = models.TextField(blank=True)
    pilot = models.BooleanField(default=False, help_text="A pilot action.")

    # Set by the plans queries on the actions they read (not a column): what inspired the
    # action, as the reader may see it.
    inspired_by: "Inspiration"

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_number_unique")
        ]

    def __str__(self) -> str:
        return f"ACTION {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#action-{self.number}"

    def clean(self):
        errors = {}
        if (
            self.timeframe_start
            and self.timeframe_end
            and self.timeframe_end < self.timeframe_start
        ):
            errors["timeframe_end"] = "The timeframe ends before it starts."
        if self.costs is not None and self.costs < 0:
            errors["costs"] = "Costs cannot be negative."
        if self.number == 0:
            errors["number"] = "Actions are numbered from 1."
        if errors:
            raise ValidationError(errors)


class ActionMeasure(models.Model):
    """One of the measures an action lists ("specific regional measures; ...")."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["action", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionTarget(models.Model):
    """A quantified target of an action: 48 people trained, 40 grants by 30 June 2023."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(default=1)
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=300, help_text="What is counted.")
    due_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["action", "position"]

    def __str__(self) -> str:
        return f"{self.quantity.normalize():f} {self.unit}"

    def clean(self):
        if self.quantity is not None and self.quantity < 0:
            raise ValidationError({"quantity": "A target cannot be negative."})


class ProgressReport(models.Model):
    """Phase 2: what happened to the plan's actions during one period."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    summary = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "period_end", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period_end"], name="report_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.period_start} to {self.period_end}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period ends before it starts."})


class ActionProgress(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="entries")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=16, choices=ActionStatus.choices)
    reason = models.TextField(blank=True, help_text="Why it was not implemented.")
    evidence = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=500, blank=True)
    evidence_document = models.ForeignKey(
        "learning.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(null=True, blank=True, help_text="When the status was reached.")

    class Meta:
        ordering = ["report", "action"]
        verbose_name_plural = "action progress"
        constraints = [models.UniqueConstraint(fields=["report", "action"], name="progress_unique")]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_status_display()}"

    def clean(self):
        if self.status == ActionStatus.NOT_IMPLEMENTED and not self.reason.strip():
            raise ValidationError({"reason": "Say why the action was not implemented."})


class TargetProgress(models.Model):
    """How much of a target was achieved by the end of a report's period (cumulative)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="targets")
    target = models.ForeignKey(ActionTarget, on_delete=models.CASCADE, related_name="progress")
    achieved = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["report", "target"]
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="target_progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.achieved.normalize():f} achieved"

    def clean(self):
        if self.achieved is not None and self.achieved < 0:
            raise ValidationError({"achieved": "Cannot be negative."})


class Indicator(models.TextChoices):
    POLICY_INSTRUMENTS = "policy_instruments", "Policy instruments improved"
    STRUCTURAL_FUNDS = "structural_funds", "of which Structural Funds programmes"
    FUNDS_INFLUENCED = "funds_influenced", "Funds influenced (EUR)"
    GOOD_PRACTICES = "good_practices", "Good practices identified"
    PEOPLE_CAPACITY = "people_capacity", "People with increased professional capacity"
    LEARNING_EVENTS = "learning_events", "Learning events held"
    ACTION_PLANS = "action_plans", "Action plans"
    ACTIONS_IMPLEMENTED = "actions_implemented", "Actions implemented"


# Counted from the records; the others are entered as the partners report them.
COUNTED_INDICATORS = [
    Indicator.GOOD_PRACTICES,
    Indicator.LEARNING_EVENTS,
    Indicator.ACTION_PLANS,
    Indicator.ACTIONS_IMPLEMENTED,
]


class IndicatorValue(Provenanced):
    """A target, and for entered indicators what was achieved, for a project as a whole or
    for one of its partners (which places the figure in that partner's region)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.CharField(max_length=20, choices=Indicator.choices)
    partner = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE,
        related_name="indicator_values", help_text="Empty: the project as a whole.",
    )  # fmt: skip
    target = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    achieved = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True,
        help_text="As reported; counted indicators are also counted from the records.",
    )  # fmt: skip
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["project", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator", "partner"], name="indicator_partner_unique"
            ),
            models.UniqueConstraint(
                fields=["project", "indicator"],
                condition=models.Q(partner__isnull=True),
                name="indicator_project_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.acronym}: {self.get_indicator_display()}"

    def clean(self):
        errors = {}
        for name in ("target", "achieved"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = "Cannot be negative."
        if errors:
            raise ValidationError(errors)
