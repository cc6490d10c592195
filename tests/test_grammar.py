"""Parse safety: CPython accepts a text (for the project's target version) before libcst sees it.

libcst reads what CPython rejects and then crashes (2,000 nested brackets: SIGSEGV), recurses
or runs for minutes (a 50,000-term `+` chain); its syntax-error positions are not CPython's.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontier_lint.frontend import grammar
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.config import ConfigError
from frontier_lint.settings.loading import load_config

PEP_701 = 'import subprocess\nconfig = {"bin": "codex"}\nsubprocess.run(f"{config["bin"]} exec", shell=True)\n'
TYPE_ALIAS = "import subprocess\ntype Argv = list[str]\nsubprocess.run(['gemini', '-p'])\n"


def _project(tmp_path: Path, files: dict[str, str], config: str = "") -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / ".git").mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    if config:
        (root / "frontier-lint.yaml").write_text(config, encoding="utf-8")
    return root


def _lint(root: Path):  # type: ignore[no-untyped-def]
    config = load_config(None, root)
    return lint(config, load_catalogue(config.rules), LintRequest(paths=(root,)), use_cache=False)


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "frontier_lint", ".", "--no-cache", "--format", "json", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- CPython's verdict, positions and messages -------------------------------------------------


def test_syntax_error_is_reported_where_cpython_puts_it() -> None:
    checked = grammar.check("import os\ndef f(:\n    pass\n")
    assert checked.rejected == grammar.Rejection(2, 7, "invalid syntax")


def test_file_error_is_cpythons(tmp_path: Path) -> None:
    root = _project(tmp_path, {"x.py": "import subprocess\ndef f(:\n    subprocess.run(['ls'])\n"})
    [error] = _lint(root).errors
    assert (error.line, error.column, error.message) == (2, 7, "cannot parse: invalid syntax")


def test_bad_escape_is_rejected_although_libcst_reads_it() -> None:
    rejected = grammar.check('P = "C:\\Users\\Admin/.cache"\n').rejected
    assert rejected is not None and "unicodeescape" in rejected.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x = " + "(" * 2000 + "1" + ")" * 2000 + "\n", "too many nested parentheses"),
        ("x = a" + ".b" * 20_000 + "\n", "too deeply nested"),
        ("x = " + " + ".join(['"a"'] * 50_000) + "\n", "too deeply nested"),
    ],
    ids=["parentheses", "attributes", "concatenation"],
)
def test_what_cpython_rejects_is_rejected_at_once(text: str, message: str) -> None:
    started = time.perf_counter()
    rejected = grammar.check(text).rejected
    assert rejected is not None and message in rejected.message
    assert time.perf_counter() - started < 2


def test_cpython_depth_limit_does_not_depend_on_the_callers_stack() -> None:
    """A deep caller (the analysis is) gets the room a top-level compile has."""
    text = "x = " + " + ".join(["1"] * 2500) + "\n"  # CPython compiles it at top level

    def nested(n: int) -> grammar.Checked:
        return grammar.check(text) if n == 0 else nested(n - 1)

    assert nested(600).rejected is None


def test_depth_is_measured_on_cpythons_lines() -> None:
    """A lone carriage return ends a line for CPython (a fuzzed file once crashed the check)."""
    text = "x = 1\r" * 300 + "y = [\r" + "1,\r" * 400 + "]\r"
    assert grammar.check(text) == grammar.Checked()


def test_expressions_too_deep_for_libcst_are_marked() -> None:
    deep = "x = " + " + ".join(["'a'"] * (grammar.MAX_DEPTH + 50)) + "\n"
    assert grammar.check(deep) == grammar.Checked(deep=(1, 5))
    shallow = "x = " + " + ".join(["'a'"] * 400) + "\n"
    assert grammar.check(shallow) == grammar.Checked()


def test_the_syntax_gate_does_not_walk_depth_and_check_still_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The gate (`rejection`) reports syntax errors only; a text it accepted is still measured
    by `check` before libcst may see it."""
    deep = "y = " + " + ".join(["'b'"] * (grammar.MAX_DEPTH + 50)) + "\n"
    real = grammar._deep_at
    walks: list[int] = []

    def counting(tree: ast.Module, text: str) -> tuple[int, int] | None:
        walks.append(len(text))
        return real(tree, text)

    monkeypatch.setattr(grammar, "_deep_at", counting)
    assert grammar.rejection(deep) is None
    assert grammar.rejection(deep) is None
    assert walks == []
    assert grammar.check(deep) == grammar.Checked(deep=(1, 5))
    assert walks == [len(deep)]
    assert grammar.rejection("def f(:\n") == grammar.Rejection(1, 7, "invalid syntax")


# --- target version ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "floor"),
    [
        (">=3.10", (3, 10)),
        (">=3.9, <4", (3, 9)),
        ("~=3.12.1", (3, 12)),
        ("<3.13", None),
        ("", None),
    ],
)
def test_requires_python_lower_bound(spec: str, floor: tuple[int, int] | None) -> None:
    assert grammar.requires_python_floor(spec) == floor


