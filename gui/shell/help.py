"""The Help menu's texts and the recent-articles menu: small pieces of the shell that need
nothing of the window but what they are given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu

from lectern.core.paths import AppPaths, lectern_version
from lectern.core.settings import Settings


def about_text(paths: AppPaths) -> str:
    """Help › About: the version and where everything is kept."""
    import html  # off the startup path

    return (f"<b>Lectern {html.escape(lectern_version())}</b><p>A reader for news articles: "
            "highlight and tag passages, write notes, and see who, where, when and how much."
            f"</p><p>Annotations and the library are kept in<br>"
            f"<tt>{html.escape(str(paths.data))}</tt><br>preferences in "
            f"<tt>{html.escape(str(paths.config))}</tt>.</p>"
            "<p>Set LECTERN_HOME (or start with --home DIR) to keep them elsewhere.</p>")


def fill_recent_menu(menu: QMenu, settings: Settings, open_file: Callable[[str], object]) -> None:
    """File › Open Recent: each article with its folder (which of two "notes.txt" it is)."""
    menu.clear()
    recent = settings.recent_files
    for number, name in enumerate(recent, start=1):
        path = Path(name)
        where = f"{path.name}  —  {path.parent.name or path.parent}".replace("&", "&&")
        action = menu.addAction(f"&{number} {where}" if number < 10 else where)
        action.setToolTip(name)
        action.triggered.connect(lambda _=False, n=name: open_file(n))
    if not recent:
        menu.addAction("No recent articles").setEnabled(False)
