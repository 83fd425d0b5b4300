"""Marks on the article's scroll bar showing where annotations are in a long article."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit, QScrollBar, QStyle, QStyleOptionSlider

from core.annotations import AnnotationSet
from core.tags import TagScheme

UPDATE_DELAY_MS = 60  # a burst of edits recomputes the marks once
MARK_HEIGHT = 2
NEUTRAL = "#9a978f"


class MarkedScrollBar(QScrollBar):
    """The article's vertical scroll bar, with a thin tick per annotated stretch."""

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__(Qt.Orientation.Vertical, view)
        self.setObjectName("annotationMarks")
        view.setVerticalScrollBar(self)
        self._set: AnnotationSet | None = None
        self._scheme: TagScheme | None = None
        self._length = 1
        self.marks: list[tuple[float, str]] = []  # (fraction of the text, colour)
        self._timer = QTimer(self, singleShot=True, interval=UPDATE_DELAY_MS)
        self._timer.timeout.connect(self.update_marks)

    def set_source(self, annotations: AnnotationSet | None, scheme: TagScheme | None,
                   text_length: int) -> None:
        self._set, self._scheme, self._length = annotations, scheme, max(text_length, 1)
        self.update_marks()

    def schedule_update(self) -> None:
        self._timer.start()

    def update_marks(self) -> None:
        marks: dict[int, str] = {}
        scheme = self._scheme
        # One mark per thousandth of the text is all a scroll bar can show.
        for annotation in self._set.anchored() if self._set else ():
            bucket = annotation.start * 1000 // self._length
            if bucket not in marks:
                tag = annotation.tags[0] if annotation.tags else ""
                marks[bucket] = scheme.colour_of(tag, NEUTRAL) if scheme and tag else NEUTRAL
        self.marks = [(bucket / 1000, colour) for bucket, colour in sorted(marks.items())]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks:
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                             QStyle.SubControl.SC_ScrollBarGroove, self)
        painter = QPainter(self)
        left, width = groove.left() + 3, max(groove.width() - 6, 2)
        for fraction, colour in self.marks:
            y = groove.top() + int(fraction * groove.height())
            painter.fillRect(QRect(left, y, width, MARK_HEIGHT), QColor(colour))
        painter.end()
