"""A launch's argv is judged by as much of it as the matcher reads (`interpret.sinks.emit`,
`ProgramMatcher.judged_by_program`): an argv whose program word alone decides (`git`, `make`)
has its later items left uncomputed; one whose program is a launcher or a shell (`env -i`,
`sudo -u x`, `bash -c LINE`, `npx -y PACKAGE`) is computed and judged whole, since the program
it starts sits in those later items."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.summaries import FuncDef, FunctionSummary
from frontier_lint.matching.programs import ProgramMatcher, program_name
from frontier_lint.settings.catalogue import load_catalogue
from tests.expectations import expectations, lint_tree, observed

FIXTURE = Path(__file__).parent / "fixtures" / "single" / "launch_program_words.py"


@pytest.fixture(scope="module")
def matcher() -> ProgramMatcher:
    return ProgramMatcher(load_catalogue())


@pytest.mark.parametrize("word", ["git", "/usr/bin/make", "notcodex", "python3.11-config"])
def test_a_plain_program_word_decides_alone(matcher: ProgramMatcher, word: str) -> None:
    assert matcher.judged_by_program(word)
    # (What `match_argv` says whatever follows it: nothing forbidden, nothing unknown.)
    for rest in ([], ["codex"], ["-c", "codex exec"], [None]):
        verdict = matcher.match_argv([word, *rest], complete=False)
        assert not verdict.hits and verdict.unknown is None


@pytest.mark.parametrize(
    "word",
    [
        "codex",
        "CLAUDE.EXE",
        "env",
        "sudo",
        "bash",
        "/bin/sh",
        "npx",
        "timeout",
        "which",
        "command",
        "x\x00y",
        "/opt/\x00",
    ],
)
def test_a_launcher_a_shell_a_lookup_or_a_forbidden_name_reads_on(
    matcher: ProgramMatcher, word: str
) -> None:
    assert not matcher.judged_by_program(word)


def test_the_program_past_a_launchers_words_is_found(tmp_path: Path) -> None:
    """The fixture's launches through a wrapper, their later items deferred calls."""
    report, _ = lint_tree(FIXTURE, tmp_path)
    expected = {e for e in expectations(FIXTURE.parent) if e.path == FIXTURE.name}
    assert len(expected) == 5 and observed(report) == expected


def test_a_judge_stopping_at_the_program_word_misses_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixture has teeth: a judge taking every known program word as deciding alone (not
    reading on after `env`, `sudo`, `bash`, `npx`) finds none of its launches."""
    monkeypatch.setattr(
        ProgramMatcher, "judged_by_program", lambda self, word: program_name(word) is not None
    )
    report, _ = lint_tree(FIXTURE, tmp_path)
    assert not report.findings and not report.unresolved


CLEAN = """\
import subprocess


def run(argv):
    subprocess.run(argv, check=True)


def flags():
    return ["--stat", "-n", "5"]


def message():
    return "x"


def log():
    run(["git", "log", *flags()])
    run(["git", "commit", "-m", message()])


def shell():
    run(["bash", "-c", message()])
"""


def test_items_after_a_deciding_program_word_are_not_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`flags()` is only an item after `git`: never computed (main computed it with the rest of
    the argv at each launch). `message()` follows `bash -c` too, so it is."""
    summarised: list[str] = []
    summary = Analyzer.summary

    def recording(self: Analyzer, func: FuncDef, depth: int = 0) -> FunctionSummary:
        summarised.append(func.qualname)
        return summary(self, func, depth)

    monkeypatch.setattr(Analyzer, "summary", recording)
    src = tmp_path / "src"
    src.mkdir()
    (src / "app.py").write_text(CLEAN)
    report, _ = lint_tree(src / "app.py", tmp_path)
    assert "flags" not in summarised
    assert "message" in summarised
    assert not report.findings and not report.unresolved
