"""The on-disk cache: warm runs reuse results, edits re-analyse what depends on them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from frontier_lint import analysis
from frontier_lint.background import can_fork
from frontier_lint.cache import CACHE_DIR
from frontier_lint.config import load_config
from frontier_lint.engine import LintRequest, lint
from frontier_lint.findings import Report
from frontier_lint.rules import load_catalogue

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"
TASKS = "app/backend/src/services/tasks.py"
CONFIG = "app/backend/src/core/config.py"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    return root


def run(root: Path, *, use_cache: bool = True) -> Report:
    config = load_config(None, root)
    return lint(
        config,
        load_catalogue(config.rules),
        LintRequest(paths=(root / "app",)),
        use_cache=use_cache,
    )


def key(report: Report) -> list[tuple[str, int, str | None, tuple[str, ...]]]:
    return [(f.path, f.line, f.program, tuple(h.note for h in f.trace)) for f in report.findings]


def no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("analysis ran although nothing changed")

    monkeypatch.setattr(analysis.Analysis, "__init__", boom)


def test_cache_directory_ignores_itself(project: Path) -> None:
    run(project)
    assert (project / CACHE_DIR / ".gitignore").read_text().strip().endswith("*")


def test_warm_run_reuses_results_without_analysis(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(project)
    no_analysis(monkeypatch)
    warm = run(project)
    assert key(warm) == key(cold)
    assert warm.summary == cold.summary


def test_entries_kept_through_an_edit_are_written_back_loadable(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(project)
    config = project / CONFIG
    config.write_text(config.read_text() + "\n# an edit that changes no finding\n")
    assert key(run(project)) == key(cold)  # re-analyses one file, keeps the others' entries
    no_analysis(monkeypatch)
    assert key(run(project)) == key(cold)  # so the next run is warm: the cache loaded


def test_an_edit_that_can_launch_nothing_is_answered_without_analysis(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = project / "app/backend/src/util/text.py"
    text.write_text("def shout(s):\n    return s.upper()\n")
    cold = run(project)
    text.write_text("def shout(s):\n    return s.upper() + '!'\n")  # no launch API, no wrapper
    no_analysis(monkeypatch)
    assert key(run(project)) == key(cold)
    # An edit that calls a wrapper is analysed (and found) as before.
    monkeypatch.undo()
    text.write_text(
        "from util import proc\n\n\ndef go():\n    return proc.run_process(['claude'])\n"
    )
    assert "app/backend/src/util/text.py" in [f.path for f in run(project).findings]


def test_editing_a_constant_changes_findings_in_the_files_that_read_it(project: Path) -> None:
    before = run(project)
    assert (TASKS, 30, "codex") in [(f.path, f.line, f.program) for f in before.findings]
    config = project / CONFIG
    config.write_text(config.read_text().replace('"CODEX_CMD", "codex"', '"CODEX_CMD", "gpt-cli"'))
    after = run(project)
    assert after.findings == run(project, use_cache=False).findings
    assert (TASKS, 30, "codex") not in [(f.path, f.line, f.program) for f in after.findings]
    assert (TASKS, 30) in [(u.path, u.line) for u in after.unresolved]


def test_a_function_that_becomes_a_wrapper_is_found_through_unchanged_callers(
    project: Path,
) -> None:
    proc = project / "app/backend/src/util/proc.py"
    proc.write_text(proc.read_text() + "\n\ndef spawn(cmd):\n    return cmd\n")
    (project / "app/backend/src/services/review.py").write_text(
        "from util import proc\n\n\ndef go():\n    return proc.spawn(['claude', '-p', 'x'])\n"
    )
    assert not [f for f in run(project).findings if f.path.endswith("review.py")]
    proc.write_text(
        proc.read_text().replace("    return cmd\n", "    return subprocess.run(cmd)\n")
    )
    found = [
        (f.path, f.line, f.program) for f in run(project).findings if f.path.endswith("review.py")
    ]
    assert found == [("app/backend/src/services/review.py", 5, "claude")]


def payload(file: Path) -> dict[str, Any]:
    """A cache file's JSON (the line before it is the MAC)."""
    return json.loads(file.read_text().partition("\n")[2])  # type: ignore[no-any-return]


