"""The annotation workflow in the reader: tagging, painting, the panel, notes, undo, find."""

from __future__ import annotations

import pytest
from helpers import (
    ARTICLE,
    make_window,
    release_mouse,
    select_text,
    tag_phrase,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QMessageBox

from lectern.gui.annotating.annotations_model import ID_ROLE, AnnotationsModel


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, app_paths, article):
    return make_window(qtbot, app_paths, article)


def annotations(window):
    return list(window.annotations.session.annotations)


def test_tag_key_on_a_selection_makes_an_annotation_with_its_quote(qtbot, window):
    tag_phrase(qtbot, window, "Ana Costa", "1")
    (made,) = annotations(window)
    assert made.exact == "Ana Costa"
    assert made.tags == ("Person",)
    assert window.article_view.toPlainText()[made.start:made.end] == "Ana Costa"
    assert not window.article_view.textCursor().hasSelection()  # the highlight shows at once


def test_tag_bar_and_shortcut_letters_tag_too(qtbot, window):
    select_text(window, "Monday")
    window.annotations.tag_bar.buttons["Date"].click()
    window.annotations.session.set_tag_shortcut("Claim", "c")
    tag_phrase(qtbot, window, "cost 12 million euros", "c")
    assert [(a.exact, a.tags) for a in annotations(window)] == [
        ("Monday", ("Date",)), ("cost 12 million euros", ("Claim",))]


def test_the_same_key_again_toggles_the_tag_off_the_current_annotation(qtbot, window):
    tag_phrase(qtbot, window, "schools", "6")
    tag_phrase(qtbot, window, "schools", "9")
    assert annotations(window)[0].tags == ("Claim", "Important")
    tag_phrase(qtbot, window, "schools", "9")
    assert annotations(window)[0].tags == ("Claim",)


def test_sticky_mode_tags_every_selection_on_release(qtbot, window):
    window.annotations.apply_tag("Place")  # choose the current tag with nothing selected
    window.annotations.set_sticky(True)
    assert window.annotations.tag_bar.sticky_button.isChecked()
    for phrase in ("river", "schools"):
        select_text(window, phrase)
        release_mouse(qtbot, window)
        qtbot.waitUntil(lambda p=phrase: any(a.exact == p for a in annotations(window)))
    assert [a.tags for a in annotations(window)] == [("Place",), ("Place",)]


def test_a_mouse_selection_snaps_to_whole_words_unless_alt_is_held(qtbot, window):
    select_text(window, "ouncil vot")
    release_mouse(qtbot, window)
    qtbot.waitUntil(lambda: window.article_view.textCursor().selectedText() == "council voted")
    select_text(window, "ouncil vot")
    release_mouse(qtbot, window, alt=True)
    qtbot.wait(20)
    assert window.article_view.textCursor().selectedText() == "ouncil vot"


def block_formats(window, phrase):
    view = window.article_view
    block = view.document().findBlock(view.document().find(phrase).position())
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]


def test_overlapping_annotations_stay_distinguishable(qtbot, window):
    tag_phrase(qtbot, window, "Mayor Ana Costa said", "6")
    tag_phrase(qtbot, window, "Ana Costa", "1")
    formats = block_formats(window, "Ana Costa")
    backgrounds = {f.background().color().name() for _, _, f in formats}
    assert len(formats) == 3  # outer, overlap, outer again
    assert len(backgrounds) == 2  # the overlap has its own blended colour
    middle = formats[1][2]
    assert middle.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline


def test_the_current_annotation_is_painted_stronger(qtbot, window):
    tag_phrase(qtbot, window, "river", "3")
    (made,) = annotations(window)
    strong = block_formats(window, "river")[0][2]
    window.annotations.layer.set_current(None)
    plain = block_formats(window, "river")[0][2]
    assert strong.background() != plain.background()
    assert made.id not in (window.annotations.layer.current_id,)


def test_tooltip_names_the_tags_and_note(qtbot, window):
    tag_phrase(qtbot, window, "Ana Costa", "1")
    window.annotations.set_note(annotations(window)[0].id, "Mayor since 2021")
    view = window.article_view
    select_text(window, "Costa")
    point = view.cursorRect(view.textCursor()).center()
    point.setX(point.x() - 5)
    text = window.annotations.interaction.tooltip_text(point)
    assert "Person" in text and "Mayor since 2021" in text


def test_enter_on_a_row_edits_the_note_and_ctrl_enter_goes_back(qtbot, window):
    tag_phrase(qtbot, window, "schools", "6")
    panel = window.annotations.panel
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert panel.note_editor.hasFocus() or panel.note_editor.isEnabled()
    panel.note_editor.setPlainText("Two lines\nof note")
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert annotations(window)[0].note == "Two lines\nof note"
    assert window.annotations.undo_action.text() == "&Undo Edit note"


