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
WORDS_READ = MAX_SUBJECT_WORDS + 10  # words of a long phrase read at its kept end
SHORT_PHRASE_CHARS = 80
LABEL_CHARS = 60
# "Homes sold: 47,300", "Median price in Dublin: €450,000": a list item names its figure
_LABEL_BEFORE = re.compile(r"(?:^|\n|•[ \u00a0]|-[ \u00a0])(?P<label>[^\n:]{2,50}):[ \u00a0]*$")
_THE = (" the ", "\nThe ", "The ")
_ARTICLES = (" a ", " an ", "\na ", "\nA ", *_THE)
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
# "the deficit held below 3 percent of GDP": what is measured is the deficit, not the GDP
_OF_BASE = re.compile(r"of[ \u00a0]+(?i:" + "|".join(
    p.replace(" ", "[ \u00a0]+") for p in sorted(lexicon_phrases("percent_bases"))) + r")\b")
# ", led by former finance minister Matej Zupan,": who heads the subject, not what is measured
_APPOSITIVE = re.compile(
    r",[ \u00a0]+(?:" + "|".join(sorted(lexicon_words("appositive_participles")))
    + r")[ \u00a0]+by[ \u00a0]+[^,;:]{1,60},")
_MEASURE_VERBS = lexicon_words("measure_verbs")
_VERB_PARTICLES = lexicon_words("verb_particles")
_QUOTES_AND_BRACKETS = '"“”‘’()'
_EDGE_CHARS = " " + _QUOTES_AND_BRACKETS
# words a subject should not open with: articles, conjunctions, prepositions, pronouns
_LEADING_NOISE = lexicon_words("subject_leading_noise")
_FILLER_ADVERBS = lexicon_words("filler_adverbs")
_SPEND_VERBS = lexicon_words("spend_verbs")
# "the deal, worth 2.6 billion euros": the thing before the comma is what the amount is of
_WORTH = "|".join(p.replace(" ", "[ \u00a0]+") for p in lexicon_phrases("worth_words"))
_WORTH_BEFORE = re.compile(r",[ \u00a0]+(?:" + _WORTH + r")[ \u00a0]+$")
WORTH_CHARS = 24
# "on a new plant", "from the pensions": where spent money goes or comes from
_SPENT_ON = re.compile(r"(?:on|for|from|in)[ \u00a0]+")
# "of copper concentrate", "of exports": what a quantity or share is of
_OF_WHAT = re.compile(
    r"of[ \u00a0]+(?:the[ \u00a0]+|its[ \u00a0]+|their[ \u00a0]+|[A-Z][\w-]*['’]s[ \u00a0]+)?"
    r"(?!(?:it|them|this|that|these|those)\b)(?P<what>[a-z][\w-]*"
    r"(?:[ \u00a0]+(?!(?:a|an|the|per|in|on|at|for|to|from|by|with|and|or)\b)[a-z][\w-]*)?)"
    r"|(?:a|an|per)[ \u00a0]+(?P<per>[a-z]+)\b"
)
# "... off the island of Crete on": a place phrase at the end of a date's clause
_PLACE_TAIL = re.compile(
    r"[ \u00a0]+(?:off|in|at|near|outside|inside|across)[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?:[\w'’-]+[ \u00a0]+){0,4}?[A-Z][\w'’-]*(?P<on>[ \u00a0]+(?:on|in|at|by))?[ \u00a0]*$"
)
PLACE_TAIL_MIN_WORDS = 8
PLACE_TAIL_CHARS = 60
_OF_START = re.compile(r"[ \u00a0]+(?:of|a|an|per)[ \u00a0]")
_RELATIVE_PRONOUNS = ("that", "which", "who")
# words before "that" that take a clause, not a noun that the clause describes
_NOT_ANTECEDENTS = _ATTRIBUTION_VERBS | lexicon_words("stance_verbs") | frozenset(
    ["so", "such", "now", "than", "and", "but", "or", "is", "was", "are", "were", "be"]
)
SUBJECT_VERB_WORDS = 6  # the words after a date that stands between a subject and its verb


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
    if text.endswith(_ARTICLES, max(0, figure.start - 5), figure.start):
        words_after = _words_after(text, sentence, figure, stop_at)
        noun = clean(words_after, True, keep="first")
        # "the $5 million to the city": after "the", only a noun straight after the figure
        named = not text.endswith(_THE, max(0, figure.start - 5), figure.start) or (
            words_after[:1].islower() and words_after.split()[0] not in _LEADING_NOISE)
        if noun and named and not _ADVERBIAL_LEAD.match(noun):
            return noun  # "a £412 million budget", "a 34% stake", "the 1.2 billion euro project"
    floor = max(sentence[0], figure.start - CONTEXT_CHARS, start_after or 0)
    worth = (
        None if keep_verb
        else _WORTH_BEFORE.search(text, max(floor, figure.start - WORTH_CHARS), figure.start)
    )
    if worth is not None:
        # "The deal, worth 2.6 billion euros, creates ...": the deal
        return _before_subject(text, floor, worth.start(), keep_verb) or ""
    clause_start, last_break = floor, None
    for boundary in _CLAUSE_BREAK.finditer(text, floor, figure.start):
        clause_start, last_break = boundary.end(), boundary
    if last_break is not None:
        clause_start = _widened_clause(text, floor, last_break, keep_verb)
    raw_before = text[clause_start : figure.start]
    if "," in raw_before:
        raw_before = _APPOSITIVE.sub("", raw_before)
    if keep_verb:
        raw_before = _without_place_tail(raw_before)
    before = clean(raw_before, keep_verb, keep="last")
    # the words after are read only when a rule may use them: this runs once per figure
    read_after = (
        keep_verb or not before or _OF_START.match(text, figure.end) or _spends(raw_before)
    )
    after = _after(text, sentence, figure, stop_at) if read_after else ""
    if before and figure.label == "PERCENT" and _OF_BASE.match(after):
        return before
    told = _told_more(figure, before, raw_before, after, keep_verb, counted_noun)
    if told is not None:
        return told
    if keep_verb and before in _ATTRIBUTION_VERBS:
        return before  # "Norvik Group, the engine maker, said on Thursday": the saying is the event
    if counted_noun and before and " " not in before and before != counted_noun:
        return f"{before} {counted_noun}"  # "It holds more than 6,000 objects, from ..."
    share = _OF_WHAT.match(after) if not before and figure.label == "PERCENT" else None
    if share is not None and share.group("what"):
        return clean(after, True, keep="first")  # "1,800 jobs, about 12% of its workforce"
    if " " in before:  # two words or more
        if counted_noun and before.split()[-1] != counted_noun:
            if _ends_with_measure_verb(raw_before):
                return before  # "deliveries rose to 412,000 vehicles": the vehicles are the unit
            return f"{before} {counted_noun}"  # "firms employ" + "people"
        return before
    if before and raw_before.rstrip().endswith((" of", "\u00a0of")):
        if counted_noun:
            return f"{before} {counted_noun}"  # "the pensions of 1,140 factory workers"
        return before  # "A crowd of 41,250": the crowd is what is counted
    if not before and raw_before.strip(" ,") and sentence_subject and not counted_noun:
        return sentence_subject  # "Revenue climbed 9.4% to €41.7 billion", "up 18%"
    if earlier_subject and not counted_noun:
        return earlier_subject  # "... $48.6 million in 2023, up from $31.2 million": same subject
    if not read_after:
        after = _after(text, sentence, figure, stop_at)
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


