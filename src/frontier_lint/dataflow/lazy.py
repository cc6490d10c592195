"""Values that stand for work not done yet, and the one structural walk over values.

Interpreting everything a function calls would walk the project's whole call graph; most results
never reach a launch. A call of a function that cannot launch is a `Deferred`, an attribute or
call on one a `LazyAttr` / `LazyCall`, an import a `LazyImport`: `interpret.forcing` computes
them when a launch (or a callee that has to be known) needs them. `rebuild` walks a value's
parts, for substituting parameters and forcing deferred parts alike. The operations that wait for
their operand (`pick` an argument of `*args`, `split_words`) and a call's arguments as a sink's
spec names them (`argument`) are here too.
"""

from __future__ import annotations

import operator
import posixpath
import shlex
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import product
from typing import TYPE_CHECKING, Any, cast

import libcst as cst

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.refs import (
    AnnotatedRef,
    InstanceRef,
    ItemRef,
    ItemsRef,
    JoinRef,
    OperandRef,
    OutputRef,
    OutputStage,
    PickRef,
    SplitHow,
    SplitRef,
    StoredRef,
)
from frontier_lint.dataflow.values import (
    COMPOSITES,
    HOLE,
    MAX_ALTERNATIVES,
    MAX_ITEMS,
    PLACED,
    Alt,
    Concat,
    Const,
    DictV,
    Lazy,
    Param,
    ParamKind,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    any_part,
    as_text,
    concat,
    has_param,
    hole_reason,
    options,
    remembered_any,
    seq,
    unchanged_by_alt,
    unknown,
)
from frontier_lint.matching.shell_parser import PATH_LOOKUPS
from frontier_lint.matching.words import leading_words

if TYPE_CHECKING:
    from frontier_lint.dataflow.values import TraceHop
    from frontier_lint.frontend.parsing import Piece, SiteRef

MAX_LAZY_READS = 64  # `cfg.a.b.c...` on a value computed later
MAX_LOCAL_DEPTH = 4  # nested functions and lambdas calling each other (`LocalFunc`)
TOO_DEEP_NESTED = f"nested function calls deeper than {MAX_LOCAL_DEPTH}"


@dataclass(frozen=True, slots=True)
class Deferred(Lazy):
    """The result of a call of a project function, computed only if something needs it.

    Interpreting every function a caller calls would walk the project's whole call graph; most
    results never reach a launch. `Frame.force` computes it (builders' return values)."""

    func: FuncId
    pos: tuple[Value, ...]
    kws: tuple[tuple[str, Value], ...]
    receiver: Value | None
    depth: int


@dataclass(frozen=True, slots=True)
class LazyAttr(Lazy):
    """`base.attr` where `base` is a deferred call result (`get_settings().CODEX_CMD`) or a
    parameter (`cfg.codex_bin` in a wrapper taking `cfg`)."""

    IN_STRINGS = True

    base: Value
    attr: str
    # Where it was read: a property it turns out to run is called there (not part of the value).
    at: SiteRef | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class LazyCall(Lazy):
    """A call through a deferred callee (`get_runner().build()`), made only if needed.

    Kept in a string (`"'" + s.replace("'", "'\\''") + "'"`, a quoting helper's parameter) as
    a part done once a caller passes the parameter; `text` marks that use, whose result keeps
    its alternatives only where they may matter (`forcing.lazy_call`)."""

    IN_STRINGS = True

    callee: Value
    pos: tuple[Value, ...]
    kws: tuple[tuple[str, Value], ...]
    node: cst.Call
    depth: int
    text: bool = False  # a part of a string (`as_text`)
    # The tree `node` is in: `shape` keys the call by its place there (`values.PLACED`).
    piece: Piece | None = field(default=None, compare=False)

    def in_text(self) -> Value:
        return self if self.text else replace(self, text=True)


@dataclass(frozen=True, eq=False, slots=True)
class LocalFunc(Value):
    """A nested `def` or a lambda inside a function: called there, its body runs with the
    arguments and the enclosing scope as it was where it was defined."""

    node: cst.FunctionDef | cst.Lambda
    func: FuncId  # the enclosing function: only its own interpretation can run the body
    env: tuple[tuple[str, Value], ...]
    piece: Piece | None = field(default=None, compare=False)  # `node`'s tree (`values.PLACED`)


def _node_place(v: LazyCall | LocalFunc) -> object:
    """`shape`'s key for the node a deferred call or nested function holds: its place (a node
    of no tree of its piece's: the node itself, whose identity the key keeps alive)."""
    got = None if v.piece is None else v.piece.placed(v.node)
    return v.node if got is None else got


PLACED[LazyCall] = PLACED[LocalFunc] = _node_place


@dataclass(frozen=True, slots=True)
class LazyImport(Lazy):
    """`from module import name`, looked up in `module` the first time the name is used."""

    module: str  # project module path
    name: str


class Rebuilt:
    """Parts already rebuilt, by identity, shared by several walks (`ForceMemo.walks`): the
    parts are kept alive with it, so that their ids are not reused."""

    __slots__ = ("alive", "by_id")

    def __init__(self) -> None:
        self.by_id: dict[int, Value] = {}
        self.alive: list[Value] = []


def rebuild(
    v: Value,
    leaf: Callable[[Value], Value | None],
    done: Rebuilt | None = None,
    *,
    atoms: bool = True,
) -> Value:
    """The value with `leaf(x)` in place of each part `x` for which it returns a value; other
    parts are walked into (sequences, strings, alternatives, dicts, references' and deferred
    calls' arguments) and rebuilt, which renormalises them (splats of known lists inline).

    Values share their parts (the options of a concatenation of alternatives hold the same
    parts, a list built in branches the same items): each part object is rebuilt once per walk,
    by its identity, or the walk grows with the number of paths to it rather than with the
    value's size (aider's coders took 5.4 million rebuilds of ~60,000 parts). `done` shares
    that across walks with the same `leaf` results (`ForceMemo.walks`). atoms=False: `leaf`
    returns None for every string, parameter, unknown and constant, and is not asked of them
    (most parts of a value are those)."""
    # Within one walk every part is alive (the value holds it): ids alone tell parts apart.
    seen: dict[int, Value] = {} if done is None else done.by_id
    alive = None if done is None else done.alive

    def walk(x: Value) -> Value:
        t = type(x)
        if t is Str or t is Param or t is Unknown or t is Const:
            # Nothing below it to share: not kept (the walk's table would outgrow the value).
            if not atoms:
                return x
            new = leaf(x)
            return x if new is None else new
        got = seen.get(id(x))
        if got is None:
            got = seen[id(x)] = _rebuild_one(x, leaf, walk)  # noqa: F821 (`del` below)
            if alive is not None:
                alive.append(x)
        return got

    try:
        return walk(v)
    finally:
        # `walk` calls itself through its closure's cell: a cycle that, left as it is, keeps
        # `seen` and every part rebuilt into it alive until a full collection, which a run
        # puts off to its end (`engine._young_collections_only`): 6 MB of them at the end of
        # the corpus's propagation. Emptying the cell frees them when the walk returns.
        del walk


