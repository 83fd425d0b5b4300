"""The marked-text cell's line (Library hits, Passages): too long for its column, it ends
in "…" with its bold stretches measured in bold and the marks cut with it."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF

from lectern.gui.widgets.marked_text import ELLIPSIS, elided

TEXT = "…said the port would grow. The harbour authority chief Teymur Musayev told reporters"


def test_a_line_that_fits_is_left_as_it_is(qapp):
    font = QFont()
    assert elided(TEXT, [(4, 8)], font, 10_000) == (TEXT, [(4, 8)])


def test_a_long_line_ends_in_an_ellipsis_within_its_width(qapp):
    font = QFont()
    plain = QFontMetricsF(font)
    width = plain.horizontalAdvance(TEXT) / 2
    line, marks = elided(TEXT, [(4, 8), (60, 70)], font, width)
    assert line.endswith(ELLIPSIS) and TEXT.startswith(line[:-1])
    assert plain.horizontalAdvance(line) <= width
    assert marks == [(4, 8)]  # the mark past the cut goes with it


def test_bold_stretches_are_measured_in_bold(qapp):
    font = QFont()
    width = QFontMetricsF(font).horizontalAdvance(TEXT) * 0.9
    plain_cut, _ = elided(TEXT, [], font, width)
    bold_cut, marks = elided(TEXT, [(0, len(TEXT))], font, width)
    assert len(bold_cut) < len(plain_cut)  # bold is wider: less of it fits
    assert marks == [(0, len(bold_cut) - 1)]  # the ellipsis itself is not bold
