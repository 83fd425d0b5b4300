"""A note is kept as it is typed: selecting another annotation, opening another article or
quitting never loses it, and a burst of typing is one undo step."""

from __future__ import annotations

import pytest
from helpers import ARTICLE, make_window, tag_phrase
from PySide6.QtCore import Qt

from lectern.core.document import load_document
from lectern.core.store import AnnotationStore


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, app_paths, article):
    return make_window(qtbot, app_paths, article)


def _edit_first_note(qtbot, window, text: str) -> None:
    panel = window.annotations.panel
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.note_editor, text)


def _stored_notes(app_paths, article) -> list[str]:
    with AnnotationStore.open(app_paths.store_file) as store:
        return sorted(a.note for a in store.annotations(load_document(article).fingerprint))


def test_a_note_is_kept_when_another_annotation_is_selected(qtbot, window):
    tag_phrase(qtbot, window, "river", "3")
    tag_phrase(qtbot, window, "schools", "6")
    _edit_first_note(qtbot, window, "a real river")
    panel = window.annotations.panel
    second = panel.table.visualRect(panel.proxy.index(1, 0)).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=second)  # at once
    notes = {a.exact: a.note for a in window.annotations.session.annotations}
    assert notes["river"] == "a real river"


def test_a_note_typed_just_before_quitting_is_kept(qtbot, window, app_paths, article):
    tag_phrase(qtbot, window, "river", "3")
    _edit_first_note(qtbot, window, "typed, then quit")
    window.close()
    assert _stored_notes(app_paths, article) == ["typed, then quit"]


def test_a_note_is_saved_while_typing_pauses(qtbot, window, app_paths, article):
    tag_phrase(qtbot, window, "river", "3")
    _edit_first_note(qtbot, window, "first")
    qtbot.waitUntil(lambda: _stored_notes(app_paths, article) == ["first"], timeout=3000)
    assert window.annotations.panel.note_editor.hasFocus()  # still typing, nothing moved


def test_one_burst_of_typing_is_one_undo_step(qtbot, window):
    tag_phrase(qtbot, window, "river", "3")
    _edit_first_note(qtbot, window, "one")
    session = window.annotations.session
    qtbot.waitUntil(lambda: session.annotations[0].note == "one", timeout=3000)
    qtbot.keyClicks(window.annotations.panel.note_editor, " two")
    qtbot.waitUntil(lambda: session.annotations[0].note == "one two", timeout=3000)
    window.annotations.undo()
    assert session.annotations[0].note == ""
    assert session.annotations[0].tags == ("Place",)  # the tagging step is still there


def test_the_note_placeholder_says_what_to_do(qtbot, window):
    panel = window.annotations.panel
    assert panel.note_editor.placeholderText() == "Select an annotation to write a note."
    tag_phrase(qtbot, window, "river", "3")
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    assert "saved as you type" in panel.note_editor.placeholderText()


def test_a_row_menu_edits_tags_copies_and_deletes(qtbot, window):
    from PySide6.QtWidgets import QApplication

    tag_phrase(qtbot, window, "river", "3")
    panel = window.annotations.panel
    point = panel.table.visualRect(panel.proxy.index(0, 0)).center()
    panel._row_menu(point)
    menu = panel.row_menu
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["Edit Note…", "Tags"] and "Copy Quote" in texts and "Delete" in texts
    tags = next(a.menu() for a in menu.actions() if a.text() == "Tags")
    claim = next(a for a in tags.actions() if a.text() == "Claim")
    place = next(a for a in tags.actions() if a.text() == "Place")
    assert place.isChecked() and not claim.isChecked()
    claim.trigger()
    assert window.annotations.session.annotations[0].tags == ("Place", "Claim")
    next(a for a in menu.actions() if a.text() == "Copy Quote").trigger()
    assert QApplication.clipboard().text() == "river"
    next(a for a in menu.actions() if a.text() == "Delete").trigger()
    assert list(window.annotations.session.annotations) == []


def test_the_note_header_follows_a_tag_change(qtbot, window):
    tag_phrase(qtbot, window, "river", "3")
    panel = window.annotations.panel
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    assert "Place" in panel.note_caption.toolTip()
    session = window.annotations.session
    session.remove_tag(session.annotations[0].id, "Place")
    assert "Place" not in panel.note_caption.toolTip() and "No tag" in panel.note_caption.toolTip()


def test_a_quotation_linked_to_its_speaker_says_so_in_the_panel_and_the_article(
        qtbot, window):
    tag_phrase(qtbot, window, "the project would cost 12 million euros", "7")
    tag_phrase(qtbot, window, "Ana Costa", "1")
    session = window.annotations.session
    quote = next(a for a in session.annotations if a.tags == ("Quote",))
    speaker = next(a for a in session.annotations if a.tags == ("Person",))
    session.link(quote.id, speaker.id, "speaker")
    model = window.annotations.model
    row = model.row_of(quote.id)
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Linked: → “Ana Costa” (speaker)" in tooltip
    assert window.annotations.interaction.link_lines(speaker.id) == [
        "← “the project would cost 12 million euros” (speaker)"]


def test_a_note_on_the_whole_article_is_listed_as_such(qtbot, window):
    from lectern.core.annotations import Annotation

    session = window.annotations.session
    session.import_annotations([Annotation.article_note("Check the budget figures")])
    model = window.annotations.model
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Note on the whole article" in texts


def test_the_passage_just_tagged_is_the_one_a_click_on_the_note_box_writes_to(qtbot, window):
    tag_phrase(qtbot, window, "river", "3")
    tag_phrase(qtbot, window, "schools", "6")
    panel = window.annotations.panel
    just_tagged = window.annotations.current_annotation()
    assert just_tagged is not None and just_tagged.exact == "schools"
    assert panel.selected_id() == just_tagged.id and panel.note_editor.isEnabled()
    qtbot.mouseClick(panel.note_editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.note_editor, "which schools?")
    panel.flush_note()  # what leaving the box does
    notes = {a.exact: a.note for a in window.annotations.session.annotations}
    assert notes == {"river": "", "schools": "which schools?"}


def test_undoing_a_note_shows_the_note_it_had_in_the_box(qtbot, window):
    tag_phrase(qtbot, window, "river", "3")
    _edit_first_note(qtbot, window, "a real river")
    panel = window.annotations.panel
    panel.flush_note()
    window.annotations.undo()
    assert panel.note_editor.toPlainText() == ""  # the box shows what is stored
    window.annotations.redo()
    assert panel.note_editor.toPlainText() == "a real river"
