"""The Chart panel as a reader meets it: tooltips under the pointer, timeline labels that
never cover a marker or each other at any width, and exports with a title and a source."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from helpers import show_window
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from lectern.core.document import Document
from lectern.core.resources import sample_article

SAMPLE_ARTICLE = sample_article()
# Qt's offscreen platform says this whenever a tooltip window is raised: not our bug.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def dispute_article(events: int = 36) -> str:
    """A long dispute: a dated step every few months, figures now and then."""
    actors = ["the port authority", "the fishermen's union", "the regional court",
              "the ministry", "the shipping firm"]
    steps = ["filed a complaint", "issued a ruling", "rejected the appeal",
             "held a public hearing", "imposed a fine", "published its findings"]
    lines = ["Harbour dispute drags into its third decade", ""]
    for n in range(events):
        year, month = 1998 + n * 7 // 10, (n * 5) % 12
        when = (f"{MONTHS[month]} {n % 27 + 1}, {year}" if n % 3 == 0
                else f"{MONTHS[month]} {year}")
        lines.append(f"On {when}, {actors[n % 5]} {steps[n % 6]} over the harbour.")
        if n % 6 == 0:
            lines.append(f"The fine came to ${n + 3} million and about {120 * (n + 1)} "
                         "workers were affected.")
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def window(qtbot, app_paths):
    main_window = show_window(qtbot, app_paths)
    yield main_window
    main_window.analysis.runner.shutdown()


@pytest.fixture
def analysed(window, qtbot):
    """The sample article, analysed, with the chart drawn."""
    assert window.open_file(SAMPLE_ARTICLE)
    qtbot.waitUntil(lambda: window.analysis.chart.is_drawn, timeout=10_000)
    return window


@pytest.fixture
def chart_of(qtbot):
    """A FactChart of an article's text, ``width`` pixels wide, drawn."""
    from lectern.core.extract import analyze
    from lectern.core.readouts.chart_data import chart_data
    from lectern.gui.widgets.chart.plot import FactChart

    def make(text: str, width: int, height: int = 230, dark: bool = False) -> FactChart:
        document = Document.from_text(text)
        chart = FactChart(dark)
        qtbot.addWidget(chart)
        chart.resize(width, height)
        chart.show()
        qtbot.waitExposed(chart)
        chart.draw(chart_data(analyze(document).facts, document.text))
        settle(chart)
        return chart
    return make


def settle(chart) -> None:
    """Lay the chart out and paint it once: a text item undoes the view's scaling as it paints."""
    QApplication.processEvents()
    chart.grab()


def hover(plot, scene_pos: QPointF) -> None:
    """A real mouse move over the chart's viewport, as the pointer makes it."""
    QTest.mouseMove(plot.viewport(), plot.mapFromScene(scene_pos))


def marker_scene_pos(plot, fact_id: str) -> QPointF:
    spot = next(p for p in plot.markers.points() if p.data() == fact_id)
    return plot.markers.mapToScene(spot.pos())


