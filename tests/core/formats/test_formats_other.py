"""CSV and JSONL exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.formats.csv_format import CSV_COLUMNS, dumps_csv, neutralise_cell, save_csv
from lectern.core.formats.prodigy import dumps_prodigy

TEXT = "=SUM(A1) is not a formula. -5 degrees, +3 points, @user said\tthat."


def test_neutralise_cell() -> None:
    for risky in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise_cell(risky) == "'" + risky
    assert neutralise_cell("plain") == "plain"
    assert neutralise_cell("") == ""


def test_csv_rows(tmp_path: Path) -> None:
    formula = Annotation.from_span(TEXT, 0, 8, tags=["Figure", "Claim"], note="-check\nthis")
    minus = Annotation.from_span(TEXT, TEXT.index("-5"), TEXT.index("-5") + 10)
    orphan = Annotation(start=-1, end=-1, exact="@gone", status=AnchorStatus.ORPHAN)
    path = tmp_path / "out.csv"
    save_csv(path, [minus, formula, orphan])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == ["", "", "'@gone", "", "", orphan.created, "orphan"]
    assert rows[2] == ["0", "8", "'=SUM(A1)", "Figure; Claim", "'-check\nthis", formula.created,
                       "anchored"]
    assert rows[3][2] == "'-5 degrees"
    assert len(rows) == 4


def test_csv_empty() -> None:
    assert dumps_csv([]) == ",".join(CSV_COLUMNS) + "\r\n"


def test_prodigy_shape_is_what_jsonl_always_wrote() -> None:
    text = "Jane 😀 met Paris."
    person = Annotation.from_span(text, 0, 4, tags=["Person"])
    both = Annotation.from_span(text, 11, 16, tags=["Place", "Organisation"])
    plain = Annotation.from_span(text, 5, 6)
    orphan = plain.with_changes(status=AnchorStatus.ORPHAN, id="x")
    line, skipped, _ = dumps_prodigy(text, [both, plain, person, orphan])
    assert line.endswith("\n") and line.count("\n") == 1 and skipped == 1
    record = json.loads(line)
    assert record["text"] == text and record["answer"] == "accept"
    assert record["spans"] == [
        {"start": 0, "end": 4, "label": "Person"},
        {"start": 5, "end": 6, "label": "Highlight"},
        {"start": 11, "end": 16, "label": "Place"},
        {"start": 11, "end": 16, "label": "Organisation"},
    ]
    assert text[11:16] == "Paris"
