"""The UndoStack: executes commands, undoes and redoes them, and reports its state.

One stack serves the whole workspace. Each command has a ``scope``: the fingerprint of
the document it edits, or ``WORKSPACE`` for edits that reach every article (the tag
scheme, tag renames). When an article is closed its own commands leave the stack and the
workspace ones stay, so a tag rename can be undone after switching articles; workspace
commands therefore undo by reapplying their meaning to the current state, never by
restoring old snapshots. The GUI holds no undo state of its own: it binds its Undo/Redo
actions to ``can_undo``/``undo_label`` and refreshes them from ``subscribe``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from lectern.core.observers import Observable

WORKSPACE = ""  # the scope of commands that reach beyond one document


class Command(Protocol):
    """An undoable edit: ``do`` applies it, ``undo`` reverts it exactly, ``label`` names it,
    ``scope`` says whose it is (a document fingerprint, or WORKSPACE)."""

    label: str

    @property
    def scope(self) -> str: ...

    def do(self) -> None: ...

    def undo(self) -> None: ...


@dataclass
class MacroCommand:
    """Several commands as one undoable step; undone in reverse order."""

    label: str
    commands: list[Command] = field(default_factory=list)

    @property
    def scope(self) -> str:
        """One document's when every part is that document's; else the workspace's."""
        scopes = {command.scope for command in self.commands}
        return scopes.pop() if len(scopes) == 1 else WORKSPACE

    def do(self) -> None:
        for command in self.commands:
            command.do()

    def undo(self) -> None:
        for command in reversed(self.commands):
            command.undo()


class UndoStack(Observable):
    """Done commands below ``index``, undone ones above it (until the next push).

    ``limit`` (0: none) drops the oldest steps. The clean index marks the state that
    matches the annotation file on disk; ``is_clean`` tells whether we are back at it.
    """

    def __init__(self, limit: int = 0) -> None:
        self.limit = limit
        self._commands: list[Command] = []
        self._index = 0
        self._clean: int | None = 0  # None: the saved state was dropped and cannot return
        self._macro: MacroCommand | None = None
        self._init_observers()

    # --- state -------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return self._index > 0 and self._macro is None

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._commands) and self._macro is None

    @property
    def undo_label(self) -> str:
        """What Undo would undo, e.g. "Tag 'Claim'"; empty when nothing."""
        return self._commands[self._index - 1].label if self.can_undo else ""

    @property
    def redo_label(self) -> str:
        return self._commands[self._index].label if self.can_redo else ""

    @property
    def top(self) -> Command | None:
        """The command Undo would undo, if any."""
        return self._commands[self._index - 1] if self.can_undo else None

    @property
    def index(self) -> int:
        return self._index

    def __len__(self) -> int:
        return len(self._commands)

    @property
    def is_clean(self) -> bool:
        return self._clean == self._index

    def set_clean(self) -> None:
        """The current state is saved (e.g. the annotation file was written)."""
        self._clean = self._index
        self._changed()

    def clear(self) -> None:
        """Forget all steps (a new document); the current state counts as clean."""
        self._commands.clear()
        self._index = 0
        self._clean = 0
        self._changed()

    def checkpoint(self) -> tuple[list[Command], int, int | None]:
        """The stack's state, for ``restore`` when a transaction around a step fails."""
        return list(self._commands), self._index, self._clean

    def restore(self, checkpoint: tuple[list[Command], int, int | None]) -> None:
        commands, self._index, self._clean = checkpoint
        self._commands = list(commands)
        self._macro = None
        self._changed()

    def drop_scope(self, scope: str) -> None:
        """Forget every command of ``scope`` (a document being closed), keeping the order of
        the rest; the saved mark survives only if no dropped command lay below it."""
        if not scope:
            raise ValueError("the workspace's own commands are never dropped")
        kept: list[Command] = []
        index = clean = 0
        clean_lost = self._clean is None
        for position, command in enumerate(self._commands):
            dropped = command.scope == scope
            if position < self._index and not dropped:
                index += 1
            if self._clean is not None and position < self._clean:
                if dropped:
                    clean_lost = True
                else:
                    clean += 1
            if not dropped:
                kept.append(command)
        self._commands, self._index = kept, index
        self._clean = None if clean_lost else clean
        self._changed()

    # --- changing ----------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Execute ``command`` and record it. If ``do`` raises, nothing is recorded."""
        command.do()
        if getattr(command, "is_empty", False):
            return  # nothing changed: not worth an undo step
        if self._macro is not None:
            self._macro.commands.append(command)
            return
        self._record(command)

    def _record(self, command: Command) -> None:
        del self._commands[self._index:]
        if self._clean is not None and self._clean > self._index:
            self._clean = None  # the saved state was in the redo branch we just dropped
        self._commands.append(command)
        self._index += 1
        if self.limit and len(self._commands) > self.limit:
            del self._commands[0]
            self._index -= 1
            self._clean = None if not self._clean else self._clean - 1
        self._changed()

    def undo(self) -> None:
        if not self.can_undo:
            return
        self._commands[self._index - 1].undo()  # raises before the index moves
        self._index -= 1
        self._changed()

    def redo(self) -> None:
        if not self.can_redo:
            return
        self._commands[self._index].do()
        self._index += 1
        self._changed()

    @contextmanager
    def macro(self, label: str, undo_on_error: bool = True) -> Iterator[MacroCommand]:
        """Commands pushed inside become one step. If the block raises, they are undone
        (unless the caller reverts them itself: ``undo_on_error=False``)."""
        if self._macro is not None:  # nested: fold into the outer macro
            yield self._macro
            return
        macro = self._macro = MacroCommand(label)
        try:
            yield macro
        except BaseException:
            self._macro = None
            if undo_on_error:
                macro.undo()
            raise
        self._macro = None
        if macro.commands:
            self._record(macro)
