"""Cell values as the open-data files write them: amounts in every EU convention, rates as
fractions or percentages, dates day first or ISO, cells holding one value per partner.

Each reader raises ValueError with a short reason; the importers turn it into an
ImportFailed naming the file, the row and the field."""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
_CURRENCY = re.compile(r"(?i)(€|eur(?:os?)?|£|\(€/£\))")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_SCIENTIFIC = re.compile(r"[+-]?\d+(\.\d+)?[eE][+-]?\d+")


def amount(value, thousands: str | None = None) -> Decimal | None:
    """An amount in EUR cents, or None for an empty cell.

    Numbers (JSON, spreadsheets) are taken as they are, rounded to cents. Text may carry a
    currency sign or word, spaces or dots or commas between thousands and a comma or dot
    before the decimals: "2 294 882 €", "1.376.708,50 EUR", "EUR 1,376,708", "1.2E+7".
    With one separator followed by exactly three digits ("15.414") the reading is
    ambiguous; `thousands` says which separator the source uses for thousands, and without
    it a lone dot is a decimal point and a lone comma a thousands separator, as in the
    English-language lists."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ValueError(f"expected an amount, got {value!r}")
    if isinstance(value, int | float | Decimal):
        return _cents(Decimal(str(value)))
    text = _SPACES.sub("", _CURRENCY.sub("", str(value)))
    if not text:
        return None
    if _SCIENTIFIC.fullmatch(text):
        return _cents(Decimal(text))
    if not re.fullmatch(r"[+-]?[\d.,]*\d", text):
        raise ValueError(f"not an amount: {value!r}")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
    elif dots > 1 or commas > 1:
        decimal_mark = "," if dots > 1 else "."
    elif dots or commas:
        mark = "." if dots else ","
        decimals = len(text) - text.rfind(mark) - 1
        if decimals == 3 and thousands is not None:
            decimal_mark = "," if thousands == "." else "."
        elif decimals == 3 and mark == ",":
            decimal_mark = "."
        else:
            decimal_mark = mark
    else:
        decimal_mark = "."
    grouping = "," if decimal_mark == "." else "."
    whole, _, decimals = text.replace(grouping, "").partition(decimal_mark)
    if decimal_mark in decimals:
        raise ValueError(f"not an amount: {value!r}")
    return _cents(Decimal(f"{whole}.{decimals or 0}"))


def _cents(number: Decimal) -> Decimal:
    try:
        return number.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as e:
        raise ValueError(f"not an amount: {number!r}") from e


def rate(value) -> Decimal | None:
    """A co-financing rate in percent: "85.00%", "85%", 85 and 0.85 all give 85.00."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"expected a rate, got {value!r}")
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as e:
        raise ValueError(f"not a rate: {value!r}") from e
    if 0 < number <= 1 and "%" not in str(value):
        number *= 100
    if not 0 <= number <= 100:
        raise ValueError(f"rate out of range: {value!r}")
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:?\d{2})?)?"
)


def date(value) -> datetime.date | None:
    """A date written "21.03.2017", "01/08/2019" (always day first: these are European
    lists), "2017-06-01" or as a spreadsheet timestamp "2018-01-31T21:00:00.000Z".

    Spreadsheets saved east of Greenwich store local midnight as the evening before in
    UTC: a timestamp from noon on is read as the next day ("2018-01-31T21:00Z" is
    1 February 2018)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date() if value.hour < 12 else value.date() + datetime.timedelta(days=1)
        return value
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        return _checked(year, month, day, value)
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups()[:3])
        result = _checked(year, month, day, value)
        if match.group(4) is not None and match.group(6) == "Z" and int(match.group(4)) >= 12:
            result += datetime.timedelta(days=1)
        return result
    raise ValueError(f"not a date (day.month.year or year-month-day): {value!r}")


def _checked(year: int, month: int, day: int, original) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as e:
        raise ValueError(f"impossible date {original!r}: {e}") from e


def cells(value) -> list[str]:
    """The values of a cell that lists one per partner, "A;B;C"; [] for an empty cell."""
    if value is None:
        return []
    if isinstance(value, int | float):
        return [str(value)]
    return [" ".join(part.split()) for part in str(value).split(";")]


def text(value) -> str:
    """A cell as one line of text, whitespace runs folded."""
    if value is None:
        return ""
    return " ".join(str(value).split())
