"""An edit of code that no result read, answered from the cache without the analysis.

A run's analysis reads a file's text by top-level statements (chunks, `scan.chunks`): it parses
the ones its byte gates select and the ones a value is resolved from (`Project.reads` notes
them), and scans whole texts only for words (sink and program names, wrapper names and their
gate words, the names it searches files for) and for imports. So a chunk the analysis did not
read, in which no gate finds anything, cannot have changed a result; when an edit of a file
changes only such chunks, and their new text gives the gates nothing either, the cached results
stand once the lines after the edit are renumbered (as for comment edits, `incremental`).

The cache keeps, for the files with a code record (`CacheData.codes`), a `Block`: the digest,
kind, name and line count of each chunk, whether the gates find nothing in it (decided when the
block is saved, under the gates of that run: `words`, their digest `gate`), and which chunks the
analysis read (indices; a file read as a whole, `ReadLog.whole`, or whose reads are not known,
keeps no block). An edit is answered when the new text has as many chunks, those that differ
keep their kind and name, none of them was read, each was and is quiet, and CPython accepts the
new statements (a launching file's syntax is part of its results). Anything else, or anything
unknown, goes the normal way."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontier_lint.frontend.grammar import rejection
from frontier_lint.frontend.project import DecodeFailure, Project, ReadLog, decode_source
from frontier_lint.run.cache import Block, CacheData, Code, Entry, Row, digest
from frontier_lint.scan.chunks import (
    Chunk,
    Split,
    code_lines,
    dropped_lines,
    line_starts,
    lines_between,
    split_chunks,
)
from frontier_lint.settings.catalogue import Catalogue

if TYPE_CHECKING:
    from frontier_lint.scan.prefilter import WordFinder

# Words whose appearance anywhere changes what a whole-text scan of the file says, whatever
# the names: imports (what names a sink or a wrapper in the file, re-exports, star imports),
# module bindings from inside a function (`global`), what a module exports.
# (No leading `\b`: `re` would try the pattern at every position; a word ending in one counts
# too.) And a `def` or `class` at the start of a line inside a statement (in a string: where a search
# for the top-level function around a match, `hierarchy._registrations`, could stop).
_STRUCTURAL = re.compile(
    r"(?:import|global|nonlocal|__all__|__import__)\b|\n(?:async[ \t]+)?(?:def|class)\b"
)
# A method header in a class body: a class whose methods share a name gives the earlier ones
# ids with their line (`name@line`, `ids.SHADOWED`), which a line shift would change.
_METHOD = re.compile(r"^[ \t]+(?:async[ \t]+)?def[ \t]+(\w+)", re.M)


@dataclass(frozen=True)
class Gate:
    """What the analysis's gates look for in a chunk's text (any of them found: not quiet)."""

    words: frozenset[str]
    key: str
    finder: WordFinder

    @staticmethod
    def of(catalogue: Catalogue, words: Iterable[str]) -> Gate:
        every = set(words)
        for call in catalogue.sinks:  # (`prefilter.sink_words`: either half, anywhere)
            every.add(call.split(".")[0])
            every.add(call.rsplit(".", 1)[-1])
        every |= catalogue.programs
        every.discard("")
        key = hashlib.blake2b("\0".join(sorted(every)).encode("utf-8", "surrogatepass")).hexdigest()
        encoded = [w.encode("utf-8", "surrogateescape") for w in sorted(every)]
        # (Imported here: a run that only carries blocks over comment edits needs no gate.)
        from frontier_lint.scan.prefilter import WordFinder

        return Gate(frozenset(every), key[:24], WordFinder(encoded))

    @staticmethod
    def patterns(
        noted: Iterable[str], compiled: dict[str, re.Pattern[str]] | None = None
    ) -> list[re.Pattern[str]]:
        """The regexes the analysis ran over the file's text (`SourceFile.code_lines`, and the
        launch pattern of its imports when a child scanned it: `LaunchScan.regex`). (A file
        never scanned for launches has no sink word: none in the edited chunks either, so it
        is not scanned after the edit.) `compiled`: regexes compiled already, by their
        pattern, and where those compiled here are kept (one pattern serves many files)."""
        if compiled is None:
            return [re.compile(p) for p in sorted(noted)]
        out: list[re.Pattern[str]] = []
        for p in sorted(noted):
            got = compiled.get(p)
            if got is None:
                got = compiled[p] = re.compile(p)
            out.append(got)
        return out

    def noisy(
        self,
        text: str,
        chunks: _Chunks,
        patterns: list[re.Pattern[str]],
        skip: Iterable[int] = (),
    ) -> set[int]:
        """The chunks of `text` in which a gate finds something: structure words in one scan
        of the whole text (a match that runs over chunks counts in each); words and patterns
        chunk by chunk, except in the chunks of `skip`, counted as found."""
        out: set[int] = set(skip)
        # (Offsets of each chunk's start: the chunks cover every line, their texts joined by
        # line ends make the text.)
        at = [0]
        for piece in chunks.pieces:
            at.append(at[-1] + len(piece) + 1)
        starts = set(at)
        headed: set[int] = set()  # def / class chunks whose header (after decorators) was seen
        for m in _STRUCTURAL.finditer(text):
            first = bisect_right(at, m.start()) - 1
            if m.group(0)[:1] == "\n":
                if m.start() + 1 in starts:
                    continue  # (the header of the next chunk)
                piece = chunks.pieces[first]
                if first not in headed and piece[:1] == "@" and chunks.rows[first][3] != "other":
                    headed.add(first)  # (the header after the chunk's decorators)
                    continue
            out.update(range(first, bisect_right(at, max(m.end() - 1, m.start()))))
        for i, piece in enumerate(chunks.pieces):
            if i in out:
                continue
            if self.finder.found(piece.encode("utf-8", "surrogatepass")):
                out.add(i)
                continue
            for pattern in patterns:  # (within the chunk: a statement ends at its end)
                hit = pattern.search(text, at[i], at[i + 1])
                if hit is not None:
                    out.add(i)
                    break
        return out


@dataclass(frozen=True)
class _Chunks:
    """A text's chunks: (start line, line count, digest, kind, name) each, and their texts."""

    rows: list[tuple[int, int, str, str, str]]
    pieces: list[str]


