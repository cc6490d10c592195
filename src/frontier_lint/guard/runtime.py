"""The runtime guard: stop forbidden launches as the interpreter makes them.

Static analysis says what code *can* do; this says what it *does*. `install()` (or `with
guard():`) adds a `sys.addaudithook` hook that sees the real argv of every process launch
(`subprocess.Popen`, `os.system`, `os.exec*`, `os.posix_spawn*`, `os.spawn*`, `pty.spawn`, and
what is built on them: `os.popen`, `asyncio.create_subprocess_*`, `pexpect`) and matches it with
the linter's `ProgramMatcher`, driven by the same rule pack and configuration. A forbidden launch
raises `ForbiddenLaunchError` before the process starts (mode "raise") or is logged and
collected (mode "record").

Scope follows the linter: a launch is judged by the innermost calling frame inside the project,
and only frames in the frontier runtime (`include` minus `exclude`, minus `allow`) are blocked,
so a test suite's own tooling still runs; `scope="all"` blocks every forbidden launch.

Reach beyond the audit events:
- Probes (`shutil.which` and any other `probe` sink of the catalogue) raise no event: they are
  wrapped while a guard is installed.
- `os.spawn*` (POSIX) and `pexpect` fork first and exec in the child. The `os.fork` /
  `os.forkpty` events are matched against the catalogue's sinks found on the calling stack, so
  the parent raises before forking; an exec that still happens in a forked child is stopped
  there (the child exits with status 126 instead of running on with the parent's code).
- Forked children and `multiprocessing` workers (fork, spawn and forkserver; spawned workers
  install the guard while unpickling their preparation data) report their attempts back to the
  installing process through an append-only file, so `Guard.attempts()` sees them all.

The hook stays once added (audit hooks cannot be removed); without an active guard it returns
after one set-membership test.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import inspect
import json
import logging
import os
import pickle
import site
import subprocess
import sys
import sysconfig
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from frontier_lint.guard.attempts import ForbiddenLaunchError, Frame, LaunchAttempt
from frontier_lint.guard.executables import identify
from frontier_lint.matching.programs import ProgramHit, ProgramMatcher, Verdict
from frontier_lint.matching.shell import split_words
from frontier_lint.settings.catalogue import ArgSpec, Catalogue, SinkSpec, load_catalogue
from frontier_lint.settings.config import Config, load_config

__all__ = [
    "MODES",
    "SCOPES",
    "ForbiddenLaunchError",
    "Frame",
    "Guard",
    "LaunchAttempt",
    "guard",
    "install",
    "installed",
    "split_windows_command_line",
]

MODES = ("raise", "record")
SCOPES = ("project", "all")

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
_EXIT_BLOCKED_CHILD = 126  # "found but cannot execute", as a shell reports it
_STACK_LIMIT = 256
_SINK_FRAMES = 12  # how far up from a fork to look for the sink that asked for it

_log = logging.getLogger("frontier_lint.runtime")
# `_execute_child` is private (not in typeshed): the frame that runs a POSIX child's exec.
_POPEN_CHILD_CODE = getattr(getattr(subprocess.Popen, "_execute_child", None), "__code__", None)
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # frontier_lint/


# --------------------------------------------------------------------------------------------
# Process-wide state


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


# --------------------------------------------------------------------------------------------
# The guard


class Guard:
    """An installed guard: its settings and the attempts it saw. Created by `install()`."""

    def __init__(
        self,
        config: Config,
        catalogue: Catalogue,
        mode: str,
        scope: str,
        *,
        token: str | None = None,
        remote: bool = False,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        self.config = config
        self.catalogue = catalogue
        self.mode = mode
        self.scope = scope
        self.matcher = ProgramMatcher(catalogue)
        self.pid = os.getpid()
        # Unique in the process tree (ids of dead guards are reused; counters are not).
        self.token = token or f"{self.pid}-{_state.next_seq()}"
        self.remote = remote  # a worker's guard: every attempt goes to the parent's channel
        self.key = (str(config.root), config.digest, catalogue.digest, mode, scope)
        self._refs = 0
        self._attempts: list[LaunchAttempt] = []
        self._root = os.path.realpath(config.root).rstrip(os.sep) + os.sep
        self._libraries = _library_prefixes()
        self._files: dict[str, str | None] = {}  # co_filename -> relpath in project, or None
        self._channel_offset = _channel_size()  # earlier lines belong to earlier guards
        self._channel_partial = b""

    def __repr__(self) -> str:
        return f"<Guard mode={self.mode} scope={self.scope} root={str(self.config.root)!r}>"

    @property
    def active(self) -> bool:
        return self in _state.guards

    def count(self) -> int:
        """How many attempts `attempts()` would return (cheap: polled by the pytest plugin)."""
        if _state.channel is not None:
            self._drain_channel()
        return len(self._attempts)

    def attempts(self, since: int = 0) -> tuple[LaunchAttempt, ...]:
        """Every forbidden launch seen (from the `since`-th on), here and in children/workers."""
        self._drain_channel()
        with _state.lock:
            return tuple(self._attempts[since:])

    def close(self) -> None:
        """Stop guarding (the audit hook stays, inert). Balanced with each `install()`."""
        with _state.lock:
            self._refs -= 1
            if self._refs > 0:
                return
            _state.guards = tuple(g for g in _state.guards if g is not self)
            if not _state.guards:
                _unpatch()
        self._drain_channel()

    # -- deciding ----------------------------------------------------------------------------
    def relpath(self, filename: str) -> str | None:
        """The project-relative path of a code file, None if outside the project or a library."""
        cached = self._files.get(filename, self)
        if cached is not self:
            return cached  # type: ignore[return-value]
        rel: str | None = None
        if filename and not filename.startswith("<"):
            real = os.path.realpath(filename)
            if real.startswith(self._root) and not real.startswith(self._libraries):
                rel = real[len(self._root) :].replace(os.sep, "/")
        self._files[filename] = rel
        return rel

    def project_frame(self, frames: Sequence[FrameType]) -> Frame | None:
        for f in frames:
            rel = self.relpath(f.f_code.co_filename)
            if rel is not None:
                return Frame(
                    os.path.realpath(f.f_code.co_filename), f.f_lineno, f.f_code.co_name, rel
                )
        return None

    def blocks(self, frame: Frame | None, hits: Sequence[ProgramHit]) -> bool:
        """Whether this guard stops these hits launched from `frame` (scope and allowlist)."""
        if self.scope == "all":
            return True
        if frame is None or frame.relpath is None:
            return False  # no project code asked for it: the tooling's own launch
        if not self.config.in_frontier(frame.relpath):
            return False
        for hit in hits:
            if not any(
                self.config.allow_entry(frame.relpath, hit.program, rule) for rule in hit.rule_ids
            ):
                return True
        return False

    def record(self, attempt: LaunchAttempt) -> None:
        with _state.lock:
            self._attempts.append(attempt)
        if self.remote or os.getpid() != self.pid:
            _send(self.token, attempt)
        if self.mode == "record":
            _log.warning("%s", attempt.describe())

    def _drain_channel(self) -> None:
        """Read what children appended to the channel since the last look."""
        path = _state.channel
        if path is None or self.remote or os.getpid() != self.pid:
            return
        with _state.lock:  # two threads must not read the same lines twice
            self._read_channel(path)

    def _read_channel(self, path: str) -> None:
        try:
            size = os.path.getsize(path)
        except OSError:
            return
        if size <= self._channel_offset:
            return
        try:
            with open(path, "rb") as fh:
                fh.seek(self._channel_offset)
                data = self._channel_partial + fh.read(size - self._channel_offset)
        except OSError:
            return
        self._channel_offset = size
        *lines, self._channel_partial = data.split(b"\n")
        seen = {a.key for a in self._attempts}
        for line in lines:
            try:
                token, payload = json.loads(line)
                if token != self.token:
                    continue
                attempt = LaunchAttempt.from_dict(payload)
            except (ValueError, KeyError, TypeError):
                continue
            if attempt.key not in seen:
                seen.add(attempt.key)
                self._attempts.append(attempt)


def installed() -> tuple[Guard, ...]:
    """The guards active in this process."""
    return _state.guards


def install(
    config: Config | str | os.PathLike[str] | None = None,
    *,
    mode: str = "raise",
    scope: str = "project",
    catalogue: Catalogue | None = None,
    start: str | os.PathLike[str] | None = None,
) -> Guard:
    """Start guarding this process; returns the guard (installing twice returns the same one).

    `config` is a `Config`, a configuration file, or None to discover it from `start` (default:
    the working directory) like the linter. The rule catalogue defaults to the built-in pack plus
    the configuration's `rules`.
    """
    if isinstance(config, Config):
        cfg = config
    else:
        base = Path(start) if start is not None else Path.cwd()
        cfg = load_config(Path(config) if config is not None else None, base)
    cat = catalogue if catalogue is not None else load_catalogue(cfg.rules)
    candidate = Guard(cfg, cat, mode, scope)
    return _activate(candidate)


@contextmanager
def guard(
    config: Config | str | os.PathLike[str] | None = None,
    *,
    mode: str = "raise",
    scope: str = "project",
    catalogue: Catalogue | None = None,
    start: str | os.PathLike[str] | None = None,
) -> Iterator[Guard]:
    """`install()` for the duration of a `with` block."""
    g = install(config, mode=mode, scope=scope, catalogue=catalogue, start=start)
    try:
        yield g
    finally:
        g.close()


def _activate(candidate: Guard) -> Guard:
    with _state.lock:
        for existing in _state.guards:
            if existing.key == candidate.key:
                existing._refs += 1
                return existing
        candidate._refs = 1
        if not _state.hook_added:
            sys.addaudithook(_audit)
            _state.hook_added = True
        _patch(candidate)
        _state.guards = (*_state.guards, candidate)
        return candidate


# --------------------------------------------------------------------------------------------
# The audit hook


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


# --------------------------------------------------------------------------------------------
# Sinks without a parent-side event: fork-then-exec helpers (stack) and probes (wrappers)


def _resolve(dotted: str) -> Any:
    """The object named `dotted`, only if its module is already imported (never import here)."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        obj: Any = module
        try:
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return None
        return obj
    return None


