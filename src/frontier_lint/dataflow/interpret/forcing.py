"""Forcing: values computed only when something needs them (`lazy`).

A deferred call's result (the callee's summary, with the call's arguments and receiver filled
in), an import (looked up in its module), an attribute read or a call through a value computed
later, and the values holding any of them. Each handler takes the frame; `dispatch` maps value
types to them (a value of another type is returned as it is).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import (
    Deferred,
    LazyAttr,
    LazyCall,
    LazyImport,
    fill_annotated,
    has_lazy,
    reads_bare_instance,
    rebuild,
    redo_on,
    substitute,
    substitute_lazy,
    substitute_lazy_text,
)
from frontier_lint.dataflow.models.classes import is_property
from frontier_lint.dataflow.receivers import receiver_param, strip_foreign
from frontier_lint.dataflow.refs import FuncRef, InstanceRef, ItemRef, OperandRef
from frontier_lint.dataflow.summaries import MAX_CALL_DEPTH
from frontier_lint.dataflow.values import (
    HOLE,
    Alt,
    Concat,
    Const,
    DictV,
    Mention,
    Param,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    as_text,
    has_param,
    options,
    unknown,
)
from frontier_lint.frontend.parsing import LazyHop

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame


# An attribute holding another deferred read (`opts.path` where the constructor was given
# `self.options.path`) is computed in turn: at most this many reads deep, then unknown.
MAX_REREADS = 16


def lazy_attribute(f: Frame, v: LazyAttr) -> Value:
    return f.memo.get(f.analyzer, f.memo_state(), (v.base, v.attr), lambda: _read(f, v))


def _read(f: Frame, v: LazyAttr) -> Value:
    base = f.force(v.base)
    saved, f.reading = f.reading, v.at
    try:
        got = f.attr_of(base, v.attr, None)
    finally:
        f.reading = saved
    if not has_lazy(got) or has_param(got):
        return got  # (a parameter's read is completed by the callers)
    a = f.analyzer
    # The same read met again while its value is computed: an attribute stored from its own
    # value (`self.opts = self.opts.merge(...)`, with `prev = self.opts ... self.opts = prev`
    # beside it), whose value holds reads of itself. Each would be computed again down to
    # MAX_REREADS, none remembered (the bound is an effect): two such reads in the value
    # doubled the work at each level (ansible's `Templar`: 10,000 calls forced for one
    # frame). It is unknown there (fail closed), as the bound's unknown was, one level down.
    try:
        key: tuple[Value, str] | None = (base, v.attr)
        again = key in a.rereading
    except TypeError:  # a part that cannot be hashed (a literal's value): the bound decides
        key, again = None, False
    if again:
        a.effects += 1  # (depends on the read under way: not remembered, `memo`)
        return unknown(f"attribute `{v.attr}` computed from its own value")
    if a.rereads >= MAX_REREADS:
        a.effects += 1  # a bound was met: the result is not remembered (`memo`)
        return unknown(f"attribute read through more than {MAX_REREADS} other reads")
    a.rereads += 1
    if key is not None:
        a.rereading.add(key)
    try:
        return f.force(got)
    finally:
        a.rereads -= 1
        if key is not None:
            a.rereading.discard(key)


def lazy_call(f: Frame, v: LazyCall) -> Value:
    if v.text:
        return _as_text_part(f, _lazy_call(f, v))
    return _lazy_call(f, v)


def _as_text_part(f: Frame, v: Value) -> Value:
    """A deferred call's result kept as a part of a string (`LazyCall.text`): an alternative
    wholly not known stands for the others where none of them names a forbidden program (a
    text not known may be any of them, and one naming nothing forbidden cannot make a
    violation). A quoting helper's call of a value known in some alternatives only
    (`"'" + str(path).replace(...) + "'"`, `path` a default or a value not known) would
    otherwise double a line's alternatives at each call, past what the matcher reads."""
    opts = options(v)
    if len(opts) < 2:
        return v
    whole = next((o for o in opts if _wholly_unknown(o)), None)
    if whole is None or has_param(v) or has_lazy(v):
        return v
    if f.analyzer.names_forbidden(v, anywhere=True) is not Mention.NONE:
        return v
    return whole


