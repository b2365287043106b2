"""Uploaded files: what they really are, judged by their content rather than their name,
and the text inside them. Nothing here writes to disk."""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

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


def inspect_upload(name: str, content: bytes, max_bytes: int) -> Inspected:
    """Checks an upload and extracts its text; raises UploadRefused saying what is wrong."""
    name, expected = check_name(name)
    if not content:
        raise UploadRefused(f"“{name}” is empty (0 bytes).")
    if len(content) > max_bytes:
        raise UploadRefused(f"“{name}” is {_size(len(content))}; the limit is {_size(max_bytes)}.")
    found = sniff(content)
    if found != expected:
        what = {
            "exe": "a program (executable)",
            "zip": "a ZIP archive",
            "": "of an unknown kind",
        }.get(found, f"a {file_type_label(found)} file")
        raise UploadRefused(
            f"“{name}” is named as a {file_type_label(expected)} file, but its content is {what}."
        )
    try:
        text = extract_text(expected, content)
    except Exception as e:  # the parsers raise many kinds of errors on broken files
        raise UploadRefused(
            f"“{name}” looks like a {file_type_label(expected)} file but cannot be read: "
            f"it may be damaged or protected."
        ) from e
    return Inspected(name=name, file_type=expected, text=text)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def extract_text(file_type: str, content: bytes) -> str:
    extractor = EXTRACTORS.get(file_type)
    text = extractor(io.BytesIO(content)) if extractor else ""
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n\n", text.replace("\x00", ""))).strip()


def _pdf(stream) -> str:
    from pypdf import PdfReader

    reader = PdfReader(stream, strict=False)
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(stream) -> str:
    import docx

    document = docx.Document(stream)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx(stream) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(stream, read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None]
            if cells:
                lines.append(" ".join(cells))
    workbook.close()
    return "\n".join(lines)


def _pptx(stream) -> str:
    from pptx import Presentation

    lines = []
    for slide in Presentation(stream).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                lines.append(shape.text_frame.text)
    return "\n".join(lines)


def _odt(stream) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(stream)
    return "\n".join(
        teletype.extractText(p)
        for p in document.getElementsByType(text.H) + document.getElementsByType(text.P)
    )


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "pptx": _pptx, "odt": _odt}
