"""The subject of a fact: a short phrase from its sentence saying what is measured or happened.

"About 1,200 Georgian students have taken part in exchange programmes since 2009" counts
"Georgian students have taken part in exchange programmes"; "Firms now employ around 300
people" counts "firms employ people"; "I expect sales to double by 2027" dates "sales to
double". The phrase is read from the clause before the figure when it says enough, else from
the words after it, and trimmed of function words, pronouns and filler adverbs.
"""

from __future__ import annotations

import re

from lectern.core.extract.gazetteers import lexicon_phrases, lexicon_words
from lectern.core.extract.spans import Candidate

MAX_SUBJECT_WORDS = 12
LABEL_CHARS = 60
# "Homes sold: 47,300", "Median price in Dublin: €450,000": a list item names its figure
_LABEL_BEFORE = re.compile(r"(?:^|\n|•[ \u00a0]|-[ \u00a0])(?P<label>[^\n:]{2,50}):[ \u00a0]*$")
_ARTICLES = (" a ", " an ", "\na ", "\nA ")
CONTEXT_CHARS = 200  # how far around a figure we read (keeps a 50 MB one-line text linear)

_ATTRIBUTION_VERBS = lexicon_words("say_verbs") | lexicon_words("report_verbs")
# The lookahead names every character a break can open with: most positions fail at once.
_CLAUSE_BREAK = re.compile(
    r"(?=[,;:—– \u00a0" + "".join(sorted({v[0] for v in _ATTRIBUTION_VERBS})) + "])"
    r"(?:[,;:]?[ \u00a0]+(?:"
    + "|".join(o.replace(" ", "[ \u00a0]") for o in lexicon_phrases("clause_openers"))
    + r")[ \u00a0]+|,[ \u00a0]+with[ \u00a0]+|[;:—–][ \u00a0]*"
    r"|,[ \u00a0]+(?=and\b|up\b|down\b)|,[ \u00a0]+as[ \u00a0]+"
    r"|[ \u00a0]-{1,3}[ \u00a0]+"  # " - ": a dateline's dash
    r"|\b(?:" + "|".join(sorted(_ATTRIBUTION_VERBS - {"told", "tells"})) + r"|told[ \u00a0]+\w+)"
    r"[ \u00a0]+"
    r"(?:that[ \u00a0]+)?)"
)
_PASSIVE_AUX = re.compile(
    r"\b(?:(?:has|have|had)[ \u00a0]+been|(?:would|will|could|should|may|might|must|to)"
    r"[ \u00a0]+be|was|were|is|are|be|been)[ \u00a0]+"
    r"(?=\w+(?:ed|en|wn|ht|un|ld|id)\b)"
)
# "I expect", "we hope that", "they said": the speaker's stance, not what is measured
_STANCE_LEAD = re.compile(
    r"^(?:I|we|he|she|they|you|it)[ \u00a0]+(?:\w+[ \u00a0]+)?(?:"
    + "|".join(sorted(lexicon_words("stance_verbs"), key=len, reverse=True))
    + ")"
    r"[ \u00a0]+(?:that[ \u00a0]+)?",
    re.IGNORECASE,
)
# "..., according to the council", "..., officials said": who says it, never what is measured
_ATTRIBUTION_TAIL = re.compile(
    r",[ \u00a0]+(?:(?i:according[ \u00a0]+to)\b|(?:[\w'’.-]+[ \u00a0]+){1,6}?"
    r"(?:" + "|".join(sorted(_ATTRIBUTION_VERBS)) + r")\b(?![ \u00a0]+(?:to|that)\b))"
)
# "According to the council, repairs cost": the source before the claim
_ATTRIBUTION_LEAD = re.compile(r"^(?i:according[ \u00a0]+to)\b[^,]{0,80},[ \u00a0]*")
_ADVERBIAL_LEAD = re.compile(
    r"(?:in|on|at|during|over|since|from|by|until|through|within|across|last|this|a|per)"
    r"[ \u00a0]"
)
# "15% of it", "half of them": the figure is a share of something the sentence named earlier
_SHARE_OF_PRONOUN = re.compile(r"^of[ \u00a0]+(?:it|them|this|that|these|those)\b[ \u00a0]*")
_TRAILING_GLUE = lexicon_words("subject_trailing_glue")
_MEASURE_VERBS = lexicon_words("measure_verbs")
_VERB_PARTICLES = lexicon_words("verb_particles")
_QUOTES_AND_BRACKETS = '"“”‘’()'
_EDGE_CHARS = " " + _QUOTES_AND_BRACKETS
# words a subject should not open with: articles, conjunctions, prepositions, pronouns
_LEADING_NOISE = lexicon_words("subject_leading_noise")
_FILLER_ADVERBS = lexicon_words("filler_adverbs")


