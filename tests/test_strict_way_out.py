"""`--strict` has an honest way out (issue 17, item 4).

- The configuration declares what an environment variable may hold (`env: {GIT_BIN: [git]}`):
  `os.getenv("GIT_BIN", "git")`, `os.environ.get(...)` and `os.environ["GIT_BIN"]` then resolve
  to the default plus the declared values, clean or a violation like any other value.
- An unresolved site is excused by a suppression naming FL200 with a reason, or an allow entry
  naming FL200 with a reason.
- Allow entries never accept a key that would be ignored: `rules` must be rules an allowlist can
  excuse, `programs` programs the rules forbid.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command
from frontier_lint.settings.config import ConfigError
from frontier_lint.settings.loading import load_config

SOURCE = """\
import os
import subprocess

subprocess.run([os.getenv("GIT_BIN", "git"), "status"])
subprocess.run([os.environ.get("GIT_BIN") or "git", "log"])
subprocess.run([os.environ["GIT_BIN"], "diff"])
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "repo.py").write_text(SOURCE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def configure(root: Path, text: str) -> None:
    (root / "frontier-lint.yaml").write_text(text)


def run(*args: str, cache: bool = False) -> tuple[int, str, str]:
    extra = [] if cache else ["--no-cache"]
    result = CliRunner().invoke(lint_command, [*extra, *args])
    return result.exit_code, result.stdout, result.stderr


def report(*args: str, cache: bool = False) -> dict:
    code, out, err = run("--format", "json", *args, cache=cache)
    assert code in (0, 1), err
    return json.loads(out)


# --------------------------------------------------------------------------- env declarations


def test_an_undeclared_variable_is_unresolved_under_strict(project: Path) -> None:
    configure(project, "include: ['app/**']\n")
    data = report("--strict", "app/")
    assert [u["reason"] for u in data["unresolved"]] == [
        "the program is not known: environment variable GIT_BIN"
    ] * 3
    assert run("--strict", "app/")[0] == 1


def test_declared_values_resolve_every_form_of_reading_the_variable(project: Path) -> None:
    configure(project, "include: ['app/**']\nenv:\n  GIT_BIN: [git, /usr/bin/git]\n")
    code, out, _ = run("--strict", "app/")
    assert code == 0, out
    assert "3 launch sites, 0 violations, 0 unresolved" in out


def test_a_declared_forbidden_value_is_a_violation_traced_to_the_declaration(
    project: Path,
) -> None:
    configure(project, "include: ['app/**']\nenv:\n  GIT_BIN:\n    - git\n    - codex\n")
    data = report("app/")
    assert [(f["line"], f["program"]) for f in data["findings"]] == [
        (4, "codex"),
        (5, "codex"),
        (6, "codex"),
    ]
    first = data["findings"][0]["trace"][0]
    assert (first["path"], first["line"]) == ("frontier-lint.yaml", 3)
    assert first["note"] == "GIT_BIN declared in the configuration as one of: git, codex"


def test_the_declaration_is_part_of_the_cache_key(project: Path) -> None:
    configure(project, "include: ['app/**']\nenv:\n  GIT_BIN: [git]\n")
    assert report("app/", cache=True)["summary"]["violations"] == 0
    assert report("app/", cache=True)["summary"]["violations"] == 0  # warm
    configure(project, "include: ['app/**']\nenv:\n  GIT_BIN: [git, claude]\n")
    assert report("app/", cache=True)["summary"]["violations"] == 3
    before = load_config(None, project).digest
    configure(project, "include: ['app/**']\nenv:\n  GIT_BIN: [git]\n")
    assert load_config(None, project).digest != before


def test_env_declarations_from_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.frontier-lint]\ninclude = ['app/**']\nenv = { GIT_BIN = ['gemini'] }\n"
    )
    data = report("app/")
    assert {f["program"] for f in data["findings"]} == {"gemini"}
    assert data["findings"][0]["trace"][0]["path"] == "pyproject.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("env: [GIT_BIN]\n", "env: expected a mapping of variable name to its possible values"),
        ("env:\n  GIT_BIN: git\n", "env.GIT_BIN: expected a list of values, got a string"),
        ("env:\n  GIT_BIN: []\n", "env.GIT_BIN: expected at least one value"),
        ("env:\n  GIT BIN: [git]\n", "env.GIT BIN: expected an environment variable name"),
        ("env:\n  GIT_BIN: [3]\n", "env.GIT_BIN[0]: expected a string, got a number"),
    ],
)
def test_bad_env_declarations_name_the_key(project: Path, text: str, message: str) -> None:
    configure(project, text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_config(None, project)


# --------------------------------------------------------------------------- FL200 suppressions


def test_a_fl200_suppression_with_a_reason_excuses_an_unresolved_site(project: Path) -> None:
    configure(project, "include: ['app/**']\n")
    (project / "app" / "repo.py").write_text(
        "import os, subprocess\n"
        'subprocess.run([os.environ["GIT_BIN"]])  # frontier-lint: allow[FL200] -- ops set it\n'
    )
    code, out, _ = run("--strict", "app/")
    assert code == 0, out
    assert "0 unresolved, 0 allowed, 1 suppressed" in out
    data = report("--strict", "--show-suppressed", "app/")
    assert data["unresolved"] == [] and data["findings"] == []
    (hidden,) = data["hidden"]
    assert (hidden["rule"], hidden["status"], hidden["note"]) == (
        "FL200",
        "suppressed",
        "ops set it",
    )


def test_a_fl200_suppression_without_a_reason_is_reported(project: Path) -> None:
    configure(project, "include: ['app/**']\n")
    (project / "app" / "repo.py").write_text(
        'import os, subprocess\nsubprocess.run([os.environ["X"]])  # frontier-lint: allow[FL200]\n'
    )
    code, out, _ = run("--strict", "app/")
    assert code == 1
    assert "FL102" in out and "FL200" not in out.split("FL102")[0].split("\n")[-1]


def test_a_fl200_suppression_on_a_resolved_launch_is_unused(project: Path) -> None:
    configure(project, "include: ['app/**']\n")
    (project / "app" / "repo.py").write_text(
        "import subprocess\nsubprocess.run(['git'])  # frontier-lint: allow[FL200] -- stale\n"
    )
    code, out, _ = run("app/")
    assert code == 1 and "FL101 unused suppression: nothing on this line matches `FL200`" in out


# --------------------------------------------------------------------------- allow entries


def test_an_allow_entry_naming_fl200_excuses_unresolved_sites_in_its_paths(project: Path) -> None:
    configure(
        project,
        "include: ['app/**']\n"
        "allow:\n"
        "  - path: 'app/repo.py'\n"
        "    rules: [FL200]\n"
        "    reason: 'GIT_BIN is set by the deployment'\n",
    )
    code, out, _ = run("--strict", "app/")
    assert code == 0, out
    assert "0 unresolved, 3 allowed" in out
    data = report("--strict", "--show-suppressed", "app/")
    assert {(h["rule"], h["status"], h["note"]) for h in data["hidden"]} == {
        ("FL200", "allowed", "GIT_BIN is set by the deployment")
    }


def test_a_short_allow_entry_does_not_excuse_unresolved_sites(project: Path) -> None:
    configure(project, "include: ['app/**']\nallow: ['app/**']\n")
    assert run("--strict", "app/")[0] == 1  # it allows what is launched, not what is unknown


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "{path: app/x.py, rules: [FL200]}",
            "frontier-lint.yaml:3: allow[0]: an entry allowing FL200 needs a `reason`",
        ),
        (
            "{path: app/x.py, rules: [FL200], programs: [codex], reason: r}",
            "frontier-lint.yaml:3: allow[0].programs: an entry allowing FL200 (sites whose "
            "program is unknown) cannot name programs",
        ),
        (
            "{path: app/x.py, rules: [FL101]}",
            "frontier-lint.yaml:3: allow[0].rules: FL101 cannot be allowed (an allow entry can "
            "name FL001, FL002, FL200)",
        ),
        (
            "{path: app/x.py, rules: [FL201]}",
            "frontier-lint.yaml:3: allow[0].rules: FL201 cannot be allowed",
        ),
        (
            "{path: app/x.py, rules: [FL009]}",
            "frontier-lint.yaml:3: allow[0].rules: FL009 is not a rule",
        ),
        (
            "{path: app/x.py, programs: [codx]}",
            "frontier-lint.yaml:3: allow[0].programs: unknown program 'codx' (the rules forbid "
            "claude, codex, gemini)",
        ),
    ],
)
def test_allow_keys_that_would_be_ignored_are_rejected(
    project: Path, entry: str, message: str
) -> None:
    configure(project, f"include: ['app/**']\nallow:\n  - {entry}\n")
    code, out, err = run("app/")
    assert code == 2 and out == ""
    assert err.startswith(f"frontier-lint: error: {message}"), err
    assert err.count("\n") == 1
