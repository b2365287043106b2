"""The text inside office documents and PDFs, read within bounds: how much an archive may
unpack to, how many parts (archive entries, paragraphs, rows, pages) and characters of text
it may hold, and how many seconds reading may take. A file past a bound raises TooMuch
saying which, in words for the person who sent it; nothing here reads past it.

These functions bound what they read but not what a parser allocates while it parses: run
them through `lib.isolated.run_isolated`, which caps memory and time from outside."""

import io
import re
import time
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class TextLimits:
    uncompressed_bytes: int = 100 * MB  # an archive's parts, a PDF stream, once unpacked
    parts: int = 100_000  # archive entries; paragraphs, rows, slides' paragraphs; pages
    chars: int = 2_000_000  # characters of text kept
    seconds: float = 30.0  # of reading
    memory_bytes: int = 1024 * MB  # address space of the process that reads

    @classmethod
    def from_settings(cls) -> "TextLimits":
        from django.conf import settings

        return cls(
            uncompressed_bytes=settings.DOCUMENT_MAX_UNCOMPRESSED_BYTES,
            parts=settings.DOCUMENT_MAX_PARTS,
            chars=settings.DOCUMENT_MAX_TEXT_CHARS,
            seconds=settings.DOCUMENT_MAX_SECONDS,
            memory_bytes=settings.DOCUMENT_MAX_MEMORY_BYTES,
        )


class TooMuch(ValueError):
    """The file goes past one of the limits; the message ends a sentence "The file ..."."""


def size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


class Budget:
    """What reading one file has used so far; `take` raises TooMuch past a limit."""

    def __init__(self, limits: TextLimits):
        self.limits = limits
        self.parts = 0
        self.chars = 0
        self.deadline = time.monotonic() + limits.seconds

    def take(self, text: str, what: str) -> str:
        self.parts += 1
        self.chars += len(text)
        if self.parts > self.limits.parts:
            raise TooMuch(f"holds more than {self.limits.parts:,} {what}")
        if self.chars > self.limits.chars:
            raise TooMuch(f"holds more than {self.limits.chars:,} characters of text")
        if self.parts % 256 == 0:
            self.check_time()
        return text

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TooMuch(f"takes longer than {self.limits.seconds:g} seconds to read")


def check_archive(content: bytes, limits: TextLimits) -> None:
    """A ZIP archive (DOCX, XLSX, PPTX, ODT) within the limits, judged by its directory
    before anything is unpacked. The sizes it declares bind: zipfile stops each part at its
    declared size, and a part that holds more fails its checksum."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        entries = archive.infolist()
    if len(entries) > limits.parts:
        raise TooMuch(f"holds more than {limits.parts:,} parts")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.uncompressed_bytes:
        raise TooMuch(
            f"unpacks to {size(unpacked)}, more than the {size(limits.uncompressed_bytes)} "
            "a document may hold unpacked"
        )


def extract_text(file_type: str, content: bytes, limits: TextLimits) -> str:
    """The text of a pdf, docx, xlsx, pptx or odt file ('' for other types)."""
    extractor = EXTRACTORS.get(file_type)
    if extractor is None:
        return ""
    if content.startswith(b"PK"):
        check_archive(content, limits)
    budget = Budget(limits)
    text = extractor(io.BytesIO(content), budget)
    budget.check_time()
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n\n", text.replace("\x00", ""))).strip()


def pdf_pages_text(content: bytes, limits: TextLimits) -> str:
    """A PDF's pages' text as pypdf gives it, one line apart, within the limits."""
    return pdf_text(io.BytesIO(content), Budget(limits), separator="\n").strip()


def pdf_text(stream, budget: Budget, separator: str = "\n\n") -> str:
    from pypdf.errors import LimitReachedError

    unpacked = budget.limits.uncompressed_bytes
    try:
        return separator.join(_pdf_pages(stream, budget))
    except LimitReachedError as e:
        raise TooMuch(
            f"holds more than a PDF may: a stream that unpacks to more than {size(unpacked)}, "
            f"or more than {budget.limits.parts:,} pages"
        ) from e


def _pdf_pages(stream, budget: Budget) -> list[str]:
    from pypdf import PdfReader, apply_configuration

    unpacked = budget.limits.uncompressed_bytes
    with apply_configuration(
        maximum_declared_stream_length=unpacked,
        zlib_maximum_output_length=unpacked,
        lzw_maximum_output_length=unpacked,
        run_length_maximum_output_length=unpacked,
        array_based_stream_maximum_output_length=unpacked,
        brotli_maximum_output_length=unpacked,
        stream_decoding_work_maximum_length=unpacked,
        page_tree_maximum_entries=budget.limits.parts,
    ):
        reader = PdfReader(stream, strict=False)
        if len(reader.pages) > budget.limits.parts:
            raise TooMuch(f"holds more than {budget.limits.parts:,} pages")
        pages = []
        for page in reader.pages:
            budget.check_time()
            pages.append(budget.take(page.extract_text() or "", "pages"))
    return pages


def _docx(stream, budget: Budget) -> str:
    import docx

    document = docx.Document(stream)
    parts = [budget.take(p.text, "paragraphs") for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(budget.take(" | ".join(cell.text for cell in row.cells), "table rows"))
    return "\n".join(parts)


def _xlsx(stream, budget: Budget) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(stream, read_only=True, data_only=True)
    lines = []
    try:
        for sheet in workbook.worksheets:
            lines.append(budget.take(sheet.title, "sheets and rows"))
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None]
                if cells:
                    lines.append(budget.take(" ".join(cells), "sheets and rows"))
    finally:
        workbook.close()
    return "\n".join(lines)


def _pptx(stream, budget: Budget) -> str:
    from pptx import Presentation

    lines = []
    for slide in Presentation(stream).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    lines.append(budget.take(paragraph.text, "paragraphs"))
    return "\n".join(lines)


def _odt(stream, budget: Budget) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(stream)
    return "\n".join(
        budget.take(teletype.extractText(p), "paragraphs")
        for p in document.getElementsByType(text.H) + document.getElementsByType(text.P)
    )


# The parsers' modules, for a process that forks readers to import once.
PARSERS = ("pypdf", "docx", "openpyxl", "pptx", "odf.opendocument", "odf.teletype")
EXTRACTORS = {"pdf": pdf_text, "docx": _docx, "xlsx": _xlsx, "pptx": _pptx, "odt": _odt}
