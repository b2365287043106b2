"""The vectors of every searchable item, kept beside the node's index, one store per embedder:

    var/vectors/<embedder name>/
      vectors.f16     rows of `dim` float16, only ever appended (read memory-mapped)
      rows.sqlite3    which row holds which document's vector and the hash of the text it was
                      computed from, and the change-log position followed (as the index does)
      ann.usearch     an approximate-nearest-neighbour graph (usearch, 8-bit) over the rows
                      that existed when it was built; rows added since are compared exactly
      .embed.lock     held while a process computes vectors

A row is written (and flushed) before the table names it, in one transaction per batch: a
process killed mid-way leaves at most rows nothing names, and the next run goes on from
where it stopped, skipping the texts whose hash is unchanged. The store outlives index
rebuilds: a vector depends on the text alone.

usearch was chosen over hnswlib and faiss-cpu (measured on random 384-d vectors, README):
it quantises to 8 bits inside the graph (1M vectors: about 0.4 GB with the graph, where
hnswlib keeps float32, 1.5 GB), builds fastest of the three on two cores, removes and adds
single keys, and opens a saved graph memory-mapped.
"""

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from corridor.lib.locks import file_lock

ROW_DTYPE = np.float16
# Below this many vectors an exact comparison of all of them is as fast as the graph.
ANN_MIN = 20_000
# The graph is rebuilt once this share of the vectors came after it.
ANN_STALE = 0.1
LOCK = ".embed.lock"


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class VectorStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._rows_file = self.path / "vectors.f16"
        self._ann_file = self.path / "ann.usearch"
        self._db = sqlite3.connect(self.path / "rows.sqlite3", check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(
            "CREATE TABLE IF NOT EXISTS rows (doc_id TEXT PRIMARY KEY, row INTEGER NOT NULL,"
            " hash TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT);"
        )
        self._lock = threading.Lock()
        self._view: _View | None = None
        # The vectors' length: known once the first are written (the embedder need not be
        # loaded to read them).
        self.dim = int(self.get("dim") or 0)

    # -- state ----------------------------------------------------------------------------

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value) -> None:
        self._db.execute(
            "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
            "value = excluded.value",
            (key, None if value is None else str(value)),
        )

    def set_state(self, **values) -> None:
        with self._lock, self._db:
            for key, value in values.items():
                self._set(key, value)

    @property
    def followed_to(self) -> int | None:
        """The change-log id followed up to; None until a whole pass has completed."""
        mark = self.get("last_change_id")
        return None if mark is None else int(mark)

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM rows").fetchone()[0]

    def hashes(self, doc_ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(doc_ids), 500):
                chunk = doc_ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(
                    self._db.execute(
                        f"SELECT doc_id, hash FROM rows WHERE doc_id IN ({marks})", chunk
                    ).fetchall()
                )
        return found

    def all_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT doc_id FROM rows")}

    # -- writing (under lock()) -----------------------------------------------------------

    @contextmanager
    def lock(self, wait: bool = True) -> Iterator[bool]:
        """The store's writer lock, across processes; yields False when `wait` is off and
        another process holds it."""
        with file_lock(self.path / LOCK, wait) as held:
            yield held

    def busy(self) -> bool:
        """Whether a process is computing vectors right now."""
        with self.lock(wait=False) as free:
            return not free

    def put(self, doc_ids: list[str], hashes: list[str], vectors: np.ndarray) -> None:
        if not doc_ids:
            return
        if not self.dim:
            self.dim = int(vectors.shape[1])
            self.set_state(dim=self.dim)
        rows = np.ascontiguousarray(vectors, dtype=ROW_DTYPE).reshape(len(doc_ids), self.dim)
        size = self.dim * np.dtype(ROW_DTYPE).itemsize
        with open(self._rows_file, "ab") as out:
            # A row cut short by a crash is padded over: rows start at multiples of size.
            end = out.tell()
            if end % size:
                out.truncate(end - end % size)
                out.seek(end - end % size)
            first = out.tell() // size
            out.write(rows.tobytes())
            out.flush()
            os.fsync(out.fileno())
        with self._lock, self._db:
            self._db.executemany(
                "INSERT INTO rows (doc_id, row, hash) VALUES (?, ?, ?) ON CONFLICT(doc_id) DO "
                "UPDATE SET row = excluded.row, hash = excluded.hash",
                [(d, first + i, h) for i, (d, h) in enumerate(zip(doc_ids, hashes, strict=True))],
            )
            self._bump()

    def remove(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        with self._lock, self._db:
            self._db.executemany("DELETE FROM rows WHERE doc_id = ?", [(d,) for d in doc_ids])
            self._bump()

    def _bump(self) -> None:
        self._db.execute(
            "INSERT INTO state (key, value) VALUES ('generation', '1') ON CONFLICT(key) DO "
            "UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def build_ann(self, force: bool = False) -> bool:
        """(Re)build the graph when the store is large and the graph missing or stale."""
        view = self.view()
        covered = int(self.get("ann_rows") or 0)
        live = len(view.rows)
        if not force and (live < ANN_MIN or live - covered <= ANN_STALE * live):
            return False
        from usearch.index import Index

        graph = Index(ndim=self.dim, metric="cos", dtype="i8", connectivity=16)
        for start in range(0, live, 50_000):  # float32 a chunk at a time, not all at once
            rows = view.rows[start : start + 50_000]
            graph.add(rows.astype(np.uint64), np.asarray(view.matrix[rows], np.float32),
                      threads=os.cpu_count() or 1)  # fmt: skip
        tmp = self.path / "ann.usearch.tmp"
        graph.save(str(tmp))
        tmp.replace(self._ann_file)
        with self._lock, self._db:
            self._set("ann_rows", view.total_rows)
            self._bump()  # readers open the new graph
        return True

    # -- reading --------------------------------------------------------------------------

    def view(self) -> "_View":
        """The vectors as they are now (reopened when a writer has changed them)."""
        generation = self.get("generation")
        if not self.dim:  # another process may have written the first vectors since
            self.dim = int(self.get("dim") or 0)
        view = self._view
        if view is None or view.generation != generation:
            view = self._view = _View(self, generation)
        return view

    def vector(self, doc_id: str) -> np.ndarray | None:
        view = self.view()
        row = view.row_of.get(doc_id)
        return None if row is None else np.asarray(view.matrix[row], np.float32)

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The k documents whose vectors are closest to `vector`, with their cosine."""
        return self.view().nearest(np.asarray(vector, np.float32), k)

    def close(self) -> None:
        self._db.close()


class _View:
    def __init__(self, store: VectorStore, generation: str | None):
        self.generation = generation
        with store._lock:
            pairs = store._db.execute("SELECT row, doc_id FROM rows ORDER BY row").fetchall()
        size = max(1, store.dim) * np.dtype(ROW_DTYPE).itemsize
        exists = store.dim and store._rows_file.exists()
        file_rows = store._rows_file.stat().st_size // size if exists else 0
        self.total_rows = file_rows
        self.rows = np.array([r for r, _ in pairs], dtype=np.int64)
        self.ids = [d for _, d in pairs]
        self.row_of = dict(zip(self.ids, self.rows.tolist(), strict=True))
        self.matrix = (
            np.memmap(store._rows_file, dtype=ROW_DTYPE, mode="r", shape=(file_rows, store.dim))
            if file_rows
            else np.zeros((0, store.dim), ROW_DTYPE)
        )
        self.graph = None
        self.graph_rows = int(store.get("ann_rows") or 0)
        if store._ann_file.exists() and self.graph_rows:
            from usearch.index import Index

            self.graph = Index.restore(str(store._ann_file), view=True)

    def id_of_row(self, row: int) -> str | None:
        """The document whose vector a row holds; None for a replaced or removed one."""
        at = int(np.searchsorted(self.rows, row))
        return self.ids[at] if at < len(self.rows) and self.rows[at] == row else None

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        if not len(self.rows) or k <= 0:
            return []
        scored: dict[int, float] = {}
        if self.graph is not None:
            # Rows the graph holds but the table no longer names were replaced or removed:
            # ask for more than k to have k left after dropping them.
            found = self.graph.search(vector, k * 2 + 16)
            for key, distance in zip(found.keys.tolist(), found.distances.tolist(), strict=True):
                if self.id_of_row(key) is not None:
                    scored[key] = 1.0 - float(distance)
            rest = self.rows[self.rows >= self.graph_rows]
        else:
            rest = self.rows
        for start in range(0, len(rest), 65_536):
            chunk = rest[start : start + 65_536]
            sims = np.asarray(self.matrix[chunk], np.float32) @ vector
            top = np.argpartition(-sims, min(k, len(sims)) - 1)[:k]
            scored.update(zip(chunk[top].tolist(), sims[top].tolist(), strict=True))
        best = sorted(scored.items(), key=lambda item: -item[1])[:k]
        return [(self.ids[int(np.searchsorted(self.rows, row))], score) for row, score in best]
