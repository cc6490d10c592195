"""Statements: control flow (branches, loops, `try`, `with`, `match`) and assignments.

Branches give alternatives; a loop body runs once with its variable bound to any element, and a
value it builds on itself gets an unknown tail (or, over a few known items, it is unrolled); an
assignment at module or class level notes where a constant was defined (a trace's origin).
Each handler takes the frame; `dispatch` maps node types to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import Deferred, LazyAttr, has_lazy, items_of, pick, store_item
from frontier_lint.dataflow.models.builtins import (
    LIST_MUTATORS,
    LIST_REMOVERS,
    removed_items,
    store_slice,
)
from frontier_lint.dataflow.models.processes import line_of
from frontier_lint.dataflow.models.stdlib import set_environ
from frontier_lint.dataflow.refs import (
    ClassRef,
    ExternalRef,
    FuncRef,
    InstanceRef,
    ModuleRef,
    OutputRef,
    YieldsRef,
    sink_or_partial,
)
from frontier_lint.dataflow.summaries import FuncDef
from frontier_lint.dataflow.values import (
    Alt,
    Concat,
    Const,
    DictV,
    Ref,
    Seq,
    Splat,
    Str,
    Value,
    alt,
    as_text,
    concat,
    has_param,
    options,
    seq,
    unknown,
)
from frontier_lint.frontend.syntax import block, children, describe, dotted

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

# The start of `Frame.env` keys holding what a method stored on `self.<attr>` earlier in its
# flow (`Frame.store_on_self`; no name starts with it).
SELF_KEY = "."


def without_stored_on_self(env: dict[str, Value]) -> dict[str, Value]:
    """`env` for a nested function, which may run after the method changed `self`."""
    return {k: v for k, v in env.items() if k[:1] != SELF_KEY}


# Loop bodies run once per item: items (of all loops being unrolled together) times the
# alternatives of the values they build, at most.
MAX_UNROLL = 64


# --- statements -------------------------------------------------------------------------------


def simple_line(f: Frame, node: cst.SimpleStatementLine | cst.SimpleStatementSuite) -> None:
    for small in node.body:
        f.small(small)


def if_statement(f: Frame, node: cst.If) -> None:
    f.eval(node.test)
    branches = [_branch(f, block(node.body))]
    orelse = node.orelse
    while isinstance(orelse, cst.If):
        f.eval(orelse.test)
        branches.append(_branch(f, block(orelse.body)))
        orelse = orelse.orelse
    if isinstance(orelse, cst.Else):
        branches.append(_branch(f, block(orelse.body)))
        _merge(f, branches, keep_current=False)
    else:
        _merge(f, branches, keep_current=True)


def for_statement(f: Frame, node: cst.For) -> None:
    items = f.force(f.eval(node.iter))
    # (A pass stores on `self` what the next one reads: read from the instance in loops.)
    f.forget_stored_on_self()
    grown = grown_names(f, node)
    known = _known_items(items)
    if (
        grown
        and known is not None
        and f.unroll * len(known) * _alternatives(f, grown) <= MAX_UNROLL
        and not _exits_early(node.body)
    ):
        _unrolled(f, node, known)
        return
    saved = dict(f.env)
    assign(f, node.target, element_of(f, items, node.iter))
    body = _branch(f, block(node.body))
    f.env = saved
    branches = [body]
    if node.orelse is not None:
        branches.append(_branch(f, block(node.orelse.body)))
    _merge(f, branches, keep_current=True)
    _widen(f, grown, body, saved, "a loop")
    _shrink(f, node, body, "a loop")


def while_statement(f: Frame, node: cst.While) -> None:
    f.forget_stored_on_self()  # (as for `for`; before the test, which the next pass reads)
    f.eval(node.test)
    saved = f.env
    body = _branch(f, block(node.body))
    branches = [body]
    if node.orelse is not None:
        branches.append(_branch(f, block(node.orelse.body)))
    _merge(f, branches, keep_current=True)
    _widen(f, grown_names(f, node), body, saved, "a while loop")
    _shrink(f, node, body, "a while loop")


def try_statement(f: Frame, node: cst.Try | cst.TryStar) -> None:
    body = _branch(f, block(node.body))
    branches = [body]
    for h in node.handlers:
        if h.type is not None:
            f.eval(h.type)
        saved = f.env
        f.env = {**body}
        f.forget_stored_on_self()  # (the body may have stopped before or after its stores)
        if h.name is not None and isinstance(h.name.name, cst.Name):
            f.env[h.name.name.value] = unknown("an exception")
        f.run(block(h.body))
        branches.append(f.env)
        f.env = saved
    if node.orelse is not None:
        saved = f.env
        f.env = {**body}
        f.run(block(node.orelse.body))
        branches[0] = f.env
        f.env = saved
    _merge(f, branches, keep_current=True)
    if node.finalbody is not None:
        f.run(block(node.finalbody.body))


def with_statement(f: Frame, node: cst.With) -> None:
    enter = "__aenter__" if node.asynchronous is not None else "__enter__"
    swallows = False
    for item in node.items:
        v = f.eval(item.item)
        swallows = swallows or _may_swallow(f, v, item.item, node.asynchronous is not None)
        if item.asname is not None:
            assign(f, item.asname.name, _entered(f, v, item.item, enter))
    if not swallows:
        f.run(block(node.body))
        return
    # An exception its manager swallows may end the body after any of its statements: the
    # names after the `with` are those after any of them (`p = "codex"; int(x); p = "ls"`).
    states = [dict(f.env)]
    for stmt in block(node.body):
        f.stmt(stmt)
        states.append(dict(f.env))
    _merge(f, states[:-1], keep_current=True)


# Library context managers that swallow the exceptions they are given (the statements after
# them may follow any statement of the body), by their dotted names.
_SWALLOWING = frozenset(
    (
        "contextlib.suppress",
        "pytest.raises",
        "trio.move_on_after",
        "trio.move_on_at",
        "trio.CancelScope",
        "anyio.move_on_after",
        "anyio.CancelScope",
    )
)
_SWALLOWING_NAMES = frozenset(n.rpartition(".")[2] for n in _SWALLOWING)
# Methods giving such a manager on any receiver (`self.assertRaises(E)` in a test case).
_SWALLOWING_METHODS = frozenset(("assertRaises", "assertRaisesRegex", "assertWarns"))


def _may_swallow(f: Frame, v: Value, node: cst.BaseExpression, asynchronous: bool) -> bool:
    """Whether a `with` item's manager may swallow an exception: a call of a library one
    (`contextlib.suppress(E)`, `pytest.raises(E)`), or an instance of a project class whose
    `__exit__` (`__aexit__`) returns something other than None or False."""
    if isinstance(node, cst.Call):
        func = node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else None
        if last in _SWALLOWING_METHODS:
            return True
        if isinstance(func, cst.Name):
            last = func.value
        if last in _SWALLOWING_NAMES:  # (evaluated only for such a name)
            for o in options(f.eval(func)):
                if isinstance(o, ExternalRef) and o.name in _SWALLOWING:
                    return True
    exit_ = "__aexit__" if asynchronous else "__exit__"
    for o in options(v):
        if not isinstance(o, InstanceRef):
            continue
        info = f.analyzer.class_info(o.cls)
        method = info.lookup(exit_) if info is not None else None
        func_def = f.analyzer.funcdef(method.func) if isinstance(method, FuncRef) else None
        if func_def is not None and func_def.node is not None and _returns_true(func_def.node):
            return True
    return False


def _returns_true(node: cst.FunctionDef) -> bool:
    """Whether a function may return something other than None or False (`return True`,
    `return exc_type is ValueError`); a nested def's or lambda's returns are their own."""
    todo: list[cst.CSTNode] = [node.body]
    while todo:
        n = todo.pop()
        if isinstance(n, cst.FunctionDef | cst.Lambda | cst.ClassDef):
            continue
        if isinstance(n, cst.Return):
            value = n.value
            if value is not None and not (
                isinstance(value, cst.Name) and value.value in ("None", "False")
            ):
                return True
            continue
        todo.extend(children(n))
    return False


# The decorators that make a generator function a context manager: `with f() as x` binds
# what it yields.
_CONTEXT_MANAGERS = frozenset({"contextmanager", "asynccontextmanager"})


def _entered(f: Frame, v: Value, node: cst.BaseExpression, enter: str = "__enter__") -> Value:
    """What `with v as x` binds: the value a `contextlib.contextmanager` (or
    `asynccontextmanager`) generator function yields (`with backend.prepare(req) as run:`),
    what a project class's `__enter__` (`__aenter__`) returns, a reference as it is (`with
    Popen(argv) as p`); anything else is not known."""
    if isinstance(v, Deferred) and _yields_context(f, v.func):
        v = f.force(v)  # (a call whose value is computed when needed: this one is)
    entered = [_enter(f, o, node, enter) for o in options(v)]
    if entered and all(isinstance(o, Ref) for o in options(v)):
        return alt(entered)
    return unknown(f"value of `with {describe(node)}`")


def _enter(f: Frame, o: Value, node: cst.BaseExpression, enter: str) -> Value:
    """One alternative of a `with` item, entered (`_entered`)."""
    if isinstance(o, YieldsRef):
        return o.item
    if isinstance(o, InstanceRef):
        info = f.analyzer.class_info(o.cls)
        method = info.lookup(enter) if info is not None else None
        func = f.analyzer.funcdef(method.func) if isinstance(method, FuncRef) else None
        if func is not None and func.node is not None:
            # (Most return `self`: the instance itself.)
            return f.call_project(func, node, [], {}, o)
    return o


def _yields_context(f: Frame, fid: FuncId) -> bool:
    """Whether a decorator of the function is contextlib's `contextmanager` (or
    `asynccontextmanager`), its name read through the defining module's imports: another
    module's function of that name (`helpers.contextmanager`) may enter anything."""
    func = f.analyzer.funcdef(fid)
    if func is None:
        return False
    for d in func.decorators:
        name = dotted(d.decorator) or ""
        head, _, rest = name.rpartition(".")
        if rest in _CONTEXT_MANAGERS and _is_contextlib(f, fid.path, head, rest):
            return True
    return False


def _is_contextlib(f: Frame, path: str, head: str, name: str) -> bool:
    """Whether `head.name` (or bare `name`) in module `path` is `contextlib.<name>`."""
    scope = f.analyzer.module_scope(path)
    if scope is None:
        return False
    first, _, more = head.partition(".") if head else (name, "", "")
    full = ".".join(p for p in (more, name) if p) if head else ""
    for o in options(scope.lookup(first)):
        if isinstance(o, ExternalRef) and (f"{o.name}.{full}" if full else o.name) == (
            f"contextlib.{name}"
        ):
            return True
    return False


def match_statement(f: Frame, node: cst.Match) -> None:
    f.eval(node.subject)
    branches = [_branch(f, block(case.body)) for case in node.cases]
    _merge(f, branches, keep_current=True)


def other_statement(f: Frame, node: cst.CSTNode) -> None:
    """Any other statement: the calls in it still count."""
    scan_rest(f, [node], reached=True)
    f.forget_stored_on_self()  # (`del self.cmd`, and what the calls scanned may change)


def del_statement(f: Frame, node: cst.Del) -> None:
    """`del os.environ["TOOL"]`: the variable is no longer set for the launches after it;
    `del argv[0]`, `del argv[:2]` on a local list: those items are gone (the program may be
    another one); any other deletion as any other statement."""
    for target in _del_targets(node):
        if not isinstance(target, cst.Subscript):
            continue
        if f.environ_set and dotted(target.value).endswith("environ"):
            _set_environ(f, target, None)
        elif isinstance(target.value, cst.Name) and target.value.value in f.env:
            _delete_items(f, target.value.value, target)
    other_statement(f, node)


def _del_targets(node: cst.Del) -> list[cst.BaseExpression]:
    """The names, items and attributes `del a, b[0]` deletes."""
    targets = node.target.elements if isinstance(node.target, cst.Tuple) else [node.target]
    return [t.value if isinstance(t, cst.BaseElement) else t for t in targets]


def _slice_bounds(f: Frame, sl: cst.Slice) -> tuple[Value, Value]:
    """A slice's lower and upper bound (None where left out; a step makes the lower unknown)."""
    none = Const(trace=(), value=None)
    lower = f.eval(sl.lower) if sl.lower is not None else none
    upper = f.eval(sl.upper) if sl.upper is not None else none
    return (unknown("step") if sl.step is not None else lower), upper


def _delete_items(f: Frame, name: str, target: cst.Subscript) -> None:
    held = f.force(f.env[name])
    if len(target.slice) != 1 or not any(isinstance(o, Seq) for o in options(held)):
        return
    sl = target.slice[0].slice
    if isinstance(sl, cst.Index):
        at = f.eval(sl.value)
        f.env[name] = alt(
            [
                removed_items(o, "__delitem__", [at]) if isinstance(o, Seq) else o
                for o in options(held)
            ]
        )
    elif isinstance(sl, cst.Slice):
        f.env[name] = store_slice(held, *_slice_bounds(f, sl), seq([]))
    f.changed_in_place(name)


# --- simple statements ------------------------------------------------------------------------


def assignment(f: Frame, node: cst.Assign) -> None:
    target = node.targets[0].target
    if (
        f.module_level
        and isinstance(node.value, cst.Lambda)
        and len(node.targets) == 1
        and isinstance(target, cst.Name)
    ):
        _module_lambda(f, target.value, node.value)
        return
    value = f.eval(node.value)
    for t in node.targets:  # `A = B = "codex"`: each name's hop names it
        assign(f, t.target, _defined_here(f, node, value, t.target))
        if (
            isinstance(node.value, cst.Name)
            and isinstance(t.target, cst.Name)
            and node.value.value in f.env
            and any(isinstance(o, Seq | DictV) for o in options(value))
        ):
            f.share(t.target.value, node.value.value)


def annotated_assignment(f: Frame, node: cst.AnnAssign) -> None:
    if node.value is not None:
        value = _defined_here(f, node, f.eval(node.value), node.target)
        assign(f, node.target, value)


def augmented_assignment(f: Frame, node: cst.AugAssign) -> None:
    right = f.force(f.eval(node.value))
    if isinstance(node.target, cst.Name):
        name = node.target.value
        left = f.force(f.env.get(name) or f.lookup_name(name, node.target))
        if isinstance(node.operator, cst.AddAssign):
            new = f.add(left, right, node)
        else:
            new = unknown(f"`{name}` changed by an augmented assignment")
        f.env[name] = new
        if any(isinstance(o, Seq | DictV) for o in options(left)):
            f.changed_in_place(name)  # (`+=` on a list, `|=` on a dict: in place)
    elif isinstance(node.target, cst.Subscript):  # `argv[0] += suffix`: the item is not known
        _forget_self_attr(f, node.target.value)
        _store(f, node.target, unknown("item changed by an augmented assignment"))
    else:
        _forget_self_attr(f, node.target)  # (`self.cmd += [...]`: not followed)


def expression_statement(f: Frame, node: cst.Expr) -> None:
    f.eval(node.value)


def return_statement(f: Frame, node: cst.Return) -> None:
    if node.value is not None:
        f.returns.append(f.eval(node.value))


# --- helpers ----------------------------------------------------------------------------------


def _branch(f: Frame, stmts: Sequence[cst.CSTNode]) -> dict[str, Value]:
    saved = f.env
    f.env = dict(saved)
    try:
        f.run(stmts)
        return f.env
    finally:
        f.env = saved


def _unrolled(f: Frame, node: cst.For, items: list[Value]) -> None:
    """A loop that builds a value on itself (`cmd += part`) over known items runs once per
    item, in order: `for p in ["co", "dex"]: cmd += p` leaves `cmd` == "codex". (Not a body
    that may `break` or `continue`: an iteration may stop half-way; it is widened.)"""
    f.unroll *= max(len(items), 1)
    try:
        for item in items:
            assign(f, node.target, item)
            f.run(block(node.body))
    finally:
        f.unroll //= max(len(items), 1)
    if node.orelse is not None:
        f.run(block(node.orelse.body))


def _alternatives(f: Frame, names: Iterable[str]) -> int:
    """How many alternatives the values of `names` hold (unrolling repeats the loop body's
    work on each of them; a list built in branches before the loop holds dozens)."""
    return max((len(options(f.env[n])) for n in names if n in f.env), default=1)


def _widen(
    f: Frame, grown: Iterable[str], body: dict[str, Value], before: dict[str, Value], where: str
) -> None:
    """After one pass over a loop body: a value it builds on itself (`cmd += part`,
    `argv.append(x)`) may have grown any number of times, so its one-pass value gets an
    unknown tail (the program a list or command line starts with stays known)."""
    why = f"built in {where}"
    for name in grown:
        if name not in body or (name in before and body[name] is before[name]):
            continue
        grew: dict[int, Value] = {}
        for o in options(body[name]):
            if isinstance(o, Seq):
                # In place of the one pass (unknown items may be none).
                grew[id(o)] = seq([*o.items, Splat(trace=(), inner=unknown(why))], o.trace)
            elif isinstance(o, Str | Concat):
                grew[-id(o)] = concat([o, as_text(unknown(why))])
            else:
                grew[-id(o)] = unknown(why)
        merged = [grew.pop(id(o), o) for o in options(f.env[name])]
        f.env[name] = alt([*merged, *grew.values()])


def _merge(f: Frame, branches: list[dict[str, Value]], keep_current: bool) -> None:
    names: set[str] = set()
    for b in branches:
        names |= b.keys()
    if f.stored_on_self:
        # What a method stored on `self` is known after the branches only if each stored it
        # (or kept what was stored before): otherwise the instance tells.
        for name in [SELF_KEY + a for a in f.stored_on_self]:
            if any(name not in b for b in branches) or (keep_current and name not in f.env):
                names.discard(name)
                f.env.pop(name, None)
    merged: dict[str, Value] = {}
    env = f.env
    for name in names:
        current = env.get(name)
        if current is not None and all([b.get(name, current) is current for b in branches]):
            # Every branch holding it kept the value it had (most names of a large scope):
            # the merge is that value, as it stands.
            continue
        vals = [b[name] for b in branches if name in b]
        if keep_current and name in f.env:
            vals.append(f.env[name])
        merged[name] = vals[0] if all(v is vals[0] for v in vals) else alt(vals)
    f.env = {**f.env, **merged}


def assign(f: Frame, target: cst.CSTNode, value: Value) -> None:
    if isinstance(target, cst.Name):
        f.env[target.value] = value
        if f.shared:
            f.unshare(target.value)
        if f.stored_on_self and target.value != f.self_name:
            _forget_local_attrs(f, target.value)
    elif isinstance(target, cst.Tuple | cst.List):
        elements = target.elements
        seqs = [o for o in options(value) if isinstance(o, Seq)]
        lazy = not seqs and has_lazy(value)
        # A sequence a caller passes (`first, *rest = argv` in a wrapper): the items before a
        # starred name are its items 0, 1, ..., known once the callers fill it in, as `argv[0]`
        # is (`expressions._subscript`); after one, their index is not known.
        params = [o for o in options(value) if not isinstance(o, Seq) and has_param(o)]
        starred = False
        for i, el in enumerate(elements):
            if isinstance(el, cst.StarredElement):
                starred = True
                assign(f, el.value, unknown("starred assignment"))
                continue
            if lazy:
                # `binary, args = get_cmd()`: each name reads its item once (if) the
                # call's result is computed (an item "attribute", see `attributes.attr_of`).
                assign(f, el.value, LazyAttr(trace=(), base=value, attr=f"[{i}]"))
                continue
            # Item i of each alternative (`for tool, argv in TABLE.items()`: of every pair).
            found = [
                o.items[i]
                if i < len(o.items) and not any(isinstance(x, Splat) for x in o.items[: i + 1])
                else unknown("unpacked value is not known")
                for o in seqs
            ]
            if params and not starred:
                found.extend(pick(o, i) for o in params)
            elif params:
                found.append(unknown("item after a starred name of a value a caller passes"))
            if len(seqs) + len(params) < len(options(value)) or not found:
                found.append(unknown("unpacked value is not known"))
            assign(f, el.value, alt(found))
    elif isinstance(target, cst.Attribute):
        base = target.value
        if isinstance(base, cst.Name) and base.value == f.self_name:
            note = f"self.{target.attr.value} set in {f.func.qualname}"
            value = _kept_on_self(f, value)
            stored = value.with_hop(f.hop(target, note)) if not isinstance(value, Ref) else value
            f.self_assigns.setdefault(target.attr.value, []).append(stored)
            f.store_on_self(target.attr.value, stored)
        else:
            held = f.eval(base)
            if _launcher(f, value):
                _note_launcher_attr(f, held, target.attr.value)
            if isinstance(base, cst.Name) and base.value in f.env and _launcher(f, value):
                # A launcher set on a local object (`obj = REG[name](); obj.runner =
                # subprocess.run`): read back as such by `obj.runner(argv)` in this flow,
                # whatever the object's construction (forgotten as `self.<attr>` is).
                f.store_on_self(f"{base.value}.{target.attr.value}", value)
    elif isinstance(target, cst.Subscript):
        if not isinstance(target.value, cst.Name) or target.value.value in f.env:
            # (A name not the frame's own is only looked up, and its value is not kept
            # (`_store`): a module's mapping stored into (`_current_config[key] = eval(v)`,
            # sympy's `polyconfig.configure`) was computed whole, every call of its
            # registrar `setup(` in the project interpreted, ~1 s of CPU on the corpus.)
            f.eval(target.value)
        _forget_self_attr(f, target.value)  # (`self.cmd[0] = ...`: not followed)
        _store(f, target, value)
        if dotted(target.value).endswith("environ"):
            _set_environ(f, target, value)


