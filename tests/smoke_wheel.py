"""Smoke test of an installed Lectern (a wheel in a clean venv), run from outside the checkout.

    python tests/smoke_wheel.py VENV_BIN_DIR

Runs the ``lectern`` command the wheel installed: help, the analysis, a headless screenshot
of the window, export / import / search on an article written for the test, the library's
commands (add, find, entities, timeline, conflicts, quotes, report, --show), and checks
that site-packages holds no generic top-level names and that resources come from it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ARTICLE = ("Port reopens after storm\n\nGDANSK, May 2, 2026 - The port of Gdansk reopened on "
           "Friday after a storm closed it for two days, harbour master Ewa Nowak said.\n")


def run(bin_dir: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LECTERN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(bin_dir / "lectern"), *args], capture_output=True, text=True,
                            env=env, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"lectern {' '.join(args)} failed ({result.returncode}):\n"
                         f"{result.stdout}\n{result.stderr}")
    return result


def main() -> None:
    bin_dir = Path(sys.argv[1]).resolve()
    python = bin_dir / "python"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.chdir(work)  # nothing of the checkout is on the path from here
        home = work / "home"
        site = subprocess.run([str(python), "-c", "import lectern, sysconfig; "
                               "print(sysconfig.get_paths()['purelib']); "
                               "from lectern.core.resources import sample_article; "
                               "print(sample_article())"], capture_output=True, text=True,
                              check=True).stdout.split()
        purelib, sample = Path(site[0]), Path(site[1])
        assert sample.is_relative_to(purelib), f"the sample comes from {sample}, not the wheel"
        generic = [n for n in ("core", "gui", "main.py", "resources") if (purelib / n).exists()]
        assert not generic, f"the wheel put generic names in site-packages: {generic}"

        assert "extract" in run(bin_dir, "--help", home=home).stdout
        analysis = json.loads(run(bin_dir, "extract", str(sample), home=home).stdout)
        assert any(e["name"] == "Nino Kapanadze" for e in analysis["entities"])
        shot = work / "window.png"
        run(bin_dir, "--screenshot", str(shot), "--size", "1024x700", home=home)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "no PNG was written"

        article = work / "port.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        (work / "out").mkdir()
        start = ARTICLE.index("Ewa Nowak")
        notes = work / "notes.json"
        notes.write_text(json.dumps({"type": "Annotation", "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": "Person"}],
            "target": {"selector": [{"type": "TextPositionSelector", "start": start,
                                     "end": start + 9}]}}), encoding="utf-8")
        run(bin_dir, "import", str(notes), "--into", str(article), home=home)
        run(bin_dir, "export", str(article), "--format", "brat", "--out",
            str(work / "out" / "port.ann"), home=home)
        assert "\tPerson " in (work / "out" / "port.ann").read_text(encoding="utf-8")
        found = json.loads(run(bin_dir, "search", "--tag", "Person", "--format", "json",
                               home=home).stdout)
        assert [hit["quote"] for hit in found] == ["Ewa Nowak"]

        # The library's commands, with the analysis the wheel's word lists drive.
        added = json.loads(run(bin_dir, "add", str(article), str(sample), "--format", "json",
                               home=home).stdout)
        assert len(added["added"]) + len(added["present"]) == 2 and not added["refused"]
        hits = json.loads(run(bin_dir, "find", "Gdansk", "--format", "json",
                              home=home).stdout)["hits"]
        assert any(hit["where"] == "text" for hit in hits)
        people = json.loads(run(bin_dir, "entities", "--type", "PERSON", "--format", "json",
                                home=home).stdout)
        assert "Ewa Nowak" in {entity["name"] for entity in people}
        for command in (["library"], ["timeline"], ["conflicts"], ["quotes", "--ledger"],
                        ["report", "sources", "--format", "csv"]):
            run(bin_dir, *command, home=home)
        run(bin_dir, "--screenshot", str(shot), "--show", "library", home=home)
    print("smoke test of the installed wheel: ok")


if __name__ == "__main__":
    main()
