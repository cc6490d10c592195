"""Whitespace and punctuation nodes shared between the trees libcst parses.

libcst's parser (native code) builds every node by calling the class of that name on the
`libcst` module. Whitespace, newlines, brackets, commas and operator tokens are most of a tree
(62 % of the 853,000 nodes parsed on the corpus; `SimpleWhitespace` alone 40 %) and hold no
code. While `parse_module` runs, those names lead to factories (`sharing`) that hand out one
instance per distinct content: a fifth less parse time, and that many fewer objects kept.

Sharing is safe because nothing tells two equal trivia nodes apart: libcst nodes compare and
hash by identity, but no analysis keys on a trivia node, and libcst's position metadata, which
records one position per node (the first for a shared one), takes a node's position from
another node only for statements and for `ImportFrom`'s closing parenthesis (`RightParen` is
not shared for that reason). Code generation reads only content.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator

import libcst as cst

# Instances handed out by the factories (by id): alive as long as their caches, i.e. for good.
_SHARED: set[int] = set()
# Bounds per kind: one-off whitespace (a long run of spaces) is not kept.
_MAX_KINDS = 4096
_MAX_TEXT = 80

_LEAVES = (cst.SimpleWhitespace, cst.Newline)  # content: one optional string
_COMPOSITES: tuple[type[cst.CSTNode], ...] = (
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.ParenthesizedWhitespace,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.AssignEqual,
    cst.Semicolon,
    cst.LeftParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
)
_OPERATORS = (cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp, cst.BaseAugOp)


def _leaf(cls: type[cst.CSTNode]) -> Callable[..., cst.CSTNode]:
    cache: dict[str | None, cst.CSTNode] = {}

    def make(value: str | None = None) -> cst.CSTNode:
        got = cache.get(value)
        if got is None:
            got = cls() if value is None else cls(value)  # type: ignore[call-arg]
            if len(cache) < _MAX_KINDS and (value is None or len(value) <= _MAX_TEXT):
                cache[value] = got
                _SHARED.add(id(got))
        return got

    return make


def _composite(cls: type[cst.CSTNode]) -> Callable[..., cst.CSTNode]:
    """A node made only of shared nodes (and flags) is shared too; anything else (a comment,
    a node not shared) makes a new one."""
    cache: dict[tuple[object, ...], cst.CSTNode] = {}

    def make(**fields: object) -> cst.CSTNode:
        key: list[object] = []
        for name, v in fields.items():
            ident: object = id(v)
            if ident not in _SHARED and v is not None and v is not True and v is not False:
                if type(v) is tuple and all(id(x) in _SHARED for x in v):
                    ident = tuple(map(id, v))
                else:
                    return cls(**fields)
            key += (name, ident)
        frozen = tuple(key)
        got = cache.get(frozen)
        if got is None:
            got = cls(**fields)
            if len(cache) < _MAX_KINDS:
                cache[frozen] = got
                _SHARED.add(id(got))
        return got

    return make


def _operators() -> list[type[cst.CSTNode]]:
    found: list[type[cst.CSTNode]] = []
    for name in cst.__all__:
        kind = getattr(cst, name)
        if (
            isinstance(kind, type)
            and issubclass(kind, _OPERATORS)
            and dataclasses.is_dataclass(kind)
            and not getattr(kind, "__abstractmethods__", None)
            and all(f.name.startswith("whitespace") for f in dataclasses.fields(kind))
        ):
            found.append(kind)
    return found


_FACTORIES: dict[str, Callable[..., cst.CSTNode]] = {
    **{k.__name__: _leaf(k) for k in _LEAVES},
    **{k.__name__: _composite(k) for k in (*_COMPOSITES, *_operators())},
}
_CLASSES: dict[str, object] = {name: getattr(cst, name) for name in _FACTORIES}


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """Within: the parser's trivia nodes are shared (the `libcst` names lead to factories)."""
    names = vars(cst)
    names.update(_FACTORIES)
    try:
        yield
    finally:
        names.update(_CLASSES)