def _rebuild_one(
    v: Value, leaf: Callable[[Value], Value | None], rebuild: Callable[[Value], Value]
) -> Value:
    got = leaf(v)
    if got is not None:
        return got
    # A value rebuilt into one equal to it, of the same parts, is the value itself: what is
    # remembered about it by identity (its key, `has_lazy`, the walks' tables) still holds, and
    # the values holding it are unchanged in turn. Deferred parts too: alternatives tell them
    # apart by identity, but one kept is the same computation as its copy would be (equal
    # values: `ForceMemo` keys forces by value), so at most two options that would force
    # alike become one; a fresh copy was keyed, hashed and forced again by every walk, and
    # made every value holding it new (meson's wrapper callers: each substitution of a
    # summary holding a deferred call rebuilt all of it). Exact types first (only `Ref` is
    # subclassed): a hot path.
    x: Any = v
    t = type(x)
    if t is Seq:
        items = [rebuild(i) for i in x.items]
        if _same(items, x.items) and not _inlines(items):
            return v  # (what `seq` would make of it: the same items)
        return absent() if _any_absent(items) else seq(items, x.trace)
    if t is Alt:
        opts = [rebuild(o) for o in x.options]
        if _same(opts, x.options) and unchanged_by_alt(x):
            return v  # (what `alt` would make of them: the same options, keyed again)
        if _any_absent(opts):
            opts = [o for o in opts if not is_absent(o)]
            if not opts:
                return absent()
        got = _built(alt, opts, x.trace)
        if type(got) is Alt and _same(got.options, x.options) and got.trace == x.trace:
            return v
        return got
    if t is Concat:
        parts = [rebuild(p) for p in x.parts]
        if _any_absent(parts):
            return absent()
        got = _built(concat, parts, x.trace)
        if type(got) is Concat and _same(got.parts, x.parts) and got.trace == x.trace:
            return v
        return got
    if t is Splat:
        inner = rebuild(x.inner)
        if inner is x.inner:
            return v
        return absent() if is_absent(inner) else Splat(x.trace, inner)
    if t is DictV:
        held = [rebuild(e) for _, e in x.entries]
        if _same(held, [e for _, e in x.entries]):
            return v
        if _any_absent(held):
            return absent()
        keys = [k for k, _ in x.entries]
        return DictV(x.trace, tuple(zip(keys, held, strict=True)))
    if t is Deferred:
        pos = [rebuild(a) for a in x.pos]
        kw = [rebuild(a) for _, a in x.kws]
        rec = rebuild(x.receiver) if x.receiver is not None else None
        if rec is x.receiver and _same(pos, x.pos) and _same(kw, [a for _, a in x.kws]):
            return v
        if _any_absent([*pos, *kw]) or (rec is not None and is_absent(rec)):
            return absent()
        return Deferred(
            x.trace,
            x.func,
            tuple(pos),
            tuple(zip([k for k, _ in x.kws], kw, strict=True)),
            rec,
            x.depth,
        )
    if t is LazyAttr:
        base = rebuild(x.base)
        if base is x.base:
            return v
        return absent() if is_absent(base) else LazyAttr(x.trace, base, x.attr, x.at)
    if t is LazyCall:
        callee = rebuild(x.callee)
        pos = [rebuild(a) for a in x.pos]
        kw = [rebuild(a) for _, a in x.kws]
        if callee is x.callee and _same(pos, x.pos) and _same(kw, [a for _, a in x.kws]):
            return v
        if _any_absent([callee, *pos, *kw]):
            return absent()
        return LazyCall(
            x.trace,
            callee,
            tuple(pos),
            tuple(zip([k for k, _ in x.kws], kw, strict=True)),
            x.node,
            x.depth,
            x.text,
            x.piece,
        )
    if isinstance(x, Ref) and x.args:
        if isinstance(x, ItemsRef):
            mapped = _mapped_on_items(x, leaf, rebuild)
            if mapped is not None:
                return mapped
        if isinstance(x, ItemRef):
            operand = rebuild(x.operand)
            if operand is x.operand:
                return v
            return absent() if is_absent(operand) else redo_on(x, operand)
        if isinstance(x, StoredRef):
            args = [rebuild(a) for a in x.args]  # (what is stored waits for callers too)
            if _same(args, x.args):
                return v
            if _any_absent(args):
                return absent()
            return store_item(args[0], args[1], args[2])
        if isinstance(x, OperandRef):
            operand = rebuild(x.operand)
            return absent() if is_absent(operand) else redo_on(x, operand)
        args = [rebuild(a) for a in x.args]
        if _same(args, x.args):
            return v
        return absent() if _any_absent(args) else replace(x, args=tuple(args))
    return v


def _mapped_on_items(
    x: ItemsRef, leaf: Callable[[Value], Value | None], walk: Callable[[Value], Value]
) -> Value | None:
    """A comprehension's items over a parameter's items (`[p.strip() for p in argv]`) once the
    walk fills that parameter in with lists of known items: the element made of each item, in
    order, as a list known at once is mapped (`expressions._mapped_items`); otherwise None (the
    reference is rebuilt as any other, its element made of any item). Without the order, a
    caller's `["codex", "exec"]` gave a first item not known."""
    refs = _item_refs(x.item)
    if not refs or len({id(r.operand) for r in refs}) != 1:
        return None
    operand = refs[0].operand
    filled = walk(operand)
    if filled is operand:
        return None
    lists = options(filled)
    if not all(
        isinstance(o, Seq)
        and len(o.items) <= MAX_ITEMS
        and not any(isinstance(i, Splat) for i in o.items)
        for o in lists
    ):
        return None
    out: list[Value] = []
    for o in lists:
        assert isinstance(o, Seq)
        mapped = [rebuild(x.item, _one_item(refs, i, leaf)) for i in o.items]
        if _any_absent(mapped):
            return absent()
        out.append(seq(mapped, o.trace))
    return alt(out)


def _one_item(
    refs: list[ItemRef], item: Value, leaf: Callable[[Value], Value | None]
) -> Callable[[Value], Value | None]:
    """A walk's leaf that reads the loop variable (`refs`) as `item`, else as `leaf` does."""

    def one(y: Value) -> Value | None:
        if isinstance(y, ItemRef) and any(y is r for r in refs):
            return item
        return leaf(y)

    return one


def _item_refs(v: Value) -> list[ItemRef]:
    """The parameter items (`ItemRef`) a comprehension's element reads, not those of a
    comprehension inside it."""
    found: list[ItemRef] = []
    todo: list[Any] = [v]
    seen: set[int] = set()
    while todo:
        y = todo.pop()
        if id(y) in seen or isinstance(y, Str | Unknown | Param | Const | ItemsRef):
            continue
        seen.add(id(y))
        if isinstance(y, ItemRef):
            found.append(y)
        elif isinstance(y, Seq):
            todo.extend(y.items)
        elif isinstance(y, Alt):
            todo.extend(y.options)
        elif isinstance(y, Concat):
            todo.extend(y.parts)
        elif isinstance(y, Splat):
            todo.append(y.inner)
        elif isinstance(y, DictV):
            todo.extend(e for _, e in y.entries)
        elif isinstance(y, LazyAttr):
            todo.append(y.base)
        elif isinstance(y, LazyCall):
            todo.extend((y.callee, *y.pos, *(a for _, a in y.kws)))
        elif isinstance(y, Deferred):
            todo.extend((*y.pos, *(a for _, a in y.kws)))
        elif isinstance(y, Ref):
            todo.extend(y.args)
    return found


