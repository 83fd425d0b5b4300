"""What a feature may use of the window, as one typed interface (features never reach into
the main window's attributes), and what features offer each other through it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QWidget

    from lectern.core.document import Document
    from lectern.core.editing.session import AnnotationSession
    from lectern.core.paths import AppPaths
    from lectern.core.settings import Settings
    from lectern.core.store import AnnotationStore
    from lectern.gui.reader.article_view import ArticleView


class WindowApi(Protocol):
    """The window as its features see it. Actions come from the keymap by id."""

    @property
    def paths(self) -> AppPaths: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def article_view(self) -> ArticleView: ...

    @property
    def document(self) -> Document | None: ...

    @property
    def document_arriving(self) -> SignalInstance:
        """Emitted with the Document before its text reaches the view."""
        ...

    @property
    def document_opened(self) -> SignalInstance:
        """Emitted with the Document once it is shown."""
        ...

    def action(self, action_id: str, slot: Callable[..., object]) -> QAction:
        """The keymap's action ``action_id``, enabled and connected to ``slot``."""
        ...

    def submenu(self, action_id: str) -> QMenu:
        """The keymap's placeholder submenu ``action_id``, for a feature to fill."""
        ...

    def put_panel(self, name: str, widget: QWidget) -> None:
        """Show ``widget`` in the dock panel ``name`` (see docks.PANEL_SPECS)."""
        ...

    def raise_panel(self, name: str) -> None: ...

    def add_reading_bar(self, widget: QWidget, *, above: bool) -> None:
        """A bar above or below the article (the tag bar, the find bar)."""
        ...

    def show_status(self, message: str, timeout_ms: int = 3000) -> None: ...

    def add_status_widget(self, widget: QWidget) -> None:
        """A widget at the left of the status bar (a progress bar)."""
        ...

    def show_error(self, title: str, message: str) -> None:
        """Tell the reader what went wrong, without blocking the event loop."""
        ...

    def set_modified(self, modified: bool) -> None:
        """The unsaved-annotation-file mark in the title bar."""
        ...

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        """``guard()`` returns False to keep the window open (a save prompt is shown)."""
        ...

    def close(self) -> bool: ...

    def open_file(self, path: str | Path) -> bool: ...

    def show_document(self, document: Document) -> None:
        """Show a document that is not read from a file now (a library article's kept text)."""
        ...

    def add_view(self, name: str, widget: QWidget) -> None:
        """A view that takes the window's centre in place of the article (the Library)."""
        ...

    def show_view(self, name: str) -> None:
        """Bring view ``name`` forward ("article": the article and its panels)."""
        ...

    @property
    def paths_dropped(self) -> SignalInstance:
        """Emitted with the paths (list[str]) of files and folders dropped on the window
        that are more than one article to open."""
        ...

    def reset_layout(self) -> None: ...


class SessionSource(Protocol):
    """Where the annotation session of the article on screen can be had (annotating)."""

    def current_session(self) -> AnnotationSession | None: ...

    def watch(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after every change of the session's state: an edit, an undo
        or redo, another article opened."""
        ...


class LibraryNavigator(Protocol):
    """What the library offers the views that read across it (entities, timeline, reports):
    the store of the GUI thread, and opening an article at a passage."""

    @property
    def store(self) -> AnnotationStore: ...

    def open_at(self, article_id: int | None, start: int | None = None,
                end: int | None = None, annotation_id: str | None = None,
                exact: bool = False) -> None:
        """Open the article, scrolled to ``start:end`` of its kept text with it selected;
        ``exact``: the span is of the kept text, found again if the file changed."""
        ...

    def analyse_pending(self) -> None:
        """Analyse in the background what the library lacks (articles kept before, or by an
        older analyser), with the progress bar; ``analyses_updated`` says when it is done."""
        ...

    def indexes_ready(self) -> bool:
        """True when the library-wide indexes can be read now; False when a long catch-up
        was left to the background (the view says it waits; ``analyses_updated`` follows)."""
        ...

    @property
    def analyses_updated(self) -> SignalInstance:
        """Emitted once a background analysis of the library has finished."""
        ...

    @property
    def timeline_requested(self) -> SignalInstance:
        """Emitted with the ids (list[int]) of the articles selected in the Library view
        when the reader asks for their timeline."""
        ...