def _chunks(text: str, split: tuple[Sequence[Chunk], Sequence[int]] | None = None) -> _Chunks:
    """`split`: the text's chunks and line starts where they were computed already."""
    if split is None:
        starts: Sequence[int] = line_starts(text)
        found: Sequence[Chunk] = split_chunks(text, starts)
    else:
        found, starts = split
    rows: list[tuple[int, int, str, str, str]] = []
    pieces: list[str] = []
    for c in found:
        piece = lines_between(text, starts, c.start, c.end)
        pieces.append(piece)
        rows.append(
            (
                c.start,
                c.end - c.start,
                digest(piece.encode("utf-8", "surrogatepass")),
                c.kind,
                c.name,
            )
        )
    return _Chunks(rows, pieces)


class ShiftMap:
    """From a line of the old text to its line in the new one, where chunks of the old text
    stand unchanged in the new (None for a line of a changed chunk)."""

    def __init__(
        self, old: list[tuple[int, int]], new_starts: list[int], changed: set[int]
    ) -> None:
        self.old_starts = [s for s, _ in old]
        self.new_starts = new_starts
        self.changed = changed

    def __call__(self, line: int) -> int | None:
        i = bisect_right(self.old_starts, line - 1) - 1
        if i < 0 or i in self.changed:
            return None
        return line - self.old_starts[i] + self.new_starts[i]


# A file answered: (its new content digest, its new code record or None, old line -> new).
Answered = dict[str, tuple[str, Code | None, ShiftMap]]


def code_edits(
    old: CacheData,
    changed: set[str],
    digests: Mapping[str, str],
    fresh: Mapping[str, tuple[tuple[int, int, str] | None, bool]],
    overrides: Mapping[str, str],
    project: Project,
    catalogue: Catalogue,
    made: Mapping[str, Code],
) -> tuple[Answered, dict[str, Block]]:
    """The changed files whose edit only touches chunks no cached result read (see the module
    doc), with their new blocks. `made`: code records already taken of the files read."""
    answered: Answered = {}
    blocks: dict[str, Block] = {}
    candidates = [p for p in sorted(changed) if p in old.blocks and p not in overrides]
    if not candidates:
        return answered, blocks
    gate = Gate.of(catalogue, old.words)
    if gate.key != old.gate:
        return answered, blocks  # (rows made under other gates: not to be trusted)
    for path in candidates:
        got = _answer(old, path, digests, fresh, project, catalogue, gate, made)
        if got is not None:
            answered[path], blocks[path] = got
    return answered, blocks


