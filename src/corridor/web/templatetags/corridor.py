"""Filters and tags shared by every page: money, dates, countries, languages, paging, and
the schema.org JSON-LD of the record pages."""

from urllib.parse import urlsplit

from django import template
from django.conf.locale import LANG_INFO
from django.core.paginator import Page, Paginator
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from corridor.lib import countries, dates, money
from corridor.web import structured_data

register = template.Library()

register.filter("eur", money.format_eur)
register.filter("percent", money.format_percent)
register.filter("country_name", countries.country_name)


@register.filter
def day(value) -> str:
    return dates.format_date(value)


@register.simple_tag
def span(start, end, precision: str = "day") -> str:
    return dates.format_span(start, end, precision)


@register.filter
def language_name(code: str) -> str:
    return LANG_INFO.get(code, {}).get("name", code)


@register.filter
def web_url(url: str) -> str:
    """The URL if it is http(s), else nothing: imported data must not inject javascript: links."""
    return url if urlsplit(url or "").scheme in ("http", "https") else ""


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str) -> str:
    """A link of the main menu, marked as the current page or the current section."""
    url, path = reverse(url_name), context["request"].path
    if path == url:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    if path.startswith(url):
        return format_html('<a href="{}" aria-current="true">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.inclusion_tag("web/_pagination.html", takes_context=True)
def pagination(context, page: Page, param: str = "page", target: str = "") -> dict:
    """Links to the neighbouring pages that keep the rest of the query. With a target, the
    links also load the page into that element with htmx and update the address bar."""
    query = context["request"].GET.copy()

    def url(number: int) -> str:
        query[param] = number
        return f"?{query.urlencode()}"

    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return {
        "page": page,
        "target": target,
        "previous": url(page.previous_page_number()) if page.has_previous() else "",
        "next": url(page.next_page_number()) if page.has_next() else "",
        "links": [(n, "" if n == Paginator.ELLIPSIS else url(n)) for n in numbers],
    }


# schema.org JSON-LD of the record pages: one tag per kind of record.
def _absolute(context):
    return context["request"].build_absolute_uri


@register.simple_tag(takes_context=True)
def project_json_ld(context, sheet) -> str:
    return structured_data.script(
        structured_data.project(sheet.project, sheet.partnerships, _absolute(context))
    )


@register.simple_tag(takes_context=True)
def organisation_json_ld(context, profile) -> str:
    return structured_data.script(
        structured_data.organisation(profile.organisation, profile.partnerships, _absolute(context))
    )


@register.simple_tag(takes_context=True)
def event_json_ld(context, event) -> str:
    return structured_data.script(structured_data.event(event, _absolute(context)))


@register.simple_tag(takes_context=True)
def news_json_ld(context, item) -> str:
    return structured_data.script(structured_data.news(item, _absolute(context)))


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> str:
    """What the page's block `name` renders, for saying it a second time (a page's title and
    description again in its Open Graph tags): Django lets a block be defined only once."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    with context.push():
        return mark_safe(" ".join(block.nodelist.render(context).split()))  # already escaped
