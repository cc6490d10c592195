"""Calls: a call's arguments, then what calling each kind of callee means.

A project function or method runs as its summary says, with the call's arguments bound to its
parameters (what it launches with them is judged here, at the call: `call_project`); a function
nobody has found to launch is not followed but deferred (`Deferred`). A class call constructs an
instance that remembers its constructor's arguments; a nested function or lambda runs its body
here; a library call is a sink (a launch site, `sinks`) and/or a library model (`models`). Each
handler takes the frame and one alternative of the callee; `dispatch` maps value types to them.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import libcst as cst

from frontier_lint.dataflow.ids import UNKNOWN_INSTANCE, FuncId, pending_key
from frontier_lint.dataflow.lazy import (
    MAX_LAZY_READS,
    MAX_LOCAL_DEPTH,
    STAR_KWARGS,
    TOO_DEEP_NESTED,
    Deferred,
    LazyAttr,
    LazyCall,
    LocalFunc,
    fill_annotated,
    has_lazy,
    iter_params,
    lazy_reads,
    output_of,
    params_in,
    pick,
    program_params,
    substitute,
    unnamed_keys,
)
from frontier_lint.dataflow.models import CALLEE_MODELS, VALUE_MODELS, commands
from frontier_lint.dataflow.models.builtins import (
    KEEPS_LAZY,
    bound_call,
    dict_get,
    mapping_default,
    mutate,
    namespace_item,
)
from frontier_lint.dataflow.models.classes import POST_INIT_HOOKS, bind_fields
from frontier_lint.dataflow.models.code import run_unknown_code
from frontier_lint.dataflow.models.handoffs import handoff
from frontier_lint.dataflow.models.processes import LAUNCH_RESULTS
from frontier_lint.dataflow.models.stdlib import ENVIRON_CHANGES
from frontier_lint.dataflow.receivers import (
    callers_fill,
    passing_note,
    receiver_param,
    strip_foreign,
)
from frontier_lint.dataflow.refs import (
    ANY_MODULE,
    CODE_RUNNERS,
    BoundRef,
    ChosenRef,
    ClassRef,
    ExternalRef,
    FuncRef,
    InstanceRef,
    Made,
    MethodRef,
    ModuleRef,
    NamespaceRef,
    PartialRef,
    sink_or_partial,
)
from frontier_lint.dataflow.summaries import (
    MAX_CALL_DEPTH,
    MAX_HANDED_DOWN,
    MAX_RECEIVER_CLASSES,
    FuncDef,
    FunctionSummary,
    ParamCall,
    SinkEvent,
    param_nodes,
)
from frontier_lint.dataflow.values import (
    WORDS_LOOKED_AT,
    Alt,
    Const,
    DictV,
    Mention,
    Param,
    ParamKind,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    has_param,
    options,
    seq,
    string,
    unknown,
)
from frontier_lint.dataflow.verdict import RawUnresolved
from frontier_lint.frontend.parsing import LazyHop, SiteRef
from frontier_lint.frontend.syntax import block, describe, dotted
from frontier_lint.scan.prefilter import RECEIVERLESS_SINKS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from frontier_lint.dataflow.ids import FuncId
    from frontier_lint.dataflow.interpret.frame import Frame
    from frontier_lint.dataflow.scopes import ClassInfo


def call(f: Frame, node: cst.Call, callee: Value) -> Value:
    """Call `node`, whose callee (`node.func`) evaluated to `callee`."""
    pos: list[Value] = []
    kws: dict[str, Value] = {}
    star_kwargs = False
    for arg in node.args:
        v = f.eval(arg.value)
        if arg.keyword is not None:
            kws[arg.keyword.value] = v
        elif arg.star == "*":
            pos.append(Splat(trace=v.trace, inner=v))
        elif arg.star == "**":
            star_kwargs = True
            if not all(isinstance(o, DictV) and not unnamed_keys(o) for o in options(v)):
                # Keywords not known here (a wrapper's `**kwargs`, a dict with a key not
                # known): a sink picks its argument from them once callers fill them in
                # (`lazy.pick`), a project function's parameters too (`bind`). Each mapping
                # of a call with several may hold it.
                held = kws.get(STAR_KWARGS)
                kws[STAR_KWARGS] = v if held is None else alt([held, v])
            for o in options(v):
                if isinstance(o, DictV):
                    for k, x in o.entries:
                        if isinstance(k, Str):
                            kws.setdefault(k.text, x)
        else:
            pos.append(v)
    mutate(f, node, pos, kws)  # `cmd.append(x)` on a local list
    if f.analyzer.capture is not None:
        capture(f, node, callee, pos, kws, f.analyzer.capture)
    handed = handoff(f, node, callee, pos, kws)
    if len(pos) == 3 and isinstance(pos[1], Str) and _is_external(callee, "builtins.setattr"):
        f.note_attr_store(pos[0], pos[1].text, pos[2])  # `setattr(tools, "runner", sp.Popen)`
    keyed = _keyed_param(f, node.func)
    if keyed is not None:
        _note_param_call(f, ParamCall(keyed[0], tuple(pos), tuple(kws.items()), key=keyed[1]))
    if isinstance(callee, LazyAttr) and type(callee.base) is Param:
        _method_of_param(f, node, callee.base, callee.attr, pos, kws)
    elif isinstance(callee, LazyAttr) and type(callee.base) is InstanceRef and not f.quiet:
        _unknown_inherited(f, node, callee.base, callee.attr, pos, kws)
    if _waits(f, callee):
        return _call_later(f, node, callee, pos, kws)
    waiting: list[Value] = []
    if isinstance(callee, Alt) and any(_waits(f, o) for o in callee.options):
        # A method of a value with alternatives, some read later (`(cmd or "git").strip()`,
        # `cmd` a parameter): those are called later, each, the others here; forcing them
        # here made the whole call unknown.
        waiting = [_call_later(f, node, o, pos, kws) for o in callee.options if _waits(f, o)]
        callee = alt([o for o in callee.options if not _waits(f, o)])
    if has_lazy(callee):
        with f.analyzer.launching():  # what is called must be known: a wrapper may be reached
            callee = f.force(callee)
        if f.analyzer.kept_launchers:
            # `self.cfg.run(argv)`, `cfg` a constructor's argument kept on `self`: what the
            # receiver was given (`_method_of_param`).
            for o in options(callee):
                if isinstance(o, LazyAttr) and type(o.base) is Param and o.base.func.is_init:
                    _method_of_param(f, node, o.base, o.attr, pos, kws)
    if handed is not None:
        return handed  # `await asyncio.to_thread(find_cli)` is what `find_cli()` returns
    results: list[Value] = list(waiting)
    owner = _receiverless_sink(f, node, callee)
    if owner is not None:
        results.append(call_external(f, ExternalRef(trace=(), name=owner), node, pos, kws, False))
    for o in options(callee):
        results.append(f.call_one(o, node, pos, kws, star_kwargs))
    return alt(results) if results else unknown("call")


def _unknown_inherited(
    f: Frame, node: cst.Call, o: InstanceRef, method: str, pos: list[Value], kws: dict[str, Value]
) -> None:
    """`B().run(["codex"])`, `self.run(...)`: a method no project class in `B`'s hierarchy
    defines, where a base is a library class or not known (`class B(lib.Base)`), runs code
    the analysis cannot see. Given a forbidden program's name, the call is unresolved, naming
    that base (fail closed); given none, it is left as any library call is. (The words are
    looked for first: most calls give none, and the class is then never asked.)"""
    a = f.analyzer
    said: set[Mention] = set()
    for v in (*pos, *kws.values()):
        said.add(a.names_forbidden(v))
        if Mention.FORBIDDEN in said:
            break  # (most calls give no word: the rest need not be read once one is found)
    if said <= {Mention.NONE}:
        return
    info = a.class_info(o.cls)
    if info is None or info.lookup(method) is not None:
        return
    held = a.library_methods.get(method)
    if held and any(b in held for b in info.library_bases()):
        return  # (a catalogued library method, inherited: `attributes._library_method`)
    if any(method in c.methods for c in info.mro()):
        return
    unseen = info.unseen_bases()
    if not unseen or info.instance_attr(method) is not None:
        return
    given = (
        "a forbidden program's name"
        if Mention.FORBIDDEN in said
        else f"a value of more than {WORDS_LOOKED_AT} parts, not all read for a forbidden program's name"
    )
    why = (
        f"`{method}` of {o.cls.qualname} is inherited from {unseen[0]}, outside the project, "
        f"and is given {given}"
    )
    site = f.site(node)
    f.analyzer.results_for(f.func).unresolved.append(RawUnresolved(f".{method}", site, why))


def _receiverless_sink(f: Frame, node: cst.Call, callee: Value) -> str | None:
    """The sink a method call is, by its name alone, on a receiver not known here (`RECEIVERLESS
    _SINKS`: `loop.subprocess_exec(factory, *cmd)`, `loop` a parameter no caller fills with a
    known loop). None for any other call."""
    if not isinstance(node.func, cst.Attribute):
        return None
    owner = RECEIVERLESS_SINKS.get(node.func.attr.value)
    if owner is None or owner not in f.analyzer.sinks:
        return None
    known = (ExternalRef, FuncRef, MethodRef, InstanceRef)
    return None if all(isinstance(o, known) for o in options(callee)) else owner


def _is_external(callee: Value, name: str) -> bool:
    return any(isinstance(o, ExternalRef) and o.name == name for o in options(callee))


def _waits(f: Frame, callee: Value) -> bool:
    """Whether a callee is an attribute read left for later, its call too (`LazyCall`)."""
    return isinstance(callee, LazyAttr) and callee.attr not in f.analyzer.interesting_names


def _call_later(
    f: Frame, node: cst.Call, callee: Value, pos: list[Value], kws: dict[str, Value]
) -> Value:
    """The call of an attribute read left for later: computed where it is needed."""
    if lazy_reads(callee) >= MAX_LAZY_READS:
        return unknown(f"more than {MAX_LAZY_READS} attribute reads of a value not known yet")
    later = LazyCall(
        trace=(),
        callee=callee,
        pos=tuple(pos),
        kws=tuple(kws.items()),
        node=node,
        depth=f.depth,
        piece=f.piece,
    )
    f.lazy_here.add(id(node))
    fallback = mapping_default(node, pos, kws) if has_param(callee) else None
    return alt([later, fallback]) if fallback is not None else later


# --- callees ----------------------------------------------------------------------------------


def call_param(
    f: Frame, callee: Param, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    if callee.func == f.func.id:
        # A launcher handed in with a default (`run=subprocess.run`, for tests to swap): what
        # runs unless a caller passes another.
        default = f.analyzer.callable_default(callee)
        if default is not None:
            got = [f.call_one(o, node, pos, kws, star) for o in options(default)]
            if not all(type(o) is FuncRef for o in options(default)):
                return alt(got)
            # A value's maker (`resolve=default_bin`): a caller may pass another (a lambda
            # giving `codex`), whose result is made where that caller passes it. (Not a
            # launcher, nor a class: `server_factory=AppServer` in slopper's `__init__`,
            # waiting, moved its launch's finding from where the instance is made to the sink.)
            return alt([*got, _call_later(f, node, callee, pos, kws)])
        if callee.kind is ParamKind.ARGUMENT:
            # A launcher the callers hand down (`run=run`): each launches with these arguments.
            f.param_calls.append(ParamCall(callee.name, tuple(pos), tuple(kws.items())))
            # Its result is what the callers' callable gives (`resolve_cli_bin()`, the caller
            # passing `lambda: resolve_cli_bin(self._cli_bin)`): made where a caller passes it.
            return _call_later(f, node, callee, pos, kws)
    elif callee.func.is_init:
        # A constructor's parameter kept on the instance and called in a method
        # (`self._run = run` with `run=subprocess.run`, a dataclass field `popen_factory: Any =
        # subprocess.Popen`): what runs unless the constructor's caller passes another.
        default = f.analyzer.callable_default(callee)
        if default is not None:
            return alt([f.call_one(o, node, pos, kws, star) for o in options(default)])
        if callee.kind is ParamKind.ARGUMENT and callers_fill(callee, f.func, f.analyzer):
            # One the constructor's caller passes (`Client(subprocess.run).go()`): what the
            # receiver at each call of this method was given launches there.
            _note_param_call(
                f, ParamCall(callee.name, tuple(pos), tuple(kws.items()), init=callee.func)
            )
    return other_callee(f, callee, node, pos, kws, star)


def _keyed_param(f: Frame, func: cst.BaseExpression) -> tuple[str, str | int] | None:
    """`cfg["run"]`, `cfg.get("run")` or `runners[0]` called, `cfg` this function's
    parameter as given: the parameter and the key (a caller's mapping or list may hold a
    launcher there, `_handed_down`)."""
    base: cst.BaseExpression
    if isinstance(func, cst.Subscript) and len(func.slice) == 1:
        sl = func.slice[0].slice
        if not isinstance(sl, cst.Index):
            return None
        base, key_node = func.value, sl.value
    elif (
        isinstance(func, cst.Call)
        and isinstance(func.func, cst.Attribute)
        and func.func.attr.value == "get"
        and func.args
        and func.args[0].keyword is None
        and not func.args[0].star
    ):
        base, key_node = func.func.value, func.args[0].value
    else:
        return None
    if not isinstance(base, cst.Name):
        return None
    key: str | int
    if isinstance(key_node, cst.SimpleString):
        text = key_node.evaluated_value
        if not isinstance(text, str):
            return None
        key = text
    elif isinstance(key_node, cst.Integer):
        key = int(key_node.value, 0)
    else:
        return None
    p = f.env.get(base.value)
    if type(p) is not Param or p.func != f.func.id or p.kind is not ParamKind.ARGUMENT:
        return None
    return p.name, key


def _note_param_call(f: Frame, call: ParamCall) -> None:
    if call not in f.param_calls:
        f.param_calls.append(call)


def _method_of_param(
    f: Frame, node: cst.Call, p: Param, method: str, pos: list[Value], kws: dict[str, Value]
) -> None:
    """`r.run(argv)` on this function's parameter `r`, its class not known here: each caller's
    instance tells which method runs (`_handed_down`). Noted for every method name: whether one
    launches may be learnt after this summary (`Analyzer.calls_launching_method`)."""
    if p.kind is not ParamKind.ARGUMENT:
        return
    init = None
    if p.func != f.func.id:
        # A constructor's argument kept on `self` (`self.cfg.run(argv)`): the receiver's.
        # (Only in a class a construction gave a launcher, `_note_kept_launchers`: noted for
        # every method of every class, the calls of methods would all look at them.)
        kept = f.analyzer.kept_launchers
        if not (kept and f.func.class_id in kept and p.func.is_init):
            return
        if not callers_fill(p, f.func, f.analyzer):
            return
        init = p.func
    call = ParamCall(
        p.name, tuple(pos), tuple(kws.items()), method=method, at=f.site(node), init=init
    )
    # (Once per call written and values: a loop run once per item notes each item's. The
    # values are compared only for the same call written.)
    if not any(c.at is not None and c.at.node is node and c == call for c in f.param_calls):
        f.param_calls.append(call)


def _hands_launcher(f: Frame, pos: list[Value], kws: dict[str, Value]) -> bool:
    """Whether a call passes a launcher (`run=subprocess.run`, or this function's parameter
    defaulting to one): the callee is followed to see whether it calls it."""
    return any(_hands_one(f, v) for v in pos) or any(_hands_one(f, v) for v in kws.values())


def _hands_one(f: Frame, v: Value, *, instances: bool = True) -> bool:
    """Whether one argument is a launcher, or holds or may be one (`_hands_launcher`).
    instances: also an instance whose method launches or that holds a launcher."""
    for o in options(v):
        t = type(o)  # (exact types: `_holds_launcher_item`)
        if t in _LAUNCHER_TYPES and _is_launcher(f, o):
            return True
        if isinstance(o, FuncRef) and _launching_function(f, o):
            return True  # (`doctor(claude_version)` calling `version_of("claude")`)
        if isinstance(o, ExternalRef) and o.name in f.analyzer.launchers:
            return True  # (what holds sinks: `use(subprocess)` calling `m.run(argv)`)
        if (
            instances
            and isinstance(o, InstanceRef)
            and (_launching_instance(f, o) or _holds_sink(f, o))
        ):
            # (The callee may call its launching method, `use(Runner())`, or the launcher
            # it was constructed with, `use(Cfg(run=subprocess.run))`.)
            return True
        if isinstance(o, Param) and o.func == f.func.id:
            if _launcher_default(f, o):
                return True
            if o.name in f.analyzer.handed_launchers.get(o.func, ()):
                # A parameter some caller gives a launcher, handed on (`use(c)` in `mid(c)`):
                # the callee may call it (`_handed_down` then hands the call to our callers).
                return True
        if (t is DictV or t is Seq) and _holds_launcher_item(f, o):
            return True  # (`use({"run": subprocess.run})` calling `cfg["run"](argv)`)
    return False


def _note_handed(f: Frame, func: FuncDef, binding: dict[str, Value]) -> None:
    """Notes the parameters of `func` this call gives a launcher (or a mapping or list holding
    one) for (`Analyzer.handed_launchers`): `func` then follows the calls handing them on. A
    summary made before without them is dropped, to be computed again. (Not an instance whose
    method launches: a typed code base hands its service objects down every call, and
    following each made pdm's wrappers change past `MAX_REGROWN`, +14 % CPU.)"""
    a = f.analyzer
    given = {name for name, v in binding.items() if _hands_one(f, v, instances=False)}
    noted = a.handed_launchers.get(func.id, set())
    if given <= noted:
        return
    a.handed_launchers[func.id] = noted | given
    if func.id in a.summaries and not a.of_cycle(func.id):
        a.forget(func.id)


def _holds_launcher_item(f: Frame, o: Value) -> bool:
    """A mapping or list holding a launcher as one of its values (`{"run": subprocess.run}`).
    (Asked of every argument of every call followed: each item's type is looked at before a
    call, a launcher being one of two exact types.)"""
    x: Any = o  # (exact types: `DictV`, `Seq`, `Splat` and `Alt` are not subclassed)
    t = type(x)
    if t is DictV:
        items: Iterable[Value] = [v for _, v in x.entries]
    elif t is Seq:
        items = [i for i in x.items if type(i) is not Splat]
    else:
        return False
    for item in items:
        for one in options(item):
            if type(one) in _LAUNCHER_TYPES and _is_launcher(f, one):
                return True
    return False


def _note_kept_launchers(f: Frame, cls: FuncId, attrs: set[str]) -> None:
    """A constructor given a launcher (`Client(subprocess.run)`) keeps it on `self` as `attrs`
    (`self._run = run`): a call of such an attribute in a method (`self._run(argv)`) is resolved
    at once, as one of an attribute a sink is assigned to is, not left for later (where no
    launch would ever compute it), and the class's methods are followed where called
    (`_kept_launcher`). Its methods summarised before are computed again."""
    a = f.analyzer
    new = attrs - a.interesting_names
    if not new and cls in a.kept_launchers:
        return
    a.interesting_names.update(new)
    a.kept_launchers.add(cls)
    info = a.class_info(cls)
    for c in info.mro() if info is not None else ():
        a.kept_launchers.add(c.id)
        for name in c.methods.names():
            mid = c.id.member(name)
            if name == "__init__" or a.of_cycle(mid):
                continue
            # Computed (again) at once: what it reported as a root (its own launches) is
            # dropped with it and would be lost were no call to ask for it again; one calling
            # the launcher is then a wrapper whose callers are looked for (`calls_kept`).
            if mid in a.summaries:
                a.forget(mid)
            func = a.funcdef(mid)
            if func is not None:
                a.summary(func, f.depth + 1)


def _launcher_attrs(
    f: Frame, init: FuncId, summary: FunctionSummary, given: set[str], depth: int = 0
) -> set[str] | None:
    """The attributes constructor `init` (given launchers for its parameters `given`) stores
    them on `self` as, itself or through `super().__init__(...)`; None when the launchers are
    handed on through more than `MAX_CALL_DEPTH` constructors (not all followed)."""
    attrs = {
        attr
        for attr, values in summary.self_assigns.items()
        if any(p.func == init and p.name in given for v in values for p in iter_params(v))
    }
    for base, passed in summary.base_inits.items():
        handed = {
            name
            for name, v in passed.items()
            if any(p.func == init and p.name in given for p in iter_params(v))
        }
        func = f.analyzer.funcdef(base) if handed else None
        if func is not None:
            if depth >= MAX_CALL_DEPTH:
                return None
            done = f.analyzer.summary(func, f.depth + 1)
            more = _launcher_attrs(f, base, done, handed, depth + 1)
            if more is None:
                return None
            attrs |= more
    return attrs


def _given_launchers(f: Frame, binding: dict[str, Value]) -> set[str]:
    """The parameters a construction gives a launcher itself: a sink, a partial of one, an
    instance constructed with one. (Not a parameter defaulting to one, `cls=cls` with `cls=
    subprocess.Popen`: the default is read where the attribute is called, `call_param`.)"""
    return {
        name
        for name, v in binding.items()
        if any(
            _is_launcher(f, o) or (isinstance(o, InstanceRef) and _holds_sink(f, o))
            for o in options(v)
        )
    }


def _kept_launcher(f: Frame, receiver: Value | None) -> bool:
    """Whether a method's receiver may be an instance constructed with a launcher it keeps
    (`_note_kept_launchers`): the method is followed to see whether it calls it."""
    kept = f.analyzer.kept_launchers
    return bool(kept) and any(
        isinstance(o, InstanceRef) and o.cls in kept
        for o in (options(receiver) if receiver is not None else ())
    )


# The types a launcher is (`_is_launcher`); neither is subclassed.
_LAUNCHER_TYPES = frozenset({ExternalRef, PartialRef})


def _is_launcher(f: Frame, o: Value) -> bool:
    """A sink (`subprocess.run`) or a partial of one."""
    return sink_or_partial(o, f.analyzer.sinks)


def _launching_function(f: Frame, o: FuncRef) -> bool:
    """A project function whose launch waits for its parameters (`def claude_version(b):
    subprocess.run([b, "-v"])`), handed as a value to a function that may call it (a callback:
    `doctor(claude_version)`, `doctor` calling `version_of("claude")`): its callers by name are
    not all, the function it is handed to calls it with the program (`_handed_down`). Only one
    summarised so far: a wrapper is, before its callers are looked for."""
    done = f.analyzer.summaries.get(o.func)
    return done is not None and bool(done.events)


def _launching_instance(f: Frame, o: InstanceRef) -> bool:
    """Whether an instance's class (or a base) has a method that launches (or returns a
    launcher) by a name some call on a parameter may use (`Analyzer.launching_methods`): a
    function given it may call that method on its parameter (`r.run(argv)`,
    `_method_handed_down`). Its own method, not any class's of that name: an instance whose
    class merely shares a method name with a launching one (a context object) is not a reason
    to follow every function given it."""
    a = f.analyzer
    if not a.launching_methods:
        return False
    info = a.class_info(o.cls)
    if info is None:
        return False
    return a.has_launching_method(info)


def _launcher_default(f: Frame, p: Param) -> Value | None:
    """The launchers parameter `p` of this function defaults to, if any."""
    node = f.func.node
    if node is None or p.kind is not ParamKind.ARGUMENT:
        return None
    for q in param_nodes(node.params):
        if q.name.value == p.name:
            # (A cheap look before the default is evaluated: a sink's name, `subprocess.run`.)
            name = dotted(q.default) if isinstance(q.default, cst.Name | cst.Attribute) else None
            if name is None or name.rsplit(".", 1)[-1] not in f.analyzer.interesting_names:
                return None
            default = f.analyzer.callable_default(p)
            if default is None:
                return None
            sinks = [o for o in options(default) if isinstance(o, ExternalRef)]
            kept = [o for o in sinks if o.name in f.analyzer.sinks]
            return alt(kept) if kept else None
    return None


def _handed_down(
    f: Frame,
    calls: tuple[ParamCall, ...],
    binding: dict[str, Value],
    node: cst.CSTNode,
    fill: Callable[[Param], Value | None],
) -> None:
    """The callee calls parameters it was given: where this call passes a launcher for one,
    the launch is made here, with the callee's arguments filled in."""
    if not isinstance(node, cst.Call):
        return
    for pc in calls:
        if pc.init is None:
            given = binding.get(pc.param)
        else:  # (kept on the instance by its constructor: the receiver gives it)
            kept = Param(trace=(), func=pc.init, name=pc.param)
            given = fill(kept)
            if given is None and callers_fill(kept, f.func, f.analyzer):
                # Called on `self` (`self._do(argv)` in `go`): this method's callers' receivers.
                pos = [substitute(v, fill) for v in pc.pos]
                kws = {k: substitute(v, fill) for k, v in pc.kws}
                _note_param_call(f, replace(pc, pos=tuple(pos), kws=tuple(kws.items())))
        if given is None:
            continue
        pos = [substitute(v, fill) for v in pc.pos]
        kws = {k: substitute(v, fill) for k, v in pc.kws}
        if pc.key is not None:
            _item_handed_down(f, pc, given, node, pos, kws)
            continue
        if pc.method is not None:
            if pc.init is None and f.analyzer.launching_method(pc.method):
                _method_handed_down(f, pc, given, node, pos, kws)
            _attribute_handed_down(f, pc.method, given, node, pos, kws)
            continue
        for o in options(given):
            if isinstance(o, Param) and o.func == f.func.id:
                launcher = _launcher_default(f, o)
                if launcher is None:
                    # Handed down again: our callers tell.
                    f.param_calls.append(ParamCall(o.name, tuple(pos), tuple(kws.items())))
                    continue
                o = launcher
            elif isinstance(o, Param) and o.func.is_init and o.kind is ParamKind.ARGUMENT:
                if callers_fill(o, f.func, f.analyzer):
                    # Called on `self` (`self.go()` in another method): its callers' receivers.
                    _note_param_call(
                        f, ParamCall(o.name, tuple(pos), tuple(kws.items()), init=o.func)
                    )
                continue
            for t in options(o):
                if _is_launcher(f, t):
                    f.call_one(t, node, pos, kws, False)
                elif isinstance(t, FuncRef) and _launching_function(f, t):
                    # A wrapper handed in as a callback: called here with what the callee
                    # gives it, which answers its launch as a call by name does.
                    f.call_one(t, node, pos, kws, False)
                elif isinstance(t, InstanceRef) and f.analyzer.launching_method("__call__"):
                    f.call_one(t, node, pos, kws, False)  # its `__call__` (`call_instance`)


def _item_handed_down(
    f: Frame, pc: ParamCall, given: Value, node: cst.Call, pos: list[Value], kws: dict[str, Value]
) -> None:
    """The callee calls an item of a parameter (`cfg["run"](argv)`): where this call passes a
    mapping or list holding a launcher there, it launches here; this function's own parameter
    hands the call on to its callers (up to `MAX_HANDED_DOWN`, then unresolved)."""
    key = pc.key
    if key is None:
        return
    for o in options(given):
        if isinstance(o, Param) and o.func == f.func.id and o.kind is ParamKind.ARGUMENT:
            if pc.hops >= MAX_HANDED_DOWN:
                if not f.quiet:
                    why = (
                        f"`{pc.param}[{key!r}](...)` handed down through more than "
                        f"{MAX_HANDED_DOWN} callers"
                    )
                    miss = RawUnresolved(f"{pc.param}[{key!r}]", f.site(node), why)
                    f.analyzer.results_for(f.func).unresolved.append(miss)
                continue
            on = ParamCall(o.name, tuple(pos), tuple(kws.items()), hops=pc.hops + 1, key=key)
            _note_param_call(f, on)
            continue
        if isinstance(o, DictV) and isinstance(key, str):
            item = dict_get(o, string(key))
        elif isinstance(o, Seq) and isinstance(key, int):
            head = o.items[: key + 1] if key >= 0 else ()
            if len(head) <= key or any(isinstance(i, Splat) for i in head):
                continue
            item = o.items[key]
        else:
            continue
        for t in options(item):
            if _is_launcher(f, t):
                f.call_one(t, node, pos, kws, False)


def _attribute_handed_down(
    f: Frame, attr: str, given: Value, node: cst.Call, pos: list[Value], kws: dict[str, Value]
) -> None:
    """The callee calls attribute `attr` of a parameter (`cfg.run(argv)`): where this call passes
    an instance constructed with a launcher (`Cfg(run=subprocess.run)`), or a library module
    holding sinks (`use(subprocess)`), that attribute, when it is a launcher, launches here."""
    for o in options(given):
        if type(o) is ExternalRef and o.name in f.analyzer.launchers:
            held = f.attr_of(o, attr, node)
            if _is_launcher(f, held):
                f.call_one(held, node, pos, kws, False)
            continue
        if not isinstance(o, InstanceRef) or not _holds_sink(f, o):
            continue
        with f.analyzer.launching():
            got = f.force(f.attr_of(o, attr, node))
        for t in options(got):
            if _is_launcher(f, t):
                f.call_one(t, node, pos, kws, False)


def _holds_sink(f: Frame, o: InstanceRef) -> bool:
    """Whether an instance was constructed with a launcher (`Cfg(run=subprocess.run)`)."""
    binding = o.binding
    return binding is not None and any(
        _is_launcher(f, t) for _, v in binding.entries for t in options(v)
    )


def _method_handed_down(
    f: Frame,
    pc: ParamCall,
    given: Value,
    node: cst.Call,
    pos: list[Value],
    kws: dict[str, Value],
) -> None:
    """The callee calls method `pc.method` of a parameter (`r.run(argv)`): this call passes the
    receiver. An instance runs its class's method here, with the callee's arguments filled in;
    this function's own parameter hands the call on to its callers (up to `MAX_HANDED_DOWN`
    callers). A receiver of unknown construction is left as any call on an object not known
    is (its class unknown: no method to run)."""
    method = pc.method
    if method is None:
        return
    if has_lazy(given):
        with f.analyzer.launching():  # (`use(make_runner())`: the instance it returns)
            given = f.force(given)
    site = f.site(node)
    shown = f"`{pc.param}.{method}(...)`"
    receivers = [o for o in options(given) if isinstance(o, InstanceRef)]
    noted = False
    if len({o.cls for o in receivers}) > MAX_RECEIVER_CLASSES and not f.quiet:
        why = f"{shown} on instances of more than {MAX_RECEIVER_CLASSES} classes"
        f.analyzer.results_for(f.func).unresolved.append(
            RawUnresolved(f"{pc.param}.{method}", site, why)
        )
        return
    for o in options(given):
        if isinstance(o, Param) and o.func == f.func.id and o.kind is ParamKind.ARGUMENT:
            if pc.hops >= MAX_HANDED_DOWN:
                if not f.quiet:
                    why = f"{shown} handed down through more than {MAX_HANDED_DOWN} callers"
                    miss = RawUnresolved(f"{pc.param}.{method}", site, why)
                    f.analyzer.results_for(f.func).unresolved.append(miss)
                continue
            # Handed on (`mid(r)` passing its own `r`): its callers' instances tell; and where
            # it is annotated with a project class (`b: BaseRunner`), that class's method (each
            # implementation of an abstract one) runs here too (below, `of_param`).
            on = ParamCall(o.name, tuple(pos), tuple(kws.items()), method, pc.hops + 1, pc.at)
            if on not in f.param_calls:
                f.param_calls.append(on)
        elif not isinstance(o, InstanceRef):
            continue
        with f.analyzer.launching():
            methods = [
                m for m in options(f.force(f.attr_of(o, method, node))) if isinstance(m, MethodRef)
            ]
        if methods and pc.at is not None and not noted:
            noted = True
            at = pc.at
            hop = LazyHop(at.path, at.piece, at.node, f"called as {shown} on the instance passed")
            pos = [v.with_hop(hop) for v in pos]
            kws = {k: v.with_hop(hop) for k, v in kws.items()}
        for m in methods:
            f.call_one(m, node, pos, kws, False)


def call_external(
    f: Frame,
    callee: ExternalRef,
    node: cst.Call,
    pos: list[Value],
    kws: dict[str, Value],
    star: bool,
) -> Value:
    name = callee.name
    made = f.analyzer.command_calls.get(name)
    if made is not None:
        return commands.by_call(f, made, node, pos, kws)  # `sh.Command("codex")`
    root = f.analyzer.command_roots.get(name)
    if root is not None:
        return ExternalRef(trace=(), name=root)  # `sh.bake(_cwd=d)`: the module again
    changes = ENVIRON_CHANGES.get(name)
    if changes is not None:
        changes(f, node, pos, kws)  # (`os.environ.update(...)`: for the launches after it)
    special = CALLEE_MODELS.get(name)
    if special is not None:
        got = special(f, node, pos, kws)
        if got is not None:
            return got
    spec = f.analyzer.sinks.get(name)
    model = VALUE_MODELS.get(name)
    if (
        spec is None
        and pos
        and not isinstance(pos[0], Splat)
        and name.endswith(".__init__")
        and name[:-9] in f.analyzer.sinks
    ):
        # A catalogue class's constructor called outright on an instance (`Popen.__init__(self,
        # argv)` in a subclass's `__init__`): that construction, the instance not an argument.
        return call_external(f, ExternalRef(trace=(), name=name[:-9]), node, pos[1:], kws, star)
    if spec is None and model is None and name in f.analyzer.library_classes:
        # A library class some of whose methods are sinks (`invoke.Context().run(line)`,
        # `ctypes.CDLL(None).system(line)`): its instance, read as the class.
        return ExternalRef(trace=(), name=name)
    if name in f.analyzer.in_process:
        # An in-process server (`FastMCP(...)`): its instance, by its class's name, which a
        # configured sink given it tells from a launch configuration.
        return ExternalRef(trace=(), name=name)
    if spec is None and model is None:
        # Arguments are not looked at: deferred values in them stay unforced.
        if name.startswith("builtins."):
            return unknown(f"result of {name[9:]}()")
        return unknown(f"result of {name}()")
    if spec is None and model is not None and name in KEEPS_LAZY:
        return model(f, pos, kws)
    if any(has_lazy(v) for v in (*pos, *kws.values())):
        with f.analyzer.launching(at_sink=True) if spec is not None else nullcontext():
            pos = [f.force(v) for v in pos]
            kws = {k: f.force(v) for k, v in kws.items()}
    launched = f.sink(spec, node, pos, kws) if spec is not None else None
    if model is not None:
        return model(f, pos, kws)
    stage = LAUNCH_RESULTS.get(name)
    if launched is not None and stage is not None:
        # The process, or what it prints: a path probe's output names a program.
        return output_of(launched, stage, (f.hop(node, f"output of what {name} runs"),))
    if spec is not None and spec.kind == "probe" and spec.program is not None:
        # A library function that finds the program it names (`bundled_codex_path()`): its
        # result is that program's path.
        return string(spec.program, f.hop(node, f"the path of `{spec.program}` {name} finds"))
    if name.startswith("builtins."):
        return unknown(f"result of {name[9:]}()")
    return unknown(f"result of {name}()")


def call_function(
    f: Frame, callee: FuncRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    deco = _replacing_decorator(f, callee.func) if "." not in callee.func.qualname else None
    if deco is None:
        return _call_function(f, callee, node, pos, kws, star)
    # Decorated by a project function that returns a launcher (`def as_runner(fn): return
    # subprocess.run`): the name is what the decorator gives, the function itself only where
    # the decorator may give it back.
    given = f.force(_call_function(f, deco, node, [callee], {}, False))
    out: list[Value] = []
    for o in options(given):
        if isinstance(o, FuncRef) and o.func == callee.func:
            out.append(_call_function(f, callee, node, pos, kws, star))
        else:
            out.append(f.call_one(o, node, pos, kws, star))
    return alt(out)


def _replacing_decorator(f: Frame, fid: FuncId) -> FuncRef | None:
    """The decorator of module function `fid` that is a project function returning a launcher
    (its summary's `gives_launcher`), if any: decorators are otherwise not applied."""
    a = f.analyzer
    scope = a.module_scope(fid.path)
    if scope is None:
        return None
    for head in scope.decorator_heads(fid.qualname):
        first, *rest = head.split(".")
        deco: Value | None = scope.lookup(first)
        for attr in rest:  # (`@tools.as_runner`: through the module)
            deco = f.attr_of(deco, attr, None) if isinstance(deco, ModuleRef) else None
        if not isinstance(deco, FuncRef) or "." in deco.func.qualname or deco.func == fid:
            continue
        func = a.funcdef(deco.func)
        if func is not None and a.summary(func, f.depth + 1).gives_launcher:
            return deco
    return None


def _call_function(
    f: Frame, callee: FuncRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    fid = callee.func
    a = f.analyzer
    if (
        "." not in fid.qualname
        and not a.has_funcdef(fid)
        and not a.is_eager(fid)
        and not _hands_launcher(f, pos, kws)
    ):
        # A module's function called without being followed (`call_project`): the call needs
        # its id only, and its definition is parsed if the result is ever forced. (Parsing
        # each callee here was a tenth of the wrapper rounds, for results nothing forced.)
        a.touch(fid.path)
        result = _deferred(f, fid, pos, kws, None)
        _changed_by_callee(f, fid, node)  # (what it changes in place: read now)
        return result
    func = a.funcdef(fid)
    if func is None:
        return unknown(f"{callee.func.qualname} could not be read")
    if func.class_id and not func.is_static:
        # Called through the class: the first argument is the instance.
        if func.is_classmethod:
            return call_project(f, func, node, pos, kws, ClassRef(trace=(), cls=func.class_id))
        if pos:
            return call_project(f, func, node, pos[1:], kws, pos[0], unbound=True)
    return call_project(f, func, node, pos, kws, None)


def call_method(
    f: Frame, callee: MethodRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    fid = callee.func
    outline = f.analyzer.method_outline(fid)
    if (
        outline is not None
        and outline.is_static is not None
        and not fid.is_init  # (`call_project` binds a `super().__init__(...)` call at once)
        and not f.analyzer.is_eager(fid)
        and not _hands_launcher(f, pos, kws)
        and (outline.is_static or not _kept_launcher(f, callee.receiver))
    ):
        # Not followed now (`call_project`): its result, and no libcst parse of it until that
        # is forced (most deferred calls never are).
        result = _deferred(f, fid, pos, kws, None if outline.is_static else callee.receiver)
        _changed_by_callee(f, fid, node)  # (what it changes in place: read now)
        return result
    func = f.analyzer.funcdef(fid)
    if func is None:
        return unknown(f"{fid.qualname} could not be read")
    receiver = None if func.is_static else callee.receiver
    return call_project(f, func, node, pos, kws, receiver)


def call_class(
    f: Frame, callee: ClassRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    info = f.analyzer.class_info(callee.cls)
    if info is None:
        return unknown("instance of an unreadable class")
    init = None
    for cls in info.mro():
        if "__init__" in cls.methods:
            init = cls.methods["__init__"]
            break
    if init is None:
        # A subclass of a catalogue class that keeps its constructor (`class P(subprocess.Popen):
        # pass`): constructing it is that launch, its arguments in the base's positions. (One
        # that writes `__init__` launches where it calls `super().__init__`: `of_super`.)
        for name in info.launcher_bases(f.analyzer.sinks)[:1]:  # (the first's, as Python's)
            f.call_one(ExternalRef(trace=(), name=name), node, pos, kws, star)
    instance = InstanceRef(trace=(), cls=callee.cls)
    fields = info.dataclass_fields() if init is None else None
    if fields is not None:
        entries = bind_fields(info, fields, pos, kws)
        instance = InstanceRef(
            trace=(),
            cls=callee.cls,
            init=callee.cls.init,
            args=(DictV(trace=(), entries=entries),),
        )
    made = Made(f.func.id, node, f.site(node))
    # Used in place (`Tool(["git"]).status()`), the instance goes nowhere else: what its
    # other methods launch waits, as before, for a call of them on any instance.
    pending = None if f.in_place is node else made
    if init is not None:
        call_project(f, init, node, pos, kws, instance, made=pending)
        binding = bind(f, init, pos, kws, instance)
        entries = tuple((string(k), v) for k, v in binding.items())
        instance = InstanceRef(
            trace=(), cls=callee.cls, init=init.id, args=(DictV(trace=(), entries=entries),)
        )
    if instance.binding is not None:
        instance = replace(instance, made=made)
    if fields is not None and instance.binding is not None:
        given = _given_launchers(f, instance.binding.by_name())
        if given:  # (a field is the attribute of its name)
            _note_kept_launchers(f, instance.cls, given)
        _generated_init(f, instance, made, pending)
        post = _post_init(info)
        if post is not None and f.analyzer.constructor_launches(
            instance.cls.init, [c.id for c in info.mro()]
        ):
            # The generated `__init__` calls it on the new instance: what it launches from the
            # fields (through the methods it calls on `self`) runs at this construction.
            # (Only for a class whose methods launch from its fields: summarising every
            # hook would cost where none launches.)
            f.analyzer.summary(post, f.depth + 1)
            call_project(f, post, node, [], {}, instance, made=pending)
    return instance


def _post_init(info: ClassInfo) -> FuncDef | None:
    for cls in info.mro():
        for name in POST_INIT_HOOKS:
            if name in cls.methods:
                return cls.methods[name]
    return None


def _generated_init(f: Frame, instance: InstanceRef, made: Made, keyed: Made | None) -> None:
    """A dataclass constructed: what its methods launch from its fields (`constructor_events`,
    as `call_project` passes a written `__init__`'s), answered by a call on this instance."""
    init = instance.cls.init
    waiting = f.analyzer.constructor_launches(init)
    if not waiting:
        # Not followed, as a written `__init__` no method launches from is not (`call_project`
        # defers it): should a method summarised later launch from the fields, the generated
        # `__init__` becomes a wrapper and this summary is computed again for it
        # (`Analysis.analyse_chunks`), as it would be had that method been summarised first.
        f.deferred.add(init)
        return
    # Followed as a written `__init__` is (`call_project`): should the events it has grow (a
    # method summarised later launching from the fields), this summary is computed again
    # (`Analysis.analyse_chunks`), as it would be had that method been summarised first.
    f.followed.add(init)
    f.analyzer.results_for(f.func).calls.add(str(init))
    made_at, runs = _made_here(f, keyed, instance)
    site = made.site
    for method, ev in waiting:
        value = substitute(ev.value, lambda p: receiver_param(instance, p, f.analyzer))
        names = [p.name for p in params_in(ev.value)]
        note = f"passed as `{names[0]}` to {instance.cls.qualname}()" if names else ""
        here = LazyHop(site.path, site.piece, site.node, note)
        pending = ev.unless_called or method
        forwarded = replace(
            ev,
            value=value,
            after=(here, *ev.after),
            unless_called=pending,
            made_at=made_at if pending.parent in runs else None,
        )
        f.emit(forwarded, site)


def call_instance(
    f: Frame,
    callee: InstanceRef,
    node: cst.Call,
    pos: list[Value],
    kws: dict[str, Value],
    star: bool,
) -> Value:
    """An instance called (`Runner(cfg)()`, `r(argv)`): its class's `__call__`, as a method
    call on it is."""
    info = f.analyzer.class_info(callee.cls)
    if info is not None and isinstance(info.lookup("__call__"), FuncRef):
        methods = [o for o in options(f.attr_of(callee, "__call__", node)) if o is not callee]
        results = [f.call_one(o, node, pos, kws, star) for o in methods]
        if results:
            return alt(results)
    return other_callee(f, callee, node, pos, kws, star)


def call_bound(
    f: Frame, callee: BoundRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    ns = callee.receiver
    if type(ns) is NamespaceRef and pos and not isinstance(pos[0], Splat):
        # `globals().get("_sp")`: the item, or the default.
        default = pos[1] if len(pos) > 1 else kws.get("default", Const(trace=(), value=None))
        return alt([namespace_item(f, ns, pos[0], node), default])
    return bound_call(callee, pos, kws)


def call_partial(
    f: Frame,
    callee: PartialRef,
    node: cst.Call,
    pos: list[Value],
    kws: dict[str, Value],
    star: bool,
) -> Value:
    inner, first, keywords = callee.parts
    merged_pos, merged_kws = [*first.items, *pos], {**keywords.by_name(), **kws}
    results = [f.call_one(o, node, merged_pos, merged_kws, star) for o in options(f.force(inner))]
    return alt(results) if results else unknown("call")


def call_local(
    f: Frame, callee: LocalFunc, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    return _call_local(f, callee, pos, kws)


def call_chosen(
    f: Frame, callee: ChosenRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    """A call of a library attribute chosen by a name not known: where it may be a sink, a
    launch site whose program is not known (fail closed), naming what it may be."""
    if callee.names == (ANY_MODULE,):
        return unknown(f"result of {describe(node.func)}()")  # (a module called: no launch)
    sinks = [n for n in callee.names if n in f.analyzer.sinks]
    if any(n in CODE_RUNNERS for n in callee.names):
        shown = ", ".join(n.rsplit(".", 1)[1] for n in callee.names)
        run_unknown_code(f, node, f"{callee.why}: may be {shown}")
    elif sinks:
        shown = ", ".join(sinks[:3]) + (", ..." if len(sinks) > 3 else "")
        f.unknown_launch(f.analyzer.sinks[sinks[0]], node, f"{callee.why}: may be {shown}")
    return unknown(f"result of {describe(node.func)}()")


def other_callee(
    f: Frame, callee: Value, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    result = unknown(f"result of {describe(node.func)}()")
    # A parameter's attribute forced because a wrapper bears its name (`prior.get` where the
    # project has a `get` wrapper) is still the parameter's: its `.get` default as above.
    not_known = isinstance(callee, Unknown | Param) or (
        isinstance(callee, LazyAttr) and has_param(callee)
    )
    fallback = mapping_default(node, pos, kws) if not_known else None
    return alt([result, fallback]) if fallback is not None else result


# --- calls of project functions ---------------------------------------------------------------


def _deferred(
    f: Frame, fid: FuncId, pos: list[Value], kws: dict[str, Value], receiver: Value | None
) -> Deferred:
    """A call of a function that is not followed now: its result, computed if forced."""
    f.deferred.add(fid)
    return Deferred(
        trace=(),
        func=fid,
        pos=tuple(pos),
        kws=tuple(kws.items()),
        receiver=receiver,
        depth=f.depth + 1,
    )


def call_project(
    f: Frame,
    func: FuncDef,
    node: cst.CSTNode,
    pos: list[Value],
    kws: dict[str, Value],
    receiver: Value | None,
    *,
    site: SiteRef | None = None,
    made: Made | None = None,
    unbound: bool = False,
) -> Value:
    """A call of project function `func` (`_call_project`); then a local list or dict handed
    to it that its body changes in place is not known (fail closed: read as before the call,
    `fill(argv)` setting `argv[0]` went unseen). With `unbound`, a method called through its
    class, its instance the call's first argument (`C.fill(obj, argv)`)."""
    result = _call_project(f, func, node, pos, kws, receiver, site=site, made=made)
    if site is None and isinstance(node, cst.Call) and node.args:
        _changed_by_callee(f, func.id, node, unbound=unbound)
    return result


def _handed_containers(f: Frame, node: cst.Call) -> list[tuple[int | str, str]]:
    """The call's arguments that are locals holding a list or dict: (position or keyword,
    name)."""
    handed: list[tuple[int | str, str]] = []
    for i, arg in enumerate(node.args):
        if arg.star or not isinstance(arg.value, cst.Name):
            continue
        name = arg.value.value
        held = f.env.get(name)
        if held is None or not any(isinstance(o, Seq | DictV) for o in options(held)):
            continue
        handed.append((arg.keyword.value if arg.keyword is not None else i, name))
    return handed


def _changed_by_callee(f: Frame, fid: FuncId, node: cst.Call, *, unbound: bool = False) -> None:
    handed = _handed_containers(f, node)
    if not handed:
        return
    got = f.analyzer.in_place(fid)
    changed, params = got.changed, got.positional
    if not changed:
        return
    # (`params` leave out a method's receiver, which a call through the class passes first.)
    skip = 1 if unbound else 0
    for at, name in handed:
        i = -1 if isinstance(at, str) else at - skip
        param = at if isinstance(at, str) else params[i] if 0 <= i < len(params) else None
        if param is None or param not in changed:
            continue
        hole = unknown(f"`{name}` may be changed in place by {fid.qualname}")
        if changed[param]:
            # Items added at its end only: the list's own words stay first, then any more.
            tail = Splat(trace=(), inner=hole)
            f.env[name] = alt(
                [
                    seq([*o.items, tail], o.trace) if isinstance(o, Seq) else o
                    for o in options(f.env[name])
                ]
            )
        else:
            f.env[name] = hole
        f.changed_in_place(name)


def _call_project(
    f: Frame,
    func: FuncDef,
    node: cst.CSTNode,  # the call (or the attribute read that runs a property)
    pos: list[Value],
    kws: dict[str, Value],
    receiver: Value | None,
    *,
    site: SiteRef | None = None,  # where `node` is, if not in this function (a deferred read)
    made: Made | None = None,  # the constructor call, when `func` is the `__init__` it runs
) -> Value:
    if (
        func.qualname.endswith(".__init__")
        and f.func.qualname.endswith(".__init__")
        and f.self_name is not None
        and receiver is f.env.get(f.self_name)
    ):
        # `super().__init__(...)` on this instance: what the base stores comes from here.
        f.base_inits[func.id] = bind(f, func, pos, kws, receiver)
    if (
        not f.analyzer.is_eager(func.id)
        and not _hands_launcher(f, pos, kws)
        and not _kept_launcher(f, receiver)
    ):
        return _deferred(f, func.id, pos, kws, receiver)
    f.followed.add(func.id)
    binding = bind(f, func, pos, kws, receiver)
    _note_handed(f, func, binding)
    summary = f.analyzer.summary(func, f.depth + 1)
    if func.id.is_init and isinstance(receiver, InstanceRef):
        given = _given_launchers(f, binding)
        if given:
            attrs = _launcher_attrs(f, func.id, summary, given)
            if attrs is None:  # (a chain of constructors too long to follow: fail closed)
                why = (
                    f"the launcher given to {func.qualname} is handed on through more than "
                    f"{MAX_CALL_DEPTH} base constructors, not followed"
                )
                f.analyzer.results_for(f.func).unresolved.append(
                    RawUnresolved(func.qualname, site or f.site(node), why)
                )
            else:
                _note_kept_launchers(f, receiver.cls, attrs)
    if f.analyzer.of_cycle(func.id):
        # Its summary is a placeholder (forwarding nothing) or was made with one: should it
        # turn out to launch from what this call gives it, this summary is computed again.
        f.analyzer.note_cycle_call(
            func.id, binding, receiver=receiver is not None and func.class_id is not None
        )
    if site is None:
        site = f.site(node)
    if summary.failed and not f.quiet:
        # What it launches is not known: the call stays open (fail closed).
        miss = RawUnresolved(func.qualname, site, summary.failed)
        f.analyzer.results_for(f.func).unresolved.append(miss)

    def fill(p: Param) -> Value | None:
        if p.func != func.id:
            return receiver_param(receiver, p, f.analyzer)
        return binding.get(p.name)

    classes = _instance_classes(f, receiver)
    through_ctor = [
        replace(ev, unless_called=ev.unless_called or method)
        for method, ev in f.analyzer.constructor_launches(func.id, classes or ())
        if classes is None or method.parent in classes
    ]
    made_at, runs = _made_here(f, made, receiver)
    # A call answers the method's launches through a constructor only if its receiver says
    # what the constructor was given: one of unknown construction (a parameter typed as the
    # class, an item of a registry) leaves them as they were, found at the launch.
    # (Counting it made adding such a caller remove a finding.)
    on_self = f.self_name is not None and receiver is f.env.get(f.self_name)
    # (`self.run()` forwards them to this method's own callers, whose receivers tell.)
    if summary.events or through_ctor:
        constructed = (
            func.id.is_init
            or on_self
            or any(
                isinstance(o, InstanceRef) and o.binding is not None
                for o in (options(receiver) if receiver is not None else ())
            )
        )
        # A method that implements an interface (`Sandbox.exec`) is called through it by code
        # naming neither its class nor an instance: its class's own `self.` calls are not all
        # its callers, so they leave its launch open (`outcome`) until another call answers it.
        through_interface = on_self and bool(f.analyzer.interfaces(func.id))
        if not through_interface and (
            constructed
            or any(p.func == func.id for ev in summary.events for p in iter_params(ev.value))
        ):
            f.analyzer.results_for(f.func).calls.update(_called(func, receiver, on_self))
    built = _built_for(f, receiver)
    for ev in [*summary.events, *through_ctor]:
        value = substitute(ev.value, fill)
        note = passing_note(ev.value, func)
        here = LazyHop(site.path, site.piece, site.node, note)
        forwarded = replace(ev, value=value, after=(here, *ev.after))
        pending = ev.unless_called
        if made_at is not None and pending and pending.parent in runs and ev.made_at is None:
            # What the instance made here launches: answered by a call on that instance.
            forwarded = replace(forwarded, made_at=made_at)
        # `self.query(...)` passing nothing the launch waits for: what stays open still waits
        # for the instance's constructor, at the launch (where its defaults are reported).
        # Nor does one whose own callers do not give the program (`self.run(["mcp", name])`
        # where `run` launches `[self._exe, *args]`, or `run`'s `self._run_process(argv)`
        # with that argv): the program still comes in where it did. Which parameters the
        # program waits for is asked of the value as computed for the launch (`emit`): before,
        # `self._exe` is a read not made yet, and `*args` would look like the program.
        entry = _entry(ev, site, built)
        if not on_self:
            f.emit(forwarded, entry)
        elif not any(p.func == func.id for p in iter_params(ev.value)):
            f.emit(forwarded, entry, ev.origin)
        else:
            f.emit(forwarded, entry, ev.origin, unless_given_by=f.func.id)
    if summary.param_calls:
        _handed_down(f, summary.param_calls, binding, node, fill)
    ret = substitute(summary.returns, fill)
    if summary.reads_annotated:
        ret = fill_annotated(ret, func.id, binding.get)
    if has_param(ret):
        ret = strip_foreign(ret, f.func, f.analyzer)
    if isinstance(ret, Ref | Const):
        return ret
    hop = (
        LazyHop(func.path, func.piece, func.node, f"returned by {func.qualname}()")
        if func.node is not None
        else None
    )
    return ret.with_hop(hop) if not isinstance(ret, Unknown) else ret


def _position(site: SiteRef) -> str:
    span = site.piece.span(site.node)
    return f"{site.path}:{span.line}:{span.column}"


def _made_here(
    f: Frame, made: Made | None, instance: Value | None
) -> tuple[str | None, set[FuncId]]:
    """For a constructor call (`made`): its position, and the class it makes with its bases,
    those whose methods a call on that instance can run. (A subclass's method waiting for the
    same constructor's arguments is answered by any call of it, as before.)"""
    if made is None or not isinstance(instance, InstanceRef):
        return None, set()
    return _position(made.site), _mro_ids(f, instance.cls) or set()


def _called(func: FuncDef, receiver: Value | None, on_self: bool) -> list[str]:
    """What a call of a method whose launches wait for a constructor's arguments or for its
    callers answers (`ids.pending_key`). On `self` (forwarding them to this method's own
    callers, whose receivers tell) or a constructor: every instance's. On instances made by
    known constructor calls: what each of those left open. Else (a receiver of unknown
    construction, its own parameters filled): only the method's own open sites, never what
    an instance made elsewhere left open (that made adding a caller remove a finding)."""
    if on_self or func.id.is_init:
        return [str(func.id)]
    keys: list[str] = []
    for o in options(receiver) if receiver is not None else ():
        if isinstance(o, InstanceRef) and o.made is not None:
            keys.append(pending_key(func.id, _position(o.made.site)))
        elif isinstance(o, InstanceRef) and o.binding is not None:
            return [str(func.id)]  # constructed where it is not known (kept as before)
    return keys or [pending_key(func.id, UNKNOWN_INSTANCE)]


def _instance_classes(f: Frame, receiver: Value | None) -> set[FuncId] | None:
    """The classes whose methods an instance of the receiver's classes runs (their MROs), or
    None when one is not known: a constructor's launching methods apply only to those (a
    sibling subclass's `start` is not this instance's, `Base.__init__(self, ...)` in `Other`)."""
    if receiver is None:
        return None
    classes: set[FuncId] = set()
    for o in options(receiver):
        mro = _mro_ids(f, o.cls) if isinstance(o, InstanceRef) else None
        if mro is None:
            return None
        classes |= mro
    return classes


def _mro_ids(f: Frame, cls: FuncId) -> set[FuncId] | None:
    """A project class and its bases (None: the class is not known)."""
    info = f.analyzer.class_info(cls)
    return {c.id for c in info.mro()} if info is not None else None


def _built_for(f: Frame, receiver: Value | None) -> tuple[SiteRef, set[FuncId]] | None:
    """The constructor call that made the receiver, if its program enters there: the call is
    in this function, or in a method of this function's class (or a base) that kept the
    instance on `self.<attr>` (each alternative of the receiver made at that one call); with
    the classes whose constructors it ran."""
    made: Made | None = None
    classes: set[FuncId] = set()
    for o in options(receiver) if receiver is not None else ():
        if not isinstance(o, InstanceRef) or o.made is None or (made and o.made != made):
            return None
        made = o.made
        classes |= _mro_ids(f, o.cls) or set()
    if made is None or not (made.func == f.func.id or (made.stored and _own_class(f, made))):
        return None
    return made.site, classes


def _own_class(f: Frame, made: Made) -> bool:
    """Whether the constructor call is in a method of this method's class (or of a base)."""
    cls = f.func.class_id
    if cls is None:
        return False
    return made.func.parent == cls or made.func.parent in (_mro_ids(f, cls) or ())


def _entry(ev: SinkEvent, call: SiteRef, built: tuple[SiteRef, set[FuncId]] | None) -> SiteRef:
    """Where the program of a method's launch enters it: at the constructor call that made the
    receiver when the program waits only for what that constructor was given (`self.command`,
    `[self.binary, prompt]`), else at the call."""
    if built is None:
        return call
    site, classes = built
    params = program_params(ev.value)
    from_ctor = all(
        p.func.is_init and p.kind is ParamKind.ARGUMENT and p.func.parent in classes for p in params
    )
    return site if params and from_ctor else call


def capture(
    f: Frame,
    node: cst.Call,
    callee: Value,
    pos: list[Value],
    kws: dict[str, Value],
    into: dict[FuncId, list[dict[str, Value]]],
) -> None:
    """A call of a registering function whose calls are being collected
    (`Analyzer.registered_by_calls`): its parameters' values, as this call binds them. A call
    of a method of its name on a receiver not known here (`factory.register(...)` of a
    parameter) may be one: the registry is left open (`Analyzer.capture_open`)."""
    method = f.analyzer.capture_method
    if (
        method is not None
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == method
        and any(isinstance(o, Unknown) or has_param(o) or has_lazy(o) for o in options(callee))
    ):
        f.analyzer.capture_open = True
    for o in options(callee):
        if isinstance(o, FuncRef | MethodRef) and o.func in into:
            func = f.analyzer.funcdef(o.func)
            if func is not None:
                bound = bind(f, func, pos, kws, None)
                into[o.func].append({k: f.force(v) for k, v in bound.items()})


def bind(
    f: Frame, func: FuncDef, pos: list[Value], kws: dict[str, Value], receiver: Value | None
) -> dict[str, Value]:
    # (The def's parameters, not its node: a caller's binding reads no more of its tree.)
    signature = func.params
    binding: dict[str, Value] = {}
    if signature is None:
        return binding
    params = [*signature.posonly_params, *signature.params]
    posonly = len(signature.posonly_params)
    if func.class_id and not func.is_static and params:
        params = params[1:]
        posonly = max(0, posonly - 1)
    # Positional arguments, with an unknown-length *splat ending what we know.
    i = 0
    unknown_from: int | None = None
    flat: list[Value] = []
    for v in pos:
        if isinstance(v, Splat):
            inner = v.inner
            if isinstance(inner, Seq) and not any(isinstance(x, Splat) for x in inner.items):
                flat.extend(inner.items)
            else:
                unknown_from = len(flat)
                flat.append(v)
                break
        else:
            flat.append(v)
    # `**mapping` of a mapping not known here (a forwarder's `**kw`, a loaded config) may hold
    # any keyword the call does not name (`_unnamed`).
    mapping = kws.get(STAR_KWARGS)
    for p in params:
        name = p.name.value
        if name in kws:
            binding[name] = kws[name]
        elif unknown_from is not None and i >= unknown_from:
            binding[name] = unknown("passed through *args")
        elif i < len(flat):
            binding[name] = flat[i]
        else:
            # (A positional-only parameter is never a keyword.)
            binding[name] = _unnamed(f, func, p, mapping if i >= posonly else None)
        i += 1
    star = signature.star_arg
    if isinstance(star, cst.Param):
        rest: list[Value] = (
            flat[i:]
            if unknown_from is None or i <= unknown_from
            else [Splat(trace=(), inner=unknown("*args"))]
        )
        binding[star.name.value] = seq(rest)
    for p in signature.kwonly_params:
        name = p.name.value
        binding[name] = kws[name] if name in kws else _unnamed(f, func, p, mapping)
    if signature.star_kwarg is not None:
        known = {p.name.value for p in [*params, *signature.kwonly_params]}
        binding[signature.star_kwarg.name.value] = DictV(
            trace=(), entries=tuple((string(k), v) for k, v in kws.items() if k not in known)
        )
    return binding


def _unnamed(f: Frame, func: FuncDef, p: cst.Param, mapping: Value | None) -> Value:
    """A parameter no argument names or fills by position: its default; with `**mapping` of a
    mapping not known here, also what the mapping holds for it.

    The default is bound as it is without a mapping, beside the mapping's entry: it enters
    here, so it is judged, and a forbidden one reported, at this call, as a plain parameter's
    default is at a call that leaves it out; and it is not reported again at the callers
    that fill the mapping in (the event carries the programs already reported). The entry is
    a pick that waits for those callers (`lazy.pick`) and becomes the default again where the
    mapping they give lacks it."""
    name = p.name.value
    fallback = default(f, func, p.default) if p.default is not None else None
    if mapping is None:
        return fallback if fallback is not None else unknown(f"argument `{name}` not passed")
    held = pick(mapping, name, fallback)
    return alt([held, fallback]) if fallback is not None else held


def default(f: Frame, func: FuncDef, default: cst.BaseExpression) -> Value:
    scope = f.analyzer.module_scope(func.path)
    if scope is None:
        return unknown("default value")
    interp = f.other(scope.module_func(func.piece), depth=f.depth + 1)
    got = interp.eval(default)
    interp.flush_commands()  # (`def run(git=sh.git)`: made in no statement)
    return got


def _call_local(f: Frame, callee: LocalFunc, pos: list[Value], kws: dict[str, Value]) -> Value:
    """Run a nested function's or a lambda's body with these arguments, in the scope it
    was defined in (only here: its nodes belong to this function's piece)."""
    if callee.func != f.func.id:
        return unknown("a nested function or lambda of another function")
    if f.local_depth >= MAX_LOCAL_DEPTH:
        # `finish_nested` runs its launches, the arguments unknown for this reason (another,
        # quiet run may have counted it as called).
        if not f.quiet:
            f.nested_too_deep.add(id(callee.node))
        return unknown(TOO_DEEP_NESTED)
    if not f.quiet:
        # Only a call whose launches are reported here stands for `finish_nested`'s run: a
        # quiet one (a deferred call forced for a value, `run_once()` in a retry helper
        # given this closure) reports nothing, and the closure's launches would be lost.
        f.called_nested.add(id(callee.node))
    env = dict(callee.env)
    params = param_nodes(callee.node.params)
    star = callee.node.params.star_arg
    rest = list(pos)
    mapping = kws.get(STAR_KWARGS)  # (`**mapping`: as for a project function, `_unnamed`)
    for p in params:
        name = p.name.value
        if name in kws:
            env[name] = kws[name]
        elif rest and not isinstance(rest[0], Splat):
            env[name] = rest.pop(0)
        elif p.default is not None:
            value = f.eval(p.default)
            env[name] = value if mapping is None else alt([pick(mapping, name, value), value])
        else:
            env[name] = unknown(f"parameter `{name}`") if mapping is None else pick(mapping, name)
    if isinstance(star, cst.Param):
        env[star.name.value] = seq(rest)
    saved, saved_returns, saved_yields = f.env, f.returns, f.yields
    f.env, f.returns, f.yields = env, [], []
    f.local_depth += 1
    start = dict(env)
    try:
        node = callee.node
        if isinstance(node, cst.Lambda):
            return f.eval(node.body)
        f.run(block(node.body))
        return alt(f.returns) if f.returns else Const(trace=(), value=None)
    finally:
        f.local_depth -= 1
        end = f.env
        f.env, f.returns, f.yields = saved, saved_returns, saved_yields
        _changed_by_local(f, start, end)


def _changed_by_local(f: Frame, start: dict[str, Value], end: dict[str, Value]) -> None:
    """What a nested function or lambda changed in place of a list or dict it was handed or
    closes over (`f = lambda a: a.__setitem__(0, x); f(argv)`): the caller's names holding
    that object hold what it held or what the call left in it (a name bound again in the
    body looks the same: fail closed)."""
    changed: dict[int, Value] = {}
    for name, was in start.items():
        now = end.get(name)
        if now is None or now is was or not any(isinstance(o, Seq | DictV) for o in options(was)):
            continue
        changed[id(was)] = now
    if not changed:
        return
    for name, v in list(f.env.items()):
        now = changed.get(id(v))
        if now is not None:
            f.env[name] = alt([v, now])
            f.changed_in_place(name)