def test_delete_in_the_panel_removes_the_annotation(qtbot, window):
    tag_phrase(qtbot, window, "schools", "6")
    tag_phrase(qtbot, window, "river", "3")
    panel = window.annotations.panel
    panel.table.selectRow(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [a.exact for a in annotations(window)] == ["river"]
    assert block_formats(window, "schools") == []  # repainted


def test_selecting_a_row_scrolls_to_the_annotation_and_flashes_it(qtbot, window):
    tag_phrase(qtbot, window, "2027", "4")
    window.article_view.moveCursor(window.article_view.textCursor().MoveOperation.Start)
    panel = window.annotations.panel
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.table.visualRect(panel.proxy.index(0, 0)).center())
    assert window.article_view.cursor_offset() == ARTICLE.index("2027")
    assert window.annotations.layer.current_id == annotations(window)[0].id


def test_panel_filters_by_tag_and_text_and_sorts(qtbot, window):
    tag_phrase(qtbot, window, "Ana Costa", "1")
    tag_phrase(qtbot, window, "river", "3")
    tag_phrase(qtbot, window, "schools", "6")
    panel = window.annotations.panel
    panel.tag_filter.setCurrentText("Place")
    assert panel.proxy.rowCount() == 1
    panel.tag_filter.setCurrentText("All tags")
    panel.search.setText("cos")
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == [
        "Ana Costa"]
    panel.search.clear()
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert panel.proxy.index(0, 0).data() == "schools"
    assert panel.count_label.text() == "3 annotations"


def test_undo_and_redo_a_chain_of_twenty_mixed_steps(qtbot, window):
    flow = window.annotations
    phrases = ["council", "bridge", "river", "Ana Costa", "12 million euros", "schools",
               "spring", "2027"]
    states = [annotations(window)]

    def step(action) -> None:
        action()
        states.append(annotations(window))

    for number, phrase in enumerate(phrases):  # 8 adds by key
        step(lambda p=phrase, n=number: tag_phrase(qtbot, window, p, str(n % 9 + 1)))
    for index in range(4):  # 4 notes
        step(lambda i=index: flow.set_note(annotations(window)[i].id, f"note {i}"))
    for index in range(3):  # 3 extra tags
        step(lambda i=index: flow.session.add_tag(annotations(window)[i].id, "Important"))
    step(lambda: flow.remove([annotations(window)[0].id]))
    step(lambda: flow.session.remove_tag(annotations(window)[0].id, "Important"))
    step(lambda: flow.remove([a.id for a in annotations(window)[:2]]))
    step(lambda: tag_phrase(qtbot, window, "Monday", "4"))
    step(lambda: flow.set_note(annotations(window)[-1].id, "last"))
    assert len(states) == 21
    assert flow.undo_action.text() == "&Undo Edit note"
    for expected in reversed(states[:-1]):
        flow.undo_action.trigger()
        assert annotations(window) == expected
    assert not flow.undo_action.isEnabled()
    assert flow.redo_action.text() == "&Redo Tag 'Person'"
    for expected in states[1:]:
        flow.redo_action.trigger()
        assert annotations(window) == expected
    assert not flow.redo_action.isEnabled()


def test_annotations_come_back_from_the_store_when_the_article_is_reopened(
        qtbot, app_paths, article, window):
    tag_phrase(qtbot, window, "Ana Costa", "1")
    window.annotations.set_note(annotations(window)[0].id, "kept")
    assert window.statusBar().currentMessage() == "Saved"
    assert window.close()  # no annotation file is open: no question asked
    again = make_window(qtbot, app_paths, article)
    (restored,) = annotations(again)
    assert (restored.exact, restored.tags, restored.note) == ("Ana Costa", ("Person",), "kept")
    assert block_formats(again, "Ana Costa")  # and painted


def test_title_marks_changes_to_the_annotation_file_and_closing_offers_to_save(
        qtbot, window, tmp_path):
    files = window.annotations.files
    tag_phrase(qtbot, window, "river", "3")
    assert not window.isWindowModified()  # the store holds it; no file is open
    assert files.save_to(tmp_path / "bridge.annotations.json")
    tag_phrase(qtbot, window, "schools", "6")
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()
    assert not window.close()
    box = files.save_prompt
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not window.isWindowModified()


