"""The language-feature battery (`tests/language_battery.py`): each tiny project linted without
the cache; its verdict must be the one recorded. A case judged clean is either a `VALID` one
(starting only allowed programs) or a known gap with its note: no new silent case."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontier_lint.dataflow.propagation import MAX_REGROWN
from frontier_lint.dataflow.values import MAX_ALTERNATIVES
from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from tests.language_battery import CASES, EXPECTED, GAPS


def _verdict(report: Report) -> str:
    if any(f.program for f in report.findings):
        return "found"
    if report.unresolved:
        return "FL200"
    return "error" if report.errors else "CLEAN"


def _lint(files: dict[str, str], root: Path) -> Report:
    root.mkdir()
    (root / ".git").mkdir()  # marks the project root
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    config = load_config(None, root)
    return lint(config, load_catalogue(config.rules), LintRequest(paths=(root,)), use_cache=False)


def test_every_case_has_a_verdict() -> None:
    assert set(EXPECTED) == set(CASES)
    silent = {n for n, v in EXPECTED.items() if v == "CLEAN" and "VALID" not in n}
    assert silent == set(GAPS), "a clean case that can launch must be listed in GAPS"


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name: str, tmp_path: Path) -> None:
    assert _verdict(_lint(CASES[name], tmp_path / "project")) == EXPECTED[name]


def test_words_not_all_read_named_in_the_reason(tmp_path: Path) -> None:
    """A bound that decides a verdict says so: the call is unresolved for the words not read,
    not for a forbidden name it never saw."""
    report = _lint(CASES["inherited_unknown_base_method_words_not_all_read"], tmp_path / "p")
    (site,) = report.unresolved
    assert "not all read" in site.reason and "more than 256 parts" in site.reason
    named = _lint(CASES["inherited_unknown_base_method"], tmp_path / "q")
    assert all("not all read" not in s.reason for s in named.unresolved)


def test_join_past_bound_named_in_the_reason(tmp_path: Path) -> None:
    """A join whose unpacked alternatives make more than `MAX_ALTERNATIVES` lists is not known,
    saying so (`lazy._join_alternatives`), rather than joining some of them."""
    report = _lint(CASES["join_unpacked_alternatives_past_bound"], tmp_path / "p")
    assert not report.findings
    (site,) = report.unresolved
    assert f"more than {MAX_ALTERNATIVES} combinations" in site.reason


def test_regrown_past_bound_named_in_the_reason(tmp_path: Path) -> None:
    """A wrapper whose launches still change after its callers were analysed again
    `MAX_REGROWN` times leaves its launch site unresolved, saying so: the callers' findings
    are not its last word (`Analysis._grew`)."""
    report = _lint(CASES["wrapper_regrown_past_bound"], tmp_path / "p")
    assert not report.findings
    (site,) = report.unresolved
    assert site.path == "app/run.py"
    assert f"still changed after its callers were analysed again {MAX_REGROWN} times" in site.reason


def test_regrown_past_bound_parameterless_caller_keeps_the_bound(tmp_path: Path) -> None:
    """A caller taking no parameters is computed once the wrapper rounds are done, reading the
    wrapper as it ends up (its finding); the launch site stays unresolved for the bound."""
    report = _lint(CASES["wrapper_regrown_past_bound_parameterless_caller"], tmp_path / "p")
    assert [(f.path, f.program) for f in report.findings] == [("app/main.py", "codex")]
    (site,) = report.unresolved
    assert site.path == "app/run.py"
    assert f"still changed after its callers were analysed again {MAX_REGROWN} times" in site.reason


def test_called_parameter_no_caller_named_in_the_reason(tmp_path: Path) -> None:
    """A callable parameter called for the program, with no caller, is unresolved naming the
    parameter no call passes (it waits for the callers' callable), not an anonymous result."""
    report = _lint(CASES["called_parameter_no_caller"], tmp_path / "p")
    assert not report.findings
    (site,) = report.unresolved
    assert "parameter `resolve` of start" in site.reason and "no call" in site.reason
