"""Work a forked child process does beside this one, for a run that needs its answer later.

The analysis itself stays in one process (its values hold libcst trees); what runs beside it
is work that reads files and answers with plain data: CPython's syntax checks of the launching
files, the content digests of a cold run, byte scans of a share of the files (`shards`). `fork` makes a child in a few milliseconds with
everything already imported (a spawned worker pays ~0.3 s of imports first).

Where no child can be had (no `fork` on this platform, or not safely: other threads running,
as in the language server; the fork failed; the child died or answered garbage), the work
runs in this process when its answer is asked for, so the answer never depends on it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a child can be forked safely here: Linux (macOS's system libraries are not
    fork-safe) and no other thread that could hold a lock the child would inherit."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class Background(Generic[T]):
    """`work()` started in a forked child now, its result collected by `result()`."""

    def __init__(
        self,
        work: Callable[[], T],
        *,
        fork: bool = True,
        head: Callable[[T], bytes] | None = None,
    ) -> None:
        self._work = work
        self._answer: tuple[T] | None = None  # once known
        # A small part of the answer the child sends first (`head()`): a caller that needs only
        # that does not wait for the rest to be pickled and sent.
        self._head_of = head
        self._head: bytes | None = None
        self._pid: int | None = None
        self._fd: int | None = None
        if fork and can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _start(self) -> None:
        import pickle  # (here, before the fork: only runs that fork need it)

        try:
            read, write = os.pipe()
        except OSError:
            return
        _widen(write)
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: answer through the pipe, then leave without cleanup
            code = 1
            try:
                os.close(read)
                # A collection would touch, and so copy, every page shared with the parent.
                gc.disable()
                answer = self._work()
                with os.fdopen(write, "wb") as out:
                    if self._head_of is not None:
                        head = self._head_of(answer)
                        out.write(len(head).to_bytes(4, "little") + head)
                        out.flush()  # (before the rest is pickled)
                    out.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
                code = 0
            except BaseException:  # any failure: no answer, and the parent does the work
                pass
            finally:
                os._exit(code)  # no atexit handlers, no flush of the parent's buffers
        os.close(write)
        self._pid, self._fd = pid, read

    def head(self) -> bytes:
        """`head(result())`, as the child sent it before the rest of its answer (or worked out
        here when there is no child, or it sent none)."""
        assert self._head_of is not None, "no head asked for"
        if self._head is None:
            self._head = self._read_head()
            if self._head is None:
                self.cancel()  # a child that died or sent garbage: the work is done here
                self._head = self._head_of(self.result())
        return self._head

    def _read_head(self) -> bytes | None:
        if self._fd is None:
            return None
        size = _read_exactly(self._fd, 4)
        if size is None or int.from_bytes(size, "little") > MAX_HEAD:
            return None
        return _read_exactly(self._fd, int.from_bytes(size, "little"))

    def cancel(self) -> None:
        """Stop the child: its answer is not wanted (or no longer trusted). `result()` would
        then do the work here."""
        pid, fd = self._pid, self._fd
        if pid is None or fd is None:
            return
        self._pid = self._fd = None
        import signal

        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        os.close(fd)
        _reap(pid)

    def result(self) -> T:
        """The child's answer, or the work done here if the child gave none."""
        if self._answer is None:
            self._answer = (self._collect(),)
        return self._answer[0]

    def _collect(self) -> T:
        pid, fd = self._pid, self._fd
        if pid is None or fd is None:
            return self._work()
        if self._head_of is not None and self._head is None:
            self._head = self._read_head()  # (sent first: read past it)
            if self._head is None:
                self.cancel()
                return self._work()
        self._pid = self._fd = None
        chunks: list[bytes] = []
        try:
            with os.fdopen(fd, "rb") as pipe:
                while chunk := pipe.read(1 << 20):
                    chunks.append(chunk)
        except OSError:
            chunks = []
        status = _reap(pid)
        if status == 0 and chunks:
            import pickle

            try:
                result: T = pickle.loads(b"".join(chunks))  # what the child's work() returned
                return result
            except Exception:  # a torn answer: do the work here
                pass
        return self._work()


# A head longer than this is garbage, not an answer.
MAX_HEAD = 1 << 20

# What a child's pipe holds (`_widen`): Linux's largest pipe for a user who is not root
# (/proc/sys/fs/pipe-max-size), the default 64 KiB otherwise.
PIPE_BYTES = 1 << 20


def _widen(fd: int) -> None:
    """Make the pipe of `fd` hold up to PIPE_BYTES, so that a child whose answer fits writes all
    of it and exits at once, with the memory its work made, instead of waiting for the parent to
    read it: the digests of a cold corpus run (0.7 MB, done in 3 s) kept their child's 20 MB for
    the whole analysis. Where the pipe cannot be made larger, the child waits as before."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _read_exactly(fd: int, size: int) -> bytes | None:
    """`size` bytes from `fd`, None when it ends (or fails) before."""
    parts: list[bytes] = []
    while size > 0:
        try:
            part = os.read(fd, size)
        except OSError:
            return None
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _reap(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return status
