"""The status bar's progress for library work: what is happening, how far, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

STAGES = {"adding": "Adding to the library", "analysing": "Analysing"}


class ProgressWidget(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setFormat("%v / %m")
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Stop after the article being added now; what was added stays")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.cancel.clicked.connect(self._cancel)
        self._stage = ""
        self.hide()

    def start(self, stage: str) -> None:
        self._stage = ""
        self.label.setText(STAGES.get(stage.casefold(), stage) + "…")
        self.bar.setRange(0, 0)  # busy until the files are counted
        self.cancel.setEnabled(True)
        self.show()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self._stage = stage
            self.label.setText(STAGES.get(stage, stage))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.show()

    def finish(self) -> None:
        self.hide()

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.label.setText("Cancelling…")
        self.cancel_requested.emit()