def _wholly_unknown(v: Value) -> bool:
    t = as_text(v)
    return type(t) is Str and t.text == HOLE


def _lazy_call(f: Frame, v: LazyCall) -> Value:
    if not f.quiet and id(v.node) in f.lazy_here:
        return _call(f, v)  # (its first computation reports its launches here: not remembered)
    # Remembered as attribute reads are (`memo`): the same call is forced again with every
    # value holding it (on the dense project, half of the 12,000 calls forced were forced
    # again in the same frame and state). A property read being computed calls what it runs
    # where the read was made (`f.reading`), and a call used in place keeps its instance
    # (`f.in_place`): both are part of the key.
    what = (v, f.reading, f.in_place is v.node)
    return f.memo.get(f.analyzer, f.memo_state(), what, lambda: _call(f, v))


def _call(f: Frame, v: LazyCall) -> Value:
    callee = f.force(v.callee)
    if (isinstance(callee, LazyAttr) and has_param(callee)) or _waits(f, callee):
        # A method of a parameter (`cmd.copy()` in a wrapper taking `cmd`): made where a caller
        # passes it, as the read itself is.
        return v if callee == v.callee else replace(v, callee=callee)
    # So is the method of an alternative that is a parameter's (`spec.build_argv()`, `spec` a
    # built spec or one of the items a caller passes): that alternative waits for the callers.
    later = [
        replace(v, callee=o)
        for o in options(callee)
        if (isinstance(o, LazyAttr) and isinstance(o.base, ItemRef) and has_param(o))
        or _waits(f, o)
    ]
    called = [o for o in options(callee) if all(o is not w.callee for w in later)]
    if not f.quiet and id(v.node) in f.lazy_here:
        # The first computation of a call made in this function's own body (`self._runner(
        # binary, ...)` on a launcher stored by `__init__`): its launches are reported here, at
        # the call, once; a call that only launches otherwise (the result used nowhere but
        # returned) would be lost.
        f.lazy_here.discard(id(v.node))
        results = [f.call_one(o, v.node, list(v.pos), dict(v.kws), False) for o in called]
    else:
        with f.quietly():
            results = [f.call_one(o, v.node, list(v.pos), dict(v.kws), False) for o in called]
    if later:
        return alt([f.force(alt(results)), *later]) if results else alt(later)
    return f.force(alt(results)) if results else unknown("call")


def _waits(f: Frame, o: Value) -> bool:
    """A callable parameter called for a value: its result is made where a caller passes it.
    Not one whose default is a launcher or a class (`config_factory=ConfigManager`): called as
    `call_param` calls it, the default standing unless a caller passes another (waiting, the
    default was lost: vexy-overnight's `self._config_factory().is_tool_installed("codex")`).
    Nor a constructor's, kept on the instance (`session_id_of=lambda: ...`), as before."""
    if not isinstance(o, Param) or o.func.is_init:
        return False
    default = f.analyzer.callable_default(o)
    return default is None or all(type(d) is FuncRef for d in options(default))


def alternatives(f: Frame, v: Alt) -> Value:
    return alt([f.force(o) for o in v.options], v.trace) if has_lazy(v) else v


def parts(f: Frame, v: Seq | Splat | Concat | DictV) -> Value:
    if not has_lazy(v):
        return v
    # The alternatives of a value share parts (lists built in branches share their items): each
    # part is forced and renormalised once while nothing a force depends on changes.
    return substitute_lazy(v, f.force, f.memo.walks(f.analyzer, f.memo_state()))


def text_parts(f: Frame, v: Value) -> Value:
    """`v`'s deferred parts computed for its use as text (`substitute_lazy_text`): not those a
    reference holds, which no text reads."""
    if not has_lazy(v):
        return v
    if type(v) is Alt:  # (each option as `force` would take it: `alternatives`)
        return alt([f.force_text(o) for o in v.options], v.trace)
    return substitute_lazy_text(v, f.force)


def pending(f: Frame, v: OperandRef) -> Value:
    return redo_on(v, f.force(v.operand)) if has_lazy(v) else v


