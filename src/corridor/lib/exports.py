"""Downloads of tables: CSV and JSON, streamed row by row so that a large export starts at
once and never sits whole in memory."""

import csv
import json
from collections.abc import Iterable

from django.http import StreamingHttpResponse


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

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{filename}.csv")


def json_download(columns: list[str], rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    """A JSON array of objects keyed by the columns."""

    def chunks():
        yield "["
        for n, row in enumerate(rows):
            record = dict(zip(columns, row, strict=True))
            yield ("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False, default=str)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    return _attachment(response, f"{filename}.json")


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