def _any_absent(parts: Sequence[Value]) -> bool:
    """Whether a rebuilt part is `ABSENT` (a value built from it is not there either)."""
    return any([type(p) is Unknown and p.reason == ABSENT for p in parts])


def _inlines(items: list[Value]) -> bool:
    """Whether `seq` changes these items: a splat of a known sequence is inlined, a sequence
    longer than its bound cut."""
    return len(items) > MAX_ITEMS or any(
        [type(i) is Splat and isinstance(i.inner, Seq) for i in items]
    )


def _same(new: Sequence[Value], old: Sequence[Value]) -> bool:
    """Whether the parts are the same objects."""
    return len(new) == len(old) and all(map(operator.is_, new, old))


# Concatenations and alternatives built from rebuilt parts, by the parts' identities and the
# trace, with the parts (kept alive so that their ids are not reused while the entry lasts):
# walks with other leaves, or a walk's table started afresh (`ForceMemo.walks`), rebuild the
# same parts into the same parts again and again, and a concatenation of alternatives is a
# product (aider's announcement lines: 33,000 concatenations of 8,000 distinct part lists).
# Both operations depend on their parts' values only. Bounded: emptied when full.
_BUILT: dict[tuple[object, ...], tuple[list[Value], Value]] = {}
_BUILT_MAX = 256


def _built(
    make: Callable[[list[Value], tuple[TraceHop, ...]], Value],
    parts: list[Value],
    trace: tuple[TraceHop, ...],
) -> Value:
    key = (make, trace, *map(id, parts))
    got = _BUILT.get(key)
    if got is not None:
        return got[1]
    out = make(parts, trace)
    if len(_BUILT) >= _BUILT_MAX:
        _BUILT.clear()
    _BUILT[key] = (parts, out)
    return out


def redo_on(ref: OperandRef, operand: Value) -> Value:
    """A pending operation done again on its operand, now (more) known."""
    if isinstance(ref, SplitRef):
        return split_words(operand, ref.how)
    if isinstance(ref, OutputRef):
        return output_of(operand, ref.stage, ref.trace)
    if isinstance(ref, ItemRef):
        # Filled in by the item function's callers, once: a caller handing on a parameter of its
        # own (`run_fast(prompt, *clis)` calling `run(prompt, *clis)`) leaves the element
        # unknown rather than waiting for its own callers. Waiting made a decorator used in 44
        # modules a wrapper (sympy's `doctest_depends_on(exe=...)` handing `exe` to
        # `_check_dependencies`'s loop): +55 % CPU and +50 MB on the corpus, for nothing.
        return any_item(operand, ref.what, wait=False)
    if isinstance(ref, StoredRef):
        return store_item(operand, ref.key, ref.value)
    if isinstance(ref, JoinRef):
        return join(ref.sep, operand)
    assert isinstance(ref, PickRef)  # (the last kind of `OperandRef`)
    return pick(operand, ref.key, ref.missing, settled=ref.missing is not None, subscript=ref.item)


def plain_key(key: Value) -> bool:
    """A key known to be this text (not `**kwargs` handed on, not what a mapping not known
    adds: see `merged`)."""
    return isinstance(key, Str) and HOLE not in key.text and key.text != STAR_KWARGS


def store_item(container: Value, key: Value, value: Value) -> Value:
    """The container after `container[key] = value` (each alternative): a dict's entry is
    replaced or added, a list's item at a known position replaced. Where the position is not
    known, any item may now be `value`; a container a caller or a deferred part fills in is
    stored into once it is known (`StoredRef`); any other that is not known stays as it was."""
    out: list[Value] = []
    keys = options(key)
    for o in options(container):
        if isinstance(o, DictV):
            if all(plain_key(k) for k in keys):
                for k in keys:  # one alternative per key it can be
                    text = k.text if isinstance(k, Str) else ""
                    # (An entry whose key has this plain text has a plain key: no test of
                    # its own, for each entry of a dict stored into key by key. The entries
                    # kept are the same pairs, not copies: a dict stored into key by key made
                    # a tuple per entry at each store, 3 MB of sympy's peak.)
                    kept = [e for e in o.entries if not (type(e[0]) is Str and e[0].text == text)]
                    out.append(DictV(trace=o.trace, entries=(*kept, (k, value))))
            else:
                out.append(DictV(trace=o.trace, entries=(*o.entries, (key, value))))
        elif isinstance(o, Seq):
            items = list(o.items)
            idx = key.value if isinstance(key, Const) and type(key.value) is int else None
            if idx is not None and idx < 0 and not any(isinstance(i, Splat) for i in items):
                idx += len(items)
            if (
                idx is not None
                and 0 <= idx < len(items)
                and not any(isinstance(i, Splat) for i in items[: idx + 1])
            ):
                items[idx] = value
                out.append(seq(items, o.trace))
            else:
                out.append(_stored_anywhere(o, value))
        elif _filled_later(o):
            # A caller's or a deferred part (a merge helper's `copy.deepcopy(base)`): stored
            # into again once it is known.
            out.append(StoredRef(trace=o.trace, args=(o, key, value)))
        else:
            out.append(o)
    return alt(out)


def _filled_later(o: Value) -> bool:
    return isinstance(o, Param | OperandRef) or has_lazy(o)


def _stored_anywhere(o: Seq, value: Value) -> Value:
    """A list one item of which, at a position not known (or counted from an end not known),
    is now `value`: any item may be it, within unpacked lists too (a parameter's unpacked
    items once a caller fills them in: `c = [*cmd]; c[0] = "x"`)."""
    items: list[Value] = []
    for i in o.items:
        if isinstance(i, Splat):
            anywhere = unknown("a position not known")
            inner = [
                _stored_anywhere(x, value)
                if isinstance(x, Seq)
                else StoredRef(trace=x.trace, args=(x, anywhere, value))
                if _filled_later(x)
                else x
                for x in options(i.inner)
            ]
            items.append(Splat(trace=i.trace, inner=alt(inner)))
        else:
            items.append(alt([i, value]))
    return seq(items, o.trace)


def any_item(items: Value, what: str, wait: bool = True) -> Value:
    """A loop variable over `items` (named `what` in reasons): any element of a known
    sequence (or key of a dict); while the sequence is a parameter (a wrapper's `*clis`, a
    list it is handed), an `ItemRef` that becomes those elements when a caller fills it in,
    if `wait` (else unknown: see `Analyzer.item_funcs`)."""
    found = [i for o in options(items) for i in items_of(o, what, wait)]
    return alt(found) if found else unknown("empty loop")


