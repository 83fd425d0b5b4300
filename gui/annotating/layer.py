"""Paints annotations in their tags' colours, block by block, through the article highlighter.

Overlaps are split into segments: each segment blends the colours of every annotation
covering it and nested ones get an underline in the inner tag's colour, so two
overlapping highlights never look like one. Only blocks an edit touches are repainted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import pairwise

from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from lectern.core.annotations import Annotation, AnnotationSet, ChangeKind, SetChange
from lectern.core.document import Document
from lectern.core.tags import TagScheme
from lectern.gui.reader.article_view import ArticleView
from lectern.gui.shell.theme import is_dark

NEUTRAL_COLOUR = "#9a978f"  # an annotation without tags
# How much of a tag's colour goes into the page colour: enough to see, never enough to hide text.
LIGHT_ALPHA, DARK_ALPHA = 0.32, 0.38  # tests/gui check these tints apart under CVD
CURRENT_BOOST = 1.7  # the current (or flashed) annotation is painted this much stronger
_REPAINT_KINDS = frozenset({ChangeKind.AFTER_INSERT, ChangeKind.AFTER_REMOVE, ChangeKind.CHANGED})

Segment = tuple[int, int, QTextCharFormat]


def _outer_first(annotation: Annotation) -> tuple[int, int]:
    return annotation.start - annotation.end, annotation.start


def _fragment_pieces(hits: list[Annotation], start: int, end: int) -> list[Annotation]:
    """Each multi-fragment annotation as one piece per fragment in ``[start, end)`` (same id,
    so it is still one annotation when current), the gaps unpainted; in start order."""
    pieces = []
    for a in hits:
        if not a.fragments:
            pieces.append(a)
            continue
        pieces += [replace(a, start=s, end=e, fragments=()) for s, e in a.fragments
                   if e > start and s < max(end, start + 1)]
    return sorted(pieces, key=Annotation.sort_key)


def blend(base: QColor, colour: QColor, alpha: float) -> QColor:
    """``colour`` laid over ``base`` at opacity ``alpha`` (an opaque result keeps text crisp)."""
    alpha = min(max(alpha, 0.0), 1.0)
    return QColor.fromRgbF(base.redF() + (colour.redF() - base.redF()) * alpha,
                           base.greenF() + (colour.greenF() - base.greenF()) * alpha,
                           base.blueF() + (colour.blueF() - base.blueF()) * alpha)


class AnnotationLayer:
    """A HighlightLayer over one AnnotationSet; ``attach`` switches documents."""

    def __init__(self, view: ArticleView) -> None:
        self._view = view
        self._set: AnnotationSet | None = None
        self._scheme: TagScheme | None = None
        self._document: Document | None = None
        self._formats: dict[tuple, QTextCharFormat] = {}  # overlaps: (tags of each, strong)
        self._single_formats: dict[tuple, QTextCharFormat] = {}  # by (tags, strong)
        self._colours: dict[str, QColor] = {}
        self.current_id: str | None = None
        self._flash_id: str | None = None
        self.changed_listeners: list[Callable[[], None]] = []  # e.g. the scroll-bar marks
        view.highlighter.add_layer(self)

    # --- wiring ------------------------------------------------------------------------
    def attach(self, annotations: AnnotationSet | None, scheme: TagScheme | None,
               document: Document | None = None, repaint: bool = True) -> None:
        """Paint ``annotations`` of ``document``; repaints the article once if there are any."""
        had_any = bool(self._set)
        if self._set is not None:
            self._set.unsubscribe(self._on_change)
        if self._scheme is not None:
            self._scheme.unsubscribe(self.restyle)
        self._set, self._scheme, self._document = annotations, scheme, document
        self.current_id = self._flash_id = None
        if annotations is not None:
            annotations.subscribe(self._on_change)
        if scheme is not None:
            scheme.subscribe(self.restyle)
        self._formats.clear()
        self._single_formats.clear()
        self._colours.clear()
        if repaint and (had_any or annotations):  # nothing painted, nothing to redo
            self.restyle()

    def restyle(self) -> None:
        """Colours or palette changed: forget cached formats and repaint everything."""
        self._formats.clear()
        self._single_formats.clear()
        self._colours.clear()
        self._view.highlighter.rehighlight()
        self._notify()

    def _on_change(self, change: SetChange) -> None:
        if change.kind in _REPAINT_KINDS and change.annotation is not None:
            self.repaint(change.annotation)
            self._notify()
        elif change.kind is ChangeKind.AFTER_RESET:
            self.restyle()

    def _notify(self) -> None:
        for listener in list(self.changed_listeners):
            listener()

    def repaint(self, annotation: Annotation | None) -> None:
        """Re-highlight only the blocks under ``annotation``."""
        if annotation is None or annotation.start < 0:
            return
        qt_start, qt_end = self._view.offsets.span_to_qt(annotation.start, annotation.end)
        self._view.highlighter.refresh_range(qt_start, qt_end)

    # --- current and flashed -------------------------------------------------------------
    def set_current(self, annotation_id: str | None) -> None:
        if annotation_id == self.current_id:
            return
        old, self.current_id = self.current_id, annotation_id
        for changed in (old, annotation_id):
            self.repaint(self._set.get(changed) if self._set and changed else None)

    def set_flash(self, annotation_id: str | None) -> None:
        old, self._flash_id = self._flash_id, annotation_id
        for changed in (old, annotation_id):
            self.repaint(self._set.get(changed) if self._set and changed else None)

    # --- lookups -------------------------------------------------------------------------
    def annotations_at(self, qt_position: int) -> list[Annotation]:
        """Placed annotations containing the character at ``qt_position``."""
        if self._set is None:
            return []
        offset = self._view.offsets.to_core(qt_position)
        return [a for a in self._set.overlapping(offset, offset) if a.covers(offset)]

    # --- painting --------------------------------------------------------------------------
    def formats_in(self, start: int, end: int) -> Iterable[Segment]:
        """Segments of the annotations touching Qt ``[start, end)``, in text order.

        Runs once per block while a 1 MB article is laid out, so the usual case (an
        annotation that overlaps no other) costs one dict lookup for its cached format.
        """
        if not self._set or self._view.article is not self._document:
            return ()  # a new article is arriving; its session is attached right after
        offsets = self._view.offsets
        core_start, core_end = offsets.to_core(start), offsets.to_core(end)
        hits = self._set.overlapping(core_start, core_end)
        if not hits:
            return ()
        if any(a.fragments for a in hits):
            hits = _fragment_pieces(hits, core_start, core_end)
        to_qt, formats = offsets.to_qt, self._single_formats
        strong_ids = (self.current_id, self._flash_id)
        segments: list[Segment] = []
        count, i = len(hits), 0
        while i < count:  # hits are in start order: walk clusters of overlapping ones
            first = hits[i]
            reach, j = first.end, i + 1
            while j < count and hits[j].start < reach:
                reach = max(reach, hits[j].end)
                j += 1
            if j == i + 1:
                key = (first.tags, first.id in strong_ids)
                char_format = formats.get(key)
                if char_format is None:
                    char_format = formats[key] = self._make_format([first], key[1])
                segments.append((to_qt(first.start), to_qt(first.end), char_format))
            else:
                segments += self._overlap_segments(hits[i:j], core_start, core_end)
            i = j
        return segments

    def _overlap_segments(self, cluster: list[Annotation], core_start: int,
                          core_end: int) -> list[Segment]:
        """Split overlapping annotations at every edge; each piece blends what covers it."""
        # Outer (longer) annotations first, so the innermost colour lies on top.
        cluster = sorted(cluster, key=_outer_first)
        strong_ids = {self.current_id, self._flash_id}
        strong_here = any(a.id in strong_ids for a in cluster)
        cuts = sorted({p for a in cluster
                       for p in (max(a.start, core_start), min(a.end, core_end))})
        span_to_qt, formats = self._view.offsets.span_to_qt, self._formats
        segments = []
        for left, right in pairwise(cuts):
            covering = [a for a in cluster if a.start <= left and right <= a.end]
            if not covering:
                continue
            strong = strong_here and any(a.id in strong_ids for a in covering)
            key = (tuple([a.tags for a in covering]), strong)
            char_format = formats.get(key)
            if char_format is None:
                char_format = formats[key] = self._make_format(covering, strong)
            segments.append((*span_to_qt(left, right), char_format))
        return segments

    def _make_format(self, ordered: list[Annotation], strong: bool) -> QTextCharFormat:
        palette = self._view.palette()
        dark = is_dark(palette)
        alpha = (DARK_ALPHA if dark else LIGHT_ALPHA) * (CURRENT_BOOST if strong else 1.0)
        background = palette.color(QPalette.ColorRole.Base)
        for annotation in ordered:
            background = blend(background, self._colour_of(annotation.tags), alpha)
        char_format = QTextCharFormat()
        char_format.setBackground(background)
        inner = ordered[-1]
        style = QTextCharFormat.UnderlineStyle
        if strong or len(ordered) > 1:
            # Nested highlights get a dashed edge in the inner tag's colour; current: solid.
            underline = self._colour_of(inner.tags[:1])
            char_format.setUnderlineStyle(style.SingleUnderline if strong else style.DashUnderline)
        elif len(inner.tags) > 1:
            underline = self._colour_of(inner.tags[1:2])  # a second tag shows as a dotted line
            char_format.setUnderlineStyle(style.DotLine)
        else:
            return char_format
        char_format.setUnderlineColor(underline.lighter(130) if dark else underline.darker(130))
        return char_format

    def _colour_of(self, tags: tuple[str, ...]) -> QColor:
        """The colour of an annotation's first tag (neutral without one)."""
        tag = tags[0] if tags else ""
        colour = self._colours.get(tag)
        if colour is None:
            name = self._scheme.colour_of(tag, NEUTRAL_COLOUR) if self._scheme and tag \
                else NEUTRAL_COLOUR
            colour = self._colours[tag] = QColor(name)
        return colour
