"""A warm run's discovery and stat data taken by a forked child while the parent starts up
(`run.early`): the same files, the same change detection, the same results."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.findings import Report
from frontier_lint.run import incremental
from frontier_lint.run.background import can_fork
from frontier_lint.run.cache import CACHE_DIR
from frontier_lint.run.early import listed_with_stats, start
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.scan.discovery import DiscoveryError, discover
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"
TASKS = "app/backend/src/services/tasks.py"
CONFIG = "app/backend/src/core/config.py"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    return root


def run(root: Path, *, early: bool = True, use_cache: bool = True) -> Report:
    config = load_config(None, root)
    paths = (root / "app",)
    return lint(
        config,
        load_catalogue(config.rules),
        LintRequest(paths=paths, jobs=2, early=start(config.root, paths) if early else None),
        use_cache=use_cache,
    )


def found(report: Report) -> list[tuple[str, int, str | None]]:
    return [(f.path, f.line, f.program) for f in report.findings]


def test_nothing_is_started_without_a_cache_to_compare_with(project: Path) -> None:
    assert start(project, ()) is None
    run(project)  # fills it
    assert start(project, ()) is not None


def test_the_child_lists_what_discovery_lists(project: Path) -> None:
    disc, stats = listed_with_stats(project, (project / "app",))
    assert disc == discover(project, (project / "app",))
    st = os.stat(project / CONFIG)
    assert stats[CONFIG] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    assert set(stats) == set(disc.files)


@pytest.mark.skipif(not can_fork(), reason="no fork here: the parent does the work itself")
def test_a_warm_run_stats_no_file_itself(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stat data come from the child: the parent looks at no file that did not change."""
    run(project)
    calls: list[str] = []

    class CountingOs:
        def __getattr__(self, name: str) -> Any:
            return getattr(os, name)

        def stat(self, path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            calls.append(str(path))
            return os.stat(path, *args, **kwargs)

    monkeypatch.setattr(incremental, "os", CountingOs())
    warm = run(project)
    assert calls == []
    run(project, early=False)
    assert calls  # (without it, every file is looked at here)
    assert found(warm) == found(run(project, use_cache=False))


def test_an_edit_with_the_mtime_put_back_is_seen_through_the_childs_stat_data(
    project: Path,
) -> None:
    config = project / CONFIG
    before = os.stat(config)
    assert (TASKS, 30, "codex") in found(run(project))
    config.write_text(config.read_text().replace('"CODEX_CMD", "codex"', '"CODEX_CMD", "gxdex"'))
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    edited = run(project)
    assert (TASKS, 30, "codex") not in found(edited)
    assert found(edited) == found(run(project, use_cache=False))


def test_an_answer_for_other_arguments_is_not_used(project: Path) -> None:
    run(project)
    early = start(project, (project / "app",))
    assert early is not None
    assert early.answer(project, [project]) is None
    assert early.answer(project, [project / "app"]) is not None


def test_a_path_that_does_not_exist_fails_as_discovery_fails(project: Path) -> None:
    run(project)
    early = start(project, (project / "nowhere",))
    assert early is not None
    with pytest.raises(DiscoveryError, match="path does not exist"):
        early.answer(project, [project / "nowhere"])
