"""Snap a selected span of text to whole words, never splitting a user-perceived character.

Pure text logic (code-point offsets into ``Document.text``), so the GUI's selection rules
can be tested without a display. Clusters are approximated without a full UAX #29
segmenter: combining marks, variation selectors, emoji modifiers, ZWJ sequences and
regional-indicator pairs stay with the character they extend.
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"
# Apostrophes and hyphens inside a word keep it whole ("don't", "well-known").
INNER_WORD_CHARS = frozenset("'’-\u00ad")


def _extends(char: str) -> bool:
    """True for a code point that attaches to the one before it."""
    code = ord(char)
    return (unicodedata.combining(char) != 0
            or unicodedata.category(char) in ("Mn", "Me", "Mc")
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors
            or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
            or 0xE0020 <= code <= 0xE007F  # emoji tag characters
            or char == ZWJ)


def _is_regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def cluster_start(text: str, offset: int) -> int:
    """The start of the character cluster that holds ``offset``."""
    offset = min(max(offset, 0), len(text))
    while 0 < offset < len(text) and (_extends(text[offset])
                                      or (offset >= 1 and text[offset - 1] == ZWJ)):
        offset -= 1
    if 0 < offset < len(text) and _is_regional(text[offset]):
        # Regional indicators pair up from the start of their run: a flag is two of them.
        run = offset
        while run > 0 and _is_regional(text[run - 1]):
            run -= 1
        if (offset - run) % 2:
            offset -= 1
    return offset


def cluster_end(text: str, offset: int) -> int:
    """The end of the character cluster that ends at or after ``offset``."""
    offset = min(max(offset, 0), len(text))
    if offset == 0 or offset == len(text):
        return offset
    start = cluster_start(text, offset)
    if start == offset:
        return offset  # already a boundary
    offset = start + 1
    if _is_regional(text[start]) and offset < len(text) and _is_regional(text[offset]):
        offset += 1
    while offset < len(text) and (_extends(text[offset]) or text[offset - 1] == ZWJ):
        offset += 1
    return offset


def snap_to_clusters(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that neither edge splits a character cluster."""
    start = cluster_start(text, start)
    return start, max(start, cluster_end(text, end))


def _word_char(text: str, index: int) -> bool:
    char = text[index]
    if char.isalnum() or _extends(char):
        return True
    # An apostrophe or hyphen counts only between two letters.
    return (char in INNER_WORD_CHARS and 0 < index < len(text) - 1
            and text[index - 1].isalnum() and text[index + 1].isalnum())


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words and trim surrounding spaces; clusters stay whole.

    A selection of only spaces or punctuation is left as it is (snapped to clusters).
    """
    start, end = snap_to_clusters(text, start, end)
    inner_start, inner_end = start, end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    if inner_start == inner_end:
        return start, end
    start, end = inner_start, inner_end
    if _word_char(text, start):
        while start > 0 and _word_char(text, start - 1):
            start -= 1
    if _word_char(text, end - 1):
        while end < len(text) and _word_char(text, end):
            end += 1
    return snap_to_clusters(text, start, end)
