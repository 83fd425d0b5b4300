"""The hand-made gold of the second fresh set is consistent with the articles it describes."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES

from lectern.core.document import load_document

FRESH2 = FIXTURES / "fresh2"
RECORDS = [json.loads(line) for line in (FRESH2 / "gold.jsonl").read_text("utf-8").splitlines()]


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_every_gold_span_is_the_text_at_its_offsets(record):
    text = record["text"]
    assert load_document(FRESH2 / record["file"]).text == text  # offsets count canonical text
    for span in record["entities"] + record["ignore_spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"], span
    assert {e["label"] for e in record["entities"]} <= {"PERSON", "ORG", "LOC"}
