"""An edit of code that no result read, answered from the cache without the analysis.

A run's analysis reads a file's text by top-level statements (chunks, `scan.chunks`): it parses
the ones its byte gates select and the ones a value is resolved from (`Project.reads` notes
them), and scans whole texts only for words (sink and program names, wrapper names and their
gate words, the names it searches files for) and for imports. So a chunk the analysis did not
read, in which no gate finds anything, cannot have changed a result; when an edit of a file
changes only such chunks, and their new text gives the gates nothing either, the cached results
stand once the lines after the edit are renumbered (as for comment edits, `incremental`).

The cache keeps, for the files with a code record (`CacheData.codes`), a `Block`: the digest of
the code (comments and blank lines apart: `chunks.chunk_digests`), kind, name and line count of
each chunk, whether the gates find nothing in it (decided when the block is saved, under the
gates of that run: `words`, their digest `gate`), and which chunks the analysis read (indices;
a file read as a whole, `ReadLog.whole`, or whose reads are not known, keeps no block). An edit
is answered when the new text has as many chunks, of the same kinds and names, those whose code
differs were not read, each was and is quiet, and CPython accepts their new statements (a
launching file's syntax is part of its results). Comments and blank lines may change anywhere
(as an edit of comments only, `incremental._comment_edits`, they change no result but the lines
it names): a chunk whose code stands has each code line renumbered to the line of the same code
(`ShiftMap`). Anything else, or anything unknown, goes the normal way."""

from __future__ import annotations

import functools
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontier_lint.dataflow.searches import distinct
from frontier_lint.frontend.grammar import accepted_keys, rejection
from frontier_lint.frontend.project import DecodeFailure, Project, ReadLog, decode_source
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.run.cache import (
    Block,
    CacheData,
    Code,
    Entry,
    Row,
    Rows,
    _block,
    digest,
    rows_of,
)
from frontier_lint.scan.chunks import (
    Chunk,
    CodeScan,
    LineMap,
    Split,
    chunk_digests,
    code_scan,
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
# module bindings from inside a function (`global`), what a module exports, a module imported
# at run time by name (`importlib.import_module("subprocess")`: the prefilter's pattern).
# (No leading `\b`: `re` would try the pattern at every position; a word ending in one counts
# too.) And a `def` or `class` at the start of a line inside a statement (in a string: where a search
# for the top-level function around a match, `hierarchy._registrations`, could stop).
_STRUCTURAL = lazy_compile(
    r"(?:import|import_module|global|nonlocal|__all__|__import__)\b|\n(?:async[ \t]+)?(?:def|class)\b"
)
# A method header in a class body: a class whose methods share a name gives the earlier ones
# ids with their line (`name@line`, `ids.SHADOWED`), which a line shift would change.
_METHOD = lazy_compile(r"^[ \t]+(?:async[ \t]+)?def[ \t]+(\w+)", re.M)


@dataclass(frozen=True)
class Gate:
    """What the analysis's gates look for in a chunk's text (any of them found: not quiet)."""

    words: frozenset[str]
    key: str

    @functools.cached_property
    def finder(self) -> WordFinder:
        """The words' automaton, built when a chunk's text is first looked at (a run that
        saves blocks it made before needs only their digest, `key`)."""
        # (Imported here: a run that answers edits of comments only needs no gate.)
        from frontier_lint.scan.prefilter import WordFinder

        return WordFinder([w.encode("utf-8", "surrogateescape") for w in sorted(self.words)])

    @staticmethod
    def of(catalogue: Catalogue, words: Iterable[str]) -> Gate:
        every = set(words)
        for call in catalogue.sinks:  # (`prefilter.sink_words`: either half, anywhere)
            every.add(call.split(".")[0])
            every.add(call.rsplit(".", 1)[-1])
        # Where command objects are made (`sh`, `plumbum`, `Command`, `local`): the launch
        # pattern of a file's imports finds the rest (`from sh import git`, `local.get`).
        modules, names, _ = catalogue.command_words
        every |= modules | names
        every |= catalogue.programs
        every.discard("")
        key = hashlib.blake2b("\0".join(sorted(every)).encode("utf-8", "surrogatepass")).hexdigest()
        return Gate(frozenset(every), key[:24])

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
        only: Collection[int] | None = None,
    ) -> set[int]:
        """The chunks of `text` in which a gate finds something: structure words in one scan
        of the whole text (a match that runs over chunks counts in each); words and patterns
        chunk by chunk, except in the chunks of `skip`, counted as found. `only`: the chunks
        asked about (None: all); all three are looked for in those alone (an edit answered
        from its block asks about the chunks whose code changed: one or two of a large
        module's hundreds), the others are in the answer only as `skip` put them there."""
        out: set[int] = set(skip)
        # (Offsets of each chunk's start: the chunks cover every line, their texts joined by
        # line ends make the text.)
        at = [0]
        for piece in chunks.pieces:
            at.append(at[-1] + len(piece) + 1)
        starts = set(at)
        asked = range(len(chunks.pieces)) if only is None else sorted(only)
        # (No structure match runs over a chunk's end but the line end before the next chunk's
        # header, which counts for neither: a chunk's own scan finds what the whole text's
        # scan finds in it. A 13,000-line module's scan was a tenth of a code edit's run.)
        spans = [(0, len(text))] if only is None else [(at[i], at[i + 1]) for i in asked]
        headed: set[int] = set()  # def / class chunks whose header (after decorators) was seen
        for lo, hi in spans:
            for m in _STRUCTURAL.finditer(text, lo, hi):
                first = bisect_right(at, m.start()) - 1
                if m.group(0)[:1] == "\n":
                    if m.start() + 1 in starts:
                        continue  # (the header of the next chunk)
                    piece = chunks.pieces[first]
                    if (
                        first not in headed
                        and piece[:1] == "@"
                        and chunks.rows[first][3] != "other"
                    ):
                        headed.add(first)  # (the header after the chunk's decorators)
                        continue
                out.update(range(first, bisect_right(at, max(m.end() - 1, m.start()))))
        for i in asked:
            if i in out:
                continue
            piece = chunks.pieces[i]
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
    """A text's chunks: (start line, line count, code digest, kind, name) each, and their
    texts."""

    rows: list[tuple[int, int, str, str, str]]
    pieces: list[str]


