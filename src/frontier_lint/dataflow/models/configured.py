"""Launch configurations an SDK or an MCP client reads: the rule pack's configured sinks
(`config:` in a sink's entry: `MultiServerMCPClient({"a": {"command": "npx", "args": [...]}})`,
an SDK's options object naming the CLI it starts).

Where the configurations are (`within`: keys to descend, `*` for every value), which key names
the program and which its arguments, is the rule pack's; reading them out of the values the
call was given is here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontier_lint.dataflow.lazy import STAR_KWARGS, argument, drop_first, pick
from frontier_lint.dataflow.refs import ExternalRef
from frontier_lint.dataflow.summaries import SinkForm
from frontier_lint.dataflow.values import (
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
    unknown,
)
from frontier_lint.settings.catalogue import SinkSpec

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame


def launch_configurations(
    f: Frame, spec: SinkSpec, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """What a sink that takes launch configurations runs: one alternative per configuration
    (`MultiServerMCPClient({"a": {"command": "npx", "args": [...]}, "b": {"url": ...}})`),
    the program and its arguments read from the same one. None: no configuration here
    starts a process (a server reached by URL, a string instead of a mapping)."""
    assert spec.config is not None
    container = argument(spec.config.pos, spec.config.kw, pos, kws)
    if container is None:
        return None
    # A server run in this process given instead (`Client(FastMCP(...))`) starts nothing.
    given = options(f.forced(container))
    kept = [o for o in given if not (isinstance(o, ExternalRef) and o.name in spec.in_process)]
    if not kept:
        return None
    configs = [alt(kept) if len(kept) < len(given) else container]
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


def configured_form(spec: SinkSpec) -> SinkForm:
    """How a configuration's value is read: a shell command line, an argv, or the program."""
    if spec.command is not None:
        return SinkForm.SHELL
    return SinkForm.ARGV if spec.args is not None or spec.argv is not None else SinkForm.PROGRAM


def _is_star_kwargs(key: Value) -> bool:
    return isinstance(key, Str) and key.text == STAR_KWARGS
