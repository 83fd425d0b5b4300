"""The Reports and Quote Ledger views in the window: each report draws its chart from the
library and exports it; the ledger lists the shared quotation with its flags and a click
opens the article at the quotation; an empty library says what would fill each view."""

from __future__ import annotations

import csv

from helpers import show_window
from reports_helpers import build, tag_overlapping

from lectern.gui.reports.charts import HeatMap, SourcesChart, TagChart


def library_in(app_paths, tmp_path, analyse=True):
    store, ids = build(tmp_path, app_paths.store_file, analyse=analyse)
    with store:
        tag_overlapping(store, ids)
    return ids


def _items(chart, kind):
    return [item for item in chart.plot.items if type(item).__name__ == kind]


def test_each_report_draws_its_chart_and_exports(qtbot, app_paths, tmp_path, sample_article):
    library_in(app_paths, tmp_path)
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.reports"].trigger()
    assert window.views.current == "reports"
    view = window.reports.reports_view
    pages = view.pages
    assert pages["tags"].chart is not None and pages["sources"].chart is None  # on show only
    for tab in (1, 2):
        view.tabs.setCurrentIndex(tab)  # each report is made when its tab is chosen
    tags, heat, who = (pages[k].chart for k in ("tags", "cooccurrence", "sources"))
    assert isinstance(tags, TagChart) and isinstance(heat, HeatMap)
    assert isinstance(who, SourcesChart)
    # The tagged articles are both Harbour Post's: one stack of bars.
    (bars,) = _items(tags, "BarGraphItem")
    assert list(bars.opts["height"]) == [3, 2, 1]  # Person, Claim, Figure
    ticks = [label for _, label in tags.plot.getAxis("bottom")._tickLevels[0]]
    assert set(ticks) == {"Person", "Claim", "Figure"}
    assert sorted(t.toPlainText() for t in _items(heat, "TextItem")) == \
        sorted(["1", "1", "1", "1", "2", "2", "1"])  # Claim~Person twice over the diagonal
    speakers = [label for _, label in who.plot.getAxis("left")._tickLevels[0]]
    assert speakers[0] == "Teymur Musayev" and "officials" in speakers
    assert "quotations from" in pages["sources"].summary.text()
    feature = window.reports
    for suffix in (".png", ".svg", ".csv"):
        feature.export_to("cooccurrence", str(tmp_path / f"heat{suffix}"))
    assert (tmp_path / "heat.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "heat.svg").read_bytes()
    with open(tmp_path / "heat.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["tag_a", "tag_b", "count"] and ["Figure", "Person", "2"] in rows
    feature.export_to("tags", str(app_paths.store_file))  # never over the store
    assert window.last_error_box is not None


def test_the_ledger_lists_the_shared_quotation_and_opens_a_passage(qtbot, app_paths,
                                                                    tmp_path, sample_article):
    ids = library_in(app_paths, tmp_path)
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.quote_ledger"].trigger()
    assert window.views.current == "ledger"
    view = window.reports.ledger_view
    assert view.entry_list.topLevelItemCount() == 1
    entry = view.entry_list.topLevelItem(0)
    assert entry.text(1) == "3" and entry.text(2) == "truncated, other speaker"
    flags = [view.occurrences.topLevelItem(i).text(4) for i in range(3)]
    assert flags == ["", "truncated", "other speaker"]
    html = view.wordings.toHtml()
    assert "line-through" in html and "Every" in html  # the cut words, struck through
    second = view.occurrences.topLevelItem(1)
    view.occurrences.itemClicked.emit(second, 1)
    assert window.views.current == "article"
    assert window.document.title == "Harbour rebuild promised"
    qtbot.waitUntil(lambda: window.article_view.selected_span() is not None, timeout=2000)
    start, end = window.article_view.selected_span()
    assert window.document.text[start:end].startswith('"We will not let the port')
    assert ids["second"] in {o.article for o in view.current_entry().occurrences}


def test_the_ledger_view_names_speakers_as_the_curation_does(qtbot, app_paths, tmp_path,
                                                               sample_article):
    from lectern.core.library.curation import merge
    from lectern.core.library.entities import list_entities

    store, _ = build(tmp_path, app_paths.store_file)
    with store:
        people = {e.name: e.id for e in list_entities(store, "PERSON")}
        merge(store, people["Teymur Musayev"], people["Nadia Orlova"])
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.quote_ledger"].trigger()
    view = window.reports.ledger_view
    assert view.entry_list.topLevelItem(0).text(2) == "truncated"  # no other speaker now
    assert view.current_entry().speakers == ("Teymur Musayev",)


def test_pending_analyses_run_on_a_worker_before_the_ledger_fills(qtbot, app_paths, tmp_path,
                                                                  sample_article):
    library_in(app_paths, tmp_path, analyse=False)
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.quote_ledger"].trigger()
    view = window.reports.ledger_view
    assert "up to date" in view.summary.text()
    qtbot.waitUntil(lambda: view.entry_list.topLevelItemCount() == 1, timeout=30_000)


def test_an_empty_library_says_what_fills_each_view(qtbot, app_paths, sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.reports"].trigger()
    for tab in (1, 2):
        window.reports.reports_view.tabs.setCurrentIndex(tab)
    for page in window.reports.reports_view.pages.values():
        assert page.stack.currentWidget() is page.empty and page.chart is None
        assert not page.buttons[".png"].isEnabled()
    window.menu_actions.actions["view.quote_ledger"].trigger()
    view = window.reports.ledger_view
    assert view.stack.currentWidget() is view.empty
    assert "two articles" in view.empty.headline.text()


def test_quitting_while_the_analyses_catch_up_stops_the_worker(qtbot, app_paths, tmp_path,
                                                               sample_article):
    library_in(app_paths, tmp_path, analyse=False)
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.reports"].trigger()
    worker = window.reports.catch_up
    assert worker is not None
    window.reports.shutdown()  # as quitting does: no "QThread destroyed while running" abort
    assert worker.isFinished()
