"""The optional spaCy backend gives the same output shape; skipped without spaCy and a model."""

from __future__ import annotations

import pytest
from extract_helpers import assert_offsets_valid

from core.document import load_document
from core.extract import analyze
from core.extract.spacy_backend import available_model
from core.paths import SAMPLE_ARTICLE

pytestmark = pytest.mark.skipif(available_model() is None, reason="no spaCy English model")


def test_spacy_backend_output_shape():
    document = load_document(SAMPLE_ARTICLE)
    analysis = analyze(document, backend="spacy")
    assert analysis.backend == "spacy"
    assert_offsets_valid(document.text, analysis)
    assert any(e.label == "PERSON" for e in analysis.entities)
    assert len(analysis.quotes) == 2
