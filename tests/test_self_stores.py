"""An attribute stored from its own value (`prev = self.argv; self.argv = self.argv.copy();
self.argv = prev`), read back while the storing method is the one being summarised: its value
holds reads of itself, and a read met again while it is computed is unknown there at once
(`forcing._read`), not computed again down to `MAX_REREADS`. Two such reads in the value
doubled the work at each of those levels, none of it remembered (the bound is an effect): one
method of that shape cost ~150,000 forces (ansible's `Templar.set_temporary_context`, +10 % CPU
on the corpus). The count is what is tested, not the time; the launch stays open (fail closed).
The fixture `projects/self_store_from_itself` holds the verdicts (a violation still found)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontier_lint.dataflow.interpret.frame import Frame
from frontier_lint.dataflow.values import Value
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

# What each method storing `self.argv` does with it, by how many reads of the attribute its
# stored values hold.
BODIES = {
    1: ["self.argv = self.argv.copy()"],
    2: ["prev = self.argv", "self.argv = self.argv.copy()", "self.argv = prev"],
    3: [
        "prev = self.argv",
        "self.argv = self.argv.copy() if prev else self.argv.copy()",
        "self.argv = prev",
    ],
}


def _project(root: Path, reads: int, methods: int) -> None:
    lines = [
        "import subprocess",
        "",
        "",
        "class Tool:",
        "    def __init__(self):",
        '        self.argv = ["git", "log"]',
        "",
    ]
    for i in range(methods):
        # A launch of its own: the method is analysed (summarised) first, before `start`.
        lines += [f"    def scoped{i}(self):", '        subprocess.run(["git", "status"])']
        lines += [f"        {s}" for s in BODIES[reads]]
        lines.append("")
    lines += ["    def start(self):", "        subprocess.run(self.argv)", ""]
    root.mkdir()
    (root / ".git").mkdir()
    (root / "tools.py").write_text("\n".join(lines))


@pytest.mark.parametrize("methods", [1, 3])
@pytest.mark.parametrize("reads", sorted(BODIES))
def test_an_attribute_stored_from_itself_is_forced_a_bounded_number_of_times(
    reads: int, methods: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    _project(root, reads, methods)
    forces = [0]
    force = Frame.force

    def counted(f: Frame, v: Value) -> Value:
        forces[0] += 1
        return force(f, v)

    monkeypatch.setattr(Frame, "force", counted)
    config = load_config(None, root)
    report = lint(config, load_catalogue(config.rules), LintRequest(paths=(root,)))
    # A few forces per read and per function, whatever the shape: main forced 231 (one read
    # in the value: 16 levels of re-reads, twice) and ~150,000 (two or three reads: capped
    # only by MAX_FORCES) for a single method.
    assert forces[0] <= 60 + 20 * methods, forces[0]
    # Its value is not known whole (a copy of itself, without end): open, never clean.
    start = 9 + methods * (len(BODIES[reads]) + 3)
    assert [u.line for u in report.unresolved] == [start]
    assert not report.findings
