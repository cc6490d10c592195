"""Methods are not libcst-parsed for questions CPython's tree of their text answers: whether a
method read as an attribute is a property or abstract (`Methods.outline`), whether it is static
for a call that is deferred anyway, whether a method the text test passes assigns `self.attr`
(`Methods._may_assign`). The tree's answers are libcst's wherever the tree gives one."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import libcst as cst
import pytest

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.models.classes import (
    is_abstract,
    is_property,
    tree_is_abstract,
    tree_is_property,
    tree_is_static,
)
from frontier_lint.dataflow.summaries import method_def
from frontier_lint.frontend.parsing import Member, Piece, SourceFile
from frontier_lint.frontend.syntax import self_attrs, tree_self_attrs
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


APP = src(
    """
    import subprocess


    class Tool:
        def __init__(self, binary):
            self.binary = binary

        def note(self, other):
            other.binary = "x"  # a store, but not on self
            return other

        def later(self, prompt):
            return prompt.strip()

        def launch(self, prompt):
            return subprocess.run([self.binary, "-p", prompt])


    def main(prompt):
        t = Tool("claude")
        hook = t.note
        hook(prompt)
        t.later(prompt)
        return t.launch(prompt)
    """
)


def parsed_members(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], set[tuple[int, str | None]]]:
    root = tmp_path / "p"
    (root / "app").mkdir(parents=True)
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    (root / "app" / "tool.py").write_text(text)
    parsed: list[str] = []
    original = SourceFile.member_def

    def recording(self: SourceFile, member: Member) -> tuple[cst.FunctionDef, Piece]:
        parsed.append(member.name)
        return original(self, member)

    monkeypatch.setattr(SourceFile, "member_def", recording)
    config = load_config(None, root)
    report = lint(config, load_catalogue(config.rules), LintRequest(paths=(root / "app",)))
    return parsed, {(f.line, f.program) for f in report.findings}


def test_methods_only_read_deferred_or_not_assigning_are_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, found = parsed_members(tmp_path, APP, monkeypatch)
    assert (20, "claude") in found
    # `t.note` is read (not a property), `t.later(...)` deferred, and the text test's match
    # in `note` (`other.binary = ...`) assigns no `self.binary`: none of them parsed. (Called
    # with `t` itself, `note` would be parsed: an instance whose class launches, handed to a
    # function, may have its launching method called there.)
    assert "note" not in parsed
    assert "later" not in parsed
    assert {"__init__", "launch"} <= set(parsed)


def test_a_property_read_on_an_instance_is_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = src(
        """
        import subprocess


        class Tool:
            @property
            def binary(self):
                return "claude"

            def launch(self, prompt):
                return subprocess.run([self.binary, "-p", prompt])


        def main(prompt):
            return Tool().launch(prompt)
        """
    )
    parsed, found = parsed_members(tmp_path, text, monkeypatch)
    assert (10, "claude") in found
    assert "binary" in parsed


# Methods whose CPython tree and libcst tree must agree (where the CPython one answers).
METHODS = [
    "def f(self): pass",
    "def f(self): ...",
    "@property\ndef f(self):\n    return 1",
    "@functools.cached_property\ndef f(self):\n    return 1",
    "@cached_property\ndef f(self):\n    return 1",
    "@cp\ndef f(self):\n    return 1",  # an alias: neither parser knows it
    "@(property)\ndef f(self):\n    return 1",
    "@abc.abstractmethod\ndef f(self):\n    return 1",
    "@abstractmethod()\ndef f(self):\n    return 1",
    "@staticmethod\ndef f(x):\n    return x",
    "@some.deco(\n    arg=1,\n)\n@property\ndef f(self):\n    return 1",
    "@registry['x']\ndef f(self):\n    return 1",
    'def f(self):\n    """doc"""\n    raise NotImplementedError',
    'def f(self):\n    "a" "b"\n    raise NotImplementedError("no")',
    "def f(self):\n    b'x'\n    pass; ...",
    "def f(self):\n    f'x'\n    pass",
    "def f(self):\n    f'x' 'y'\n    pass",
    "def f(self):\n    1\n    pass",
    "def f(self):\n    None",
    "def f(self):\n    raise errors.NotImplementedErrorOfOurs()",
    "def f(self):\n    raise ValueError",
    "def f(self):\n    raise",
    "def f(self):\n    if x:\n        pass",
    "def f(self):\n    return 1",
    "async def f(self):\n    ...",
    "def f(self): raise NotImplementedError",
    # assignments to self
    "def f(self, a):\n    self.a = a\n    (self.b, [self.c, *self.d]) = a\n    self.e += 1",
    "def f(me):\n    me.x: int = 1\n    other.y = 2\n    self.z = 3",
    "def f(self):\n    def g(self):\n        self.no = 1\n    h = lambda: None\n    class K:\n        no2 = 1",
    "def f(self):\n    for self.i in x:\n        with y as self.w:\n            self.v = 1",
    "def f(self):\n    try:\n        self.t = 1\n    except E:\n        self.u = 2",
    "def f(self):\n    match x:\n        case 1:\n            self.m = 1",
    "def f(self, /, a):\n    self.p = a",
    "def f(*args):\n    self.q = 1",
    "def f(self):\n    (r := self.x) if x else None\n    self.s = self.t = 2",
]


@pytest.mark.parametrize("text", METHODS)
def test_cpython_tree_answers_as_libcst_does(text: str) -> None:
    node = cst.parse_module(text + "\n").body[0]
    assert isinstance(node, cst.FunctionDef)
    tree = ast.parse(text).body[0]
    assert isinstance(tree, ast.FunctionDef | ast.AsyncFunctionDef)
    piece = Piece(cst.parse_module(text + "\n"), 0)
    fd = method_def(FuncId("m.py", "K"), node, piece)
    for ours, theirs in (
        (tree_is_property(tree), is_property(node.decorators)),
        (tree_is_abstract(tree), is_abstract(node)),
        (tree_is_static(tree), fd.is_static),
    ):
        assert ours is None or ours == theirs
    assert tree_self_attrs(tree) == self_attrs(node)


def test_an_fstring_body_is_left_to_libcst() -> None:
    # `f'x' 'y'` is a libcst ConcatenatedString (a docstring-like body), `f'x'` alone is not:
    # CPython's tree holds a JoinedStr for both.
    for text in ("def f(self):\n    f'x' 'y'\n", "def f(self):\n    f'x'\n"):
        tree = ast.parse(text).body[0]
        assert isinstance(tree, ast.FunctionDef)
        assert tree_is_abstract(tree) is None
