"""A stored analysis reads back as the Analysis it was made from, and only when the
current analyser made it."""

from __future__ import annotations

import json
import zlib

from library_helpers import write

from lectern.core.document import load_document
from lectern.core.extract import analyze
from lectern.core.library import analyses
from lectern.core.library.adding import add_paths
from lectern.core.resources import sample_article


def test_an_analysis_reads_back_whole():
    document = load_document(sample_article())
    analysis = analyze(document)
    assert analysis.entities and analysis.facts and analysis.quotes
    body = zlib.compress(json.dumps(analysis.to_json()).encode())
    assert analyses.analysis_of_body((analyses.analyser_version(), body)) == analysis
    assert analyses.analysis_of_body(("builtin:an-older-one", body)) is None


def test_the_stored_body_of_a_kept_text(tmp_path, store):
    path = write(tmp_path / "in", "port.txt", "Port deal\n\nThe port of Tallinn signed a "
                                              "deal with Maria Tamm on Monday.\n")
    add_paths(store, [path.parent])
    fingerprint = load_document(path).fingerprint
    assert analyses.stored_body(store, fingerprint) is None  # not analysed yet
    assert analyses.run_pending(store) == 1
    analyser, body = analyses.stored_body(store, fingerprint)
    assert analyser == analyses.analyser_version()
    back = analyses.analysis_of_body((analyser, body))
    assert back is not None and back.fingerprint == fingerprint
    assert "Tallinn" in {e.name for e in back.entities}
    assert analyses.stored_body(store, "0" * 64) is None  # a text the library never kept
