"""Backups of a whole site: every table of every installed app, and a folder of files, in
one .tar.gz with a manifest; restored into an empty database of either engine.

The archive holds, in this order:

    manifest.json             format, versions, applied migrations, per table its rows and
                              checksum, per file its size and SHA-256
    database/<app.Model>.jsonl  one JSON array per row: the model's concrete fields in the
                              order the manifest names them
    files/<relative path>     the files, as they lie under their folder

Rows are written field by field in a form both SQLite and PostgreSQL read back the same
(ISO dates, decimals as strings, binary as base64), and keep their primary keys, so every
reference between rows holds. Content types and permissions are the exception: `migrate`
creates them in the new database under ids of its own, so they travel by natural key
(app label, model, codename) and every reference to them is written that way and mapped
to the new database's ids on restore.

A table's checksum is the sum of the SHA-256 of its encoded rows (mod 2**256): it does not
depend on the order a database returns them in, so the same data on SQLite and on
PostgreSQL gives the same checksum. A restore recomputes it from the database it has just
written, before committing.

Why not `dumpdata`/`loaddata`: loaddata saves row by row through `Model.save_base`, sends
the save signals (which append to the search change log while it loads) and took 15 s
for the demo's 10,000 rows on SQLite; this loader inserts in batches without signals.
"""

import base64
import datetime
import decimal
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_string

FORMAT = "corridor-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH = 2000
Progress = Callable[[int], Any] | None


class BackupError(Exception):
    """Said to the operator as it is; nothing was written."""


# -- the models and their rows ------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every table of every installed app (many-to-many tables included), by label."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]
    return sorted(found, key=lambda m: m._meta.label)


def _keyed(model: type[models.Model]) -> bool:
    """Tables `migrate` fills in the new database: they travel by natural key."""
    return model in (ContentType, Permission)


def _ct_key(ct: ContentType) -> list[str]:
    return [ct.app_label, ct.model]


def _perm_key(p: Permission) -> list[str]:
    return [p.content_type.app_label, p.content_type.model, p.codename]


def _fields(model: type[models.Model]) -> list[models.Field]:
    fields = list(model._meta.concrete_fields)
    if _keyed(model):
        fields = [f for f in fields if not f.primary_key]
    return fields


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _line(row: list) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


class _Checksum:
    """The sum of the rows' SHA-256, mod 2**256: the same whatever the rows' order."""

    def __init__(self) -> None:
        self.total, self.rows = 0, 0

    def add(self, line: str) -> None:
        self.total = (self.total + int(hashlib.sha256(line.encode()).hexdigest(), 16)) % 2**256
        self.rows += 1

    @property
    def hexdigest(self) -> str:
        return f"{self.total:064x}"


class _Codec:
    """A model's rows as JSON arrays and back. References to content types and
    permissions are written as natural keys and read back as this database's ids."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = _fields(model)
        self.names = [f.attname for f in self.fields]
        self._cts: dict[int, list[str]] = {}
        self._perms: dict[int, list[str]] = {}
        self._ct_ids: dict[tuple, int] = {}
        self._perm_ids: dict[tuple, int] = {}

    def _load_keys(self, using: str) -> None:
        cts = ContentType.objects.using(using).all()
        self._cts = {ct.pk: _ct_key(ct) for ct in cts}
        perms = Permission.objects.using(using).select_related("content_type")
        self._perms = {p.pk: _perm_key(p) for p in perms}
        self._ct_ids = {tuple(v): k for k, v in self._cts.items()}
        self._perm_ids = {tuple(v): k for k, v in self._perms.items()}

    def _related(self, f: models.Field) -> type[models.Model] | None:
        return f.related_model if f.is_relation and f.many_to_one else None

    def rows(self, using: str) -> Iterator[list]:
        """This table's rows, encoded."""
        self._load_keys(using)
        queryset = self.model._base_manager.using(using).order_by().values_list(*self.names)
        for values in queryset.iterator(chunk_size=BATCH):
            row = []
            for f, value in zip(self.fields, values, strict=True):
                related = self._related(f)
                if value is not None and related is ContentType:
                    value = self._cts[value]
                elif value is not None and related is Permission:
                    value = self._perms[value]
                row.append(_encode_value(value))
            yield row

    def instance(self, row: list, using: str) -> models.Model:
        values = {}
        for f, value in zip(self.fields, row, strict=True):
            related = self._related(f)
            if value is None:
                pass
            elif related is ContentType:
                value = self._ct_ids[tuple(value)]
            elif related is Permission:
                value = self._perm_ids[tuple(value)]
            elif related is not None:
                value = f.target_field.to_python(value)  # type: ignore[attr-defined]
            else:
                value = f.to_python(value)
            values[f.attname] = value
        return self.model(**values)


