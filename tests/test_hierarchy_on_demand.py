"""Subclasses are read only where a launch depends on them (issue 16 pattern 2, at the cold run's
cost): a base-class attribute that subclasses override, or an abstract method they implement, is
looked up in the subclasses only when a launch's program waits for it, and only in the
subclasses whose text sets that attribute or defines that method."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


BASE = src(
    """
    import logging
    import subprocess


    class Base:
        binary = "node"

        def describe(self):
            logging.info("runs %s", self.binary)
            return self.summary()

        def summary(self):
            raise NotImplementedError

        def run(self, prompt):
            return subprocess.run([self.binary, "-p", prompt])
    """
)

CLAUDE = src(
    """
    from app.base import Base


    class Claude(Base):
        binary = "claude"

        def summary(self):
            return "claude"
    """
)

# Derives from Base but neither sets `binary` nor defines `summary`.
PLAIN = src(
    """
    from app.base import Base


    class Plain(Base):
        def other(self):
            return 1
    """
)


def built_classes(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> tuple[set[str], set[tuple[str, int, str | None]]]:
    root = tmp_path / "p"
    (root / "app").mkdir(parents=True)
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    for path, text in files.items():
        (root / path).write_text(text)
    built: set[str] = set()
    original = Analyzer._build_class

    def recording(self: Analyzer, cid: FuncId) -> object:
        built.add(cid.name)
        return original(self, cid)

    monkeypatch.setattr(Analyzer, "_build_class", recording)
    config = load_config(None, root)
    report = lint(config, load_catalogue(config.rules), LintRequest(paths=(root / "app",)))
    return built, {(f.path, f.line, f.program) for f in report.findings}


def test_an_override_is_read_where_a_launch_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"app/base.py": BASE, "app/claude.py": CLAUDE, "app/plain.py": PLAIN}
    built, found = built_classes(tmp_path, files, monkeypatch)
    assert ("app/base.py", 16, "claude") in found
    assert "Claude" in built
    # A subclass whose text sets nothing of the kind is not parsed for it.
    assert "Plain" not in built


def test_no_launch_waiting_reads_no_subclass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same reads (an overridden attribute, an abstract method on self), no launch of them.
    quiet = BASE.replace("return subprocess.run([self.binary", "return print([self.binary")
    files = {"app/base.py": quiet, "app/claude.py": CLAUDE, "app/plain.py": PLAIN}
    built, found = built_classes(tmp_path, files, monkeypatch)
    assert not found
    assert not {"Claude", "Plain"} & built
