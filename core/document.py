"""Load an article file into a Document: canonical text, title, encoding and fingerprint.

Canonical text is what every offset in Lectern counts into: Python string indices
(code points), newlines normalised to ``\\n``, no byte-order mark.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lectern.core.errors import LecternError
from lectern.core.file_input import read_input_file
from lectern.core.structure import BlockKind, Span, Structure

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
TITLE_MAX_CHARS = 120
HEADLINE_MAX_CHARS = 150  # a longer first line is the article's opening, not its headline
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES

# Signatures of common binary formats someone might drop on the window by mistake.
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x7fELF": "a program",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class Document:
    """An article as Lectern reads it. ``text`` is the canonical text."""

    text: str
    title: str
    source: Path | None = None
    encoding: str = "utf-8"
    format: str = "text"
    # Headings, quotes, lists... as the HTML or Markdown gave them; None for plain text.
    markup: Structure | None = field(default=None, repr=False, compare=False)
    # Computed on first use: hashing 10 MB takes ~25 ms that the first paint does not need.
    _fingerprint: str = field(default="", repr=False, compare=False)

    @property
    def fingerprint(self) -> str:
        """The sha256 of the canonical text: how the store recognises this text anywhere."""
        if not self._fingerprint:
            object.__setattr__(self, "_fingerprint", fingerprint_of(self.text))
        return self._fingerprint

    @property
    def reading_key(self) -> str:
        """A cheap id of this text (its length and CRC-32) for preferences kept per text,
        like the reading position: no OpenSSL to load before the first paint, 4 ms for
        10 MB where the sha256 takes 13. Not for the store: CRC-32 is no fingerprint."""
        data = self.text.encode("utf-8", "surrogatepass")
        return f"{len(data)}-{zlib.crc32(data):08x}"

    @classmethod
    def from_text(cls, text: str, title: str | None = None, source: Path | None = None) -> Document:
        """Build a document from text already in memory (canonicalising it)."""
        canonical = canonical_text(text)
        return cls(text=canonical, title=title or title_from_text(canonical), source=source)

    @property
    def structure(self) -> Structure:
        """How the text is laid out: the markup's structure, or for plain text its headline
        (a short first line) as a heading."""
        if self.markup is not None:
            return self.markup
        if not self.has_headline:
            return Structure()
        line = first_line(self.text)
        start = self.text.index(line)
        return Structure((Span(start, start + len(line), BlockKind.HEADING, 1),))

    @property
    def has_headline(self) -> bool:
        """Whether the first line is a headline (short, not a sentence) rather than body text."""
        return is_headline(first_line(self.text))

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def display_name(self) -> str:
        return self.source.name if self.source else self.title


def fingerprint_of(text: str) -> str:
    """The sha256 of the canonical text: the same words give the same id wherever the file is."""
    import hashlib  # OpenSSL's loading is kept off the startup path

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def canonical_text(text: str) -> str:
    """Normalise newlines to ``\\n`` and drop a leading byte-order mark."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def first_line(text: str) -> str:
    """The first non-blank line, stripped ("" when there is none)."""
    for line in text.split("\n", 50):
        if line.strip():
            return line.strip()
    return ""


def is_headline(line: str) -> bool:
    """Short and not ending like a sentence: "Bridge opens" is a headline, a lede is not."""
    line = line.strip()
    return 0 < len(line) <= HEADLINE_MAX_CHARS and not line.endswith((".", ",", ";", ":"))


