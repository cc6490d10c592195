"""The searches of the project by name (subclasses, registering decorators, Protocols' methods)
are answered from one byte scan of its files: each file is read once for all of them, not once
per question (issue 18: a cold corpus run read every file 11.6 times)."""

from __future__ import annotations

import sys
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from frontier_lint.dataflow import searches
from frontier_lint.dataflow.hierarchy import Hierarchy, defining
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.refs import ClassRef, FuncRef
from frontier_lint.frontend.project import Project


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


class Tracker:
    def __init__(self) -> None:
        self.touched: set[str] = set()

    def touch(self, path: str) -> None:
        self.touched.add(path)

    def touch_all(self, paths: Iterable[str]) -> None:
        self.touched.update(paths)

    @contextmanager
    def tracking(self) -> Iterator[set[str]]:
        yield self.touched

    def class_info(self, cid: FuncId) -> None:
        return None  # (no class is resolved: the searches here are by text alone)


REGISTRY = src(
    """
    PROVIDERS = {}
    TOOLS = {}


    def register(key):
        def wrap(cls):
            PROVIDERS[key] = cls
            return cls
        return wrap


    def tool(func):
        TOOLS[func.__name__] = func
        return func
    """
)

FILES = {
    "app/registry.py": REGISTRY,
    "app/codex.py": src(
        """
        from app import registry


        @registry.register("codex")
        class Codex:
            pass
        """
    ),
    "app/tools.py": src(
        """
        from app.registry import tool


        @staticmethod
        @tool
        def run():
            pass
        """
    ),
    "app/sandbox.py": src(
        """
        from typing import Protocol


        class Sandbox(Protocol):
            def exec(self, argv): ...

            async def close(self): ...
        """
    ),
    "app/plain.py": "x = 1  # mentions register and tool in prose only\n",
}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counts: Counter[str] = Counter()
    original = Project.raw

    def counting(self: Project, path: str, *, keep: bool = True) -> bytes:
        counts[path] += 1
        return original(self, path, keep=keep)

    monkeypatch.setattr(Project, "raw", counting)
    return counts


def test_every_search_by_name_reads_each_file_once(tmp_path: Path, reads: Counter[str]) -> None:
    for path, text in FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    tracker = Tracker()
    hierarchy = Hierarchy(Project(tmp_path, FILES), tracker, tracker)

    providers = hierarchy.registrations("app/registry.py", "PROVIDERS")
    tools = hierarchy.registrations("app/registry.py", "TOOLS")
    protocols = hierarchy.protocols()

    assert [(type(v), v.cls.qualname) for v in providers if isinstance(v, ClassRef)] == [
        (ClassRef, "Codex")
    ]
    assert [v.func.qualname for v in tools if isinstance(v, FuncRef)] == ["run"]
    assert protocols == [("app/sandbox.py", "Sandbox")]
    # One scan answered the two registrars and the Protocols: a file applying no registering
    # decorator is not read again for either.
    assert reads["app/plain.py"] == 1
    # Nor is a Protocol's file for the methods it defines.
    assert hierarchy.defines("app/sandbox.py", "exec")
    assert hierarchy.defines("app/sandbox.py", "close")
    assert not hierarchy.defines("app/sandbox.py", "ex")
    assert reads["app/sandbox.py"] == 1


@pytest.mark.parametrize(
    "text",
    [
        b"@register('a')\nclass A: ...\n",
        b"@app.registry.register('a')\nclass A: ...\n",
        b"@register.named('a')\n@other\ndef f(): ...\n",
        b"  @staticmethod\n  @register\n  async def f(): ...\n",
        b"@mod.register(x)\nclass B(A): ...\n",
    ],
)
def test_every_registrar_found_is_among_the_decorator_words(text: bytes) -> None:
    words = searches.decorator_words(text)
    for registrar in (b"register", b"registry", b"app", b"named", b"other", b"mod"):
        if any(True for _ in searches.registrations(registrar, text)):
            assert registrar in words


@pytest.mark.parametrize(
    "text",
    [
        b"def exec(self): ...\n",
        b"async def exec(self): ...\n",
        b"def execute(self): ...\n",
        b"undef exec\n",  # a `def` inside a word counts for `defining` too
        b"x = 'def\texec'\n",
        b"def _exec_2(self): ...\n",
    ],
)
def test_defined_names_answer_as_the_text_search(text: bytes) -> None:
    names = searches.defined_names(text)
    for method in ("exec", "execute", "_exec_2", "ex"):
        assert (method in names) == defining(method)(text)


# --- the bytes of the files read last (`Project.raw`) ------------------------------------------


