"""What a run takes from the cache and gives back: each file's digest (read again only when its
stat data changed), its decode error and suppression marker; the cached entries that still
stand; the cached wrappers whose callers are looked for again; what is saved."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from frontier_lint.dataflow.ids import MADE_AT, FuncId
from frontier_lint.dataflow.searches import (
    Route,
    Search,
    SearchKind,
    answers,
    attr_stored_words,
    distinct,
    moved_words,
    route_to,
    stored_words,
)
from frontier_lint.findings import Finding, Hop, Unresolved
from frontier_lint.frontend.project import DecodeFailure, Project, decode_source
from frontier_lint.run.cache import (
    NO_STAT,
    Block,
    CacheData,
    Code,
    Entry,
    Rows,
    Stat,
    _code,
    digest,
    rows_of,
    stat_key,
)
from frontier_lint.scan.fileio import ReadError, read_regular

if TYPE_CHECKING:
    from frontier_lint.scan.prefilter import SinkWords, WrapperGates
    from frontier_lint.settings.catalogue import Catalogue


def _to_save(
    old: CacheData | None,
    overrides: Mapping[str, str],
    all_files: list[str],
    stats: Mapping[str, Stat],
    digests: Mapping[str, str],
    entries: Mapping[str, Entry],
    wrappers: list[tuple[str, str, str]],
    decode_errors: Mapping[str, tuple[int, int, str]],
    markers: set[str],
    codes: Mapping[str, Code] | None = None,
    blocks: tuple[Mapping[str, Block], list[str], str] | None = None,
    index: bytes = b"",
) -> CacheData:
    """What to store: this run's results, except that a file shown from an editor buffer keeps
    what the cache knew of it on disk."""
    files = {p: (stats[p], digests[p]) for p in all_files if p not in overrides}
    kept = {p: e for p, e in entries.items() if p not in overrides}
    errors = {p: v for p, v in decode_errors.items() if p not in overrides}
    marks = {p for p in markers if p not in overrides}
    if old is not None:
        for p in overrides:
            if p in old.files:
                files[p] = old.files[p]
            if p in old.entries:
                kept[p] = old.entries[p]
            if p in old.decode_errors:
                errors[p] = old.decode_errors[p]
            if p in old.markers:
                marks.add(p)
    return CacheData(
        files=files,
        entries=kept,
        wrappers=wrappers,
        decode_errors=errors,
        markers=sorted(marks),
        codes=codes if codes is not None else {},
        blocks=blocks[0] if blocks is not None else {},
        words=blocks[1] if blocks is not None else [],
        gate=blocks[2] if blocks is not None else "",
        index=index,
    )


# Per file: content digest; stat data to record; and for the files read, (decode or read error,
# whether the file mentions `frontier-lint`).
States = tuple[
    dict[str, str],
    dict[str, Stat],
    dict[str, tuple[tuple[int, int, str] | None, bool]],
]
# The digest of a file that could not be read: matches no content, so whatever was resolved
# from it is resolved again once it can be read.
UNREADABLE = "unreadable"


def _file_notes(
    old: CacheData | None,
    project: Project,
    fresh: Mapping[str, tuple[tuple[int, int, str] | None, bool]],
) -> tuple[dict[str, tuple[int, int, str]], set[str]]:
    """Undecodable files and files that may hold suppression comments: remembered in the cache
    with their digest, so a warm run reads no source."""
    decode_errors: dict[str, tuple[int, int, str]] = {}
    markers: set[str] = set()
    if old is not None:
        decode_errors = {p: e for p, e in old.decode_errors.items() if p not in fresh}
        markers = {p for p in old.markers if p not in fresh and p in project.files}
    for path, (error, marked) in fresh.items():
        if error is not None:
            decode_errors[path] = error
        if marked:
            markers.add(path)
    return decode_errors, markers


def _file_states(
    project: Project,
    files: list[str],
    old: CacheData | None,
    overrides: Mapping[str, str],
    listed: Mapping[str, Stat | None] | None = None,
) -> States:
    """Content digests, read only for files whose stat data changed since the cache (or was
    recorded as racy); for the files read, whether they decode and whether they mention
    `frontier-lint` (one read). A file that cannot be read (permissions, not a regular file,
    over `max-file-size`) gets its error here, every run: its state is never recorded.
    `listed`: stat data already taken (`run.early`), None for a file it could not be had of;
    the files it does not name are looked at here."""
    digests: dict[str, str] = {}
    stats: dict[str, Stat] = {}
    fresh: dict[str, tuple[tuple[int, int, str] | None, bool]] = {}
    # (joined by concatenation: os.path.join was a quarter of this loop's time on a warm run)
    base = os.path.join(str(project.root), "")
    cap = project.max_bytes
    now = time.time_ns()  # before any file is looked at: see `stat_key`
    for path in files:
        if path in overrides:
            data = overrides[path].encode("utf-8", "surrogatepass")
            digests[path] = digest(data)
            stats[path] = NO_STAT
            fresh[path] = (None, b"frontier-lint" in data)
            continue
        cached = old.files.get(path) if old is not None else None
        if cached is not None:  # (NO_STAT, a size of -1, matches no file)
            if listed is not None and path in listed:
                if cached[0] == listed[path] and cached[0][0] <= cap:
                    digests[path], stats[path] = cached[1], cached[0]
                    continue
            else:
                try:
                    st = os.stat(base + path)
                except OSError:
                    pass
                else:
                    # (cache.current_stat, inlined: this runs for every file of a warm run)
                    if cached[0] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) and (
                        st.st_size <= cap
                    ):
                        digests[path], stats[path] = cached[1], cached[0]
                        continue
        try:
            data, st = read_regular(base + path, cap)
        except ReadError as exc:
            digests[path], stats[path] = UNREADABLE, NO_STAT
            fresh[path] = ((1, 1, str(exc)), False)
            continue
        digests[path] = digest(data)
        stats[path] = stat_key(st, now)
        error = None
        try:
            decode_source(data, path)
        except DecodeFailure as exc:
            message = (
                exc.message if exc.message.startswith("cannot") else f"cannot decode: {exc.message}"
            )
            error = (exc.line, exc.column, message)
        fresh[path] = (error, b"frontier-lint" in data)
    return digests, stats, fresh


def _unanswered(entries: dict[str, Entry], project: Project, changed: set[str]) -> dict[str, Entry]:
    """The cached entries no changed file answers a search of: one whose results came from a
    search of the project by name (`searches`) is stale when a changed file matches it now,
    although none of the files its results were read from changed. (Only changed files are
    read: a warm run with nothing changed reads nothing.)"""
    asked = distinct(e.searches for e in entries.values())
    if not asked or not changed:
        return entries
    answered: set[Search] = set()
    for path in sorted(changed):
        data = project.raw(path)
        indexed = _IndexedWords()
        answered.update(s for s in asked if s not in answered and indexed.may_answer(s, data))
    if not answered:
        return entries
    return {p: e for p, e in entries.items() if answered.isdisjoint(e.searches)}


class _IndexedWords:
    """The words a file's text gives the project's text index (`Hierarchy._index_file`) for
    the searches by stores: a search for stores into a container or of an attribute reads only
    the files the index lists under its word (`Hierarchy.container_stores`, `attr_stores`), so
    a changed file whose text the index does not list under the word is no part of the
    answer, whatever `answers` finds by the name's own pattern (one compiled per name: most of
    `_unanswered`'s cost, for names as common as `name` or `path`). Each set made once per
    file, when first asked."""

    __slots__ = ("_attr", "_moved", "_stored")

    def __init__(self) -> None:
        self._stored: set[bytes] | None = None
        self._attr: set[bytes] | None = None
        self._moved: set[bytes] | None = None

    def may_answer(self, search: Search, data: bytes) -> bool:
        kind = search.kind
        if kind is SearchKind.STORES:
            if self._stored is None:
                self._stored = stored_words(data)
            if search.name.encode("utf-8", "surrogateescape") not in self._stored:
                return False
        elif kind is SearchKind.ATTR_STORES or kind is SearchKind.ATTR_SINK_STORES:
            if self._attr is None:
                self._attr = attr_stored_words(data)
            if search.name.encode("utf-8", "surrogateescape") not in self._attr:
                return False
        elif kind is SearchKind.MOVES:
            if self._moved is None:
                self._moved = moved_words(data)
            if search.name.encode("utf-8", "surrogateescape") not in self._moved:
                return False
        return answers(search, data)


def _routes(
    known: list[tuple[str, str, str]], project: Project, changed: set[str]
) -> dict[str, set[Route]]:
    """The cached wrappers a changed file may lead other files to, and how (a module importing
    or a package re-exporting one, a holder of an instance of its class, a subclass: see
    `searches.route_to`). Their callers are looked for again."""
    out: dict[str, set[Route]] = {}
    if not known:
        return out  # (a cold run: nothing to read the changed files for)
    imports: dict[str, frozenset[str]] = {}  # (a file's imports, resolved once)
    for path in sorted(changed):
        data = project.raw(path)
        for fid, _, gates in known:
            how = route_to(FuncId.parse(fid), path, data, project, gates.split("|"), imports)
            if how is not None:
                out.setdefault(fid, set()).add(how)
    return out


# --------------------------------------------------------------------------- comment edits

# A changed file whose code is the file's code as the cache knew it (an edit of comments and
# blank lines only), or whose edit no result read (`run.blocks`): (its new content digest, its
# new `Code` if it has one, old line -> new line: None for a line that has none).
_Moved = dict[str, tuple[str, Code | None, Callable[[int], int | None]]]


def _comment_edits(
    old: CacheData,
    changed: set[str],
    digests: Mapping[str, str],
    fresh: Mapping[str, tuple[tuple[int, int, str] | None, bool]],
    overrides: Mapping[str, str],
    project: Project,
    gate: Callable[[str], bool],
    made: dict[str, Code],
) -> _Moved:
    """The changed files whose code is as the cache knew it (`scan.chunks.code_lines`): only
    comments, blank lines or trailing whitespace differ, so each stands as analysed once its
    lines are renumbered. A file must be known to be what the analysis reads of it without
    its comments: one whose results CPython accepted (`_accepted`; comments cannot make it
    rejected), or one the analysis never read (no entry) that its byte gates would pass over
    now too (`gate`: a word in a new comment leads the analysis to read a file, and to report
    what it finds there, a syntax error among them). Decode errors and suppression comments are read again
    as for any changed file. `made`: the code records taken of the files read (by
    `blocks.code_edits` before, or here)."""
    candidates = [p for p in sorted(changed) if p in old.codes and p not in overrides]
    if not candidates:
        return {}
    from frontier_lint.run.blocks import moves_ids
    from frontier_lint.scan.chunks import CodeLines, Split, code_lines, line_map

    moved: _Moved = {}
    for path in candidates:
        was, code, dropped = old.codes[path]
        known, entry = old.files.get(path), old.entries.get(path)
        if (
            known is None
            or known[1] != was
            or path in old.decode_errors
            or fresh.get(path, (None, False))[0] is not None
            or (entry is None and gate(path))
            or (entry is not None and not _accepted(entry))
        ):
            continue
        data = project.raw(path)
        if digest(data) != digests[path]:
            continue  # written again since its digest was taken: analysed as changed
        taken = made.get(path)
        if taken is not None and taken[0] == digests[path]:
            if taken[1] != code:
                continue
            now: CodeLines | None = CodeLines(taken[1], taken[2])
        else:
            now = code_lines(data)
            if now is not None:
                made[path] = (digests[path], now.digest, now.dropped)
        if now is None or now.digest != code:
            continue
        try:
            split = Split(decode_source(data, path))
        except DecodeFailure:
            continue
        if moves_ids(split, dropped, now.dropped):
            continue  # (an id a result may quote changes: analysed)
        moved[path] = (
            digests[path],
            (digests[path], now.digest, now.dropped),
            line_map(dropped, now),
        )
    return moved


class _Unmappable(Exception):
    """A result names a place in a file edited in its comments that cannot be renumbered."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def _renumbered(old: CacheData, moved: _Moved, project: Project) -> CacheData:
    """`old` as it would be of the files `moved`: every place in them that a cached result
    names (findings, unresolved sites, trace hops and constructor calls, in any file's
    entry) on its new line, their digests renewed. A file with a place that cannot be
    renumbered is dropped from `moved` (analysed again as changed): a line that is no code
    line now, or a text the result quotes (a call's text, a hop's note, a reason) that may
    hold a comment or line break of the file."""
    while True:
        try:
            renumber = _Renumber(old, moved, project)
            entries = {p: renumber.entry(e) for p, e in old.entries.items()}
        except _Unmappable as exc:
            del moved[exc.path]
            if not moved:
                return old
            continue
        # (The records of the files not moved stay as read: `Rows`.)
        codes = rows_of(_code, old.codes).kept(lambda p, _: p not in moved)
        codes = codes.with_rows({p: code for p, (_, code, _) in moved.items() if code is not None})
        return replace(old, entries=entries, codes=codes)


