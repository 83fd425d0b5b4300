"""Small tool buttons, set up in one call (Qt's keyword properties are not typed)."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton


def tool_button(text: str, *, checkable: bool = False, auto_raise: bool = False,
                tip: str = "") -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setCheckable(checkable)
    button.setAutoRaise(auto_raise)
    if tip:
        button.setToolTip(tip)
    return button