def items_of(o: Value, what: str, wait: bool) -> list[Value]:
    """The values a loop variable takes over one alternative `o` of an iterable (`any_item`):
    none for an empty sequence."""
    if isinstance(o, Seq):
        if wait and any(isinstance(i, Splat) and _is_argument(i.inner) for i in o.items):
            # `(default, *alts)`: the whole sequence once the callers fill it in, so that an
            # empty `*alts` leaves the other items alone (not an empty loop of its own).
            return [ItemRef(trace=(), what=what, args=(o,))]
        found: list[Value] = []
        for i in o.items:
            if not isinstance(i, Splat):
                found.append(i)
            elif isinstance(i.inner, ItemsRef):  # a comprehension's: its element
                found.append(i.inner.item)
            elif wait and _is_argument(i.inner):  # `*clis` handed on (`[*clis]`)
                found.append(ItemRef(trace=(), what=what, args=(i.inner,)))
            else:
                found.append(unknown("element of an unpacked sequence"))
        return found
    if isinstance(o, DictV):
        return [k for k, _ in o.entries]
    if wait and _is_argument(o):
        return [ItemRef(trace=(), what=what, args=(o,))]
    return [unknown(f"element of {what}")]


def _is_argument(v: Value) -> bool:
    """A parameter's value as the callers pass it, or the words of that string
    (`shlex.split(template)`): a loop over its items waits for them."""
    if type(v) is SplitRef:
        v = v.args[0]
    return isinstance(v, Param) and v.kind is ParamKind.ARGUMENT


def iterates_parameter(items: Value) -> bool:
    """Whether a loop over `items` runs over a parameter's items (`clis`, `[*clis]`)."""
    for o in options(items):
        if _is_argument(o):
            return True
        if isinstance(o, Seq) and any(
            isinstance(i, Splat) and _is_argument(i.inner) for i in o.items
        ):
            return True
    return False


def parameter_items(items: Value) -> bool:
    """Whether `items` is a parameter's items as the caller passes them (`clis`, `*clis`, a
    comprehension over them): only there does a loop's variable wait for the callers."""
    for o in options(items):
        if _is_argument(o):
            continue
        if (
            isinstance(o, Seq)
            and o.items
            and all(
                isinstance(i, Splat) and (_is_argument(i.inner) or isinstance(i.inner, ItemsRef))
                for i in o.items
            )
        ):
            continue
        return False
    return True


# `_has_item_ref` of composite values, by identity (`remembered_any`): asked of every argv each
# launch event carries (a wrapper's, again at each call that fills it in), most holding none.
_HAS_ITEM_REF: dict[int, tuple[Value, bool]] = {}
_ITEM_REF_BY_TYPE: dict[type, bool | None] = {
    **dict.fromkeys((Str, Unknown, Param, Const), False),
    ItemRef: True,
    **COMPOSITES,
}


def _has_item_ref(v: Value) -> bool:
    """Whether the value holds a parameter's item (`ItemRef`), as `any_part` walks it."""
    return remembered_any(v, _item_ref, _HAS_ITEM_REF, into_refs=True, by_type=_ITEM_REF_BY_TYPE)


def _item_ref(x: Value) -> bool | None:
    return True if isinstance(x, ItemRef) else None


def items_as_program_only(v: Value) -> Value:
    """An argv with the items of a parameter's items (`ItemRef`) kept only where they may be
    the program: after a known first word they are the unknowns they were before the callers
    could fill them in. An argument an item gives (`for a in extra_args: argv.append(a)`) never
    decides the launch, and waiting for the callers there re-routed where a launch whose program
    was known elsewhere is reported, and cost the callers' analysis for nothing."""
    if not _has_item_ref(v):
        return v

    def leaf(x: Value) -> Value | None:
        return unknown(x.not_text()) if isinstance(x, ItemRef) else None

    out: list[Value] = []
    for o in options(v):
        if isinstance(o, Seq) and o.items and not isinstance(o.items[0], Splat):
            rest = [rebuild(i, leaf) for i in o.items[1:]]
            o = replace(o, items=(o.items[0], *rest))
        out.append(o)
    return alt(out)


# --- what a launched program prints (the library calls: `models.processes`) -------------------

# The POSIX look-ups a shell's `$(which codex)` is read through, and cmd.exe's `where`.
LOOKUPS = (*PATH_LOOKUPS, ("where",))


def _waits(v: Value) -> bool:
    """Whether the argv is still to be filled in (a parameter, a deferred part)."""
    return any_part(v, lambda x: isinstance(x, Param | Lazy) or (isinstance(x, Ref) and x.PENDING))


def output_of(argv: Value, stage: OutputStage, trace: tuple[TraceHop, ...] = ()) -> Value:
    """The result of launching `argv` at `stage`: for text, the path a probe prints (or why it
    is not known); before that, or while the argv waits, an `OutputRef`. `trace`: the hops
    from the launch to here."""
    if stage is not OutputStage.TEXT or _waits(argv):
        return OutputRef(trace=trace, stage=stage, args=(argv,))
    return alt([_printed(o).with_trace(trace) for o in options(argv)])


def _printed(argv: Value) -> Value:
    """What one alternative of an argv prints, as text."""
    if not isinstance(argv, Seq):
        return as_text(unknown("what a launched command line prints is not known"))
    words: list[str] = []
    for item in argv.items:
        if not isinstance(item, Str) or HOLE in item.text:
            break
        words.append(item.text)
    if words:
        words[0] = posixpath.basename(words[0]).removesuffix(".exe").lower()
    for head in LOOKUPS:
        n = len(head)
        if tuple(words[:n]) == head and len(argv.items) == n + 1:
            found = argv.items[n]
            if not isinstance(found, Splat):
                return as_text(found)
    shown = f"`{words[0]}`" if words else "the launched program"
    return as_text(unknown(f"what {shown} prints is not known"))


# The key under which a call's `**x` of unknown keywords travels with its keyword arguments.
STAR_KWARGS = "**"