class _Renumber:
    """The renumbering of `_renumbered`, one result at a time."""

    def __init__(self, old: CacheData, moved: _Moved, project: Project) -> None:
        self.maps = {p: lines for p, (_, _, lines) in moved.items()}
        self.digests = {p: (old.files[p][1], now) for p, (now, _, _) in moved.items()}
        self.project = project
        self.texts: dict[str, list[str]] = {}

    def line(self, path: str, line: int) -> int:
        now = self.maps[path](line)
        if now is None:
            raise _Unmappable(path)
        return now

    def entry(self, e: Entry) -> Entry:
        maps = self.maps
        deps = e.deps
        if any(p in deps for p in maps):
            deps = {p: self._digest(p, d) for p, d in deps.items()}
        findings = [self.finding(f) for f in e.findings]
        unresolved = [self.unresolved(u) for u in e.unresolved]
        calls = [self.key(k) for k in e.calls]
        open_sites = [(self.key(k), self.unresolved(u)) for k, u in e.open_sites]
        open_findings = [(self.key(k), self.finding(f)) for k, f in e.open_findings]
        if (
            deps is e.deps
            and findings == e.findings
            and unresolved == e.unresolved
            and calls == e.calls
            and open_sites == e.open_sites
            and open_findings == e.open_findings
        ):
            return e  # (the same object: saved again as loaded)
        return replace(
            e,
            deps=deps,
            findings=findings,
            unresolved=unresolved,
            calls=calls,
            open_sites=open_sites,
            open_findings=open_findings,
        )

    def _digest(self, path: str, digest_: str) -> str:
        pair = self.digests.get(path)
        return pair[1] if pair is not None and pair[0] == digest_ else digest_

    def finding(self, f: Finding) -> Finding:
        trace = tuple([self.hop(h) for h in f.trace])
        if f.path in self.maps:
            line, end = self.line(f.path, f.line), self.line(f.path, f.end_line)
            # The call's text as a finding quotes it (`parsing.SiteRef.resolve`): the same
            # unless a comment inside the call changed.
            text = " ".join(self._text(f.path, line, f.column, end, f.end_column).split())
            if text[:500] != f.call_text:
                raise _Unmappable(f.path)
            return replace(f, line=line, end_line=end, trace=trace)
        return f if trace == f.trace else replace(f, trace=trace)

    def hop(self, h: Hop) -> Hop:
        if h.path not in self.maps:
            return h
        _plain(h.path, h.note)
        return Hop(h.path, self.line(h.path, h.line), h.column, h.note)

    def unresolved(self, u: Unresolved) -> Unresolved:
        if u.path not in self.maps:
            return u
        _plain(u.path, u.reason)
        end = self.line(u.path, u.end_line) if u.end_line else u.end_line
        return replace(u, line=self.line(u.path, u.line), end_line=end)

    def key(self, key: str) -> str:
        """A `pending_key`, its constructor call (`path:line:column`) renumbered."""
        method, sep, made_at = key.partition(MADE_AT)
        where, _, column = made_at.rpartition(":")
        path, _, line = where.rpartition(":")
        if not sep or path not in self.maps or not line.isdigit():
            return key
        return f"{method}{sep}{path}:{self.line(path, int(line))}:{column}"

    def _text(self, path: str, line: int, column: int, end: int, end_column: int) -> str:
        lines = self.texts.get(path)
        if lines is None:
            lines = self.texts[path] = decode_source(self.project.raw(path), path).split("\n")
        if end > len(lines) or line < 1:
            raise _Unmappable(path)
        if line == end:
            return lines[line - 1][column - 1 : end_column - 1]
        return "\n".join(
            [
                lines[line - 1][column - 1 :],
                *lines[line : end - 1],
                lines[end - 1][: end_column - 1],
            ]
        )