def _code_of(obj: Any) -> tuple[CodeType, int] | None:
    """The code object a call of `obj` runs first and the offset of its first argument."""
    obj = getattr(obj, "__wrapped__", obj)
    if inspect.ismethod(obj):  # a classmethod read from its class (`PtyProcess.spawn`)
        return obj.__func__.__code__, 1
    code = getattr(obj, "__code__", None)
    if code is not None:
        return code, 0
    init = getattr(obj, "__init__", None) if isinstance(obj, type) else None
    code = getattr(init, "__code__", None)
    if code is not None:
        return code, 1  # `self`
    return None


def _sink_codes(catalogue: Catalogue) -> dict[CodeType, tuple[SinkSpec, int]]:
    out: dict[CodeType, tuple[SinkSpec, int]] = {}
    for spec in catalogue.sinks.values():
        if spec.kind == "probe" or spec.config is not None:
            continue  # (a configuration's program is read by the process launch it leads to)
        found = _code_of(_resolve(spec.call))
        if found is not None:
            out[found[0]] = (spec, found[1])
    return out


def _sink_on_stack(
    frame: FrameType | None,
) -> tuple[str, tuple[str, ...], str | None, Verdict] | None:
    """On a fork: the catalogue sink that is forking (`os.spawnv`, `pexpect.spawn`), if any."""
    g = _state.guards[0]
    codes = _sink_codes(g.catalogue)  # modules imported since install count too
    depth = 0
    while frame is not None and depth < _SINK_FRAMES:
        found = codes.get(frame.f_code)
        if found is not None:
            spec, offset = found
            return _match_sink_args(g.matcher, spec, offset, frame.f_code, frame.f_locals)
        frame = frame.f_back
        depth += 1
    return None


