"""Amounts in text: money, percentages, quantities with units and bare counts, normalised."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lectern.core.extract.anchors import scan_anchors
from lectern.core.extract.spans import Candidate, anchored_matches

WORD_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
CURRENCY_SYMBOLS = {
    "US$": "USD",
    "$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "₼": "AZN",
    "₾": "GEL",
    "₴": "UAH",
    "₩": "KRW",
    "R$": "BRL",
}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "manat": "AZN",
    "manats": "AZN",
    "lari": "GEL",
    "hryvnia": "UAH",
    "francs": "CHF",
    "swiss francs": "CHF",
    "lira": "TRY",
    "liras": "TRY",
    "won": "KRW",
}
CURRENCY_CODES = (
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RUB",
    "AZN",
    "GEL",
    "INR",
    "CHF",
    "CAD",
    "AUD",
    "TRY",
    "UAH",
    "KRW",
    "BRL",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "HUF",
    "CZK",
    "ZAR",
    "MXN",
)
UNITS = {
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "mile",
    "mile": "mile",
    "m": "m",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "cm": "cm",
    "mm": "mm",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "inch": "in",
    "kg": "kg",
    "kilograms": "kg",
    "kilogram": "kg",
    "grams": "g",
    "gram": "g",
    "g": "g",
    "tonnes": "t",
    "tonne": "t",
    "tons": "t",
    "ton": "t",
    "pounds": "lb",
    "lbs": "lb",
    "lb": "lb",
    "litres": "l",
    "liters": "l",
    "litre": "l",
    "liter": "l",
    "gallons": "gal",
    "gallon": "gal",
    "barrels": "bbl",
    "barrel": "bbl",
    "acres": "acre",
    "acre": "acre",
    "hectares": "ha",
    "hectare": "ha",
    "ha": "ha",
    "degrees": "deg",
    "°c": "degC",
    "°f": "degF",
    "mph": "mph",
    "km/h": "km/h",
    "kwh": "kWh",
    "mwh": "MWh",
    "mw": "MW",
    "gw": "GW",
    "megawatts": "MW",
    "gigawatts": "GW",
    "square kilometres": "km2",
    "square kilometers": "km2",
    "square km": "km2",
    "sq km": "km2",
    "square metres": "m2",
    "square meters": "m2",
    "square meter": "m2",
    "square metre": "m2",
    "square miles": "mi2",
    "square feet": "ft2",
    "cubic metres": "m3",
    "cubic meters": "m3",
}
APPROX_WORDS = (
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "more than",
    "over",
    "less than",
    "fewer than",
    "under",
    "at least",
    "up to",
    "close to",
    "an estimated",
    "just over",
    "just under",
    "upwards of",
    "as many as",
    "as much as",
    "in excess of",
)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_APPROX = rf"(?P<approx>(?i:{_alternation(APPROX_WORDS)}))[ \u00a0]+"
# Digits with optional thousands separators and decimals, not part of a longer number ("1.2.3").
_DIGITS = r"(?<![\w.,/:-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,:]\d)"
_WORD_NUMBER = (
    rf"(?i:\b(?:{_alternation(k for k in WORD_VALUES if k != 'dozen')})"
    rf"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\b)"
)
_SCALE = r"(?:[ \u00a0]?(?:hundred|thousand|million|billion|trillion|mn|bn|tn)\b|(?:m|bn|k)\b)"
_NUMBER = rf"(?P<number>{_DIGITS}|{_WORD_NUMBER})(?P<scale>{_SCALE})?"
_SYMBOL = _alternation(CURRENCY_SYMBOLS)
_CODE = _alternation(CURRENCY_CODES)
_CURRENCY_WORD = _alternation(CURRENCY_WORDS)
_UNIT = _alternation(UNITS)

AMOUNT_PATTERN = re.compile(
    rf"(?:\b{_APPROX})?"
    rf"(?:(?P<symbol>{_SYMBOL})[ \u00a0]?|(?P<code>\b(?:{_CODE}))[ \u00a0]?)?"
    rf"{_NUMBER}(?:"
    rf"[ \u00a0]?(?P<percent>%|(?i:percent|per cent)\b)"
    rf"|[ \u00a0](?P<currency>(?i:{_CURRENCY_WORD}))\b"
    rf"|[ \u00a0-]?(?P<unit>(?i:{_UNIT}))(?![\w/])"
    rf")?"
)
_LEAD_WORDS = (
    frozenset(word for phrase in APPROX_WORDS for word in phrase.split())
    | frozenset(code.lower() for code in CURRENCY_CODES)
    | frozenset(symbol.lower() for symbol in CURRENCY_SYMBOLS)
)
# Four-digit numbers that read as years are left to the date recogniser.
_YEAR = re.compile(r"(?:1[5-9]\d\d|20\d\d)")
_PLURAL_AFTER = re.compile(r"[ \u00a0]+[a-z]+s\b")
# "won 3-2", "a 1–1 draw": a score, not a count (a range of things, "10-12 people", stays)
_SCORE_REST = re.compile(r"[–-]\d{1,2}(?![\d.,:/%])")


def number_value(number: str, scale: str | None = None) -> float | int | None:
    """``"1,200"`` → 1200, ``"35.1", "million"`` → 35100000, ``"twenty-five"`` → 25."""
    number = number.strip().lower()
    if not number:
        return None
    if number[0].isdigit():
        try:
            value: float = float(number.replace(",", ""))
        except ValueError:
            return None
    else:
        parts = re.split(r"[- ]", number)
        if not all(p in WORD_VALUES for p in parts):
            return None
        value = sum(WORD_VALUES[p] for p in parts)
    if scale:
        value *= SCALES.get(scale.strip().lower(), 1)
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def find_amounts(
    text: str, start: int = 0, end: int | None = None, anchors: Iterable[int] | None = None
) -> Iterator[Candidate]:
    """Every money, percent, quantity and cardinal expression in ``text[start:end]``.

    ``anchors`` are the amount anchors of that stretch (``scan_anchors``), found if not given.
    """
    end = len(text) if end is None else end
    if anchors is None:
        anchors = scan_anchors(text, start, end)[1]
    for match in anchored_matches(AMOUNT_PATTERN, anchors, text, start, end, _LEAD_WORDS):
        candidate = amount_candidate(text, match)
        if candidate is not None:
            yield candidate


def amount_candidate(text: str, match: re.Match[str]) -> Candidate | None:
    number, scale, approx_word, symbol, code, currency, percent, unit_word = match.group(
        "number", "scale", "approx", "symbol", "code", "currency", "percent", "unit"
    )
    value = number_value(number, scale)
    if value is None:
        return None
    approx = approx_word is not None
    start, end = match.span()
    if symbol or code or currency:
        unit = (
            CURRENCY_SYMBOLS.get(symbol or "")
            or code
            or CURRENCY_WORDS.get((currency or "").lower())
        )
        return Candidate(start, end, "MONEY", value=value, unit=unit, approx=approx)
    if percent:
        return Candidate(start, end, "PERCENT", value=value, unit="%", approx=approx)
    if unit_word:
        unit = UNITS.get(unit_word.lower(), unit_word)
        if unit in ("m", "g") and not number[0].isdigit():
            return None  # "two m" is not a measurement
        return Candidate(start, end, "QUANTITY", value=value, unit=unit, approx=approx)
    if not scale and not approx and _YEAR.fullmatch(number) and not _PLURAL_AFTER.match(text, end):
        return None  # a year: the date recogniser owns it
    if not scale and len(number) <= 2 and number.isdigit():
        score = _SCORE_REST.match(text, end)
        if score and not _PLURAL_AFTER.match(text, score.end()):
            return None
    if scale and scale.strip() in ("m", "k", "bn"):
        return None  # "5m" without a currency is too ambiguous to call a count
    if number.lower() == "one" and not approx and text.startswith(" of", end):
        return None  # "one of the most ..." is a pronoun use
    return Candidate(start, end, "CARDINAL", value=value, approx=approx)
