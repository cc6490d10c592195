"""Children report back: the append-only channel file through which forked children and
`multiprocessing` workers send their attempts to the installing process, and the bootstrap that
rides in a spawned worker's preparation data (`runtime._bootstrap` installs the guard there)."""

from __future__ import annotations

import atexit
import dataclasses
import functools
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from frontier_lint.guard.attempts import LaunchAttempt
from frontier_lint.guard.state import _PACKAGE_DIR, _state

if TYPE_CHECKING:
    from frontier_lint.guard.runtime import Guard


def _ensure_channel() -> str:
    # One file per installing process; forked children inherit the name and append to it.
    with _state.lock:
        if _state.channel is None:
            fd, path = tempfile.mkstemp(prefix="frontier-guard-", suffix=".jsonl")
            os.close(fd)
            _state.channel, _state.channel_pid = path, os.getpid()
            atexit.register(_remove_channel, path, os.getpid())
        return _state.channel


def _channel_size() -> int:
    path = _state.channel
    if path is None:
        return 0
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _remove_channel(path: str, pid: int) -> None:
    if os.getpid() == pid:  # never from a forked child that happens to run atexit
        with suppress(OSError):
            os.unlink(path)


def _send(token: str, attempt: LaunchAttempt) -> None:
    path = _state.channel
    if path is None:
        return
    line = json.dumps([token, attempt.to_dict()], separators=(",", ":")) + "\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, line.encode("utf-8", "replace"))  # one write: atomic with O_APPEND
        finally:
            os.close(fd)
    except OSError:
        pass


class _Bootstrap:
    """Rides in a spawned worker's preparation data; unpickling it installs the guard there
    before the worker imports anything of the user's. Unpickled by `exec` so that a worker that
    cannot import frontier_lint still starts (with a warning) instead of crashing."""

    def __init__(self, payload: bytes) -> None:
        self.payload = payload

    def __reduce__(self) -> tuple[Any, ...]:
        src = os.path.dirname(_PACKAGE_DIR)
        code = (
            "import sys\n"
            "try:\n"
            f"    if {src!r} not in sys.path: sys.path.append({src!r})\n"
            "    from frontier_lint.guard.runtime import _bootstrap\n"
            f"    _bootstrap({self.payload!r})\n"
            "except Exception as exc:\n"
            "    sys.stderr.write(f'frontier-lint: runtime guard not installed in worker: {exc}\\n')\n"
        )
        return (exec, (code,))


def _preparation_wrapper(original: Callable[..., dict[str, Any]]) -> Callable[..., Any]:
    @functools.wraps(original)
    def get_preparation_data(name: str) -> dict[str, Any]:
        data = original(name)
        guards = list(_state.guards)  # a worker's own workers are guarded alike
        if guards:
            channel = _ensure_channel()
            settings = [_settings(g) for g in guards]
            data["frontier_lint_guard"] = _Bootstrap(pickle.dumps((channel, settings)))
        return data

    get_preparation_data._frontier_guard = True  # type: ignore[attr-defined]
    return get_preparation_data


def _settings(g: Guard) -> dict[str, Any]:
    # The configuration travels as its constructor arguments (its compiled patterns are
    # rebuilt), the catalogue as is: both are plain frozen data.
    cfg = g.config
    fields = {
        f.name: getattr(cfg, f.name)
        for f in dataclasses.fields(cfg)
        if f.init and f.name != "digest"
    }
    return {
        "config": fields,
        "catalogue": g.catalogue,
        "mode": g.mode,
        "scope": g.scope,
        "token": g.token,
    }
