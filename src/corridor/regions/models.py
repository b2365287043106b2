import csv
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.urls import reverse

from corridor.lib.countries import country_name
from corridor.lib.provenance import Provenanced
from corridor.search.analysis import fold

ENGLISH_NAMES_FILE = settings.DATA_DIR / "nuts" / "english-names.csv"


@lru_cache(maxsize=1)
def english_region_names() -> dict[str, str]:
    """NUTS code -> English name, for the regions whose English name differs from the
    national and Latin ones (Lombardia: Lombardy). NUTS gives no English names."""
    with open(ENGLISH_NAMES_FILE, encoding="utf-8", newline="") as f:
        return {row["code"]: row["english_name"] for row in csv.DictReader(f)}


def searchable_names(code: str, level: int, name: str, name_latin: str) -> str:
    """Every name of a region, folded (lower case, no diacritics), one per line: what a
    name search matches, so that 'klaipeda' finds Klaipėdos apskritis on any database."""
    names = [name, name_latin, english_region_names().get(code, "")]
    if level == 0:
        names.append(country_name(code))
    return "\n".join(dict.fromkeys(fold(n) for n in names if n))


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
    search_names = models.TextField(
        blank=True, editable=False, help_text="Every name folded, for the name search."
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_names = searchable_names(self.code, self.level, self.name, self.name_latin)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_names"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return country_name(self.code) if self.level == 0 else self.name

    @property
    def english_name(self) -> str:
        """The English name where it differs from the national one, else ''."""
        if self.level == 0:
            return ""
        english = english_region_names().get(self.code, "")
        return "" if english in (self.name, self.name_latin) else english

    @property
    def all_names(self) -> list[str]:
        """National, Latin-script and English names, without repeats."""
        return list(dict.fromkeys(n for n in (self.name, self.name_latin, self.english_name) if n))

    def get_absolute_url(self) -> str:
        return reverse("region_detail", args=[self.code])

    def ancestors(self) -> list["Region"]:
        """From the country down to the parent; codes are hierarchical, so one query."""
        codes = [self.code[:n] for n in range(2, len(self.code))]
        return list(Region.objects.filter(code__in=codes).order_by("level"))

    def descendant_codes_prefix(self) -> str:
        return self.code
