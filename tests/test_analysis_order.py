"""The report does not depend on the order the first round analyses files in (issue 15).

What the first round leaves behind (summaries computed, functions followed or deferred, wrappers
known) differs with the order; propagation must reach the same fixpoint from any of them, or a
launch site is reported in one order and silently missed in another (a fail-open).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import frontier_lint.run.analyse as analyse
from frontier_lint.findings import Report
from frontier_lint.frontend.project import Project
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

PROJECTS = Path(__file__).parent / "fixtures" / "projects"

Order = Callable[[list[str]], list[str]]
ORDERS: dict[str, Order] = {
    "reversed": lambda paths: paths[::-1],
    "rotated by half": lambda paths: paths[len(paths) // 2 :] + paths[: len(paths) // 2],
}


def _lint_in_order(
    fixture: Path, tmp: Path, order: Order | None, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[object, ...]]:
    """Everything the report says about launch sites, with the files analysed in `order`."""
    root = tmp / "project"
    shutil.copytree(fixture, root)
    (root / ".git").mkdir()
    asked: list[list[str]] = []
    in_sorted = analyse.all_paths

    def ordered(project: Project) -> list[str]:
        paths = in_sorted(project)
        asked.append(paths)
        return order(paths) if order is not None else paths

    with monkeypatch.context() as m:
        m.setattr(analyse, "all_paths", ordered)
        config = load_config(None, root)
        request = LintRequest(paths=(root,))
        report = lint(config, load_catalogue(config.rules), request, use_cache=False)
    # (Vacuous if the analysis took its order elsewhere.)
    assert asked and any(len(p) > 1 for p in asked)
    return _sites(report)


def _sites(report: Report) -> list[tuple[object, ...]]:
    found = [("finding", f.path, f.line, f.column, f.sink, f.program) for f in report.findings]
    open_ = [("unresolved", u.path, u.line, u.column, u.sink, u.reason) for u in report.unresolved]
    return sorted(found + open_, key=repr)


# Order dependences known and not fixed yet (strict: a fix fails the mark, which goes with it).
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _cases() -> list[object]:
    out = []
    for fixture in sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()):
        for order in ORDERS:
            gap = KNOWN_GAPS.get((fixture, order))
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            out.append(pytest.param(fixture, order, id=f"{fixture}-{order}", marks=marks))
    return out


@pytest.mark.parametrize(("fixture", "order"), _cases())
def test_every_order_reports_the_same(
    fixture: str, order: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_sorted = _lint_in_order(PROJECTS / fixture, tmp_path / "sorted", None, monkeypatch)
    other = _lint_in_order(PROJECTS / fixture, tmp_path / "other", ORDERS[order], monkeypatch)
    assert other == in_sorted
