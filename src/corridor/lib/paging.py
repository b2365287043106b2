"""What the list views share: paging and the htmx partial response."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails

PER_PAGE = 25


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (in MIDDLEWARE), which sets
    `htmx` on every request."""

    htmx: HtmxDetails


def paginate(request: HttpRequest, items: QuerySet, param: str = "page") -> Page:
    """The requested page; a missing, malformed or too large number gives the first or last."""
    return Paginator(items, PER_PAGE).get_page(request.GET.get(param))


def wants_partial(request: HtmxHttpRequest) -> bool:
    """htmx asks for the results only, except when it restores a page missing from its
    history cache: then it needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_list(
    request: HtmxHttpRequest, template: str, partial_template: str, context: dict
) -> HttpResponse:
    """A list page, or only its results when htmx asks for them. The two answers share a
    URL, so Vary tells caches (and the browser's back button) to keep them apart."""
    chosen = partial_template if wants_partial(request) else template
    response = render(request, chosen, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
