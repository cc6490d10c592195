"""The runtime guard's process-wide state, shared by the audit hook, the probe wrappers and
every installed guard: the active guards, the report channel's file, the patches in place; and
the helpers they all use (argv items as text, where installed code lives)."""

from __future__ import annotations

import logging
import os
import site
import sys
import sysconfig
import threading
from contextlib import suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontier_lint.guard.runtime import Guard

_log = logging.getLogger("frontier_lint.runtime")
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # frontier_lint/


class _State:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.guards: tuple[Guard, ...] = ()  # replaced, never mutated: the hook reads it lock-free
        self.hook_added = False
        self.local = threading.local()
        self.seq = 0
        self.channel: str | None = None  # file that children append their attempts to
        self.channel_pid = 0  # the process that created it (and removes it)
        self.patches: dict[tuple[object, str], Any] = {}  # (owner, attribute) -> original

    def next_seq(self) -> int:
        with self.lock:
            self.seq += 1
            return self.seq


_state = _State()


def _text(value: Any) -> str:
    """An argv item as text (str, bytes or os.PathLike)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray):
        return os.fsdecode(bytes(value))
    if isinstance(value, os.PathLike):
        return os.fsdecode(os.fspath(value))
    return str(value)


def _library_prefixes() -> tuple[str, ...]:
    """Where installed code lives: frames there are never "the project", even inside its root."""
    paths: set[str] = {_PACKAGE_DIR}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        with suppress(KeyError):
            paths.add(sysconfig.get_paths()[key])
    paths.update({sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix})
    try:
        paths.update(site.getsitepackages())
        paths.add(site.getusersitepackages())
    except AttributeError:  # virtualenv's old site.py
        pass
    out = {os.path.realpath(p) for p in paths if p}
    return tuple(sorted(p.rstrip(os.sep) + os.sep for p in out))
