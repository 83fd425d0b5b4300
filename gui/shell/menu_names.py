"""The menus of the menu bar, in order: all the window needs of the keymap before its paint."""

from __future__ import annotations

from enum import StrEnum


class Menu(StrEnum):
    FILE = "&File"
    EDIT = "&Edit"
    VIEW = "&View"
    HELP = "&Help"
