"""The window's centre: the article (with its panels around it) or a view in its place, such
as the Library or the Passages, which put the article's panels away while they show."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from lectern.gui.shell.panel_layout import PanelLayout

ARTICLE = "article"


class CentralViews(QStackedWidget):
    def __init__(self, reading_pane: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addWidget(reading_pane)
        self.pages: dict[str, QWidget] = {ARTICLE: reading_pane}
        self.panels: PanelLayout | None = None
        self._panels_put_away = False
        # The window's docks as they were beside the article, while a view has put them
        # away: what the window saves, so the next start has its panels.
        self.article_state: QByteArray | None = None

    def add_view(self, name: str, widget: QWidget) -> None:
        self.pages[name] = widget
        self.addWidget(widget)

    @property
    def current(self) -> str:
        page = self.currentWidget()
        return next(name for name, widget in self.pages.items() if widget is page)

    def show_view(self, name: str) -> None:
        page = self.pages[name]
        if page is self.currentWidget():
            return
        panels = self.panels
        if panels is not None:
            if name == ARTICLE and self._panels_put_away:
                self._panels_put_away = False
                self.article_state = None
                panels.set_hidden(False)
            elif name != ARTICLE and not panels.hidden:
                self._panels_put_away = True  # the article's panels beside a list of articles
                window = self.window()
                if isinstance(window, QMainWindow):
                    self.article_state = window.saveState()
                panels.set_hidden(True)
        self.setCurrentWidget(page)
        self.updateGeometry()
        from PySide6.QtCore import Qt  # never before the first paint (docks.py)

        page.setFocus(Qt.FocusReason.OtherFocusReason)

    # The page on show decides the size: a wide Library must not squeeze the article's panels.
    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()
