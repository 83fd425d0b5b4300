"""File › Save/Open Annotations, Export and Import, the unsaved-changes mark and the close guard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lectern.core.anchoring import AnchorReport, reanchor_all
from lectern.core.annotations import Annotation
from lectern.core.errors import LecternError
from lectern.gui.shell.actions import make_action

if TYPE_CHECKING:
    from lectern.gui.annotating.workflow import AnnotationWorkflow

W3C_FILTER = "W3C annotations (*.json *.jsonld);;All files (*)"
EXPORTS = {  # format: (menu text, file filter, suffix)
    "brat": ("&brat Standoff…", "brat text (*.txt)", ".txt"),
    "csv": ("&CSV…", "CSV (*.csv)", ".csv"),
    "jsonl": ("&JSON Lines…", "JSON Lines (*.jsonl)", ".jsonl"),
}


def default_annotation_file(article: Path | None, title: str = "annotations") -> Path:
    """``ARTICLE.annotations.json`` beside the article."""
    if article is None:
        return Path.home() / f"{title}.annotations.json"
    return article.with_name(f"{article.stem}.annotations.json")


class AnnotationFiles:
    """The annotation-file actions of the File menu and the state of the open file."""

    def __init__(self, workflow: AnnotationWorkflow) -> None:
        self.workflow = workflow
        self.window = workflow.window
        self.file_path: Path | None = None  # the annotation file of this article, if any
        self.summary_box: QMessageBox | None = None
        self.save_prompt: QMessageBox | None = None
        self._close_confirmed = False
        self._build_menu()
        self.window.close_guards.append(self.close_guard)

    def _build_menu(self) -> None:
        menu, before = self.window.file_menu, self.window.quit_action
        actions = []

        def add(text: str, shortcut, slot) -> QAction:
            actions.append(make_action(self.window, text, shortcut, slot))
            return actions[-1]

        add("Open &Annotations…", QKeySequence("Ctrl+Shift+O"), self.choose_file_to_open)
        self.save_action = add("&Save Annotations", QKeySequence.StandardKey.Save, self.save)
        add("Save Annotations &As…", QKeySequence("Ctrl+Shift+S"), self.save_as)
        for action in actions:
            menu.insertAction(before, action)
        export_menu = menu.addMenu("&Export Annotations")
        for fmt, (text, _, _) in EXPORTS.items():
            export_menu.addAction(text).triggered.connect(
                lambda _=False, f=fmt: self.choose_export(f))
        import_menu = menu.addMenu("&Import Annotations")
        import_menu.addAction("&W3C Annotations…").triggered.connect(
            lambda: self.choose_import("w3c"))
        import_menu.addAction("&brat Standoff (.ann)…").triggered.connect(
            lambda: self.choose_import("brat"))
        for submenu in (export_menu, import_menu):
            menu.insertMenu(before, submenu)
        menu.insertSeparator(before)

    # --- state -----------------------------------------------------------------------------
    @property
    def has_unsaved_changes(self) -> bool:
        session = self.workflow.session
        return bool(self.file_path and session and session.has_unsaved_file_changes)

    def update_modified(self) -> None:
        self.window.setWindowModified(self.has_unsaved_changes)

    def _article_path(self) -> Path | None:
        session = self.workflow.session
        source = session.document.source if session else None
        return Path(source) if source else None

    # --- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        if self.file_path is None:
            return self.save_as()
        return self.save_to(self.file_path)

    def save_as(self) -> bool:
        session = self.workflow.session
        if session is None:
            return False
        start = self.file_path or default_annotation_file(self._article_path())
        name, _ = QFileDialog.getSaveFileName(self.window, "Save Annotations", str(start),
                                              W3C_FILTER)
        return bool(name) and self.save_to(Path(name))

    def save_to(self, path: str | Path) -> bool:
        """Write every annotation of this article (orphans too) as W3C JSON-LD."""
        from lectern.core.formats import save_w3c
        from lectern.core.formats.targets import check_targets

        session = self.workflow.session
        if session is None:
            return False
        path = Path(path)
        try:
            check_targets("w3c", path, session.document.source)
            save_w3c(path, list(session.annotations), session.document.source,
                     session.document.fingerprint)
        except LecternError as error:
            self.window.show_error("Annotations not saved", str(error))
            return False
        self.file_path = path
        session.mark_file_saved()
        self.update_modified()
        self.window.statusBar().showMessage(f"Saved annotations to {path.name}", 3000)
        return True

    # --- opening and importing --------------------------------------------------------------
    def choose_file_to_open(self) -> None:
        start = str(self._article_path().parent) if self._article_path() else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "Open Annotations", start,
                                              W3C_FILTER)
        if name:
            self.load_file(name)

    def load_file(self, path: str | Path, announce: bool = True) -> AnchorReport | None:
        """Re-anchor a W3C file onto this article, merge it, and make it the open file."""
        report = self.import_file(path, "w3c", announce)
        if report is not None:
            self.file_path = Path(path)
            self.workflow.session.mark_file_saved()
            self.update_modified()
        return report

    def choose_import(self, fmt: str) -> None:
        file_filter = W3C_FILTER if fmt == "w3c" else "brat annotations (*.ann)"
        name, _ = QFileDialog.getOpenFileName(self.window, "Import Annotations", "",
                                              file_filter)
        if name:
            self.import_file(name, fmt)

    def import_file(self, path: str | Path, fmt: str = "w3c",
                    announce: bool = True) -> AnchorReport | None:
        """Merge a W3C or brat file into this article as one undoable step."""
        session = self.workflow.session
        if session is None:
            return None
        path = Path(path)
        try:
            loaded = _read(path, fmt)
            placed, report = reanchor_all(loaded, session.document.text)
            session.import_annotations(placed, label=f"Open {path.name}")
        except LecternError as error:
            self.window.show_error("Annotations not loaded", str(error))
            return None
        message = f"{path.name}: {report.total} annotations — {report}"
        if announce:
            self._summarise(path, report)
        self.window.statusBar().showMessage(message, 5000)
        return report

    def _summarise(self, path: Path, report: AnchorReport) -> None:
        detail = (f"Exact: {report.exact}\nMoved: {report.moved}\nFuzzy: {report.fuzzy}\n"
                  f"Orphaned: {report.orphan}")
        if report.orphan:
            detail += "\n\nOrphans are listed in the Annotations panel; re-attach them there."
        box = QMessageBox(QMessageBox.Icon.Information, "Annotations loaded",
                          f"Placed the {report.total} annotations of “{path.name}” on this "
                          "article.", QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(detail)
        self.summary_box = box
        box.open()

    # --- exporting --------------------------------------------------------------------------
    def choose_export(self, fmt: str) -> None:
        _, file_filter, suffix = EXPORTS[fmt]
        article = self._article_path()
        start = article.with_name(f"{article.stem}.annotations{suffix}") if article else ""
        name, _ = QFileDialog.getSaveFileName(self.window, "Export Annotations", str(start),
                                              file_filter)
        if name:
            self.export(fmt, name)

    def export(self, fmt: str, path: str | Path) -> bool:
        from lectern.core.formats import save_brat, save_csv, save_jsonl
        from lectern.core.formats.targets import check_targets

        session = self.workflow.session
        if session is None:
            return False
        text, annotations = session.document.text, list(session.annotations)
        try:
            check_targets(fmt, path, session.document.source)
            if fmt == "brat":
                save_brat(Path(path), text, annotations)
            elif fmt == "csv":
                save_csv(path, annotations)
            else:
                save_jsonl(path, text, annotations)
        except LecternError as error:
            self.window.show_error("Export failed", str(error))
            return False
        self.window.statusBar().showMessage(f"Exported to {Path(path).name}", 3000)
        return True

    # --- closing -------------------------------------------------------------------------------
    def close_guard(self) -> bool:
        """Offer to write the annotation file; the store already holds every change."""
        if self._close_confirmed or not self.has_unsaved_changes:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "Save annotations?",
                          f"Save your changes to “{self.file_path.name}”?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.window)
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


def _read(path: Path, fmt: str) -> list[Annotation]:
    from lectern.core.formats import load_brat, load_w3c

    if fmt == "brat" or path.suffix.lower() == ".ann":
        _, annotations = load_brat(path)
        return annotations
    annotations, _ = load_w3c(path)
    return annotations
