"""A receiver typed with a `typing.Protocol` can be any project class defining its methods,
deriving from it or not (issue 16 patterns 2 and 6): each implementation is an alternative, found
by text and only where a launch needs it, and a bounded search that cannot look at every
candidate leaves the launch open (FL200), never clean."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from frontier_lint.dataflow import analyzer
from frontier_lint.findings import Report
from frontier_lint.frontend.project import Project
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


FILES = {
    "app/__init__.py": "",
    "app/base.py": src(
        """
        from typing import Protocol


        class Runner(Protocol):
            def start(self, cmd: list[str]) -> object: ...

            def stop(self) -> None: ...
        """
    ),
    "app/codex.py": src(
        """
        import subprocess


        class CodexRunner:
            def start(self, cmd):
                return subprocess.Popen(cmd)

            def stop(self):
                return None
        """
    ),
    # Defines `start` but not `stop`: not an implementation of the protocol.
    "app/other.py": src(
        """
        import subprocess


        class Half:
            def start(self, cmd):
                return subprocess.Popen(cmd)
        """
    ),
    "app/use.py": src(
        """
        from app.base import Runner


        def go(runner: Runner) -> object:
            return runner.start(["codex", "exec", "hello"])
        """
    ),
}


def run(tmp_path: Path, files: dict[str, str]) -> Report:
    root = tmp_path / "p"
    (root / "app").mkdir(parents=True)
    for path, text in files.items():
        (root / path).write_text(text)
    config = load_config(None, root)
    return lint(config, load_catalogue(config.rules), LintRequest(paths=(root,)))


def test_a_protocol_call_runs_each_structural_implementation(tmp_path: Path) -> None:
    report = run(tmp_path, FILES)
    # Found at the call through the protocol, in a file that names neither the implementing
    # class nor its module; the implementation's own launch is answered by that call.
    assert {(f.path, f.line, f.program) for f in report.findings} == {("app/use.py", 5, "codex")}
    # A class defining only some of the protocol's methods does not implement it: its launch
    # still waits for a caller.
    assert {(u.path, u.line) for u in report.unresolved} == {("app/other.py", 6)}


def test_past_the_bound_the_call_is_open_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analyzer, "MAX_IMPLEMENTERS", 0)
    report = run(tmp_path, FILES)
    # The call through the protocol reaches no implementation it can name, so none of them is
    # answered by it: each launch still waits for a caller (FL200), none is called clean.
    assert not report.findings
    assert {(u.path, u.line) for u in report.unresolved} == {
        ("app/codex.py", 6),
        ("app/other.py", 6),
    }


def test_the_search_for_implementations_reads_each_file_once_and_keeps_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A scan of every file: kept, the bytes pushed out of the kept buffer the files the
    # analysis reads again (and a defining file was read twice).
    asked: list[tuple[str, bool]] = []
    real = Project.raw

    def raw(self: Project, path: str, *, keep: bool = True) -> bytes:
        if sys._getframe(1).f_code.co_name in ("defining_all", "<listcomp>"):
            asked.append((path, keep))
        return real(self, path, keep=keep)

    monkeypatch.setattr(Project, "raw", raw)
    report = run(tmp_path, FILES)
    assert {(f.path, f.line) for f in report.findings} == {("app/use.py", 5)}
    assert sorted(asked) == sorted((path, False) for path in FILES)
