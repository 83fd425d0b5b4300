"""Where the chart's pieces go, in pixels, without Qt: timeline markers over rows with labels
that never cover another label or a marker, and the plots' share of the width."""

from __future__ import annotations

from dataclasses import dataclass

LANES = 4  # timeline rows that stagger labels of nearby events
LABEL_GAP_PX = 10.0  # clear space between a label and another marker or label
MARKER_PX = 7.0  # half a hovered marker, the room a dot claims on each side of its centre
LABEL_PAD_PX = 3.0  # between a marker and its own label
MIN_LABEL_PX = 48.0  # a label cut shorter than this says nothing: it is left out instead


@dataclass(frozen=True)
class Placement:
    """Where an event sits on the timeline: its row, its label's side (None: no label) and
    the label's extent in pixels; ``cut`` when it is shortened with "…" to that extent."""

    lane: int
    side: str | None = None  # "right" or "left" of its marker
    left: float = 0.0
    right: float = 0.0
    cut: bool = False

    @property
    def room(self) -> float | None:
        """The width a cut label is shortened to (None: shown in full, or not at all)."""
        return self.right - self.left if self.cut and self.side else None


def unlabelled(placements: list[Placement]) -> int:
    return sum(1 for p in placements if p.side is None)


def place_labels(xs_px: list[float], widths_px: list[float], plot_px: float,
                 lanes: int = LANES, gap_px: float = LABEL_GAP_PX,
                 bands_px: list[tuple[float, float]] | None = None,
                 shortest_px: list[float] | None = None,
                 marker_px: float = MARKER_PX) -> list[Placement]:
    """Stagger markers over rows, then give each a label that touches nothing else.

    ``xs_px`` are the markers' centres in pixels (sorted), ``widths_px`` their labels'
    measured widths (0: no label), ``bands_px`` the periods drawn behind them and
    ``shortest_px`` the least of each label worth showing (its date; else MIN_LABEL_PX).
    Within its row a label never overlaps another label, another marker or its band, nor
    leaves the plot: it goes right of its marker, else left, else it is cut short with "…"
    on the roomier side, else it is left out (tooltips still name every event).
    """
    n = len(xs_px)
    if len(widths_px) != n or any(len(extra) != n for extra in (bands_px or xs_px,
                                                               shortest_px or xs_px)):
        raise ValueError("one label width, band and shortest width per marker")
    bands = [(min(a, x - marker_px), max(b, x + marker_px))
             for x, (a, b) in zip(xs_px, bands_px or [(x, x) for x in xs_px], strict=True)]
    least = [min(w, s) for w, s in zip(widths_px, shortest_px or [MIN_LABEL_PX] * n, strict=True)]
    # Rows planned for whole labels suit a sparse timeline; for dates alone, a denser one;
    # with the last row kept for unlabelled markers, a crowded one. Keep whichever labels
    # the most events (then shows the most text).
    lanes = max(1, lanes)
    if not any(w > 0 for w in widths_px):  # no labels (a library's thousands of events):
        # every plan below labels nothing and the first wins the tie, so compute it alone.
        return [Placement(lane) for lane in _assign_lanes(xs_px, widths_px, least, bands,
                                                          plot_px, lanes, gap_px, marker_px)]
    rows = [_assign_lanes(xs_px, claim, least, bands, plot_px, lanes, gap_px, marker_px)
            for claim in (widths_px, least)]
    if lanes > 1:
        rows.append(_assign_lanes_crowded(xs_px, least, bands, plot_px, lanes, gap_px,
                                          marker_px))
    plans = [_labels(plan, xs_px, widths_px, least, bands, plot_px, gap_px, marker_px)
             for plan in rows]
    return max(plans, key=lambda placed: (len(placed) - unlabelled(placed),
                                          sum(p.right - p.left for p in placed if p.side)))


def _labels(rows: list[int], xs_px: list[float], widths_px: list[float], least: list[float],
            bands: list[tuple[float, float]], plot_px: float, gap_px: float,
            marker_px: float) -> list[Placement]:
    """Each row's labels, left to right: right of the marker, else left, else cut, else none.
    A label keeps ``gap_px`` off other markers and labels, but only its own small pad off a
    marker piled on its own (events on one date), so that a pile is labelled on both sides."""
    placed = [Placement(lane) for lane in rows]
    for lane in set(rows):
        members = sorted((i for i, row in enumerate(rows) if row == lane),
                         key=lambda i: (bands[i][0], xs_px[i]))
        taken: list[tuple[float, float, float]] = []  # labels so far: left, right, clearance
        for i in members:
            if widths_px[i] <= 0:
                continue
            x = xs_px[i]
            keep_off = [(a, b, LABEL_PAD_PX if a < x + marker_px and b > x - marker_px
                         else gap_px) for a, b in (bands[j] for j in members if j != i)]
            start, end = x + marker_px + LABEL_PAD_PX, x - marker_px - LABEL_PAD_PX
            room_right = _room_right(start, keep_off + taken, plot_px)
            room_left = _room_left(end, keep_off + taken, plot_px)
            placed[i] = _label(lane, widths_px[i], least[i], start, end, room_right, room_left)
            if placed[i].side:
                taken.append((placed[i].left, placed[i].right, gap_px))
    return placed


