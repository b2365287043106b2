"""`corridor bench load`: many users at once against a server this command starts.

The server is `corridor serve` in a child process on a free loopback port, over the
configured database (`corridor load-demo` fills it), with `--workers N` gunicorn processes
or, with `--workers 0`, the single waitress process. With `--corpus N`, its search index is
N synthetic documents drawn by `corridor bench search`'s corpus, with the database's own
documents added, so that Explore and its exports search a large index.

The users are an asyncio client (httpx) in this process: each user asks for a page of the
mix, reads the whole answer, waits `--think` seconds (0.5x to 1.5x, at random), and asks for
the next, until `--seconds` have passed or `--requests` have been sent, whichever is first.
Only loopback addresses are ever asked.

The mix, by weight: the home page, Explore queries with filters, project fact sheets,
organisation pages, action plans, API lists and details, and Explore's CSV export. Reported
per page and overall: requests, requests/s, p50/p95/p99 (milliseconds, from sending the
request to the last byte of the answer), errors (an exception or a status other than 200),
and the resident and proportional memory of each server process at the end.
"""

import asyncio
import ipaddress
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

# (page, weight): a visit is drawn with these weights, then one of the page's addresses.
WEIGHTS = {
    "home": 10,
    "explore": 25,
    "fact sheet": 15,
    "organisation": 10,
    "action plan": 5,
    "api list": 10,
    "api detail": 15,
    "export.csv": 5,
}
EXPLORE_QUERIES = [
    ("", {}),
    ("innovation", {}),
    ("innovation", {"country": "SE"}),
    ("cluster", {"type": "project"}),
    ("energy", {"country": "SE", "type": "project"}),
    ("universitet", {"type": "organisation"}),
    ("klimat", {}),
    ("small and medium enterprises", {"country": "SE"}),
    ("tourism", {"type": "project", "role": "lead"}),
    ("water", {"region": "SE2"}),
    ("", {"type": "project", "country": "DK"}),
    ("digital", {"programme": "interreg-baltic-sea-region-2021-2027"}),
]


@dataclass
class Page:
    name: str
    paths: list[str]
    weight: float | None = None  # None: WEIGHTS[name]


@dataclass
class Sample:
    page: str
    ms: float
    status: int  # 0: no answer (an exception)
    size: int
    error: str = ""


@dataclass
class LoadResult:
    samples: list[Sample]
    seconds: float
    client_cpu_seconds: float
    errors: list[str] = field(default_factory=list)


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def explore_path(prefix: str, q: str, filters: dict[str, str]) -> str:
    params = ([("q", q)] if q else []) + sorted(filters.items())
    return f"{prefix}?{urlencode(params)}" if params else prefix


