"""Where the chart's pieces go, without Qt: timeline labels never on top of another label,
a marker or its period, nor off the plot, in tricky layouts and in any layout at all; and
each plot's share of the width."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lectern.core.readouts.chart_layout import (
    LABEL_GAP_PX,
    MARKER_PX,
    MIN_LABEL_PX,
    Placement,
    column_widths,
    place_labels,
    unlabelled,
)

EPS = 1e-6  # pixels: sums of floats, not overlaps


def check_layout(xs, widths, plot_px, lanes, placed, bands=None, shortest=None):
    """Nothing a label covers is another label, a marker or its band; all inside the plot."""
    assert len(placed) == len(xs)
    obstacles = [(min(a, x - MARKER_PX), max(b, x + MARKER_PX))
                 for x, (a, b) in zip(xs, bands or [(x, x) for x in xs], strict=True)]
    for i, p in enumerate(placed):
        assert 0 <= p.lane < lanes
        if p.side is None:
            continue
        assert -EPS <= p.left < p.right <= plot_px + EPS, (i, p)
        if p.cut:
            least = min(widths[i], shortest[i] if shortest else MIN_LABEL_PX)
            assert least - EPS <= p.right - p.left < widths[i]
        else:
            assert p.right - p.left == pytest.approx(widths[i])
        # Beside its own dot, never over it.
        assert p.left >= xs[i] + MARKER_PX - EPS or p.right <= xs[i] - MARKER_PX + EPS
        for j, (a, b) in enumerate(obstacles):
            if j != i and placed[j].lane == p.lane:
                assert p.right <= a + EPS or p.left >= b - EPS, f"label {i} covers marker {j}"
    for a, b in itertools.combinations([p for p in placed if p.side], 2):
        if a.lane == b.lane:
            assert a.right <= b.left + EPS or b.right <= a.left + EPS, (a, b)


def shown(placed):
    return [(p.lane, p.side, p.cut) for p in placed]


LAYOUTS = {
    # name: (xs, widths, plot width, lanes)
    "room for all": ([50.0, 300.0, 600.0], [120.0] * 3, 900.0, 4),
    "one event": ([450.0], [150.0], 900.0, 4),
    "at both extremes": ([0.0, 900.0], [150.0] * 2, 900.0, 4),
    "ten on one date": ([400.0] * 10, [140.0] * 10, 900.0, 4),
    "one date, one row": ([400.0] * 5, [140.0] * 5, 900.0, 1),
    "labels longer than the plot": ([100.0, 200.0], [1500.0, 1500.0], 300.0, 2),
    "narrow plot": ([5.0, 40.0, 80.0, 120.0, 160.0], [110.0] * 5, 180.0, 2),
    "a long dispute": ([i * 23.0 for i in range(40)], [160.0] * 40, 920.0, 4),
    "two clusters": ([10, 12, 14, 16, 18, 600, 602, 604], [130.0] * 8, 700.0, 3),
    "zoomed in, markers off both edges": ([-200, -30, 5, 300, 640, 720, 900], [120.0] * 7,
                                          700.0, 2),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_labels_touch_nothing_in_tricky_layouts(name):
    xs, widths, plot_px, lanes = LAYOUTS[name]
    xs = [float(x) for x in xs]
    placed = place_labels(xs, widths, plot_px, lanes)
    check_layout(xs, widths, plot_px, lanes, placed)


def test_with_room_every_label_goes_right_in_full_on_the_first_row():
    xs, widths, plot_px, lanes = LAYOUTS["room for all"]
    assert shown(place_labels(xs, widths, plot_px, lanes)) == [(0, "right", False)] * 3


def test_a_label_at_the_right_edge_goes_left_and_at_the_left_edge_goes_right():
    xs, widths, plot_px, lanes = LAYOUTS["at both extremes"]
    placed = place_labels(xs, widths, plot_px, lanes)
    assert [p.side for p in placed] == ["right", "left"]
    assert placed[1].right == pytest.approx(900.0 - MARKER_PX - 3.0)


def test_events_on_one_date_fill_the_rows_and_the_rest_are_counted_unlabelled():
    xs, widths, plot_px, lanes = LAYOUTS["ten on one date"]
    placed = place_labels(xs, widths, plot_px, lanes)
    rows = {p.lane for p in placed}
    assert rows == set(range(lanes))  # stacked over every row, not piled on one
    labelled = len(placed) - unlabelled(placed)
    assert 1 <= labelled <= 2 * lanes  # at most one each side of a row's pile
    assert unlabelled(placed) == 10 - labelled


def test_a_label_too_long_for_the_plot_is_cut_short_not_drawn_past_it():
    placed = place_labels([100.0, 200.0], [1500.0, 1500.0], 300.0, lanes=2)
    assert [p.cut for p in placed] == [True, True]
    assert all(p.room is not None and p.room >= MIN_LABEL_PX for p in placed)


def test_a_label_squeezed_below_the_minimum_is_dropped_not_cut_to_a_stub():
    # Two markers 30 px apart on one row: no room right of the first, none left of it.
    placed = place_labels([8.0, 38.0], [200.0, 60.0], 900.0, lanes=1)
    assert placed[0].side is None and placed[0].room is None
    assert placed[1].side == "right" and not placed[1].cut


def test_a_neighbours_period_band_counts_as_part_of_its_marker():
    xs, widths = [100.0, 260.0], [120.0, 120.0]
    bands = [(100.0, 100.0), (200.0, 320.0)]  # the second is a year, drawn 120 px wide
    placed = place_labels(xs, widths, 900.0, lanes=1, bands_px=bands)
    check_layout(xs, widths, 900.0, 1, placed, bands)
    assert placed[0].right <= 200.0 - LABEL_GAP_PX


def test_markers_without_labels_are_still_staggered_and_none_is_labelled():
    placed = place_labels([10.0, 11.0, 12.0], [0.0] * 3, 500.0, lanes=3)
    assert [p.lane for p in placed] == [0, 1, 2]
    assert unlabelled(placed) == 3


def test_the_old_five_marker_layout_keeps_its_left_label_at_the_edge():
    placed = place_labels([10.0, 30.0, 50.0, 200.0, 390.0], [150.0] * 5, 400.0, lanes=2)
    check_layout([10.0, 30.0, 50.0, 200.0, 390.0], [150.0] * 5, 400.0, 2, placed)
    assert placed[-1].side == "left"  # no room on the right at the plot's edge


def test_a_cut_label_keeps_at_least_its_date_and_may_be_just_that():
    # 33 px right of the first marker: too little for MIN_LABEL_PX, enough for a short date.
    xs, widths, shortest = [15.0, 75.0], [200.0, 200.0], [30.0, 30.0]
    placed = place_labels(xs, widths, 85.0, lanes=1, shortest_px=shortest)
    check_layout(xs, widths, 85.0, 1, placed, shortest=shortest)
    assert placed[0].side == "right" and placed[0].cut
    assert 30.0 <= placed[0].room < MIN_LABEL_PX
    assert place_labels(xs, widths, 85.0, lanes=1)[0].side is None  # no date given


def test_a_pile_of_events_on_one_date_is_labelled_on_both_sides():
    placed = place_labels([300.0] * 3, [120.0] * 3, 900.0, lanes=1)
    check_layout([300.0] * 3, [120.0] * 3, 900.0, 1, placed)
    assert sorted(p.side or "" for p in placed) == ["", "left", "right"]
    assert unlabelled(placed) == 1


def test_a_crowded_timeline_still_labels_some_events_by_their_dates():
    # 35 events 17 px apart, long labels, dates of 70 px, two rows: a long dispute at 1400 px.
    xs, widths, shortest = [10.0 + i * 17 for i in range(35)], [250.0] * 35, [70.0] * 35
    placed = place_labels(xs, widths, 620.0, lanes=2, shortest_px=shortest)
    check_layout(xs, widths, 620.0, 2, placed, shortest=shortest)
    assert len(xs) - unlabelled(placed) >= 5
    # With four rows there is room for about twice as many.
    roomier = place_labels(xs, widths, 620.0, lanes=4, shortest_px=shortest)
    assert len(xs) - unlabelled(roomier) >= 2 * (len(xs) - unlabelled(placed)) - 1


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError):
        place_labels([1.0, 2.0], [10.0], 100.0)
    with pytest.raises(ValueError):
        place_labels([1.0, 2.0], [10.0, 10.0], 100.0, shortest_px=[5.0])
    with pytest.raises(ValueError):
        column_widths([1.0, 2.0], [0.0], 100.0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.floats(-300, 1300), st.just(0.0) | st.floats(1, 400),
                          st.floats(0, 80), st.floats(1, 120)),
                max_size=40),
       st.floats(40, 1000), st.integers(1, 4), st.booleans())
def test_no_layout_ever_puts_a_label_on_top_of_anything(events, plot_px, lanes, dates):
    events.sort()
    xs = [x for x, _w, _b, _s in events]  # some off the plot, as when zoomed in
    widths = [w for _x, w, _b, _s in events]
    bands = [(x - b / 2, x + b / 2) for x, (_x, _w, b, _s) in zip(xs, events, strict=True)]
    shortest = [s for _x, _w, _b, s in events] if dates else None
    placed = place_labels(xs, widths, plot_px, lanes, bands_px=bands, shortest_px=shortest)
    check_layout(xs, widths, plot_px, lanes, placed, bands, shortest)
    assert all(isinstance(p, Placement) for p in placed)


@pytest.mark.parametrize(
    ("shares", "needs", "spare", "widths"),
    [
        ([10, 2, 4, 2, 2], [0, 0, 0, 0, 0], 1000, [500, 100, 200, 100, 100]),
        # A one-bar group keeps room for its title; the others share the rest by their shares.
        ([13, 2, 2], [60, 90, 90], 600, [420, 90, 90]),
        ([4, 2], [0, 150], 300, [150, 150]),
        # Not every title fits: shares alone, titles are cut.
        ([2, 2], [200, 200], 300, [150, 150]),
        ([1, 1], [0, 0], 0, [1, 1]),
    ],
)
def test_plots_share_the_width_but_keep_room_for_their_titles(shares, needs, spare, widths):
    assert column_widths(shares, needs, spare) == pytest.approx(widths)
