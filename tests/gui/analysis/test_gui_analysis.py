"""The analysis panels beside the article: entities, facts, quotes and the chart, linked."""

from __future__ import annotations

import pytest
from helpers import show_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtTest import QTest

from lectern.core.readouts.selection import SelectionKind
from lectern.core.resources import sample_article
from lectern.gui.analysis.entities_model import ENTITY_ID_ROLE

ENTITY, FACT = SelectionKind.ENTITY, SelectionKind.FACT

SAMPLE_ARTICLE = sample_article()


@pytest.fixture
def window(qtbot, app_paths):
    main_window = show_window(qtbot, app_paths)
    yield main_window
    main_window.analysis.runner.shutdown()


@pytest.fixture
def analysed(window, qtbot):
    """The sample article, analysed, with the chart drawn."""
    assert window.open_file(SAMPLE_ARTICLE)
    qtbot.waitUntil(lambda: window.analysis.result is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.analysis.chart.is_drawn, timeout=10_000)
    return window


def _entity_rows(model):
    rows = []
    for group in range(model.rowCount()):
        group_index = model.index(group, 0)
        for row in range(model.rowCount(group_index)):
            rows.append([model.index(row, c, group_index).data() for c in range(3)]
                        + [model.index(row, 0, group_index).data(ENTITY_ID_ROLE)])
    return rows


def test_entities_panel_lists_people_with_roles_and_mention_counts(analysed):
    model = analysed.analysis.entities.model
    groups = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert groups[0] == "People"
    people = model.index(0, 0)
    listed = {model.index(r, 0, people).data(): (model.index(r, 1, people).data(),
                                                 model.index(r, 2, people).data())
              for r in range(model.rowCount(people))}
    assert listed["Nino Kapanadze"] == ("Georgian Economy Minister", "3")
    assert listed["Mart Lepik"] == ("Estonian Ambassador", "2")
    assert analysed.analysis.entities.showing_content


def test_facts_panel_lists_figures_with_values_and_dates(analysed):
    model = analysed.analysis.facts.model
    rows = {(model.index(r, 1).data(), model.index(r, 2).data())
            for r in range(model.rowCount())}
    assert ("$48.6 million", "2023") in rows
    # "since January 2009": when the counting began, not a date of the count
    assert ("≈ 1,200 students", "") in rows
    assert ("€12 million", "2025") in rows
    assert ("", "20 May 1992") in rows  # a date fact shows its date once


def test_chart_has_one_marker_per_dated_fact_and_one_bar_per_figure(analysed):
    facts = analysed.analysis.result.analysis.facts
    dated = {f.id for f in facts if f.kind == "date"}
    figures = {f.id for f in facts if f.kind != "date"}
    plot = analysed.analysis.chart.plot
    assert set(plot.markers.data["data"]) == dated
    assert len(plot.markers.data) == len(dated)
    bars = plot.bar_data()
    assert {fact_id for _title, ids, _h in bars for fact_id in ids} == figures
    assert sum(len(heights) for _t, _i, heights in bars) == len(figures)
    titles = [title for title, _i, _h in bars]
    assert "Money (USD)" in titles and "Money (EUR)" in titles and "Counts" in titles


def test_clicking_a_marker_selects_the_fact_and_moves_the_cursor(analysed, qtbot):
    analysis = analysed.analysis
    plot = analysis.chart.plot
    fact = next(f for f in analysis.result.analysis.facts if f.value == "1992-05-20")
    spot = next(p for p in plot.markers.points() if p.data() == fact.id)
    scene_pos = plot.markers.mapToScene(spot.pos())
    view_pos = plot.mapFromScene(scene_pos)
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view_pos))
    qtbot.waitUntil(lambda: analysis.selection.current is not None, timeout=2000)
    assert analysis.selection.current.kind == FACT
    assert analysis.selection.current.id == fact.id
    cursor = analysed.article_view.cursor_offset()
    assert fact.sentence.start <= cursor <= fact.sentence.end
    table = analysis.facts.table
    assert table.currentIndex().row() == analysis.facts.model.row_of(fact.id)
    # The chart rings the selected marker.
    assert plot.highlight_position() == (spot.pos().x(), spot.pos().y())


