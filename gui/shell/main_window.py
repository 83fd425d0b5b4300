"""The main window: assembles the article view, the docks, the menus (from the keymap), the
status bar and the features. Features see it only through ``WindowApi``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from lectern.core.document import Document, load_document
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.settings import Settings
from lectern.gui.reader.article_view import ArticleView
from lectern.gui.shell.article_status import ArticleStatus
from lectern.gui.shell.docks import PANEL_SPECS, make_dock
from lectern.gui.shell.help import about_text, fill_recent_menu
from lectern.gui.shell.menus import MenuActions
from lectern.gui.shell.panel_layout import PanelLayout
from lectern.gui.shell.views import CentralViews

if TYPE_CHECKING:  # event types only annotate overrides; creating them costs startup time
    from PySide6.QtGui import (
        QCloseEvent,
        QDragEnterEvent,
        QDropEvent,
        QMouseEvent,
        QResizeEvent,
        QShowEvent,
    )
    from PySide6.QtWidgets import QMenu, QMessageBox

    from lectern.gui.analysis.feature import AnalysisPanels
    from lectern.gui.annotating.workflow import AnnotationWorkflow
    from lectern.gui.entities.feature import EntitiesFeature
    from lectern.gui.library.feature import LibraryFeature
    from lectern.gui.reader.find_bar import FindBar
    from lectern.gui.reports.feature import ReportsFeature
    from lectern.gui.timeline.feature import TimelineFeature

ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
LARGE_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_SIZE = (1400, 900)
SETTINGS_SAVE_DELAY_MS = 400


class MainWindow(QMainWindow):
    """Lectern's window. Opening an article replaces the current one only when it loads."""

    document_opened = Signal(object)  # the new core Document
    # Before the text reaches the view: highlight layers attached now paint as it arrives.
    document_arriving = Signal(object)
    paths_dropped = Signal(list)  # files and folders dropped to add to the library

    def __init__(self, paths: AppPaths, settings: Settings | None = None,
                 parent: QWidget | None = None, *, with_features: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._paths = paths
        self._settings = settings or Settings(paths.settings_file)
        self.last_error_box: QMessageBox | None = None
        self.last_notice_box: QMessageBox | None = None
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
        # The article, or a view that takes its place (the Library, the Passages).
        self.views = CentralViews(self.reading_pane, self)
        self.setCentralWidget(self.views)
        self.docks: dict[str, QDockWidget] = {}
        for object_name, title in PANEL_SPECS:
            # Blank until the features fill it, just after the first paint (startup time).
            self.docks[object_name] = make_dock(object_name, title, QWidget(), self)
        self.panels = PanelLayout(self, self.docks, self.article_view, self.settings)
        self.views.panels = self.panels

        self.article_status = ArticleStatus(self.statusBar())
        # The menu bar's menus now (the layout must not jump); their items after the paint.
        self.menu_actions = MenuActions(self)
        self.find_bar: FindBar | None = None
        self.analysis: AnalysisPanels | None = None
        self.annotations: AnnotationWorkflow | None = None
        self.library: LibraryFeature | None = None
        self.entities: EntitiesFeature | None = None
        self.timeline: TimelineFeature | None = None
        self.reports: ReportsFeature | None = None
        self.shortcuts_dialog: QWidget | None = None
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
        from lectern.gui.analysis.feature import AnalysisPanels
        from lectern.gui.annotating.workflow import AnnotationWorkflow
        from lectern.gui.entities.feature import EntitiesFeature
        from lectern.gui.library.feature import LibraryFeature
        from lectern.gui.reader.find_bar import FindBar
        from lectern.gui.reports.feature import ReportsFeature
        from lectern.gui.shell.shell_actions import bind_shell_actions
        from lectern.gui.timeline.feature import TimelineFeature

        self.menu_actions.build()
        self.find_bar = FindBar(self.article_view, self)
        self.add_reading_bar(self.find_bar, above=False)
        bind_shell_actions(self, self.find_bar)
        self.recent_menu = self.submenu("file.recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.annotations = AnnotationWorkflow(self)
        self.analysis = AnalysisPanels(self, sessions=self.annotations)
        self.library = LibraryFeature(self, sessions=self.annotations)
        self.entities = EntitiesFeature(self, self.library)
        self.timeline = TimelineFeature(self, self.library)
        self.reports = ReportsFeature(self, self.library)
        if self.document is not None:
            self.annotations.open_session(self.document)
            self.analysis.analyse(self.document)
        self.panels.features_installed()

    # --- the interface features use (WindowApi) -----------------------------------------
    @property
    def paths(self) -> AppPaths:
        return self._paths

    @property
    def settings(self) -> Settings:
        return self._settings

    def action(self, action_id: str, slot: Callable[..., object]) -> QAction:
        return self.menu_actions.bind(action_id, slot)

    def submenu(self, action_id: str) -> QMenu:
        return self.menu_actions.submenus[action_id]

    def put_panel(self, name: str, widget: QWidget) -> None:
        self.docks[name].setWidget(widget)

    def raise_panel(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    def add_reading_bar(self, widget: QWidget, *, above: bool) -> None:
        if above:
            self.reading_layout.insertWidget(0, widget)
        else:
            self.reading_layout.addWidget(widget)

    def show_status(self, message: str, timeout_ms: int = 3000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addWidget(widget)

    def add_view(self, name: str, widget: QWidget) -> None:
        self.views.add_view(name, widget)

    def show_view(self, name: str) -> None:
        self.views.show_view(name)

    def set_modified(self, modified: bool) -> None:
        self.setWindowModified(modified)

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        self.close_guards.append(guard)

    def focus_pane(self, pane: str) -> None:
        self.panels.focus(pane)
        self.menu_actions.actions["view.toggle_panels"].setChecked(self.panels.hidden)

    def show_shortcuts(self) -> None:
        from lectern.gui.shell.shortcuts_dialog import ShortcutsDialog

        tag_keys = self.annotations.tag_key_rows() if self.annotations is not None else []
        self.shortcuts_dialog = ShortcutsDialog(tag_keys, self)
        self.shortcuts_dialog.open()

    # --- opening articles ---------------------------------------------------------------
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs stay off the startup path

        start = self.settings.dialog_folder("open")
        name, _ = QFileDialog.getOpenFileName(self, "Open Article", start, ARTICLE_FILTER)
        if name:
            self.settings.remember_dialog_folder("open", name)
            self.open_file(name)

    def open_file(self, path: str | Path) -> bool:
        """Open ``path``; on failure show why in a dialog and keep the current article."""
        path = Path(path)
        large = path.is_file() and path.stat().st_size > LARGE_FILE_BYTES
        if large:
            from PySide6.QtCore import Qt  # a long open: the namespace's cost is lost in it

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
        self.show_view("article")
        self._remember_position()
        self.document_arriving.emit(document)
        self.article_view.show_document(document)
        position = self.settings.reading_position(_position_key(document))
        if position:  # where the reader left off, once the column has its final width
            QTimer.singleShot(0, self, lambda: self._restore_position(document, position))
        self.article_status.show_document(document)
        self._update_title()
        self.document_opened.emit(document)

    @property
    def document(self) -> Document | None:
        return self.article_view.article

    def show_error(self, title: str, message: str) -> None:
        """Tell the user what went wrong without blocking the event loop."""
        self.last_error_box = self._show_message(title, message, warning=True)

    def show_notice(self, title: str, message: str) -> None:
        """Tell the user something worth knowing that is not an error, without blocking."""
        self.last_notice_box = self._show_message(title, message)

    def _show_message(self, title: str, message: str, warning: bool = False) -> QMessageBox:
        from lectern.gui.shell.message_box import open_message

        return open_message(self, title, message, warning)

    def _fill_recent_menu(self) -> None:
        fill_recent_menu(self.recent_menu, self.settings, self.open_file)

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
            # After the drop returns, so that a dialog does not block the drag source. One
            # file opens; several, or a folder, go to the library.
            if len(files) == 1 and not Path(files[0]).is_dir():
                QTimer.singleShot(0, self, lambda: self.open_file(files[0]))
            else:
                QTimer.singleShot(0, self, lambda: self.paths_dropped.emit(files))

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
        self._show_message("About Lectern", about_text(self.paths))

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window_geometry")
        state = self.settings.get("window_state")
        if not (isinstance(geometry, str)
                and self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))):
            self._default_size()
        self.panels.start(QByteArray.fromBase64(state.encode("ascii"))
                          if isinstance(state, str) else None,
                          features_later=self.annotations is None)

    def _default_size(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], screen.width()), min(DEFAULT_SIZE[1], screen.height()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.panels.window_shown()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.panels.window_resized()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # Only the separators between panels reach the window itself.
        super().mouseReleaseEvent(event)
        self.panels.separator_dragged()

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except LecternError as error:  # preferences are not work: say so and carry on
            self.statusBar().showMessage(f"Preferences not saved: {error}", 8000)

    def reset_layout(self) -> None:
        self.panels.reset()

    def save_settings_soon(self) -> None:
        self._settings_timer.start()

    def save_layout(self) -> None:
        self.settings.set("window_geometry", _base64(self.saveGeometry()))
        state = self.views.article_state  # a view on show has put the panels away
        self.settings.set("window_state", _base64(state if state is not None
                                                  else self.saveState()))
        self.panels.save()
        self._settings_timer.stop()
        self._save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(guard() for guard in self.close_guards):
            event.ignore()
            return
        self._remember_position()
        self.save_layout()
        super().closeEvent(event)

    def _restore_position(self, document: Document, offset: int) -> None:
        if document is self.document:
            self.article_view.scroll_to_offset(offset)

    def _remember_position(self) -> None:
        document = self.document
        if document is not None:
            self.settings.set_reading_position(_position_key(document),
                                               self.article_view.top_offset())


def _position_key(document: Document) -> str:
    """Reading positions are kept per text: an edited file starts again from the top."""
    return document.reading_key


def _local_files(mime: QMimeData) -> list[str]:
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _base64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
