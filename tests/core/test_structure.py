"""An article's structure (headings, quotes, lists, tables, code, footnotes, emphasis) as
spans over text whose every character the reader sees: one table per markup, each row a
source and the exact text and spans a reader gets from it."""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lectern.core.document import Document, load_document
from lectern.core.errors import LecternError
from lectern.core.html_text import html_tree_to_text
from lectern.core.markdown_text import markdown_to_article
from lectern.core.structure import BlockKind, InlineKind, Structure

H, Q, LI, ROW, CODE, NOTE = (BlockKind.HEADING, BlockKind.QUOTE, BlockKind.LIST_ITEM,
                             BlockKind.TABLE_ROW, BlockKind.CODE, BlockKind.FOOTNOTE)
EM, STRONG, MONO, SUP = (InlineKind.EMPHASIS, InlineKind.STRONG, InlineKind.CODE,
                         InlineKind.SUPERSCRIPT)


def spans(text: str, structure: Structure) -> list[tuple[str, int, str]]:
    return [(span.kind, span.level, text[span.start:span.end])
            for span in (*structure.blocks, *structure.inlines)]


MARKDOWN_CASES = {
    "atx and setext headings": (
        "# Port reopens\n\nBody.\n\n## Damage\n\nMore.\n\nCosts\n-----\n\n### Aid ###\n",
        "Port reopens\n\nBody.\n\nDamage\n\nMore.\n\nCosts\n\nAid\n",
        [(H, 1, "Port reopens"), (H, 2, "Damage"), (H, 2, "Costs"), (H, 3, "Aid")]),
    "emphasis, strong, code, both": (
        "The *new* bridge **opened**, said `Greenline` and ***everyone***.\n",
        "The new bridge opened, said Greenline and everyone.\n",
        [(EM, 0, "new"), (STRONG, 0, "opened"), (MONO, 0, "Greenline"),
         (EM, 0, "everyone"), (STRONG, 0, "everyone")]),
    "a quote's wrapped lines are one paragraph": (
        "> It cost more\n> than planned.\n>\n> > Far more.\n",
        "It cost more than planned.\n\nFar more.\n",
        [(Q, 1, "It cost more than planned.\n\nFar more."), (Q, 2, "Far more.")]),
    "nested bullets and numbered items": (
        "- Traffic\n  - at weekends\n- Noise\n\n3. three\n4. four\n",
        "• Traffic\n◦ at weekends\n• Noise\n\n3. three\n4. four\n",
        [(LI, 1, "• Traffic\n◦ at weekends"), (LI, 2, "◦ at weekends"), (LI, 1, "• Noise"),
         (LI, 1, "3. three"), (LI, 1, "4. four")]),
    "a loose list keeps each marker on its text": (
        "- First point\n\n- Second point\n",
        "• First point\n\n• Second point\n",
        [(LI, 1, "• First point"), (LI, 1, "• Second point")]),
    "a table becomes rows of tab-separated cells": (
        "| Year | Cost |\n|-----:|:----|\n| 2024 | $5m |\n|  | a \\| b |\n",
        "Year\tCost\n2024\t$5m\n\ta | b\n",
        [(ROW, 1, "Year\tCost"), (ROW, 0, "2024\t$5m"), (ROW, 0, "a | b")]),
    "footnote marker and its note": (
        "The vote was close.[^1]\n\n[^1]: Council minutes, 4 March.\n",
        "The vote was close.[1]\n\n[1] Council minutes, 4 March.\n",
        [(NOTE, 0, "[1] Council minutes, 4 March."), (SUP, 0, "[1]")]),
    "fenced and indented code keep their spaces": (
        "Before.\n\n```\n  toll = 2.50\n\nend\n```\n\n    cap  = 10\n",
        "Before.\n\n  toll = 2.50\n\nend\n\ncap  = 10\n",
        [(CODE, 0, "  toll = 2.50\n\nend"), (CODE, 0, "cap  = 10")]),
    "links, images, escapes, entities": (
        "See [the report](http://x.test) ![the yard](y.jpg), \\*not em\\* &amp; <https://a.test>\n",
        "See the report the yard, *not em* & https://a.test\n",
        []),
    "a hard break is a line break": (
        "First line  \nsecond line\n",
        "First line\nsecond line\n",
        []),
    "raw HTML: comments go, text stays": (
        "<!-- editor's note -->\n\n<div>Boxed <b>text</b></div>\n\nAfter.\n",
        "Boxed text\n\nAfter.\n",
        [(STRONG, 0, "text")]),
}