def _answer(
    old: CacheData,
    path: str,
    digests: Mapping[str, str],
    fresh: Mapping[str, tuple[tuple[int, int, str] | None, bool]],
    project: Project,
    catalogue: Catalogue,
    gate: Gate,
    made: Mapping[str, Code],
) -> tuple[tuple[str, Code | None, ShiftMap], Block] | None:
    was, reads, noted, rows, accepted = old.blocks[path]
    known = old.files.get(path)
    entry = old.entries.get(path)
    if (
        known is None
        or known[1] != was
        or path in old.decode_errors
        or fresh.get(path, (None, False))[0] is not None
        or (entry is not None and entry.error is not None)
    ):
        return None
    data = project.raw(path)
    if digest(data) != digests.get(path):
        return None  # written again since its digest was taken: analysed as changed
    try:
        text = decode_source(data, path)
    except DecodeFailure:
        return None
    now = _chunks(text)
    if len(now.rows) != len(rows):
        return None
    read = set(reads)
    changed: set[int] = set()
    for i, ((_, _n, d, kind, name), (_, old_d, old_kind, old_name, quiet)) in enumerate(
        zip(now.rows, rows, strict=True)
    ):
        if d == old_d:
            continue
        if i in read or not quiet or kind != old_kind or name != old_name:
            return None
        changed.add(i)
    if changed and changed & gate.noisy(text, now, gate.patterns(noted)):
        return None
    old_spans: list[tuple[int, int]] = []
    line = 0
    for n, *_ in rows:
        old_spans.append((line, n))
        line += n
    new_starts = [s for s, *_ in now.rows]
    moved = [i for i, (s, _) in enumerate(old_spans) if s != new_starts[i]]
    if moved and any(_shadows(now.pieces[i]) for i in moved if now.rows[i][3] == "class"):
        return None
    # (Each chunk accepted on its own: the other chunks are as they were. Else all are asked.)
    asked = [now.pieces[i] for i in sorted(changed)] if accepted else now.pieces
    if entry is not None and changed and not _accepted(asked, project):
        return None
    accepted = accepted or (entry is not None and bool(changed))
    new_rows = tuple(
        (n, d, kind, name, rows[i][4] if i not in changed else True)
        for i, (_, n, d, kind, name) in enumerate(now.rows)
    )
    code = made.get(path)
    if code is None or code[0] != digests[path]:
        lines = code_lines(data)
        code = (digests[path], lines.digest, lines.dropped) if lines is not None else None
    block: Block = (digests[path], reads, noted, new_rows, accepted)
    return (digests[path], code, ShiftMap(old_spans, new_starts, changed)), block


def carry_blocks(
    old: CacheData,
    commented: Iterable[str],
    moved: Mapping[str, tuple[str, object, Callable[[int], int | None]]],
    texts: Mapping[str, Split],
) -> dict[str, Block]:
    """The blocks of the files answered as edits of comments only (`commented`, each with
    its new digest and line map in `moved`, its text in `texts`), carried over the edit
    where `carried` can."""
    out: dict[str, Block] = {}
    for path in sorted(commented):
        block = old.blocks.get(path)
        known = old.files.get(path)
        split = texts.get(path)
        if block is None or known is None or block[0] != known[1] or split is None:
            continue  # (no block, or one of another text than the results were renumbered from)
        content, _, lines = moved[path]
        got = carried(block, lines, split, content)
        if got is not None:
            out[path] = got
    return out


def carried(
    block: Block, lines: Callable[[int], int | None], split: Split, content: str
) -> Block | None:
    """The block of a file answered as an edit of comments and blank lines only
    (`incremental._comment_edits`): `block` made of its text before, `lines` the map of its
    code lines from then to now (`chunks.line_map`), `split` its text now (the one whose
    digest, `content`, the edit was answered for). None when a chunk's code may differ.

    The whole code is the same; each chunk's is exactly when the chunks are as many, with the
    same kinds and names, and each but the first starts at the same code line (a chunk starts
    at a line of code at column 0: mapped, it must be where the new chunk starts). Then what
    the results read and what the gates found in each chunk's code stand, and the rows take
    the new texts' digests and line counts (the next edit is compared with those). A quiet
    bit is the old text's: a comment that now names a gate word changes no result (the edit
    was answered), and a later code edit of that chunk is checked against its text then."""
    now = _chunks(split.text, (split.chunks, split.starts))
    rows = block[3]
    if len(now.rows) != len(rows):
        return None
    start = 0
    for i, ((new_start, _, _, kind, name), (n, _, old_kind, old_name, _)) in enumerate(
        zip(now.rows, rows, strict=True)
    ):
        if kind != old_kind or name != old_name:
            return None
        if i and (lines(start + 1) is None or lines(start + 1) != new_start + 1):
            return None
        start += n
    new_rows = tuple(
        (n, d, kind, name, row[4])
        for (_, n, d, kind, name), row in zip(now.rows, rows, strict=True)
    )
    return (content, block[1], block[2], new_rows, block[4])


# A top-level def or class header (over-approximated: one in a string counts).
_TOP_DEF = re.compile(r"^(?:async[ \t]+)?(def|class)[ \t]+(\w+)", re.M)


