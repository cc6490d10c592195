"""Generate the pre-commit benchmark project.

A project of a few hundred modules (`app/...`) with a configuration module, a process helper and
feature packages that use both, plus one ~13,000-line runtime module, `app/runtime/engine.py`,
made of real corpus code with a few planted violations at its end. The pre-commit form of the
benchmark passes only that one file (`frontier-lint app/runtime/engine.py`): it is reported on,
while values (the configuration, the helper) still resolve across the whole project.

Deterministic: the same corpus gives the same project.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RUNTIME = "app/runtime/engine.py"
# The modules the runtime module takes its programs from (a constant, a wrapper, a builder): a
# commit that changes only them still reports the launches in the runtime module.
HELPERS = ("app/core/config.py", "app/util/proc.py")
RUNTIME_LINES = 13_000
PACKAGES = 20  # app/services/svc_K
MODULES_PER_PACKAGE = 15  # mod_J.py in each
# Corpus directories the runtime module's code is taken from, in this order (sorted files).
SOURCES = (
    "pip/_internal/utils",
    "setuptools/_distutils",
    "pip/_internal/operations",
    "django/utils",
)

CONFIG = '''"""Runtime configuration, read from the environment."""

import os


class Config:
    CODEX_CMD = os.getenv("CODEX_CMD", "codex")
    GIT_CMD = os.getenv("GIT_CMD", "git")
    RSYNC_CMD = os.getenv("RSYNC_CMD", "rsync")
    TIMEOUT = int(os.getenv("APP_TIMEOUT", "30"))
    WORKERS = int(os.getenv("APP_WORKERS", "4"))


DEFAULT_EDITOR = os.getenv("EDITOR", "vi")
'''

PROC = '''"""Process helpers shared by the services."""

import subprocess

from app.core.config import Config


def run_process(cmd, timeout=None):
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run_checked(cmd):
    return subprocess.run(cmd, check=True, timeout=Config.TIMEOUT, capture_output=True)


def build_agent_argv(prompt):
    return ["gemini", "-p", prompt]


def git(*args):
    return run_checked([Config.GIT_CMD, *args])
'''

MODULE = '''"""Service {k}, part {j}."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.core.config import Config
from app.util.proc import git, run_checked, run_process
{sibling}
log = logging.getLogger(__name__)


@dataclass
class Item{k}_{j}:
    name: str
    size: int = 0
    tags: list[str] = field(default_factory=list)

    def label(self) -> str:
        return f"{{self.name}} ({{self.size}})"

    def heavier_than(self, other: Item{k}_{j}) -> bool:
        return self.size > other.size


