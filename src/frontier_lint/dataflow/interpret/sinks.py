"""Launch sites: a call of a sink of the rule pack becomes a `SinkEvent`.

The program value a launch receives (its argv, command line, program path, or what a launch
configuration names), and how it is read (`SinkForm`: an argv, a shell command line, either under
an unknown `shell=` flag); the event goes to the classifier (`verdict`), and what stays open for
parameters is forwarded to the function's callers. Each function takes the frame.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import (
    STAR_KWARGS,
    argument,
    drop_first,
    has_lazy,
    pick,
    split_words,
)
from frontier_lint.dataflow.receivers import has_own_param
from frontier_lint.dataflow.summaries import SinkEvent, SinkForm
from frontier_lint.dataflow.values import (
    HOLE,
    Const,
    DictV,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    has_param,
    options,
    seq,
    seq_concat,
    string,
    unknown,
)
from frontier_lint.frontend.parsing import SiteRef
from frontier_lint.settings.catalogue import SinkSpec

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame


def sink(f: Frame, spec: SinkSpec, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> None:
    configured = _configured(f, spec, pos, kws) if spec.config is not None else None
    if spec.config is not None and configured is None:
        return  # no configuration that starts a process (none passed, URL servers only)
    site = f.site(node)
    sites = f.a.results_for(f.func).sites
    if not any(s.node is node for s in sites):  # (a comprehension runs it once per item)
        sites.append(site)
    shell = Const(trace=(), value=False)
    if spec.shell and spec.shell in kws:
        shell = kws[spec.shell]
    rest = _rest_of_argv(f, spec, pos, kws)
    if configured is not None:
        value, form = configured, _configured_form(spec)
    elif spec.program is not None:
        value, form = string(spec.program), SinkForm.PROGRAM  # the one hop says so (below)
    elif spec.command is not None:
        value, form = argument(spec.command.pos, spec.command.kw, pos, kws), SinkForm.SHELL
    elif spec.path is not None:
        value, form = argument(spec.path.pos, spec.path.kw, pos, kws), SinkForm.PROGRAM
        if value is not None and rest is not None:
            # The program runs with the rest of its argv: `os.execv("/bin/sh", ["sh", "-c",
            # "codex"])` starts what the shell is told to.
            value, form = seq([value, Splat(trace=(), inner=rest)]), SinkForm.ARGV
    else:
        assert spec.argv is not None
        value = argument(spec.argv.pos, spec.argv.kw, pos, kws)
        form = SinkForm.SPLIT if spec.split else SinkForm.ARGV
        if value is not None and rest is not None and spec.split:
            words = split_words(value, "shlex")
            value, form = seq_concat(words, rest), SinkForm.ARGV
        truth = _truth(shell)
        if truth is True:
            form = SinkForm.SHELL_ARGV
        elif truth is None:
            form = SinkForm.MAYBE_SHELL
        elif spec.executable and spec.executable in kws:
            exe = kws[spec.executable]
            if not all(isinstance(o, Const) and o.value is None for o in options(exe)):
                value, form = exe, SinkForm.PROGRAM
    if value is None:
        value = unknown("the program argument is missing")
    event = SinkEvent(
        sink=spec.call,
        kind=spec.kind,
        form=form,
        value=value,
        site=site,
        after=(
            f.hop(node, f"{spec.call} runs `{spec.program}`")
            if spec.program is not None
            else f.hop(node, f"reaches {spec.call}"),
        ),
    )
    emit(f, event, site)


def emit(f: Frame, event: SinkEvent, at: SiteRef) -> None:
    """Hand an event to the classifier; what stays open is forwarded to our callers."""
    handler = f.a.on_event
    if handler is None or f.quiet:
        return
    if has_lazy(event.value):
        with f.a.launching():
            event = replace(event, value=f.force(event.value))
    reported, needs_callers = handler(event, at, f.a.results_for(f.func))
    if needs_callers and has_param(event.value):
        own = [o for o in options(event.value) if has_own_param(o, f.func, f.a)]
        if own:
            f.forwarded.append(replace(event, value=alt(own), reported=reported, origin=at))


def _rest_of_argv(
    f: Frame, spec: SinkSpec, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """argv[1:] of a sink that takes the program and its argv separately."""
    if spec.config is not None:
        return None  # read from each configuration (`_configured`)
    if spec.args is not None:
        lst = argument(spec.args.pos, spec.args.kw, pos, kws)
        if lst is None:
            return None
        return drop_first(lst) if spec.argv0 else lst
    if spec.varargs is not None:
        items = pos[spec.varargs :]
        if not items:
            return None
        return drop_first(seq(items)) if spec.argv0 else seq(items)
    return None


def _configured(f: Frame, spec: SinkSpec, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """What a sink that takes launch configurations runs: one alternative per configuration
    (`MultiServerMCPClient({"a": {"command": "npx", "args": [...]}, "b": {"url": ...}})`),
    the program and its arguments read from the same one. None: no configuration here
    starts a process (a server reached by URL, a string instead of a mapping)."""
    assert spec.config is not None
    container = argument(spec.config.pos, spec.config.kw, pos, kws)
    if container is None:
        return None
    configs = [container]
    for key in spec.within:
        configs = [inner for c in configs for inner in _config_items(f, c, key)]
    program_key = next(
        a.key for a in (spec.argv, spec.path, spec.command) if a is not None and a.key
    )
    args_key = spec.args.key if spec.args is not None else None
    argvs: list[Value] = []
    for c in configs:
        for o in options(f.forced(c)):
            if isinstance(o, Str | Const | Seq):
                continue  # not a configuration mapping
            if not isinstance(o, DictV) and not has_param(o):
                argvs.append(o)  # unknown: why
                continue
            # A caller's configuration (a wrapper's parameter) is read when it is known.
            named = o.by_name() if isinstance(o, DictV) else {STAR_KWARGS: o}
            if program_key not in named and STAR_KWARGS not in named:
                continue  # a configuration without a program (`{"url": ...}`)
            program = pick(o, program_key)
            if args_key is None:
                argvs.append(program)
                continue
            rest: Value = seq([])  # no arguments given
            if args_key in named or STAR_KWARGS in named:
                rest = pick(o, args_key)
                rest = drop_first(rest) if spec.argv0 else rest
            argvs.append(seq([program, Splat(trace=(), inner=rest)]))
    return alt(argvs) if argvs else None


def _config_items(f: Frame, container: Value, key: str) -> list[Value]:
    """The values under `key` (`*`: every value) of a configuration mapping."""
    out: list[Value] = []
    for o in options(f.forced(container)):
        if isinstance(o, DictV):
            if key == "*":
                out.extend(v for k, v in o.entries if not _is_star_kwargs(k))
            elif key in o.by_name() or STAR_KWARGS in o.by_name():
                out.append(pick(o, key))
        elif not isinstance(o, Str | Const | Seq):
            out.append(
                o if isinstance(o, Unknown) else unknown("launch configurations built elsewhere")
            )
    return out


def _truth(v: Value) -> bool | None:
    vals = set()
    for o in options(v):
        if isinstance(o, Const):
            vals.add(bool(o.value))
        elif isinstance(o, Str) and HOLE not in o.text:
            vals.add(bool(o.text))
        else:
            return None
    if len(vals) == 1:
        return vals.pop()
    return None


def _configured_form(spec: SinkSpec) -> SinkForm:
    """How a configuration's value is read: a shell command line, an argv, or the program."""
    if spec.command is not None:
        return SinkForm.SHELL
    return SinkForm.ARGV if spec.args is not None or spec.argv is not None else SinkForm.PROGRAM


def _is_star_kwargs(key: Value) -> bool:
    return isinstance(key, Str) and key.text == STAR_KWARGS
