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
    "learning": "events, documents and news of the seed pages (Corridor's JSON format)",
    "plans": "action plans and indicator figures of the seed pages (Corridor's JSON format)",
    "operations": "programme lists of operations 2014-2020 (a folder or a file: JSON, CSV, .xlsx)",
    "erdf-denmark": "Danish list of operations 2014-2020, ERDF and ESF (CSV, amounts in DKK)",
    "horizon-norway": "Horizon 2020 participations of Norwegian organisations (CSV, ';')",
    "kohesio": "Kohesio beneficiaries: organisations and their funding per region (TSV)",
    "keep-eu": "a keep.eu export: Projects and Partners sheets in one .xlsx (FILE required)",
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

    from corridor.search.backends import get_backend
    from corridor.wsgi import application

    if "last_change_id" not in get_backend().read_state():
        print("note: the search index is not built yet; run `corridor index rebuild`", flush=True)
    print(f"Corridor is serving http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads)
    return 0


def run_import(kind: str, path: Path | None, verbose: bool = False) -> int:
    from tqdm import tqdm

    from corridor.ingest.demo import IMPORTERS
    from corridor.ingest.report import ImportFailed

    with tqdm(desc=f"import {kind}", unit=" rows", file=sys.stderr, leave=False) as bar:
        kwargs = {"progress": bar.update} if kind != "eis" else {}
        if path is not None:
            kwargs["path"] = path
        elif kind == "keep-eu":
            bar.close()
            print("error: keep-eu needs the FILE to import", file=sys.stderr)
            return 2
        try:
            report = IMPORTERS[kind](**kwargs)
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
    from corridor.ingest.demo import SOURCES

    for kind in SOURCES:
        status = run_import(kind, None)
        if status:
            return status
    return cmd_index(argparse.Namespace(action="rebuild"))


def cmd_index(args) -> int:
    from tqdm import tqdm

    from corridor.search import sync
    from corridor.search.backends import get_backend

    backend = get_backend()
    if args.action == "rebuild":
        with tqdm(total=sync.total_records(), desc="index", unit=" docs", file=sys.stderr,
                  leave=False) as bar:  # fmt: skip
            total = sync.rebuild(backend, progress=bar.update)
        print(f"Indexed {total} documents in {backend.path}")
    elif args.action == "catch-up":
        print(f"Applied changes to {sync.catch_up(backend)} documents")
    state = backend.read_state()
    print(f"{backend.count()} documents; change log followed up to "
          f"{state.get('last_change_id', 'never built')}")  # fmt: skip
    return 0


def cmd_search(args) -> int:
    from django.http import QueryDict

    from corridor.search.services import ExploreParams, explore

    data = QueryDict(mutable=True)
    data["q"] = " ".join(args.words)
    for name in ("type", "country", "region", "programme", "theme", "role"):
        data.setlist(name, getattr(args, name) or [])
    data["sort"], data["page"] = args.sort, str(args.page)
    result = explore(ExploreParams.from_query_dict(data))
    for message in result.messages:
        print(f"note: {message}", file=sys.stderr)
    print(f"{result.total} results (page {result.page} of {result.pages})")
    for hit in result.hits:
        print(f"  [{hit.type}] {hit.title}  {hit.subtitle}  {hit.url}")
    for facet in result.facets:
        if facet.values and args.facets:
            shown = ", ".join(f"{v.label} ({v.count})" for v in facet.values[:8])
            print(f"  {facet.label}: {shown}")
    return 0


def cmd_bench(args) -> int:
    if args.what == "extract":
        from corridor.extraction.bench import run

        return run()
    if args.what == "search":
        from corridor.search import bench

        sizes = [int(n) for n in args.sizes.split(",")]
        return bench.run(sizes, args.queries, args.datasette_queries, args.keep)
    from corridor.bench import run_benchmarks

    return run_benchmarks(args.what, repeat=args.repeat)


def cmd_ingest(args) -> int:
    import json

    from corridor.extraction.reading import ReadFailed
    from corridor.extraction.services import ingest

    try:
        results = ingest(args.files, dry_run=args.dry_run)
    except ReadFailed as e:
        print(f"error: {e}\nNothing was written.", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
        return 0
    for result in results:
        facts = sum(len(p.facts) for p in result.projects)
        print(f"{result.path}: {result.kind}, language {result.language or '?'}, "
              f"{len(result.projects)} projects, {facts} facts")  # fmt: skip
        for project in result.projects:
            for fact in project.facts:
                print(f"  [{project.first('acronym') or '?'}] {fact.field} = {fact.value} "
                      f"({fact.rule}, {fact.confidence:.2f})")  # fmt: skip
    if not args.dry_run:
        print("Queued for review: accept, edit or reject the facts in the admin "
              "(Extraction review queue), then land them.")  # fmt: skip
    return 0


def cmd_organisations(args) -> int:
    from corridor.organisations.models import OrganisationMerge
    from corridor.organisations.services import dedupe, undo_merge

    if args.action == "undo":
        merge = OrganisationMerge.objects.filter(pk=args.merge).first()
        if merge is None:
            print(f"error: no merge {args.merge}", file=sys.stderr)
            return 1
        try:
            restored = undo_merge(merge)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        print(f"Undone: {restored.name} is back (id {restored.pk}), apart from {merge.kept}")
        return 0
    result = dedupe(apply=args.apply)
    verb = "merged" if args.apply else "would merge"
    for match in result.certain:
        keep, drop = match.keep_and_drop()
        print(f"{verb}: {drop.name!r} into {keep.name!r} ({match.reason})")
    for match in result.proposed[: args.limit]:
        print(f"proposed ({match.score}): {match.first.name!r} / {match.second.name!r} "
              f"({match.reason})")  # fmt: skip
    if len(result.proposed) > args.limit:
        print(f"... and {len(result.proposed) - args.limit} more proposals")
    done = f"{len(result.merged)} merged" if args.apply else f"{len(result.certain)} certain"
    stored = " (stored for the curators in the admin)" if args.apply else ""
    print(f"{done}, {len(result.proposed)} proposed{stored}")
    return 0


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

    s = sub.add_parser(
        "load-demo", help="migrate, load all bundled real sample data, build the search index"
    )
    s.set_defaults(func=cmd_load_demo)

    s = sub.add_parser("index", help="the search index: rebuild, catch-up or status")
    s.add_argument("action", choices=["rebuild", "catch-up", "status"])
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="search everything, as the Explore page does")
    s.add_argument("words", nargs="*", help="the query")
    for name in ("type", "country", "region", "programme", "theme", "role"):
        s.add_argument(f"--{name}", action="append", help=f"filter by {name} (repeatable)")
    s.add_argument("--sort", default="relevance", help="relevance, -date, date, -budget, budget")
    s.add_argument("--page", type=int, default=1)
    s.add_argument("--facets", action="store_true", help="print the filter counts too")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("bench", help="measure imports and page latency and print the figures")
    s.add_argument(
        "what", nargs="?", default="all", choices=["all", "import", "pages", "search", "extract"]
    )
    s.add_argument("--repeat", type=int, default=50, help="requests per page measured")
    s.add_argument("--sizes", default="100000,1000000", help="search: corpus sizes")
    s.add_argument("--queries", type=int, default=300, help="search: queries in the mix")
    s.add_argument("--datasette-queries", type=int, default=100, help="search: for Datasette")
    s.add_argument("--keep", type=Path, help="search: work directory to keep (default: temp)")
    s.set_defaults(func=cmd_bench)

    s = sub.add_parser("ingest", help="extract project facts from text, HTML or PDF files")
    s.add_argument("files", nargs="+", type=Path)
    s.add_argument("--dry-run", action="store_true", help="print what would be queued only")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("organisations", help="organisation duplicates: find and merge, or undo")
    osub = s.add_subparsers(dest="action", required=True)
    d = osub.add_parser("dedupe", help="list duplicates; --apply merges the certain ones")
    d.add_argument("--apply", action="store_true", help="merge certain, store proposals")
    d.add_argument("--limit", type=int, default=50, help="proposals printed at most")
    u = osub.add_parser("undo", help="undo a merge (its id is in the admin)")
    u.add_argument("merge", type=int)
    s.set_defaults(func=cmd_organisations)

    s = sub.add_parser("manage", help="any Django management command (createsuperuser, shell...)")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _django()
    return args.func(args)
