"""The reader window: opens articles, keeps the old one on errors, remembers what was read."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import show_window
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from lectern.core.resources import sample_article
from lectern.core.settings import Settings
from lectern.gui.shell.main_window import MainWindow

SAMPLE_ARTICLE = sample_article()

SECOND = (
    "Storm closes mountain pass\n\nSnow closed the pass on Sunday for the first time since 2019.\n"
)


@pytest.fixture
def window(qtbot, app_paths):
    return show_window(qtbot, app_paths)


@pytest.fixture
def second_article(tmp_path) -> Path:
    path = tmp_path / "storm.txt"
    path.write_text(SECOND, encoding="utf-8")
    return path


def test_opens_the_sample_with_title_text_and_status(window, qtbot):
    assert window.open_file(SAMPLE_ARTICLE)
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert window.article_view.toPlainText() == text
    assert window.windowTitle().startswith("Georgia and Estonia agree")
    assert window.article_status.file_label.text() == SAMPLE_ARTICLE.name
    words = window.article_status.words_label
    qtbot.waitUntil(lambda: words.text() == f"{len(text.split()):,} words")
    assert window.article_status.encoding_label.text() == "UTF-8"


def test_title_is_drawn_larger_than_the_body(window):
    window.open_file(SAMPLE_ARTICLE)
    document = window.article_view.document()
    title_formats = document.firstBlock().layout().formats()
    title_size = title_formats[0].format.fontPointSize()
    assert title_size > window.article_view.font().pointSizeF() * 1.5
    assert document.findBlockByNumber(2).layout().formats() == []


def test_reading_column_keeps_a_comfortable_measure(window):
    window.open_file(SAMPLE_ARTICLE)
    view = window.article_view
    metrics = view.fontMetrics()
    chars_per_line = view.viewport().width() / metrics.averageCharWidth()
    assert 55 <= chars_per_line <= 85
    window.resize(700, 600)
    QApplication.processEvents()
    assert view.viewport().width() < window.width()


def test_opening_a_second_file_replaces_the_first(window, second_article):
    window.open_file(SAMPLE_ARTICLE)
    assert window.open_file(second_article)
    assert window.article_view.toPlainText() == SECOND
    # "[*]" is Qt's placeholder for the unsaved-changes mark, hidden while unmodified.
    assert window.windowTitle().replace("[*]", "") == "Storm closes mountain pass — Lectern"


def test_bad_file_shows_the_error_and_keeps_the_previous_article(window, tmp_path):
    window.open_file(SAMPLE_ARTICLE)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not window.open_file(broken)
    assert window.last_error_box is not None
    assert "PNG image" in window.last_error_box.text()
    assert window.last_error_box.isVisible()
    assert window.article_view.toPlainText() == SAMPLE_ARTICLE.read_text(encoding="utf-8")
    window.last_error_box.accept()


def test_dropping_a_file_opens_it(window, qtbot, second_article):
    window.open_file(SAMPLE_ARTICLE)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second_article))])
    event = QDropEvent(QPointF(QPoint(200, 200)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.article_view.toPlainText() == SECOND, timeout=2000)


def test_recent_files_and_reading_size_persist_across_windows(qtbot, app_paths, second_article):
    first = MainWindow(app_paths)
    qtbot.addWidget(first)
    first.open_file(SAMPLE_ARTICLE)
    first.open_file(second_article)
    first.zoom(+2)
    first.close()

    second = MainWindow(app_paths, Settings(app_paths.settings_file))
    qtbot.addWidget(second)
    second._fill_recent_menu()
    names = [action.text() for action in second.recent_menu.actions()]
    assert names == [f"&1 storm.txt  —  {second_article.parent.name}",
                     f"&2 {SAMPLE_ARTICLE.name}  —  samples"]
    assert second.settings.last_file == str(second_article.resolve())
    assert second.article_view.point_size == first.article_view.point_size


def test_zoom_shortcuts_change_and_reset_the_reading_size(window, qtbot):
    window.open_file(SAMPLE_ARTICLE)
    start = window.article_view.point_size
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.point_size == start + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.point_size == start - 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.point_size == start


def test_panels_are_reserved_and_toggle_from_the_view_menu(window):
    for name in ("entitiesPanel", "factsPanel", "annotationsPanel", "chartPanel"):
        dock = window.findChild(QDockWidget, name)
        assert dock is not None
        toggle = dock.toggleViewAction()
        assert toggle in window.submenu("view.panels").actions()
        was_visible = not dock.isHidden()
        toggle.trigger()
        assert dock.isHidden() == was_visible


def test_selection_is_reported_in_core_offsets(window, qtbot, tmp_path):
    path = tmp_path / "emoji.txt"
    text = "Party 🎉🎉 time\n\nThe mayor 👩‍⚖️ spoke to 300 people.\n"
    path.write_text(text, encoding="utf-8")
    window.open_file(path)
    start = text.index("300")
    with qtbot.waitSignal(window.article_view.span_selected) as signal:
        window.article_view.select_span(start, start + 3)
    assert signal.args == [start, start + 3]
    assert window.article_view.selected_span() == (start, start + 3)


def test_features_installed_after_the_first_paint_pick_up_the_open_article(qtbot, app_paths):
    window = MainWindow(app_paths, with_features=False)
    qtbot.addWidget(window)
    assert window.open_file(SAMPLE_ARTICLE)
    assert window.annotations is None
    window.install_features()
    assert window.annotations.session is not None
    assert window.annotations.session.document is window.document
    assert window.docks["annotationsPanel"].widget() is window.annotations.panel
    qtbot.waitUntil(lambda: window.analysis.result is not None, timeout=10_000)


def test_no_two_menu_actions_share_a_shortcut(window):
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            key = shortcut.toString()
            if not key:
                continue
            assert key not in seen, f"{key} is both {seen[key]!r} and {action.text()!r}"
            seen[key] = action.text()
    for expected in ("Ctrl+O", "Ctrl+Q", "Ctrl+Z", "Ctrl+F", "Ctrl+G", "F3", "Ctrl+K"):
        assert expected in seen


def test_an_article_without_a_headline_is_not_set_as_one(window, tmp_path):
    path = tmp_path / "lede.txt"
    path.write_text("Finance ministers met in Vienna on Monday to discuss a common approach to "
                    "taxing shipping fuel, officials said, after two years of talks.\n\n"
                    "The talks continue.\n", encoding="utf-8")
    window.open_file(path)
    assert window.article_view.document().firstBlock().layout().formats() == []
    assert window.windowTitle().startswith("Finance ministers met in Vienna")


def test_a_recent_file_that_is_gone_leaves_the_recent_menu(window, second_article):
    window.open_file(second_article)
    second_article.unlink()
    assert not window.open_file(second_article)
    window.last_error_box.accept()
    assert str(second_article.resolve()) not in window.settings.recent_files


def test_preferences_that_cannot_be_saved_do_not_stop_the_app(window, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the config folder should be", encoding="utf-8")
    window.settings.path = blocked / "settings.json"
    window.zoom(+1)
    window._save_settings()
    assert "Preferences not saved" in window.statusBar().currentMessage()


def test_the_reading_position_and_the_current_tag_come_back(qtbot, app_paths, tmp_path):
    long_article = tmp_path / "long.txt"
    long_article.write_text("A long report\n\n" + "\n\n".join(
        f"Paragraph {n} of the report, with a sentence or two." for n in range(400)),
        encoding="utf-8")
    first = MainWindow(app_paths)
    qtbot.addWidget(first)
    first.show()
    assert first.open_file(long_article)
    first.annotations.tagging.apply_tag("Claim")
    first.article_view.scroll_to_offset(long_article.read_text().index("Paragraph 250"))
    kept = first.article_view.top_offset()
    first.close()
    second = MainWindow(app_paths)
    qtbot.addWidget(second)
    second.show()
    assert second.open_file(long_article)
    qtbot.waitUntil(lambda: second.article_view.top_offset() == kept, timeout=2000)
    assert second.annotations.tagging.current_tag == "Claim"


def test_about_names_the_version_and_the_data_folder(qtbot, app_paths):
    window = MainWindow(app_paths)
    qtbot.addWidget(window)
    window.show_about()
    (box,) = window.findChildren(QMessageBox)
    assert "Lectern 0." in box.text() and str(app_paths.data) in box.text()


def test_a_notice_is_shown_without_blocking_and_is_not_an_error(qtbot, app_paths):
    window = show_window(qtbot, app_paths)
    window.show_notice("Interrupted saves were settled", "Finished saving “a.ann”.")
    box = window.last_notice_box
    assert box is not None and box.isVisible() and "a.ann" in box.text()
    assert window.last_error_box is None


def test_quitting_in_a_library_view_keeps_the_article_panels_for_the_next_start(
        qtbot, app_paths):
    first = show_window(qtbot, app_paths)
    shown = {name for name, dock in first.panels.docks.items() if dock.isVisible()}
    assert shown
    first.show_view("library")
    assert not any(dock.isVisible() for dock in first.panels.docks.values())
    first.save_layout()
    first.close()
    second = show_window(qtbot, app_paths)
    qtbot.waitUntil(lambda: all(second.panels.docks[name].isVisible() for name in shown))
