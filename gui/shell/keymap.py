"""Every action of the window with its menu, text and keys, declared once.

The menus, the tooltips and Help › Keyboard Shortcuts are generated from this table, and
a test fails when two bindings that can be active together share a key. Tag shortcuts
(one key each, from the tag scheme) are active only while the article has focus.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from lectern.gui.shell.menu_names import Menu

__all__ = ["KEYMAP", "PANE_KEYS", "Binding", "Menu", "Scope", "binding", "conflicts"]


class Scope(Enum):
    WINDOW = "anywhere in the window"
    ARTICLE = "while reading the article"


@dataclass(frozen=True)
class Binding:
    """One action. ``keys``: portable key names ("Ctrl+Shift+Z"), the first shown in menus.
    ``submenu``: a placeholder menu a feature fills (tags, formats, recent files)."""

    id: str
    text: str
    menu: Menu
    keys: tuple[str, ...] = ()
    scope: Scope = Scope.WINDOW
    section: int = 0  # a separator comes between sections of one menu
    checkable: bool = False
    submenu: bool = False
    tip: str = ""
    parent: str = ""  # the id of the submenu this action sits in, if any

    @property
    def plain_text(self) -> str:
        """The menu text without its mnemonic ampersand."""
        return self.text.replace("&&", "\0").replace("&", "").replace("\0", "&")

    def tooltip(self) -> str:
        """"Next match (Ctrl+G)": what a button that triggers this action should say."""
        name = self.tip or self.plain_text.rstrip("…")
        return f"{name} ({self.keys[0]})" if self.keys else name


KEYMAP: tuple[Binding, ...] = (
    # File
    Binding("file.open", "&Open…", Menu.FILE, ("Ctrl+O",)),
    Binding("file.recent", "Open &Recent", Menu.FILE, submenu=True),
    Binding("file.add_to_library", "Add to &Library…", Menu.FILE, ("Ctrl+Shift+L",),
            tip="Add article files to the library"),
    Binding("file.add_folder_to_library", "Add &Folder to Library…", Menu.FILE,
            tip="Add every article in a folder and its subfolders to the library"),
    Binding("file.open_annotations", "Open &Annotations…", Menu.FILE, ("Ctrl+Shift+O",),
            section=1),
    Binding("file.save_annotations", "&Save Annotations", Menu.FILE, ("Ctrl+S",), section=1),
    Binding("file.save_annotations_as", "Save Annotations &As…", Menu.FILE, ("Ctrl+Shift+S",),
            section=1),
    Binding("file.export", "&Export Annotations", Menu.FILE, section=1, submenu=True),
    Binding("file.import", "&Import Annotations", Menu.FILE, section=1, submenu=True),
    Binding("file.quit", "&Quit", Menu.FILE, ("Ctrl+Q",), section=2),
    # Edit
    Binding("edit.undo", "&Undo", Menu.EDIT, ("Ctrl+Z",)),
    Binding("edit.redo", "&Redo", Menu.EDIT, ("Ctrl+Shift+Z", "Ctrl+Y")),
    Binding("edit.tag_selection", "&Tag Selection", Menu.EDIT, section=1, submenu=True),
    Binding("edit.choose_tag", "Choose &Tag…", Menu.EDIT, ("Ctrl+K",), section=1,
            tip="Choose or create a tag for the selection"),
    Binding("edit.sticky", "&Sticky Tag Mode", Menu.EDIT, ("Ctrl+T",), section=1,
            checkable=True, tip="Tag every new selection with the current tag"),
    Binding("edit.note", "Edit &Note", Menu.EDIT, ("Ctrl+Shift+N",), section=1),
    Binding("edit.add_entity_mention", "Add Selection to an &Entity…", Menu.EDIT,
            ("Ctrl+Shift+M",), section=1, scope=Scope.ARTICLE,
            tip="Add the selected words as a mention of a library entity (one the analysis "
            "missed)"),
    Binding("edit.remove_highlight", "Remove &Highlight", Menu.EDIT,
            ("Ctrl+Shift+Backspace",), section=1),
    Binding("edit.find", "&Find…", Menu.EDIT, ("Ctrl+F",), section=2),
    # Ctrl+G, not the platform's F3: F3 steps through an entity's mentions.
    Binding("edit.find_next", "Find &Next", Menu.EDIT, ("Ctrl+G",), section=2,
            tip="Next match"),
    Binding("edit.find_previous", "Find &Previous", Menu.EDIT, ("Ctrl+Shift+G",), section=2,
            tip="Previous match"),
    Binding("edit.tags", "Ta&gs…", Menu.EDIT, section=3, tip="Add, rename, recolour tags"),
    # View
    Binding("view.larger", "&Larger Text", Menu.VIEW, ("Ctrl+=", "Ctrl++")),
    Binding("view.smaller", "&Smaller Text", Menu.VIEW, ("Ctrl+-",)),
    Binding("view.actual_size", "&Actual Size", Menu.VIEW, ("Ctrl+0",)),
    Binding("view.panels", "&Panels", Menu.VIEW, section=1, submenu=True),
    Binding("view.toggle_panels", "&Hide Panels", Menu.VIEW, ("F9",), section=1,
            checkable=True, tip="Hide every panel to read, or bring them back"),
    Binding("view.next_pane", "Next &Pane", Menu.VIEW, ("F6",), section=1,
            tip="Move the keyboard to the next panel"),
    Binding("view.previous_pane", "Previous P&ane", Menu.VIEW, ("Shift+F6",), section=1),
    Binding("view.go_to", "&Go To", Menu.VIEW, section=1, submenu=True),
    Binding("view.next_mention", "&Next Mention", Menu.VIEW, ("F3",), section=2,
            tip="Next mention of the selected entity"),
    Binding("view.previous_mention", "&Previous Mention", Menu.VIEW, ("Shift+F3",),
            section=2, tip="Previous mention of the selected entity"),
    Binding("view.clear_highlight", "&Clear Highlight", Menu.VIEW, ("Escape",), section=2,
            scope=Scope.ARTICLE),
    Binding("view.reset_layout", "&Reset Layout", Menu.VIEW, section=3),
    Binding("view.article", "A&rticle", Menu.VIEW, ("Ctrl+Shift+R",), section=4,
            tip="Back to the article and its panels"),
    Binding("view.library", "&Library", Menu.VIEW, ("Ctrl+L",), section=4,
            tip="Every article kept, and search across them"),
    Binding("view.passages", "Pa&ssages", Menu.VIEW, ("Ctrl+Shift+P",), section=4,
            tip="Every annotation across the library, filtered by tags"),
    Binding("view.entities", "&Entities Across Library", Menu.VIEW, ("Ctrl+Shift+E",),
            section=4, tip="Every person, organisation and place the library names, "
            "one entry per name, to curate"),
    Binding("view.timeline", "&Timeline", Menu.VIEW, ("Ctrl+Shift+T",), section=4,
            tip="Dated events and figures across the library, and figure conflicts"),
    Binding("view.reports", "&Reports", Menu.VIEW, ("Ctrl+Shift+J",), section=4,
            tip="Tag frequencies, tag co-occurrence and sourcing across the library"),
    Binding("view.quote_ledger", "&Quote Ledger", Menu.VIEW, ("Ctrl+Shift+U",), section=4,
            tip="Quotations found in several articles, with their differences"),
    # Help
    Binding("help.shortcuts", "&Keyboard Shortcuts", Menu.HELP, ("Ctrl+/",)),
    Binding("help.about", "&About Lectern", Menu.HELP),
)

# Alt+1..6 put the keyboard in the article or a panel (View › Go To), by pane name.
PANE_KEYS = (("article", "&Article", "Alt+1"), ("annotationsPanel", "A&nnotations", "Alt+2"),
             ("entitiesPanel", "&Entities", "Alt+3"), ("factsPanel", "&Facts", "Alt+4"),
             ("quotesPanel", "&Quotes", "Alt+5"), ("chartPanel", "&Chart", "Alt+6"))
KEYMAP += tuple(Binding(f"view.go_to.{pane}", text, Menu.VIEW, (key,), parent="view.go_to")
                for pane, text, key in PANE_KEYS)

_BY_ID = {binding.id: binding for binding in KEYMAP}


def binding(action_id: str) -> Binding:
    """The binding of ``action_id``; a KeyError names a misspelt id at once."""
    return _BY_ID[action_id]


def normalised(key: str) -> str:
    """"shift+ctrl+z" and "Ctrl+Shift+Z" as one spelling, to compare keys."""
    parts = key.split("+")
    if key.endswith("++"):  # the plus key itself, as in "Ctrl++"
        parts = [*parts[:-2], "+"]
    *modifiers, last = parts
    return "+".join([*sorted(m.casefold() for m in modifiers if m), last.casefold()])


def conflicts(bindings: tuple[Binding, ...] = KEYMAP,
              tag_keys: tuple[str, ...] = ()) -> list[str]:
    """Keys claimed twice where both can act: two window bindings, or an article binding
    or a tag key against anything. Empty when the keymap is sound."""
    claims: dict[str, list[str]] = {}
    for item in bindings:
        for key in item.keys:
            claims.setdefault(normalised(key), []).append(item.id)
    for key in tag_keys:
        claims.setdefault(normalised(key), []).append(f"tag key {key}")
    return [f"{key}: {', '.join(owners)}" for key, owners in claims.items() if len(owners) > 1]
