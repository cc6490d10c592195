"""The sample output in README.md and docs/*.md is the tool's, exactly (issue 17, item 6).

Every fenced block whose first line is `$ frontier-lint ...` and that shows output is run, as
written, in a copy of `examples/incident`; the output must match line for line (only the run
time on the summary line may differ).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "incident"
_FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_TIME = re.compile(r" in \d+\.\d\ds: ")


def samples() -> list[tuple[str, str, list[str]]]:
    """(document, command, expected output lines) of every sample with output."""
    out: list[tuple[str, str, list[str]]] = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in _FENCE.findall(doc.read_text(encoding="utf-8")):
            lines = block.rstrip("\n").split("\n")
            if not lines[0].startswith("$ frontier-lint ") or len(lines) < 2:
                continue
            if any(line.startswith("$ ") for line in lines[1:]):
                continue  # a sequence of commands, not a sample of output
            out.append((doc.relative_to(ROOT).as_posix(), lines[0][2:], lines[1:]))
    return out


def test_the_readme_opens_with_a_sample_that_is_checked() -> None:
    docs = {doc for doc, _, _ in samples()}
    assert {"README.md", "docs/workflow.md"} <= docs
    first = next(cmd for doc, cmd, _ in samples() if doc == "README.md")
    assert first == "frontier-lint app/"


@pytest.mark.parametrize(("doc", "command", "expected"), samples(), ids=lambda x: str(x)[:60])
def test_sample_output_matches_the_tool(
    doc: str, command: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "incident"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns(".frontier-lint-cache"))
    monkeypatch.chdir(project)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(lint_command, args)
    assert result.exit_code in (0, 1), result.stderr
    got = [_TIME.sub(" in 0.00s: ", line) for line in result.stdout.rstrip("\n").split("\n")]
    want = [_TIME.sub(" in 0.00s: ", line) for line in expected]
    assert got == want, f"{doc}: `{command}` prints something else than the document shows"