def pick(
    items: Value,
    index: int | str,
    missing: Value | None = None,
    *,
    settled: bool = False,
    subscript: bool = False,
) -> Value:
    """Argument `index` of a call made with `*items` (`subprocess.run(*args)` in a wrapper
    taking `*args`), or keyword `index` of one made with `**items`: the item, or, while `items`
    is a parameter, a value that becomes the item when a caller's arguments fill it in.
    `missing`: what a keyword is when the mapping does not hold it (a parameter's default);
    without it, an argument not passed. settled: that default was bound beside the pick where
    it entered and judged there (`calls.bind`): a mapping lacking the keyword adds nothing
    (`ABSENT`), rather than the default judged again at each caller. subscript: a mapping's entry
    read by subscript (`spec["cmd"]`), not a keyword: a mapping without the key says so."""
    out: list[Value] = []
    lacking = missing if not settled else absent()
    for o in options(items):
        if isinstance(index, str):
            if isinstance(o, DictV):
                named = o.by_name()
                if index in named:
                    out.append(named[index])
                elif STAR_KWARGS in named:  # handed on again with `**kwargs` (a wrapper of one)
                    out.append(
                        pick(
                            named[STAR_KWARGS], index, missing, settled=settled, subscript=subscript
                        )
                    )
                elif lacking is not None:
                    out.append(lacking)
                elif subscript:
                    out.append(unknown(f"key `{index}` is not in the mapping a caller passes"))
                else:
                    out.append(unknown(f"argument `{index}` not passed"))
                if unnamed_keys(o):
                    # A key not known (`{name: cmd}`) may be this keyword.
                    why = "a key" if subscript else "a keyword passed with **"
                    out.append(unknown(f"{why} whose name is not known"))
            elif has_param(o) or has_lazy(o):
                args = (o,) if missing is None else (o, missing)
                out.append(PickRef(trace=(), key=index, args=args, item=subscript))
            elif isinstance(o, Const) and o.value is None and lacking is not None:
                # `**(opts or {})` with `opts` None, the `or` read while `opts` was a
                # parameter: `**None` itself raises, so this alternative passes no keyword.
                out.append(lacking)
            else:
                out.append(
                    unknown(
                        "item of a value that is not a known mapping"
                        if subscript
                        else "argument passed with **"
                    )
                )
            continue
        if isinstance(o, Seq):
            got: Value = unknown("argument passed with *")
            for j, item in enumerate(o.items[: index + 1]):
                if isinstance(item, Splat):
                    # `*args` handed on again (a wrapper of a wrapper): pick from those.
                    if has_param(item.inner):
                        got = pick(item.inner, index - j)
                    elif has_lazy(item.inner):
                        # `*build()`, `*cmd` of a builder's result: picked once it is computed.
                        got = PickRef(trace=(), key=index, args=(o,))
                    elif j == index:
                        # `(*head, "--json")`, head one of known tuples: the first item of each
                        # (an empty one leaves it unknown).
                        got = pick(item.inner, 0)
                    break
            else:
                if index < len(o.items):
                    got = o.items[index]
            out.append(got)
        elif has_param(o) or has_lazy(o):
            # Known once the caller's argument (or a deferred result) is: `*build()`.
            out.append(PickRef(trace=(), key=index, args=(o,)))
        else:
            out.append(unknown("argument passed with *"))
    if settled:
        kept = [o for o in out if not is_absent(o)]
        return alt(kept) if kept else absent()
    return alt(out)


# What a `**` pick is where the mapping lacks its keyword, once its default was judged where it
# entered (`pick`, settled): this alternative of the value is not there (a value built from it is
# not, `rebuild`); a launch left with nothing else is not judged again (`interpret.sinks.emit`).
# An `Unknown`, so that wherever it is not dropped it leaves the launch unresolved (fail closed).
ABSENT = "the default of a keyword a mapping lacks, judged where it entered"


# Argv items whose alternatives `pick_alternatives` splits, in one argv (2**n - 1 argvs go on).
MAX_PICK_SPLITS = 3


# `_has_default_pick` of composite values, by identity (`remembered_any`): asked of each launch.
_HAS_DEFAULT_PICK: dict[int, tuple[Value, bool]] = {}
_DEFAULT_PICK_BY_TYPE: dict[type, bool | None] = {
    **dict.fromkeys((Str, Unknown, Param, Const), False),
    **COMPOSITES,
}


def _has_default_pick(v: Value) -> bool:
    """Whether the value holds a `**` pick of a keyword with a default (`pick`)."""
    return remembered_any(
        v, _default_pick, _HAS_DEFAULT_PICK, into_refs=True, by_type=_DEFAULT_PICK_BY_TYPE
    )


def _default_pick(x: Value) -> bool | None:
    return True if isinstance(x, PickRef) and x.missing is not None else None


def pick_alternatives(v: Value) -> Value:
    """A launch's value where a `**` pick of a keyword with a default waits (`pick`), its argvs
    split so that the alternatives made from the pick are apart from those that are not
    (`[pick | default, "-x"]` as `[pick, "-x"] | [default, "-x"]`; an argv whose items do so
    in n places, as 2**n argvs): the same argvs, but those without a pick are options of their
    own, judged at this launch and not handed to the callers with the others
    (`interpret.sinks.emit`). There, a caller whose mapping lacks the keyword leaves nothing of
    an argv made from the pick (`ABSENT`), where it would judge the default and what the
    launch computes of its own again, and report their unknowns once more."""
    if not has_param(v) or not _has_default_pick(v):
        return v  # (the pick waits for a parameter: most launches hold none)
    out: list[Value] = []
    changed = False
    for o in options(v):
        if type(o) is not Seq or not _has_default_pick(o):
            out.append(o)
            continue
        parts: list[tuple[Value, ...]] = []
        for item in o.items:
            if type(item) is Alt:
                made = [a for a in item.options if _has_default_pick(a)]
                rest = [a for a in item.options if not _has_default_pick(a)]
                if made and rest:
                    parts.append((alt(made), alt(rest)))
                    continue
            parts.append((item,))
        splits = sum(len(p) > 1 for p in parts)
        if not splits or splits > MAX_PICK_SPLITS:
            out.append(o)
            continue
        out.extend(Seq(trace=o.trace, items=items) for items in product(*parts))
        changed = True
    return alt(out) if changed else v


def absent() -> Value:
    return Unknown(trace=(), reason=ABSENT)


def is_absent(v: Value) -> bool:
    return type(v) is Unknown and v.reason == ABSENT  # (`Unknown` is not subclassed)


def unnamed_keys(d: DictV) -> bool:
    """Whether a mapping has an entry whose key is not a known name (keyword arguments are
    named by known strings: `by_name`)."""
    return any(not isinstance(k, Str) or HOLE in k.text for k, _ in d.entries)


def split_words(v: Value, how: SplitHow) -> Value:
    """The words of a string: `how` is "shlex" (`shlex.split`) or "whitespace" (`str.split()`).

    A string that waits for a parameter (`shlex.split(f"{binary} -p {prompt}")` in a wrapper) or
    a deferred part is split when that is known: at each call, or when the launch forces it."""
    out: list[Value] = []
    for o in options(v):
        if has_param(o) or has_lazy(o):
            out.append(_split_later(o, how))
        elif isinstance(o, Str | Concat):
            text = o.text if isinstance(o, Str) else _holed(o)
            reason = o.reason if isinstance(o, Str) else hole_reason(o)
            words = _words(text, how)
            if words is None:
                # Unbalanced quotes (perhaps in an unknown part): only the words before the
                # first unknown part are known.
                known, _rest = leading_words(text + HOLE, quotes=how == "shlex")
                gone = unknown(f"{reason or 'part of the string is not known'} (quotes unbalanced)")
                words_v: list[Value] = [Str(trace=o.trace, text=w) for w in known]
                out.append(seq([*words_v, Splat(trace=(), inner=gone)], o.trace))
                continue
            out.append(seq([Str(trace=o.trace, text=w, reason=reason) for w in words], o.trace))
        else:
            out.append(
                seq([Splat(trace=o.trace, inner=unknown("split of a string that is not known"))])
            )
    return alt(out)


