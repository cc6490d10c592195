"""Mentions of a wrapper's name that cannot call it (`dataflow.inert`), and the wrapper rounds
leaving a function uninterpreted for them: what the skip read is what its file's results depend
on, so a warm run after an edit of the receiver's class (it gains the wrapper's class as a base,
directly or through a base in a third file) reports what a cold run reports."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

from frontier_lint.dataflow.inert import Why, inert_mentions, possible, rebinds_type_checks
from frontier_lint.dataflow.propagation import _may_setattr
from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


def _inert(src: str, *, type_checks: bool = True) -> dict[tuple[int, str], Why]:
    text = textwrap.dedent(src)
    fn = ast.parse(text).body[0]
    assert isinstance(fn, ast.FunctionDef)
    lines = text.split("\n")
    got = inert_mentions(fn, lines, type_checks=type_checks)
    out = {}
    for at, why in got.why.items():
        word = re.match(r"\w+", lines[at.line - 1].encode()[at.col :].decode())
        assert word is not None
        out[(at.line, word.group())] = why
    return out


def test_own_def_keyword_type_check_annotation() -> None:
    got = _inert(
        """
        def run(self, x: Runner) -> Runner:
            y: Runner = x
            go(daemonize=True)
            return isinstance(x, (Runner, mod.Other))
        """
    )
    assert got[(2, "run")] is Why.OWN_DEF
    assert got[(2, "Runner")] is Why.ANNOTATION
    assert got[(3, "Runner")] is Why.ANNOTATION
    assert got[(4, "daemonize")] is Why.KEYWORD
    assert got[(5, "Runner")] is Why.TYPE_CHECK
    assert got[(5, "Other")] is Why.TYPE_CHECK


def test_not_inert() -> None:
    got = _inert(
        """
        def go(k: type[Runner], d=Runner, e: make(Runner) = None):
            isinstance = check
            isinstance(x, Runner)
            k().run()
            Runner().run()
        """
    )
    assert not any(word == "Runner" for _, word in got)
    assert (4, "run") not in got and (5, "run") not in got


def test_receivers_bound_once_to_a_constructor() -> None:
    text = textwrap.dedent(
        """
        def go(q):
            p = Proc(1)
            p.run()
            r = Proc()
            r = Other()
            r.run()
            s = factory()
            s.run()
            q.run()
            for t in []:
                pass
            t = Proc()
            t.run()
        def rebound():
            u = Proc()
            u.run()
            Proc = None
        """
    )
    tree = ast.parse(text)
    found = []
    for fn in tree.body:
        assert isinstance(fn, ast.FunctionDef)
        got = inert_mentions(fn, text.split("\n"), type_checks=True)
        found += sorted((m.line, cls) for m, cls in got.receivers.items())
    # (`factory` is looked up by the analysis: a class or not.)
    assert found == [(4, "Proc"), (9, "factory")]


_SAMPLES = [
    """
    def run(self, x: Runner, y: mod.Runner = None) -> Runner:
        y: Runner = x
        go(daemonize=True, run=1)
        p = Proc()
        p.run()
        q = Proc()
        q . run
        return isinstance(x, (Runner, mod.Other))
    """,
    """
    async def run(a=Runner) -> list[Runner | None]:
        async def run():
            pass
        v = Other(run=run)
        w: Runner
        return v.run(w.run, Runner(), self.run())
    """,
]


@pytest.mark.parametrize("src", _SAMPLES)
def test_possible_over_approximates(src: str) -> None:
    """Each inert position's reason is one the text around it allows (`possible`), and the
    tree walked for those reasons only finds each such position inert for the same reason."""
    text = textwrap.dedent(src)
    fn = ast.parse(text).body[0]
    assert isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
    lines = text.split("\n")
    full = inert_mentions(fn, lines, type_checks=True)
    assert full.why
    for at, why in full.why.items():
        code = lines[at.line - 1]
        word = re.match(r"\w+", code[at.col :])
        assert word is not None
        could = possible(code, at.col, at.col + len(word.group()))
        assert why in could, (code, word.group())
        narrow = inert_mentions(fn, lines, type_checks=True, want=could)
        assert narrow.why.get(at) is why
        assert narrow.receivers.get(at) == full.receivers.get(at)


@pytest.mark.parametrize(
    "code",
    ["run(argv)", "self.run(argv)", "a.b.run(argv)", "f().run(argv)", "x[0].run (argv)"],
)
def test_possible_none_for_a_call(code: str) -> None:
    """A call of the bare name, or of a method of `self` or of anything but a plain name, can
    be inert for no reason: the function is interpreted without a tree."""
    at = code.index("run")
    assert possible(code, at, at + 3) == frozenset()


def test_setattr_by_name() -> None:
    assert not _may_setattr(b"setattr(self.c, '_path', None)\n", "run")
    assert _may_setattr(b"setattr(self, 'run', f)\n", "run")
    assert _may_setattr(b"setattr(self, name, f)\n", "run")
    assert not _may_setattr(b"x = 1\n", "run")


def test_rebound_type_checks() -> None:
    assert rebinds_type_checks(b"from x import isinstance\n")
    assert rebinds_type_checks(b"def isinstance(a, b):\n    pass\n")
    assert rebinds_type_checks(b"isinstance = lambda a, b: True\n")
    assert not rebinds_type_checks(b"if isinstance(a, B) == isinstance(c, D):\n    pass\n")


WRAP = """
import subprocess
class A:
    def run(self, cmd):
        subprocess.run(cmd)
def status():
    A().run(["git", "status"])
"""
MAIN = """
from app.other import C
from app.wrap import A, status
def go():
    p = C()
    p.run(["codex", "exec"])
"""
OTHER_PLAIN = """
from app.base import B
class C(B):
    pass
"""
BASE_PLAIN = """
class B:
    def run(self, cmd):
        return cmd
"""
BASE_DERIVED = """
from app.wrap import A
class B(A):
    pass
"""
OTHER_DERIVED = """
from app.wrap import A
class C(A):
    pass
"""


def _run(root: Path, *, use_cache: bool) -> Report:
    config = load_config(None, root)
    return lint(
        config, load_catalogue(config.rules), LintRequest(paths=(root,)), use_cache=use_cache
    )


def _found(report: Report) -> list[str]:
    return sorted(f"{f.path}:{f.line}:{f.program}" for f in report.findings)


@pytest.mark.parametrize(
    "edited, text",
    [("app/other.py", OTHER_DERIVED), ("app/base.py", BASE_DERIVED)],
    ids=["receiver_class_gains_base", "receivers_base_gains_base"],
)
def test_warm_after_receiver_class_edit(tmp_path: Path, edited: str, text: str) -> None:
    root = tmp_path / "project"
    files = {
        "app/__init__.py": "",
        "app/wrap.py": WRAP,
        "app/main.py": MAIN,
        "app/other.py": OTHER_PLAIN,
        "app/base.py": BASE_PLAIN,
    }
    for rel, body in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(body))
    (root / ".git").mkdir()
    assert _found(_run(root, use_cache=True)) == []  # (`C.run` is `B.run`: skipped)
    (root / edited).write_text(textwrap.dedent(text))
    warm = _found(_run(root, use_cache=True))
    cold = _found(_run(root, use_cache=False))
    assert cold == ["app/main.py:6:codex"]
    assert warm == cold
