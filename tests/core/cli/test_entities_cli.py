"""``entities``, ``entity ...`` and ``extract`` with and without ``--raw``, through main.main:
the JSON shape the issue names, ids stable through curation, each step saying what it
changed, pending analyses run first."""

from __future__ import annotations

import json

from entity_helpers import EDITED, OTHER, SEED
from library_helpers import write

from lectern.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys, *extra: str) -> dict[str, dict]:
    code, out, _ = run(capsys, "entities", "--format", "json", *extra)
    assert code == 0
    return {e["name"]: e for e in json.loads(out)}


def test_entities_json_after_pending_analyses_and_curation(capsys, tmp_path, app_paths):
    folder = tmp_path / "in"
    for name, text in (("seed.txt", SEED), ("edited.txt", EDITED), ("other.txt", OTHER)):
        write(folder, name, text)
    assert run(capsys, "add", str(folder), "--no-analysis")[0] == 0
    found = listed(capsys)  # the analyses were pending: `entities` ran them
    musayev = found["Teymur Musayev"]
    assert set(musayev) == {"id", "name", "type", "aliases", "articles", "mentions",
                            "first_seen", "last_seen"}
    assert musayev["type"] == "PERSON" and len(musayev["articles"]) == 3
    assert set(listed(capsys, "--type", "person")) == {"Teymur Musayev", "Kadri Tamm",
                                                       "Mart Kask"}
    usa = found["United States"]
    code, out, _ = run(capsys, "entity", "merge", str(usa["id"]), str(found["Baku"]["id"]))
    assert code == 0 and out.startswith("Merged entity") and "Baku" in out
    after = listed(capsys)
    assert "Baku" not in after and after["United States"]["id"] == usa["id"]
    assert "Baku" in after["United States"]["aliases"]
    code, out, _ = run(capsys, "entity", "rename", str(musayev["id"]), "Teymur", "Musayev", "Jr")
    assert out.strip() == (f"Renamed entity {musayev['id']} “Teymur Musayev” to "
                           "“Teymur Musayev Jr”.")
    assert listed(capsys)["Teymur Musayev Jr"]["id"] == musayev["id"]
    code, out, _ = run(capsys, "entity", "retype", str(found["Caspian"]["id"]), "LOC")
    assert "now LOC (was ORG)" in out
    code, out, _ = run(capsys, "entity", "reject", str(found["Caspian"]["id"]))
    assert "Rejected" in out and "Caspian" not in listed(capsys)
    for expected in ("Rejected", "is now LOC", "Renamed", "Merged"):
        code, out, _ = run(capsys, "entity", "undo")
        assert code == 0 and out.startswith("Undid: ") and expected in out
    assert listed(capsys) == found
    code, _, err = run(capsys, "entity", "undo")
    assert code == 1 and "no curation step" in err


def test_split_and_suggestions_from_the_shell(capsys, tmp_path, app_paths):
    folder = tmp_path / "in"
    write(folder, "seed.txt", SEED)
    write(folder, "typo.txt", "Talks\n\nTeymur Musaev met officials.\n")
    run(capsys, "add", str(folder))
    found = listed(capsys)
    code, out, _ = run(capsys, "entity", "suggestions", "--format", "json")
    pair = next(s for s in json.loads(out) if s["other_name"] == "Teymur Musaev")
    assert pair["keep"] == found["Teymur Musayev"]["id"] and pair["reason"] == "spelling"
    code, out, _ = run(capsys, "entity", "accept", str(pair["keep"]), str(pair["other"]))
    assert "Merged" in out and "Teymur Musaev" not in listed(capsys)
    code, out, _ = run(capsys, "entity", "split", str(pair["keep"]))
    assert "back" in out and listed(capsys)["Teymur Musaev"]["id"] == pair["other"]
    code, out, _ = run(capsys, "entity", "dismiss", str(pair["keep"]), str(pair["other"]))
    assert "not suggested again" in out
    code, out, _ = run(capsys, "entity", "suggestions")
    assert "Teymur Musaev" not in out
    code, _, err = run(capsys, "entity", "merge", "4040", str(pair["keep"]))
    assert code == 1 and "no entity 4040" in err


def test_extract_applies_the_library_curation_unless_raw(capsys, tmp_path, app_paths):
    folder = tmp_path / "in"
    seed = write(folder, "seed.txt", SEED)
    run(capsys, "add", str(folder))
    tamm = listed(capsys)["Kadri Tamm"]
    run(capsys, "entity", "rename", str(tamm["id"]), "Kadri Tamm-Kask")
    _, out, _ = run(capsys, "extract", str(seed))
    curated = {e["name"] for e in json.loads(out)["entities"]}
    _, out, _ = run(capsys, "extract", str(seed), "--raw")
    raw = {e["name"] for e in json.loads(out)["entities"]}
    assert "Kadri Tamm-Kask" in curated and "Kadri Tamm" not in curated
    assert "Kadri Tamm" in raw and "Kadri Tamm-Kask" not in raw
