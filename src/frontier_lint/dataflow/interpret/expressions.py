"""Expressions: literals, names, operators, comprehensions, lambdas, and the chains of
attribute reads, calls and subscripts (`a.b(c)[d]`), evaluated to values.

Long chains (`a + b + ...`, `x.y.z...`) are walked in a loop, not recursively: a chain thousands
of links long is valid Python. What an attribute read or a call means is asked of the frame
(`attributes`, `calls`). Each handler takes the frame; `dispatch` maps node types to them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from itertools import product
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import (
    LazyImport,
    LocalFunc,
    has_lazy,
    instance_read,
    parameter_items,
    pick,
    plain_key,
)
from frontier_lint.dataflow.models import commands
from frontier_lint.dataflow.models.builtins import BUILTINS, dict_get, merged, namespace_item
from frontier_lint.dataflow.models.stdlib import PATH_CLASSES, TEXT_KEEPING_CALLS, external_item
from frontier_lint.dataflow.refs import CommandRef, ExternalRef, ItemsRef, NamespaceRef, YieldsRef
from frontier_lint.dataflow.summaries import param_nodes
from frontier_lint.dataflow.values import (
    ASSIGNMENT_ITEMS,
    HOLE,
    MAX_ALTERNATIVES,
    MAX_ITEMS,
    Alt,
    Concat,
    Const,
    DictV,
    Param,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    as_text,
    assignment_shaped,
    concat,
    has_param,
    hole_reason,
    map_text,
    options,
    past_combinations,
    seq,
    seq_concat,
    string,
    unknown,
)
from frontier_lint.frontend.syntax import describe, dotted, literal, literal_value

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

_FALSY = object()
_TRAILERS = (cst.Attribute, cst.Call, cst.Subscript)
_CONSTANTS = {"None": None, "True": True, "False": False}


# --- literals and names -----------------------------------------------------------------------


def simple_string(f: Frame, node: cst.SimpleString) -> Value:
    v = literal(node)
    if v is None:
        return unknown(f"a string literal CPython rejects: {node.value[:40]}")
    return string(v) if isinstance(v, str) else Const(trace=(), value=v)


def concatenated_string(f: Frame, node: cst.ConcatenatedString) -> Value:
    parts: list[Value] = []
    rest: cst.BaseExpression = node
    while isinstance(rest, cst.ConcatenatedString):  # `"a" "b" "c"` nests on the right
        parts.append(f.eval(rest.left))
        rest = rest.right
    return concat([*parts, f.eval(rest)])


def formatted_string(f: Frame, node: cst.FormattedString) -> Value:
    parts: list[Value] = []
    for p in node.parts:
        if isinstance(p, cst.FormattedStringText):
            parts.append(string(_fstring_text(node, p.value)))
        elif isinstance(p, cst.FormattedStringExpression):
            v = f.force_text(f.eval(p.expression))
            parts.append(v if p.format_spec is None else as_text(unknown("formatted value")))
    return concat(parts)


def number(f: Frame, node: cst.Integer | cst.Float) -> Value:
    value = literal_value(node.value)
    if value is None:  # (not 0: a wrong index could pick a clean item)
        return unknown(f"a number literal CPython rejects: {node.value[:40]}")
    return Const(trace=(), value=value)


def sequence(f: Frame, node: cst.List | cst.Tuple) -> Value:
    items: list[Value] = []
    for el in node.elements:
        v = f.eval(el.value)
        items.append(Splat(trace=v.trace, inner=v) if isinstance(el, cst.StarredElement) else v)
    return seq(items)


def dictionary(f: Frame, node: cst.Dict) -> Value:
    entries: list[tuple[Value, Value]] = []
    for el in node.elements:
        if isinstance(el, cst.DictElement):
            entries.append((f.eval(el.key), f.eval(el.value)))
        else:
            entries = merged(entries, f.eval(el.value))
    return DictV(trace=(), entries=tuple(entries))


def name(f: Frame, node: cst.Name) -> Value:
    const = _CONSTANTS.get(node.value, _FALSY)
    if const is not _FALSY:
        return Const(trace=(), value=const)
    return lookup_name(f, node.value, node)


# --- operators and the rest -------------------------------------------------------------------


def await_expression(f: Frame, node: cst.Await) -> Value:
    v = f.eval(node.expression)
    f.forget_stored_on_self()  # (other tasks run meanwhile)
    return v


def yield_expression(f: Frame, node: cst.Yield) -> Value:
    """`yield x` (a generator's items, `YieldsRef`), `yield from items` (theirs)."""
    f.forget_stored_on_self()  # (its consumer runs, and may change the instance, meanwhile)
    if isinstance(node.value, cst.From):
        items = f.force(f.eval(node.value.item))
        for o in options(items):
            if isinstance(o, YieldsRef):
                f.yields.append(o.item)
            elif isinstance(o, Seq):
                f.yields.extend(i for i in o.items if not isinstance(i, Splat))
            else:
                f.yields.append(unknown(f"item of {describe(node.value.item)}"))
    else:
        f.yields.append(
            f.eval(node.value) if node.value is not None else Const(trace=(), value=None)
        )
    return unknown("value sent into a generator")


def conditional(f: Frame, node: cst.IfExp) -> Value:
    f.eval(node.test)
    return alt([f.eval(node.body), f.eval(node.orelse)])


def named_expression(f: Frame, node: cst.NamedExpr) -> Value:
    v = f.eval(node.value)
    f.assign(node.target, v)
    return v


def computed(f: Frame, node: cst.UnaryOperation | cst.Comparison) -> Value:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus | cst.Plus):
        # A negative index or slice bound (`args[:-2]`).
        v = f.eval(node.expression)
        if isinstance(v, Const) and type(v.value) is int:
            sign = -1 if isinstance(node.operator, cst.Minus) else 1
            return Const(trace=(), value=sign * v.value)
        return unknown("a computed value")
    f.scan_rest([node], reached=True)
    return unknown("a computed value")


