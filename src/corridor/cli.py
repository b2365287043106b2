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
    # Static files are served from the apps' folders; WhiteNoise warns if this one is absent.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
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
    from corridor.lib.imports.report import ImportFailed

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
        results = ingest(args.files, dry_run=args.dry_run, project=args.project or "")
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


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def _number(value) -> str:
    """A Decimal as people write it: 48, 12.5, 1500000."""
    return "" if value is None else f"{value.normalize():f}"


def cmd_plans(args) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from corridor.plans import queries

    reader = AnonymousUser()  # the CLI reads what everyone may read: approved plans
    if args.action == "list":
        filters = queries.PlanFilters(
            project=args.project or "", country=args.country or "", status=args.status or ""
        )
        plans = queries.with_action_counts(queries.search_plans(reader, filters))
        rows = [
            [plan.pk, plan.project.acronym, plan.country_code or "?", plan.partner.display_name,
             plan.get_status_display(), plan.action_count, plan.implemented_count]
            for plan in plans
        ]  # fmt: skip
        header = ["ID", "PROJECT", "COUNTRY", "PARTNER", "STATUS", "ACTIONS", "IMPLEMENTED"]
        print("\n".join(_table(header, rows)))
        print(f"{len(rows)} action plan{'' if len(rows) == 1 else 's'}")
        return 0
    try:
        page = queries.plan_detail(reader, args.id)
    except Http404 as e:
        print(f"error: {e} (the command shows approved plans only)", file=sys.stderr)
        return 1
    print("\n".join(_plan_text(page)))
    return 0


def _plan_text(page) -> list[str]:
    from corridor.lib.dates import format_date, format_span
    from corridor.lib.money import format_eur
    from corridor.plans.queries import NO_REPORT, STATUS_LABELS

    plan = page.plan
    instrument = plan.policy_instrument
    co_authors = ", ".join(o.display_name for o in plan.co_authors.all())
    approved = f" on {format_date(plan.approved_on)}" if plan.approved_on else ""
    lines = [
        str(plan),
        f"Project: {plan.project.acronym}",
        f"Partner: {plan.partner.display_name}" + (f"; with {co_authors}" if co_authors else ""),
        f"Policy instrument: {instrument.name}"
        + (f" ({instrument.get_type_display()})" if instrument.type else ""),
        f"Territory: {instrument.territory or plan.country or '?'}"
        + (f", NUTS {plan.region.code}" if plan.region_id else ""),
        f"Status: {plan.get_status_display()}{approved}",
    ]
    if plan.summary_en:
        lines += ["", plan.summary_en]
    if plan.note:
        lines += ["", f"Note: {plan.note}"]
    lines += ["", "ACTIONS"]
    for action in page.actions:
        lines += ["", f"ACTION {action.number}: {action.title}"]
        if action.description:
            lines.append(f"  {action.description}")
        lines += [f"  - {m.text}" for m in action.measures.all()]
        inspired = [
            *(f"good practice {p.title}" for p in action.inspired_by.good_practices),
            *(f"event {e.title}" for e in action.inspired_by.events),
            *(f"document {d.title}" for d in action.inspired_by.documents),
        ]
        when = format_span(action.timeframe_start, action.timeframe_end)
        for label, value in [
            ("Background", action.background),
            ("Inspired by", "; ".join(inspired)),
            ("Players", action.players),
            ("Timeframe", "; ".join(filter(None, [when, action.timeframe_note]))),
            ("Costs", "; ".join(filter(None, [format_eur(action.costs) if action.costs is not None
                                              else "", action.costs_note]))),
            ("Funding", action.funding_sources),
            ("Expected result", action.expected_result),
            ("Pilot action", "yes" if action.pilot else ""),
        ]:  # fmt: skip
            if value:
                lines.append(f"  {label}: {value}")
        targets = list(action.targets.all())
        if targets:
            lines.append("  Targets:")
        for target in targets:
            due = f" by {format_date(target.due_date)}" if target.due_date else ""
            latest = (page.target_progress.get(target.pk) or [None])[-1]
            so_far = "; nothing reported yet"
            if latest:
                by = format_date(latest.report.period_end)
                so_far = f"; {_number(latest.achieved)} achieved by {by}"
            lines.append(f"    - {_number(target.quantity)} {target.unit}{due}{so_far}")
        lines.append(f"  Current status: {STATUS_LABELS[action.current_status or NO_REPORT]}")
    if page.reports:
        lines += ["", "PROGRESS REPORTS"]
        numbers = {a.pk: a.number for a in page.actions}
        for report in page.reports:
            lines.append(f"  {format_span(report.period_start, report.period_end)}"
                         + (f": {report.summary}" if report.summary else ""))  # fmt: skip
            for entry in sorted(report.entries.all(), key=lambda e: numbers[e.action_id]):
                said = entry.reason or entry.evidence
                status = entry.get_status_display() + (f" ({said})" if said else "")
                lines.append(f"    ACTION {numbers[entry.action_id]}: {status}")
    if page.timeline:
        lines += ["", "TIMELINE"]
        for entry in page.timeline:
            detail = f" ({entry.detail})" if entry.detail else ""
            lines.append(f"  {entry.date.isoformat()}  {entry.title}{detail}")
    return lines


