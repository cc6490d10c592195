"""Work the analysis leaves undone because no result reads it: the definitions of functions
called but not followed are parsed only when their result is forced. Checked against doing the
work, on small programs and on every fixture project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import Deferred
from frontier_lint.dataflow.propagation import Analysis
from frontier_lint.dataflow.values import Const, Str, Unknown, options
from frontier_lint.findings import Report
from frontier_lint.frontend.project import Project
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

PROJECTS = Path(__file__).parent / "fixtures" / "projects"


def _analysis(tmp_path: Path, files: dict[str, str]) -> Analysis:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    config = load_config(None, tmp_path)
    return Analysis(config, load_catalogue(config.rules), Project(tmp_path, sorted(files)))


# --- functions called but not followed (`calls.call_function`) ----------------------------------

LIB = "def helper(x):\n    return x + 'dex'\n\ndef other():\n    return 1\n"
APP = "from lib import helper\n\ndef main():\n    got = helper('co')\n    return got\n"


def test_a_function_called_but_not_followed_is_not_parsed_until_its_result_is_needed(
    tmp_path: Path,
) -> None:
    run = _analysis(tmp_path, {"lib.py": LIB, "app.py": APP})
    a = run.analyzer
    main = a.funcdef(FuncId("app.py", "main"))
    assert main is not None
    summary = a.summary(main)
    helper = FuncId("lib.py", "helper")
    assert summary.deferred == {helper}
    assert not a.has_funcdef(helper)  # (was: parsed at the call)
    assert "lib.py" in a.file_deps()["app.py"]  # what the result depends on, all the same
    (d,) = [o for o in options(summary.returns) if isinstance(o, Deferred)]
    assert d.func == helper
    forced = a.force(summary.returns)
    assert a.has_funcdef(helper)
    assert [o.text for o in options(forced) if isinstance(o, Str)] == ["codex"]


def test_an_unreadable_function_called_but_not_followed_is_unknown_once_forced(
    tmp_path: Path,
) -> None:
    """The one difference a parse put off could make: a definition that does not parse is
    found out when the result is forced, with the reason the call gave before."""
    lib = "def helper(x):\n    return x +\n"
    run = _analysis(tmp_path, {"lib.py": lib, "app.py": APP})
    a = run.analyzer
    main = a.funcdef(FuncId("app.py", "main"))
    assert main is not None
    forced = a.force(a.summary(main).returns)
    reasons = [o.reason for o in options(forced) if isinstance(o, Unknown)]
    assert reasons == ["helper could not be read"]
    assert not any(isinstance(o, Const) for o in options(forced))


# --- the work left undone changes no report ------------------------------------------------------


def _sites(report: Report) -> list[tuple[object, ...]]:
    found = [("finding", f.path, f.line, f.column, f.sink, f.program) for f in report.findings]
    open_ = [("unresolved", u.path, u.line, u.column, u.sink, u.reason) for u in report.unresolved]
    errors = [("error", e.path, e.line, e.column, e.message) for e in report.errors]
    return sorted(found + open_ + errors, key=repr)


def _lint(fixture: Path, root: Path) -> list[tuple[object, ...]]:
    shutil.copytree(fixture, root)
    (root / ".git").mkdir()
    config = load_config(None, root)
    report = lint(config, load_catalogue(config.rules), LintRequest(paths=(root,)), use_cache=False)
    return _sites(report)


@pytest.mark.parametrize("fixture", sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()))
def test_every_fixture_project_reports_the_same_as_with_the_work_done(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lean = _lint(PROJECTS / fixture, tmp_path / "lean")
    with monkeypatch.context() as m:
        m.setattr(Analyzer, "has_funcdef", lambda self, fid: True)  # parse every callee
        full = _lint(PROJECTS / fixture, tmp_path / "full")
    assert lean == full
