"""The audit hook: which audit events start a process, the argv, executable and program
verdict of each, and (on POSIX) programs identified by the executable they resolve to."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from frontier_lint.guard.attempts import ForbiddenLaunchError, LaunchAttempt
from frontier_lint.guard.children import _ensure_channel
from frontier_lint.guard.executables import identify
from frontier_lint.guard.judging import _judge, _judged, _match_all, _stack
from frontier_lint.guard.sinks import _sink_on_stack
from frontier_lint.guard.state import _log, _state, _text
from frontier_lint.matching.programs import Verdict

# Audit events that start (or are about to start) a process, in CPython 3.11-3.13.
_LAUNCH_EVENTS = frozenset(
    {
        "subprocess.Popen",  # also os.popen, subprocess.*, asyncio subprocesses
        "os.system",
        "os.exec",  # os.exec*: one event per attempted path
        "os.posix_spawn",  # os.posix_spawn and os.posix_spawnp (and 3.13's subprocess)
        "os.spawn",  # os.spawn* where native (Windows); POSIX builds them on fork + exec
        "os.startfile",
        "pty.spawn",
        "os.fork",  # checked against catalogue sinks on the stack (os.spawn*, pexpect)
        "os.forkpty",
    }
)
_FORK_EVENTS = frozenset({"os.fork", "os.forkpty"})
# `_execute_child` is private (not in typeshed): the frame that runs a POSIX child's exec.
_POPEN_CHILD_CODE = getattr(getattr(subprocess.Popen, "_execute_child", None), "__code__", None)


def _audit(event: str, args: tuple[Any, ...], _events: frozenset[str] = _LAUNCH_EVENTS) -> None:
    # Runs for every audit event of the process (imports, opens, ...): one set test first.
    if event not in _events:
        return
    __tracebackhide__ = True  # pytest: the error points at the launch, not at this hook
    state = _state
    if state is None or not state.guards:  # None: module globals cleared at shutdown
        return
    local = state.local
    if getattr(local, "busy", False):
        return  # an event raised by the guard's own work
    local.busy = True
    try:
        blocked = _on_event(event, args)
    finally:
        local.busy = False
    if blocked is not None:
        raise ForbiddenLaunchError(blocked)


def _on_event(event: str, args: tuple[Any, ...]) -> LaunchAttempt | None:
    """Match one launch event; returns the attempt to raise for, if any guard blocks it."""
    try:
        search: str | None = None  # the launch's PATH (None: this process's)
        cwd: str | None = None
        if event in _FORK_EVENTS:
            _ensure_channel()  # the child may need to report back
            found = _sink_on_stack(sys._getframe(2))  # the Python code that called fork
            if found is None:
                return None
            kind, argv, executable, verdict = found
        else:
            kind, argv, executable, verdict = _match_event(event, args)
            if event == "subprocess.Popen":
                cwd = None if args[2] is None else _text(args[2])
                search = os.pathsep.join(os.get_exec_path(args[3])) if args[3] is not None else None
        frames = _stack()
        if not verdict.hits and verdict.started and _judged(frames):
            # Not forbidden by any name: maybe by what it is (`notcodex` -> the codex binary).
            verdict = _identify(verdict, kind, search, cwd)
        if not verdict.hits:
            return None
        return _judge(event, kind, argv, executable, verdict, frames)
    except ForbiddenLaunchError:
        raise
    except Exception:  # the guard must never break a launch by its own fault: fail open, loudly
        _log.exception("frontier-lint runtime guard failed on %s; launch allowed", event)
        return None


def _match_event(
    event: str, args: tuple[Any, ...]
) -> tuple[str, tuple[str, ...], str | None, Verdict]:
    if event == "subprocess.Popen":
        executable, raw = args[0], args[1]
        if isinstance(raw, str | bytes):  # Windows: one command line
            argv = tuple(split_windows_command_line(_text(raw)))
        else:
            argv = tuple(_text(a) for a in raw)
        exe = _text(executable) if executable is not None else None
        return "exec", argv, exe, _match_all(lambda m: m.match_argv(_program_argv(exe, argv)))
    if event == "os.posix_spawn":
        path, raw = args[0], args[1]
        argv = tuple(_text(a) for a in raw)
        if sys._getframe(3).f_code is _POPEN_CHILD_CODE:
            # 3.13's subprocess goes on to os.posix_spawn: checked at its Popen event already.
            return "exec", argv, None, Verdict()
        exe = _text(path)
        return "exec", argv, exe, _match_all(lambda m: m.match_argv(_program_argv(exe, argv)))
    if event in ("os.exec", "os.spawn"):
        path, raw = (args[0], args[1]) if event == "os.exec" else (args[1], args[2])
        argv = tuple(_text(a) for a in raw)
        exe = _text(path)
        return "exec", argv, exe, _match_all(lambda m: m.match_argv(_program_argv(exe, argv)))
    if event == "os.system":
        command = _text(args[0])
        return "shell", (command,), None, _match_all(lambda m: m.match_shell(command))
    if event == "pty.spawn":
        raw = args[0]
        argv = (_text(raw),) if isinstance(raw, str | bytes) else tuple(_text(a) for a in raw)
        return "exec", argv, None, _match_all(lambda m: m.match_argv(argv))
    if event == "os.startfile":
        path = _text(args[0])
        return "exec", (path,), path, _match_all(lambda m: m.match_program(path))
    return "exec", (), None, Verdict()


def split_windows_command_line(line: str) -> list[str]:
    """Split a Windows command line the way `CommandLineToArgvW` (and the C runtime) do.

    Backslashes are literal except before a double quote: 2n of them and a quote give n
    backslashes and toggle quoting, 2n+1 give n backslashes and a literal quote.
    """
    words: list[str] = []
    cur: list[str] = []
    in_word = quoted = False
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "\\":
            j = i
            while j < n and line[j] == "\\":
                j += 1
            count = j - i
            if j < n and line[j] == '"':
                cur.append("\\" * (count // 2))
                if count % 2:
                    cur.append('"')
                    j += 1
                i = j
            else:
                cur.append("\\" * count)
                i = j
            in_word = True
            continue
        if c == '"':
            if quoted and i + 1 < n and line[i + 1] == '"':
                cur.append('"')  # `""` inside quotes: a literal quote
                i += 2
                continue
            quoted = not quoted
            in_word = True
        elif c in " \t" and not quoted:
            if in_word:
                words.append("".join(cur))
                cur, in_word = [], False
        else:
            cur.append(c)
            in_word = True
        i += 1
    if in_word:
        words.append("".join(cur))
    return words


def _program_argv(executable: str | None, argv: tuple[str, ...]) -> list[str]:
    """The argv as launched: the executable, when given, is the program; argv[0] is a name."""
    if executable is None:
        return list(argv)
    return [executable, *argv[1:]]


# --------------------------------------------------------------------------------------------
# Programs identified by the executable they resolve to (POSIX): `guard.executables`


def _identify(verdict: Verdict, kind: str, search: str | None, cwd: str | None) -> Verdict:
    """The verdict with hits for started programs whose executable is a forbidden program under
    another name (`executables.identify`), for the programs the installed guards forbid."""
    if os.name != "posix":
        return verdict
    forbidden: dict[str, tuple[str, ...]] = {}
    for g in _state.guards:
        for program, rule_ids in g.matcher.forbidden(kind).items():
            if rule_ids:
                forbidden.setdefault(program, rule_ids)
    if not forbidden:
        return verdict
    return identify(verdict, forbidden, search, cwd)
