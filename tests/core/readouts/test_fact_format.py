"""Figures and dates as the panels and the chart show them to people."""

from __future__ import annotations

from datetime import date

import pytest

from lectern.core.readouts.fact_format import (
    format_amount,
    format_date,
    parse_partial_date,
    short_number,
)


@pytest.mark.parametrize(
    ("kind", "value", "unit", "approx", "shown"),
    [
        ("money", 35_100_000, "USD", False, "$35.1 million"),
        ("money", 12_000_000, "EUR", False, "€12 million"),
        ("money", 2_500, "CHF", False, "2,500 CHF"),
        ("count", 1200, "students", True, "≈ 1,200 students"),
        ("percent", 15, "%", True, "≈ 15%"),
        ("quantity", 2.5, "km", False, "2.5 km"),
        ("date", "2009-01", None, False, "January 2009"),
    ],
)
def test_values_read_as_a_newsroom_writes_them(kind, value, unit, approx, shown):
    assert format_amount(kind, value, unit, approx) == shown


def test_chart_labels_are_compact():
    assert short_number(48_600_000) == "48.6M"
    assert short_number(1200) == "1.2k"
    assert short_number(40) == "40"


@pytest.mark.parametrize(
    ("iso", "first", "last", "shown"),
    [
        ("1992", date(1992, 1, 1), date(1992, 12, 31), "1992"),
        ("2009-01", date(2009, 1, 1), date(2009, 1, 31), "January 2009"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
        ("1992-11-27", date(1992, 11, 27), date(1992, 11, 27), "27 November 1992"),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30), "Q3 2024"),
    ],
)
def test_partial_dates_cover_their_whole_period(iso, first, last, shown):
    assert parse_partial_date(iso) == (first, last)
    assert format_date(iso) == shown


@pytest.mark.parametrize("unplaced", [None, "", "--03-14", "20", "nonsense", "2024-13"])
def test_dates_that_cannot_be_placed_are_left_off_the_timeline(unplaced):
    assert parse_partial_date(unplaced) is None
