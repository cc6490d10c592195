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

    def __init__(self, work: Callable[[], T], *, fork: bool = True) -> None:
        self._work = work
        self._answer: tuple[T] | None = None  # once known
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
                data = pickle.dumps(self._work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # any failure: no answer, and the parent does the work
                pass
            finally:
                os._exit(code)  # no atexit handlers, no flush of the parent's buffers
        os.close(write)
        self._pid, self._fd = pid, read

    def result(self) -> T:
        """The child's answer, or the work done here if the child gave none."""
        if self._answer is None:
            self._answer = (self._collect(),)
        return self._answer[0]

    def _collect(self) -> T:
        pid, fd = self._pid, self._fd
        if pid is None or fd is None:
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


def _reap(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return status
