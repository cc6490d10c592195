"""A fork server for the linter: `python -m tests.fuzz.worker`.

Starting `python -m frontier_lint` costs about half a second (the interpreter, click, libcst);
the fuzz cases are small, so that would be most of the suite's time. This process imports the
linter once and, for each request, forks a child that runs `frontier_lint.cli.main(args)` with
its standard streams redirected to files: the same code path as the real command, from the same
interpreter state every time, and contained like a subprocess (a crash is a signal in the child,
a hang is killed at the deadline with its whole process group, memory is capped). It is
single-threaded, so forking here is safe (pytest's process may have threads).

Protocol: one JSON request per line on stdin (`args`, `cwd`, `timeout`, `out`, `err`), one JSON
answer per line on stdout (`exit`, `signal`, `timed_out`, `seconds`). Arguments are
`os.fsdecode`d strings (non-UTF-8 names travel as surrogate escapes, as in `sys.argv`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import select
import signal
import sys
import time
import traceback
from typing import Any

# Address-space cap of a run: a file that reads /dev/zero must end in MemoryError, not eat the
# machine (shared with other work). A normal run of a fuzz case needs a few hundred MB.
MEMORY_LIMIT = 3 * 1024**3


def limit_memory() -> None:
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _stream(fd: int, like: Any) -> io.TextIOWrapper:
    """A text stream on `fd` with the encoding and error handler the interpreter gave `like`."""
    return io.TextIOWrapper(
        io.FileIO(fd, "w", closefd=False),
        encoding=like.encoding,
        errors=like.errors,
        write_through=False,
    )


def _child(request: dict[str, Any]) -> None:
    """In the forked child: run the CLI as `python -m frontier_lint ARGS` would, then leave."""
    code = 1
    try:
        os.setpgid(0, 0)  # the deadline kills the run's own children too
        limit_memory()
        os.chdir(request["cwd"])
        out = os.open(request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(request["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        stdout_like, stderr_like = sys.__stdout__, sys.__stderr__
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
        sys.stdout = _stream(1, stdout_like)
        sys.stderr = _stream(2, stderr_like)
        args = list(request["args"])
        sys.argv = ["frontier-lint", *args]
        from frontier_lint.cli import main

        try:
            main(args)
            code = 0
        except SystemExit as exc:  # what the interpreter does with it
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:
            traceback.print_exc()
            code = 1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                traceback.print_exc(file=sys.__stderr__)
                code = 120  # what the interpreter exits with when flushing stdout fails
    finally:
        os._exit(code)


# A loaded machine (other test runs, other work on a shared host) stretches wall time but not
# the work a run does. So the bound is on work: on an idle machine (CI) a run ends at exactly the
# timeout; on a loaded one it may go on until its process group has used `timeout` CPU seconds
# (a slow run is still caught), and a run that waits without working (a hang) ends at
# HANG_SCALE times the timeout whatever the load.
LOADED = 1.25  # runnable processes per core above which the machine counts as shared
HANG_SCALE = 12.0


def load_scale() -> float:
    """How many runnable processes share each core now (1.0 when idle), at least 1."""
    try:
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return 1.0
    return max(1.0, load)


def group_cpu_seconds(pgid: int) -> float | None:
    """CPU seconds used by the processes of group `pgid` and the children they reaped (Linux's
    /proc; None where it cannot be read, and the caller falls back to wall time)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile, or not ours to read
        if len(fields) > 14 and int(fields[2]) == pgid:
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / tick


def over_bound(start: float, timeout: float, pgid: int, now: float) -> bool:
    """Whether a run started at `start` (monotonic) in group `pgid` has had its time."""
    if now < start + timeout:
        return False
    if now >= start + timeout * HANG_SCALE or load_scale() < LOADED:
        return True
    cpu = group_cpu_seconds(pgid)
    if cpu is None:  # no way to tell work from waiting: the load stretches wall time, capped
        return now >= start + timeout * min(load_scale(), 4.0)
    return cpu >= timeout


def _wait(pid: int, timeout: float) -> tuple[int, bool]:
    """The child's wait status, and whether it had to be killed at its bound (`over_bound`)."""
    start = time.monotonic()
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status, False
            now = time.monotonic()
            if over_bound(start, timeout, pid, now):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                return status, True
            # Until the timeout nothing is read; after it, the group's CPU is looked at twice a second.
            left = max(0.0, start + timeout - now) or 0.5
            if fd is not None:
                select.select([fd], [], [], left)
            else:
                time.sleep(min(left, 0.005))
    finally:
        if fd is not None:
            os.close(fd)


# Not needed by a lint run (the language server, the runtime guard, the pytest plugin).
_NOT_PRELOADED = ("lsp", "runtime", "pytest_plugin", "__main__")


def preload() -> None:
    """Import what a run needs once, before any fork (children share it copy-on-write)."""
    import importlib
    import pkgutil

    import frontier_lint

    for info in pkgutil.walk_packages(frontier_lint.__path__, "frontier_lint."):
        if not info.name.split(".")[1].startswith(_NOT_PRELOADED):
            with contextlib.suppress(ImportError):
                importlib.import_module(info.name)
    for name in ("libcst", "libcst.native", "libcst.metadata", "libcst.helpers"):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def serve() -> None:
    preload()
    answers = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(request)
        status, timed_out = _wait(pid, float(request["timeout"]))
        # Anything the run left behind in its group (a forked helper) goes with it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
        answer = {
            "exit": os.waitstatus_to_exitcode(status),
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "timed_out": timed_out,
            "seconds": time.monotonic() - start,
        }
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