def moves_ids(split: Split, old_dropped: tuple[int, ...], new_dropped: tuple[int, ...]) -> bool:
    """Whether an edit of comments and blank lines only (the dropped line runs before and
    after, `chunks.CodeLines.dropped`) may change an id the analysis gives a definition of
    the file, which results quote (a reason names `f@1`): a top-level definition shadowed by
    a later one of the same name is `name@<chunk index>`, and the indices all move by one
    when the first line starts or stops being code (`split_chunks` then opens the text with
    a chunk of comments); a shadowed method is `name@<line>` (`ids.SHADOWED`), moved by any
    line added or removed above it. (Over-approximated: any class with methods of the same
    name, any top-level name defined twice.)"""
    text = split.text
    if (old_dropped[:1] == (1,)) != (new_dropped[:1] == (1,)):
        names = _TOP_DEF.findall(text)
        if len(names) != len(set(names)):
            return True
    methods = _METHOD.findall(text)
    if len(methods) == len(set(methods)):
        return False
    old_lines, new_lines = dropped_lines(old_dropped), dropped_lines(new_dropped)
    starts = split.starts
    for c in split.chunks:
        if c.kind != "class" or not _shadows(lines_between(text, starts, c.start, c.end)):
            continue
        # (Unmoved: the same lines dropped up to the class's end, 1-based.)
        end = c.end
        if [n for n in old_lines if n <= end] != [n for n in new_lines if n <= end]:
            return True
    return False


def _shadows(piece: str) -> bool:
    """Whether a class chunk may have methods of the same name (over-approximated: a nested
    function's name counts)."""
    names = _METHOD.findall(piece)
    return len(names) != len(set(names))


def _accepted(pieces: list[str], project: Project) -> bool:
    """Whether CPython accepts each statement of the file, as the syntax gate of a fresh run
    asks (`run.syntax`: accepted one by one, the file needs no other look)."""
    return all(rejection(p, project.target) is None for p in pieces)


def saved_blocks(
    old: CacheData | None,
    files: Iterable[str],
    changed: set[str],
    answered: Mapping[str, Block],
    digests: Mapping[str, str],
    overrides: Mapping[str, str],
    project: Project,
    catalogue: Catalogue,
    entries: Mapping[str, Entry],
    wrappers: Iterable[tuple[str, str, str]],
) -> tuple[dict[str, Block], list[str], str]:
    """The blocks to save (for `files`, those with a code record), the words the gates look
    for and their digest. A file's reads are this run's (`project.reads`) with, for a file
    that did not change (or was answered), what the cache knew: the results kept from earlier
    runs read those. A changed file analysed again has only this run's: every result that read
    it depended on it and was made again."""
    log: ReadLog = project.reads
    words = set(old.words) if old is not None else set()
    words |= log.words
    for e in entries.values():
        for s in e.searches:
            words.update(s.name.split(","))
    for _, name, gates in wrappers:
        words.add(name)
        words.update(gates.split("|"))
    gate = Gate.of(catalogue, words)
    same_gate = old is not None and old.gate == gate.key
    compiled = dict(log.compiled)
    out: dict[str, Block] = {}
    for path in sorted(files):
        if path in overrides:
            prev = old.blocks.get(path) if old is not None else None
            if prev is not None:
                out[path] = prev  # (the cache describes the file on disk)
            continue
        if path in log.whole:
            continue
        d = digests.get(path)
        prev = answered.get(path)
        if prev is None and old is not None:
            prev = old.blocks.get(path)
        base: set[int] | None
        noted: set[str]
        if prev is not None and prev[0] == d:
            base, noted = set(prev[1]), set(prev[2])
        elif old is None or path in changed:
            base, noted, prev = set(), set(), None
        else:
            continue  # read by earlier runs, not known how: no block
        reads = base | log.chunks.get(path, set())
        noted |= log.patterns.get(path, set())
        if prev is not None and same_gate and noted <= set(prev[2]):
            out[path] = (prev[0], tuple(sorted(reads)), prev[2], prev[3], prev[4])
            continue
        data = project.raw(path)
        if d is None or digest(data) != d:
            continue
        try:
            text = decode_source(data, path)
        except DecodeFailure:
            continue
        # The chunks the analysis split the text into, where it kept them (that text:
        # chunking is a function of it).
        src = project.kept_source(path)
        split = src.split if src is not None and src.text == text else None
        now = _chunks(text, split)
        noisy = gate.noisy(text, now, gate.patterns(noted, compiled), reads)
        rows: tuple[Row, ...] = tuple(
            (n, cd, kind, name, i not in reads and i not in noisy)
            for i, (_, n, cd, kind, name) in enumerate(now.rows)
        )
        accepted = prev is not None and prev[4]
        out[path] = (d, tuple(sorted(reads)), tuple(sorted(noted)), rows, accepted)
    return out, sorted(gate.words), gate.key
