"""Every save and export refuses Lectern's own folders, the article, and anything that is not
a regular file or a new name; a link is followed, checked and written through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lectern.core.annotations import Annotation
from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats.exchange import Format, export_annotations
from lectern.core.output_paths import output_target
from lectern.core.paths import AppPaths
from lectern.core.settings import Settings
from lectern.core.store import AnnotationStore
from lectern.main import main

ARTICLE = "Tallinn and Tbilisi signed a trade deal on Monday.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def stored(article: Path, app_paths: AppPaths) -> bytes:
    """An annotation in the store; the store's bytes (checkpointed) for comparison."""
    with AnnotationStore.open(app_paths.store_file) as store:
        AnnotationSession(load_document(article), store).add(0, 7, ["Place"])
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return app_paths.store_file.read_bytes()


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


# --- the command line ----------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["w3c", "csv", "jsonl", "brat"])
def test_export_onto_the_store_is_refused_and_the_store_kept(capsys, article, stored,
                                                             app_paths, fmt):
    code, err = run(capsys, "export", str(article), "--format", fmt, "--out",
                    str(app_paths.store_file))
    assert code == 1 and "Lectern's own folder" in err
    assert app_paths.store_file.read_bytes() == stored


@pytest.mark.parametrize("where", ["data", "config", "cache"])
def test_nothing_is_saved_inside_lecterns_folders(article, app_paths, where):
    out = getattr(app_paths, where) / "notes.json"
    with pytest.raises(LecternError, match="Lectern's own folder"):
        export_annotations(Format.W3C, out, load_document(article),
                           [Annotation.from_span(ARTICLE, 0, 7)], protected=app_paths)
    assert not out.exists()


def test_the_default_protection_is_the_installation_the_environment_names(article,
                                                                          app_paths):
    with pytest.raises(LecternError, match="Lectern's own folder"):
        export_annotations(Format.W3C, app_paths.store_file, load_document(article), [])


def test_a_link_to_the_store_is_refused(capsys, article, stored, app_paths, tmp_path):
    link = tmp_path / "innocent.json"
    link.symlink_to(app_paths.store_file)
    code, err = run(capsys, "export", str(article), "--out", str(link))
    assert code == 1 and "Lectern's own folder" in err
    assert app_paths.store_file.read_bytes() == stored and link.is_symlink()


def test_a_hard_link_to_the_store_is_refused(article, app_paths, stored, tmp_path):
    twin = tmp_path / "twin.json"
    os.link(app_paths.store_file, twin)
    with pytest.raises(LecternError, match="Lectern's own file"):
        output_target(twin, app_paths)


def test_a_link_elsewhere_is_written_through_and_stays_a_link(capsys, article, stored,
                                                              tmp_path):
    real = tmp_path / "exports" / "notes.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "notes.json"
    link.symlink_to(real)
    code, _ = run(capsys, "export", str(article), "--out", str(link))
    assert code == 0 and link.is_symlink() and '"Annotation"' in real.read_text()


def test_a_link_to_the_article_is_refused(capsys, article, stored, tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to(article)
    code, err = run(capsys, "export", str(article), "--out", str(link))
    assert code == 1 and "would overwrite the article" in err
    assert article.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: os.mkfifo(p), "FIFO"),
    (lambda p: p.mkdir(), "folder"),
    (lambda p: p.symlink_to(p), "symbolic link loop"),
    (lambda p: p.symlink_to("/dev/null"), "character device"),
    (lambda p: None, None),
])
def test_only_a_regular_file_or_a_new_name_is_written(tmp_path, app_paths, make, message):
    target = tmp_path / "out.json"
    make(target)
    if message is None:
        assert output_target(target, app_paths) == Path(os.path.realpath(target))
        return
    with pytest.raises(LecternError, match=message):
        output_target(target, app_paths)


def test_a_name_in_a_missing_folder_is_refused(tmp_path, app_paths):
    with pytest.raises(LecternError, match="its folder does not exist"):
        output_target(tmp_path / "nowhere" / "out.json", app_paths)


# --- the window's screenshot and the settings ------------------------------------------------
def test_a_screenshot_onto_the_store_is_refused_and_the_store_kept(capsys, article, stored,
                                                                   app_paths):
    code, err = run(capsys, "--home", str(app_paths.data.parent), str(article),
                    "--screenshot", str(app_paths.store_file))
    assert code == 1 and "Lectern's own folder" in err
    with AnnotationStore.open(app_paths.store_file, read_only=True) as store:  # the window
        assert store.count() == 1 and store.integrity_ok()  # wrote to it, as a store


def test_settings_are_written_through_a_link(tmp_path):
    real = tmp_path / "dotfiles" / "settings.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "settings.json"
    link.symlink_to(real)
    settings = Settings(link)
    settings.set("reading_size", 20)
    settings.save()
    assert link.is_symlink() and Settings(real).reading_size == 20


def test_settings_never_wait_on_a_fifo(tmp_path):
    fifo = tmp_path / "settings.json"
    os.mkfifo(fifo)
    settings = Settings(fifo)  # read: refused like a damaged file, and set aside
    assert settings.reading_size == 13.0
    os.mkfifo(fifo)
    with pytest.raises(LecternError, match="FIFO"):
        settings.save()
