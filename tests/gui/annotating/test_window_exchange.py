"""The window and the command line go through one use-case layer: the same files, byte for
byte, the same report of what a format left out, the same annotations for an edited file,
and scheme edits that stay undoable after another article is opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ARTICLE, make_window, select_text, tag_phrase

from lectern.core.formats.exchange import EXPORT_FORMATS, Format
from lectern.core.formats.targets import written_files
from lectern.core.formats.w3c import dumps_w3c
from lectern.main import main


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path.resolve()


def _with_an_orphan(window, tmp_path: Path) -> None:
    """An annotation whose quote is not in the text: it can only be kept as an orphan."""
    from lectern.core.annotations import Annotation

    foreign = Annotation.from_span("A sentence that is nowhere in the article.", 2, 10,
                                   ["Claim"])
    path = tmp_path / "foreign.json"
    path.write_text(dumps_w3c([foreign]), encoding="utf-8")
    assert window.annotations.files.import_file(path, announce=False).orphan == 1


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_the_window_and_the_command_line_write_the_same_bytes(qtbot, app_paths, article,
                                                              tmp_path, fmt, capsys):
    window = make_window(qtbot, app_paths, article)
    tag_phrase(qtbot, window, "Ana Costa", "1")
    tag_phrase(qtbot, window, "12 million euros", "5")
    _with_an_orphan(window, tmp_path)
    suffix = {Format.BRAT: ".ann", Format.CSV: ".csv", Format.DOCCANO: ".jsonl",
              Format.PRODIGY: ".jsonl", Format.QDPX: ".qdpx"}.get(fmt, ".json")
    from_window = tmp_path / f"window{suffix}"
    from_shell = tmp_path / f"shell{suffix}"
    assert window.annotations.files.export(fmt, from_window)
    assert main(["export", str(article), "--format", fmt, "--out", str(from_shell)]) == 0
    pairs = list(zip(written_files(fmt, from_window), written_files(fmt, from_shell),
                     strict=True))
    for ours, theirs in pairs:
        assert ours.read_bytes() == theirs.read_bytes(), ours.name
    said = capsys.readouterr().err
    if fmt not in (Format.W3C, Format.CSV):
        assert "1 orphaned annotation left out" in said
        assert "1 orphaned annotation left out" in window.last_error_box.text()


def test_a_brat_export_named_ann_writes_the_text_beside_it(qtbot, app_paths, article,
                                                           tmp_path):
    window = make_window(qtbot, app_paths, article)
    tag_phrase(qtbot, window, "river", "3")
    assert window.annotations.files.export(Format.BRAT, tmp_path / "out.ann")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ARTICLE
    assert "\tPlace " in (tmp_path / "out.ann").read_text(encoding="utf-8")
    assert "out.txt, out.ann and annotation.conf" in window.statusBar().currentMessage()


def test_an_edited_file_reopens_with_its_annotations_moved(qtbot, app_paths, article):
    window = make_window(qtbot, app_paths, article)
    tag_phrase(qtbot, window, "Ana Costa", "1")
    article.write_text("Breaking: " + ARTICLE, encoding="utf-8")
    assert window.open_file(article)
    session = window.annotations.session
    assert [a.exact for a in session.annotations] == ["Ana Costa"]
    assert "re-anchored" in window.statusBar().currentMessage()


def test_find_ignores_case_in_an_article_with_a_sharp_s(qtbot, app_paths, tmp_path):
    path = tmp_path / "strasse.txt"
    path.write_text("Die Straße war leer.\n\nThe Mayor said the MAYOR's office would "
                    "reopen.\n", encoding="utf-8")
    window = make_window(qtbot, app_paths, path)
    window.find_bar.start()
    window.find_bar.field.setText("mayor")
    assert window.find_bar.count_label.text() == "1 of 2"
    assert window.article_view.textCursor().selectedText() == "Mayor"


def test_a_tag_rename_can_be_undone_after_opening_another_article(qtbot, app_paths,
                                                                  article, tmp_path):
    window = make_window(qtbot, app_paths, article)
    tag_phrase(qtbot, window, "the river", "6")  # Claim
    window.annotations.session.rename_tag("Claim", "Assertion")
    other = tmp_path / "other.txt"
    other.write_text("Another story about ferries.\n", encoding="utf-8")
    assert window.open_file(other)
    assert window.annotations.undo_action.text() == "&Undo Rename tag 'Claim' to 'Assertion'"
    window.annotations.undo_action.trigger()
    assert "Claim" in window.annotations.session.scheme
    assert window.open_file(article)
    assert [a.tags for a in window.annotations.session.annotations] == [("Claim",)]


def test_the_find_bar_does_not_advertise_the_mention_keys(qtbot, app_paths, article):
    window = make_window(qtbot, app_paths, article)
    tips = window.find_bar.next_button.toolTip() + window.find_bar.previous_button.toolTip()
    assert "Ctrl+G" in tips and "Ctrl+Shift+G" in tips and "F3" not in tips


def test_selecting_then_tagging_uses_the_keymap_menus(qtbot, app_paths, article):
    window = make_window(qtbot, app_paths, article)
    select_text(window, "bridge")
    tag_menu = window.submenu("edit.tag_selection")
    place = next(a for a in tag_menu.actions() if a.text() == "Place\t3")
    place.trigger()
    assert [a.tags for a in window.annotations.session.annotations] == [("Place",)]


def test_the_file_menus_offer_every_format_and_an_import_keeps_links(qtbot, app_paths, article,
                                                                      tmp_path):
    from lectern.core.annotations import Annotation
    from lectern.core.formats.exchange import IMPORT_FORMATS, export_annotations
    from lectern.core.links import Link

    window = make_window(qtbot, app_paths, article)
    exports = [a.text() for a in window.submenu("file.export").actions()]
    imports = [a.text() for a in window.submenu("file.import").actions()]
    assert len(exports) == len(EXPORT_FORMATS) and "&REFI-QDA Project…" in exports
    assert len(imports) == len(IMPORT_FORMATS) and "&Label Studio JSON…" in imports
    session = window.annotations.session
    text = session.document.text
    quote = Annotation.from_span(text, text.index("the project"), text.index(" euros"),
                                 ["Quote"])
    speaker = Annotation.from_span(text, text.index("Ana Costa"), text.index(" said"),
                                   ["Person"])
    path = tmp_path / "labels.jsonl"
    export_annotations(Format.DOCCANO, path, session.document, [quote, speaker],
                       [Link(quote.id, speaker.id, "Speaker")])
    assert window.annotations.files.import_file(path, Format.DOCCANO, announce=False)
    assert [(k.source, k.target, k.label) for k in session.links()] == [
        (quote.id, speaker.id, "Speaker")]


def test_a_tag_key_does_nothing_while_a_menu_is_open(qtbot, app_paths, article):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from lectern.gui.shell.keymap import Menu

    window = make_window(qtbot, app_paths, article)
    select_text(window, "bridge")
    menu = window.menu_actions.menus[Menu.FILE]
    menu.popup(window.mapToGlobal(QPoint(10, 10)))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=2000)
    qtbot.keyClick(window.article_view, "3")
    assert list(window.annotations.session.annotations) == []
    menu.hide()
    qtbot.keyClick(window.article_view, "3")  # the menu closed: the key tags again
    assert [a.tags for a in window.annotations.session.annotations] == [("Place",)]


def test_the_window_imports_a_hypothesis_export_with_its_page_note(qtbot, app_paths, article):
    from helpers import FIXTURES

    window = make_window(qtbot, app_paths, article)
    files = window.annotations.files
    report = files.import_file(FIXTURES / "formats" / "hypothesis_export.json")
    assert report is not None and report.total == 2
    assert "1 reply joined" in files.summary_box.informativeText()
    notes = [a for a in window.annotations.session.annotations if a.is_article_note]
    assert [a.note for a in notes] == ["A page note: follow up with the council."]