def title_from_text(text: str) -> str:
    """The first non-blank line, cut at a word boundary when it is long (a lede, say)."""
    line = first_line(text)
    if not line:
        return "Untitled"
    if len(line) <= TITLE_MAX_CHARS:
        return line
    cut = line[:TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read ``path`` (.txt, .md, .html) into a Document, or raise LecternError saying why not."""
    path = Path(path)
    raw = _read_bytes(path)
    suffix = path.suffix.lower()
    text, encoding = decode_bytes(raw, path.name)
    text = canonical_text(text)
    if suffix in HTML_SUFFIXES:
        from lectern.core.markup import (
            html_to_article,  # its patterns cost startup time plain text doesn't
        )

        try:
            title, text, markup = html_to_article(text)
        except LecternError as error:
            raise LecternError(f"“{path.name}”: {error}") from None
        fmt = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        from lectern.core.markdown_text import markdown_to_article  # markdown-it: .md only

        try:
            text, markup = markdown_to_article(text)
        except LecternError as error:
            raise LecternError(f"“{path.name}”: {error}") from None
        title = title_from_text(text)
        fmt = "markdown"
    else:
        title, markup = title_from_text(text), None
        fmt = "text"
    if not text.strip():
        raise LecternError(f"“{path.name}” has no readable text.")
    return Document(text=text, title=title, source=path.resolve(), encoding=encoding,
                    format=fmt, markup=markup)


def _read_bytes(path: Path) -> bytes:
    name = path.name or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        known = ", ".join(sorted(s for s in SUPPORTED_SUFFIXES if s))
        raise LecternError(f"“{name}” is not a file type Lectern reads (it reads {known}).")
    # Regular files only, opened without blocking: a FIFO or a device never hangs the reader.
    raw = read_input_file(path, MAX_DOCUMENT_BYTES, "file")
    if not raw.strip():
        raise LecternError(f"“{name}” is empty.")
    return raw


def decode_bytes(raw: bytes, name: str = "the file") -> tuple[str, str]:
    """Decode with a BOM if present, else strict UTF-8, else charset-normalizer's best guess."""
    for signature, kind in _BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            raise LecternError(f"“{name}” is {kind}, not a text article.")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise LecternError(f"“{name}” starts as {encoding} text but is damaged.") from error
            return text.removeprefix("\ufeff"), encoding
    unmarked = _unmarked_wide_encoding(raw)
    if unmarked is not None:  # before UTF-8: UTF-16 of ASCII text is valid UTF-8 with NULs
        try:
            text = raw.decode(unmarked)
        except UnicodeDecodeError as error:
            raise LecternError(f"“{name}” looks like {unmarked} text without a byte-order "
                               "mark, but is damaged.") from error
        if _looks_binary(text):
            raise LecternError(f"“{name}” looks like a binary file, not a text article.")
        return text, unmarked
    if b"\x00" in raw:  # NULs outside a wide encoding's pattern: valid UTF-8, but not text
        raise LecternError(f"“{name}” looks like a binary file (it contains NUL bytes).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):  # control bytes are valid UTF-8 too
            raise LecternError(f"“{name}” looks like a binary file, not a text article.")
        return text, "utf-8"
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 files

    best = from_bytes(raw).best()
    if best is None:
        raise LecternError(f"“{name}” is not text Lectern can decode.")
    text, encoding = str(best), best.encoding
    western = _as_western_text(raw)
    if western is not None and encoding not in _NON_LATIN_HINTS:
        text, encoding = western, "cp1252"
    if _looks_binary(text):
        raise LecternError(f"“{name}” looks like a binary file, not a text article.")
    return text, encoding


# Code pages whose guess we trust over cp1252: they are for non-Latin scripts.
_NON_LATIN_HINTS = {"cp1251", "koi8_r", "koi8_u", "cp1253", "cp1255", "cp1256", "cp866",
                    "mac_cyrillic", "iso8859_5", "iso8859_7", "iso8859_8", "cp1125",
                    "shift_jis", "euc_jp", "gb2312", "gb18030", "big5", "euc_kr", "cp949"}
_WESTERN_EXTRAS = set("“”‘’„‚—–…€£¥©®™°·«»•†‡‰")


def _as_western_text(raw: bytes) -> str | None:
    """The cp1252 reading of ``raw`` when it gives only Western European letters and
    typography. Statistical guessers often call short English or French text cp1257 or
    cp775; cp1252 is by far the likeliest legacy encoding of a Latin-script article."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for char in set(text):
        if char.isascii() or char in _WESTERN_EXTRAS:
            continue
        if not ("\u00c0" <= char <= "\u00ff" or char in "\u00a0\u00bf\u00a1\u00ba\u00aa"):
            return None
    return text


# A wide encoding's NUL bytes sit at fixed places in each code unit: UTF-16LE of Latin text
# has a NUL at most odd offsets and almost none at even ones, UTF-32 three NULs in four.
_WIDE_PATTERNS = (  # (encoding, unit, offsets mostly NUL, offsets almost never NUL)
    ("utf-32-le", 4, (1, 2, 3), (0,)),
    ("utf-32-be", 4, (0, 1, 2), (3,)),
    ("utf-16-le", 2, (1,), (0,)),
    ("utf-16-be", 2, (0,), (1,)),
)
WIDE_SAMPLE_BYTES = 1 << 16
_MOSTLY_NUL = 0.1  # spaces alone pass in Cyrillic or Greek; CJK has no NUL pattern at all
_ALMOST_NEVER_NUL = 0.01


def _unmarked_wide_encoding(raw: bytes) -> str | None:
    """"utf-16-le" etc. when ``raw`` has the NUL pattern of that encoding without a BOM."""
    if b"\x00" not in raw[:WIDE_SAMPLE_BYTES]:
        return None
    for encoding, unit, nul_offsets, text_offsets in _WIDE_PATTERNS:
        if len(raw) % unit:
            continue
        sample = raw[:WIDE_SAMPLE_BYTES - WIDE_SAMPLE_BYTES % unit]
        units = len(sample) // unit
        if units < 2:
            continue

        def nul_share(offset: int, sample: bytes = sample, unit: int = unit,
                      units: int = units) -> float:
            return sample[offset::unit].count(0) / units

        if all(nul_share(o) >= _MOSTLY_NUL for o in nul_offsets) and \
                all(nul_share(o) <= _ALMOST_NEVER_NUL for o in text_offsets):
            return encoding
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > len(sample) * 0.01
