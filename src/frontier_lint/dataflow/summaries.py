"""What the analysis knows of one function: its definition (`FuncDef`), its summary
(`FunctionSummary`: what it returns, which of its parameters reach a launch), and the launches it
forwards to its callers (`SinkEvent`); and the containment of internal errors (`Failure`).
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import substitute
from frontier_lint.dataflow.values import Value, has_param, shape, unknown
from frontier_lint.frontend.parsing import Piece, SiteRef
from frontier_lint.frontend.syntax import block, dotted

if TYPE_CHECKING:
    from frontier_lint.dataflow.values import TraceHop
    from frontier_lint.matching.programs import Stdin

MAX_CALL_DEPTH = 24  # calls followed into their functions' summaries, one inside another
# A method called on a parameter (`r.run(argv)`, `ParamCall.method`) is answered by each
# caller's instance; handed on by callers passing their own parameter, at most this many
# callers up, and at most this many classes of instance at one call. Past either, the call is
# unresolved there, naming the bound (fail closed).
MAX_HANDED_DOWN = 8
MAX_RECEIVER_CLASSES = 16
# Deferred values computed (`Frame.force`) while one function is summarised with the summaries
# it needs: the other bounds cap each value's size, not how often values are rebuilt, and code
# that builds a command in many layers of branches (ansible-runner's containerised argv, read
# through five config classes) had not finished after 3 CPU minutes. Past it, what is still
# deferred is unknown, naming the bound. A force costs about 0.4 ms on average on the
# launch-dense project as on ansible-runner; the most one function needs there is about 20,000
# (mesonbuild's `detect_rust_compiler`), on the benchmark corpus about 9,000.
MAX_FORCES = 50_000
TOO_MUCH_WORK = f"more than {MAX_FORCES:,} deferred values computed for one function"


class SinkForm(Enum):
    """How a launch reads the value it is given."""

    ARGV = "argv"  # a sequence, or a string program (split into words)
    SHELL = "shell"  # a shell command line (or an argv, run without a shell)
    PROGRAM = "program"  # a program name or path
    SPLIT = "split"  # a string split into words, no shell
    SHELL_ARGV = "shell_argv"  # an argv under `shell=True`: its first item is the command line
    MAYBE_SHELL = "maybe_shell"  # argv or shell depending on an unknown `shell=` flag
    # Python source run by `exec`/`eval` that the analysis could not read (not known, or a
    # caller's): judged as `python -c CODE` is (`ProgramMatcher.match_code`).
    CODE = "code"


@dataclass(frozen=True)
class SinkEvent:
    """A program value arriving at a launch site.

    after: hops from where the value entered (a call into a wrapper) to the launch itself.
    reported: programs already reported where the event was first seen (not reported again).
    """

    sink: str
    kind: str  # the sink's kind in the rule pack (exec, shell, probe)
    form: SinkForm
    value: Value
    site: SiteRef
    after: tuple[TraceHop, ...]
    reported: frozenset[str] = frozenset()
    origin: SiteRef | None = None  # where, in the forwarding function, the value came in
    # A launch reached through the arguments of a constructor (`Runner(["gemini"])`, method
    # `start` launching `self._command`): found at the launch, and reported only if that
    # method is called nowhere in the project (its calls answer through their receivers).
    unless_called: FuncId | None = None
    # The constructor call (`path:line:column`) whose instance that method must be called on
    # (`ids.pending_key`), when the event passed one.
    made_at: str | None = None
    # What the launch writes to the program's standard input (`input=`), when it says.
    stdin: Stdin | None = None


@dataclass(frozen=True)
class ParamCall:
    """A call of one of the function's parameters that has no callable default (`run(argv)`
    with `run` handed down), or of a method of one (`r.run(argv)`): a caller passing a launcher
    (`run=subprocess.run`), or an instance whose method launches, launches there, with these
    arguments (in terms of the function's parameters)."""

    param: str
    pos: tuple[Value, ...]
    kws: tuple[tuple[str, Value], ...]
    # A method called on the parameter (`r.run(argv)` with `r` unannotated): a caller passing
    # an instance runs that instance's method here (`calls._handed_down`). Such a function is a
    # wrapper where a project method of that name launches (`Analyzer.calls_launching_method`).
    method: str | None = None
    hops: int = 0  # callers it was handed down through (`MAX_HANDED_DOWN`)
    at: SiteRef | None = field(default=None, compare=False)  # the method's call, for the trace
    # A constructor's parameter kept on the instance (`self._run = run`, then `self._run(argv)`
    # in a method): `param` is that `__init__`'s (`init`), which the receiver at each call of
    # the method gives (`receivers.receiver_param`), as it gives a constructor's argument read.
    init: FuncId | None = None
    # An item of the parameter called (`cfg["run"](argv)`, `cfg.get("run")(argv)`,
    # `runners[0](argv)`): a caller passing a mapping or list holding a launcher there
    # (`use({"run": subprocess.run})`) launches there.
    key: str | int | None = None


@dataclass
class FunctionSummary:
    """What a function returns and which of its parameters reach a launch."""

    returns: Value
    events: list[SinkEvent] = field(default_factory=list)  # parametric: filled in by callers
    self_assigns: dict[str, list[Value]] = field(default_factory=dict)
    deferred: frozenset[FuncId] = frozenset()  # functions it called without following them
    followed: frozenset[FuncId] = frozenset()  # functions it called and followed
    # An `__init__`'s calls of base-class `__init__`s on its own instance (`super().__init__(x)`):
    # base init id -> its parameters' values, in terms of this init's parameters.
    base_inits: dict[FuncId, dict[str, Value]] = field(default_factory=dict)
    # Why the function could not be followed (an internal error, the call-depth bound): its
    # launches are not known, so a call of it that waits for them is unresolved.
    failed: str = ""
    param_calls: tuple[ParamCall, ...] = ()
    # The methods `param_calls` call on parameters: asked at every call of the function
    # (`Analyzer.calls_launching_method`), so kept as a set.
    param_methods: frozenset[str] = frozenset()
    reads_annotated: bool = False  # its result reads an annotated parameter (`lazy`)
    # It returns a launcher (`return subprocess.run`, a partial of one, a sink's module): its
    # callers are looked for as a wrapper's are, since they may call what it gives
    # (`refs.holds_launcher`).
    gives_launcher: bool = False
    # It calls a launcher a constructor was given and kept on `self` (`ParamCall.init`): each
    # call on an instance constructed with one launches there, so its callers are looked for as
    # a wrapper's are.
    calls_kept: bool = False


# What a wrapper's callers read of one of its launches (`launch_key`), or of another part of
# its summary (`summary_keys`): where (a site, finitely many), and what (content, which may
# change each time the summary is computed again).
LaunchKey = tuple[tuple[object, ...], tuple[object, ...]]


def launch_key(method: FuncId, ev: SinkEvent) -> LaunchKey:
    """What a caller's interpretation of a call reads of an event the callee forwards
    (`calls.call_project`): where it launches (the function whose summary holds it, a
    constructor's events being its methods', the sink and its position); how the launch reads
    its value, the value's shape (which parameters, receiver attributes and arguments it waits
    for, where in the argv, with what around them), what was reported of it already, where it
    came in and which construction or method call answers it. The same for an event computed
    again alike: not the event's identity, nor its traces."""
    span = ev.site.span()
    came = None
    if ev.origin is not None:
        at = ev.origin.span()
        came = (ev.origin.path, at.line, at.column)
    site = (str(method), ev.sink, ev.site.path, span.line, span.column)
    what = (ev.kind, ev.form, shape(ev.value), ev.reported, came, ev.unless_called, ev.made_at)
    return site, (*what, ev.stdin)


def summary_keys(fid: FuncId, summary: FunctionSummary) -> list[LaunchKey]:
    """What a caller reads of a wrapper's summary besides its events (`launch_key`): why it
    could not be followed, the calls of its parameters (and of launchers its constructor
    kept), the launcher it returns."""
    out: list[LaunchKey] = []
    if summary.failed:
        out.append(((str(fid), "failed"), (summary.failed,)))
    for c in summary.param_calls:
        pos = tuple([shape(v) for v in c.pos])
        kws = tuple([(k, shape(v)) for k, v in c.kws])
        out.append(((str(fid), "calls", c.param, c.method, c.init), (c.hops, pos, kws)))
    if summary.gives_launcher:
        out.append(((str(fid), "returns"), (shape(summary.returns),)))
    return out


@dataclass(frozen=True)
class Failure:
    """An internal error contained while analysing a file: its FL201 entry (where: the
    function or statement being analysed, resolved to a position only when reported)."""

    path: str
    message: str
    piece: Piece | None = None
    node: cst.CSTNode | None = None

    def position(self) -> tuple[int, int]:
        if self.piece is None or self.node is None:
            return 1, 1
        try:
            span = self.piece.span(self.node)
        except Exception:  # a position is not worth a second failure
            return 1, 1
        return span.line, span.column


def describe_error(exc: BaseException) -> str:
    """One line naming an internal error (`RecursionError: maximum recursion depth exceeded`)."""
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass(frozen=True, eq=False, slots=True)
class FuncDef:
    """A function's definition: where it is and its tree. `params` and `decorators` are the
    def's (None and empty: module-level statements): what its callers read of it (binding
    arguments, defaults, decorators), kept apart from `node` and `body`, so that those reads
    do not need the rest of its tree (issue 18: a tree let go and parsed again)."""

    id: FuncId
    path: str
    qualname: str
    node: cst.FunctionDef | None  # None: module-level statements
    body: Sequence[cst.CSTNode]
    piece: Piece
    class_id: FuncId | None = None
    is_static: bool = False
    is_classmethod: bool = False
    params: cst.Parameters | None = field(init=False)
    decorators: Sequence[cst.Decorator] = field(init=False)

    def __post_init__(self) -> None:
        node = self.node
        object.__setattr__(self, "params", None if node is None else node.params)
        object.__setattr__(self, "decorators", () if node is None else node.decorators)


def method_def(cid: FuncId, stmt: cst.FunctionDef, piece: Piece) -> FuncDef:
    decos = {dotted(d.decorator) for d in stmt.decorators}
    fid = cid.member(stmt.name.value)
    return FuncDef(
        id=fid,
        path=fid.path,
        qualname=fid.qualname,
        node=stmt,
        body=block(stmt.body),
        piece=piece,
        class_id=cid,
        is_static="staticmethod" in decos,
        is_classmethod="classmethod" in decos,
    )


def strip_params(v: Value, func: FuncDef, keep: Container[FuncId] = ()) -> Value:
    """A value leaving its function: its parameters become unknown (not those of the
    functions in `keep`)."""
    if not has_param(v):
        return v
    return substitute(
        v, lambda p: None if p.func in keep else unknown(f"parameter `{p.name}` of {func.qualname}")
    )


def param_nodes(params: cst.Parameters) -> list[cst.Param]:
    """Parameters bound by position or keyword, in order (not `*args` / `**kwargs`)."""
    return [*params.posonly_params, *params.params, *params.kwonly_params]
