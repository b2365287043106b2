import csv
import json

from django.http import StreamingHttpResponse
from django.shortcuts import render

from corridor.lib.money import money_of
from corridor.search.services import ExploreParams, explore, explore_all_hits, suggest

EXPORT_COLUMNS = ["type", "title", "subtitle", "url", "date", "budget"]


def explore_page(request):
    result = explore(ExploreParams.from_query_dict(request.GET))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"result": result, "query": query.urlencode(), "q": result.params.q}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "search/_results.html", context)
    return render(request, "search/explore.html", context)


def suggestions(request):
    return render(request, "search/_suggestions.html", {"hits": suggest(request.GET.get("q", ""))})


class _Echo:
    def write(self, value):
        return value


def export_csv(request):
    hits = explore_all_hits(ExploreParams.from_query_dict(request.GET))
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(EXPORT_COLUMNS)
        for hit in hits:
            yield writer.writerow(_export_row(request, hit))

    return _download(StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8"), "csv")


def export_json(request):
    hits = explore_all_hits(ExploreParams.from_query_dict(request.GET))

    def chunks():
        yield "["
        for n, hit in enumerate(hits):
            record = dict(zip(EXPORT_COLUMNS, _export_row(request, hit), strict=True))
            yield ("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    return _download(response, "json")


def _export_row(request, hit) -> list:
    budget = "" if hit.budget is None else str(money_of(hit.budget))
    return [
        hit.type,
        hit.title,
        hit.subtitle,
        request.build_absolute_uri(hit.url),
        hit.date,
        budget,
    ]


def _download(response, extension: str):
    response["Content-Disposition"] = f'attachment; filename="corridor-explore.{extension}"'
    return response
