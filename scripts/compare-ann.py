"""Compare the approximate-nearest-neighbour libraries Explore could use, on N random 384-d
vectors: build time, query latency (top 50), recall@10 against the exact answer, memory.

Run it in a throwaway environment with the three installed (only usearch is a dependency):
    pip install numpy usearch==2.26.6 hnswlib==0.8.0 faiss-cpu==1.15.1
    python scripts/compare-ann.py 100000 usearch   # or hnswlib, faiss
"""

import sys
import time

import numpy as np


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def main(n: int, library: str) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 384), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    queries = x[rng.integers(0, n, 200)] + 0.01 * rng.standard_normal((200, 384), np.float32)
    base = rss_mib()
    started = time.time()
    if library == "usearch":
        from usearch.index import Index

        index = Index(ndim=384, metric="cos", dtype="i8", connectivity=16,
                      expansion_add=128, expansion_search=64)  # fmt: skip
        index.add(np.arange(n), x, threads=2)

        def search(v):
            return index.search(v, 50).keys
    elif library == "hnswlib":
        import hnswlib

        index = hnswlib.Index(space="ip", dim=384)
        index.init_index(max_elements=n, ef_construction=128, M=16)
        index.set_num_threads(2)
        index.add_items(x, np.arange(n))
        index.set_ef(64)

        def search(v):
            return index.knn_query(v, 50)[0][0]
    else:
        import faiss

        faiss.omp_set_num_threads(2)
        index = faiss.IndexHNSWSQ(384, faiss.ScalarQuantizer.QT_8bit, 16,
                                  faiss.METRIC_INNER_PRODUCT)  # fmt: skip
        index.hnsw.efConstruction = 128
        index.train(x)
        index.add(x)
        index.hnsw.efSearch = 64

        def search(v):
            return index.search(v[None], 50)[1][0]

    build = time.time() - started
    memory = rss_mib() - base
    truth = np.argsort(-(x @ queries.T), axis=0)[:10].T
    latencies, found = [], 0
    for i, v in enumerate(queries):
        started = time.perf_counter()
        keys = search(v)
        latencies.append((time.perf_counter() - started) * 1000)
        found += len({int(k) for k in keys[:10]} & {int(k) for k in truth[i]})
    print(f"{library}\tN={n}\tbuild {build:.1f}s\tp50 {np.percentile(latencies, 50):.2f} ms"
          f"\tp95 {np.percentile(latencies, 95):.2f} ms\trecall@10 {found / len(queries) / 10:.3f}"
          f"\tindex memory {memory:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
