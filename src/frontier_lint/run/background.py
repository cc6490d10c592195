"""Work a forked child process does beside this one, for a run that needs its answer later.

The analysis stays in one process (its values hold libcst trees; `split` runs whole shares of
it in children, which answer with what they found as plain data); what runs beside it
is work that reads files and answers with plain data: CPython's syntax checks of the launching
files, the content digests of a cold run, byte scans of a share of the files (`shards`), the
text index of a cold run in parts (`Shared`: the parts not sent when asked are made here). `fork` makes a child in a few milliseconds with
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

        def child(write: int) -> None:
            answer = self._work()
            with os.fdopen(write, "wb") as out:
                if self._head_of is not None:
                    head = self._head_of(answer)
                    out.write(len(head).to_bytes(4, "little") + head)
                    out.flush()  # (before the rest is pickled)
                out.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))

        started = _fork(child)
        if started is not None:
            self._pid, self._fd = started

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

    def waiting(self) -> bool:
        """Whether asking for the answer (or its head) now would wait for the child: it was
        forked, and has sent nothing yet."""
        if self._answer is not None or self._head is not None or self._fd is None:
            return False
        import select

        try:
            readable, _, _ = select.select([self._fd], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def cancel(self) -> None:
        """Stop the child: its answer is not wanted (or no longer trusted). `result()` would
        then do the work here."""
        pid, fd = self._pid, self._fd
        self._pid = self._fd = None
        _kill(pid, fd)

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


def _fork(child: Callable[[int], None]) -> tuple[int, int] | None:
    """A child forked to run `child(write end of a pipe)` and leave without cleanup; (its pid,
    the read end) here, or None when no pipe or fork could be had (the work is done here).
    A child that fails sends what it had: the reader takes an incomplete answer as none."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    _widen(write)
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        code = 1
        try:
            os.close(read)
            # A collection would touch, and so copy, every page shared with the parent.
            gc.disable()
            child(write)
            code = 0
        except BaseException:  # any failure: the parent does what was not sent
            pass
        finally:
            os._exit(code)  # no atexit handlers, no flush of the parent's buffers
    os.close(write)
    return pid, read


def _kill(pid: int | None, fd: int | None) -> None:
    """Stop a child (if it still runs), close its pipe and reap it."""
    if pid is None or fd is None:
        return
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    os.close(fd)
    _reap(pid)


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


class Shared(Generic[T]):
    """Parts of one piece of work (`part(k)`, k in range(`count`)) done by a child forked now,
    in order, each sent as soon as it is done; `parts()` takes those that arrived and does the
    others here, from the last one back, taking the child's as they arrive between its own,
    until the two meet. A result asked for early is not waited for idle: this process does its
    share of what is left; asked for late, it is all the child's.

    A child that dies, is killed, or sends what cannot be read leaves every part not received
    yet to this process: the parts are the same either way (`part` is a function of the files'
    bytes, computed in the same order)."""

    def __init__(self, part: Callable[[int], T], count: int, *, fork: bool = True) -> None:
        self._part = part
        self._count = count
        self._pid: int | None = None
        self._fd: int | None = None
        self._got: list[T] = []  # the child's parts, 0 to len - 1
        self._buffer = b""
        if fork and count > 0 and can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _start(self) -> None:
        import pickle  # (here, before the fork)

        def child(write: int) -> None:  # one frame per part
            for k in range(self._count):
                data = pickle.dumps(self._part(k), protocol=pickle.HIGHEST_PROTOCOL)
                _write_all(write, len(data).to_bytes(8, "little") + data)

        started = _fork(child)
        if started is not None:
            self._pid, self._fd = started

    def parts(self) -> list[T]:
        """Every part, in order."""
        mine: list[T] = []  # this process's, from the last part back
        while len(self._got) + len(mine) < self._count:
            if self._fd is not None:
                self._receive()
                if len(self._got) + len(mine) >= self._count:
                    break
            mine.append(self._part(self._count - 1 - len(mine)))
        got = self._got[: self._count - len(mine)]
        self.stop()  # (it may be doing a part done here)
        return [*got, *reversed(mine)]

    def _receive(self) -> None:
        """Take the parts the child sent so far (never waits for more)."""
        import pickle
        import select

        fd = self._fd
        assert fd is not None
        while True:
            try:
                if not select.select([fd], [], [], 0)[0]:
                    return
                chunk = os.read(fd, 1 << 20)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:  # the child is gone (done, or died): what it sent is all
                self.stop()
                return
            buffer = self._buffer + chunk
            at = 0
            while len(buffer) - at >= 8:
                size = int.from_bytes(buffer[at : at + 8], "little")
                if len(buffer) - at - 8 < size:
                    break
                try:
                    self._got.append(pickle.loads(buffer[at + 8 : at + 8 + size]))
                except Exception:  # garbage: no more of the child's parts are taken
                    self.stop()
                    return
                at += 8 + size
            self._buffer = buffer[at:]

    def stop(self) -> None:
        """Stop the child (if it still runs) and take nothing more of it."""
        pid, fd = self._pid, self._fd
        self._pid = self._fd = None
        _kill(pid, fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
