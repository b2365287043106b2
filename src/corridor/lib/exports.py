"""Downloads of tables: CSV and JSON, streamed so that a large export starts at once and
never sits whole in memory; rows leave in chunks of about CHUNK_BYTES, as one write to the
socket per row made a server spend its time in writes. Every CSV that Corridor writes goes
through `csv_writer`, which keeps a spreadsheet from reading a cell as a formula."""

import csv
import json
import re
from collections.abc import Iterable
from numbers import Number

from django.http import StreamingHttpResponse

CHUNK_BYTES = 64 * 1024


def _chunked(parts: Iterable[str]) -> Iterable[bytes]:
    """The parts joined into chunks of at least CHUNK_BYTES (but the last)."""
    buffer: list[bytes] = []
    size = 0
    for part in parts:
        data = part.encode("utf-8")
        buffer.append(data)
        size += len(data)
        if size >= CHUNK_BYTES:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)


class _Echo:
    """A file that hands back what is written: csv.writer then yields lines."""

    def write(self, value):
        return value


# OWASP's rule for CSV injection: a cell that begins with one of these is read by
# spreadsheets as a formula (=HYPERLINK(...), +cmd|...); a leading ' makes it text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def neutralise(cell):
    """The cell as it may go into a CSV file: text that a spreadsheet would take for a
    formula gets a leading apostrophe. Numbers, and text that is only a number such as the
    figures' "-2.5", stay as they are: no spreadsheet reads them as a formula."""
    if isinstance(cell, str):  # most cells, and the cheapest test (Number is an ABC)
        text = cell
    elif cell is None or isinstance(cell, Number):
        return cell
    else:
        text = str(cell)  # as csv.writer would write it
    if text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _NeutralisingWriter:
    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> _NeutralisingWriter:
    """csv.writer whose cells pass through `neutralise`: the one CSV writer for downloads
    and files that people open in a spreadsheet."""
    return _NeutralisingWriter(file, **options)


def csv_download(columns: list[str], rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    writer = csv_writer(_Echo())

    def lines():
        yield writer.writerow(columns)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(_chunked(lines()), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{filename}.csv")


def json_download(columns: list[str], rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    """A JSON array of objects keyed by the columns."""

    def chunks():
        yield "["
        for n, row in enumerate(rows):
            record = dict(zip(columns, row, strict=True))
            yield ("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False, default=str)
        yield "\n]\n"

    response = StreamingHttpResponse(
        _chunked(chunks()), content_type="application/json; charset=utf-8"
    )
    return _attachment(response, f"{filename}.json")


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
