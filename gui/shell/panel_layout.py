"""The panels around the article as the reader meets them: the default layout that follows
the window until the reader arranges it, F9 to hide them all, and the keyboard moving from
pane to pane (F6, Alt+1..6)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget

from lectern.core.settings import Settings
from lectern.gui.shell.docks import apply_default_layout, fit_default_dock_sizes, is_compact


class PanelLayout(QObject):
    """Owns the docks' arrangement for one window; the window forwards its resize/show."""

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget],
                 article: QWidget, settings: Settings) -> None:
        super().__init__(window)
        self.window, self.docks, self.article, self.settings = window, docks, article, settings
        self.auto = settings.get("auto_layout", True) is not False
        self.hidden = False
        self._shown_before_hiding: list[str] = []
        self._laying_out = False
        self._compact = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit)
        self._fit_when_shown = False
        self._settle_after_paint = False

    def start(self, saved: QByteArray | None, *, features_later: bool) -> bool:
        """The panels as the reader left them (``saved``), else the default layout; True when
        the saved arrangement was restored. Then a panel moved or floated is the reader's.

        The default layout is fitted to the window once it is shown at its real size (a
        layout saved in a small window is refitted in a large one); an arranged one stays.
        A restored default layout is checked after the first paint when the features come
        then (``features_later``): saved at this window size, it moves only across the
        narrow/wide boundary (a start on a smaller screen)."""
        restored = saved is not None and self.window.restoreState(saved)
        if not restored:
            self.apply()
        refit = restored and self.auto
        self._settle_after_paint = refit and features_later
        self._fit_when_shown = not restored or (refit and not features_later)
        # Watched only now: a restored dock reports its area, and the Python side of that
        # signal would build Qt's enum namespace before the first paint (docks.py).
        for dock in self.docks.values():
            dock.dockLocationChanged.connect(self._touched)
            dock.topLevelChanged.connect(self._touched)
        return restored

    # --- the default layout --------------------------------------------------------------
    def apply(self) -> None:
        self._laying_out = True
        try:
            apply_default_layout(self.window, self.docks)
        finally:
            self._laying_out = False
        self._compact = is_compact(self.window.width())
        self._fit_timer.start()  # docks just moved get their sizes once Qt has laid them out

    def window_shown(self) -> None:
        if self._fit_when_shown:
            self._fit_when_shown = False
            self.apply()

    def features_installed(self) -> None:
        """Just after the first paint: a restored default layout stays as it was saved (at
        this window size), unless the window is now on the other side of the narrow/wide
        boundary from it."""
        if not self._settle_after_paint:
            return
        self._settle_after_paint = False
        from PySide6.QtCore import Qt  # after the paint: see docks.py

        annotations_area = self.window.dockWidgetArea(self.docks["annotationsPanel"])
        self._compact = annotations_area != Qt.DockWidgetArea.LeftDockWidgetArea
        if is_compact(self.window.width()) != self._compact:
            self.apply()

    def reset(self) -> None:
        """View › Reset Layout: the window arranges the panels again."""
        self.auto = True
        self.apply()

    def window_resized(self) -> None:
        if not (self.auto and self.window.isVisible()):
            return
        if is_compact(self.window.width()) != self._compact:
            self.apply()  # the window crossed the narrow/wide boundary
        else:
            self._fit_timer.start()  # the panels keep their share of the window

    def separator_dragged(self) -> None:
        self.auto = False  # the reader sized the panels: theirs from now on

    def _touched(self, *_args: object) -> None:
        """The reader moved or floated a panel: from now on the layout is theirs."""
        if not self._laying_out:
            self.auto = False

    def _fit(self) -> None:
        if self.auto:
            fit_default_dock_sizes(self.window, self.docks)

    def save(self) -> None:
        self.settings.set("auto_layout", self.auto)

    # --- hiding and the keyboard ---------------------------------------------------------------
    def set_hidden(self, hidden: bool) -> None:
        """F9: every panel out of the way for reading, and back where it was."""
        if hidden == self.hidden:
            return
        if hidden:
            self._shown_before_hiding = [n for n, d in self.docks.items() if d.isVisible()]
            for dock in self.docks.values():
                dock.hide()
        else:
            for name in self._shown_before_hiding or list(self.docks):
                self.docks[name].show()
        self.hidden = hidden

    def focus(self, pane: str) -> None:
        """Put the keyboard in the article or a panel, showing the panel if it was closed."""
        from PySide6.QtCore import Qt  # after the first paint (docks.py)

        if pane == "article":
            self.article.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if self.hidden:
            self.set_hidden(False)
        dock = self.docks[pane]
        dock.show()
        dock.raise_()
        content = dock.widget()
        if content is not None:
            content.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step(self, step: int) -> None:
        """F6 / Shift+F6: the next or previous visible pane, wrapping."""
        panes = ["article", *(name for name, dock in self.docks.items()
                              if dock.isVisible() and not dock.visibleRegion().isEmpty())]
        focus = QApplication.focusWidget()
        current = next((name for name, dock in self.docks.items()
                        if focus is not None and dock.isAncestorOf(focus)), "article")
        index = panes.index(current) if current in panes else 0
        self.focus(panes[(index + step) % len(panes)])
