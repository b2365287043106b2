"""The filters of the Explore page. Each facet is a multi-valued keyword field in the index.
The content types declare the facets they fill (`register_facet` in their app's search.py;
a facet several types share is declared once, by the app that owns its concept); the core
declares only "type", whose values are the registered content types (see registry.py)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter and the index field
    label: str  # the heading on the Explore page
    # Position on the Explore page, smallest first. The core's "type" is 0; the apps space
    # theirs by tens (organised_by 10 ... role 100), so a new facet can slot in between.
    order: int
    # The labels of the facet's values, value -> label (looked up at most once a minute);
    # a value without one shows as it is.
    labels: Callable[[], dict[str, str]] | None = None
    # Count only the values this accepts: they are kept in a shadow field too, and counting
    # that smaller field is cheaper. A chosen value it rejects is counted on its own.
    counted_values: Callable[[str], bool] | None = None
    # Count through one single-valued field holding each document's combination of values
    # ("a+b"), split into each value's count afterwards: counting a single-valued field
    # costs a fraction of counting a multi-valued one. For facets with few values, which
    # then must not contain "+".
    count_combinations: bool = False
    # Values whose documents leave the results unless the search chooses that value of this
    # facet (closed announcements, withdrawn records): absent from the default results, and
    # counted among the facet's values so that they can be chosen.
    hidden_unless_chosen: frozenset[str] = frozenset()

    @property
    def counted_field(self) -> str:
        return f"{self.name}_counted"

    @property
    def combinations_field(self) -> str:
        return f"{self.name}_combos"
