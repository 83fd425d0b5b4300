"""Reading user files: a regular file only, never a hang, one clear message per failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lectern.core.errors import LecternError
from lectern.core.file_input import read_input_file


def test_a_regular_file_is_read(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"news")
    assert read_input_file(path, 100) == b"news"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path):
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(LecternError, match="is a FIFO"):
        read_input_file(fifo, 100, "article")


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: None, "does not exist"),
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: p.symlink_to(p), "symbolic link loop"),
    (lambda p: p.write_bytes(b"x" * 200), "0.0 MB; Lectern reads a file of up to 0 MB"),
])
def test_each_failure_has_its_own_message(tmp_path: Path, make, message):
    path = tmp_path / "thing.txt"
    make(path)
    with pytest.raises(LecternError, match=message):
        read_input_file(path, 100)


def test_a_device_is_not_a_regular_file():
    with pytest.raises(LecternError, match="character device"):
        read_input_file("/dev/zero", 100)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_file_says_permission_denied(tmp_path: Path):
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(LecternError, match="permission denied"):
        read_input_file(path, 100)
