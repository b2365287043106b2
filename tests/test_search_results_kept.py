"""An index keeps its recent answers (counting facets at a million documents is slow) until
it changes: a change made by this process or by another one shows at the next search."""

from corridor.search.backends.base import SearchRequest
from corridor.search.backends.tantivy_backend import TantivyIndex
from corridor.search.documents import SearchDocument
from corridor.search.query import parse_query


def document(n: int, title: str) -> SearchDocument:
    return SearchDocument(
        id=f"project:{n}",
        type="project",
        title=title,
        url=f"/projects/{n}/",
        body=f"{title} across the Baltic Sea",
        language="en",
        facets={"country": ["SE"]},
    )


def titles(index: TantivyIndex, words: str) -> list[str]:
    return [hit.title for hit in index.search(SearchRequest(query=parse_query(words))).hits]


def test_an_answer_is_kept_and_a_change_by_this_process_shows_at_once(tmp_path):
    index = TantivyIndex(tmp_path)
    index.index_documents([document(1, "Harbour logistics"), document(2, "Harbour energy")])
    first = index.search(SearchRequest(query=parse_query("harbour")))
    again = index.search(SearchRequest(query=parse_query("harbour")))
    assert [h.id for h in again.hits] == [h.id for h in first.hits] and first.total == 2
    assert again.hits[0] is not first.hits[0]  # each caller has its own copy
    index.apply([document(3, "Harbour tourism")], ["project:1"])
    assert sorted(titles(index, "harbour")) == ["Harbour energy", "Harbour tourism"]
    index.clear()
    assert titles(index, "harbour") == []


def test_a_change_by_another_process_shows_at_the_next_search(tmp_path):
    """Two handles on one directory, as two server processes of a node have."""
    reader, writer = TantivyIndex(tmp_path), TantivyIndex(tmp_path)
    writer.index_documents([document(1, "Forest bioeconomy")])
    assert titles(reader, "forest") == ["Forest bioeconomy"]
    writer.apply([document(2, "Forest fires")], [])
    assert sorted(titles(reader, "forest")) == ["Forest bioeconomy", "Forest fires"]
    writer.apply([], ["project:1"])
    assert titles(reader, "forest") == ["Forest fires"]
    assert reader.search(SearchRequest(query=parse_query("forest"))).facets["country"] == [
        ("SE", 1)
    ]


def test_an_index_in_memory_shows_its_changes_too(db):
    index = TantivyIndex(None)
    assert titles(index, "wind") == []
    index.index_documents([document(1, "Offshore wind")])
    assert titles(index, "wind") == ["Offshore wind"]


def test_each_request_has_its_own_answer(tmp_path):
    index = TantivyIndex(tmp_path)
    index.index_documents([document(n, f"Cluster number {n}") for n in range(1, 31)])
    first = index.search(SearchRequest(query=parse_query("cluster"), limit=10))
    second = index.search(SearchRequest(query=parse_query("cluster"), limit=10, offset=10))
    assert first.total == second.total == 30
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
