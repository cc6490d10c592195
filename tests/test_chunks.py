"""The chunk scan: top-level statements found without parsing, checked against libcst."""

from __future__ import annotations

import libcst as cst
import pytest

from frontier_lint.scan.chunks import split_chunks

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
