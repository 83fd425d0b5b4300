"""The reading column keeps priority in small windows, and the default panel layout follows
the window until the reader arranges the panels themselves."""

from __future__ import annotations

from helpers import show_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from lectern.gui.shell.docks import is_compact


def _column_chars(window) -> float:
    view = window.article_view
    width = view.viewport().width()
    return width / QFontMetricsF(view.font()).averageCharWidth()


def test_a_small_window_keeps_a_readable_column(qtbot, app_paths, sample_article):
    for size, chars in (((1024, 700), 55), ((800, 600), 40)):
        window = show_window(qtbot, app_paths, sample_article, size=size)
        qtbot.waitUntil(lambda w=window: w.analysis.result is not None, timeout=10_000)
        assert _column_chars(window) >= chars, size
        assert is_compact(window.width())
        entities = window.docks["entitiesPanel"]
        assert entities.width() >= 280  # headers still readable, not "T…"
        window.close()


def test_panels_squeezed_in_a_small_window_grow_back_in_a_large_one(qtbot, app_paths,
                                                                    sample_article):
    window = show_window(qtbot, app_paths, sample_article, size=(1024, 700))
    window.resize(1920, 1000)
    qtbot.waitUntil(lambda: window.docks["entitiesPanel"].width() >= 500, timeout=2000)
    assert window.docks["annotationsPanel"].width() >= 300
    assert _column_chars(window) >= 55


def test_a_layout_the_reader_arranged_is_left_alone(qtbot, app_paths, sample_article):
    window = show_window(qtbot, app_paths, sample_article, size=(1600, 900))
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.docks["factsPanel"])
    window.resize(1024, 700)
    qtbot.wait(10)
    assert window.dockWidgetArea(window.docks["factsPanel"]) == \
        Qt.DockWidgetArea.LeftDockWidgetArea
    window.menu_actions.actions["view.reset_layout"].trigger()
    assert window.dockWidgetArea(window.docks["factsPanel"]) == \
        Qt.DockWidgetArea.RightDockWidgetArea


def test_the_layout_still_follows_the_window_after_a_restart(qtbot, app_paths, sample_article):
    first = show_window(qtbot, app_paths, sample_article, size=(1024, 700))
    first.save_layout()  # as a quit does
    first.close()
    again = show_window(qtbot, app_paths, sample_article, size=(1024, 700))
    assert again.panels.auto  # restoring the saved panels is not the reader moving one
    again.resize(1920, 1000)
    qtbot.waitUntil(lambda: again.docks["entitiesPanel"].width() >= 500, timeout=2000)


def test_a_restored_start_keeps_its_panels_where_they_were_painted(qtbot, app_paths,
                                                                   sample_article):
    from lectern.gui.shell.main_window import MainWindow

    def start() -> MainWindow:  # as the app starts: the features come after the first paint
        window = MainWindow(app_paths, with_features=False)
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.open_file(sample_article)
        window.show()
        qtbot.waitExposed(window)
        return window

    first = start()
    first.install_features()
    first.save_layout()
    first.close()
    again = start()
    def sizes() -> dict[str, tuple[int, int]]:
        return {name: (dock.width(), dock.height()) for name, dock in again.docks.items()
                if dock.isVisible() and not dock.visibleRegion().isEmpty()}

    painted = sizes()
    again.install_features()
    qtbot.wait(50)
    after = sizes()
    assert after.keys() == painted.keys()
    for name, (width, height) in after.items():  # the status bar's fields may take a few px
        assert abs(width - painted[name][0]) <= 8 and abs(height - painted[name][1]) <= 8, name
    assert again.panels.auto
