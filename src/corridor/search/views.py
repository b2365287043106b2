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
    context = {"result": result, "query": query.urlencode(), "q": result.params.q}
    return render_list(request, "search/explore.html", "search/_results.html", context)


def suggestions(request):
    return render(request, "search/_suggestions.html", {"hits": suggest(request.GET.get("q", ""))})


def export_csv(request):
    hits = explore_all_hits(ExploreParams.from_query(request.GET))
    site = _site(request)
    rows = (_export_row(site, hit) for hit in hits)
    return csv_download(EXPORT_COLUMNS, rows, "corridor-explore")


def export_json(request):
    hits = explore_all_hits(ExploreParams.from_query(request.GET))
    site = _site(request)
    rows = (_export_row(site, hit) for hit in hits)
    return json_download(EXPORT_COLUMNS, rows, "corridor-explore")


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