# -- the database's state -----------------------------------------------------------------


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def known_migrations() -> list[str]:
    """Every migration this code has: what `migrate` applies to a new database."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.graph.nodes)


def non_empty_tables(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Tables holding rows, but those `migrate` fills itself (content types, permissions)."""
    return {
        m._meta.label: n
        for m in backed_up_models()
        if not _keyed(m) and (n := m._base_manager.using(using).count())
    }


@dataclass
class TableSum:
    rows: int
    sha256: str


def table_sums(using: str = DEFAULT_DB_ALIAS) -> dict[str, TableSum]:
    """Per table, its rows and their checksum, as the manifest records them."""
    sums = {}
    for model in backed_up_models():
        checksum = _Checksum()
        for row in _Codec(model).rows(using):
            checksum.add(_line(row))
        sums[model._meta.label] = TableSum(checksum.rows, checksum.hexdigest)
    return sums


@contextmanager
def snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """One transaction over every read: on PostgreSQL a REPEATABLE READ snapshot that
    writers do not wait for; on SQLite the write lock, held until the reads are done."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


# -- writing ------------------------------------------------------------------------------


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise BackupError(f"unsafe file name in the backup: {name!r}")
    return path


def dump_tables(directory: Path, using: str = DEFAULT_DB_ALIAS, progress: Progress = None) -> dict:
    """Writes database/<label>.jsonl per table into `directory`; returns the manifest's
    "tables". Call it inside `snapshot()`."""
    (directory / "database").mkdir(parents=True, exist_ok=True)
    tables = {}
    for model in backed_up_models():
        codec, checksum = _Codec(model), _Checksum()
        with open(directory / "database" / f"{model._meta.label}.jsonl", "w") as out:
            for row in codec.rows(using):
                line = _line(row)
                out.write(line)
                checksum.add(line)
                if progress:
                    progress(1)
            size = out.tell()
        tables[model._meta.label] = {
            "table": model._meta.db_table,
            "fields": codec.names,
            "rows": checksum.rows,
            "sha256": checksum.hexdigest,
            "bytes": size,
            "by_natural_key": _keyed(model),
        }
    return tables


def count_rows(using: str = DEFAULT_DB_ALIAS) -> int:
    return sum(m._base_manager.using(using).count() for m in backed_up_models())


def describe_files(root: Path, relative_paths: Iterable[str]) -> dict:
    """The manifest's "files": per path under `root`, its size and SHA-256."""
    files = {}
    for name in sorted(set(relative_paths)):
        path = root / _safe_relative(name)
        if not path.is_file():
            raise BackupError(f"{path} is missing: the backup would be incomplete.")
        files[name] = {"size": path.stat().st_size, "sha256": _file_sha256(path)}
    return files


def write_archive(
    target: Path, manifest: dict, staged: Path, files_root: Path, progress: Progress = None
) -> None:
    """The manifest, the staged tables and the files, into `target` (.tar.gz). Written to a
    temporary name first: an interrupted backup leaves no archive that looks whole."""
    partial = target.with_name(target.name + ".partial")
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for label in manifest["tables"]:
                tar.add(staged / "database" / f"{label}.jsonl", f"database/{label}.jsonl")
            for name, described in manifest["files"].items():
                path = files_root / _safe_relative(name)
                tar.add(path, f"files/{name}")
                if _file_sha256(path) != described["sha256"]:
                    raise BackupError(f"{path} changed while the backup was written.")
                if progress:
                    progress(described["size"])
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


# -- reading ------------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST:
                raise BackupError(f"{archive} is not a Corridor backup (no {MANIFEST} first).")
            reader = tar.extractfile(first)
            assert reader is not None
            manifest = json.load(reader)
    except (OSError, tarfile.TarError, ValueError) as e:
        raise BackupError(f"{archive} cannot be read: {e}") from e
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{archive} is not a Corridor backup of format {FORMAT_VERSION}.")
    return manifest


def unpack(archive: Path, directory: Path, manifest: dict, progress: Progress = None) -> None:
    """Extracts the archive into `directory` and checks it against its manifest: the
    members are those it names, each table's rows match their count and checksum, each
    file its size and SHA-256."""
    expected = {MANIFEST}
    expected |= {f"database/{label}.jsonl" for label in manifest["tables"]}
    expected |= {f"files/{_safe_relative(name)}" for name in manifest["files"]}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.name not in expected or not member.isfile():
                    raise BackupError(f"unexpected member in the backup: {member.name}")
                expected.discard(member.name)
                tar.extract(member, directory, filter="data")
                if progress and member.name != MANIFEST:
                    progress(member.size)
    except (OSError, tarfile.TarError) as e:
        raise BackupError(f"{archive} cannot be read: {e}") from e
    if expected - {MANIFEST}:
        raise BackupError("the backup is incomplete; missing: " + ", ".join(sorted(expected)))
    for label, table in manifest["tables"].items():
        checksum = _Checksum()
        with open(directory / "database" / f"{label}.jsonl") as lines:
            for line in lines:
                checksum.add(line)
        if (checksum.rows, checksum.hexdigest) != (table["rows"], table["sha256"]):
            raise BackupError(f"the rows of {label} do not match their checksum.")
    for name, described in manifest["files"].items():
        if _file_sha256(directory / "files" / name) != described["sha256"]:
            raise BackupError(f"the file {name} does not match its SHA-256.")


