"""Catalogue sinks that raise no audit event in the parent.

Fork-then-exec helpers (`os.spawn*` on POSIX, `pexpect`) are found on the calling stack when the
process forks, and their arguments read from the sink's frame; probes (`shutil.which` and any
other `probe` sink) are wrapped while a guard is installed.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Mapping
from types import CodeType, FrameType
from typing import Any

from frontier_lint.guard.attempts import ForbiddenLaunchError, LaunchAttempt
from frontier_lint.guard.judging import _judge, _match_all
from frontier_lint.guard.state import _log, _state, _text
from frontier_lint.matching.programs import ProgramMatcher, Verdict
from frontier_lint.matching.shell import split_words
from frontier_lint.settings.catalogue import ArgSpec, Catalogue, SinkSpec

_SINK_FRAMES = 12  # how far up from a fork to look for the sink that asked for it


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
