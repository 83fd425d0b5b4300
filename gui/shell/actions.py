"""Menu actions: one way to make them, so every one shows its shortcut the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def make_action(owner: QObject, text: str, shortcut: Shortcut, slot: Callable[..., object], *,
                menu: QMenu | None = None, checkable: bool = False,
                extra_shortcuts: Sequence[QKeySequence] = ()) -> QAction:
    """A QAction owned by ``owner`` calling ``slot``, added to ``menu`` when one is given."""
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcuts([QKeySequence(shortcut), *extra_shortcuts])
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    if menu is not None:
        menu.addAction(action)
    return action
