"""The migration takes a store written before the library forward with every annotation
kept; adding many files refuses bad ones with their reasons and never stops; a kill during
``add`` leaves whole articles only."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from helpers import FIXTURES, REPO_ROOT
from library_helpers import write

from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.library.adding import add_paths
from lectern.core.library.find import find
from lectern.core.library.opening import open_article
from lectern.core.store import AnnotationStore

BEFORE = FIXTURES / "library" / "store_before_library.sqlite3"  # see make_store_*.py there
TWO = "Bridge vote\n\nOn Monday the council of Tamás voted to build a bridge. Critics said no.\n"


def test_the_migration_keeps_every_annotation_and_makes_articles_of_paths(tmp_path):
    path = tmp_path / "store.sqlite3"
    shutil.copy(BEFORE, path)
    with AnnotationStore.open(path) as store:
        assert store.recovery_message is None and store.integrity_ok()
        assert store.count() == 3
        articles = {a.path: a for a in store.library.articles()}
        assert set(articles) == {"/data/bridge.txt", "/data/port.txt"}
        bridge = articles["/data/bridge.txt"]
        assert (bridge.versions, bridge.annotations, bridge.words) == (2, 2, None)
        assert bridge.tags == ("Claim", "Quote") and not bridge.text_kept
        assert [p.where for p in find(store, "estonia OR claim")] == ["note", "tag", "tag"] or \
            {p.where for p in find(store, "estonia OR claim")} == {"note", "tag"}
        with pytest.raises(Exception, match="never kept"):
            open_article(store, bridge.id)
        # Opening the file again keeps its text: the same article, no annotation lost.
        document = Document.from_text(TWO, source=tmp_path / "gone.txt")
        session = AnnotationSession(document, store)
        assert len(session.annotations) == 2 and len(session.links()) == 1


def test_the_migrated_article_gets_its_text_when_the_file_is_added(tmp_path):
    path = tmp_path / "store.sqlite3"
    shutil.copy(BEFORE, path)
    data = write(tmp_path / "data", "bridge.txt", TWO)
    with AnnotationStore.open(path) as store:
        bridge = next(a for a in store.library.articles() if a.path == "/data/bridge.txt")
        # Another path, the same text: the text is known by its fingerprint.
        (added,) = add_paths(store, [data]).added
        assert added.id == bridge.id
        article = store.library.article(bridge.id)
        assert article.text_kept and article.words == len(TWO.split())
        assert article.annotations == 2


def test_bad_files_are_refused_with_reasons_and_never_stop_the_batch(tmp_path, store):
    folder = tmp_path / "in"
    write(folder, "good.txt", "A good article\n\nWith words.\n")
    write(folder, "deep/er/also.md", "# Also good\n\nMore words.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    (folder / "renamed.txt").write_bytes(bytes(range(256)) * 8)  # a binary file renamed
    write(folder, "photo.jpg", "not an article")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder, folder / "deep" / "loop")
    os.symlink(folder / "missing.txt", folder / "broken.txt")
    report = add_paths(store, [folder, tmp_path / "nowhere.txt"])
    assert sorted(a.title for a in report.added) == ["A good article", "Also good"]
    reasons = {os.path.relpath(r.path, tmp_path): r.reason for r in report.refused}
    assert reasons["in/empty.txt"] == "is empty"
    assert "PNG image" in reasons["in/binary.txt"]
    assert "binary" in reasons["in/renamed.txt"]
    assert "FIFO" in reasons["in/pipe.txt"]
    assert "loops back" in reasons["in/deep/loop"]
    assert "broken link" in reasons["in/broken.txt"]
    assert reasons["nowhere.txt"] == "does not exist"
    assert report.skipped == 1  # photo.jpg
    assert report.any_kept


def test_a_file_that_vanishes_while_adding_is_one_refusal(tmp_path, store):
    folder = tmp_path / "in"
    for n in range(3):
        write(folder, f"a{n}.txt", f"Article {n}\n\nText {n}.\n")

    def vanish(done: int, total: int, path: str) -> None:
        if path.endswith("a1.txt"):
            os.unlink(path)

    report = add_paths(store, [folder], progress=vanish)
    assert [r.reason for r in report.refused] == ["does not exist"]
    assert len(report.added) == 2


def test_cancel_stops_between_articles(tmp_path, store):
    folder = tmp_path / "in"
    for n in range(5):
        write(folder, f"a{n}.txt", f"Article {n}\n\nText {n}.\n")
    seen: list[str] = []
    report = add_paths(store, [folder], progress=lambda d, t, p: seen.append(p),
                       cancelled=lambda: len(seen) >= 2)
    assert report.cancelled and len(report.added) == 2


ADDER = """
import sys
from lectern.core.library.adding import add_paths
from lectern.core.store import AnnotationStore
store = AnnotationStore.open(sys.argv[1])
add_paths(store, [sys.argv[2]], progress=lambda d, t, p: print(d, flush=True))
"""


def test_a_kill_during_add_leaves_whole_articles_only(tmp_path):
    folder = tmp_path / "in"
    for n in range(400):
        write(folder, f"a{n:03}.txt", f"Article {n}\n\n" + f"Sentence {n} of many. " * 300)
    store_path = tmp_path / "store.sqlite3"
    child = subprocess.Popen([sys.executable, "-c", ADDER, str(store_path), str(folder)],
                             cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill it once it is well into the batch
        line = child.stdout.readline()
        if not line or int(line) >= 40:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    with AnnotationStore.open(store_path) as store:
        assert store.integrity_ok()
        db = store._db
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert 40 <= articles < 400
        whole = db.execute("SELECT count(*) FROM articles a JOIN documents d ON d.id = a.current "
                           "JOIN texts t ON t.version = d.id WHERE d.length IS NOT NULL"
                           ).fetchone()[0]
        assert whole == articles
        assert db.execute("INSERT INTO text_search (text_search) VALUES ('integrity-check')")
        hits = {h.article for h in find(store, "sentence", limit=1000)}
        assert len(hits) == articles
        report = add_paths(store, [folder])  # the rest can be added afterwards
        assert len(report.added) + len(report.present) == 400