def lambda_expression(f: Frame, node: cst.Lambda) -> Value:
    # Its calls count where it is written (parameters unknown), and again with the arguments
    # of each call made in this function (`calls.call_local`).
    saved = f.env
    f.env = dict(saved)
    for p in param_nodes(node.params):
        f.env[p.name.value] = unknown(f"parameter `{p.name.value}` of a lambda")
    f.scan_rest([node.body])
    f.env = saved
    env = f.without_stored_on_self(saved)
    return LocalFunc(trace=(), node=node, func=f.func.id, env=tuple(env.items()), piece=f.piece)


def other_expression(f: Frame, node: cst.CSTNode) -> Value:
    """The rest: their calls still count."""
    f.scan_rest([node], reached=True)
    return unknown(f"{type(node).__name__} expression")


def trailers(f: Frame, node: cst.BaseExpression) -> Value:
    """`a.b(c)[d].e`: a chain of attribute reads, calls and subscripts, evaluated from its
    base outwards in a loop (a chain thousands of links long is valid Python)."""
    chain: list[cst.Attribute | cst.Call | cst.Subscript] = []
    base: cst.BaseExpression = node
    while True:  # (`type(...) is`: concrete node classes, and it narrows for the type checker)
        if type(base) is cst.Call:
            chain.append(base)
            base = base.func
        elif type(base) is cst.Attribute or type(base) is cst.Subscript:
            chain.append(base)
            base = base.value
        else:
            break
    start = len(chain) - 1
    v = _stored_on_self(f, base, chain[start]) if chain and f.stored_on_self else None
    if v is not None:
        start -= 1  # (`self.<attr>` as this method stored it)
    else:
        v = f.eval(base)
    for i in range(start, -1, -1):
        link = chain[i]
        if type(link) is cst.Attribute:
            v = f.attr_of(v, link.attr.value, link)
        elif type(link) is cst.Call:
            f.visited.add(id(link))
            f.in_place = link if i and type(chain[i - 1]) is cst.Attribute else None
            v = f.call(link, v)
        elif type(link) is cst.Subscript:
            v = _subscript(f, link, v)
    return v


