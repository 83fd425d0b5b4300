"""Atomic saves: a failure at any step leaves the old file byte-identical and no temp file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import lectern.core.atomic_write as atomic
from lectern.core.annotations import Annotation
from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.errors import LecternError
from lectern.core.formats.w3c import save_w3c

OLD = b'{"old": "contents that must survive"}\n'


def fail_on_call(monkeypatch, name: str, number: int, code: int) -> None:
    """Make ``os.<name>`` raise OSError(code) on its ``number``-th call."""
    real = getattr(os, name)
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(atomic.os, name, flaky)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "notes.json")


@pytest.mark.parametrize(("name", "number", "code", "reason"), [
    ("write", 1, errno.ENOSPC, "the disk is full"),
    ("write", 3, errno.ENOSPC, "the disk is full"),
    ("fsync", 1, errno.EIO, "input/output error"),
    ("replace", 1, errno.EACCES, "permission denied"),
    ("open", 1, errno.EACCES, "permission denied"),
    ("close", 1, errno.EDQUOT, "quota"),
])
def test_failure_keeps_old_file(tmp_path: Path, monkeypatch, name, number, code,
                                reason) -> None:
    target = tmp_path / "notes.json"
    target.write_bytes(OLD)
    real_write = os.write
    # Small chunks so that a later write call can be the one that fails.
    monkeypatch.setattr(atomic.os, "write", lambda fd, data: real_write(fd, bytes(data[:10])))
    fail_on_call(monkeypatch, name, number, code)
    with pytest.raises(LecternError, match=reason) as error:
        atomic_write_bytes(target, b"new contents " * 100)
    assert str(error.value).startswith(f"Could not save “{target}”")
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_failed_annotation_save_keeps_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "notes.json"
    target.write_bytes(OLD)
    fail_on_call(monkeypatch, "write", 1, errno.ENOSPC)
    annotation = Annotation.from_span("some text", 0, 4)
    with pytest.raises(LecternError, match="disk is full"):
        save_w3c(target, [annotation], "a.txt", "f")
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_success_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    target.write_bytes(OLD)
    target.chmod(0o640)
    atomic_write_bytes(target, b"fresh")
    assert target.read_bytes() == b"fresh"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_new_file_and_missing_folder(tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "notes.json", b"first")
    assert (tmp_path / "notes.json").read_bytes() == b"first"
    with pytest.raises(LecternError, match="folder does not exist"):
        atomic_write_bytes(tmp_path / "missing" / "notes.json", b"x")


def test_folder_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "notes.json").mkdir()
    with pytest.raises(LecternError, match="folder of that name"):
        atomic_write_bytes(tmp_path / "notes.json", b"x")


def test_folder_fsync_failure_is_not_fatal(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "notes.json"
    fail_on_call(monkeypatch, "fsync", 2, errno.EINVAL)  # the second fsync is the folder's
    atomic_write_bytes(target, b"data")
    assert target.read_bytes() == b"data"
