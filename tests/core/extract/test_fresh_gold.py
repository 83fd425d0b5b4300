"""The hand-made gold of the fresh articles is consistent with the articles it describes."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES

from lectern.core.document import load_document

FRESH = FIXTURES / "fresh"
RECORDS = [json.loads(line) for line in (FRESH / "gold.jsonl").read_text("utf-8").splitlines()]


def test_there_are_at_least_twenty_articles():
    assert len(RECORDS) >= 20


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_every_gold_span_is_the_text_at_its_offsets(record):
    text = record["text"]
    assert load_document(FRESH / record["file"]).text == text  # offsets count canonical text
    for span in record["entities"] + record["facts"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"], span
    for quote in record["quotes"]:
        assert text.startswith(quote["opening"], quote["start"])
