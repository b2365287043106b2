import csv
import html
import io
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def test_explore_page_shows_filters_counts_and_results(client, db):
    response = client.get("/explore/", {"q": "Klaipeda", "type": "project"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Filter your results (1)" in page
    assert 'href="/projects/interventures/"' in page
    for label in ("Search for", "Country", "Programme", "Region", "Partner role"):
        assert label in page


def test_htmx_gets_only_the_results(client, db):
    response = client.get("/explore/", {"q": "Klaipeda"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page
    assert 'id="result-total"' in page


def test_csv_export_holds_every_result_not_just_a_page(client, db):
    page = client.get("/explore/", {"country": "SE", "type": "project"})
    total = int(page.content.decode().split('id="result-total">')[1].split("<")[0])
    assert total > 100
    response = client.get("/explore/export.csv", {"country": "SE", "type": "project"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["type", "title", "subtitle", "url", "date", "budget"]
    assert len(rows) - 1 == total
    assert all(row[0] == "project" for row in rows[1:])


def test_json_export_is_valid_json(client, db):
    response = client.get("/explore/export.json", {"q": "Klaipeda"})
    records = json.loads(b"".join(response.streaming_content))
    assert {r["title"] for r in records} >= {"InterVentures", "Klaipėda ID"}
    assert all(r["url"].startswith("http://testserver/") for r in records)
    assert next(r for r in records if r["title"] == "InterVentures")["budget"] == "1376708.00"


def test_suggestions_start_with_what_was_typed(client, db):
    page = client.get("/explore/suggest", {"q": "interv"}).content.decode()
    assert ">InterVentures<" in page


def test_html_in_the_query_is_escaped(client, db):
    page = client.get("/explore/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;" in page


def test_hostile_parameters_get_a_page_not_an_error(client, db):
    for params in (
        {"q": "x" * 10_000},
        {"q": "a\x00b"},
        {"q": '"unbalanced'},
        {"q": "' OR 1=1; --"},
        {"page": str(10**9)},
        {"page": "-3"},
        {"country": "ZZ", "region": "nowhere", "type": "unicorn"},
        {"year_from": "1e999", "budget_max": "NaN"},
    ):
        assert client.get("/explore/", params).status_code == 200, params


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_any_query_string_gets_a_page(client, db, text):
    response = client.get("/explore/", {"q": text})
    assert response.status_code == 200


def test_the_api_answers_as_the_page_does(client, db):
    data = client.get("/api/v1/search", {"q": "Klaipeda", "type": "project"}).json()
    assert data["total"] == 1
    assert data["hits"][0]["title"] == "InterVentures"
    assert data["hits"][0]["budget"] == "1376708.00"
    facets = {f["name"]: f for f in data["facets"]}
    assert facets["type"]["label"] == "Search for"
    assert {"value": "project", "label": "Projects", "count": 1, "selected": True} in facets[
        "type"
    ]["values"]
    suggestions = client.get("/api/v1/search/suggest", {"q": "interv"}).json()
    assert suggestions[0]["title"] == "InterVentures"


def test_the_api_reports_unreadable_parameters(client, db):
    data = client.get("/api/v1/search", {"year_from": "soon"}).json()
    assert data["messages"] == ["year_from must be a number; 'soon' was ignored."]
    assert "/api/v1/search" in client.get("/api/v1/openapi.json").json()["paths"]


def test_the_page_and_its_htmx_partial_vary_on_hx_request(client, db):
    """One URL answers with the whole page or only the results: caches must keep them apart."""
    whole = client.get("/explore/", {"q": "Klaipeda"})
    partial = client.get("/explore/", {"q": "Klaipeda"}, HTTP_HX_REQUEST="true")
    assert "<html" in whole.content.decode()
    assert "<html" not in partial.content.decode()
    for response in (whole, partial):
        assert "HX-Request" in response["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(client, db):
    response = client.get(
        "/explore/",
        {"q": "Klaipeda"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()


def test_the_title_is_plain_text(client, db):
    """The title shows in tabs, bookmarks and shared links: no script in it."""
    for params in ({}, {"q": "Klaipeda"}, {"q": "water & energy"}):
        page = client.get("/explore/", params).content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        for code in ("<script", "function", "document.", "=>", "addEventListener", "{", ";"):
            assert code not in title.replace("&amp;", "&"), (params, title)
        assert title.strip().startswith("Explore")
        if params.get("q"):
            assert html.escape(params["q"]) in title


def test_facet_choices_are_checkboxes_with_escaped_labels_and_counts():
    from corridor.search.services import FacetValue, FacetView
    from corridor.search.templatetags.explore import facet_choices

    facet = FacetView(
        "theme",
        "Theme",
        [
            FacetValue("a&b", "<script>x</script>", 12, True),
            FacetValue("plain", "Plain", 3, False),
        ],
    )
    markup = str(facet_choices(facet))
    assert '<input type="checkbox" id="f-theme-1" name="theme" value="a&amp;b" checked>' in markup
    assert "<span>&lt;script&gt;x&lt;/script&gt;</span>" in markup
    assert '<span class="count" data-count="12">12</span>' in markup
    assert 'id="f-theme-2" name="theme" value="plain">' in markup
    assert "<script>" not in markup
