import datetime

import pytest

from corridor.lib.dates import format_date, format_span

START, END = datetime.date(2019, 8, 1), datetime.date(2021, 7, 31)


@pytest.mark.parametrize(
    "precision, expected",
    [("day", "1 August 2019"), ("month", "August 2019"), ("year", "2019")],
)
def test_a_date_is_shown_at_its_precision(precision, expected):
    assert format_date(START, precision) == expected


@pytest.mark.parametrize(
    "start, end, precision, expected",
    [
        (START, END, "day", "1 August 2019 – 31 July 2021"),
        (START, END, "month", "August 2019 – July 2021"),
        (START, END, "year", "2019–2021"),
        (START, datetime.date(2019, 12, 31), "year", "2019"),
        (START, None, "day", "from 1 August 2019"),
        (None, END, "month", "until July 2021"),
        (None, None, "day", ""),
    ],
)
def test_a_span_is_shown_at_its_precision(start, end, precision, expected):
    assert format_span(start, end, precision) == expected
