"""``timeline`` and ``conflicts`` through main.main: each analyses what is pending first,
prints the JSON shapes the issue names, and tables by default."""

from __future__ import annotations

import json

from timeline_helpers import write_articles

from lectern.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def added(capsys, tmp_path) -> dict[str, int]:
    write_articles(tmp_path / "in")
    code, out, _ = run(capsys, "add", str(tmp_path / "in"), "--no-analysis", "--format", "json")
    assert code == 0
    return {a["path"].rsplit("/", 1)[-1]: a["id"] for a in json.loads(out)["added"]}


def test_timeline_json_analyses_first_and_groups_the_shared_event(capsys, tmp_path,
                                                                  app_paths):
    ids = added(capsys, tmp_path)
    code, out, err = run(capsys, "timeline", "--format", "json")
    assert code == 0
    events = json.loads(out)
    assert all(set(e) == {"date", "label", "articles", "passages"} for e in events)
    (relations,) = [e for e in events if e["date"] == "1992-05-20"]
    assert relations["articles"] == sorted([ids["harbour.txt"], ids["edited.txt"]])
    assert {p["article"] for p in relations["passages"]} == set(relations["articles"])
    assert f"{len(events)} events" in err
    code, out, _ = run(capsys, "timeline", "--articles", str(ids["spelled.txt"]),
                       "--format", "json")
    assert {a for e in json.loads(out) for a in e["articles"]} == {ids["spelled.txt"]}
    code, out, _ = run(capsys, "timeline", "--query", "embassy")
    assert out.splitlines()[0].split() == ["Date", "Event", "Articles"]
    assert "September 2006" in out and "20 May 1992" in out


def test_conflicts_lists_values_as_numbers_and_as_written(capsys, tmp_path, app_paths):
    ids = added(capsys, tmp_path)
    code, out, err = run(capsys, "conflicts", "--format", "json")
    assert code == 0 and "1 conflict" in err
    (conflict,) = json.loads(out)
    assert conflict["measure"] == {"subject": "bilateral trade", "unit": "USD",
                                   "period": "2023", "kind": "money"}
    assert [v["value"] for v in conflict["values"]] == [48_600_000, 52_300_000]
    assert sorted(p["written"] for p in conflict["values"][0]["passages"]) == \
        ["$48.6 million", "48,600,000 dollars"]
    code, out, _ = run(capsys, "conflicts")
    assert "bilateral trade (2023)" in out and "$52.3 million" in out
    agreeing = f"{ids['harbour.txt']},{ids['spelled.txt']}"  # the same figure, told twice
    code, out, err = run(capsys, "conflicts", "--articles", agreeing, "--format", "json")
    assert code == 0 and json.loads(out) == [] and "0 conflicts" in err
    code, out, _ = run(capsys, "conflicts", "--query", "embassy OR relations",
                       "--format", "json")
    assert code == 0 and len(json.loads(out)) == 1  # harbour and edited disagree


def test_bad_input_is_refused_in_words(capsys, tmp_path, app_paths):
    code, _, err = run(capsys, "conflicts")
    assert code != 0 and "library is empty" in err
    added(capsys, tmp_path)
    code, _, err = run(capsys, "timeline", "--articles", "4242")
    assert code != 0 and "No article with id 4242" in err
