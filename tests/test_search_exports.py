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


def test_a_download_stops_at_the_most_rows_and_says_where_the_next_part_starts(db, settings):
    settings.EXPORT_MAX_ROWS = 120
    export = explore_all_hits(params(sort="-date"), batch=50)
    ids = [hit.id for hit in export.hits]
    assert export.total > 240 and export.rows == 120 and export.truncated
    assert ids == paged_ids(sort="-date")[:120]
    assert export.next_start == 120
    assert export.messages == [
        f"Results 1 to 120 of {export.total:,}: a download holds at most 120, so a search "
        "this broad comes in parts; the next part starts at result 121."
    ]


def test_the_parts_of_a_download_hold_every_result_once_in_the_order_of_the_pages(db, settings):
    settings.EXPORT_MAX_ROWS = 120
    exported: list[str] = []
    start: int | None = 0
    parts = 0
    while start is not None:
        export = explore_all_hits(params(sort="-budget"), batch=50, start=start)
        assert export.start == start
        exported += [hit.id for hit in export.hits]
        start, parts = export.next_start, parts + 1
    assert parts == -(-export.total // 120) > 2
    assert export.messages[-1].endswith("this is the last part.")
    assert exported == paged_ids(sort="-budget")


def test_a_part_past_the_end_is_empty_and_says_so(db, settings):
    settings.EXPORT_MAX_ROWS = 120
    total = explore(params(type="project")).total
    export = explore_all_hits(params(type="project"), start=total + 5)
    assert list(export.hits) == [] and export.next_start is None
    assert export.messages == [
        f"The search has {total:,} results; none from result {total + 6:,} on."
    ]


def test_the_csv_download_ends_with_a_note_and_the_address_of_the_next_part(client, db, settings):
    settings.EXPORT_MAX_ROWS = 120
    total = explore(params(type="project")).total
    assert total > 120
    response = client.get("/explore/export.csv", {"type": "project"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["type", "title", "subtitle", "url", "date", "budget"]
    assert len(rows) == 1 + 120 + 1
    assert all(row[0] == "project" for row in rows[1:-1])
    assert rows[-1][0] == "note"
    assert rows[-1][1].startswith(f"Results 1 to 120 of {total:,}")
    next_url = "http://testserver/explore/export.csv?type=project&start=120"
    assert rows[-1][1].endswith(f"Next part: {next_url}")
    assert response["X-Result-Total"] == str(total)
    assert response["X-Export-Rows"] == "120"
    assert response["X-Export-Start"] == "0"
    assert response["X-Export-Note"].startswith("Results 1 to 120 of")
    assert response["Link"] == f'<{next_url}>; rel="next"'
    assert 'filename="corridor-explore-1-120.csv"' in response["Content-Disposition"]
    second = client.get("/explore/export.csv", {"type": "project", "start": "120"})
    again = list(csv.reader(io.StringIO(b"".join(second.streaming_content).decode())))
    assert again[1][1] != rows[1][1] and second["X-Export-Start"] == "120"
    assert {row[3] for row in again[1:-1]}.isdisjoint({row[3] for row in rows[1:-1]})


@pytest.mark.parametrize("start", ["-1", "ten", "1.5"])
def test_a_part_that_is_not_a_whole_number_is_refused_with_a_reason(client, db, start):
    response = client.get("/explore/export.csv", {"start": start})
    assert response.status_code == 400
    assert "start must be a whole number" in response.content.decode()


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


def test_the_page_offers_a_broad_search_in_parts(client, db, settings):
    settings.EXPORT_MAX_ROWS = 120
    total = explore(params()).total
    assert total > 3 * 120
    page = client.get("/explore/").content.decode()
    assert "Download in parts of 120 results" in page
    for first, start in ((1, 0), (121, 120), (241, 240)):
        assert f"results {first}–{first + 119}" in page
        assert f'/explore/export.csv?start={start}"' in page
    assert "and so on" in page
    narrow = client.get("/explore/", {"q": "Klaipeda"}).content.decode()
    assert "Download all " in narrow and "Download in parts" not in narrow


@pytest.mark.parametrize(
    "path",
    ["/projects/boost/", "/regions/SE224/", "/organisations/région-nouvelle-aquitaine/",
     "/a b/", '/a"b', "/a{b}|c", "/%C3%A4/", "/news/1/?x=1&y=2#top", "/a\\b`c^d<e>"],
)  # fmt: skip
def test_a_download_writes_each_address_as_iri_to_uri_does(path):
    from django.utils.encoding import iri_to_uri

    from corridor.search.backends.base import Hit
    from corridor.search.views import _export_row

    hit = Hit(id="project:1", type="project", title="t", url=path)
    assert _export_row("http://testserver", hit)[3] == iri_to_uri("http://testserver" + path)
