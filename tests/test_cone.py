"""A small report scope is analysed within its import cone, with the same results."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontier_lint import engine
from frontier_lint.cache import CACHE_DIR
from frontier_lint.cone import closure
from frontier_lint.project import Project
from tests.expectations import expectations, lint_tree, observed

FIXTURES = Path(__file__).parent / "fixtures" / "projects"


def _tree(root: Path, files: dict[str, str]) -> Project:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return Project(root, files)


def test_closure_follows_absolute_relative_and_package_imports(tmp_path: Path) -> None:
    project = _tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/run.py": "from .core import settings\nimport app.util.proc as proc\n",
            "app/core/__init__.py": "",
            "app/core/settings.py": "from ..lib import paths\n",
            "app/util/__init__.py": "",
            "app/util/proc.py": "",
            "app/lib/__init__.py": "",
            "app/lib/paths.py": "",
            "app/lib/unused.py": "",
            "app/other.py": "import app.run\n",
        },
    )
    assert closure(project, ["app/run.py"]) == {
        "app/__init__.py",
        "app/run.py",
        "app/core/__init__.py",
        "app/core/settings.py",
        "app/util/__init__.py",
        "app/util/proc.py",
        "app/lib/__init__.py",
        "app/lib/paths.py",
    }


def test_closure_takes_submodules_read_as_attributes(tmp_path: Path) -> None:
    # `import app` then `app.core.config.X`: the resolver looks submodules up by attribute.
    project = _tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/config.py": "X = 'codex'\n",
            "app/core/other.py": "",
            "app/run.py": "import app\nprint(app.core.config.X)\n",
            "ns/tool.py": "",
            "uses_ns.py": "import ns\nns . tool\n",
        },
    )
    assert closure(project, ["app/run.py"]) == {
        "app/__init__.py",
        "app/run.py",
        "app/core/__init__.py",
        "app/core/config.py",
    }
    # A namespace package (no __init__.py) and spaces around the dot.
    assert closure(project, ["uses_ns.py"]) == {"uses_ns.py", "ns/tool.py"}


def test_closure_reads_imports_anywhere_on_a_line(tmp_path: Path) -> None:
    project = _tree(
        tmp_path,
        {
            "a.py": "try: import b\nexcept ImportError: pass\nx = 1; from c import (\n  d,\n)\n",
            "b.py": "",
            "c/__init__.py": "",
            "c/d.py": "",
            "e.py": "",
        },
    )
    assert closure(project, ["a.py"]) == {"a.py", "b.py", "c/__init__.py", "c/d.py"}


def _project_files() -> list[object]:
    out = []
    for fixture in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for file in sorted(fixture.rglob("*.py")):
            rel = file.relative_to(fixture).as_posix()
            out.append(pytest.param(fixture, rel, id=f"{fixture.name}/{rel}"))
    return out


@pytest.mark.parametrize(("fixture", "rel"), _project_files())
def test_one_file_reports_what_the_whole_project_reports_for_it(
    fixture: Path, rel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file of every fixture project alone: its cone, however large, is analysed alone.
    monkeypatch.setattr(engine, "CONE_SHARE", 1.01)
    cones: list[set[str] | None] = []
    real = engine._cone
    monkeypatch.setattr(engine, "_cone", lambda p, r: cones.append(real(p, r)) or cones[-1])
    report, root = lint_tree(fixture, tmp_path, [rel])
    expected = {e for e in expectations(fixture) if e.path == rel}
    assert observed(report) == expected
    assert cones and cones[0] is not None  # the cone analysis ran
    assert not (root / CACHE_DIR).exists()  # and answered for part of the project only


def test_files_the_analysis_reads_beyond_the_cone_join_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The import reading is replaced by one that follows nothing: the resolver's own read of
    # `tools.CMD` still brings tools.py in, and with it the wrapper `launch` that run.py calls.
    monkeypatch.setattr(engine, "CONE_SHARE", 1.01)
    monkeypatch.setattr("frontier_lint.cone.closure", lambda project, start: set(start))
    root = tmp_path / "p"
    files = {
        "app/__init__.py": "",
        "app/tools.py": "import subprocess\nCMD = 'git'\n\n\ndef launch(argv):\n"
        "    subprocess.run(argv)\n",
        "app/run.py": "import subprocess\nfrom app import tools\n\n\ndef status():\n"
        "    subprocess.run([tools.CMD, 'status'])\n\n\ndef review():\n"
        "    tools.launch(['codex', 'exec'])  # expect: FL001 codex\n",
        "app/other.py": "",
    }
    _tree(root, files)
    report, _ = lint_tree(root, tmp_path / "run", ["app/run.py"])
    assert observed(report) == expectations(root)
