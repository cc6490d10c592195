"""The cache's save, left to a child that outlives the command once its report is written.

A run that changed the cache writes it after the report is made: its records, blocks, the text
index, the file itself (marshal, MAC, rename) and the remembered report (`run.recall`): ~10 %
of a one-file edit of the planted corpus, and nothing the user waits for. So the command
(`cli.entry`) writes its report, forks a child that saves, and exits with its own status at
once; the child's standard streams go to /dev/null, so a caller reading the command's output
to its end (a pipe, pre-commit) does not wait for it either.

The next run must see that save: while the child writes, it holds an exclusive `flock` on
`LOCK` in the cache directory (taken here before the fork, so the lock is held before the
command exits), and a run reading the cache waits for a shared one first (`wait`). Each file
is still written to a temporary name and renamed over the old one (`recall.replace_file`):
a run never sees half a cache, even one the child did not finish (killed: the old one stays).

Where no child can be forked safely (`background.can_fork`), no lock can be taken (no `fcntl`,
a read-only tree) or the fork fails, the save runs in this process before it exits, as before.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

LOCK = ".save-lock"


def wait(cache_dir: Path) -> None:
    """Return once no save left behind by an earlier run holds `cache_dir` (at once when none
    ever did: no lock file)."""
    try:
        import fcntl
    except ImportError:  # (no fork there either: every save is made before its run exits)
        return
    try:
        fd = os.open(os.path.join(cache_dir, LOCK), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # (blocks while the saving child holds it)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_behind(cache_dir: Path, saves: list[Callable[[], None]]) -> None:
    """Run `saves` in a child left behind when it can (the caller exits next), else here."""
    if not saves:
        return
    from frontier_lint.run.background import can_fork

    lock = _hold(cache_dir) if can_fork() else None
    if lock is None:
        _run(saves)
        return
    for stream in (sys.stdout, sys.stderr):  # (a child must not write what was buffered again)
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    try:
        pid = os.fork()
    except OSError:
        os.close(lock)
        _run(saves)
        return
    if pid != 0:
        os.close(lock)  # (the child's copy holds the lock until it exits)
        return
    code = 0
    try:
        os.setsid()  # (out of the caller's process group: a ^C to the terminal is not for it)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        _run(saves)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _run(saves: list[Callable[[], None]]) -> None:
    for save in saves:
        save()


def _hold(cache_dir: Path) -> int | None:
    """An exclusive lock on the cache directory's `LOCK` (made with the directory), or None."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        os.makedirs(cache_dir, exist_ok=True)
        fd = os.open(
            os.path.join(cache_dir, LOCK),
            os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0),
            0o600,
        )
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # another run's save still going: this one saves before it exits
        os.close(fd)
        return None
    return fd
