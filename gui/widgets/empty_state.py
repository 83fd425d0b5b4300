"""The friendly empty state a panel shows before it has content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """A centred, muted message for a panel with nothing to show yet."""

    def __init__(self, headline: str, detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.headline = QLabel(headline)
        self.headline.setObjectName("emptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        self.detail = QLabel(detail)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.detail.setEnabled(False)  # the disabled palette gives a muted tone in both themes
        self.detail.setVisible(bool(detail))
        layout.addWidget(self.detail)
        layout.addStretch(2)
        layout.setContentsMargins(24, 16, 24, 16)

    def set_text(self, headline: str, detail: str = "") -> None:
        """Say something else (the same panel is empty for another reason now)."""
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
