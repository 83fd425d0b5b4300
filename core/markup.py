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


def html_to_article(html: str) -> tuple[str, str]:
    """Return ``(title, text)`` of the article in an HTML page; the text starts with the title."""
    import lxml.html  # deferred: only HTML files pay for lxml and readability
    from readability import Document as ReadabilityDocument

    if not html.strip():
        raise LecternError("The HTML page is empty.")
    try:
        page = lxml.html.document_fromstring(html, parser=_safe_parser())
    except Exception as error:  # lxml raises several types for unusable markup
        raise LecternError(f"The HTML page cannot be parsed: {error}.") from error
    title = _first_text(page, "//h1") or _first_text(page, "//title") or ""
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
        body = _html_fragment_to_text(lxml.html.fragment_fromstring(summary, create_parent="div",
                                                                     parser=_safe_parser()))
    except Exception:
        body = ""
    if len(body.strip()) < 40:
        # readability gives up on short pages; fall back to the page's own body text
        for bad in page.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        bodies = page.xpath("//body")
        body = _html_fragment_to_text(bodies[0] if bodies else page)
    body = body.strip("\n")
    title = " ".join(title.split())
    if not title:
        title = next((line.strip() for line in body.split("\n") if line.strip()), "Untitled")
    if not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    return title, body + "\n"


def _safe_parser() -> Any:
    import lxml.html

    return lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


def _first_text(page: Any, xpath: str) -> str:
    for node in page.xpath(xpath):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return ""


def _html_fragment_to_text(root: Any) -> str:
    """Paragraph-aware text: block elements become blank-line separated paragraphs."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in {"script", "style", "noscript", "template", "img", "svg", "iframe"}:
            if node.tail:
                parts.append(node.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n\n" if tag != "br" else "\n")
        if tag == "li":
            parts.append("• ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block and tag != "br":
            parts.append("\n\n")
        if node.tail:
            parts.append(node.tail)

    walk(root)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _collapse_blank_lines(text)


def _collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)
