"""The main window: assembles the article view, the docks, the menus and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from lectern.core.document import Document, load_document
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.settings import Settings
from lectern.gui.reader.article_view import ArticleView
from lectern.gui.shell.actions import make_action
from lectern.gui.shell.docks import (
    PANEL_SPECS,
    apply_default_layout,
    fit_default_dock_sizes,
    make_dock,
)
from lectern.gui.widgets.empty_state import EmptyState

if TYPE_CHECKING:  # event types only annotate overrides; creating them costs startup time
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
    from PySide6.QtWidgets import QMessageBox

ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
ZOOM_STEP = 1.0
LARGE_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_SIZE = (1400, 900)
SETTINGS_SAVE_DELAY_MS = 400


class MainWindow(QMainWindow):
    """Lectern's window. Opening an article replaces the current one only when it loads."""

    document_opened = Signal(object)  # the new core Document
    # Before the text reaches the view: highlight layers attached now paint as it arrives.
    document_arriving = Signal(object)

    def __init__(self, paths: AppPaths, settings: Settings | None = None,
                 parent: QWidget | None = None, *, with_features: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.paths = paths
        self.settings = settings or Settings(paths.settings_file)
        self.last_error_box: QMessageBox | None = None
        # Each returns False to keep the window open (e.g. the user cancels a save prompt).
        self.close_guards: list[Callable[[], bool]] = []
        self.setAcceptDrops(True)
        # Preferences are written a moment after they change, never on the way to a paint:
        # an fsync can take 100 ms on a busy disk.
        self._settings_timer = QTimer(self)
        self._settings_timer.setSingleShot(True)
        self._settings_timer.setInterval(SETTINGS_SAVE_DELAY_MS)
        self._settings_timer.timeout.connect(self._save_settings)
        self.setDockNestingEnabled(True)

        self.article_view = ArticleView(self, point_size=self.settings.reading_size)
        # Features add bars above or below the article (tag bar, find bar) to this layout.
        self.reading_pane = QWidget(self)
        self.reading_layout = QVBoxLayout(self.reading_pane)
        self.reading_layout.setContentsMargins(0, 0, 0, 0)
        self.reading_layout.setSpacing(0)
        self.reading_layout.addWidget(self.article_view)
        self.setCentralWidget(self.reading_pane)
        self.docks: dict[str, QDockWidget] = {}
        for object_name, title in PANEL_SPECS:
            placeholder = EmptyState(title, "Filled in when an article has been analysed.")
            self.docks[object_name] = make_dock(object_name, title, placeholder, self)
        apply_default_layout(self, self.docks)

        self._build_status_bar()
        self._build_menus()
        self.analysis = None
        self.annotations = None
        if with_features:
            self.install_features()
        self._restore_layout()
        self._update_title()

    def install_features(self) -> None:
        """Each feature module adds its panels, actions and connections to the window.

        The app calls this right after the article's first paint (startup stays close to a
        bare Qt window); features then pick up the article already on screen.
        """
        if self.annotations is not None:
            return
        from lectern.gui.analysis.feature import install_analysis_panels
        from lectern.gui.annotating.workflow import install_annotation_workflow

        self.analysis = install_analysis_panels(self)
        self.annotations = install_annotation_workflow(self)
        if self.document is not None:
            self.annotations.open_session(self.document)
            self.analysis.analyse(self.document)

    # --- building -------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.file_label = QLabel()
        self.words_label = QLabel()
        self.encoding_label = QLabel()
        for label in (self.file_label, self.words_label, self.encoding_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open,
                                        self.choose_file)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        self.file_menu = file_menu
        self.quit_action = self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"),
                                        self.close)

        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.view_menu = self.menuBar().addMenu("&View")
        self._action(self.view_menu, "&Larger Text", QKeySequence("Ctrl+="),
                     lambda: self.zoom(+ZOOM_STEP), extra_shortcuts=[QKeySequence("Ctrl++")])
        self._action(self.view_menu, "&Smaller Text", QKeySequence("Ctrl+-"),
                     lambda: self.zoom(-ZOOM_STEP))
        self._action(self.view_menu, "&Actual Size", QKeySequence("Ctrl+0"), self.reset_zoom)
        self.view_menu.addSeparator()
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())

        self.help_menu = self.menuBar().addMenu("&Help")
        self._action(self.help_menu, "&About Lectern", None, self.show_about)

    def _action(self, menu, text: str, shortcut, slot, extra_shortcuts=()) -> QAction:
        return make_action(self, text, shortcut, slot, menu=menu, extra_shortcuts=extra_shortcuts)

    # --- opening articles ---------------------------------------------------------------
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs stay off the startup path

        start = str(Path(self.settings.last_file).parent) if self.settings.last_file else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open Article", start, ARTICLE_FILTER)
        if name:
            self.open_file(name)

    def open_file(self, path: str | Path) -> bool:
        """Open ``path``; on failure show why in a dialog and keep the current article."""
        path = Path(path)
        large = path.is_file() and path.stat().st_size > LARGE_FILE_BYTES
        if large:
            self.statusBar().showMessage(f"Opening {path.name}…")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            QApplication.processEvents()
        try:
            document = load_document(path)
        except LecternError as error:
            self.show_error("Cannot open article", str(error))
            if not path.exists():  # a moved or deleted file leaves Open Recent
                self.settings.remove_recent_file(str(path.resolve()))
                self.save_settings_soon()
            return False
        finally:
            if large:
                QApplication.restoreOverrideCursor()
                self.statusBar().clearMessage()
        self.show_document(document)
        self.settings.add_recent_file(path)
        self.save_settings_soon()
        return True

    def show_document(self, document: Document) -> None:
        self.document_arriving.emit(document)
        self.article_view.show_document(document)
        self.file_label.setText(document.display_name)
        # Counting words takes ~80 ms on 10 MB: after the paint, for the article still shown.
        self.words_label.setText("")
        QTimer.singleShot(0, lambda: self._show_word_count(document))
        self.encoding_label.setText(document.encoding.upper())
        self._update_title()
        self.document_opened.emit(document)

    def _show_word_count(self, document: Document) -> None:
        if document is self.document:
            self.words_label.setText(f"{document.word_count:,} words")

    @property
    def document(self) -> Document | None:
        return self.article_view.article

    def show_error(self, title: str, message: str) -> None:
        """Tell the user what went wrong without blocking the event loop."""
        self.last_error_box = self._show_message(title, message, warning=True)

    def _show_message(self, title: str, message: str, warning: bool = False) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return box

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        for number, name in enumerate(recent, start=1):
            label = f"&{number} {Path(name).name}" if number < 10 else Path(name).name
            action = self.recent_menu.addAction(label)
            action.setToolTip(name)
            action.triggered.connect(lambda _=False, n=name: self.open_file(n))
        if not recent:
            self.recent_menu.addAction("No recent articles").setEnabled(False)

    def _update_title(self) -> None:
        document = self.document
        # "[*]" shows the unsaved-annotation-file mark that setWindowModified turns on.
        self.setWindowTitle(f"{document.title}[*] — Lectern" if document else "Lectern[*]")

    # --- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            # Open after the drop returns so an error dialog does not block the drag source.
            QTimer.singleShot(0, lambda: self.open_file(files[0]))

    # --- reading size --------------------------------------------------------------------
    def zoom(self, step: float) -> None:
        self.settings.reading_size = self.article_view.point_size + step
        self.article_view.set_point_size(self.settings.reading_size)
        self.save_settings_soon()

    def reset_zoom(self) -> None:
        self.settings.set("reading_size", None)
        self.article_view.set_point_size(self.settings.reading_size)
        self.save_settings_soon()

    # --- about, layout, closing ------------------------------------------------------------
    def show_about(self) -> None:
        self._show_message("About Lectern",
                           "<b>Lectern</b><p>A reader for news articles: highlight and tag "
                           "passages, write notes, and see who, where, when and how much.</p>")

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window_geometry")
        state = self.settings.get("window_state")
        if not (isinstance(geometry, str)
                and self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))):
            self._default_size()
        restored = isinstance(state, str) and self.restoreState(
            QByteArray.fromBase64(state.encode("ascii")))
        # A first run sizes the panels to the window once it is shown at its real size.
        self._fit_docks_when_shown = not restored

    def _default_size(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], screen.width()), min(DEFAULT_SIZE[1], screen.height()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_docks_when_shown:
            self._fit_docks_when_shown = False
            fit_default_dock_sizes(self, self.docks)

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except LecternError as error:  # preferences are not work: say so and carry on
            self.statusBar().showMessage(f"Preferences not saved: {error}", 8000)

    def reset_layout(self) -> None:
        apply_default_layout(self, self.docks)

    def save_settings_soon(self) -> None:
        self._settings_timer.start()

    def save_layout(self) -> None:
        self.settings.set("window_geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
        self.settings.set("window_state", bytes(self.saveState().toBase64()).decode("ascii"))
        self._settings_timer.stop()
        self._save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(guard() for guard in self.close_guards):
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)


def _local_files(mime: QMimeData) -> list[str]:
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