def test_selecting_an_entity_highlights_all_its_mentions(analysed):
    analysis = analysed.analysis
    entity = next(e for e in analysis.result.analysis.entities if e.name == "Nino Kapanadze")
    model = analysis.entities.model
    analysis.entities.tree.setCurrentIndex(model.index_of(entity.id))
    assert analysis.selection.current.kind == ENTITY
    assert analysis.layer.spans == [(m.start, m.end) for m in entity.mentions]
    block = analysed.article_view.document().findBlock(entity.mentions[1].start)
    wavy = QTextCharFormat.UnderlineStyle.WaveUnderline
    underlined = [r for r in block.layout().formats() if r.format.underlineStyle() == wavy]
    assert underlined, "the mention is drawn with the temporary wavy underline"
    analysis.selection.step_mention(+1)
    analysis.selection.step_mention(+1)
    assert analysed.article_view.cursor_offset() == entity.mentions[1].start
    analysis.selection.step_mention(-1)
    assert analysed.article_view.cursor_offset() == entity.mentions[0].start
    QTest.keyClick(analysed.article_view, Qt.Key.Key_Escape)
    analysis.selection.clear()
    assert analysis.layer.spans == []


def test_a_click_away_from_a_quotation_lets_its_mark_go(analysed):
    analysis = analysed.analysis
    quote = analysis.result.analysis.quotes[0]
    index = analysis.result.index
    inside = next(o for o in range(quote.start, quote.end)
                  if (index.hit(o) or (None,))[0] is SelectionKind.QUOTE)
    analysed.article_view.move_cursor_to(inside)
    assert analysis.selection.current.kind is SelectionKind.QUOTE
    assert analysis.layer.spans == [(quote.start, quote.end)]
    title_end = analysed.article_view.document().firstBlock().length() - 2
    analysed.article_view.move_cursor_to(title_end)  # the headline: nothing analysed there
    assert analysis.selection.current is None and analysis.layer.spans == []


def test_clicking_a_mention_in_the_article_selects_it_in_the_panel(analysed):
    analysis = analysed.analysis
    entity = next(e for e in analysis.result.analysis.entities if e.name == "Mart Lepik")
    analysed.article_view.move_cursor_to(entity.mentions[0].start + 2)
    current = analysis.selection.current
    assert (current.kind, current.id, current.mention) == (ENTITY, entity.id, 0)
    assert analysis.entities.tree.currentIndex().data(ENTITY_ID_ROLE) == entity.id


def test_annotate_then_undo_leaves_no_annotation(analysed):
    analysis = analysed.analysis
    session = analysed.annotations.session
    entity = next(e for e in analysis.result.analysis.entities if e.name == "Nino Kapanadze")
    before = len(session.annotations)
    analysis.entities.tree.setCurrentIndex(analysis.entities.model.index_of(entity.id))
    analysis.entities.annotate_button.click()
    made = [a for a in session.annotations][before:]
    assert len(made) == len(entity.mentions)
    assert all(a.tags == ("Person",) or list(a.tags) == ["Person"] for a in made)
    session.undo()
    assert len(session.annotations) == before


def test_annotate_twice_adds_nothing_the_second_time(analysed, window):
    analysis = analysed.analysis
    session = analysed.annotations.session
    entity = next(e for e in analysis.result.analysis.entities if e.name == "Nino Kapanadze")
    analysis.entities.tree.setCurrentIndex(analysis.entities.model.index_of(entity.id))
    analysis.entities.annotate_button.click()
    first = len(session.annotations)
    steps = len(session.stack)
    analysis.entities.annotate_button.click()
    assert len(session.annotations) == first and len(session.stack) == steps
    assert window.statusBar().currentMessage() == (
        f"Annotated Nino Kapanadze: 0 new annotations, {first} already there")


def test_annotate_follows_the_scheme_after_the_person_tag_is_renamed(analysed):
    session = analysed.annotations.session
    session.rename_tag("Person", "Source")
    analysis = analysed.analysis
    entity = next(e for e in analysis.result.analysis.entities if e.name == "Nino Kapanadze")
    analysis.entities.tree.setCurrentIndex(analysis.entities.model.index_of(entity.id))
    analysis.entities.annotate_button.click()
    spans = {(m.start, m.end) for m in entity.mentions}
    made = [a for a in session.annotations if (a.start, a.end) in spans]
    assert made and all(a.tags == ("Source",) for a in made)


