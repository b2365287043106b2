"""Reading Corridor's own JSON files (the seed pages' learning content, action plans): the
file as one object, and each row's values checked one by one, so that the first bad value
stops the import with the file, the row and the field."""

import datetime
import json
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

from corridor.lib.imports.report import ImportFailed


def read_object(path: Path, expected: str) -> dict:
    """The file's top-level object; `expected` says in words what it should hold."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ImportFailed(path, "file not found") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ImportFailed(path, f"not valid JSON: {e}") from e
    if not isinstance(data, dict):
        raise ImportFailed(path, f"expected an object with {expected}")
    return data


class RowReader:
    """Typed values of one row (a JSON object), failing with the row and the field. The
    projects a row may name are those the same source imported (by acronym); regions are
    found by their NUTS code through `region_of`."""

    def __init__(
        self,
        path,
        source: str,
        projects: Mapping[str, Any],
        region_of: Callable[[str], Any | None],
    ):
        self.path, self.source = path, source
        self.projects, self.region_of = projects, region_of

    def fail(self, message: str, row: int, field: str, part: str = "") -> NoReturn:
        """`part` says where in the row, e.g. "ACTION 2: "."""
        raise ImportFailed(self.path, f"{part}{message}", row=row, field=field)

    def text(self, item: dict, name: str, row: int, required: bool = False) -> str:
        value = item.get(name, "")
        if not isinstance(value, str):
            self.fail(f"expected text, got {value!r}", row, name)
        if required and not value.strip():
            self.fail("missing", row, name)
        return value.strip()

    def choice(self, item: dict, name: str, choices, row: int) -> str:
        value = self.text(item, name, row, required=True)
        if value not in choices.values:
            self.fail(f"unknown value {value!r}; one of {', '.join(choices.values)}", row, name)
        return value

    def date(self, item: dict, name: str, row: int) -> datetime.date | None:
        value = self.text(item, name, row)
        try:
            return datetime.date.fromisoformat(value) if value else None
        except ValueError:
            self.fail(f"not a date (YYYY-MM-DD): {value!r}", row, name)

    def decimal(self, item: dict, name: str, row: int) -> Decimal | None:
        """A non-negative number written as text ("48", "1151955.30"), or None."""
        value = self.text(item, name, row)
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.fail(f"not a number: {value!r}", row, name)
        if not number.is_finite() or number < 0:
            self.fail(f"cannot be negative: {value}", row, name)
        return number

    def region(self, item: dict, row: int) -> Any | None:
        code = self.text(item, "region", row)
        if not code:
            return None
        region = self.region_of(code)
        if region is None:
            self.fail(f"unknown NUTS code {code!r}", row, "region")
        return region

    def project(self, item: dict, row: int, required: bool = False) -> Any | None:
        acronym = self.text(item, "project", row, required=required)
        if not acronym:
            return None
        if acronym not in self.projects:
            self.fail(f"no project {acronym!r} from {self.source}; import the seeds first", row,
                      "project")  # fmt: skip
        return self.projects[acronym]
