"""Dock panels around the article: which panels there are, and their default layout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

# objectName and title of each panel; apply_default_layout places them.
PANEL_SPECS = (
    ("entitiesPanel", "Entities"),
    ("factsPanel", "Facts"),
    ("quotesPanel", "Quotes"),
    ("annotationsPanel", "Annotations"),
    ("chartPanel", "Chart"),
)


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
# Default panel sizes as shares of the window, within bounds that keep each readable.
ANNOTATIONS_WIDTH = (0.2, 280, 380)  # share of the width, minimum, maximum (pixels)
ANALYSIS_WIDTH = (0.3, 400, 640)
CHART_HEIGHT = (0.3, 230, 340)


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
    fit_default_dock_sizes(window, docks)


def fit_default_dock_sizes(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Give the side and bottom panels their default share of the window's current size."""
    def share(extent: int, spec: tuple[float, int, int]) -> int:
        fraction, low, high = spec
        return int(min(max(extent * fraction, low), high))

    width, height = window.width(), window.height()
    window.resizeDocks([docks["annotationsPanel"], docks["entitiesPanel"]],
                       [share(width, ANNOTATIONS_WIDTH), share(width, ANALYSIS_WIDTH)],
                       Qt.Orientation.Horizontal)
    window.resizeDocks([docks["chartPanel"]], [share(height, CHART_HEIGHT)],
                       Qt.Orientation.Vertical)
