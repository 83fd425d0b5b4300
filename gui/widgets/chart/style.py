"""Colours, fonts and tooltip text of the chart, for the light and the dark palette."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QColor, QFont

from lectern.core.readouts.chart_data import Tip

MAX_TIPS = 4  # events on one date: beyond this a tooltip counts the rest
TIP_WIDTH = 70  # characters to a tooltip line


class ChartColours:
    """The chart's colours; bar colours stay readable on either palette."""

    def __init__(self, dark: bool) -> None:
        self.dark = dark
        self.background = QColor("#18191b" if dark else "#fdfcf9")
        self.text = QColor("#e6e4df" if dark else "#24231f")
        self.muted = QColor("#8b8a86" if dark else "#8d8a82")
        # Small print (an export's source line) needs more contrast than axis ticks.
        self.caption = QColor("#b3b1ac" if dark else "#57554f")
        self.axis = QColor("#55565c" if dark else "#b8b4aa")
        self.marker = QColor("#6ea8fe" if dark else "#1f5fae")
        self.span = QColor(self.marker)
        self.span.setAlpha(70)
        self.bars = [QColor(c) for c in (("#4fb3a9", "#c9a0f0", "#e3b341", "#f08c7a")
                                         if dark else ("#2a9d8f", "#8e6cc7", "#c9962b",
                                                       "#d9634c"))]
        self.selected = QColor("#fb923c" if dark else "#c2410c")


def small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


def wrap_tooltip(text: str, width: int = TIP_WIDTH) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def tips_text(tips: list[Tip]) -> str:
    """What a tooltip over these markers or this bar says, as plain text."""
    shown = [tip.text for tip in tips[:MAX_TIPS]]
    if len(tips) > MAX_TIPS:
        shown.append(f"and {len(tips) - MAX_TIPS:,} more here")
    return "\n\n".join(shown)


def tips_html(tips: list[Tip]) -> str:
    """The same as rich text: each heading bold, lines wrapped by us (not by the label)."""
    blocks = []
    for tip in tips[:MAX_TIPS]:
        lines = [f"<b>{escape(tip.heading)}</b>"]
        lines += [escape(wrap_tooltip(line)).replace("\n", "<br>") for line in tip.lines[1:]]
        blocks.append("<br>".join(lines))
    if len(tips) > MAX_TIPS:
        blocks.append(f"<i>and {len(tips) - MAX_TIPS:,} more here</i>")
    return "<p style='white-space:pre'>" + "<br><br>".join(blocks) + "</p>"