def _stored_on_self(
    f: Frame, base: cst.BaseExpression, link: cst.Attribute | cst.Call | cst.Subscript
) -> Value | None:
    """`self.<attr>` read after this method stored it (nothing since may have changed it):
    the value stored (`Frame.store_on_self`), not every value the class stores."""
    if type(link) is not cst.Attribute or type(base) is not cst.Name:
        return None
    if base.value != f.self_name:
        # (A launcher set on a local object: `statements.assign`.)
        return f.stored_value_on_self(f"{base.value}.{link.attr.value}")
    return f.stored_value_on_self(link.attr.value)


def operations(f: Frame, node: cst.BinaryOperation | cst.BooleanOperation) -> Value:
    """`a + b + c`, `a or b or c`: operations nest on the left; evaluated from the
    leftmost operand outwards in a loop (a 500-term concatenation is valid Python)."""
    chain: list[cst.BinaryOperation | cst.BooleanOperation] = []
    operand: cst.BaseExpression = node
    while isinstance(operand, cst.BinaryOperation | cst.BooleanOperation):
        chain.append(operand)
        operand = operand.left
    v = f.eval(operand)
    for op in reversed(chain):
        if isinstance(op, cst.BinaryOperation):
            left = f.force(v)
            right = f.eval(op.right)
            # `"%s" % (a, b)` makes text of its operands (`_percent`) unless a command object
            # takes the operator: what a reference among them holds is not computed.
            text = isinstance(op.operator, cst.Modulo) and not _is_command(left)
            v = _binary(f, op, left, f.force_text(right) if text else f.force(right))
        elif isinstance(op.operator, cst.Or):
            right = f.eval(op.right)
            if any(instance_read(o) is not None for o in options(v)):
                v = f.force(v)  # `self.cmd or "default"`: a None drops out here
            v = alt([*(o for o in options(v) if not _falsy(o)), right])
        else:
            v = alt([f.eval(op.right)])
    return v


def _is_command(v: Value) -> bool:
    return type(v) is CommandRef or (
        type(v) is Alt and any(type(o) is CommandRef for o in v.options)
    )


def _binary(f: Frame, node: cst.BinaryOperation, left: Value, right: Value) -> Value:
    if isinstance(node.operator, cst.Add):
        return add(f, left, right, node)
    if _is_command(left):
        got = commands.operate(f, node, left, right)  # `cmd & FG`, `ls | grep`
        if got is not None:
            return got
    if isinstance(node.operator, cst.Modulo):
        return _percent(f, left, right)
    if isinstance(node.operator, cst.Multiply):
        repeated = _repeated(left, right) or _repeated(right, left)
        if repeated is not None:
            return repeated
    is_text = any(isinstance(o, Str | Concat) for o in options(left))
    if isinstance(node.operator, cst.Divide) and (
        is_text or _is_path(f, left) or _joins_name(left, right)
    ):
        return concat([left, string("/"), right])  # pathlib's `/`
    return unknown(f"result of {describe(node)}")


def _repeated(items: Value, count: Value) -> Value | None:
    """`[x, y] * n`, a list or tuple repeated: with `n` a known int, the items that many times
    (in order); else any number of copies of them (a loop over it reads one of its items, while
    its first item stays not known: there may be none). None when `items` is not a sequence."""
    seqs = options(items)
    if not seqs or not all(isinstance(o, Seq) for o in seqs):
        return None
    if isinstance(count, Const) and type(count.value) is int and 0 <= count.value <= MAX_ITEMS:
        return alt([seq(list(o.items) * count.value, o.trace) for o in seqs if isinstance(o, Seq)])
    known = [i for o in seqs if isinstance(o, Seq) for i in o.items]
    if not known or any(isinstance(i, Splat) for i in known):
        return None
    return seq([Splat(trace=(), inner=ItemsRef(trace=(), args=(alt(known),)))])


