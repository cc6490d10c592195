"""Inline expectations in fixture files, and running the linter on a fixture.

A line that should produce findings carries a comment:

    subprocess.run(["codex"])        # expect: FL001 codex
    os.system(cmd)                   # expect: FL001 codex, FL001 claude
    subprocess.run(sys.argv[1:])     # expect: unresolved
    x = 1                            # expect: error      (a parse or decode error on this line)

Every other line must produce nothing. Fixture projects (directories) may hold a
`frontier-lint.yaml`; a line in a file outside `include` must not carry expectations.
"""

from __future__ import annotations

import marshal
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from frontier_lint.findings import Report
from frontier_lint.run.cache import CACHE_DIR, SUFFIX, plain_entries
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

_EXPECT = re.compile(r"#\s*expect:\s*(?P<body>[^#\n]*)")


@dataclass(frozen=True, order=True)
class Expected:
    path: str
    line: int
    what: str  # "FL001 codex" | "unresolved" | "error"


def expectations(root: Path) -> set[Expected]:
    out: set[Expected] = set()
    for file in sorted(root.rglob("*.py")):
        rel = file.relative_to(root).as_posix()
        data = file.read_bytes()
        text = data.decode("utf-8", errors="replace")
        for i, line in enumerate(text.splitlines(), start=1):
            m = _EXPECT.search(line)
            if not m:
                continue
            for item in m.group("body").split(","):
                item = " ".join(item.split())
                if item:
                    out.add(Expected(rel, i, item))
    return out


def observed(report: Report) -> set[Expected]:
    out: set[Expected] = set()
    for f in report.findings:
        out.add(Expected(f.path, f.line, f"{f.rule} {f.program}" if f.program else f.rule))
    for u in report.unresolved:
        out.add(Expected(u.path, u.line, "unresolved"))
    for e in report.errors:
        out.add(Expected(e.path, e.line, "error"))
    return out


def lint_tree(src: Path, tmp: Path, paths: list[str] | None = None) -> tuple[Report, Path]:
    """Copy a fixture (file or directory) to `tmp` and lint it as a project of its own."""
    root = tmp / "project"
    if src.is_dir():
        shutil.copytree(src, root)
    else:
        root.mkdir()
        shutil.copy(src, root / src.name)
    (root / ".git").mkdir()  # marks the project root
    config = load_config(None, root)
    catalogue = load_catalogue(config.rules)
    request = LintRequest(paths=tuple(root / p for p in paths) if paths else (root,))
    return lint(config, catalogue, request), root


def cached_entries(root: Path) -> dict[str, dict[str, object]]:
    """The file entries of the cache a run with the cache saved in `root` (marshal's plain
    data: `deps`, `findings`, `open_findings`, ...)."""
    (cache,) = (root / CACHE_DIR).glob(f"*{SUFFIX}")
    document = marshal.loads(cache.read_bytes().partition(b"\n")[2])  # after the MAC line
    entries: dict[str, dict[str, object]] = plain_entries(document)
    return entries