@dataclass
class PlacedFiles:
    """Files a restore put in place, removed again if the database load fails."""

    created: list[Path] = field(default_factory=list)

    def remove(self) -> None:
        for path in self.created:
            path.unlink(missing_ok=True)


def place_files(directory: Path, manifest: dict, root: Path) -> PlacedFiles:
    """Copies the unpacked files under `root`, each through a temporary name. A file
    already there with the same SHA-256 is kept; one with other content is refused."""
    placed = PlacedFiles()
    try:
        for name, described in manifest["files"].items():
            target = root / _safe_relative(name)
            if target.exists():
                if _file_sha256(target) != described["sha256"]:
                    raise BackupError(f"{target} exists with other content; nothing restored.")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".restore-")
            os.close(fd)
            shutil.copyfile(directory / "files" / name, tmp)
            os.replace(tmp, target)
            placed.created.append(target)
    except BaseException:
        placed.remove()
        raise
    return placed


def load_tables(
    directory: Path, manifest: dict, using: str = DEFAULT_DB_ALIAS, progress: Progress = None
) -> None:
    """Inserts every table's rows in one transaction, then checks each table's count and
    checksum in the database before committing: on any failure nothing is written."""
    connection = connections[using]
    by_label = {m._meta.label: m for m in backed_up_models()}
    missing = set(manifest["tables"]) - set(by_label)
    if missing:
        raise BackupError("this Corridor has no tables for: " + ", ".join(sorted(missing)))
    with transaction.atomic(using=using):
        for label in ("contenttypes.ContentType", "auth.Permission"):
            _add_keyed(directory, label, using)
        loaded = []
        for label, table in manifest["tables"].items():
            model = by_label[label]
            codec = _Codec(model)
            if codec.names != table["fields"]:
                raise BackupError(f"the fields of {label} differ from this Corridor's.")
            if _keyed(model):
                continue
            codec._load_keys(using)
            batch: list[models.Model] = []
            with open(directory / "database" / f"{label}.jsonl") as lines:
                for line in lines:
                    batch.append(codec.instance(json.loads(line), using))
                    if len(batch) >= BATCH:
                        _insert(model, codec, batch, using, progress)
                        batch = []
            if batch:
                _insert(model, codec, batch, using, progress)
            loaded.append(model)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), loaded):
                cursor.execute(sql)
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        _check_against(manifest, using)


def _insert(model, codec: _Codec, batch: list, using: str, progress: Progress) -> None:
    # raw=True, as loaddata saves: auto_now fields keep the values they had.
    fields = codec.fields
    size = connections[using].ops.bulk_batch_size(fields, batch) or len(batch)
    for start in range(0, len(batch), size):
        model._base_manager.using(using)._insert(
            batch[start : start + size], fields=fields, using=using, raw=True
        )
    if progress:
        progress(len(batch))


def _add_keyed(directory: Path, label: str, using: str) -> None:
    """Content types and permissions of the backup this database lacks (of models since
    removed, or permissions made by hand) are added; the others are matched by key."""
    path = directory / "database" / f"{label}.jsonl"
    if not path.exists():
        return
    with open(path) as lines:
        for line in lines:
            row = json.loads(line)
            if label == "contenttypes.ContentType":
                app_label, model = row
                ContentType.objects.using(using).get_or_create(app_label=app_label, model=model)
            else:
                name, (app_label, model), codename = row
                ct = ContentType.objects.using(using).get(app_label=app_label, model=model)
                Permission.objects.using(using).get_or_create(
                    content_type=ct, codename=codename, defaults={"name": name}
                )


def _check_against(manifest: dict, using: str) -> None:
    sums = table_sums(using)
    for label, table in manifest["tables"].items():
        found = sums[label]
        if table["by_natural_key"]:
            if found.rows < table["rows"]:
                raise BackupError(f"{label}: {found.rows} rows after restore, {table['rows']} "
                                  "in the backup.")  # fmt: skip
        elif (found.rows, found.sha256) != (table["rows"], table["sha256"]):
            raise BackupError(f"{label}: {found.rows} rows after restore, {table['rows']} in "
                              "the backup, or their checksums differ.")  # fmt: skip