def comprehension(
    f: Frame, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp
) -> Value:
    """The element run with the loop variables bound to each known item of the iterables (each
    alternative of an iterable, each item of an inner loop over each item of the outer one), at
    most MAX_ITEMS runs; an item not known (an unpacked part, an unknown iterable) is run once
    as the unknown it is. A single unfiltered loop keeps the items' order
    (`[str(a) for a in (BIN, "x")]`, each alternative list mapped on its own); otherwise (a
    filter, an inner loop, a set) the first item is any of the element's values and the rest
    are not known. Nothing enumerable: items not known, as an opaque iterable's."""
    saved = f.env
    try:
        mapped = _mapped_items(f, node)
        if mapped is not None:
            return mapped
        runs = _Runs()
        f.env = dict(saved)
        _run_loops(f, node, node.for_in, runs)
    finally:
        f.env = saved
        f.forget_stored_on_self()  # (its calls may have changed the instance)
    # Items each a `NAME=value` word (`*(f"{k}={v}" for k, v in env.items())`): said so.
    shaped = bool(runs.values) and all(map(assignment_shaped, runs.values))
    why = ASSIGNMENT_ITEMS if shaped else "items of a comprehension"
    if not runs.enumerated:
        return seq([Splat(trace=(), inner=unknown(why))])
    past = [unknown(runs.bound)] if runs.bound else []
    if isinstance(node, cst.DictComp):
        entries = [(k, v) for k, v in runs.pairs]
        entries.extend((u, u) for u in past)
        return DictV(trace=(), entries=tuple(entries))
    if not runs.values and not past:
        return seq([])
    rest = unknown(why)
    return seq([alt([*runs.values, *past]), Splat(trace=(), inner=rest)])


class _Runs:
    """What the runs of a comprehension's element gave (`_run_loops`)."""

    def __init__(self) -> None:
        self.left = MAX_ITEMS  # runs left before the bound
        self.values: list[Value] = []  # the element's values (a set's or a list's)
        self.pairs: list[tuple[Value, Value]] = []  # the key and value of a dict's
        self.enumerated = False  # whether some loop variable was bound to a known item
        self.bound = ""  # the reason of the items past the bound, once met


def _bindings(f: Frame, items: Value, node: cst.CSTNode) -> list[tuple[Value, bool]]:
    """Each value a loop variable takes over `items` (each alternative's), and whether it is a
    known item (not an unpacked part or an opaque iterable's element, run once as unknown)."""
    out: list[tuple[Value, bool]] = []
    for o in options(items):
        if isinstance(o, Seq):
            out.extend(
                (i, True) if not isinstance(i, Splat) else (_unpacked(i), False) for i in o.items
            )
        elif isinstance(o, DictV):
            out.extend((k, True) for k, _ in o.entries)
        elif isinstance(o, YieldsRef):
            out.append((o.item, True))  # a generator's: one of the values it yields
        else:
            out.append((f.element_of(o, node), False))  # (as a loop over it reads it)
    return out


def _unpacked(part: Splat) -> Value:
    """An element of an unpacked part of a sequence: not known; an unknown part's own reason
    where it has one (`more than 256 items`)."""
    inner = part.inner
    if isinstance(inner, ItemsRef):
        return inner.item  # a comprehension's over a parameter's items: its element
    return inner if isinstance(inner, Unknown) else unknown("element of an unpacked sequence")


def _run_loops(
    f: Frame,
    node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp,
    for_in: cst.CompFor,
    runs: _Runs,
) -> None:
    # Not forced (a deferred call's result stays opaque here): forcing it from this context
    # computed the callee's summary in it first, which moved unresolved reports of an unrelated
    # wrapper's callers on the dense project (docs/design.md, "Order").
    items = f.eval(for_in.iter)
    saved = f.env
    for value, known in _bindings(f, items, for_in.iter):
        if runs.left <= 0:
            runs.bound = f"more than {MAX_ITEMS} items of a comprehension"
            break
        f.env = dict(saved)
        f.assign(for_in.target, value)
        runs.enumerated = runs.enumerated or known
        for cond in for_in.ifs:
            f.eval(cond.test)
        if for_in.inner_for_in is not None:
            _run_loops(f, node, for_in.inner_for_in, runs)
            continue
        runs.left -= 1
        if isinstance(node, cst.DictComp):
            runs.pairs.append((f.eval(node.key), f.eval(node.value)))
        else:
            runs.values.append(f.eval(node.elt))
    f.env = saved


