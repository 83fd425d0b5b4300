"""Opening a library article whose analysis is stored fills the panels from it (the current
analyser made it), and analyses afresh when another analyser made it."""

from __future__ import annotations

import json
import zlib

import pytest
from helpers import show_window
from library_helpers import write

from lectern.core.document import load_document
from lectern.core.library import analyses
from lectern.core.library.adding import add_paths
from lectern.core.store import AnnotationStore

TEXT = "Port deal\n\nThe port of Tallinn signed a deal with Maria Tamm on Monday.\n"


def stored_with(app_paths, path, analyser):
    """The article kept with an analysis whose person is renamed, so a panel shows which
    analysis it reads."""
    with AnnotationStore.open(app_paths.store_file) as store:
        add_paths(store, [path.parent])
        version = store.library.version_of(load_document(path).fingerprint)
        analysis = analyses.analysis_of_json(json.loads(zlib.decompress(
            analyses.analyse_text(TEXT, "Port deal", ""))))
        person = next(e for e in analysis.entities if e.name == "Maria Tamm")
        person.name = "Maria Tamm (stored)"
        body = zlib.compress(json.dumps(analysis.to_json()).encode())
        store.library.put_analysis(version.id, analyser, body)


@pytest.mark.parametrize("current", [True, False])
def test_the_panels_read_the_stored_analysis_of_the_current_analyser(qtbot, app_paths,
                                                                     tmp_path, current):
    path = write(tmp_path / "in", "port.txt", TEXT)
    stored_with(app_paths, path, analyses.analyser_version() if current else "builtin:old")
    window = show_window(qtbot, app_paths)
    try:
        assert window.open_file(path)
        qtbot.waitUntil(lambda: window.analysis.result is not None, timeout=10_000)
        result = window.analysis.result
        assert result.stored is current
        names = {e.name for e in result.analysis.entities}
        assert ("Maria Tamm (stored)" in names) is current
        assert ("Maria Tamm" in names) is not current
        assert result.document is window.document
    finally:
        window.analysis.runner.shutdown()
