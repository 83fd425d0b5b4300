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
        if detail:
            self.detail = QLabel(detail)
            self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.detail.setWordWrap(True)
            self.detail.setEnabled(False)  # the disabled palette gives a muted tone in both themes
            layout.addWidget(self.detail)
        layout.addStretch(2)
        layout.setContentsMargins(24, 16, 24, 16)