def _mapped_items(
    f: Frame, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp
) -> Value | None:
    """A single unfiltered loop of a list or a generator, over known items: each alternative
    list mapped item by item, in order (an unpacked part maps to unknown items); None if the
    comprehension is not such a loop or no alternative of its iterable is a list or a dict."""
    for_in = node.for_in
    if (
        isinstance(node, cst.DictComp | cst.SetComp)  # (a set's order is not the source's)
        or for_in.inner_for_in is not None
        or for_in.ifs
        or for_in.asynchronous is not None
    ):
        return None
    items = f.force(f.eval(for_in.iter))
    if has_param(items) and _keeps_items(node.elt, for_in.target):
        # `[str(a) for a in command]` of a wrapper's parameter: the caller's items.
        return seq([Splat(trace=(), inner=items)])
    # `[get_spec(c) for c in clis]` in an item function (`Analyzer.item_funcs`): its items are
    # the element made of each item the callers pass (a loop over them reads one).
    wait = f.analyzer.items_wait(
        f.func.id, items, "items of a comprehension", "element of an unpacked sequence"
    )
    if not any(isinstance(o, Seq | DictV) or (wait and parameter_items(o)) for o in options(items)):
        return None
    saved = f.env
    left = MAX_ITEMS
    out: list[Value] = []
    for o in options(items):
        if wait and parameter_items(o):
            f.env = dict(saved)
            f.assign(for_in.target, f.element_of(o, for_in.iter))
            out.append(seq([Splat(trace=(), inner=ItemsRef(trace=(), args=(f.eval(node.elt),)))]))
            continue
        if not isinstance(o, Seq | DictV):
            f.env = dict(saved)
            f.assign(for_in.target, f.element_of(o, for_in.iter))
            elt = f.eval(node.elt)  # (also for the calls it makes)
            # `*(f"{k}={v}" for k, v in env.items())`: each item an assignment, whatever the
            # items are (`env`'s grammar skips any number of them before the program).
            said = ASSIGNMENT_ITEMS if assignment_shaped(elt) else "items of a comprehension"
            out.append(seq([Splat(trace=(), inner=unknown(said))]))
            continue
        mapped: list[Value] = []
        for i in o.items if isinstance(o, Seq) else tuple(k for k, _ in o.entries):
            if left <= 0:
                why = unknown(f"more than {MAX_ITEMS} items of a comprehension")
                mapped.append(Splat(trace=(), inner=why))
                break
            left -= 1
            f.env = dict(saved)
            if isinstance(i, Splat):
                f.assign(for_in.target, _unpacked(i))
                f.eval(node.elt)  # (for the calls it makes)
                why = (
                    i.inner if isinstance(i.inner, Unknown) else unknown("items of a comprehension")
                )
                mapped.append(Splat(trace=(), inner=why))
                continue
            f.assign(for_in.target, i)
            mapped.append(f.eval(node.elt))
        out.append(seq(mapped, o.trace))
    f.env = saved
    return alt(out)


def _is_path(f: Frame, v: Value) -> bool:
    return any(isinstance(o, ExternalRef) and o.name in PATH_CLASSES for o in options(v))


def _joins_name(left: Value, right: Value) -> bool:
    """`base / "bin" / "pip"` with `base` not known here (a `Path` parameter, a call's result):
    a literal name divided onto something that is not a number, a list or a dict is a path
    join, whose last part is the program's name whatever the base. Also a name a caller passes
    (`Path(sys.executable).parent / exe` in a builder given "mitmdump"): text there is a path
    join (a string divides nothing else); a number there leaves the result not a string."""
    if not all(
        (isinstance(o, Str) and HOLE not in o.text and o.text) or isinstance(o, Param)
        for o in options(right)
    ):
        return False
    return not any(isinstance(o, Const | Seq | DictV) for o in options(left))


