"""Rows of the tabular files the importers read: CSV or TSV (UTF-8), .xlsx sheets and JSON
records. Row numbers are the ones a person sees: in a CSV or a sheet the header is row 1
and the first data row is row 2; in a JSON list the first record is row 1."""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from corridor.lib.imports.report import ImportFailed


@dataclass
class Table:
    path: Path
    headers: list[str]
    rows: list[tuple[int, dict]]

    def require(self, columns: dict[str, str]) -> None:
        """Fail, naming the column, when one of `columns` (header: meaning) is missing."""
        for column, meaning in columns.items():
            if column not in self.headers:
                raise ImportFailed(self.path, f"missing column ({meaning})", 1, column)


def read_text(path: Path, encoding: str = "utf-8") -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as e:
        raise ImportFailed(path, "file not found") from e
    except IsADirectoryError as e:
        raise ImportFailed(path, "is a folder, expected a file") from e
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ImportFailed(
            path, f"not {encoding.upper()} text (byte {data[e.start]:#04x}); save it as {encoding}",
            line,
        ) from e  # fmt: skip


def read_csv(path: Path, delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL) -> Table:
    """quoting=csv.QUOTE_NONE for files (TSV exports) whose cells hold bare quotes."""
    text = read_text(path)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, strict=True, quoting=quoting
    )
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration as e:
        raise ImportFailed(path, "empty file") from e
    except csv.Error as e:
        raise ImportFailed(path, f"not readable as CSV: {e}", 1) from e
    rows = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise ImportFailed(path, f"not readable as CSV: {e}", reader.line_num) from e
        line = len(rows) + 2
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
            raise ImportFailed(
                path, f"{len(cells)} cells, the header has {len(headers)}", line
            )  # fmt: skip
        cells += [""] * (len(headers) - len(cells))
        rows.append((line, dict(zip(headers, cells[: len(headers)], strict=True))))
    return Table(Path(path), headers, rows)


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as e:
        raise ImportFailed(path, "file not found") from e
    except Exception as e:  # openpyxl raises several kinds for a file that is no workbook
        raise ImportFailed(path, f"not an .xlsx workbook: {e}") from e
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ImportFailed(
                path, f"missing sheet {sheet!r} (the workbook has {', '.join(book.sheetnames)})"
            )
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        lines = worksheet.iter_rows(values_only=True)
        headers = [str(h).strip() if h is not None else "" for h in next(lines, ())]
        rows = []
        for number, cells in enumerate(lines, start=2):
            if not any(c not in (None, "") for c in cells):
                continue
            rows.append((number, dict(zip(headers, cells, strict=False))))
    finally:
        book.close()
    return Table(Path(path), headers, rows)


def read_json_records(path: Path) -> Table:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise ImportFailed(path, f"not valid JSON: {e}") from e
    records = data if isinstance(data, list) else [data]
    rows = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportFailed(path, "expected an object", number)
        rows.append((number, record))
    headers = list(dict.fromkeys(k for _, r in rows for k in r))
    return Table(Path(path), headers, rows)
