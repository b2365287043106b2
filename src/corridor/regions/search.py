"""The places facets of the Explore search. Regions are no search type of their own: projects,
organisations, plans and learning records fill these facets with where they are."""

from corridor.lib.countries import ENGLISH_NAMES
from corridor.regions.models import Region
from corridor.search.facets import Facet
from corridor.search.registry import register_facet


def region_labels() -> dict[str, str]:
    regions = Region.objects.filter(level__gt=0).values_list("code", "name")
    return {**ENGLISH_NAMES, **{code: f"{name} ({code})" for code, name in regions}}


def is_nuts2(code: str) -> bool:
    return len(code) == 4


register_facet(Facet("country", "Country", order=70, labels=lambda: dict(ENGLISH_NAMES)))
# A document carries its regions with every ancestor (SE331, SE33, SE3, SE), so that choosing
# a region finds what lies inside it. Counting all those values is the dearest facet pass;
# the counts shown are of NUTS 2 regions (a chosen region of another level is counted too).
register_facet(
    Facet("region", "Region (NUTS 2)", order=80, labels=region_labels, counted_values=is_nuts2)
)