def lookup_name(f: Frame, name: str, node: cst.CSTNode | None = None) -> Value:
    if name in f.env:
        v = f.env[name]
        if isinstance(v, LazyImport):
            v = f.env[name] = f.resolve_import(v)
        if f.volatile is not None and name in f.volatile:
            return alt([v, *f.volatile[name]])
        return v
    if f.class_body or not f.module_level:
        scope = f.scope
        if scope is not None:
            v = scope.lookup(name)
            if isinstance(v, Unknown) and v.reason.startswith("`") and name in BUILTINS:
                return ExternalRef(trace=(), name=f"builtins.{name}")
            if isinstance(v, Unknown) and v.reason.startswith("`") and name == "__builtins__":
                return _BUILTINS_MODULE
            return v
    if f.module_level and f.scope is not None and name not in BUILTINS:
        v = f.scope.lookup(name)
        if isinstance(v, Unknown) and v.reason.startswith("`") and name == "__builtins__":
            return _BUILTINS_MODULE
        return v
    if name in BUILTINS:
        return ExternalRef(trace=(), name=f"builtins.{name}")
    return unknown(f"`{name}` is not defined")


# `__builtins__` not bound by the module: the builtins module (in `__main__`; a module imported
# has its dict, whose attributes are not the builtins: read as the module, it fails closed).
_BUILTINS_MODULE = ExternalRef(trace=(), name="builtins")


def _subscript(f: Frame, node: cst.Subscript, value: Value) -> Value:
    base = f.force(value)
    if f.analyzer.command_families and commands.holds_command(f, base):
        return commands.subscript(f, node, base)  # `local["codex"]`, `ls["-l", "-a"]`
    if len(node.slice) != 1:
        return unknown("multi-dimensional subscript")
    sl = node.slice[0].slice
    if isinstance(sl, cst.Index):
        key = f.eval(sl.value)
        out: list[Value] = []
        # The mappings together: a key one of them lacks raises KeyError there (`dict_get`).
        dicts = [o for o in options(base) if isinstance(o, DictV)]
        if dicts:
            out.append(dict_get(alt(dicts), key))
        for o in _spread(base):
            if isinstance(o, DictV):
                continue
            elif isinstance(o, Seq) and isinstance(key, Const) and isinstance(key.value, int):
                idx = key.value
                if (
                    all(not isinstance(i, Splat) for i in o.items)
                    and -len(o.items) <= idx < len(o.items)
                ) or (
                    idx >= 0
                    and all(not isinstance(i, Splat) for i in o.items[: idx + 1])
                    and idx < len(o.items)
                ):
                    out.append(o.items[idx])
                else:
                    out.append(unknown(_splat_reason(o) or "index into a partly known sequence"))
            elif (
                isinstance(key, Const)
                and type(key.value) is int
                and key.value >= 0
                and (has_param(o) or has_lazy(o))
            ):
                # `argv[0]` of what a caller passes: the item, once it is known (`lazy.pick`).
                out.append(pick(o, key.value))
            elif type(key) is Str and plain_key(key) and type(o) is Param:
                # `spec["cmd"]` of a mapping a caller passes: its entry, once it is known.
                # (A parameter itself only: with a deferred call's result or a value holding
                # a parameter also picked later, the dense project took 4x its CPU, then, with
                # equality fixed (`values._eq_once`), +20 %, for no finding more: design.md.)
                out.append(pick(o, key.text, subscript=True))
            elif isinstance(o, NamespaceRef):
                out.append(namespace_item(f, o, key, node))  # `vars(subprocess)["run"]`
            else:
                known = external_item(f, o.name, key) if isinstance(o, ExternalRef) else None
                why = f"item of {describe(node.value)}"
                if isinstance(o, Unknown):
                    why = f"{why} ({o.reason})"  # why the container is not known (a bound?)
                out.append(known if known is not None else unknown(why))
        return alt(out)
    if isinstance(sl, cst.Slice):
        lower = _slice_bound(f, sl.lower)
        upper = _slice_bound(f, sl.upper)
        step = _slice_bound(f, sl.step)
        if not (isinstance(step, Const) and step.value in (None, 1)):
            # `"xedoc"[::-1]`: read with the step where all is known, else not known (never
            # as the slice without its step).
            return _stepped(base, lower, upper, step, node)
        if isinstance(lower, Const) and isinstance(upper, Const):
            lo, hi = lower.value, upper.value
            if (lo is None or isinstance(lo, int)) and (hi is None or isinstance(hi, int)):
                out = []
                window = slice(lo, hi)
                for o in _spread(base):
                    if isinstance(o, Const) and o.value is None:
                        continue  # `None[:-1]` raises TypeError: this alternative goes no further
                    if lo is None and hi is None and sl.step is None and has_param(o):
                        out.append(o)  # `cmd[:]`: a copy of what the caller passes
                    elif isinstance(o, Str):
                        out.append(map_text(o, lambda s: s[window]))
                    elif isinstance(o, Seq) and not any(isinstance(i, Splat) for i in o.items):
                        out.append(seq(list(o.items[lo:hi]), o.trace))
                    elif isinstance(o, Seq) and (kept := _ends_slice(o.items, lo, hi)):
                        out.append(seq(kept, o.trace))
                    elif isinstance(o, Seq) and (lo or 0) >= 0 and hi is not None and hi >= 0:
                        head = o.items[:hi]
                        if not any(isinstance(i, Splat) for i in head):
                            out.append(seq(list(head[lo:]), o.trace))
                        else:
                            why = _splat_reason(o) or "slice of a partly known sequence"
                            out.append(seq([Splat(trace=(), inner=unknown(why))]))
                    else:
                        why = (_splat_reason(o) if isinstance(o, Seq) else "") or (
                            "slice of an unknown value"
                        )
                        out.append(seq([Splat(trace=(), inner=unknown(why))]))
                if out:
                    return alt(out)
    return unknown(f"slice of {describe(node.value)}")


