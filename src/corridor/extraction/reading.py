"""The text of a file to extract from (plain text, HTML or PDF) and its language."""

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from corridor.lib.document_text import TextLimits, TooMuch, pdf_pages_text
from corridor.lib.document_text import size as text_size
from corridor.lib.isolated import Exceeded, run_isolated

BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
          "article", "header", "footer", "dt", "dd", "td", "th", "ul", "ol", "table"}  # fmt: skip
SKIPPED = {"script", "style", "noscript", "template"}


class ReadFailed(Exception):
    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_file(path: Path, limits: TextLimits | None = None) -> tuple[str, str]:
    """(text, kind) of a .txt, .md, .html or .pdf file, read within the limits that bound
    uploads (settings by default): its size, and for a PDF its streams, pages, text and
    seconds, read in a process of its own."""
    path = Path(path)
    limits = limits or TextLimits.from_settings()
    suffix = path.suffix.lower()
    try:
        if (size := path.stat().st_size) > limits.uncompressed_bytes:
            most = text_size(limits.uncompressed_bytes)
            raise ReadFailed(
                path, f"is {text_size(size)}, more than the {most} a file to read may be"
            )
        data = path.read_bytes()
    except OSError as e:
        raise ReadFailed(path, f"cannot read ({e.strerror})") from e
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return _pdf_text(path, data, limits), "pdf"
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ReadFailed(path, f"not UTF-8 text (line {line})") from e
    kind = "text"
    if suffix in (".html", ".htm") or re.match(r"\s*<(!doctype|html)", text, re.I):
        text, kind = html_text(text), "html"
    if len(text) > limits.chars:
        raise ReadFailed(path, f"holds more than {limits.chars:,} characters of text")
    return text, kind


def _pdf_text(path: Path, data: bytes, limits: TextLimits) -> str:
    try:
        return run_isolated(
            pdf_pages_text, data, limits,
            seconds=limits.seconds + 10, memory_bytes=limits.memory_bytes, preload=("pypdf",),
        )  # fmt: skip
    except TooMuch as e:
        raise ReadFailed(path, str(e)) from e
    except Exceeded as e:
        if e.what == "seconds":
            raise ReadFailed(path, f"takes longer than {limits.seconds:g} seconds to read") from e
        raise ReadFailed(path, f"needs more than {text_size(limits.memory_bytes)} of memory") from e
    except Exception as e:  # pypdf raises many kinds of errors on broken files
        raise ReadFailed(path, f"not a readable PDF ({e})") from e


def language(text: str) -> str:
    """ISO 639-1 code of the text's main language (py3langid), "" for too little text."""
    if len(text.strip()) < 20:
        return ""
    import py3langid

    return py3langid.classify(text)[0]
