"""Facts and dates written for people: "$35.1 million", "≈ 1,200 students", "May 2009"."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
SHORT_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))
APPROX = "≈ "


def format_number(value: float) -> str:
    """1200 -> "1,200"; 48600000 -> "48.6 million"; 2.5 -> "2.5"."""
    for scale, word in SCALES:
        if abs(value) >= scale:
            return f"{value / scale:,.1f}".removesuffix(".0") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def short_number(value: float) -> str:
    """A compact label for a chart: 48600000 -> "48.6M", 1200 -> "1.2k"."""
    for scale, suffix in SHORT_SCALES:
        if abs(value) >= scale:
            return f"{value / scale:.1f}".removesuffix(".0") + suffix
    return format_number(value)


def format_amount(kind: str, value: Any, unit: str | None, approx: bool = False,
                  short: bool = False) -> str:
    """A fact's value with its unit or currency, marked when approximate."""
    if not isinstance(value, int | float):
        return format_date(str(value)) if kind == "date" else str(value)
    number = short_number(value) if short else format_number(value)
    if kind == "money" and unit:
        symbol = CURRENCY_SYMBOLS.get(unit)
        text = f"{symbol}{number}" if symbol else f"{number} {unit}"
    elif kind == "percent" or unit == "%":
        text = f"{number}%"
    elif unit:
        text = f"{number} {unit}"
    else:
        text = number
    return APPROX + text if approx else text


def format_fact_value(fact: Any, short: bool = False) -> str:
    return format_amount(fact.kind, fact.value, fact.unit, fact.approx, short)


def parse_partial_date(text: str | None) -> tuple[date, date] | None:
    """The first and last day covered by "2009", "2009-Q3", "2009-01" or "2009-01-05";
    None if unplaced."""
    if not text or text.startswith("-"):
        return None
    parts = text.split("-")
    if len(parts[0]) != 4:
        return None  # "20" (a century) or "199" (a decade) is a period, not an event to plot
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        if parts[1][:1] in "Qq":  # a fiscal quarter: three months
            first = 3 * (int(parts[1][1:]) - 1) + 1
            last = first + 2
            return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
        month = int(parts[1])
        if len(parts) == 2:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(parts[2]))
        return day, day
    except (ValueError, IndexError):
        return None


def format_date(text: str | None) -> str:
    """ISO-ish partial date as people write it: "2009", "January 2009", "20 May 1992"."""
    if not text:
        return ""
    parts = text.split("-")
    try:
        if text.startswith("--") and len(parts) == 4:  # --MM-DD: a day with no year
            return f"{int(parts[3])} {calendar.month_name[int(parts[2])]}"
        if len(parts) == 1 and len(parts[0]) == 2:  # ISO century "20": the years 2000-2099
            return f"{_ordinal(int(parts[0]) + 1)} century"
        if len(parts) == 1 and len(parts[0]) == 3:  # ISO decade "199"
            return f"{parts[0]}0s"
        if len(parts) == 1:
            return str(int(parts[0]))
        if len(parts) == 2 and parts[1][:1] in "Qq":
            return f"Q{int(parts[1][1:])} {int(parts[0])}"
        if len(parts) == 2:
            return f"{calendar.month_name[int(parts[1])]} {int(parts[0])}"
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {int(parts[0])}"
    except (ValueError, IndexError):
        return text


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
