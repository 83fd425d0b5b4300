"""Lectern's folders: one that cannot be made or written is a clear error, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import unprivileged

from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths
from lectern.main import main


def test_a_home_that_is_a_file_is_a_clear_error(tmp_path: Path):
    home = tmp_path / "home"
    home.write_text("not a folder")
    with pytest.raises(LecternError, match="is a file, not a folder"):
        AppPaths.from_environment(home).ensure()


def test_a_home_folder_under_a_file_is_a_clear_error(tmp_path: Path):
    (tmp_path / "file").write_text("in the way")
    with pytest.raises(LecternError, match="cannot make its folder"):
        AppPaths.from_environment(tmp_path / "file" / "home").ensure()


def test_a_data_name_taken_by_a_file_is_a_clear_error(tmp_path: Path):
    (tmp_path / "data").write_text("in the way")
    with pytest.raises(LecternError, match="a file of that name is in the way"):
        AppPaths.from_environment(tmp_path).ensure()


def test_an_unwritable_home_is_a_clear_error(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)
    tmp_path.chmod(0o755)
    script = ("import sys\nfrom lectern.core.errors import LecternError\n"
              "from lectern.core.paths import AppPaths\n"
              "try:\n    AppPaths.from_environment(sys.argv[1]).ensure()\n"
              "except LecternError as error:\n    print(error)\n")
    done = subprocess.run(unprivileged([sys.executable, "-c", script, str(home)]),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "permission denied" in done.stdout and str(home / "data") in done.stdout


def test_the_window_with_a_home_that_is_a_file_exits_with_a_message(tmp_path, capsys):
    home = tmp_path / "home"
    home.write_text("not a folder")
    assert main(["--home", str(home), "--screenshot", str(tmp_path / "shot.png")]) == 1
    assert "lectern: Lectern cannot" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["search"], ["import", "a.json", "--into", "b.txt"],
                                     ["export", "b.txt", "--out", "c.json"]])
def test_a_command_with_a_home_that_is_a_file_says_so(tmp_path, capsys, monkeypatch,
                                                      command):
    from lectern.core.annotations import Annotation
    from lectern.core.document import load_document
    from lectern.core.formats.w3c import save_w3c

    home = tmp_path / "home"
    home.write_text("not a folder")
    (tmp_path / "b.txt").write_text("Tallinn and Tbilisi.\n")
    save_w3c(tmp_path / "a.json", [Annotation.from_span("Tallinn and Tbilisi.\n", 0, 7)],
             "b.txt", load_document(tmp_path / "b.txt").fingerprint)
    monkeypatch.chdir(tmp_path)
    code = main(["--home", str(home), *command])  # a traceback would raise out of main
    err = capsys.readouterr().err
    if command[0] == "search":
        assert code == 0 and "0 annotations found" in err
    elif command[0] == "import":
        assert code == 1 and "is a file, not a folder" in err
    else:
        assert code == 1 and "no stored annotations" in err
