"""A method's receiver: which parameters its callers fill in, and how.

A method's value can wait for its receiver: a constructor argument kept on `self` (a parameter of
the class's `__init__`), an attribute the class leaves to its subclasses, one a subclass may
override (`ParamKind`). At a call, the receiver (an instance whose construction is known) fills
them in; what no caller can fill becomes unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from frontier_lint.dataflow.hierarchy import setting
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import has_lazy, iter_params, params_in, substitute
from frontier_lint.dataflow.refs import InstanceRef
from frontier_lint.dataflow.summaries import FuncDef
from frontier_lint.dataflow.values import (
    Const,
    Param,
    ParamKind,
    Seq,
    Str,
    Unknown,
    Value,
    alt,
    has_param,
    options,
    unknown,
)

if TYPE_CHECKING:
    from frontier_lint.dataflow.analyzer import Analyzer


def has_own_param(v: Value, func: FuncDef, a: Analyzer) -> bool:
    """Parameters this function's callers fill in: its own, and for a method, what the
    instance's constructor stored (the receiver at each call knows them)."""
    return any(callers_fill(p, func, a) for p in iter_params(v))


def callers_fill(p: Param, func: FuncDef, a: Analyzer) -> bool:
    """Whether callers of `func` can fill parameter `p`: one of its own, or a constructor's of
    its class or a base class (through the receiver). Another class's constructor argument
    (kept on an object the method only reads) is not the receiver's."""
    if p.func == func.id:
        return True
    if not func.class_id or func.is_static or not p.func.is_init:
        return False
    return p.func.parent in a.class_chain(func.class_id)


def passing_note(value: Value, func: FuncDef) -> str:
    """How a value enters a wrapper, naming the parameter that comes first (the program's)."""
    for p in iter_params(value):  # (the first that tells: not the value's every parameter)
        if p.func == func.id:
            return f"passed as `{p.name}` to {func.qualname}"
        if p.func.is_init:
            cls = p.func.parent.qualname
            if p.kind is not ParamKind.ARGUMENT:
                return f"the receiver's `{p.attr}` reaches {func.qualname}"
            return f"`{p.name}` given to {cls}() reaches {func.qualname}"
    return f"passed to {func.qualname}"


def receiver_param(receiver: Value | None, p: Param, a: Analyzer | None = None) -> Value | None:
    """A constructor parameter stored on the instance, from the receiver's constructor call
    (through `super().__init__(...)` when `p` belongs to a base class's `__init__`)."""
    kind = p.kind
    if kind is ParamKind.LEFT_TO_SUBCLASS and a is not None:
        return receiver_attr(receiver, p.attr, a)
    if kind is ParamKind.OVERRIDABLE and a is not None:
        # An attribute the method's class sets, perhaps overridden: the receiver's, else none
        # beyond the class's own value (already an alternative where it was read). A receiver
        # of that very class, as built nowhere in particular, is `self` of a caller in the same
        # class: its own callers' receivers tell.
        cls = p.func.parent
        if isinstance(receiver, InstanceRef) and receiver.cls == cls and not receiver.args:
            return None
        got = receiver_attr(receiver, p.attr, a, stored_first=True)
        if got is None:
            info = a.class_info(cls)
            got = receiver_attr(InstanceRef(trace=(), cls=info.id), p.attr, a) if info else None
        if got is None:
            return unknown(f"attribute `{p.attr}`")
        if isinstance(receiver, InstanceRef) and not receiver.args and receiver.binding is None:
            # An instance known by its class alone, a subclass of `cls` (`self` of a method of
            # `Compile(Command)` calling the inherited `self.compile()`): it may be one of its
            # own subclasses that set the attribute (`Agent(program)`), which its callers'
            # receivers tell, as for `cls` itself.
            return overridable(got, receiver.cls, p.attr, a)
        return got
    if not isinstance(receiver, InstanceRef) or receiver.init is None:
        return None
    init, binding = receiver.init, receiver.binding
    if binding is None:
        return None
    args = binding.by_name()
    if init == p.func:
        return args.get(p.name)
    if a is None or not p.func.is_init:
        return None
    if a.funcdef(init) is None and a.funcdef(p.func) is None:
        # Generated dataclass `__init__`s: a subclass's takes its bases' fields by name.
        return args.get(p.name)
    v = a.base_init_value(init, p)
    if v is None:
        return None
    return substitute(v, lambda q: args.get(q.name) if q.func == init else None)


def overridable(v: Value, cid: FuncId, attr: str, a: Analyzer) -> Value:
    """`self.binary` read in a method of the class that sets it (`binary = "node"`), where a
    subclass sets another (`Claude.binary = "claude"`): the receiver at each call is asked
    too; where it does not say, the class's own value stands (`?binary`, see
    `receiver_param`)."""
    opts = options(v)
    if not all(_constant(o) or _constructor_argument(o) for o in opts) or not any(
        _constant(o) for o in opts
    ):
        return v
    if not a.hierarchy.overridden(cid, attr):
        return v
    return alt([v, Param.of_receiver(cid, attr, ParamKind.OVERRIDABLE)])


def _constant(o: Value) -> bool:
    """A value of the class's own (`binary = "node"`)."""
    return isinstance(o, Str | Seq | Const) and not has_param(o)


def _constructor_argument(o: Value) -> bool:
    """A constructor argument kept on the instance (`self.binary = binary` in `__init__`)."""
    return isinstance(o, Param) and o.func.is_init


