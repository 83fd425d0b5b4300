"""``python main.py extract``: output formats, errors, and no Qt on the way."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from helpers import REPO_ROOT as REPO

from lectern import main
from lectern.core.resources import sample_article

SAMPLE_ARTICLE = sample_article()



def run_main(args, capsys):
    code = main.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_output(capsys, monkeypatch):
    code, out, _ = run_main(["extract", str(SAMPLE_ARTICLE)], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["document"]["length"] == len(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    assert any(e["name"] == "Nino Kapanadze" for e in data["entities"])


def test_csv_output_has_mentions_facts_and_quotes(capsys):
    code, out, _ = run_main(["extract", str(SAMPLE_ARTICLE), "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["record"] for row in rows} == {"mention", "fact", "quote"}
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["text"]


def test_missing_file_exits_1_with_a_message(capsys, tmp_path):
    code, out, err = run_main(["extract", str(tmp_path / "nope.txt")], capsys)
    assert code == 1 and out == ""
    assert err.startswith("lectern: ")


def test_spacy_backend_without_spacy_is_a_clear_error(capsys):
    pytest.importorskip  # noqa: B018 - documents that spaCy is optional here
    from lectern.core.extract.spacy_backend import available_model

    if available_model() is not None:
        pytest.skip("a spaCy model is installed")
    code, _, err = run_main(["extract", str(SAMPLE_ARTICLE), "--backend", "spacy"], capsys)
    assert code == 1 and "spaCy" in err


def test_extract_path_imports_no_qt():
    script = (
        "import sys, io\nfrom lectern import main\n"
        "sys.stdout = io.StringIO()\n"
        f"code = main.main(['extract', {str(SAMPLE_ARTICLE)!r}])\n"
        "assert code == 0, code\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')\n"
        "       or m.startswith('lectern.gui')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True)


def test_core_extract_imports_no_qt():
    script = (
        "import sys, core.extract, core.extract.spacy_backend, core.cli.extract\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')\n"
        "       or m.startswith('lectern.gui')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True)