def _plain(path: str, text: str) -> None:
    """A text a result quotes from the file (a hop's note, a reason): one that may hold a
    comment or a line break may differ after the edit."""
    if "#" in text or "\n" in text:
        raise _Unmappable(path)


def _accepted(entry: Entry) -> bool:
    """Whether CPython accepted the file of `entry`: one that launches, or has results, is
    checked (`analyse._entry`), and an error would be its entry's."""
    return entry.error is None and (entry.checked or bool(entry.findings or entry.unresolved))


def byte_gate(
    project: Project, catalogue: Catalogue, known: list[tuple[str, str, str]]
) -> Callable[[str], bool]:
    """Whether the file at a path may launch or call a known wrapper: the analysis's own byte
    gates, without the analysis (built when first asked)."""

    @functools.cache
    def gates() -> tuple[SinkWords, WrapperGates]:
        from frontier_lint.scan.prefilter import WrapperGates, sink_words

        wrappers = WrapperGates(
            (FuncId.parse(fid).path, name, gate.split("|")) for fid, name, gate in known
        )
        return sink_words(catalogue), wrappers

    def gate(path: str) -> bool:
        from frontier_lint.scan.prefilter import may_launch

        words, wrappers = gates()
        data = project.raw(path)
        return may_launch(data, words) or bool(wrappers.wanted(data, path))

    return gate


