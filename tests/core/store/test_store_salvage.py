"""Recovering what a damaged store still holds, from real store files with pages overwritten."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from lectern.core.annotations import Annotation
from lectern.core.store import AnnotationStore
from lectern.core.tags import Tag

TEXT = "Tallinn and Tbilisi signed a trade deal worth 3 million euros on Monday. " * 40
PAGE = 4096
_TABLE_LEAF = 0x0D  # the first byte of a b-tree page that holds table rows


def make_store(path: Path, count: int = 3000) -> dict[str, Annotation]:
    """A real store: ``count`` annotations over three articles, tags, hidden, settings."""
    made = {}
    with AnnotationStore.open(path) as store:
        store.save_tag_scheme([Tag("Place", "#123456", "p", ("GPE",)),
                               Tag("Salvaged", "#654321", "s")])
        for doc in range(3):
            store.remember_document(f"fp{doc}", f"/news/{doc}.txt", f"Article {doc}")
        puts = []
        for i in range(count):
            start = (i * 7) % (len(TEXT) - 60)
            tags = ["Place", "Salvaged"][:1 + i % 2]
            a = Annotation.from_span(TEXT, start, start + 5 + i % 50, tags, f"note {i} " * (i % 4))
            puts.append((f"fp{i % 3}", a))
            made[a.id] = a
        store.apply(puts)
        store.hide_entity("fp0", "PERSON:tallinn")
        store.set_setting("last", {"path": "/news/0.txt"})
    return made


def table_leaf_pages(path: Path) -> list[int]:
    data = path.read_bytes()
    return [n for n in range(1, len(data) // PAGE) if data[n * PAGE] == _TABLE_LEAF]


def annotation_leaf_pages(path: Path) -> list[int]:
    """The leaf pages of the annotations table (SQLite numbers pages from 1)."""
    db = sqlite3.connect(path)
    try:
        return [n - 1 for (n,) in db.execute(
            "SELECT pageno FROM dbstat WHERE name = 'annotations' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
    finally:
        db.close()


def scribble(path: Path, pages: list[int]) -> None:
    data = bytearray(path.read_bytes())
    for page in pages:
        data[page * PAGE:(page + 1) * PAGE] = bytes((i * 131 + page) % 256 for i in range(PAGE))
    path.write_bytes(bytes(data))


def damaged(path: Path, pages_from_middle: int) -> dict[str, Annotation]:
    """A real store at ``path`` with some pages in its middle overwritten."""
    made = make_store(path)
    leaves = annotation_leaf_pages(path)  # the library's tables have leaf pages too
    middle = len(leaves) // 2
    scribble(path, leaves[middle:middle + pages_from_middle])
    return made


def test_opening_a_damaged_store_brings_back_every_row_past_the_damaged_pages(app_paths):
    path = app_paths.store_file
    made = damaged(path, pages_from_middle=3)
    scribbled = path.read_bytes()
    with AnnotationStore.open(path) as store:
        aside = store.moved_aside
        assert aside is not None
        recovered = {a.id: a for fp in ("fp0", "fp1", "fp2") for a in store.annotations(fp)}
        message = store.recovery_message
        assert "brought back at once" in message and "could not be read" in message
        assert f"Recovered {len(recovered):,} annotations" in message
        assert len(made) // 2 < len(recovered) < len(made)
        assert all(made[i] == a for i, a in recovered.items())  # exactly as they were
        assert {r.title for r in store.documents()} == {"Article 0", "Article 1", "Article 2"}
        assert [t.name for t in store.tag_scheme()] == ["Place", "Salvaged"]
        assert store.tag_scheme()[0].labels == ("GPE",)
        assert store.hidden_entities("fp0") == {"PERSON:tallinn"}
        assert store.setting("last") == {"path": "/news/0.txt"}
        assert store.tagged("Salvaged")  # the tag index is rebuilt for what came back
        assert store.integrity_ok()
        assert aside.read_bytes() == scribbled  # read from a copy: the file is not touched
        again = store.recover_from(aside)
        assert again.annotations == 0 and again.already == len(recovered)


def test_a_later_recovery_never_undoes_what_was_changed_since(app_paths):
    made = damaged(app_paths.store_file, pages_from_middle=1)
    with AnnotationStore.open(app_paths.store_file) as store:
        store.save_tag_scheme([Tag("Place", "#000000", "s")])  # new since: its key is taken
        survivor = next(iter(made.values()))
        changed = survivor.with_changes(note="changed in the fresh store")
        store.apply([("fp0", changed)])
        store.recover_from(store.moved_aside)
        by_id = {a.id: a for fp in ("fp0", "fp1", "fp2") for a in store.annotations(fp)}
        assert by_id[survivor.id].note == "changed in the fresh store"
        scheme = {t.name: t for t in store.tag_scheme()}
        assert scheme["Place"].colour == "#000000" and scheme["Salvaged"].shortcut is None


@pytest.mark.parametrize("content", [b"", b"garbage, not a database" * 300,
                                     b"SQLite format 3\x00" + b"\xff" * 8000])
def test_a_file_with_nothing_to_recover_gives_an_empty_report(app_paths, tmp_path, content):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(content)
    with AnnotationStore.open(app_paths.store_file) as store:
        report = store.recover_from(junk)
    assert report.annotations == report.documents == report.tags == 0


def test_commits_still_in_the_moved_wal_are_recovered(app_paths, tmp_path):
    path = tmp_path / "live.sqlite3"
    writer = AnnotationStore.open(path)
    writer._db.execute("PRAGMA wal_autocheckpoint = 0")  # every commit stays in the WAL
    kept = Annotation.from_span(TEXT, 0, 7, ["Place"])
    writer.apply([("fp", kept)])
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, copy)  # as move_aside leaves it: the file and its WAL beside it
    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    writer.close()
    with AnnotationStore.open(app_paths.store_file) as store:
        assert store.recover_from(copy).annotations == 1
        assert store.annotations("fp") == [kept]


@pytest.mark.slow
@pytest.mark.parametrize("pages", [1, 5, 20])
def test_recovery_from_many_damaged_places(app_paths, pages):
    path = app_paths.store_file
    made = make_store(path, count=20000)
    leaves = annotation_leaf_pages(path)
    scribble(path, leaves[3::max(1, len(leaves) // pages)][:pages])
    with AnnotationStore.open(path) as store:  # moved aside, and recovered at once
        assert store.moved_aside is not None
        assert "brought back at once" in (store.recovery_message or "")
        assert 0 < store.count() < len(made) and store.integrity_ok()
        again = store.recover_from(store.moved_aside)  # a second time adds nothing
        assert again.unreadable >= 1 and again.annotations == 0
        assert again.already == store.count()


def test_the_recover_command_merges_a_damaged_file(app_paths, tmp_path, capsys):
    from lectern.main import main

    aside = tmp_path / "annotations.sqlite3.corrupt-earlier"
    made = damaged(aside, pages_from_middle=1)
    assert main(["recover", str(aside)]) == 0
    assert "Recovered" in capsys.readouterr().err
    with AnnotationStore.open(app_paths.store_file, read_only=True) as reopened:
        assert len(made) // 2 < reopened.count() < len(made)