class Service{k}_{j}:
    """Keeps items and syncs them."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.items: dict[str, Item{k}_{j}] = {{}}

    def add(self, name: str, size: int = 0) -> Item{k}_{j}:
        item = self.items.setdefault(name, Item{k}_{j}(name, size))
        log.debug("added %s", item.label())
        return item

    def total(self) -> int:
        return sum(i.size for i in self.items.values())

    def largest(self, n: int = 3) -> list[Item{k}_{j}]:
        return sorted(self.items.values(), key=lambda i: -i.size)[:n]

    def status(self):
        return git("status", "--porcelain", self.root)

    def sync(self, target: str):
        return run_process([Config.RSYNC_CMD, "-a", self.root, target])

    def archive(self, out: str):
        return run_checked(["tar", "czf", out, self.root])


def summarise(items: list[Item{k}_{j}]) -> dict[str, int]:
    out: dict[str, int] = {{}}
    for item in items:
        for tag in item.tags or ["untagged"]:
            out[tag] = out.get(tag, 0) + item.size
    return out
'''

# Planted at the end of the runtime module: (code, program) with the call on the marked line.
PLANTS: tuple[tuple[str, str], ...] = (
    (
        'def _agent_exec(prompt):\n    return subprocess.Popen([Config.CODEX_CMD, "exec", prompt])',
        "codex",
    ),
    ('def _agent_wrapped(prompt):\n    return run_process(["claude", "-p", prompt])', "claude"),
    (
        "def _agent_built(prompt):\n    return subprocess.run(build_agent_argv(prompt), check=False)",
        "gemini",
    ),
    (
        'def _agent_npx(prompt):\n    return subprocess.run(["npx", "@openai/codex", "exec", prompt])',
        "codex",
    ),
)
PLANT_HEADER = (
    "import subprocess\n\n"
    "from app.core.config import Config\n"
    "from app.util.proc import build_agent_argv, run_process\n"
)


@dataclass(frozen=True)
class Project:
    root: Path
    runtime: str  # the file passed, relative to root
    runtime_lines: int
    modules: int
    lines: int
    expected: tuple[tuple[str, int, str], ...]  # (path, line, program)
    helpers: tuple[str, ...] = HELPERS  # relative to root


def _strip_future(source: str) -> str:
    """Blank `from __future__` imports (only legal at a module's top) so modules concatenate."""
    lines = source.split("\n")
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            for n in range(node.lineno - 1, node.end_lineno or node.lineno):
                lines[n] = ""
    return "\n".join(lines)


def runtime_module(
    corpus: Path, sources: Sequence[str] = SOURCES, target: int = RUNTIME_LINES
) -> str:
    """About `target` lines of real corpus code, whole modules concatenated, still valid Python."""
    parts: list[str] = []
    total = 0
    for src in sources:
        for path in sorted((corpus / src).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if not text.strip() or "\r" in text:
                continue
            text = _strip_future(text).rstrip("\n") + "\n"
            parts.append(f"# ---- from {path.relative_to(corpus).as_posix()} ----\n{text}")
            total += text.count("\n") + 1
            if total >= target:
                return "\n".join(parts)
    return "\n".join(parts)


def build(corpus: Path, root: Path) -> Project:
    """(Re)create the project at `root`; corpus code comes from `corpus`."""
    if root.exists():
        shutil.rmtree(root)
    files: dict[str, str] = {
        "frontier-lint.yaml": 'include: ["app/**"]\nexclude: ["app/**/tests/**"]\n',
        "app/__init__.py": "",
        "app/core/__init__.py": "",
        "app/core/config.py": CONFIG,
        "app/util/__init__.py": "",
        "app/util/proc.py": PROC,
        "app/runtime/__init__.py": "",
        "app/services/__init__.py": "",
    }
    for k in range(PACKAGES):
        files[f"app/services/svc_{k}/__init__.py"] = f'"""Service package {k}."""\n'
        for j in range(MODULES_PER_PACKAGE):
            sibling = f"from app.services.svc_{k} import mod_{j - 1} as previous\n" if j else ""
            files[f"app/services/svc_{k}/mod_{j}.py"] = MODULE.format(k=k, j=j, sibling=sibling)
        # Tests are outside the frontier runtime (excluded): their launches are never reported.
        files[f"app/services/svc_{k}/tests/__init__.py"] = ""
        files[f"app/services/svc_{k}/tests/test_cli.py"] = (
            'import subprocess\n\n\ndef test_cli():\n    subprocess.run(["codex", "--version"])\n'
        )

    body = runtime_module(corpus).rstrip("\n") + "\n\n\n" + PLANT_HEADER
    expected: list[tuple[str, int, str]] = []
    for code, program in PLANTS:
        body += "\n\n" + code + "\n"
        # the call is on the code's last line
        expected.append((RUNTIME, body.count("\n"), program))
    files[RUNTIME] = body

    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if rel.endswith(".py"):
            ast.parse(text, filename=rel)
    py = [t for r, t in files.items() if r.endswith(".py")]
    return Project(
        root=root,
        runtime=RUNTIME,
        runtime_lines=body.count("\n"),
        modules=len(py),
        lines=sum(t.count("\n") for t in py),
        expected=tuple(expected),
    )


# Words of a launch: a function whose text holds none of them is one without launches.
_LAUNCH_WORDS = ("subprocess", "os.", "spawn", "Popen", "system", "exec", "run")


def code_edit_site(text: str) -> tuple[int, int]:
    """Where a code edit of the runtime module goes (the bench's "module's code edited" row):
    the (start, end) offsets of the first one-line string literal, not a docstring, in a
    top-level function whose text names no launch. Changing it changes code, not where any
    line is, and nothing the report shows."""
    tree = ast.parse(text)
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        source = ast.get_source_segment(text, node) or ""
        if any(w in source for w in _LAUNCH_WORDS):
            continue
        docstring = ast.get_docstring(node, clean=False) is not None
        body = node.body[1:] if docstring else node.body
        for stmt in body:
            for sub in ast.walk(stmt):
                if (
                    isinstance(sub, ast.Constant)
                    and isinstance(sub.value, str)
                    and sub.end_lineno == sub.lineno
                    and sub.end_col_offset is not None
                ):
                    line = text.split("\n")[sub.lineno - 1].encode()
                    start = len(line[: sub.col_offset].decode())
                    end = len(line[: sub.end_col_offset].decode())
                    base = starts[sub.lineno - 1]
                    return base + start, base + end
    raise ValueError("no string literal in a function without launches")
