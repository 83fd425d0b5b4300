"""Bad input never crashes the analysis or yields a wrong offset (issue 3, "Bad input")."""

from __future__ import annotations

import pytest
from helpers import assert_offsets_valid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectern.core.document import Document
from lectern.core.extract import analyze
from lectern.core.resources import sample_article

SAMPLE_ARTICLE = sample_article()



def checked(text: str):
    document = Document.from_text(text)
    analysis = analyze(document)
    assert_offsets_valid(document.text, analysis)
    return document, analysis


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "...!!!???", "a b c d e", "\u200b\u200b"])
def test_empty_or_sentence_free_text(text):
    _, analysis = checked(text)
    assert analysis.quotes == [] and analysis.facts == []


def test_emoji_and_astral_characters_before_entities_keep_offsets_exact():
    text = "😀🇭🇺 𝒳 Hungarian Ambassador Tamás Torma paid $5 million on May 3, 2020. 👍"
    document, analysis = checked(text)
    torma = next(e for e in analysis.entities if e.label == "PERSON")
    mention = torma.mentions[0]
    assert document.text[mention.start : mention.end] == "Tamás Torma"
    money = next(f for f in analysis.facts if f.kind == "money")
    assert document.text[money.start : money.end] == "$5 million"


def test_crlf_text_is_canonicalised_and_offsets_hold():
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    document, analysis = checked(text)
    assert "\r" not in document.text
    assert len(analysis.quotes) == 2


def test_nbsp_and_zero_width_characters():
    text = (
        "Minister\u00a0Anna\u00a0Kowalczyk paid $\u00a012\u00a0million.\u200b "
        "Zero\u200bWidth Co said."
    )
    _, analysis = checked(text)
    assert any(e.label == "MONEY" and e.value == 12_000_000 for e in analysis.entities)


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never ends. And again "here" and there',
        "“Open but never closed. Torma said nothing.",
        'Closed only” said Torma. "',
        '"' * 50,
        "“”" * 20 + "‘’'",
    ],
)
def test_unbalanced_quote_marks(text):
    checked(text)


@pytest.mark.parametrize("text", ["1.2.3", "$", "35.1.1 million", "$$$ 1.2.3.4 %", "€ , million"])
def test_malformed_amounts(text):
    _, analysis = checked(f"The figure was {text} in total.")
    assert not any(e.label == "MONEY" for e in analysis.entities)


def test_long_single_line_is_linear_and_bounded():
    line = (
        "Azerbaijani Health Minister Teymur Musayev said $35.1 million in 2021 and more " * 60_000
    )
    document, analysis = checked(line)  # about 5 MB without a newline
    assert len(document.text) > 4_000_000
    assert analysis.facts


@pytest.mark.slow
def test_fifty_megabyte_single_line():
    line = (
        "Officials in Baku said about 1,200 students arrived on May 3, 2021, paying €4 million. "
    ) * 600_000
    checked(line[: 50 * 1024 * 1024])


article_text = st.lists(
    st.sampled_from(
        [
            *list("abcXYZ .,;:!?\"'“”‘’$€%-–\n\t\xa0\u200b0123456789"),
            "😀",
            "𝒳",
            "Hungary",
            " Torma",
            " said ",
            " May 3, 2021",
            " $35.1 million",
            " about ",
            " percent",
            " Minister ",
            "Ms. ",
            " the ",
            "1,200",
            " km",
            " Organization of ",
            "\r\n",
            "İ",
            "ß",
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_text)
def test_invariants_hold_for_any_text(text):
    checked(text)
