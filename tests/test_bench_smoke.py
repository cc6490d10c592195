"""Smoke version of the benchmark (bench/run.py): a few generated files, no peers, seconds.

Plants violations of every kind with bench/plant.py into a tiny package tree, runs the
frontier-lint CLI on the tree before and after (`--format json --no-cache`), and checks that the
clean tree gives no finding and that the planted tree gives exactly the planted findings.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PLANT = REPO / "bench" / "plant.py"
PER_KIND = 4  # covers every variant of every kind

# A small project: packages with several modules each (relative imports need siblings), ordinary
# code, and launches of allowed programs that must stay clean.
MODULE = '''"""Module {name}."""

import logging
import subprocess

log = logging.getLogger(__name__)
GIT = "git"


class Thing{n}:
    def __init__(self, size):
        self.size = size

    def grow(self, by=1):
        self.size += by
        return self.size


def status(root):
    return subprocess.run([GIT, "status", "--short", root], check=False)


def total(things):
    return sum(t.size for t in things)
'''


def _load_plant() -> Any:
    spec = importlib.util.spec_from_file_location("bench_plant", PLANT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _make_tree(root: Path) -> None:
    n = 0
    for package in ("shop", "shop/billing", "shop/stock"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
        for stem in ("core", "models", "views", "tasks"):
            name = f"{package.replace('/', '.')}.{stem}"
            (root / package / f"{stem}.py").write_text(MODULE.format(name=name, n=n))
            n += 1


def _lint(tree: Path) -> dict[str, Any]:
    argv = [sys.executable, "-m", "frontier_lint", ".", "--format", "json", "--no-cache"]
    proc = subprocess.run(argv, cwd=tree, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.fixture(scope="module")
def cli() -> None:
    if importlib.util.find_spec("frontier_lint") is None:
        pytest.skip("frontier-lint is not installed")
    try:
        has_cli = importlib.util.find_spec("frontier_lint.cli") is not None
    except ImportError:
        has_cli = False
    if not has_cli:
        pytest.skip("the frontier-lint CLI is missing")


def test_plant_is_deterministic_and_valid(tmp_path: Path) -> None:
    plant = _load_plant()
    _make_tree(tmp_path / "src")
    manifests = []
    for out in ("a", "b"):
        cmd = [sys.executable, str(PLANT), str(tmp_path / "src"), str(tmp_path / out)]
        subprocess.run([*cmd, "--per-kind", str(PER_KIND)], check=True, capture_output=True)
        manifests.append(json.loads((tmp_path / f"{out}.manifest.json").read_text()))
    assert manifests[0]["expected"] == manifests[1]["expected"]
    assert manifests[0]["counts"] == {kind: PER_KIND for kind in plant.KINDS}
    for e in plant.Manifest.from_json(manifests[0]).expected:
        line = (tmp_path / "a" / e.path).read_text().splitlines()[e.line - 1]
        assert "(" in line and e.path.endswith(".py")
    assert not (tmp_path / "src" / "shop" / "core.py").read_text().count("_fl_bench_")


def test_found_equals_planted(tmp_path: Path, cli: None) -> None:
    plant = _load_plant()
    clean, planted = tmp_path / "clean", tmp_path / "planted"
    _make_tree(clean)

    before = _lint(clean)
    assert before["findings"] == []
    assert before["summary"]["violations"] == 0

    cmd = [sys.executable, str(PLANT), str(clean), str(planted), "--per-kind", str(PER_KIND)]
    subprocess.run(cmd, check=True, capture_output=True)
    manifest = plant.Manifest.from_json(json.loads(Path(f"{planted}.manifest.json").read_text()))
    assert len(manifest.expected) == PER_KIND * len(plant.KINDS)

    after = _lint(planted)
    result = plant.compare(manifest.expected, after["findings"])
    missing = [(e.kind, e.variant, e.path, e.line, e.program) for e in result.missing]
    extra = [(f["path"], f["line"], f.get("program")) for f in result.extra]
    assert (missing, extra) == ([], [])
    assert after["summary"]["violations"] == len(manifest.expected)
