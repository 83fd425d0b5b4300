"""The rules' vocabulary is data: one loader reads every list under resources/lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectern.core.extract import gazetteers
from lectern.core.resources import resource_folder

LEXICON = Path(resource_folder("lexicon"))
FILES = sorted(LEXICON.iterdir())


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_list_says_what_it_is_and_loads(path):
    assert path.read_text("utf-8").startswith("# "), "a list opens with a comment saying what"
    if path.suffix == ".tsv":
        table = gazetteers.lexicon_table(path.stem)
        assert table and all(key and value for key, value in table.items())
    else:
        assert gazetteers.lexicon_words(path.stem)


def test_the_verbs_of_speech_are_each_listed_once():
    say, report = gazetteers.lexicon_words("say_verbs"), gazetteers.lexicon_words("report_verbs")
    speech = set(gazetteers.lexicon_phrases("speech_verbs"))
    assert not (say & report or say & speech or report & speech)


@pytest.mark.parametrize(
    ("lookup", "name", "expected"),
    [
        ("numbers", "number_words", ("twenty", 20)),
        ("numbers", "scales", ("billion", 1_000_000_000)),
        ("table", "currency_symbols", ("€", "EUR")),
        ("table", "currency_words", ("zlotys", "PLN")),
        ("phrases", "hedges", "more than"),
        ("words", "honorifics", "hon"),
    ],
)
def test_lists_hold_their_worked_examples(lookup, name, expected):
    if lookup == "numbers":
        assert gazetteers.lexicon_numbers(name)[expected[0]] == expected[1]
    elif lookup == "table":
        assert gazetteers.lexicon_table(name)[expected[0]] == expected[1]
    elif lookup == "phrases":
        assert expected in gazetteers.lexicon_phrases(name)
    else:
        assert expected in gazetteers.lexicon_words(name)


def test_month_abbreviations_are_the_shorter_spellings():
    short = gazetteers.month_abbreviations()
    assert {"sept", "oct", "jun"} <= short and not {"may", "june", "march"} & short
