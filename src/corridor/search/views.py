import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.utils.encoding import iri_to_uri

from corridor.lib.exports import csv_download, json_download
from corridor.lib.money import money_of
from corridor.lib.paging import render_list
from corridor.search.services import ExploreParams, explore, explore_all_hits, suggest

EXPORT_COLUMNS = ["type", "title", "subtitle", "url", "date", "budget"]


def explore_page(request):
    result = explore(ExploreParams.from_query(request.GET))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "result": result,
        "query": query.urlencode(),
        "q": result.params.q,
        "export_max_rows": settings.EXPORT_MAX_ROWS,
        "export_parts": _export_parts(query, result.total),
        "export_more": result.total > settings.EXPORT_MAX_ROWS * PARTS_LISTED,
    }
    return render_list(request, "search/explore.html", "search/_results.html", context)


PARTS_LISTED = 3


@dataclass
class ExportPart:
    first: int
    last: int
    query: str  # the search's query string with the part's `start`


def _export_parts(query: QueryDict, total: int) -> list[ExportPart]:
    """The first parts of a download too large for one file (none when one file holds
    it): each file ends with the address of the next, so the list stays short."""
    most = settings.EXPORT_MAX_ROWS
    if total <= most:
        return []
    parts = []
    for start in range(0, min(total, most * PARTS_LISTED), most):
        part = query.copy()
        part["start"] = str(start)
        parts.append(ExportPart(start + 1, min(total, start + most), part.urlencode()))
    return parts


def suggestions(request):
    return render(request, "search/_suggestions.html", {"hits": suggest(request.GET.get("q", ""))})


def export_csv(request):
    start = _start(request)
    if isinstance(start, HttpResponse):
        return start
    export = explore_all_hits(ExploreParams.from_query(request.GET), start=start)
    site = _site(request)
    rows: Iterable[list] = (_export_row(site, hit) for hit in export.hits)
    if export.truncated:
        # Last, where a spreadsheet's reader sees it: the rows are not all the results.
        note = " ".join([*export.messages, _next_part(request, export)]).strip()
        rows = itertools.chain(rows, [["note", note, "", "", "", ""]])
    return _counted(request, csv_download(EXPORT_COLUMNS, rows, _filename(export)), export)


def export_json(request):
    start = _start(request)
    if isinstance(start, HttpResponse):
        return start
    export = explore_all_hits(ExploreParams.from_query(request.GET), start=start)
    site = _site(request)
    rows = (_export_row(site, hit) for hit in export.hits)
    return _counted(request, json_download(EXPORT_COLUMNS, rows, _filename(export)), export)


def _start(request) -> int | HttpResponse:
    """The first result of the part asked for (`?start=`, 0 = the first), or a 400 that
    says why."""
    text = request.GET.get("start", "0").strip() or "0"
    if not text.isdigit():
        return HttpResponseBadRequest(
            f"start must be a whole number of results to skip (0 or more), not {text!r}.",
            content_type="text/plain; charset=utf-8",
        )
    return int(text)


def _filename(export) -> str:
    if export.start or export.next_start is not None:
        return f"corridor-explore-{export.start + 1}-{export.start + export.rows}"
    return "corridor-explore"


def _next_url(request, export) -> str | None:
    if export.next_start is None:
        return None
    query = request.GET.copy()
    query["start"] = str(export.next_start)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _next_part(request, export) -> str:
    url = _next_url(request, export)
    return f"Next part: {url}" if url else ""


def _counted(request, response, export):
    """Headers that say how many results the search has, which of them the file holds and
    where the next part is (a `Link: rel="next"` as paged APIs give it)."""
    response["X-Result-Total"] = str(export.total)
    response["X-Export-Rows"] = str(export.rows)
    response["X-Export-Start"] = str(export.start)
    if export.truncated:
        response["X-Export-Note"] = " ".join(export.messages)
    url = _next_url(request, export)
    if url:
        response["Link"] = f'<{url}>; rel="next"'
    return response


def _site(request) -> str:
    """The site's address, as request.build_absolute_uri gives it, worked out once per
    export rather than once per row."""
    return request.build_absolute_uri("/").rstrip("/")


# Characters iri_to_uri leaves as they are: an address made of them only (as Corridor's
# slugs are) is already a URI, and checking is ten times cheaper than quoting.
_URI_AS_IS = re.compile(r"[A-Za-z0-9/#%\[\]=:;$&()+,!?*@'~._-]*")


def _export_row(site: str, hit) -> list:
    budget = "" if hit.budget is None else str(money_of(hit.budget))
    url = site + hit.url
    return [
        hit.type,
        hit.title,
        hit.subtitle,
        url if _URI_AS_IS.fullmatch(url) else iri_to_uri(url),
        hit.date,
        budget,
    ]