def quiet_spot(plot) -> QPointF:
    """A point of the view that is over nothing: the gap above the plots."""
    return plot.mapToScene(QPoint(plot.width() // 2, 2))


def fact_with_value(window, value):
    return next(f for f in window.analysis.result.analysis.facts if f.value == value)


# --- tooltips ---------------------------------------------------------------------------------
def test_hovering_a_marker_shows_its_date_fact_and_sentence(analysed, qtbot):
    chart, plot = analysed.analysis.chart, analysed.analysis.chart.plot
    fact = fact_with_value(analysed, "1992-05-20")
    hover(plot, marker_scene_pos(plot, fact.id))
    assert chart.tooltip_text() == (
        "20 May 1992\n"
        "Diplomatic relations between Georgia and Estonia established: May 20, 1992\n"
        "“Diplomatic relations between Georgia and Estonia were established on May 20, "
        "1992.”")
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "<b>20 May 1992</b>" in QToolTip.text()


def test_hovering_a_bar_shows_its_value_as_written_what_it_measures_and_the_sentence(
        analysed, qtbot):
    chart, plot = analysed.analysis.chart, analysed.analysis.chart.plot
    fact = fact_with_value(analysed, 1200)
    entry = next(e for e in plot.bar_plots if fact.id in e.group.fact_ids)
    column = entry.group.fact_ids.index(fact.id)
    middle = entry.plot.vb.mapViewToScene(QPointF(column, entry.heights[column] / 2))
    hover(plot, middle)
    lines = chart.tooltip_text().split("\n")
    assert lines[0] == "About 1,200"
    assert lines[1] == ("Georgian students have taken part in exchange programmes with "
                        "Estonian universities: ≈ 1,200 students")
    assert lines[2] == ("“About 1,200 Georgian students have taken part in exchange programmes "
                        "with Estonian universities since January 2009, and nearly 40 "
                        "scholarships are awarded every year.”")
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)


def test_a_tooltip_vanishes_when_the_pointer_moves_off_or_leaves(analysed, qtbot):
    chart, plot = analysed.analysis.chart, analysed.analysis.chart.plot
    marker = marker_scene_pos(plot, fact_with_value(analysed, "2015-05-21").id)
    hover(plot, marker)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    hover(plot, quiet_spot(plot))
    assert chart.tooltip_text() is None
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    hover(plot, marker)
    assert chart.tooltip_text() is not None
    QTest.mouseMove(analysed.article_view.viewport(), QPoint(20, 20))  # off the chart
    assert chart.tooltip_text() is None
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_the_delayed_tooltip_event_does_not_take_the_tooltip_away(analysed, qtbot):
    """Qt asks the scene for a tooltip after a pause; its items have none, so it would hide
    the one the chart shows on hover."""
    plot = analysed.analysis.chart.plot
    marker = marker_scene_pos(plot, fact_with_value(analysed, "2007").id)
    hover(plot, marker)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    shown = QToolTip.text()
    at = plot.mapFromScene(marker)
    QApplication.sendEvent(plot.viewport(), QHelpEvent(QEvent.Type.ToolTip, at,
                                                       plot.viewport().mapToGlobal(at)))
    QTest.qWait(400)  # longer than a hidden tooltip takes to go
    assert QToolTip.isVisible() and QToolTip.text() == shown


def test_a_cut_label_has_its_whole_text_in_the_tooltip(chart_of):
    chart = chart_of(dispute_article(), 1200)
    timeline = chart.timeline
    cut = next(i for i, p in enumerate(timeline.placements) if p.cut)
    label, event = timeline.labels[cut], timeline.events[cut]
    assert label.toPlainText() != event.label and label.toPlainText().startswith(event.when)
    hover(chart, label.sceneBoundingRect().center())
    assert event.tip.wording in chart.hover_text()


def test_clicking_a_bar_still_selects_its_fact(analysed, qtbot):
    analysis, plot = analysed.analysis, analysed.analysis.chart.plot
    fact = fact_with_value(analysed, 48_600_000)
    entry = next(e for e in plot.bar_plots if fact.id in e.group.fact_ids)
    column = entry.group.fact_ids.index(fact.id)
    at = plot.mapFromScene(entry.plot.vb.mapViewToScene(QPointF(column, 1.0)))
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: analysis.selection.current is not None, timeout=2000)
    assert analysis.selection.current.id == fact.id
    assert entry.outline.isVisible()


def test_approximate_bars_stay_hatched_and_the_log_scale_redraws_the_heights(analysed):
    import math

    chart, plot = analysed.analysis.chart, analysed.analysis.chart.plot
    counts = next(e for e in plot.bar_plots if e.group.title == "Counts")
    styles = [b.style() for b in counts.bars.opts["brushes"]]
    assert styles == [Qt.BrushStyle.BDiagPattern if approx else Qt.BrushStyle.SolidPattern
                      for approx in counts.group.approx]
    chart.log_box.setChecked(True)
    counts = next(e for e in plot.bar_plots if e.group.title == "Counts")
    assert counts.heights == pytest.approx([math.log10(v) + 1 for v in counts.group.values])
    # Redrawn (and laid out), the chart still answers the pointer.
    QApplication.processEvents()
    fact = fact_with_value(analysed, "1992-05-20")
    hover(plot, marker_scene_pos(plot, fact.id))
    assert chart.tooltip_text().startswith("20 May 1992")
    chart.log_box.setChecked(False)
    counts = next(e for e in plot.bar_plots if e.group.title == "Counts")
    assert counts.heights == counts.group.values


