"""`corridor backup` and `corridor restore`: the database, the uploaded documents and their
SHA-256 in one .tar.gz (lib/backup.py says what it holds), restored into an empty database
of either engine, then the search index rebuilt."""

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def _bar(**kwargs):
    from tqdm import tqdm

    return tqdm(file=sys.stderr, leave=False, **kwargs)


def _document_files() -> list[str]:
    """The uploaded files the documents in the database refer to, relative to
    CORRIDOR_DOCUMENT_DIR."""
    from django.conf import settings

    from corridor.learning.models import Document
    from corridor.learning.services import document_path

    hashes = Document.objects.exclude(file_sha256="").values_list("file_sha256", flat=True)
    root = Path(settings.DOCUMENT_DIR)
    return sorted({document_path(h).relative_to(root).as_posix() for h in hashes})


def cmd_backup(args) -> int:
    from django.conf import settings
    from django.db import connection

    import corridor
    from corridor.lib import backup

    now = datetime.now(UTC)
    target = Path(args.file or f"corridor-backup-{now:%Y%m%d-%H%M%S}.tar.gz")
    if target.exists():
        print(f"error: {target} exists; name another file.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    root = Path(settings.DOCUMENT_DIR)
    try:
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".corridor-backup-") as tmp:
            staged = Path(tmp)
            # One snapshot for the rows and the list of files they refer to. Files are
            # written before the row that names them commits, and never changed after.
            with backup.snapshot():
                with _bar(total=backup.count_rows(), desc="database", unit=" rows") as bar:
                    tables = backup.dump_tables(staged, progress=bar.update)
                names = _document_files()
                migrations = backup.applied_migrations()
            files = backup.describe_files(root, names)
            manifest = {
                "format": backup.FORMAT,
                "format_version": backup.FORMAT_VERSION,
                "corridor_version": corridor.__version__,
                "created_at": now.isoformat(),
                "database": {"engine": connection.vendor, "migrations": migrations},
                "tables": tables,
                "files": files,
            }
            size = sum(f["size"] for f in files.values())
            with _bar(total=size, desc="documents", unit="B", unit_scale=True) as bar:
                backup.write_archive(target, manifest, staged, root, progress=bar.update)
    except backup.BackupError as e:
        print(f"error: {e}\nNo backup was written.", file=sys.stderr)
        return 1
    rows = sum(t["rows"] for t in tables.values())
    print(f"Backed up {rows} rows of {len(tables)} tables and {len(files)} documents "
          f"({size / 1e6:.1f} MB) to {target} ({target.stat().st_size / 1e6:.1f} MB)")  # fmt: skip
    return 0


def _differences(found: set[str], wanted: set[str], here: str) -> str:
    lines = []
    if wanted - found:
        lines.append(f"  in the backup, not {here}: " + ", ".join(sorted(wanted - found)))
    if found - wanted:
        lines.append(f"  {here}, not in the backup: " + ", ".join(sorted(found - wanted)))
    return "\n".join(lines)


def check_target(manifest: dict) -> str | None:
    """Why this database may not receive the backup, or None."""
    from corridor.lib import backup

    wanted = set(manifest["database"]["migrations"])
    version = manifest["corridor_version"]
    known = set(backup.known_migrations())
    if known != wanted:
        return (
            f"the backup was made at another migration state than this Corridor's (made by "
            f"Corridor {version}):\n{_differences(known, wanted, 'in this code')}\n"
            "Restore with the Corridor version that made it, then `corridor migrate`."
        )
    applied = set(backup.applied_migrations())
    if applied and applied != wanted:
        return (
            "this database's migration state differs from the backup's:\n"
            f"{_differences(applied, wanted, 'in this database')}\n"
            "Restore into a new database (`corridor migrate` is optional)."
        )
    full = backup.non_empty_tables() if applied else {}
    if full:
        shown = ", ".join(f"{label} ({rows} rows)" for label, rows in list(full.items())[:8])
        return (
            f"the database is not empty: {shown}{' ...' if len(full) > 8 else ''}.\n"
            "Restore loads into an empty database only: create a new one (a new "
            "CORRIDOR_SQLITE_PATH, or a new PostgreSQL database) and restore into it."
        )
    return None


def cmd_restore(args) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError

    import corridor
    from corridor.cli.index import cmd_index
    from corridor.lib import backup

    try:
        manifest = backup.read_manifest(args.file)
    except backup.BackupError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if manifest["corridor_version"] != corridor.__version__:
        print(f"note: the backup was made by Corridor {manifest['corridor_version']}, this is "
              f"{corridor.__version__}", file=sys.stderr)  # fmt: skip
    refusal = check_target(manifest)
    if refusal:
        print(f"error: {refusal}\nNothing was restored.", file=sys.stderr)
        return 1
    tables, files = manifest["tables"], manifest["files"]
    rows = sum(t["rows"] for t in tables.values() if not t["by_natural_key"])
    try:
        with tempfile.TemporaryDirectory(dir=settings.VAR_DIR, prefix=".restore-") as tmp:
            unpacked = Path(tmp)
            size = sum(t["bytes"] for t in tables.values())
            size += sum(f["size"] for f in files.values())
            with _bar(total=size, desc="check", unit="B", unit_scale=True) as bar:
                backup.unpack(args.file, unpacked, manifest, progress=bar.update)
            if not backup.applied_migrations():
                print("Creating the tables (migrate)", file=sys.stderr)
                call_command("migrate", interactive=False, verbosity=0)
            placed = backup.place_files(unpacked, manifest, Path(settings.DOCUMENT_DIR))
            try:
                with _bar(total=rows, desc="database", unit=" rows") as bar:
                    backup.load_tables(unpacked, manifest, progress=bar.update)
            except BaseException:
                placed.remove()
                raise
    except (backup.BackupError, DatabaseError) as e:
        print(f"error: {e}\nNothing was restored.", file=sys.stderr)
        return 1
    print(f"Restored {rows} rows of {len(tables)} tables and {len(files)} documents from "
          f"{args.file}; counts and checksums match the backup's")  # fmt: skip
    return cmd_index(argparse.Namespace(action="rebuild"))


def add_parsers(sub) -> None:
    s = sub.add_parser(
        "backup", help="the database and the uploaded documents, in one .tar.gz",
        description="Writes every table, the uploaded documents and a manifest (Corridor "
        "version, migrations, rows and checksum per table, SHA-256 per file) into one "
        ".tar.gz. The database is read in one transaction: a consistent snapshot.",
    )  # fmt: skip
    s.add_argument(
        "file", nargs="?", type=Path,
        help="the archive to write (default: corridor-backup-<UTC time>.tar.gz)",
    )  # fmt: skip
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser(
        "restore", help="a backup into an empty database, then the search index rebuilt",
        description="Checks the archive (migrations, checksums, SHA-256 of every file), "
        "creates the tables if the database has none, loads every table in one "
        "transaction, checks counts and checksums before committing, puts the documents "
        "into CORRIDOR_DOCUMENT_DIR and rebuilds the search index. Refuses a database "
        "that holds data.",
    )  # fmt: skip
    s.add_argument("file", type=Path, help="the archive `corridor backup` wrote")
    s.set_defaults(func=cmd_restore)
