"""The pre-commit hook, run by the real `pre-commit` tool.

A copy of this checkout becomes a one-commit hook repository (so pre-commit installs the package
once for every run below, whatever state the working tree is in). A throw-away project then runs
the hook with `pre-commit try-repo` and through a real `git commit` with the hook installed: a
violation fails, the same line with a suppression comment passes, and a commit that changes only
a constant fails on the launch it reaches in a file the commit does not touch.

Slow (pre-commit builds and installs the package into its own virtualenv, from the package index)
but not optional: it is the only test of `.pre-commit-hooks.yaml` and of the installed entry point.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)
if importlib.util.find_spec("pre_commit") is None:
    pytest.skip("pre-commit is not installed (it is in the `test` extra)", allow_module_level=True)

VIOLATION = """\
import subprocess


def ask(prompt: str) -> None:
    subprocess.run(["codex", "exec", prompt], check=True)
"""
SUPPRESSED = VIOLATION.replace(
    "check=True)", "check=True)  # frontier-lint: allow[codex] -- developer tool, never shipped"
)
CLEAN = "import subprocess\n\nsubprocess.run(['git', 'status'], check=True)\n"
# The incident: a settings module that launches nothing, read by a launch in another package.
SETTINGS = 'import os\n\nGIT_CMD = os.getenv("GIT_BIN", "git")\n'
REPO_SERVICE = """\
import subprocess

from app.core.config import GIT_CMD


def status() -> str:
    return subprocess.run([GIT_CMD, "status"], capture_output=True, text=True).stdout
"""


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = run(["git", *args], cwd, env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("precommit-home")
    (home / "gitconfig").write_text("")
    out = {
        k: v
        for k, v in os.environ.items()
        # A git hook running this test suite must not leak its repository into ours.
        if not k.startswith(("GIT_", "PRE_COMMIT"))
    }
    out.update(
        PRE_COMMIT_HOME=str(home / "cache"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    return out


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """This checkout's package files in a fresh git repository with one commit: (path, rev)."""
    repo = tmp_path_factory.mktemp("hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".frontier-lint-cache")
    for name in ("src", "rules"):
        shutil.copytree(REPO_ROOT / name, repo / name, ignore=ignore)
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "LICENSE"):
        if (REPO_ROOT / name).exists():
            shutil.copy2(REPO_ROOT / name, repo / name)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "hook")
    return repo, git(repo, env, "rev-parse", "HEAD")


def new_project(root: Path, env: dict[str, str]) -> Path:
    root.mkdir()
    git(root, env, "init", "-q")
    (root / "frontier-lint.yaml").write_text("exclude: []\n")
    return root


COMMIT = ["git", "-c", "commit.gpgsign=false", "commit", "-m"]


def install_hook_and_commit(
    project: Path, env: dict[str, str], hook_repo: tuple[Path, str], files: dict[str, str]
) -> None:
    """Configure and install the hook, and commit `files` as the first, clean state."""
    repo, rev = hook_repo
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: frontier-lint\n"
    )
    for rel, text in files.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text)
    git(project, env, "add", "-A")
    install = run([sys.executable, "-m", "pre_commit", "install"], project, env)
    assert install.returncode == 0, install.stdout + install.stderr
    first = run([*COMMIT, "clean"], project, env)
    assert first.returncode == 0, first.stdout + first.stderr


def test_try_repo_fails_on_a_violation_and_passes_a_suppressed_one(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    repo, rev = hook_repo
    project = new_project(tmp_path / "project", env)
    (project / "bad.py").write_text(VIOLATION)
    (project / "ok.py").write_text(SUPPRESSED)
    git(project, env, "add", "-A")
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "frontier-lint"]

    failed = run([*try_repo, "--ref", rev, "--files", "bad.py"], project, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "bad.py:5:5: FL001" in output

    passed = run([*try_repo, "--ref", rev, "--files", "ok.py"], project, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "FL001" not in passed.stdout


def test_installed_hook_blocks_the_commit_until_the_line_is_suppressed(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    project = new_project(tmp_path / "project", env)
    install_hook_and_commit(project, env, hook_repo, {"clean.py": CLEAN})

    (project / "runner.py").write_text(VIOLATION)
    git(project, env, "add", "runner.py")
    blocked = run([*COMMIT, "add a codex launch"], project, env)
    assert blocked.returncode != 0
    assert "runner.py:5:5: FL001" in blocked.stdout + blocked.stderr
    assert git(project, env, "log", "--format=%s") == "clean"  # nothing was committed

    (project / "runner.py").write_text(SUPPRESSED)
    git(project, env, "add", "runner.py")
    allowed = run([*COMMIT, "add a suppressed codex launch"], project, env)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert git(project, env, "log", "-1", "--format=%s") == "add a suppressed codex launch"


def test_a_commit_changing_only_a_constant_fails_on_the_launch_it_reaches(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    project = new_project(tmp_path / "project", env)
    files = {
        "frontier-lint.yaml": 'include: ["app/**"]\n',
        "app/__init__.py": "",
        "app/core/__init__.py": "",
        "app/core/config.py": SETTINGS,
        "app/services/__init__.py": "",
        "app/services/repo.py": REPO_SERVICE,
    }
    install_hook_and_commit(project, env, hook_repo, files)

    (project / "app/core/config.py").write_text(SETTINGS.replace('"git"', '"codex"'))
    git(project, env, "add", "app/core/config.py")
    assert git(project, env, "diff", "--cached", "--name-only") == "app/core/config.py"
    blocked = run([*COMMIT, "default to codex"], project, env)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert (
        "app/services/repo.py:7:12: FL001 subprocess.run can launch forbidden program `codex` "
        "(via app/core/config.py)"
    ) in output
    assert "  > app/core/config.py:3:1: GIT_CMD defined as" in output
    assert git(project, env, "log", "--format=%s") == "clean"  # nothing was committed

    hook = run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "app/core/config.py"], project, env
    )
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "app/services/repo.py:7:12: FL001" in hook.stdout
