"""`corridor backup` and `corridor restore`: the test database (all the bundled data, and a
document uploaded here) is backed up, restored by a separate `corridor` process into an
empty database, and backed up again from there: both manifests must give the same rows and
checksums for every table and the same files.

On the SQLite pass the restore goes into a fresh SQLite file. On the PostgreSQL pass
(CORRIDOR_DB=postgres, `make test-postgres`) the PostgreSQL backup goes into a fresh SQLite
file, and the backup of that SQLite file into a second PostgreSQL database created here:
PostgreSQL -> SQLite -> PostgreSQL, both directions across engines."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from corridor.cli import main
from corridor.community.models import Membership
from corridor.learning.services import upload_document
from corridor.lib import backup
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from learning_files import docx_with_text

pytestmark = pytest.mark.django_db
WORD = "Quokkarestoration"


@pytest.fixture
def site(settings, tmp_path):
    """The test database with an uploaded document, a permission given to a person and to a
    group, and an admin log entry: references to content types and permissions."""
    settings.DOCUMENT_DIR = tmp_path / "documents"
    project = Project.objects.get(acronym="InterVentures", source="seed-pages")
    user = User.objects.create_user("archivist", "archivist@example.org", "pw")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="klaipeda-id"))
    upload = SimpleUploadedFile("restoration.docx", docx_with_text(f"{WORD} of the archive"))
    document = upload_document(user, upload, {"kind": "report", "project": project})
    validate = Permission.objects.get(codename="validate_goodpractice")
    user.user_permissions.add(validate)
    Group.objects.create(name="Thematic experts").permissions.add(validate)
    LogEntry.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(Project),
        object_id=str(project.pk), object_repr=str(project), action_flag=ADDITION,
    )  # fmt: skip
    return document


def corridor(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "corridor", *args],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def node(tmp_path: Path, name: str, database: dict) -> dict:
    """The environment of a new node: its database, documents and index."""
    root = tmp_path / name
    return {
        "CORRIDOR_VAR_DIR": str(root),
        "CORRIDOR_DOCUMENT_DIR": str(root / "documents"),
        "CORRIDOR_INDEX_DIR": str(root / "index"),
        **database,
    }


def sqlite_node(tmp_path: Path, name: str) -> dict:
    path = tmp_path / f"{name}.sqlite3"
    return node(tmp_path, name, {"CORRIDOR_DB": "sqlite", "CORRIDOR_SQLITE_PATH": str(path)})


@pytest.fixture
def postgres_database():
    """A second, empty PostgreSQL database on the server the suite uses."""
    import psycopg

    name = f"corridor_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as tar:
        reader = tar.extractfile(MANIFEST_NAME)
        assert reader is not None
        return json.load(reader)


MANIFEST_NAME = "manifest.json"


def assert_same_content(made: dict, again: dict) -> None:
    assert again["database"]["migrations"] == made["database"]["migrations"]
    assert set(again["tables"]) == set(made["tables"])
    for label, table in made["tables"].items():
        assert (again["tables"][label]["rows"], again["tables"][label]["sha256"]) == (
            table["rows"], table["sha256"],
        ), label  # fmt: skip
    assert again["files"] == made["files"]


def restore_and_back_up(env: dict, archive: Path, tmp_path: Path, name: str) -> dict:
    result = corridor(env, "restore", str(archive))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "counts and checksums match the backup's" in result.stdout
    again = tmp_path / f"{name}.tar.gz"
    result = corridor(env, "backup", str(again))
    assert result.returncode == 0, result.stderr[-3000:]
    return {"archive": again, "manifest": manifest(again)}


def test_a_backup_restores_into_an_empty_database_with_the_same_rows_and_files(
    site, tmp_path, request
):
    archive = tmp_path / "site.tar.gz"
    assert main(["backup", str(archive)]) == 0
    made = manifest(archive)
    assert made["database"]["engine"] == connection.vendor
    # The manifest says what the database holds: per table, its rows and their checksum.
    sums = backup.table_sums()
    assert {label: (s.rows, s.sha256) for label, s in sums.items()} == {
        label: (t["rows"], t["sha256"]) for label, t in made["tables"].items()
    }
    assert made["tables"]["learning.Document"]["rows"] == sums["learning.Document"].rows > 3
    sha = site.file_sha256
    assert made["files"] == {f"{sha[:2]}/{sha}": {"size": site.file_size, "sha256": sha}}

    env = sqlite_node(tmp_path, "restored")
    copy = restore_and_back_up(env, archive, tmp_path, "from-sqlite")
    assert_same_content(made, copy["manifest"])
    restored_file = Path(env["CORRIDOR_DOCUMENT_DIR"]) / sha[:2] / sha
    assert restored_file.read_bytes() == (Path(tmp_path / "documents") / sha[:2] / sha).read_bytes()

    # The index was rebuilt: the document's text is found on the new node.
    found = corridor(env, "search", WORD)
    assert found.returncode == 0 and "1 results" in found.stdout, found.stdout
    # New rows take ids after the restored ones.
    new = corridor(env, "manage", "shell", "-c", "from django.contrib.auth.models import User; "
                   "print('pk', User.objects.create(username='after').pk)")  # fmt: skip
    assert f"pk {User.objects.order_by('-pk').first().pk + 1}" in new.stdout, new.stderr

    if connection.vendor == "postgresql":
        # The backup of the SQLite copy, into a new PostgreSQL database.
        name = request.getfixturevalue("postgres_database")
        pg_env = node(tmp_path, "postgres", {"CORRIDOR_DB": "postgres", "PGDATABASE": name})
        back = restore_and_back_up(pg_env, copy["archive"], tmp_path, "from-postgres")
        assert back["manifest"]["database"]["engine"] == "postgresql"
        assert_same_content(made, back["manifest"])
        new = corridor(pg_env, "manage", "shell", "-c", "from django.contrib.auth.models import "
                       "User; print('pk', User.objects.create(username='after').pk)")  # fmt: skip
        assert f"pk {User.objects.order_by('-pk').first().pk + 1}" in new.stdout, new.stderr


def rewritten(archive: Path, target: Path, change) -> Path:
    """A copy of the archive with `change(name, data) -> data` applied to each member."""
    with tarfile.open(archive, "r:gz") as tar, tarfile.open(target, "w:gz") as out:
        for member in tar:
            reader = tar.extractfile(member)
            assert reader is not None
            data = change(member.name, reader.read())
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


def test_a_file_that_does_not_match_its_hash_is_refused_before_anything_is_written(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    assert main(["backup", str(archive)]) == 0
    sha = site.file_sha256
    member = f"files/{sha[:2]}/{sha}"
    bad = rewritten(archive, tmp_path / "bad.tar.gz",
                    lambda name, data: data + b"x" if name == member else data)  # fmt: skip
    env = sqlite_node(tmp_path, "target")
    result = corridor(env, "restore", str(bad))
    assert result.returncode == 1
    assert f"the file {sha[:2]}/{sha} does not match its SHA-256" in result.stderr
    assert tables_with_rows(Path(env["CORRIDOR_SQLITE_PATH"])) == {}
    assert not Path(env["CORRIDOR_DOCUMENT_DIR"]).exists()


def tables_with_rows(path: Path) -> dict[str, int]:
    """Rows per table of a SQLite file, but the tables `migrate` fills."""
    import sqlite3

    filled_by_migrate = {"django_migrations", "django_content_type", "auth_permission",
                         "sqlite_sequence"}  # fmt: skip
    with sqlite3.connect(path) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    return {n: c for n, c in counts.items() if c and n not in filled_by_migrate}


def test_a_failure_while_loading_leaves_the_database_empty_and_no_files_behind(site, tmp_path):
    """Rows whose checksums match but that break a reference (a partnership of an
    organisation the backup lacks): the load fails at the end, and is rolled back."""
    archive = tmp_path / "site.tar.gz"
    assert main(["backup", str(archive)]) == 0
    made = manifest(archive)
    label = "projects.Partnership"
    column = made["tables"][label]["fields"].index("organisation_id")
    with tarfile.open(archive, "r:gz") as tar:
        reader = tar.extractfile(f"database/{label}.jsonl")
        assert reader is not None
        lines = reader.read().decode().splitlines(keepends=True)
    row = json.loads(lines[-1])
    row[column] = 987654321
    lines[-1] = json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"
    checksum = backup._Checksum()
    for line in lines:
        checksum.add(line)
    made["tables"][label]["sha256"] = checksum.hexdigest
    rows = {
        MANIFEST_NAME: json.dumps(made).encode(),
        f"database/{label}.jsonl": "".join(lines).encode(),
    }
    broken = rewritten(archive, tmp_path / "broken.tar.gz", lambda name, data: rows.get(name, data))
    env = sqlite_node(tmp_path, "target")
    result = corridor(env, "restore", str(broken))
    assert result.returncode == 1, result.stdout
    assert "Nothing was restored" in result.stderr
    assert "FOREIGN KEY" in result.stderr or "foreign key" in result.stderr
    assert not [p for p in Path(env["CORRIDOR_DOCUMENT_DIR"]).rglob("*") if p.is_file()]
    assert tables_with_rows(Path(env["CORRIDOR_SQLITE_PATH"])) == {}


def test_restore_refuses_a_database_that_holds_data(site, tmp_path, capsys):
    archive = tmp_path / "site.tar.gz"
    assert main(["backup", str(archive)]) == 0
    before = backup.table_sums()
    assert main(["restore", str(archive)]) == 1
    err = capsys.readouterr().err
    assert "error: the database is not empty: " in err and "auth.User (" in err
    assert backup.table_sums() == before


def test_restore_refuses_a_backup_of_another_migration_state(site, tmp_path, capsys):
    archive = tmp_path / "site.tar.gz"
    assert main(["backup", str(archive)]) == 0
    made = manifest(archive)
    made["database"]["migrations"].append("projects.9999_from_the_future")
    other = rewritten(archive, tmp_path / "future.tar.gz",
                      lambda name, data: json.dumps(made).encode() if name == MANIFEST_NAME
                      else data)  # fmt: skip
    assert main(["restore", str(other)]) == 1
    err = capsys.readouterr().err
    assert "in the backup, not in this code: projects.9999_from_the_future" in err


def test_a_backup_with_a_document_file_missing_is_refused(site, tmp_path, capsys):
    sha = site.file_sha256
    (tmp_path / "documents" / sha[:2] / sha).unlink()
    archive = tmp_path / "site.tar.gz"
    assert main(["backup", str(archive)]) == 1
    err = capsys.readouterr().err
    assert f"{sha} is missing: the backup would be incomplete" in err
    assert "No backup was written" in err
    assert not archive.exists() and not list(tmp_path.glob("*.partial"))
