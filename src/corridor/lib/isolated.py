"""Work that a hostile file could make huge, run in a process of its own: its memory is
capped, it is stopped when it takes too long, and whatever it used goes back to the system
when it ends, so the server's own memory stays where it was.

multiprocessing (with the "forkserver" start method: each task forks from a small, clean
server process, not from the threaded web server) and resource.setrlimit are the standard
library's; no package does both the cap and the stop. As with any multiprocessing start
method but fork, a script run as `python script.py` that calls this must guard its top level
with `if __name__ == "__main__":` (the servers', pytest's and corridor's entry points do).

`machine_slot` bounds how many such processes run at once on one machine, whatever the
number of server processes and threads that start them."""

import fcntl
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class Exceeded(Exception):
    """The work was stopped: `what` says which bound it went past ("seconds", "memory")."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def _child(conn, func: Callable, args: tuple, memory_bytes: int) -> None:
    try:
        if memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        result = ("ok", func(*args))
    except MemoryError:
        result = ("exceeded", "memory")
    except BaseException as e:  # handed back to the caller, who raises it
        # A parser that runs out of memory in C often says something else ("unknown error").
        result = ("exceeded", "memory") if _reached(memory_bytes) else ("raised", e)
    try:
        conn.send(result)
    except Exception as e:  # an exception that cannot be pickled
        conn.send(("raised", RuntimeError(f"{type(e).__name__}: {e}")))
    conn.close()


def _reached(memory_bytes: int) -> bool:
    """Whether this process's address space came within 5 % of its cap (Linux's /proc)."""
    if not memory_bytes:
        return False
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024 >= memory_bytes * 0.95
    except OSError:
        pass
    return False


def run_isolated(
    func: Callable, *args, seconds: float, memory_bytes: int, preload: tuple[str, ...] = ()
) -> Any:
    """func(*args) in a child process with at most `memory_bytes` of address space, stopped
    after `seconds`. Returns its result or raises its exception; raises Exceeded when the
    child went past a bound or died. func and its arguments must be picklable. The modules
    named in `preload` (and func's) are imported once, by the server the children fork
    from, when the first child starts."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", func.__module__, *preload])
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, func, args, memory_bytes), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise Exceeded("seconds")
        try:
            status, value = receive.recv()
        except EOFError:  # killed: the kernel refused it memory it could not do without
            raise Exceeded("memory") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if status == "exceeded":
        raise Exceeded(value)
    if status == "raised":
        raise value
    return value


class Busy(Exception):
    """Every slot stayed taken while the caller waited: the message says so to the person
    who asked, `retry_after` the seconds after which one is likely free again."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@contextmanager
def machine_slot(
    folder: Path, name: str, count: int, wait_seconds: float, busy: str, retry_after: int
) -> Iterator[int]:
    """One of `count` slots of this machine, across its processes and threads, held while
    the block runs; waits at most `wait_seconds` for one, then raises Busy. A slot is a lock
    file in `folder` (on a local disk) held with flock, which the kernel lets go of when its
    holder's process ends, so a worker killed while reading frees its slot. `busy` and
    `retry_after` are Busy's."""
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        for n in range(max(1, count)):
            fd = os.open(folder / f"{name}-{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield n
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            return
        if time.monotonic() >= deadline:
            raise Busy(busy, retry_after)
        time.sleep(0.05)