def _arg(spec: ArgSpec | None, offset: int, code: CodeType, values: Mapping[str, Any]) -> Any:
    if spec is None:
        return None
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    if spec.pos is not None and spec.pos + offset < code.co_argcount:
        name = names[spec.pos + offset]
        if name in values:
            return values[name]
    if spec.kw is not None and spec.kw in values:
        return values[spec.kw]
    return None


def _match_sink_args(
    matcher: ProgramMatcher, spec: SinkSpec, offset: int, code: CodeType, values: Mapping[str, Any]
) -> tuple[str, tuple[str, ...], str | None, Verdict]:
    kind = "shell" if spec.kind == "shell" else "exec"
    if spec.program is not None:
        return kind, (spec.program,), spec.program, matcher.match_program(spec.program, kind=kind)
    if spec.command is not None:
        command = _arg(spec.command, offset, code, values)
        text = None if command is None else _text(command)
        return kind, (text or "",), None, matcher.match_shell(text, kind=kind)
    if spec.path is not None:
        path = _arg(spec.path, offset, code, values)
        text = None if path is None else _text(path)
        return kind, (text or "",), text, matcher.match_program(text, kind=kind)
    raw = _arg(spec.argv, offset, code, values)
    if raw is None:
        return kind, (), None, Verdict()
    if isinstance(raw, str | bytes):
        text = _text(raw)
        argv = tuple(split_words(text)[0]) if spec.split else (text,)
    else:
        argv = tuple(_text(a) for a in raw)
    return kind, argv, None, matcher.match_argv(argv, kind=kind)


