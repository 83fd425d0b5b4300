"""Loading articles: every format, every encoding, and every kind of bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lectern.core import file_input
from lectern.core.document import (
    MAX_DOCUMENT_BYTES,
    Document,
    canonical_text,
    fingerprint_of,
    load_document,
)
from lectern.core.errors import LecternError

ARTICLE = (
    "Council approves budget\n\nThe city council approved a budget of €4.2 million on Monday.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_utf8_text_keeps_its_words_and_title(tmp_path):
    document = load_document(write(tmp_path, "a.txt", ARTICLE.encode()))
    assert document.text == ARTICLE
    assert document.title == "Council approves budget"
    assert document.encoding == "utf-8"
    assert document.format == "text"
    assert document.fingerprint == fingerprint_of(ARTICLE)
    assert document.source == (tmp_path / "a.txt").resolve()


def test_crlf_and_bom_are_normalised_to_the_same_fingerprint(tmp_path):
    plain = load_document(write(tmp_path, "plain.txt", ARTICLE.encode()))
    windows = load_document(
        write(tmp_path, "win.txt", b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    )
    assert windows.text == plain.text
    assert windows.fingerprint == plain.fingerprint
    assert "\r" not in windows.text and not windows.text.startswith("\ufeff")


def test_the_reading_key_follows_the_text_not_the_file(tmp_path):
    plain = load_document(write(tmp_path, "plain.txt", ARTICLE.encode()))
    windows = load_document(write(tmp_path, "win.txt", ARTICLE.replace("\n", "\r\n").encode()))
    edited = load_document(write(tmp_path, "edited.txt", ARTICLE.replace("approves", "rejects")
                                 .encode()))
    assert windows.reading_key == plain.reading_key  # the same words: the same place
    assert edited.reading_key != plain.reading_key  # an edited text starts from the top


def test_old_mac_line_endings_become_newlines():
    assert canonical_text("a\rb\r\nc\n") == "a\nb\nc\n"


def test_cp1252_file_is_detected_and_recorded(tmp_path):
    text = ("Café owners in Zürich said the “new rules” cost them 1,500 francs — "
            "a blow, they said, to small businesses across the canton this year.\n") * 3
    document = load_document(write(tmp_path, "legacy.txt", text.encode("cp1252")))
    assert document.text == text
    assert document.encoding.lower().replace("_", "-") in {"cp1252", "windows-1252"}


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path, codec):
    data = ARTICLE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    document = load_document(write(tmp_path, "wide.txt", data))
    assert document.text == ARTICLE
    assert document.encoding.startswith("utf-16")


def test_emoji_and_astral_characters_survive(tmp_path):
    text = "Fans cheer 🎉 as 𝔐𝔞𝔯𝔦𝔞 scores\n\nThe crowd of 40,000 sang.\n"
    document = load_document(write(tmp_path, "emoji.txt", text.encode()))
    assert document.text == text
    assert document.text.index("40,000") == text.index("40,000")


def test_markdown_is_shown_as_readable_text_with_headings_as_lines(tmp_path):
    markdown = (
        "# Harbour reopens\n\nThe **port authority** said the [harbour](http://x.test) "
        "reopened on *Tuesday*.\n\n## Background\n\n- Storm damage\n- Repairs cost $2 million\n"
    )
    document = load_document(write(tmp_path, "story.md", markdown.encode()))
    assert document.title == "Harbour reopens"
    assert document.text.splitlines()[0] == "Harbour reopens"
    assert "Background" in document.text.splitlines()
    assert "The port authority said the harbour reopened on Tuesday." in document.text
    assert "• Repairs cost $2 million" in document.text
    assert "*" not in document.text and "](" not in document.text and "#" not in document.text


HTML_PAGE = """<!doctype html>
<html><head><title>Site name | Bridge opens after two years</title>
<script>document.write('<p>INJECTED BY SCRIPT</p>'); fetch('http://tracker.test/');</script>
<style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Bridge opens after two years</h1>
<img src="http://images.test/bridge.jpg" alt="A bridge">
<p>The new bridge over the river opened to traffic on Friday, two years after work began,
the regional transport office said in a statement.</p>
<p>About 12,000 vehicles are expected to cross it every day, easing queues on the old
ferry route that served the valley for decades.</p>
<p>The project cost $35 million and employed around 400 workers at its peak.</p>
</article>
<footer>Copyright notice</footer>
</body></html>"""


def test_html_yields_only_the_article_text(tmp_path):
    document = load_document(write(tmp_path, "page.html", HTML_PAGE.encode()))
    assert document.title == "Bridge opens after two years"
    assert document.format == "html"
    assert document.text.startswith("Bridge opens after two years\n")
    assert "About 12,000 vehicles are expected" in document.text
    assert "The project cost $35 million" in document.text
    for noise in ("INJECTED", "fetch(", "color: red", "images.test", "http://"):
        assert noise not in document.text


def test_html_loading_never_touches_the_network(tmp_path, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("HTML loading tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    document = load_document(write(tmp_path, "page.htm", HTML_PAGE.encode()))
    assert "new bridge" in document.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        ("nul.txt", b"abc\x00\x01\x02\xff\xfe\x00def" * 20, "binary"),
        ("controls.txt", b"\x00\x01\x02" * 100, "binary"),  # valid UTF-8, but not text
        ("bell.txt", b"\x07\x08\x0e\x1b" * 100 + b"word", "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t \r\n", "empty"),
    ],
)
def test_bad_content_gets_one_clear_error(tmp_path, name, data, message):
    with pytest.raises(LecternError, match=message):
        load_document(write(tmp_path, name, data))


def test_missing_file_and_folder_are_clear_errors(tmp_path):
    with pytest.raises(LecternError, match="does not exist"):
        load_document(tmp_path / "nowhere.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(LecternError, match="is a folder"):
        load_document(folder)


def test_unknown_file_type_is_refused(tmp_path):
    with pytest.raises(LecternError, match="not a file type Lectern reads"):
        load_document(write(tmp_path, "sheet.xlsx", b"whatever"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_clear_error(tmp_path):
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    with pytest.raises(LecternError, match="permission denied"):
        load_document(path)


def test_unreadable_file_is_a_clear_error_even_for_root(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", b"text")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(file_input.os, "open", deny)
    with pytest.raises(LecternError, match="permission denied"):
        load_document(path)


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(LecternError, match="up to 50 MB"):
        load_document(path)


def test_document_from_text_canonicalises():
    document = Document.from_text("\ufeffHeadline\r\nBody\r\n")
    assert document.text == "Headline\nBody\n"
    assert document.title == "Headline"
    assert document.word_count == 2


def test_cyrillic_legacy_file_is_not_mistaken_for_western_text(tmp_path):
    text = ("Правительство объявило о новом бюджете города на следующий год, "
            "сообщили в пресс-службе мэрии в понедельник.\n") * 3
    document = load_document(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert document.text == text


def test_a_short_first_line_is_a_headline_and_a_lede_is_not():
    assert Document.from_text("Council approves budget\n\nThe council met.\n").has_headline
    assert Document.from_text("Is the bridge safe?\n\nEngineers disagree.\n").has_headline
    lede = ("Finance ministers from twelve countries met in Vienna on Monday to discuss a common "
            "approach to taxing shipping fuel, officials said.")
    document = Document.from_text(lede + "\n\nMore text.\n")
    assert not document.has_headline
    assert document.title.endswith("…") and len(document.title) <= 121
    assert lede.startswith(document.title.rstrip("…"))


# --- inputs that hung the reader or were misread -------------------------------------------
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(LecternError, match="FIFO"):
        load_document(fifo)


def test_a_device_is_not_a_regular_file_rather_than_too_large():
    with pytest.raises(LecternError, match="character device") as error:
        load_document("/dev/zero")
    assert "MB" not in str(error.value)


def test_a_symlink_loop_says_loop(tmp_path):
    circle = tmp_path / "circle.txt"
    circle.symlink_to(circle)
    with pytest.raises(LecternError, match="symbolic link loop"):
        load_document(circle)


LATIN = "Café owners in Zürich met on Monday.\nThe “new rules” cost 1,500 francs — a blow.\n"
CYRILLIC = "Правительство объявило о новом бюджете города.\nСообщили в мэрии.\n"


@pytest.mark.parametrize("text", ["Council approves budget\n\nPlain ASCII news.\n", LATIN,
                                  CYRILLIC])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_byte_order_mark_is_decoded_exactly(tmp_path, codec, text):
    document = load_document(write(tmp_path, "wide.txt", text.encode(codec)))
    assert document.text == text
    assert document.encoding == codec


def test_damaged_wide_text_without_a_mark_is_refused_clearly(tmp_path):
    raw = ("Plain ASCII news, then a broken pair. " * 4).encode("utf-16-le") + b"\x00\xd8A\x00"
    with pytest.raises(LecternError, match=r"utf-16-le.*damaged"):
        load_document(write(tmp_path, "broken.txt", raw))


def nested_page(depth: int) -> str:
    words = "The deep paragraph still reads: the council approved the budget on Monday."
    return ("<html><head><title>Deep page</title></head><body>" + "<div>" * depth
            + f"<p>{words}</p>" + "</div>" * depth + "</body></html>")


def test_html_nested_300_deep_keeps_its_text_and_title(tmp_path):
    document = load_document(write(tmp_path, "deep.html", nested_page(300).encode()))
    assert document.title == "Deep page"
    assert "the council approved the budget on Monday" in document.text


def test_html_nested_past_what_lxml_can_hold_is_refused_not_cut(tmp_path):
    with pytest.raises(LecternError, match=r"deep\.html.*levels deep"):
        load_document(write(tmp_path, "deep.html", nested_page(3000).encode()))


@pytest.mark.parametrize("page", [
    "<html><body><div><img src='x.png'></div></body></html>",
    "<html><head><title>Only a title</title></head><body>  </body></html>",
    "<html><body><script>var a = 'not text';</script></body></html>",
])
def test_html_without_text_is_refused_not_opened_as_untitled(tmp_path, page):
    with pytest.raises(LecternError, match="has no readable text"):
        load_document(write(tmp_path, "blank.html", page.encode()))
