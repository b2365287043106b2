"""The search engine sits behind SearchBackend; get_backend() gives this node's instance."""

import threading
from pathlib import Path

from django.conf import settings

from corridor.search.backends.base import SearchBackend

_backends: dict[Path, SearchBackend] = {}
_lock = threading.Lock()


def get_backend(path: Path | None = None) -> SearchBackend:
    from corridor.search.backends.tantivy_backend import TantivyBackend

    path = Path(path or settings.SEARCH_INDEX_DIR)
    with _lock:
        if path not in _backends:
            _backends[path] = TantivyBackend(path)
        return _backends[path]


def forget_backends() -> None:
    """Drop cached backends (tests that point SEARCH_INDEX_DIR elsewhere)."""
    with _lock:
        _backends.clear()
