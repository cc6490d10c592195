"""Byte-level scans split with forked children (`--jobs 2`): the same answers, and so the same
report, as one process; a child that fails leaves its share to this process."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from frontier_lint.findings import Report
from frontier_lint.frontend.project import Project
from frontier_lint.run import shards
from frontier_lint.run.background import can_fork
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.run.shards import Split
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from tests.forks import fork_or_skip


@pytest.fixture
def forking() -> None:
    """Checked when the test runs: a thread another test left running makes forks unsafe."""
    fork_or_skip()


FIXTURES = Path(__file__).parent / "fixtures" / "projects"


def _files(root: Path, sizes: Sequence[int]) -> tuple[Project, list[str]]:
    names = [f"m{i:02}.py" for i in range(len(sizes))]
    for name, size in zip(names, sizes, strict=True):
        (root / name).write_text("x" * size)
    return Project(root, names), names


def test_shares_are_cut_in_order_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Split, "MIN_BYTES", 0)
    project, names = _files(tmp_path, [100, 100, 700, 100, 100, 100, 100, 100])
    # Two jobs, an equal part each: the big file fills this process's half.
    assert Split(project, 2).shares(names) == [names[:3], names[3:]]
    # This process keeps a tenth; three children share the rest equally.
    here, *children = Split(project, 4).shares(names, 0.1)
    assert here == names[:1]
    assert [p for share in children for p in share] == names[1:] and all(children)


def test_no_child_for_one_job_or_too_little_to_scan(tmp_path: Path) -> None:
    project, names = _files(tmp_path, [100] * 4)
    assert Split(project, 1).shares(names) == []
    assert Split(project, 2).shares(names) == []  # far below MIN_BYTES
    answer = Split(project, 2).ahead(names, lambda p: p)
    assert [answer(p) for p in names] == [None] * 4  # all scanned here


def _ahead(
    tmp_path: Path, check: Callable[[str], object], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], Callable[[str], object]]:
    monkeypatch.setattr(Split, "MIN_BYTES", 0)
    project, names = _files(tmp_path, [100] * 6)
    return names, Split(project, 2).ahead(names, check)


@pytest.mark.usefixtures("forking")
def test_a_child_answers_for_its_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    names, answer = _ahead(tmp_path, lambda p: (p, os.getpid()), monkeypatch)
    got = [answer(p) for p in names]
    assert got[:3] == [None] * 3  # this process's share
    assert [a[0] for a in got[3:]] == names[3:]  # type: ignore[index]
    assert all(a[1] != parent for a in got[3:])  # type: ignore[index]


@pytest.mark.usefixtures("forking")
def test_a_childs_answer_is_given_once_then_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (The first round's answers, kept all run long, were 7 MB of the corpus run's peak.)
    names, answer = _ahead(tmp_path, lambda p: p, monkeypatch)
    assert [answer(p) for p in names[3:]] == names[3:]
    assert [answer(p) for p in names[3:]] == [None] * 3  # asked again: scanned here


@pytest.mark.usefixtures("forking")
def test_a_file_whose_check_fails_in_the_child_is_left_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def check(path: str) -> str:
        if os.getpid() != parent and path == "m04.py":
            raise OSError("flaky")
        return path

    names, answer = _ahead(tmp_path, check, monkeypatch)
    assert [answer(p) for p in names[3:]] == ["m03.py", None, "m05.py"]


@pytest.mark.usefixtures("forking")
def test_a_child_that_dies_leaves_its_whole_share_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def check(path: str) -> tuple[str, int]:
        if os.getpid() != parent:
            os._exit(9)
        return path, os.getpid()

    names, answer = _ahead(tmp_path, check, monkeypatch)
    assert [answer(p) for p in names[3:]] == [(p, parent) for p in names[3:]]


# ------------------------------------------------------------------- whole runs, 1 and 2 jobs

# Wrapper rounds (chains across modules, a cycle), methods reached through instance holders
# and subclasses, constructors' arguments launched by a method, module singletons.
PROJECTS = [
    "wrapper_chains",
    "wrapper_imports",
    "provider_subclasses",
    "constructor_argv_subclass",
    "module_singletons",
    "monorepo_services",
]


def _lint(root: Path, jobs: int) -> Report:
    config = load_config(None, root)
    request = LintRequest((root,), jobs=jobs)
    report = lint(config, load_catalogue(config.rules), request, use_cache=False)
    return replace(report, elapsed=0.0)


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every scan is split (no size too small for a child); the files children answered for."""
    monkeypatch.setattr(Split, "MIN_BYTES", 0)
    out: list[str] = []
    ahead = Split.ahead

    def spy(self: Split, paths: Sequence[str], check: Callable[[str], object], head=None):  # type: ignore[no-untyped-def]
        answer = ahead(self, paths, check, head)

        def note(path: str) -> object:
            got = answer(path)
            if got is not None:
                out.append(path)
            return got

        return note

    monkeypatch.setattr(Split, "ahead", spy)
    return out


