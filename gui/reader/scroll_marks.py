"""Marks on the article's scroll bar showing where annotations are in a long article."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QPlainTextEdit, QScrollBar, QStyle, QStyleOptionSlider

from lectern.core.annotations import AnnotationSet
from lectern.core.tags import TagScheme

UPDATE_DELAY_MS = 60  # a burst of edits (or an article opening) recomputes the marks once
MARK_HEIGHT = 2
BUCKETS = 1000  # one mark per thousandth of the text is all a scroll bar can show
NEUTRAL = "#9a978f"


class MarkedScrollBar(QScrollBar):
    """The article's vertical scroll bar, with a thin tick per annotated stretch.

    The ticks are drawn once into a pixmap the size of the groove; every scroll
    repaints the bar, and a thousand fillRect calls from Python would cost ~5 ms each time.
    """

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__(Qt.Orientation.Vertical, view)
        self.setObjectName("annotationMarks")
        view.setVerticalScrollBar(self)
        self._set: AnnotationSet | None = None
        self._scheme: TagScheme | None = None
        self._length = 1
        self.marks: list[tuple[float, str]] = []  # (fraction of the text, colour)
        self._pixmap: QPixmap | None = None
        self._pixmap_key: tuple = ()
        self._timer = QTimer(self, singleShot=True, interval=UPDATE_DELAY_MS)
        self._timer.timeout.connect(self.update_marks)

    def set_source(self, annotations: AnnotationSet | None, scheme: TagScheme | None,
                   text_length: int) -> None:
        """Follow a new set; its marks appear just after the article's first paint."""
        self._set, self._scheme, self._length = annotations, scheme, max(text_length, 1)
        self.marks = []
        self._pixmap = None
        self.update()
        if annotations:
            self.schedule_update()

    def schedule_update(self) -> None:
        self._timer.start()

    def update_marks(self) -> None:
        self._timer.stop()
        marks: dict[int, str] = {}
        scheme, length = self._scheme, self._length
        for annotation in self._set.anchored() if self._set else ():
            bucket = annotation.start * BUCKETS // length
            if bucket not in marks:
                tag = annotation.tags[0] if annotation.tags else ""
                marks[bucket] = scheme.colour_of(tag, NEUTRAL) if scheme and tag else NEUTRAL
        self.marks = [(bucket / BUCKETS, colour) for bucket, colour in sorted(marks.items())]
        self._pixmap = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks:
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                             QStyle.SubControl.SC_ScrollBarGroove, self)
        ratio = self.devicePixelRatioF()
        key = (groove.width(), groove.height(), ratio)
        if self._pixmap is None or self._pixmap_key != key:
            self._pixmap, self._pixmap_key = self._draw_marks(groove, ratio), key
        painter = QPainter(self)
        painter.drawPixmap(groove.topLeft(), self._pixmap)
        painter.end()

    def _draw_marks(self, groove: QRect, ratio: float) -> QPixmap:
        pixmap = QPixmap(max(1, round(groove.width() * ratio)),
                         max(1, round(groove.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        left, width, height = 3, max(groove.width() - 6, 2), groove.height()
        colours: dict[str, QColor] = {}
        for fraction, colour in self.marks:
            brush = colours.get(colour) or colours.setdefault(colour, QColor(colour))
            painter.fillRect(QRect(left, int(fraction * height), width, MARK_HEIGHT), brush)
        painter.end()
        return pixmap
