"""Currency words that several countries use: "crowns" in a Norwegian story are kroner (NOK).

The article's most named country among those that use the word decides its code; with no
such country named the word keeps its code in ``currency_words.tsv``.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from lectern.core.extract.gazetteers import lexicon_table, load_gazetteers
from lectern.core.extract.spans import Candidate


@cache
def _codes_by_country() -> dict[str, tuple[tuple[str, str], ...]]:
    """ "crowns" -> (("Sweden", "SEK"), ("Norway", "NOK"), ...)."""
    table = lexicon_table("currency_by_country")
    return {
        word: tuple((pair.partition("=")[0], pair.partition("=")[2]) for pair in codes.split("|"))
        for word, codes in table.items()
    }


def settle_currencies(text: str, candidates: list[Candidate]) -> None:
    """Give each amount in a shared currency word the code of the article's country."""
    shared = _codes_by_country()
    amounts = [
        (c, word) for c in candidates
        if c.label == "MONEY" and (word := text[c.start : c.end].rsplit(None, 1)[-1].lower())
        in shared
    ]
    if not amounts:
        return
    gaz = load_gazetteers()
    named: Counter[str] = Counter()
    for candidate in candidates:
        if candidate.label == "GPE" and candidate.key in gaz.countries:
            named[candidate.key] += 1
        elif candidate.label == "NORP":
            country = gaz.demonyms.get(text[candidate.start : candidate.end])
            if country:
                named[country] += 1
    for amount, word in amounts:
        country, code = max(shared[word], key=lambda pair: named[pair[0]])
        if named[country]:
            amount.unit = code