def test_corrupt_or_foreign_cache_is_ignored_and_rewritten(project: Path) -> None:
    cold = run(project)
    for f in (project / CACHE_DIR).glob("*.json"):
        f.write_text("{not json")
    assert key(run(project)) == key(cold)
    for f in (project / CACHE_DIR).glob("*.json"):
        assert payload(f)["format"] == "frontier-lint-cache"
        f.write_text(json.dumps({"format": "something-else", "version": 1}))
    assert key(run(project)) == key(cold)


def test_no_cache_writes_nothing(project: Path) -> None:
    run(project, use_cache=False)
    assert not (project / CACHE_DIR).exists()


def test_uncalled_wrapper_is_unresolved_until_a_caller_appears(project: Path) -> None:
    proc = project / "app/backend/src/util/proc.py"
    proc.write_text(proc.read_text() + "\n\ndef spawn(cmd):\n    return subprocess.run(cmd)\n")
    line = proc.read_text().splitlines().index("    return subprocess.run(cmd)") + 1
    first = run(project)
    assert ("app/backend/src/util/proc.py", line) in [(u.path, u.line) for u in first.unresolved]
    tasks = project / TASKS
    tasks.write_text(tasks.read_text() + "\n\ndef go():\n    return proc.spawn(['gemini'])\n")
    second = run(project)
    assert ("app/backend/src/util/proc.py", line) not in [
        (u.path, u.line) for u in second.unresolved
    ]
    assert "gemini" in {f.program for f in second.findings if f.path == TASKS}
    assert second.findings == run(project, use_cache=False).findings


def test_an_uncalled_wrappers_default_is_reported_until_a_caller_passes_another(
    project: Path,
) -> None:
    proc = project / "app/backend/src/util/proc.py"
    wrapper = "\n\ndef ask(prompt, binary='claude'):\n    return subprocess.run([binary, prompt])\n"
    proc.write_text(proc.read_text() + wrapper)
    line = proc.read_text().splitlines().index("    return subprocess.run([binary, prompt])") + 1
    site = ("app/backend/src/util/proc.py", line, "claude")
    first = run(project)
    assert site in [(f.path, f.line, f.program) for f in first.findings]
    tasks = project / TASKS
    original = tasks.read_text()
    tasks.write_text(original + "\n\ndef go():\n    return proc.ask('hi', binary='git')\n")
    second = run(project)
    assert site not in [(f.path, f.line, f.program) for f in second.findings]
    assert second.findings == run(project, use_cache=False).findings
    tasks.write_text(original)
    third = run(project)
    assert site in [(f.path, f.line, f.program) for f in third.findings]
    assert third.findings == run(project, use_cache=False).findings


def test_editor_buffers_do_not_make_the_project_look_new(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint import engine

    run(project)
    seen: list[set[str] | None] = []
    original = engine._analyse

    def spy(*args: object) -> object:
        seen.append(args[6])  # type: ignore[arg-type]  # the `todo` set
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_analyse", spy)
    config = load_config(None, project)
    text = (project / CONFIG).read_text().replace('"codex")', '"gpt-cli")')
    request = LintRequest(paths=(project / TASKS,), overrides={CONFIG: text})
    report = lint(config, load_catalogue(config.rules), request)
    assert seen and seen[-1] is not None and CONFIG in seen[-1]  # incremental, not a full run
    assert (TASKS, 30) in [(u.path, u.line) for u in report.unresolved]
    # The buffer never reaches the cache: the file on disk still says "codex".
    assert (TASKS, 30, "codex") in [(f.path, f.line, f.program) for f in run(project).findings]


def test_a_cold_run_with_a_spare_core_fills_the_same_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint import engine

    def cold(jobs: int) -> tuple[list[object], str]:
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
        config = load_config(None, project)
        report = lint(
            config, load_catalogue(config.rules), LintRequest((project / "app",), jobs=jobs)
        )
        (saved,) = (project / CACHE_DIR).glob("v*.json")
        return key(report), saved.read_text()

    children: list[bool] = []

    class Spy(engine.Background):  # type: ignore[type-arg]
        def result(self) -> object:
            children.append(self.forked)
            return super().result()

    monkeypatch.setattr(engine, "FORK_FILES", 0)  # the digests are read in a child
    monkeypatch.setattr(engine, "Background", Spy)
    forked = cold(2)
    assert forked == cold(1)
    if can_fork():
        assert children[0] is True  # the first run's digests came from a child
