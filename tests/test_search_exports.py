"""Explore's downloads: every result once, in the order of the pages, read from one search
rather than a search per batch; at most settings.EXPORT_MAX_ROWS rows, saying so."""

import csv
import io
import json

import pytest
from django.http import QueryDict

from corridor.search.services import MAX_PER_PAGE, ExploreParams, explore, explore_all_hits


def params(**values) -> ExploreParams:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    return ExploreParams.from_query_dict(data)


def paged_ids(**values) -> list[str]:
    """The ids of every result, page after page, as a reader of the page would see them."""
    ids: list[str] = []
    page = 1
    while True:
        result = explore(params(**values, page=page, per_page=MAX_PER_PAGE))
        ids += [hit.id for hit in result.hits]
        if page >= result.pages:
            return ids
        page += 1


SEARCHES = [
    pytest.param({"q": "region"}, id="relevance"),
    pytest.param({"q": "sweden", "sort": "relevance"}, id="relevance-many"),
    pytest.param({"sort": "-date"}, id="newest"),
    pytest.param({"sort": "date", "type": "project"}, id="oldest"),
    pytest.param({"sort": "-budget"}, id="budget-high"),
    pytest.param({"sort": "budget", "country": "SE"}, id="budget-low"),
]


@pytest.mark.parametrize("search", SEARCHES)
def test_a_download_holds_every_result_once_in_the_order_of_the_pages(db, search):
    pages = paged_ids(**search)
    # Batches far smaller than the result, so that it spans many of them.
    export = explore_all_hits(params(**search), batch=17)
    exported = [hit.id for hit in export.hits]
    assert len(pages) > 5 * 17
    assert export.total == export.rows == len(pages)
    assert exported == pages
    assert len(set(exported)) == len(exported)
    assert not export.truncated and export.messages == []


def test_ties_keep_the_order_of_the_pages(db):
    """Sorted by budget, the many results without one all tie: the download orders them
    as the pages do, not afresh."""
    export = explore_all_hits(params(sort="-budget"), batch=50)
    hits = list(export.hits)
    without = [hit.id for hit in hits if hit.budget is None]
    assert len(without) > 100
    assert [hit.id for hit in hits] == paged_ids(sort="-budget")


def test_a_download_has_no_snippets_and_the_page_still_has(db):
    export = explore_all_hits(params(q="Klaipeda"))
    assert all(hit.snippet_html == "" for hit in export.hits)
    assert any(hit.snippet_html for hit in explore(params(q="Klaipeda")).hits)


def test_a_typo_finds_in_the_download_what_it_finds_on_the_page(db):
    page = explore(params(q="Klaipeda"))
    typo = explore(params(q="Klaipedda"))
    export = explore_all_hits(params(q="Klaipedda"))
    assert typo.total and export.total == typo.total
    assert [hit.id for hit in export.hits] == paged_ids(q="Klaipedda")
    assert {hit.id for hit in page.hits} & {hit.id for hit in typo.hits}


def test_a_download_stops_at_the_most_rows_and_says_so(db, settings):
    settings.EXPORT_MAX_ROWS = 120
    export = explore_all_hits(params(sort="-date"), batch=50)
    ids = [hit.id for hit in export.hits]
    assert export.total > 120 and export.rows == 120 and export.truncated
    assert ids == paged_ids(sort="-date")[:120]
    assert export.messages == [
        f"The first 120 of {export.total:,} results: a download holds at most 120. "
        "Narrow the search with the filters for the others."
    ]


def test_the_csv_download_ends_with_a_note_when_it_stops_short(client, db, settings):
    settings.EXPORT_MAX_ROWS = 120
    total = explore(params(type="project")).total
    assert total > 120
    response = client.get("/explore/export.csv", {"type": "project"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["type", "title", "subtitle", "url", "date", "budget"]
    assert len(rows) == 1 + 120 + 1
    assert all(row[0] == "project" for row in rows[1:-1])
    assert rows[-1][0] == "note"
    assert rows[-1][1].startswith(f"The first 120 of {total:,} results")
    assert response["X-Result-Total"] == str(total)
    assert response["X-Export-Rows"] == "120"
    assert response["X-Export-Note"].startswith("The first 120 of")


def test_the_json_download_stops_short_and_its_headers_say_so(client, db, settings):
    settings.EXPORT_MAX_ROWS = 120
    response = client.get("/explore/export.json", {"type": "project"})
    records = json.loads(b"".join(response.streaming_content))
    assert len(records) == 120
    assert all(record["type"] == "project" for record in records)
    assert int(response["X-Result-Total"]) > 120
    assert response["X-Export-Rows"] == "120"


def test_a_whole_download_has_no_note(client, db):
    response = client.get("/explore/export.csv", {"q": "Klaipeda"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) - 1 == int(response["X-Result-Total"]) == int(response["X-Export-Rows"])
    assert "note" not in {row[0] for row in rows}
    assert "X-Export-Note" not in response


def test_the_page_says_when_a_download_holds_only_the_first_results(client, db, settings):
    settings.EXPORT_MAX_ROWS = 120
    total = explore(params()).total
    page = client.get("/explore/").content.decode()
    assert f"Download the first 120 of {total} results" in page
    narrow = client.get("/explore/", {"q": "Klaipeda"}).content.decode()
    assert "Download all " in narrow and "Download the first" not in narrow
