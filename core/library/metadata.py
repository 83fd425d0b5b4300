"""What an article's file says about it beyond its text: the outlet, the byline and the date.

HTML pages say it in ``<meta>`` (``og:site_name``, ``article:published_time``, ``author``)
and in JSON-LD (a ``NewsArticle``'s ``publisher``, ``author``, ``datePublished``); plain
text says it in its first lines: a "By …" line, a dateline ("FRANKFURT, Oct. 24, 2024
(Reuters) -") or a line that is a date ("Friday, July 21, 2017").
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

from lectern.core.store.library_rows import ArticleInfo

HEAD_LINES = 8  # a byline or dateline stands among the first lines
BYLINE_MAX_CHARS = 80
ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "blogposting", "report"}
_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATES = (
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<num>[01]\d)-(?P<day>[0-3]\d)"),
    re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"),
    re.compile(r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)"),
)
_BYLINE = re.compile(r"^(?:By|BY|Written by|Words by)\s+(?P<name>[^\n]{2,80})$")
_AGENCY = re.compile(r"^[A-Z][A-Z .,'’-]+(?:,[^()\n]{0,40})?\((?P<agency>[A-Za-z][\w .&-]{1,30})\)"
                     r"\s*(?:-{1,3}|—|–)")


def text_info(text: str) -> ArticleInfo:
    """Byline, agency and date from the first lines of a plain-text article."""
    byline = outlet = published = ""
    lines = [line.strip() for line in text.split("\n", 40)[:40] if line.strip()][:HEAD_LINES]
    for line in lines:
        found = _BYLINE.match(line)
        if found and not byline and len(line) <= BYLINE_MAX_CHARS:
            name = re.split(r"\s*[|,;]\s*|\s+[-–—]\s+", found.group("name"))[0]
            byline = name.strip().rstrip(".")
        agency = _AGENCY.match(line)
        if agency and not outlet:
            outlet = agency.group("agency").strip()
        if not published and (len(line) <= BYLINE_MAX_CHARS or agency or found):
            published = find_date(line[:BYLINE_MAX_CHARS])
    return ArticleInfo(outlet, byline, published)


def find_date(text: str) -> str:
    """The first calendar date written in ``text`` as ISO 8601 ("2017-07-21"), else ""."""
    for pattern in _DATES:
        for found in pattern.finditer(text):
            parts = found.groupdict()
            month = int(parts["num"]) if parts.get("num") else \
                _MONTHS.get((parts.get("month") or "").casefold(), 0)
            try:
                return date(int(parts["year"]), month, int(parts["day"])).isoformat()
            except ValueError:
                continue
    return ""


def html_info(html: str, text: str) -> ArticleInfo:
    """Outlet, byline and date from an HTML page's meta tags and JSON-LD; what the page does
    not say is looked for in its text's first lines."""
    reader = _MetaReader()
    try:
        reader.feed(html)
        reader.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    meta, ld = reader.meta, _article_ld(reader.scripts)
    outlet = (meta.get("og:site_name") or _name(ld.get("publisher"))
              or meta.get("application-name") or "")
    byline = _byline(meta.get("author") or meta.get("article:author") or meta.get("byl")
                     or _name(ld.get("author")) or "")
    published = ""
    for raw in (meta.get("article:published_time"), meta.get("og:published_time"),
                ld.get("datePublished"), meta.get("datepublished"), meta.get("date"),
                meta.get("dc.date"), meta.get("pubdate"), ld.get("dateCreated")):
        if isinstance(raw, str) and (published := find_date(raw)):
            break
    fallback = text_info(text)
    return ArticleInfo(outlet.strip() or fallback.outlet, byline or fallback.byline,
                       published or fallback.published)


def _byline(value: str) -> str:
    value = " ".join(value.split())
    if value.startswith(("http://", "https://")):
        return ""  # an author page, not a name
    return re.sub(r"^(?:By|BY)\s+", "", value)[:BYLINE_MAX_CHARS]


def _name(value: Any) -> str:
    """The name(s) in a JSON-LD person or organisation, or a list of them."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else ""
    if isinstance(value, list):
        return ", ".join(n for n in (_name(v) for v in value[:5]) if n)
    return ""


def _article_ld(scripts: list[str]) -> dict[str, Any]:
    """The first JSON-LD object that is an article (also inside lists and ``@graph``)."""
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kinds = item.get("@type")
                names = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(k, str) and k.casefold() in ARTICLE_TYPES for k in names):
                    return item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return {}


class _MetaReader(HTMLParser):
    """Collects ``<meta>`` values by name or property, and the JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.scripts: list[str] = []
        self._in_ld = False
        self._script: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.casefold(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop")
                   or "").casefold()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"].strip())
        elif tag == "script" and values.get("type", "").casefold() == "application/ld+json":
            self._in_ld, self._script = True, []

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.scripts.append("".join(self._script))
