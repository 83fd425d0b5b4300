"""Turn HTML and Markdown articles into plain reading text.

HTML goes through readability-lxml (a well-kept port of Arc90's readability), parsed
by lxml with network access off: scripts are dropped, nothing is fetched.
"""

from __future__ import annotations

import re
from typing import Any

from lectern.core.errors import LecternError

_BLOCK_TAGS = {
    "p", "div", "section", "article", "blockquote", "li", "ul", "ol", "pre", "table",
    "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "header", "footer", "br",
}
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_BULLET_RE = re.compile(r"^(\s*)[-*+]\s+")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_RULE_RE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def markdown_to_text(markdown: str) -> str:
    """Readable text from Markdown: headings kept as their own lines, markup removed."""
    lines: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(line)
            continue
        if _SETEXT_RE.match(line) and lines and lines[-1].strip():
            continue  # the underline of a "Title\n=====" heading
        if _RULE_RE.match(line):
            lines.append("")
            continue
        heading = _HEADING_RE.match(line)
        if heading:
            line = heading.group(1)
        line = _QUOTE_RE.sub("", line)
        line = _BULLET_RE.sub(r"\1• ", line)
        line = _IMAGE_RE.sub(r"\1", line)
        line = _LINK_RE.sub(r"\1", line)
        line = _EMPHASIS_RE.sub(r"\2", line)
        lines.append(line.rstrip())
    return _collapse_blank_lines("\n".join(lines)).strip("\n") + "\n"


# libxml2 stops at 256 levels of nesting unless told the tree may be huge, and then at 2048;
# what lies deeper would be dropped without a word, so such a page is refused instead.
MAX_HTML_DEPTH = 2048


def html_to_article(html: str) -> tuple[str, str]:
    """Return ``(title, text)`` of the article in an HTML page; the text starts with the
    title, and is "" when the page holds no readable text (a title alone is not one)."""
    from readability import Document as ReadabilityDocument  # deferred: HTML files only

    if not html.strip():
        raise LecternError("The HTML page is empty.")
    page, deep = _parse_page(html)
    title = _first_text(page, "//h1") or _first_text(page, "//title") or ""
    try:
        # A deep page goes in parsed: readability's own parser would cut it at 256 levels.
        source = _parse_page(html)[0] if deep else html
        summary = ReadabilityDocument(source).summary(html_partial=True)
        body = _html_fragment_to_text(_parse_fragment(summary))
    except Exception:
        body = ""
    if len(body.strip()) < 40:
        # readability gives up on short pages; fall back to the page's own body text
        for bad in page.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        bodies = page.xpath("//body")
        body = _html_fragment_to_text(bodies[0] if bodies else page)
    body = body.strip("\n")
    if not body.strip():
        return " ".join(title.split()), ""
    title = " ".join(title.split())
    if not title:
        title = next((line.strip() for line in body.split("\n") if line.strip()), "Untitled")
    if not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    return title, body + "\n"


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


def _parse_fragment(html: str) -> Any:
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


def _html_fragment_to_text(root: Any) -> str:
    """Paragraph-aware text: block elements become blank-line separated paragraphs."""
    parts: list[str] = []
    # An explicit stack, not recursion: a page may nest 2,048 levels, past Python's limit.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if closing:
            if block and tag != "br":
                parts.append("\n\n")
            if node.tail:
                parts.append(node.tail)
            continue
        if tag in {"script", "style", "noscript", "template", "img", "svg", "iframe"}:
            if node.tail:
                parts.append(node.tail)
            continue
        if block:
            parts.append("\n\n" if tag != "br" else "\n")
        if tag == "li":
            parts.append("• ")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _collapse_blank_lines(text)


def _collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)
