"""Which mentions of a wrapper's name in a function cannot call the wrapper (issue 18).

A wrapper round interprets every function whose lines name one of the round's wrappers
(`Analysis.caller_candidates`, by text). Many name it without calling it: a method of the same
name defined there (`def run(self):`), a keyword argument (`daemonize=True`), a class named in
`isinstance` or in an annotation, or a method of that name called on an instance whose class
is known to define its own (`process = ConnectionProcess(...); process.run()`). This module reads
CPython's tree of the function (the one compiled for the syntax check anyway) and says, for
each position where a name stands, why it is inert there; the analysis drops a line whose every
mention is inert, and a function none of whose lines is left is not interpreted for the round.

Everything not recognised here is a mention that may call (fail closed): a name in a string,
a decorator, a default, a call's argument, an attribute of anything but a local variable bound
once to a constructor call, ...

The tree is the costly part (compiling the function again, walking it in Python: more than the
functions it spared cost, session 22). So the text around each mention is read first
(`possible`): a mention that can be inert for no reason (`run(...)`, `self.run(...)`,
`a.b.run(...)`: most of them) leaves its function interpreted without a tree, and a tree is
walked only for the reasons its mentions may have (`inert_mentions`' `want`).
"""

from __future__ import annotations

import ast
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

# `def name` / `async def name` at a def statement's column.
_DEF_HEAD = re.compile(r"(?:async[ \t]+)?def[ \t]+")
# Where a module or function may rebind `isinstance`/`issubclass` (then not the builtins).
_REBINDS_CHECK = re.compile(
    rb"(?:def[ \t]+|as[ \t]+|import[^\n]*\b)(?:isinstance|issubclass)\b"
    rb"|\b(?:isinstance|issubclass)[ \t]*(?::|=(?!=)|,[^\n]*=)"
)
_TYPE_CHECK = re.compile(rb"isinstance|issubclass")
# Names of `type[...]` in an annotation: the class itself may be called there (`cls()`).
_TYPE_OF = frozenset(("type", "Type"))
# The text before a mention: `def ` (its own def, perhaps), or `NAME.` with NAME a plain name
# (not itself an attribute or after a call/subscript: the receiver rule's `v.NAME`).
_BEFORE_DEF = re.compile(r"(?<![\w.])def[ \t]+$")
_BEFORE_NAME_DOT = re.compile(r"(?<![\w.)\]])([^\W\d]\w*)[ \t]*\.[ \t]*$")
# Names that are parameters in practice: `self.NAME` is not a receiver bound once to `C(...)`.
_PARAMETERS = frozenset(("self", "cls"))


class Why(enum.Enum):
    """Why a name at a position cannot call a wrapper of that name."""

    OWN_DEF = "own_def"  # the function's own `def NAME`
    KEYWORD = "keyword"  # a keyword argument's name: `f(NAME=...)`
    TYPE_CHECK = "type_check"  # a class tested by the builtin `isinstance`/`issubclass`
    ANNOTATION = "annotation"  # a name in an annotation (no call in it, not `type[...]`)
    RECEIVER = "receiver"  # `v.NAME` with `v` bound once, to `C(...)`: `receivers` says `C`


@dataclass(frozen=True)
class Mention:
    """A name's position in the function's text (1-based line of the tree, UTF-8 column)."""

    line: int
    col: int


@dataclass(frozen=True)
class Inert:
    """What `inert_mentions` found: each position's reason, and for `Why.RECEIVER` the class
    name the receiver was constructed with (a bare name, looked up in the module)."""

    why: dict[Mention, Why]
    receivers: dict[Mention, str]


def possible(code: str, start: int, end: int) -> frozenset[Why]:
    """The reasons the mention `code[start:end]` (one line of code) may be inert for, by the
    text around it alone; empty when it can be for none (a call of the bare name, of a method
    of `self` or of anything but a plain name): its function is interpreted, no tree needed.
    Over-approximates `inert_mentions` (a line continued inside the mention's expression reads
    as a bare name, which may be annotated or tested)."""
    before = code[:start]
    after = code[end:].lstrip(" \t")
    if _BEFORE_DEF.search(before) is not None:
        return frozenset((Why.OWN_DEF,))
    out: set[Why] = set()
    if after.startswith("=") and not after.startswith("=="):
        out.add(Why.KEYWORD)  # (or an annotation's end: `p: Runner = ...`)
    called = after.startswith("(")
    if not called:  # (a name, or a dotted one, in an annotation or a type test)
        out.update((Why.ANNOTATION, Why.TYPE_CHECK))
    if before.rstrip(" \t").endswith("."):
        m = _BEFORE_NAME_DOT.search(before)
        if m is not None and m.group(1) not in _PARAMETERS:
            out.add(Why.RECEIVER)
    return frozenset(out)


def rebinds_type_checks(data: bytes) -> bool:
    """Whether a module's bytes may bind `isinstance` or `issubclass` to something else.

    `_REBINDS_CHECK` tried on the lines that name either: none of its matches spans a line
    (the same answer as a search of the whole text), and led by alternatives `re` finds no
    literal for, it was tried at every position (0.1 s over a 13,000-line module)."""
    done = 0  # (the end of the last line searched: each line once)
    for m in _TYPE_CHECK.finditer(data):
        if m.start() < done:
            continue
        start = data.rfind(b"\n", 0, m.start()) + 1
        done = data.find(b"\n", m.end())
        if done < 0:
            done = len(data)
        if _REBINDS_CHECK.search(data, start, done) is not None:
            return True
    return False