# --- timeline labels --------------------------------------------------------------------------
def drawn_overlaps(chart) -> list[str]:
    """Every label that covers another label, a marker or its period, or leaves the plot."""
    timeline = chart.timeline
    view = timeline.plot.vb.sceneBoundingRect()
    radius = 4.5  # the markers' size is 9 px
    markers = {p.data(): (lambda c: QRectF(c.x() - radius, c.y() - radius, 2 * radius,
                                           2 * radius))(timeline.markers.mapToScene(p.pos()))
               for p in timeline.markers.points()}
    bands = {}
    for event, x0, width in zip(timeline.events, timeline.span_x0, timeline.span_widths,
                                strict=True):
        _x, y = timeline.xy[event.fact_id]
        bands[event.fact_id] = timeline.plot.vb.mapViewToScene(
            QRectF(x0, y - 0.14, width, 0.28)).boundingRect()
    found = []
    labels = timeline.label_rects()
    for fact_id, rect in labels:
        if not view.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect):
            found.append(f"{fact_id} leaves the plot")
        for other, shape in itertools.chain(markers.items(), bands.items()):
            if other != fact_id and rect.intersects(shape):
                found.append(f"{fact_id} covers marker {other}")
        if rect.intersects(markers[fact_id]):
            found.append(f"{fact_id} covers its own marker")
    for (a, one), (b, two) in itertools.combinations(labels, 2):
        if one.intersects(two):
            found.append(f"{a} and {b} overlap")
    return found


@pytest.mark.parametrize(("width", "height"), [(310, 230), (650, 300), (650, 160),
                                               (1200, 230), (1500, 340)])
@pytest.mark.parametrize("article", ["sample", "dispute", "one date"])
def test_drawn_labels_cover_no_marker_and_no_other_label(chart_of, article, width, height):
    text = {"sample": SAMPLE_ARTICLE.read_text(encoding="utf-8"), "dispute": dispute_article(),
            "one date": "Bridge reopens\n\nThe bridge reopened on June 3, 2021, after repairs "
                        "costing $12 million.\n"}[article]
    chart = chart_of(text, width, height)
    assert chart.stacked == (width < 900 and (height >= 190 or width < 560))
    assert drawn_overlaps(chart) == []
    # Zoomed in on the middle of the timeline, labels are placed again: still nothing covered.
    (left, right), _ = chart.timeline.plot.vb.viewRange()
    chart.timeline.plot.setXRange(left + (right - left) / 3, right - (right - left) / 3,
                                  padding=0)
    settle(chart)
    assert drawn_overlaps(chart) == []


def test_unlabelled_events_are_counted_in_the_timeline_title(chart_of):
    chart = chart_of(dispute_article(), 650)
    timeline = chart.timeline
    hidden = sum(1 for label in timeline.labels if not label.isVisible())
    assert 0 < hidden < len(timeline.events)  # some labelled, the rest counted
    title = timeline.plot.titleLabel.text
    assert title == f"Timeline · {hidden} of {len(timeline.events)} events unlabelled"


def test_a_single_date_is_labelled_in_full_with_no_count(chart_of):
    chart = chart_of("Bridge reopens\n\nThe bridge reopened on June 3, 2021.\n", 1200)
    (label,) = chart.timeline.labels
    assert label.isVisible()
    assert label.toPlainText() == chart.timeline.events[0].label
    assert chart.timeline.plot.titleLabel.text == "Timeline"


@pytest.mark.parametrize(("width", "height"), [(310, 230), (650, 160), (650, 300)])
def test_no_plot_is_pushed_out_of_a_narrow_chart(chart_of, width, height):
    chart = chart_of(SAMPLE_ARTICLE.read_text(encoding="utf-8"), width, height)
    view = chart.viewport().rect()
    for plot in [chart.timeline.plot, *(e.plot for e in chart.bar_plots)]:
        rect = chart.mapFromScene(plot.sceneBoundingRect()).boundingRect()
        assert view.contains(rect.adjusted(1, 1, -1, -1)), plot.titleLabel.text


@pytest.mark.parametrize("height", [120, 160, 230, 340])
def test_a_bar_value_is_shown_whole_inside_its_plot_or_not_at_all(chart_of, height):
    chart = chart_of(SAMPLE_ARTICLE.read_text(encoding="utf-8"), 1200, height)
    shown = 0
    for entry in chart.bar_plots:
        box = entry.plot.vb.sceneBoundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)
        labels = [label for label in entry.labels if label.isVisible()]
        shown += len(labels)
        for one, two in itertools.combinations(labels, 2):
            assert not one.sceneBoundingRect().intersects(two.sceneBoundingRect())
        assert all(box.contains(label.sceneBoundingRect()) for label in labels), entry.group.title
    assert shown or height < 160  # a plot of ordinary height shows its values


