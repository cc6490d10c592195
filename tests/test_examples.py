"""What the README's quick start and `examples/ci/` hand a user works as written (issue 17, item 2).

The CI files are copied into projects as they are: each must be valid YAML, every
`frontier-lint` command in it must run on the incident example with the exit code the file
expects, and the pre-commit entry must name a hook this repository declares. The
configuration samples in README.md and docs/*.md must load.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from frontier_lint.cli import lint_command
from frontier_lint.settings.loading import load_config

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "incident"
CI = ROOT / "examples" / "ci"
_FENCE = re.compile(r"^```(yaml|toml)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _commands(node: object, shell: bool = False) -> list[str]:
    """Every `frontier-lint ...` shell line in a CI file's `run:`/`script:` entries."""
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _commands(value, shell or key in ("run", "script"))
    elif isinstance(node, list):
        for value in node:
            out += _commands(value, shell)
    elif isinstance(node, str) and shell:
        lines = [line.strip() for line in node.splitlines()]
        out += [line for line in lines if line.startswith("frontier-lint ")]
    return out


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_files_run_on_the_incident(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = _commands(yaml.safe_load((CI / name).read_text(encoding="utf-8")))
    assert commands, f"{name} runs no frontier-lint command"
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project)
    monkeypatch.chdir(project)
    for command in commands:
        # `cmd || [ $? -eq 1 ]`: the step accepts exit 1 (violations) and fails on 2.
        tolerant = "|| [ $? -eq 1 ]" in command
        words = shlex.split(command.split("||")[0])[1:]
        result = CliRunner().invoke(lint_command, words)
        assert result.exit_code == 1, f"{name}: {command}: {result.output}"  # the incident fails
        assert tolerant or result.exit_code != 2
        out = [w for i, w in enumerate(words) if i and words[i - 1] in ("--output", "-o")]
        for path in out:
            assert (project / path).stat().st_size > 0, f"{name}: {command} wrote no report"


def test_the_gitlab_report_is_what_gitlab_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["frontier-lint"]
    report = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"  # the report matters most when the gate fails
    assert any(f"--output {report}" in c for c in _commands(job))


def test_pre_commit_entry_names_a_declared_hook() -> None:
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    entry = yaml.safe_load((CI / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = entry["repos"]
    assert {h["id"] for h in repo["hooks"]} <= hooks
    # pre-commit pins a full commit id: a tag that does not exist would fail for every user.
    assert re.fullmatch(r"[0-9a-f]{40}", str(repo["rev"]))


def _config_samples() -> list[tuple[str, str, str]]:
    out = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for lang, block in _FENCE.findall(doc.read_text(encoding="utf-8")):
            if lang == "yaml" and re.search(r"^(include|exclude|allow):", block, re.M):
                out.append((doc.relative_to(ROOT).as_posix(), lang, block))
    return out


@pytest.mark.parametrize(("doc", "lang", "block"), _config_samples(), ids=lambda v: str(v)[:30])
def test_configuration_samples_in_the_docs_load(
    doc: str, lang: str, block: str, tmp_path: Path
) -> None:
    (tmp_path / "frontier-lint.yaml").write_text(block, encoding="utf-8")
    for extra in re.findall(r'rules: \["([^"]+)"\]', block):  # a rule pack the sample names
        pack = tmp_path / extra
        pack.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "rules" / "default.yaml", pack)
        pack.write_text("rules: []\n", encoding="utf-8")
    for sub in ("app", "services/api/src"):
        (tmp_path / sub).mkdir(parents=True, exist_ok=True)
        (tmp_path / sub / "x.py").write_text("x = 1\n", encoding="utf-8")
    load_config(None, tmp_path)  # raises ConfigError with the file, line and key
