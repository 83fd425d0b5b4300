"""The Timeline view as a reader meets it: the library's grouped events on one timeline,
their sources under the pointer, a click that opens the article at the passage, the bars,
the conflicts side by side, export, and the empty state."""

from __future__ import annotations

import pytest
from helpers import show_window
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from timeline_helpers import build_library

from lectern.core.store import AnnotationStore

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)


@pytest.fixture
def ids(app_paths, tmp_path):
    with AnnotationStore.open(app_paths.store_file) as store:
        return build_library(store, tmp_path / "articles")


@pytest.fixture
def shown(qtbot, app_paths, ids, sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.timeline"].trigger()
    assert window.views.current == "timeline"
    QApplication.processEvents()
    yield window
    window.analysis.runner.shutdown()


def marker_of(plot, ident):
    spot = next(p for p in plot.markers.points() if p.data() == ident)
    return plot.mapFromScene(plot.markers.mapToScene(spot.pos()))


def relations_id(tab) -> str:
    return next(i for i, e in tab.chart.events.items() if e.date == "1992-05-20")


def test_the_timeline_draws_one_marker_per_grouped_event_with_its_count(shown, ids):
    tab = shown.timeline.view.charts["timeline"]
    plot = tab.plot
    assert tab.drawn and len(plot.markers.points()) == len(tab.chart.events)
    ident = relations_id(tab)
    labels = {e.fact_id: e.label for e in plot.data.events}
    assert labels[ident].startswith("20 May 1992 ×2 · Diplomatic relations")
    assert "events" in shown.timeline.view.summary.text()


def test_hovering_a_grouped_event_names_each_source(shown, qtbot):
    plot = shown.timeline.view.charts["timeline"].plot
    QTest.mouseMove(plot.viewport(), marker_of(plot, relations_id(
        shown.timeline.view.charts["timeline"])))
    text = plot.hover_text()
    assert text is not None and text.startswith("20 May 1992 · 2 articles")
    assert "Georgia and Estonia widen trade ties (2024-03-14): May 20, 1992" in text
    assert "Estonia and Georgia look at digital trade (2024-03-16)" in text


def test_clicking_an_event_opens_the_earliest_article_at_its_passage(shown, qtbot):
    plot = shown.timeline.view.charts["timeline"].plot
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton,
                     pos=marker_of(plot, relations_id(shown.timeline.view.charts["timeline"])))
    qtbot.waitUntil(lambda: shown.views.current == "article", timeout=3000)
    assert shown.document.title == "Georgia and Estonia widen trade ties"
    qtbot.waitUntil(lambda: shown.article_view.selected_span() is not None, timeout=3000)
    start, end = shown.article_view.selected_span()
    assert shown.document.text[start:end] == "May 20, 1992"


def test_a_search_narrows_the_timeline_and_a_bad_one_keeps_it(shown, qtbot):
    view = shown.timeline.view
    view.query.setText("embassy")
    qtbot.keyClick(view.query, Qt.Key.Key_Return)
    events = view.charts["timeline"].chart.events.values()
    assert {a for e in events for a in e.articles} == {2}
    errors = []
    shown.show_error = lambda title, message: errors.append(message)
    view.query.setText("embassy AND")
    qtbot.keyClick(view.query, Qt.Key.Key_Return)
    assert shown.timeline.scope == "embassy" and "needs a word after it" in errors[0]
    assert {a for e in view.charts["timeline"].chart.events.values() for a in e.articles} == {2}


def test_bars_by_unit_and_by_entity_and_a_bar_click_opens_its_article(shown, qtbot, ids):
    view = shown.timeline.view
    view.show_tab("units")
    plot = view.charts["units"].plot
    titles = [title for title, _ids, _heights in plot.bar_data()]
    assert "Money (USD)" in titles
    entry = next(e for e in plot.bar_plots if e.group.title == "Money (USD)")
    column = next(i for i, ident in enumerate(entry.group.fact_ids)
                  if view.charts["units"].chart.bars[ident].period == "2023")
    assert entry.heights[column] == 48_600_000
    view.show_tab("entities")
    assert any("Batumi" in title for title, _i, _h in view.charts["entities"].plot.bar_data())
    view.show_tab("units")
    at = plot.mapFromScene(entry.plot.vb.mapViewToScene(QPointF(column, 1.0)))
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: shown.views.current == "article", timeout=3000)
    qtbot.waitUntil(lambda: shown.article_view.selected_span() is not None, timeout=3000)
    start, end = shown.article_view.selected_span()
    assert shown.document.text[start:end] in ("$48.6 million", "$52.3 million",
                                              "48,600,000 dollars")


