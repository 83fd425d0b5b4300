"""A panel's status line: cut short with "…" in a narrow dock, whole when there is room."""

from PySide6.QtWidgets import QHBoxLayout, QWidget

from lectern.gui.widgets.status_line import StatusLine

LINE = "8 dated events · 8 figures · hatched bars are approximate"


def test_a_narrow_status_line_ends_in_an_ellipsis_and_tells_the_rest(qtbot):
    line = StatusLine()
    qtbot.addWidget(line)
    line.setText(LINE)
    line.resize(120, 20)
    line.show()
    shown = super(StatusLine, line).text()  # what is painted
    assert shown.endswith("…") and LINE.startswith(shown[:-1])
    assert line.text() == LINE and line.toolTip() == LINE
    line.resize(line.fontMetrics().horizontalAdvance(LINE) + 20, 20)
    assert super(StatusLine, line).text() == LINE and line.toolTip() == ""


def test_a_status_line_never_widens_its_dock(qtbot):
    panel = QWidget()
    qtbot.addWidget(panel)
    line = StatusLine()
    QHBoxLayout(panel).addWidget(line)
    line.setText(LINE * 10)
    assert panel.minimumSizeHint().width() < 60  # the dock may be as narrow as it likes
