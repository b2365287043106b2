"""Uploaded files: what they really are, judged by their content rather than their name,
and the text inside them. Nothing here writes to disk but the readers' lock files."""

import io
import math
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from corridor.lib import document_text
from corridor.lib.document_text import TextLimits, TooMuch, check_archive, size
from corridor.lib.isolated import Exceeded, machine_slot, run_isolated

OOXML = "application/vnd.openxmlformats-officedocument"
# extension -> (label, MIME type)
FILE_TYPES = {
    "pdf": ("PDF", "application/pdf"),
    "docx": ("Word (DOCX)", f"{OOXML}.wordprocessingml.document"),
    "xlsx": ("Excel (XLSX)", f"{OOXML}.spreadsheetml.sheet"),
    "pptx": ("PowerPoint (PPTX)", f"{OOXML}.presentationml.presentation"),
    "odt": ("OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text"),
    "png": ("PNG image", "image/png"),
    "jpg": ("JPEG image", "image/jpeg"),
    "gif": ("GIF image", "image/gif"),
    "webp": ("WebP image", "image/webp"),
}  # fmt: skip
ALIASES = {"jpeg": "jpg"}
OOXML_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_NAME = 200


class UploadRefused(ValueError):
    """The upload is refused; the message says why, in words for the person uploading."""


@dataclass
class Inspected:
    name: str  # the file name as it will be shown, checked
    file_type: str  # key of FILE_TYPES
    text: str


def file_type_label(file_type: str) -> str:
    return FILE_TYPES.get(file_type, (file_type.upper(),))[0]


def mime_type(file_type: str) -> str:
    return FILE_TYPES.get(file_type, ("", "application/octet-stream"))[1]


def check_name(name: str) -> tuple[str, str]:
    """The name, normalised, and its file type from the extension."""
    if not name or not name.strip():
        raise UploadRefused("The file has no name.")
    if "/" in name or "\\" in name:
        raise UploadRefused(
            f"The file name {name!r} contains a path separator (/ or \\). "
            "Rename the file without folders in its name and upload it again."
        )
    name = unicodedata.normalize("NFC", name.strip())
    if any(unicodedata.category(c).startswith("C") for c in name) or name in (".", ".."):
        raise UploadRefused("The file name contains control characters.")
    if len(name) > MAX_NAME:
        raise UploadRefused(f"The file name is longer than {MAX_NAME} characters.")
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    extension = ALIASES.get(extension, extension)
    if extension not in FILE_TYPES:
        allowed = ", ".join(sorted({*FILE_TYPES, *ALIASES}))
        raise UploadRefused(f"“{name}” is not a file type the library takes. Allowed: {allowed}.")
    return name, extension


def sniff(content: bytes) -> str:
    """What the bytes are, by their signature: a FILE_TYPES key, 'zip', 'exe' or ''."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    if content.startswith(b"MZ") or content.startswith(b"\x7fELF"):
        return "exe"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return "odt"
                if "[Content_Types].xml" in names:
                    for file_type, part in OOXML_PART.items():
                        if part in names:
                            return file_type
        except (zipfile.BadZipFile, KeyError, OSError):
            return ""
        return "zip"
    return ""


def inspect_upload(
    name: str,
    content: bytes,
    max_bytes: int,
    limits: TextLimits | None = None,
    size: int | None = None,
) -> Inspected:
    """Checks an upload and extracts its text; raises UploadRefused saying what is wrong.
    `size` is the upload's whole size where `content` holds only its first max_bytes + 1.
    The content is read in a process of its own, within `limits` (settings by default), once
    one of the machine's reader slots is free (`reader_slot`): raises Busy when none is."""
    name, expected = check_name(name)
    if not content:
        raise UploadRefused(f"“{name}” is empty (0 bytes).")
    if len(content) > max_bytes:
        if size is not None and size > max_bytes:
            raise UploadRefused(f"“{name}” is {_size(size)}; the limit is {_size(max_bytes)}.")
        raise UploadRefused(f"“{name}” is larger than the limit of {_size(max_bytes)}.")
    limits = limits or TextLimits.from_settings()
    try:
        with reader_slot(limits):
            found, text = run_isolated(
                read_content, expected, content, limits,
                seconds=limits.seconds + STARTUP_SECONDS, memory_bytes=limits.memory_bytes,
                preload=document_text.PARSERS,
            )  # fmt: skip
    except TooMuch as e:
        raise UploadRefused(f"“{name}” cannot be taken: the file {e}.") from e
    except Exceeded as e:
        if e.what == "seconds":
            why = f"takes longer than {limits.seconds:g} seconds to read"
        else:
            why = f"needs more than {_size(limits.memory_bytes)} of memory to read"
        raise UploadRefused(f"“{name}” cannot be taken: the file {why}.") from e
    except Unreadable as e:
        raise UploadRefused(
            f"“{name}” looks like a {file_type_label(expected)} file but cannot be read: "
            f"it may be damaged or protected."
        ) from e
    if found != expected:
        what = {
            "exe": "a program (executable)",
            "zip": "a ZIP archive",
            "": "of an unknown kind",
        }.get(found, f"a {file_type_label(found)} file")
        raise UploadRefused(
            f"“{name}” is named as a {file_type_label(expected)} file, but its content is {what}."
        )
    return Inspected(name=name, file_type=expected, text=text)


# Starting the process that reads a file, on a busy machine, on top of its seconds of reading.
STARTUP_SECONDS = 10


def reader_slot(limits: TextLimits):
    """One of the settings.DOCUMENT_READERS processes that may read uploads at once on this
    machine (each may take limits.memory_bytes), waited for DOCUMENT_READER_WAIT_SECONDS."""
    from django.conf import settings

    retry_after = math.ceil(limits.seconds)
    return machine_slot(
        Path(settings.LOCK_DIR), "document-reader", settings.DOCUMENT_READERS,
        settings.DOCUMENT_READER_WAIT_SECONDS, retry_after=retry_after,
        busy="The server is reading as many uploaded files as it may at once: nothing was "
        f"stored. Send the file again in {retry_after} seconds.",
    )  # fmt: skip


class Unreadable(Exception):
    """A parser failed on the file."""


def read_content(expected: str, content: bytes, limits: TextLimits) -> tuple[str, str]:
    """(what the content is, its text when it is what its name says): the work done in a
    process of its own. An archive is checked against the limits before it is opened."""
    if content.startswith(b"PK"):
        try:
            check_archive(content, limits)
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise Unreadable(str(e)) from None
    found = sniff(content)
    if found != expected:
        return found, ""
    try:
        return found, extract_text(expected, content, limits)
    except TooMuch:
        raise
    except Exception as e:  # the parsers raise many kinds of errors on broken files
        raise Unreadable(f"{type(e).__name__}: {e}") from None


def _size(n: int) -> str:
    return size(n)


def extract_text(file_type: str, content: bytes, limits: TextLimits | None = None) -> str:
    """The text of a file, read here and now within the limits (default ones without)."""
    return document_text.extract_text(file_type, content, limits or TextLimits())
