"""The menu bar built from the keymap: every action in its menu and section, disabled until a
feature connects it, and each placeholder submenu ready for a feature to fill."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from lectern.gui.shell.menu_names import Menu

if TYPE_CHECKING:
    from lectern.gui.shell.keymap import Binding


class MenuActions:
    """The actions and submenus of one window, by keymap id."""

    def __init__(self, window: QMainWindow) -> None:
        """The menu bar's menus, empty: cheap enough to come before the first paint."""
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.submenus: dict[str, QMenu] = {}
        bar = window.menuBar()
        self.menus: dict[Menu, QMenu] = {menu: bar.addMenu(menu.value) for menu in Menu}

    def build(self) -> None:
        """Every item of the keymap in its menu and section (just after the first paint)."""
        from lectern.gui.shell.keymap import KEYMAP  # the table is read after the first paint

        window = self.window
        section: dict[Menu, int] = {}
        for item in KEYMAP:
            if item.parent:
                self.actions[item.id] = _make(window, item, self.submenus[item.parent])
                continue
            menu = self.menus[item.menu]
            if section.setdefault(item.menu, item.section) != item.section:
                menu.addSeparator()
                section[item.menu] = item.section
            if item.submenu:
                self.submenus[item.id] = menu.addMenu(item.text)
            else:
                self.actions[item.id] = _make(window, item, menu)

    def bind(self, action_id: str, slot: Callable[..., object]) -> QAction:
        action = self.actions[action_id]
        action.triggered.connect(slot)
        action.setEnabled(True)
        return action


def _make(window: QMainWindow, item: Binding, menu: QMenu) -> QAction:
    from PySide6.QtCore import Qt  # the items come after the first paint (docks.py)

    action = QAction(item.text, window)
    action.setObjectName(item.id)
    action.setShortcuts([QKeySequence(key) for key in item.keys])
    from lectern.gui.shell.keymap import Scope

    if item.scope is Scope.ARTICLE:
        # Only while reading: the same keys mean something else in the panels' fields.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.setCheckable(item.checkable)
    if item.tip:
        action.setStatusTip(item.tip)
    action.setEnabled(False)  # until a feature connects it
    menu.addAction(action)
    return action
