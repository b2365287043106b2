import itertools
from collections.abc import Iterable

from django.conf import settings
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
    }
    return render_list(request, "search/explore.html", "search/_results.html", context)


def suggestions(request):
    return render(request, "search/_suggestions.html", {"hits": suggest(request.GET.get("q", ""))})


def export_csv(request):
    export = explore_all_hits(ExploreParams.from_query(request.GET))
    site = _site(request)
    rows: Iterable[list] = (_export_row(site, hit) for hit in export.hits)
    if export.truncated:
        # Last, where a spreadsheet's reader sees it: the rows are not all the results.
        rows = itertools.chain(rows, [["note", " ".join(export.messages), "", "", "", ""]])
    return _counted(csv_download(EXPORT_COLUMNS, rows, "corridor-explore"), export)


def export_json(request):
    export = explore_all_hits(ExploreParams.from_query(request.GET))
    site = _site(request)
    rows = (_export_row(site, hit) for hit in export.hits)
    return _counted(json_download(EXPORT_COLUMNS, rows, "corridor-explore"), export)


def _counted(response, export):
    """Headers that say how many results the search has and how many the file holds."""
    response["X-Result-Total"] = str(export.total)
    response["X-Export-Rows"] = str(export.rows)
    if export.truncated:
        response["X-Export-Note"] = " ".join(export.messages)
    return response


def _site(request) -> str:
    """The site's address, as request.build_absolute_uri gives it, worked out once per
    export rather than once per row."""
    return request.build_absolute_uri("/").rstrip("/")


def _export_row(site: str, hit) -> list:
    budget = "" if hit.budget is None else str(money_of(hit.budget))
    return [
        hit.type,
        hit.title,
        hit.subtitle,
        iri_to_uri(site + hit.url),
        hit.date,
        budget,
    ]