def test_the_conflict_is_listed_with_its_values_side_by_side_and_a_passage_opens(shown, qtbot):
    view = shown.timeline.view
    view.show_tab("conflicts")
    assert view.summary.text() == "1 conflict across the library"
    pane = view.conflicts
    assert pane.tree.topLevelItemCount() == 1
    top = pane.tree.topLevelItem(0)
    assert top.text(0) == "bilateral trade (2023)" and top.childCount() == 3
    assert sorted(top.child(i).text(1) for i in range(3)) == [
        "$48.6 million", "$52.3 million", "48,600,000 dollars"]
    columns = [pane.sides_layout.itemAt(i).widget() for i in range(pane.sides_layout.count())]
    assert len(columns) == 2
    passages = [label for label in columns[1].findChildren(QLabel) if "href" in label.text()]
    assert "Officials said bilateral trade reached <b>$52.3 million</b>" in passages[0].text()
    link = passages[0].text().split("href='")[1].split("'")[0]
    passages[0].linkActivated.emit(link)
    qtbot.waitUntil(lambda: shown.views.current == "article", timeout=3000)
    qtbot.waitUntil(lambda: shown.article_view.selected_span() is not None, timeout=3000)
    start, end = shown.article_view.selected_span()
    assert shown.document.text[start:end] == "$52.3 million"
    view.show_tab("timeline")  # each tab keeps its own summary
    assert "events" in view.summary.text()


def test_the_timeline_exports_to_png_with_a_title_band(shown, tmp_path):
    out = tmp_path / "timeline.png"
    shown.timeline.export(out)
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1200


def test_an_empty_library_says_what_will_appear(qtbot, app_paths, sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.timeline"].trigger()
    view = window.timeline.view
    tab = view.charts["timeline"]
    assert not tab.drawn and "No dated events yet" in tab.empty.headline.text()
    assert not view.png_button.isEnabled()
    view.show_tab("conflicts")
    assert view.conflicts._stack.currentWidget() is view.conflicts.empty
    window.analysis.runner.shutdown()


def test_articles_selected_in_the_library_get_their_own_timeline(shown, qtbot, ids):
    from PySide6.QtCore import QItemSelectionModel

    shown.menu_actions.actions["view.library"].trigger()
    library = shown.library.library_view
    chosen = {ids["harbour.txt"], ids["edited.txt"]}
    flags = (QItemSelectionModel.SelectionFlag.Select
             | QItemSelectionModel.SelectionFlag.Rows)
    for row in range(library.articles.rowCount()):
        index = library.articles.index(row, 0)
        if library.articles.row_at(index).id in chosen:  # as Ctrl+click does, row by row
            library.table.selectionModel().select(index, flags)
    assert library.selected_ids() == sorted(chosen) and not library.remove_button.isEnabled()
    qtbot.mouseClick(library.timeline_button, Qt.MouseButton.LeftButton)
    assert shown.views.current == "timeline"
    view = shown.timeline.view
    told = {a for e in view.charts["timeline"].chart.events.values() for a in e.articles}
    assert told and told <= chosen and view.summary.text().startswith("2 selected articles")
    assert view.query.placeholderText().startswith("2 selected articles")
    view.show_tab("conflicts")
    assert view.summary.text() == "1 conflict among the 2 selected articles"
    view.query.setText("embassy")  # a search takes the place of the selection
    qtbot.keyClick(view.query, Qt.Key.Key_Return)
    assert shown.timeline.articles is None
    assert view.query.placeholderText().startswith("Whole library")
    assert view.summary.text() == "0 conflicts among the articles “embassy” finds"