def test_hide_removes_the_entity_and_is_remembered(analysed, qtbot, window):
    analysis = analysed.analysis
    entity = next(e for e in analysis.result.analysis.entities if e.name == "Lectern Wire")
    analysis.entities.tree.setCurrentIndex(analysis.entities.model.index_of(entity.id))
    analysis.entities.hide_button.click()
    assert entity.id not in [row[3] for row in _entity_rows(analysis.entities.model)]
    window.open_file(SAMPLE_ARTICLE)  # the same text again: still hidden
    qtbot.waitUntil(lambda: analysis.result is not None, timeout=10_000)
    names = [row[0] for row in _entity_rows(analysis.entities.model)]
    assert "Lectern Wire" not in names and "Nino Kapanadze" in names


def test_a_hidden_entity_comes_back_with_undo_or_from_the_hidden_list(analysed, window):
    analysis = analysed.analysis
    panel = analysis.entities
    entity = next(e for e in analysis.result.analysis.entities if e.name == "Lectern Wire")

    def names() -> list[str]:
        return [row[0] for row in _entity_rows(panel.model)]

    panel.tree.setCurrentIndex(panel.model.index_of(entity.id))
    panel.hide_button.click()
    assert "Lectern Wire" not in names()
    window.annotations.undo_action.trigger()
    assert "Lectern Wire" in names()
    panel.tree.setCurrentIndex(panel.model.index_of(entity.id))
    panel.hide_button.click()
    panel.show_hidden_box.setChecked(True)  # the hidden ones are listed, struck through
    assert "Lectern Wire" in names()
    panel.tree.setCurrentIndex(panel.model.index_of(entity.id))
    assert panel.hide_button.text() == "Show"
    panel.hide_button.click()
    panel.show_hidden_box.setChecked(False)
    assert "Lectern Wire" in names()
    assert window.annotations.session.hidden_entities == frozenset()


def test_filter_box_narrows_the_tree(analysed):
    panel = analysed.analysis.entities
    panel.filter_edit.setText("ambassador")
    assert [row[0] for row in _entity_rows(panel.model)] == ["Mart Lepik"]


def test_facts_export_as_csv(analysed, tmp_path):
    out = tmp_path / "facts.csv"
    analysed.analysis.export_facts(out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()  # marked UTF-8 for spreadsheets
    assert lines[0].startswith("id,kind,subject,value")
    assert len(lines) == 1 + len(analysed.analysis.result.analysis.facts)


def test_facts_and_chart_exports_never_overwrite_the_article_nor_enter_lecterns_folders(
        window, qtbot, app_paths, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(SAMPLE_ARTICLE.read_bytes())
    assert window.open_file(article)
    qtbot.waitUntil(lambda: window.analysis.result is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.analysis.chart.is_drawn, timeout=10_000)
    before = article.read_bytes()
    window.analysis.export_facts(article)
    assert "overwrite the article" in window.last_error_box.text()
    store_folder_csv = app_paths.store_file.parent / "facts.csv"
    window.analysis.export_facts(store_folder_csv)
    assert not store_folder_csv.exists()
    assert "inside Lectern's own folder" in window.last_error_box.text()
    with qtbot.waitSignal(window.analysis.chart.export_failed) as failed:
        window.analysis.chart.export(str(article))
    assert "overwrite the article" in failed.args[0]
    assert article.read_bytes() == before


def test_chart_exports_png_and_svg(analysed, tmp_path):
    for name in ("chart.png", "chart.svg"):
        analysed.analysis.chart.export(str(tmp_path / name))
        assert (tmp_path / name).stat().st_size > 1000


def test_article_without_figures_shows_a_friendly_chart_state(window, qtbot, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("A quiet day\n\nNothing much happened in the village today.\n",
                     encoding="utf-8")
    window.open_file(plain)
    qtbot.waitUntil(lambda: window.analysis.result is not None, timeout=10_000)
    chart = window.analysis.chart
    qtbot.waitUntil(lambda: chart.empty.headline.text() == "No figures to chart",
                    timeout=10_000)
    assert not chart.showing_content


def test_reset_layout_puts_every_panel_back(window):
    docks = window.docks
    docks["chartPanel"].close()
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks["entitiesPanel"])
    window.menu_actions.actions["view.reset_layout"].trigger()
    assert [n for n, d in docks.items()
            if d.isFloating() or not d.toggleViewAction().isChecked()] == []
    assert window.dockWidgetArea(docks["chartPanel"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.dockWidgetArea(docks["annotationsPanel"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    for name in ("entitiesPanel", "factsPanel", "quotesPanel"):
        assert window.dockWidgetArea(docks[name]) == Qt.DockWidgetArea.RightDockWidgetArea