@pytest.fixture
def opens(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counts: Counter[str] = Counter()
    from frontier_lint.frontend import project as project_module

    original = project_module.read_regular

    def counting(path: str, limit: int) -> tuple[bytes, object]:
        counts[Path(path).name] += 1
        return original(path, limit)

    monkeypatch.setattr(project_module, "read_regular", counting)
    return counts


def test_a_file_asked_for_again_soon_is_read_once(tmp_path: Path, opens: Counter[str]) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.py").write_text("y = 2\n")
    project = Project(tmp_path, ["a.py", "b.py"])
    assert project.raw("a.py") == b"x = 1\n"
    assert project.raw("b.py") == b"y = 2\n"
    assert project.raw("a.py") == b"x = 1\n"
    assert opens == {"a.py": 1, "b.py": 1}


def _quarter_files(tmp_path: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`n` files `m0.py`... of a quarter of the bytes kept each (a bound of 4,000)."""
    monkeypatch.setattr(Project, "KEEP_BYTES", 4000)
    names = [f"m{i}.py" for i in range(n)]
    for name in names:
        (tmp_path / name).write_bytes(b"#" * 999 + b"\n")
    return names


def test_the_bytes_kept_are_bounded(
    tmp_path: Path, opens: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    names = _quarter_files(tmp_path, 5, monkeypatch)
    (tmp_path / "big.py").write_bytes(b"#" * 1001 + b"\n")  # over a quarter: never kept
    project = Project(tmp_path, [*names, "big.py"])
    for name in [*names, "big.py", "big.py"]:
        project.raw(name)
    assert opens["big.py"] == 2
    # Four of the five fit: the one read first was let go, and is read again when asked.
    for name in reversed(names):
        assert project.raw(name) == b"#" * 999 + b"\n"
    assert [opens[name] for name in names] == [2, 1, 1, 1, 1]


def test_a_scan_of_every_file_leaves_the_kept_bytes_as_they_were(
    tmp_path: Path, opens: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wrapper round reads every file once in turn: kept, those reads would push out the
    # files the analysis asks about again and again (and cost a copy each).
    names = _quarter_files(tmp_path, 8, monkeypatch)
    project = Project(tmp_path, names)
    assert project.raw("m0.py") == b"#" * 999 + b"\n"
    for name in names:
        assert project.raw(name, keep=False) == b"#" * 999 + b"\n"
    assert project.raw("m0.py") == b"#" * 999 + b"\n"
    assert opens["m0.py"] == 1  # kept, and still there after the scan (which found it too)
    assert opens["m7.py"] == 1
    project.raw("m7.py")
    assert opens["m7.py"] == 2  # what the scan read was not kept


# --- the launch gates of a first round read beside the text index ------------------------------

BASE = src(
    """
    import subprocess


    class Base:
        binary = "node"

        def run(self, prompt):
            return subprocess.run([self.binary, "-p", prompt])
    """
)

CLAUDE = src(
    """
    from app.base import Base


    class Claude(Base):
        binary = "claude"
    """
)


def test_a_file_the_text_index_read_is_not_read_again_for_its_launch_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint.run.engine import LintRequest, lint
    from frontier_lint.settings.catalogue import load_catalogue
    from frontier_lint.settings.loading import load_config

    root = tmp_path / "p"
    (root / "app").mkdir(parents=True)
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    files = {"app/base.py": BASE, "app/claude.py": CLAUDE}
    files.update({f"app/m{i}.py": f"import subprocess\n\nX = {i}\n" for i in range(3)})
    for path, text in files.items():
        (root / path).write_text(text)
    monkeypatch.setattr(Project, "KEEP_BYTES", 0)  # (every read a read of the file)
    reads: list[tuple[str, str]] = []
    original = Project.raw

    def recording(self: Project, path: str, *, keep: bool = True) -> bytes:
        reads.append((path, sys._getframe(1).f_code.co_name))
        return original(self, path, keep=keep)

    monkeypatch.setattr(Project, "raw", recording)
    config = load_config(None, root)
    report = lint(config, load_catalogue(config.rules), LintRequest(paths=(root / "app",)))

    # The subclass's attribute was asked for while the first file was analysed: the scan of the
    # project for it read every file, the later files' launch gates among them.
    assert ("app/base.py", 8, "claude") in {(f.path, f.line, f.program) for f in report.findings}
    indexed = [p for p, by in reads if by == "_text_index"]
    assert sorted(indexed) == sorted(files)
    first_index_read = reads.index((indexed[0], "_text_index"))
    gated_after = [p for p, by in reads[first_index_read:] if by == "_analyse_file"]
    assert gated_after == []


def test_the_bytes_kept_are_the_files_bytes_whatever_the_order_of_reads() -> None:
    import random

    from frontier_lint.frontend.project import _Kept

    rng = random.Random(7)
    files = {f"f{i}.py": bytes([i]) * rng.randint(0, 300) for i in range(40)}
    kept = _Kept(1000)
    held = 0
    for _ in range(2000):
        path = rng.choice(list(files))
        got = kept.get(path)
        if got is None:
            kept.put(path, files[path])
        else:
            held += 1
            assert got == files[path]
    assert held > 100  # (what the test checks: bytes given back from the buffer)
