"""Layout nodes shared between libcst trees instead of one object per occurrence.

Whitespace, line ends, commas and dots were more than a third of the libcst nodes a corpus run
keeps (the analysis's scopes and values hold the parsed statements all run long): 340,000
`SimpleWhitespace` objects alone, nearly all `""` or `" "`. They hold no code, every walk over
code skips them (`syntax._TRIVIA`), and libcst compares nodes by identity only, so one object
per distinct layout serves every tree.

libcst's native parser builds each node by calling the class named on the `libcst` module;
while `sharing()` is active those names are factories that return the node already made for
the same fields (the children of a composite one are themselves shared, so their identities
are its key). A node's position (libcst's position metadata, used only where a finding is
shown) is never asked for a layout node; the kinds libcst reads a neighbour's position from
(parentheses: `ImportFrom` ends at its `rpar`) stay one object per occurrence. `Name` and
`SimpleString` nodes are code, one per occurrence, but their (short) text is interned, and so
are a `Module`'s layout strings (`_INTERNING`).

While a parse runs, `type(node) is cst.Name` (and the same for a shared kind) is false in
another thread of the process; `isinstance` answers right. The analysis parses and walks in one
thread (the language server runs it in a child process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from sys import intern
from typing import cast

import libcst as cst

_OPERATORS = (cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp, cst.BaseAugOp)
# The kinds whose nodes are shared.
_KINDS: tuple[type[cst.CSTNode], ...] = (
    cst.SimpleWhitespace,
    cst.Newline,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.ParenthesizedWhitespace,
    cst.Comma,
    cst.Dot,
    cst.AssignEqual,
    cst.Colon,
    cst.Semicolon,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    # Operator tokens (`+`, `==`, `not in`, `+=`, ...): the expression holds the operands.
    *sorted(
        (
            k
            for k in vars(cst).values()
            # (by the MRO: `issubclass` on libcst's ABCs filled their caches, 3.6 MB)
            if isinstance(k, type) and any(b in _OPERATORS for b in k.__mro__[1:])
        ),
        key=lambda k: k.__name__,
    ),
)
# Distinct layouts seen; past this many the table starts again (trees keep their nodes).
MAX_SHARED = 50_000
_table: dict[tuple[object, ...], cst.CSTNode] = {}


def _part(value: object) -> object:
    """A field's share of a key: a node by identity (the shared node keeps it alive, so its
    id is not reused while the entry exists), a tuple of nodes likewise, else the value."""
    if isinstance(value, cst.CSTNode):
        return id(value)
    if type(value) is tuple:
        return tuple([id(v) for v in value])
    return value


def _shared(
    key: tuple[object, ...], build: Callable[..., cst.CSTNode], fields: dict[str, object]
) -> cst.CSTNode:
    """The node made for `key` (made with `build(**fields)` the first time)."""
    node = _table.get(key)
    if node is None:
        if len(_table) >= MAX_SHARED:
            _table.clear()
        node = _table[key] = build(**fields)
    return node


class _StandIn(type):
    """What the `libcst` module names a shared kind while the parser runs: calling it returns
    the shared node; `isinstance` and `issubclass` answer as for the real class (another
    thread, such as the language server's, may ask meanwhile). Each kind's stand-in is made by
    its own subclass, whose `__call__` is the kind's factory (the parser calls these half a
    million times on the corpus: no second call per node)."""

    _real: type[cst.CSTNode]

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, cls._real)

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, cls._real)


def _stand_in(kind: type[cst.CSTNode]) -> _StandIn:
    build = cast(Callable[..., cst.CSTNode], kind)  # (the fields are the parser's)

    def plain(cls: _StandIn, value: str | None = None) -> cst.CSTNode:
        """A kind with one plain `value` field (the most frequent ones)."""
        key = (kind, value)
        node = _table.get(key)
        if node is None:
            if len(_table) >= MAX_SHARED:
                _table.clear()
            node = _table[key] = build(value=value)
        return node

    def nodes(cls: _StandIn, **fields: object) -> cst.CSTNode:
        """A kind whose fields hold nodes, booleans or None: each by identity (the shared node
        keeps them alive; `True`, `False` and `None` are one object each)."""
        if fields.get("comment") is not None:
            return build(**fields)  # (a comment is nearly always unique: not worth a key)
        # (`_shared`, inline: the parser calls this for most layout nodes it makes)
        key = (kind, *fields, *map(id, fields.values()))
        node = _table.get(key)
        if node is None:
            if len(_table) >= MAX_SHARED:
                _table.clear()
            node = _table[key] = build(**fields)
        return node

    def mixed(cls: _StandIn, **fields: object) -> cst.CSTNode:
        """Any other kind (a tuple of lines, an operator's text): each field by `_part`."""
        return _shared((kind, *fields, *[_part(v) for v in fields.values()]), build, fields)

    if kind in (cst.SimpleWhitespace, cst.Newline):
        make: Callable[..., cst.CSTNode] = plain
    elif kind in (cst.ParenthesizedWhitespace, cst.NotEqual):
        make = mixed
    else:
        make = nodes
    maker = type(f"_{kind.__name__}Maker", (_StandIn,), {"__call__": make})
    return cast(_StandIn, maker(kind.__name__, (), {"_real": kind}))


def _named(cls: _StandIn, **fields: object) -> cst.CSTNode:
    """A `Name` (code: never shared) whose text is the interned string: the parser makes a
    new string per occurrence, and names were about 2 MB of strings per MB of source parsed (the
    kept trees' largest part after the nodes themselves)."""
    value = fields.get("value")
    if type(value) is str:
        fields["value"] = intern(value)
    return _NAME(**fields)


# A string literal's text up to this length is interned: short ones recur (`"-c"`, `"utf-8"`,
# dict keys; about half their bytes in a sample of the corpus), long ones (docstrings) seldom.
SHORT_STRING = 64


def _string(cls: _StandIn, **fields: object) -> cst.CSTNode:
    """A `SimpleString` (code: never shared) whose short text is the interned string."""
    value = fields.get("value")
    if type(value) is str and len(value) <= SHORT_STRING:
        fields["value"] = intern(value)
    return _STRING(**fields)


def _module(cls: _StandIn, **fields: object) -> cst.CSTNode:
    """A `Module` whose layout strings (`encoding`, `default_indent`, `default_newline`) are
    the interned ones: the parser makes new ones per tree, and a run keeps thousands of trees
    (one per parsed piece: 0.6 MB of `"utf-8"` and `"    "` on the corpus)."""
    for field in ("encoding", "default_indent", "default_newline"):
        value = fields.get(field)
        if type(value) is str:
            fields[field] = intern(value)
    return _MODULE(**fields)


def _maker(name: str, make: Callable[..., cst.CSTNode], real: type[cst.CSTNode]) -> _StandIn:
    maker = type(f"_{name}Maker", (_StandIn,), {"__call__": make})
    return cast(_StandIn, maker(name, (), {"_real": real}))


_NAME = cast(Callable[..., cst.CSTNode], cst.Name)
_STRING = cast(Callable[..., cst.CSTNode], cst.SimpleString)
_MODULE = cast(Callable[..., cst.CSTNode], cst.Module)
# Code kinds the parser makes through a factory that interns their strings (never shared).
_INTERNING: tuple[tuple[type[cst.CSTNode], Callable[..., cst.CSTNode]], ...] = (
    (cst.Name, _named),
    (cst.SimpleString, _string),
    (cst.Module, _module),
)
_FACTORIES: dict[str, _StandIn] = {
    **{k.__name__: _stand_in(k) for k in _KINDS},
    **{k.__name__: _maker(k.__name__, make, k) for k, make in _INTERNING},
}
_REAL: dict[str, type[cst.CSTNode]] = {k.__name__: k for k in _KINDS}
_REAL.update((k.__name__, k) for k, _ in _INTERNING)


@contextmanager
def sharing() -> Iterator[None]:
    """Layout nodes the parser makes inside are shared (see the module docstring)."""
    names = vars(cst)  # (one dict update, not 58 `setattr`s, twice per parse)
    names.update(_FACTORIES)
    try:
        yield
    finally:
        # Back to the real classes (not to what was there before: a nested or concurrent
        # use must never leave a factory in place of a class).
        names.update(_REAL)
