"""The cache's save made after the report (`run.behind`): `lint` hands it to a caller that asks
(`LintRequest.defer`), the command line leaves it to a child that outlives it, and a run reading
the cache waits for such a save first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from frontier_lint.run import behind, cache
from frontier_lint.run.cache import CACHE_DIR
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from tests.forks import fork_or_skip

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"
SRC = Path(__file__).parent.parent / "src"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    # The copied files are a moment old (racily clean): as if time had passed since.
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))
    return root


def _lint(root: Path, defer: list[object] | None) -> list[tuple[str, int, str]]:
    config = load_config(None, root)
    request = LintRequest(paths=(root / "app",), defer=defer.append if defer is not None else None)
    report = lint(config, load_catalogue(config.rules), request)
    return sorted((f.path, f.line, f.program) for f in report.findings)


def _saved(root: Path) -> list[str]:
    return sorted(p.name for p in (root / CACHE_DIR).glob("*") if p.suffix in (".bin", ".report"))


def test_a_deferred_save_is_made_only_when_run_and_writes_what_lint_would(
    project: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(project, other)
    saves: list[object] = []
    found = _lint(project, saves)
    assert found and len(saves) == 1
    assert _saved(project) == []  # (nothing written before the caller runs it)
    saves[0]()  # type: ignore[operator]
    assert _saved(project) == _saved_by_lint(other) != []
    # A later run reads what the deferred save wrote: answered from memory, same findings.
    again: list[object] = []
    assert _lint(project, again) == found and again == []


def _saved_by_lint(root: Path) -> list[str]:
    _lint(root, None)
    return _saved(root)


def test_a_run_waits_for_a_save_left_behind(tmp_path: Path) -> None:
    fork_or_skip()
    cache_dir = tmp_path / CACHE_DIR
    out = tmp_path / "saved"
    read, write = os.pipe()

    def slow_save() -> None:
        os.read(read, 1)  # (until the test lets it go on)
        out.write_text("saved")

    pid = os.getpid()
    behind.save_behind(cache_dir, [slow_save])
    assert os.getpid() == pid  # (the child never returns here)
    assert not out.exists()
    started = time.monotonic()
    os.write(write, b"x")
    behind.wait(cache_dir)
    assert out.read_text() == "saved"
    assert time.monotonic() - started < 30
    os.close(read)
    os.close(write)


def test_a_lint_run_reads_the_cache_only_once_a_save_left_behind_is_done(project: Path) -> None:
    """`lint` takes the save's lock before it reads the cache: a run started while an earlier
    command's child still writes waits for it (the lock held here stands for that child)."""
    fcntl = pytest.importorskip("fcntl")
    _lint(project, None)  # (a cache to read)
    fd = os.open(project / CACHE_DIR / behind.LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    done = threading.Event()

    def run() -> None:
        _lint(project, None)
        done.set()

    runner = threading.Thread(target=run)
    runner.start()
    try:
        assert not done.wait(1.0), "the run read the cache while a save held its lock"
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    runner.join(60)
    assert done.is_set()


def test_wait_without_any_save_left_behind_returns_at_once(tmp_path: Path) -> None:
    behind.wait(tmp_path / "none")  # (no directory, no lock file)


def test_the_command_saves_in_a_child_it_leaves_behind(project: Path) -> None:
    """The console script's process (`cli.entry`): its report complete, its status the run's,
    and the cache written by the child it left (seen once `wait` returns)."""
    fork_or_skip()
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("FRONTIER_LINT_DEBUG", None)
    argv = [sys.executable, "-c", "from frontier_lint.cli import entry; entry()"]
    done = subprocess.run(
        [*argv, "app", "--format", "json", "--jobs", "2"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    programs = sorted(f["program"] for f in json.loads(done.stdout)["findings"])
    assert programs and programs == sorted(p for _, _, p in _lint_copy(project))
    behind.wait(project / CACHE_DIR)
    assert any(n.endswith(".bin") for n in _saved(project))


def _lint_copy(root: Path) -> list[tuple[str, int, str]]:
    copy = root.parent / "copy"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(CACHE_DIR))
    return _lint(copy, None)