def join(sep: Value, items: Value) -> Value:
    """`sep.join(items)`: a known list's items joined (an unpacked part not known); items that
    wait for a parameter (a wrapper's `" ".join(cmd)`, or a list with `*cmd` in it) are joined
    once the callers fill them in (`JoinRef`). Items waiting only for a deferred part (an
    instance's attributes: `" ".join(self.cmd())`) are joined now, as not known: waiting for
    them redid the join with every constructor call's values (sympy's `CompilerRunner`: flags
    built in loops, minutes of analysis on nine files, for FL200 at its callers instead)."""
    out: list[Value] = []
    for s in options(sep):
        for o in _join_alternatives(items):
            if o is _PAST_JOINED:
                out.append(as_text(o))
            elif isinstance(s, Str) and _joined_later(o):
                out.append(_join_later(s, o))
            elif isinstance(o, Seq) and isinstance(s, Str):
                parts: list[Value] = []
                for i, item in enumerate(o.items):
                    if i:
                        parts.append(s)
                    if isinstance(item, Splat):
                        parts.append(as_text(unknown("joined items are not known")))
                    else:
                        parts.append(item)
                out.append(concat(parts))
            else:
                out.append(as_text(unknown("joined items are not known")))
    return alt(out)


# The items of a join past the bound on the lists its unpacked alternatives make.
_PAST_JOINED = Unknown(
    trace=(), reason=f"joined items are not known: more than {MAX_ALTERNATIVES} combinations"
)


def _join_alternatives(items: Value) -> list[Value]:
    """The items to join, one list for each alternative of a part unpacked into it
    (`[*parts]`, `parts` one of two lists; also one unpacked inside such a list): each list is
    joined now, or waits for a parameter, by itself, so that a list without the parameter
    (`get_cmd()` beside `get_merge(prompt)`) names its program here even where another waits
    for a caller. Past `MAX_ALTERNATIVES` lists the join is not known, naming the bound."""
    out: list[Value] = []
    for o in options(items):
        todo = [o]
        while todo:
            cur = todo.pop()
            k = _unpacked_alternatives(cur)
            if k < 0:
                out.append(cur)
                continue
            assert isinstance(cur, Seq)
            before, after = list(cur.items[:k]), list(cur.items[k + 1 :])
            split = cur.items[k]
            assert isinstance(split, Splat) and isinstance(split.inner, Alt)
            choices = [Splat(trace=split.trace, inner=c) for c in split.inner.options]
            if len(out) + len(todo) + len(choices) > MAX_ALTERNATIVES:
                return [_PAST_JOINED]
            todo.extend(seq([*before, c, *after], cur.trace) for c in reversed(choices))
    return out


def _unpacked_alternatives(v: Value) -> int:
    """The index of the first part of list `v` unpacking alternatives (`*parts`), or -1."""
    if isinstance(v, Seq):
        for i, item in enumerate(v.items):
            if isinstance(item, Splat) and isinstance(item.inner, Alt):
                return i
    return -1


def _is_join(v: Value) -> bool:
    return isinstance(v, JoinRef)


def _join_later(sep: Str, items: Value) -> Value:
    """The join of items that wait for a parameter: the items before the first such part are
    joined now (`["codex", "exec", *args]`: the line starts `codex exec`
    whatever the caller passes), the rest once it is known."""
    if not isinstance(items, Seq):
        return JoinRef(trace=(), args=(items, sep))
    k = next(
        i for i, item in enumerate(items.items) if isinstance(item, Splat) and has_param(item.inner)
    )
    if not k:
        return JoinRef(trace=(), args=(items, sep))
    now = join(sep, seq(list(items.items[:k]), items.trace))
    later = JoinRef(trace=(), args=(seq(list(items.items[k:]), items.trace), sep))
    return concat([now, sep, later])


def _joined_later(items: Value) -> bool:
    """Whether items to join wait for a parameter: the list itself, or a part unpacked into a
    known list (`[*cmd, "-v"]`). A comprehension's items (`ItemsRef`) are any
    number of items in any order: joined now, as not known. So are items holding such a join
    already (`line = " ".join([line, *more])` in a loop, a join of joins run again at each
    round): one level waits, deeper ones would nest without bound."""
    if any_part(items, _is_join):
        return False
    if isinstance(items, Seq):
        return any(isinstance(i, Splat) and has_param(i.inner) for i in items.items)
    return not isinstance(items, ItemsRef) and has_param(items)


def _split_later(v: Value, how: SplitHow) -> Value:
    """The split of a string that waits for a parameter or a deferred part: the words wholly
    before the first such part are known now (`"codex exec " + prompt`: the program is `codex`
    whatever the caller passes), the rest is split once it is known."""
    if not isinstance(v, Concat) or not isinstance(v.parts[0], Str):
        return SplitRef(trace=v.trace, how=how, args=(v,))
    k = next(i for i, p in enumerate(v.parts) if not isinstance(p, Str))
    prefix = "".join(p.text for p in v.parts[:k] if isinstance(p, Str))
    known, rest = leading_words(prefix + HOLE, quotes=how == "shlex")
    if not known:
        return SplitRef(trace=v.trace, how=how, args=(v,))
    remainder = concat([Str(trace=v.trace, text=prefix[rest:]), *v.parts[k:]], v.trace)
    later = SplitRef(trace=v.trace, how=how, args=(remainder,))
    return seq(
        [*(Str(trace=v.trace, text=w) for w in known), Splat(trace=(), inner=later)], v.trace
    )


def _holed(v: Concat) -> str:
    return "".join(p.text if isinstance(p, Str) else HOLE for p in v.parts)


def _words(text: str, how: SplitHow) -> list[str] | None:
    """The words of a string; None when `shlex.split` finds its quotes unbalanced."""
    if how == "shlex":
        try:
            return shlex.split(text)
        except ValueError:
            return None
    return text.split()


def substitute(v: Value, fill: Callable[[Param], Value | None]) -> Value:
    """Replace parameters (where `fill` returns a value) and renormalise.

    Remembered (`_SUBSTITUTED`): a summary's value is substituted again and again with the
    same arguments, by each call of a wrapper a caller's interpretation makes (again in each
    branch, each unrolled loop, each summary computed again) and each force of the same
    deferred call (meson: 4 in 5 substitutions had a value and arguments seen before)."""
    t = type(v)
    if t is Str or t is Unknown or t is Const:
        return v  # (what the walk makes of it)
    # The result depends on the value and on what `fill` gives each parameter the walk meets,
    # nothing else (the walk's renormalising is a function of the parts). Those parameters
    # are known from an earlier walk of the value (`_REACHED`): then they are asked for first,
    # in the order the walk met them, so that what filling one does (a summary it computes)
    # happens in the same order as the walk would do it. By identity: what was given is kept
    # alive with the entry, so that no id in its key is reused while it lasts.
    reached = _REACHED.get(id(v))
    params = reached[1] if reached is not None and reached[0] is v else None
    given: list[Value | None] = []
    if params is not None:
        given = [fill(p) for p in params]
        hit = _SUBSTITUTED.get((id(v), *map(id, given)))
        if hit is not None and hit[0] is v:
            return hit[2]
    met: dict[int, tuple[Param, Value | None]] = {}  # the first walk's: what each was given

    def filled(x: Param) -> Value:
        """What a parameter is replaced with: the value given, or the parameter itself."""
        got = fill(x)
        if params is None and id(x) not in met:
            met[id(x)] = (x, got)
        return got.with_trace(x.trace) if got is not None else x

    def leaf(x: Any) -> Value | None:  # (`Any`: narrowed by its exact type, not subclassed)
        t = type(x)
        if t is Param:
            return filled(x)
        if t is Str or t is Unknown or t is Const:
            return None  # (given back as it is by the walk)
        # A part the walk would give back as it is is not walked into: a wrapper's returned
        # value is substituted again at each call with other arguments, and most of a large
        # one holds no parameter. (`_inert`'s table read here: a hot path.)
        got = _INERT.get(id(x))
        if got is not None and got[0] is x:
            return x if got[1] else None
        return x if _inert(x) else None

    out = filled(cast(Param, v)) if t is Param else rebuild(v, leaf)
    if params is None:
        params = tuple([p for p, _ in met.values()])
        given = [g for _, g in met.values()]
        if len(_REACHED) >= _TABLES_MAX:
            _REACHED.clear()
        _REACHED[id(v)] = (v, params)
    if len(_SUBSTITUTED) >= _TABLES_MAX:
        _SUBSTITUTED.clear()
    _SUBSTITUTED[(id(v), *map(id, given))] = (v, given, out)
    return out


