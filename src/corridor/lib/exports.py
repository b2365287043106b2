"""Downloads of tables: CSV and JSON, streamed so that a large export starts at once and
never sits whole in memory; rows leave in chunks of about CHUNK_BYTES, as one write to the
socket per row made a server spend its time in writes."""

import csv
import json
from collections.abc import Iterable

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


def csv_download(columns: list[str], rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

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
