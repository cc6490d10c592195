"""Words of a command line, whatever its syntax: unknown text in a word (HOLE), variable
assignments (`NAME=value`), and plain word splitting for APIs that split a string into argv
without a shell (and of a string known only up to a part computed at run time)."""

from __future__ import annotations

from frontier_lint.lazy_regex import lazy_compile

# Unknown text inside a word (the value of an expansion). Real argv can never contain NUL.
HOLE = "\x00"

_ASSIGNMENT = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=")


def is_assignment(word: str) -> bool:
    """`NAME=value` (or `NAME+=value`, `a[i]=v`): a variable assignment, not a program."""
    return _ASSIGNMENT.match(word) is not None


def split_words(text: str) -> tuple[list[str], bool]:
    """Plain word splitting (quotes and backslashes, no operators or expansions).

    For APIs that split a string into argv without running a shell (pexpect). Returns the words
    and whether the quoting was balanced.
    """
    words, _, balanced = _plain_words(text, quotes=True, stop=False)
    return words, balanced


def leading_words(text: str, quotes: bool = True) -> tuple[list[str], int]:
    """The words of `text` that end before its first HOLE, and where the rest of it begins.

    For a command line known only up to a part computed at run time (`"codex exec " + prompt`):
    a word is known when unquoted whitespace ends it before that part; the word the part falls
    in (or an open quote or a trailing backslash before it) is left to the rest, which starts at
    that word's first character, so splitting it later gives the words a split of the whole
    would. `quotes`: quotes and backslashes count (`shlex.split`), else only whitespace does
    (`str.split()`). Without a HOLE every word is known and the rest is empty.
    """
    words, rest, _ = _plain_words(text, quotes=quotes, stop=True)
    return words, rest


def _plain_words(text: str, quotes: bool, stop: bool) -> tuple[list[str], int, bool]:
    """The words of `text` (`split_words`), up to its first HOLE with `stop` (`leading_words`):
    (words, where the rest begins, whether the quotes balance)."""
    words: list[str] = []
    cur: list[str] = []
    start = -1  # where the current word began (-1: between words)
    quote: str | None = None
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if stop and (c == HOLE or (c == "\\" and quotes and text[i + 1 : i + 2] == HOLE)):
            return words, (start if start >= 0 else i), quote is None
        if start < 0 and not c.isspace():
            start = i
        if not quotes:
            if c.isspace() and start >= 0:
                words.append(text[start:i])
                start = -1
        elif quote is not None:
            if c == quote:
                quote = None
            elif c == "\\" and quote == '"' and i + 1 < n and text[i + 1] in '"\\':
                i += 1
                cur.append(text[i])
            else:
                cur.append(c)
        elif c in "'\"":
            quote = c
        elif c == "\\" and i + 1 < n:
            i += 1
            cur.append(text[i])
        elif c.isspace():
            if start >= 0:
                words.append("".join(cur))
                cur, start = [], -1
        else:
            cur.append(c)
        i += 1
    if start >= 0:
        if stop and (quote is not None or text.endswith("\\")):
            # Unfinished at the end (an open quote, a trailing backslash): a word only once the
            # text is whole.
            return words, start, quote is None
        words.append(text[start:] if not quotes else "".join(cur))
    return words, n, quote is None


def collapse_holes(text: str) -> str:
    """Adjacent unknown pieces as one HOLE (what they hold together is unknown too)."""
    while HOLE + HOLE in text:
        text = text.replace(HOLE + HOLE, HOLE)
    return text
