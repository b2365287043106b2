"""The filters of the Explore page. Each facet is a multi-valued keyword field in the index;
a content type fills the ones that apply to it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    name: str
    label: str


FACETS = [
    Facet("type", "Search for"),
    Facet("organised_by", "Organised by"),
    Facet("news_source", "News source"),
    Facet("interested_in", "Looking for people interested in"),
    Facet("representing", "Looking for people representing"),
    Facet("file_type", "File type"),
    Facet("programme", "Programme"),
    Facet("country", "Country"),
    Facet("region", "Region (NUTS 2)"),
    Facet("theme", "Theme"),
    Facet("role", "Partner role"),
]
FACET_NAMES = [f.name for f in FACETS]