def test_target_defaults_to_requires_python(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.12"\n')
    assert grammar.project_target(tmp_path, None) == (3, 12)
    assert grammar.project_target(tmp_path, "py310") == (3, 10)
    assert grammar.project_target(tmp_path / "nowhere", None) == grammar.RUNNING


def test_target_version_is_validated(tmp_path: Path) -> None:
    (tmp_path / "frontier-lint.yaml").write_text("target-version: py99\n")
    with pytest.raises(ConfigError, match="target-version: expected a version such as 'py312'"):
        load_config(None, tmp_path)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="needs an interpreter older than 3.12")
@pytest.mark.parametrize("source", [PEP_701, TYPE_ALIAS], ids=["pep701", "type-alias"])
def test_newer_target_reads_newer_syntax(tmp_path: Path, source: str) -> None:
    """On 3.11, a 3.12 project's f-string with nested quotes or `type` statement is valid code:
    analysed (libcst reads it), not a syntax error."""
    root = _project(tmp_path, {"x.py": source}, "target-version: py312\n")
    report = _lint(root)
    assert not report.errors
    assert [(f.line, f.program) for f in report.findings] == [
        (3, "codex" if source == PEP_701 else "gemini")
    ]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="needs an interpreter older than 3.12")
def test_newer_target_from_requires_python(tmp_path: Path) -> None:
    root = _project(tmp_path, {"x.py": PEP_701})
    (root / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.12"\n')
    assert not _lint(root).errors


@pytest.mark.parametrize("source", [PEP_701, TYPE_ALIAS], ids=["pep701", "type-alias"])
def test_older_target_rejects_newer_syntax(tmp_path: Path, source: str) -> None:
    root = _project(tmp_path, {"x.py": source}, "target-version: py311\n")
    errors = _lint(root).errors
    assert [(e.path, e.line) for e in errors] == [("x.py", 2 if source == TYPE_ALIAS else 3)]


def test_newer_target_still_refuses_what_it_does_not_know() -> None:
    """The newer-syntax reader is libcst's, which knows every version: what is newer than the
    target is refused by hand, what no version accepts keeps CPython's message."""
    defaults = "def f[T = int](x: T) -> T:\n    return x\n"
    rejected = grammar.check(defaults, (3, 12)).rejected
    assert rejected is not None and "need Python 3.13" in rejected.message
    assert grammar.check(defaults, (3, 13)).rejected is None
    assert grammar.check("def f(:\n    pass\n", (3, 12)).rejected == grammar.Rejection(
        1, 7, "invalid syntax"
    )
    escape = grammar.check('type A = int\nP = "C:\\Users"\n', (3, 12)).rejected
    assert escape is not None and "invalid string literal" in escape.message


# --- end to end: no crash, no hang ---------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "(" * 2000 + '"codex"' + ")" * 2000,
        "cfg" + ".a" * 20_000,
        " + ".join(['"codex"'] * 50_000),
    ],
    ids=["2000-parentheses", "20000-attributes", "50000-terms"],
)
def test_input_cpython_rejects_is_a_file_error_not_a_crash(tmp_path: Path, expression: str) -> None:
    root = _project(
        tmp_path,
        {
            "bad.py": f"import subprocess\nsubprocess.run({expression})\n",
            "good.py": "import subprocess\nsubprocess.run(['claude', '-p'])\n",
        },
    )
    started = time.perf_counter()
    done = _cli(root)
    assert time.perf_counter() - started < 10  # a hang detector, not a benchmark
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    out = json.loads(done.stdout)
    assert [e["path"] for e in out["errors"]] == ["bad.py"]
    assert [(f["path"], f["program"]) for f in out["findings"]] == [("good.py", "claude")]


def test_valid_deep_concatenation_is_analysed(tmp_path: Path) -> None:
    terms = " + ".join(['"a"'] * 500)
    root = _project(tmp_path, {"x.py": f'import os\nos.system("codex " + {terms})\n'})
    done = _cli(root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    out = json.loads(done.stdout)
    assert [f["program"] for f in out["findings"]] == ["codex"]
    assert out["errors"] == []


@pytest.mark.parametrize(
    "expression",
    [
        " or ".join(["None"] * 20_000) + " or 'gemini'",
        " and ".join(["x"] * 5_000),
        " ".join(["'a'"] * 5_000),
        "(" + "\n".join(["'a'"] * 5_000) + ")",
    ],
    ids=["20000-or", "5000-and", "5000-adjacent-strings", "5000-adjacent-strings-on-lines"],
)
def test_chains_cpython_keeps_flat_are_too_deep_for_libcst(expression: str) -> None:
    """CPython holds these chains in one node; libcst nests a node per term and would crash."""
    deep = grammar.check(f"x = {expression}\n").deep
    assert deep is not None and deep[0] == 1


def test_short_flat_chains_go_to_libcst() -> None:
    assert grammar.check("x = " + " or ".join(["None"] * 300) + "\n") == grammar.Checked()
    assert grammar.check("x = " + " ".join(["'a'"] * 300) + "\n") == grammar.Checked()


def test_a_20000_term_or_chain_in_a_launch_does_not_crash(tmp_path: Path) -> None:
    chain = " or ".join(["None"] * 20_000)
    root = _project(tmp_path, {"x.py": f"import os\nos.system({chain} or 'gemini')\n"})
    done = _cli(root)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    out = json.loads(done.stdout)
    assert [u["path"] for u in out["unresolved"]] == ["x.py"]
