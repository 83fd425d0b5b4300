"""Tags, the selection and the analysis marks are told apart at a glance, in light and dark,
also by people with protanopia, deuteranopia or tritanopia (simulated)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat

from lectern.core.readouts.colour_vision import Vision, blend, closest_pair, distance
from lectern.core.tags import SPARE_COLOURS, default_scheme
from lectern.gui.annotating.layer import DARK_ALPHA, LIGHT_ALPHA
from lectern.gui.shell.theme import SELECTION_COLOURS, dark_palette, light_palette

PAGES = {False: light_palette().base().color().name(), True: dark_palette().base().color().name()}
ALPHAS = {False: LIGHT_ALPHA, True: DARK_ALPHA}
MIN_TAG_DISTANCE = 8.0  # ΔE between any two tags' highlights, for any vision
MIN_PAGE_DISTANCE = 6.0  # a highlight stands out from the page
MIN_SELECTION_DISTANCE = 30.0


def _highlights(dark: bool) -> dict[str, str]:
    return {tag.name: blend(PAGES[dark], tag.colour, ALPHAS[dark]) for tag in default_scheme()}


@pytest.mark.parametrize("dark", [False, True])
def test_every_pair_of_default_tags_looks_different_to_everyone(dark):
    worst, a, b, vision = closest_pair(_highlights(dark))
    assert worst >= MIN_TAG_DISTANCE, (a, b, vision.value, round(worst, 1))


@pytest.mark.parametrize("dark", [False, True])
def test_each_highlight_stands_out_from_the_page_and_the_selection(dark):
    selection = SELECTION_COLOURS[dark][0]
    for name, colour in _highlights(dark).items():
        for vision in Vision:
            assert distance(colour, PAGES[dark], vision) >= MIN_PAGE_DISTANCE, (name, vision)
            assert distance(colour, selection, vision) >= MIN_SELECTION_DISTANCE, (name, vision)


@pytest.mark.parametrize("dark", [False, True])
def test_a_new_tag_gets_a_colour_unlike_the_default_tags(dark):
    for spare in SPARE_COLOURS:
        tint = blend(PAGES[dark], spare, ALPHAS[dark])
        assert min(distance(tint, other) for other in _highlights(dark).values()) >= 10, spare


def test_the_old_palette_would_fail(monkeypatch):
    """The check is not a formality: Quote and Question were one colour to deuteranopes."""
    old = {"Quote": "#c968a8", "Question": "#7f8ca3"}
    assert closest_pair({n: blend(PAGES[False], c, LIGHT_ALPHA) for n, c in old.items()})[0] \
        < MIN_TAG_DISTANCE


def test_analysis_marks_are_shapes_not_colours(qtbot):
    from lectern.gui.analysis.mention_layer import MentionLayer
    from lectern.gui.reader.article_view import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    layer = MentionLayer(view)
    assert layer.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert layer.format.background().style().name == "NoBrush"  # no tint to mistake for a tag
    assert layer.focus_format.fontOverline()