# --- the panel's line ---------------------------------------------------------------------
def test_the_summary_mentions_hatching_only_when_a_bar_is_hatched(window, qtbot, tmp_path):
    article = tmp_path / "bridge.txt"
    article.write_text("Bridge reopens\n\nThe bridge reopened on June 3, 2021, after repairs "
                       "costing $12 million.\n", encoding="utf-8")
    assert window.open_file(article)
    chart = window.analysis.chart
    qtbot.waitUntil(lambda: chart.is_drawn and chart.data.bars == 1, timeout=10_000)
    assert chart.summary.text() == "1 dated event · 1 figure"


def test_a_narrow_panel_keeps_its_export_buttons_whole(analysed):
    chart = analysed.analysis.chart
    for width, png, svg in ((320, "PNG…", "SVG…"), (900, "Export PNG…", "Export SVG…")):
        chart.resize(width, chart.height())
        assert (chart.png_button.text(), chart.svg_button.text()) == (png, svg)
    assert "PNG image" in chart.png_button.toolTip()


# --- export -----------------------------------------------------------------------------------
def band_ink(image: QImage, top: int, bottom: int, background: QColor) -> int:
    """How many pixels of a horizontal band differ clearly from the background."""
    step = 3
    return sum(1 for y in range(top, bottom, step) for x in range(0, image.width(), step)
               if _distance(image.pixelColor(x, y), background) > 60)


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("dark", [False, True])
def test_an_exported_png_has_a_title_band_and_a_source_line(analysed, tmp_path, dark):
    from lectern.gui.widgets.chart.export import Bands

    chart = analysed.analysis.chart
    if dark:  # the same article drawn in the dark palette's colours
        chart.plot.colours = type(chart.plot.colours)(dark=True)
        chart.plot.setBackground(chart.plot.colours.background)
        chart.plot.draw(chart.data)
    path = tmp_path / "chart.png"
    chart.export(str(path))
    image = QImage(str(path))
    view = chart.plot
    assert image.width() >= 1200
    scale = image.width() / view.width()
    bands = Bands(chart.captions(), image.width(), scale)
    assert image.height() == round(bands.top + view.height() * scale + bands.bottom) \
        or abs(image.height() - (bands.top + view.height() * scale + bands.bottom)) <= 2
    background = view.colours.background
    assert _distance(image.pixelColor(1, 1), background) < 8  # the chart's own colours
    assert band_ink(image, 0, int(bands.top), background) > 200  # the title is there
    assert band_ink(image, image.height() - int(bands.bottom), image.height(),
                    background) > 40  # and the source line
    title_ink = [image.pixelColor(x, y) for y in range(int(bands.top))
                 for x in range(0, image.width(), 2)
                 if _distance(image.pixelColor(x, y), background) > 200]
    assert title_ink, "the title stands out from the background"


def test_an_exported_svg_carries_the_title_and_source_as_text(analysed, tmp_path):
    chart = analysed.analysis.chart
    path = tmp_path / "chart.svg"
    chart.export(str(path))
    svg = path.read_text(encoding="utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    words = " ".join(texts.split())
    assert "Georgia and Estonia agree to widen digital trade" in words
    assert "Timeline of 8 dated events and 8 figures" in words
    assert "Source: tbilisi_tallinn_trade_talks.txt · Lectern, " in words
    assert "<title>Georgia and Estonia agree to widen digital trade and student exchanges" \
        in svg


def test_export_captions_name_the_article_shown(analysed):
    captions = analysed.analysis.chart.captions()
    assert captions.title == analysed.document.title
    assert captions.source.startswith(f"Source: {Path(SAMPLE_ARTICLE).name} · Lectern, ")


def test_a_failed_export_is_reported_and_leaves_no_file(analysed, tmp_path, qtbot):
    chart = analysed.analysis.chart
    target = tmp_path / "missing" / "chart.png"
    with qtbot.waitSignal(chart.export_failed) as failed:
        chart.export(str(target))
    assert "chart.png" in failed.args[0]
    assert not target.exists()