def _codes(
    old: CacheData | None,
    entries: Mapping[str, Entry],
    digests: Mapping[str, str],
    fresh: Mapping[str, object],
    overrides: Mapping[str, str],
    project: Project,
    made: Mapping[str, Code],
    chunk_codes: dict[str, list[str]] | None = None,
) -> Rows[Code]:
    """The code records (`CacheData.codes`) to save: kept while their file's content is the
    same; made for each file with results CPython accepted (where an edit of its comments
    would otherwise analyse it again) and, on a run from a cache, for each file read again
    that other files' results were resolved from (a value's definition: one read, not every
    file's, as a run without a cache would have to). `made`: records taken earlier in the run;
    `chunk_codes`: receives the code digests of the chunks of the files scanned here, where
    the analysis kept their split (`blocks.codes_of_chunks`: their blocks need no scan)."""
    known = rows_of(_code, old.codes if old is not None else {})
    # (By the digest each record keeps beside its bytes: none is decoded to be kept.)
    kept = known.kept(lambda p, content: digests.get(p) == content or p in overrides)
    wanted = {p for p, e in entries.items() if _accepted(e)}
    if old is not None:
        read = set(fresh)
        if read:  # (few: the files read again; the others' deps are not looked through)
            for p, e in entries.items():
                hit = read.intersection(e.deps)
                if hit:
                    hit.discard(p)
                    wanted |= hit
    wanted.difference_update(kept, overrides)
    if not wanted:
        return kept
    codes: dict[str, Code] = {}
    from frontier_lint.run.blocks import codes_of_chunks
    from frontier_lint.scan.chunks import code_scan

    for path in sorted(wanted):
        if path in made and made[path][0] == digests.get(path):
            codes[path] = made[path]
            continue
        data = project.raw(path)
        if path not in digests or digest(data) != digests[path]:
            continue  # (changed since its digest was taken)
        scan = code_scan(data)
        if scan is not None:
            now = scan.lines
            codes[path] = (digests[path], now.digest, now.dropped)
            if chunk_codes is not None:
                got = codes_of_chunks(project, path, data, scan)
                if got is not None:
                    chunk_codes[path] = got
    return kept.with_rows(codes)
