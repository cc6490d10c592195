"""Split a module's text into its top-level statements without parsing it.

libcst is slow on big modules, and most top-level definitions of a file cannot launch anything.
A cheap scan finds where each top-level statement starts (a line at column 0 that is not inside a
triple-quoted string and does not continue the previous statement), so that only the statements
that matter are parsed. The scan is a heuristic; `parsing` checks every piece it parses and falls
back to the whole module when a boundary was wrong, so a wrong guess costs time, never a result.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

_CONTINUATION = re.compile(r"(?:else|elif|except|finally|case)\b|[)\]}]")
_HEAD = re.compile(
    r"(?P<deco>@)|(?:async[ \t]+)?(?P<kw>def|class)[ \t]+(?P<name>\w+)|(?P<imp>import|from)\b"
)


@dataclass(frozen=True, slots=True)  # (slots: every parsed file keeps its chunks all run long)
class Chunk:
    """Lines [start, end) (0-based) holding one top-level statement (with its decorators)."""

    start: int
    end: int
    kind: str  # "def" | "class" | "import" | "other"
    name: str = ""  # the defined name for def / class


# Everything up to the next triple quote, skipping comments and one-line strings (so that a
# triple quote inside them does not count), in one match: possessive loops keep it linear and
# in C, three times faster than a token-by-token loop on the corpus.
_TO_TRIPLE = re.compile(
    r"""(?:[^"'#]++|\#[^\n]*+|"(?!"")(?:[^"\\\n]|\\.)*+"?|'(?!'')(?:[^'\\\n]|\\.)*+'?)*+"""
    r"""(?P<tq>\"\"\"|\'\'\')""",
    re.S,
)


def _triple_string_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    match = _TO_TRIPLE.match
    while True:
        m = match(text, pos)
        if m is None:
            return spans
        quote = m.group("tq")
        start = end = m.end()
        while True:
            close = text.find(quote, end)
            if close < 0:
                spans.append((m.start("tq"), len(text)))
                return spans
            # An escaped quote (odd number of backslashes before it) does not close.
            backslashes = 0
            i = close - 1
            while i >= start and text[i] == "\\":
                backslashes += 1
                i -= 1
            if backslashes % 2 == 0:
                break
            end = close + 1
        spans.append((m.start("tq"), close + 3))
        pos = close + 3


_LINE_START = re.compile(r"^[^\s#]", re.M)
# A column-0 line after one that ends inside brackets (`x = {` then unindented entries).
_SUSPECT = re.compile(r"[(\[{,]\s*\n[^\s#)\]}]")
# Everything up to the next bracket or triple quote, skipping comments and one-line strings
# (a quote that opens no string on its line is skipped alone), in one match, as `_TO_TRIPLE`:
# the loop below runs once per bracket, not once per token.
_TO_BRACKET = re.compile(
    r"""(?:[^"'#()\[\]{}]++|\#[^\n]*+|"(?!"")(?:[^"\\\n]|\\.)*+"|'(?!'')(?:[^'\\\n]|\\.)*+'"""
    r"""|"(?!"")|'(?!''))*+(?:(?P<tq>\"\"\"|\'\'\')|(?P<open>[(\[{])|[)\]}])"""
)


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """Spans of top-level bracket groups (their contents continue one statement)."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    pos = 0
    match = _TO_BRACKET.match
    while True:
        m = match(text, pos)
        if m is None:
            if depth:
                spans.append((start, len(text)))
            return spans
        pos = m.end()
        quote = m.group("tq")
        if quote:
            close = text.find(quote, pos)
            pos = len(text) if close < 0 else close + 3
        elif m.group("open"):
            if depth == 0:
                start = pos - 1
            depth += 1
        elif depth:  # a closing bracket
            depth -= 1
            if depth == 0:
                spans.append((start, pos))


def split_chunks(text: str, starts: Sequence[int] | None = None) -> list[Chunk]:
    """The top-level statements of `text`, in order, covering every line.

    starts: `line_starts(text)`, when the caller has it (not computed twice)."""
    spans = _triple_string_spans(text) if ('"""' in text or "'''" in text) else []
    if _SUSPECT.search(text):
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans + _bracket_spans(text)):
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        spans = merged
    span_starts = [s for s, _ in spans]
    # (An entry for the empty line after a final newline changes no line found below: every
    # match starts before the end of the text.)
    offsets = line_starts(text) if starts is None else starts
    n_lines = len(offsets)
    if n_lines > 1 and offsets[-1] == len(text):
        n_lines -= 1
    heads: list[tuple[int, re.Match[str] | None]] = []
    pending_decorator = False
    for m in _LINE_START.finditer(text):
        off = m.start()
        if spans:
            i = bisect_right(span_starts, off) - 1
            if i >= 0 and spans[i][0] < off < spans[i][1]:
                continue
        if _CONTINUATION.match(text, off):
            continue
        line = bisect_right(offsets, off) - 1
        if line > 0 and text[offsets[line] - 2 : offsets[line] - 1] == "\\":
            continue  # backslash continuation of the previous line
        head = _HEAD.match(text, off)
        if pending_decorator:
            # A def/class after decorators belongs to the decorators' chunk.
            if head and head.group("kw"):
                heads[-1] = (heads[-1][0], head)
                pending_decorator = False
            elif head and head.group("deco"):
                pass
            else:
                pending_decorator = False
                heads.append((line, head))
            continue
        heads.append((line, head))
        pending_decorator = bool(head and head.group("deco"))
    chunks: list[Chunk] = []
    if not heads or heads[0][0] != 0:
        heads.insert(0, (0, None))
    for i, (line, head) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else n_lines
        if head is None:
            kind, name = "other", ""
        elif head.group("kw"):
            kind, name = head.group("kw"), head.group("name")
        elif head.group("imp"):
            kind, name = "import", ""
        else:
            kind, name = "other", ""
        chunks.append(Chunk(line, end, kind, name))
    return chunks


def line_starts(text: str) -> list[int]:
    """Offset of every line's first character, one per `text.split("\n")` item (C-level
    iterators: a Python loop over the lines costs more than the split)."""
    return list(accumulate(map(_PLUS_ONE, map(len, text.split("\n"))), initial=0))[:-1]


_PLUS_ONE = (1).__add__


def lines_between(text: str, starts: Sequence[int], start: int, end: int) -> str:
    """Lines [start, end) of `text` joined by newlines, from `line_starts(text)`."""
    if start >= end or start >= len(starts):
        return ""
    stop = starts[end] - 1 if end < len(starts) else len(text)
    return text[starts[start] : stop]


def triple_string_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the triple-quoted strings in `text`."""
    return _triple_string_spans(text) if ('"""' in text or "'''" in text) else []
