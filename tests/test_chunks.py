"""The chunk scan: top-level statements found without parsing, checked against libcst."""

from __future__ import annotations

import re
from array import array

import libcst as cst
import pytest

from frontier_lint.scan.chunks import _bracket_spans, line_starts, split_chunks

CASES = {
    "three quote characters are not a triple quote": (
        'def a(x):\n    return x.replace(\'"\', r"\\"")\n\n\ndef b():\n    return 1\n'
    ),
    "unindented entries inside brackets continue the statement": (
        "TABLE = {\n0xa0: '~',\n0xa3: 'pounds',\n}\n\ndef f():\n    return TABLE\n"
    ),
    "docstring text at column 0": (
        'def f():\n    """Usage:\n\ndef not_a_function():\n"""\n    return 1\n\nX = 1\n'
    ),
    "decorators belong to their definition": "@a\n@b(1)\ndef f():\n    pass\n\nclass C:\n    pass\n",
    "else and except continue a compound statement": (
        "try:\n    import x\nexcept ImportError:\n    x = None\nif x:\n    y = 1\nelse:\n    y = 2\n"
    ),
}


@pytest.mark.parametrize("text", CASES.values(), ids=list(CASES))
def test_every_chunk_is_whole_statements(text: str) -> None:
    lines = text.split("\n")
    chunks = split_chunks(text)
    module = cst.parse_module(text)
    assert len(chunks) == len(module.body)
    for c in chunks:
        cst.parse_module("\n".join(lines[c.start : c.end]) + "\n")  # raises if cut wrongly


def test_kinds_and_names() -> None:
    chunks = split_chunks(CASES["decorators belong to their definition"])
    assert [(c.kind, c.name) for c in chunks] == [("def", "f"), ("class", "C")]


@pytest.mark.parametrize("text", [*CASES.values(), "", "x = 1", "x = 1\n", "\n\nx = 1\n\n"])
def test_the_callers_line_starts_give_the_same_chunks(text: str) -> None:
    # (A source file hands over the line starts it keeps; the last chunk ends at the last line.)
    assert split_chunks(text, line_starts(text)) == split_chunks(text)
    assert split_chunks(text) == split_chunks(text, array("q", line_starts(text)))


def test_the_last_chunk_ends_at_the_last_line_with_or_without_a_final_newline() -> None:
    assert [c.end for c in split_chunks("x = 1\n")] == [1]
    assert [c.end for c in split_chunks("x = 1")] == [1]
    assert [(c.start, c.end) for c in split_chunks("x = 1\n\ny = 2\n\n")] == [(0, 2), (2, 4)]


# The bracket scan's rules, written token by token: a triple-quoted string is skipped to its
# closing quotes, a comment and a one-line string are skipped whole (a string does not continue
# past a backslash-newline), and a quote that opens no string on its line is skipped alone.
_TOKENS = re.compile(
    r"""(?P<tq>\"\"\"|\'\'\')|\#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
    r"""|(?P<open>[(\[{])|(?P<close>[)\]}])"""
)


def _bracket_spans_token_by_token(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth = start = pos = 0
    while (m := _TOKENS.search(text, pos)) is not None:
        pos = m.end()
        if m.group("tq"):
            close = text.find(m.group("tq"), pos)
            pos = len(text) if close < 0 else close + 3
        elif m.group("open"):
            start = m.start() if depth == 0 else start
            depth += 1
        elif m.group("close") and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, pos))
    return [*spans, (start, len(text))] if depth else spans


BRACKETS = {
    "brackets in strings and comments": "x = f('(', \"[\")  # {\ny = [1,\n2]\n",
    "a quote that opens no string on its line": "x = (\"a\n)\ny = ['b]\n",
    "a backslash-newline ends a one-line string": 'x = f"a \\\n (b" + (c)\n',
    "escaped quotes": "x = ('\\'(', \"\\\"[\")\n",
    "triple-quoted strings": 'x = """ ( """ + (\'\'\'\n]\'\'\')\ny = """unclosed (',
    "an empty string before a quote": "x = ('''' ) ''')\n",
    "a bracket left open": "x = {\n'a': (1,\n",
    "a stray closing bracket": "x = 1)\ny = (2\n)\n",
}


@pytest.mark.parametrize("text", BRACKETS.values(), ids=list(BRACKETS))
def test_bracket_groups_follow_the_token_rules(text: str) -> None:
    assert _bracket_spans(text) == _bracket_spans_token_by_token(text)


def test_chunks_of_a_module_with_a_column_0_line_inside_brackets() -> None:
    text = "x = f(\n'(', a\n)\n\ndef g():\n    return [\n1]\n\nz = 1\n"
    assert [(c.start, c.end, c.kind) for c in split_chunks(text)] == [
        (0, 4, "other"),
        (4, 8, "def"),
        (8, 9, "other"),
    ]
