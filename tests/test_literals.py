"""Literal values: each literal's text is compiled by CPython once per process, however often
the resolver reads it (libcst's `evaluated_value` compiles it on every call)."""

from __future__ import annotations

import ast
import builtins
from collections import Counter
from pathlib import Path
from typing import Any

import libcst as cst
import pytest

from frontier_lint.frontend import syntax
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Texts CPython is asked to compile (ast.literal_eval and ast.parse go through compile)."""
    monkeypatch.setattr(syntax, "_LITERALS", {})
    seen: Counter[str] = Counter()
    real = builtins.compile

    def counting(source: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(source, str):
            seen[source] += 1
        return real(source, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", counting)
    return seen


def test_a_literal_read_again_is_not_compiled_again(compiled: Counter[str]) -> None:
    first, second = cst.SimpleString("'co\\x64ex'"), cst.SimpleString("'co\\x64ex'")
    assert syntax.literal(first) == syntax.literal(second) == syntax.literal(first) == "codex"
    assert compiled["'co\\x64ex'"] == 1


def test_rejected_literals_stay_rejected_and_are_compiled_once(compiled: Counter[str]) -> None:
    bad = cst.SimpleString("'\\N{NO SUCH CHARACTER}'")
    assert syntax.literal(bad) is None
    assert syntax.literal(bad) is None
    assert compiled["'\\N{NO SUCH CHARACTER}'"] == 1
    assert syntax.literal_value("1__0") is None  # (a number text CPython rejects)


def test_values_are_those_cpython_gives() -> None:
    assert syntax.literal_value("b'\\x00a'") == b"\x00a"
    assert syntax.literal_value("0x1F") == 31
    assert syntax.literal_value("1_000.5e1") == 10005.0
    assert syntax.literal_value("rb'\\d'") == b"\\d"


def test_a_launch_repeating_one_literal_compiles_it_once(
    tmp_path: Path, compiled: Counter[str]
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "app.py").write_text(
        "import subprocess\n"
        "TOOL = 'co' 'dex'\n"
        "def run(flag):\n"
        "    subprocess.run([TOOL, 'e\\x78ec', 'e\\x78ec', flag])\n"
        "run('e\\x78ec')\n"
        "run('e\\x78ec')\n",
        encoding="utf-8",
    )
    config = load_config(None, root)
    result = lint(config, load_catalogue(config.rules), LintRequest(paths=(root,)), use_cache=False)
    assert [f.rule for f in result.findings] == ["FL001"]
    assert compiled["'e\\x78ec'"] == 1  # (an escape: a literal CPython has to read)


# Texts on both sides of the line between literals read directly and literals CPython reads.
TRICKY = [
    *("''", '""', "''''''", '""""""', "'a b'", "'it\"s'", '"it\'s"', "'''x\ny'''"),
    *('"""it\'s"""', '""""a"""', "'#'", "'\\n'", "'a\\\nb'", "b'x'", "r'x'", "f'x'"),
    *("u'x'", "'\u00e9'", "'a\r\nb'", "'''a\r\nb'''", "'a\x00'", '"""a""""', '"""""'),
    *("'a'b'", "'a\nb'", "'\ud800'"),
]


@pytest.mark.parametrize("text", TRICKY)
def test_literal_values_read_directly_are_those_cpython_gives(text: str) -> None:
    try:
        expected = ast.literal_eval(text)
    except (SyntaxError, ValueError):
        expected = None
    assert syntax.literal_value(text) == expected


def test_a_plain_string_literal_is_read_without_a_compile(compiled: Counter[str]) -> None:
    assert syntax.literal(cst.SimpleString("'codex'")) == "codex"
    assert syntax.literal(cst.SimpleString('"""co\ndex"""')) == "co\ndex"
    assert sum(compiled.values()) == 0
