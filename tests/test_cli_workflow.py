"""The workflow options end to end through the command line (click's runner, one real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from frontier_lint.cli import lint_command
from tests.projects import app_project

SRC = Path(__file__).resolve().parents[1] / "src"

RUNNER = """\
import subprocess


class TaskRunner:
    def _run_llm(self, prompt):
        subprocess.run(["codex", "exec", prompt], check=True)
        subprocess.run(["codex", "exec", prompt], check=True)


def helper():
    return 1
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return app_project(tmp_path, monkeypatch, "runner.py", RUNNER)


def lint(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(lint_command, list(args), input=stdin, catch_exceptions=False)


def write(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


# --- suppressions ----------------------------------------------------------------------------------


def test_suppressed_violation_passes_and_is_counted(project: Path) -> None:
    write(
        project,
        "app/runner.py",
        "import subprocess\n"
        "subprocess.run(['codex'])  # frontier-lint: allow[codex] -- installer, removed in 2.0\n",
    )
    result = lint("app")
    assert result.exit_code == 0, result.stdout
    assert "FL001" not in result.stdout
    assert "1 suppressed" in result.stdout.splitlines()[-1]
    shown = lint("--show-suppressed", "app")
    assert "[suppressed: installer, removed in 2.0]" in shown.stdout
    assert shown.exit_code == 0


def test_reasonless_and_unused_suppressions_fail(project: Path) -> None:
    write(
        project,
        "app/runner.py",
        "import subprocess\n"
        "subprocess.run(['codex'])  # frontier-lint: allow[codex]\n"
        "subprocess.run(['git'])  # frontier-lint: allow[gemini] -- stale\n",
    )
    result = lint("--format", "json", "app")
    assert result.exit_code == 1
    rules = [(f["rule"], f["line"], f["program"]) for f in json.loads(result.stdout)["findings"]]
    assert rules == [("FL102", 2, None), ("FL101", 3, None)]


def test_reason_requirement_is_configurable(project: Path) -> None:
    write(
        project,
        "app/runner.py",
        "import os\nos.system('claude -p hi')  # frontier-lint: allow[claude]\n",
    )
    assert lint("app").exit_code == 1
    (project / "frontier-lint.yaml").write_text("include: ['app/**']\nrequire_reason: false\n")
    assert lint("app").exit_code == 0


def test_blanket_suppression_is_rejected(project: Path) -> None:
    write(project, "app/runner.py", "import os\nos.system('codex')  # frontier-lint: allow\n")
    result = lint("app")
    assert result.exit_code == 1
    assert "app/runner.py:2:1: FL001" in result.stdout
    assert "FL100 invalid suppression comment: a blanket `allow`" in result.stdout


# --- baseline --------------------------------------------------------------------------------------


def test_baseline_round_trip_across_line_shift_and_unrelated_rename(project: Path) -> None:
    assert lint("app").exit_code == 1
    written = lint("--write-baseline", "baseline.json", "app")
    assert written.exit_code == 0, written.stdout
    assert "2 baselined" in written.stdout
    entries = json.loads((project / "baseline.json").read_text())["entries"]
    assert [e["function"] for e in entries] == ["TaskRunner._run_llm"] * 2

    shifted = "# a comment\n\n\n" + RUNNER.replace("def helper", "def renamed_helper")
    write(project, "app/runner.py", shifted)
    result = lint("--baseline", "baseline.json", "app")
    assert result.exit_code == 0, result.stdout
    assert "2 baselined" in result.stdout

    # A third identical call in the same function is new.
    third = shifted.replace(
        "    def _run_llm(self, prompt):\n",
        '    def _run_llm(self, prompt):\n        subprocess.run(["codex", "exec", prompt], check=True)\n',
    )
    write(project, "app/runner.py", third)
    result = lint("--baseline", "baseline.json", "--format", "json", "app")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert len(doc["findings"]) == 1 and doc["baseline"]["baselined"] == 2


def test_baseline_is_never_written_by_baseline(project: Path) -> None:
    result = lint("--baseline", "missing.json", "app")
    assert result.exit_code == 2
    assert "missing.json: baseline file not found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (project / "missing.json").exists()

    lint("--write-baseline", "baseline.json", "app")
    before = (project / "baseline.json").read_bytes()
    write(project, "app/runner.py", RUNNER + "\nsubprocess.run(['gemini'])\n")
    assert lint("--baseline", "baseline.json", "app").exit_code == 1
    assert (project / "baseline.json").read_bytes() == before


def test_corrupt_baseline_is_a_usage_error(project: Path) -> None:
    (project / "baseline.json").write_text("{nope")
    result = lint("--baseline", "baseline.json", "app")
    assert result.exit_code == 2 and "corrupt baseline" in result.stderr


def test_stale_entries_are_reported_and_pruned(project: Path) -> None:
    lint("--write-baseline", "baseline.json", "app")
    write(project, "app/other.py", "import os\nos.system('gemini')\n")
    lint("--write-baseline", "baseline.json", "app")
    write(project, "app/runner.py", "def fixed():\n    return 1\n")

    result = lint("--baseline", "baseline.json", "app")
    assert result.exit_code == 0
    assert "2 baseline entries in baseline.json match no violation" in result.stdout
    # Checking only the other file says nothing about runner.py's entries.
    only_other = lint("--baseline", "baseline.json", "--format", "json", "app/other.py")
    assert json.loads(only_other.stdout)["baseline"]["stale"] == []

    pruned = lint("--baseline", "baseline.json", "--prune-baseline", "app")
    assert pruned.exit_code == 0
    assert "removed 2 stale entries from baseline.json" in pruned.stderr
    entries = json.loads((project / "baseline.json").read_text())["entries"]
    assert [e["path"] for e in entries] == ["app/other.py"]
    assert "match no violation" not in lint("--baseline", "baseline.json", "app").stdout


def test_prune_needs_a_baseline(project: Path) -> None:
    result = lint("--prune-baseline", "app")
    assert result.exit_code == 2 and "--prune-baseline needs --baseline" in result.stderr


# --- formats ---------------------------------------------------------------------------------------


def test_every_format_parses_back(project: Path) -> None:
    doc = json.loads(lint("--format", "json", "app").stdout)
    assert doc["version"] == 1 and [f["line"] for f in doc["findings"]] == [6, 7]
    assert doc["findings"][0]["fingerprint"] != doc["findings"][1]["fingerprint"]

    sarif = json.loads(lint("--format", "sarif", "app").stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["FL001", "FL001"]
    assert results[0]["partialFingerprints"]["frontierLint/v1"] == doc["findings"][0]["fingerprint"]

    root = ET.fromstring(lint("--format", "junit", "app").stdout)
    assert root.get("failures") == "2"

    github = lint("--format", "github", "app").stdout.splitlines()
    assert github[0].startswith("::error title=frontier-lint FL001 (forbidden-cli-launch),")
    assert "file=app/runner.py,line=6,col=9" in github[0]


def test_output_file(project: Path) -> None:
    result = lint("--format", "sarif", "--output", "out.sarif", "app")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((project / "out.sarif").read_text())["version"] == "2.1.0"


def test_colour_switch(project: Path) -> None:
    assert "\x1b[" in lint("--color", "always", "app").stdout
    assert "\x1b[" not in lint("--color", "never", "app").stdout
    assert "\x1b[" not in lint("app").stdout  # not a terminal


def test_strict_lists_unresolved_sites_and_fails(project: Path) -> None:
    write(project, "app/runner.py", "import subprocess, sys\nsubprocess.run(sys.argv[1:])\n")
    relaxed = lint("app")
    assert relaxed.exit_code == 0
    assert "1 unresolved" in relaxed.stdout and "FL200" not in relaxed.stdout
    strict = lint("--strict", "app")
    assert strict.exit_code == 1
    line = next(x for x in strict.stdout.splitlines() if "FL200" in x)
    assert line.startswith("app/runner.py:2:1: FL200 subprocess.run: the program is not known")


def test_list_rules_and_explain(project: Path) -> None:
    listed = lint("--list-rules")
    assert listed.exit_code == 0
    ids = [line.split()[0] for line in listed.stdout.splitlines()]
    assert ids == ["FL001", "FL002", "FL100", "FL101", "FL102", "FL200", "FL201"]
    explained = lint("--explain", "FL101")
    assert explained.stdout.startswith("# unused-suppression (FL101)")
    assert "## Why is this bad?" in explained.stdout
    assert lint("--explain", "forbidden-cli-launch").stdout.startswith("# forbidden-cli-launch")
    assert json.loads(lint("--explain", "fl001", "--format", "json").stdout)["id"] == "FL001"
    unknown = lint("--explain", "FL999")
    assert unknown.exit_code == 2 and "unknown rule" in unknown.stderr


# --- stdin -----------------------------------------------------------------------------------------


def test_stdin_reports_under_the_given_name(project: Path) -> None:
    source = "import os\nos.system('codex exec hi')\n"
    result = lint("--stdin-filename", "app/buffer.py", "--format", "json", stdin=source)
    assert result.exit_code == 1
    (f,) = json.loads(result.stdout)["findings"]
    assert (f["path"], f["line"], f["program"]) == ("app/buffer.py", 2, "codex")
    assert not (project / "app" / "buffer.py").exists()


def test_stdin_honours_suppressions(project: Path) -> None:
    source = "import os\nos.system('codex exec hi')  # frontier-lint: allow[codex] -- dev tool\n"
    result = lint("--stdin-filename", "app/runner.py", stdin=source)
    assert result.exit_code == 0, result.stdout
    assert "1 suppressed" in result.stdout


# --- a real process --------------------------------------------------------------------------------


def test_real_process_exit_codes_and_output(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "frontier_lint"]
    proc = subprocess.run(
        [*cmd, "--format", "json", "app"], cwd=project, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads(proc.stdout)["findings"]) == 2
    written = subprocess.run(
        [*cmd, "--write-baseline", "b.json", "app"], cwd=project, env=env, capture_output=True
    )
    assert written.returncode == 0
    again = subprocess.run(
        [*cmd, "--baseline", "b.json", "app"], cwd=project, env=env, capture_output=True, text=True
    )
    assert again.returncode == 0 and again.stdout.splitlines()[-1].startswith("Checked 1 file in")
