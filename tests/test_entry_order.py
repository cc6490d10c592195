"""What a file's cache entry records besides its report does not depend on the order the
analysis takes (issue 18): the files and searches its results were resolved from (`deps`,
`searches`) and the wrapper names looked for in it (`scanned`) are what a later edit is
checked against. Path order, other orders, and a split run (`run.split`) write the same.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import frontier_lint.run.analyse as analyse
from frontier_lint.frontend.project import Project
from frontier_lint.run import split
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from tests.forks import fork_or_skip

PROJECTS = Path(__file__).parent / "fixtures" / "projects"

Order = Callable[[list[str]], list[str]]
ORDERS: dict[str, Order] = {
    "reversed": lambda paths: paths[::-1],
    "rotated by half": lambda paths: paths[len(paths) // 2 :] + paths[: len(paths) // 2],
}

Recorded = dict[str, tuple[list[str], list[str], list[str]]]


def _entries(
    fixture: Path, tmp: Path, order: Order | None, monkeypatch: pytest.MonkeyPatch, jobs: int = 1
) -> Recorded:
    """Each analysed file's entry as it records deps, searches and scanned, the files analysed
    in `order` (with `jobs` > 1: split, `run.split`)."""
    root = tmp / "project"
    shutil.copytree(fixture, root)
    (root / ".git").mkdir()
    got: dict[str, Any] = {}
    in_sorted = analyse.all_paths
    inner = analyse.analyse_project

    def ordered(project: Project) -> list[str]:
        paths = in_sorted(project)
        return order(paths) if order is not None else paths

    def capture(*args: Any, **kwargs: Any) -> Any:
        entries, wrappers = inner(*args, **kwargs)
        got.update(entries)
        return entries, wrappers

    with monkeypatch.context() as m:
        m.setattr(analyse, "all_paths", ordered)
        m.setattr(analyse, "analyse_project", capture)
        config = load_config(None, root)
        request = LintRequest(paths=(root,), jobs=jobs)
        lint(config, load_catalogue(config.rules), request, use_cache=False)
    assert got
    return {
        path: (
            sorted(e.deps),
            sorted(f"{s.kind.value}:{s.name}" for s in e.searches),
            sorted(e.scanned),
        )
        for path, e in got.items()
    }


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("fixture", sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()))
def test_entries_record_the_same_in_every_order(
    fixture: str, order: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_sorted = _entries(PROJECTS / fixture, tmp_path / "sorted", None, monkeypatch)
    other = _entries(PROJECTS / fixture, tmp_path / "other", ORDERS[order], monkeypatch)
    assert other == in_sorted


@pytest.mark.parametrize("fixture", sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()))
def test_a_split_run_records_what_one_process_does(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fork_or_skip()
    one = _entries(PROJECTS / fixture, tmp_path / "one", None, monkeypatch)
    monkeypatch.setattr(split, "ENABLED", True)
    monkeypatch.setattr(split, "SPLIT_BYTES", 0)
    monkeypatch.setattr(split, "_groups", lambda roots, most: [(s, [p]) for s, p in roots])
    two = _entries(PROJECTS / fixture, tmp_path / "two", None, monkeypatch, jobs=2)
    assert two == one
