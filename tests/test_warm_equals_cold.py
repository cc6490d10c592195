"""A run with the cache after an ordinary edit reports what a run without it reports.

For every fixture project: its cache filled by a first run, then a chain of edits of its files
(comment and blank lines, a harmless statement appended to a module, a constant's value
changed, a line added to a function's body), each followed by a run with the cache (the
incremental re-analysis, not the remembered report: files changed) that must report what a
run on the same tree without the cache reports, and by the edit undone (a warm run again,
against the project's first report). A lost finding here is the cache failing open.

Every file gets the appended statement; the other edits go to seeded files. More seeds:
`FRONTIER_LINT_WARM_COLD_SEEDS=N` (N seeded files per kind of edit and project).
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from frontier_lint.findings import Report
from frontier_lint.run.cache import CACHE_DIR
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from tests.projects import order_gap

PROJECTS = Path(__file__).parent / "fixtures" / "projects"
SEEDS = int(os.environ.get("FRONTIER_LINT_WARM_COLD_SEEDS", "1"))

Edit = Callable[[bytes, random.Random], bytes | None]


def _lines(data: bytes) -> list[bytes]:
    lines = data.splitlines(keepends=True)
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += b"\n"
    return lines


def comment_line(data: bytes, rng: random.Random) -> bytes:
    """A comment line before a statement at column 0 (never inside a multi-line string)."""
    lines = _lines(data)
    starts = [
        i for i, line in enumerate(lines) if re.match(rb"(def|class|import|from|@|\w+ =)", line)
    ]
    at = rng.choice(starts) if starts else 0
    return b"".join([*lines[:at], b"# an edited comment\n", *lines[at:]])


def blank_lines(data: bytes, rng: random.Random) -> bytes:
    return b"\n" * rng.randint(1, 3) + data


def appended_statement(data: bytes) -> bytes:
    return b"".join(_lines(data)) + b"X_UNUSED = 1\n"


_CONSTANT = re.compile(rb'^(\w+)(\s*(?::[^=\n]*)?=\s*)(["\'])(\w[\w.-]*)\3', re.M)


def constant_changed(data: bytes, rng: random.Random) -> bytes | None:
    """A module-level string constant given another value (`CLI = "codex"` -> `"codex2"`, or
    another program's name): the files that read it report differently."""
    found = list(_CONSTANT.finditer(data))
    if not found:
        return None
    m = rng.choice(found)
    value = rng.choice([m.group(4) + b"2", b"claude", b"git"])
    quote = m.group(3)
    return data[: m.start(4) - 1] + quote + value + quote + data[m.end(4) + 1 :]


_DEF = re.compile(rb"^([ \t]*)(?:async[ \t]+)?def[ \t][^\n]*:[ \t]*\n([ \t]+)\S", re.M)


def body_line(data: bytes, rng: random.Random) -> bytes | None:
    """A statement added at the start of a function's body (a signature on one line)."""
    found = list(_DEF.finditer(data))
    if not found:
        return None
    m = rng.choice(found)
    at = m.start(2)
    return data[:at] + m.group(2) + b"_edited = 1\n" + data[at:]


SEEDED: dict[str, Edit] = {
    "comment line": comment_line,
    "blank lines": blank_lines,
    "constant changed": constant_changed,
    "body line": body_line,
}


def run(root: Path, *, use_cache: bool) -> Report:
    config = load_config(None, root)
    return lint(
        config, load_catalogue(config.rules), LintRequest(paths=(root,)), use_cache=use_cache
    )


def results(report: Report) -> tuple[object, ...]:
    return report.findings, report.unresolved, report.errors, report.hidden


def _short(results: tuple[object, ...]) -> list[list[str]]:
    return [[f"{r.path}:{r.line}" for r in group] for group in results]  # type: ignore[attr-defined]


def edits(root: Path, name: str) -> list[tuple[str, str, bytes]]:
    """(file, what was done, its new bytes): the appended statement to every file, each other
    edit to `SEEDS` seeded files."""
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py"))
    out = [(f, "X_UNUSED = 1 appended", appended_statement((root / f).read_bytes())) for f in files]
    rng = random.Random(name)
    for what, edit in SEEDED.items():
        for f in rng.sample(files, len(files)):
            new = edit((root / f).read_bytes(), rng)
            if new is None or new == (root / f).read_bytes():
                continue
            out.append((f, what, new))
            if sum(1 for _, w, _ in out if w == what) >= SEEDS:
                break
    return out


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(p.name, marks=order_gap(p.name, "warm after edit"))
        for p in sorted(PROJECTS.iterdir())
        if p.is_dir()
    ],
)
def test_a_warm_run_after_an_edit_reports_what_a_cold_run_does(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    shutil.copytree(PROJECTS / name, root, ignore=shutil.ignore_patterns(CACHE_DIR))
    first = results(run(root, use_cache=True))
    failures = []
    for path, what, new in edits(root, name):
        file = root / path
        old = file.read_bytes()
        file.write_bytes(new)
        warm = results(run(root, use_cache=True))
        cold = results(run(root, use_cache=False))
        if warm != cold:
            failures.append(f"{path}: {what}: warm {_short(warm)}\n  cold {_short(cold)}")
        file.write_bytes(old)
        if results(run(root, use_cache=True)) != first:
            failures.append(f"{path}: {what} undone: the warm run differs from the first")
    assert not failures, "\n".join(failures)
