"""People in the Explore search. The two facets of whom people are looking for are the
community's; they stay empty until people have profiles to fill them."""

from corridor.search.facets import Facet
from corridor.search.registry import register_facet

register_facet(Facet("interested_in", "Looking for people interested in", order=30))
register_facet(Facet("representing", "Looking for people representing", order=40))
