"""The one way a feature reports a refused change: run it, and show a LecternError to the
reader in a dialog instead of raising it into Qt's event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from lectern.core.errors import LecternError


class ShowsErrors(Protocol):
    def show_error(self, title: str, message: str) -> None: ...


def reported(window: ShowsErrors, title: str, change: Callable[[], object]) -> bool:
    """``change()``; False (and the reason on screen) when it raised LecternError."""
    try:
        change()
    except LecternError as error:
        window.show_error(title, str(error))
        return False
    return True