def _inert(x: Any) -> bool:
    """Whether `rebuild` gives the part back as it is (the same object) whatever its leaf makes
    of parameters: it holds none where the walk looks, and the walk's renormalising leaves it
    as it is (`_rebuild_one`, given its parts unchanged). Remembered by identity (`_INERT`):
    a wrapper's summary is substituted at each call with other arguments, and most of a
    large returned value (meson's `get_*_args` alternatives) holds no parameter; only the
    parts that do are walked again."""
    t = type(x)
    if t is Str or t is Unknown or t is Const:
        return True
    if t is Param:
        return False
    got = _INERT.get(id(x))
    if got is not None and got[0] is x:
        return got[1]
    answer = _inert_node(x)
    if len(_INERT) >= _INERT_MAX:
        _INERT.clear()
    _INERT[id(x)] = (x, answer)
    return answer


def _inert_node(x: Any) -> bool:
    """`_inert` of a part not remembered: its parts each, then what `_rebuild_one` makes of it
    from the same parts (the same checks, in its order)."""
    t = type(x)
    if t is Seq:
        return all(map(_inert, x.items)) and not _inlines(list(x.items))
    if t is Alt:
        if not all(map(_inert, x.options)):
            return False
        if unchanged_by_alt(x):
            return True
        if _any_absent(x.options):
            return False
        got = alt(list(x.options), x.trace)
        return type(got) is Alt and _same(got.options, x.options) and got.trace == x.trace
    if t is Concat:
        if not all(map(_inert, x.parts)) or _any_absent(x.parts):
            return False
        got = concat(list(x.parts), x.trace)
        return type(got) is Concat and _same(got.parts, x.parts) and got.trace == x.trace
    if t is Splat:
        return _inert(x.inner)
    if t is DictV:
        return all([_inert(e) for _, e in x.entries])
    if t is Deferred:
        held = [*x.pos, *(a for _, a in x.kws)]
        return all(map(_inert, held)) and (x.receiver is None or _inert(x.receiver))
    if t is LazyAttr:
        return _inert(x.base)
    if t is LazyCall:
        return _inert(x.callee) and all(map(_inert, [*x.pos, *(a for _, a in x.kws)]))
    if isinstance(x, Ref) and x.args:
        if isinstance(x, ItemRef):
            return _inert(x.operand)
        if isinstance(x, OperandRef):
            return False  # (done again on its operand at every walk: `redo_on`)
        return all(map(_inert, x.args))
    return True  # (given back as it is: `_rebuild_one`'s last line)


# `_inert` by identity, with the part (kept alive: its id is not reused while the entry lasts).
# Bounded: emptied when full (a part is asked about again from its own parts up).
_INERT: dict[int, tuple[Value, bool]] = {}
_INERT_MAX = 50_000


# Substitutions done (`substitute`), by the identities of the value and of what was given for
# each parameter its walk meets, with those (kept alive: their ids are not reused while the
# entry lasts); and the parameters a walk of a value meets, each once, in the order met, by
# the value's identity. Bounded: emptied when full (a miss walks the value again).
_SUBSTITUTED: dict[tuple[int, ...], tuple[Value, list[Value | None], Value]] = {}
_REACHED: dict[int, tuple[Value, tuple[Param, ...]]] = {}
_TABLES_MAX = 4096


def unfilled_annotated(v: Value) -> Value:
    """`v` with the annotated parameters no call filled in read through their classes alone
    (`of_annotated`: a reference holding its own bare parameter waits for the callers)."""

    def leaf(x: Value) -> Value | None:
        if type(x) is AnnotatedRef and x.args and type(x.args[0]) is Param:
            p = x.args[0]
            if p.func == x.func and p.name == x.param:
                return replace(x, args=())
        return None

    return rebuild(v, leaf)


def reads_annotated(v: Value) -> bool:
    """Whether the value reads a parameter through its annotated class (`cfg.binary` with
    `cfg: Settings`): `fill_annotated` gives the callers' arguments to those reads."""
    return any_part(v, lambda x: isinstance(x, AnnotatedRef))


def fill_annotated(v: Value, func: FuncId, given: Callable[[str], Value | None]) -> Value:
    """`v` (a value function `func` returns) with its reads of annotated parameters also made on
    what the call passes for them: an instance the caller built holds its own fields (the
    annotated class's defaults stay an alternative: the argument may not be that instance)."""

    def leaf(x: Value) -> Value | None:
        if not isinstance(x, AnnotatedRef) or x.func != func or x.args:
            # (One holding its parameter was filled in by `substitute` with the rest.)
            return None
        passed = given(x.param)
        return alt([passed, x]) if passed is not None else x

    return rebuild(v, leaf)


_LAZY = (Deferred, LazyImport, LazyAttr, LazyCall)


# `has_lazy` of composite values, by identity (`remembered_any`): interpretation asks it of the
# same values again and again (each attribute read and call of them).
_HAS_LAZY: dict[int, tuple[Value, bool]] = {}
# The exact types that tell by themselves (`remembered_any`'s `by_type`).
_LAZY_BY_TYPE: dict[type, bool | None] = {
    **dict.fromkeys((Str, Unknown, Param, Const), False),
    **dict.fromkeys(_LAZY, True),
    **COMPOSITES,
}


def has_lazy(v: Value) -> bool:
    # An instance's constructor arguments are computed when an attribute needs them; a string
    # to split is split once its deferred parts are computed.
    t = type(v)
    got = _LAZY_BY_TYPE.get(t, _NOT_HELD)
    if got is _NOT_HELD:
        if not _walked_for_lazy(t):
            # A reference (other than an operation pending on its operand) or a local
            # function: not walked into (`into_refs=False`), so False, answered without a
            # table entry: a third of the questions were of references, whose entries pushed
            # the composites' out of the bounded table.
            return False
    elif got is not None:
        return got  # type: ignore[return-value]
    return remembered_any(v, _is_lazy, _HAS_LAZY, into_refs=False, by_type=_LAZY_BY_TYPE)


_NOT_HELD = object()  # (a type `_LAZY_BY_TYPE` does not hold)
# Types outside `_LAZY_BY_TYPE` whose parts `has_lazy` looks into (operations pending on an
# operand), by type: `isinstance` once per class.
_WALKED: dict[type, bool] = {}