def _stepped(base: Value, lower: Value, upper: Value, step: Value, node: cst.Subscript) -> Value:
    """`value[lo:hi:step]` with a step other than 1: each known text or sequence of known
    items sliced so, anything else not known."""
    bounds: list[int | None] = []
    for x in (lower, upper, step):
        if not (isinstance(x, Const) and (x.value is None or type(x.value) is int)):
            return unknown(f"slice of {describe(node.value)} with a bound or step not known")
        bounds.append(x.value)
    if not bounds[2]:
        return unknown(f"slice of {describe(node.value)} with a step not known")
    window = slice(bounds[0], bounds[1], bounds[2])
    out: list[Value] = []
    for o in options(base):
        if isinstance(o, Str) and HOLE not in o.text:
            out.append(replace(o, text=o.text[window]))
        elif isinstance(o, Seq) and not any(isinstance(i, Splat) for i in o.items):
            out.append(seq(list(o.items[window]), o.trace))
        else:
            out.append(unknown(f"slice of {describe(node.value)} with a step"))
    return alt(out)


def _spread(v: Value) -> tuple[Value, ...]:
    """The alternatives of `v`, with a sequence's unpacked parts that are each one of some known
    sequences chosen: `list(build())` and `[*build()]` of a list `build` grows in branches hold
    `*(["agent"] | ["agent", "--key", k])`, whose `[0]` is "agent" in every choice. A sequence
    whose choices exceed the bound stays as it is (its index is then partly known)."""
    out: list[Value] = []
    for o in options(v):
        if not isinstance(o, Seq) or not any(_known_choices(i) for i in o.items):
            out.append(o)
            continue
        parts = [
            [Splat(trace=i.trace, inner=x) for x in options(i.inner)]
            if isinstance(i, Splat) and _known_choices(i)
            else [i]
            for i in o.items
        ]
        count = 1
        for p in parts:
            count *= len(p)
        if count > MAX_ALTERNATIVES:
            out.append(o)
            continue
        out.extend(seq(list(choice), o.trace) for choice in product(*parts))
    return tuple(out)


def _known_choices(item: Value) -> bool:
    """An unpacked part that is one of several known sequences."""
    return (
        isinstance(item, Splat)
        and isinstance(item.inner, Alt)
        and all(isinstance(x, Seq) for x in item.inner.options)
    )


def _slice_bound(f: Frame, node: cst.BaseExpression | None) -> Value:
    if node is None:
        return Const(trace=(), value=None)
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, cst.Integer)
    ):
        return Const(trace=(), value=-int(node.expression.value, 0))  # `args[:-2]`
    return f.eval(node)