def _after(text: str, sentence: tuple[int, int], figure: Candidate, stop_at: int | None) -> str:
    """The words after a figure, up to a clause break, the next figure or who said it."""
    clause_end = min(sentence[1], figure.end + CONTEXT_CHARS)
    if stop_at is not None and figure.end < stop_at < clause_end:
        clause_end = stop_at
    stop = _CLAUSE_BREAK.search(text, figure.end, clause_end)
    after_end = stop.start() if stop else clause_end
    attribution = _ATTRIBUTION_TAIL.search(text, figure.end, clause_end)
    if attribution is not None:
        after_end = min(after_end, attribution.start())
    return text[figure.end : after_end].strip(" ,.;:")


def _told_more(
    figure: Candidate, before: str, raw_before: str, after: str, keep_verb: bool,
    counted_noun: str | None,
) -> str | None:
    """The subject when the words after the figure say what the words before leave out."""
    if not before or not after:
        return None
    if keep_verb:
        if (
            after[:1].islower()
            and not _ADVERBIAL_LEAD.match(after)
            and after.split()[0].lower() not in _LEADING_NOISE
        ):  # "The Commission on Thursday approved the merger": the verb comes after the date
            verb = clean(" ".join(after.split()[:SUBJECT_VERB_WORDS]), True, keep="first")
            return f"{before} {verb}".strip()
        return None
    spent = _SPENT_ON.match(after)
    if spent and _spends(raw_before):
        # "would spend 500 million euros on a new plant": what the money is spent on
        spent_on = clean(after[spent.end() :], True, keep="first")
        return f"{before} {spent.group().strip()} {spent_on}"
    what = None if counted_noun else _OF_WHAT.match(after)
    if what:
        # "produce 90,000 tonnes of copper concentrate", "made up 70% of exports", "$4 a dose"
        if what.group("per"):
            return f"{before} per {what.group('per')}"
        joiner = " of " if figure.label == "PERCENT" else " "
        return f"{before}{joiner}{what.group('what')}"
    return None


