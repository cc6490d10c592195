"""Split a module's text into its top-level statements without parsing it.

libcst is slow on big modules, and most top-level definitions of a file cannot launch anything.
A cheap scan finds where each top-level statement starts (a line at column 0 that is not inside a
triple-quoted string and does not continue the previous statement), so that only the statements
that matter are parsed. The scan is a heuristic; `parsing` checks every piece it parses and falls
back to the whole module when a boundary was wrong, so a wrong guess costs time, never a result.

`code_lines` sets a file's comments and blank lines apart from its code with the same kind of
scan (strings and comments only, no tokenizer): the cache answers an edit of those alone.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from sys import intern

from frontier_lint.lazy_regex import lazy_compile

_CONTINUATION = lazy_compile(r"(?:else|elif|except|finally|case)\b|[)\]}]")
_HEAD = lazy_compile(
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
_TO_TRIPLE = lazy_compile(
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


_LINE_START = lazy_compile(r"^[^\s#]", re.M)
# A column-0 line after one that ends inside brackets (`x = {` then unindented entries).
_SUSPECT = lazy_compile(r"[(\[{,]\s*\n[^\s#)\]}]")
# Everything up to the next bracket or triple quote, skipping comments and one-line strings
# (a quote that opens no string on its line is skipped alone), in one match, as `_TO_TRIPLE`:
# the loop below runs once per bracket, not once per token.
_TO_BRACKET = lazy_compile(
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
            # (Interned: every parsed file keeps its chunks all run long, and the regex
            # makes a new string of `def` and of each name per chunk.)
            kind, name = intern(head.group("kw")), intern(head.group("name"))
        elif head.group("imp"):
            kind, name = "import", ""
        else:
            kind, name = "other", ""
        chunks.append(Chunk(line, end, kind, name))
    return chunks


class Split:
    """A text with its line starts and chunks, each computed once, when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._chunks: list[Chunk] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = line_starts(self.text)
        return self._starts

    @property
    def chunks(self) -> list[Chunk]:
        if self._chunks is None:
            self._chunks = split_chunks(self.text, self.starts)
        return self._chunks


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


# --------------------------------------------------------------------------- code without trivia

# The strings and comments of Python source (bytes), and a backslash that joins two lines: the
# only places where a `#`, a quote or a line end is not what it seems. A string left open at a
# line end (not valid Python) or at the end of the text ends there.
# (Each match starts at a quote or `#`: the engine skips to those in C. A string's prefix is
# read from the bytes before it.)
_TRIVIA_TOKENS = lazy_compile(
    rb"""\"\"\"(?:[^"\\]++|\\.|"(?!""))*+(?:\"\"\"|\Z)"""
    rb"""|'''(?:[^'\\]++|\\.|'(?!''))*+(?:'''|\Z)"""
    rb"""|"(?:[^"\\\n]++|\\.)*+(?:"|(?=\n)|\Z)|'(?:[^'\\\n]++|\\.)*+(?:'|(?=\n)|\Z)"""
    rb"""|(?P<c>\#[^\n]*+)""",
    re.S,
)
# `_SUSPECT` on bytes: whether `split_chunks` looks for brackets, which a comment can change
# (`x = (  # note` then a line at column 0): part of the digest, so chunks, and the `@N` ids
# of top-level statements (`ids.SHADOWED`), stay as they were.
_SUSPECT_BYTES = lazy_compile(_SUSPECT.pattern.encode())


@dataclass(frozen=True, slots=True)
class CodeLines:
    """A file's code with comments, blank lines and trailing whitespace set aside.

    `digest`: the same for two texts exactly when they hold the same code lines in the same
    order (a line's code keeps its columns: only whole lines and what follows the code on a
    line are set aside). `dropped`: the 1-based numbers of the lines set aside, as runs
    (first line, count) flattened, in order: what maps a code line's number between texts."""

    digest: str
    dropped: tuple[int, ...]


def line_map(dropped: Sequence[int], new: CodeLines) -> LineMap:
    """From the lines of a text whose dropped lines were `dropped` to those of `new`."""
    return LineMap(dropped_lines(dropped), dropped_lines(new.dropped))


@dataclass(frozen=True, slots=True)
class CodeScan:
    """`CodeLines` with the code lines it was made of (`code_scan`): what a statement's own
    code digest is made of (`chunk_digests`). Kept for one run at most."""

    lines: CodeLines
    kept: list[bytes]  # the code lines, in order, as the digest takes them
    numbers: list[int]  # the 0-based number of each