def _ends_slice(items: tuple[Value, ...], lo: int | None, hi: int | None) -> list[Value] | None:
    """`argv[lo:hi]` of a sequence with unpacked parts of unknown length in the middle, when the
    cut falls in its known ends: `[codex, *overrides, "app-server", "--listen", url][:-2]`
    (from the start up to the first unpacked part, from the end down to the last one)."""
    marks = [i for i, x in enumerate(items) if isinstance(x, Splat)]
    start, stop = lo or 0, hi or 0
    if not marks or start < 0 or stop > 0 or (hi is not None and stop == 0):
        return None
    if start > marks[0] or len(items) + stop <= marks[-1]:
        return None
    return list(items[start : len(items) + stop])


def add(f: Frame, left: Value, right: Value, node: cst.CSTNode) -> Value:
    out: list[Value] = []
    for lo, ro in product(options(left), options(right)):
        if len(out) == MAX_ALTERNATIVES:
            # The first ones are still judged; the rest keep what every left alternative
            # starts with (`values.past_combinations`).
            out.append(past_combinations(left))
            break
        if isinstance(lo, Seq) or isinstance(ro, Seq):
            out.append(seq_concat(lo, ro))
        elif isinstance(lo, Str | Concat) or isinstance(ro, Str | Concat):
            out.append(concat([lo, ro]))
        elif isinstance(lo, Param) or isinstance(ro, Param):
            # Could be strings or lists: keep the shape open for the caller.
            out.append(concat([lo, ro]))
        else:
            out.append(unknown(f"result of {describe(node)}"))
    return alt(out)


def _percent(f: Frame, left: Value, right: Value) -> Value:
    out: list[Value] = []
    args = [right] if not isinstance(right, Seq) else [i for i in right.items]
    for lo in options(left):
        if not isinstance(lo, Str) or HOLE in lo.text:
            out.append(as_text(lo) if isinstance(lo, Str) else unknown("formatted string"))
            continue
        parts: list[Value] = []
        pos = 0
        ai = 0
        for m in re.finditer(
            r"%(?:\((\w+)\))?[#0\- +]*(?:\*|\d+)?(?:\.\d+)?[hlL]?([diouxXeEfFgGcrsa%])", lo.text
        ):
            parts.append(string(lo.text[pos : m.start()]))
            if m.group(2) == "%":
                parts.append(string("%"))
            elif m.group(1):
                val = (
                    dict_get(right, string(m.group(1)))
                    if isinstance(right, DictV)
                    else unknown("formatted value")
                )
                parts.append(val)
            else:
                parts.append(args[ai] if ai < len(args) else unknown("formatted value"))
                ai += 1
            pos = m.end()
        parts.append(string(lo.text[pos:]))
        out.append(concat(parts, lo.trace))
    return alt(out)


def _falsy(v: Value) -> bool:
    if isinstance(v, Const):
        return not v.value
    if isinstance(v, Str):
        return v.text == ""
    if isinstance(v, Seq):
        return not v.items
    return False


def _splat_reason(v: Seq) -> str:
    """Why the unpacked part of a partly known sequence is unknown (`*sys.argv`)."""
    for item in v.items:
        if isinstance(item, Splat):
            return hole_reason(item.inner)
    return ""


def _keeps_items(elt: cst.BaseExpression, target: cst.BaseAssignTargetExpression) -> bool:
    """Whether a comprehension's element is its loop variable as a string (`a`, `str(a)`,
    `os.fspath(a)`): the result holds the iterable's items."""
    if not isinstance(target, cst.Name):
        return False
    if (
        isinstance(elt, cst.Call)
        and len(elt.args) == 1
        and elt.args[0].keyword is None
        and dotted(elt.func) in TEXT_KEEPING_CALLS
    ):
        elt = elt.args[0].value
    return isinstance(elt, cst.Name) and elt.value == target.value


def _fstring_text(node: cst.FormattedString, raw: str) -> str:
    """A literal stretch of an f-string as the string holds it: libcst keeps the source text
    (`\\n` as two characters, `{{` doubled), which would hide a shell command line's newline."""
    text = raw.replace("{{", "{").replace("}}", "}")
    if "r" in node.prefix.lower() or "\\" not in text:
        return text
    quote = node.start[len(node.prefix) :]
    try:
        got = ast.literal_eval(quote + text + quote)
    except (SyntaxError, ValueError):
        return text
    return got if isinstance(got, str) else text