def _set_environ(f: Frame, target: cst.Subscript, value: Value | None) -> None:
    """`os.environ["TOOL"] = "codex"`: the variable's text, for the launches after it in this
    body (`sinks._stdin`); a store of text not known, or under a key not known, forgets
    (`value` None: `del os.environ["TOOL"]`)."""
    if not any(
        isinstance(o, ExternalRef) and o.name == "os.environ" for o in options(f.eval(target.value))
    ):
        return
    sl = target.slice[0].slice if len(target.slice) == 1 else None
    key = f.eval(sl.value) if isinstance(sl, cst.Index) else unknown("key")
    set_environ(f, key, value)


def note_attr_store(f: Frame, held: Value, attr: str, value: Value) -> None:
    """`setattr(held, "attr", value)`: a launcher set so is noted as `held.attr = value` is."""
    if _launcher(f, value):
        _note_launcher_attr(f, held, attr)


def _note_launcher_attr(f: Frame, held: Value, attr: str) -> None:
    """A launcher set on an attribute of a project class's instance or of the class itself
    (`client.runner = subprocess.Popen`): the calls of that attribute are looked for in the
    files naming the class (`Analyzer.launcher_attrs`), its own among them. Set on a project
    module (`tools.runner = subprocess.Popen`), the module's global is one (`launcher_globals`):
    its calls, `runner(argv)` in the module or `tools.runner(argv)` elsewhere, are looked for
    as a wrapper's, and each reads the store (`Analyzer.attr_stored_value`)."""
    if has_lazy(held):
        held = f.force(held)  # (`app.client.client`: a module's global, read when imported)
    for o in options(held):
        if isinstance(o, InstanceRef | ClassRef):
            f.analyzer.launcher_attrs.setdefault(o.cls.member(attr), set()).add(f.func.path)
        elif isinstance(o, ModuleRef):
            f.analyzer.launcher_globals.add(FuncId(o.path, attr))