def test_find_bar_counts_matches_and_steps_through_them(qtbot, window):
    qtbot.keyClick(window.article_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    if not bar.isVisible():  # offscreen windows may not be active for shortcuts
        bar.start()
    qtbot.keyClicks(bar.field, "the")
    assert bar.count_label.text().endswith(f"of {ARTICLE.lower().count('the')}")
    first = window.article_view.selected_span()
    bar.next()
    assert window.article_view.selected_span() != first
    bar.previous()
    assert window.article_view.selected_span() == first
    assert ARTICLE[slice(*first)].casefold() == "the"


# A popup raises itself and grabs the keyboard, which the offscreen platform only warns about.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_tag_picker_filters_and_creates_a_tag_from_the_keyboard(qtbot, window):
    flow = window.annotations
    select_text(window, "river")
    flow.tagging.open_picker()
    picker = flow.tagging._picker
    qtbot.keyClicks(picker.field, "pla")
    assert picker.list.count() == 2  # Place, and "Create tag 'pla'"
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    select_text(window, "schools")
    flow.tagging.open_picker()
    qtbot.keyClicks(picker.field, "Budget")
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert [a.tags for a in annotations(window)] == [("Place",), ("Budget",)]
    assert "Budget" in flow.tag_bar.buttons


def test_tags_dialog_renames_recolours_and_asks_before_deleting_a_used_tag(qtbot, window):
    flow = window.annotations
    tag_phrase(qtbot, window, "schools", "6")
    flow.open_tags_dialog()
    dialog = flow._tags_dialog
    dialog.list.setCurrentRow(dialog.session.scheme.names.index("Claim"))
    dialog.name_field.setText("Assertion")
    dialog._set_colour("#aa3322")
    dialog.apply_changes()
    assert annotations(window)[0].tags == ("Assertion",)
    assert flow.session.scheme.get("Assertion").colour == "#aa3322"
    assert flow.undo_action.text() == "&Undo Edit tag 'Assertion'"
    dialog.delete_tag()
    assert "Assertion" in flow.session.scheme  # not yet: it asks first
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert "Assertion" not in flow.session.scheme
    assert annotations(window)[0].tags == ()


def test_orphans_are_listed_apart_and_can_be_reattached(qtbot, window, tmp_path):
    from dataclasses import replace

    from lectern.core.annotations import AnchorStatus, Annotation
    from lectern.core.formats import save_w3c

    lost = replace(Annotation.from_span("gone words here", 0, 10, ["Claim"]),
                   status=AnchorStatus.ORPHAN)
    path = tmp_path / "lost.json"
    save_w3c(path, [lost])
    report = window.annotations.files.load_file(path)
    assert report.orphan == 1
    assert window.annotations.files.summary_box.isVisible()
    panel = window.annotations.panel
    assert panel.proxy.rowCount() == 0 and panel.orphan_proxy.rowCount() == 1
    assert not panel.reattach_button.isHidden()
    select_text(window, "river")
    panel.reattach_button.click()
    (placed,) = annotations(window)
    assert (placed.exact, placed.is_orphan) == ("river", False)
    assert panel.proxy.rowCount() == 1 and panel.orphan_proxy.rowCount() == 0


def test_the_panel_model_passes_the_model_tester(qtbot, qtmodeltester, window):
    tag_phrase(qtbot, window, "river", "3")
    tag_phrase(qtbot, window, "Ana Costa", "1")
    model = window.annotations.model
    assert isinstance(model, AnnotationsModel)
    qtmodeltester.check(model, force_py=True)
    tag_phrase(qtbot, window, "schools", "6")
    window.annotations.set_note(annotations(window)[0].id, "n")
    window.annotations.remove([annotations(window)[1].id])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(ID_ROLE) == annotations(window)[0].id


def test_a_multi_fragment_annotation_paints_its_fragments_not_the_gap(qtbot, window):
    from lectern.core.annotations import Annotation

    session = window.annotations.session
    text = session.document.text
    mayor, said = text.index("Mayor"), text.index("said the project")
    made = Annotation.from_fragments(text, [(mayor, mayor + 5), (said, said + 4)], ["Person"])
    session.import_annotations([made])
    view = window.article_view
    block = view.document().findBlock(view.document().find("Mayor").position())
    painted = [(r.start, r.length) for r in block.layout().formats()
               if r.format.background().style() != Qt.BrushStyle.NoBrush]
    start = view.offsets.to_qt(mayor) - block.position()
    assert painted == [(start, 5), (view.offsets.to_qt(said) - block.position(), 4)]
    gap = view.offsets.to_qt(text.index("Ana Costa"))
    assert window.annotations.layer.annotations_at(gap) == []
