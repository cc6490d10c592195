"""Parsed configuration input remembered between runs: the rule packs and the YAML configuration.

Parsing the built-in rule pack (~40 KB of YAML) and importing PyYAML cost a run more than
everything else it does when the project cache answers (a warm run, a pre-commit hook). So the
parsed value of an input is kept in the user's cache directory, next to the cache's machine key
(`$XDG_CACHE_HOME/frontier-lint/`), one file per input location, and used while the input's bytes
are the same (their digest is stored with it).

The file is `marshal` data (standard library, no code runs on load) under an HMAC-SHA256 of the
machine key, as the project cache is: a file this user's tool did not write is ignored, and
marshal never sees bytes it did not produce. Anything wrong (no key, unreadable, stale, foreign)
means the input is parsed as before; a file that cannot be written is no error. Only values made
of plain data (dicts, lists, tuples, str, int, float, bool, None) are remembered, but by
`run.classcode`, whose files (`load`, `store`) hold code objects this interpreter compiled.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import sys
from collections.abc import Callable
from typing import Any

from frontier_lint import __version__

# Bumped when what a kind's parser returns changes shape.
FORMAT = 1
MAX_BYTES = 8 << 20


def remembered(kind: str, location: str, data: bytes, parse: Callable[[], Any]) -> Any:
    """`parse()`, or what it returned for the same `data` at `location` on an earlier run.

    `parse` must be a pure function of `data` that returns plain data; what it raises is raised
    (and nothing is remembered)."""
    found = recall(kind, location, data)
    if found is not None:
        return found[0]
    value = parse()
    keep(kind, location, data, value)
    return value


def recall(kind: str, location: str, data: bytes) -> tuple[Any] | None:
    """(the value kept for `data` at `location`,), or None when there is none."""
    where = _place(kind, location)
    return load(*where, _stamp(kind, data)) if where is not None else None


def keep(kind: str, location: str, data: bytes, value: Any) -> None:
    """Keep `value` (plain data) for `data` at `location`, replacing what was kept there."""
    where = _place(kind, location)
    if where is not None:
        store(*where, _stamp(kind, data), value)


def _stamp(kind: str, data: bytes) -> str:
    # The tool and Python versions are part of it: a parser may change with either.
    head = f"{FORMAT}\0{__version__}\0{sys.version}\0{kind}\0".encode()
    return hashlib.sha256(head + data).hexdigest()


def _place(kind: str, location: str) -> tuple[str, bytes] | None:
    """The memo file of an input location, and the machine key (None: nothing is kept)."""
    from frontier_lint.run.keys import key_dir, machine_key

    directory = key_dir()
    key = machine_key()
    if directory is None or key is None:
        return None
    name = hashlib.sha256(f"{kind}\0{location}".encode()).hexdigest()[:20]
    return os.path.join(directory, f"parsed-{kind}-{name}.bin"), key


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode()


def load(path: str, key: bytes, stamp: str) -> tuple[Any] | None:
    """(the value kept at `path` under `stamp`,), or None (no file, not this user's tool's, another
    stamp). Also the store of `run.classcode` (code objects: its file's name and stamp name
    the interpreter that compiled them)."""
    from frontier_lint.scan.fileio import ReadError, read_regular

    try:
        data, _ = read_regular(path, MAX_BYTES, nofollow=True)
    except ReadError:
        return None
    mac, _, payload = data.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(key, payload)):
        return None
    try:
        found, value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return (value,) if found == stamp else None


def store(path: str, key: bytes, stamp: str, value: Any) -> None:
    """Keep `value` at `path` under `stamp` and the machine key's HMAC."""
    try:
        payload = marshal.dumps((stamp, value))
    except ValueError:  # not plain data: parsed again next time
        return
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_mac(key, payload) + b"\n" + payload)
        os.replace(tmp, path)
        tmp = ""
    except OSError:
        pass  # a read-only cache directory: parsed again next time
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
