"""What the list views share: paging and the htmx partial response."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 25


def paginate(request: HttpRequest, items: QuerySet, param: str = "page") -> Page:
    """The requested page; a missing, malformed or too large number gives the first or last."""
    return Paginator(items, PER_PAGE).get_page(request.GET.get(param))


def wants_partial(request: HttpRequest) -> bool:
    """htmx asks for the results only, except when it restores a page missing from its
    history cache: then it needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
