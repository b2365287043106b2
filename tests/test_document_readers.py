"""At most DOCUMENT_READERS uploads are read at once on one machine, across its server
processes and threads (lock files in LOCK_DIR held with flock): an upload beyond them waits
DOCUMENT_READER_WAIT_SECONDS at most, then is refused with 503 and Retry-After, storing
nothing; the slots of a process that dies are free again."""

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from corridor.community.models import Membership
from corridor.learning.models import Document
from corridor.lib.isolated import Busy, machine_slot
from corridor.organisations.models import Organisation
from corridor.projects.models import Project
from learning_files import pdf_with_text

SRC = Path(__file__).resolve().parents[1] / "src"
HOLD = """
import sys, time
from contextlib import ExitStack
from pathlib import Path
from corridor.lib.isolated import machine_slot

with ExitStack() as held:
    for _ in range(int(sys.argv[2])):
        held.enter_context(machine_slot(Path(sys.argv[1]), "document-reader", 2, 0, "", 1))
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
"""


@contextmanager
def slots_held(lock_dir: Path, count: int, seconds: float = 120) -> Iterator[subprocess.Popen]:
    """Another process (as another server worker would) reading `count` uploads for
    `seconds`, killed at the end of the block if it still runs."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_dir), str(count), str(seconds)],
        stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(SRC)},
    ) as holder:  # fmt: skip
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            yield holder
        finally:
            holder.kill()


def test_no_more_than_the_slots_run_at_once_across_threads(tmp_path):
    running, most, lock = 0, 0, threading.Lock()

    def read():
        nonlocal running, most
        with machine_slot(tmp_path, "reader", 2, 30, "busy", 1):
            with lock:
                running += 1
                most = max(most, running)
            time.sleep(0.1)
            with lock:
                running -= 1

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2


def test_a_slot_held_by_another_process_is_waited_for_then_refused(tmp_path):
    with slots_held(tmp_path, 1):
        with machine_slot(tmp_path, "document-reader", 2, 0, "busy", 1) as n:
            assert n == 1  # the free one
        started = time.monotonic()
        with (
            pytest.raises(Busy, match="busy") as refused,
            machine_slot(tmp_path, "document-reader", 1, 0.3, "busy", 7),
        ):
            pass
        assert 0.3 <= time.monotonic() - started < 2
        assert refused.value.retry_after == 7
    # The kernel let go of the dead process's lock.
    with machine_slot(tmp_path, "document-reader", 1, 0, "busy", 1) as n:
        assert n == 0


@pytest.fixture
def member(client, settings, tmp_path, db):
    settings.DOCUMENT_DIR = tmp_path / "documents"
    settings.LOCK_DIR = tmp_path / "locks"
    settings.DOCUMENT_READERS = 2
    settings.DOCUMENT_READER_WAIT_SECONDS = 0.5
    settings.DOCUMENT_MAX_SECONDS = 12  # a reader's longest: the Retry-After given
    user = User.objects.create_user("uploader", "uploader@example.org", "pw")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="klaipeda-id"))
    client.force_login(user)
    return user


def post(client, name: str = "report.pdf"):
    return client.post("/api/v1/documents", {
        "project": "interventures", "kind": "report",
        "file": SimpleUploadedFile(name, pdf_with_text("Readers at work")),
    })  # fmt: skip


def test_the_api_refuses_an_upload_while_every_reader_is_busy_and_stores_nothing(
    client, member, settings
):
    with slots_held(settings.LOCK_DIR, 2):
        started = time.monotonic()
        refused = post(client)
        assert time.monotonic() - started >= 0.5  # it waited for a reader first
    assert refused.status_code == 503
    assert refused["Content-Type"].startswith("application/json")
    assert refused["Retry-After"] == "12"
    assert "reading as many uploaded files as it may at once" in refused.json()["detail"]
    assert not Document.objects.filter(uploaded_by=member).exists()
    assert not [p for p in settings.DOCUMENT_DIR.rglob("*") if p.is_file()]
    # One reader free: taken at once.
    with slots_held(settings.LOCK_DIR, 1):
        assert post(client).status_code == 201
    assert [p for p in settings.DOCUMENT_DIR.rglob("*") if p.is_file()]


def test_an_upload_waits_for_a_reader_that_comes_free_in_time(client, member, settings):
    settings.DOCUMENT_READER_WAIT_SECONDS = 20
    with slots_held(settings.LOCK_DIR, 2, seconds=1):  # ends by itself after a second
        started = time.monotonic()
        response = post(client)
    assert response.status_code == 201, response.content
    assert time.monotonic() - started >= 0.5


def test_the_upload_page_says_so_with_503(client, member, settings):
    project = Project.objects.get(acronym="InterVentures", source="seed-pages")
    with slots_held(settings.LOCK_DIR, 2):
        response = client.post("/documents/upload/", {
            "file": SimpleUploadedFile("report.pdf", pdf_with_text("x")),
            "kind": "report", "project": project.pk,
        })  # fmt: skip
    assert response.status_code == 503
    assert response["Retry-After"] == "12"
    assert "reading as many uploaded files as it may at once" in response.content.decode()
    assert not Document.objects.filter(uploaded_by=member).exists()
