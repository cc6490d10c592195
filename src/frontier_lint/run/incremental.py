"""What a run takes from the cache and gives back: each file's digest (read again only when its
stat data changed), its decode error and suppression marker; the cached entries that still
stand; the cached wrappers whose callers are looked for again; what is saved."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.searches import Route, answers, route_to
from frontier_lint.frontend.project import DecodeFailure, Project, decode_source
from frontier_lint.run.cache import NO_STAT, CacheData, Entry, Stat, digest, stat_key
from frontier_lint.scan.fileio import ReadError, read_regular


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
        files=files, entries=kept, wrappers=wrappers, decode_errors=errors, markers=sorted(marks)
    )


# Per file: content digest; stat data to record; and for the files read, (decode or read error,
# whether the file mentions `frontier-lint`).
_States = tuple[
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
) -> _States:
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
    asked = {s for e in entries.values() for s in e.searches}
    if not asked or not changed:
        return entries
    answered = {s for p in changed for data in (project.raw(p),) for s in asked if answers(s, data)}
    if not answered:
        return entries
    return {p: e for p, e in entries.items() if answered.isdisjoint(e.searches)}


def _routes(
    known: list[tuple[str, str, str]], project: Project, changed: set[str]
) -> dict[str, set[Route]]:
    """The cached wrappers a changed file may lead other files to, and how (a module importing
    or a package re-exporting one, a holder of an instance of its class, a subclass: see
    `searches.route_to`). Their callers are looked for again."""
    out: dict[str, set[Route]] = {}
    if not known:
        return out  # (a cold run: nothing to read the changed files for)
    for path in sorted(changed):
        data = project.raw(path)
        for fid, _, gates in known:
            how = route_to(FuncId.parse(fid), path, data, project, gates.split("|"))
            if how is not None:
                out.setdefault(fid, set()).add(how)
    return out
