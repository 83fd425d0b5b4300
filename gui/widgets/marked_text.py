"""A cell that shows a line of text with some stretches in bold (a search match in its
context); the model gives ``(text, [(start, end), ...])`` in ``MARKED_ROLE``."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

MARKED_ROLE = Qt.ItemDataRole.UserRole + 2
PADDING = 4


def marked_html(text: str, marks: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    from html import escape

    parts, last = [], 0
    for start, end in sorted(marks):
        if start < last:
            continue
        parts += [escape(text[last:start]), "<b>", escape(text[start:end]), "</b>"]
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts)


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
        document.setHtml(marked_html(" ".join(text.split("\n")), marks))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        rect = option.rect.adjusted(PADDING, 0, -PADDING, 0)
        painter.save()
        top = rect.top() + max(0, (rect.height() - document.size().height()) / 2)
        painter.translate(rect.left(), top)
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()
