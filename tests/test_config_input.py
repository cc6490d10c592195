"""Configuration input is bounded and every problem with it names the file and the key.

Issue 15, item 9: a YAML alias bomb, a self-referencing alias, deep nesting, a huge or endless
file (in `frontier-lint.yaml`, `pyproject.toml` or a rule pack) are exit 2 with one line naming
the file, in well under a second; a bad glob names the file and the key.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command
from frontier_lint.settings.bounded import MAX_BYTES, InputTooLarge, check_yaml
from frontier_lint.settings.catalogue import RulePackError, load_catalogue
from frontier_lint.settings.config import ConfigError
from frontier_lint.settings.loading import load_config
from frontier_lint.settings.patterns import PatternSet

# Nine anchors of nine aliases each: 9^9 (387 million) strings once expanded.
BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def project(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "x.py").write_text("import subprocess\n", encoding="utf-8")
    return tmp_path


def load_error(root: Path) -> str:
    started = time.perf_counter()
    with pytest.raises(ConfigError) as info:
        load_config(None, root / "x.py")
    assert time.perf_counter() - started < 1.0
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    root = project(tmp_path, "frontier-lint.yaml", BILLION_LAUGHS + "include: *i\n")
    message = load_error(root)
    assert message.startswith(f"{root / 'frontier-lint.yaml'}: cannot read configuration: ")
    assert "expands to more than" in message


def test_an_alias_bomb_in_the_cli_is_exit_2_in_little_time_and_memory(
    tmp_path: Path,
) -> None:
    root = project(tmp_path, "frontier-lint.yaml", BILLION_LAUGHS + "include: *i\n")
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"  # 1 GiB would not do
        "from frontier_lint.cli import main\n"
        "main(['x.py'])\n"
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert time.perf_counter() - started < 10  # the interpreter's start-up included
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("frontier-lint: error: frontier-lint.yaml: ")


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    assert "refers to itself" in load_error(project(tmp_path, "frontier-lint.yaml", "a: &a [*a]\n"))


def test_deep_yaml_nesting_is_refused(tmp_path: Path) -> None:
    text = "include: " + "[" * 500 + "]" * 500 + "\n"
    assert "nested deeper than" in load_error(project(tmp_path, "frontier-lint.yaml", text))


def test_too_many_aliases_are_refused() -> None:
    with pytest.raises(InputTooLarge, match="aliases"):
        check_yaml("a: &a x\nb: [" + ", ".join(["*a"] * 1500) + "]\n")


def test_ordinary_anchors_and_merge_keys_still_load(tmp_path: Path) -> None:
    text = (
        "defaults: &d {path: 'app/x/**', reason: shared}\n"
        "include: &inc ['app/**']\n"
        "allow: [{<<: *d, programs: [codex]}]\n"
    )
    # `defaults` is not a key: the file is read (not refused as too large) and validated.
    assert "defaults: unknown key" in load_error(project(tmp_path, "frontier-lint.yaml", text))


def test_deep_toml_nesting_is_an_error_naming_the_file(tmp_path: Path) -> None:
    text = "[tool.frontier-lint]\ninclude = " + "[" * 2000 + "]" * 2000 + "\n"
    message = load_error(project(tmp_path, "pyproject.toml", text))
    assert "pyproject.toml: cannot read configuration: TOML nested too deeply" in message


def test_an_oversized_configuration_is_refused(tmp_path: Path) -> None:
    text = "# padding\n" * (MAX_BYTES // 10 + 1) + "include: ['app/**']\n"
    assert "larger than" in load_error(project(tmp_path, "frontier-lint.yaml", text))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_device_as_configuration_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "frontier-lint.yaml")
    (tmp_path / "x.py").write_text("")
    assert "not a regular file" in load_error(tmp_path)
    (tmp_path / "frontier-lint.yaml").unlink()
    (tmp_path / "frontier-lint.yaml").symlink_to("/dev/zero")
    assert "not a regular file" in load_error(tmp_path)


def test_a_rule_pack_alias_bomb_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "extra.yaml"
    pack.write_text(BILLION_LAUGHS + "rules: *i\n")
    started = time.perf_counter()
    with pytest.raises(RulePackError) as info:
        load_catalogue([pack])
    assert time.perf_counter() - started < 1.0
    assert str(info.value).startswith(f"{pack}: cannot read rule pack: YAML expands")


def test_the_built_in_pack_is_within_the_bounds() -> None:
    assert load_catalogue().rules  # the check runs on it too


# --------------------------------------------------------------------------- bad patterns


@pytest.mark.parametrize(
    ("yaml", "key"),
    [
        ('allow: ["app/[z-a]"]', "allow[0]"),
        ('allow: [{path: "app/[z-a]", reason: x}]', "allow[0].path"),
        ('include: ["app/**", "app/[z-a]"]', "include[1]"),
        ('exclude: ["[z-a]"]', "exclude[0]"),
    ],
)
def test_a_bad_glob_names_the_file_and_the_key(tmp_path: Path, yaml: str, key: str) -> None:
    message = load_error(project(tmp_path, "frontier-lint.yaml", yaml + "\n"))
    assert f"frontier-lint.yaml:1: {key}: invalid gitignore-style pattern" in message
    assert "bad character range z-a" in message
    assert "internal error" not in message and "position" not in message


def test_a_bad_glob_through_the_cli_is_exit_2_and_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, "frontier-lint.yaml", 'allow: ["app/[z-a]"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(lint_command, ["x.py"])
    assert result.exit_code == 2
    assert result.stderr == (
        "frontier-lint: error: frontier-lint.yaml:1: allow[0]: invalid gitignore-style "
        "pattern 'app/[z-a]': bad character range z-a\n"
    )


def test_a_bad_line_in_a_gitignore_is_skipped_like_git_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="bad character range"):
        PatternSet(["[z-a]"])
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("[z-a]\nignored.py\n")
    (tmp_path / "ignored.py").write_text("import subprocess\nsubprocess.run(['codex'])\n")
    (tmp_path / "x.py").write_text("import subprocess\nsubprocess.run(['codex'])\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(lint_command, ["--no-cache", "."])
    assert result.exit_code == 1, result.output
    assert "x.py:2:1: FL001" in result.stdout and "ignored.py" not in result.stdout
