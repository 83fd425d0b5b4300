"""The reading view shows an article's structure (headings larger, quotes and list items
indented with hanging bullets, table columns lined up, code in a fixed face on a tinted
ground) while its text, and so every offset, stays exactly the article's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from lectern.core.document import Document, load_document
from lectern.gui.reader.article_view import ArticleView

ARTICLE = """# Council approves river park

The council voted **7 to 2** on Tuesday to turn the old rail yard into a park, ending a
dispute that began in 2019 and split the town for years.

> "This is the biggest park the city has built in fifty years, and it will be open to
> everyone by the summer of 2028," said the mayor, Joan Ellis.

- A budget cap of $38 million, checked every quarter by the auditor, with any overrun reported
  to the full council at its next meeting
- Public toilets at both entrances

| Item | Cost |
|------|------|
| Land clean-up | $12.5 million |
| Planting | $9 million |

```
  cap = 38
```
"""


@pytest.fixture
def view(qtbot, tmp_path: Path) -> ArticleView:
    path = tmp_path / "park.md"
    path.write_text(ARTICLE, encoding="utf-8")
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(520, 900)  # narrow: the long quote and list item wrap
    view.show_document(load_document(path))
    view.show()
    qtbot.waitExposed(view)
    return view


def block_at(view: ArticleView, phrase: str):
    article = view.article
    assert article is not None
    return view.document().findBlock(view.offsets.to_qt(article.text.index(phrase)))


def line_x(view: ArticleView, phrase: str, line: int = 0) -> float:
    block = block_at(view, phrase)
    view.blockBoundingGeometry(block)  # what Qt asks before painting a block
    layout = block.layout()
    assert layout.lineCount() > line, phrase
    return layout.lineAt(line).x()


def test_the_text_in_the_view_is_the_articles_text(view):
    assert view.toPlainText() == view.article.text
    assert "**" not in view.toPlainText() and "|" not in view.toPlainText()


def char_format_at(view: ArticleView, phrase: str) -> QTextCharFormat:
    """The format painted at ``phrase`` (the highlighter's, over the block's own)."""
    block = block_at(view, phrase)
    inside = view.offsets.to_qt(view.article.text.index(phrase)) + 1 - block.position()
    painted = QTextCharFormat(block.charFormat())
    for painted_range in block.layout().formats():
        if painted_range.start <= inside < painted_range.start + painted_range.length:
            painted.merge(painted_range.format)
    return painted


def test_headings_are_larger_and_bold_and_body_text_is_not(view):
    heading, body = char_format_at(view, "Council approves"), char_format_at(view, "The council")
    assert heading.fontPointSize() > view.point_size * 1.5
    assert heading.fontWeight() > body.fontWeight()
    assert char_format_at(view, "7 to 2").fontWeight() >= 700  # **strong**
    assert char_format_at(view, "biggest park").fontItalic()  # a quote


def test_quotes_indent_and_list_items_hang_after_their_bullet(view):
    body = line_x(view, "The council")
    assert line_x(view, '"This is the biggest') > body + 10
    item_first, item_second = line_x(view, "• A budget"), line_x(view, "• A budget", 1)
    bullet = view.fontMetrics().horizontalAdvance("• ")
    assert item_first == pytest.approx(body)
    assert item_second == pytest.approx(body + bullet, abs=bullet * 0.5)


def test_table_columns_line_up_across_rows(view):
    lefts = []
    for cell in ("Cost", "$12.5 million", "$9 million"):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_qt(view.article.text.index(cell)))
        lefts.append(view.cursorRect(cursor).left())
    assert lefts[0] == lefts[1] == lefts[2]
    assert lefts[0] > view.fontMetrics().horizontalAdvance("Land clean-up")


def test_code_sits_on_a_tinted_ground(view):
    assert block_at(view, "  cap = 38").blockFormat().background().style() != Qt.BrushStyle.NoBrush
    assert block_at(view, "The council").blockFormat().background().style() == \
        Qt.BrushStyle.NoBrush


def test_clicking_a_word_in_an_indented_quote_lands_on_that_word(view, qtbot):
    """Hit-testing follows the moved lines: the caret goes where the reader clicked."""
    text = view.article.text
    word = text.index("fifty")
    view.scroll_to_offset(text.index('"This is'))
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(word) + 2)
    target = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert view.cursor_offset() in (word + 2, word + 3)
    view.select_span(word, word + len("fifty"))
    assert view.selected_span() == (word, word + len("fifty"))


def test_a_larger_reading_size_widens_the_indents(view):
    before = line_x(view, '"This is the biggest') - line_x(view, "The council")
    view.set_point_size(view.point_size * 1.5)
    after = line_x(view, '"This is the biggest') - line_x(view, "The council")
    assert after > before * 1.3


def test_plain_text_keeps_its_headline_style_and_no_indents(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show_document(Document.from_text("Bridge opens\n\n> not a quote in plain text\n"))
    view.show()
    qtbot.waitExposed(view)
    assert char_format_at(view, "Bridge").fontPointSize() > view.point_size * 1.5
    assert line_x(view, "> not a quote") == pytest.approx(line_x(view, "Bridge opens"))
