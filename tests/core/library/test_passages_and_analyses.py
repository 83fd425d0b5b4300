"""Passages across articles filtered by tags (any / all), words, article, outlet and date,
exported to CSV, Markdown and a W3C collection; analyses stored per version with the
analyser's version."""

from __future__ import annotations

import csv
import io
import json

import pytest
from library_helpers import write

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.library import analyses
from lectern.core.library.adding import add_paths
from lectern.core.library.passage_export import export_passages
from lectern.core.library.passages import PassageQuery, passages

HTML = """<html><head><title>Port deal</title>
<meta property="og:site_name" content="Baltic Times">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-03-04",
 "author": {"@type": "Person", "name": "Jaan Tamm"}}</script></head>
<body><h1>Port deal</h1><p>The port of Tallinn signed a deal worth 12 million euros with
the city. The mayor said it was a good day for the harbour and its workers.</p></body></html>
"""
TEXT = ("Bridge vote\n\nFriday, July 21, 2017\n\nBy Ana Costa\n\nThe council voted to build a "
        "bridge. Critics said the money should go to schools.\n")


@pytest.fixture
def coded(tmp_path, store):
    folder = tmp_path / "in"
    write(folder, "port.html", HTML)
    write(folder, "bridge.txt", TEXT)
    add_paths(store, [folder])
    for name, spans in (("port.html", [("signed a deal", ["Claim"], "worth checking"),
                                       ("a good day", ["Quote", "Claim"], "")]),
                        ("bridge.txt", [("build a bridge", ["Claim"], "vote count?"),
                                        ("Critics said", ["Quote"], "")])):
        document = load_document(folder / name)
        session = AnnotationSession(document, store)
        for phrase, tags, note in spans:
            start = document.text.index(phrase)
            session.add(start, start + len(phrase), tags, note=note)
    return folder


def quotes(found):
    return sorted(p.annotation.exact for p in found)


def test_metadata_from_meta_tags_json_ld_and_the_first_lines(store, coded):
    articles = {a.title: a for a in store.library.articles()}
    port, bridge = articles["Port deal"], articles["Bridge vote"]
    assert (port.outlet, port.byline, port.published) == ("Baltic Times", "Jaan Tamm",
                                                          "2021-03-04")
    assert (bridge.byline, bridge.published) == ("Ana Costa", "2017-07-21")


def test_tags_any_or_all_across_articles(store, coded):
    assert quotes(passages(store, PassageQuery(tags=("claim",)))) == [
        "a good day", "build a bridge", "signed a deal"]
    assert quotes(passages(store, PassageQuery(tags=("Claim", "Quote")))) == [
        "Critics said", "a good day", "build a bridge", "signed a deal"]
    assert quotes(passages(store, PassageQuery(tags=("Claim", "Quote"), all_tags=True))) == [
        "a good day"]


def test_words_article_outlet_and_dates(store, coded):
    port = next(a for a in store.library.articles() if a.title == "Port deal")
    assert quotes(passages(store, PassageQuery(words="CHECKING"))) == ["signed a deal"]
    assert quotes(passages(store, PassageQuery(article=port.id))) == ["a good day",
                                                                      "signed a deal"]
    assert quotes(passages(store, PassageQuery(outlet="baltic times"))) == ["a good day",
                                                                            "signed a deal"]
    assert quotes(passages(store, PassageQuery(dated_from="2020-01-01"))) == [
        "a good day", "signed a deal"]
    assert quotes(passages(store, PassageQuery(dated_to="2017-07-21"))) == [
        "Critics said", "build a bridge"]


def test_exports_carry_each_quote_with_its_citation(tmp_path, store, coded):
    found = passages(store, PassageQuery(tags=("Claim",)))
    assert export_passages(tmp_path / "p.md", found) == "3 passages written to p.md"
    markdown = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert "> signed a deal\n\n— *Port deal*, Baltic Times, 2021-03-04 (port.html) · Claim" \
        in markdown
    export_passages(tmp_path / "p.csv", found)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "p.csv").read_text("utf-8-sig"))))
    assert {r["quote"] for r in rows} == {"signed a deal", "a good day", "build a bridge"}
    assert {r["outlet"] for r in rows} == {"Baltic Times", ""}
    export_passages(tmp_path / "p.json", found)
    collection = json.loads((tmp_path / "p.json").read_text("utf-8"))
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 3
    sources = {item["target"][0]["source"] if isinstance(item["target"], list)
               else item["target"]["source"] for item in collection["first"]["items"]}
    assert {s.rsplit("/", 1)[-1] for s in sources} == {"port.html", "bridge.txt"}


def test_analyses_are_stored_with_the_analysers_version_and_rerun_when_it_changes(
        store, coded, monkeypatch):
    assert len(analyses.pending(store)) == 2
    assert analyses.run_pending(store) == 2
    assert analyses.pending(store) == []
    version = store.library.current_version(store.library.articles()[0].id)
    stored = analyses.stored_analysis(store, version)
    assert stored is not None and stored["document"]["length"] > 0
    analyses.analyser_version.cache_clear()
    monkeypatch.setattr(analyses, "BACKEND", "builtin-next")  # the analyser changed
    try:
        assert len(analyses.pending(store)) == 2
        assert analyses.stored_analysis(store, version) is None
    finally:
        analyses.analyser_version.cache_clear()


def test_a_process_pool_analyses_many(tmp_path, store):
    folder = tmp_path / "many"
    for n in range(analyses.POOL_FROM):
        write(folder, f"a{n}.txt", f"Story {n}\n\nMayor Ana Costa of Tallinn said on Monday "
                                   f"that {n + 2} bridges would cost 12 million euros.\n")
    add_paths(store, [folder])
    assert analyses.run_pending(store, workers=2) == analyses.POOL_FROM
    assert analyses.pending(store) == []
