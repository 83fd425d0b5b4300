"""What the built-in analysis finds in the seed article and in our bundled sample."""

from __future__ import annotations

import json

import pytest
from helpers import (
    EVAL_DIR,
    SEED_ARTICLE,
    assert_gold_facts_found,
    assert_offsets_valid,
    assert_sample_basics,
    person,
)

from lectern.core.document import Document, load_document
from lectern.core.extract import AnalysisCancelled, analyze
from lectern.core.resources import sample_article

SAMPLE_ARTICLE = sample_article()


needs_seed = pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="../shared/seeds is absent")


@pytest.fixture(scope="module")
def sample():
    document = load_document(SAMPLE_ARTICLE)
    return document, analyze(document)


@pytest.fixture(scope="module")
def seed():
    document = load_document(SEED_ARTICLE)
    return document, analyze(document)


@needs_seed
def test_seed_people_are_grouped_with_roles(seed):
    document, analysis = seed
    gold = json.loads((EVAL_DIR / "seed_gold.json").read_text(encoding="utf-8"))
    for gold_person in gold["people"]:
        entity = person(analysis, gold_person["name"])
        assert entity.role == gold_person["role"]
        assert [m.text for m in entity.mentions] == gold_person["mentions"]
    assert_offsets_valid(document.text, analysis)


@needs_seed
def test_seed_facts_match_the_gold(seed):
    _, analysis = seed
    gold = json.loads((EVAL_DIR / "seed_gold.json").read_text(encoding="utf-8"))
    assert_gold_facts_found(analysis, gold["facts"])


@needs_seed
def test_seed_quotes_have_their_speakers(seed):
    _, analysis = seed
    gold = json.loads((EVAL_DIR / "seed_gold.json").read_text(encoding="utf-8"))
    assert len(analysis.quotes) == len(gold["quotes"])
    for quote, gold_quote in zip(analysis.quotes, gold["quotes"], strict=True):
        assert gold_quote["quote_starts"] in quote.text
        assert gold_quote["quote_ends"] in quote.text
        assert quote.speaker_name == gold_quote["speaker"]
        assert analysis.entity(quote.speaker).name == gold_quote["speaker"]


def test_sample_people_roles_money_dates_and_quotes(sample):
    document, analysis = sample
    assert_offsets_valid(document.text, analysis)
    assert_sample_basics(analysis)
    kapanadze = person(analysis, "Nino Kapanadze")
    lepik = person(analysis, "Mart Lepik")
    money = {(f.value, f.unit, f.date) for f in analysis.facts if f.kind == "money"}
    assert (12_000_000, "EUR", "2025") in money
    dates = {f.value for f in analysis.facts if f.kind == "date"}
    assert {"1992-05-20", "2009-01", "2006-09", "2015-05-21"} <= dates
    first, second = analysis.quotes
    assert first.text.startswith('"Estonia') and first.text.endswith("”")  # mixed marks
    assert (first.speaker, second.speaker) == (kapanadze.id, lepik.id)


def test_sample_percent_and_approximate_counts(sample):
    _, analysis = sample
    percent = next(f for f in analysis.facts if f.kind == "percent")
    assert (percent.value, percent.approx) == (15, True)
    counts = {f.value: f for f in analysis.facts if f.kind == "count"}
    assert counts[300].approx and counts[300].unit == "people"
    assert counts[40].approx and counts[40].unit == "scholarships"


def test_analysis_json_has_the_documented_shape(sample):
    document, analysis = sample
    data = json.loads(json.dumps(analysis.to_json(), ensure_ascii=False))
    assert data["document"] == {
        "title": document.title,
        "fingerprint": document.fingerprint,
        "length": len(document.text),
    }
    assert {"id", "label", "name", "mentions", "value", "role"} <= set(data["entities"][0])
    assert {
        "kind",
        "subject",
        "value",
        "unit",
        "approx",
        "date",
        "start",
        "end",
        "sentence",
    } <= set(data["facts"][0])
    assert {"start", "end", "text", "speaker", "speaker_name"} <= set(data["quotes"][0])


def test_progress_is_reported_and_ends_at_one():
    seen: list[float] = []
    analyze(Document.from_text(SAMPLE_ARTICLE.read_text(encoding="utf-8")), progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_cancelling_raises():
    calls = iter(range(100))
    with pytest.raises(AnalysisCancelled):
        analyze(
            Document.from_text("Teymur Musayev met Torma in 2021."),
            cancelled=lambda: next(calls) >= 2,
        )


def test_unknown_backend_is_a_lectern_error():
    from lectern.core.errors import LecternError

    with pytest.raises(LecternError):
        analyze(Document.from_text("text"), backend="nonsense")