def own_reads(f: Frame, v: Value) -> Value:
    """`v` with lazy reads through this method's own `self` computed: a value leaving the
    method is tied to its receiver by parameters (`self.binary` is `__init__`'s `binary`),
    which a bare `self` read computed later could no longer be."""
    if f.self_name is None:
        return v
    return rebuild(v, lambda x: f.force(x) if reads_bare_instance(x) else None)


def compute_deferred(f: Frame, d: Deferred) -> Value:
    return f.memo.get(f.analyzer, f.memo_state(), d, lambda: _with_overrides(f, d))


def _with_overrides(f: Frame, d: Deferred) -> Value:
    """A method called on an instance known only by its class (`self` in the class's own
    methods, a parameter annotated with it): the instance may be one of a project subclass
    that gives `self.binary()` or a property `self.binary_name` another body, or a class-level
    value over the property (`binary_name = "claude"`): each is an alternative result. Only for
    a launch's own value (`at_sink`): for every forced method call it cost meson 4x (82.7 s
    alone against 20.8 s), computing each compiler subclass's override of every helper."""
    got = _compute_deferred(f, d)
    r = d.receiver
    if not f.analyzer.at_sink or not (
        isinstance(r, InstanceRef) and not r.args and r.binding is None
    ):
        return got
    found, past = f.analyzer.overrides(r.cls, d.func.name, d.func)
    if not found and past is None:
        return got
    getter = _is_getter(f, d.func)
    out = [got]
    for o in found:
        if isinstance(o.member, FuncRef):
            sub = InstanceRef(trace=(), cls=o.cls)
            out.append(_overriding(f, replace(d, func=o.member.func, receiver=sub)))
        elif getter:
            out.append(o.member)
    if past is not None:
        out.append(unknown(past))
    return alt(out)


def _overriding(f: Frame, d: Deferred) -> Value:
    """A subclass's method computed on an instance of it, without looking for its own
    subclasses' (those at any depth are alternatives already)."""
    return f.memo.get(f.analyzer, f.memo_state(), (_OVERRIDE, d), lambda: _compute_deferred(f, d))


_OVERRIDE = "override"  # (a memo key's tag)


def _is_getter(f: Frame, fid: FuncId) -> bool:
    """Whether method `fid` is a property's getter (a class-level value can stand for it)."""
    outline = f.analyzer.method_outline(fid)
    if outline is not None:
        return outline.is_property
    func = f.analyzer.funcdef(fid)
    return func is not None and func.params is not None and is_property(func.decorators)


def _compute_deferred(f: Frame, d: Deferred) -> Value:
    func = f.analyzer.funcdef(d.func)
    if func is None:
        return unknown(f"{d.func.qualname} could not be read")
    forcing = f.analyzer.forcing
    if d.depth > MAX_CALL_DEPTH or len(forcing) > MAX_CALL_DEPTH:
        return unknown(f"call chain deeper than {MAX_CALL_DEPTH} calls")
    if d.func in forcing:
        f.analyzer.note_cycle(d.func)
        return unknown(f"recursive call of {func.qualname}")
    forcing.append(d.func)
    try:
        summary = f.analyzer.summary(func, d.depth + 1)
        binding = f.bind(func, list(d.pos), dict(d.kws), d.receiver)
        receiver = d.receiver
        ret = substitute(
            summary.returns,
            lambda p: (
                binding.get(p.name)
                if p.func == func.id
                else receiver_param(receiver, p, f.analyzer)
            ),
        )
        if summary.reads_annotated:
            ret = fill_annotated(ret, func.id, binding.get)
        if has_param(ret):
            ret = strip_foreign(ret, f.func, f.analyzer)
        ret = f.force(ret) if has_lazy(ret) else ret
    finally:
        forcing.pop()
    if isinstance(ret, Ref | Const | Unknown):
        return ret
    hop = (
        LazyHop(func.path, func.piece, func.node, f"returned by {func.qualname}()")
        if func.node is not None
        else None
    )
    return ret.with_hop(hop).with_trace(d.trace)


def resolve_import(f: Frame, v: LazyImport) -> Value:
    scope = f.analyzer.module_scope(v.module)
    if scope is None:
        return unknown(f"{f.analyzer.project.module_name(v.module)} cannot be read")
    return scope.lookup(v.name)
