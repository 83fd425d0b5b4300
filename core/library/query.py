"""A search as a person types it, turned into a safe FTS5 expression.

Words, "quoted phrases", prefixes (``pharma*``), AND / OR / NOT in capitals and
parentheses are kept; everything else is quoted, so ``U.S.``, ``don't`` or ``C++`` search
for their words instead of breaking FTS5's syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lectern.core.errors import LecternError

OPERATORS = ("AND", "OR", "NOT")
_PIECES = re.compile(r'"(?P<phrase>[^"]*)"?(?P<pstar>\*?)|(?P<paren>[()])|(?P<word>[^\s"()]+)')


@dataclass(frozen=True)
class Query:
    """``match``: the FTS5 expression; ``text``: what was typed."""

    text: str
    match: str


def parse_query(text: str) -> Query:
    tokens: list[str] = []
    for piece in _PIECES.finditer(text):
        if piece.group("paren"):
            tokens.append(piece.group("paren"))
            continue
        word = piece.group("phrase") if piece.group("phrase") is not None else piece.group("word")
        star = piece.group("pstar") or ""
        if piece.group("word") is not None:
            if word in OPERATORS:
                tokens.append(word)
                continue
            star = "*" if word.endswith("*") else ""
            word = word.rstrip("*")
        if not any(char.isalnum() for char in word):
            continue  # only punctuation: FTS5 would find nothing for it
        tokens.append('"' + word.replace('"', '""') + '"' + star)
    tokens = _balanced(tokens)
    _check(text, tokens)
    return Query(text, " ".join(tokens))


def _balanced(tokens: list[str]) -> list[str]:
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth < 0:
            break
    if depth != 0:
        return [t for t in tokens if t not in "()"]  # unmatched: read as plain words
    return [t for i, t in enumerate(tokens)
            if not (t == "(" and i + 1 < len(tokens) and tokens[i + 1] == ")")
            and not (t == ")" and i and tokens[i - 1] == "(")]


def _check(text: str, tokens: list[str]) -> None:
    terms = [t for t in tokens if t not in (*OPERATORS, "(", ")")]
    if not terms:
        raise LecternError("Type a word or a \"phrase\" to search for"
                           + (f" (“{text.strip()}” has none)." if text.strip() else "."))
    for before, after in zip(["(", *tokens], [*tokens, ")"], strict=True):
        if after in OPERATORS and before in (*OPERATORS, "("):
            raise LecternError(f"“{after}” needs a word before it: try “tax {after} vat”.")
        if before in OPERATORS and after == ")":
            raise LecternError(f"“{before}” needs a word after it: try “tax {before} vat”.")
