"""The library feature: the Library and Passages views, adding files in the background with
a progress bar and Cancel, keeping every article opened, opening a hit at its passage and
removing an article (undoable). It sees the window only through ``WindowApi`` and the
annotation session through ``SessionSource``; every use case it runs is core's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from lectern.core.document import Document
from lectern.core.errors import LecternError
from lectern.core.library.adding import AddReport
from lectern.core.library.analyses import indexes_behind
from lectern.core.library.find import find
from lectern.core.library.opening import open_article, open_version, relocate
from lectern.core.library.passage_export import EXPORTS, export_passages
from lectern.core.library.passages import PassageQuery, complete, passage_list
from lectern.core.library.removal import RemoveArticle
from lectern.core.store import AnnotationStore
from lectern.core.store.library_rows import Passage
from lectern.gui.library.background import LibraryWorker
from lectern.gui.library.library_view import LibraryView
from lectern.gui.library.passages_view import PassagesView
from lectern.gui.library.progress import ProgressWidget
from lectern.gui.shell.api import SessionSource, WindowApi
from lectern.gui.shell.errors import reported

ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
EXPORT_FILTERS = {"csv": ("CSV (*.csv)", ".csv"), "markdown": ("Markdown (*.md)", ".md"),
                  "w3c": ("W3C annotations (*.json *.jsonld)", ".json")}
MESSAGE_MS = 8000
CATCH_UP_HERE = 100  # older analyses a view takes into the indexes itself (about a second)


class LibraryFeature(QObject):
    analyses_updated = Signal()  # a background add or analysis has finished
    timeline_requested = Signal(list)  # article ids the reader picked for the timeline

    def __init__(self, window: WindowApi, sessions: SessionSource) -> None:
        super().__init__(window.article_view)
        self.window = window
        self.sessions = sessions
        self._store: AnnotationStore | None = None
        self._reading_version: Document | None = None  # an earlier text, shown to be read
        self.last_report: AddReport | None = None
        self._told: AddReport | None = None
        self._behind_when_asked: int | None = None  # the catch-up last left to the worker
        self.library_view = LibraryView()
        self.passages_view = PassagesView()
        window.add_view("library", self.library_view)
        window.add_view("passages", self.passages_view)
        self.worker = LibraryWorker(window.paths.store_file, self)
        self.progress = ProgressWidget()
        window.add_status_widget(self.progress)

        window.action("view.library", self.show_library)
        window.action("view.passages", self.show_passages)
        window.action("file.add_to_library", self.choose_files)
        window.action("file.add_folder_to_library", self.choose_folder)
        window.paths_dropped.connect(self.add)
        window.document_opened.connect(self._keep_opened)
        self.library_view.search_requested.connect(self.search)
        self.library_view.article_activated.connect(lambda i: self.open_at(i))
        self.library_view.hit_activated.connect(
            lambda hit: self.open_at(hit.article, hit.start, hit.end, hit.annotation,
                                     exact=hit.where == "text"))
        self.library_view.remove_requested.connect(self.remove)
        self.library_view.versions_requested.connect(self.show_versions)
        self.library_view.timeline_requested.connect(self.timeline_requested)
        self.library_view.add_requested.connect(self.choose_files)
        self.passages_view.query_changed.connect(self.show_passage_list)
        self.passages_view.passage_activated.connect(self.open_passage)
        self.passages_view.export_requested.connect(self.export)
        self.progress.cancel_requested.connect(self.worker.cancel)
        self.worker.progress.connect(self.progress.show_progress)
        self.worker.added.connect(self._added)
        self.worker.finished.connect(self._finished)
        self.worker.analysed.connect(self._analysed)
        self.worker.failed.connect(lambda m: window.show_status(m, MESSAGE_MS))
        self.worker.kept.connect(lambda _: self._refresh_if_shown())
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # --- the store of the GUI thread -------------------------------------------------------
    @property
    def store(self) -> AnnotationStore:
        if self._store is None:
            self._store = AnnotationStore.open(self.window.paths.store_file)
            self.destroyed.connect(self._store.close)
        return self._store

    def shutdown(self) -> None:
        self.worker.shutdown()
        if self._store is not None:
            self._store.close()

    # --- views -----------------------------------------------------------------------------
    def show_library(self) -> None:
        if reported(self.window, "The library cannot be read", self.refresh):
            self.window.show_view("library")
            self.library_view.search.setFocus()

    def show_passages(self) -> None:
        if reported(self.window, "The library cannot be read", self._refresh_passages):
            self.window.show_view("passages")

    def refresh(self) -> None:
        articles = self.store.library.articles()
        self.library_view.set_articles(articles)
        self.passages_view.set_articles(articles)

    def _refresh_passages(self) -> None:
        self.passages_view.set_articles(self.store.library.articles())
        self.show_passage_list(self.passages_view.query())

    def _refresh_if_shown(self) -> None:
        if self.library_view.isVisible():
            reported(self.window, "The library cannot be read", self.refresh)

    def search(self, text: str) -> None:
        if not text:
            self.library_view.set_hits("", [])
            return
        try:
            hits = find(self.store, text)
        except LecternError as error:
            self.library_view.set_hits(text, [], str(error))
            return
        self.library_view.set_hits(text, hits)

    def show_passage_list(self, query: PassageQuery) -> None:
        def fill() -> None:
            self.passages_view.set_passages(passage_list(self.store, query),
                                            not query.is_empty)
        reported(self.window, "The passages cannot be listed", fill)

    # --- adding ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        start = self.window.settings.dialog_folder("library")
        names, _ = QFileDialog.getOpenFileNames(self.window.article_view.window(),
                                                "Add to Library", start, ARTICLE_FILTER)
        if names:
            self.window.settings.remember_dialog_folder("library", names[0])
            self.add(names)

    def choose_folder(self) -> None:
        start = self.window.settings.dialog_folder("library")
        folder = QFileDialog.getExistingDirectory(self.window.article_view.window(),
                                                  "Add Folder to Library", start)
        if folder:
            self.window.settings.remember_dialog_folder("library", folder + "/")
            self.add([folder])

    def add(self, paths: list[str]) -> None:
        if not self.worker.add(paths):
            self.window.show_status("Still adding the last batch; Cancel it or wait.",
                                    MESSAGE_MS)
            return
        self.progress.start("Adding")

    def _added(self, report: AddReport) -> None:
        self.last_report = report
        # Said in the progress line while the analysis follows, in the status line after.
        self.progress.label.setText(report.summary())
        self._refresh_if_shown()
        if report.refused:
            box = QMessageBox(QMessageBox.Icon.Information, "Some files were not added",
                              f"{len(report.refused):,} files could not be added; the rest "
                              "were.", QMessageBox.StandardButton.Ok,
                              self.window.article_view.window())
            box.setDetailedText("\n".join(report.refusal_lines()))
            box.open()
            self.refusals_box = box

    def _finished(self) -> None:
        self.progress.finish()
        if self.last_report is not None and self.last_report is not self._told:
            self._told = self.last_report  # a later analysis alone does not say it again
            self.window.show_status(self.last_report.summary(), MESSAGE_MS)
            self.analyses_updated.emit()  # articles added, and analysed unless cancelled
        self._refresh_if_shown()

    def _analysed(self, done: int) -> None:
        if done:  # nothing new: the views need not be drawn again
            self.analyses_updated.emit()

    def analyse_pending(self) -> None:
        """What the library lacks analysed in the background (none of it on this thread:
        the views show what is there and fill in when ``analyses_updated`` comes)."""
        self.worker.analyse_pending()

    def indexes_ready(self) -> bool:
        """Whether the library-wide indexes are near enough up to date for a view to read
        them now. A store from before an index is thousands of analyses behind: then the
        worker takes them in and ``analyses_updated`` says when, instead of the window
        freezing for a minute. Asked again after a catch-up that took nothing in, it says
        yes (the rest cannot be taken in, and the view reads what there is)."""
        try:
            behind = indexes_behind(self.store)
        except LecternError:
            return True  # the view's own read reports what is wrong with the store
        if behind <= CATCH_UP_HERE or behind == self._behind_when_asked:
            return True
        self._behind_when_asked = behind
        self.analyse_pending()
        return False

    def _keep_opened(self, document: Document) -> None:
        if document is self._reading_version:
            return  # an earlier version read again: its article keeps its current text
        if document.source is not None and document.source == _sample():
            return  # our sample is not the reader's article: the library starts empty
        session = self.sessions.current_session()
        restored = session.restored if session is not None else None
        earlier = restored.earlier.fingerprint if restored and restored.earlier else None
        self.worker.keep(document, restored.report if restored else None, earlier)

    # --- opening at a passage --------------------------------------------------------------
    def open_passage(self, passage: Passage) -> None:
        a = passage.annotation
        if passage.article is None:
            self.window.show_status("This annotation's article is not in the library.",
                                    MESSAGE_MS)
            return
        self.open_at(passage.article, a.start, a.end, a.id)

    def open_at(self, article_id: int | None, start: int | None = None,
                end: int | None = None, annotation_id: str | None = None,
                exact: bool = False) -> None:
        """Open the article, scrolled to ``start:end`` of its kept text with it selected (an
        annotation: where it is now; a text hit: found again if the file changed)."""
        if article_id is None:
            return
        try:
            document = self._document_of(article_id)
        except LecternError as error:
            self.window.show_error("Cannot open the article", str(error))
            return
        if document is None:
            return
        span = (start, end) if start is not None and end is not None else None
        session = self.sessions.current_session()
        if annotation_id and session is not None:
            placed = session.annotations.get(annotation_id)
            span = (placed.start, placed.end) if placed and not placed.is_orphan else span
        elif span is not None and exact:
            version = self.store.library.current_version(article_id)
            stored = self.store.library.text(version) if version is not None else None
            span = relocate(stored, *span, document.text) if stored is not None else span
        view = self.window.article_view
        if span is not None and 0 <= span[0] <= span[1] <= len(document.text):
            start_at, end_at = span
            QTimer.singleShot(0, view, lambda: view.select_span(start_at, end_at))
        view.setFocus()

    def _document_of(self, article_id: int) -> Document | None:
        """Show the article (unless it is on screen) and return its document."""
        kept = self.store.library.current_version(article_id)
        version = self.store.library.version(kept) if kept is not None else None
        current = self.window.document
        if current is not None and version is not None and \
                current.fingerprint == version.fingerprint:
            self.window.show_view("article")
            return current
        opened = open_article(self.store, article_id)
        source = opened.document.source
        if not opened.notice and source is not None:
            if not self.window.open_file(source):
                return None
        else:
            self.window.show_document(opened.document)
            self.window.show_status(opened.notice, MESSAGE_MS)
        return self.window.document

    def show_versions(self, article_id: int) -> None:
        from lectern.gui.library.versions_dialog import VersionsDialog

        article = self.store.library.article(article_id)
        if article is None:
            return
        dialog = VersionsDialog(article, self.store.library.versions(article_id),
                                self.store.library.current_version(article_id),
                                self.window.article_view.window())
        dialog.open_requested.connect(self.open_version)
        self.versions_dialog = dialog
        dialog.open()

    def open_version(self, version_id: int) -> None:
        try:
            document = open_version(self.store, version_id)
        except LecternError as error:
            self.window.show_error("Cannot open the version", str(error))
            return
        self._reading_version = document
        self.window.show_document(document)
        self.window.show_status("An earlier version, as it was kept; the file and the "
                                "library keep the current one.", MESSAGE_MS)

    # --- removing, exporting ---------------------------------------------------------------
    def remove(self, article_id: int) -> None:
        session = self.sessions.current_session()
        on_screen = self.window.document.fingerprint if self.window.document else None

        def run() -> None:
            # The undo stack's store: undo runs inside its transaction, on its connection.
            store = session.store if session is not None and session.store else self.store
            command = RemoveArticle(store, article_id, on_screen)
            if session is not None and session.store is not None:
                session.stack.push(command)  # Edit › Undo brings it back
            else:
                command.do()
            self.window.show_status(command.removal.summary() + " Edit › Undo brings it "
                                    "back." if command.removal else "", MESSAGE_MS)

        reported(self.window, "The article was not removed", run)
        self._refresh_if_shown()

    def export(self, kind: str) -> None:
        file_filter, suffix = EXPORT_FILTERS[kind]
        start = self.window.settings.dialog_folder("passages")
        name, _ = QFileDialog.getSaveFileName(self.window.article_view.window(),
                                              "Export Passages", str(Path(start) /
                                                                     f"passages{suffix}"),
                                              file_filter)
        if name:
            if Path(name).suffix.lower() not in EXPORTS:
                name += suffix
            self.window.settings.remember_dialog_folder("passages", name)
            self.export_to(name, kind)

    def export_to(self, path: str, kind: str | None = None) -> None:
        rows = self.passages_view.model.rows
        reported(self.window, "The passages were not exported",
                 lambda: self.window.show_status(export_passages(
                     path, complete(self.store, rows), kind), MESSAGE_MS))


def _sample() -> Path | None:
    from lectern.core.resources import sample_article

    try:
        return sample_article().resolve()
    except LecternError:
        return None
