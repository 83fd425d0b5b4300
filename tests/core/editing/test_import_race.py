"""Importing the same annotations from several Lecterns at once stores each of them once, and
simultaneous first uses of a fresh store never fail with "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from helpers import REPO_ROOT

from lectern.core.annotations import Annotation
from lectern.core.document import Document, load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.formats.exchange import Format, export_annotations
from lectern.core.store import AnnotationStore

CHILD = REPO_ROOT / "tests" / "race_child.py"
TEXT = "Tallinn and Tbilisi signed a trade deal worth 3 million euros on Monday. " * 30 + "\n"
COUNT = 48


def annotations() -> list[Annotation]:
    return [Annotation.from_span(TEXT, i * 13, i * 13 + 7, ["Place"], f"n{i}")
            for i in range(COUNT)]


def test_two_instances_importing_at_once_store_each_annotation_once(app_paths):
    first = AnnotationStore.open(app_paths.store_file)
    second = AnnotationStore.open(app_paths.store_file)
    try:
        document = Document.from_text(TEXT)
        # Both open the article before either imports: each starts from an empty set.
        a, b = AnnotationSession(document, first), AnnotationSession(document, second)
        a.import_annotations(annotations())
        # The same annotations under other ids (another export of them): already there.
        report = b.import_annotations([x.with_changes(id=str(uuid.uuid4()))
                                       for x in annotations()])
        assert report.after == []
        assert first.count(document.fingerprint) == COUNT
    finally:
        first.close()
        second.close()


def start_together(commands: list[list[str]], env: dict[str, str]) -> list[tuple[int, str]]:
    """Run the children, each released only once all are loaded; (exit code, output)."""
    children = [subprocess.Popen([sys.executable, str(CHILD), *command], env=env,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True) for command in commands]
    for child in children:
        assert child.stdout.readline() == "ready\n"
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    return [(child.wait(timeout=120), child.communicate()[0]) for child in children]


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, list[Path]]:
    """The article and four W3C files of the same 48 annotations, each with its own ids."""
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    files = []
    for n in range(4):
        out = tmp_path / f"copy{n}.json"
        export_annotations(Format.W3C, out, load_document(article),
                           [a.with_changes(id=str(uuid.uuid4())) for a in annotations()])
        files.append(out)
    return article, files


def import_race(tmp_path: Path, article: Path, files: list[Path], rounds: int) -> None:
    for n in range(rounds):
        home = tmp_path / f"home{n}"  # a fresh LECTERN_HOME: the store is made in the race
        results = start_together([["main", "import", str(f), "--into", str(article)]
                                  for f in files], {**os.environ, "LECTERN_HOME": str(home)})
        assert [code for code, _ in results] == [0] * len(files), results
        with AnnotationStore.open(home / "data" / "annotations.sqlite3") as store:
            assert store.count() == COUNT, f"round {n}"
        added = [int(out.split("Imported ")[1].split()[0]) for _, out in results]
        assert sorted(added) == [0, 0, 0, COUNT]


def test_four_processes_importing_at_once_store_each_annotation_once(tmp_path, copies):
    import_race(tmp_path, *copies, rounds=3)


@pytest.mark.slow
def test_four_processes_importing_at_once_30_times(tmp_path, copies):
    import_race(tmp_path, *copies, rounds=30)


def first_opens(tmp_path: Path, processes: int, stores: int) -> None:
    paths = [str(tmp_path / f"fresh{n}" / "annotations.sqlite3") for n in range(stores)]
    results = start_together([["open", *paths]] * processes, dict(os.environ))
    assert [out for _, out in results if out] == []
    with AnnotationStore.open(paths[-1], read_only=True) as store:
        assert store.count() == 0 and store.tag_scheme() is None


def test_simultaneous_first_opens_never_fail_with_locked(tmp_path):
    first_opens(tmp_path, processes=6, stores=100)


@pytest.mark.slow
def test_simultaneous_first_opens_1000_stores(tmp_path):
    first_opens(tmp_path, processes=8, stores=1000)


def test_the_w3c_copies_really_differ_in_ids(copies):
    _, files = copies
    ids = [{item["id"] for item in json.loads(f.read_text())["first"]["items"]} for f in files]
    assert all(len(s) == COUNT for s in ids) and len(set.union(*ids)) == 4 * COUNT
