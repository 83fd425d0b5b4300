"""The library's timeline and figure conflicts on three articles we wrote (timeline_helpers):
a dated event two of them share, the 2023 trade figure given as $48.6 million, $52.3
million and 48,600,000 dollars; the facts index kept in step with adding, new versions,
removal and undo, and caught up for analyses stored before it existed."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import write
from timeline_helpers import build_library

from lectern.core.errors import LecternError
from lectern.core.library import analyses
from lectern.core.library.adding import add_paths
from lectern.core.library.conflicts import conflicts, passage
from lectern.core.library.facts_index import catch_up, entity_key, subject_key
from lectern.core.library.figures import figure_groups, figure_of
from lectern.core.library.removal import RemoveArticle
from lectern.core.library.timeline import timeline_events
from lectern.core.store.library_facts import FactRow, LibraryFact


@pytest.fixture
def library(store, tmp_path):
    return build_library(store, tmp_path / "articles")


def text_of(store, article: int) -> str:
    return store.library.text(store.library.current_version(article))


def event_on(events, day: str):
    return [e for e in events if e.date == day]


def test_the_shared_event_is_one_event_with_each_article_and_its_passage(store, library):
    (relations,) = event_on(timeline_events(store), "1992-05-20")
    assert relations.articles == sorted([library["harbour.txt"], library["edited.txt"]])
    assert relations.label == "Diplomatic relations between Georgia and Estonia established"
    assert {"Georgia", "Estonia"} <= set(relations.entities)
    for source in relations.sources:
        assert text_of(store, source.article)[source.start:source.end] == "May 20, 1992"
    shape = relations.to_json()
    assert set(shape) == {"date", "label", "articles", "passages"}
    assert set(shape["passages"][0]) == {"article", "start", "end"}
    # The earliest article comes first: a click opens it.
    assert relations.sources[0].article == library["harbour.txt"]


def test_a_year_alone_does_not_join_facts_that_only_share_a_name(store, library):
    year = event_on(timeline_events(store), "2023")
    assert len(year) >= 3 and all(len(e.articles) == 1 for e in year)


def test_a_search_or_chosen_articles_narrow_the_timeline(store, library):
    found = timeline_events(store, query="embassy")
    assert {a for e in found for a in e.articles} == {library["edited.txt"]}
    chosen = timeline_events(store, articles=[library["spelled.txt"]])
    assert {a for e in chosen for a in e.articles} == {library["spelled.txt"]}
    assert timeline_events(store, query="nowhereword") == []
    with pytest.raises(LecternError, match="No article with id 99"):
        timeline_events(store, articles=[99])


def test_the_conflicting_figure_is_listed_and_the_same_figure_in_words_is_not(store, library):
    (conflict,) = conflicts(store)
    assert (conflict.measure.subject_key, conflict.measure.unit, conflict.measure.period) == \
        ("bilateral trade", "USD", "2023")
    low, high = conflict.values
    assert (low.value, high.value) == (48_600_000, 52_300_000)
    # "48,600,000 dollars" is the same figure as "$48.6 million": one value, two articles.
    assert low.articles == sorted([library["harbour.txt"], library["spelled.txt"]])
    assert sorted(f.written for f in low.figures) == ["$48.6 million", "48,600,000 dollars"]
    assert [f.written for f in high.figures] == ["$52.3 million"]
    for group in conflict.values:
        for figure in group.figures:
            text = text_of(store, figure.source.article)
            assert text[figure.source.start:figure.source.end] == figure.written
            assert figure.written in passage(store, figure)
    shape = conflict.to_json()
    assert [v["text"] for v in shape["values"]] == ["$48.6 million", "$52.3 million"]
    assert shape["values"][0]["passages"][0].keys() >= {"article", "start", "end", "written"}


def test_conflicts_among_chosen_articles_or_a_search_s_only(store, library):
    harbour, edited, spelled = (library[n] for n in ("harbour.txt", "edited.txt",
                                                     "spelled.txt"))
    assert conflicts(store, articles=[harbour, spelled]) == []  # those two agree
    (between,) = conflicts(store, articles=[harbour, edited])
    assert [g.articles for g in between.values] == [[harbour], [edited]]
    assert conflicts(store, query="embassy") == []  # one article cannot disagree with itself
    with pytest.raises(LecternError, match="No article with id 999"):
        conflicts(store, articles=[999])


def add_texts(store, folder: Path, texts: dict[str, str]) -> None:
    add_paths(store, [write(folder, name, text) for name, text in texts.items()])
    analyses.run_pending(store, workers=1)


def test_rounding_and_about_are_not_conflicts_but_a_real_difference_is(store, tmp_path):
    add_texts(store, tmp_path, {
        "a.txt": "Budget\n\nThe city budget was $35.1 million in 2020.\n",
        "b.txt": "Budget again\n\nThe city budget was 35,123,456 dollars in 2020.\n",
        "c.txt": "Port report\n\nThe port handled about 1,200 ships in 2022.\n",
        "d.txt": "Port figures\n\nThe port handled 1,250 ships in 2022.\n",
    })
    assert conflicts(store) == []
    add_texts(store, tmp_path, {"e.txt": "Port slump\n\nThe port handled 900 ships in 2022.\n"})
    (ships,) = conflicts(store)
    assert ships.measure.subject_key == "port handled ships"
    assert [g.value for g in ships.values] == [900, 1250]  # the exact value names the group
    assert len(ships.values[1].figures) == 2  # "about 1,200" agrees with 1,250


def fact(written: str, number: float, approx: bool = False) -> LibraryFact:
    row = FactRow(1, 0, "count", "ferry carried passengers", "ferry carried passengers",
                  number, None, "passengers", approx, "2022", written, 0, len(written), 0,
                  len(written), "")
    return LibraryFact(row, 1, "", "", "")


def test_a_range_agrees_with_a_value_inside_it_and_not_with_one_outside():
    ranged = figure_of(fact("10-12 million", 10e6))
    assert ranged.agrees(figure_of(fact("11 million", 11e6)))
    assert ranged.agrees(figure_of(fact("12.4 million", 12.4e6)))  # 12 million, rounded
    assert not ranged.agrees(figure_of(fact("15 million", 15e6)))
    assert figure_of(fact("about 300", 300, approx=True)).agrees(figure_of(fact("320", 320)))
    assert not figure_of(fact("300", 300)).agrees(figure_of(fact("320", 320)))


def test_figures_are_grouped_by_unit_and_by_entity(store, library):
    by_unit = figure_groups(store)
    money = next(g for g in by_unit if g.title == "Money (USD)")
    trade = next(b for b in money.bars if b.period == "2023")
    assert trade.articles == sorted(library.values()) and trade.value == 48_600_000
    by_entity = figure_groups(store, by="entity")
    assert any(g.entity == "Batumi" and g.kind == "count" for g in by_entity)


def test_the_index_follows_a_new_article_a_new_version_removal_and_undo(store, library,
                                                                         tmp_path):
    folder = tmp_path / "articles"
    harbour = library["harbour.txt"]
    (before,) = event_on(timeline_events(store), "1992-05-20")
    # A new version of harbour.txt without the sentence: its old facts no longer show.
    path = folder / "harbour.txt"
    path.write_text(path.read_text().replace("Diplomatic relations between Georgia and "
                                             "Estonia were established on May 20, 1992.", ""))
    add_paths(store, [path])
    analyses.run_pending(store, workers=1)
    (after,) = event_on(timeline_events(store), "1992-05-20")
    assert harbour in before.articles and harbour not in after.articles
    # Removing the other teller takes the event away; undo brings it back.
    removal = RemoveArticle(store, library["edited.txt"])
    removal.do()
    assert event_on(timeline_events(store), "1992-05-20") == []
    removal.undo()
    assert event_on(timeline_events(store), "1992-05-20")[0].articles == [library["edited.txt"]]


def test_an_analysis_stored_before_the_index_existed_is_caught_up(store, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setattr(analyses, "INDEXER_MODULES", ())
    build_library(store, tmp_path / "articles")
    assert store.facts.dated() == []  # nothing indexed as the analyses were stored
    monkeypatch.undo()
    assert catch_up(store) == 3
    assert event_on(timeline_events(store), "1992-05-20")[0].articles
    assert catch_up(store) == 0  # done once


def test_keys_ignore_case_accents_punctuation_and_filler_words():
    assert subject_key("The bilateral-trade") == subject_key("bilateral trade")
    assert subject_key("Tamás' budget") == subject_key("tamas budget")
    assert entity_key("U.S.  Treasury", "ORG") == entity_key("u.s. treasury", "ORG")
    assert entity_key("Georgia", "GPE") != entity_key("Georgia", "PERSON")


def test_figures_by_entity_follow_the_curation(store, library):
    from lectern.core.library.curation import reject, rename
    from lectern.core.library.entities import list_entities

    places = {e.name: e.id for e in list_entities(store)}
    assert any(g.entity == "Batumi" for g in figure_groups(store, by="entity"))
    rename(store, places["Batumi"], "Batumi (port city)")
    entities = {g.entity for g in figure_groups(store, by="entity")}
    assert "Batumi (port city)" in entities and "Batumi" not in entities
    reject(store, places["Batumi"])
    assert not any(g.entity and "Batumi" in g.entity
                   for g in figure_groups(store, by="entity"))