def _figure_json(figure) -> dict:
    from corridor.lib.money import CENT

    def text(value):  # as the API gives them
        return None if value is None else str(value.quantize(CENT))

    return {
        "indicator": figure.indicator.value,
        "label": figure.label,
        "target": text(figure.target),
        "reported": text(figure.reported),
        "counted": figure.counted,
        "achieved": text(figure.achieved),
    }


def cmd_indicators(args) -> int:
    import json

    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from corridor.plans import queries
    from corridor.plans.models import Indicator

    if args.kind == "rollup":
        if args.key not in ("country", "programme"):
            print("error: roll-ups are by country or programme", file=sys.stderr)
            return 2
        rows = queries.rollup(args.key)
        if args.format == "json":
            print(json.dumps([
                {"scope": {"kind": row.scope.kind, "key": row.scope.key, "label": row.scope.label},
                 "figures": [_figure_json(f) for f in row.figures.values()]}
                for row in rows
            ], ensure_ascii=False, indent=2))  # fmt: skip
            return 0
        header = [args.key.upper(), *(f"({n})" for n in range(1, len(Indicator) + 1))]
        table = []
        for row in rows:
            cells = []
            for figure in row.figures.values():
                achieved = _number(figure.achieved) or "-"
                cells.append(f"{achieved}/{_number(figure.target)}" if figure.target else achieved)
            table.append([row.scope.label, *cells])
        print("\n".join(_table(header, table)))
        print("Achieved/target. " + "; ".join(
            f"({n}) {i.label}" for n, i in enumerate(Indicator, 1)))  # fmt: skip
        return 0
    if args.kind not in queries.SCOPES:
        print(f"error: KIND is one of {', '.join(queries.SCOPES)} or rollup", file=sys.stderr)
        return 2
    try:
        board = queries.dashboard(AnonymousUser(), args.kind, args.key)
    except Http404 as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    counts = {s: board.status_counts.get(s, 0) for s in queries.STATUS_LABELS}
    if args.format == "json":
        print(json.dumps({
            "scope": {"kind": board.scope.kind, "key": board.scope.key,
                      "label": board.scope.label},
            "figures": [_figure_json(f) for f in board.figures],
            "action_status_counts": counts,
        }, ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    print(f"Indicators of {board.scope.label} ({board.scope.kind})")
    rows = [
        [f.label, *(_number(v) or "-" for v in (f.target, f.achieved)),
         "-" if f.counted is None else f.counted, _number(f.reported) or "-"]
        for f in board.figures
    ]  # fmt: skip
    print("\n".join(_table(["INDICATOR", "TARGET", "ACHIEVED", "COUNTED", "REPORTED"], rows)))
    print("Achieved is the counted figure where the records are counted, else the reported one.")
    statuses = ", ".join(f"{queries.STATUS_LABELS[s].lower()} {n}" for s, n in counts.items())
    print(f"Actions of approved plans: {board.action_total} ({statuses})")
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
    s.add_argument(
        "--project", metavar="ACRONYM", help="the project the pages are about, if they omit it"
    )
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

    s = sub.add_parser(
        "plans", help="action plans as everyone may read them (approved plans only)",
        description="Action plans and their numbered actions. The command reads what everyone "
        "may read on the site: it shows approved plans only, not drafts or submitted plans.",
    )  # fmt: skip
    psub = s.add_subparsers(dest="action", required=True)
    pl = psub.add_parser("list", help="a table of the approved plans")
    pl.add_argument("--project", metavar="SLUG", help="only this project's plans")
    pl.add_argument("--country", metavar="CC", help="only plans for this country, e.g. LT")
    pl.add_argument("--status", choices=["draft", "submitted", "approved"],
                    help="only approved plans are shown")  # fmt: skip
    ps = psub.add_parser("show", help="an approved plan with its actions, targets and status")
    ps.add_argument("id", type=int, help="the plan's id (see `corridor plans list`)")
    s.set_defaults(func=cmd_plans)

    s = sub.add_parser(
        "indicators", help="programme indicators: targets, achieved, counted or reported",
        description="The indicators of a project or programme (by slug), a country (two "
        "letters) or a NUTS region, or `rollup country|programme` for every one that has "
        "any. Counted indicators count submitted and approved plans; the action statuses are "
        "those of the approved plans.",
    )  # fmt: skip
    s.add_argument("kind", choices=["project", "programme", "country", "region", "rollup"])
    s.add_argument("key", help="slug or code; for rollup: country or programme")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=cmd_indicators)

    s = sub.add_parser("manage", help="any Django management command (createsuperuser, shell...)")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _django()
    return args.func(args)
