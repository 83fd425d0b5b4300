"""Tagging from the keyboard, the menus, the tag bar and the context menu: each asks the
session to tag the selection (``tag_span`` decides toggle or add) and shows the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from lectern.core.annotations import Annotation
from lectern.core.editing.session import AnnotationSession
from lectern.core.editing.snapping import snap_to_clusters
from lectern.gui.annotating.interaction import ArticleInteraction
from lectern.gui.annotating.layer import AnnotationLayer
from lectern.gui.annotating.tag_bar import TagBar
from lectern.gui.shell.api import SessionSource, WindowApi
from lectern.gui.shell.errors import reported

if TYPE_CHECKING:
    from lectern.gui.annotating.tag_picker import TagPicker

STATUS_MS = 2500


class Tagging(QObject):
    """The current tag (what sticky mode applies), the tag actions and the picker."""

    tagged = Signal(str)  # the annotation a tag was just applied to: the one a note is for

    def __init__(self, window: WindowApi, sessions: SessionSource, layer: AnnotationLayer,
                 tag_bar: TagBar, interaction: ArticleInteraction,
                 edit_note: Callable[[str], None]) -> None:
        super().__init__(interaction)
        self.window = window
        self.view = window.article_view
        self.sessions = sessions
        self.layer = layer
        self.tag_bar = tag_bar
        self.edit_note = edit_note
        self.current_tag: str | None = None
        self.tag_menu = window.submenu("edit.tag_selection")
        self._tag_actions: list[QAction] = []
        self._picker: TagPicker | None = None
        self.context_menu: QMenu | None = None
        self.picker_action = window.action("edit.choose_tag", self.open_picker)
        self.sticky_action = window.action("edit.sticky", lambda _checked: None)
        self.sticky_action.toggled.connect(self._sticky_toggled)  # from the menu or the bar
        window.action("edit.note", self.edit_current_note)
        window.action("edit.remove_highlight", self.remove_current)
        tag_bar.tag_clicked.connect(self.apply_tag)
        tag_bar.sticky_toggled.connect(self.sticky_action.setChecked)
        self.sticky_action.toggled.connect(tag_bar.set_sticky)
        interaction.selection_finished.connect(self._selection_finished)
        interaction.key_typed.connect(self._key_typed)
        interaction.context_menu_requested.connect(self.show_context_menu)
        self._interaction = interaction

    # --- the scheme's tags as actions ------------------------------------------------------
    def scheme_changed(self, session: AnnotationSession | None) -> None:
        names = session.scheme.names if session else []
        if self.current_tag is None:  # a new window: the tag the reader used last
            self.current_tag = self.window.settings.get("current_tag")
        if self.current_tag not in names:
            self.current_tag = names[0] if names else None
        self.tag_bar.set_scheme(session.scheme if session else None, self.current_tag)
        for action in self._tag_actions:
            self.view.removeAction(action)
            action.deleteLater()
        self._tag_actions = []
        self.tag_menu.clear()
        for tag in session.scheme if session else ():
            # The menu entry shows the key; the key itself is a separate action on the
            # article, which acts only while the article has focus and no menu is open.
            entry = QAction(f"{tag.name}\t{tag.shortcut}" if tag.shortcut else tag.name,
                            self.tag_menu)
            entry.triggered.connect(lambda _=False, name=tag.name: self.apply_tag(name))
            self.tag_menu.addAction(entry)
            self._tag_actions.append(entry)
            if tag.shortcut:
                key = QAction(tag.name, self.view)
                key.setShortcut(QKeySequence(tag.shortcut))
                key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                key.triggered.connect(lambda _=False, name=tag.name: self._tag_key(name))
                self.view.addAction(key)
                self._tag_actions.append(key)

    # --- tagging -----------------------------------------------------------------------------
    def selection_span(self) -> tuple[int, int] | None:
        """The selected core span, never splitting a character; None without a selection."""
        span = self.view.selected_span()
        session = self.sessions.current_session()
        if span is None or session is None:
            return None
        start, end = snap_to_clusters(session.document.text, *span)
        return (start, end) if start < end else None

    def apply_tag(self, name: str | None) -> Annotation | None:
        """Tag the selection (or, without one, toggle the tag on the current annotation)."""
        session = self.sessions.current_session()
        if session is None:
            return None
        if name:
            changed = name != self.current_tag
            self.current_tag = name
            self.window.settings.set("current_tag", name)
            self.tag_bar.set_current(name)
            if changed and self.sticky:
                self._announce_sticky()
        span = self.selection_span()
        made: list[Annotation | None] = []
        reported(self.window, "That change was not made", lambda: made.append(
            session.tag_span(span, name or "", self.layer.current_id)))
        annotation = made[0] if made else None
        if span is not None:
            self._collapse_selection()
        if annotation is not None:
            self.layer.set_current(annotation.id)
            self.tagged.emit(annotation.id)
        return annotation

    def _collapse_selection(self) -> None:
        # The selection colour would hide the new highlight; keep the caret at its end.
        cursor = self.view.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        cursor.clearSelection()
        self.view.setTextCursor(cursor)

    def _selection_finished(self) -> None:
        if self.sticky and self.current_tag:
            self.apply_tag(self.current_tag)

    def _key_typed(self, key: str) -> None:
        """A tag's key the shortcut system did not take (e.g. an ambiguous key)."""
        session = self.sessions.current_session()
        tag = session.scheme.by_shortcut(key) if session else None
        if tag is not None:
            self._interaction.key_taken = True
            self._tag_key(tag.name)

    def _tag_key(self, name: str) -> None:
        """A tag's key acts on the article only: not while a menu or popup is open."""
        if QApplication.activePopupWidget() is None:  # (the key reached the article)
            self.apply_tag(name)

    def _sticky_toggled(self, on: bool) -> None:
        self.tag_bar.set_sticky(on)
        if on:
            self._announce_sticky()
        else:
            self.window.show_status("Sticky tag mode off", STATUS_MS)

    def _announce_sticky(self) -> None:
        self.window.show_status(
            f"Sticky tag: every selection is tagged “{self.current_tag}”", STATUS_MS)

    @property
    def sticky(self) -> bool:
        return self.sticky_action.isChecked()

    def set_sticky(self, on: bool) -> None:
        self.sticky_action.setChecked(on)

    # --- the current annotation -------------------------------------------------------------
    def current_annotation(self) -> Annotation | None:
        session = self.sessions.current_session()
        if session is None or self.layer.current_id is None:
            return None
        return session.annotations.get(self.layer.current_id)

    def remove_current(self) -> None:
        current = self.current_annotation()
        session = self.sessions.current_session()
        if current is not None and session is not None:
            reported(self.window, "That change was not made", lambda: session.remove(current.id))

    def edit_current_note(self) -> None:
        current = self.current_annotation()
        if current is not None:
            self.edit_note(current.id)

    # --- the picker ----------------------------------------------------------------------------
    def open_picker(self) -> None:
        from lectern.gui.annotating.tag_picker import TagPicker  # built on first use

        session = self.sessions.current_session()
        if session is None:
            return
        if self._picker is None:
            self._picker = TagPicker(self.view)
            self._picker.chosen.connect(self._picked)
        self._picker.popup(session.scheme, self.view)

    def _picked(self, name: str, create: bool) -> None:
        session = self.sessions.current_session()
        if session is None:
            return
        if create and not reported(self.window, "Tag not created",
                                   lambda: session.add_scheme_tag(name)):
            return
        self.apply_tag(session.scheme.get(name).name)

    # --- the context menu --------------------------------------------------------------------
    def show_context_menu(self, point: QPoint) -> None:
        menu = self.view.createStandardContextMenu(point)
        menu.setParent(self.view, menu.windowFlags())
        session = self.sessions.current_session()
        if session is not None:
            menu.addSeparator()
            if self.selection_span() is not None:
                tag_menu = menu.addMenu("Tag Selection")
                for action in self.tag_menu.actions():
                    tag_menu.addAction(action)
                menu.addAction(self.picker_action)
            position = self.view.cursorForPosition(point).position()
            for annotation in self.layer.annotations_at(position)[:3]:
                label = ", ".join(annotation.tags) or "highlight"
                edit = menu.addAction(f"Edit Note on “{label}”…")
                edit.triggered.connect(lambda _=False, i=annotation.id: self._edit_note(i))
                remove = menu.addAction(f"Remove “{label}”")
                remove.triggered.connect(lambda _=False, i=annotation.id: reported(
                    self.window, "That change was not made", lambda: session.remove(i)))
        self.context_menu = menu
        menu.popup(self.view.viewport().mapToGlobal(point))

    def _edit_note(self, annotation_id: str) -> None:
        self.layer.set_current(annotation_id)
        self.edit_note(annotation_id)
