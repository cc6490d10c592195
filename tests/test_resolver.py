"""Focused tests of value resolution: what the resolver says a name can be."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.candidates import candidates
from frontier_lint.dataflow.values import HOLE, Unknown, Value
from frontier_lint.frontend.parsing import resolve_hop
from frontier_lint.frontend.project import Project
from frontier_lint.settings.catalogue import load_catalogue


def resolve(files: dict[str, str], module: str, name: str) -> Value:
    project = Project(Path("/nonexistent"), files, overrides=files)
    analyzer = Analyzer(project, load_catalogue())
    scope = analyzer.module_scope(module)
    assert scope is not None
    return analyzer.force(scope.lookup(name))


def words(v: Value) -> set[tuple[str | None, ...]]:
    return {c.words for c in candidates(v)}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('X = "codex"', {("codex",)}),
        ('A = "co"\nX = A + "dex"', {("codex",)}),
        ('B = "/usr/bin"\nX = f"{B}/claude"', {("/usr/bin/claude",)}),
        ('X = "%s -p" % "claude"', {("claude -p",)}),
        ('X = "{} exec".format("codex")', {("codex exec",)}),
        ('X = "  Codex ".strip().lower()', {("codex",)}),
        ('X = "xxcodex"[2:]', {("codex",)}),
        ('X = ["codex", "exec"]', {("codex", "exec")}),
        ('A = ["codex"]\nX = [*A, "exec"]', {("codex", "exec")}),
        ('A = ["codex"]\nX = A + ["exec"]', {("codex", "exec")}),
        ('import os\nX = os.getenv("C", "codex")', {(None,), ("codex",)}),
        ('import os\nX = os.environ.get("C") or "claude"', {(None,), ("claude",)}),
        ('import os\nX = os.environ["C"]', {(None,)}),
        ('X = " ".join(["codex", "exec"])', {("codex exec",)}),
        ('import shlex\nX = shlex.split("codex exec -m x")', {("codex", "exec", "-m", "x")}),
        ('import os.path\nX = os.path.join("/opt", "bin", "codex")', {("/opt/bin/codex",)}),
        ('from pathlib import Path\nX = Path("/opt") / "codex"', {("/opt/codex",)}),
        ('D = {"a": "codex", "b": "claude"}\nX = D["a"]', {("codex",)}),
        ('class C:\n    CMD = "gemini"\nX = C.CMD', {("gemini",)}),
        (
            'import sys\nif sys.platform == "win32":\n    X = "codex.exe"\nelse:\n    X = "codex"',
            {("codex.exe",), ("codex",)},
        ),
        ('X = "codex"\nX = "git"', {("git",)}),
    ],
)
def test_module_constants(code: str, expected: set[tuple[str | None, ...]]) -> None:
    assert words(resolve({"m.py": code}, "m.py", "X")) == expected


def test_unknown_carries_reason() -> None:
    v = resolve({"m.py": "import os\nX = os.environ['CODEX_CMD']"}, "m.py", "X")
    assert isinstance(v, Unknown)
    assert "CODEX_CMD" in v.reason


def test_partial_string_keeps_known_basename() -> None:
    v = resolve({"m.py": "import os\nX = os.environ['HOME'] + '/bin/codex'"}, "m.py", "X")
    (cand,) = candidates(v)
    assert cand.words == (f"{HOLE}/bin/codex",)


def test_constant_in_other_module_through_package_reexport() -> None:
    files = {
        "pkg/__init__.py": "from .settings import CMD\n",
        "pkg/settings.py": "import os\nCMD = os.getenv('X', 'claude')\n",
        "app.py": "from pkg import CMD\nX = [CMD, '-p']\n",
    }
    assert words(resolve(files, "app.py", "X")) == {(None, "-p"), ("claude", "-p")}


def test_builder_function_return_with_argument_substituted() -> None:
    files = {"m.py": "def build(binary):\n    return [binary, '-p']\nX = build('claude')\n"}
    assert words(resolve(files, "m.py", "X")) == {("claude", "-p")}


def test_monorepo_root_found_from_importing_file() -> None:
    files = {
        "app/svc/src/core/config.py": "class Config:\n    CMD = 'codex'\n",
        "app/svc/src/services/tasks.py": "from core.config import Config\nX = Config.CMD\n",
    }
    assert words(resolve(files, "app/svc/src/services/tasks.py", "X")) == {("codex",)}


def test_recursion_and_cycles_end_unknown() -> None:
    files = {
        "a.py": "from b import Y\nX = Y\n",
        "b.py": "from a import X\nY = X\n",
        "r.py": "def f(n):\n    return f(n)\nX = f(1)\n",
    }
    assert words(resolve(files, "a.py", "X")) == {(None,)}
    assert words(resolve(files, "r.py", "X")) == {(None,)}


def test_class_attribute_after_methods_keeps_its_line() -> None:
    # A class skeleton leaves its methods out: positions still name the file's own lines.
    body = "\n".join(f"        x = {i}" for i in range(40))
    code = (
        "class C:\n"
        "    def long(self):\n" + body + "\n"
        "\n"
        "    @property\n"
        "    def other(self):\n"
        "        return 1\n"
        "\n"
        '    CMD = "gemini"\n'
        "X = C.CMD\n"
    )
    value = resolve({"m.py": code}, "m.py", "X")
    hops = [h for c in candidates(value) for h in c.trace]
    cmd_line = code.splitlines().index('    CMD = "gemini"') + 1
    notes = {resolve_hop(h).note: resolve_hop(h).line for h in hops}
    assert notes.get('C.CMD defined as "gemini"') == cmd_line, notes


def test_argv_past_combinations_keeps_shared_program() -> None:
    """An argv whose unpacked first part has more combinations than the bound (ansible-test's
    `ansible-playbook` command, each option added in a branch): the words all of them start
    with are kept, the program judged; the rest is not known, naming the bound."""
    from frontier_lint.dataflow.values import Splat, alt, seq, string

    def argv(first: str) -> Value:
        flags = [alt([string(f"-{c}"), string(f"+{c}")]) for c in "abc"]
        options = [
            seq([string(first if i else "ansible-playbook"), *flags, string(f"x{i}")])
            for i in range(60)
        ]
        return seq([Splat(trace=(), inner=alt(options)), string("-v")])

    (cand,) = candidates(argv("ansible-playbook"))
    assert cand.words == ("ansible-playbook", None)
    assert "more than 256 combinations" in cand.reason
    (cand,) = candidates(argv("codex"))  # (no program shared: not known, as before)
    assert cand.words == (None,)


def test_a_module_getattr_is_looked_for_once_per_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `from lib import name` of a name `lib` lacks asks whether `lib` has a PEP 562
    `__getattr__`: the answer is the module's for the run, its text searched once, and what the
    hook gives is still what each import binds."""
    files = {
        "lib.py": 'def __getattr__(name):\n    return "codex"\n',
        "use.py": (
            "def a():\n    from lib import x\n    return x\n"
            "def b():\n    from lib import y\n    return y\n"
            "from lib import z\nX = [a(), b(), z]\n"
        ),
    }
    project = Project(Path("/nonexistent"), files, overrides=files)
    asked: list[str] = []
    real = project.raw

    def raw(path: str, *, keep: bool = True) -> bytes:
        asked.append(f"{path} by {sys._getframe(1).f_code.co_name}")
        return real(path, keep=keep)

    monkeypatch.setattr(project, "raw", raw)
    analyzer = Analyzer(project, load_catalogue())
    scope = analyzer.module_scope("use.py")
    assert scope is not None
    assert words(analyzer.force(scope.lookup("X"))) == {("codex", "codex", "codex")}
    assert asked.count("lib.py by _has_module_getattr") == 1
