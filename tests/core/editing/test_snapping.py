"""Selections snap to whole words and never split an emoji or a combining sequence."""

from __future__ import annotations

import pytest

from lectern.core.editing.snapping import snap_to_clusters, snap_to_words

TEXT = "The minister's plan, well-known, cost 4.5 billion. Café 👍🏽 done 🇬🇪 e\u0301t\u00e9."


def span_of(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(("picked", "expected"), [
    ("inis", "minister's"),
    ("s plan, we", "minister's plan, well-known"),
    (" plan,", "plan,"),
    ("ll-kn", "well-known"),
    ("Caf", "Café"),
])
def test_partial_words_widen_to_whole_words(picked, expected):
    start, end = span_of(picked)
    assert TEXT[slice(*snap_to_words(TEXT, start, end))] == expected


def test_whole_word_stays_and_spaces_are_trimmed():
    start, end = span_of(" cost ")
    assert TEXT[slice(*snap_to_words(TEXT, start, end))] == "cost"


def test_emoji_with_skin_tone_is_never_split():
    thumb = TEXT.index("👍")
    assert snap_to_clusters(TEXT, thumb, thumb + 1) == (thumb, thumb + 2)
    assert snap_to_clusters(TEXT, thumb + 1, thumb + 2) == (thumb, thumb + 2)


def test_flag_pair_is_never_split():
    flag = TEXT.index("🇬")
    assert snap_to_clusters(TEXT, flag + 1, flag + 2) == (flag, flag + 2)


def test_combining_accent_stays_with_its_letter():
    e = TEXT.index("e\u0301")
    assert snap_to_clusters(TEXT, e, e + 1) == (e, e + 2)
    assert TEXT[slice(*snap_to_words(TEXT, e, e + 1))] == "e\u0301t\u00e9"


def test_zwj_family_is_one_cluster():
    text = "a 👩\u200d👩\u200d👧 b"
    start = text.index("👩")
    assert snap_to_clusters(text, start + 2, start + 3) == (start, start + 5)


def test_only_punctuation_is_left_alone():
    comma = TEXT.index(",")
    assert snap_to_words(TEXT, comma, comma + 1) == (comma, comma + 1)
