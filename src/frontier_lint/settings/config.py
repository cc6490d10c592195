"""The configuration's value: `Config` (the files in scope, the allowlist, the rule selection,
what environment variables may hold, ...), its allow entries and rule selection, and the checks
of what it names against the rule packs once they are loaded.

Every problem with a configuration file is a `ConfigError` whose text is one line naming the
file (with the line when known), the key and what was expected, because the CLI prints it as is
and exits 2. Where the value comes from: `loading` (finding and reading the file, with the line
of every key), `validation` (each key's value checked).

Patterns are gitignore-style, compiled once into a `PatternSet` (`settings.patterns`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from frontier_lint.scan import fileio
from frontier_lint.settings.locate import TOOL_TABLE as TOOL_TABLE
from frontier_lint.settings.patterns import PatternSet

if TYPE_CHECKING:
    from frontier_lint.settings.catalogue import Catalogue

DEFAULT_INCLUDE: tuple[str, ...] = ("**/*.py",)
# The rule that an allow entry must name to cover unresolved launch sites (never implied).
UNRESOLVED_RULE = "FL200"
# Files that cannot be parsed are never deselected: the gate would pass what it could not read.
ALWAYS_ON = frozenset({"FL201"})
SELECT_ALL = "ALL"
# A file in scope above `max-file-size` is an error entry (the gate fails closed), never read.
DEFAULT_MAX_FILE_SIZE = fileio.DEFAULT_MAX_FILE_SIZE


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
    """The configuration of a run: the project, what is in the frontier runtime, the rules."""

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
        place = f"{display_path(self.path)}:{line}" if line else display_path(self.path)
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


def display_path(path: Path) -> str:
    """The file as the user most likely spells it: relative to the CWD when inside it."""
    text = str(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


ALWAYS_ON_MESSAGE = (
    "FL201 cannot be ignored: a file that cannot be parsed cannot be checked (the gate fails "
    "closed)"
)


def unknown_code(code: str) -> str:
    return f"unknown rule code {code!r} (see --list-rules; a prefix such as FL0 selects FL0xx)"
