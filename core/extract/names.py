"""Proper names (PERSON, ORG, GPE, LOC, NORP, EVENT) from runs of capitalised words and gazetteers.

A run such as "Azerbaijani Health Minister Teymur Musayev" is cut into its parts: a
nationality (NORP), a role ("Azerbaijani Health Minister") and a person. Runs that no rule
can place are settled with evidence from the whole document (a surname seen before, a word
seen capitalised mid-sentence).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lectern.core.extract.affiliations import affiliation, is_speaker, of_a_place, person_of
from lectern.core.extract.gazetteers import (
    Gazetteers,
    lexicon_words,
    load_gazetteers,
)
from lectern.core.extract.headlines import HEADLINE, HeadlineLines
from lectern.core.extract.name_kinds import (
    NOT_A_NAME,
    is_acronym,
    is_initial,
    is_place_head,
    is_pronoun_i,
    keyword_label,
)
from lectern.core.extract.name_lookup import (
    CONNECTORS,
    Part,
    Token,
    gazetteer_prefix,
    hyphenated,
    is_place,
    is_role_prefix,
    is_title_head,
    lookup,
)
from lectern.core.extract.name_pattern import LOWER_COMPOUND, NAME_PATTERN
from lectern.core.extract.name_words import (
    AFFILIATIONS,
    MAX_NAME_WORDS,
    continues_title,
    is_common,
    is_name_head,
    is_name_word,
    person_follows,
)
from lectern.core.extract.teams import TEAM, is_result_side

_TOKEN_SPLIT = re.compile(r"[^ \u00a0]+")
# Particles that may sit inside a person's name ("Farouk Ben Mustapha", "Ludwig van Beethoven").
_NAME_PARTICLES = lexicon_words("name_particles")
_HONORIFICS = lexicon_words("honorifics")


# start, end, label, key, role, opens a sentence: plain values, so the collector untracks it
NameRun = tuple[int, int, "str | None", "str | None", "str | None", bool]


def find_name_runs(text: str, start: int = 0, end: int | None = None) -> list[NameRun]:
    """Capitalised runs in ``text[start:end]`` cut into parts; some parts are left undecided."""
    found: list[NameRun] = []
    headlines = HeadlineLines(text)
    for match in NAME_PATTERN.finditer(text, start, len(text) if end is None else end):
        run_start = match.start()
        if headlines.holds(run_start):
            found.append((run_start, match.end(), HEADLINE, None, None, False))
            continue  # judged word by word once the body is read
        run = match.group()
        lead = LOWER_COMPOUND.match(run)
        if lead is not None:  # "Fly-half Ciaran Doyle": a position written before the name
            run_start, run = run_start + lead.end(), run[lead.end():]
        initial = _is_sentence_initial(text, run_start)
        run_end = match.end()
        if (
            text.startswith(" ", run_end)  # the cheap test first: this runs once per name run
            and is_result_side(text, run_start, run_end)
            and not _is_full_name(run)
        ):
            found.append((run_start, run_end, TEAM, None, None, initial))
            continue  # "Sheffield Wednesday 1": the whole run is a club, whatever its words
        parts: list[Part] | tuple[Part, ...] = _analyse_run(run, initial)
        if " of " in run and any(
            p.label in _OPEN_LABELS and " of " in run[p.start : p.end] for p in parts
        ):
            parts = _speakers_of(text, run_start, run, parts)
        for part in parts:
            found.append(
                (
                    run_start + part.start,
                    run_start + part.end,
                    part.label,
                    part.key,
                    part.role,
                    initial and part.start == 0,
                )
            )
    return found


_OPEN_LABELS = (None, "ORG")  # "X Y of Z Securities" is ORG by its last word, yet may be a person


def _speakers_of(
    text: str, run_start: int, run: str, parts: list[Part] | tuple[Part, ...]
) -> list[Part]:
    """ "said Fernanda Lima of Banco Meridional": an undecided "X of Y" run that speaks is a
    person and where they work."""
    gaz = load_gazetteers()
    settled: list[Part] = []
    for part in parts:
        name = run[part.start : part.end]
        split = None
        if (
            part.label in _OPEN_LABELS
            and " of " in name
            and (is_speaker(text, run_start + part.start, run_start + part.end)
                 or of_a_place(text, run_start + part.start, name, gaz))
        ):
            split = person_of(name, gaz, _analyse_affiliation)
        if split is None:
            settled.append(part)
        else:
            settled.extend(p._replace(start=p.start + part.start, end=p.end + part.start)
                           for p in split)
    return settled


def _analyse_affiliation(run: str, tokens: list[Token]) -> list[Part]:
    return _analyse_segment(run, tokens, False, load_gazetteers(), weak=True)


def _is_full_name(run: str) -> bool:
    """ "Kevin Dorsett 2": a given name and a surname before a figure name a player."""
    first, _, rest = run.partition(" ")
    return bool(rest) and first in load_gazetteers().given_names


def _is_sentence_initial(text: str, position: int) -> bool:
    index = position - 1
    floor = max(-1, position - 8)
    while index > floor and text[index] in " \t\u00a0\"“‘'([":
        index -= 1
    return index < 0 or index == floor or text[index] in ".!?\n:…;—-"


@lru_cache(maxsize=1 << 16)
def _analyse_run(run: str, initial: bool) -> tuple[Part, ...]:
    gaz = load_gazetteers()
    tokens = [Token(m.start(), m.end(), m.group()) for m in _TOKEN_SPLIT.finditer(run)]
    parts: list[Part] = []
    segment: list[Token] = []
    for token in tokens:
        # "... in the U.S. The President ...": a dotted token then a function word breaks the run
        if segment and segment[-1].text.endswith(".") and token.text.lower() in gaz.common_words:
            parts.extend(_analyse_segment(run, segment, initial, gaz))
            segment, initial = [], True
        segment.append(token)
    parts.extend(_analyse_segment(run, segment, initial, gaz))
    return tuple(parts)


def _starts_known_name(run: str, tokens: list[Token], gaz: Gazetteers) -> bool:
    """ "New York", "Los Angeles": a common first word that opens a gazetteer name."""
    for size in (2, 3, 4):
        if len(tokens) >= size and lookup(run[tokens[0].start : tokens[size - 1].end], gaz):
            return True
    return False


def _analyse_segment(
    run: str, tokens: list[Token], initial: bool, gaz: Gazetteers, weak: bool = False
) -> list[Part]:
    while (
        tokens
        and is_common(tokens[0].text, initial, gaz)
        and not _starts_known_name(run, tokens, gaz)
    ):
        the = tokens[0].text in ("The", "the")
        tokens = tokens[1:]
        initial = False
        if the and len(tokens) > 1 and tokens[-1].text in gaz.org_words:
            break  # "The Local Government Association": its adjective is part of its name
    if (
        initial
        and len(tokens) > 2
        and tokens[1].text in CONNECTORS
        and tokens[1].text != "&"  # "Procter & Gamble" opening a sentence is one firm
        and not is_name_head(tokens[0].text, gaz)
    ):
        # "Members of the Sea Org" opening a sentence: the first word is an ordinary noun
        tokens = tokens[1:]
        while tokens and tokens[0].text in CONNECTORS:
            tokens = tokens[1:]
    while len(tokens) > 1 and (
        tokens[-1].text in CONNECTORS
        or (
            tokens[-1].text.lower() in gaz.common_words
            and not tokens[-1].text.isupper()
            and tokens[-1].text not in gaz.org_words  # "BBC News", "Deseret News"
        )
        or is_pronoun_i(tokens, gaz)
    ):
        tokens = tokens[:-1]  # "Ahmed Mohamed Image:" (a caption label)
    if not tokens:
        return []
    tail = _split_place_tail(run, tokens, gaz)
    if tail is not None:
        return tail
    start, end = tokens[0].start, tokens[-1].end
    name = run[start:end]
    known = lookup(name, gaz)
    if known is not None:
        return [known._replace(start=start, end=end)]
    if len(tokens) == 1 and "-" in name:
        pieces = hyphenated(name, start, gaz)
        if pieces:
            return pieces
    titled = _split_title(run, tokens, gaz)
    if titled is not None:
        return titled
    person_inside = _person_inside(run, tokens, gaz)
    if person_inside is not None:
        return person_inside
    label = keyword_label(tokens, gaz, CONNECTORS, lambda words: is_place(words, gaz))
    if label == NOT_A_NAME:
        return []
    if label is not None:
        return [Part(start, end, label, name)]
    peeled = _peel_prefix(run, tokens, gaz)
    if peeled is not None:
        return peeled
    if (
        len(tokens) == 2
        and gaz.demonyms.get(tokens[1].text)
        and tokens[0].text not in gaz.given_names
    ):  # "Best Kenyan teas": an adjective opening a sentence, then a nationality
        return [Part(tokens[1].start, tokens[1].end, "NORP", tokens[1].text)]
    first = tokens[0].text
    has_connector = any(t.text in CONNECTORS and t.text not in _NAME_PARTICLES for t in tokens)
    if (
        not has_connector
        and (first in gaz.given_names or is_initial(first))
        and (len(tokens) > 1 or first in gaz.given_names)
    ):
        return [Part(start, end, "PERSON", name)]
    if len(tokens) == 1 and is_acronym(name.replace(".", ""), gaz):
        return [Part(start, end, "ORG", name)]
    if weak and len(tokens) == 1:
        return []
    return [Part(start, end, None, name)]


def _split_place_tail(run: str, tokens: list[Token], gaz: Gazetteers) -> list[Part] | None:
    """ "University of Sheffield of the UK" → ORG + GPE: a whole name, then "of the" a country."""
    words = [t.text for t in tokens]
    for index in range(len(words) - 3, 1, -1):
        if words[index : index + 2] != ["of", "the"]:
            continue
        place = lookup(run[tokens[index + 2].start : tokens[-1].end], gaz)
        head = _analyse_segment(run, tokens[:index], False, gaz, weak=True)
        if (
            place is not None
            and place.label == "GPE"
            and place.key in gaz.countries
            and len(head) == 1
            and head[0].label == "ORG"
        ):
            return [*head, place._replace(start=tokens[index + 2].start, end=tokens[-1].end)]
    return None


def _person_inside(run: str, tokens: list[Token], gaz: Gazetteers) -> list[Part] | None:
    """ "Refugee Council Enver Solomon" → ORG + PERSON; "Lydia Buchtmann for X" → PERSON + X."""
    first = tokens[0].text
    if first in gaz.given_names and len(tokens) > 3:
        for index in (2, 3):
            if index < len(tokens) - 1 and tokens[index].text in ("of", "for", "from", "at"):
                person_end = tokens[index - 1].end
                return [
                    Part(tokens[0].start, person_end, "PERSON", run[tokens[0].start : person_end]),
                    *affiliation(run, tokens[index + 1 :], gaz, _analyse_affiliation),
                ]
    for index in range(1, len(tokens) - 1):
        name_tokens = tokens[index:]
        if (
            tokens[index].text in gaz.given_names
            and len(name_tokens) <= 3
            and tokens[index - 1].text not in gaz.given_names
            and not is_place_head(tokens[index - 1].text)
            and all(t.text not in CONNECTORS for t in name_tokens)
            and not any(t.text in gaz.org_words or t.text in gaz.place_words for t in name_tokens)
        ):
            person_start = tokens[index].start
            return [
                *_analyse_segment(run, tokens[:index], False, gaz, weak=True),
                Part(person_start, end_of(tokens), "PERSON", run[person_start : end_of(tokens)]),
            ]
    return None


def end_of(tokens: list[Token]) -> int:
    return tokens[-1].end


def _split_title(run: str, tokens: list[Token], gaz: Gazetteers) -> list[Part] | None:
    """ "Hungarian Ambassador Tamás József Torma" → NORP + PERSON with role; None if no title."""
    head = None
    for index, token in enumerate(tokens):
        if is_title_head(token.text, gaz) and (
            index == 0
            or head is not None
            or is_role_prefix(tokens[:index], gaz)
            or is_place(run[tokens[0].start : tokens[index - 1].end], gaz)  # "Los Angeles Sheriff"
            or person_follows(tokens, index, gaz)  # "Mines Minister Bolor Ganbaatar"
        ):
            head = index
        elif head is not None and not continues_title(tokens, index, gaz):
            break
    if head is None:
        return None
    prefix_parts = gazetteer_prefix(run, tokens[:head], gaz)
    rest = tokens[head + 1 :]
    if rest and rest[0].text in CONNECTORS:
        while rest and rest[0].text in CONNECTORS:
            rest = rest[1:]
        return prefix_parts + _analyse_segment(run, rest, False, gaz, weak=True)
    if not rest:
        return prefix_parts
    role_words = run[tokens[0].start : tokens[head].end].split()
    while role_words and role_words[-1].rstrip(".").lower() in _HONORIFICS:
        role_words.pop()  # "Minister Hon. X": the form of address is no part of the role
    role = " ".join(role_words) or None
    affiliated = _person_of(run, rest, role, gaz)
    if affiliated is not None:
        return prefix_parts + affiliated  # "Professor Aminata Traoré of the University of Bamako"
    if rest[0].text not in gaz.given_names and any(t.text in gaz.org_words for t in rest):
        # "Doctor Who Society", "General Motors": a title word opening an organisation's name
        return [Part(tokens[0].start, rest[-1].end, "ORG", run[tokens[0].start : rest[-1].end])]
    person_end = rest[-1].end
    return [
        *prefix_parts,
        Part(rest[0].start, person_end, "PERSON", run[rest[0].start : person_end], role),
    ]


def _person_of(
    run: str, rest: list[Token], role: str | None, gaz: Gazetteers
) -> list[Part] | None:
    """ "Niamh Gallagher of Liffey Capital" after a title: the person, then where they work."""
    cut = next((i for i, t in enumerate(rest) if t.text in AFFILIATIONS), None)
    if cut is None or not 0 < cut <= MAX_NAME_WORDS:
        return None
    if not all(is_name_word(t, gaz) for t in rest[:cut]):
        return None
    after = affiliation(run, rest[cut + 1 :], gaz, _analyse_affiliation)
    person_end = rest[cut - 1].end
    person = Part(rest[0].start, person_end, "PERSON", run[rest[0].start : person_end], role)
    return [person, *after] if after else None


def _peel_prefix(run: str, tokens: list[Token], gaz: Gazetteers) -> list[Part] | None:
    """ "Hungarian Tamás Torma" → NORP + rest; "United States Hamdullah Mohib" → GPE + rest."""
    for size in (3, 2, 1):
        if len(tokens) <= size:
            continue
        start, end = tokens[0].start, tokens[size - 1].end
        known = lookup(run[start:end], gaz)
        if known is None:
            continue
        rest = tokens[size:]
        if rest[0].text in CONNECTORS:
            return None
        if known.label == "NORP" or rest[0].text in gaz.given_names:
            parts = _analyse_segment(run, rest, False, gaz)
            if known.label == "NORP" and [p.label for p in parts] == ["ORG"]:
                # "British Red Cross": a nationality belongs to the organisation's name
                whole = run[start : tokens[-1].end]
                return [Part(start, tokens[-1].end, "ORG", whole)]
            return [known._replace(start=start, end=end), *parts]
        if size == 1 and len(rest) == 1 and tokens[0].text in gaz.given_names:
            return [Part(start, tokens[-1].end, "PERSON", run[start : tokens[-1].end])]  # "Sofia"
        if known.label in ("GPE", "LOC") and all(t.text not in CONNECTORS for t in rest):
            return [
                Part(start, tokens[-1].end, "ORG", run[start : tokens[-1].end])
            ]  # "Ontario Ghostbusters"
        return None
    return None
