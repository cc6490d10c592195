"""The pytest plugin, exercised on inner test suites with `pytester`."""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from frontier_lint.guard import runtime

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="stand-in programs are shell scripts")


def _entry_point_active() -> bool:
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    return any(
        ep.value == "frontier_lint.guard.pytest_plugin" for ep in entry_points(group="pytest11")
    )


# Installed (`pip install .`), the entry point loads the plugin; from a source tree, ask for it.
PLUGIN = [] if _entry_point_active() else ["-p", "frontier_lint.guard.pytest_plugin"]
SRC = str(Path(runtime.__file__).resolve().parent.parent)


@pytest.fixture
def importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """frontier_lint importable by a child pytest run from another directory."""
    paths = [SRC, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(os.path.abspath(p) for p in paths))


@pytest.fixture
def markers(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand-in `codex`/`claude`/`harmless` first on PATH; each writes a marker when run."""
    bin_dir = pytester.path / "bin"
    out = pytester.path / "markers"
    bin_dir.mkdir()
    out.mkdir()
    for name in ("codex", "claude", "harmless"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "$@" >> "{out / name}"\n')
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    (pytester.path / "frontier-lint.yaml").write_text("exclude: ['bin/**']\n")
    return out


@pytest.fixture(autouse=True)
def no_guard_left() -> object:
    yield
    assert runtime.installed() == ()


MIXED_SUITE = """
import subprocess

import pytest

from frontier_lint.guard.runtime import ForbiddenLaunchError


def test_launches():
    subprocess.run(["codex", "exec", "fix"])


def test_catches():
    try:
        subprocess.run(["env", "A=1", "claude", "-p", "hi"])
    except ForbiddenLaunchError:
        pass


def test_allowed():
    assert subprocess.run(["harmless", "ok"]).returncode == 0


def test_nothing():
    assert True
"""

CLEAN_SUITE = """
import subprocess


def test_allowed():
    assert subprocess.run(["harmless"]).returncode == 0


def test_git_like_tooling():
    assert subprocess.run(["true"]).returncode == 0
"""


def test_failing_suite(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makepyfile(test_mixed=MIXED_SUITE)
    result = pytester.runpytest(*PLUGIN, "--frontier-guard")
    result.assert_outcomes(failed=2, passed=2)
    out = result.stdout.str()
    # the failures name the program, the argv and the launching line
    assert (
        "frontier-lint: blocked launch of forbidden program `codex` (FL001):"
        " argv ['codex', 'exec', 'fix']\n"
        '  from test_mixed.py:9 in test_launches: subprocess.run(["codex", "exec", "fix"])'
    ) in out
    assert "FAILED test_mixed.py::test_catches" in out  # caught, still failed
    assert "forbidden program `claude` through env" in out
    assert 'subprocess.run(["env", "A=1", "claude", "-p", "hi"])' in out
    # the summary lists every attempt
    summary = out[out.index("= frontier-lint runtime guard =") :]
    assert "2 forbidden launch attempt(s), 2 blocked:" in summary
    assert "test_mixed.py::test_launches: frontier-lint: blocked launch" in summary
    assert "test_mixed.py::test_catches: frontier-lint: blocked launch" in summary
    assert "  from test_mixed.py:14 in test_catches: subprocess.run" in summary
    assert not (markers / "codex").exists()
    assert not (markers / "claude").exists()
    assert (markers / "harmless").exists()


def test_passing_suite(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makepyfile(test_clean=CLEAN_SUITE)
    result = pytester.runpytest(*PLUGIN, "--frontier-guard")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        ["*= frontier-lint runtime guard =*", "no forbidden launch attempted"]
    )
    assert result.ret == 0


def test_off_by_default_changes_nothing(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makepyfile(test_mixed=MIXED_SUITE)
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(passed=4)
    assert "frontier-lint runtime guard" not in result.stdout.str()
    assert (markers / "codex").exists()  # nobody stopped it


def test_ini_option(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makeini("[pytest]\nfrontier_guard = true\n")
    pytester.makepyfile(test_mixed=MIXED_SUITE)
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(failed=2, passed=2)
    assert not (markers / "codex").exists()


def test_marker_guards_single_tests(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makepyfile(
        test_marked="""
import subprocess

import pytest


@pytest.mark.frontier_guard
def test_guarded():
    subprocess.run(["claude", "-p", "x"])


def test_unguarded():
    subprocess.run(["codex", "x"])


@pytest.mark.frontier_guard(mode="record")
def test_recorded():
    subprocess.run(["codex", "y"])
"""
    )
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(failed=1, passed=2)
    assert "FAILED test_marked.py::test_guarded" in result.stdout.str()
    assert not (markers / "claude").exists()
    # unguarded and record-mode tests ran the program; the recorded one is in the summary
    assert (markers / "codex").read_text().split() == ["x", "y"]
    result.stdout.fnmatch_lines(
        [
            "2 forbidden launch attempt(s), 1 blocked:",
            "test_marked.py::test_guarded: frontier-lint: blocked launch*",
            "test_marked.py::test_recorded: frontier-lint: recorded launch*",
        ]
    )


def test_fixture(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makepyfile(
        test_fixture="""
import subprocess

from frontier_lint.guard.runtime import ForbiddenLaunchError, Guard


def test_uses_fixture(frontier_guard):
    assert isinstance(frontier_guard, Guard)
    try:
        subprocess.run(["codex"])
    except ForbiddenLaunchError:
        pass
    assert [a.program for a in frontier_guard.attempts()] == ["codex"]


def test_without_fixture():
    subprocess.run(["harmless"])
"""
    )
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(failed=1, passed=1)
    assert "FAILED test_fixture.py::test_uses_fixture" in result.stdout.str()
    assert not (markers / "codex").exists()


def test_fixture_setup_launch_is_an_error(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makepyfile(
        test_setup="""
import subprocess

import pytest


@pytest.fixture
def agent():
    try:
        subprocess.run(["codex", "login"])
    except Exception:
        pass
    return "agent"


@pytest.fixture
def session():
    yield "session"
    try:
        subprocess.run(["claude", "logout"])
    except Exception:
        pass


def test_uses_agent(agent):
    assert agent == "agent"


def test_uses_session(session):
    assert session == "session"
"""
    )
    result = pytester.runpytest(*PLUGIN, "--frontier-guard")
    result.assert_outcomes(passed=1, errors=2)
    out = result.stdout.str()
    assert "ERROR at setup of test_uses_agent" in out
    assert "ERROR at teardown of test_uses_session" in out
    assert not (markers / "codex").exists()
    assert not (markers / "claude").exists()


def test_plugin_off_does_not_import_the_guard(pytester: pytest.Pytester, importable: None) -> None:
    pytester.makepyfile(
        test_modules="""
import sys


def test_not_imported():
    assert "frontier_lint.guard.pytest_plugin" in sys.modules
    assert "frontier_lint.guard.runtime" not in sys.modules
"""
    )
    result = pytester.runpytest_subprocess(*PLUGIN)
    result.assert_outcomes(passed=1)


def test_project_scope_from_configuration(pytester: pytest.Pytester, markers: Path) -> None:
    (pytester.path / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    pytester.mkpydir("app")
    (pytester.path / "app" / "agent.py").write_text(
        "import subprocess\n\n\ndef run(prog):\n    return subprocess.run([prog, 'x']).returncode\n"
    )
    pytester.makepyfile(
        test_scope="""
import subprocess

from app import agent


def test_app_code_is_guarded():
    agent.run("codex")


def test_test_code_is_not_frontier():
    assert subprocess.run(["claude", "x"]).returncode == 0
"""
    )
    result = pytester.runpytest(*PLUGIN, "--frontier-guard")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*from app/agent.py:5 in run: return subprocess.run*"])
    assert not (markers / "codex").exists()
    assert (markers / "claude").exists()
    all_scope = pytester.runpytest(*PLUGIN, "--frontier-guard", "--frontier-guard-scope=all")
    all_scope.assert_outcomes(failed=2)


def test_record_mode_reports_without_failing(pytester: pytest.Pytester, markers: Path) -> None:
    pytester.makepyfile(test_mixed=MIXED_SUITE)
    result = pytester.runpytest(*PLUGIN, "--frontier-guard", "--frontier-guard-mode=record")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["2 forbidden launch attempt(s), 0 blocked:"])
    assert (markers / "codex").exists()


def test_bad_configuration_is_a_usage_error(pytester: pytest.Pytester, markers: Path) -> None:
    (pytester.path / "frontier-lint.yaml").write_text("inclde: ['app/**']\n")
    pytester.makepyfile(test_clean=CLEAN_SUITE)
    result = pytester.runpytest(*PLUGIN, "--frontier-guard")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "frontier-lint:" in result.stderr.str()
    assert "inclde" in result.stderr.str()


def test_subprocess_run_loads_plugin(
    pytester: pytest.Pytester, markers: Path, importable: None
) -> None:
    """Out of process, as a user runs it (the plugin module loaded by name or entry point)."""
    pytester.makepyfile(test_mixed=MIXED_SUITE)
    result = pytester.runpytest_subprocess(*PLUGIN, "--frontier-guard")
    result.assert_outcomes(failed=2, passed=2)
    assert not (markers / "codex").exists()
