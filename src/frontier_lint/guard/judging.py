"""Judging a matched launch: which installed guards block it (scope, allowlist), the attempt each
records, and the frame it is reported at; a forked child about to exec a blocked program is
stopped there."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType
from typing import TYPE_CHECKING

from frontier_lint.guard.attempts import Frame, LaunchAttempt
from frontier_lint.guard.state import _PACKAGE_DIR, _state
from frontier_lint.matching.programs import ProgramMatcher, Verdict

if TYPE_CHECKING:
    from frontier_lint.guard.runtime import Guard

_EXIT_BLOCKED_CHILD = 126  # "found but cannot execute", as a shell reports it
_STACK_LIMIT = 256


def _match_all(match: Callable[[ProgramMatcher], Verdict]) -> Verdict:
    """Match with every active guard's catalogue (usually one) and merge the hits."""
    guards = _state.guards
    first = match(guards[0].matcher)
    if len(guards) == 1:
        return first
    hits = list(first.hits)
    for g in guards[1:]:
        if g.catalogue.digest != guards[0].catalogue.digest:
            hits.extend(h for h in match(g.matcher).hits if h not in hits)
    return Verdict(tuple(hits), first.unknown, first.programs)


def _judged(frames: Sequence[FrameType]) -> bool:
    """Whether some guard judges a launch from here (the tooling's own launches are not)."""
    for g in _state.guards:
        if g.scope == "all":
            return True
        frame = g.project_frame(frames)
        if frame is not None and frame.relpath is not None and g.config.in_frontier(frame.relpath):
            return True
    return False


def _judge(
    event: str,
    kind: str,
    argv: tuple[str, ...],
    executable: str | None,
    verdict: Verdict,
    frames: Sequence[FrameType] | None = None,
) -> LaunchAttempt | None:
    if frames is None:
        frames = _stack()
    seq = _state.next_seq()
    pid = os.getpid()
    thread = threading.current_thread().name
    to_raise: LaunchAttempt | None = None
    raiser: Guard | None = None
    for g in _state.guards:
        # A guard only judges the hits of its own rules.
        ids = {r.id for r in g.catalogue.rules}
        hits = tuple(h for h in verdict.hits if ids.intersection(h.rule_ids))
        if not hits:
            continue
        frame = g.project_frame(frames)
        if not g.blocks(frame, hits):
            continue
        blocking = g.mode == "raise"
        attempt = LaunchAttempt(
            event=event,
            kind=kind,
            argv=argv,
            executable=executable,
            hits=hits,
            frame=frame or _display_frame(frames),
            blocked=blocking,
            pid=pid,
            thread=thread,
            seq=seq,
        )
        g.record(attempt)
        if blocking and to_raise is None:
            to_raise, raiser = attempt, g
    if to_raise is not None and raiser is not None and event == "os.exec" and pid != raiser.pid:
        # A forked child about to exec: raising would let it run on with the parent's code
        # (pty.fork, os.spawn*, pexpect do not expect a Python exception here). Stop it.
        _stop_child(to_raise)
    return to_raise


def _stop_child(attempt: LaunchAttempt) -> None:
    try:
        os.write(2, (attempt.describe() + "\n").encode("utf-8", "replace"))
    finally:
        os._exit(_EXIT_BLOCKED_CHILD)


def _stack() -> list[FrameType]:
    frames: list[FrameType] = []
    f: FrameType | None = sys._getframe(1)
    while f is not None and len(frames) < _STACK_LIMIT:
        frames.append(f)
        f = f.f_back
    return frames


def _display_frame(frames: Sequence[FrameType]) -> Frame | None:
    """Without a project frame: the innermost frame outside the stdlib and this package."""
    libraries = _state.guards[0]._libraries if _state.guards else ()
    fallback: Frame | None = None
    for f in frames:
        filename = f.f_code.co_filename
        real = os.path.realpath(filename) if not filename.startswith("<") else filename
        frame = Frame(real, f.f_lineno, f.f_code.co_name)
        if real.startswith(_PACKAGE_DIR + os.sep):
            continue
        if fallback is None:
            fallback = frame
        if not real.startswith(libraries) and not filename.startswith("<"):
            return frame
    return fallback
