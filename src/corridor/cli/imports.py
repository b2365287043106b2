"""`corridor import`, `corridor load-demo` and `corridor ingest`."""

import argparse
import sys
from pathlib import Path

IMPORT_HELP = {
    "nuts": "NUTS 2021 regions and their label points (GeoJSON)",
    "eis": "European Innovation Scoreboard 2024 groups per country (CSV)",
    "interreg-sweden": "Swedish Interreg 2021-2027 partner list (JSON, Swedish columns)",
    "seeds": "curated project fact sheets in Corridor's JSON format",
    "learning": "events, documents and news of the seed pages (Corridor's JSON format)",
    "plans": "action plans and indicator figures of the seed pages (Corridor's JSON format)",
    "community": "the seed's organisation profile (Hochschule Wismar) and the demo's sample "
    "people and project ideas, flagged as samples (Corridor's JSON format)",
    "operations": "programme lists of operations 2014-2020 (a folder or a file: JSON, CSV, .xlsx)",
    "erdf-denmark": "Danish list of operations 2014-2020, ERDF and ESF (CSV, amounts in DKK)",
    "horizon-norway": "Horizon 2020 participations of Norwegian organisations (CSV, ';')",
    "kohesio": "Kohesio beneficiaries: organisations and their funding per region (TSV)",
    "keep-eu": "a keep.eu export: Projects and Partners sheets in one .xlsx (FILE required)",
}


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

    from corridor.cli.index import cmd_index
    from corridor.ingest.demo import SOURCES

    call_command("migrate", interactive=False, verbosity=0)
    for kind in SOURCES:
        status = run_import(kind, None)
        if status:
            return status
    status = cmd_index(argparse.Namespace(action="rebuild"))
    # Embedding takes minutes: `corridor serve` does it in the background meanwhile.
    print(
        "Search by meaning: `corridor serve` computes the vectors in the background "
        "(Explore searches by words until then); `corridor embed` computes them now."
    )
    return status


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


def add_parsers(sub) -> None:
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

    s = sub.add_parser("ingest", help="extract project facts from text, HTML or PDF files")
    s.add_argument("files", nargs="+", type=Path)
    s.add_argument("--dry-run", action="store_true", help="print what would be queued only")
    s.add_argument(
        "--project", metavar="ACRONYM", help="the project the pages are about, if they omit it"
    )
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=cmd_ingest)