def _without_place_tail(phrase: str) -> str:
    """ "seized a tanker carrying crude off the island of Crete": where, not what happened."""
    tail = _PLACE_TAIL.search(phrase, max(0, len(phrase) - PLACE_TAIL_CHARS))
    if tail is None or len(phrase[: tail.start()].split()) < PLACE_TAIL_MIN_WORDS:
        return phrase
    return phrase[: tail.start()] + (tail.group("on") or "") + " "


def _widened_clause(
    text: str, floor: int, last_break: re.Match[str], keep_verb: bool
) -> int:
    """Where the clause of a figure starts, given the last clause break before it.

    A relative clause keeps the noun it describes ("a comet that will pass within ..."); for a
    date, a verb of saying is the event ("the ministry said on Tuesday", "reported a rise ...
    on Thursday"), so the sayer and the verb are kept."""
    words = [w.lower() for w in last_break.group().split()]
    opener = words[-1] if words else ""
    if keep_verb and any(w in _ATTRIBUTION_VERBS or w == "told" for w in words):
        comma = text.rfind(",", floor, last_break.start() + 1)
        return max(floor, comma + 1) if comma >= 0 else floor
    if opener in _RELATIVE_PRONOUNS:
        head = text[max(floor, last_break.start() - 30) : last_break.start()].split()
        if head and head[-1].isalpha() and head[-1].islower() and head[-1] not in _NOT_ANTECEDENTS:
            return last_break.start() - len(head[-1])  # "comet" of "a comet that will pass"
    return last_break.end()


def _before_subject(text: str, floor: int, end: int, keep_verb: bool) -> str:
    start = floor
    for boundary in _CLAUSE_BREAK.finditer(text, floor, end):
        start = boundary.end()
    return clean(text[start:end], keep_verb, keep="last")


def _spends(phrase: str) -> bool:
    """ "The brewer would spend", "It took": the phrase ends on a verb of spending."""
    words = phrase[-40:].split()
    return bool(words) and words[-1].lower() in _SPEND_VERBS


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
    if len(phrase) > SHORT_PHRASE_CHARS:  # only the kept end is read: this runs once per figure
        if keep == "last":
            cut = phrase.rsplit(None, WORDS_READ)
            phrase = phrase if len(cut) <= WORDS_READ else phrase[len(cut[0]) :]
        else:
            cut = phrase.split(None, WORDS_READ)
            phrase = phrase if len(cut) <= WORDS_READ else phrase[: len(phrase) - len(cut[-1])]
    if "\n" in phrase:
        phrase = phrase.replace("\n", " ")
    phrase = _PASSIVE_AUX.sub("", phrase).strip(_EDGE_CHARS)
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
