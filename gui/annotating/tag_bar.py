"""A row of tag buttons above the article: click to tag the selection; sticky mode; Tags….

When the row is too narrow for every tag, the tags that do not fit move into a "More"
menu at its end, in scheme order, so each tag keeps its name and stays one click away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget

from lectern.core.tags import TagScheme
from lectern.gui.widgets.buttons import tool_button
from lectern.gui.widgets.swatch import SWATCH_PX, swatch


class TagBar(QWidget):
    """Buttons for the scheme's tags; the current tag (what sticky mode applies) is checked."""

    tag_clicked = Signal(str)
    sticky_toggled = Signal(bool)
    manage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagBar")
        # A narrow window moves tags into the More menu instead of growing to fit every name.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.buttons: dict[str, QToolButton] = {}
        self._current: str | None = None
        self._fitting = self._refit = False
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(10, 4, 10, 4)
        self._row.setSpacing(2)
        self._label = QLabel("Tag:")
        self._label.setEnabled(False)  # muted, like a caption
        self._row.addWidget(self._label)
        self._buttons_end = self._row.count()
        self.more_menu = QMenu(self)
        self.more_button = tool_button("More", auto_raise=True)
        self.more_button.setObjectName("tagBarMore")
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.hide()
        self._row.addWidget(self.more_button)
        self._row.addStretch(1)
        self.sticky_button = tool_button("Sticky", checkable=True)
        self.sticky_button.setToolTip("Sticky tag mode (Ctrl+T): every new selection gets the "
                                      "checked tag")
        self.sticky_button.toggled.connect(self.sticky_toggled)
        self.manage_button = tool_button("Tags…")
        self.manage_button.setToolTip("Add, rename, recolour and delete tags")
        self.manage_button.clicked.connect(self.manage_requested)
        for button in (self.sticky_button, self.manage_button):
            button.setAutoRaise(True)
            self._row.addWidget(button)

    def set_scheme(self, scheme: TagScheme | None, current: str | None) -> None:
        for button in self.buttons.values():
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for position, tag in enumerate(scheme or ()):
            key = f" ({tag.shortcut})" if tag.shortcut else ""
            button = tool_button(tag.name, checkable=True, auto_raise=True)
            button.setIcon(swatch(tag.colour))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"Tag the selection “{tag.name}”{key}")
            button.setProperty("tag_name", tag.name)
            button.setProperty("tag_key", tag.shortcut)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep focus (and selection) in text
            button.clicked.connect(lambda _=False, name=tag.name: self.tag_clicked.emit(name))
            self._row.insertWidget(self._buttons_end + position, button)
            self.buttons[tag.name] = button
        self.set_current(current)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()

    @property
    def overflow(self) -> list[str]:
        """The tags shown in the More menu rather than as buttons."""
        return [name for name, button in self.buttons.items() if button.isHidden()]

    def _fit(self) -> None:
        """Show as many tags as fit, in scheme order; the rest go into the More menu."""
        # Showing a button can make the enclosing layout resize this bar at once, which
        # calls back in here: finish this pass, then fit again to the newest width.
        if self._fitting:
            self._refit = True
            return
        self._fitting = True
        try:
            for _ in range(3):
                self._refit = False
                self._fit_width(self.width())
                if not self._refit:
                    break
        finally:
            self._fitting = False

    def _fit_width(self, width: int) -> None:
        row = self._row
        margins = row.contentsMargins()
        spacing = row.spacing()
        fixed = [self._label, self.sticky_button, self.manage_button]
        used = margins.left() + margins.right() + sum(
            w.sizeHint().width() + spacing for w in fixed) + spacing * 2  # a little air
        widths = [b.sizeHint().width() + spacing for b in self.buttons.values()]
        room = width - used
        if sum(widths) > room:  # room for More, with the swatch it shows for a hidden current tag
            room -= self.more_button.sizeHint().width() + SWATCH_PX + 4 + spacing
        shown = 0
        for width in widths:
            if width > room:
                break
            room -= width
            shown += 1
        for position, button in enumerate(self.buttons.values()):
            button.setVisible(position < shown)
        self._fill_more_menu(list(self.buttons)[shown:])

    def _fill_more_menu(self, names: list[str]) -> None:
        self.more_menu.clear()
        for name in names:
            button = self.buttons[name]
            key = button.property("tag_key")
            # The key after a tab is shown like a shortcut without claiming the key.
            action = QAction(button.icon(), f"{name}\t{key}" if key else name, self.more_menu)
            action.setCheckable(True)
            action.setChecked(name == self._current)
            action.triggered.connect(lambda _=False, n=name: self.tag_clicked.emit(n))
            self.more_menu.addAction(action)
        self.more_button.setVisible(bool(names))
        # The current tag, when it sits in the menu, shows its colour on the More button.
        current_hidden = self._current in names
        self.more_button.setIcon(self.buttons[self._current].icon()
                                 if current_hidden and self._current else QIcon())
        self.more_button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon if current_hidden
            else Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_button.setToolTip(f"More tags (current: {self._current})" if current_hidden
                                    else "Tags that do not fit in the bar")

    def set_current(self, name: str | None) -> None:
        self._current = name
        for tag_name, button in self.buttons.items():
            button.setChecked(tag_name == name)
        if self.overflow:
            self._fill_more_menu(self.overflow)

    def set_sticky(self, on: bool) -> None:
        self.sticky_button.setChecked(on)

