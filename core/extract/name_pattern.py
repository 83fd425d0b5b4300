"""What a run of capitalised words is, as one regular expression: names, initials and
abbreviations joined by spaces and the connectors names hold ("of", "de", "bin")."""

from __future__ import annotations

import re

from lectern.core.extract.gazetteers import lexicon_phrases, lexicon_words

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x2000)) if ch.isupper() or ch.istitle())
_AFFIXES = rf"(?:{'|'.join(sorted(lexicon_words('name_affixes')))})\b"
_WORD = rf"[{_UPPER}](?:[^\W_]|['’](?=[^\W\d_])(?![sS]\b)|-(?=[^\W_])(?!{_AFFIXES}))*"
_ABBREVIATION = rf"(?:{'|'.join(sorted(lexicon_words('name_abbreviations')))})\."
_INITIALS = rf"(?:[{_UPPER}]\.){{1,4}}"
_TOKEN = rf"(?:{_ABBREVIATION}|{_INITIALS}|{_WORD})"
_CONNECTOR = "(?:{})".format(
    "|".join(sorted(lexicon_phrases("name_connectors"), key=len, reverse=True))
)
NAME_PATTERN = re.compile(rf"(?<![\w@#]){_TOKEN}(?:[ \u00a0](?:{_CONNECTOR}[ \u00a0])?{_TOKEN})*")
# A first word whose part after the hyphen is lower case ("Fly-half", "Right-back"), and more
# words after it: no name is written so.
LOWER_COMPOUND = re.compile(r"[^\W\d_]+(?:-[a-z]+)+[ \u00a0]+(?=\S)")
