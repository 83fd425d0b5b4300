"""Find in an article: every place a phrase occurs, ignoring case, as exact offsets."""

from __future__ import annotations

import re

MAX_MATCHES = 100_000  # counting stops here on huge articles so typing stays quick


def find_matches(text: str, phrase: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
    """``(start, end)`` of each occurrence of ``phrase`` in ``text``, ignoring case.

    The match runs on the text itself (not on a case-folded copy, whose offsets shift when
    folding changes a length, as "ß" -> "ss" does), so every span is exact.
    """
    if not phrase:
        return []
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    found: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if len(found) >= limit:
            break
        found.append(match.span())
    return found
