"""User preferences (recent files, reading size, window layout) in a small JSON file.

Kept in plain Python so the command line and tests can read them without Qt; a
damaged file is set aside and defaults are used, since preferences are not work.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.errors import LecternError
from lectern.core.file_input import read_input_file
from lectern.core.output_paths import output_target

MAX_READING_POSITIONS = 200
MAX_SETTINGS_BYTES = 4 * 2**20  # far above what the preferences ever take
MAX_RECENT_FILES = 10
DEFAULT_READING_SIZE = 13.0
MIN_READING_SIZE = 8.0
MAX_READING_SIZE = 40.0


class Settings:
    """A dictionary of preferences bound to a file; ``save`` writes it atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = self._read()

    def _read(self) -> dict[str, Any]:
        if not os.path.lexists(self.path):
            return {}
        try:
            # Never a hang: a FIFO or a device in its place is refused like a damaged file.
            values = json.loads(read_input_file(self.path, MAX_SETTINGS_BYTES, "settings file"))
        except (LecternError, ValueError):
            with suppress(OSError):  # cannot be moved aside: ignored all the same
                self.path.replace(self.path.with_suffix(".damaged.json"))
            return {}
        return values if isinstance(values, dict) else {}

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value

    def save(self) -> None:
        """Write the preferences atomically, or raise LecternError saying why not."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LecternError(f"Cannot create “{self.path.parent}”: "
                               f"{error.strerror or error}.") from error
        data = json.dumps(self._values, indent=2, ensure_ascii=False)
        # Lectern's own file, so no folder is off limits; but never a FIFO, a folder, a loop.
        atomic_write_bytes(output_target(self.path), data.encode("utf-8"))

    # --- typed accessors --------------------------------------------------------------
    @property
    def recent_files(self) -> list[str]:
        files = self.get("recent_files", [])
        return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []

    def add_recent_file(self, path: str | os.PathLike[str]) -> None:
        name = str(Path(path).resolve())
        files = [name] + [f for f in self.recent_files if f != name]
        self.set("recent_files", files[:MAX_RECENT_FILES])
        self.set("last_file", name)

    def remove_recent_file(self, path: str) -> None:
        self.set("recent_files", [f for f in self.recent_files if f != path])

    @property
    def last_file(self) -> str | None:
        value = self.get("last_file")
        return value if isinstance(value, str) else None

    def dialog_folder(self, kind: str) -> str:
        """Where a file dialog of ``kind`` ("open", "export", "annotations") starts: the
        folder last used for it while it still exists, else the home folder."""
        folders = self.get("dialog_folders", {})
        folder = folders.get(kind) if isinstance(folders, dict) else None
        if isinstance(folder, str) and Path(folder).is_dir():
            return folder
        return str(Path.home())

    def remember_dialog_folder(self, kind: str, chosen: str | os.PathLike[str]) -> None:
        folders = self.get("dialog_folders", {})
        folders = dict(folders) if isinstance(folders, dict) else {}
        folders[kind] = str(Path(chosen).parent)
        self.set("dialog_folders", folders)

    def reading_position(self, path: str) -> int:
        """Where the reader was in the article at ``path`` (a text offset; 0 at first)."""
        positions = self.get("reading_positions", {})
        value = positions.get(path) if isinstance(positions, dict) else None
        return value if isinstance(value, int) and value >= 0 else 0

    def set_reading_position(self, path: str, offset: int) -> None:
        positions = self.get("reading_positions", {})
        positions = dict(positions) if isinstance(positions, dict) else {}
        positions.pop(path, None)
        positions[path] = offset  # the newest last, so the oldest go first
        while len(positions) > MAX_READING_POSITIONS:
            positions.pop(next(iter(positions)))
        self.set("reading_positions", positions)

    @property
    def reading_size(self) -> float:
        value = self.get("reading_size", DEFAULT_READING_SIZE)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return DEFAULT_READING_SIZE
        return min(max(float(value), MIN_READING_SIZE), MAX_READING_SIZE)

    @reading_size.setter
    def reading_size(self, value: float) -> None:
        self.set("reading_size", min(max(float(value), MIN_READING_SIZE), MAX_READING_SIZE))
