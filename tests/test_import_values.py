import datetime
from decimal import Decimal

import pytest

from corridor.ingest import values


@pytest.mark.parametrize(
    ("text", "thousands", "expected"),
    [
        ("2 294 882 €", None, "2294882.00"),
        ("1.376.708,50 EUR", None, "1376708.50"),
        ("EUR 1,376,708", None, "1376708.00"),
        ("€ 28,890,790.79", None, "28890790.79"),
        ("117164.41€", None, "117164.41"),
        ("451412.010000000009313", None, "451412.01"),
        ("4.729375062E7", None, "47293750.62"),
        ("3.8044078757E8", None, "380440787.57"),
        ("15.414.794", ".", "15414794.00"),
        ("7.707", ".", "7707.00"),
        ("7.707", None, "7.71"),
        (2667650.1999999997, None, "2667650.20"),
        (30123, None, "30123.00"),
    ],
)
def test_amounts_in_every_convention(text, thousands, expected):
    assert values.amount(text, thousands=thousands) == Decimal(expected)


@pytest.mark.parametrize("text", ["lots", "1.2.3,4,5", "12 Mio", True])
def test_unreadable_amounts_are_refused(text):
    with pytest.raises(ValueError):
        values.amount(text)


def test_empty_cells_are_no_amount():
    assert values.amount("") is None
    assert values.amount(None) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("85.00%", "85.00"), ("85%", "85.00"), (85, "85.00"), (0.85, "85.00"), ("83", "83.00")],
)
def test_rates_as_fraction_or_percentage(cell, expected):
    assert values.rate(cell) == Decimal(expected)


def test_a_rate_over_100_is_refused():
    with pytest.raises(ValueError, match="out of range"):
        values.rate("185%")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("21.03.2017", datetime.date(2017, 3, 21)),
        ("01/08/2019", datetime.date(2019, 8, 1)),
        ("2017-06-01", datetime.date(2017, 6, 1)),
        ("25.05.2020 00:00", datetime.date(2020, 5, 25)),
        # Local midnight east of Greenwich, stored in UTC: the next day is meant.
        ("2018-01-31T21:00:00.000Z", datetime.date(2018, 2, 1)),
        ("2018-01-01T00:00:00.000Z", datetime.date(2018, 1, 1)),
        (datetime.datetime(2016, 12, 31, 22, 0), datetime.date(2017, 1, 1)),
    ],
)
def test_dates_day_first_or_iso(cell, expected):
    assert values.date(cell) == expected


@pytest.mark.parametrize("cell", ["31.02.2017", "2017-13-01", "next spring"])
def test_impossible_dates_are_refused(cell):
    with pytest.raises(ValueError):
        values.date(cell)


def test_cells_split_on_semicolons_and_fold_spaces():
    assert values.cells("A ;  B  b;C") == ["A", "B b", "C"]
    assert values.cells(None) == []
