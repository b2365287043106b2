"""`corridor bench`: the figures the issues ask for, printed as tables.

import: each bundled source loaded into a fresh temporary SQLite database (in a child
process, so nothing here is touched), then loaded again (the idempotent re-run).
pages: server-side latency of the main pages and API endpoints over the configured
database, through Django's full request stack (no network), p50/p95/p99 over --repeat runs.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

IMPORT_ORDER = ("nuts", "eis", "interreg-sweden", "seeds")


def run_benchmarks(what: str = "all", repeat: int = 50) -> int:
    if what in ("all", "import"):
        bench_imports()
    if what in ("all", "pages"):
        bench_pages(repeat)
    return 0


def _timed(command: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    lines = result.stdout.strip().splitlines()
    return time.perf_counter() - started, lines[0] if lines else ""


def bench_imports() -> None:
    print("\n== Imports into a fresh SQLite database (seconds, wall clock)")
    print(f"{'source':<18}{'first run':>10}{'re-run':>10}  summary of the first run", flush=True)
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "CORRIDOR_VAR_DIR": var, "CORRIDOR_DB": "sqlite"}
        env.pop("CORRIDOR_SQLITE_PATH", None)
        cli = [sys.executable, "-m", "corridor"]
        migrate, _ = _timed([*cli, "migrate", "--verbosity", "0"], env)
        print(f"{'migrate':<18}{migrate:>10.2f}")
        for kind in IMPORT_ORDER:
            first, summary = _timed([*cli, "import", kind], env)
            again, _ = _timed([*cli, "import", kind], env)
            print(f"{kind:<18}{first:>10.2f}{again:>10.2f}  {summary}", flush=True)


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_pages(repeat: int) -> None:
    from django.test import Client

    from corridor.projects.models import Project

    interventures = Project.objects.filter(acronym="InterVentures").first()
    if interventures is None:
        print("pages: no data; run `corridor load-demo` first", file=sys.stderr)
        return
    urls = [
        "/",
        "/projects/",
        "/projects/?programme=baltic-sea-region-2021-2027&country=SE&role=lead&sort=-start",
        f"/projects/{interventures.slug}/",
        "/organisations/?q=universitet",
        "/regions/SE33/",
        "/api/v1/projects?country=SE&limit=20",
        f"/api/v1/projects/{interventures.slug}",
        "/action-plans/",
        *[
            f"/action-plans/{pk}/"
            for pk in interventures.action_plans.values_list("pk", flat=True)[:1]
        ],
        "/indicators/",
        f"/indicators/project/{interventures.slug}/",
        "/indicators/country/ES/",
        "/api/v1/action-plans",
    ]
    client = Client()
    print(f"\n== Page latency, {repeat} requests each (milliseconds, in-process)")
    print(f"{'p50':>7}{'p95':>7}{'p99':>7}  url")
    for url in urls:
        status = client.get(url).status_code  # warm-up
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(samples)
        p95, p99 = _percentile(samples, 95), _percentile(samples, 99)
        note = "" if status == 200 else f"  (HTTP {status})"
        print(f"{p50:>7.1f}{p95:>7.1f}{p99:>7.1f}  {url}{note}")
