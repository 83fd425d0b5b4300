"""The local SQLite store: round trips, recovery from bad files, search, crashes, two processes."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from helpers import REPO_ROOT, annotations_on, texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.store import SCHEMA_VERSION, AnnotationStore
from lectern.core.tag_edits import scheme_edits
from lectern.core.tags import Tag

WRITER = REPO_ROOT / "tests" / "store_writer.py"


@pytest.fixture
def store(app_paths: AppPaths):
    with AnnotationStore.open(app_paths.store_file) as opened:
        yield opened


def by_id(annotations) -> dict[str, Annotation]:
    return {a.id: a for a in annotations}


def test_fresh_store_is_wal_normal_and_current(store):
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: crash-safe in WAL
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.recovery_message is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), text=texts)
def test_store_round_trip_is_value_identical(data, text):
    document = Document.from_text(text)
    annotations = data.draw(annotations_on(document.text))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.sqlite3"
        with AnnotationStore.open(path) as store:
            store.apply([(document.fingerprint, a) for a in annotations])
        with AnnotationStore.open(path) as store:
            assert by_id(store.annotations(document.fingerprint)) == by_id(annotations)
            assert store.integrity_ok()


def test_same_text_from_a_new_path_is_recognised(store):
    fingerprint = Document.from_text("Same words.").fingerprint
    assert store.remember_document(fingerprint, "/old/a.txt", "A") is None
    before = store.remember_document(fingerprint, "/new/b.txt", "A")
    assert before is not None and before.path == "/old/a.txt"
    assert store.document(fingerprint).path == "/new/b.txt"


def test_apply_writes_and_deletes_in_one_step(store):
    text = "one two three"
    a = Annotation.from_span(text, 0, 3, ["Claim"])
    b = Annotation.from_span(text, 4, 7, ["Place", "Claim"])
    store.apply([("fp", a), ("fp", b)])
    store.apply([("fp", b.with_changes(tags=["Place"]))], [a.id])
    assert [x.id for x in store.annotations("fp")] == [b.id]
    assert store.tag_use_count("Claim") == 0
    assert store.tag_use_count("Place") == 1


def test_search_by_tag_text_and_date_across_documents(store):
    store.remember_document("fp1", "/a.txt", "Article A")
    store.remember_document("fp2", "/b.txt", "Article B")
    text = "Ünïcode Tallinn trade talks in Tbilisi"
    a = Annotation.from_span(text, 0, 7, ["Claim"], "see ÉCOLE").with_changes(
        created="2026-01-05T10:00:00.000Z")
    b = Annotation.from_span(text, 8, 15, ["Place"]).with_changes(
        created="2026-02-01T00:00:00.000Z")
    c = Annotation.from_span(text, 31, 38, ["Place", "Claim"], "trade").with_changes(
        created="2026-03-01T12:00:00.000Z")
    store.apply([("fp1", a), ("fp1", b), ("fp2", c)])
    assert [h.annotation.id for h in store.search(tag="Claim")] == [a.id, c.id]
    assert [h.annotation.id for h in store.search(text="ünïCODE")] == [a.id]
    assert [h.annotation.id for h in store.search(text="école")] == [a.id]  # in the note
    assert [h.annotation.id for h in store.search(text="trade tbilisi")] == [c.id]
    assert store.search(text="trade nowhere") == []
    hits = store.search(created_from="2026-02-01", created_to="2026-03-01")
    assert [h.annotation.id for h in hits] == [b.id, c.id]
    assert hits[1].title == "Article B" and hits[1].path == "/b.txt"
    assert [h.annotation.id for h in store.search(tag="Place", text="tallinn")] == [b.id]
    assert len(store.search(limit=2)) == 2


def test_tag_scheme_hidden_entities_and_settings_persist(app_paths):
    tags = [Tag("Claim", "#e0584a", "6"), Tag("Place", "#2fa66f")]
    with AnnotationStore.open(app_paths.store_file) as store:
        assert store.tag_scheme() is None
        store.save_tag_scheme(tags)
        store.hide_entity("fp", "person:jane doe")
        store.hide_entity("fp", "place:x")
        store.unhide_entity("fp", "place:x")
        store.set_setting("last_document", {"path": "/a.txt"})
    with AnnotationStore.open(app_paths.store_file) as store:
        assert store.tag_scheme() == tags
        assert store.hidden_entities("fp") == {"person:jane doe"}
        assert store.setting("last_document") == {"path": "/a.txt"}
        assert store.setting("missing", 3) == 3


def _assert_moved_aside(path: Path, original: bytes, marker: str, store: AnnotationStore) -> None:
    asides = [p for p in path.parent.iterdir() if f".{marker}" in p.name]
    assert len(asides) == 1 and asides[0].read_bytes() == original
    assert store.recovery_message is not None
    assert str(path) in store.recovery_message and asides[0].name in store.recovery_message
    store.apply([("fp", Annotation.from_span("fresh text", 0, 5))])
    assert store.count() == 1 and store.integrity_ok()


def test_garbage_file_is_moved_aside_and_a_fresh_store_works(app_paths):
    path = app_paths.store_file
    original = b"this is not a database at all\x00" * 200
    path.write_bytes(original)
    with AnnotationStore.open(path) as store:
        assert "damaged" in store.recovery_message
        _assert_moved_aside(path, original, "corrupt", store)


def test_damaged_pages_are_detected(app_paths):
    path = app_paths.store_file
    with AnnotationStore.open(path) as store:
        text = "x" * 2000
        store.apply([("fp", Annotation.from_span(text, i, i + 900, note="n" * 500))
                     for i in range(300)])
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):  # scribble over every page but the first
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with AnnotationStore.open(path) as store:
        _assert_moved_aside(path, bytes(data), "corrupt", store)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_newer_schema_is_reported_and_left_where_it_is(app_paths, read_only):
    path = app_paths.store_file
    with AnnotationStore.open(path) as store:
        store._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    original = path.read_bytes()
    with pytest.raises(LecternError, match="newer Lectern") as error:
        AnnotationStore.open(path, read_only=read_only)
    assert f"schema version {SCHEMA_VERSION + 1}" in str(error.value)
    assert path.read_bytes() == original
    assert [p.name for p in path.parent.iterdir() if ".newer" in p.name
            or ".corrupt" in p.name] == []


def test_two_recoveries_never_overwrite_each_other(app_paths):
    path = app_paths.store_file
    for content in (b"first garbage" * 100, b"second garbage" * 100):
        path.write_bytes(content)
        AnnotationStore.open(path).close()
    contents = {p.read_bytes() for p in path.parent.iterdir() if ".corrupt-" in p.name}
    assert contents == {b"first garbage" * 100, b"second garbage" * 100}


def read_committed_ids(path: Path) -> tuple[str, set[str]]:
    db = sqlite3.connect(path)
    try:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        return check, {row[0] for row in db.execute("SELECT id FROM annotations")}
    finally:
        db.close()


def kill_writer_repeatedly(path: Path, kills: int, seed: int) -> int:
    """Start the writer, SIGKILL it at a random moment, check the store; ``kills`` times."""
    rng = random.Random(seed)
    printed: set[str] = set()
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, str(WRITER), str(path)],
                                 stdout=subprocess.PIPE, text=True)
        try:
            for _ in range(rng.randint(1, 25)):
                line = child.stdout.readline()
                if line.endswith("\n"):
                    printed.add(line.strip())
            time.sleep(rng.random() * 0.004)  # land anywhere inside the next transaction
        finally:
            child.send_signal(signal.SIGKILL)
            rest, _ = child.communicate()
        printed.update(line for line in rest.split("\n")[:-1] if line)  # complete lines only
        check, stored = read_committed_ids(path)
        assert check == "ok"
        assert printed <= stored, f"lost {len(printed - stored)} committed annotations"
    with AnnotationStore.open(path) as store:
        assert store.recovery_message is None
    return len(printed)


def test_sigkilled_writer_never_loses_a_committed_annotation(app_paths):
    assert kill_writer_repeatedly(app_paths.store_file, kills=5, seed=4) > 5


@pytest.mark.slow
def test_sigkilled_writer_200_times(app_paths):
    assert kill_writer_repeatedly(app_paths.store_file, kills=200, seed=2026) > 200


def test_two_processes_share_the_store_safely(app_paths):
    path = app_paths.store_file
    AnnotationStore.open(path).close()
    children = [subprocess.Popen([sys.executable, str(WRITER), str(path), "150"],
                                 stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0]
    ids = [set(out.split()) for out in outputs]
    check, stored = read_committed_ids(path)
    assert check == "ok"
    assert len(ids[0]) == len(ids[1]) == 150 and ids[0] | ids[1] == stored


def test_a_second_open_in_the_same_process_sees_changes(app_paths):
    with AnnotationStore.open(app_paths.store_file) as first, \
            AnnotationStore.open(app_paths.store_file) as second:
        version = first.data_version()
        second.apply([("fp", Annotation.from_span("abc", 0, 1))])
        assert first.count() == 1 and first.data_version() != version


def test_sync_to_disk_moves_every_commit_into_the_database_file(tmp_path):
    path = tmp_path / "store.sqlite3"
    store = AnnotationStore.open(path)
    text = "A harbour reopened on Tuesday after repairs.\n"
    store.remember_document("f" * 64, "harbour.txt", "Harbour")
    store.apply(puts=[("f" * 64, Annotation.from_span(text, 2, 9, ["Place"]))])
    store.sync_to_disk()
    # Another connection's checkpoint finds nothing left in the WAL to copy.
    other = sqlite3.connect(path)
    busy, wal_frames, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and wal_frames == copied
    other.close()
    store.close()
    store.close()  # closing twice is harmless
    assert [a.exact for a in AnnotationStore.open(path).annotations("f" * 64)] == ["harbour"]


def test_a_version_1_store_gains_the_default_tags_labels(app_paths):
    """Stores written before tags knew their labels keep working, with Annotate's links."""
    from lectern.core.store.schema import MIGRATIONS

    db = sqlite3.connect(app_paths.store_file)
    db.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    db.execute("INSERT INTO tags VALUES (0, 'person', '#4f8fe6', '1'), (1, 'Mine', '#112233', "
               "NULL)")
    db.commit()
    db.close()
    with AnnotationStore.open(app_paths.store_file) as store:
        tags = store.tag_scheme()
    assert [(t.name, t.labels) for t in tags] == [("person", ("PERSON",)), ("Mine", ())]


def test_tag_labels_survive_a_rename_in_the_store(store):
    before = [Tag("Person", "#4f8fe6", "1", ("PERSON",))]
    store.save_tag_scheme(before)
    after = [Tag("Source", "#4f8fe6", "1", ("PERSON",))]
    store.apply(scheme=scheme_edits(before, after))
    assert store.tag_scheme() == after
