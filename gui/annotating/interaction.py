"""How the article reports what the reader does with it: a finished selection (snapped to
whole words unless Alt is held), a tag's key, a right-click; and hover tooltips. This only
listens and reports intent through signals; the workflow decides what happens."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QToolTip

from lectern.core.editing.snapping import snap_to_words
from lectern.gui.annotating.layer import AnnotationLayer
from lectern.gui.reader.article_view import ArticleView

TOOLTIP_NOTE_CHARS = 400
_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
              | Qt.KeyboardModifier.MetaModifier)


class ArticleInteraction(QObject):
    """An event filter on the article view and its viewport."""

    selection_finished = Signal()  # a mouse or keyboard selection is complete (and snapped)
    key_typed = Signal(str)  # a printable key the shortcut system left alone (a tag's key?)
    context_menu_requested = Signal(QPoint)  # viewport position

    def __init__(self, view: ArticleView, layer: AnnotationLayer) -> None:
        super().__init__(view)
        self.view = view
        self.layer = layer
        self.text = ""  # the article's text, for snapping
        self._viewport = view.viewport()  # kept: asking a dying view for it fails
        self._viewport.installEventFilter(self)
        view.installEventFilter(self)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.context_menu_requested)
        self.key_taken = False  # set by a listener of key_typed that used the key
        # What each annotation is linked to, as lines ("→ “Kapanadze” (speaker)").
        self.link_lines: Callable[[str], list[str]] = lambda _id: []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._viewport:
            if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) \
                    and event.button() == Qt.MouseButton.LeftButton:
                alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
                # After Qt has finished the selection (drag, double or triple click).
                QTimer.singleShot(0, self, lambda: self.finish_selection(snap=not alt))
            elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                return self._show_tooltip(event)
        elif watched is self.view and isinstance(event, QKeyEvent):
            if kind == QEvent.Type.KeyPress and self._typed(event):
                return True
            if kind == QEvent.Type.KeyRelease and event.key() == Qt.Key.Key_Shift \
                    and self.view.textCursor().hasSelection():
                self.finish_selection(snap=True)
        return super().eventFilter(watched, event)

    # --- selections ----------------------------------------------------------------------
    def finish_selection(self, snap: bool = True) -> None:
        """Snap a fresh selection to whole words (Alt keeps exact characters), then report."""
        span = self.view.selected_span()
        if span is None or not self.text:
            return
        if snap:
            start, end = snap_to_words(self.text, *span)
            if (start, end) != span and start < end:
                self._select(start, end)
        self.selection_finished.emit()

    def _select(self, start: int, end: int) -> None:
        offsets = self.view.offsets
        cursor = self.view.textCursor()
        forward = cursor.position() >= cursor.anchor()
        qt_start, qt_end = offsets.span_to_qt(start, end)
        cursor.setPosition(qt_start if forward else qt_end)
        cursor.setPosition(qt_end if forward else qt_start, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)

    # --- keys ------------------------------------------------------------------------------
    def _typed(self, event: QKeyEvent) -> bool:
        """A printable key without Ctrl/Alt/Meta the shortcuts did not take; True if used."""
        text = event.text()
        if len(text) != 1 or not text.isprintable() or event.modifiers() & _MODIFIERS:
            return False
        self.key_taken = False
        self.key_typed.emit(text)
        return self.key_taken

    # --- hover -------------------------------------------------------------------------------
    def tooltip_text(self, point: QPoint) -> str:
        """Rich text describing the annotations under viewport ``point`` ('' for none)."""
        cursor = self.view.cursorForPosition(point)
        rect = self.view.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return ""  # below the last line of a paragraph
        # The nearest caret may sit after the character under the pointer.
        position = cursor.position() - (1 if rect.center().x() > point.x() else 0)
        parts = []
        for annotation in self.layer.annotations_at(position):
            tags = ", ".join(annotation.tags) or "No tag"
            note = annotation.note[:TOOLTIP_NOTE_CHARS]
            body = f"<b>{html.escape(tags)}</b>"
            if note:
                body += "<br>" + html.escape(note).replace("\n", "<br>")
            for line in self.link_lines(annotation.id):
                body += "<br>" + html.escape(line)
            parts.append(body)
        return "<hr>".join(parts)

    def _show_tooltip(self, event: QHelpEvent) -> bool:
        text = self.tooltip_text(event.pos())
        if text:
            QToolTip.showText(event.globalPos(), text, self.view.viewport())
        else:
            QToolTip.hideText()
        return True
