"""The recall benchmark's labelling checklist (bench/recall/sites.py) and its scorer: a file the
checklist's interpreter cannot parse is said and counted, never dropped (session 28 left four
candidate packages out because their 3.12-syntax files vanished from the list unseen)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

RECALL = Path(__file__).resolve().parents[1] / "bench" / "recall"
# PEP 695 (3.12): a syntax error for 3.11's `ast`, which the checklist runs under here.
NEWER = "type Argv = list[str]\nimport subprocess\nsubprocess.run(['codex'])\n"
OLDER = "import subprocess\nsubprocess.run(['git'])\n"


def _load(name: str) -> Any:
    if str(RECALL) not in sys.path:
        sys.path.insert(0, str(RECALL))  # (score.py imports its siblings by name)
    spec = importlib.util.spec_from_file_location(f"recall_{name}", RECALL / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "old.py").write_text(OLDER, encoding="utf-8")
    (root / "pkg" / "new.py").write_text(NEWER, encoding="utf-8")
    return root


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the file parses on 3.12")
def test_sites_lists_a_file_it_cannot_parse_and_fails(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sites = _load("sites")
    assert sites.main([str(package)]) == 1
    out, err = capsys.readouterr()
    assert "pkg/old.py:2: sink subprocess.run" in out
    assert "pkg/new.py:1: skipped not parsed by Python 3." in out
    assert "pkg/new.py skipped" in err


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the file parses on 3.12")
def test_score_counts_the_files_the_checklist_could_not_read(package: Path) -> None:
    score = _load("score")
    got = score.PackageScore("pkg")
    score.note_unparsed(package, None, got)
    assert got.unparsed == 1
    assert [m["path"] for m in got.mismatches] == ["pkg/new.py"]
    # Only within the labels' `include`.
    other = score.PackageScore("pkg")
    score.note_unparsed(package, ["pkg/old.py"], other)
    assert other.unparsed == 0
    assert "| unparsed |" in score.markdown([got], "tool", 0.0)