def _room_right(start: float, keep_off: list[tuple[float, float, float]],
                plot_px: float) -> float:
    """How far a label may run right from ``start`` before it nears anything."""
    if start < 0:
        return 0.0  # its marker is left of the plot (the timeline is zoomed in)
    room = plot_px - start
    for left, right, clearance in keep_off:
        if right + clearance <= start:
            continue  # wholly before the label
        if left - clearance < start:
            return 0.0  # already in the way where the label would begin
        room = min(room, left - clearance - start)
    return max(room, 0.0)


def _room_left(end: float, keep_off: list[tuple[float, float, float]],
               plot_px: float) -> float:
    """How far a label may run left from ``end`` before it nears anything or the plot's edge."""
    if end > plot_px:
        return 0.0  # its marker is right of the plot
    room = end
    for left, right, clearance in keep_off:
        if left - clearance >= end:
            continue  # wholly after the label
        if right + clearance > end:
            return 0.0
        room = min(room, end - right - clearance)
    return max(room, 0.0)


def _label(lane: int, width: float, least: float, start: float, end: float,
           room_right: float, room_left: float) -> Placement:
    if width <= 0:
        return Placement(lane)
    if width <= room_right:
        return Placement(lane, "right", start, start + width)
    if width <= room_left:
        return Placement(lane, "left", end - width, end)
    if max(room_right, room_left) < least:
        return Placement(lane)
    if room_right >= room_left:
        return Placement(lane, "right", start, start + room_right, cut=True)
    return Placement(lane, "left", end - room_left, end, cut=True)


def _assign_lanes(xs: list[float], widths: list[float], least: list[float],
                  bands: list[tuple[float, float]], plot_px: float, lanes: int, gap: float,
                  marker: float) -> list[int]:
    """Each marker's row: of the rows where the marker is clear, the one that leaves its
    label most room (the first, on a tie); else the row whose label loses least by a cut."""
    ends = [float("-inf")] * lanes  # what each row holds so far, labels as placed
    marker_ends = [float("-inf")] * lanes
    owners: list[float | None] = [None] * lanes  # x of the marker whose label ends the row
    rows: list[int] = []
    for x, width, shortest, (a, b) in zip(xs, widths, least, bands, strict=True):
        start, end = x + marker + LABEL_PAD_PX, x - marker - LABEL_PAD_PX
        options: list[tuple[float, int, bool]] = []  # (label shown, -row, on the right)
        for lane in range(lanes):
            if ends[lane] + gap > a:
                continue
            right, left = plot_px - start, end - max(ends[lane] + gap, 0.0)
            room, on_right = (right, True) if right >= min(left, width) else (left, False)
            shown = min(room, width) if room >= shortest and width > 0 else 0.0
            options.append((shown, -lane, on_right))
        if options:
            shown, lane, on_right = max(options)
            lane = -lane
            if not shown:  # no label whatever the row: take the row it fits most tightly
                lane = max((-option[1] for option in options), key=lambda n: ends[n])
            owner = x if on_right and shown else None
            ends[lane] = max(b, start + shown) if owner is not None else b
        else:
            cuttable = [n for n in range(lanes) if marker_ends[n] + gap <= a]
            if cuttable:  # a label is in the way: cut the one that keeps the most room
                lane = min(cuttable, key=lambda n: _or(owners[n], x))
            else:  # markers on (nearly) one date: stack them where the fewest crowd
                lane = min(range(lanes), key=lambda n: marker_ends[n])
            owner, ends[lane] = None, max(marker_ends[lane], b)
        owners[lane] = owner
        marker_ends[lane] = max(marker_ends[lane], b)
        rows.append(lane)
    return rows


def _assign_lanes_crowded(xs: list[float], least: list[float],
                          bands: list[tuple[float, float]], plot_px: float, lanes: int,
                          gap: float, marker: float) -> list[int]:
    """Rows for a crowded timeline: a marker whose date fits beside it, right or left, in one
    of the upper rows goes there; every other marker goes to the last row, which has none."""
    ends = [float("-inf")] * (lanes - 1)
    rows: list[int] = []
    for x, shortest, (a, b) in zip(xs, least, bands, strict=True):
        start, end = x + marker + LABEL_PAD_PX, x - marker - LABEL_PAD_PX
        row = lanes - 1
        for lane in range(lanes - 1):
            if shortest > 0 and ends[lane] + gap <= a and start + shortest <= plot_px:
                row, ends[lane] = lane, max(b, start + shortest)
                break
            if shortest > 0 and ends[lane] + gap <= end - shortest and end - shortest >= 0:
                row, ends[lane] = lane, b
                break
        rows.append(row)
    return rows


def column_widths(shares: list[float], needs: list[float], spare: float) -> list[float]:
    """Each plot's width: its share of ``spare`` pixels, but no less than it needs (room for
    its title) while every need fits; the rest share what is left. Never under a pixel."""
    if len(needs) != len(shares):
        raise ValueError("one need per share")
    fixed: set[int] = set()
    if sum(needs) <= spare:
        while True:
            rest = [i for i in range(len(shares)) if i not in fixed]
            free = spare - sum(needs[i] for i in fixed)
            total = sum(shares[i] for i in rest) or 1.0
            short = {i for i in rest if free * shares[i] / total < needs[i]}
            if not short:
                break
            fixed |= short
    free = spare - sum(needs[i] for i in fixed)
    total = sum(s for i, s in enumerate(shares) if i not in fixed) or 1.0
    return [needs[i] if i in fixed else max(free * share / total, 1.0)
            for i, share in enumerate(shares)]


def _or(value: float | None, default: float) -> float:
    return default if value is None else value