def _launcher(f: Frame, value: Value) -> bool:
    """Whether every alternative of a value is a sink (`subprocess.run`) or a partial of one."""
    got = options(value)
    return bool(got) and all(sink_or_partial(o, f.analyzer.sinks) for o in got)


def _forget_local_attrs(f: Frame, name: str) -> None:
    """Local `name` bound again: what was set on its attributes is no longer its."""
    for attr in [a for a in f.stored_on_self if a.startswith(name + ".")]:
        f.forget_stored_on_self(attr)
        f.stored_on_self.discard(attr)


def _forget_self_attr(f: Frame, node: cst.BaseExpression) -> None:
    """`self.<attr>` (`node`) changed in a way not followed: read from the instance again."""
    if (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and node.value.value == f.self_name
    ):
        f.forget_stored_on_self(node.attr.value)


def _kept_on_self(f: Frame, value: Value) -> Value:
    """An instance made here and kept on `self.<attr>`: a program that the class's other
    methods launch from its constructor's arguments enters at that constructor call."""

    def kept(o: Value) -> Value:
        if isinstance(o, InstanceRef) and o.made is not None and o.made.func == f.func.id:
            return replace(o, made=replace(o.made, stored=True))
        return o

    if isinstance(value, Alt):
        return replace(value, options=tuple(kept(o) for o in value.options))
    return kept(value)


