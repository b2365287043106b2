from django.db import models
from django.urls import reverse

from corridor.lib.countries import country_name
from corridor.lib.provenance import Provenanced


class InnovationGroup(models.TextChoices):
    """The European Innovation Scoreboard's four performance groups."""

    LEADER = "Leader", "Innovation Leader"
    STRONG = "Strong", "Strong Innovator"
    MODERATE = "Moderate", "Moderate Innovator"
    EMERGING = "Emerging", "Emerging Innovator"


class Region(Provenanced):
    """A NUTS 2021 region: level 0 is a country, 1-3 ever smaller regions."""

    code = models.CharField(max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(db_index=True)
    country_code = models.CharField(max_length=2, db_index=True)
    name = models.CharField(max_length=200, help_text="Name in the national language(s).")
    name_latin = models.CharField(max_length=200, help_text="Name in Latin script.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    innovation_group = models.CharField(
        max_length=10,
        choices=InnovationGroup.choices,
        blank=True,
        help_text="European Innovation Scoreboard 2024 group (countries only).",
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        return country_name(self.code) if self.level == 0 else self.name

    def get_absolute_url(self) -> str:
        return reverse("region_detail", args=[self.code])

    def ancestors(self) -> list["Region"]:
        """From the country down to the parent; codes are hierarchical, so one query."""
        codes = [self.code[:n] for n in range(2, len(self.code))]
        return list(Region.objects.filter(code__in=codes).order_by("level"))

    def descendant_codes_prefix(self) -> str:
        return self.code
