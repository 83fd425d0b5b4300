"""How the article responds to the reader: word snapping, sticky tagging, tag keys,
hover tooltips and the context menu. Decisions go to the workflow; this only listens."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QToolTip

from lectern.core.editing.snapping import snap_to_words

if TYPE_CHECKING:
    from lectern.gui.annotating.workflow import AnnotationWorkflow

TOOLTIP_NOTE_CHARS = 400


class ArticleInteraction(QObject):
    """An event filter on the article view and its viewport."""

    def __init__(self, workflow: AnnotationWorkflow) -> None:
        super().__init__(workflow)
        self.workflow = workflow
        self.view = workflow.view
        self._viewport = self.view.viewport()  # kept: asking a dying view for it fails
        self._viewport.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self.show_context_menu)
        self.context_menu: QMenu | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._viewport:
            if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) \
                    and event.button() == Qt.MouseButton.LeftButton:
                alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
                # After Qt has finished the selection (drag, double or triple click).
                QTimer.singleShot(0, lambda: self.selection_finished(snap=not alt))
            elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                return self._show_tooltip(event)
        elif watched is self.view and isinstance(event, QKeyEvent):
            if kind == QEvent.Type.KeyPress and self._tag_key(event):
                return True
            if kind == QEvent.Type.KeyRelease and event.key() == Qt.Key.Key_Shift \
                    and self.view.textCursor().hasSelection():
                self.selection_finished(snap=False)  # keyboard selections are already exact
        return super().eventFilter(watched, event)

    # --- selections ----------------------------------------------------------------------
    def selection_finished(self, snap: bool = True) -> None:
        """Snap a fresh selection to whole words; in sticky mode, tag it at once."""
        workflow = self.workflow
        span = self.view.selected_span()
        if span is None or workflow.session is None:
            return
        if snap:
            start, end = snap_to_words(workflow.session.document.text, *span)
            if (start, end) != span:
                self._select(start, end)
        if workflow.sticky and workflow.current_tag:
            workflow.apply_tag(workflow.current_tag)

    def _select(self, start: int, end: int) -> None:
        offsets = self.view.offsets
        cursor = self.view.textCursor()
        forward = cursor.position() >= cursor.anchor()
        qt_start, qt_end = offsets.span_to_qt(start, end)
        cursor.setPosition(qt_start if forward else qt_end)
        cursor.setPosition(qt_end if forward else qt_start, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)

    # --- keys ------------------------------------------------------------------------------
    def _tag_key(self, event: QKeyEvent) -> bool:
        """A tag's key when the shortcut system did not take it (e.g. an ambiguous key)."""
        session = self.workflow.session
        text = event.text()
        if session is None or len(text) != 1 or not text.isprintable() or event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier):
            return False
        tag = session.scheme.by_shortcut(text)
        if tag is None:
            return False
        self.workflow.apply_tag(tag.name)
        return True

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
        for annotation in self.workflow.layer.annotations_at(position):
            tags = ", ".join(annotation.tags) or "No tag"
            note = annotation.note[:TOOLTIP_NOTE_CHARS]
            body = f"<b>{html.escape(tags)}</b>"
            if note:
                body += "<br>" + html.escape(note).replace("\n", "<br>")
            parts.append(body)
        return "<hr>".join(parts)

    def _show_tooltip(self, event: QHelpEvent) -> bool:
        text = self.tooltip_text(event.pos())
        if text:
            QToolTip.showText(event.globalPos(), text, self.view.viewport())
        else:
            QToolTip.hideText()
        return True

    # --- context menu ----------------------------------------------------------------------
    def show_context_menu(self, point: QPoint) -> None:
        workflow = self.workflow
        menu = self.view.createStandardContextMenu(point)
        menu.setParent(self.view, menu.windowFlags())
        session = workflow.session
        if session is not None:
            menu.addSeparator()
            if workflow.selection_span() is not None:
                tag_menu = menu.addMenu("Tag Selection")
                for action in workflow.tag_menu.actions():
                    tag_menu.addAction(action)
                menu.addAction(workflow.picker_action)
            position = self.view.cursorForPosition(point).position()
            for annotation in workflow.layer.annotations_at(position)[:3]:
                label = ", ".join(annotation.tags) or "highlight"
                edit = menu.addAction(f"Edit Note on “{label}”…")
                edit.triggered.connect(lambda _=False, i=annotation.id: self._edit_note(i))
                remove = menu.addAction(f"Remove “{label}”")
                remove.triggered.connect(lambda _=False, i=annotation.id: workflow.remove([i]))
        self.context_menu = menu
        menu.popup(self.view.viewport().mapToGlobal(point))

    def _edit_note(self, annotation_id: str) -> None:
        self.workflow.layer.set_current(annotation_id)
        self.workflow.edit_current_note()
