"""The context menu of an annotation's row: edit its note, toggle its tags, copy its quote,
delete it (or every selected one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QApplication, QMenu, QWidget


def row_menu(parent: QWidget, annotation_id: str, quote: str, tags: Sequence[str],
             scheme_tags: Sequence[str], ids: Sequence[str], *,
             edit_note: Callable[[str], None], toggle_tag: Callable[[str, str], None],
             delete: Callable[[list[str]], None]) -> QMenu:
    menu = QMenu(parent)
    menu.addAction("Edit Note…").triggered.connect(lambda: edit_note(annotation_id))
    tags_menu = menu.addMenu("Tags")
    has = {t.casefold() for t in tags}
    for name in scheme_tags:
        action = tags_menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(name.casefold() in has)
        action.triggered.connect(lambda _=False, n=name: toggle_tag(annotation_id, n))
    menu.addAction("Copy Quote").triggered.connect(
        lambda: QApplication.clipboard().setText(quote))
    menu.addSeparator()
    chosen = list(ids) or [annotation_id]
    menu.addAction("Delete" if len(chosen) == 1 else f"Delete {len(chosen)}").triggered.connect(
        lambda: delete(chosen))
    return menu
