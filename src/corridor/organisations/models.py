from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from corridor.lib.countries import country_name
from corridor.lib.provenance import Provenanced


class Ownership(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private"
    OTHER = "other", "Other"


class Organisation(Provenanced):
    """A legal body that takes part in projects: authority, agency, university, company..."""

    name = models.CharField(max_length=300, unique=True)
    acronym = models.CharField(max_length=50, blank=True, db_index=True)
    slug = models.SlugField(max_length=320, unique=True)
    former_names = models.TextField(blank=True, help_text="Earlier names, one per line.")
    other_names = models.TextField(
        blank=True,
        help_text="Other spellings sources use (translations, transliterations), one per line.",
    )
    type = models.CharField(
        max_length=120, blank=True, db_index=True, help_text='What it represents, e.g. "SME".'
    )
    ownership = models.CharField(max_length=10, choices=Ownership.choices, blank=True)
    country_code = models.CharField(max_length=2, blank=True, db_index=True)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text="The most specific NUTS region known.",
    )
    address = models.CharField(max_length=300, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.acronym or self.name, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisation_detail", args=[self.slug])

    @property
    def country_name(self) -> str:
        return country_name(self.country_code) if self.country_code else ""

    @property
    def display_name(self) -> str:
        if self.acronym and self.acronym not in self.name:
            return f"{self.name} ({self.acronym})"
        return self.name


def unique_slug(preferred: str, fallback: str) -> str:
    base = slugify(preferred)[:300] or slugify(fallback)[:300] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class FundingSummary(Provenanced):
    """What a source such as Kohesio sums up for an organisation in one region: its
    projects' total budget and EU contribution."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="funding_summaries"
    )
    region_name = models.CharField(max_length=200, blank=True, help_text="As the source names it.")
    total_budget = models.DecimalField(max_digits=17, decimal_places=2, null=True, blank=True)
    eu_contribution = models.DecimalField(max_digits=17, decimal_places=2, null=True, blank=True)
    project_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "source", "region_name"]
        verbose_name_plural = "funding summaries"

    def __str__(self) -> str:
        return f"{self.organisation} in {self.region_name or 'all regions'} ({self.source})"


class MergeMethod(models.TextChoices):
    AUTOMATIC = "automatic", "Automatic (certain)"
    CURATOR = "curator", "By a curator"


class OrganisationMerge(models.Model):
    """One organisation merged into another: what was merged is kept, so that the merge can
    be undone (the organisation comes back with its id, its facts and its links)."""

    kept = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="merges")
    merged_id = models.PositiveIntegerField(help_text="The merged organisation's former id.")
    merged_name = models.CharField(max_length=300)
    snapshot = models.JSONField(help_text="The merged organisation's fields.")
    moved = models.JSONField(
        default=dict, help_text="Rows moved to the kept organisation: {model: {field: [ids]}}."
    )
    dropped = models.JSONField(
        default=list,
        help_text="Rows dropped because the kept organisation had them already: partnerships "
        "in the same project, links of a many-to-many field (a plan's co-authors).",
    )
    filled = models.JSONField(default=list, help_text="Kept organisation's fields filled in.")
    added_names = models.JSONField(default=list, help_text="Names added to its other names.")
    reason = models.CharField(max_length=300)
    method = models.CharField(max_length=10, choices=MergeMethod.choices)
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.kept}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", "Open"
    MERGED = "merged", "Merged"
    REJECTED = "rejected", "Rejected"


class MergeProposal(models.Model):
    """Two organisations that may be one, waiting for a curator."""

    first = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(help_text="Name similarity, 0-100.")
    reason = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="merge_proposal_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first} ≟ {self.second} ({self.score})"
