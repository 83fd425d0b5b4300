"""One keymap gives every action its keys: no two can fire together, every one is wired,
and Help › Keyboard Shortcuts lists them with the tags' own keys."""

from __future__ import annotations

from helpers import show_window
from PySide6.QtGui import QKeySequence

from lectern.core.tags import default_scheme
from lectern.gui.shell.keymap import KEYMAP, Binding, Menu, conflicts, normalised


def test_no_key_is_claimed_twice_even_with_the_default_tag_keys():
    tag_keys = tuple(tag.shortcut for tag in default_scheme() if tag.shortcut)
    assert conflicts(KEYMAP, tag_keys) == []


def test_a_clash_is_found_whatever_the_spelling():
    clash = (Binding("a.one", "One", Menu.EDIT, ("Ctrl+Shift+Z",)),
             Binding("a.two", "Two", Menu.EDIT, ("shift+ctrl+z",)))
    assert conflicts(clash) == ["ctrl+shift+z: a.one, a.two"]
    assert conflicts((Binding("a.three", "Three", Menu.EDIT, ("5",)),), ("5",)) == \
        ["5: a.three, tag key 5"]
    assert normalised("Ctrl++") == "ctrl++" and normalised("Ctrl+=") == "ctrl+="


def test_every_key_is_one_qt_understands():
    for item in KEYMAP:
        for key in item.keys:
            assert not QKeySequence(key).isEmpty(), (item.id, key)


def test_every_action_is_wired_once_the_features_are_installed(qtbot, app_paths):
    window = show_window(qtbot, app_paths)
    idle = [name for name, action in window.menu_actions.actions.items()
            if not action.isEnabled() and name not in ("edit.undo", "edit.redo")]
    assert idle == []  # undo and redo wait for something to undo
    assert set(window.menu_actions.submenus) == {b.id for b in KEYMAP if b.submenu}


def test_help_lists_every_shortcut_and_the_tag_keys(qtbot, app_paths, sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["help.shortcuts"].trigger()
    table = window.shortcuts_dialog.table
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    assert ("Edit › Find Next", "Ctrl+G", "anywhere in the window") in rows
    assert ("View › Next Mention", "F3", "anywhere in the window") in rows
    assert ("Tag the selection “Person”", "1", "while reading the article") in rows
    assert len(rows) == sum(1 for b in KEYMAP if b.keys) + 9
