"""Opening the store: only real damage moves a file aside, and only for a command that writes;
a full disk, a file-size limit, a read-only folder, a lock or a newer Lectern is reported as
what it is and leaves the store as it was. Commands that only read open it read-only."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import unprivileged

from lectern.core.annotations import Annotation
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore, schema
from lectern.core.store.schema import SCHEMA_VERSION

TEXT = "Tallinn and Tbilisi signed a trade deal worth 3 million euros on Monday. " * 20
ARTICLE = "Tallinn and Tbilisi signed a trade deal.\n"


def fill(path: Path, count: int = 300) -> None:
    with AnnotationStore.open(path) as store:
        store.apply([("fp", Annotation.from_span(TEXT, i, i + 40, ["Place"], f"note {i}"))
                     for i in range(count)])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_left_as_it_was(folder: Path, before: dict[str, bytes]) -> None:
    """The files are as they were; a reader may only have added SQLite's -wal/-shm."""
    after = snapshot(folder)
    assert {name: after.get(name) for name in before} == before
    assert all(name.endswith(("-wal", "-shm")) for name in set(after) - set(before))


def lectern(home: Path, *args: str, limit_bytes: int | None = None,
            privileged: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``python -m lectern.main ARGS`` with LECTERN_HOME=home, perhaps under a limit."""
    def limited() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    command = [sys.executable, "-m", "lectern.main", *args]
    return subprocess.run(command if privileged else unprivileged(command), env={
        **os.environ, "LECTERN_HOME": str(home)}, capture_output=True, text=True,
        preexec_fn=limited, timeout=120)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def annotation_file(tmp_path: Path, article: Path) -> Path:
    from lectern.core.document import load_document
    from lectern.core.formats.exchange import Format, export_annotations

    out = tmp_path / "ann.json"
    export_annotations(Format.W3C, out, load_document(article),
                       [Annotation.from_span(ARTICLE, 0, 7, ["Place"])])
    return out


# --- a healthy store that cannot be written is reported, never moved aside -----------------
@pytest.mark.parametrize("command", [["search"], ["import", "ANN", "--into", "ARTICLE"]])
def test_a_file_size_limit_leaves_a_healthy_store_where_it_is(app_paths, lectern_home,
                                                              article, annotation_file,
                                                              command):
    fill(app_paths.store_file)
    before = snapshot(app_paths.data)
    args = [{"ANN": str(annotation_file), "ARTICLE": str(article)}.get(a, a) for a in command]
    done = lectern(lectern_home, *args, limit_bytes=16384)
    assert done.returncode == 1, done.stderr
    assert "input/output error" in done.stderr and "left as it is" in done.stderr
    assert "Traceback" not in done.stderr
    assert_left_as_it_was(app_paths.data, before)
    with AnnotationStore.open(app_paths.store_file) as store:  # all still there
        assert store.count() == 300 and store.moved_aside is None


def read_only_data_folder(app_paths: AppPaths) -> None:
    app_paths.data.chmod(0o555)
    for folder in (app_paths.data.parent, app_paths.data.parent.parent):
        folder.chmod(0o755)


def test_an_unwritable_folder_refuses_a_write_and_keeps_the_store(app_paths, lectern_home,
                                                                  article, annotation_file):
    fill(app_paths.store_file)
    before = snapshot(app_paths.data)
    read_only_data_folder(app_paths)
    annotation_file.chmod(0o644)
    done = lectern(lectern_home, "import", str(annotation_file), "--into", str(article),
                   privileged=False)
    app_paths.data.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert "read-only" in done.stderr and "left as it is" in done.stderr
    assert snapshot(app_paths.data) == before


def test_search_reads_a_store_in_an_unwritable_folder(app_paths, lectern_home):
    fill(app_paths.store_file, count=3)
    before = snapshot(app_paths.data)
    read_only_data_folder(app_paths)
    done = lectern(lectern_home, "search", "--format", "json", privileged=False)
    app_paths.data.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "3 annotations found" in done.stderr
    assert snapshot(app_paths.data) == before


def test_a_store_folder_that_cannot_be_written_is_a_clear_error(app_paths, lectern_home,
                                                                 article, annotation_file):
    read_only_data_folder(app_paths)  # and no store in it yet
    done = lectern(lectern_home, "import", str(annotation_file), "--into", str(article),
                   privileged=False)
    app_paths.data.chmod(0o755)
    assert done.returncode == 1
    assert "read-only" in done.stderr and "Traceback" not in done.stderr


def test_a_store_held_locked_is_reported_busy_and_kept(app_paths, monkeypatch):
    path = app_paths.store_file
    fill(path, count=3)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # so the WAL switch needs the lock
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(schema, "SETUP_DEADLINE_S", 0.2)
    try:
        with pytest.raises(LecternError, match="busy"):
            AnnotationStore.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not [p for p in path.parent.iterdir() if ".corrupt" in p.name]


# --- reading only --------------------------------------------------------------------------
def test_read_only_sees_commits_still_in_the_wal(app_paths):
    path = app_paths.store_file
    writer = AnnotationStore.open(path)
    try:
        writer._db.execute("PRAGMA wal_autocheckpoint = 0")  # keep every commit in the WAL
        writer.apply([("fp", Annotation.from_span(TEXT, 0, 7))])
        assert Path(f"{path}-wal").stat().st_size > 0
        with AnnotationStore.open(path, read_only=True) as reader:
            assert reader.count() == 1
            with pytest.raises(LecternError):
                reader.apply([("fp", Annotation.from_span(TEXT, 8, 12))])
        writer.apply([("fp", Annotation.from_span(TEXT, 8, 12))])  # the writer goes on
        assert writer.count() == 2
    finally:
        writer.close()


def test_read_only_never_makes_or_migrates_a_store(app_paths):
    path = app_paths.store_file
    with pytest.raises(LecternError, match="no annotation store"):
        AnnotationStore.open(path, read_only=True)
    assert not path.exists()
    path.write_bytes(b"")  # made by a Lectern killed before its first setup
    with AnnotationStore.open(path, read_only=True) as store:
        assert store.count() == 0 and store.search() == []
    assert path.read_bytes() == b""


def test_read_only_reads_an_older_store_as_today_s_without_changing_it(app_paths):
    import shutil

    from helpers import FIXTURES

    path = app_paths.store_file
    shutil.copy(FIXTURES / "library" / "store_library_v5.sqlite3", path)
    before = path.read_bytes()
    old = sqlite3.connect(path)
    version, stored = (old.execute("PRAGMA user_version").fetchone()[0],
                       old.execute("SELECT count(*) FROM annotations").fetchone()[0])
    old.close()
    assert 0 < version < SCHEMA_VERSION and stored
    with AnnotationStore.open(path, read_only=True) as store:  # migrated in memory
        assert store.count() == stored and len(store.search()) == stored
        assert store.library.articles() and store.entities.available()
    assert path.read_bytes() == before


# --- damage ----------------------------------------------------------------------------------
def scribble(path: Path, pages: range) -> bytes:
    """Overwrite whole pages of ``path`` with garbage; return the damaged bytes."""
    data = bytearray(path.read_bytes())
    for page in pages:
        data[page * 4096:(page + 1) * 4096] = bytes((i * 37 + page) % 251 for i in range(4096))
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("command", [["search"], ["export", "ARTICLE", "--out", "OUT"]])
def test_a_read_only_command_reports_damage_and_leaves_the_store(app_paths, lectern_home,
                                                                 article, tmp_path, command):
    fill(app_paths.store_file)
    scribble(app_paths.store_file, range(3, 5))
    before = snapshot(app_paths.data)
    args = [{"ARTICLE": str(article), "OUT": str(tmp_path / "out.json")}.get(a, a)
            for a in command]
    done = lectern(lectern_home, *args)
    assert done.returncode == 1
    assert "is damaged" in done.stderr and "left as it is" in done.stderr
    assert_left_as_it_was(app_paths.data, before)
    assert not (tmp_path / "out.json").exists()


def test_a_writing_open_moves_a_damaged_store_aside_and_names_it(app_paths):
    path = app_paths.store_file
    fill(path)
    damaged = scribble(path, range(3, 5))
    with AnnotationStore.open(path) as store:
        assert store.moved_aside is not None and store.moved_aside.read_bytes() == damaged
        assert store.moved_aside.name in store.recovery_message
        assert "brought back at once" in (store.recovery_message or "")
        assert store.count() < 300 and store.integrity_ok()  # what the bad pages held is lost
