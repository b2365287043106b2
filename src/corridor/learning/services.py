"""Writes behind the pages, the API and the CLI: one function per use case. Each checks
who is asking (roles.py) and raises PermissionDenied or ValidationError."""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from corridor.community.roles import is_project_member
from corridor.learning import roles
from corridor.learning.files import UploadRefused, inspect_upload
from corridor.learning.models import (
    Document,
    Event,
    GoodPractice,
    PracticeStatus,
    PracticeTransition,
)
from corridor.search.analysis import detect_language

PRACTICE_FIELDS = [
    "title", "summary", "description", "resources_needed", "evidence_of_success",
    "difficulties", "potential_for_transfer", "organisation", "region", "project",
    "start_date", "end_date",
]  # fmt: skip

# action -> status it leads to
TRANSITIONS = {
    "submit": PracticeStatus.SUBMITTED,
    "approve": PracticeStatus.APPROVED,
    "validate": PracticeStatus.VALIDATED,
    "reject": PracticeStatus.REJECTED,
}


def _check_practice_project(user, values: dict) -> None:
    project = values.get("project")
    if project is None:
        raise ValidationError({"project": "Choose the project the practice comes from."})
    if not is_project_member(user, project):
        raise PermissionDenied("Only members of the project's partner organisations may do this.")


@transaction.atomic
def create_practice(user, values: dict, themes=()) -> GoodPractice:
    """A new draft good practice by a member of its project."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to propose a good practice.")
    _check_practice_project(user, values)
    practice = GoodPractice(author=user, status=PracticeStatus.DRAFT)
    for name in PRACTICE_FIELDS:
        if name in values:
            setattr(practice, name, values[name])
    practice.full_clean()
    practice.save()
    practice.themes.set(themes)
    PracticeTransition.objects.create(practice=practice, to_status=PracticeStatus.DRAFT, actor=user)
    return practice


@transaction.atomic
def update_practice(user, practice: GoodPractice, values: dict, themes=None) -> GoodPractice:
    """The author edits a draft or a rejected practice."""
    if not roles.can_edit_practice(user, practice):
        raise PermissionDenied("Only the author may edit a good practice, and only before it "
                               "is submitted or after it was rejected.")  # fmt: skip
    if "project" in values and values["project"] != practice.project:
        _check_practice_project(user, values)
    for name in PRACTICE_FIELDS:
        if name in values:
            setattr(practice, name, values[name])
    practice.full_clean()
    practice.save()
    if themes is not None:
        practice.themes.set(themes)
    return practice


@transaction.atomic
def transition_practice(user, practice: GoodPractice, action: str, note: str = ""):
    """One step of the workflow: submit (author), approve or reject (a member of the
    project), validate with an expert opinion or reject (a thematic expert). A rejection
    needs a reason, a validation an opinion."""
    practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    if action not in TRANSITIONS:
        raise ValidationError(f"Unknown action {action!r}.")
    if action not in roles.allowed_actions(user, practice):
        raise PermissionDenied(
            f"You may not {action} this good practice while it is "
            f"{practice.get_status_display().lower()}."
        )
    note = (note or "").strip()
    if action == "reject" and not note:
        raise ValidationError("Say why the practice is rejected.")
    if action == "validate" and not note:
        raise ValidationError("Give the experts' opinion to validate the practice.")
    before = practice.status
    practice.status = TRANSITIONS[action]
    if action == "reject":
        practice.rejection_reason = note
    if action == "submit":
        practice.rejection_reason = ""
    if action == "validate":
        practice.expert_opinion = note
        practice.validated_at = timezone.now()
    practice.save()
    PracticeTransition.objects.create(
        practice=practice, from_status=before, to_status=practice.status, actor=user, note=note
    )
    return practice


EVENT_FIELDS = [
    "type", "title", "project", "organiser", "start_date", "start_time", "end_date", "end_time",
    "timezone", "date_note", "online", "venue", "city", "country_code", "region", "description",
    "agenda", "participant_count",
]  # fmt: skip


@transaction.atomic
def save_event(user, values: dict, event: Event | None = None) -> Event:
    """Creates an event, or changes one, for a member of its project (before and after)."""
    if event is not None and not roles.can_edit_event(user, event.project):
        raise PermissionDenied("Only members of the event's project may change it.")
    if not roles.can_edit_event(user, values.get("project")):
        raise PermissionDenied("Only members of the project's partner organisations may "
                               "publish its events.")  # fmt: skip
    event = event or Event()
    for name in EVENT_FIELDS:
        if name in values:
            setattr(event, name, values[name])
    event.full_clean()
    event.save()
    return event


def document_path(sha256: str) -> Path:
    return Path(settings.DOCUMENT_DIR) / sha256[:2] / sha256


def upload_document(user, upload, values: dict) -> Document:
    """Stores an uploaded file (checked by its content, text extracted) with its metadata.
    `upload` has .name and .chunks() or .read(). On any refusal nothing is stored; raises
    lib.isolated.Busy when the machine's readers of uploads stay busy (files.reader_slot)."""
    project = values.get("project")
    if not roles.can_upload_document(user, project):
        raise PermissionDenied("Only members of the project's partner organisations may "
                               "publish its documents.")  # fmt: skip
    _check_uploads_per_hour(user)
    limit = settings.DOCUMENT_MAX_BYTES
    content = _read_limited(upload, limit)
    try:
        inspected = inspect_upload(
            upload.name or "", content, limit, size=getattr(upload, "size", None)
        )
    except UploadRefused as e:
        raise ValidationError({"file": str(e)}) from e
    sha256 = hashlib.sha256(content).hexdigest()
    document = Document(
        title=values.get("title") or inspected.name.rpartition(".")[0],
        kind=values.get("kind") or "",
        description=values.get("description") or "",
        project=project,
        organisation=values.get("organisation"),
        publication_date=values.get("publication_date"),
        language=values.get("language") or detect_language(inspected.text[:5000]),
        file_name=inspected.name,
        file_type=inspected.file_type,
        file_size=len(content),
        file_sha256=sha256,
        text=inspected.text,
        uploaded_by=user,
    )
    document.full_clean()
    path = document_path(sha256)
    created = not path.exists()
    if created:
        _write_atomically(path, content)
    try:
        with transaction.atomic():
            document.save()
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise
    return document


def _check_uploads_per_hour(user) -> None:
    limit = settings.UPLOADS_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    if Document.objects.filter(uploaded_by=user, created_at__gte=since).count() >= limit:
        raise ValidationError(
            f"You may upload at most {limit} documents within an hour: please try again later."
        )


def _read_limited(upload, limit: int) -> bytes:
    """Reads at most limit + 1 bytes: enough to tell that a file is too big."""
    parts, size = [], 0
    chunks = upload.chunks() if hasattr(upload, "chunks") else [upload.read()]
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(parts)[: limit + 1]


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