def _store(f: Frame, target: cst.Subscript, value: Value) -> None:
    """`name[key] = value`, `name[a:b] = value` on a local name: what it holds changes (a
    dict's key read later, a list's program)."""
    name = target.value.value if isinstance(target.value, cst.Name) else None
    if name is None and len(target.slice) == 1:
        _store_inside(f, target, value)
        return
    if name is None or name not in f.env or len(target.slice) != 1:
        return
    held = f.force(f.env[name])
    sl = target.slice[0].slice
    if not isinstance(value, Ref):
        value = value.with_hop(f.hop(target, "stored as {code}", target))
    if isinstance(sl, cst.Index):
        f.env[name] = store_item(held, f.eval(sl.value), value)
    elif isinstance(sl, cst.Slice):
        f.env[name] = store_slice(held, *_slice_bounds(f, sl), value)
    f.changed_in_place(name)


# How deep a container's items are searched for the local lists and dicts a store through it
# may change (`_store_inside`).
_HELD_DEPTH = 3


def _store_inside(f: Frame, target: cst.Subscript, value: Value) -> None:
    """`box[0][0] = value`, `cfg["argv"][0] = value`: a store into a list or dict held by a
    local container. Each local list or dict the container holds (`box = [argv]`, `cfg =
    {"argv": argv}`) may be the one changed: it holds what it held or what the store makes of
    it (fail closed: read as before, `argv[0]` stayed `ls`)."""
    root: cst.BaseExpression = target.value
    while isinstance(root, cst.Subscript | cst.Attribute):
        root = root.value
    if not isinstance(root, cst.Name) or root.value not in f.env:
        return
    held = _held(f.env[root.value])  # (not forced: what a local literal holds)
    if not held:
        return
    sl = target.slice[0].slice
    if not isinstance(sl, cst.Index):
        return
    key: Value | None = None
    for name, v in list(f.env.items()):
        if name == root.value or not (id(v) in held or any(id(o) in held for o in options(v))):
            continue
        if not any(isinstance(o, Seq | DictV) for o in options(v)):
            continue
        if key is None:
            key = f.eval(sl.value)
            if not isinstance(value, Ref):
                value = value.with_hop(f.hop(target, "stored as {code}", target))
        f.env[name] = alt([v, store_item(v, key, value)])
        f.changed_in_place(name)