@pytest.mark.parametrize("source, text, expected", MARKDOWN_CASES.values(),
                         ids=MARKDOWN_CASES.keys())
def test_markdown_structure(source, text, expected):
    got_text, structure = markdown_to_article(source)
    assert got_text == text
    assert sorted(spans(got_text, structure)) == sorted(expected)


HTML_CASES = {
    "headings and paragraphs": (
        "<h1>Port reopens</h1><p>The   port\n opened.</p><h3>Aid</h3><p>More.</p>",
        "Port reopens\n\nThe port opened.\n\nAid\n\nMore.\n",
        [(H, 1, "Port reopens"), (H, 3, "Aid")]),
    "inline emphasis and superscript": (
        "<p>The <em>new</em> bridge <b>opened</b> on <code>Monday</code>, said <i>she</i>, "
        "for 40 m<sup>2</sup>.</p>",
        "The new bridge opened on Monday, said she, for 40 m2.\n",
        [(EM, 0, "new"), (STRONG, 0, "opened"), (MONO, 0, "Monday"), (EM, 0, "she"),
         (SUP, 0, "2")]),
    "a footnote mark keeps apart from the words beside it": (
        "<p>It opened on Monday,<sup><a href='#n1'>1</a></sup> the mayor said.<sup>"
        "<a href='#n2'>[2]</a></sup></p><ol><li id='n1'>Minutes.</li></ol>",
        "It opened on Monday,[1] the mayor said.[2]\n\n1. Minutes.\n",
        [(SUP, 0, "[1]"), (SUP, 0, "[2]"), (LI, 1, "1. Minutes.")]),
    "a quote of two paragraphs": (
        "<blockquote><p>It cost more.</p><p>Far more.</p></blockquote><p>After.</p>",
        "It cost more.\n\nFar more.\n\nAfter.\n",
        [(Q, 1, "It cost more.\n\nFar more.")]),
    "nested and numbered lists": (
        "<ul><li>Traffic<ul><li>at weekends</li></ul></li><li><p>Noise</p></li></ul>"
        "<ol start='3'><li>three</li><li>four</li></ol>",
        "• Traffic\n◦ at weekends\n• Noise\n\n3. three\n4. four\n",
        [(LI, 1, "• Traffic\n◦ at weekends"), (LI, 2, "◦ at weekends"), (LI, 1, "• Noise"),
         (LI, 1, "3. three"), (LI, 1, "4. four")]),
    "a table's cells stay on their row": (
        "<table><thead><tr><th>Year</th><th>Spent</th></tr></thead><tbody>"
        "<tr><td>2022</td><td><p>$41 million</p></td></tr>"
        "<tr><td></td><td>$12 million</td></tr></tbody></table>",
        "Year\tSpent\n2022\t$41 million\n\t$12 million\n",
        [(ROW, 1, "Year\tSpent"), (ROW, 0, "2022\t$41 million"), (ROW, 0, "$12 million")]),
    "pre keeps spaces; scripts and images go; br breaks": (
        "<p>Toll<br>table:</p><pre>  toll = 2.50\n  cap  = 10</pre><script>x()</script>"
        "<img alt='a picture'><p>End.</p>",
        "Toll\ntable:\n\n  toll = 2.50\n  cap  = 10\n\nEnd.\n",
        [(CODE, 0, "  toll = 2.50\n  cap  = 10")]),
}


