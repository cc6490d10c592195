"""Configuration: discovery of the file, validation with one-line errors, patterns, allowlist."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pathspec
import pytest

from frontier_lint.settings.config import DEFAULT_INCLUDE, AllowEntry, Config, ConfigError
from frontier_lint.settings.loading import find_config, load_config
from frontier_lint.settings.locate import project_root_guess
from frontier_lint.settings.patterns import PatternSet


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory unrelated to the project trees built under tmp_path/'p'."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str, name: str = "frontier-lint.yaml") -> str:
    """The message of loading `text` as `name` (the caller runs from tmp_path); one line."""
    write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        load_config(None, tmp_path)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- defaults


def test_defaults_without_a_file(tmp_path: Path, elsewhere: Path) -> None:
    project = tmp_path / "p"
    (project / "pkg").mkdir(parents=True)
    (project / "setup.cfg").write_text("")
    config = load_config(None, project / "pkg")
    assert config.path is None
    assert config.root == project.resolve()
    assert config.include == DEFAULT_INCLUDE == ("**/*.py",)
    assert (config.exclude, config.allow, config.rules, config.roots) == ((), (), (), ())
    assert config.require_reason is True
    assert config.in_frontier("a.py") and config.in_frontier("deep/er/b.py")
    assert not config.in_frontier("README.md")
    assert len(config.digest) == 16


def test_config_can_be_built_directly(tmp_path: Path) -> None:
    config = Config(root=tmp_path, include=("app/**",), allow=(AllowEntry("app/x/**"),))
    assert config.in_frontier("app/a.py") and not config.in_frontier("lib/a.py")
    assert config.allow_entry("app/x/y.py", "codex", "FL001") == AllowEntry("app/x/**")
    assert hash(config) == hash(Config(root=tmp_path, include=("app/**",), allow=config.allow))
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.include = ()  # type: ignore[misc]


def test_empty_yaml_gives_defaults_with_its_path(in_tmp: Path) -> None:
    file = write(in_tmp / "frontier-lint.yaml", "# nothing yet\n")
    config = load_config(None, in_tmp)
    assert config.path == file
    assert config.root == in_tmp.resolve()
    assert config.include == DEFAULT_INCLUDE


# --------------------------------------------------------------------------- finding the file


def test_find_config_walks_up(tmp_path: Path) -> None:
    file = write(tmp_path / "frontier-lint.yaml", "")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") == file
    assert find_config(tmp_path / "a" / "b" / "missing.py") == file


def test_find_config_from_a_file(tmp_path: Path) -> None:
    file = write(tmp_path / ".frontier-lint.yaml", "")
    module = write(tmp_path / "pkg" / "m.py", "")
    assert find_config(module) == file


def test_find_config_order_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.frontier-lint]\n")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / ".frontier-lint.yaml", "")
    assert find_config(tmp_path) == tmp_path / ".frontier-lint.yaml"
    write(tmp_path / "frontier-lint.yaml", "")
    assert find_config(tmp_path) == tmp_path / "frontier-lint.yaml"


def test_nearest_wins(tmp_path: Path) -> None:
    write(tmp_path / "frontier-lint.yaml", "")
    inner = write(tmp_path / "sub" / "pyproject.toml", '[tool."frontier-lint"]\ninclude = []\n')
    assert find_config(tmp_path / "sub") == inner


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    outer = write(tmp_path / "frontier-lint.yaml", "")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n# frontier-lint\n")
    assert find_config(tmp_path / "sub") == outer


def test_broken_pyproject_with_our_header_is_found_and_reported(in_tmp: Path) -> None:
    write(in_tmp / "pyproject.toml", "[tool.frontier-lint]\ninclude = [\n")
    assert find_config(in_tmp) == in_tmp / "pyproject.toml"
    with pytest.raises(ConfigError, match=r"^pyproject\.toml:\d+: invalid TOML: "):
        load_config(None, in_tmp)


def test_nothing_found(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    # No configuration anywhere above tmp_path is assumed (a test runner's /tmp).
    assert find_config(tmp_path / "x") is None


# --------------------------------------------------------------------------- project root guess


@pytest.mark.parametrize("marker", [".git", "pyproject.toml", "setup.py", "setup.cfg"])
def test_project_root_guess_markers(tmp_path: Path, elsewhere: Path, marker: str) -> None:
    project = tmp_path / "p"
    (project / "a" / "b").mkdir(parents=True)
    if marker == ".git":
        (project / ".git").mkdir()
    else:
        (project / marker).write_text("")
    assert project_root_guess(project / "a" / "b") == project.resolve()
    assert project_root_guess(project / "a" / "b" / "m.py") == project.resolve()


def test_project_root_guess_without_markers(tmp_path: Path, elsewhere: Path) -> None:
    (tmp_path / "p" / "a").mkdir(parents=True)
    assert project_root_guess(tmp_path / "p" / "a") == (tmp_path / "p" / "a").resolve()
    file = write(tmp_path / "p" / "a" / "m.py", "")
    assert project_root_guess(file) == (tmp_path / "p" / "a").resolve()


# --------------------------------------------------------------------------- reading settings


FULL = """\
include: ["app/**"]
exclude: ["app/**/tests/**"]
allow:
  - "app/installers/**"
  - path: "app/legacy/cli.py"
    programs: [claude]
    reason: "legacy path, removed in 2.0"
  - path: "app/tools/"
    rules: [FL002]
