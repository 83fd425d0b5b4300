"""A damaged store gives back its library too: the articles' kept texts, their versions,
outlet and date, from real store files with pages overwritten."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from lectern.core.annotations import Annotation
from lectern.core.library.adding import add_paths
from lectern.core.library.find import find
from lectern.core.store import AnnotationStore
from tests.core.store.test_store_salvage import scribble
from tests.library_helpers import write

PAGE_OF_HTML = """<html><head><title>Port of Poti expands</title>
<meta property="og:site_name" content="Caucasus Ledger">
<meta property="article:published_time" content="2026-03-02T09:00:00Z"></head>
<body><article><h1>Port of Poti expands</h1>
<p>The port of Poti opened a second grain terminal on Monday, its director said.</p>
<p>{more}</p></article></body></html>"""


def build_library(folder: Path, store_file: Path) -> dict[str, str]:
    """Three articles, one of them with two versions; returns each current text by title."""
    write(folder, "poti.html", PAGE_OF_HTML.format(more="Ships queued for a week."))
    write(folder, "narva.txt", "Narva bridge reopens\n\nThe bridge at Narva reopened to "
                               "lorries after repairs costing 4 million euros.\n" * 3)
    write(folder, "riga.txt", "Riga fair draws buyers\n\nThe Riga food fair drew 12,000 "
                              "buyers from nine countries.\n")
    for n in range(40):  # enough texts for several pages: damage can hit one and spare others
        write(folder, f"fair-{n}.txt", f"Fair number {n} closes\n\n" + " ".join(
            f"Stall {n}-{k} sold {k * 7 + n} jars of honey to visitors." for k in range(60)))
    with AnnotationStore.open(store_file) as store:
        add_paths(store, [folder])
        write(folder, "poti.html", PAGE_OF_HTML.format(more="Ships no longer queue."))
        add_paths(store, [folder / "poti.html"])
        article = next(a for a in store.library.articles() if a.title == "Narva bridge reopens")
        version = store.library.version(store.library.current_version(article.id) or 0)
        assert version is not None
        text = store.library.text(version.id) or ""
        start = text.index("4 million euros")
        store.apply([(version.fingerprint,
                      Annotation.from_span(text, start, start + 15, ["Figure"], "repair bill"))])
        return {a.title: store.library.text(store.library.current_version(a.id) or 0) or ""
                for a in store.library.articles()}


def library_of(store: AnnotationStore) -> dict[str, tuple[str, str, str, int]]:
    found = {}
    for article in store.library.articles():
        current = store.library.current_version(article.id)
        found[article.title] = (store.library.text(current or 0) or "", article.outlet,
                                article.published, len(store.library.versions(article.id)))
    return found


def test_recovery_brings_back_every_article_with_its_versions_outlet_and_date(
        app_paths, tmp_path):
    old_store = tmp_path / "old.sqlite3"
    texts = build_library(tmp_path / "articles", old_store)
    with AnnotationStore.open(app_paths.store_file) as store:
        report = store.recover_from(old_store)
        assert report.texts == 44 and "44 kept texts" in report.summary()
        library = library_of(store)
        assert {title: entry[0] for title, entry in library.items()} == texts
        assert library["Port of Poti expands"][1:] == ("Caucasus Ledger", "2026-03-02", 2)
        assert "Ships no longer queue." in library["Port of Poti expands"][0]
        hits = find(store, "lorries")
        assert [hit.title for hit in hits if hit.where == "text"] == ["Narva bridge reopens"]
        assert [a.note for _, a in store.tagged("Figure")] == ["repair bill"]
        again = store.recover_from(old_store)  # what it keeps already is left as it is
        assert again.texts == 0 and len(store.library.articles()) == 43


def test_a_text_on_a_damaged_page_is_left_out_whole_and_the_rest_come_back(
        app_paths, tmp_path):
    old_store = tmp_path / "old.sqlite3"
    texts = build_library(tmp_path / "articles", old_store)
    db = sqlite3.connect(old_store)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = [n - 1 for (n,) in db.execute(
        "SELECT pageno FROM dbstat WHERE name = 'texts' AND pagetype = 'leaf'")]
    db.close()
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copyfile(old_store, damaged)
    assert len(pages) > 3
    scribble(damaged, pages[1:2])
    with AnnotationStore.open(app_paths.store_file) as store:
        report = store.recover_from(damaged)
        recovered = {title: entry[0] for title, entry in library_of(store).items()}
    assert report.unreadable >= 1
    for title, text in recovered.items():  # never a garbled or partial text
        assert texts.get(title, text) == text or title == "Port of Poti expands"
        assert text in texts.values() or "Ships queued" in text
    assert 30 < len(recovered) < 43
