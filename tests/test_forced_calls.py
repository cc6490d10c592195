"""A call through a value computed later (`get_runner().build()`: `lazy.LazyCall`) forced again
in the same frame, under the same state, is remembered as attribute reads and deferred calls are
(`memo.ForceMemo`): not made again. Under another state it is made again, with the new answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.candidates import candidates
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.interpret.frame import Frame
from frontier_lint.dataflow.lazy import LazyCall
from frontier_lint.dataflow.summaries import FunctionSummary
from frontier_lint.dataflow.values import Seq, Value, string
from frontier_lint.frontend.project import Project
from frontier_lint.settings.catalogue import load_catalogue

CODE = """\
class Runner:
    def build(self):
        return ["codex", "exec"]


def get_runner():
    return Runner()


X = get_runner().build()
"""


def _setup(monkeypatch: pytest.MonkeyPatch) -> tuple[Analyzer, Value, list[int]]:
    files = {"m.py": CODE}
    analyzer = Analyzer(Project(Path("/nonexistent"), files, overrides=files), load_catalogue())
    scope = analyzer.module_scope("m.py")
    assert scope is not None
    x = scope.lookup("X")
    assert isinstance(x, LazyCall)  # (what this test is about: a call on a deferred result)
    made: list[int] = []
    call_one = Frame.call_one

    def counted(f: Frame, callee: Value, node: Any, *rest: Any) -> Value:
        if node is x.node:
            made.append(1)
        return call_one(f, callee, node, *rest)

    monkeypatch.setattr(Frame, "call_one", counted)
    return analyzer, x, made


def _words(v: Value) -> set[tuple[str | None, ...]]:
    return {c.words for c in candidates(v)}


def test_a_call_forced_again_under_the_same_state_is_made_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    analyzer, x, made = _setup(monkeypatch)
    analyzer.force(x)  # (the first force summarises `get_runner` and `build`: the state moves)
    made.clear()
    first = analyzer.force(x)
    again = analyzer.force(x)
    assert again is first and _words(again) == {("codex", "exec")}
    assert len(made) == 1  # (not remembered: made at each force)


def test_a_call_is_made_again_once_a_summary_it_read_was_recomputed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The remembered call's key holds the analyzer's state: `build`'s summary dropped and
    replaced changes what the call gives. (A key without it, `memo._state` giving `()`, fails
    this: the first answer comes back.)"""
    analyzer, x, made = _setup(monkeypatch)
    analyzer.force(x)
    assert _words(analyzer.force(x)) == {("codex", "exec")}
    returns = Seq(trace=(), items=(string("claude"),))
    analyzer.summaries[FuncId("m.py", "Runner.build")] = FunctionSummary(returns=returns)
    analyzer.forgotten += 1
    made.clear()
    assert _words(analyzer.force(x)) == {("claude",)}
    assert len(made) == 1
