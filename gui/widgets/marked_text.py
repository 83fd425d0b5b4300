"""A cell that shows a line of text with some stretches in bold (a search match in its
context); the model gives ``(text, [(start, end), ...])`` in ``MARKED_ROLE``. A line too
long for its column ends in "…", as Qt's own cells do."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

MARKED_ROLE = Qt.ItemDataRole.UserRole + 2
PADDING = 4
ELLIPSIS = "…"
Marks = tuple[tuple[int, int], ...] | list[tuple[int, int]]


def marked_html(text: str, marks: Marks) -> str:
    from html import escape

    parts, last = [], 0
    for start, end in sorted(marks):
        if start < last:
            continue
        parts += [escape(text[last:start]), "<b>", escape(text[start:end]), "</b>"]
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts)


def elided(text: str, marks: Marks, font: QFont, width: float) -> tuple[str, list[tuple[int, int]]]:
    """The text cut to end in "…" where it would pass ``width`` (its bold stretches measured
    in bold), with the marks that are left; as it is when it fits."""
    plain = QFontMetricsF(font)
    heavy = QFont(font)
    heavy.setBold(True)
    bold = QFontMetricsF(heavy)
    runs: list[tuple[int, int, QFontMetricsF]] = []
    last = 0
    for start, end in sorted(marks):
        if start < last:
            continue
        runs += [(last, start, plain), (start, end, bold)]
        last = end
    runs.append((last, len(text), plain))
    kept = [(a, b) for a, b in marks]
    if sum(m.horizontalAdvance(text[a:b]) for a, b, m in runs) <= width:
        return text, kept
    budget, used, cut = width - plain.horizontalAdvance(ELLIPSIS) - 2, 0.0, 0
    for start, end, metrics in runs:
        run_width = metrics.horizontalAdvance(text[start:end])
        if used + run_width <= budget:
            used, cut = used + run_width, end
            continue
        low, high = start, end  # the longest start of this run that still fits
        while low < high:
            middle = (low + high + 1) // 2
            if used + metrics.horizontalAdvance(text[start:middle]) <= budget:
                low = middle
            else:
                high = middle - 1
        cut = low
        break
    head = text[:cut].rstrip()
    return head + ELLIPSIS, [(a, min(b, len(head))) for a, b in kept if a < len(head)]


class MarkedTextCell(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(MARKED_ROLE)
        if not value:
            super().paint(painter, option, index)
            return
        text, marks = value
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        rect = option.rect.adjusted(PADDING, 0, -PADDING, 0)
        line, marks = elided(" ".join(text.split("\n")), marks, option.font, rect.width())
        document.setHtml(marked_html(line, marks))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        top = rect.top() + max(0, (rect.height() - document.size().height()) / 2)
        painter.translate(rect.left(), top)
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()
