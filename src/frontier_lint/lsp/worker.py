"""The language server's analysis process: the engine runs in a child, so a crash in native code
ends the child, not the server.

The engine parses with libcst, whose parser is native code: an input it cannot handle (~2,000
nested parentheses used to do it) ends the process with SIGSEGV, and no `try` can catch that. In
the server's own process it took the editor's session down with it. So the server's worker thread
hands each analysis to a long-lived child, `python -P -m frontier_lint.lsp.worker`, and reads the
report back; a child that dies is reported as `AnalysisCrashed` (the workspace then finds the
buffer that causes it) and a new one is started for the next analysis.

Protocol, over the child's standard input and output: each message is an 8-byte big-endian length
then a pickle. Request: `(config, catalogue, overrides)`; reply: `("ok", Report)` or
`("error", (summary, traceback))`. Pickle is fine here: both ends are this package, in processes
this server started, over pipes no one else holds. The child's own standard output is sent to
standard error, so a stray `print` (or native write) cannot corrupt the replies.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
import traceback
from typing import IO, TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from frontier_lint.findings import Report
    from frontier_lint.settings.catalogue import Catalogue
    from frontier_lint.settings.config import Config

    # The protocol's messages (see the module docstring).
    Request = tuple[Config, Catalogue, dict[str, str]]
    Reply = tuple[Literal["ok"], Report] | tuple[Literal["error"], tuple[str, str]]

log = logging.getLogger("frontier_lint.lsp")

# `-P`: the working directory (the user's project) is not put on sys.path: the analysis must
# never import the code it checks. A module attribute so that tests can start a faulty child.
WORKER_COMMAND: list[str] = [sys.executable, "-P", "-m", "frontier_lint.lsp.worker"]
_LENGTH = 8


class AnalysisFailed(Exception):
    """The engine raised in the child: `summary` is `Type: message`, `details` its traceback."""

    def __init__(self, summary: str, details: str = "") -> None:
        super().__init__(summary)
        self.summary = summary
        self.details = details


class AnalysisCrashed(AnalysisFailed):
    """The child ended without a reply (killed by a signal: a crash in native code)."""


class ChildAnalysis:
    """An `lsp_workspace.Analyse` that runs the engine in a child process (started on demand)."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command
        self._proc: subprocess.Popen[bytes] | None = None
        self._proc_lock = threading.Lock()  # the child's handle (`close` comes from any thread)
        self._call_lock = threading.Lock()  # one analysis at a time
        self._closed = False
        self.started = 0  # children started so far (tests, logs)

    def start(self) -> None:
        """Start the child now (it imports the engine while the editor is still initialising)."""
        with self._proc_lock:
            self._child()

    def __call__(self, config: Config, catalogue: Catalogue, overrides: dict[str, str]) -> Report:
        with self._call_lock:
            with self._proc_lock:
                proc = self._child()
            assert proc.stdin is not None and proc.stdout is not None
            request: Request = (config, catalogue, dict(overrides))
            try:
                _send(proc.stdin, request)
                reply: Reply | None = _receive(proc.stdout)
            except (OSError, EOFError, pickle.UnpicklingError, ValueError):
                reply = None
            if reply is None:
                # The child's fatal-error handler wrote its Python stack to standard error.
                raise AnalysisCrashed(
                    self._reap(proc),
                    "(the analysis process's stack, if it printed one, is in this log just above)",
                )
            if reply[0] == "ok":
                return reply[1]
            summary, details = reply[1]
            raise AnalysisFailed(summary, details)

    def close(self) -> None:
        """End the child (an analysis running in it ends with `AnalysisCrashed`)."""
        with self._proc_lock:
            self._closed = True
            proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)

    def _child(self) -> subprocess.Popen[bytes]:
        if self._closed:
            raise AnalysisCrashed("the server is shutting down")
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                self.command or WORKER_COMMAND,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                # Standard error is the server's: the child's log lines land in the same place.
            )
            self.started += 1
            log.debug("analysis process %d started", self._proc.pid)
        return self._proc

    def _reap(self, proc: subprocess.Popen[bytes]) -> str:
        with contextlib.suppress(OSError):
            proc.kill()
        try:
            code = proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        with self._proc_lock:
            if self._proc is proc:
                self._proc = None
        if self._closed:
            return "the analysis was stopped (the server is shutting down)"
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"the analysis process was killed by {name} (a crash in native code)"
        return f"the analysis process ended without a reply (exit status {code})"


def _send(stream: IO[bytes], value: Request | Reply) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_LENGTH, "big") + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next value, or None at the end of the stream (unpickled: of the type the caller
    expects from the other end)."""
    head = stream.read(_LENGTH)
    if len(head) < _LENGTH:
        return None
    size = int.from_bytes(head, "big")
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def default_analyse(config: Config, catalogue: Catalogue, overrides: dict[str, str]) -> Report:
    """One engine run reporting on the open buffers (the whole project is the analysis scope:
    the first run fills the cache, so later edits cost what they change)."""
    from frontier_lint.run.engine import LintRequest, lint

    return lint(config, catalogue, LintRequest(paths=(), overrides=overrides, cone=False))


def main() -> int:
    """The child: answer analysis requests until standard input ends."""
    # A crash in native code prints the Python stack to standard error (the server's log).
    faulthandler.enable()
    # Imported before the first request arrives (the editor is still opening documents).
    import libcst  # noqa: F401

    import frontier_lint.run.engine  # noqa: F401

    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything else written to standard output goes to standard error
    sys.stdout = sys.stderr
    requests = sys.stdin.buffer
    request: Request | None
    while (request := _receive(requests)) is not None:
        config, catalogue, overrides = request
        reply: Reply
        try:
            reply = ("ok", default_analyse(config, catalogue, overrides))
        except Exception as exc:
            reply = ("error", (f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        try:
            _send(replies, reply)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
            _send(replies, ("error", (f"cannot send the report: {exc}", traceback.format_exc())))
        # The run's heap is garbage now, most of it in cycles: collected while the editor
        # reads the reply, not when the next request arrives (`engine._young_collections_only`).
        del reply
        gc.collect()
    return 0


if __name__ == "__main__":
    sys.exit(main())
