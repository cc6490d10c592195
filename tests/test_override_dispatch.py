"""Override dispatch (`forcing._with_overrides`): inside an override's computation, a call on
that computation's own `self` does not dispatch again to the subclasses the enclosing dispatch
computes on an instance of their own (an instance of one runs its own method, computed there);
a call on another instance of the class still does (`language_battery`:
`override_inner_dispatch_on_annotated_parameter`, `override_within_override_other_module`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontier_lint.dataflow.interpret import forcing
from frontier_lint.dataflow.interpret.frame import Frame
from frontier_lint.dataflow.lazy import Deferred
from frontier_lint.dataflow.refs import InstanceRef
from frontier_lint.dataflow.values import Value
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

# `Base.run` dispatches `self.argv()` to `Mid` and `Leaf`, each on an instance of its own.
# `Mid.argv` calls `self.tool()`, which `Leaf` overrides: a `Leaf` instance runs `Leaf.argv`,
# never `Mid.argv`, so `Leaf.tool` is `Leaf.argv`'s to find, not `Mid.argv`'s.
SOURCE = """\
import subprocess


class Base:
    def argv(self):
        return ["git", "log"]

    def run(self):
        subprocess.run(self.argv())


class Mid(Base):
    def tool(self):
        return "make"

    def argv(self):
        return [self.tool(), "x"]


class Leaf(Mid):
    def tool(self):
        return "codex"

    def argv(self):
        return [self.tool(), "y"]
"""


def test_an_override_does_not_dispatch_again_to_the_subclasses_its_dispatch_computes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed: list[tuple[str, str]] = []
    real = forcing._overriding

    def spy(f: Frame, d: Deferred) -> Value:
        assert isinstance(d.receiver, InstanceRef)
        computed.append((d.func.qualname, d.receiver.cls.qualname))
        return real(f, d)

    monkeypatch.setattr(forcing, "_overriding", spy)
    (tmp_path / ".git").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.py").write_text(SOURCE)
    config = load_config(None, tmp_path)
    report = lint(
        config, load_catalogue(config.rules), LintRequest(paths=(tmp_path,)), use_cache=False
    )
    assert [f.program for f in report.findings] == ["codex"]
    assert not report.unresolved
    assert ("Mid.argv", "Mid") in computed and ("Leaf.argv", "Leaf") in computed
    # (Before: `Leaf.tool` was computed again inside `Mid.argv`'s computation.)
    assert ("Leaf.tool", "Leaf") not in computed