@pytest.mark.parametrize("name", PROJECTS)
def test_two_jobs_report_what_one_job_reports(
    name: str, tmp_path: Path, answered: list[str]
) -> None:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    (root / ".git").mkdir()
    one = _lint(root, 1)
    assert answered == []
    two = _lint(root, 2)
    assert two == one and repr(two) == repr(one)
    assert one.findings or one.unresolved  # (a project with something to report)
    if can_fork():
        assert answered  # children scanned part of it


@pytest.mark.usefixtures("forking")
def test_a_failing_child_leaves_no_site_out(
    tmp_path: Path, answered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "wrapper_chains"
    shutil.copytree(FIXTURES / "wrapper_chains", root)
    (root / ".git").mkdir()
    one = _lint(root, 1)
    parent = os.getpid()
    work = shards._answer
    failed = tmp_path / "failed"
    failed.mkdir()

    def failing(paths: list[str], check: Callable[[str], object]) -> dict[str, object]:
        if os.getpid() != parent:  # the test hook: every child fails
            (failed / str(os.getpid())).touch()
            raise MemoryError
        return work(paths, check)

    monkeypatch.setattr(shards, "_answer", failing)
    two = _lint(root, 2)
    assert list(failed.iterdir())  # children were forked, and failed
    assert two == one
    assert answered  # their shares were answered here instead


@pytest.mark.usefixtures("forking")
def test_the_texts_a_child_split_for_its_launch_scan_are_not_split_again(
    tmp_path: Path, answered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint.frontend.parsing import SourceFile

    root = tmp_path / "wrapper_chains"
    shutil.copytree(FIXTURES / "wrapper_chains", root)
    (root / ".git").mkdir()
    one = _lint(root, 1)
    seeded: list[str] = []
    seed = SourceFile.seed

    def spy(self: SourceFile, chunks: list, starts: Sequence[int]) -> None:  # type: ignore[type-arg]
        seeded.append(self.path)
        seed(self, chunks, starts)

    monkeypatch.setattr(SourceFile, "seed", spy)
    two = _lint(root, 2)
    assert two == one and repr(two) == repr(one)
    # The launching files of the child's share: their sources take the child's split (main
    # split them again here).
    assert seeded and set(seeded) <= set(answered)


@pytest.mark.usefixtures("forking")
def test_a_childs_launch_scan_names_the_sinks_a_launching_file_renames(
    tmp_path: Path, answered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `spawn = subprocess.Popen`, `from subprocess import check_output as capture`: the child
    # scanning a launching file finds them (`LaunchScan.renamed`); this process does not scan
    # its text again for them, and reports what one job reports.
    from frontier_lint.dataflow import propagation

    root = tmp_path / "renamed_wrappers"
    shutil.copytree(FIXTURES / "renamed_wrappers", root)
    (root / ".git").mkdir()
    one = _lint(root, 1)
    parent = os.getpid()
    here: list[str] = []
    scan = propagation.sinks_renamed

    def spy(text: str, renames: object) -> tuple[str, ...]:
        if os.getpid() == parent:
            here.append(text)
        return scan(text, renames)  # type: ignore[arg-type]

    monkeypatch.setattr(propagation, "sinks_renamed", spy)
    two = _lint(root, 2)
    assert two == one and repr(two) == repr(one)
    assert "pkg/proc.py" in answered
    assert not any("spawn = subprocess.Popen" in text for text in here)
    assert any(f.path == "app/sink_alias.py" for f in one.findings)
