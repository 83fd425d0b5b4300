"""The subject of a fact: a short phrase from its sentence saying what is measured or happened.

"About 1,200 Georgian students have taken part in exchange programmes since 2009" counts
"Georgian students have taken part in exchange programmes"; "Firms now employ around 300
people" counts "firms employ people"; "I expect sales to double by 2027" dates "sales to
double". The phrase is read from the clause before the figure when it says enough, else from
the words after it, and trimmed of function words, pronouns and filler adverbs.
"""

from __future__ import annotations

import re

from core.extract.gazetteers import word_set
from core.extract.spans import Candidate

MAX_SUBJECT_WORDS = 12
CONTEXT_CHARS = 200  # how far around a figure we read (keeps a 50 MB one-line text linear)

# The lookahead names every character a break can open with: most positions fail at once.
_CLAUSE_BREAK = re.compile(
    r"(?=[,;:—– \u00a0arst])"
    r"(?:[,;:]?[ \u00a0]+(?:while|whereas|but|and that|that|which|who|after|before|when"
    r"|although|because)[ \u00a0]+|,[ \u00a0]+with[ \u00a0]+|[;:—–][ \u00a0]*"
    r"|,[ \u00a0]+(?=and\b|up\b|down\b)"
    r"|\b(?:said|says|stated|announced|reported|added|told[ \u00a0]+\w+)[ \u00a0]+"
    r"(?:that[ \u00a0]+)?)"
)
_PASSIVE_AUX = re.compile(
    r"\b(?:(?:has|have|had)[ \u00a0]+been|(?:would|will|could|should|may|might|must|to)"
    r"[ \u00a0]+be|was|were|is|are|be|been)[ \u00a0]+"
    r"(?=\w+(?:ed|en|wn|ht|un|ld|id)\b)"
)
# "I expect", "we hope that", "they said": the speaker's stance, not what is measured
_STANCE_LEAD = re.compile(
    r"^(?:I|we|he|she|they|you|it)[ \u00a0]+(?:\w+[ \u00a0]+)?(?:expect|expects|expected|hope"
    r"|hopes|hoped|believe|believes|think|thinks|estimate|estimates|estimated|predict"
    r"|predicts|forecast|forecasts|say|says|said|want|wants|plan|plans|aim|aims|see|sees)"
    r"[ \u00a0]+(?:that[ \u00a0]+)?",
    re.IGNORECASE,
)
# "15% of it", "half of them": the figure is a share of something the sentence named earlier
_SHARE_OF_PRONOUN = re.compile(r"^of[ \u00a0]+(?:it|them|this|that|these|those)\b[ \u00a0]*")
_TRAILING_GLUE = word_set(
    "in on at of to by for from since until during with about around nearly some than up "
    "down and or the a an was were is are be been has have had will would"
)
_MEASURE_VERBS = word_set(
    "totaled totalled reached amounted stood rose fell hit exceeded topped was were is "
    "are reaches totals stands rises falls grew increased decreased dropped climbed "
    "declined equalled equaled surpassed stands cost costs raised earned received spent "
    "lost"
)
_QUOTES_AND_BRACKETS = '"“”‘’()'
_EDGE_CHARS = " " + _QUOTES_AND_BRACKETS
# words a subject should not open with: articles, conjunctions, prepositions, pronouns
_LEADING_NOISE = word_set(
    "the a an while and but currently also then there so yet of to in on at for by with "
    "from as about around nearly some it its this that these those they them he she we i "
    "you his her their our my your"
)
_FILLER_ADVERBS = word_set("now currently also still already just reportedly recently further")


def subject_of(
    text: str,
    sentence: tuple[int, int],
    figure: Candidate,
    keep_verb: bool,
    earlier_subject: str | None,
    sentence_subject: str | None = None,
    counted_noun: str | None = None,
    stop_at: int | None = None,
) -> str:
    """The subject of ``figure``; ``stop_at`` bounds the words read after it (the next figure)."""
    clause_start = max(sentence[0], figure.start - CONTEXT_CHARS)
    for boundary in _CLAUSE_BREAK.finditer(text, clause_start, figure.start):
        clause_start = boundary.end()
    before = clean(text[clause_start : figure.start], keep_verb, keep="last")
    if " " in before:  # two words or more
        if counted_noun and before.split()[-1] != counted_noun:
            return f"{before} {counted_noun}"  # "firms employ" + "people"
        return before
    if earlier_subject and not counted_noun:
        return earlier_subject  # "... $48.6 million in 2023, up from $31.2 million": same subject
    clause_end = min(sentence[1], figure.end + CONTEXT_CHARS)
    if stop_at is not None and figure.end < stop_at < clause_end:
        clause_end = stop_at
    stop = _CLAUSE_BREAK.search(text, figure.end, clause_end)
    after = text[figure.end : stop.start() if stop else clause_end].strip(" ,.;:")
    share = _SHARE_OF_PRONOUN.match(after)
    if share and sentence_subject:
        after = f"{sentence_subject} {after[share.end() :]}"  # "15% of it reserved" → the fund
    return clean(after, keep_verb=True, keep="first") or before  # "Fares reached $9 million"


def clean(phrase: str, keep_verb: bool, keep: str) -> str:
    """Words of ``phrase`` without edge glue; at most MAX_SUBJECT_WORDS, the ``keep`` end kept."""
    phrase = _PASSIVE_AUX.sub("", phrase.replace("\n", " ")).strip(_EDGE_CHARS)
    stance = _STANCE_LEAD.match(phrase)
    if stance:
        phrase = phrase[stance.end() :]
    words = [
        word
        for raw in phrase.split()
        if (word := raw.strip(_QUOTES_AND_BRACKETS)) and word not in _FILLER_ADVERBS
    ]
    # index bounds instead of re-slicing the list word by word: this runs once per figure
    first, last = 0, len(words)
    last = _trim_end(words, first, last)
    if not keep_verb and last > first and words[last - 1].lower() in _MEASURE_VERBS:
        last = _trim_end(words, first, last - 1)
    if last - first > MAX_SUBJECT_WORDS:
        if keep == "last":
            first = last - MAX_SUBJECT_WORDS
        else:
            last = _trim_end(words, first, first + MAX_SUBJECT_WORDS)
    while first < last and (
        words[first].lower().strip(",") in _LEADING_NOISE
        or words[first].endswith(",")
        or words[first][0].isdigit()  # "1,200 students arrived in 2009": the count is elsewhere
    ):
        first += 1
    kept = [word.rstrip(",.;:") for word in words[first:last]]
    return " ".join([word for word in kept if word])


def _trim_end(words: list[str], first: int, last: int) -> int:
    while last > first and words[last - 1].lower().strip(",") in _TRAILING_GLUE:
        last -= 1
    return last