def _held(v: Value) -> set[int]:
    """The identities of the values a list's items or a dict's values are, down to
    `_HELD_DEPTH` levels."""
    out: set[int] = set()
    todo = [(v, 0)]
    while todo:
        o, depth = todo.pop()
        for x in options(o):
            if isinstance(x, Seq):
                kids = [i.inner if isinstance(i, Splat) else i for i in x.items]
            elif isinstance(x, DictV):
                kids = [val for _, val in x.entries]
            else:
                continue
            for k in kids:
                out.add(id(k))
                if depth + 1 < _HELD_DEPTH:
                    todo.append((k, depth + 1))
    return out


def element_of(f: Frame, items: Value, node: cst.CSTNode) -> Value:
    """A loop variable: any element of a known sequence (or key of a dict); of a parameter's
    items, what the callers pass where that matters for a launch (`Analyzer.item_funcs`)."""
    what = describe(node)
    # (An unpacked parameter's item is unknown by that reason until the callers fill it in.)
    wait = f.analyzer.items_wait(
        f.func.id, items, f"element of {what}", "element of an unpacked sequence"
    )
    found: list[Value] = []
    for o in options(items):
        if isinstance(o, YieldsRef):
            found.append(o.item)  # a generator's: one of the values it yields
        elif isinstance(o, OutputRef) and (line := line_of(o)) is not None:
            found.append(line)  # a line read from a launched program's output
        else:
            found.extend(items_of(o, what, wait))
    return alt(found) if found else unknown("empty loop")


