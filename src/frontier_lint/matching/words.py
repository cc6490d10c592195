"""Words of a command line, whatever its syntax: unknown text in a word (HOLE), variable
assignments (`NAME=value`), and plain word splitting for APIs that split a string into argv
without a shell."""

from __future__ import annotations

import re

# Unknown text inside a word (the value of an expansion). Real argv can never contain NUL.
HOLE = "\x00"

_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=")


def is_assignment(word: str) -> bool:
    """`NAME=value` (or `NAME+=value`, `a[i]=v`): a variable assignment, not a program."""
    return _ASSIGNMENT.match(word) is not None


def split_words(text: str) -> tuple[list[str], bool]:
    """Plain word splitting (quotes and backslashes, no operators or expansions).

    For APIs that split a string into argv without running a shell (pexpect). Returns the words
    and whether the quoting was balanced.
    """
    words: list[str] = []
    cur: list[str] = []
    in_word = False
    quote: str | None = None
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if quote is not None:
            if c == quote:
                quote = None
            elif c == "\\" and quote == '"' and i + 1 < n and text[i + 1] in '"\\':
                i += 1
                cur.append(text[i])
            else:
                cur.append(c)
        elif c in "'\"":
            quote, in_word = c, True
        elif c == "\\" and i + 1 < n:
            i += 1
            cur.append(text[i])
            in_word = True
        elif c.isspace():
            if in_word:
                words.append("".join(cur))
                cur, in_word = [], False
        else:
            cur.append(c)
            in_word = True
        i += 1
    if in_word:
        words.append("".join(cur))
    return words, quote is None


def collapse_holes(text: str) -> str:
    """Adjacent unknown pieces as one HOLE (what they hold together is unknown too)."""
    while HOLE + HOLE in text:
        text = text.replace(HOLE + HOLE, HOLE)
    return text
