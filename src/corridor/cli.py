"""The `corridor` command: serve, migrate, import data, benchmark, administer."""

import argparse
import os
import sys
from pathlib import Path

IMPORT_HELP = {
    "nuts": "NUTS 2021 regions and their label points (GeoJSON)",
    "eis": "European Innovation Scoreboard 2024 groups per country (CSV)",
    "interreg-sweden": "Swedish Interreg 2021-2027 partner list (JSON, Swedish columns)",
    "seeds": "curated project fact sheets in Corridor's JSON format",
}


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    import django
    from django.conf import settings

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    django.setup()


def cmd_migrate(args) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=args.verbosity)
    return 0


def cmd_serve(args) -> int:
    import waitress

    from corridor.wsgi import application

    print(f"Corridor is serving http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads)
    return 0


def run_import(kind: str, path: Path | None, verbose: bool = False) -> int:
    from tqdm import tqdm

    from corridor.ingest.demo import SOURCES
    from corridor.ingest.report import ImportFailed

    with tqdm(desc=f"import {kind}", unit=" rows", file=sys.stderr, leave=False) as bar:
        kwargs = {"progress": bar.update} if kind != "eis" else {}
        if path is not None:
            kwargs["path"] = path
        try:
            report = SOURCES[kind](**kwargs)
        except ImportFailed as e:
            bar.close()
            print(f"error: {e}\nNothing was written.", file=sys.stderr)
            return 1
    print(report.summary())
    for line in report.details(verbose):
        print(f"  {line}")
    return 0


def cmd_import(args) -> int:
    return run_import(args.kind, args.path, args.verbose)


def cmd_load_demo(args) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    for kind in ("nuts", "eis", "interreg-sweden", "seeds"):
        status = run_import(kind, None)
        if status:
            return status
    return 0


def cmd_bench(args) -> int:
    from corridor.bench import run_benchmarks

    return run_benchmarks(args.what, repeat=args.repeat)


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["corridor manage", *args.rest])
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="corridor",
        description="Corridor: interregional cooperation knowledge, self-hosted.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("serve", help="serve the web pages and the API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--threads", type=int, default=8)
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("migrate", help="create or update the database tables")
    s.add_argument("--verbosity", type=int, default=1)
    s.set_defaults(func=cmd_migrate)

    s = sub.add_parser("import", help="import a data file (atomic and idempotent)")
    s.add_argument("kind", choices=sorted(IMPORT_HELP), help="; ".join(
        f"{k}: {v}" for k, v in IMPORT_HELP.items()))  # fmt: skip
    s.add_argument("path", nargs="?", type=Path, help="file to import (default: the bundled one)")
    s.add_argument("-v", "--verbose", action="store_true", help="list every warning")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("load-demo", help="migrate and load all bundled real sample data")
    s.set_defaults(func=cmd_load_demo)

    s = sub.add_parser("bench", help="measure imports and page latency and print the figures")
    s.add_argument("what", nargs="?", default="all", choices=["all", "import", "pages"])
    s.add_argument("--repeat", type=int, default=50, help="requests per page measured")
    s.set_defaults(func=cmd_bench)

    s = sub.add_parser("manage", help="any Django management command (createsuperuser, shell...)")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _django()
    return args.func(args)
