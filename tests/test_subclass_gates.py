"""A launching method inherited through subclasses in other modules, at any depth: each
subclass's name is a gate word of the method (`Analysis._derived_words`), and a file deriving
from one is a route to its callers after an edit (`searches.route_to`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from frontier_lint.findings import Report
from frontier_lint.run.cache import CACHE_DIR
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

FILES = {
    "app/a.py": "import subprocess\nclass A:\n    def run(self, argv):\n        subprocess.run(argv)\n",
    "app/b.py": "from app.a import A\nclass B(A):\n    pass\n",
    "app/c.py": "from app.b import B\nclass C(B):\n    pass\n",
    # Names neither A nor B: a caller only through C's and D's names.
    "app/e.py": "from app.d import D\ndef go():\n    D().run(['codex', 'exec'])\n",
}
PLAIN_D = "from app.c import C\nclass D:\n    pass\n"
DERIVED_D = "from app.c import C\nclass D(C):\n    pass\n"


def _project(tmp_path: Path, d_text: str) -> Path:
    root = tmp_path / "p"
    (root / ".git").mkdir(parents=True)
    for rel, text in {**FILES, "app/d.py": d_text}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _run(root: Path, *, use_cache: bool) -> Report:
    config = load_config(None, root)
    request = LintRequest(paths=(root,))
    return lint(config, load_catalogue(config.rules), request, use_cache=use_cache)


def _found(report: Report) -> list[tuple[str, int, str | None]]:
    return [(f.path, f.line, f.program) for f in report.findings]


def test_a_great_grandchild_in_another_module_is_a_caller(tmp_path: Path) -> None:
    root = _project(tmp_path, DERIVED_D)
    assert _found(_run(root, use_cache=False)) == [("app/e.py", 3, "codex")]


def test_an_edit_deriving_a_class_from_a_subclass_finds_its_callers_again(
    tmp_path: Path,
) -> None:
    """D derives from C only after the cold run: the warm run follows the edit's route (a
    class derived from a gate word of `A.run`) to `e.py`, whose entry the edit left standing."""
    root = _project(tmp_path, PLAIN_D)
    assert _found(_run(root, use_cache=True)) == []
    (root / "app/d.py").write_text(DERIVED_D)
    warm = _run(root, use_cache=True)
    assert _found(warm) == _found(_run(root, use_cache=False)) == [("app/e.py", 3, "codex")]
    (root / "app/d.py").write_text(PLAIN_D)
    assert _found(_run(root, use_cache=True)) == []
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
