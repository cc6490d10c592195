"""This user's cache key: the secret under which the project cache and the remembered parsed
inputs (`settings.memo`) carry an HMAC, so that a file this user's tool did not write is never
trusted. It lives in the user's cache directory (`$XDG_CACHE_HOME/frontier-lint/` or
`~/.cache/frontier-lint/`), outside every project. (A module of its own, with light imports:
start-up code asks for it before the analysis is imported.)"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from frontier_lint.scan.fileio import ReadError, read_regular

KEY_FILE = "cache-key"


def key_dir() -> Path | None:
    """Where the key lives: the user's cache directory (XDG), never inside a project."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the spec: a relative value is to be ignored
        return Path(xdg) / "frontier-lint"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "frontier-lint" if os.path.isabs(home) else None


_KEYS: dict[Path, bytes] = {}


def machine_key() -> bytes | None:
    """This user's cache key, created (mode 0600) on first use; None when none can be kept."""
    directory = key_dir()
    if directory is None:
        return None
    file = directory / KEY_FILE
    known = _KEYS.get(file)
    if known is not None:
        return known
    key = _read_key(file)
    if key is None:
        key = _create_key(directory, file)
    if key is not None:
        _KEYS[file] = key
    return key


def _read_key(file: Path) -> bytes | None:
    try:
        data, _ = read_regular(file, 4096, nofollow=True)
        key = bytes.fromhex(data.decode("ascii").strip())
    except (ReadError, ValueError):
        return None
    return key if len(key) == 32 else None


def _create_key(directory: Path, file: Path) -> bytes | None:
    """A new key, written whole before it appears under its name (two first runs at once
    agree on one: the second one's link fails and it reads the first one's)."""
    import tempfile  # (only when a key is made: most runs read one)

    key = os.urandom(32)
    tmp = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".key-")  # mode 0600
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex() + "\n")
        try:
            os.link(tmp, file)
        except FileExistsError:
            theirs = _read_key(file)
            if theirs is not None:
                return theirs
            os.replace(tmp, file)  # a damaged key file: start over with a new key
            tmp = None
        return key
    except OSError:
        return None  # a read-only home: no cache rather than a failed run
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
