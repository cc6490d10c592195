"""Programs identified by the executable they resolve to (POSIX): a launch of `notcodex`, a
symlink, hard link or copy of a forbidden program, is that program.

The runtime guard asks this after the argv's words are matched: each started program is looked
up the way the launch will look it up (PATH directories listed once per launch, each listing kept
while the directory is unchanged), then compared with the forbidden programs found on PATH by
real path, by file identity, and for a file of the same size by content digest (cached).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import stat
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from frontier_lint.matching.programs import ProgramHit, Verdict, program_name

_DIGEST_CACHE_SIZE = 256
_digests: dict[
    tuple[str, int, int, int, int], bytes
] = {}  # (path, dev, ino, size, mtime) -> sha256


class _Directories:
    """The names in PATH directories, each listing kept while the directory's mtime stays (a
    directory changed in the last second is read again: an entry added within the same clock
    tick would not change it). One `stat` per directory per launch instead of one per name."""

    RECENT_NS = 1_000_000_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._names: dict[str, tuple[int, frozenset[str]]] = {}

    def for_launch(self) -> Callable[[str], frozenset[str]]:
        """`names`, each directory looked at once for the launch being judged."""
        return functools.lru_cache(maxsize=None)(self.names)

    def names(self, directory: str) -> frozenset[str]:
        try:
            mtime = os.stat(directory).st_mtime_ns
        except (OSError, ValueError):
            return frozenset()
        cached = self._names.get(directory)
        if cached is not None and cached[0] == mtime and time.time_ns() - mtime > self.RECENT_NS:
            return cached[1]
        try:
            names = frozenset(os.listdir(directory))
        except (OSError, ValueError):
            return frozenset()
        with self._lock:
            if len(self._names) > 512:
                self._names.clear()
            self._names[directory] = (mtime, names)
        return names


_directories = _Directories()


def _executable(
    word: str, search: str, cwd: str | None, names: Callable[[str], frozenset[str]]
) -> str | None:
    """The file `word` runs as, found like execvp: a path as is, a name in `search`."""
    base = cwd or ""  # relative names are relative to the launch's working directory
    if "/" in word:
        path = os.path.join(base, word)
        return path if _is_executable(path) else None
    for directory in search.split(os.pathsep):
        where = os.path.join(base, directory or os.curdir)
        if word in names(where):
            path = os.path.join(where, word)
            if _is_executable(path):
                return path
    return None


def _is_executable(path: str) -> bool:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode) and os.access(path, os.X_OK)


def _forbidden_executables(
    forbidden: Mapping[str, tuple[str, ...]],
    searches: Sequence[str],
    names: Callable[[str], frozenset[str]],
) -> dict[str, list[tuple[str, os.stat_result]]]:
    """Where each forbidden program is on the given search paths (real path and its stat)."""
    directories = list(dict.fromkeys(d for s in searches for d in s.split(os.pathsep) if d))
    out: dict[str, list[tuple[str, os.stat_result]]] = {}
    for directory in directories:
        listed = names(directory)
        for program in forbidden:
            if program not in listed:
                continue
            path = os.path.join(directory, program)
            if not _is_executable(path):
                continue
            real = os.path.realpath(path)
            try:
                out.setdefault(program, []).append((real, os.stat(real)))
            except OSError:
                continue
    return out


def _same_file(
    real: str, located: Mapping[str, list[tuple[str, os.stat_result]]]
) -> tuple[str, str] | None:
    """The forbidden program whose executable `real` is (the same file, or a copy), and how."""
    try:
        st = os.stat(real)
    except OSError:
        return None
    for program, places in located.items():
        for other, ost in places:
            if (st.st_dev, st.st_ino) == (ost.st_dev, ost.st_ino):
                return program, f"the same file as {other}"
            # Same size: compare contents (a file that cannot be read counts as a copy).
            if st.st_size == ost.st_size and _digest(real, st) in (_digest(other, ost), None):
                return program, f"a copy of {other}"
    return None


def _digest(path: str, st: os.stat_result) -> bytes | None:
    key = (path, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    found = _digests.get(key)
    if found is not None:
        return found
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    if len(_digests) >= _DIGEST_CACHE_SIZE:
        _digests.clear()
    _digests[key] = h.digest()
    return _digests[key]


def identify(
    verdict: Verdict, forbidden: Mapping[str, tuple[str, ...]], search: str | None, cwd: str | None
) -> Verdict:
    """The verdict with hits for started programs whose executable is a forbidden program under
    another name: a symlink (`notcodex` -> .../codex), a hard link, or a copy.

    Each program is looked up the way the launch will (its launcher's PATH, else the launch's
    `env` PATH, else this process's), then compared by the basename of its real path, by file
    identity with the forbidden programs found on PATH, and, for a file of the same size, by
    content digest (cached by path, inode, size and mtime).
    """
    own_path = os.environ.get("PATH", os.defpath)
    located: dict[str, list[tuple[str, os.stat_result]]] | None = None
    hits: list[ProgramHit] = []
    names = _directories.for_launch()
    for started in verdict.started:
        where = started.path if started.path is not None else (search or own_path)
        exe = _executable(started.word, where, cwd, names)
        if exe is None:
            continue
        real = os.path.realpath(exe)
        name = program_name(os.path.basename(real))
        if name is not None and name in forbidden:
            hits.append(ProgramHit(name, forbidden[name], started.word, started.via, real))
            continue
        if located is None:  # once per launch, only when something needs comparing
            searches = (where, search or own_path, own_path)
            located = _forbidden_executables(forbidden, searches, names)
        found = _same_file(real, located)
        if found is not None:
            program, what = found
            resolved = f"{real}, {what}"
            hits.append(
                ProgramHit(program, forbidden[program], started.word, started.via, resolved)
            )
    if not hits:
        return verdict
    return dataclasses.replace(verdict, hits=tuple(hits))
