"""A row of tag buttons above the article: click to tag the selection; sticky mode; Tags…."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from core.tags import TagScheme

SWATCH_PX = 12


def swatch(colour: str, size: int = SWATCH_PX) -> QIcon:
    """A small round colour chip for buttons and lists."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour).darker(140))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class TagBar(QWidget):
    """Buttons for the scheme's tags; the current tag (what sticky mode applies) is checked."""

    tag_clicked = Signal(str)
    sticky_toggled = Signal(bool)
    manage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagBar")
        # A narrow window shows compact buttons instead of growing to fit every name.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.buttons: dict[str, QToolButton] = {}
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(10, 4, 10, 4)
        self._row.setSpacing(2)
        self._label = QLabel("Tag:")
        self._label.setEnabled(False)  # muted, like a caption
        self._row.addWidget(self._label)
        self._buttons_end = self._row.count()
        self._row.addStretch(1)
        self.sticky_button = QToolButton(text="Sticky", checkable=True)
        self.sticky_button.setToolTip("Sticky tag mode (Ctrl+T): every new selection gets the "
                                      "checked tag")
        self.sticky_button.toggled.connect(self.sticky_toggled)
        self.manage_button = QToolButton(text="Tags…")
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
            button = QToolButton(text=tag.name, checkable=True, autoRaise=True)
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

    def _fit(self) -> None:
        """Too narrow for names: show each tag as its colour and key (the name is the tooltip)."""
        for button in self.buttons.values():
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setText(button.property("tag_name"))
        if self._row.sizeHint().width() > self.width():
            for button in self.buttons.values():
                button.setText(button.property("tag_key") or "")
                if not button.text():
                    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def set_current(self, name: str | None) -> None:
        for tag_name, button in self.buttons.items():
            button.setChecked(tag_name == name)

    def set_sticky(self, on: bool) -> None:
        self.sticky_button.setChecked(on)
