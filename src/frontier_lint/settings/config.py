"""Configuration: find, read and validate `frontier-lint.yaml` / `[tool.frontier-lint]`.

Every problem with a configuration file is a `ConfigError` whose text is one line naming the
file (with the line when known), the key and what was expected, because the CLI prints it as is
and exits 2.

Patterns are gitignore-style, compiled once into a `PatternSet` (`settings.patterns`).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pathspec

from frontier_lint.frontend.grammar import parse_target
from frontier_lint.scan import fileio
from frontier_lint.settings.bounded import InputTooLarge, check_yaml, read_bounded, toml_loads

# Re-exported: run.engine imports PatternSet from here (it moves with the dataflow step).
from frontier_lint.settings.patterns import NameTest as NameTest
from frontier_lint.settings.patterns import PatternSet as PatternSet

if TYPE_CHECKING:
    import yaml

    from frontier_lint.settings.catalogue import Catalogue

CONFIG_NAMES = ("frontier-lint.yaml", ".frontier-lint.yaml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "frontier-lint"
DEFAULT_INCLUDE: tuple[str, ...] = ("**/*.py",)
PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg")

KEYS = (
    "allow",
    "env",
    "exclude",
    "extend-select",
    "ignore",
    "include",
    "max-file-size",
    "require_reason",
    "roots",
    "rules",
    "select",
    "target-version",
)
ALLOW_KEYS = ("path", "programs", "reason", "rules")
# The rule that an allow entry must name to cover unresolved launch sites (never implied).
UNRESOLVED_RULE = "FL200"
# Files that cannot be parsed are never deselected: the gate would pass what it could not read.
ALWAYS_ON = frozenset({"FL201"})
SELECT_ALL = "ALL"
_ENV_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A file in scope above `max-file-size` is an error entry (the gate fails closed), never read.
DEFAULT_MAX_FILE_SIZE = fileio.DEFAULT_MAX_FILE_SIZE
_SIZE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:([kmg])(i)?)?b?", re.IGNORECASE)

# A `[tool.frontier-lint]` (or `[tool."frontier-lint".x]`) header: lets `find_config` pick a
# pyproject that is ours even when it is not valid TOML, so the syntax error gets reported.
_TOOL_HEADER_RE = re.compile(r'^\s*\[\s*tool\s*\.\s*"?frontier-lint"?\s*[\].]', re.MULTILINE)
_TOML_POS_RE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


class ConfigError(Exception):
    """An unusable configuration; `str()` is one line: "<file>[:line]: <key>: <expected>"."""


@dataclass(frozen=True)
class AllowEntry:
    """One `allow` item: findings under `pattern` (optionally only these programs/rules) pass."""

    pattern: str
    programs: frozenset[str] | None = None  # None: every program
    rules: frozenset[str] | None = None  # None: every rule
    reason: str = ""

    def covers(self, program: str | None, rule: str | None) -> bool:
        """Whether the program/rule restriction admits a finding (path not considered).

        Unresolved sites (FL200) are covered only by an entry that names FL200: allowing a path
        for what it launches says nothing about launches nobody could read."""
        if rule == UNRESOLVED_RULE:
            return self.rules is not None and rule in self.rules
        if self.programs is not None and program not in self.programs:
            return False
        return self.rules is None or rule in self.rules


@dataclass(frozen=True)
class RuleSelection:
    """`select` / `extend-select` / `ignore` (ruff's): which rule codes are reported.

    A selector is a code or a prefix of codes (`FL0` is FL001 and FL002, `FL` or `ALL` all).
    A rule is on when the most specific selector naming it comes from `select` or
    `extend-select`; at equal length `ignore` wins. FL201 (a file that cannot be parsed) is
    always on."""

    select: tuple[str, ...] | None = None  # None: every rule
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def enabled(self, rule_id: str) -> bool:
        if rule_id in ALWAYS_ON:
            return True
        chosen = _longest(rule_id, (*(self.select or (SELECT_ALL,)), *self.extend_select))
        if chosen is None:
            return False
        dropped = _longest(rule_id, self.ignore)
        return dropped is None or chosen > dropped

    @property
    def everything(self) -> bool:
        return self.select is None and not self.ignore

    def unknown(self, known: Iterable[str]) -> list[str]:
        """The selectors that name no rule in `known`."""
        ids = tuple(known)
        return [
            s
            for s in (*(self.select or ()), *self.extend_select, *self.ignore)
            if _longest_match(s, ids) is None
        ]


def _longest(rule_id: str, selectors: Iterable[str]) -> int | None:
    best: int | None = None
    for s in selectors:
        n = 0 if s == SELECT_ALL else len(s)
        if (s == SELECT_ALL or rule_id.startswith(s)) and (best is None or n > best):
            best = n
    return best


def _longest_match(selector: str, ids: Sequence[str]) -> str | None:
    if selector == SELECT_ALL:
        return selector
    return next((i for i in ids if i.startswith(selector)), None)


def parse_selectors(items: Iterable[str]) -> tuple[str, ...]:
    """Codes as given on the command line (`--select FL001,FL2`) or in a list: upper-cased,
    comma-separated values split, blanks dropped."""
    out: list[str] = []
    for item in items:
        out.extend(part.strip().upper() for part in item.split(",") if part.strip())
    return tuple(out)


@dataclass(frozen=True)
class Config:
    root: Path  # the config file's directory, absolute and resolved
    path: Path | None = None  # None when defaults are used
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    allow: tuple[AllowEntry, ...] = ()
    rules: tuple[Path, ...] = ()  # extra rule packs, absolute
    roots: tuple[str, ...] = ()  # extra import roots, '/'-relative to root
    require_reason: bool = True
    selection: RuleSelection = RuleSelection()
    # What an environment variable may hold (`env: {GIT_BIN: [git]}`): name -> declared values.
    env: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes
    # `py312`: the Python the code is written for (None: requires-python, else the interpreter).
    target_version: str | None = None
    digest: str = ""  # computed from the settings when left empty
    # The line of each key ("allow[0].rules" -> 4), for errors found after loading.
    locations: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    # Warnings about how the file was found (two configurations in one directory).
    notices: tuple[str, ...] = field(default=(), compare=False, hash=False)
    _include: PatternSet = field(init=False, repr=False, compare=False, hash=False)
    _exclude: PatternSet = field(init=False, repr=False, compare=False, hash=False)
    _allow: tuple[PatternSet, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Frozen: compiled matchers are derived state, set once here.
        object.__setattr__(self, "_include", PatternSet(self.include))
        object.__setattr__(self, "_exclude", PatternSet(self.exclude))
        object.__setattr__(self, "_allow", tuple(PatternSet((a.pattern,)) for a in self.allow))
        if not self.digest:
            object.__setattr__(self, "digest", _digest(self))

    def in_frontier(self, relpath: str) -> bool:
        """Whether `relpath` ('/'-separated, relative to root) is reported on."""
        return self._include.match(relpath) and not self._exclude.match(relpath)

    def env_values(self, name: str) -> tuple[str, ...] | None:
        """The values `env` declares for environment variable `name` (None: not declared)."""
        return next((values for n, values in self.env if n == name), None)

    def unmatched_include(self, files: Iterable[str]) -> tuple[str, ...]:
        """The configured `include` patterns that select none of `files` (a typo that would
        make the run check nothing). Negated patterns are not patterns of files to check."""
        if self.path is None or self.include == DEFAULT_INCLUDE:
            return ()  # the default is not a pattern anyone wrote (a project may have no .py)
        waiting = {p: PatternSet((p,)) for p in self.include if not p.startswith("!")}
        for f in files:
            for pattern in [p for p, ps in waiting.items() if ps.match(f)]:
                del waiting[pattern]
            if not waiting:
                return ()
        return tuple(p for p in self.include if p in waiting)

    def where(self, key: str) -> str:
        """`file:line: key` for a message about a setting, as load errors print it."""
        if self.path is None:
            return key
        line = self.locations.get(key)
        place = f"{_display(self.path)}:{line}" if line else _display(self.path)
        prefix = f"tool.{TOOL_TABLE}." if self.path.suffix == ".toml" else ""
        return f"{place}: {prefix}{key}"

    def check_rule_codes(self, known: Collection[str], allowable: Collection[str]) -> None:
        """Validate what names rules against the catalogue (known once the packs are loaded):
        selectors, and the `rules` of allow entries (which must be rules an allowlist can
        excuse: the packs' own and FL200). Raises ConfigError naming file, line and key."""
        for key, values in (
            ("select", self.selection.select or ()),
            ("extend-select", self.selection.extend_select),
            ("ignore", self.selection.ignore),
        ):
            for index, code in enumerate(values):
                if _longest_match(code, tuple(known)) is None:
                    raise ConfigError(f"{self.where(f'{key}[{index}]')}: {unknown_code(code)}")
                if key == "ignore" and code in ALWAYS_ON:
                    raise ConfigError(f"{self.where(f'{key}[{index}]')}: {ALWAYS_ON_MESSAGE}")
        for index, entry in enumerate(self.allow):
            for code in sorted(entry.rules or ()):
                if code not in allowable:
                    what = "is not a rule" if code not in known else "cannot be allowed"
                    can = ", ".join(sorted(allowable))
                    raise ConfigError(
                        f"{self.where(f'allow[{index}].rules')}: {code} {what} "
                        f"(an allow entry can name {can})"
                    )

    def check_programs(self, programs: Collection[str]) -> None:
        """An allow entry's `programs` must be programs some rule forbids (a typo would be an
        entry that silently allows nothing)."""
        for index, entry in enumerate(self.allow):
            for name in sorted(entry.programs or ()):
                if name not in programs:
                    known = ", ".join(sorted(programs))
                    raise ConfigError(
                        f"{self.where(f'allow[{index}].programs')}: unknown program {name!r} "
                        f"(the rules forbid {known})"
                    )

    def allow_entry(self, relpath: str, program: str | None, rule: str | None) -> AllowEntry | None:
        """The first `allow` entry covering a finding of `rule`/`program` in `relpath`."""
        for entry, patterns in zip(self.allow, self._allow, strict=True):
            if entry.covers(program, rule) and patterns.match(relpath):
                return entry
        return None


def check_against(config: Config, catalogue: Catalogue) -> None:
    """What the configuration says about rules and programs, checked once the rule packs are
    loaded (they define the codes and programs): ConfigError naming file, line and key."""
    from frontier_lint.policy.meta_rules import META_RULES, UNRESOLVED_LAUNCH_SITE

    pack = {r.id for r in catalogue.rules}
    config.check_rule_codes(
        sorted(pack | {r.id for r in META_RULES}), pack | {UNRESOLVED_LAUNCH_SITE}
    )
    config.check_programs(catalogue.programs)


def _digest(config: Config) -> str:
    def rel(p: Path) -> str:
        try:
            return p.relative_to(config.root).as_posix()
        except ValueError:
            return p.as_posix()

    settings = {
        "v": 1,
        "include": config.include,
        "exclude": config.exclude,
        "allow": [
            [
                a.pattern,
                sorted(a.programs) if a.programs is not None else None,
                sorted(a.rules) if a.rules is not None else None,
                a.reason,
            ]
            for a in config.allow
        ],
        "rules": [rel(p) for p in config.rules],
        "roots": config.roots,
        "require_reason": config.require_reason,
        # The declared values change what `os.getenv` resolves to: part of the cache key.
        "env": [[name, list(values)] for name, values in config.env],
        **({"target-version": config.target_version} if config.target_version else {}),
    }
    text = json.dumps(settings, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- discovery of files


def _start_dir(start: Path) -> Path:
    start = Path(os.path.abspath(start))
    return start if start.is_dir() else start.parent


def _pyproject_has_table(path: Path) -> bool:
    try:
        text = read_bounded(path).decode("utf-8")
    except InputTooLarge:
        return True  # ours or not, loading it says what is wrong rather than skipping it
    except (OSError, UnicodeDecodeError):
        return False
    if TOOL_TABLE not in text:  # cheap reject: most pyprojects never mention us
        return False
    import tomllib

    try:
        data = toml_loads(text)
    except (tomllib.TOMLDecodeError, InputTooLarge):
        return bool(_TOOL_HEADER_RE.search(text))
    tool = data.get("tool")
    return isinstance(tool, dict) and TOOL_TABLE in tool


def find_config(start: Path) -> Path | None:
    """The nearest configuration at or above `start` (a file or a directory)."""
    return _find_config(start)[0]


def _find_config(start: Path) -> tuple[Path | None, tuple[str, ...]]:
    """The nearest configuration, and a warning when its directory holds another one that
    loses (first found wins: frontier-lint.yaml, .frontier-lint.yaml, pyproject.toml)."""
    directory = _start_dir(start)
    for candidate in (directory, *directory.parents):
        found: list[Path] = []
        for name in CONFIG_NAMES:
            path = candidate / name
            # Not only regular files: a FIFO or device found here is reported, never skipped.
            if path.exists() and not path.is_dir():
                found.append(path)
        path = candidate / PYPROJECT
        if path.is_file() and _pyproject_has_table(path):
            found.append(path)
        if found:
            return found[0], tuple(_ignored_config(found[0], other) for other in found[1:])
    return None, ()


def _ignored_config(used: Path, other: Path) -> str:
    name = f"{other.name} [tool.{TOOL_TABLE}]" if other.name == PYPROJECT else other.name
    return (
        f"{_display(other.parent / name)} is ignored: {_display(used)} is used (first found wins)"
    )


def project_root_guess(start: Path) -> Path:
    """Nearest ancestor of `start` that looks like a project root, else `start`'s directory."""
    directory = _start_dir(start)
    for candidate in (directory, *directory.parents):
        if any(os.path.exists(candidate / marker) for marker in PROJECT_MARKERS):
            return candidate.resolve()
    # No marker: like ruff, the working directory is the project when the path lies inside it,
    # so that `frontier-lint app/` resolves `from app.core import x`.
    cwd = Path.cwd().resolve()
    resolved = directory.resolve()
    if resolved == cwd or cwd in resolved.parents:
        return cwd
    return resolved


def load_config(explicit: Path | None, start: Path) -> Config:
    """Read `explicit` (`--config`), else the configuration found from `start`, else defaults."""
    notices: tuple[str, ...] = ()
    if explicit is not None:
        path: Path | None = Path(os.path.abspath(explicit))
    else:
        path, notices = _find_config(start)
    if path is None:
        return Config(root=project_root_guess(start))
    return _load_file(path, notices)


# --------------------------------------------------------------------------- reading a file


class _Invalid(Exception):
    """A validation failure at a key path; turned into a ConfigError with file and line."""

    def __init__(self, key: tuple[str | int, ...], expected: str) -> None:
        super().__init__(expected)
        self.key = key
        self.expected = expected


def _display(path: Path) -> str:
    """The file as the user most likely spells it: relative to the CWD when inside it."""
    text = str(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _read_bytes(path: Path) -> bytes:
    try:
        return read_bounded(path)
    except InputTooLarge as exc:
        raise ConfigError(f"{_display(path)}: cannot read configuration: {exc}") from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ConfigError(f"{_display(path)}: cannot read configuration: {reason}") from None


def _load_file(path: Path, notices: tuple[str, ...] = ()) -> Config:
    data = _read_bytes(path)
    root = path.parent.resolve()
    lines: dict[tuple[str | int, ...], int]
    if path.suffix == ".toml":
        raw, lines, prefix = _read_toml(path, data), {}, f"tool.{TOOL_TABLE}."
    else:
        raw, lines = _read_yaml(path, data)
        prefix = ""
    try:
        settings = _validate(raw, root)
    except _Invalid as exc:
        line = _line_for(lines, exc.key)
        where = f"{_display(path)}:{line}" if line else _display(path)
        key = prefix + _key_text(exc.key) if exc.key else prefix.rstrip(".") or "(top level)"
        raise ConfigError(f"{where}: {key}: {_one_line(exc.expected)}") from None
    locations = {_key_text(k): line for k, line in lines.items() if k}
    return Config(root=root, path=path, locations=locations, notices=notices, **settings)


def _utf8(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{_display(path)}:{line}: cannot decode as UTF-8") from None


def _read_toml(path: Path, data: bytes) -> Any:
    import tomllib

    text = _utf8(path, data)
    try:
        doc = toml_loads(text)
    except InputTooLarge as exc:
        raise ConfigError(f"{_display(path)}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "syntax error"
        pos = _TOML_POS_RE.search(message)
        where = _display(path)
        if pos:  # "(at end of document)": the last line
            where += f":{pos.group(1) or len(text.splitlines()) or 1}"
        message = _TOML_POS_RE.sub("", message)
        raise ConfigError(f"{where}: invalid TOML: {_one_line(message)}") from None
    tool = doc.get("tool")
    if not isinstance(tool, dict) or TOOL_TABLE not in tool:
        raise ConfigError(
            f"{_display(path)}: tool.{TOOL_TABLE}: expected a [tool.{TOOL_TABLE}] table"
        )
    return tool[TOOL_TABLE]


def _read_yaml(path: Path, data: bytes) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    from frontier_lint.settings.memo import remembered

    # Parsed once per content (no PyYAML import on the runs after): see `memo`.
    raw, lines = remembered("config", str(path), data, lambda: _parse_yaml(path, data))
    return raw, lines


def _parse_yaml(path: Path, data: bytes) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    import yaml

    text = _utf8(path, data)
    try:
        check_yaml(text)
    except InputTooLarge as exc:
        raise ConfigError(f"{_display(path)}: cannot read configuration: {exc}") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        raw = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{_display(path)}:{mark.line + 1}" if mark is not None else _display(path)
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
        raise ConfigError(f"{where}: invalid YAML: {_one_line(problem)}") from None
    finally:
        loader.dispose()
    lines: dict[tuple[str | int, ...], int] = {}
    if node is not None:
        _node_lines(node, (), lines, path)
    return raw, lines


def _node_lines(
    node: yaml.Node, key: tuple[str | int, ...], out: dict[tuple[str | int, ...], int], path: Path
) -> None:
    """Record the line of every mapping key / sequence item; reject duplicate keys."""
    import yaml

    out.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            child = (*key, name)
            if name in seen:
                line = key_node.start_mark.line + 1
                raise ConfigError(f"{_display(path)}:{line}: {_key_text(child)}: duplicate key")
            seen.add(name)
            out[child] = key_node.start_mark.line + 1
            _node_lines(value_node, child, out, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*key, index), out, path)


def _line_for(lines: Mapping[tuple[str | int, ...], int], key: tuple[str | int, ...]) -> int:
    while key:
        if key in lines:
            return lines[key]
        key = key[:-1]
    return lines.get((), 0)


def _key_text(key: tuple[str | int, ...]) -> str:
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


# --------------------------------------------------------------------------- validation


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _validate(raw: Any, root: Path) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _Invalid((), f"expected a mapping of settings, got {_kind(raw)}")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key)
        if name not in KEYS:
            raise _Invalid((name,), _unknown(name, KEYS))
        if name == "include":
            out["include"] = _patterns(value, (name,))
        elif name == "exclude":
            out["exclude"] = _patterns(value, (name,))
        elif name == "allow":
            out["allow"] = _allow(value)
        elif name == "rules":
            out["rules"] = _rule_packs(value, root)
        elif name == "roots":
            out["roots"] = _roots(value)
        elif name == "require_reason":
            if not isinstance(value, bool):
                raise _Invalid((name,), f"expected true or false, got {_kind(value)}")
            out["require_reason"] = value
        elif name == "target-version":
            if not isinstance(value, str) or parse_target(value) is None:
                expected = "a version such as 'py312' (py37 to py314)"
                raise _Invalid((name,), f"expected {expected}, got {value!r}")
            out["target_version"] = value
        elif name == "env":
            out["env"] = _env(value)
        elif name == "max-file-size":
            out["max_file_size"] = _size(value, (name,))
    selectors = {
        k: _selectors(raw[k], (k,)) for k in ("select", "extend-select", "ignore") if k in raw
    }
    if selectors:
        out["selection"] = RuleSelection(
            select=selectors.get("select"),
            extend_select=selectors.get("extend-select", ()),
            ignore=selectors.get("ignore", ()),
        )
    return out


ALWAYS_ON_MESSAGE = (
    "FL201 cannot be ignored: a file that cannot be parsed cannot be checked (the gate fails "
    "closed)"
)


def unknown_code(code: str) -> str:
    return f"unknown rule code {code!r} (see --list-rules; a prefix such as FL0 selects FL0xx)"


def _selectors(value: Any, key: tuple[str | int, ...]) -> tuple[str, ...]:
    items = _strings(value, key, "rule codes")
    for index, item in enumerate(items):
        if "," in item or not re.fullmatch(r"[A-Za-z]+[0-9]*", item.strip()):
            raise _Invalid(
                (*key, index), f"expected a rule code or prefix (FL001, FL0), got {item!r}"
            )
    return parse_selectors(items)


def _env(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise _Invalid(
            ("env",),
            f"expected a mapping of variable name to its possible values, got {_kind(value)}",
        )
    out: list[tuple[str, tuple[str, ...]]] = []
    for name, values in value.items():
        key: tuple[str | int, ...] = ("env", str(name))
        if not isinstance(name, str) or not _ENV_NAME_RE.fullmatch(name):
            raise _Invalid(key, f"expected an environment variable name, got {name!r}")
        if isinstance(values, str):
            raise _Invalid(key, f"expected a list of values, got a string (write [{values!r}])")
        items = _strings(values, key, "values")
        if not items:
            raise _Invalid(key, "expected at least one value the variable may hold")
        out.append((name, tuple(dict.fromkeys(items))))
    return tuple(sorted(out))


def _size(value: Any, key: tuple[str | int, ...]) -> int:
    """Bytes from `8388608`, `"8 MiB"` or `"10MB"` (k/M/G: powers of 1000; Ki/Mi/Gi: 1024)."""
    expected = "expected a positive number of bytes (e.g. 8388608, '8 MiB', '10MB')"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _Invalid(key, f"{expected}, got {_kind(value)}")
    size = value if isinstance(value, int) else -1
    match = _SIZE_RE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is not None:
        number, prefix, binary = match.groups()
        power = "kmg".index(prefix.lower()) + 1 if prefix else 0
        size = int(float(number) * (1024 if binary else 1000) ** power)
    if size <= 0:
        raise _Invalid(key, f"{expected}, got {value!r}")
    return size


def _unknown(name: str, known: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key (expected one of {', '.join(known)}){hint}"


def _strings(value: Any, key: tuple[str | int, ...], what: str = "strings") -> list[str]:
    if not isinstance(value, list):
        raise _Invalid(key, f"expected a list of {what}, got {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise _Invalid((*key, index), f"expected a string, got {_kind(item)}")
        if not item.strip():
            raise _Invalid((*key, index), "expected a non-empty string")
    return value


def _check_pattern(pattern: str, key: tuple[str | int, ...]) -> None:
    if pattern.startswith("#"):
        raise _Invalid(key, f"{pattern!r} is a comment in gitignore syntax; write '\\#' for '#'")
    try:
        spec = pathspec.GitIgnoreSpec.from_lines([pattern])
        spec.check_file("x")  # some pathspec versions compile the regex on first use
    except (ValueError, TypeError, re.error) as exc:
        # re.error's "at position N" counts in the translated regex, not in the pattern.
        detail = exc.msg if isinstance(exc, re.error) else str(exc)
        raise _Invalid(key, f"invalid gitignore-style pattern {pattern!r}: {detail}") from None
    if all(p.include is None for p in spec.patterns):
        raise _Invalid(key, f"invalid gitignore-style pattern {pattern!r}: it matches nothing")


def _patterns(value: Any, key: tuple[str | int, ...]) -> tuple[str, ...]:
    items = _strings(value, key, "gitignore-style patterns")
    for index, pattern in enumerate(items):
        _check_pattern(pattern, (*key, index))
    return tuple(items)


def _allow(value: Any) -> tuple[AllowEntry, ...]:
    if not isinstance(value, list):
        raise _Invalid(("allow",), f"expected a list of patterns or mappings, got {_kind(value)}")
    entries: list[AllowEntry] = []
    for index, item in enumerate(value):
        key: tuple[str | int, ...] = ("allow", index)
        if isinstance(item, str):
            entries.append(AllowEntry(pattern=_allow_pattern(item, key)))
        elif isinstance(item, dict):
            entries.append(_allow_mapping(item, key))
        else:
            raise _Invalid(key, f"expected a pattern or a mapping with `path`, got {_kind(item)}")
    return tuple(entries)


def _allow_pattern(pattern: Any, key: tuple[str | int, ...]) -> str:
    if not isinstance(pattern, str):
        raise _Invalid(key, f"expected a gitignore-style pattern, got {_kind(pattern)}")
    if not pattern.strip():
        raise _Invalid(key, "expected a non-empty gitignore-style pattern")
    if pattern.startswith("!"):
        # A lone negated pattern selects nothing; it only makes sense inside a list.
        raise _Invalid(key, f"expected a pattern selecting paths, got negated {pattern!r}")
    _check_pattern(pattern, key)
    return pattern


def _allow_mapping(item: dict[Any, Any], key: tuple[str | int, ...]) -> AllowEntry:
    for name in item:
        if str(name) not in ALLOW_KEYS:
            raise _Invalid((*key, str(name)), _unknown(str(name), ALLOW_KEYS))
    if "path" not in item:
        raise _Invalid(key, "expected a `path` key with the gitignore-style pattern to allow")
    pattern = _allow_pattern(item["path"], (*key, "path"))
    restrictions: dict[str, frozenset[str] | None] = {}
    for name in ("programs", "rules"):
        if name not in item:
            restrictions[name] = None
            continue
        names = _strings(item[name], (*key, name))
        if not names:
            raise _Invalid((*key, name), f"expected a non-empty list (omit `{name}` for all)")
        restrictions[name] = frozenset(n.strip() for n in names)
    reason = item.get("reason", "")
    if not isinstance(reason, str):
        raise _Invalid((*key, "reason"), f"expected a string, got {_kind(reason)}")
    if UNRESOLVED_RULE in (restrictions["rules"] or ()):
        # An unresolved site has no program, and excusing what nobody could read needs a why.
        if restrictions["programs"] is not None:
            raise _Invalid(
                (*key, "programs"),
                f"an entry allowing {UNRESOLVED_RULE} (sites whose program is unknown) cannot "
                "name programs: put the programs in an entry of their own",
            )
        if not reason.strip():
            raise _Invalid(key, f"an entry allowing {UNRESOLVED_RULE} needs a `reason`")
    return AllowEntry(
        pattern=pattern,
        programs=restrictions["programs"],
        rules=restrictions["rules"],
        reason=reason.strip(),
    )


def _rule_packs(value: Any, root: Path) -> tuple[Path, ...]:
    items = _strings(value, ("rules",), "rule pack paths")
    packs = tuple(Path(os.path.normpath(root / item)) for item in items)
    missing = [item for item, pack in zip(items, packs, strict=True) if not pack.is_file()]
    if missing:
        raise _Invalid(("rules",), f"rule pack file not found: {', '.join(missing)}")
    return packs


def _roots(value: Any) -> tuple[str, ...]:
    items = _strings(value, ("roots",), "directories")
    out: list[str] = []
    for index, item in enumerate(items):
        norm = posixpath.normpath(item.replace("\\", "/"))
        if posixpath.isabs(norm) or norm == ".." or norm.startswith("../") or ":" in norm[:2]:
            raise _Invalid(
                ("roots", index),
                f"expected a directory relative to the project root, got {item!r}",
            )
        out.append(norm)
    return tuple(out)
