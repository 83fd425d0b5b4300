"""``report`` and ``quotes`` through main.main: CSV header and rows, JSON shapes, pending
analyses run first, ``--out`` written atomically and refused inside Lectern's folders."""

from __future__ import annotations

import csv
import io
import json

from reports_helpers import build, tag_overlapping

from lectern.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def library(app_paths, tmp_path, analyse=True):
    store, ids = build(tmp_path, app_paths.store_file, analyse=analyse)
    with store:
        tag_overlapping(store, ids)
    return ids


def test_report_tags_as_csv_has_the_header_and_a_row_per_tag_and_article(
        capsys, app_paths, tmp_path):
    ids = library(app_paths, tmp_path)
    code, out, err = run(capsys, "report", "tags", "--format", "csv")
    assert code == 0 and err.strip() == "4 rows"
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["tag", "article", "outlet", "count"]
    assert sorted(rows[1:]) == sorted([
        ["Claim", str(ids["first"]), "Harbour Post", "2"],
        ["Figure", str(ids["first"]), "Harbour Post", "1"],
        ["Person", str(ids["first"]), "Harbour Post", "2"],
        ["Person", str(ids["third"]), "Harbour Post", "1"]])


def test_report_cooccurrence_and_sources(capsys, app_paths, tmp_path):
    library(app_paths, tmp_path, analyse=False)  # the report analyses what is pending
    code, out, _ = run(capsys, "report", "cooccurrence", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["tag_a", "tag_b", "count"] and rows[1] == ["Figure", "Person", "2"]
    assert code == 0
    _, out, _ = run(capsys, "report", "sources", "--format", "json")
    found = {row["speaker"]: row for row in json.loads(out)}
    assert found["Teymur Musayev"] == {"speaker": "Teymur Musayev", "quotes": 2,
                                       "articles": 2, "named": True}
    assert found["officials"]["named"] is False
    _, out, _ = run(capsys, "report", "sources")
    assert out.splitlines()[0].split() == ["Speaker", "Quotes", "Articles", "Named"]
    assert "Teymur Musayev" in out.splitlines()[1] and out.splitlines()[1].endswith("yes")


def test_report_out_writes_the_file_and_refuses_lecterns_own_folders(capsys, app_paths,
                                                                     tmp_path):
    library(app_paths, tmp_path)
    target = tmp_path / "sources.csv"
    code, out, err = run(capsys, "report", "sources", "--out", str(target))
    assert code == 0 and out == "" and "written to sources.csv" in err
    assert target.read_text(encoding="utf-8-sig").startswith("speaker,quotes,articles,named")
    code, _, err = run(capsys, "report", "tags", "--out", str(app_paths.store_file))
    assert code == 1 and "lectern:" in err
    assert app_paths.store_file.read_bytes()[:15] == b"SQLite format 3"


def test_quotes_ledger_json_and_the_flat_list(capsys, app_paths, tmp_path):
    ids = library(app_paths, tmp_path)
    code, out, err = run(capsys, "quotes", "--ledger", "--format", "json")
    assert code == 0 and err.strip() == "1 entry"
    (entry,) = json.loads(out)
    assert set(entry) == {"text", "speakers", "occurrences"}
    assert [(o["article"], o["differs"]) for o in entry["occurrences"]] == [
        (ids["first"], None), (ids["second"], "truncated"), (ids["third"], "attribution")]
    assert set(entry["occurrences"][0]) == {"article", "start", "end", "speaker", "differs"}
    code, out, _ = run(capsys, "quotes", "--format", "json")
    quotes = json.loads(out)
    assert len(quotes) == 5 and {q["attribution"] for q in quotes} == {"named", "unnamed"}
    code, out, _ = run(capsys, "quotes", "--ledger")
    assert out.startswith("“We will not let the port") and "truncated" in out


def test_the_ledger_command_names_speakers_as_the_curation_does(capsys, app_paths, tmp_path):
    library(app_paths, tmp_path)
    _, out, _ = run(capsys, "entities", "--type", "PERSON", "--format", "json")
    people = {e["name"]: e["id"] for e in json.loads(out)}
    run(capsys, "entity", "merge", str(people["Teymur Musayev"]), str(people["Nadia Orlova"]))
    _, out, _ = run(capsys, "quotes", "--ledger", "--format", "json")
    (entry,) = json.loads(out)
    assert entry["speakers"] == ["Teymur Musayev"]  # one person now: no attribution conflict
    assert "attribution" not in [o["differs"] for o in entry["occurrences"]]


def test_an_empty_home_reports_nothing_and_creates_no_store(capsys, lectern_home):
    code, out, _ = run(capsys, "report", "tags", "--format", "csv")
    assert code == 0 and out == "tag,article,outlet,count\n"
    assert not any(lectern_home.rglob("*.sqlite3"))
