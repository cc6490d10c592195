"""Reading files that a project (or whoever wrote it) controls: regular files only, and bounded.

A path inside a checked-out tree can be anything: a FIFO (reading it waits for a writer that never
comes), a symlink to `/dev/zero` (reading it never ends), a socket, or a file of gigabytes. Every
read of such a path goes through `read_regular`: it opens without blocking, asks the open file
(not the path, which may change in between) whether it is a regular file, and reads at most
`limit` bytes, so the answer is the bytes or a `ReadError` that says why, never a hang.
"""

from __future__ import annotations

import os
import stat

# Opening a FIFO for reading blocks until a writer opens it; O_NONBLOCK returns at once (and
# changes nothing for a regular file). Not on Windows, which has no FIFOs to open.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20
# The default bound on a source file (the `max-file-size` setting): 10x the largest module of
# CPython's own library, so only generated or data files reach it.
DEFAULT_MAX_FILE_SIZE = 8 << 20


class ReadError(Exception):
    """A path that could not be read as a regular file; `str()` is the reason, e.g.
    "cannot read: Permission denied" or "too large: 9000000 bytes > 8388608"."""

    def __init__(self, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large

    def __str__(self) -> str:
        return self.reason


class NotRegular(ReadError):
    """The path exists but is a FIFO, socket, device or directory."""


def read_regular(
    path: str | os.PathLike[str], limit: int, *, nofollow: bool = False
) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path` and its status (from the open file).

    `limit` bounds the bytes read: a larger file is a `ReadError` (`too_large`), never a
    truncated read. `nofollow` refuses a symlink at `path` itself (for files this tool wrote).
    """
    flags = _OPEN_FLAGS | (getattr(os, "O_NOFOLLOW", 0) if nofollow else 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if _special(path):  # a socket cannot be opened at all (ENXIO): say what it is
            raise NotRegular("not a regular file") from None
        raise ReadError(f"cannot read: {_reason(exc)}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular("not a regular file")
        if st.st_size > limit:
            raise ReadError(too_large(st.st_size, limit), too_large=True)
        # The size may change between fstat and read: read to the end, but never past the
        # limit (one byte more tells that the file grew beyond it). The first read asks for the
        # size and one byte more: back with exactly the size, it stopped at the end of the file
        # (a regular file's read is short only there), as the read of nothing after it would
        # tell, so that read is spared (a run reads every file several times: 6.4 per file on
        # the corpus, 41,000 reads, each an open, fstat, read and close).
        # (A buffer of at least _CHUNK, as before: with exact sizes a --jobs 2 corpus run took
        # ~0.6 s more CPU, in three runs of three, it seems in its forked readers' allocations.)
        first = os.read(fd, min(limit + 1, max(st.st_size + 1, _CHUNK)))
        if len(first) == st.st_size:
            return first, st
        parts: list[bytes] = [first]
        total = len(first)
        while total <= limit:
            more = os.read(fd, min(limit + 1 - total, max(st.st_size + 1 - total, _CHUNK)))
            if not more:
                break
            parts.append(more)
            total += len(more)
        if total > limit:
            raise ReadError(too_large(total, limit), too_large=True)
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        return data, st
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(f"cannot read: {_reason(exc)}") from None
    finally:
        os.close(fd)


def read_head(path: str | os.PathLike[str], size: int) -> bytes | None:
    """Up to `size` leading bytes of the regular file at `path`; None when it cannot be read."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def too_large(size: int, limit: int) -> str:
    return f"too large: {size} bytes > {limit} (max-file-size)"


def _special(path: str | os.PathLike[str]) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
