"""Direct quotations and who said them: marks of any style, attribution before or after."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from core.extract.model import Entity, Quote

MAX_QUOTE_CHARS = 3000
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes or titles unless attributed
ATTRIBUTION_WINDOW = 160

_QUOTE = re.compile(rf"[\"“](?P<body>[^\"“”\n]{{1,{MAX_QUOTE_CHARS}}}?)[\"”]")
_SP = r"[ \u00a0]+"
_VERBS = (
    r"(?:said|says|say|stated|states|stressed|stresses|added|adds|told|tells|noted|notes"
    r"|explained|explains|emphasi[sz]ed|emphasi[sz]es|commented|comments|wrote|writes|asked"
    r"|asks|replied|claimed|claims|insisted|warned|warns|declared|announced|continued|argued"
    r"|acknowledged|admitted|recalled|observed|remarked|urged|underlined|highlighted"
    r"|concluded|believes|believed|pointed out|went on|tweeted|posted|answered|responded)"
)
_PRONOUN = r"(?:he|she|they|we|i)"
_NAME = r"[A-Z][\w.'’-]*(?:[ \u00a0](?:[A-Z][\w.'’-]*|van|von|de|al|bin))*"
_WHO = (
    rf"(?:(?i:{_PRONOUN})\b|(?i:the|a|an|this|that|his|her|their){_SP}(?:[\w'’-]+{_SP}){{0,3}}?"
    rf"[\w'’-]+|(?:[a-z][\w'’-]*{_SP}){{0,3}}{_NAME})"
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
_PRONOUNS = frozenset(["he", "she", "they", "we", "i"])


class _People:
    """PERSON mentions in text order, for 'who is meant here' look-ups."""

    def __init__(self, entities: list[Entity]) -> None:
        rows = sorted(
            (m.start, m.end, e) for e in entities if e.label == "PERSON" for m in e.mentions
        )
        self.starts = [row[0] for row in rows]
        self.rows = rows

    def inside(self, start: int, end: int) -> Entity | None:
        index = bisect_left(self.starts, start)
        if index < len(self.rows) and self.rows[index][0] < end:
            return self.rows[index][2]
        return None

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
        who = _attribution(text, start, end)
        if who is None and len(body.split()) < MIN_QUOTE_WORDS:
            continue
        speaker, speaker_name = _resolve(text, who, start, people) if who else (None, None)
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
    floor = max(0, start - ATTRIBUTION_WINDOW)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    window_start = max(line_start, floor)
    for boundary in (text.rfind(". ", window_start, start), text.rfind("; ", window_start, start)):
        window_start = max(window_start, boundary + 2 if boundary >= 0 else window_start)
    before = _BEFORE.search(text, window_start, start)
    if before:
        group = "who" if before.group("who") else "who2"
        return before.span(group)
    return None


def _resolve(
    text: str, who: tuple[int, int], quote_start: int, people: _People
) -> tuple[Entity | None, str | None]:
    start, end = who
    named = people.inside(start, end)
    if named is not None:
        return named, None
    phrase = text[start:end]
    lowered = phrase.lower()
    if lowered in _PRONOUNS:
        return people.last_before(quote_start), None
    last_word = lowered.split()[-1]
    if lowered.split()[0] in ("the", "this", "that", "a", "an", "his", "her", "their"):
        return people.with_role(last_word, quote_start), None
    return None, phrase if phrase[:1].isupper() else None
