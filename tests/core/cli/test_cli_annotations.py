"""``lectern export / import / search`` run in-process through main.main."""

from __future__ import annotations

import json
import os

import pytest

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore
from lectern.main import main

ARTICLE = ("Tallinn and Tbilisi 😀 signed a trade deal worth 3 million euros on Monday.\n\n"
           "The minister said the deal “opens a corridor” for small firms.\n")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def stored(article, app_paths: AppPaths):
    """Three annotations on the article, in the store."""
    with AnnotationStore.open(app_paths.store_file) as store:
        session = AnnotationSession(load_document(article), store)
        claim = session.add(0, 7, ["Place", "Claim"])
        session.set_note(claim.id, "capital of Estonia")
        session.add(12, 19, ["Place"])
        session.add(ARTICLE.index("opens"), ARTICLE.index("corridor") + 8, ["Quote"])
    return article


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["w3c", "brat", "csv", "jsonl", "doccano", "prodigy",
                                 "labelstudio", "qdpx"])
def test_export_from_the_store(capsys, stored, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", str(stored), "--format", fmt, "--out", str(out))
    assert code == 0 and "Wrote 3 annotations" in err
    assert out.exists()
    if fmt == "w3c":
        assert json.loads(out.read_text(encoding="utf-8"))["total"] == 3
    if fmt == "brat":
        lines = out.with_suffix(".ann").read_text(encoding="utf-8").splitlines()
        assert sum(line.startswith("T") for line in lines) == 4  # one per tag


def test_export_an_annotation_file_reanchored_to_an_edited_text(capsys, stored, tmp_path):
    saved = tmp_path / "saved.json"
    assert run(capsys, "export", str(stored), "--format", "w3c", "--out", str(saved))[0] == 0
    edited = tmp_path / "edited.txt"
    edited.write_text("A new first paragraph.\n\n" + ARTICLE, encoding="utf-8")
    out = tmp_path / "spans.jsonl"
    code, _, err = run(capsys, "export", str(edited), "--format", "jsonl", "--out", str(out),
                       "--annotations", str(saved))
    assert code == 0 and "0 exact, 3 moved, 0 fuzzy, 0 orphaned" in err
    record = json.loads(out.read_text(encoding="utf-8"))
    texts = {record["text"][s["start"]:s["end"]] for s in record["spans"]}
    assert texts == {"Tallinn", "Tbilisi", "opens a corridor"}


def test_export_follows_a_file_whose_text_changed(capsys, stored, tmp_path):
    stored.write_text("Breaking.\n\n" + ARTICLE, encoding="utf-8")  # same path, new text
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", str(stored), "--format", "csv", "--out", str(out))
    assert code == 0 and "earlier version" in err and "3 moved" in err


def test_export_failures_write_nothing(capsys, article, stored, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "Annotation", "target": {"selector": [{"type": '
                   '"TextPositionSelector", "start": true, "end": 3}]}}', encoding="utf-8")
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "export", str(article), "--format", "w3c", "--out", str(out),
                       "--annotations", str(bad))
    assert code == 1 and err.startswith("lectern: ")
    other = tmp_path / "unknown.txt"
    other.write_text("Nobody annotated this.", encoding="utf-8")
    code, _, err = run(capsys, "export", str(other), "--format", "w3c", "--out", str(out))
    assert code == 1 and "no annotations" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "bad.json",
                                                          "unknown.txt"]


def test_import_merges_once_and_is_idempotent(capsys, stored, tmp_path, app_paths):
    saved = tmp_path / "saved.json"
    run(capsys, "export", str(stored), "--format", "w3c", "--out", str(saved))
    edited = tmp_path / "edited.txt"
    edited.write_text("Update: talks resume.\n\n" + ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "import", str(saved), "--into", str(edited))
    assert code == 0 and "Imported 3 new" in err and "3 moved" in err
    code, _, err = run(capsys, "import", str(saved), "--into", str(edited))
    assert code == 0 and "Imported 0 new" in err and "3 already there" in err
    with AnnotationStore.open(app_paths.store_file) as store:
        fingerprint = load_document(edited).fingerprint
        placed = store.annotations(fingerprint)
        text = load_document(edited).text
        assert sorted(text[a.start:a.end] for a in placed) == ["Tallinn", "Tbilisi",
                                                               "opens a corridor"]
        assert store.count() == 6  # the original article keeps its own three


def test_import_brat(capsys, stored, tmp_path, app_paths):
    out = tmp_path / "brat.txt"
    run(capsys, "export", str(stored), "--format", "brat", "--out", str(out))
    target = tmp_path / "target.txt"
    target.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "import", str(out.with_suffix(".ann")), "--into", str(target))
    assert code == 0 and "Imported" in err


def test_bad_import_changes_nothing(capsys, stored, tmp_path, app_paths):
    truncated = tmp_path / "truncated.json"
    truncated.write_text('{"type": "AnnotationCollection", "first": {"items": [', encoding="utf-8")
    for argv in (["import", str(truncated), "--into", str(stored)],
                 ["import", str(tmp_path / "missing.json"), "--into", str(stored)],
                 ["import", str(truncated), "--into", str(tmp_path / "missing.txt")]):
        code, _, err = run(capsys, *argv)
        assert code == 1 and err.startswith("lectern: ")
    with AnnotationStore.open(app_paths.store_file) as store:
        assert store.count() == 3


def test_search_table_and_json(capsys, stored):
    code, out, err = run(capsys, "search", "--tag", "Place")
    assert code == 0 and "2 annotations found" in err
    lines = out.splitlines()
    assert lines[0].split() == ["Document", "Quote", "Tags", "Note"]
    assert any("Tallinn" in line and "capital of Estonia" in line for line in lines)
    code, out, _ = run(capsys, "search", "--text", "CORRIDOR", "--format", "json")
    hits = json.loads(out)
    assert [h["quote"] for h in hits] == ["opens a corridor"] and hits[0]["tags"] == ["Quote"]
    assert hits[0]["path"] == str(stored.resolve())
    code, out, _ = run(capsys, "search", "--since", "2000-01-01", "--until", "2000-12-31",
                       "--format", "json")
    assert json.loads(out) == []


def test_search_bad_date_and_empty_store(capsys, app_paths):
    code, _, err = run(capsys, "search", "--since", "yesterday")
    assert code == 1 and "--since" in err
    code, out, err = run(capsys, "search", "--format", "json")
    assert code == 0 and json.loads(out) == [] and not app_paths.store_file.exists()


@pytest.mark.parametrize(("fmt", "out"), [("brat", "article.ann"), ("brat", "article.txt"),
                                          ("csv", "article.txt"), ("w3c", "article.txt")])
def test_export_never_overwrites_the_article(capsys, article, stored, fmt, out):
    before = article.read_bytes()
    code, _, err = run(capsys, "export", str(article), "--format", fmt,
                       "--out", str(article.with_name(out)))
    assert code == 1 and "would overwrite the article" in err
    assert article.read_bytes() == before
    assert not article.with_suffix(".ann").exists()


@pytest.mark.parametrize("fmt", ["brat", "doccano", "prodigy", "labelstudio", "qdpx", "w3c"])
def test_import_tells_each_format_by_its_content_whatever_the_name(capsys, stored, tmp_path,
                                                                  fmt):
    out = tmp_path / ("exported.ann" if fmt == "brat" else "exported.data")
    assert run(capsys, "export", str(stored), "--format", fmt, "--out", str(out))[0] == 0
    renamed = tmp_path / ("renamed.ann" if fmt == "brat" else "renamed.bin")
    out.rename(renamed)
    if fmt == "brat":  # brat's .txt is found beside the .ann, by its name
        out.with_suffix(".txt").rename(renamed.with_suffix(".txt"))
    code, _, err = run(capsys, "import", str(renamed), "--into", str(stored))
    assert code == 0, err
    assert "3 exact" in err and "(3 already there)" in err  # the store held them already


def test_a_project_is_imported_into_the_store_without_an_article(capsys, stored, tmp_path):
    project = tmp_path / "p.qdpx"
    assert run(capsys, "export", str(stored), "--out", str(project))[0] == 0
    code, _, err = run(capsys, "import", str(project))
    assert code == 0 and "1 text sources kept in the library" in err


def test_import_without_into_needs_a_project(capsys, stored, tmp_path):
    saved = tmp_path / "saved.json"
    assert run(capsys, "export", str(stored), "--out", str(saved))[0] == 0
    code, _, err = run(capsys, "import", str(saved))
    assert code == 1 and "--into" in err


def test_a_file_lectern_does_not_read_gets_one_line_naming_those_it_does(capsys, stored,
                                                                         tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("Remember the milk.\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(junk), "--into", str(stored))
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.strip()]
    assert "Lectern reads W3C Web Annotation and Hypothesis JSON, brat standoff" in line


@pytest.mark.parametrize(("option", "moment"), [("--since", "9999-12-31T23:59:59-23:59"),
                                                ("--until", "0001-01-01T00:00:00+14:00")])
def test_search_bounds_past_the_calendar_edges_are_clear_errors(capsys, stored, option,
                                                                 moment):
    code, _, err = run(capsys, "search", option, moment)
    assert code == 1 and option in err and "9999" in err and "Traceback" not in err


def test_store_search_bounds_past_the_calendar_edges_are_lectern_errors(app_paths):
    with AnnotationStore.open(app_paths.store_file) as store:
        for bound in ("created_from", "created_to"):
            with pytest.raises(LecternError, match=bound):
                store.search(**{bound: "9999-12-31T23:59:59-23:59"})


@pytest.mark.parametrize("command", ["import", "export"])
@pytest.mark.parametrize(("make", "message"), [
    (lambda p: os.mkfifo(p), "FIFO"),
    (lambda p: p.symlink_to(p), "symbolic link loop"),
    (lambda p: p.symlink_to("/dev/zero"), "character device"),
])
def test_an_annotation_file_that_is_not_a_regular_file_is_refused_at_once(
        capsys, article, stored, tmp_path, command, make, message):
    odd = tmp_path / "odd.json"
    make(odd)
    argv = ["import", str(odd), "--into", str(article)] if command == "import" else \
        ["export", str(article), "--annotations", str(odd), "--out", str(tmp_path / "o.json")]
    code, _, err = run(capsys, *argv)
    assert code == 1 and message in err


def test_a_brat_file_whose_text_is_a_fifo_is_refused_at_once(capsys, article, stored,
                                                               tmp_path):
    ann = tmp_path / "odd.ann"
    ann.write_text("T1\tPlace 0 7\tTallinn\n", encoding="utf-8")
    os.mkfifo(ann.with_suffix(".txt"))
    code, _, err = run(capsys, "import", str(ann), "--into", str(article))
    assert code == 1 and "FIFO" in err
