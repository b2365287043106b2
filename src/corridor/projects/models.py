import calendar
import datetime
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from corridor.lib.money import rate_of
from corridor.lib.provenance import Provenanced

# A stated co-financing rate may differ from amount/total by rounding only.
RATE_TOLERANCE = Decimal("0.01")


class Strand(models.TextChoices):
    CROSS_BORDER = "A", "A: cross-border"
    TRANSNATIONAL = "B", "B: transnational"
    INTERREGIONAL = "C", "C: interregional"


class Programme(Provenanced):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    period = models.CharField(max_length=9, blank=True, help_text='e.g. "2021-2027"')
    strand = models.CharField(max_length=1, choices=Strand.choices, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name", "period"]
        constraints = [
            models.UniqueConstraint(fields=["name", "period"], name="programme_name_period")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.period}".strip()

    def get_absolute_url(self) -> str:
        return reverse("programme_detail", args=[self.slug])


class Theme(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class Project(Provenanced):
    acronym = models.CharField(max_length=300, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    slug = models.SlugField(max_length=320, unique=True)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    project_type = models.CharField(max_length=60, blank=True, help_text='e.g. "Regular"')
    policy_objective = models.CharField(max_length=10, blank=True, db_index=True)
    specific_objective = models.CharField(max_length=10, blank=True, db_index=True)
    summary = models.TextField(blank=True)
    summary_language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1 code")
    description = models.TextField(blank=True)
    description_language = models.CharField(max_length=8, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    start_date = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(
        null=True, blank=True, help_text="Derived from start and duration when not stated."
    )
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    total_budget = models.DecimalField(
        max_digits=15, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text="Total project value, EUR.",
    )  # fmt: skip
    eu_cofinancing = models.DecimalField(
        max_digits=15, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text="EU (e.g. ERDF) co-financing amount, EUR.",
    )  # fmt: skip
    cofinancing_rate = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True,
        help_text="Co-financing rate in percent, as stated by the source.",
    )  # fmt: skip
    cofinancing_source = models.CharField(max_length=300, blank=True)
    funding = models.DecimalField(
        max_digits=15, decimal_places=2, null=True, blank=True,
        help_text="An amount the source calls 'funding' without saying which, EUR.",
    )  # fmt: skip
    stated_region_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Number of partner regions the source states."
    )
    project_manager = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=ProjectStatus.choices, blank=True)

    class Meta:
        ordering = ["acronym"]
        indexes = [models.Index(fields=["programme", "start_date"])]

    def __str__(self) -> str:
        return self.acronym

    def get_absolute_url(self) -> str:
        return reverse("project_detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if self.end_date is None and self.start_date and self.duration_months:
            self.end_date = months_later(self.start_date, self.duration_months)
        super().save(*args, **kwargs)

    @property
    def computed_cofinancing_rate(self) -> Decimal | None:
        return rate_of(self.eu_cofinancing, self.total_budget)

    @property
    def cofinancing_rate_mismatch(self) -> bool:
        """True when the stated rate disagrees with amount/total beyond rounding."""
        computed = self.computed_cofinancing_rate
        if computed is None or self.cofinancing_rate is None:
            return False
        return abs(computed - self.cofinancing_rate) > RATE_TOLERANCE

    @property
    def duration_in_months(self) -> int | None:
        if self.duration_months:
            return self.duration_months
        if self.start_date and self.end_date:
            months = (self.end_date.year - self.start_date.year) * 12
            months += self.end_date.month - self.start_date.month
            return months + (1 if self.end_date.day >= self.start_date.day - 1 else 0)
        return None


def months_later(start: datetime.date, months: int) -> datetime.date:
    """The last day of a period of `months` months beginning on `start`."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day) - datetime.timedelta(days=1)


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Phase(models.Model):
    """A stage of a project, e.g. learning (phase 1) and implementation and monitoring."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=300)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="phase_position")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.name}"


class Role(models.TextChoices):
    LEAD = "lead", "Lead partner"
    PARTNER = "partner", "Partner"
    ASSOCIATED = "associated", "Associated partner"
    ADVISORY = "advisory", "Advisory partner"


# Looked up by the stored role, a plain string (Role's members are equal to theirs).
ROLE_ORDER: dict[str, int] = {Role.LEAD: 0, Role.PARTNER: 1, Role.ADVISORY: 2, Role.ASSOCIATED: 3}


class Partnership(Provenanced):
    """An organisation's part in a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, db_index=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order the source lists.")
    budget = models.DecimalField(
        max_digits=15, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text="Partner budget, EUR.",
    )  # fmt: skip
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT,
        related_name="partnerships", help_text="Where the partner acts in this project.",
    )  # fmt: skip
    stated_innovation_group = models.CharField(
        max_length=100, blank=True, help_text="Innovation group the project states for it."
    )

    class Meta:
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="partnership_project_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.project} ({self.get_role_display()})"

    @property
    def country_code(self) -> str:
        if self.region_id:
            return self.region.country_code
        return self.organisation.country_code


class ProjectCountry(models.Model):
    """A country a source states for a project without tying it to a named partner,
    as BOOST does ("4 partners from 3 modest and moderate innovator countries...")."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stated_countries")
    country = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    stated_innovation_group = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["project", "country"]
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="project_country")
        ]
        verbose_name_plural = "project countries"

    def __str__(self) -> str:
        return f"{self.project}: {self.country.code}"
