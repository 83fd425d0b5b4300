"""The optional spaCy backend: same output shape, and grouping, roles, facts and quotes on top.

Tests that need spaCy and an English pipeline skip cleanly without them; the model choice
rules are plain Python and always run.
"""

from __future__ import annotations

import io
import json
import sys

import pytest
from helpers import (
    EVAL_DIR,
    SEED_ARTICLE,
    assert_gold_facts_found,
    assert_offsets_valid,
    assert_sample_basics,
    person,
)

from lectern import main
from lectern.core.document import load_document
from lectern.core.errors import LecternError
from lectern.core.extract import AnalysisCancelled, analyze
from lectern.core.extract.spacy_backend import MODEL_ENV_VAR, _preference, available_model
from lectern.core.resources import sample_article

SAMPLE_ARTICLE = sample_article()


needs_model = pytest.mark.skipif(available_model() is None, reason="no spaCy English pipeline")
needs_seed = pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="../shared/seeds is absent")


def json_keys(value, path=""):
    """Every key path of a JSON value ("entities[].mentions[].start")."""
    if isinstance(value, dict):
        keys = set()
        for key, item in value.items():
            keys |= {f"{path}.{key}"} | json_keys(item, f"{path}.{key}")
        return keys
    if isinstance(value, list):
        return set().union(*(json_keys(item, path + "[]") for item in value))
    return set()


@pytest.fixture(scope="module")
def sample():
    document = load_document(SAMPLE_ARTICLE)
    return document, analyze(document, backend="spacy")


@pytest.fixture(scope="module")
def seed():
    document = load_document(SEED_ARTICLE)
    return document, analyze(document, backend="spacy")


# --- which pipeline: no spaCy needed ---------------------------------------------------


def test_english_pipelines_are_preferred_small_first():
    names = ["xx_ent_wiki_sm", "en_core_web_lg", "en_core_web_sm_repack", "en_core_web_sm"]
    assert sorted(names, key=_preference) == [
        "en_core_web_sm",
        "en_core_web_sm_repack",
        "en_core_web_lg",
        "xx_ent_wiki_sm",
    ]


def test_a_named_pipeline_that_is_not_installed_is_not_available(monkeypatch):
    monkeypatch.setenv(MODEL_ENV_VAR, "en_no_such_pipeline")
    assert available_model() is None


# --- with spaCy and a pipeline ----------------------------------------------------------


@needs_model
def test_output_shape_equals_the_builtin_one(sample):
    document, analysis = sample
    builtin = analyze(document)
    assert analysis.backend == "spacy"
    assert json_keys(analysis.to_json()) == json_keys(builtin.to_json())
    assert analysis.entities and analysis.facts and analysis.quotes
    assert_offsets_valid(document.text, analysis)


@needs_model
def test_sample_people_roles_facts_and_quotes(sample):
    _, analysis = sample
    assert_sample_basics(analysis)


@needs_model
@needs_seed
def test_seed_people_facts_and_quotes_match_the_gold(seed):
    document, analysis = seed
    assert_offsets_valid(document.text, analysis)
    gold = json.loads((EVAL_DIR / "seed_gold.json").read_text(encoding="utf-8"))
    for gold_person in gold["people"]:
        entity = person(analysis, gold_person["name"])
        assert entity.role == gold_person["role"]
        assert [m.text for m in entity.mentions] == gold_person["mentions"]
    assert_gold_facts_found(analysis, gold["facts"])
    assert len(analysis.quotes) == len(gold["quotes"])
    for quote, gold_quote in zip(analysis.quotes, gold["quotes"], strict=True):
        assert gold_quote["quote_starts"] in quote.text
        assert gold_quote["quote_ends"] in quote.text
        assert analysis.entity(quote.speaker).name == gold_quote["speaker"]


@needs_model
def test_offsets_stay_exact_after_astral_characters_and_crlf():
    from lectern.core.document import Document

    text = "😀🎉 Health Minister Teymur Musayev said\r\nabout 1,200 students came in 2021.\r\n"
    analysis = analyze(Document(text=text, title="t"), backend="spacy")
    assert_offsets_valid(text, analysis)


@needs_model
def test_progress_is_reported_and_cancel_stops_it():
    document = load_document(SAMPLE_ARTICLE)
    seen: list[float] = []
    analyze(document, backend="spacy", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(AnalysisCancelled):
        analyze(document, backend="spacy", cancelled=lambda: True)


@needs_model
def test_command_line_prints_the_spacy_analysis(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main.main(["extract", str(SAMPLE_ARTICLE), "--backend", "spacy"]) == 0
    data = json.loads(sys.stdout.getvalue())
    assert data["backend"] == "spacy"
    assert data["entities"] and data["facts"] and data["quotes"]


@needs_model
def test_a_missing_named_pipeline_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(MODEL_ENV_VAR, "en_no_such_pipeline")
    with pytest.raises(LecternError, match="en_no_such_pipeline"):
        analyze(load_document(SAMPLE_ARTICLE), backend="spacy")
