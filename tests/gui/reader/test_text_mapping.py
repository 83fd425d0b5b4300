"""Core offsets <-> Qt positions: emoji, astral characters, CRLF input, accents, NBSP, tabs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from lectern.core.document import canonical_text
from lectern.gui.reader.text_mapping import OffsetMap

TRICKY = canonical_text(
    "Fans 🎉 cheer\r\ne\u0301t\u00e9 caf\u00e9\u00a0bar\tend 𝔐𝔞𝔯𝔦𝔞 👩‍👩‍👧 done\r\n"
)


def qt_text_between(document: QTextDocument, start: int, end: int) -> str:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def test_every_word_maps_to_the_same_text_in_qt(qapp):
    document = QTextDocument()
    document.setPlainText(TRICKY)
    offsets = OffsetMap(TRICKY)
    assert offsets.qt_length == document.characterCount() - 1
    for word_start in range(len(TRICKY)):
        for word_end in (word_start + 1, min(len(TRICKY), word_start + 5)):
            qt_start, qt_end = offsets.span_to_qt(word_start, word_end)
            assert qt_text_between(document, qt_start, qt_end) == TRICKY[word_start:word_end]
            assert offsets.span_to_core(qt_start, qt_end) == (word_start, word_end)


def test_position_inside_a_surrogate_pair_never_splits_the_character():
    text = "a🎉b"
    offsets = OffsetMap(text)
    assert offsets.to_qt(1) == 1 and offsets.to_qt(2) == 3
    assert offsets.to_core(2) == 1  # between the halves: snaps to the emoji's start
    assert offsets.span_to_core(1, 2) == (1, 2)  # a half-selected emoji becomes the whole one


def test_plain_bmp_text_is_the_identity():
    offsets = OffsetMap("plain café text")
    assert all(offsets.to_qt(i) == i and offsets.to_core(i) == i for i in range(16))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0é\u0301🎉𝔐中")), max_size=60))
def test_round_trip_for_any_text(text):
    offsets = OffsetMap(text)
    for offset in range(len(text) + 1):
        assert offsets.to_core(offsets.to_qt(offset)) == offset
    assert offsets.qt_length == len(text.encode("utf-16-le")) // 2
