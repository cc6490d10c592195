"""A cold run's text index shared with a forked child beside the analysis (`--jobs 2`,
`run.textindex.IndexStore.scan_beside`): the first search takes the parts the child scanned and
scans the rest here, and finds what one scan of every file finds; a child that dies, is killed
or sends garbage leaves its parts to this process, with the same report."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from frontier_lint.dataflow import hierarchy
from frontier_lint.findings import Report
from frontier_lint.frontend.project import Project
from frontier_lint.run import textindex
from frontier_lint.run.background import Shared
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from tests.forks import fork_or_skip
from tests.test_cache_searches import make, outcome
from tests.test_text_index_kept import STORE, project_files


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child for any project (no size too small for one); checked when the test runs: a
    thread another test left running makes forks unsafe."""
    fork_or_skip()
    monkeypatch.setattr(textindex, "FORK_FILES", 0)
    monkeypatch.setattr(textindex, "PART_FILES", 8)  # (32 files: 4 parts)


@pytest.fixture
def scanned_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files this process's text index scan reads (the child's are not seen here)."""
    seen: list[str] = []
    original = hierarchy.Hierarchy._index_file

    def spy(self: hierarchy.Hierarchy, index: object, path: str, data: bytes) -> None:
        seen.append(path)
        original(self, index, path, data)  # type: ignore[arg-type]

    monkeypatch.setattr(hierarchy.Hierarchy, "_index_file", spy)
    return seen


def _run(root: Path, jobs: int, *, use_cache: bool = False) -> Report:
    config = load_config(None, root)
    request = LintRequest(paths=(root / "app",), jobs=jobs)
    return lint(config, load_catalogue(config.rules), request, use_cache=use_cache)


def _project(tmp_path: Path) -> Path:
    # The store into the constant from another module is found by a search of the project by
    # name (`Hierarchy.attr_stores`), which needs the text index.
    return make(tmp_path, {**project_files(30), "app/m3.py": STORE})


FOUND = ([("app/config.py", 7, "codex")], [])
SCANNED = textindex._scanned  # (a part's scan, as the run makes it)


@pytest.fixture
def parts_here(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[int]]:
    """Installs a part scan (`textindex._scanned`) that does `in_child` in the child and is
    slow here (the child's parts arrive while this process scans its first one); returns the
    parts this process scanned."""
    parent = os.getpid()
    here: list[int] = []
    original = SCANNED

    def install(in_child: Callable[..., textindex.Plain] = original) -> list[int]:
        def part(project: Project, batches: list[list[str]], k: int) -> textindex.Plain:
            if os.getpid() != parent:
                return in_child(project, batches, k)
            here.append(k)
            time.sleep(0.5)
            return original(project, batches, k)

        monkeypatch.setattr(textindex, "_scanned", part)
        return here

    return install


def _slow_last(project: Project, batches: list[list[str]], k: int) -> textindex.Plain:
    if k == 3:
        time.sleep(30)  # (stopped once this process scanned the part)
    return SCANNED(project, batches, k)


@pytest.mark.usefixtures("forking")
def test_a_cold_run_takes_the_index_a_child_scanned(
    tmp_path: Path, scanned_here: list[str], parts_here: Callable[..., list[int]]
) -> None:
    root = _project(tmp_path)
    alone = _run(root, 1)
    assert outcome(alone) == FOUND
    assert len(scanned_here) == 32  # one job: every file scanned by the search
    scanned_here.clear()
    here = parts_here(_slow_last)
    beside = _run(root, 2)
    assert scanned_here == []  # (main scanned all 32 files here with two jobs too)
    assert here == [3]  # the last part here (the child was late), the others the child's
    assert beside.findings == alone.findings and beside.unresolved == alone.unresolved


@pytest.mark.usefixtures("forking")
def test_the_index_shared_with_a_child_is_the_one_kept_in_the_cache(
    tmp_path: Path, scanned_here: list[str]
) -> None:
    root = _project(tmp_path)
    assert outcome(_run(root, 2, use_cache=True)) == FOUND
    assert scanned_here == []
    # An edit needing a search scans only the changed file: the rest is the index made.
    (root / "app/m4.py").write_text(STORE.replace("'codex'", "'gemini'"))
    warm = _run(root, 1, use_cache=True)
    assert scanned_here == ["app/m4.py"]
    assert outcome(warm) == outcome(_run(root, 1))
    assert ("app/config.py", 7, "gemini") in outcome(warm)[0]


def _dies(project: Project, batches: list[list[str]], k: int) -> textindex.Plain:
    os.kill(os.getpid(), signal.SIGKILL)  # killed before it sends a part
    raise AssertionError("not reached")


def _dies_later(project: Project, batches: list[list[str]], k: int) -> textindex.Plain:
    if k == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # killed after one part
    return SCANNED(project, batches, k)


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize(("child", "parts"), [(_dies, [3, 2, 1, 0]), (_dies_later, [3, 2, 1])])
def test_a_child_killed_leaves_its_parts_here(
    tmp_path: Path,
    scanned_here: list[str],
    parts_here: Callable[..., list[int]],
    child: Callable[..., textindex.Plain],
    parts: list[int],
) -> None:
    root = _project(tmp_path)
    alone = _run(root, 1)
    scanned_here.clear()
    here = parts_here(child)
    beside = _run(root, 2)
    assert here == parts and scanned_here == []
    assert beside.findings == alone.findings and beside.unresolved == alone.unresolved


def _garbage(project: Project, batches: list[list[str]], k: int) -> textindex.Plain:
    return {"subclasses": "not an index"}


@pytest.mark.usefixtures("forking")
def test_a_child_sending_garbage_leaves_the_scan_here(
    tmp_path: Path, scanned_here: list[str], parts_here: Callable[..., list[int]]
) -> None:
    root = _project(tmp_path)
    alone = _run(root, 1)
    scanned_here.clear()
    parts_here(_garbage)
    beside = _run(root, 2)
    assert len(scanned_here) == 32  # no index of the parts: the search scans every file
    assert beside.findings == alone.findings and beside.unresolved == alone.unresolved


@pytest.mark.usefixtures("forking")
def test_a_run_asking_no_search_stops_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped: list[bool] = []
    stop = Shared.stop

    def spy(self: Shared[textindex.Plain]) -> None:
        stopped.append(self.forked)
        stop(self)

    monkeypatch.setattr(Shared, "stop", spy)
    # No launch at all: no value is resolved, no search asked.
    root = make(tmp_path, {f"app/m{i}.py": f"X{i} = {i}\n" for i in range(10)})
    assert outcome(_run(root, 2)) == ([], [])
    assert stopped == [True]