def with_overrides(v: Value, a: Analyzer) -> Value:
    """A launch's value reading an attribute that project subclasses set (`?binary`, left to
    the receiver by `overridable` or `of_instance`): the receiver may be an instance of any
    of them, so each one's own value is an alternative at the launch. Looked up here, for a
    launch that depends on it, only: doing it at every read parsed most subclasses of large
    code bases."""
    waiting = [
        p
        for p in params_in(v)
        if p.kind in (ParamKind.OVERRIDABLE, ParamKind.LEFT_TO_SUBCLASS)
        and a.hierarchy.overridden(p.func.parent, p.attr)
    ]
    if not waiting:
        return v
    got: dict[tuple[FuncId, str], Value] = {}
    for p in waiting:
        known, open_ = subclass_values(p.func.parent, p.attr, a)
        if known:
            # (The receiver at a call may still tell which: an overridable one stays open.)
            keep = open_ or p.kind is ParamKind.OVERRIDABLE
            got[(p.func, p.name)] = alt([*known, p]) if keep else alt(known)
    return substitute(v, lambda q: got.get((q.func, q.name))) if got else v


def subclass_values(cid: FuncId, attr: str, a: Analyzer) -> tuple[list[Value], bool]:
    """What the project subclasses of class `cid` (at any depth) set attribute `attr` to, as
    values of their own; and whether one sets a value that is not (its constructor's
    arguments: only the receiver at a call knows them). Only the subclasses whose file's text
    sets `attr` are parsed."""
    known: list[Value] = []
    open_ = False
    for path, name in a.hierarchy.descendants_matching(cid, setting(attr), attr):
        # (A subclass by its resolved bases, or perhaps one: a base the resolver cannot tell,
        # written with the name of `cid` or of a class between, `Hierarchy.descendants`. Not
        # through `class_chain`, which has only the bases resolved: such a class setting
        # `program` was left out and the launch reported nothing.)
        info = a.class_info(FuncId(path, name))
        if info is None:
            continue
        v = info.instance_attr(attr)
        if v is None or has_lazy(v):
            open_ = open_ or v is not None  # (computed later: left to the receiver)
            continue
        own = [o for o in options(v) if not has_param(o)]
        open_ = open_ or len(own) < len(options(v))
        known.extend(own)
    return known, open_


def receiver_attr(
    receiver: Value | None, attr: str, a: Analyzer, *, stored_first: bool = False
) -> Value | None:
    """An attribute a method left to its receiver's class (`interpret.attributes.of_instance`),
    read from the receiver at a call; None (still open) when the receiver's class does not say.
    stored_first: what the receiver's methods store on `self` (and class attributes) rather
    than the class-level value alone (an override may be either)."""
    found: list[Value] = []
    for o in options(receiver) if receiver is not None else ():
        if not isinstance(o, InstanceRef):
            return None
        info = a.class_info(o.cls)
        if info is None:
            return None
        v: Value | None = None
        if stored_first:
            inst = info.instance_attr(attr)
            v = fill_receiver(inst, o, a) if inst is not None else None
        if v is None:
            v = info.field_default(attr)  # a class-level value, else what methods store
        if v is None:
            inst = info.instance_attr(attr)
            v = fill_receiver(inst, o, a) if inst is not None else None
        if v is None:
            return None
        found.append(v)
    return alt(found) if found else None


def fill_receiver(v: Value, receiver: InstanceRef, a: Analyzer) -> Value:
    """An instance attribute read through a receiver whose constructor arguments are known."""
    if not has_param(v):
        return v
    return substitute(v, lambda p: receiver_param(receiver, p, a))


def through_own_base_inits(
    v: Value, base_inits: dict[FuncId, dict[str, Value]], a: Analyzer
) -> Value:
    """`v` read in a constructor that called `super().__init__(...)` on its own instance
    (`base_inits`: what each base constructor was given there): a base constructor's argument
    kept on `self` (`self.config` stored by `Base.__init__(tool)`) is what this constructor
    passed it, in terms of its own parameters, so that its callers fill it in. (Left as the
    base's parameter, no caller of this constructor could: its launch was dropped.)"""

    def fill(p: Param) -> Value | None:
        if p.kind is not ParamKind.ARGUMENT or not p.func.is_init:
            return None
        for base, binding in base_inits.items():
            if base == p.func:
                return binding.get(p.name)
            deeper = a.base_init_value(base, p)
            if deeper is not None:
                return substitute(deeper, bound_by(base, binding))
        return None

    return substitute(v, fill)


def bound_by(init: FuncId, binding: dict[str, Value]) -> Callable[[Param], Value | None]:
    """Fills in the parameters of constructor `init` with what a call of it bound them to."""
    return lambda q: binding.get(q.name) if q.func == init else None


def strip_foreign(v: Value, func: FuncDef, a: Analyzer) -> Value:
    """Parameters that no caller of `func` can fill in become unknown."""

    def fill(p: Param) -> Value | None:
        if callers_fill(p, func, a):
            return None
        # One object per name: `substitute` is remembered by the identities of what it is
        # given (a wrapper's result is stripped again at each call), and an unknown value is
        # told apart from another by its reason alone.
        got = _FOREIGN.get(p.name)
        if got is None:
            if len(_FOREIGN) >= _FOREIGN_MAX:
                _FOREIGN.clear()
            got = _FOREIGN[p.name] = unknown(f"parameter `{p.name}`")
        return got

    return substitute(v, fill)


_FOREIGN: dict[str, Unknown] = {}  # (`strip_foreign`: a parameter's unknown, by its name)
_FOREIGN_MAX = 1024
