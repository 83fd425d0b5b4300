"""Dock panels around the article, and the friendly empty state they show before content arrives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

# objectName and title of each panel; apply_default_layout places them.
PANEL_SPECS = (
    ("entitiesPanel", "Entities"),
    ("factsPanel", "Facts"),
    ("quotesPanel", "Quotes"),
    ("annotationsPanel", "Annotations"),
    ("chartPanel", "Chart"),
)


class EmptyState(QWidget):
    """A centred, muted message for a panel with nothing to show yet."""

    def __init__(self, headline: str, detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.headline = QLabel(headline)
        self.headline.setObjectName("emptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        if detail:
            self.detail = QLabel(detail)
            self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.detail.setWordWrap(True)
            self.detail.setEnabled(False)  # the disabled palette gives a muted tone in both themes
            layout.addWidget(self.detail)
        layout.addStretch(2)
        layout.setContentsMargins(24, 16, 24, 16)


def make_dock(object_name: str, title: str, content: QWidget, parent: QWidget) -> QDockWidget:
    dock = QDockWidget(title, parent)
    dock.setObjectName(object_name)
    dock.setWidget(content)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    return dock


LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
DEFAULT_SIDE_WIDTHS = (300, 420)  # annotations, entities/facts
DEFAULT_CHART_HEIGHT = 250


def apply_default_layout(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Article centre; Entities over Facts/Quotes on the right; Annotations left; Chart below."""
    window.setCorner(Qt.Corner.TopRightCorner, RIGHT)
    window.setCorner(Qt.Corner.BottomRightCorner, RIGHT)
    window.setCorner(Qt.Corner.TopLeftCorner, LEFT)
    window.setCorner(Qt.Corner.BottomLeftCorner, LEFT)
    for dock in docks.values():
        dock.setFloating(False)
        window.removeDockWidget(dock)
    window.addDockWidget(LEFT, docks["annotationsPanel"])
    window.addDockWidget(RIGHT, docks["entitiesPanel"])
    window.splitDockWidget(docks["entitiesPanel"], docks["factsPanel"], Qt.Orientation.Vertical)
    window.tabifyDockWidget(docks["factsPanel"], docks["quotesPanel"])
    window.addDockWidget(BOTTOM, docks["chartPanel"])
    for dock in docks.values():
        dock.show()
    docks["factsPanel"].raise_()
    window.resizeDocks([docks["annotationsPanel"], docks["entitiesPanel"]],
                       list(DEFAULT_SIDE_WIDTHS), Qt.Orientation.Horizontal)
    window.resizeDocks([docks["chartPanel"]], [DEFAULT_CHART_HEIGHT], Qt.Orientation.Vertical)