rules: ["rules/extra.yaml"]
roots: ["src", "./lib/", "."]
require_reason: false
"""


def test_full_yaml(in_tmp: Path) -> None:
    write(in_tmp / "rules" / "extra.yaml", "rules: []\n")
    write(in_tmp / "frontier-lint.yaml", FULL)
    config = load_config(None, in_tmp / "app")
    assert config.root == in_tmp.resolve()
    assert config.include == ("app/**",)
    assert config.exclude == ("app/**/tests/**",)
    assert config.allow == (
        AllowEntry("app/installers/**", None, None, ""),
        AllowEntry("app/legacy/cli.py", frozenset({"claude"}), None, "legacy path, removed in 2.0"),
        AllowEntry("app/tools/", None, frozenset({"FL002"}), ""),
    )
    assert config.rules == (in_tmp.resolve() / "rules" / "extra.yaml",)
    assert config.roots == ("src", "lib", ".")
    assert config.require_reason is False


def test_pyproject_table(in_tmp: Path) -> None:
    write(
        in_tmp / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.frontier-lint]\ninclude = ["app/"]\n'
        'allow = ["app/installers/**", {path = "app/legacy.py", programs = ["codex"]}]\n',
    )
    config = load_config(None, in_tmp)
    assert config.path == in_tmp / "pyproject.toml"
    assert config.include == ("app/",)
    assert config.allow[1] == AllowEntry("app/legacy.py", frozenset({"codex"}), None, "")


def test_explicit_config_overrides_discovery(tmp_path: Path, elsewhere: Path) -> None:
    write(tmp_path / "p" / "frontier-lint.yaml", "include: [a/**]\n")
    other = write(tmp_path / "conf" / "lint.yaml", "include: [b/**]\n")
    config = load_config(other, tmp_path / "p")
    assert config.include == ("b/**",)
    assert config.path == other
    assert config.root == (tmp_path / "conf").resolve()


def test_explicit_pyproject(tmp_path: Path, elsewhere: Path) -> None:
    file = write(tmp_path / "pyproject.toml", "[tool.frontier-lint]\nrequire_reason = false\n")
    assert load_config(file, tmp_path).require_reason is False


def test_explicit_relative_to_cwd(in_tmp: Path) -> None:
    write(in_tmp / "cfg" / "x.yaml", "exclude: [gen/]\n")
    assert load_config(Path("cfg/x.yaml"), in_tmp).exclude == ("gen/",)


def test_rules_resolved_against_the_root_not_the_cwd(tmp_path: Path, elsewhere: Path) -> None:
    write(tmp_path / "p" / "packs" / "x.yaml", "")
    write(tmp_path / "p" / "frontier-lint.yaml", "rules: [packs/x.yaml]\n")
    config = load_config(None, tmp_path / "p")
    assert config.rules == ((tmp_path / "p").resolve() / "packs" / "x.yaml",)


def test_root_is_resolved(tmp_path: Path, elsewhere: Path) -> None:
    real = tmp_path / "real"
    write(real / "frontier-lint.yaml", "")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    assert load_config(None, tmp_path / "link").root == real.resolve()


# --------------------------------------------------------------------------- frontier scope


@pytest.mark.parametrize("pattern", ["app/**", "app/", "/app/", "app", "/app"])
def test_directory_patterns_select_files_below(tmp_path: Path, pattern: str) -> None:
    config = Config(root=tmp_path, include=(pattern,))
    assert config.in_frontier("app/x.py")
    assert config.in_frontier("app/sub/deeper/y.py")
    assert not config.in_frontier("lib/x.py")
    assert not config.in_frontier("application/x.py")


def test_gitignore_semantics_of_unanchored_patterns(tmp_path: Path) -> None:
    # Like .gitignore: a pattern without an inner slash matches at any depth.
    assert Config(root=tmp_path, include=("app/",)).in_frontier("lib/app/x.py")
    assert not Config(root=tmp_path, include=("/app/",)).in_frontier("lib/app/x.py")
    assert not Config(root=tmp_path, include=("app/*.py",)).in_frontier("app/sub/x.py")


def test_exclude_and_negation(tmp_path: Path) -> None:
    config = Config(
        root=tmp_path,
        include=("app/**",),
        exclude=("app/**/tests/**", "!app/**/tests/live_*.py"),
    )
    assert config.in_frontier("app/core/run.py")
    assert not config.in_frontier("app/core/tests/test_run.py")
    assert config.in_frontier("app/core/tests/live_smoke.py")


def test_empty_include_selects_nothing(tmp_path: Path) -> None:
    assert not Config(root=tmp_path, include=()).in_frontier("a.py")


# --------------------------------------------------------------------------- allowlist


def test_allow_entry_forms(tmp_path: Path) -> None:
    short = AllowEntry("app/installers/**")
    claude = AllowEntry("app/legacy/**", frozenset({"claude"}), None, "legacy")
    rule = AllowEntry("app/legacy/**", None, frozenset({"FL009"}), "meta")
    config = Config(root=tmp_path, allow=(short, claude, rule))
    assert config.allow_entry("app/installers/x.py", "codex", "FL001") is short
    assert config.allow_entry("app/installers/x.py", None, None) is short
    assert config.allow_entry("app/legacy/cli.py", "claude", "FL001") is claude
    assert config.allow_entry("app/legacy/cli.py", "codex", "FL001") is None
    assert config.allow_entry("app/legacy/cli.py", None, "FL009") is rule
    assert config.allow_entry("app/legacy/cli.py", "codex", "FL009") is rule
    assert config.allow_entry("app/other.py", "claude", "FL001") is None


def test_allow_first_match_wins(tmp_path: Path) -> None:
    first = AllowEntry("app/**", reason="one")
    second = AllowEntry("app/x.py", reason="two")
    config = Config(root=tmp_path, allow=(first, second))
    assert config.allow_entry("app/x.py", "codex", "FL001") is first


# --------------------------------------------------------------------------- digest


def test_digest_is_stable_and_tracks_settings(tmp_path: Path, elsewhere: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / name / "frontier-lint.yaml", "include: [app/**]\n")
    a = load_config(None, tmp_path / "a")
    b = load_config(None, tmp_path / "b")
    assert a.digest == b.digest == load_config(None, tmp_path / "a").digest
    write(tmp_path / "b" / "frontier-lint.yaml", "include: [app/**]\nrequire_reason: false\n")
    assert load_config(None, tmp_path / "b").digest != a.digest
    assert Config(root=tmp_path).digest != Config(root=tmp_path, exclude=("x",)).digest


# --------------------------------------------------------------------------- errors: one line each


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "include: app/**\n",
            "frontier-lint.yaml:1: include: expected a list of gitignore-style patterns, got a string",
        ),
        (
            "exclude: {a: 1}\n",
            "frontier-lint.yaml:1: exclude: expected a list of gitignore-style patterns, got a mapping",
        ),
        (
            "include:\n  - a\n  - 3\n",
            "frontier-lint.yaml:3: include[1]: expected a string, got a number",
        ),
        ("include: ['  ']\n", "frontier-lint.yaml:1: include[0]: expected a non-empty string"),
        (
            "include: ['!']\n",
            "frontier-lint.yaml:1: include[0]: invalid gitignore-style pattern '!': Invalid git pattern: '!'",
        ),
        (
            "exclude: ['/']\n",
            "frontier-lint.yaml:1: exclude[0]: invalid gitignore-style pattern '/': it matches nothing",
        ),
        (
            "exclude: ['#gen']\n",
            "frontier-lint.yaml:1: exclude[0]: '#gen' is a comment in gitignore syntax; write '\\#' for '#'",
        ),
        (
            "# settings\ninclde: [app/**]\n",
            "frontier-lint.yaml:2: inclde: unknown key (expected one of allow, env, exclude, "
            "extend-select, ignore, include, max-file-size, require_reason, roots, rules, select, target-version); did you mean 'include'?",
        ),
        (
            "colour: red\n",
            "frontier-lint.yaml:1: colour: unknown key (expected one of allow, env, exclude, "
            "extend-select, ignore, include, max-file-size, require_reason, roots, rules, select, target-version)",
        ),
        (
            "- app/**\n",
            "frontier-lint.yaml:1: (top level): expected a mapping of settings, got a list",
        ),
        (
            "just text\n",
            "frontier-lint.yaml:1: (top level): expected a mapping of settings, got a string",
        ),
        ("include: [a]\ninclude: [b]\n", "frontier-lint.yaml:2: include: duplicate key"),
        (
            "allow: app/**\n",
            "frontier-lint.yaml:1: allow: expected a list of patterns or mappings, got a string",
        ),
        (
            "allow:\n  - 3\n",
            "frontier-lint.yaml:2: allow[0]: expected a pattern or a mapping with `path`, got a number",
        ),
        (
            "allow:\n  - ok/**\n  - programs: [codex]\n",
            "frontier-lint.yaml:3: allow[1]: expected a `path` key with the gitignore-style pattern to allow",
        ),
        (
            "allow:\n  - path: x\n    programs: codex\n",
            "frontier-lint.yaml:3: allow[0].programs: expected a list of strings, got a string",
        ),
        (
            "allow:\n  - path: x\n    programs: []\n",
            "frontier-lint.yaml:3: allow[0].programs: expected a non-empty list (omit `programs` for all)",
        ),
        (
            "allow:\n  - path: x\n    rules: [FL001, 2]\n",
            "frontier-lint.yaml:3: allow[0].rules[1]: expected a string, got a number",
        ),
        (
            "allow:\n  - path: x\n    reasn: typo\n",
            "frontier-lint.yaml:3: allow[0].reasn: unknown key (expected one of path, programs, "
            "reason, rules); did you mean 'reason'?",
        ),
        (
            "allow:\n  - path: x\n    reason: [a]\n",
            "frontier-lint.yaml:3: allow[0].reason: expected a string, got a list",
        ),
        (
            "allow:\n  - path: 7\n",
            "frontier-lint.yaml:2: allow[0].path: expected a gitignore-style pattern, got a number",
        ),
        (
            "allow: ['!app/x.py']\n",
            "frontier-lint.yaml:1: allow[0]: expected a pattern selecting paths, got negated '!app/x.py'",
        ),
        (
            "allow:\n  - path: x\n  - path: x\n    path: y\n",
            "frontier-lint.yaml:4: allow[1].path: duplicate key",
        ),
        (
            "rules: x.yaml\n",
            "frontier-lint.yaml:1: rules: expected a list of rule pack paths, got a string",
        ),
        (
            "rules: [a.yaml, ok.yaml, b.yaml]\n",
            "frontier-lint.yaml:1: rules: rule pack file not found: a.yaml, b.yaml",
        ),
        (
            "roots: [/opt/src]\n",
            "frontier-lint.yaml:1: roots[0]: expected a directory relative to the project root, got '/opt/src'",
        ),
        (
            "roots: [../up]\n",
            "frontier-lint.yaml:1: roots[0]: expected a directory relative to the project root, got '../up'",
        ),
        (
            "require_reason: 'no'\n",
            "frontier-lint.yaml:1: require_reason: expected true or false, got a string",
        ),
        (
            "require_reason: 1\n",
            "frontier-lint.yaml:1: require_reason: expected true or false, got a number",
        ),
        (
            "include: [a\n",
            "frontier-lint.yaml:2: invalid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        (
            "include:\n  - a\n - b\n",
            "frontier-lint.yaml:3: invalid YAML: expected <block end>, but found "
            "'<block sequence start>'",
        ),
        (
            "x: !!python/object:os.system a\n",
            "frontier-lint.yaml:1: invalid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'",
        ),
    ],
)
def test_yaml_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "ok.yaml", "")
    assert config_error(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[tool.frontier-lint]\ninclude = "app/**"\n',
            "pyproject.toml: tool.frontier-lint.include: expected a list of gitignore-style "
            "patterns, got a string",
        ),
        (
            "[tool.frontier-lint]\nrequire-reason = false\n",
            "pyproject.toml: tool.frontier-lint.require-reason: unknown key (expected one of "
            "allow, env, exclude, extend-select, ignore, include, max-file-size, require_reason, roots, rules, "
            "select, target-version); did you mean 'require_reason'?",
        ),
        (
            '[tool]\nfrontier-lint = "yes"\n',
            "pyproject.toml: tool.frontier-lint: expected a mapping of settings, got a string",
        ),
    ],
)
def test_pyproject_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert config_error(tmp_path, text, "pyproject.toml") == expected


def test_toml_syntax_error_names_the_line(in_tmp: Path) -> None:
    write(in_tmp / "pyproject.toml", "[tool.frontier-lint]\ninclude = []\n\n[tool.frontier-lint]\n")
    with pytest.raises(ConfigError) as info:
        load_config(None, in_tmp)
    # tomllib's wording is its own; the form is ours.
    assert str(info.value).startswith("pyproject.toml:4: invalid TOML: ")
    assert "(at line" not in str(info.value)


def test_explicit_pyproject_without_table(in_tmp: Path) -> None:
    file = write(in_tmp / "pyproject.toml", "[tool.ruff]\n")
    with pytest.raises(ConfigError) as info:
        load_config(file, in_tmp)
    assert (
        str(info.value)
        == "pyproject.toml: tool.frontier-lint: expected a [tool.frontier-lint] table"
    )


def test_explicit_missing_file(in_tmp: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(Path("nope.yaml"), in_tmp)
    assert str(info.value) == "nope.yaml: cannot read configuration: No such file or directory"


def test_unreadable_file(in_tmp: Path) -> None:
    (in_tmp / "frontier-lint.yaml").mkdir()  # a directory: found by name, cannot be read
    with pytest.raises(ConfigError) as info:
        load_config(Path("frontier-lint.yaml"), in_tmp)
    assert str(info.value) == "frontier-lint.yaml: cannot read configuration: Is a directory"


def test_file_outside_the_cwd_is_named_absolutely(tmp_path: Path, elsewhere: Path) -> None:
    write(tmp_path / "p" / "frontier-lint.yaml", "include: 3\n")
    with pytest.raises(ConfigError) as info:
        load_config(None, tmp_path / "p")
    assert str(info.value).startswith(f"{tmp_path / 'p' / 'frontier-lint.yaml'}:1: include: ")


def test_file_in_a_subdirectory_is_named_relatively(in_tmp: Path) -> None:
    write(in_tmp / "svc" / "frontier-lint.yaml", "include: 3\n")
    with pytest.raises(ConfigError, match=r"^svc/frontier-lint\.yaml:1: include: "):
        load_config(None, in_tmp / "svc")


def test_invalid_utf8_yaml(in_tmp: Path) -> None:
    (in_tmp / "frontier-lint.yaml").write_bytes(b"include: ['\xff']\n")
    with pytest.raises(ConfigError) as info:
        load_config(None, in_tmp)
    assert str(info.value) == "frontier-lint.yaml:1: cannot decode as UTF-8"


def test_invalid_utf8_pyproject(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_bytes(b"[tool.frontier-lint]\ninclude = ['\xff']\n")
    with pytest.raises(ConfigError) as info:
        load_config(Path("pyproject.toml"), in_tmp)
    assert str(info.value) == "pyproject.toml:2: cannot decode as UTF-8"


def test_long_yaml_problem_stays_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    message = config_error(tmp_path, "a: b: c\n")
    assert message.startswith("frontier-lint.yaml:1: invalid YAML: ")


# --------------------------------------------------------------------------- PatternSet


PATTERN_POOL = [
    "*.py",
    "!keep.py",
    "build/",
    "/top.py",
    "docs",
    "app/**",
    "!app/keep/**",
    "**/gen/*.py",
    "a/**/b.py",
    "*_pb2.py",
    "test_*",
    "x?.py",
    "*.py[co]",
    "[ab]*.py",
    "a[!b]c",
    "pkg/*/mod.py",
    "dir/",
    "!dir/",
    "\\#hash.py",
    "sp ace.py",
    "**",
    "deep/er/",
    "*",
]
NAMES = ["a", "b", "app", "keep", "build", "docs", "gen", "dir", "deep", "er", "pkg", "x"]
FILES = ["keep.py", "top.py", "m.py", "x1.py", "m_pb2.py", "test_a.py", "b.py", "acc", "#hash.py"]


def random_paths(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        parts = [rng.choice(NAMES) for _ in range(rng.randint(0, 3))]
        last = rng.choice(FILES + NAMES)
        path = "/".join([*parts, last])
        out.append(path + "/" if rng.random() < 0.25 else path)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_pattern_set_agrees_with_pathspec(seed: int) -> None:
    # The merged prefilters must never hide a match: compare with pathspec itself.
    rng = random.Random(seed)
    lines = rng.sample(PATTERN_POOL, rng.randint(1, 8))
    ours = PatternSet(lines)
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    for path in random_paths(rng, 300):
        expected = spec.check_file(path)
        assert ours.check(path) == (expected.include, expected.index), (lines, path)
        assert ours.match(path) == bool(expected.include), (lines, path)


def test_pattern_set_could_match_is_a_superset_at_the_last_component() -> None:
    rng = random.Random(7)
    for _ in range(30):
        lines = rng.sample(PATTERN_POOL, rng.randint(1, 8))
        ours = PatternSet(lines)
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        for path in random_paths(rng, 200):
            is_dir = path.endswith("/")
            name = path.rstrip("/").rsplit("/", 1)[-1]
            parents = path.rstrip("/").split("/")[:-1]
            # A match through a parent is announced by the parent itself (as "dir/").
            through_parent = any(
                ours.could_match("/".join(parents[: i + 1]) + "/", parents[i], True)
                for i in range(len(parents))
            )
            if spec.check_file(path).include is not None and not through_parent:
                assert ours.could_match(path, name, is_dir), (lines, path)


def test_pattern_set_basics() -> None:
    empty = PatternSet(["# comment", ""])
    assert not empty
    assert empty.check("a.py") == (None, None)
    ps = PatternSet(["build/", "*.py", "!keep.py"])
    assert ps
    assert ps.check("x/build/") == (True, 0)
    assert ps.check("keep.py") == (False, 2)
    assert ps.pattern(0) == "build/" and ps.dir_only(0) and not ps.dir_only(1)
    with pytest.raises(ValueError):
        PatternSet(["!"])
