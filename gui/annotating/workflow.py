"""The annotation workflow: one AnnotationSession per opened article, and everything wired to it.

``install_annotation_workflow(window)`` builds the pieces (highlight layer, panel, tag bar,
find bar, menus) and connects them; the pieces talk to the session, never to each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession, SaveNotice
from lectern.core.editing.snapping import snap_to_clusters
from lectern.core.errors import LecternError
from lectern.core.store import AnnotationStore
from lectern.gui.annotating.annotations_model import AnnotationsModel
from lectern.gui.annotating.annotations_panel import AnnotationsPanel
from lectern.gui.annotating.files import AnnotationFiles
from lectern.gui.annotating.interaction import ArticleInteraction
from lectern.gui.annotating.layer import AnnotationLayer
from lectern.gui.annotating.tag_bar import TagBar
from lectern.gui.reader.find_bar import FindBar
from lectern.gui.reader.scroll_marks import MarkedScrollBar
from lectern.gui.shell.actions import make_action

FLASH_MS = 700
SAVED_MESSAGE_MS = 2500
# From this many annotations the panel's table is filled just after the article's first paint.
PANEL_LATER_FROM = 2000
SYNC_AFTER_IDLE_MS = 2000  # commits are crash-safe at once; this bounds a power cut's loss


def install_annotation_workflow(window) -> AnnotationWorkflow:
    """Add the annotation panel, tag bar, menus and shortcuts to ``window``."""
    return AnnotationWorkflow(window)


class AnnotationWorkflow(QObject):
    """Owns the current AnnotationSession (``session``; None before an article opens)."""

    session_changed = Signal(object)  # the new AnnotationSession

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.article_view
        self.session: AnnotationSession | None = None
        self.store: AnnotationStore | None = None
        self.current_tag: str | None = None  # the tag sticky mode applies
        self._tag_actions: list[QAction] = []
        self._picker = None
        self._tags_dialog = None

        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(SYNC_AFTER_IDLE_MS)
        self._sync_timer.timeout.connect(self._sync_store)

        self.layer = AnnotationLayer(self.view)
        self.model = AnnotationsModel(self)
        self.panel = AnnotationsPanel(self.model)
        window.docks["annotationsPanel"].setWidget(self.panel)
        self.tag_bar = TagBar(window)
        window.reading_layout.insertWidget(0, self.tag_bar)
        self.find_bar = FindBar(self.view, window)
        window.reading_layout.addWidget(self.find_bar)
        self.marks = MarkedScrollBar(self.view)
        self.layer.changed_listeners.append(self.marks.schedule_update)
        self.interaction = ArticleInteraction(self)
        self._build_edit_menu()
        self.files = AnnotationFiles(self)
        self._sync_undo()
        self._connect()

    # --- building ------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, shortcut, slot, *,
                checkable: bool = False) -> QAction:
        return make_action(self.window, text, shortcut, slot, menu=menu, checkable=checkable)

    def _build_edit_menu(self) -> None:
        menu = self.window.edit_menu
        self.undo_action = self._action(menu, "&Undo", QKeySequence.StandardKey.Undo, self.undo)
        self.redo_action = self._action(menu, "&Redo", QKeySequence("Ctrl+Shift+Z"), self.redo)
        menu.addSeparator()
        self.tag_menu = menu.addMenu("&Tag Selection")
        self.picker_action = self._action(menu, "Choose &Tag…", QKeySequence("Ctrl+K"),
                                          self.open_picker)
        self.sticky_action = self._action(menu, "&Sticky Tag Mode", QKeySequence("Ctrl+T"),
                                          self._sticky_toggled, checkable=True)
        self.note_action = self._action(menu, "Edit &Note", QKeySequence("Ctrl+Shift+N"),
                                        self.edit_current_note)
        self.remove_action = self._action(menu, "Remove &Highlight",
                                          QKeySequence("Ctrl+Shift+Backspace"),
                                          self.remove_current)
        menu.addSeparator()
        self._action(menu, "&Find…", QKeySequence.StandardKey.Find, self.find_bar.start)
        # Ctrl+G, not the platform's F3: F3 steps through an entity's mentions (View menu).
        self._action(menu, "Find &Next", QKeySequence("Ctrl+G"), self.find_bar.next)
        self._action(menu, "Find &Previous", QKeySequence("Ctrl+Shift+G"), self.find_bar.previous)
        menu.addSeparator()
        self._action(menu, "Ta&gs…", None, self.open_tags_dialog)

    def _connect(self) -> None:
        self.window.document_arriving.connect(self.open_session)
        self.view.cursor_moved.connect(self._cursor_moved)
        self.tag_bar.tag_clicked.connect(self.apply_tag)
        self.tag_bar.sticky_toggled.connect(self.sticky_action.setChecked)
        self.tag_bar.manage_requested.connect(self.open_tags_dialog)
        self.sticky_action.toggled.connect(self.tag_bar.set_sticky)
        self.panel.activated.connect(self.show_annotation)
        self.panel.delete_requested.connect(self.remove)
        self.panel.note_edited.connect(self.set_note)
        self.panel.reattach_requested.connect(self.reattach)

    # --- sessions ------------------------------------------------------------------------
    def _ensure_store(self) -> AnnotationStore | None:
        if self.store is None:
            try:
                self.store = AnnotationStore.open(self.window.paths.store_file)
            except LecternError as error:
                self.window.show_error("Annotations will not be kept", str(error))
                return None
            store = self.store
            # Close with the window or the app, whichever goes first; closing twice is harmless.
            self.window.destroyed.connect(lambda *_: store.close())
            QApplication.instance().aboutToQuit.connect(store.close)
            if store.recovery_message:
                self.window.show_error("The annotation store was replaced",
                                       store.recovery_message)
        return self.store

    def open_session(self, document: Document) -> None:
        """Start annotating ``document``, restoring what the store holds for its text."""
        self._close_session()
        store = self._ensure_store()
        try:
            session = AnnotationSession(document, store)
        except LecternError as error:
            self.window.show_error("Stored annotations could not be read", str(error))
            session = AnnotationSession(document, None)
        self.session = session
        self.files.file_path = None
        # The text has not arrived yet: the highlighter paints it as it does, no second pass.
        arriving = self.view.article is not document
        self.layer.attach(session.annotations, session.scheme, document, repaint=not arriving)
        if len(session.annotations) < PANEL_LATER_FROM:
            self.model.set_source(session.annotations, session.scheme)
        else:
            # Filling the table costs ~30 ms per 10,000 rows: let the article paint first.
            self.model.set_source(None, None)
            QTimer.singleShot(0, self, lambda: self._fill_panel(session))
        session.stack.subscribe(self._sync_undo)
        session.scheme.subscribe(self._scheme_changed)
        session.subscribe_saved(self._on_saved)
        self._scheme_changed(refresh_rows=False)  # the model was just reset
        self._sync_undo()
        self.marks.set_source(session.annotations, session.scheme, len(document.text))
        self.session_changed.emit(session)

    def _fill_panel(self, session: AnnotationSession) -> None:
        if session is self.session and self.model.annotations is not session.annotations:
            self.model.set_source(session.annotations, session.scheme)

    def _close_session(self) -> None:
        if self.session is None:
            return
        self.session.stack.unsubscribe(self._sync_undo)
        self.session.scheme.unsubscribe(self._scheme_changed)
        self.session = None

    def _on_saved(self, notice: SaveNotice) -> None:
        self.window.statusBar().showMessage("Saved", SAVED_MESSAGE_MS)
        self._sync_timer.start()

    def _sync_store(self) -> None:
        if self.store is not None:
            self.store.sync_to_disk()

    def _scheme_changed(self, refresh_rows: bool = True) -> None:
        scheme = self.session.scheme if self.session else None
        names = scheme.names if scheme else []
        if self.current_tag not in names:
            self.current_tag = names[0] if names else None
        self.tag_bar.set_scheme(scheme, self.current_tag)
        self.panel.set_tag_names(names)
        if refresh_rows:
            self.model.scheme_changed()
        self._rebuild_tag_actions()

    def _rebuild_tag_actions(self) -> None:
        for action in self._tag_actions:
            self.view.removeAction(action)
            action.deleteLater()
        self._tag_actions = []
        self.tag_menu.clear()
        for tag in self.session.scheme if self.session else ():
            action = QAction(tag.name, self.window)
            if tag.shortcut:
                action.setShortcut(QKeySequence(tag.shortcut))
                # Only while reading: the same keys type text in the panel's fields.
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, name=tag.name: self.apply_tag(name))
            self.view.addAction(action)
            self.tag_menu.addAction(action)
            self._tag_actions.append(action)

    # --- undo ------------------------------------------------------------------------------
    def _sync_undo(self) -> None:
        stack = self.session.stack if self.session else None
        self.undo_action.setEnabled(bool(stack and stack.can_undo))
        self.redo_action.setEnabled(bool(stack and stack.can_redo))
        self.undo_action.setText(f"&Undo {stack.undo_label}" if stack and stack.can_undo
                                 else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redo_label}" if stack and stack.can_redo
                                 else "&Redo")
        self.files.update_modified()

    def undo(self) -> None:
        self._run(lambda s: s.undo())

    def redo(self) -> None:
        self._run(lambda s: s.redo())

    def _run(self, change) -> bool:
        """Apply one session call; a refused change is shown, never raised into Qt."""
        if self.session is None:
            return False
        try:
            change(self.session)
        except LecternError as error:
            self.window.show_error("That change was not made", str(error))
            return False
        return True

    # --- tagging -----------------------------------------------------------------------------
    def selection_span(self) -> tuple[int, int] | None:
        """The selected core span, never splitting a character; None without a selection."""
        span = self.view.selected_span()
        if span is None or self.session is None:
            return None
        start, end = snap_to_clusters(self.session.document.text, *span)
        return (start, end) if start < end else None

    def apply_tag(self, name: str | None) -> Annotation | None:
        """Tag the selection (or, without one, toggle the tag on the current annotation)."""
        if self.session is None:
            return None
        if name:
            self.current_tag = name
            self.tag_bar.set_current(name)
        span = self.selection_span()
        if span is None:
            current = self.current_annotation()
            if current is not None and name:
                self._toggle_tag(current, name)
            return current
        same = [a for a in self.session.annotations.overlapping(*span)
                if (a.start, a.end) == span]
        if same and name:
            self._toggle_tag(same[0], name)
            made = self.session.annotations.get(same[0].id)
        else:
            tags = [name] if name else []
            added: list[Annotation] = []
            self._run(lambda s: added.append(s.add(span[0], span[1], tags)))
            made = added[0] if added else None
        self._collapse_selection()
        if made is not None:
            self.layer.set_current(made.id)
        return made

    def _toggle_tag(self, annotation: Annotation, name: str) -> None:
        if any(t.casefold() == name.casefold() for t in annotation.tags):
            self._run(lambda s: s.remove_tag(annotation.id, name))
        else:
            self._run(lambda s: s.add_tag(annotation.id, name))

    def _collapse_selection(self) -> None:
        # The selection colour would hide the new highlight; keep the caret at its end.
        cursor = self.view.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        cursor.clearSelection()
        self.view.setTextCursor(cursor)

    def _sticky_toggled(self, on: bool) -> None:
        self.tag_bar.set_sticky(on)
        if on:
            self.window.statusBar().showMessage(
                f"Sticky tag: every selection is tagged “{self.current_tag}”", SAVED_MESSAGE_MS)

    @property
    def sticky(self) -> bool:
        return self.sticky_action.isChecked()

    def set_sticky(self, on: bool) -> None:
        self.sticky_action.setChecked(on)

    # --- current annotation ----------------------------------------------------------------
    def current_annotation(self) -> Annotation | None:
        if self.session is None or self.layer.current_id is None:
            return None
        return self.session.annotations.get(self.layer.current_id)

    def _cursor_moved(self, offset: int) -> None:
        if self.session is None:
            return
        hits = self.session.annotations.overlapping(offset, offset)
        if not hits and offset > 0:  # the caret just after a highlight still belongs to it
            hits = self.session.annotations.overlapping(offset - 1, offset - 1)
        innermost = min(hits, key=lambda a: a.end - a.start, default=None)
        self.layer.set_current(innermost.id if innermost else None)
        if innermost is not None:
            self.panel.select_id(innermost.id)

    def show_annotation(self, annotation_id: str) -> None:
        """Scroll the article to an annotation, make it current and flash it."""
        annotation = self.session.annotations.get(annotation_id) if self.session else None
        if annotation is None or annotation.is_orphan:
            return
        cursor = self.view.textCursor()
        cursor.setPosition(self.view.offsets.to_qt(annotation.start))
        self.view.setTextCursor(cursor)
        self.view.centerCursor()
        self.layer.set_current(annotation_id)
        self.layer.set_flash(annotation_id)
        QTimer.singleShot(FLASH_MS, lambda: self.layer.set_flash(None))

    # --- panel and menu commands -------------------------------------------------------------
    def remove(self, ids: list[str]) -> None:
        self._run(lambda s: s.remove(ids))

    def remove_current(self) -> None:
        current = self.current_annotation()
        if current is not None:
            self.remove([current.id])

    def set_note(self, annotation_id: str, note: str) -> None:
        self._run(lambda s: s.set_note(annotation_id, note))

    def edit_current_note(self) -> None:
        current = self.current_annotation()
        if current is not None:
            self.window.docks["annotationsPanel"].show()
            self.panel.edit_note(current.id)

    def reattach(self, annotation_id: str) -> None:
        span = self.selection_span()
        if span is None:
            self.window.show_error("Select where it belongs",
                                   "Select the passage in the article first, then re-attach.")
            return
        self._run(lambda s: s.reattach(annotation_id, *span))

    def open_picker(self) -> None:
        from lectern.gui.annotating.tag_picker import TagPicker  # built on first use

        if self.session is None:
            return
        if self._picker is None:
            self._picker = TagPicker(self.window)
            self._picker.chosen.connect(self._picked)
        self._picker.popup(self.session.scheme, self.view)

    def _picked(self, name: str, create: bool) -> None:
        if create and not self._run(lambda s: s.add_scheme_tag(name)):
            return
        self.apply_tag(self.session.scheme.get(name).name if self.session else name)

    def open_tags_dialog(self) -> None:
        from lectern.gui.annotating.tags_dialog import TagsDialog  # built on first use

        if self.session is None:
            return
        if self._tags_dialog is None:
            self._tags_dialog = TagsDialog(self, self.window)
        self._tags_dialog.open_for(self.session)
