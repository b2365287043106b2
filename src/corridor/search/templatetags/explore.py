"""Template helpers of the Explore page."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from corridor.search.services import FacetView

register = template.Library()


@register.filter
def facet_choices(facet: FacetView) -> SafeString:
    """A facet's checkboxes. Written here rather than as a loop in the template: a broad
    search shows hundreds of values, and the template's loop took longer to render them
    than the index took to count them."""
    name = conditional_escape(facet.name)
    parts = []
    for n, v in enumerate(facet.values, 1):
        checked = " checked" if v.selected else ""
        parts.append(
            f'<label class="check" for="f-{name}-{n}">'
            f'<input type="checkbox" id="f-{name}-{n}" name="{name}" '
            f'value="{conditional_escape(v.value)}"{checked}> '
            f"<span>{conditional_escape(v.label)}</span> "
            f'<span class="count" data-count="{v.count}">{v.count}</span></label>'
        )
    return mark_safe("\n".join(parts))  # every value is escaped above
