"""`Analyzer.force` (forcing outside an interpretation: each open launch's defaults, by
`with_defaults`) makes a fresh frame each call, and those frames share one `ForceMemo`: a
deferred call forced again under the same state is not computed again, and one forced after the
state moved on (a summary recomputed) is, with the new answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from frontier_lint.dataflow import analyzer as analyzer_module
from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.candidates import candidates
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.interpret import forcing
from frontier_lint.dataflow.summaries import FunctionSummary
from frontier_lint.dataflow.values import Value, string
from frontier_lint.frontend.project import Project
from frontier_lint.settings.catalogue import load_catalogue

CODE = 'def build():\n    return "codex"\n\n\nX = build()\n'


def _setup(monkeypatch: pytest.MonkeyPatch) -> tuple[Analyzer, Value, list[int]]:
    files = {"m.py": CODE}
    analyzer = Analyzer(Project(Path("/nonexistent"), files, overrides=files), load_catalogue())
    scope = analyzer.module_scope("m.py")
    assert scope is not None
    runs: list[int] = []
    compute = forcing._compute_deferred

    def counted(f: Any, d: Any) -> Value:
        runs.append(1)
        return compute(f, d)

    monkeypatch.setattr(forcing, "_compute_deferred", counted)
    return analyzer, scope.lookup("X"), runs


def _words(v: Value) -> set[tuple[str | None, ...]]:
    return {c.words for c in candidates(v)}


def test_a_deferred_call_forced_again_outside_an_interpretation_is_computed_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    analyzer, x, runs = _setup(monkeypatch)
    analyzer.force(x)  # (the first force summarises `build`: the state moves on)
    runs.clear()
    first = analyzer.force(x)
    again = analyzer.force(x)
    assert again is first and _words(again) == {("codex",)}
    assert len(runs) == 1  # (each call's fresh frame had its own memo: computed twice)


def test_a_deferred_call_is_computed_again_once_its_summary_was_recomputed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shared memo's key holds the analyzer's state: a summary dropped and computed again
    (`forgotten` moved) changes what the call returns. A key without the state (`memo._state`
    giving `()`) fails this: the shared memo gives the first answer again."""
    analyzer, x, runs = _setup(monkeypatch)
    assert _words(analyzer.force(x)) == {("codex",)}
    analyzer.summaries[FuncId("m.py", "build")] = FunctionSummary(returns=string("claude"))
    analyzer.forgotten += 1
    assert _words(analyzer.force(x)) == {("claude",)}
    assert len(runs) == 2


def test_a_full_shared_memo_starts_afresh_with_the_same_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(analyzer_module, "MAX_OUTSIDE_FORCES", 0)
    analyzer, x, runs = _setup(monkeypatch)
    analyzer.force(x)
    runs.clear()
    first = analyzer.force(x)
    again = analyzer.force(x)
    assert _words(first) == _words(again) == {("codex",)}
    assert len(runs) == 2  # (over the bound: computed again, never answered otherwise)