def chunk_digests(scan: CodeScan, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The digest of the code of each span of lines [start, end) (0-based): the same for two
    statements exactly when they hold the same code lines in the same order, whatever their
    comments, blank lines or place in the file (a line's code keeps its columns)."""
    out: list[str] = []
    numbers, kept = scan.numbers, scan.kept
    for start, end in spans:
        lo, hi = bisect_left(numbers, start), bisect_left(numbers, end)
        out.append(hashlib.blake2b(b"\n".join(kept[lo:hi]), digest_size=12).hexdigest())
    return out


def code_lines(data: bytes) -> CodeLines | None:
    """`code_scan`'s `CodeLines`."""
    scan = code_scan(data)
    return scan.lines if scan is not None else None


def code_scan(data: bytes) -> CodeScan | None:
    """The code of `data` (Python source bytes) apart from its comments and blank lines; None
    where setting them aside might change what the code is: an encoding declaration other than
    UTF-8 in the first two lines (the rest decodes by it: a `\\` byte may be half of a
    character; a comment edit may move it where it no longer counts), a carriage
    return (a line end to CPython), a NUL (CPython refuses the file), a comment or blank line
    after a line that a backslash joins to the next. A comment after an f-string on its line is
    kept as code: from Python 3.12 an f-string may hold the quote that encloses it, so where it
    ends is not certain here."""
    if b"\r" in data or b"\0" in data:
        return None
    second = data.find(b"\n", data.find(b"\n") + 1)
    head = data if second < 0 else data[:second]
    if b"coding" in head and not _utf8_only(head):
        return None
    lines = data.split(b"\n")
    starts = list(accumulate(map(_PLUS_ONE, map(len, lines)), initial=0))
    keep_whole: set[int] = set()  # lines that end inside a string, or keep their comment
    cut: dict[int, int] = {}  # line -> offset in it where a comment starts
    fstring_line = -1
    for m in _TRIVIA_TOKENS.finditer(data):
        start = m.start()
        if data[start] == 0x23:  # `#`
            line = bisect_right(starts, start) - 1
            # (After a backslash in a comment `split_chunks` reads the next line as joined.)
            if line == fstring_line or data.endswith(b"\\", 0, m.end()):
                keep_whole.add(line)
            else:
                cut[line] = start - starts[line]
            continue
        end = m.end()
        first = bisect_right(starts, start) - 1
        if b"f" in data[max(start - 2, 0) : start].lower():  # (an `f`, `rf` or `fr` prefix)
            fstring_line = first
        if b"\n" in data[start:end]:
            last = bisect_right(starts, end) - 1
            keep_whole.update(range(first, last))
    code: list[bytes] = []
    numbers: list[int] = []
    dropped: list[int] = []
    joined = False  # the previous code line ends with a backslash: it continues on this one
    for i, text in enumerate(lines):
        if i in keep_whole:
            code.append(text)
            numbers.append(i)
            joined = False
            continue
        at = cut.get(i)
        kept = (text if at is None else text[:at]).rstrip(b" \t\f")
        # After a backslash that would join the line to the next, anything (a blank, a
        # comment) makes CPython reject the file: there it is code.
        text = kept if not kept.endswith(b"\\") else text
        if text:
            code.append(text)
            numbers.append(i)
            joined = text[-1] == 0x5C  # `\`
        elif joined:
            return None
        elif dropped and dropped[-2] + dropped[-1] == i + 1:
            dropped[-1] += 1
        else:
            dropped += (i + 1, 1)
    suspect = b"(" if _SUSPECT_BYTES.search(data) else b""
    digest = hashlib.blake2b(b"\n".join([suspect, *code]), digest_size=12).hexdigest()
    return CodeScan(CodeLines(digest, tuple(dropped)), code, numbers)


# PEP 263's encoding declaration, on one of the first two lines.
_CODING = lazy_compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.M)


def _utf8_only(head: bytes) -> bool:
    """Whether the encoding declarations in `head` (the first two lines) all name UTF-8, the
    default: then the text decodes the same wherever a comment edit moves them."""
    for name in _CODING.findall(head):
        try:
            if codecs.lookup(name.decode("ascii")).name != "utf-8":
                return False
        except (LookupError, UnicodeDecodeError):
            return False
    return True


def dropped_lines(runs: Sequence[int]) -> list[int]:
    """Every line number of `CodeLines.dropped`'s runs (first line, count), in order."""
    return [line for i in range(0, len(runs), 2) for line in range(runs[i], runs[i] + runs[i + 1])]


@dataclass(frozen=True, slots=True)
class LineMap:
    """From a code line's number in one text to its number in another with the same code."""

    old: list[int]  # dropped lines, sorted
    new: list[int]

    def __call__(self, line: int) -> int | None:
        """The line's new number; None for a line that was no code line (nothing to map)."""
        i = bisect_right(self.old, line)
        if i and self.old[i - 1] == line:
            return None
        index = line - i  # its place among the code lines (1-based)
        # The index-th line of the new text that is not dropped: search the dropped lines.
        lo, hi = 0, len(self.new)
        while lo < hi:  # the first j with new[j] - j > index - 1, i.e. ...
            mid = (lo + hi) // 2
            if self.new[mid] - mid <= index:
                lo = mid + 1
            else:
                hi = mid
        return index + lo
