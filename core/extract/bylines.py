"""Bylines and datelines: the lines that say who wrote an article, where and when it was filed.

"By Staff Reporter, June 3, 2024" and "FRANKFURT, Oct. 24, 2024 (Reuters) - Nordvik ..." carry
the publication date, not an event of the story; the capitalised word opening a dateline is
the place it was filed from, and a lone word in its parenthesis is the news agency.
"""

from __future__ import annotations

import re

from lectern.core.extract.spans import Candidate

PUBLISHED = "published"  # the fact subject given to a byline's or dateline's date
BYLINE_MAX_CHARS = 120  # a byline is a short line; a longer one is a sentence starting "By"
DATELINE_MAX_CHARS = 60  # from a line's start to the dateline's date or dash

_BYLINE = re.compile(r"(?:By|BY|Published|Updated|Posted|Last updated|First published)\b")
# "FRANKFURT, " or "SAN JOSE, Calif., " or "ODESSA " at the start of a line
_DATELINE_PLACE = re.compile(
    r"[A-Z][A-Z'’.-]+(?:[ \u00a0][A-Z][A-Z'’.-]+){0,3}"
    r"(?:,[ \u00a0][A-Z][a-z]{1,12}\.?)?,?[ \u00a0]+"
)
# what closes a dateline after its date: an optional "(Agency)" then a dash
_DATELINE_CLOSE = re.compile(r"[ \u00a0]*(?:\([^()\n]{1,40}\)[ \u00a0]*)?(?:-{1,3}|—|–)[ \u00a0]")
# "ODESSA, May 12 (Xinhua) --", "LONDON (Reuters) -": the place is followed by a date or agency
_PLACE_CLOSE = re.compile(
    r"(?:,[ \u00a0][A-Z][a-z]{1,12}\.?)?,?[ \u00a0]+"
    r"(?:\(|[A-Z][a-z]{2,8}\.?[ \u00a0]\d|-{1,3}[ \u00a0]|[—–])"
)


def line_start(text: str, offset: int, window: int) -> int | None:
    """Start of the line holding ``offset`` if it lies within ``window`` characters, else None."""
    floor = max(0, offset - window)
    newline = text.rfind("\n", floor, offset)
    if newline >= 0:
        return newline + 1
    return 0 if floor == 0 else None


def is_publication_date(text: str, date: Candidate) -> bool:
    """Whether ``date`` stands in a byline or a dateline (so it dates the article itself)."""
    start = line_start(text, date.start, BYLINE_MAX_CHARS)
    if start is None:
        return False
    if _BYLINE.match(text, start):
        line_end = text.find("\n", date.end, start + BYLINE_MAX_CHARS + 1)
        return line_end >= 0 or len(text) - start <= BYLINE_MAX_CHARS
    if date.start - start > DATELINE_MAX_CHARS:
        return False
    place = _DATELINE_PLACE.match(text, start, date.start)
    return (
        place is not None
        and place.end() == date.start
        and _DATELINE_CLOSE.match(text, date.end) is not None
    )


def relabel_datelines(text: str, candidates: list[Candidate]) -> None:
    """An unknown all-capitals name opening a dateline ("ODESSA, May 12 -") is a place."""
    for candidate in candidates:
        if candidate.label != "ORG" or not _opens_line(text, candidate.start):
            continue
        name = text[candidate.start : candidate.end]
        if len(name) > 3 and name.isupper() and _PLACE_CLOSE.match(text, candidate.end):
            candidate.label = "GPE"
            candidate.key = name.title()


def _opens_line(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] == "\n"
