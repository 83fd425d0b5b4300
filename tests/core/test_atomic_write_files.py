"""Saves of several files (a brat .txt and its .ann): a failure or a kill at any moment leaves
the old pair or the new pair once the next Lectern has started, never a mix; temporaries
that killed saves left behind are removed, and only those whose process is gone."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO_ROOT

from lectern.core.atomic_write import atomic_write_bytes, atomic_write_files
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.core.write_journal import finish_pending_writes
from lectern.main import main

CHILD = REPO_ROOT / "tests" / "kill_during_save.py"
OLD_TEXT = "Tallinn and Tbilisi signed a deal on Monday.\n"
NEW_TEXT = "Tallinn and Tbilisi signed a new deal on Friday.\n"


def pair(out: Path) -> tuple[bytes | None, bytes | None]:
    txt, ann = out.with_suffix(".txt"), out.with_suffix(".ann")
    return (txt.read_bytes() if txt.exists() else None,
            ann.read_bytes() if ann.exists() else None)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- in one process --------------------------------------------------------------------------
def test_both_files_are_written_and_nothing_is_left(tmp_path: Path, app_paths: AppPaths):
    a, b = tmp_path / "a.txt", tmp_path / "a.ann"
    a.write_bytes(b"old a")
    atomic_write_files({a: b"new a", b: b"new b"}, app_paths.pending_writes)
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"new b")
    assert leftovers(tmp_path) == [] and list(app_paths.pending_writes.iterdir()) == []


@pytest.mark.parametrize(("name", "number"), [("replace", 2), ("replace", 3), ("write", 2),
                                              ("write", 3), ("fsync", 3)])
def test_a_failure_midway_leaves_the_old_pair(tmp_path, app_paths, monkeypatch, name, number):
    a, b = tmp_path / "a.txt", tmp_path / "a.ann"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    real = getattr(os, name)
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, flaky)
    with pytest.raises(LecternError, match="disk is full"):
        atomic_write_files({a: b"new a", b: b"new b"}, app_paths.pending_writes)
    monkeypatch.undo()
    assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b")
    assert leftovers(tmp_path) == [] and list(app_paths.pending_writes.iterdir()) == []


def test_a_file_system_without_hard_links_still_gets_both_files(tmp_path, app_paths,
                                                               monkeypatch):
    a, b = tmp_path / "a.txt", tmp_path / "a.ann"
    a.write_bytes(b"old a")

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)  # the backup of the old file is a copy then
    atomic_write_files({a: b"new a", b: b"new b"}, app_paths.pending_writes)
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"new b")
    assert leftovers(tmp_path) == []


def test_a_link_is_written_through_and_stays_a_link(tmp_path, app_paths):
    real = tmp_path / "elsewhere" / "notes.txt"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "a.txt"
    link.symlink_to(real)
    atomic_write_files({link: b"new a", tmp_path / "a.ann": b"new b"}, app_paths.pending_writes)
    assert link.is_symlink() and real.read_bytes() == b"new a"
    atomic_write_bytes(link, b"newer")
    assert link.is_symlink() and real.read_bytes() == b"newer"


# --- killed: a child process SIGKILLs itself at a chosen system call -------------------------
@pytest.fixture
def scene(tmp_path: Path):
    """An article whose brat export (old pair) exists; the article has since changed."""
    home, article, out = tmp_path / "home", tmp_path / "article.txt", tmp_path / "out.ann"
    article.write_text(OLD_TEXT, encoding="utf-8")
    assert export(home, article, out, "old", "any:0").returncode == 0
    old = pair(out)
    article.write_text(NEW_TEXT, encoding="utf-8")
    return home, article, out, old


def export(home: Path, article: Path, out: Path, note: str,
           kill_at: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHILD), str(home), str(article), str(out), note,
                           kill_at], capture_output=True, text=True, timeout=60)


def settle(home: Path) -> list[str]:
    paths = AppPaths.from_environment(home)
    return finish_pending_writes(paths.pending_writes, paths.folders)


def killed_then_settled(scene, kill_at: str) -> tuple[bytes | None, bytes | None]:
    home, article, out, _ = scene
    done = export(home, article, out, "new", kill_at)
    assert done.returncode == -9, done.stderr  # SIGKILL, not a normal end
    return settled(scene)


def settled(scene) -> tuple[bytes | None, bytes | None]:
    """The pair once the next start has finished what a killed export left."""
    home, _, out, _ = scene
    settle(home)
    assert leftovers(out.parent) == []
    assert list(AppPaths.from_environment(home).pending_writes.iterdir()) == []
    return pair(out)


def new_pair(scene) -> tuple[bytes | None, bytes | None]:
    home, article, _, _ = scene
    out = article.with_name("fresh.ann")
    assert export(home, article, out, "new", "any:0").returncode == 0
    return pair(out)


def test_killed_after_the_first_replace_the_next_start_completes(scene):
    # os.replace calls: the journal into place, then the .txt, then the .ann.
    assert killed_then_settled(scene, "replace:3") == new_pair(scene)


def test_killed_while_writing_the_new_files_the_next_start_rolls_back(scene):
    # os.write calls: the journal, then the new .txt, then the new .ann.
    assert killed_then_settled(scene, "write:3") == scene[3]


def test_any_lectern_command_settles_an_interrupted_save(scene, monkeypatch, capsys):
    home, article, out, _ = scene
    assert export(home, article, out, "new", "replace:3").returncode == -9
    assert pair(out)[0] == NEW_TEXT.encode() and b"new" not in pair(out)[1]  # a mixed pair
    monkeypatch.setenv("LECTERN_HOME", str(home))
    assert main(["search"]) == 0
    assert "Finished saving" in capsys.readouterr().err
    assert pair(out) == new_pair(scene)


def test_the_window_is_told_what_was_settled_at_its_start(scene, monkeypatch):
    """Started from a menu nobody reads stderr: the window gets the sentences to show."""
    import lectern.gui.shell.app as app

    home, article, out, _ = scene
    assert export(home, article, out, "new", "replace:3").returncode == -9
    told: list[str] = []
    monkeypatch.setattr(app, "run_gui", lambda args, paths, size, settled=(): told.extend(
        settled) or 0)
    assert main(["--home", str(home), str(article)]) == 0
    assert len(told) == 1 and told[0].startswith("Finished saving") and str(out) in told[0]


@pytest.mark.slow
def test_a_kill_at_every_system_call_leaves_the_old_or_the_new_pair(scene):
    home, article, out, old = scene
    finished = export(home, article, out, "new", "any:0")
    calls = json.loads(finished.stdout.replace("'", '"'))["any"]
    new = pair(out)
    outcomes = set()
    for number in range(1, calls + 1):
        # Put the old pair back, then kill the export at its number-th call.
        out.with_suffix(".txt").write_bytes(old[0])
        out.with_suffix(".ann").write_bytes(old[1])
        done = export(home, article, out, "new", f"any:{number}")
        if done.returncode == 0:  # past its last call: every one of them was a kill point
            # (the first export made files once that later ones find made, so they call less)
            assert number > 10 and pair(out) == new, done.stdout
            break
        assert done.returncode == -9, done.stderr  # SIGKILL, not a normal end
        result = settled(scene)
        assert result in (old, new), f"a mixed pair after a kill at call {number}"
        outcomes.add("new" if result == new else "old")
    assert outcomes == {"old", "new"}


# --- leftovers of killed saves ---------------------------------------------------------------
def dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_the_next_save_to_a_folder_removes_temporaries_of_dead_processes(tmp_path):
    gone = tmp_path / f".notes.json.{dead_pid()}-123.tmp"
    live = tmp_path / f".notes.json.{os.getppid()}-456.tmp"
    unrelated = tmp_path / ".notes.json.tmp"
    for path in (gone, live, unrelated):
        path.write_bytes(b"half a save")
    atomic_write_bytes(tmp_path / "other.json", b"{}")
    assert not gone.exists() and live.exists() and unrelated.exists()


def test_the_next_start_removes_temporaries_in_lecterns_folders(app_paths, monkeypatch):
    gone = app_paths.config / f".settings.json.{dead_pid()}-1.tmp"
    gone.write_bytes(b"{half")
    monkeypatch.setenv("LECTERN_HOME", str(app_paths.data.parent))
    assert main(["search"]) == 0
    assert not gone.exists()


def test_a_journal_of_a_live_save_is_left_alone(tmp_path, app_paths):
    journal = app_paths.pending_writes / f"{os.getppid()}-1.json"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps({"version": 1, "pid": os.getppid(), "files": []}))
    assert finish_pending_writes(app_paths.pending_writes) == []
    assert journal.exists()


def test_an_unreadable_journal_is_kept_aside_and_reported(app_paths):
    app_paths.pending_writes.mkdir(parents=True)
    (app_paths.pending_writes / f"{dead_pid()}-1.json").write_text("{damaged")
    (message,) = finish_pending_writes(app_paths.pending_writes)
    assert "cannot be read" in message
    assert [p.name.endswith(".damaged.json") for p in app_paths.pending_writes.iterdir()] == [True]
