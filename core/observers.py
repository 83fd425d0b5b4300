"""A list of callbacks to notify: the observer plumbing shared by core collections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Listeners:
    """Callbacks called in order on ``notify``; one may unsubscribe while being notified."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., Any]] = []

    def add(self, callback: Callable[..., Any]) -> None:
        self._callbacks.append(callback)

    def remove(self, callback: Callable[..., Any]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def notify(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args)

    def __len__(self) -> int:
        return len(self._callbacks)


class Observable:
    """Mixin for a core object that announces "something changed" to argument-less listeners.

    Call ``_init_observers()`` in ``__init__`` and ``_changed()`` after each change.
    """

    def _init_observers(self) -> None:
        self._listeners = Listeners()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after every change (the GUI refreshes what depends on it)."""
        self._listeners.add(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.remove(listener)

    def _changed(self) -> None:
        self._listeners.notify()
