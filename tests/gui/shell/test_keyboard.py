"""The keyboard reaches everything: Tab leaves a table, F6 and Alt+1..6 move between the
article and the panels, F9 hides the panels for reading and brings them back."""

from __future__ import annotations

import pytest
from helpers import show_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def window(qtbot, app_paths, sample_article):
    shown = show_window(qtbot, app_paths, sample_article)
    shown.activateWindow()
    qtbot.waitUntil(lambda: shown.analysis.result is not None, timeout=10_000)
    qtbot.waitUntil(lambda: shown.analysis.facts.model.rowCount() > 0, timeout=10_000)
    return shown


def _trigger(window, action_id: str) -> None:
    window.menu_actions.actions[action_id].trigger()


def test_tab_leaves_the_facts_table_instead_of_walking_its_cells(qtbot, window):
    table = window.analysis.facts.table
    _trigger(window, "view.go_to.factsPanel")
    assert QApplication.focusWidget() is table
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    _trigger(window, "view.go_to.factsPanel")
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1  # arrows move by row


def test_each_pane_has_its_key_and_f6_cycles_through_them(qtbot, window):
    for pane, widget in (("annotationsPanel", window.annotations.panel.search),  # no rows yet
                         ("entitiesPanel", window.analysis.entities.tree),
                         ("quotesPanel", window.analysis.quotes.table),
                         ("article", window.article_view)):
        _trigger(window, f"view.go_to.{pane}")
        assert QApplication.focusWidget() is widget, pane
    seen = []
    for _ in range(6):
        _trigger(window, "view.next_pane")
        seen.append(QApplication.focusWidget())
    assert window.article_view in seen and window.analysis.entities.tree in seen


def test_f9_hides_every_panel_and_brings_back_the_ones_that_were_shown(qtbot, window):
    window.docks["chartPanel"].close()
    _trigger(window, "view.toggle_panels")
    assert not any(dock.isVisible() for dock in window.docks.values())
    _trigger(window, "view.toggle_panels")
    shown = {name for name, dock in window.docks.items() if dock.isVisible()}
    assert shown == set(window.docks) - {"chartPanel"}