@pytest.mark.parametrize("source, text, expected", HTML_CASES.values(), ids=HTML_CASES.keys())
def test_html_structure(source, text, expected):
    root = lxml.html.fragment_fromstring(source, create_parent="div")
    got_text, structure = html_tree_to_text(root)
    assert got_text == text
    assert sorted(spans(got_text, structure)) == sorted(expected)


def test_an_html_page_keeps_its_title_as_the_first_heading(tmp_path):
    rows = "".join(f"<tr><td>{year}</td><td>${20 + year % 7} million</td><td>on budget</td></tr>"
                   for year in range(2019, 2025))
    page = ("<html><head><title>Harbour bridge | Courier</title></head><body><article>"
            "<h1>Harbour bridge opens</h1><p>The bridge opened on Monday, the mayor said at a "
            "ceremony attended by about 3,000 people, after four years of work.</p>"
            "<h2>What it cost</h2><blockquote><p>It cost more than anyone planned, and it was "
            "worth it.</p></blockquote>"
            f"<table><tr><th>Year</th><th>Spent</th><th>Status</th></tr>{rows}</table>"
            "<p>Tolls start in June, the trust says, and stay at that level until 2030.</p>"
            "</article></body></html>")
    path = tmp_path / "bridge.html"
    path.write_text(page, encoding="utf-8")
    document = load_document(path)
    text, structure = document.text, document.structure
    assert text.startswith("Harbour bridge opens\n\n")
    kinds = [(span.kind, text[span.start:span.end]) for span in structure.blocks]
    assert (H, "Harbour bridge opens") in kinds and (H, "What it cost") in kinds
    assert (Q, "It cost more than anyone planned, and it was worth it.") in kinds
    assert (ROW, "2020\t$24 million\ton budget") in kinds
    assert "<" not in text and "|" not in text


def test_plain_text_has_its_headline_as_the_only_structure():
    document = Document.from_text("\n  Bridge opens\n\nThe bridge opened on Monday.\n")
    assert spans(document.text, document.structure) == [(H, 1, "Bridge opens")]
    assert Document.from_text("The bridge opened on Monday.\n").structure == Structure()


def test_a_markdown_file_carries_its_structure(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("# Port reopens\n\n> Said the mayor.\n", encoding="utf-8")
    document = load_document(path)
    assert spans(document.text, document.structure) == [(H, 1, "Port reopens"),
                                                        (Q, 1, "Said the mayor.")]


MARKUP = st.sampled_from(["*", "**", "_", "`", "# ", "## ", "> ", "- ", "1. ", "| ", " |",
                          "---", "\n", "\n\n", "  ", "    ", "\n```\n", "[^a]", "[^a]: "])
WORDS = st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKUP, WORDS), max_size=40))
@example(["*"] * 21 + ["\n```\n", "*", "\n", "\n"])  # a fence ending in blank lines
def test_no_letter_of_any_markdown_is_lost_and_every_span_is_exact(pieces):
    source = " ".join(pieces) if len(pieces) % 2 else "".join(pieces)
    text, structure = markdown_to_article(source)
    letters_in = Counter(re.findall(r"[A-Za-z]", source))
    letters_out = Counter(re.findall(r"[A-Za-z]", text))
    assert letters_out >= letters_in, (source, text)
    code_starts = {span.start for span in structure.blocks if span.kind == CODE}
    for span in (*structure.blocks, *structure.inlines):
        assert 0 <= span.start < span.end <= len(text)
        # Only code keeps its leading spaces (and what starts with code, such as a quote).
        assert not text[span.start].isspace() or span.start in code_starts
        assert not text[span.end - 1].isspace() or span.kind == ROW  # a row's empty last cell


def test_markdown_nested_past_what_can_be_read_is_refused_not_cut(tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("> " * 120 + "the deepest words\n", encoding="utf-8")
    with pytest.raises(LecternError, match=r"deep\.md.*quotes or lists deeper"):
        load_document(path)
    path.write_text("> " * 40 + "the deepest words\n", encoding="utf-8")
    assert load_document(path).text == "the deepest words\n"
