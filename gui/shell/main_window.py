"""The main window: assembles the article view, the docks, the menus (from the keymap), the
status bar and the features. Features see it only through ``WindowApi``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QAction
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
from lectern.core.paths import AppPaths, lectern_version
from lectern.core.readouts.wording import count
from lectern.core.settings import Settings
from lectern.gui.reader.article_view import ArticleView
from lectern.gui.shell.docks import (
    PANEL_SPECS,
    apply_default_layout,
    fit_default_dock_sizes,
    is_compact,
    make_dock,
)
from lectern.gui.shell.menus import MenuActions

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
    from lectern.gui.reader.find_bar import FindBar

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
        self._paths = paths
        self._settings = settings or Settings(paths.settings_file)
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
            # Blank until the features fill it, just after the first paint (startup time).
            self.docks[object_name] = make_dock(object_name, title, QWidget(), self)
        self._auto_layout = self.settings.get("auto_layout", True) is not False
        self._laying_out = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_docks)
        self._apply_layout()
        for dock in self.docks.values():
            dock.dockLocationChanged.connect(self._layout_touched)
            dock.topLevelChanged.connect(self._layout_touched)

        self._build_status_bar()
        # The menu bar's menus now (the layout must not jump); their items after the paint.
        self.menu_actions = MenuActions(self)
        self.find_bar: FindBar | None = None
        self.analysis: AnalysisPanels | None = None
        self.annotations: AnnotationWorkflow | None = None
        self.shortcuts_dialog: QWidget | None = None
        self._panels_hidden = False
        self._shown_before_hiding: list[str] = []
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
        from lectern.gui.reader.find_bar import FindBar

        self.menu_actions.build()
        self.find_bar = FindBar(self.article_view, self)
        self.add_reading_bar(self.find_bar, above=False)
        self._bind_shell_actions(self.find_bar)
        self.annotations = AnnotationWorkflow(self)
        self.analysis = AnalysisPanels(self, sessions=self.annotations)
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

    def _bind_shell_actions(self, find_bar: FindBar) -> None:
        from lectern.gui.shell.keymap import KEYMAP, PANE_KEYS, Scope  # after the first paint

        bind = self.menu_actions.bind
        bind("file.open", self.choose_file)
        self.recent_menu = self.submenu("file.recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        bind("file.quit", self.close)
        bind("view.larger", lambda: self.zoom(+ZOOM_STEP))
        bind("view.smaller", lambda: self.zoom(-ZOOM_STEP))
        bind("view.actual_size", self.reset_zoom)
        panels = self.submenu("view.panels")
        for dock in self.docks.values():
            panels.addAction(dock.toggleViewAction())
        bind("view.reset_layout", self.reset_layout)
        bind("view.toggle_panels", self.set_panels_hidden)
        bind("view.next_pane", lambda: self.step_pane(+1))
        bind("view.previous_pane", lambda: self.step_pane(-1))
        for pane, _text, _key in PANE_KEYS:
            bind(f"view.go_to.{pane}", lambda _=False, p=pane: self.focus_pane(p))
        bind("help.shortcuts", self.show_shortcuts)
        bind("help.about", self.show_about)
        bind("edit.find", find_bar.start)
        bind("edit.find_next", find_bar.next)
        bind("edit.find_previous", find_bar.previous)
        actions = self.menu_actions.actions
        for item in KEYMAP:  # article-only keys act while the article has focus
            if item.scope is Scope.ARTICLE and item.id in actions:
                self.article_view.addAction(actions[item.id])

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

    def set_modified(self, modified: bool) -> None:
        self.setWindowModified(modified)

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        self.close_guards.append(guard)

    # --- panes: the keyboard moves between the article and the panels ---------------------
    def focus_pane(self, pane: str) -> None:
        """Put the keyboard in the article or a panel, showing the panel if it was closed."""
        if pane == "article":
            self.article_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if self._panels_hidden:
            self.set_panels_hidden(False)
        dock = self.docks[pane]
        dock.show()
        dock.raise_()
        content = dock.widget()
        if content is not None:
            content.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_pane(self, step: int) -> None:
        """F6 / Shift+F6: the next or previous visible pane, wrapping."""
        panes = ["article", *(name for name, dock in self.docks.items()
                              if dock.isVisible() and not dock.visibleRegion().isEmpty())]
        focus = QApplication.focusWidget()
        current = next((name for name, dock in self.docks.items()
                        if focus is not None and dock.isAncestorOf(focus)), "article")
        index = panes.index(current) if current in panes else 0
        self.focus_pane(panes[(index + step) % len(panes)])

    def set_panels_hidden(self, hidden: bool) -> None:
        """F9: every panel out of the way for reading, and back where it was."""
        if hidden == self._panels_hidden:
            return
        if hidden:
            self._shown_before_hiding = [name for name, dock in self.docks.items()
                                         if dock.isVisible()]
            for dock in self.docks.values():
                dock.hide()
        else:
            for name in self._shown_before_hiding or list(self.docks):
                self.docks[name].show()
        self._panels_hidden = hidden
        self.menu_actions.actions["view.toggle_panels"].setChecked(hidden)

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
        self._remember_position()
        self.document_arriving.emit(document)
        self.article_view.show_document(document)
        position = self.settings.reading_position(_position_key(document))
        if position:  # where the reader left off, once the column has its final width
            QTimer.singleShot(0, self, lambda: self._restore_position(document, position))
        self.file_label.setText(document.display_name)
        # Counting words takes ~80 ms on 10 MB: after the paint, for the article still shown.
        self.words_label.setText("")
        QTimer.singleShot(0, self, lambda: self._show_word_count(document))
        self.encoding_label.setText(document.encoding.upper())
        self._update_title()
        self.document_opened.emit(document)

    def _show_word_count(self, document: Document) -> None:
        if document is self.document:
            self.words_label.setText(count(document.word_count, "word"))

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
            path = Path(name)
            # The folder too: which of two "notes.txt" it is.
            where = f"{path.name}  —  {path.parent.name or path.parent}".replace("&", "&&")
            action = self.recent_menu.addAction(f"&{number} {where}" if number < 10 else where)
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
            QTimer.singleShot(0, self, lambda: self.open_file(files[0]))

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
        import html

        paths = self.paths
        self._show_message(
            "About Lectern",
            f"<b>Lectern {html.escape(lectern_version())}</b><p>A reader for news articles: "
            "highlight and tag passages, write notes, and see who, where, when and how much."
            f"</p><p>Annotations and the library are kept in<br><tt>{html.escape(str(paths.data))}"
            f"</tt><br>preferences in <tt>{html.escape(str(paths.config))}</tt>.</p>"
            "<p>Set LECTERN_HOME (or start with --home DIR) to keep them elsewhere.</p>")

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window_geometry")
        state = self.settings.get("window_state")
        if not (isinstance(geometry, str)
                and self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))):
            self._default_size()
        restored = isinstance(state, str) and self.restoreState(
            QByteArray.fromBase64(state.encode("ascii")))
        # The default layout is fitted to the window once it is shown at its real size (a
        # layout saved in a small window is refitted in a large one); an arranged one stays.
        self._fit_docks_when_shown = not restored or self._auto_layout

    def _default_size(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], screen.width()), min(DEFAULT_SIZE[1], screen.height()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_docks_when_shown:
            self._fit_docks_when_shown = False
            self._apply_layout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not (self._auto_layout and self.isVisible()):
            return
        if is_compact(self.width()) != self._compact_layout:
            self._apply_layout()  # the window crossed the narrow/wide boundary
        else:
            self._fit_docks_later()  # the panels keep their share of the window

    def _apply_layout(self) -> None:
        self._laying_out = True
        try:
            apply_default_layout(self, self.docks)
        finally:
            self._laying_out = False
        self._compact_layout = is_compact(self.width())
        self._fit_docks_later()  # docks just moved get their sizes once Qt has laid them out

    def _fit_docks_later(self) -> None:
        self._fit_timer.start()

    def _fit_docks(self) -> None:
        if self._auto_layout:
            fit_default_dock_sizes(self, self.docks)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # Only the separators between panels reach the window itself: a drag of one
        # makes the layout the reader's.
        super().mouseReleaseEvent(event)
        self._auto_layout = False

    def _layout_touched(self, *_args: object) -> None:
        """The reader moved or floated a panel: from now on the layout is theirs."""
        if not self._laying_out:
            self._auto_layout = False

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except LecternError as error:  # preferences are not work: say so and carry on
            self.statusBar().showMessage(f"Preferences not saved: {error}", 8000)

    def reset_layout(self) -> None:
        self._auto_layout = True
        self._apply_layout()

    def save_settings_soon(self) -> None:
        self._settings_timer.start()

    def save_layout(self) -> None:
        self.settings.set("window_geometry", _base64(self.saveGeometry()))
        self.settings.set("window_state", _base64(self.saveState()))
        self.settings.set("auto_layout", self._auto_layout)
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
    return document.fingerprint


def _local_files(mime: QMimeData) -> list[str]:
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _base64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
