"""Amounts in text: money, percentages, quantities with units and bare counts, normalised."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lectern.core.extract.anchors import scan_anchors
from lectern.core.extract.gazetteers import (
    lexicon_numbers,
    lexicon_phrases,
    lexicon_table,
    lexicon_words,
)
from lectern.core.extract.plurals import counted_after
from lectern.core.extract.spans import Candidate, anchored_matches

WORD_VALUES = lexicon_numbers("number_words")
SCALES = lexicon_numbers("scales")
CURRENCY_SYMBOLS = lexicon_table("currency_symbols")
CURRENCY_WORDS = lexicon_table("currency_words")
CURRENCY_CODES = tuple(sorted(lexicon_words("currency_codes")))
UNITS = lexicon_table("units")
APPROX_WORDS = lexicon_phrases("hedges")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_APPROX = rf"(?P<approx>(?i:{_alternation(APPROX_WORDS)}))[ \u00a0]+"
# Digits with optional thousands separators and decimals, not part of a longer number ("1.2.3").
_DIGITS = r"(?<![\w.,/:-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,:]\d)"
_WORD_NUMBER = (
    rf"(?i:\b(?:{_alternation(WORD_VALUES)})"
    rf"(?:[- ](?:{_alternation(k for k, v in WORD_VALUES.items() if v < 10)}))?\b)"
)
# "3.2 billion", "3.2bn", "5m": scale words may stand apart, scale letters are written on
_SCALE = (
    rf"(?:[ \u00a0]?(?:{_alternation(k for k in SCALES if len(k) > 1)})\b"
    rf"|(?:{_alternation(k for k in SCALES if len(k) <= 2)})\b)"
)
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
    pending: tuple[Candidate, re.Match[str]] | None = None
    for match in anchored_matches(AMOUNT_PATTERN, anchors, text, start, end, _LEAD_WORDS):
        candidate = amount_candidate(text, match)
        if candidate is None:
            continue
        if pending is not None:
            merged = _range(text, *pending, candidate, match)
            if merged is not None:
                pending = None
                yield merged
                continue
            yield pending[0]
        pending = (candidate, match)
    if pending is not None:
        yield pending[0]


# "1 to 1.5 million tons", "10-12 people": one range, valued at its low end
_RANGE_GAP = re.compile(r"[ \u00a0]*(?:[-–]|to)[ \u00a0]*")


def _range(
    text: str, low: Candidate, low_match: re.Match[str], high: Candidate, high_match: re.Match[str]
) -> Candidate | None:
    if (
        low.label != "CARDINAL"
        or low_match.group("scale")
        or (high.label == "CARDINAL" and not high_match.group("scale"))
        or not _RANGE_GAP.fullmatch(text, low.end, high.start)
    ):
        return None
    value = number_value(low_match.group("number"), high_match.group("scale"))
    if value is None:
        return None
    return Candidate(low.start, high.end, high.label, value=value, unit=high.unit,
                     approx=low.approx or high.approx)


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
    if not scale and not approx and _YEAR.fullmatch(number) and not counted_after(text, end):
        return None  # a year: the date recogniser owns it
    if not scale and len(number) <= 2 and number.isdigit():
        score = _SCORE_REST.match(text, end)
        if score and not counted_after(text, score.end()):
            return None
    if scale and scale.strip() in ("m", "k", "bn"):
        return None  # "5m" without a currency is too ambiguous to call a count
    if number.lower() == "one" and not approx and text.startswith(" of", end):
        return None  # "one of the most ..." is a pronoun use
    return Candidate(start, end, "CARDINAL", value=value, approx=approx)
