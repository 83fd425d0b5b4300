"""Find in the article: case is ignored and every span is exact, whatever the text holds."""

from __future__ import annotations

import pytest

from lectern.core.readouts.find import find_matches


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("The Mayor and the MAYOR", "mayor", [(4, 9), (18, 23)]),
    # ß folds to "ss" (one character to two): offsets after it must not shift
    ("Straße. The mayor spoke.", "mayor", [(12, 17)]),
    ("İstanbul mayor", "MAYOR", [(9, 14)]),
    ("😀 Mayor 😀 mayor", "mayor", [(2, 7), (10, 15)]),
    ("aaaa", "aa", [(0, 2), (2, 4)]),  # matches do not overlap
    ("nothing here", "mayor", []),
    ("anything", "", []),
    ("a.b a-b", ".", [(1, 2)]),  # the phrase is text, not a pattern
])
def test_matches_ignore_case_with_exact_offsets(text, phrase, expected):
    found = find_matches(text, phrase)
    assert found == expected
    assert all(text[s:e].casefold() == phrase.casefold() for s, e in found)


def test_counting_stops_at_the_limit():
    assert len(find_matches("ab " * 1000, "ab", limit=10)) == 10
