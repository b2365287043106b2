"""Dates for people, at the precision the source stated them: a phase "2016-2018" was
never meant to start on 1 January."""

import datetime

from django.utils import dateformat

FORMATS = {"day": "j F Y", "month": "F Y", "year": "Y"}


def format_date(value: datetime.date | None, precision: str = "day") -> str:
    """'1 April 2016', 'April 2016' or '2016'."""
    if value is None:
        return ""
    return dateformat.format(value, FORMATS.get(precision, FORMATS["day"]))


def format_span(
    start: datetime.date | None, end: datetime.date | None, precision: str = "day"
) -> str:
    """'2016–2018', 'August 2019 – July 2021', or an open span such as 'from 1 April 2016'."""
    first, last = format_date(start, precision), format_date(end, precision)
    if first and last:
        if first == last:
            return first
        return f"{first}–{last}" if precision == "year" else f"{first} – {last}"
    if first:
        return f"from {first}"
    if last:
        return f"until {last}"
    return ""
