"""The window's own actions (open, quit, zoom, panels, panes, find, help), bound to the
keymap's items after the first paint; the features bind theirs themselves."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from lectern.gui.shell.keymap import KEYMAP, PANE_KEYS, Scope

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QMenu

    from lectern.gui.reader.article_view import ArticleView
    from lectern.gui.reader.find_bar import FindBar
    from lectern.gui.shell.menus import MenuActions
    from lectern.gui.shell.panel_layout import PanelLayout

ZOOM_STEP = 1.0


class ShellWindow(Protocol):
    """What of the main window its own actions reach."""

    @property
    def menu_actions(self) -> MenuActions: ...
    @property
    def docks(self) -> Mapping[str, QDockWidget]: ...
    @property
    def panels(self) -> PanelLayout: ...
    @property
    def article_view(self) -> ArticleView: ...
    def choose_file(self) -> None: ...
    def close(self) -> bool: ...
    def zoom(self, step: float) -> None: ...
    def reset_zoom(self) -> None: ...
    def reset_layout(self) -> None: ...
    def show_view(self, name: str) -> None: ...
    def focus_pane(self, pane: str) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...
    def submenu(self, action_id: str) -> QMenu: ...


def bind_shell_actions(window: ShellWindow, find_bar: FindBar) -> None:
    bind = window.menu_actions.bind
    bind("file.open", window.choose_file)
    bind("file.quit", window.close)
    bind("view.larger", lambda: window.zoom(+ZOOM_STEP))
    bind("view.smaller", lambda: window.zoom(-ZOOM_STEP))
    bind("view.actual_size", window.reset_zoom)
    panels = window.submenu("view.panels")
    for dock in window.docks.values():
        panels.addAction(dock.toggleViewAction())
    bind("view.reset_layout", window.reset_layout)
    bind("view.article", lambda: window.show_view("article"))
    bind("view.toggle_panels", window.panels.set_hidden)
    bind("view.next_pane", lambda: window.panels.step(+1))
    bind("view.previous_pane", lambda: window.panels.step(-1))
    for pane, _text, _key in PANE_KEYS:
        bind(f"view.go_to.{pane}", lambda _=False, p=pane: window.focus_pane(p))
    bind("help.shortcuts", window.show_shortcuts)
    bind("help.about", window.show_about)
    bind("edit.find", find_bar.start)
    bind("edit.find_next", find_bar.next)
    bind("edit.find_previous", find_bar.previous)
    actions = window.menu_actions.actions
    for item in KEYMAP:  # article-only keys act while the article has focus
        if item.scope is Scope.ARTICLE and item.id in actions:
            window.article_view.addAction(actions[item.id])