def scan_rest(f: Frame, nodes: Sequence[cst.CSTNode], *, reached: bool = False) -> None:
    """Evaluate calls (and walruses) the statement walk did not reach (lambdas, decorators, odd statements).
    `reached`: the walk is at `nodes` now (an expression or statement it does not model, `not
    which(b)`), so their calls run now even if an earlier run of the same nodes ran them: an
    unrolled loop's next item, a comprehension's next binding (only the calls one of them
    evaluates while this scan runs are skipped)."""
    calls = _calls_under(f, nodes)
    if reached:
        f.visited.difference_update(map(id, calls))
    for n in calls:
        if id(n) not in f.visited:
            f.eval(n)


# Nodes that hold no code (their one field is their text): `children` need not be asked.
# Names are two in five of the nodes walked.
_LEAVES = frozenset({cst.Name, cst.SimpleString, cst.Integer, cst.Float, cst.Imaginary})


def _calls_under(f: Frame, nodes: Sequence[cst.CSTNode]) -> list[cst.CSTNode]:
    """The calls under `nodes` in the order the walk meets them (not into other functions and
    classes than `nodes`), found once per run: which of them were reached changes, not they."""
    key = tuple(map(id, nodes))
    known = f.analyzer.calls_under.get(key)
    if known is not None:
        return known[1]
    calls: list[cst.CSTNode] = []
    stack = list(nodes)
    leaves = _LEAVES
    while stack:
        n = stack.pop()
        t = type(n)  # concrete node classes: `is` spares the ABC isinstance check
        if t is cst.Call or t is cst.NamedExpr:
            # (A walrus binds its name as it is evaluated: `if not (exe := which("x")):`.
            # It comes before the calls under it, which it evaluates, so they are not again.)
            calls.append(n)
        elif t in leaves or ((t is cst.FunctionDef or t is cst.ClassDef) and n not in nodes):
            continue
        stack.extend(children(n))
    f.analyzer.calls_under[key] = (tuple(nodes), calls)
    return calls


