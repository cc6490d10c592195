"""A warm run after an edit notes the modules re-exporting a cached function wrapper when a
file it analyses may reach the wrapper only through one (`Analysis.defer_reexports`), and only
then: a caller edited behind such a module is found as a run without the cache finds it, and
an edit that calls no wrapper reads none of those modules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from frontier_lint.dataflow import propagation as analysis
from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

PROC = textwrap.dedent(
    """\
    import subprocess


    def run_process(argv: list[str]) -> None:
        subprocess.run(argv)
    """
)


def caller(program: str) -> str:
    # Reaches the wrapper only through `lib`, which star-imports its module (meson's
    # `mesonlib`): names neither the wrapper's module nor the wrapper in an import.
    return f'from app import lib\n\n\ndef ask() -> None:\n    lib.run_process(["{program}"])\n'


FILES = {
    "app/__init__.py": "",
    "app/utils/__init__.py": "",
    "app/utils/proc.py": PROC,
    "app/lib.py": "from app.utils.proc import *  # noqa: F403\n",
    "app/caller.py": caller("git"),
    "app/other.py": "X = 1\n",
}


def make(root: Path) -> Path:
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    for path, text in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def run(root: Path, *, use_cache: bool = True) -> Report:
    config = load_config(None, root)
    return lint(config, load_catalogue(config.rules), LintRequest(), use_cache=use_cache)


def outcome(report: Report) -> tuple[list[tuple[str, int, str | None]], list[tuple[str, int]]]:
    return (
        [(f.path, f.line, f.program) for f in report.findings],
        [(u.path, u.line) for u in report.unresolved],
    )


def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files looked at for re-exports of a wrapper in this process's runs."""
    looked: list[str] = []
    original = analysis.Analysis.note_reexports

    def note(self: analysis.Analysis, paths: list[str], wrappers: list[analysis.Wrapper]) -> None:
        looked.extend(paths)
        original(self, paths, wrappers)

    monkeypatch.setattr(analysis.Analysis, "note_reexports", note)
    return looked


def test_a_caller_edited_behind_a_reexporting_module_is_found_as_cold(tmp_path: Path) -> None:
    root = make(tmp_path)
    assert not outcome(run(root))[0]
    (root / "app/caller.py").write_text(caller("claude"))
    cold = run(root, use_cache=False)
    assert ("app/caller.py", 5, "claude") in outcome(cold)[0]
    assert outcome(run(root)) == outcome(cold)


def test_a_caller_edited_behind_a_chain_of_reexporting_modules_is_found_as_cold(
    tmp_path: Path,
) -> None:
    # `lib` re-exports what `shim` re-exports: noted only once `shim` is (the fixpoint).
    root = make(tmp_path)
    (root / "app/shim.py").write_text(FILES["app/lib.py"])
    (root / "app/lib.py").write_text("from app.shim import *  # noqa: F403\n")
    assert not outcome(run(root))[0]
    (root / "app/caller.py").write_text(caller("claude"))
    cold = run(root, use_cache=False)
    assert ("app/caller.py", 5, "claude") in outcome(cold)[0]
    assert outcome(run(root)) == outcome(cold)


def test_an_edit_naming_a_reexporting_module_but_no_wrapper_reads_no_module_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path)
    before = run(root)
    looked = spy(monkeypatch)
    # Launches (so it is analysed) and names `lib` and `proc`, the wrapper's gate words, but
    # not the wrapper: no call of it to reach through them.
    (root / "app/other.py").write_text(
        "import subprocess\n\nfrom app import lib  # noqa: F401\nfrom app.utils import proc"
        "  # noqa: F401\n\n\ndef go() -> None:\n    subprocess.run(['git', 'status'])\n"
    )
    assert outcome(run(root)) == outcome(run(root, use_cache=False)) == outcome(before)
    assert looked == []


def test_callers_cached_behind_a_reexporting_module_are_not_analysed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The run that cached the wrapper looked for its callers through `lib` (a gate word):
    # noting `lib` again for an edited caller sends no caller with cached results back to the
    # analysis (on meson, every caller of `mesonlib`'s wrappers: 10x the run's time).
    root = make(tmp_path)
    (root / "app/other.py").write_text(caller("git").replace("ask", "other"))
    before = run(root)
    analysed: list[str] = []
    original = analysis.Analysis.analyse_chunks

    def spy(self: analysis.Analysis, path: str, *args: object, **kwargs: object) -> bool:
        analysed.append(path)
        return original(self, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis.Analysis, "analyse_chunks", spy)
    (root / "app/other.py").write_text(caller("claude").replace("ask", "other"))
    warm = run(root)
    assert "app/other.py" in analysed
    assert "app/caller.py" not in analysed
    assert outcome(warm) == outcome(run(root, use_cache=False)) != outcome(before)
