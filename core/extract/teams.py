"""National and city teams: in a match report "Sweden 1 – 0 Korea Republic" names two teams.

The gold conventions (GUM, OntoNotes) label a team as ORG even when it is named after its
country or city. A place that stands next to a score line is taken to be a team, and so is
every other mention of it in the article, unless the text plainly uses it as a place ("in
Sweden").
"""

from __future__ import annotations

import re

from lectern.core.extract.gazetteers import lexicon_phrases
from lectern.core.extract.model import Entity, EntityLabel, Mention

# "1 – 0", "3-2": goals are one or two digits; a year range ("2010–2012") is not a score
_SCORE_AFTER = re.compile(r"[ \u00a0]+\d{1,2}[ \u00a0]*[–—-][ \u00a0]*\d{1,2}(?![\d.,:/])")
_SCORE_BEFORE = re.compile(r"(?<![\d.,:/])\d{1,2}[ \u00a0]*[–—-][ \u00a0]*\d{1,2}[ \u00a0]+$")
SCORE_WINDOW = 12
# "Harbour City beat Riverside 3-2": the side named before a result verb, with a score after
_RESULT_VERB_AFTER = re.compile(
    r"[ \u00a0]+(?:"
    + "|".join(v.replace(" ", r"[ \u00a0]+") for v in lexicon_phrases("result_verbs"))
    + r")[ \u00a0]+[A-Z]"
)
_SCORE = re.compile(
    r"(?<![\d.,:/])\d{1,2}[ \u00a0]*[–—-][ \u00a0]*\d{1,2}(?![\d.,:/])"
    r"|\bby[ \u00a0]+\d{1,3}[ \u00a0]+(?:runs|wickets|points|goals|strokes)\b"
)
# "Bolton 2 Everton 1", "Leinster 31 Munster 17;": each side of a results line with its score
_SIDE_THEN_OPPONENT = re.compile(
    r"[ \u00a0]+\d{1,3}[ \u00a0]+(?:[A-Z][\w'’.-]*[ \u00a0]+){1,3}\d{1,3}(?!\d|[.,:/]\d|%)"
)
_SCORE_BEFORE_SIDE = re.compile(r"[A-Za-z][ \u00a0]+\d{1,3}[ \u00a0]+$")
_OWN_SCORE = re.compile(r"[ \u00a0]+\d{1,3}(?!\d|[.,:/]\d|%|[ \u00a0]*[a-z])")
# "Middlesbrough 3 3 0 0 9 3 9": a standings row, the side and then three figures or more
_STANDINGS_ROW = re.compile(r"(?:[ \u00a0]+\d{1,3}){3,}(?=[ \u00a0]*(?:[,;.]|$))", re.MULTILINE)
TEAM = "?team"  # the label of a whole name run standing as a side of a result or a table row
# "Hull v Sunderland", "Leeds vs. Coventry": a fixture
_VERSUS_AFTER = re.compile(r"[ \u00a0]+vs?\.?[ \u00a0]+[A-Z]")
_VERSUS_BEFORE = re.compile(r"[A-Za-z][ \u00a0]+vs?\.?[ \u00a0]+$")
_RESULT_VERB_BEFORE = re.compile(
    r"\b(?:" + "|".join(v.replace(" ", r"[ \u00a0]+") for v in lexicon_phrases("result_verbs"))
    + r")[ \u00a0]+$"
)
RESULT_WINDOW = 80
_PLACE_PREPOSITIONS = re.compile(
    r"\b(?:in|at|into|from|across|throughout|within|near|visited)[ \u00a0]+"
    r"(?:the[ \u00a0]+)?$"
)
PREPOSITION_WINDOW = 16
_PLACE_LABELS = ("GPE", "LOC")
TEAM_MENTIONS = 200  # mentions looked at for a score: a club is seen as one early on


def is_result_side(text: str, start: int, end: int) -> bool:
    """Whether the run at ``[start, end)`` is followed by its own score or table figures:
    "Sheffield Wednesday 1" in "Coventry 1 Sheffield Wednesday 1", a standings row."""
    if not (text.startswith(" ", end) and text[end + 1 : end + 2].isdigit()):
        return False  # the cheap test first: this runs once per name run
    return bool(
        _SIDE_THEN_OPPONENT.match(text, end, end + RESULT_WINDOW)
        or _STANDINGS_ROW.match(text, end, end + RESULT_WINDOW)
        or (
            _OWN_SCORE.match(text, end, end + 6)
            and _SCORE_BEFORE_SIDE.search(text, max(0, start - RESULT_WINDOW), start)
        )
    )


def is_score_side(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` stands as a side in a result or a fixture."""
    if is_result_side(text, start, end):
        return True
    if _VERSUS_AFTER.match(text, end, end + 8) or _VERSUS_BEFORE.search(
        text, max(0, start - 8), start
    ):
        return True
    if _RESULT_VERB_BEFORE.search(text, max(0, start - 16), start):
        sentence_end = text.find(".", end, end + RESULT_WINDOW)
        return bool(_SCORE.search(text[end : sentence_end if sentence_end > 0 else end + 60]))
    return False


def relabel_teams(text: str, entities: list[Entity]) -> list[Entity]:
    """Places named as a side of a score become ORG; mentions used as places stay places."""
    teams = [e for e in entities if _may_be_team(e) and _is_team(text, e)]
    if not teams:
        return entities
    places: list[Entity] = []
    for entity in teams:
        as_place = [m for m in entity.mentions if _used_as_place(text, m)]
        if as_place:
            entity.mentions = [m for m in entity.mentions if m not in as_place]
            places.append(
                Entity(
                    id=f"e{len(entities) + len(places) + 1}",
                    label=entity.label,
                    name=entity.name,
                    mentions=as_place,
                    value=entity.value,
                )
            )
        entity.label = EntityLabel.ORG
    return entities + places


def _may_be_team(entity: Entity) -> bool:
    """A place, or a one-word "person" ("Hull", "Leinster") that may be a club."""
    return entity.label in _PLACE_LABELS or (
        entity.label == "PERSON" and all(" " not in m.text for m in entity.mentions)
    )


def _is_team(text: str, entity: Entity) -> bool:
    for mention in entity.mentions[:TEAM_MENTIONS]:
        if is_score_side(text, mention.start, mention.end):
            return True
        after = text[mention.end : mention.end + SCORE_WINDOW]
        before = text[max(0, mention.start - SCORE_WINDOW) : mention.start]
        # a dash is rare near a place name: test for one before running the patterns
        if _has_dash(after) and _SCORE_AFTER.match(after):
            return True
        if _has_dash(before) and _SCORE_BEFORE.search(before):
            return True
        if _RESULT_VERB_AFTER.match(text, mention.end, mention.end + SCORE_WINDOW + 8):
            sentence_end = text.find(".", mention.end, mention.end + RESULT_WINDOW)
            stretch = text[mention.end : sentence_end if sentence_end > 0 else None]
            stretch = stretch[:RESULT_WINDOW]
            if _SCORE.search(stretch):
                return True
    return False


def _has_dash(window: str) -> bool:
    return "–" in window or "-" in window or "—" in window


def _used_as_place(text: str, mention: Mention) -> bool:
    return used_as_place(text, mention.start)


def used_as_place(text: str, start: int) -> bool:
    """ "in Sweden", "fans from Leeds": the name after a preposition of place is the place."""
    return bool(_PLACE_PREPOSITIONS.search(text, max(0, start - PREPOSITION_WINDOW), start))
