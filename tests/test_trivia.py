"""Whitespace and punctuation nodes are shared between parsed trees (`frontend.trivia`), and
nothing that reads a tree can tell."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from frontier_lint.frontend import trivia
from frontier_lint.frontend.parsing import parse_module

TRICKY = """\
from os import (  # a comment
    path,
    sep,
)
from subprocess import (run)
x = ((a + (b)) * [c, d][0]) if not e else {f: g}  # trailing
y = (
    h  # inside
    , i
)
async def k(l, *, m=1) -> None:
    await n(o=p, q=(r, s))
    t += u; v = w is not z


class C:
    def f(self): return (1, (2, (3,)))
"""


def _nodes(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Every node of a tree in code order (trivia included)."""
    out = [node]
    for child in node.children:
        out.extend(_nodes(child))
    return out


def test_trees_share_their_whitespace_and_punctuation() -> None:
    first, second = parse_module("a = f(b, c)\n"), parse_module("d = g(e, h)\n")
    a, d = first.body[0].body[0], second.body[0].body[0]  # type: ignore[attr-defined]
    assert a.targets[0].whitespace_after_equal is d.targets[0].whitespace_after_equal
    assert a.value.args[0].comma is d.value.args[0].comma
    assert a.value is not d.value and a.targets[0].target is not d.targets[0].target


def test_a_tree_with_shared_nodes_is_the_tree_libcst_builds() -> None:
    ours, theirs = parse_module(TRICKY), cst.parse_module(TRICKY)
    assert ours.code == TRICKY
    assert ours.deep_equals(theirs)


def test_positions_of_nodes_that_hold_code_are_libcsts() -> None:
    ours, theirs = parse_module(TRICKY), cst.parse_module(TRICKY)
    mine = MetadataWrapper(ours, unsafe_skip_copy=True).resolve(PositionProvider)
    reference = MetadataWrapper(theirs, unsafe_skip_copy=True).resolve(PositionProvider)
    pairs = list(zip(_nodes(ours), _nodes(theirs), strict=True))
    shared = {id(n) for n in _nodes(ours) if id(n) in trivia._SHARED}
    assert shared  # (the comparison below is not vacuous)
    for n, m in pairs:
        if id(n) not in shared:
            assert mine[n] == reference[m], (type(n).__name__, ours.code_for_node(n))


def test_the_libcst_names_are_the_classes_again_after_a_parse_even_a_failed_one() -> None:
    parse_module("x = 1\n")
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("x = (\n")
    for name in trivia._FACTORIES:
        assert isinstance(getattr(cst, name), type), name
    assert isinstance(cst.parse_expression("a, b").elements[0].comma, cst.Comma)


def test_a_comment_or_a_long_run_of_spaces_is_not_kept() -> None:
    before = len(trivia._SHARED)
    parse_module("x = 1  # one comment\n" + "y =" + " " * 200 + "2\n")
    tree = parse_module("x = 1  # one comment\n")
    line = tree.body[0]
    assert id(line.trailing_whitespace) not in trivia._SHARED  # type: ignore[attr-defined]
    assert len(trivia._SHARED) - before < 10
