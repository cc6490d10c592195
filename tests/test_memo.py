"""Parsed rule packs and YAML configuration are remembered in the user's cache directory
(`settings.memo`): a run after the first imports no YAML parser, a changed input is parsed
again, and a memo file this user's tool did not write is ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.settings import memo
from frontier_lint.settings.catalogue import RulePackError, load_catalogue
from frontier_lint.settings.config import ConfigError
from frontier_lint.settings.loading import load_config

SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture
def key_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "frontier-lint"


def _memo_files(directory: Path, kind: str) -> list[Path]:
    return sorted(directory.glob(f"parsed-{kind}-*.bin"))


def test_a_value_is_parsed_once_per_content(key_dir: Path) -> None:
    calls: list[bytes] = []

    def parse(data: bytes) -> dict[str, object]:
        calls.append(data)
        return {"text": data.decode(), "items": [1, 2.5, None, True], "pair": ("a", "b")}

    first = memo.remembered("test", "/p/one.yaml", b"a: 1", lambda: parse(b"a: 1"))
    again = memo.remembered("test", "/p/one.yaml", b"a: 1", lambda: parse(b"a: 1"))
    assert again == first and calls == [b"a: 1"]
    changed = memo.remembered("test", "/p/one.yaml", b"a: 2", lambda: parse(b"a: 2"))
    assert changed["text"] == "a: 2" and calls == [b"a: 1", b"a: 2"]
    # One memo file per input location: an edited input replaces its memo.
    assert len(_memo_files(key_dir, "test")) == 1


def test_a_memo_file_not_written_by_this_users_tool_is_ignored(key_dir: Path) -> None:
    memo.remembered("test", "/p/x.yaml", b"x", lambda: {"v": "honest"})
    (file,) = _memo_files(key_dir, "test")
    mac, _, payload = file.read_bytes().partition(b"\n")
    forged = payload.replace(b"honest", b"forged")
    file.write_bytes(mac + b"\n" + forged)
    assert memo.remembered("test", "/p/x.yaml", b"x", lambda: {"v": "parsed"}) == {"v": "parsed"}
    file.write_bytes(b"garbage without a line break")
    assert memo.remembered("test", "/p/x.yaml", b"x", lambda: {"v": "again"}) == {"v": "again"}


def test_values_that_are_not_plain_data_are_parsed_every_time(key_dir: Path) -> None:
    class Odd:
        pass

    calls: list[int] = []

    def parse() -> object:
        calls.append(1)
        return {"x": Odd()}

    memo.remembered("test", "/p/odd.yaml", b"o", parse)
    memo.remembered("test", "/p/odd.yaml", b"o", parse)
    assert len(calls) == 2 and _memo_files(key_dir, "test") == []


def test_a_failed_parse_is_raised_and_not_remembered(key_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: [\n")
    for _ in range(2):
        with pytest.raises(RulePackError, match="invalid YAML"):
            load_catalogue([pack])
    assert len(_memo_files(key_dir, "rules")) == 1  # the built-in pack only


def test_without_a_cache_directory_inputs_are_parsed_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # ignored by the XDG spec
    monkeypatch.setenv("HOME", "relative")  # and no absolute home: no key, no memo
    assert load_catalogue().rules


def test_an_edited_configuration_is_read_again(key_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "frontier-lint.yaml"
    config.write_text("exclude: ['build/**']\n")
    assert load_config(None, tmp_path).exclude == ("build/**",)
    config.write_text("exclude: ['dist/**']\n")
    assert load_config(None, tmp_path).exclude == ("dist/**",)
    config.write_text("exclude: 3\n")
    with pytest.raises(ConfigError, match=r"frontier-lint.yaml:1: exclude"):
        load_config(None, tmp_path)  # the line number comes through the memo too
    config.write_text("exclude: 3\n")
    with pytest.raises(ConfigError, match=r"frontier-lint.yaml:1: exclude"):
        load_config(None, tmp_path)


def two_runs(project: Path, tmp_path: Path, loaded: str) -> list[subprocess.CompletedProcess[str]]:
    """Two runs on `project` in fresh processes (the second one warm), each printing the
    expression `loaded` (about `sys.modules`) after its report, on stderr."""
    code = (
        "import sys\n"
        "from frontier_lint.cli import main\n"
        "try:\n    main(['--format', 'json', '.'])\nexcept SystemExit:\n    pass\n"
        f"print({loaded}, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    return [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=project
        )
        for _ in range(2)
    ]


def test_a_warm_run_imports_no_yaml_or_toml_parser(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "frontier-lint.yaml").write_text("exclude: ['build/**']\n")
    (project / "pyproject.toml").write_text("[project]\nrequires-python = '>=3.9'\n")
    (project / "app.py").write_text("print('no launch here')\n")
    runs = two_runs(project, tmp_path, "'yaml' in sys.modules or 'tomllib' in sys.modules")
    assert [r.stderr.splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout


def test_the_target_version_follows_an_edited_pyproject(key_dir: Path, tmp_path: Path) -> None:
    from frontier_lint.frontend.grammar import RUNNING, project_target

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\nrequires-python = '>=3.9'\n")
    assert project_target(tmp_path, None) == project_target(tmp_path, None) == (3, 9)
    pyproject.write_text("[project]\nrequires-python = '>=3.10'\n")
    assert project_target(tmp_path, None) == (3, 10)
    pyproject.write_text("[project\n")
    assert project_target(tmp_path, None) == RUNNING
    pyproject.write_bytes(b"[project]\rrequires-python = '>=3.8'\r")  # old Mac newlines
    assert project_target(tmp_path, None) == (3, 8)


def test_a_warm_run_imports_no_pathspec(tmp_path: Path) -> None:
    """What pathspec makes of each pattern is remembered: a run whose paths no pattern decides
    (no negation) loads no pathspec, and reports as the first run did."""
    project = tmp_path / "project"
    (project / "build").mkdir(parents=True)
    (project / "frontier-lint.yaml").write_text("exclude: ['build/**', '**/gen_*.py']\n")
    (project / ".gitignore").write_text("*.log\n/dist/\n")
    (project / "app.py").write_text("import subprocess\nsubprocess.run(['codex'])\n")
    (project / "build" / "out.py").write_text("import subprocess\nsubprocess.run(['codex'])\n")
    runs = two_runs(project, tmp_path, "'pathspec' in sys.modules")
    assert [r.stderr.splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout
    assert '"path": "app.py"' in runs[0].stdout and "build/out.py" not in runs[0].stdout


def test_remembered_patterns_answer_as_freshly_compiled_ones(
    key_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint.settings import patterns

    lines = ["# comment", "", "build/", "!build/keep.py", "/docs/*.py", "*.log", "a/**/b", "[z]"]
    paths = ["build/x.py", "build/keep.py", "docs/a.py", "x/docs/a.py", "l.log", "a/q/b", "z"]

    def answers() -> list[tuple[bool | None, int | None, bool]]:
        monkeypatch.setattr(patterns, "_rows", None)  # a new process: the table is loaded
        ps = patterns.PatternSet(lines)
        return [(*ps.check(p), ps.match(p)) for p in paths]

    fresh = answers()
    assert list(key_dir.glob("parsed-patterns-*.bin"))  # kept for the next process
    assert answers() == fresh
    assert fresh[0][0] is True and fresh[1][0] is False and fresh[3][0] is None
    # A table of the wrong shape is made again, never trusted.
    stamp = patterns._pathspec_stamp()
    memo.keep("patterns", patterns.table_location(stamp), stamp, {"build/": [(True, "build/")]})
    assert answers() == fresh


def test_the_remembered_pattern_table_stays_bounded(
    key_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One table serves every project: past its bound it keeps the lines of the process
    writing it, so it cannot grow without end."""
    from frontier_lint.settings import patterns

    monkeypatch.setattr(patterns, "MAX_REMEMBERED_LINES", 5)
    monkeypatch.setattr(patterns, "_rows", None)
    monkeypatch.setattr(patterns, "_used", set())
    patterns.PatternSet([f"old_{n}/" for n in range(5)])
    monkeypatch.setattr(patterns, "_rows", None)  # the next process
    monkeypatch.setattr(patterns, "_used", set())
    assert patterns.PatternSet(["new/", "*.log"]).match("a/new/x.py")
    monkeypatch.setattr(patterns, "_rows", None)
    stamp = patterns._pathspec_stamp()
    kept = memo.recall("patterns", patterns.table_location(stamp), stamp)
    assert kept is not None and set(kept[0]) == {"new/", "*.log"}


def test_two_installations_run_in_turn_keep_a_pattern_table_each(
    key_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pathspec

    from frontier_lint.settings import patterns

    compiled: list[str] = []
    real = pathspec.GitIgnoreSpec.from_lines

    def counting(lines: Any) -> Any:
        compiled.extend(lines)
        return real(lines)

    monkeypatch.setattr(pathspec.GitIgnoreSpec, "from_lines", counting)
    for stamp in (b"a" * 64, b"b" * 64, b"a" * 64, b"b" * 64):  # one process each
        monkeypatch.setattr(patterns, "_rows", None)
        monkeypatch.setattr(patterns, "_pathspec_stamp", lambda stamp=stamp: stamp)
        assert patterns.PatternSet(["build/"]).match("build/x.py")
    assert compiled == ["build/", "build/"]  # once per installation
