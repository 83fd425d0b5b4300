"""The annotation GUI at the sizes people use: a narrow tag bar, a 300 px panel, a big set."""

from __future__ import annotations

import pytest
from helpers import ARTICLE, make_window, select_text, tag_phrase
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.store import AnnotationStore
from lectern.gui.annotating.annotations_model import CREATED, NOTE, QUOTE, TAGS
from lectern.gui.annotating.workflow import PANEL_LATER_FROM


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, app_paths, article):
    return make_window(qtbot, app_paths, article)


def test_a_narrow_tag_bar_moves_the_tags_that_do_not_fit_into_a_more_menu(qtbot, window):
    bar = window.annotations.tag_bar
    window.resize(2600, 800)
    qtbot.waitUntil(lambda: bar.width() > 1500)
    assert bar.overflow == [] and not bar.more_button.isVisibleTo(bar)
    assert all(b.text() == name for name, b in bar.buttons.items())  # names, never just keys

    window.resize(1280, 800)  # both side docks open: the bar gets about half of it
    qtbot.waitUntil(lambda: 500 < bar.width() < 700)  # once the panels have their share
    hidden = bar.overflow
    names = list(bar.buttons)
    assert hidden and hidden == names[len(names) - len(hidden):]  # the last ones, in order
    assert bar.more_button.isVisibleTo(bar)
    assert [a.text().split("\t")[0] for a in bar.more_menu.actions()] == hidden
    shown = [b for b in bar.buttons.values() if b.isVisibleTo(bar)]
    assert len(shown) == len(names) - len(hidden) >= 2
    assert all(b.text() == b.property("tag_name") for b in shown)
    assert max(b.geometry().right() for b in shown) < bar.more_button.geometry().left()

    select_text(window, "Monday")
    last = bar.more_menu.actions()[-1]
    last.trigger()
    (made,) = window.annotations.session.annotations
    assert made.exact == "Monday" and made.tags == (hidden[-1],)
    assert bar.more_menu.actions()[-1].isChecked()  # the current tag, checked where it lives


def test_the_panel_reads_well_at_300_px_and_shows_more_columns_when_wide(qtbot, window):
    tag_phrase(qtbot, window, "Ana Costa", "1")
    window.annotations.set_note(window.annotations.session.annotations[0].id,
                                "Mayor since 2021")
    panel = window.annotations.panel
    table, header = panel.table, panel.table.horizontalHeader()
    panel.resize(300, 500)
    table.resize(288, 300)
    assert [header.isSectionHidden(c) for c in (QUOTE, TAGS, NOTE, CREATED)] == [
        False, False, True, True]
    assert header.sectionSize(QUOTE) + header.sectionSize(TAGS) <= table.width()
    assert header.defaultAlignment() & Qt.AlignmentFlag.AlignLeft
    assert table.verticalHeader().defaultSectionSize() <= table.fontMetrics().height() + 8
    tip = panel.proxy.index(0, QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Ana Costa" in tip and "Person" in tip and "Mayor since 2021" in tip
    assert "Created" in tip

    panel.table.setCurrentIndex(panel.proxy.index(0, QUOTE))
    assert panel.note_editor.toPlainText() == "Mayor since 2021"
    assert "Person" in panel.note_caption.toolTip()
    assert "UTC" in panel.note_caption.toolTip()  # when it was made

    table.resize(700, 300)
    assert not header.isSectionHidden(NOTE) and not header.isSectionHidden(CREATED)


def test_a_large_stored_set_is_painted_at_once_and_fills_the_panel_just_after(
        qtbot, app_paths, tmp_path):
    paragraph = "The council voted on a plan to build a bridge across the river. "
    path = tmp_path / "long.txt"
    path.write_text("Long article\n\n" + "\n\n".join([paragraph * 3] * 400) + "\n",
                    encoding="utf-8")
    document = load_document(path)
    count = PANEL_LATER_FROM + 500
    spans = [(start, start + 7) for start in range(20, 20 + count * 23, 23)]
    with AnnotationStore.open(app_paths.store_file) as store:
        AnnotationSession(document, store).add_many(spans, ["Claim"])

    window = make_window(qtbot, app_paths, path)
    flow = window.annotations
    assert len(flow.session.annotations) == count
    view = window.article_view
    block = view.document().findBlock(view.offsets.to_qt(20))
    assert any(r.format.background().style() != Qt.BrushStyle.NoBrush
               for r in block.layout().formats())  # painted with the text, no second pass
    qtbot.waitUntil(lambda: flow.model.rowCount() == count)
    assert flow.panel.count_label.text() == f"{count:,} annotations"
    QApplication.processEvents()
    qtbot.waitUntil(lambda: len(flow.marks.marks) > 0)


def test_an_empty_panel_says_how_to_start_and_gives_way_to_the_table(qtbot, window):
    panel = window.annotations.panel
    assert panel.empty_hint.isVisibleTo(panel) and not panel.table.isVisibleTo(panel)
    assert "1–9" in panel.empty_hint.detail.text()
    tag_phrase(qtbot, window, "bridge", "1")
    assert panel.table.isVisibleTo(panel) and not panel.empty_hint.isVisibleTo(panel)
    window.annotations.session.undo()
    assert panel.empty_hint.isVisibleTo(panel)