def demo_mix(per_page: int = 20, seed: int = 14) -> list[Page]:
    """The pages of the mix, drawn from the configured database: the records with the most
    partners first (the heaviest pages), then others at random."""
    from django.db.models import Count

    from corridor.organisations.models import Organisation
    from corridor.plans.models import ActionPlan
    from corridor.projects.models import Project

    rnd = random.Random(seed)

    def pick(queryset) -> list[str]:
        ranked = list(
            queryset.annotate(n=Count("partnerships"))
            .order_by("-n", "pk")
            .values_list("slug", flat=True)
        )
        heavy, rest = ranked[: per_page // 4], ranked[per_page // 4 :]
        return heavy + rnd.sample(rest, min(len(rest), per_page - len(heavy)))

    projects = pick(Project.objects.all())
    organisations = pick(Organisation.objects.all())
    plans = list(ActionPlan.objects.filter(status="approved").values_list("pk", flat=True))
    if not projects or not organisations:
        raise SystemExit("bench load: no data; run `corridor load-demo` first")
    return [
        Page("home", ["/"]),
        Page("explore", [explore_path("/explore/", q, f) for q, f in EXPLORE_QUERIES]),
        Page("fact sheet", [f"/projects/{slug}/" for slug in projects]),
        Page("organisation", [f"/organisations/{slug}/" for slug in organisations]),
        Page("action plan", [f"/action-plans/{pk}/" for pk in plans] or ["/action-plans/"]),
        Page(
            "api list",
            [
                "/api/v1/projects?limit=20",
                "/api/v1/projects?country=SE&limit=20",
                "/api/v1/organisations?q=universitet&limit=20",
                "/api/v1/search?q=innovation&country=SE",
                "/api/v1/action-plans",
            ],
        ),
        Page(
            "api detail",
            [f"/api/v1/projects/{slug}" for slug in projects]
            + [f"/api/v1/organisations/{slug}" for slug in organisations[:5]],
        ),
        Page(
            "export.csv",
            [explore_path("/explore/export.csv", q, f) for q, f in EXPLORE_QUERIES[1:]],
        ),
    ]


# -- the users -------------------------------------------------------------------------


async def _users(
    base_url: str,
    pages: list[Page],
    users: int,
    seconds: float,
    max_requests: int,
    think: float,
    seed: int,
) -> list[Sample]:
    import httpx

    samples: list[Sample] = []
    sent = 0
    deadline = time.monotonic() + seconds
    weights = [WEIGHTS.get(page.name, 1) if page.weight is None else page.weight for page in pages]
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    timeout = httpx.Timeout(60.0)

    async def user(n: int, client) -> None:
        nonlocal sent
        rnd = random.Random(seed * 1000 + n)
        # Users start over the first second, not all at once.
        await asyncio.sleep(rnd.random() * min(1.0, seconds / 10))
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            page = rnd.choices(pages, weights)[0]
            path = rnd.choice(page.paths)
            started = time.perf_counter()
            error = ""
            try:
                response = await client.get(path)
                status, size = response.status_code, len(response.content)
                if status != 200:
                    error = f"HTTP {status} {path}"
            except httpx.HTTPError as e:
                status, size, error = 0, 0, f"{type(e).__name__} {path}"
            ms = (time.perf_counter() - started) * 1000
            samples.append(Sample(page.name, ms, status, size, error))
            if think:
                await asyncio.sleep(think * (0.5 + rnd.random()))

    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:
        await asyncio.gather(*(user(n, client) for n in range(users)))
    return samples


def run_load(
    base_url: str,
    pages: list[Page],
    users: int = 20,
    seconds: float = 30,
    max_requests: int = 20_000,
    think: float = 0.0,
    seed: int = 14,
) -> LoadResult:
    """`users` users at once against `base_url`, a loopback address, bounded in time and
    in requests."""
    if not is_loopback(base_url):
        raise ValueError(f"bench load asks loopback addresses only, not {base_url}")
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    samples = asyncio.run(_users(base_url, pages, users, seconds, max_requests, think, seed))
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    return LoadResult(samples, elapsed, client_cpu)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summarise(result: LoadResult) -> dict:
    by_page: dict[str, list[Sample]] = defaultdict(list)
    for sample in result.samples:
        by_page[sample.page].append(sample)

    def figures(samples: list[Sample]) -> dict:
        ms = [s.ms for s in samples]
        return {
            "requests": len(samples),
            "per_s": len(samples) / result.seconds,
            "p50": statistics.median(ms),
            "p95": percentile(ms, 95),
            "p99": percentile(ms, 99),
            "errors": sum(s.status != 200 for s in samples),
            "kib": statistics.mean(s.size for s in samples) / 1024,
        }

    pages = {name: figures(samples) for name, samples in sorted(by_page.items())}
    overall = figures(result.samples) if result.samples else {}
    median_page = statistics.median(p["p95"] for p in pages.values()) if pages else 0
    errors: dict[str, int] = defaultdict(int)
    for sample in result.samples:
        if sample.error:
            errors[sample.error] += 1
    return {
        "seconds": result.seconds,
        "client_cpu_seconds": result.client_cpu_seconds,
        "overall": overall,
        "pages": pages,
        "median_page_p95": median_page,
        "errors": dict(sorted(errors.items(), key=lambda e: -e[1])[:20]),
    }


# -- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=60)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"no server at {url} after {seconds} s")


def processes(pid: int) -> list[int]:
    """The server's process and its workers (Linux: /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(child) for child in task.read_text().split()]
    return found


def memory_mib(pid: int) -> dict:
    """Resident (RSS) and proportional (PSS: shared pages divided among their users)."""
    out = {"pid": pid}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("Rss", "Pss"):
            out[key.lower() + "_mib"] = int(value.split()[0]) / 1024
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User and system time the processes have used so far (Linux: /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def start_server(
    workers: int, threads: int | None, env: dict, log: Path
) -> tuple[subprocess.Popen, str]:
    """`corridor serve` on a free loopback port; what it prints goes to the file `log` (a
    pipe nobody reads while the users run would fill and stop the server)."""
    port = free_port()
    command = [sys.executable, "-m", "corridor", "serve", "--port", str(port)]
    command += ["--workers", str(workers)] + (["--threads", str(threads)] if threads else [])
    with open(log, "wb") as out:
        server = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return server, f"http://127.0.0.1:{port}"


def stop_server(server: subprocess.Popen, log: Path) -> str:
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    return log.read_text("utf-8", "replace")


def build_corpus_index(count: int, index_dir: Path) -> dict:
    """N synthetic documents (`corridor bench search`'s corpus, in a child process for its
    memory), then every record of the database, as `corridor index rebuild` adds them."""
    command = [sys.executable, "-m", "corridor.search.bench", "build", "--count", str(count)]
    command += ["--index-dir", str(index_dir)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"building the corpus failed:\n{result.stderr[-3000:]}")
    built = json.loads(result.stdout.strip().splitlines()[-1])
    built["docs"] = add_database_records(index_dir)
    return built


def add_database_records(index_dir: Path) -> int:
    """Every record of every search type into the index at `index_dir`, which then follows
    the change log from here; returns the documents it holds."""
    from django.db.models import Max

    from corridor.search.backends import get_backend
    from corridor.search.models import IndexChange
    from corridor.search.registry import search_types

    backend = get_backend(index_dir)
    mark = IndexChange.objects.aggregate(m=Max("id"))["m"] or 0
    for st in search_types():
        backend.index_documents(st.to_document(r) for r in st.queryset().iterator(chunk_size=500))
    backend.write_state({"last_change_id": mark, "gaps": {}})
    return backend.count()


def measure(args, pages: list[Page], index_dir: Path | None, work: Path) -> dict:
    env = dict(os.environ)
    if index_dir is not None:
        env["CORRIDOR_INDEX_DIR"] = str(index_dir)
    server, base_url = start_server(args.workers, args.threads, env, work / "server.log")
    try:
        wait_for(base_url + "/")
        # Warm-up: every address once, so that each worker's caches are filled as they
        # would be on a site that has been running.
        for page in pages:
            for path in page.paths:
                run_load(
                    base_url,
                    [Page(page.name, [path])],
                    users=1,
                    seconds=60,
                    max_requests=max(1, args.workers),
                )
        pids = processes(server.pid)
        cpu = cpu_seconds(pids)
        result = run_load(base_url, pages, args.users, args.seconds, args.requests, args.think)
        server_cpu = cpu_seconds(pids) - cpu
        memory = [memory_mib(pid) for pid in processes(server.pid)]
    finally:
        log = stop_server(server, work / "server.log")
    report = summarise(result)
    report["memory"] = memory
    report["server_cpu_seconds"] = server_cpu
    report["server_cpu_ms_per_request"] = server_cpu * 1000 / max(1, len(result.samples))
    report["server"] = {
        "workers": args.workers,
        "threads": args.threads,
        "users": args.users,
        "think_s": args.think,
        "corpus": args.corpus or 0,
    }
    report["server_log_tail"] = log.strip().splitlines()[-5:]
    return report


def print_table(report: dict) -> None:
    server = report["server"]
    kind = (
        f"gunicorn, {server['workers']} workers" if server["workers"] else "waitress, one process"
    )
    corpus = f", index of {server['corpus']:,} synthetic documents" if server["corpus"] else ""
    print(
        f"\n== {server['users']} users, think time {server['think_s']} s, {kind}{corpus}: "
        f"{report['seconds']:.1f} s, client CPU {report['client_cpu_seconds']:.1f} s"
    )
    print("| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors | KiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = [*report["pages"].items(), ("**all**", report["overall"])]
    for name, f in rows:
        print(
            f"| {name} | {f['requests']} | {f['per_s']:.1f} | {f['p50']:.0f} | {f['p95']:.0f} "
            f"| {f['p99']:.0f} | {f['errors']} | {f['kib']:.0f} |"
        )
    print(
        f"median page p95: {report['median_page_p95']:.0f} ms; server CPU "
        f"{report['server_cpu_seconds']:.1f} s, {report['server_cpu_ms_per_request']:.1f} ms "
        "per request"
    )
    for error, count in report["errors"].items():
        print(f"error: {count} x {error}")
    print(
        "memory (MiB): "
        + ", ".join(
            f"pid {m['pid']} RSS {m.get('rss_mib', 0):.0f} PSS {m.get('pss_mib', 0):.0f}"
            for m in report["memory"]
        )
    )


def run(args) -> int:
    pages = [page for page in demo_mix() if page.name not in (args.skip or [])]
    work = Path(tempfile.mkdtemp(prefix="corridor-load-"))
    try:
        index_dir = None
        if args.corpus and args.corpus_dir and (args.corpus_dir / "meta.json").exists():
            index_dir = args.corpus_dir  # built by an earlier run
        elif args.corpus:
            index_dir = args.corpus_dir or work / "index"
            built = build_corpus_index(args.corpus, index_dir)
            if args.format != "json":
                print(
                    f"index: {built['docs']:,} documents built in {built['seconds']:.0f} s, "
                    f"{built['size_mib']:.0f} MiB, peak memory {built['peak_mib']:.0f} MiB",
                    flush=True,
                )
        report = measure(args, pages, index_dir, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    errors = report["overall"].get("errors", 0)
    return 1 if errors or not report["overall"] else 0
