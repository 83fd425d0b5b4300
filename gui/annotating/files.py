"""File › Save/Open Annotations, Export and Import, the unsaved-changes mark and the close guard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from lectern.core.anchoring import AnchorReport
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats.exchange import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    Format,
    anchor_file,
    export_annotations,
    import_into,
)
from lectern.gui.shell.api import SessionSource, WindowApi

W3C_FILTER = "W3C annotations (*.json *.jsonld);;All files (*)"
FILE_DIALOGS = {  # format: (menu text, file filter, suffix)
    Format.W3C: ("&W3C Web Annotation…", W3C_FILTER, ".json"),
    Format.BRAT: ("&brat Standoff…", "brat standoff (*.ann *.txt)", ".ann"),
    Format.CSV: ("&CSV…", "CSV (*.csv)", ".csv"),
    Format.DOCCANO: ("&doccano JSONL…", "doccano JSONL (*.jsonl *.json)", ".jsonl"),
    Format.PRODIGY: ("&Prodigy JSONL…", "Prodigy JSONL (*.jsonl)", ".jsonl"),
    Format.LABELSTUDIO: ("&Label Studio JSON…", "Label Studio JSON (*.json)", ".json"),
    Format.QDPX: ("&REFI-QDA Project…", "REFI-QDA project (*.qdpx)", ".qdpx"),
}


def default_annotation_file(article: Path | None, title: str = "annotations") -> Path:
    """``ARTICLE.annotations.json`` beside the article."""
    if article is None:
        return Path.home() / f"{title}.annotations.json"
    return article.with_name(f"{article.stem}.annotations.json")


class AnnotationFiles:
    """The annotation-file actions of the File menu and the state of the open file."""

    def __init__(self, window: WindowApi, sessions: SessionSource) -> None:
        self.window = window
        self.view = window.article_view  # the parent of this feature's dialogs
        self.sessions = sessions
        self.file_path: Path | None = None  # the annotation file of this article, if any
        self.summary_box: QMessageBox | None = None
        self.save_prompt: QMessageBox | None = None
        self._close_confirmed = False
        window.action("file.open_annotations", self.choose_file_to_open)
        self.save_action = window.action("file.save_annotations", self.save)
        window.action("file.save_annotations_as", self.save_as)
        export_menu = window.submenu("file.export")
        for fmt in EXPORT_FORMATS:
            export_menu.addAction(FILE_DIALOGS[fmt][0]).triggered.connect(
                lambda _=False, f=fmt: self.choose_export(f))
        import_menu = window.submenu("file.import")
        for fmt in IMPORT_FORMATS:
            import_menu.addAction(FILE_DIALOGS[fmt][0]).triggered.connect(
                lambda _=False, f=fmt: self.choose_import(f))
        window.add_close_guard(self.close_guard)

    # --- state -----------------------------------------------------------------------------
    @property
    def session(self) -> AnnotationSession | None:
        return self.sessions.current_session()

    @property
    def has_unsaved_changes(self) -> bool:
        session = self.session
        return bool(self.file_path and session and session.has_unsaved_file_changes)

    def update_modified(self) -> None:
        self.window.set_modified(self.has_unsaved_changes)

    def _article_path(self) -> Path | None:
        session = self.session
        source = session.document.source if session else None
        return Path(source) if source else None

    # --- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        if self.file_path is None:
            return self.save_as()
        return self.save_to(self.file_path)

    def save_as(self) -> bool:
        session = self.session
        if session is None:
            return False
        start = self.file_path or default_annotation_file(self._article_path())
        name, _ = QFileDialog.getSaveFileName(self.view, "Save Annotations", str(start),
                                              W3C_FILTER)
        return bool(name) and self.save_to(Path(name))

    def save_to(self, path: str | Path) -> bool:
        """Write every annotation of this article (orphans too) as W3C JSON-LD."""
        session = self.session
        if session is None:
            return False
        path = Path(path)
        try:
            export_annotations(Format.W3C, path, session.document, list(session.annotations),
                               session.links(), protected=self.window.paths)
        except LecternError as error:
            self.window.show_error("Annotations not saved", str(error))
            return False
        self.file_path = path
        session.mark_file_saved()
        self.update_modified()
        self.window.show_status(f"Saved annotations to {path.name}", 3000)
        return True

    # --- opening and importing --------------------------------------------------------------
    def choose_file_to_open(self) -> None:
        article = self._article_path()
        start = str(article.parent) if article else ""
        name, _ = QFileDialog.getOpenFileName(self.view, "Open Annotations", start,
                                              W3C_FILTER)
        if name:
            self.load_file(name)

    def load_file(self, path: str | Path, announce: bool = True) -> AnchorReport | None:
        """Re-anchor a W3C file onto this article, merge it, and make it the open file."""
        report = self.import_file(path, Format.W3C, announce)
        session = self.session
        if report is not None and session is not None:
            self.file_path = Path(path)
            session.mark_file_saved()
            self.update_modified()
        return report

    def choose_import(self, fmt: Format) -> None:
        file_filter = FILE_DIALOGS[fmt][1] if fmt is not Format.BRAT \
            else "brat annotations (*.ann)"
        file_filter += ";;All files (*)" if "All files" not in file_filter else ""
        name, _ = QFileDialog.getOpenFileName(self.view, "Import Annotations",
                                              self.window.settings.dialog_folder("import"),
                                              file_filter)
        if name:
            self.window.settings.remember_dialog_folder("import", name)
            self.import_file(name, fmt)

    def import_file(self, path: str | Path, fmt: Format | None = None,
                    announce: bool = True) -> AnchorReport | None:
        """Merge a W3C or brat file into this article as one undoable step."""
        session = self.session
        if session is None:
            return None
        path = Path(path)
        try:
            anchored = anchor_file(path, session.document, fmt)
            import_into(session, anchored, label=f"Open {path.name}")
        except LecternError as error:
            self.window.show_error("Annotations not loaded", str(error))
            return None
        if announce:
            self._summarise(path, anchored.report, anchored.notices)
        self.window.show_status(anchored.summary(), 5000)
        return anchored.report

    def _summarise(self, path: Path, report: AnchorReport,
                   notices: tuple[str, ...] = ()) -> None:
        detail = (f"Exact: {report.exact}\nMoved: {report.moved}\nFuzzy: {report.fuzzy}\n"
                  f"Orphaned: {report.orphan}")
        if report.orphan:
            detail += "\n\nOrphans are listed in the Annotations panel; re-attach them there."
        if notices:
            detail += "\n\n" + "\n".join(notices)
        box = QMessageBox(QMessageBox.Icon.Information, "Annotations loaded",
                          f"Placed the {report.total} annotations of “{path.name}” on this "
                          "article.", QMessageBox.StandardButton.Ok, self.view)
        box.setInformativeText(detail)
        self.summary_box = box
        box.open()

    # --- exporting --------------------------------------------------------------------------
    def choose_export(self, fmt: Format) -> None:
        _, file_filter, suffix = FILE_DIALOGS[fmt]
        article = self._article_path()
        stem = article.stem if article else "annotations"
        # The folder last exported to: a batch of articles goes to one place.
        start = Path(self.window.settings.dialog_folder("export")) / f"{stem}.annotations{suffix}"
        name, _ = QFileDialog.getSaveFileName(self.view, "Export Annotations", str(start),
                                              file_filter)
        if name:
            self.window.settings.remember_dialog_folder("export", name)
            self.export(fmt, name)

    def export(self, fmt: Format, path: str | Path) -> bool:
        """Export through the same core call as ``lectern export``; say what it left out."""
        session = self.session
        if session is None:
            return False
        try:
            colours = {tag.name: tag.colour for tag in session.scheme.tags}
            report = export_annotations(fmt, path, session.document, list(session.annotations),
                                        session.links(), colours, protected=self.window.paths)
        except LecternError as error:
            self.window.show_error("Export failed", str(error))
            return False
        if report.skipped_orphans or report.notices:
            self.window.show_error("Some annotations were not exported", report.summary())
        self.window.show_status(report.summary(), 6000)
        return True

    # --- closing -------------------------------------------------------------------------------
    def close_guard(self) -> bool:
        """Offer to write the annotation file; the store already holds every change."""
        if self._close_confirmed or not self.has_unsaved_changes or self.file_path is None:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "Save annotations?",
                          f"Save your changes to “{self.file_path.name}”?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.view)
        box.setInformativeText("They are kept in Lectern either way; this writes the file.")
        box.finished.connect(lambda _: self._answered(box.standardButton(box.clickedButton())))
        self.save_prompt = box
        box.open()
        return False

    def _answered(self, button: QMessageBox.StandardButton) -> None:
        if button == QMessageBox.StandardButton.Save and not self.save():
            return
        if button in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard):
            self._close_confirmed = True
            self.window.close()

