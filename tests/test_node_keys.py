"""Stable node keys (`Piece.node_key`): a tree parsed again gives every node the key it had,
so nothing keyed by them (a command object's `origin`) depends on node identities, which a
freed tree gives to new nodes."""

from __future__ import annotations

import libcst as cst

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import LazyCall, LocalFunc
from frontier_lint.dataflow.refs import InstanceRef, Made
from frontier_lint.dataflow.values import Str, shape
from frontier_lint.frontend.parsing import Piece, SiteRef, SourceFile, _places, parse_module
from frontier_lint.frontend.syntax import children

SOURCE = """\
import sh

run = sh.Command("codex")


class Tool:
    name = "x"

    def go(self, argv):
        return sh.git(*argv, _bg=True)


def outer():
    def inner():
        return sh.claude("-p")
    exec("import sh\\nsh.codex()")
    return inner
"""


def _nodes(module: cst.CSTNode) -> list[cst.CSTNode]:
    out: list[cst.CSTNode] = []
    todo = [module]
    while todo:
        n = todo.pop()
        out.append(n)
        todo.extend(children(n))
    return out


def _pieces(source: SourceFile) -> list[Piece]:
    pieces = [source.statements(i)[1] for i in range(len(source.chunks))]
    for i in range(len(source.chunks)):
        members = source.members(i)
        if members:
            pieces.append(source.class_skeleton(i, members)[1])
            pieces.extend(source.member_def(m)[1] for m in members if m.kind == "def")
    return pieces


def test_a_tree_parsed_twice_gives_equal_keys() -> None:
    one, two = _pieces(SourceFile("a.py", SOURCE)), _pieces(SourceFile("a.py", SOURCE))
    assert len(one) == len(two) > 4
    seen: set[tuple[object, ...]] = set()
    # (Import statements' trees are shared by their text: the others are parsed twice.)
    assert sum(a.module is not b.module for a, b in zip(one, two, strict=True)) == len(one) - 1
    for a, b in zip(one, two, strict=True):
        nodes_a, nodes_b = _nodes(a.module), _nodes(b.module)
        keys = [a.node_key(n) for n in nodes_a]
        assert keys == [b.node_key(n) for n in nodes_b]
        assert all("node" not in k for k in keys)  # (every node found in its tree)
        # Distinct within the run: no two nodes of any piece share a key.
        assert not seen & set(keys)
        seen.update(keys)
        assert len(set(keys)) == len(nodes_a)


def test_keys_name_the_file_and_the_piece() -> None:
    a = SourceFile("a.py", SOURCE)
    b = SourceFile("b.py", SOURCE)
    pa, pb = a.statements(1)[1], b.statements(1)[1]
    ka, kb = pa.node_key(pa.module), pb.node_key(pb.module)
    assert ka[0] == "a.py" and kb[0] == "b.py" and ka[1:] == kb[1:]


def test_code_run_by_exec_is_keyed_under_its_call() -> None:
    text = "import sh\nsh.codex()\n"
    keys = []
    for _ in range(2):
        piece = SourceFile("a.py", SOURCE).statements(3)[1]
        call = next(n for n in _nodes(piece.module) if isinstance(n, cst.Call))
        code = parse_module(text)
        piece.add_code(code, call, text)
        keys.append([piece.node_key(n) for n in _nodes(code)])
        assert all(k[: len(piece.node_key(call))] == piece.node_key(call) for k in keys[-1])
        assert piece.span(_nodes(code)[-1]) == piece.span(call)
    assert keys[0] == keys[1]
    assert len(set(keys[0])) == len(keys[0])


def test_a_node_of_no_tree_of_the_piece_keeps_its_identity() -> None:
    piece = SourceFile("a.py", SOURCE).statements(0)[1]
    stray = cst.Name("x")
    assert piece.node_key(stray)[-2:] == ("node", id(stray))


def _parts(piece: Piece) -> tuple[cst.Call, cst.FunctionDef]:
    nodes = _nodes(piece.module)
    call = next(n for n in nodes if isinstance(n, cst.Call))
    inner = next(n for n in nodes if isinstance(n, cst.FunctionDef) and n.name.value == "inner")
    return call, inner


def test_shapes_key_the_nodes_values_hold_by_place() -> None:
    # A value computed again after its tree was parsed again (a wrapper round after a release)
    # holds the new tree's nodes: its shape must not say "changed" (`values.PLACED`).
    fid = FuncId("a.py", "outer")
    shapes = []
    for _ in range(2):
        piece = SourceFile("a.py", SOURCE).statements(3)[1]
        call, inner = _parts(piece)
        later = LazyCall(
            trace=(), callee=Str((), "x"), pos=(), kws=(), node=call, depth=1, piece=piece
        )
        local = LocalFunc(trace=(), node=inner, func=fid, env=(), piece=piece)
        site = SiteRef("a.py", piece, call, "outer")
        made = InstanceRef(trace=(), cls=FuncId("a.py", "Tool"), made=Made(fid, call, site))
        shapes.append([shape(later), shape(local), shape(made)])
    assert shapes[0] == shapes[1]
    # Two calls of one tree stay apart.
    piece = SourceFile("a.py", SOURCE).statements(3)[1]
    calls = [n for n in _nodes(piece.module) if isinstance(n, cst.Call)]
    assert len(calls) > 1
    keyed = {
        shape(LazyCall(trace=(), callee=Str((), "x"), pos=(), kws=(), node=c, depth=1, piece=piece))
        for c in calls
    }
    assert len(keyed) == len(calls)


def test_a_few_nodes_are_placed_without_the_whole_table() -> None:
    # (`values.shape` asks a piece about a deferred call or two: a walk to each, not a dict
    # of every node kept as long as the piece.)
    piece = SourceFile("a.py", SOURCE).statements(3)[1]
    nodes = _nodes(piece.module)
    table = _places(piece.module)
    assert len(nodes) > 8
    for n in nodes[-3:]:
        assert piece.node_key(n) == (*piece.key, table[id(n)])
    assert piece._places is None
    # Past a few walks the table is made; the keys stay the same.
    assert [piece.node_key(n) for n in nodes] == [(*piece.key, table[id(n)]) for n in nodes]
    assert piece._places is not None
