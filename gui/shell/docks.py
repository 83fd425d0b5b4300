"""Dock panels around the article: which panels there are and their default layout.

The reading column has priority. A wide window puts Annotations on the left and the
analysis on the right; a narrow one gathers every side panel into one tabbed column on
the right, so the article keeps a readable measure. While the reader has not rearranged
the panels, the layout follows the window across that boundary (and is refitted when a
layout saved in a small window is opened in a large one).

Qt's enum namespace (``PySide6.QtCore.Qt``: some 90 enums, a tenth of a bare window's start)
is built on its first use, so the modules on the way to the first paint name it only in code
that runs later; a start that restores the saved panels never needs it before the paint.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

# objectName and title of each panel; apply_default_layout places them.
PANEL_SPECS = (
    ("entitiesPanel", "Entities"),
    ("factsPanel", "Facts"),
    ("quotesPanel", "Quotes"),
    ("annotationsPanel", "Annotations"),
    ("chartPanel", "Chart"),
)
COMPACT_BELOW_PX = 1280  # narrower than this, the side panels share one tabbed column


def make_dock(object_name: str, title: str, content: QWidget, parent: QWidget) -> QDockWidget:
    dock = QDockWidget(title, parent)
    dock.setObjectName(object_name)
    dock.setWidget(content)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    return dock


# Default panel sizes as shares of the window, within bounds that keep each readable.
ANNOTATIONS_WIDTH = (0.2, 260, 380)  # share of the width, minimum, maximum (pixels)
ANALYSIS_WIDTH = (0.28, 360, 640)
COMPACT_WIDTH = (0.34, 300, 420)  # the one tabbed column of a narrow window
CHART_HEIGHT = (0.3, 200, 340)


def is_compact(width: int) -> bool:
    return width < COMPACT_BELOW_PX


def apply_default_layout(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Wide: Annotations left; Entities over Facts/Quotes right; Chart below the article.
    Narrow: Entities, Facts, Quotes and Annotations as tabs on the right; Chart below."""
    from PySide6.QtCore import Qt  # see the module's note: not on a restored start's path

    left = Qt.DockWidgetArea.LeftDockWidgetArea
    right = Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    window.setCorner(Qt.Corner.TopRightCorner, right)
    window.setCorner(Qt.Corner.BottomRightCorner, right)
    window.setCorner(Qt.Corner.TopLeftCorner, left)
    window.setCorner(Qt.Corner.BottomLeftCorner, left)
    for dock in docks.values():
        dock.setFloating(False)
        window.removeDockWidget(dock)
    if is_compact(window.width()):
        window.addDockWidget(right, docks["entitiesPanel"])
        for name in ("factsPanel", "quotesPanel", "annotationsPanel"):
            window.tabifyDockWidget(docks["entitiesPanel"], docks[name])
    else:
        window.addDockWidget(left, docks["annotationsPanel"])
        window.addDockWidget(right, docks["entitiesPanel"])
        window.splitDockWidget(docks["entitiesPanel"], docks["factsPanel"],
                               Qt.Orientation.Vertical)
        window.tabifyDockWidget(docks["factsPanel"], docks["quotesPanel"])
    window.addDockWidget(bottom, docks["chartPanel"])
    for dock in docks.values():
        dock.show()
    docks["entitiesPanel" if is_compact(window.width()) else "factsPanel"].raise_()
    fit_default_dock_sizes(window, docks)


def fit_default_dock_sizes(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Give the side and bottom panels their default share of the window's current size."""
    from PySide6.QtCore import Qt

    def share(extent: int, spec: tuple[float, int, int]) -> int:
        fraction, low, high = spec
        return int(min(max(extent * fraction, low), high))

    width, height = window.width(), window.height()
    if is_compact(width):
        window.resizeDocks([docks["entitiesPanel"]], [share(width, COMPACT_WIDTH)],
                           Qt.Orientation.Horizontal)
    else:
        window.resizeDocks([docks["annotationsPanel"], docks["entitiesPanel"]],
                           [share(width, ANNOTATIONS_WIDTH), share(width, ANALYSIS_WIDTH)],
                           Qt.Orientation.Horizontal)
    window.resizeDocks([docks["chartPanel"]], [share(height, CHART_HEIGHT)],
                       Qt.Orientation.Vertical)
