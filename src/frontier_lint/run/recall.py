"""The report of a run on an unchanged project, remembered: a warm run with nothing changed
answers with it instead of loading every cached entry and building the report again.

A run's report is a function of the settings, the rule pack, the files of the project and
their content, and the paths named. The cache already stands for the content: a file whose
stat data matches its record has the recorded digest, and the cache's MAC pins every record.
So the remembered report is stored (`<root>/.frontier-lint-cache/r<VERSION>-<key><SUFFIX>`,
under the cache's settings key and this user's MAC, like the cache) with a digest of:
- what the cache key leaves out but the report reads: the rule selection, `max-file-size`,
  and the field layout of the report's values;
- the MAC of the cache file it was made with (a cache rewritten since, by this tool or
  another, tells it apart);
- what discovery found (files, named files, unlistable directories, scripts) and whether
  paths were named;
- the stat data of every file, each one as the cache records it: a run in which any file was
  racily clean, unreadable or shown from an editor buffer remembers nothing.

A run whose digest is the same answers with the remembered report (only the elapsed time is
its own); any difference, or a remembered file that is damaged or foreign, is no answer and
the run goes on as before. Light imports only: a warm run with nothing changed imports no
analysis.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import marshal
import os
import stat
from dataclasses import fields
from pathlib import Path
from typing import Any

from frontier_lint.findings import FileError, Finding, Hop, Report, Summary, Unresolved
from frontier_lint.run.state import NO_STAT as NO_STAT
from frontier_lint.run.state import Stat as Stat
from frontier_lint.run.state import project_state as project_state
from frontier_lint.scan.fileio import ReadError, read_regular

FORMAT = "frontier-lint-report"
VERSION = 1
SUFFIX = ".report"
# A report of 100,000 findings is ~50 MB: far above that, the file is not ours to read.
MAX_BYTES = 256 << 20
# A cache file's first line: the hex HMAC-SHA256 of its content (`run.cache`).
_MAC_LINE = 64

# (`Stat`, `NO_STAT` and `project_state` live in `run.state`: light, for `run.early`'s child.)
# The order of each value's fields as stored: part of the digest, so a tool whose values
# changed shape never reads what another one stored.
_LAYOUT = tuple(
    (cls.__name__, tuple(f.name for f in fields(cls)))
    for cls in (Hop, Finding, Unresolved, FileError, Summary, Report)
)
_TRACE = [f.name for f in fields(Finding)].index("trace")


def _mac(key: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(key, name.encode() + b"\n" + payload, hashlib.sha256).hexdigest().encode()


class Recall:
    """The remembered report of the project at `root` under the cache key `key`."""

    def __init__(self, directory: Path, key: str, secret: bytes, cache_file: Path) -> None:
        self.name = f"r{VERSION}-{key}{SUFFIX}"
        self.path = directory / self.name
        self._secret = secret
        self._cache_file = cache_file

    def state(self, settings: str, project: bytes | None, cache_mac: bytes | None) -> bytes | None:
        """The digest of everything the report depends on beyond the cache key (`project`: see
        `project_state`); None when the report cannot be remembered."""
        if project is None or cache_mac is None:
            return None
        document = (settings, _LAYOUT, cache_mac, project)
        return hashlib.blake2b(marshal.dumps(document), digest_size=20).digest()

    def cache_mac(self) -> bytes | None:
        """The MAC line of the cache file as it is on disk now (None: no such regular file)."""
        try:
            fd = os.open(
                self._cache_file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK
            )
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            head = os.read(fd, _MAC_LINE + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        return head[:_MAC_LINE] if len(head) == _MAC_LINE + 1 and head[-1:] == b"\n" else None

    def load(self) -> tuple[bytes, Report] | None:
        """The remembered (state, report), None when there is none to trust."""
        try:
            data, _ = read_regular(self.path, MAX_BYTES, nofollow=True)
        except ReadError:
            return None
        mac, _, payload = data.partition(b"\n")
        if not hmac.compare_digest(mac, _mac(self._secret, self.name, payload)):
            return None  # not written by this user's tool (or damaged)
        try:
            # Only after the MAC check: marshal is not meant for data from elsewhere.
            fmt, version, state, report = marshal.loads(payload)
            if fmt != FORMAT or version != VERSION or type(state) is not bytes:
                return None
            return state, _report(report)
        except (ValueError, EOFError, TypeError, AttributeError, IndexError):
            return None

    def save(self, state: bytes, report: Report) -> None:
        payload = marshal.dumps((FORMAT, VERSION, state, _plain(report)))
        # (The cache directory exists: the cache file was written first. A failure is no
        # error: remembering is an optimisation.)
        replace_file(self.path, _mac(self._secret, self.name, payload) + b"\n" + payload)


def replace_file(path: Path, data: bytes) -> bool:
    """Write `data` to a new file of our own (0600) in `path`'s directory and rename it over
    `path` (which replaces a symlink put there, never writes through it): as
    tempfile.mkstemp makes it, without importing tempfile (it pulls in shutil and random).
    False when it could not be done (a read-only tree)."""
    tmp = None
    try:
        name = os.path.join(path.parent, f".tmp-{os.getpid()}-{os.urandom(6).hex()}{path.suffix}")
        fd = os.open(name, _CREATE, 0o600)
        tmp = name
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# A new file only, never through a symlink; binary (no newline translation) where that exists.
_CREATE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)


def settings_of(selection: object, max_file_size: int) -> str:
    """What of the configuration the report reads but the cache key leaves out, and the tool's
    own code (`code_stamp`)."""
    return f"{selection!r}\0{max_file_size}\0{code_stamp()}"


@functools.cache
def code_stamp() -> str:
    """The name, size and mtime of every module of the tool as installed: a tool whose code
    changed under the same version number (a development install, a merge) does not answer
    with what the other one made. (~120 files looked at: a fraction of a millisecond.)"""
    rows: list[tuple[str, int, int]] = []
    todo = [Path(__file__).resolve().parent.parent]
    while todo:
        with os.scandir(todo.pop()) as listing:
            for item in listing:
                if item.is_dir(follow_symlinks=False) and item.name != "__pycache__":
                    todo.append(Path(item.path))
                elif item.name.endswith(".py"):
                    st = item.stat()
                    rows.append((item.path, st.st_size, st.st_mtime_ns))
    return hashlib.blake2b(repr(sorted(rows)).encode(), digest_size=12).hexdigest()


def _values(obj: Any) -> tuple[Any, ...]:
    return tuple(getattr(obj, f.name) for f in fields(obj))


def _finding_values(f: Finding) -> tuple[Any, ...]:
    values = list(_values(f))
    values[_TRACE] = tuple(_values(h) for h in f.trace)
    return tuple(values)


def _plain(report: Report) -> tuple[Any, ...]:
    return (
        tuple(_finding_values(f) for f in report.findings),
        tuple(_values(u) for u in report.unresolved),
        tuple(_values(e) for e in report.errors),
        _values(report.summary),
        tuple(_finding_values(f) for f in report.hidden),
        report.unmatched_include,
    )


def _finding(values: tuple[Any, ...]) -> Finding:
    given = list(values)
    given[_TRACE] = tuple(Hop(*h) for h in given[_TRACE])
    return Finding(*given)


def _report(raw: tuple[Any, ...]) -> Report:
    findings, unresolved, errors, summary, hidden, unmatched = raw
    return Report(
        findings=tuple(_finding(f) for f in findings),
        unresolved=tuple(Unresolved(*u) for u in unresolved),
        errors=tuple(FileError(*e) for e in errors),
        summary=Summary(*summary),
        hidden=tuple(_finding(f) for f in hidden),
        unmatched_include=tuple(unmatched),
    )
