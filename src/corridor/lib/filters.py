"""Reading a list's filters from a query: `request.GET` (a QueryDict, values repeated as
?country=SE&country=FI), a form's cleaned data or an API schema's dict. Each list's
`<Entity>Filters.from_query` reads its names through these, so the page and the API share
one mapping of names to filters."""

from collections.abc import Mapping
from typing import Any


def many(data: Mapping[str, Any], name: str) -> list[str]:
    """Every non-empty value of a repeatable filter, in order, without repeats."""
    if hasattr(data, "getlist"):
        values = data.getlist(name)
    else:
        value = data.get(name)
        values = value if isinstance(value, list | tuple) else [value]
    return list(dict.fromkeys(str(v).strip() for v in values if v not in (None, "")))


def one(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    return "" if value is None else str(value).strip()


def whole_number(data: Mapping[str, Any], name: str) -> int | None:
    """An integer, or None when missing or not a number: a list shows what it can."""
    try:
        return int(one(data, name))
    except ValueError:
        return None
