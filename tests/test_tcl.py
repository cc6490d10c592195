"""What a Tcl script runs (`matching.tcl`, behind `expect -c`)."""

from __future__ import annotations

import pytest

from frontier_lint.matching.tcl import TclRun, tcl_runs
from frontier_lint.matching.words import HOLE


@pytest.mark.parametrize(
    ("script", "runs"),
    [
        ("spawn codex exec", [TclRun(("codex", "exec"))]),
        ("spawn -noecho -ignore HUP claude", [TclRun(("claude",))]),
        ("spawn $env(X) a", [TclRun((HOLE, "a"))]),
        ("spawn {*}$cmd", [TclRun((None,))]),
        # bodies of control structures and expect's pattern actions are scripts too
        ("if {$x} { spawn claude -p x }", [TclRun(("claude", "-p", "x"))]),
        ('expect { "a" { spawn codex } }', [TclRun(("codex",))]),
        ("proc f {} {\n  exec gemini\n}", [TclRun(("gemini",), how="exec")]),
        # an exec pipeline, its redirections left out; a bracket substitution runs
        (
            "set x [exec -keepnewline ls -l | gemini 2>@1 > out.txt &]",
            [TclRun(("ls", "-l"), how="exec"), TclRun(("gemini",), how="exec")],
        ),
        ('set f [open "|codex exec" r]', [TclRun(("codex", "exec"), how="open")]),
        ('system "codex exec"', [TclRun(line="codex exec", how="system")]),
        ("exec sh -c {codex x}", [TclRun(("sh", "-c", "codex x"), how="exec")]),
        # what is no command: strings, comments, other commands
        ('puts "spawn codex"', []),
        ("# spawn codex\nspawn git", [TclRun(("git",))]),
        ("set a spawn; send codex\\r", []),
    ],
)
def test_runs(script: str, runs: list[TclRun]) -> None:
    assert tcl_runs(script) == (runs, None)


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        ("spawn {codex", "a brace is not closed"),
        ('spawn "codex', "a quote is not closed"),
        ("set x [exec codex", "a bracket is not closed"),
        ("spawn ${x", "a variable's brace is not closed"),
        ("{" * 40 + "}" * 40, "nested too deeply"),
    ],
)
def test_incomplete_scripts_say_why(script: str, problem: str) -> None:
    assert tcl_runs(script)[1] == problem
