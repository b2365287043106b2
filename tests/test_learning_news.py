"""News with their sources: sanitised bodies, pages, RSS and Atom feeds, API and Explore."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from corridor.learning.html import sanitise_html
from corridor.learning.models import NewsItem, NewsSource, SourceKind

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_seed_news_keeps_its_image_and_loses_its_style():
    item = NewsItem.objects.get(title="iEER project boosts young entrepreneurship")
    assert item.published_at == datetime.datetime(2018, 10, 8, 21, 0, tzinfo=datetime.UTC)
    assert item.body_html == (
        '<img alt="" src="https://www.laurea.fi/update/Laureankuvat/Logot/iEER.jpg">'
        "iEER project boosts young entrepreneurship"
    )
    assert item.news_source.kind == SourceKind.EXTERNAL and item.project.acronym == "iEER"
    assert NewsItem.objects.filter(published_at__isnull=True).count() == 6


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ('<p onclick="steal()">Hi<script>alert(1)</script></p>', "<p>Hi</p>"),
        ('<img src="x.jpg" onerror="steal()">', '<img src="https://example.org/news/x.jpg">'),
        ('<a href="javascript:steal()">link</a>', '<a rel="noopener noreferrer nofollow">link</a>'),
        ('<img src="data:image/png;base64,AAAA">', "<img>"),
        ("<iframe src=https://evil.example></iframe><style>p{}</style>ok", "ok"),
    ],
)
def test_bodies_are_sanitised(dirty, clean):
    assert sanitise_html(dirty, base_url="https://example.org/news/a.html") == clean


def test_a_saved_body_is_sanitised():
    source = NewsSource.objects.get(slug="laurea-fi")
    item = NewsItem.objects.create(
        title="Unsafe",
        news_source=source,
        body_html='<b onmouseover="x()">bold</b><script>1</script>',
    )
    item.refresh_from_db()
    assert item.body_html == "<b>bold</b>"


def test_the_news_page_shows_sources_and_unknown_dates(client):
    html = client.get("/news/").content.decode()
    assert "iEER project boosts young entrepreneurship" in html
    assert "Date unknown" in html and "laurea.fi" in html
    filtered = client.get("/news/", {"source": "interventures"}).content.decode()
    assert "Partners gather online on the 2nd of December" in filtered
    assert "iEER project boosts" not in filtered


def test_a_news_page_shows_the_safe_body_and_the_original(client):
    item = NewsItem.objects.get(title="iEER project boosts young entrepreneurship")
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'src="https://www.laurea.fi/update/Laureankuvat/Logot/iEER.jpg"' in html
    assert "BORDER" not in html
    assert 'href="https://www.laurea.fi/en/news/Pages/iEER-project' in html
    assert client.get("/news/999999/").status_code == 404


def test_the_rss_feed(client):
    response = client.get("/news/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert len(items) == NewsItem.objects.count() == 7
    first = items[0]
    assert first.findtext("title") == "iEER project boosts young entrepreneurship"
    assert first.findtext("pubDate") == "Mon, 08 Oct 2018 21:00:00 +0000"
    assert first.findtext("link").startswith("http://testserver/news/")
    assert "<script" not in response.content.decode()


def test_the_atom_feed(client):
    response = client.get("/news/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 7
    assert all(entry.findtext(f"{ATOM}updated") for entry in entries)
    authors = {entry.find(f"{ATOM}author").findtext(f"{ATOM}name") for entry in entries}
    assert authors == {"laurea.fi", "InterVentures", "Interreg Europe: project news"}


def test_the_api_lists_news_by_source(api_get):
    data = api_get("/news", source="interreg-europe-project-news")
    assert data["count"] == 5
    assert {i["news_source"]["kind"] for i in data["items"]} == {"project"}
    sources = api_get("/news/sources")
    assert [s["name"] for s in sources] == [  # by name
        "InterVentures", "Interreg Europe: project news", "laurea.fi",
    ]  # fmt: skip


def test_explore_filters_by_news_source(client):
    data = client.get("/api/v1/search", {"type": "news", "news_source": "laurea-fi"}).json()
    assert [h["title"] for h in data["hits"]] == ["iEER project boosts young entrepreneurship"]
    facet = next(f for f in data["facets"] if f["name"] == "news_source")
    labels = {v["label"] for v in facet["values"]}
    assert {"laurea.fi", "InterVentures", "Interreg Europe: project news"} <= labels
