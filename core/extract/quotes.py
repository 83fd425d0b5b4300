"""Direct quotations and who said them: marks of any style, attribution before or after."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from lectern.core.extract.gazetteers import lexicon_phrases, lexicon_words
from lectern.core.extract.model import Entity, Quote

MAX_QUOTE_CHARS = 3000
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes or titles unless attributed
ATTRIBUTION_WINDOW = 160

_QUOTE = re.compile(rf"[\"“](?P<body>[^\"“”\n]{{1,{MAX_QUOTE_CHARS}}}?)[\"”]")
_SP = r"[ \u00a0]+"
_VERBS = "(?:{})".format("|".join(sorted(
    {*lexicon_words("say_verbs"), *lexicon_words("report_verbs"), *lexicon_phrases("speech_verbs")},
    key=len, reverse=True,
)))
_PRONOUN = r"(?:he|she|they|we|i)"
_NAME = r"[A-Z][\w.'’-]*(?:[ \u00a0](?:[A-Z][\w.'’-]*|van|von|de|al|bin))*"
_WHO = (
    rf"(?:(?i:{_PRONOUN})\b|(?i:the|a|an|this|that|his|her|their){_SP}(?:[\w'’-]+{_SP}){{0,3}}?"
    rf"[\w'’-]+|(?:[a-z][\w'’-]*{_SP}){{0,3}}{_NAME}"
    # "Tuulepark Meri chief executive Kaarel Tamm": where they work, their role, their name
    rf"(?:{_SP}(?:[a-z][\w'’-]*{_SP}){{1,3}}{_NAME})?)"
)
_AFTER = re.compile(
    rf"[ \u00a0]*,?[ \u00a0]*(?:(?P<who>{_WHO}){_SP}(?:[a-z]+ly{_SP})?(?P<verb>{_VERBS})\b"
    rf"|(?P<verb2>{_VERBS}){_SP}(?P<who2>{_WHO}))"
)
_BEFORE = re.compile(
    rf"(?:(?P<who>{_WHO}){_SP}(?:[a-z]+ly{_SP})?{_VERBS}(?:{_SP}(?:that|reporters|journalists"
    rf"|the press|the media|[A-Z][\w'’-]*))?|(?i:according to){_SP}(?P<who2>{_WHO}))"
    r"[ \u00a0]*[:,]?[ \u00a0]*$"
)
# "Judge Ruiz said the evidence showed "a pattern of deception"": a speaker earlier in the sentence
_SAID_EARLIER = re.compile(rf"(?P<who>{_WHO}),?{_SP}(?:[a-z]+ly{_SP})?{_VERBS}\b")
_PRONOUNS = frozenset(["he", "she", "they", "we", "i"])
# An unattributed quote right after an attributed one (same paragraph, or opening the next)
# continues that speaker, unless someone else is named in between.
CONTINUATION_GAP = 200


class _People:
    """PERSON mentions in text order, for 'who is meant here' look-ups."""

    def __init__(self, entities: list[Entity]) -> None:
        rows = sorted(
            (m.start, m.end, e) for e in entities if e.label == "PERSON" for m in e.mentions
        )
        self.starts = [row[0] for row in rows]
        self.rows = rows

    def between(self, start: int, end: int) -> list[Entity]:
        """Entities of the PERSON mentions starting in ``[start, end)``."""
        index = bisect_left(self.starts, start)
        found = []
        while index < len(self.rows) and self.rows[index][0] < end:
            found.append(self.rows[index][2])
            index += 1
        return found

    def by_id(self, entity_id: str) -> Entity | None:
        return next((row[2] for row in self.rows if row[2].id == entity_id), None)

    def last_before(self, offset: int) -> Entity | None:
        index = bisect_right(self.starts, offset) - 1
        return self.rows[index][2] if index >= 0 else None

    def with_role(self, role_word: str, offset: int) -> Entity | None:
        index = bisect_right(self.starts, offset) - 1
        while index >= 0:
            entity = self.rows[index][2]
            if entity.role and role_word in entity.role.lower():
                return entity
            index -= 1
        return None


def find_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """Every direct quotation with its speaker where the text names one."""
    people = _People(entities)
    quotes: list[Quote] = []
    for match in _QUOTE.finditer(text):
        body = match.group("body")
        start, end = match.span()
        who = _attribution(text, start, end) or _said_earlier(text, start)
        if who is None and len(body.split()) < MIN_QUOTE_WORDS:
            continue
        if who is not None:
            speaker, speaker_name = _resolve(text, who, start, people)
        else:
            speaker, speaker_name = _continued(text, quotes[-1] if quotes else None, start, people)
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                start=start,
                end=end,
                text=match.group(),
                speaker=speaker.id if speaker else None,
                speaker_name=speaker.name if speaker else speaker_name,
            )
        )
    return quotes


def _attribution(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the speaker phrase is, after the quote or just before it."""
    limit = min(len(text), end + ATTRIBUTION_WINDOW)
    newline = text.find("\n", end, limit)
    after = _AFTER.match(text, end, newline if newline >= 0 else limit)
    if after:
        group = "who" if after.group("who") else "who2"
        return after.span(group)
    before = _BEFORE.search(text, _sentence_start(text, start), start)
    if before:
        group = "who" if before.group("who") else "who2"
        return before.span(group)
    return None


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding offset ``start`` begins (within ATTRIBUTION_WINDOW)."""
    floor = max(0, start - ATTRIBUTION_WINDOW)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    window_start = max(line_start, floor)
    for boundary in (text.rfind(". ", window_start, start), text.rfind("; ", window_start, start)):
        window_start = max(window_start, boundary + 2 if boundary >= 0 else window_start)
    return window_start


def _said_earlier(text: str, start: int) -> tuple[int, int] | None:
    """The last "<who> said" in the quote's own sentence before it, if any."""
    spans = [
        m.span("who") for m in _SAID_EARLIER.finditer(text, _sentence_start(text, start), start)
    ]
    return spans[-1] if spans else None


def _continued(
    text: str, previous: Quote | None, start: int, people: _People
) -> tuple[Entity | None, str | None]:
    """The previous quote's speaker, when this quote plainly goes on with what they said."""
    if previous is None or (previous.speaker is None and previous.speaker_name is None):
        return None, None
    gap = text[previous.end : start]
    if len(gap) > CONTINUATION_GAP or gap.strip("\n ").count("\n"):
        return None, None  # too far, or a whole paragraph in between
    if "\n" in gap and gap[gap.rfind("\n") + 1 :].strip():
        return None, None  # in the next paragraph the quote must open it
    others = people.between(previous.end, start)
    if any(entity.id != previous.speaker for entity in others):
        return None, None  # someone else is named in between: no guessing
    speaker = next((e for e in others if e.id == previous.speaker), None)
    if speaker is None and previous.speaker is not None:
        speaker = people.by_id(previous.speaker)
    return speaker, previous.speaker_name


def _resolve(
    text: str, who: tuple[int, int], quote_start: int, people: _People
) -> tuple[Entity | None, str | None]:
    start, end = who
    named = people.between(start, end)
    if named:  # the last: "Tuulepark Meri chief executive Kaarel Tamm" is Kaarel Tamm
        return named[-1], None
    phrase = text[start:end]
    lowered = phrase.lower()
    if lowered in _PRONOUNS:
        return people.last_before(quote_start), None
    last_word = lowered.split()[-1]
    if lowered.split()[0] in ("the", "this", "that", "a", "an", "his", "her", "their"):
        return people.with_role(last_word, quote_start), None
    return None, phrase if phrase[:1].isupper() else None