def subject_of(
    text: str,
    sentence: tuple[int, int],
    figure: Candidate,
    keep_verb: bool,
    earlier_subject: str | None,
    sentence_subject: str | None = None,
    counted_noun: str | None = None,
    stop_at: int | None = None,
    start_after: int | None = None,
) -> str:
    """The subject of ``figure``; ``stop_at`` bounds the words read after it (the next figure),
    ``start_after`` the words read before it (the end of the previous figure)."""
    label = None
    if ":" in text[figure.start - 3 : figure.start]:  # the cheap test first: once per figure
        label = _LABEL_BEFORE.search(text, max(sentence[0], figure.start - LABEL_CHARS),
                                     figure.start)
    if label is not None and not keep_verb:
        return clean(label.group("label"), keep_verb, keep="last")  # "Homes sold: 47,300"
    if text.endswith(_ARTICLES, max(0, figure.start - 4), figure.start):
        noun = clean(_words_after(text, sentence, figure, stop_at), True, keep="first")
        if noun and not _ADVERBIAL_LEAD.match(noun):
            return noun  # "a £412 million budget", "a 34% stake in the project"
    clause_start = max(sentence[0], figure.start - CONTEXT_CHARS, start_after or 0)
    for boundary in _CLAUSE_BREAK.finditer(text, clause_start, figure.start):
        clause_start = boundary.end()
    raw_before = text[clause_start : figure.start]
    before = clean(raw_before, keep_verb, keep="last")
    if " " in before:  # two words or more
        if counted_noun and before.split()[-1] != counted_noun:
            if _ends_with_measure_verb(raw_before):
                return before  # "deliveries rose to 412,000 vehicles": the vehicles are the unit
            return f"{before} {counted_noun}"  # "firms employ" + "people"
        return before
    if before and raw_before.rstrip().endswith((" of", "\u00a0of")):
        return before  # "A crowd of 41,250": the crowd is what is counted
    if not before and raw_before.strip(" ,") and sentence_subject and not counted_noun:
        return sentence_subject  # "Revenue climbed 9.4% to €41.7 billion", "up 18%"
    if earlier_subject and not counted_noun:
        return earlier_subject  # "... $48.6 million in 2023, up from $31.2 million": same subject
    clause_end = min(sentence[1], figure.end + CONTEXT_CHARS)
    if stop_at is not None and figure.end < stop_at < clause_end:
        clause_end = stop_at
    stop = _CLAUSE_BREAK.search(text, figure.end, clause_end)
    after_end = stop.start() if stop else clause_end
    attribution = _ATTRIBUTION_TAIL.search(text, figure.end, clause_end)
    if attribution is not None:
        after_end = min(after_end, attribution.start())
    after = text[figure.end : after_end].strip(" ,.;:")
    if before and _ADVERBIAL_LEAD.match(after):
        return before  # "Sales rose 12% in the quarter": the words after say when, not what
    share = _SHARE_OF_PRONOUN.match(after)
    if share and sentence_subject:
        after = f"{sentence_subject} {after[share.end() :]}"  # "15% of it reserved" → the fund
    subject = clean(after, keep_verb=True, keep="first") or before  # "Fares reached $9 million"
    if not subject and keep_verb:
        # "The harvest will grow, the ministry said on Tuesday": the claim before who said it
        whole_start = max(sentence[0], figure.start - CONTEXT_CHARS)
        said = _ATTRIBUTION_TAIL.search(text, whole_start, figure.start)
        subject = clean(text[whole_start : said.start() if said else figure.start], True, "last")
    return subject


def _words_after(
    text: str, sentence: tuple[int, int], figure: Candidate, stop_at: int | None
) -> str:
    """The words after a figure up to the clause's end or the next figure."""
    clause_end = min(sentence[1], figure.end + CONTEXT_CHARS)
    if stop_at is not None and figure.end < stop_at < clause_end:
        clause_end = stop_at
    stop = _CLAUSE_BREAK.search(text, figure.end, clause_end)
    after = text[figure.end : stop.start() if stop else clause_end]
    return after.split(",")[0].strip(" .;:")


def _ends_with_measure_verb(phrase: str) -> bool:
    """ "deliveries rose to", "sales reached": the phrase ends on a verb of measure."""
    words = phrase[-40:].split()[-2:]  # the tail is enough: this runs once per count
    if words and words[-1] in _VERB_PARTICLES:
        words = words[:-1]
    return bool(words) and words[-1].lower() in _MEASURE_VERBS


def clean(phrase: str, keep_verb: bool, keep: str) -> str:
    """Words of ``phrase`` without edge glue; at most MAX_SUBJECT_WORDS, the ``keep`` end kept."""
    phrase = _PASSIVE_AUX.sub("", phrase.replace("\n", " ")).strip(_EDGE_CHARS)
    for lead in (_ATTRIBUTION_LEAD, _STANCE_LEAD):
        found = lead.match(phrase)
        if found:
            phrase = phrase[found.end() :]
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