def _defined_here(f: Frame, node: cst.CSTNode, value: Value, target: cst.CSTNode) -> Value:
    """At module and class level, note where a constant was defined (the trace's origin)."""
    if not (f.module_level or f.class_body):
        return value
    if isinstance(target, cst.Tuple | cst.List) and isinstance(value, Seq):
        return _unpacked_here(f, node, value, target)
    name = dotted(target) if isinstance(target, cst.Name | cst.Attribute) else ""
    if not name:
        return value
    if f.class_body:
        name = f"{f.func.qualname.split('.')[-1]}.{name}"
    rhs = node.value if isinstance(node, cst.Assign | cst.AnnAssign) and node.value else node
    note = f"{name} defined as {{code}}"  # the hop's own location says where
    return value.with_trace((f.hop(node, note, rhs),)) if not isinstance(value, Ref) else value


def _unpacked_here(f: Frame, node: cst.CSTNode, value: Seq, target: cst.Tuple | cst.List) -> Value:
    """`A, B = NAME, "x"` at module or class level: each name's item gets its own hop,
    with the matching item of the right-hand side as the code when it is spelt out."""
    rhs = node.value if isinstance(node, cst.Assign | cst.AnnAssign) else None
    spelt = rhs.elements if isinstance(rhs, cst.Tuple | cst.List) else None
    items = list(value.items)
    for i, el in enumerate(target.elements):
        if isinstance(el, cst.StarredElement) or i >= len(items):
            break  # later items' positions are not known
        if isinstance(items[i], Splat | Ref):
            continue
        name = dotted(el.value) if isinstance(el.value, cst.Name | cst.Attribute) else ""
        if not name:
            continue
        if f.class_body:
            name = f"{f.func.qualname.split('.')[-1]}.{name}"
        code = spelt[i].value if spelt is not None and len(spelt) == len(target.elements) else rhs
        hop = f.hop(el.value, f"{name} defined as {{code}}", code)
        items[i] = items[i].with_trace((hop,))
    return replace(value, items=tuple(items))


