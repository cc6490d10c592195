"""Layout nodes (whitespace, line ends, commas, dots) are shared between parsed trees, which
stay what libcst would have built: the same code, the same positions of code nodes."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from frontier_lint.frontend import trivia
from frontier_lint.frontend.parsing import SourceFile, parse_module
from frontier_lint.frontend.syntax import _TRIVIA

SAMPLE = """\
import os.path
from pkg.sub import (a,
    b)  # trailing comment

# a comment line

def run(cmd, *, shell=False):
    x = [1, 2,
         3]
    if cmd:  # why
        return os.system(cmd)
    return subprocess.run(["codex", "--x"], check=True)


class C(Base, metaclass=M):
    attr = {"k": (1, 2)}
"""


def _nodes(module: cst.Module) -> list[cst.CSTNode]:
    out: list[cst.CSTNode] = []
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.children)
    return out


def _code_positions(module: cst.Module) -> list[tuple[str, object]]:
    """Every code node's kind and position, in tree order."""
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return [
        (type(n).__name__, positions[n])
        for n in _nodes(module)
        if not isinstance(n, _TRIVIA) and n in positions
    ]


def test_layout_nodes_are_shared_between_trees() -> None:
    first, second = parse_module(SAMPLE), parse_module("y = f(a, b)\n")
    spaces = {id(n) for n in _nodes(first) if type(n) is cst.SimpleWhitespace and n.value == " "}
    assert len(spaces) == 1
    comma = next(n for n in _nodes(second) if type(n) is cst.Comma)
    assert any(n is comma for n in _nodes(first))


def test_shared_trees_keep_code_and_code_positions() -> None:
    shared = parse_module(SAMPLE)
    plain = cst.parse_module(SAMPLE)  # libcst's own parse: one object per node
    assert shared.code == SAMPLE
    assert _code_positions(shared) == _code_positions(plain)
    assert shared.deep_equals(plain)


def test_code_nodes_are_never_shared() -> None:
    module = parse_module("f(a)\nf(a)\n")
    code = [n for n in _nodes(module) if not isinstance(n, _TRIVIA)]
    assert len({id(n) for n in code}) == len(code)


def test_real_classes_are_back_after_a_parse_even_a_failed_one() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("def (:\n")
    for name, kind in trivia._REAL.items():
        assert getattr(cst, name) is kind


def test_a_full_table_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trivia, "MAX_SHARED", 3)
    monkeypatch.setattr(trivia, "_table", {})
    module = parse_module(SAMPLE)
    assert module.code == SAMPLE
    assert len(trivia._table) <= 3


def test_positions_from_a_source_file_are_unchanged() -> None:
    src = SourceFile("m.py", SAMPLE)
    stmts, piece = src.statements(1)  # the parenthesised import
    span = piece.span(stmts[0])
    assert (span.line, span.end_line, span.end_column) == (2, 3, 7)


def test_operator_tokens_are_shared_and_evaluated_alike() -> None:
    module = parse_module("x = a + b\ny = c + d\nz = a not in b\n")
    adds = [n for n in _nodes(module) if type(n) is cst.Add]
    assert len(adds) == 2 and adds[0] is adds[1]
    assert module.code == "x = a + b\ny = c + d\nz = a not in b\n"


def test_kinds_answer_isinstance_while_the_parser_runs() -> None:
    # Another thread (the language server's) may check a node's kind during a parse.
    expr = cst.parse_expression("-a + b")
    assert isinstance(expr, cst.BinaryOperation) and isinstance(expr.left, cst.UnaryOperation)
    with trivia.sharing():
        assert isinstance(expr.operator, cst.Add)
        assert isinstance(expr.left.operator, cst.Minus | cst.Plus)
        assert issubclass(type(expr.operator), cst.BaseBinaryOp)
        assert not isinstance(expr.operator, cst.Subtract)


def test_names_keep_one_string_per_text() -> None:
    # A tree keeps every name's text: one string per distinct text, not one per occurrence.
    first = parse_module("command = build(command)\n")
    second = parse_module("def run(command):\n    return command\n")
    texts = [n.value for m in (first, second) for n in _nodes(m) if type(n) is cst.Name]
    commands = [t for t in texts if t == "command"]
    assert len(commands) == 4
    assert len({id(t) for t in commands}) == 1


def test_short_strings_and_module_layout_keep_one_string_per_text() -> None:
    # Every parsed piece is a Module of its own: its encoding and indent, and short string
    # literals, are one string per distinct text; a long literal (a docstring) is left as made.
    long = '"' + "x" * trivia.SHORT_STRING + '"'
    first = parse_module(f'run("-c", {long})\n')
    second = parse_module(f'def f():\n    return "-c", {long}\n')
    assert first.encoding is second.encoding
    assert first.default_indent is second.default_indent
    strings = [n for m in (first, second) for n in _nodes(m) if type(n) is cst.SimpleString]
    short = [n.value for n in strings if n.value == '"-c"']
    assert len(short) == 2 and short[0] is short[1]
    longs = [n.value for n in strings if n.value == long]
    assert len(longs) == 2 and longs[0] is not longs[1]
    assert first.code == f'run("-c", {long})\n'


def test_names_are_ordinary_name_nodes() -> None:
    module = parse_module("a_name = other_name\n")
    names = [n for n in _nodes(module) if isinstance(n, cst.Name)]
    assert [type(n) for n in names] == [cst.Name, cst.Name]
    assert cst.Name is trivia._REAL["Name"]
    assert cst.SimpleString is trivia._REAL["SimpleString"] and cst.Module is trivia._REAL["Module"]
    assert module.code == "a_name = other_name\n"
