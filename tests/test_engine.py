"""The engine's run-wide settings: what a run changes in the process it runs in."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from frontier_lint.dataflow import propagation as analysis
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"


def _lint() -> None:
    config = load_config(None, EXAMPLE)
    lint(
        config, load_catalogue(config.rules), LintRequest(paths=(EXAMPLE / "app",)), use_cache=False
    )


def test_full_collections_are_off_during_a_run_and_restored_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int, int]] = []
    real = analysis.Analysis.propagate_wrappers

    def spy(self: analysis.Analysis, *args: object, **kwargs: object) -> None:
        seen.append(gc.get_threshold())
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis.Analysis, "propagate_wrappers", spy)
    before = gc.get_threshold()
    _lint()
    assert seen and seen[0][:2] == before[:2] and seen[0][2] >= 1_000_000
    assert gc.get_threshold() == before  # the language server lives on between runs


def test_thresholds_are_restored_when_a_run_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(analysis.Analysis, "propagate_wrappers", boom)
    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        _lint()
    assert gc.get_threshold() == before
