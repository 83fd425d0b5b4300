"""Paints annotations in their tags' colours, block by block, through the article highlighter.

Overlaps are split into segments: each segment blends the colours of every annotation
covering it and nested ones get an underline in the inner tag's colour, so two
overlapping highlights never look like one. Only blocks an edit touches are repainted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise

from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from core.annotations import Annotation, AnnotationSet, SetChange
from core.document import Document
from core.tags import TagScheme
from gui.article_view import ArticleView
from gui.theme import is_dark

NEUTRAL_COLOUR = "#9a978f"  # an annotation without tags
# How much of a tag's colour goes into the page colour: enough to see, never enough to hide text.
LIGHT_ALPHA, DARK_ALPHA = 0.30, 0.36
CURRENT_BOOST = 1.7  # the current (or flashed) annotation is painted this much stronger
_REPAINT_KINDS = frozenset({"after_insert", "after_remove", "changed"})

Segment = tuple[int, int, QTextCharFormat]


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
        self._formats: dict[tuple, QTextCharFormat] = {}
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
        self._colours.clear()
        if repaint and (had_any or annotations):  # nothing painted, nothing to redo
            self.restyle()

    def restyle(self) -> None:
        """Colours or palette changed: forget cached formats and repaint everything."""
        self._formats.clear()
        self._colours.clear()
        self._view.highlighter.rehighlight()
        self._notify()

    def _on_change(self, change: SetChange) -> None:
        if change.kind in _REPAINT_KINDS and change.annotation is not None:
            self.repaint(change.annotation)
            self._notify()
        elif change.kind == "after_reset":
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
        return self._set.overlapping(offset, offset)

    # --- painting --------------------------------------------------------------------------
    def formats_in(self, start: int, end: int) -> Iterable[Segment]:
        if not self._set or self._view.article is not self._document:
            return ()  # a new article is arriving; its session is attached right after
        offsets = self._view.offsets
        core_start, core_end = offsets.to_core(start), offsets.to_core(end)
        hits = self._set.overlapping(core_start, core_end)
        if not hits:
            return ()
        if len(hits) == 1:  # the common case: no segment arithmetic
            a = hits[0]
            qt_start, qt_end = offsets.span_to_qt(a.start, a.end)
            return ((qt_start, qt_end, self._format((a,))),)
        cuts = sorted({p for a in hits for p in (max(a.start, core_start), min(a.end, core_end))})
        segments = []
        for left, right in pairwise(cuts):
            covering = tuple(a for a in hits if a.start <= left and right <= a.end)
            if covering:
                qt_left, qt_right = offsets.span_to_qt(left, right)
                segments.append((qt_left, qt_right, self._format(covering)))
        return segments

    def _format(self, covering: tuple[Annotation, ...]) -> QTextCharFormat:
        # Outer (longer) annotations first, so the innermost colour lies on top.
        ordered = sorted(covering, key=lambda a: (a.start - a.end, a.start))
        strong = any(a.id in (self.current_id, self._flash_id) for a in ordered)
        key = (tuple(a.tags or ("",) for a in ordered), strong)
        char_format = self._formats.get(key)
        if char_format is None:
            char_format = self._formats[key] = self._make_format(ordered, strong)
        return char_format

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
