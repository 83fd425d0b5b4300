"""Find the article in an HTML page and turn it into reading text with its structure.

HTML goes through readability-lxml (a well-kept port of Arc90's readability), parsed
by lxml with network access off: scripts are dropped, nothing is fetched.
"""

from __future__ import annotations

from typing import Any

from lectern.core.errors import LecternError
from lectern.core.html_text import html_tree_to_text
from lectern.core.structure import BlockKind, Span, Structure

# libxml2 stops at 256 levels of nesting unless told the tree may be huge, and then at 2048;
# what lies deeper would be dropped without a word, so such a page is refused instead.
MAX_HTML_DEPTH = 2048


def html_to_article(html: str) -> tuple[str, str, Structure]:
    """Return ``(title, text, structure)`` of the article in an HTML page; the text starts
    with the title (a heading), and is "" when the page holds no readable text (a title
    alone is not one)."""
    from readability import Document as ReadabilityDocument  # deferred: HTML files only

    if not html.strip():
        raise LecternError("The HTML page is empty.")
    page, deep = _parse_page(html)
    title = _first_text(page, "//h1") or _first_text(page, "//title") or ""
    try:
        # A deep page goes in parsed: readability's own parser would cut it at 256 levels.
        source = _parse_page(html)[0] if deep else html
        summary = ReadabilityDocument(source).summary(html_partial=True)
        body, structure = html_tree_to_text(parse_fragment(summary))
    except Exception:
        body, structure = "", Structure()
    if len(body.strip()) < 40:
        # readability gives up on short pages; fall back to the page's own body text
        for bad in page.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        bodies = page.xpath("//body")
        body, structure = html_tree_to_text(bodies[0] if bodies else page)
    title = " ".join(title.split())
    if not body.strip():
        return title, "", Structure()
    if not title:  # no <h1> nor <title>: the first line names it, as for plain text
        return next((line.strip() for line in body.split("\n") if line.strip()), "Untitled"), \
            body, structure
    if body.split("\n", 1)[0] != title:  # readability often leaves the <h1> out
        body, structure = f"{title}\n\n{body}", structure.shifted(len(title) + 2)
    if not any(span.start == 0 and span.kind == BlockKind.HEADING for span in structure.blocks):
        structure = structure.with_blocks(Span(0, len(title), BlockKind.HEADING, 1))
    return title, body, structure


def _parse_page(html: str) -> tuple[Any, bool]:
    """The parsed page and whether it needed lxml's huge-tree mode (over 256 levels)."""
    import lxml.html

    for huge in (False, True):
        parser = _safe_parser(huge)
        try:
            page = lxml.html.document_fromstring(html, parser=parser)
        except Exception as error:  # lxml raises several types for unusable markup
            raise LecternError(f"The HTML page cannot be parsed: {error}.") from error
        if not any("depth" in str(entry.message).lower() for entry in parser.error_log):
            return page, huge
    raise LecternError(f"The HTML page nests its elements more than {MAX_HTML_DEPTH} levels "
                       "deep; Lectern cannot read all of its text.")


def parse_fragment(html: str) -> Any:
    import lxml.html

    return lxml.html.fragment_fromstring(html, create_parent="div", parser=_safe_parser(True))


def _safe_parser(huge: bool = False) -> Any:
    import lxml.html

    return lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                huge_tree=huge)


def _first_text(page: Any, xpath: str) -> str:
    for node in page.xpath(xpath):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return ""
