"""Shared set-up for the annotation GUI tests: a window on an article, selecting, tagging."""

from __future__ import annotations

from pathlib import Path

from conftest import show_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from gui.main_window import MainWindow

ARTICLE = (
    "Council approves new bridge\n\n"
    "The city council voted on Monday to build a bridge across the river. "
    "Mayor Ana Costa said the project would cost 12 million euros.\n\n"
    "Critics said the money should go to schools instead. "
    "Work is expected to start in spring and finish by 2027.\n"
)


def make_window(qtbot, app_paths, article: Path) -> MainWindow:
    return show_window(qtbot, app_paths, article, size=(1200, 800))


def select_text(window: MainWindow, phrase: str, occurrence: int = 0) -> None:
    """Select ``phrase`` the way Qt sees it (UTF-16 positions found by QTextDocument.find)."""
    view = window.article_view
    cursor = QTextCursor(view.document())
    qt_phrase = phrase.replace("\u00a0", " ")  # QTextDocument.find sees NBSP as a space
    for _ in range(occurrence + 1):
        cursor = view.document().find(qt_phrase, cursor)
        assert not cursor.isNull(), phrase
    view.setTextCursor(cursor)
    view.setFocus()


def press_tag_key(qtbot, window: MainWindow, key: str) -> None:
    qtbot.keyClick(window.article_view, key)


def tag_phrase(qtbot, window: MainWindow, phrase: str, key: str, occurrence: int = 0) -> None:
    select_text(window, phrase, occurrence)
    press_tag_key(qtbot, window, key)


def release_mouse(qtbot, window: MainWindow, alt: bool = False) -> None:
    modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    viewport = window.article_view.viewport()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier,
                       window.article_view.cursorRect().center())