def _chunks(
    text: str,
    split: tuple[Sequence[Chunk], Sequence[int]] | None = None,
    scan: CodeScan | None = None,
    codes: Sequence[str] | None = None,
) -> _Chunks | None:
    """`split`: the text's chunks and line starts where they were computed already; `scan`:
    its code (`chunks.code_scan` of its bytes), or `codes`: its chunks' code digests, where
    taken already. None for a text whose code cannot be told from its comments
    (`code_lines`): it has no block."""
    if split is None:
        starts: Sequence[int] = line_starts(text)
        found: Sequence[Chunk] = split_chunks(text, starts)
    else:
        found, starts = split
    if codes is None or len(codes) != len(found):
        if scan is None:
            scan = code_scan(text.encode("utf-8", "surrogatepass"))
            if scan is None:
                return None
        codes = chunk_digests(scan, [(c.start, c.end) for c in found])
    rows: list[tuple[int, int, str, str, str]] = []
    pieces: list[str] = []
    for c, code in zip(found, codes, strict=True):
        pieces.append(lines_between(text, starts, c.start, c.end))
        rows.append((c.start, c.end - c.start, code, c.kind, c.name))
    return _Chunks(rows, pieces)


class ShiftMap:
    """From a line of the old text to its line in the new one, where chunks of the old text
    keep their code in the new (None for a line of a chunk whose code changed). A chunk whose
    comment and blank lines (`dropped`, 1-based, sorted) stand where they stood in it moves as
    a whole; in another, a code line goes to the line of the same code, a line that was no
    code to None (nothing a result names is there)."""

    def __init__(
        self,
        old: list[tuple[int, int]],
        new: list[tuple[int, int]],
        changed: set[int],
        old_dropped: list[int],
        new_dropped: list[int],
    ) -> None:
        self.old_starts = [s for s, _ in old]
        self.old, self.new = old, new
        self.changed = changed
        self.old_dropped, self.new_dropped = old_dropped, new_dropped
        self._whole: dict[int, bool] = {}  # (`moves_whole`, per chunk asked)

    def _inside(self, dropped: list[int], span: tuple[int, int]) -> list[int]:
        """The dropped lines of a chunk, numbered from 1 within it."""
        start, n = span
        lo, hi = bisect_left(dropped, start + 1), bisect_left(dropped, start + n + 1)
        return [line - start for line in dropped[lo:hi]]

    def moves_whole(self, i: int) -> bool:
        """Whether chunk `i` has each line where its old one was, relative to its start."""
        got = self._whole.get(i)
        if got is None:
            old, new = self.old[i], self.new[i]
            got = self._whole[i] = old[1] == new[1] and self._inside(
                self.old_dropped, old
            ) == self._inside(self.new_dropped, new)
        return got

    def __call__(self, line: int) -> int | None:
        i = bisect_right(self.old_starts, line - 1) - 1
        if i < 0 or i in self.changed:
            return None
        (old_start, _), (new_start, _) = self.old[i], self.new[i]
        if self.moves_whole(i):
            return line - old_start + new_start
        at = LineMap(
            self._inside(self.old_dropped, self.old[i]),
            self._inside(self.new_dropped, self.new[i]),
        )(line - old_start)
        return None if at is None else at + new_start


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
    made: dict[str, Code],
    byte_gate: Callable[[str], bool],
) -> tuple[Answered, dict[str, Block]]:
    """The changed files whose edit leaves the code of every chunk a cached result read as it
    was and only touches the code of chunks no result read (see the module doc), with their
    new blocks: edits of comments and blank lines anywhere among them. `made`: receives the
    code records taken of the files read; `byte_gate`: whether the analysis's byte gates
    would read a file now (`incremental.byte_gate`)."""
    answered: Answered = {}
    blocks: dict[str, Block] = {}
    candidates = [p for p in sorted(changed) if p in old.blocks and p not in overrides]
    gates: list[Gate | None] = []

    def gate() -> Gate | None:
        # (Built when a chunk's code changed: an edit of comments alone needs none.)
        if not gates:
            got = Gate.of(catalogue, old.words)
            gates.append(got if got.key == old.gate else None)  # (rows of other gates)
        return gates[0]

    for path in candidates:
        got = _answer(old, path, digests, fresh, project, gate, made, byte_gate)
        if got is not None:
            answered[path], blocks[path] = got
    return answered, blocks