def _patch(g: Guard) -> None:
    """Wrap probes (no audit event) and teach spawned workers to install the guard."""
    import shutil  # noqa: F401  (the built-in probe sink; cheap and nearly always loaded)

    for spec in g.catalogue.sinks.values():
        if spec.kind != "probe":
            continue
        owner_name, _, attr = spec.call.rpartition(".")
        owner = _resolve(owner_name) if "." in owner_name else sys.modules.get(owner_name)
        original = getattr(owner, attr, None) if owner is not None else None
        if original is None or not callable(original) or (id(owner), attr) in _patched_ids():
            continue
        _state.patches[(owner, attr)] = original
        setattr(owner, attr, _probe_wrapper(spec, original))
    try:
        import multiprocessing.spawn as mp_spawn
    except ImportError:  # a stripped interpreter
        return
    original = mp_spawn.get_preparation_data
    if (mp_spawn, "get_preparation_data") not in _state.patches:
        _state.patches[(mp_spawn, "get_preparation_data")] = original
        mp_spawn.get_preparation_data = _preparation_wrapper(original)


def _patched_ids() -> set[tuple[int, str]]:
    return {(id(o), a) for o, a in _state.patches}


def _unpatch() -> None:
    for (owner, attr), original in list(_state.patches.items()):
        current = getattr(owner, attr, None)
        if getattr(current, "_frontier_guard", False):
            setattr(owner, attr, original)  # only undo our own wrapper, never a later patch
        del _state.patches[(owner, attr)]


def _probe_wrapper(spec: SinkSpec, original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def probe(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        if _state.guards and not getattr(_state.local, "busy", False):
            blocked = _check_probe(spec, args, kwargs)
            if blocked is not None:
                raise ForbiddenLaunchError(blocked)
        return original(*args, **kwargs)

    probe._frontier_guard = True  # type: ignore[attr-defined]
    return probe


def _check_probe(
    spec: SinkSpec, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> LaunchAttempt | None:
    local = _state.local
    local.busy = True
    try:
        arg = spec.path or spec.argv or spec.command
        value: Any = None
        if arg is not None and arg.pos is not None and arg.pos < len(args):
            value = args[arg.pos]
        elif arg is not None and arg.kw is not None:
            value = kwargs.get(arg.kw)
        if value is None:
            return None
        text = _text(value)
        verdict = _match_all(lambda m: m.match_program(text, kind="probe"))
        if not verdict.hits:
            return None
        return _judge(spec.call, "probe", (text,), None, verdict)
    except Exception:
        _log.exception("frontier-lint runtime guard failed on %s; probe allowed", spec.call)
        return None
    finally:
        local.busy = False


# --------------------------------------------------------------------------------------------
# Children: the report channel and the spawn bootstrap


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


def _bootstrap(payload: bytes) -> None:
    """In a spawned worker: install the parent's guards, reporting to the parent's channel."""
    channel, settings = pickle.loads(payload)
    with _state.lock:
        if _state.channel is None:
            _state.channel, _state.channel_pid = channel, -1  # not ours to remove
    for s in settings:
        cfg = Config(**s["config"])
        _activate(Guard(cfg, s["catalogue"], s["mode"], s["scope"], token=s["token"], remote=True))
