"""The annotating feature: one AnnotationSession per opened article, in one Workspace per
window (so tag-scheme edits stay undoable across articles), and everything wired to it.

``AnnotationWorkflow(window)`` builds the pieces (highlight layer, panel, tag bar, scroll
marks, tagging, files) and connects them; the pieces talk to the session, never to each
other. It offers the current session to other features (``SessionSource``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession, SaveNotice
from lectern.core.editing.workspace import Workspace
from lectern.core.errors import LecternError
from lectern.core.observers import Listeners
from lectern.core.store import AnnotationStore
from lectern.gui.annotating.annotations_model import AnnotationsModel
from lectern.gui.annotating.annotations_panel import AnnotationsPanel
from lectern.gui.annotating.files import AnnotationFiles
from lectern.gui.annotating.interaction import ArticleInteraction
from lectern.gui.annotating.layer import AnnotationLayer
from lectern.gui.annotating.tag_bar import TagBar
from lectern.gui.annotating.tagging import Tagging
from lectern.gui.reader.scroll_marks import MarkedScrollBar
from lectern.gui.shell.api import WindowApi
from lectern.gui.shell.errors import reported

if TYPE_CHECKING:
    from lectern.gui.annotating.tags_dialog import TagsDialog

FLASH_MS = 700
SAVED_MESSAGE_MS = 2500
# From this many annotations the panel's table is filled just after the article's first paint.
PANEL_LATER_FROM = 2000
SYNC_AFTER_IDLE_MS = 2000  # commits are crash-safe at once; this bounds a power cut's loss
PANEL = "annotationsPanel"


class AnnotationWorkflow(QObject):
    """Owns the current AnnotationSession (``session``; None before an article opens)."""

    session_changed = Signal(object)  # the new AnnotationSession

    def __init__(self, window: WindowApi) -> None:
        super().__init__(window.article_view)
        self.window = window
        self.view = window.article_view
        self.session: AnnotationSession | None = None
        self.store: AnnotationStore | None = None
        self.workspace: Workspace | None = None
        self._tags_dialog: TagsDialog | None = None
        self._watchers = Listeners()

        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(SYNC_AFTER_IDLE_MS)
        self._sync_timer.timeout.connect(self._sync_store)

        self.layer = AnnotationLayer(self.view)
        self.model = AnnotationsModel(self)
        self.panel = AnnotationsPanel(self.model)
        window.put_panel(PANEL, self.panel)
        self.tag_bar = TagBar()
        window.add_reading_bar(self.tag_bar, above=True)
        self.marks = MarkedScrollBar(self.view)
        self.layer.changed_listeners.append(self.marks.schedule_update)
        self.interaction = ArticleInteraction(self.view, self.layer)
        self.tagging = Tagging(window, self, self.layer, self.tag_bar, self.interaction,
                               self.edit_note)
        # The passage just tagged is the one listed as selected: its note is ready to write.
        self.tagging.tagged.connect(self.panel.select_id)
        self.undo_action: QAction = window.action("edit.undo", self.undo)
        self.redo_action: QAction = window.action("edit.redo", self.redo)
        window.action("edit.tags", self.open_tags_dialog)
        # A note being typed is saved before anything else looks at the window's state.
        window.add_close_guard(self._flush_note)
        self.files = AnnotationFiles(window, self)
        self._sync_undo()
        self._connect()

    def _connect(self) -> None:
        self.window.document_arriving.connect(self.open_session)
        self.view.cursor_moved.connect(self._cursor_moved)
        self.tag_bar.manage_requested.connect(self.open_tags_dialog)
        self.panel.activated.connect(self.show_annotation)
        self.panel.delete_requested.connect(self.remove)
        self.panel.note_edited.connect(self.set_note)
        self.panel.reattach_requested.connect(self.reattach)
        self.panel.tag_toggled.connect(lambda i, name: self._run(lambda s: s.toggle_tag(i, name)))

    # --- what other features use (SessionSource) -------------------------------------------
    def current_session(self) -> AnnotationSession | None:
        session = self.session
        if session is not None and session.document is self.window.document:
            return session
        return None

    def watch(self, listener: Callable[[], None]) -> None:
        self._watchers.add(listener)

    def tag_key_rows(self) -> list[tuple[str, str]]:
        """(tag, key) of each tag with a key, for Help › Keyboard Shortcuts."""
        scheme = self.session.scheme if self.session else None
        return [(tag.name, tag.shortcut) for tag in scheme or () if tag.shortcut]

    # --- sessions ------------------------------------------------------------------------
    def _ensure_workspace(self) -> Workspace:
        if self.workspace is not None:
            return self.workspace
        try:
            self.store = AnnotationStore.open(self.window.paths.store_file)
        except LecternError as error:
            self.window.show_error("Annotations will not be kept", str(error))
            self.store = None
        store = self.store
        if store is not None:
            # Close with the window or the app, whichever goes first; closing twice is harmless.
            self.destroyed.connect(lambda *_: store.close())
            app = QApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(store.close)
            if store.recovery_message:
                self.window.show_error("The annotation store was damaged",
                                       store.recovery_message)
        try:
            self.workspace = Workspace(store)
        except LecternError as error:
            self.window.show_error("Stored tags could not be read", str(error))
            self.workspace = Workspace(None)
        self.workspace.stack.subscribe(self._sync_undo)
        self.workspace.scheme.subscribe(self._scheme_changed)
        return self.workspace

    def _flush_note(self) -> bool:
        self.panel.flush_note()
        return True

    def open_session(self, document: Document) -> None:
        """Start annotating ``document``, restoring what the store holds for its text."""
        self.panel.flush_note()  # the note typed on the article being left
        workspace = self._ensure_workspace()
        try:
            session = AnnotationSession(document, workspace=workspace)
        except LecternError as error:
            self.window.show_error("Stored annotations could not be read", str(error))
            session = AnnotationSession(document, workspace=Workspace(None, workspace.scheme))
        self.session = session
        self.files.file_path = None
        self.interaction.text = document.text
        # The text has not arrived yet: the highlighter paints it as it does, no second pass.
        arriving = self.view.article is not document
        self.layer.attach(session.annotations, session.scheme, document, repaint=not arriving)
        if len(session.annotations) < PANEL_LATER_FROM:
            self.model.set_source(session.annotations, session.scheme)
        else:
            # Filling the table costs ~30 ms per 10,000 rows: let the article paint first.
            self.model.set_source(None, None)
            QTimer.singleShot(0, self, lambda: self._fill_panel(session))
        session.subscribe_saved(self._on_saved)
        self.model.set_links(session.links_of)
        self.interaction.link_lines = self.model.link_lines
        self._scheme_changed(refresh_rows=False)  # the model was just reset
        self._sync_undo()
        self.marks.set_source(session.annotations, session.scheme, len(document.text))
        self._announce_restored(session)
        self.session_changed.emit(session)

    def _announce_restored(self, session: AnnotationSession) -> None:
        report = session.restored.report
        if report is not None and report.total:
            self.window.show_status(f"This file changed since it was annotated: "
                                    f"{report.total} annotations re-anchored ({report})", 8000)

    def _fill_panel(self, session: AnnotationSession) -> None:
        if session is self.session and self.model.annotations is not session.annotations:
            self.model.set_source(session.annotations, session.scheme)

    def _on_saved(self, notice: SaveNotice) -> None:
        self.window.show_status("Saved", SAVED_MESSAGE_MS)
        self._sync_timer.start()

    def _sync_store(self) -> None:
        if self.store is not None:
            self.store.sync_to_disk()

    def _scheme_changed(self, refresh_rows: bool = True) -> None:
        session = self.session
        self.tagging.scheme_changed(session)
        self.panel.set_tag_names(session.scheme.names if session else [])
        if refresh_rows:
            self.model.scheme_changed()

    # --- undo ------------------------------------------------------------------------------
    def _sync_undo(self) -> None:
        stack = self.workspace.stack if self.workspace else None
        self.undo_action.setEnabled(bool(stack and stack.can_undo))
        self.redo_action.setEnabled(bool(stack and stack.can_redo))
        self.undo_action.setText(f"&Undo {stack.undo_label}" if stack and stack.can_undo
                                 else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redo_label}" if stack and stack.can_redo
                                 else "&Redo")
        self.files.update_modified()
        self._watchers.notify()

    def undo(self) -> None:
        self._run(lambda s: s.undo())

    def redo(self) -> None:
        self._run(lambda s: s.redo())

    def _run(self, change) -> bool:
        """Apply one session call; a refused change is shown, never raised into Qt."""
        session = self.session
        if session is None:
            return False
        return reported(self.window, "That change was not made", lambda: change(session))

    # --- the current annotation and the panel ----------------------------------------------
    @property
    def current_tag(self) -> str | None:
        return self.tagging.current_tag

    @property
    def sticky(self) -> bool:
        return self.tagging.sticky

    def set_sticky(self, on: bool) -> None:
        self.tagging.set_sticky(on)

    def apply_tag(self, name: str | None) -> Annotation | None:
        return self.tagging.apply_tag(name)

    def current_annotation(self) -> Annotation | None:
        return self.tagging.current_annotation()

    def _cursor_moved(self, offset: int) -> None:
        if self.session is None:
            return
        innermost = self.session.annotations.innermost_at(offset)
        self.layer.set_current(innermost.id if innermost else None)
        if innermost is not None:
            self.panel.select_id(innermost.id)

    def show_annotation(self, annotation_id: str) -> None:
        """Scroll the article to an annotation, make it current and flash it."""
        annotation = self.session.annotations.get(annotation_id) if self.session else None
        if annotation is None or annotation.is_orphan:
            return
        self.view.move_cursor_to(annotation.start)
        self.layer.set_current(annotation_id)
        self.layer.set_flash(annotation_id)
        QTimer.singleShot(FLASH_MS, self, lambda: self.layer.set_flash(None))

    def remove(self, ids: list[str]) -> None:
        self._run(lambda s: s.remove(ids))

    def set_note(self, annotation_id: str, note: str, continuing: bool = False) -> None:
        self._run(lambda s: s.set_note(annotation_id, note, continuing))

    def edit_note(self, annotation_id: str) -> None:
        self.window.raise_panel(PANEL)
        self.panel.edit_note(annotation_id)

    def edit_current_note(self) -> None:
        self.tagging.edit_current_note()

    def reattach(self, annotation_id: str) -> None:
        span = self.tagging.selection_span()
        if span is None:
            self.window.show_error("Select where it belongs",
                                   "Select the passage in the article first, then re-attach.")
            return
        self._run(lambda s: s.reattach(annotation_id, *span))

    def open_tags_dialog(self) -> None:
        from lectern.gui.annotating.tags_dialog import TagsDialog  # built on first use

        if self.session is None:
            return
        if self._tags_dialog is None:
            self._tags_dialog = TagsDialog(self.window.show_error, self.view.window())
        self._tags_dialog.open_for(self.session)
