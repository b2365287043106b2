"""Filters and tags shared by every page: money, dates, countries, languages, paging."""

from urllib.parse import urlsplit

from django import template
from django.conf.locale import LANG_INFO
from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.html import format_html

from corridor.lib import countries, dates, money

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