def inert_mentions(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    lines: list[str],
    *,
    type_checks: bool,
    want: frozenset[Why] = frozenset(Why),
) -> Inert:
    """The inert name positions of function `fn` (CPython's tree of it; `lines` the text the
    tree was compiled from). type_checks: `isinstance`/`issubclass` are the builtins. want: the
    reasons looked for (the others are not: positions inert only by them are not reported)."""
    why: dict[Mention, Why] = {}
    receivers: dict[Mention, str] = {}
    if Why.TYPE_CHECK not in want:
        type_checks = False
    if type_checks and _binds(fn, ("isinstance", "issubclass")):
        type_checks = False
    head = _def_name(fn, lines) if Why.OWN_DEF in want else None
    if head is not None:
        why[head] = Why.OWN_DEF
    keywords = Why.KEYWORD in want
    for node in ast.walk(fn) if keywords or type_checks else ():
        if keywords and isinstance(node, ast.keyword) and node.arg is not None:
            why[Mention(node.lineno, node.col_offset)] = Why.KEYWORD
        elif (
            type_checks
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("isinstance", "issubclass")
            and len(node.args) == 2
            and not node.keywords
        ):
            for at in _plain_names(node.args[1], tuples=True):
                why[at] = Why.TYPE_CHECK
    for ann in _annotations(fn) if Why.ANNOTATION in want else ():
        for at in _annotation_names(ann):
            why.setdefault(at, Why.ANNOTATION)
    if Why.RECEIVER not in want:
        return Inert(why, receivers)
    bound = _bound_once(fn)
    for node in ast.walk(fn) if bound else ():
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and node.end_lineno is not None
            and node.end_col_offset is not None
        ):
            at = Mention(node.end_lineno, node.end_col_offset - len(node.attr.encode()))
            why.setdefault(at, Why.RECEIVER)
            receivers[at] = bound[node.value.id]
    return Inert(why, receivers)


def _binds(fn: ast.FunctionDef | ast.AsyncFunctionDef, names: tuple[str, ...]) -> bool:
    """Whether the function (nested scopes included) binds one of `names` itself."""
    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) and node.id in names:
            return True
        if isinstance(node, ast.arg) and node.arg in names:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name) in names:
            return True
    return False


def _def_name(fn: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> Mention | None:
    if not 0 < fn.lineno <= len(lines):
        return None
    text = lines[fn.lineno - 1]
    raw = text.encode()
    if raw[: fn.col_offset].strip():
        return None
    m = _DEF_HEAD.match(raw[fn.col_offset :].decode(errors="replace"))
    if m is None or not raw[fn.col_offset + m.end() :].startswith(fn.name.encode()):
        return None
    return Mention(fn.lineno, fn.col_offset + len(m.group().encode()))


def _plain_names(node: ast.expr, *, tuples: bool) -> Iterator[Mention]:
    """The positions of the names a dotted name (or, `tuples`, a tuple of them) is made of:
    each `Name` and each attribute's name."""
    if tuples and isinstance(node, ast.Tuple):
        for el in node.elts:
            yield from _plain_names(el, tuples=False)
    elif isinstance(node, ast.Name):
        yield Mention(node.lineno, node.col_offset)
    elif (
        isinstance(node, ast.Attribute)
        and node.end_lineno is not None
        and node.end_col_offset is not None
    ):
        yield Mention(node.end_lineno, node.end_col_offset - len(node.attr.encode()))
        yield from _plain_names(node.value, tuples=False)


def _annotations(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.expr]:
    """The function's own annotations (parameters, return, annotated assignments in its body;
    not those of nested functions, which are their own)."""
    a = fn.args
    for p in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]:
        if p is not None and p.annotation is not None:
            yield p.annotation
    if fn.returns is not None:
        yield fn.returns
    todo: list[ast.AST] = list(fn.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(node, ast.AnnAssign):
            yield node.annotation
        todo.extend(ast.iter_child_nodes(node))


def _annotation_names(ann: ast.expr) -> Iterator[Mention]:
    """The names of an annotation made of names, dotted names, subscripts, `|` and
    constants only (anything else, a call, may run code), outside `type[...]`."""
    for node in ast.walk(ann):
        if not isinstance(
            node,
            ast.Name
            | ast.Attribute
            | ast.Subscript
            | ast.BinOp
            | ast.BitOr
            | ast.Tuple
            | ast.Constant
            | ast.Load,
        ):
            return
        if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.BitOr):
            return
        if isinstance(node, ast.Subscript) and _last_name(node.value) in _TYPE_OF:
            return
    for node in ast.walk(ann):
        if isinstance(node, ast.Name | ast.Attribute):
            yield from _plain_names(node, tuples=False)


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _bound_once(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, str]:
    """Local variables bound exactly once in the function (nested scopes included), by a plain
    `v = C(...)` with `C` a bare name the function does not bind: variable -> `C`. A parameter,
    a `global`/`nonlocal`, a `del`, any other binding (a loop, `with`, `except`, an import, a
    walrus, a nested def or class, a match capture) of the name, or of `C`, and it is not."""
    stores: dict[str, int] = {}
    assigned: dict[str, str] = {}
    banned: set[str] = set()

    def bind(name: str) -> None:
        stores[name] = stores.get(name, 0) + 1

    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bind(node.id)  # (a store or a `del`: `del` counts as a second binding)
        elif isinstance(node, ast.arg):
            banned.add(node.arg)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            banned.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bind(node.name)
        elif isinstance(node, ast.alias):
            bind((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node is not fn:
                bind(node.name)
        elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name:
            bind(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bind(node.rest)
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
        ):
            assigned[node.targets[0].id] = node.value.func.id
    return {
        v: cls
        for v, cls in assigned.items()
        if stores.get(v) == 1 and v not in banned and cls not in stores and cls not in banned
    }
