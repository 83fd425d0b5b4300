"""``add``, ``library``, ``find``, ``remove`` and ``search --article`` through main.main: the
JSON shapes the issue names, pure JSON on stdout, and the exit codes."""

from __future__ import annotations

import json

import pytest
from library_helpers import write

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.store import AnnotationStore
from lectern.main import main

SEED = ("Ties in health\n\nMusayev spoke within the Organization of Turkic States about "
        "pharmaceutical trade with Tamás Torma.\n")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path):
    write(tmp_path / "in", "seed.txt", SEED)
    write(tmp_path / "in", "sub/port.md", "# Port deal\n\nThe port of Tallinn signed.\n")
    write(tmp_path / "in", "sub/notes.pdf", "not an article")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    return tmp_path / "in"


def test_add_reports_json_and_analyses_unless_told_not_to(capsys, folder, app_paths):
    code, out, err = run(capsys, "add", str(folder), "--format", "json", "--no-analysis")
    assert code == 0
    report = json.loads(out)
    assert sorted(a["title"] for a in report["added"]) == ["Port deal", "Ties in health"]
    assert set(report["added"][0]) == {"id", "path", "title"}
    assert report["present"] == [] and report["skipped"] == 1
    assert report["refused"] == [{"path": str(folder / "empty.txt"), "reason": "is empty"}]
    assert "2 added" in err
    code, out, err = run(capsys, "add", str(folder / "seed.txt"), "--format", "json")
    assert code == 0 and len(json.loads(out)["present"]) == 1
    code, out, err = run(capsys, "add", str(folder / "empty.txt"), "--format", "json")
    assert code == 1 and json.loads(out)["added"] == []


def test_library_list_and_one_article_with_versions(capsys, folder, app_paths):
    run(capsys, "add", str(folder), "--no-analysis")
    code, out, _ = run(capsys, "library", "--format", "json")
    articles = json.loads(out)
    assert code == 0 and len(articles) == 2
    seed = next(a for a in articles if a["title"] == "Ties in health")
    assert {"id", "title", "outlet", "date", "path", "words", "annotations",
            "versions"} <= set(seed)
    assert seed["words"] == len(load_document(folder / "seed.txt").text.split())
    code, out, _ = run(capsys, "library", str(seed["id"]), "--format", "json")
    (version,) = json.loads(out)["versions"]
    assert {"id", "fingerprint", "added", "words"} <= set(version)
    code, out, _ = run(capsys, "library")
    assert "Ties in health" in out and code == 0


def test_find_json_offsets_and_an_empty_result(capsys, folder, app_paths):
    run(capsys, "add", str(folder), "--no-analysis")
    code, out, _ = run(capsys, "find", '"Turkic States"', "--format", "json")
    (hit,) = json.loads(out)["hits"]
    text = load_document(folder / "seed.txt").text
    assert text[hit["start"]:hit["end"]] == "Turkic States" and hit["where"] == "text"
    assert set(hit) == {"article", "title", "path", "start", "end", "snippet", "where"}
    code, out, err = run(capsys, "find", "nowhere", "--format", "json")
    assert code == 0 and json.loads(out) == {"hits": []}
    code, _, err = run(capsys, "find", "NOT", "--format", "json")
    assert code == 1 and "lectern:" in err


def test_search_by_article_and_remove(capsys, folder, app_paths):
    run(capsys, "add", str(folder), "--no-analysis")
    with AnnotationStore.open(app_paths.store_file) as store:
        for path in (folder / "seed.txt", folder / "sub" / "port.md"):
            document = load_document(path)
            AnnotationSession(document, store).add(0, 4, ["Claim"])
        seed = next(a for a in store.library.articles() if a.title == "Ties in health")
    code, out, _ = run(capsys, "search", "--tag", "Claim", "--article", str(seed.id),
                       "--format", "json")
    (hit,) = json.loads(out)
    assert hit["article"] == seed.id and hit["quote"] == "Ties"
    code, out, _ = run(capsys, "remove", str(seed.id))
    assert code == 0 and out.startswith("Removed “Ties in health”") and "1 annotation" in out
    code, out, _ = run(capsys, "search", "--tag", "Claim", "--format", "json")
    assert [h["quote"] for h in json.loads(out)] == ["Port"]
    code, _, err = run(capsys, "remove", str(seed.id))
    assert code == 1 and "no article" in err


def test_search_writes_the_passages_it_lists_to_markdown(capsys, folder, app_paths, tmp_path):
    run(capsys, "add", str(folder), "--no-analysis")
    with AnnotationStore.open(app_paths.store_file) as store:
        document = load_document(folder / "seed.txt")
        start = document.text.index("Turkic States")
        AnnotationSession(document, store).add(start, start + 13, ["Claim"])
    out = tmp_path / "claims.md"
    code, _, err = run(capsys, "search", "--tag", "Claim", "--out", str(out))
    assert code == 0 and "1 passage written to claims.md" in err
    assert "> Turkic States\n\n— *Ties in health* (seed.txt) · Claim" in out.read_text("utf-8")
    code, _, err = run(capsys, "search", "--out", str(tmp_path / "claims.pdf"))
    assert code == 1 and ".csv, .md or .json" in err


def test_search_reads_a_store_from_before_the_library_without_changing_it(capsys, app_paths):
    import shutil

    from helpers import FIXTURES

    shutil.copy(FIXTURES / "library" / "store_before_library.sqlite3", app_paths.store_file)
    before = app_paths.store_file.read_bytes()
    code, out, _ = run(capsys, "search", "--tag", "Claim", "--format", "json")
    assert code == 0 and sorted(h["quote"] for h in json.loads(out)) == ["Critics",
                                                                         "build a bridge"]
    assert app_paths.store_file.read_bytes() == before  # read-only: not migrated
    code, out, _ = run(capsys, "search", "--article", "1", "--format", "json")
    assert code == 0 and json.loads(out)  # its texts are articles already, in memory
    assert app_paths.store_file.read_bytes() == before
    code, out, _ = run(capsys, "library", "--format", "json")  # a command that may write
    assert {a["path"] for a in json.loads(out)} == {"/data/bridge.txt", "/data/port.txt"}