def _module_lambda(f: Frame, name: str, node: cst.Lambda) -> None:
    """`run = lambda argv: subprocess.run(argv)` at module level is a function like a `def`
    (callers in other modules, a wrapper): a stand-in `def name(...): return body`."""
    fid = FuncId(f.func.path, name)
    stand_in = cst.FunctionDef(
        name=cst.Name(name),
        params=node.params,
        body=cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[cst.Return(node.body)])]),
    )
    f.piece.stand_ins[id(stand_in)] = node
    stack: list[cst.CSTNode] = [node.body]  # its calls run in its own summary, not here
    while stack:
        n = stack.pop()
        if type(n) is cst.Call:
            f.visited.add(id(n))
        stack.extend(children(n))
    fd = FuncDef(fid, f.func.path, name, stand_in, block(stand_in.body), f.piece)
    f.defined.append(fd)
    f.analyzer.define(fd)
    f.env[name] = FuncRef(trace=(), func=fid)


def grown_names(f: Frame, loop: cst.For | cst.While) -> frozenset[str]:
    """`grown_names_of` a loop's body, once per loop (a function is interpreted again for
    each context it is called in)."""
    memo = f.analyzer.grown
    got = memo.get(id(loop))
    if got is None or got[0] is not loop:
        got = memo[id(loop)] = (loop, frozenset(grown_names_of(loop.body)))
    return got[1]


def _known_items(items: Value) -> list[Value] | None:
    """The items of a loop's iterable when it is one known sequence (no unpacked part)."""
    if isinstance(items, Seq) and not any(isinstance(i, Splat) for i in items.items):
        return list(items.items)
    return None


def _loop_body(body: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The nodes of a loop body, not those of functions, classes or lambdas defined in it."""
    stack: list[cst.CSTNode] = [body]
    while stack:
        n = stack.pop()
        yield n
        if type(n) not in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
            stack.extend(children(n))


def grown_names_of(body: cst.BaseSuite) -> set[str]:
    """Names a loop body builds on their own value: `x += ...`, `x = ... x ...`, `x.append(...)`
    (also `extend`, `insert`)."""
    out: set[str] = set()
    for n in _loop_body(body):
        # (`type(...) is`: concrete node classes, and the check narrows for the type checker.)
        if type(n) is cst.AugAssign:
            if type(n.target) is cst.Name:
                out.add(n.target.value)
        elif type(n) is cst.Assign:
            names = {t.target.value for t in n.targets if type(t.target) is cst.Name}
            if names:
                out.update(
                    x.value for x in _loop_body(n.value) if type(x) is cst.Name and x.value in names
                )
        elif type(n) is cst.Call:
            func = n.func
            if (
                type(func) is cst.Attribute
                and type(func.value) is cst.Name
                and func.attr.value in LIST_MUTATORS
            ):
                out.add(func.value.value)
    return out


def shrunk_names_of(body: cst.BaseSuite) -> set[str]:
    """Local lists a loop body takes items out of or moves (`argv.pop(0)`, `del argv[0]`):
    after the loop any item may lead (`_shrink`), not only the one pass's."""
    out: set[str] = set()
    for n in _loop_body(body):
        if type(n) is cst.Call:
            func = n.func
            if (
                type(func) is cst.Attribute
                and type(func.value) is cst.Name
                and func.attr.value in LIST_REMOVERS
            ):
                out.add(func.value.value)
        elif type(n) is cst.Del:
            for target in _del_targets(n):
                if type(target) is cst.Subscript and type(target.value) is cst.Name:
                    out.add(target.value.value)
    return out


def _shrink(f: Frame, loop: cst.For | cst.While, after: dict[str, Value], where: str) -> None:
    """After one pass over a loop body that takes items out of a list: the list as the loop
    leaves it is not known (the pass may have run any number of times: `while argv[0] !=
    "codex": argv.pop(0)`), beside what the pass read."""
    memo = f.analyzer.grown
    got = memo.get(~id(loop))  # (beside `grown_names`' entry for the loop, once per loop too)
    if got is None or got[0] is not loop:
        got = memo[~id(loop)] = (loop, frozenset(shrunk_names_of(loop.body)))
    for name in got[1]:
        if name in after and name in f.env:
            gone = seq([Splat(trace=(), inner=unknown(f"items taken out in {where}"))])
            f.env[name] = alt([f.env[name], gone])


def _exits_early(body: cst.BaseSuite) -> bool:
    """Whether a loop body may leave an iteration or the loop early (`break`, `continue`,
    `return`, `raise`; for the loop itself, not for one nested in it)."""
    stack: list[tuple[cst.CSTNode, bool]] = [(body, True)]
    while stack:
        n, own = stack.pop()
        if isinstance(n, cst.Return | cst.Raise) or (
            own and isinstance(n, cst.Break | cst.Continue)
        ):
            return True
        if not isinstance(n, cst.FunctionDef | cst.ClassDef | cst.Lambda):
            inner = own and not isinstance(n, cst.For | cst.While)
            stack.extend((c, inner) for c in children(n))
    return False
