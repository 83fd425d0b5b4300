"""Annotation files from the GUI: save, load onto an edited article, export, the command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from helpers import ARTICLE, REPO_ROOT, make_window, tag_phrase

from lectern.core.formats import load_w3c

# Astral characters, an emoji with a modifier, CRLF, combining accents, NBSP and a tab, all
# before the highlights: every naive offset would be off by the time we reach them.
EMOJI_ARTICLE = ("Caf\u00e9 re\u0301sume\u0301 \U0001f44d\U0001f3fd notes\r\n\r\n"
                 "\U00010348 Gothic \U0001f1ec\U0001f1ea and \u00a0non-breaking\tspace.\r\n\r\n"
                 "The mayor, Jos\u00e9 Nu\u0301n\u0303ez, promised 12\u00a0million "
                 "\U0001f4b6 for schools.\r\n")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def quotes(window) -> list[str]:
    return [a.exact for a in window.annotations.session.annotations]


def test_a_saved_file_loads_onto_an_edited_copy_with_expected_counts(
        qtbot, app_paths, article, tmp_path):
    window = make_window(qtbot, app_paths, article)
    for phrase, key in (("Ana Costa", "1"), ("river", "3"), ("12 million euros", "5"),
                        ("Critics said the money should go to schools", "6"),
                        ("Council approves", "9")):
        tag_phrase(qtbot, window, phrase, key)
    saved = tmp_path / "bridge.annotations.json"
    assert window.annotations.files.save_to(saved)
    assert len(load_w3c(saved)[0]) == 5

    edited = (ARTICLE.replace("\n\nThe city", "\n\nUPDATED on Tuesday.\n\nThe city")
              .replace("12 million euros", "12 milion euros")
              .replace("Critics said the money should go to schools instead. ", ""))
    copy = tmp_path / "bridge-edited.txt"
    copy.write_text(edited, encoding="utf-8")
    assert window.open_file(copy)
    assert quotes(window) == []  # a new text: nothing stored for it yet
    report = window.annotations.files.load_file(saved)
    assert (report.exact, report.moved, report.fuzzy, report.orphan) == (1, 2, 1, 1)
    assert window.annotations.files.summary_box.isVisible()
    assert "Fuzzy: 1" in window.annotations.files.summary_box.informativeText()
    panel = window.annotations.panel
    assert (panel.proxy.rowCount(), panel.orphan_proxy.rowCount()) == (4, 1)
    assert not window.isWindowModified()  # just opened: matches the file
    window.annotations.undo()  # opening the file is one undoable step
    assert quotes(window) == []


def test_a_broken_annotation_file_is_refused_whole_with_a_message(
        qtbot, app_paths, article, tmp_path):
    window = make_window(qtbot, app_paths, article)
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "AnnotationCollection", "first": {"items": [', encoding="utf-8")
    assert window.annotations.files.load_file(broken) is None
    assert window.last_error_box is not None
    assert "truncated" in window.last_error_box.text()
    assert quotes(window) == []


def test_emoji_article_round_trip_exports_the_same_quote_everywhere(
        qtbot, app_paths, tmp_path):
    path = tmp_path / "emoji.txt"
    path.write_bytes(EMOJI_ARTICLE.encode("utf-8"))  # keep the CRLF
    window = make_window(qtbot, app_paths, path)
    phrases = ["Jos\u00e9 Nu\u0301n\u0303ez", "12\u00a0million \U0001f4b6", "schools"]
    for phrase, key in zip(phrases, "165", strict=True):
        tag_phrase(qtbot, window, phrase, key)
    text = window.annotations.session.document.text
    assert sorted(quotes(window)) == sorted(phrases)
    files = window.annotations.files

    w3c = tmp_path / "out.json"
    assert files.save_to(w3c)
    assert sorted(a.exact for a in load_w3c(w3c)[0]) == sorted(phrases)

    assert files.export("brat", tmp_path / "out.txt")
    brat_text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    brat_quotes = []
    for line in (tmp_path / "out.ann").read_text(encoding="utf-8").splitlines():
        _, label_and_offsets, quote = line.split("\t")
        _, start, end = label_and_offsets.split(" ")
        assert brat_text[int(start):int(end)] == quote
        brat_quotes.append(quote)
    assert sorted(brat_quotes) == sorted(phrases)

    assert files.export("csv", tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["quote"] for row in rows) == sorted(phrases)
    assert all(text[int(r["start"]):int(r["end"])] == r["quote"] for r in rows)

    assert files.export("jsonl", tmp_path / "out.jsonl")
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert sorted(record["text"][s["start"]:s["end"]] for s in record["spans"]) == sorted(
        phrases)


def test_command_line_annotations_are_shown_in_a_screenshot(tmp_path, article, lectern_home):
    from lectern.core.annotations import Annotation
    from lectern.core.document import load_document
    from lectern.core.formats import save_w3c

    document = load_document(article)
    start = document.text.index("Ana Costa")
    ann = tmp_path / "ann.json"
    save_w3c(ann, [Annotation.from_span(document.text, start, start + 9, ["Person"])],
             document.source, document.fingerprint)
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"),  # LECTERN_HOME is set for us
         "--screenshot", str(out), "--size", "900x600", "--annotations", str(ann),
         str(article)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    check = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "export", str(article), "--format", "csv",
         "--out", str(tmp_path / "stored.csv")],
        capture_output=True, text=True, timeout=60, check=False)
    assert check.returncode == 0, check.stderr  # the loaded file reached the store
    assert "Ana Costa" in (tmp_path / "stored.csv").read_text(encoding="utf-8")


def test_saving_or_exporting_onto_the_article_is_refused(qtbot, app_paths, article):
    window = make_window(qtbot, app_paths, article)
    tag_phrase(qtbot, window, "bridge", "1")
    before = article.read_bytes()
    assert not window.annotations.files.save_to(article)
    assert "overwrite the article" in window.last_error_box.text()
    window.last_error_box.accept()
    assert not window.annotations.files.export("brat", article.with_suffix(".ann"))
    assert article.read_bytes() == before