def _answer(
    old: CacheData,
    path: str,
    digests: Mapping[str, str],
    fresh: Mapping[str, tuple[tuple[int, int, str] | None, bool]],
    project: Project,
    gate: Callable[[], Gate | None],
    made: dict[str, Code],
    byte_gate: Callable[[str], bool],
) -> tuple[tuple[str, Code | None, ShiftMap], Block] | None:
    was, reads, noted, rows, accepted = old.blocks[path]
    known = old.files.get(path)
    entry = old.entries.get(path)
    code = old.codes.get(path)
    if (
        known is None
        or known[1] != was
        or code is None
        or code[0] != was
        or path in old.decode_errors
        or fresh.get(path, (None, False))[0] is not None
        or (entry is not None and entry.error is not None)
    ):
        return None
    data = project.raw(path)
    if digest(data) != digests.get(path):
        return None  # written again since its digest was taken: analysed as changed
    scan = code_scan(data)
    if scan is None:
        return None
    made[path] = (digests[path], scan.lines.digest, scan.lines.dropped)
    try:
        text = decode_source(data, path)
    except DecodeFailure:
        return None
    now = _chunks(text, None, scan)
    if now is None or len(now.rows) != len(rows):
        return None
    read = set(reads)
    changed: set[int] = set()
    for i, ((_, _n, d, kind, name), (_, old_d, old_kind, old_name, quiet)) in enumerate(
        zip(now.rows, rows, strict=True)
    ):
        if kind != old_kind or name != old_name:
            return None
        if d == old_d:
            continue
        if i in read or not quiet:
            return None
        changed.add(i)
    # A file the analysis never read is read when its bytes, comments included, give the
    # byte gates something now (as for an edit of comments alone, `_comment_edits`).
    if entry is None and byte_gate(path):
        return None
    if changed:
        g = gate()
        if g is None or changed & g.noisy(text, now, g.patterns(noted), only=changed):
            return None
    old_spans: list[tuple[int, int]] = []
    line = 0
    for n, *_ in rows:
        old_spans.append((line, n))
        line += n
    new_spans = [(s, n) for s, n, *_ in now.rows]
    shift = ShiftMap(
        old_spans,
        new_spans,
        changed,
        dropped_lines(code[2]),
        dropped_lines(scan.lines.dropped),
    )
    # A shadowed method's id holds its line (`ids.SHADOWED`): a class that may have one
    # keeps each line where it was.
    for i, (s, *_, kind, _) in enumerate(now.rows):
        if kind != "class" or (s == old_spans[i][0] and (i in changed or shift.moves_whole(i))):
            continue
        if _shadows(now.pieces[i]):
            return None
    # (Each chunk accepted on its own: the other chunks' code is as it was. Else all are asked.)
    asked = [now.pieces[i] for i in sorted(changed)] if accepted else now.pieces
    if entry is not None and changed and not _accepted(asked, project):
        return None
    accepted = accepted or (entry is not None and bool(changed))
    # A chunk whose code stands keeps what the gates found in it before: a comment that names
    # a gate word now changes no result (as an edit of comments alone), and a later edit of
    # that chunk's code is checked against its text then, comment and all.
    new_rows = tuple(
        (n, d, kind, name, rows[i][4] if i not in changed else True)
        for i, (_, n, d, kind, name) in enumerate(now.rows)
    )
    new_code = (digests[path], scan.lines.digest, scan.lines.dropped)
    block: Block = (digests[path], reads, noted, new_rows, accepted)
    return (digests[path], new_code, shift), block


