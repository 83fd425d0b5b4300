"""The window's Save and Export go through the same guard as the command line: never onto
Lectern's own store, and a brat pair is written both or neither."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ARTICLE, make_window, tag_phrase

from lectern.core.formats.exchange import Format
from lectern.core.store import AnnotationStore


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path.resolve()


@pytest.mark.parametrize("fmt", [Format.W3C, Format.BRAT])
def test_the_window_refuses_to_export_onto_its_own_store(qtbot, app_paths, article, fmt):
    window = make_window(qtbot, app_paths, article)
    tag_phrase(qtbot, window, "Ana Costa", "1")
    files = window.annotations.files
    assert not files.export(fmt, app_paths.store_file)
    assert not files.save_to(app_paths.store_file)
    assert "Lectern's own folder" in window.last_error_box.informativeText() + \
        window.last_error_box.text()
    with AnnotationStore.open(app_paths.store_file, read_only=True) as store:
        assert store.count() == 1
