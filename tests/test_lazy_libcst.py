"""Runs with nothing to parse never import libcst nor the interpreter (`dataflow.propagation`):
a warm run that the cache answers (also when a file was only touched), and a pre-commit run on
files that cannot launch. Importing libcst and the analysis is most of what such a run would
cost (~0.13 s CPU of a one-file edit's ~0.3 s, measured per module), so a top-level import of
libcst added to a module these runs import fails here.

Each run is the command in a fresh interpreter (`sys.modules` of the process that ran it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

LAUNCHER = "import subprocess\n\n\ndef go():\n    subprocess.run(['codex', 'exec'])\n"
FILES = {
    "frontier-lint.yaml": 'include: ["app/**"]\n',
    "app/__init__.py": "",
    "app/text.py": "def slug(s):\n    return s.lower()\n",
    "app/report.py": "from app.text import slug\n\n\ndef title(s):\n    return slug(s)\n",
    **{f"app/launch_{i}.py": LAUNCHER for i in range(4)},
}
# Modules only the analysis needs.
HEAVY = ("libcst", "frontier_lint.dataflow.propagation")

PROBE = (
    "import sys\n"
    "from frontier_lint.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stdout.flush()\n"
    f"sys.stderr.write(repr([m for m in {HEAVY!r} if m in sys.modules]))\n"
)


def _run(root: Path, tmp_path: Path, *args: str) -> tuple[dict[str, object], list[str]]:
    """The JSON report of `frontier-lint ARGS --format json` in `root`, and the heavy modules
    that process imported."""
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
    }
    env.pop("FRONTIER_LINT_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-P", "-c", PROBE, *args, "--format", "json"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, object] = json.loads(done.stdout)
    imported: list[str] = eval(done.stderr.splitlines()[-1])  # (a list of str, written above)
    return report, imported


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (root / ".git").mkdir()
    return root


def _bump(path: Path) -> None:
    """A new mtime for the same content (what a checkout or `touch` does)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_warm_run_with_nothing_changed_imports_no_libcst(
    root: Path, tmp_path: Path, jobs: str
) -> None:
    cold, imported = _run(root, tmp_path, ".", "--jobs", jobs)
    assert "libcst" in imported  # (the cold run parses: the probe sees it)
    warm, imported = _run(root, tmp_path, ".", "--jobs", jobs)
    assert imported == []
    assert warm["findings"] == cold["findings"]
    # A file touched, not changed: the remembered report does not answer (the stat data
    # differ), the cache does, without the analysis.
    _bump(root / "app" / "launch_0.py")
    touched, imported = _run(root, tmp_path, ".", "--jobs", jobs)
    assert imported == []
    assert touched["findings"] == cold["findings"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_pre_commit_run_on_files_that_cannot_launch_imports_no_libcst(
    root: Path, tmp_path: Path, jobs: str
) -> None:
    report, imported = _run(
        root, tmp_path, "app/text.py", "app/report.py", "--no-cache", "--jobs", jobs
    )
    assert imported == []
    assert report["findings"] == []
    summary = report["summary"]
    assert isinstance(summary, dict) and summary["files"] == 2
    # (A named file that can launch is parsed: the probe sees the import.)
    report, imported = _run(root, tmp_path, "app/launch_1.py", "--no-cache", "--jobs", jobs)
    assert "libcst" in imported
    assert [f["path"] for f in report["findings"]] == ["app/launch_1.py"]  # type: ignore[index,union-attr]
