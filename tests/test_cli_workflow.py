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


# --- what the baseline keeps -----------------------------------------------------------------------


def test_prune_keeps_the_entries_of_a_file_that_cannot_be_parsed(project: Path) -> None:
    write(project, "app/other.py", "import os\nos.system('gemini')\n")
    lint("--write-baseline", "baseline.json", "app")
    write(project, "app/runner.py", RUNNER + "\ndef broken(:\n")  # mid-edit: unparsable
    write(project, "app/other.py", "x = 1\n")  # really fixed

    pruned = lint("--baseline", "baseline.json", "--prune-baseline", "app")
    assert pruned.exit_code == 1  # the unparsable file fails the gate (FL201)
    assert pruned.stderr.splitlines() == [
        "frontier-lint: removed 1 stale entry from baseline.json",
        "frontier-lint: kept 2 baseline entries of 1 file that could not be checked",
    ]
    entries = json.loads((project / "baseline.json").read_text())["entries"]
    assert [e["path"] for e in entries] == ["app/runner.py", "app/runner.py"]
    # Once it parses again, its violations are still baselined.
    write(project, "app/runner.py", RUNNER)
    assert lint("--baseline", "baseline.json", "app").exit_code == 0


def test_write_baseline_keeps_the_entries_of_a_file_that_cannot_be_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lint("--write-baseline", "baseline.json", "app")
    write(project, "app/other.py", "import os\nos.system('gemini')\n")
    real = os.open

    def denied(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("runner.py"):  # as `chmod 000` does for anyone but root
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    result = lint("--write-baseline", "baseline.json", "app")
    assert "app/runner.py:1:1: FL201 cannot read: Permission denied" in result.stdout
    assert result.stderr.splitlines() == [
        "frontier-lint: kept 2 baseline entries of 1 file that could not be checked"
    ]
    entries = json.loads((project / "baseline.json").read_text())["entries"]
    assert [e["path"] for e in entries] == ["app/other.py", "app/runner.py", "app/runner.py"]


def test_write_baseline_never_replaces_a_file_that_is_not_a_baseline(project: Path) -> None:
    (project / "notes.json").write_text('{"todo": ["ship it"]}\n')
    result = lint("--write-baseline", "notes.json", "app")
    assert result.exit_code == 2
    assert result.stderr == (
        "frontier-lint: error: notes.json: exists and is not a frontier-lint baseline; "
        "not replacing it (remove it or choose another file)\n"
    )
    assert (project / "notes.json").read_text() == '{"todo": ["ship it"]}\n'
    # A baseline is replaced, as documented.
    assert lint("--write-baseline", "baseline.json", "app").exit_code == 0
    write(project, "app/runner.py", "x = 1\n")
    assert lint("--write-baseline", "baseline.json", "app").exit_code == 0
    assert json.loads((project / "baseline.json").read_text())["entries"] == []


# --- files named on the command line ---------------------------------------------------------------


SCRIPT = "import os\nos.system('claude -p hi')\n"


def test_python_scripts_named_explicitly_are_linted(project: Path) -> None:
    (project / "frontier-lint.yaml").write_text("exclude: ['bin/legacy']\n")  # include: *.py
    write(project, "app/gui.pyw", SCRIPT)
    write(project, "bin/tool", "#!/usr/bin/env python3\n" + SCRIPT)
    write(project, "bin/legacy", "#!/usr/bin/python\n" + SCRIPT)
    write(project, "bin/deploy", "#!/bin/sh\nclaude -p hi\n")
    result = lint("--format", "json", "app/gui.pyw", "bin/tool", "bin/legacy", "bin/deploy")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [(f["path"], f["program"]) for f in doc["findings"]] == [
        ("app/gui.pyw", "claude"),
        ("bin/tool", "claude"),
    ]
    assert doc["summary"]["files"] == 2  # bin/legacy is excluded, bin/deploy is not Python
    # A directory walk keeps to .py files.
    assert json.loads(lint("--format", "json", "app").stdout)["summary"]["files"] == 1


def run_cli(project: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "frontier_lint", *args],
        cwd=project,
        env=env,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_named_file_that_is_not_regular_is_a_usage_error_not_a_hang(
    project: Path, kind: str
) -> None:
    if kind == "fifo":
        os.mkfifo(project / "app" / "x.py")
    elif os.path.exists("/dev/zero"):
        (project / "app" / "x.py").symlink_to("/dev/zero")
    else:
        pytest.skip("needs /dev/zero")
    proc = run_cli(project, "app/x.py")
    assert proc.returncode == 2
    assert proc.stderr.decode() == "frontier-lint: error: app/x.py: not a regular file\n"
    # Inside a tree, they are skipped.
    assert run_cli(project, "app").returncode == 1


def test_unreadable_directory_fails_the_gate(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "app/vault/keys.py", "x = 1\n")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if os.path.basename(os.fspath(path)) == "vault":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", path)
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    write(project, "app/runner.py", "x = 1\n")
    result = lint("app")
    assert result.exit_code == 1
    assert "app/vault:1:1: FL201 cannot read directory: Permission denied" in result.stdout


def test_a_file_name_that_is_not_utf8_works_in_every_format(project: Path) -> None:
    name = b"app/b\xffd.py"
    (project / os.fsdecode(name)).write_bytes(b"import os\nos.system('gemini')\n")
    shown = "app/b\\xffd.py"  # its byte as Python writes it

    text = run_cli(project, "app")
    assert text.returncode == 1, text.stderr
    assert f"{shown}:2:1: FL001".encode() in text.stdout

    as_json = run_cli(project, "--format", "json", "app")
    assert as_json.returncode == 1, as_json.stderr
    assert shown in [f["path"] for f in json.loads(as_json.stdout)["findings"]]

    sarif = json.loads(run_cli(project, "--format", "sarif", "app").stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"app/runner.py", "app/b%FFd.py"}  # the byte, percent-encoded

    junit = ET.fromstring(run_cli(project, "--format", "junit", "app").stdout)
    assert shown in [s.get("name") for s in junit.iter("testsuite")]
    github = run_cli(project, "--format", "github", "app").stdout.decode()
    assert f"file={shown},line=2" in github

    assert run_cli(project, "--write-baseline", "b.json", "app").returncode == 0
    again = run_cli(project, "--baseline", "b.json", "app", os.fsdecode(name))
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_wrapper_in_a_module_whose_name_is_not_utf8_is_followed(project: Path) -> None:
    # The module's name feeds the byte-level gates that look for the wrapper's callers.
    (project / os.fsdecode(b"app/caf\xe9_tools.py")).write_bytes(
        b"import subprocess\n\n\ndef run_tool(binary):\n    return subprocess.run([binary])\n\n\n"
        b"run_tool('claude')\n"
    )
    result = run_cli(project, "--format", "json", "app")
    assert result.returncode == 1, result.stderr
    programs = {f["program"] for f in json.loads(result.stdout)["findings"]}
    assert "claude" in programs
