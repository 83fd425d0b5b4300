"""How a row of the Annotations panel is drawn: an elided quote with a note mark, and the
tags as colour dots beside the first tag's name. Compact enough for a 300 px dock."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from lectern.gui.annotating.annotations_model import COLOURS_ROLE, NOTE_ROLE, TAGS_ROLE

PADDING = 4
DOT_PX = 9
DOT_STEP = 6  # dots of a multi-tag annotation overlap like a small stack
MAX_DOTS = 3
NOTE_MARK_PX = 9
ROW_EXTRA_PX = 6  # above the text height: compact, yet the dots never touch

AnyIndex = QModelIndex | QPersistentModelIndex


def row_height(option_font_height: int) -> int:
    return option_font_height + ROW_EXTRA_PX


def _text_colour(option: QStyleOptionViewItem, muted: bool = False) -> QColor:
    selected = option.state & QStyle.StateFlag.State_Selected
    group = (QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active
             else QPalette.ColorGroup.Inactive)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    colour = option.palette.color(group, role)
    if muted and not selected:
        colour = option.palette.color(group, QPalette.ColorRole.PlaceholderText)
    return colour


def _background(painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex,
                delegate: QStyledItemDelegate) -> QStyleOptionViewItem:
    """Draw selection, hover and focus as the style does, without the text."""
    item = QStyleOptionViewItem(option)
    delegate.initStyleOption(item, index)
    item.text = ""
    item.icon = QIcon()  # the tags column's colour decoration: the dots replace it
    item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
    style = option.widget.style() if option.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, option.widget)
    return item


class QuoteCell(QStyledItemDelegate):
    """The quote on one line, elided; with a note, the note's first words follow it, muted,
    after a small note mark (the quote keeps at least half of the room)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        _background(painter, option, index, self)
        text = str(index.data() or "")
        note = " ".join(str(index.data(NOTE_ROLE) or "").split())
        rect = option.rect.adjusted(PADDING, 0, -PADDING, 0)
        metrics = option.fontMetrics
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(option.font)
        quote_rect = QRect(rect)
        if note:
            quote_rect.setWidth(min(metrics.horizontalAdvance(text) + 2, rect.width() // 2))
        painter.setPen(_text_colour(option))
        painter.drawText(quote_rect, align, metrics.elidedText(
            text, Qt.TextElideMode.ElideRight, quote_rect.width()))
        if note:
            muted = _text_colour(option, muted=True)
            mark = QRectF(quote_rect.right() + PADDING * 2, rect.center().y() - NOTE_MARK_PX / 2,
                          NOTE_MARK_PX, NOTE_MARK_PX)
            self._note_mark(painter, mark, muted)
            note_rect = QRect(rect)
            note_rect.setLeft(int(mark.right()) + PADDING)
            painter.setPen(muted)
            painter.drawText(note_rect, align, metrics.elidedText(
                note, Qt.TextElideMode.ElideRight, note_rect.width()))
        painter.restore()

    @staticmethod
    def _note_mark(painter: QPainter, rect: QRectF, colour: QColor) -> None:
        """A tiny page with two lines of writing: "this annotation has a note"."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 1.5, 1.5)
        for fraction in (0.38, 0.66):
            y = rect.top() + rect.height() * fraction
            painter.drawLine(QPointF(rect.left() + 2.5, y), QPointF(rect.right() - 2.5, y))

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), row_height(option.fontMetrics.height()))


class TagsCell(QStyledItemDelegate):
    """Colour dots for the tags (up to three), then the first tag's name and "+n" for more."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        _background(painter, option, index, self)
        tags = tuple(index.data(TAGS_ROLE) or ())
        colours = tuple(index.data(COLOURS_ROLE) or ())
        rect = option.rect.adjusted(PADDING, 0, -PADDING, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shown = colours[:MAX_DOTS]
        top = rect.center().y() - DOT_PX / 2 + 0.5
        for position, colour in reversed(list(enumerate(shown))):  # the first tag on top
            colour = QColor(colour)
            painter.setPen(colour.darker(140))
            painter.setBrush(colour)
            painter.drawEllipse(QRectF(rect.left() + position * DOT_STEP, top, DOT_PX, DOT_PX))
        if shown:
            rect.setLeft(rect.left() + (len(shown) - 1) * DOT_STEP + DOT_PX + PADDING)
        more = f" +{len(tags) - 1}" if len(tags) > 1 else ""
        label = tags[0] + more if tags else "—"
        painter.setPen(_text_colour(option, muted=not tags))
        painter.setFont(option.font)
        elided = option.fontMetrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                               max(rect.width(), 0))
        painter.drawText(QRect(rect), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), row_height(option.fontMetrics.height()))