# A top-level def or class header (over-approximated: one in a string counts).
_TOP_DEF = lazy_compile(r"^(?:async[ \t]+)?(def|class)[ \t]+(\w+)", re.M)


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
    chunk_codes: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Rows[Block], list[str], str]:
    """The blocks to save (for `files`, those with a code record), the words the gates look
    for and their digest. A file's reads are this run's (`project.reads`) with, for a file
    that did not change (or was answered), what the cache knew: the results kept from earlier
    runs read those. A changed file analysed again has only this run's: every result that read
    it depended on it and was made again. `chunk_codes`: the code digests of the chunks the
    analysis split files into, where taken already (`codes_of_chunks`)."""
    chunk_codes = chunk_codes if chunk_codes is not None else {}
    log: ReadLog = project.reads
    words = set(old.words) if old is not None else set()
    words |= log.words
    for s in distinct(e.searches for e in entries.values()):
        words.update(s.name.split(","))
    for _, name, gates in wrappers:
        words.add(name)
        words.update(gates.split("|"))
    gate = Gate.of(catalogue, words)
    same_gate = old is not None and old.gate == gate.key
    compiled = dict(log.compiled)
    out: Rows[Block] = Rows(_block)
    # (The blocks as read: one that stands as it was is saved as its bytes, not decoded.)
    known: Rows[Block] = rows_of(_block, old.blocks if old is not None else {})
    for path in sorted(files):
        if path in overrides:
            if old is not None and path in known:
                out.copy_row(path, known)  # (the cache describes the file on disk)
            continue
        if path in log.whole:
            continue
        d = digests.get(path)
        if (
            same_gate
            and path not in answered
            and path not in log.chunks
            and path not in log.patterns
            and d is not None
            and known.digest(path) == d
            and out.copy_row(path, known)
        ):
            continue  # (its reads, its patterns and its rows as they were)
        prev = answered.get(path)
        if prev is None and old is not None:
            prev = known.get(path)
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
            out.put(path, (prev[0], tuple(sorted(reads)), prev[2], prev[3], prev[4]))
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
        split = src.split if src is not None and src.has_text(text) else None
        now = _chunks(text, split, None, chunk_codes.get(path) if split is not None else None)
        if now is None:
            continue  # (its code cannot be told from its comments: no block)
        noisy = gate.noisy(text, now, gate.patterns(noted, compiled), reads)
        rows: tuple[Row, ...] = tuple(
            (n, cd, kind, name, i not in reads and i not in noisy)
            for i, (_, n, cd, kind, name) in enumerate(now.rows)
        )
        # Each statement accepted on its own, as a run's syntax gate asks them one by one
        # (`run.syntax`, here or in a child): for a file with results, known from what this
        # process remembers of CPython's verdicts, so that its first code edit compiles only
        # the statements it changed (`_answer`), as the edits after it do.
        accepted = (prev is not None and prev[4]) or (
            path in entries and accepted_keys(now.pieces, project.target) is not None
        )
        out.put(path, (d, tuple(sorted(reads)), tuple(sorted(noted)), rows, accepted))
    return out, sorted(gate.words), gate.key


def codes_of_chunks(project: Project, path: str, data: bytes, scan: CodeScan) -> list[str] | None:
    """The code digests of the chunks the analysis split `path` into, its content `data` and
    their code `scan`, where the run keeps that split (`saved_blocks` takes them: the file's
    code is scanned once). (Digests only: a cold run's scans are not all kept till the save.)"""
    src = project.kept_source(path)
    split = src.split if src is not None else None
    if src is None or split is None:
        return None
    try:
        if not src.has_text(decode_source(data, path)):
            return None
    except DecodeFailure:
        return None
    return chunk_digests(scan, [(c.start, c.end) for c in split[0]])
