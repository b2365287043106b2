"""A node's index directory holds whole versions of the index side by side, and names the one
in use in a small pointer file, so that a rebuild writes a new version while the node keeps
searching the previous one, and switches in one step when it is complete:

    var/index/
      CURRENT                 the name of the version in use, replaced with os.replace: a
                              reader sees the old name or the new one, never half of either
      v-20250601T101500-4242/ a version: the engine's files, state.json (the change log
                              position it has followed up to) and build.json (its rebuild)
      .catch-up.lock          held while a process applies the change log or switches
      .rebuild.lock           held while a rebuild runs

A version that CURRENT does not name is a rebuild's: one running (it holds .rebuild.lock) or
one that was interrupted, whose leftovers the next rebuild removes. An index written before
versions (the engine's files in the directory itself, no CURRENT) is used as it is until the
first rebuild replaces it. This module knows no engine: it moves directories and names."""

import fcntl
import itertools
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corridor.lib.locks import file_lock

POINTER = "CURRENT"
PREFIX = "v-"
BUILD_FILE = "build.json"
NODE_LOCK = ".catch-up.lock"
REBUILD_LOCK = ".rebuild.lock"


class RebuildRunning(Exception):
    """Another rebuild of this node's index is running."""


class IndexHome:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)

    # -- the version in use --------------------------------------------------------------

    def stamp(self) -> tuple[int, int] | None:
        """What changes when the pointer is replaced (its inode and time): one stat."""
        try:
            st = os.stat(self.path / POINTER)
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns

    def current(self) -> Path | None:
        """The directory of the version in use; None when no index was ever completed."""
        try:
            name = (self.path / POINTER).read_text().strip()
        except FileNotFoundError:
            return self.path if (self.path / "meta.json").exists() else None
        return self.path / name if name else None

    def switch(self, version: Path) -> None:
        """Make `version` the one in use, in one rename, and remove every other version (a
        process still searching one keeps its open files until it lets go of them)."""
        previous = self.current()
        tmp = self.path / f"{POINTER}.{os.getpid()}.tmp"
        with open(tmp, "w") as out:
            out.write(version.name + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path / POINTER)
        _fsync_dir(self.path)
        for old in self.versions():
            if old != version:
                shutil.rmtree(old, ignore_errors=True)
        if previous == self.path:  # written before versions: the engine's files lie here
            for entry in self.path.iterdir():
                if entry.is_file() and entry.name not in (POINTER, NODE_LOCK, REBUILD_LOCK):
                    entry.unlink(missing_ok=True)

    # -- versions being built ------------------------------------------------------------

    def versions(self) -> list[Path]:
        return sorted(p for p in self.path.iterdir() if p.is_dir() and p.name.startswith(PREFIX))

    def leftovers(self) -> list[Path]:
        """Versions not in use: a running rebuild's, or an interrupted one's."""
        current = self.current()
        return [p for p in self.versions() if p != current]

    def new_version(self) -> Path:
        """A fresh, empty version directory. Two rebuilds may start within the same second
        (in one process, too), so the name carries a serial number after the time."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        for serial in itertools.count():
            path = self.path / f"{PREFIX}{stamp}-{os.getpid()}-{serial}"
            try:
                path.mkdir()
            except FileExistsError:
                continue
            return path
        raise AssertionError("unreachable")

    def remove_leftovers(self) -> int:
        leftovers = self.leftovers()
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)
        return len(leftovers)

    @staticmethod
    def write_build(version: Path, build: dict) -> None:
        tmp = version / f"{BUILD_FILE}.tmp"
        tmp.write_text(json.dumps(build))
        tmp.replace(version / BUILD_FILE)

    @staticmethod
    def read_build(version: Path) -> dict:
        try:
            return json.loads((version / BUILD_FILE).read_text())
        except (FileNotFoundError, ValueError):
            return {}

    # -- locks ---------------------------------------------------------------------------

    @contextmanager
    def lock(self, name: str, wait: bool = True) -> Iterator[bool]:
        """Hold one of the node's locks; yields False when `wait` is off and it is taken."""
        with file_lock(self.path / name, wait) as held:
            yield held

    @contextmanager
    def rebuilding(self) -> Iterator[None]:
        with self.lock(REBUILD_LOCK, wait=False) as locked:
            if not locked:
                raise RebuildRunning(f"a rebuild of {self.path} is already running")
            yield

    def rebuild_running(self) -> bool:
        """Whether a process holds the rebuild lock (this one included)."""
        try:
            with open(self.path / REBUILD_LOCK) as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    return True
                fcntl.flock(lock, fcntl.LOCK_UN)
                return False
        except FileNotFoundError:
            return False


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
