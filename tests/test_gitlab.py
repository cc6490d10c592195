"""`--output-format gitlab`: GitLab Code Quality (issue 17, item 2's report format).

Checked against the shape GitLab documents for a Code Quality report artifact: a JSON array of
issues, each with `description`, `check_name`, `fingerprint`, `severity` (one of info, minor,
major, critical, blocker) and `location.path` / `location.lines.begin`; GitLab shows one issue
per fingerprint, so they must be unique.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command

# GitLab's documented Code Quality report format (the Code Climate subset it reads).
SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}

SOURCE = """\
import os
import subprocess

subprocess.run(["codex", "exec"])
subprocess.run(["codex", "exec"])
subprocess.run([os.environ["TOOL"]])
subprocess.run(["git"])  # frontier-lint: allow[gemini] -- stale
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "x.py").write_text(SOURCE)
    (tmp_path / "app" / "bad.py").write_text("import subprocess\nsubprocess.run(\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def gitlab(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(lint_command, ["--no-cache", "--output-format", "gitlab", *args])
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return result.exit_code, data


def test_issues_follow_gitlabs_documented_shape(project: Path) -> None:
    code, issues = gitlab("--strict", "app/")
    assert code == 1
    found = [
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"])
        for i in issues
    ]
    assert found == [
        ("FL201", "app/bad.py", 2, "major"),
        ("FL001", "app/x.py", 4, "critical"),
        ("FL001", "app/x.py", 5, "critical"),
        ("FL200", "app/x.py", 6, "major"),
        ("FL101", "app/x.py", 7, "minor"),
    ]
    assert issues[1]["description"] == (
        "FL001 (forbidden-cli-launch): subprocess.run can launch forbidden program `codex`"
    )
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # two identical launches: two issues


def test_fingerprints_do_not_move_with_lines(project: Path) -> None:
    _, before = gitlab("app/")
    (project / "app" / "x.py").write_text("# a new first line\n" + SOURCE)
    _, after = gitlab("app/")
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in after][1:3] == [5, 6]


def test_a_clean_run_is_an_empty_report(project: Path) -> None:
    (project / "app" / "x.py").write_text("import subprocess\nsubprocess.run(['git'])\n")
    (project / "app" / "bad.py").unlink()
    assert gitlab("app/") == (0, [])


def test_paths_are_relative_to_the_working_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The job runs in the repository root; the configuration may sit in a subdirectory.
    repo = project.parent / "repo"
    repo.mkdir()
    project.rename(repo / "service")
    monkeypatch.chdir(repo)
    _, issues = gitlab("service/app/x.py")
    assert {i["location"]["path"] for i in issues} == {"service/app/x.py"}