def _walked_for_lazy(t: type) -> bool:
    got = _WALKED.get(t)
    if got is None:
        got = _WALKED[t] = issubclass(t, OperandRef)
    return got


def _is_lazy(x: Value) -> bool | None:
    """A deferred part, or an operation waiting for one."""
    got = _LAZY_BY_TYPE.get(type(x))
    if got is not None:
        return got
    if isinstance(x, OperandRef):
        return has_lazy(x.operand)
    return None


def instance_read(v: Value) -> InstanceRef | None:
    """The instance a lazy attribute read or call goes through (`self.x`, `self.x.y()`)."""
    while isinstance(v, LazyAttr | LazyCall):
        v = v.base if isinstance(v, LazyAttr) else v.callee
    return v if isinstance(v, InstanceRef) else None


def reads_bare_instance(v: Value) -> bool:
    """A lazy attribute or call reached through an instance without constructor arguments."""
    base = instance_read(v)
    return base is not None and not base.args


def substitute_lazy(
    v: Value, force: Callable[[Value], Value], done: Rebuilt | None = None
) -> Value:
    """Rebuild a value with its deferred parts computed by `force`."""
    return rebuild(v, lambda x: force(x) if isinstance(x, _LAZY) else None, done, atoms=False)


def substitute_lazy_text(v: Value, force: Callable[[Value], Value]) -> Value:
    """Rebuild a value used as text (`as_text`) with its deferred parts computed by `force`,
    except those a reference holds (an instance's constructor arguments, a command's argv): no
    reference reads as text, its hole's reason names the reference alone (`Ref.not_text`). An
    operation waiting for its operand (`OperandRef`) is text once its operand is: walked into.
    (`force` leaves a reference at the top as it is too: in a tuple, one was walked into.)"""

    def leaf(x: Value) -> Value | None:
        if isinstance(x, _LAZY):
            return force(x)
        if isinstance(x, Ref) and x.args and not isinstance(x, OperandRef):
            return x
        return None

    return rebuild(v, leaf)


def params_in(v: Value) -> list[Param]:
    """The parameters a value holds, depth first, in order (where a substitution fills them
    in: not in references' arguments). A part the value shares (the options of a
    concatenation of alternatives hold the same parts) is walked into once: the parameters it
    holds are already listed, or the walk grows with the paths to it."""
    return list(iter_params(v))


def iter_params(v: Value) -> Iterator[Param]:
    """`params_in`, one at a time: a caller that needs the first few only (the parameter a
    note names) does not walk the rest of the value."""
    todo = [v]  # a stack rather than recursion: a hot path
    seen: set[int] = set()
    while todo:
        x: Any = todo.pop()
        # Exact types: none of these is subclassed.
        t = type(x)
        if t is Param:
            yield x
            continue
        if t is Str or t is Unknown or t is Const or id(x) in seen:
            continue
        seen.add(id(x))
        if t is Seq:
            todo.extend(reversed(x.items))
        elif t is Alt:
            todo.extend(reversed(x.options))
        elif t is Concat:
            todo.extend(reversed(x.parts))
        elif t is Splat:
            todo.append(x.inner)
        elif t is DictV:
            todo.extend(reversed([e for _, e in x.entries]))
        elif t is Deferred:
            todo.extend(reversed((*x.pos, *(a for _, a in x.kws))))
        elif t is LazyAttr:
            todo.append(x.base)
        elif t is StoredRef:
            todo.extend(reversed(x.args))  # the container, the key and the value stored
        elif isinstance(x, OperandRef):
            todo.append(x.operand)
        elif t is AnnotatedRef:
            todo.extend(x.args)  # the parameter read through its annotation (`cfg.binary`)
        elif t is LazyCall:
            todo.extend(reversed((x.callee, *x.pos, *(a for _, a in x.kws))))
        elif t is ItemsRef:
            # A comprehension's element over the items of a parameter (`[p.strip() for p in
            # argv]`): the callers' items are filled in there, so it holds the parameter.
            todo.append(x.item)


def program_params(value: Value) -> list[Param]:
    """The parameters a launch's program waits for: those of each argv's first item, else
    (a command string, a bare parameter) all the value holds."""
    heads = [
        o.items[0]
        for o in options(value)
        if isinstance(o, Seq) and o.items and not isinstance(o.items[0], Splat)
    ]
    return [p for head in heads for p in params_in(head)] or list(params_in(value))


def lazy_reads(v: Value) -> int:
    """How many attribute reads and calls of a value not known yet nest in `v` (up to the
    bound)."""
    n = 0
    while isinstance(v, LazyAttr | LazyCall) and n < MAX_LAZY_READS:
        v = v.base if isinstance(v, LazyAttr) else v.callee
        n += 1
    return n


# --- a call's arguments ----------------------------------------------------------------------


def argument(
    spec_pos: int | None, spec_kw: str | None, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """The argument a sink's spec names by position and/or keyword (None: not passed),
    through `*args` / `**kwargs` a wrapper forwards (`pick`)."""
    if spec_kw and spec_kw in kws:
        return kws[spec_kw]
    if spec_kw and STAR_KWARGS in kws and (spec_pos is None or spec_pos >= len(pos)):
        return pick(kws[STAR_KWARGS], spec_kw)
    if spec_pos is not None:
        if any(isinstance(v, Splat) for v in pos[: spec_pos + 1]):
            head = pos[: spec_pos + 1]
            j = next(i for i, v in enumerate(head) if isinstance(v, Splat))
            splat = head[j]
            assert isinstance(splat, Splat)
            if has_param(splat.inner):
                # A wrapper forwarding `*args`: the caller's arguments decide.
                return pick(splat.inner, spec_pos - j)
            if spec_pos == j:
                # The argument is the splat's first item (`create_subprocess_exec(*cmd)`,
                # `loop.subprocess_exec(factory, *cmd)`).
                return alt([first_item(splat.inner)])
            return unknown("arguments passed with *")
        if spec_pos < len(pos):
            return pos[spec_pos]
    return None


def drop_first(v: Value) -> Value:
    """A sequence without its first item (argv[1:]); unknown when that is not clear."""
    out: list[Value] = []
    for o in options(v):
        if isinstance(o, Seq) and o.items and not isinstance(o.items[0], Splat):
            out.append(seq(list(o.items[1:]), o.trace))
        elif isinstance(o, Seq) and not o.items:
            out.append(o)
        else:
            out.append(seq([Splat(trace=(), inner=unknown("arguments are not known"))]))
    return alt(out)


def first_item(v: Value) -> Value:
    out: list[Value] = []
    for o in options(v):
        if isinstance(o, Seq) and o.items and not isinstance(o.items[0], Splat):
            out.append(o.items[0])
        else:
            out.append(unknown("first argument passed with *"))
    return alt(out)


def forget_values() -> None:
    """Empty the tables remembering values by identity, this module's and `values`' (see
    `values.forget_values`): called as a run ends (`engine.lint`)."""
    from frontier_lint.dataflow import values  # (`values` names its own tables)

    for table in (
        _BUILT,
        _SUBSTITUTED,
        _REACHED,
        _INERT,
        _HAS_LAZY,
        _HAS_DEFAULT_PICK,
        _HAS_ITEM_REF,
    ):
        table.clear()
    values.forget_values()
