"""Compiled gitignore-style patterns: the configuration's `include`, `exclude` and `allow`, and
discovery's `.gitignore` files.

Patterns are compiled once with pathspec's `GitIgnoreSpec` (pathspec 0.12 and 1.x expose the same
`from_lines`/`check_file` API). What pathspec makes of each line (its regex) is remembered between
runs (`settings.memo`, keyed by pathspec's version): a run whose paths no pattern decides imports
no pathspec (with typing_extensions, ~15 % of a warm run's start-up). `PatternSet` wraps a compiled spec with a fast "can any pattern
match?" test; `NameTest` answers one-component patterns (`build/`, `*.pyc`) with set and string
tests.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontier_lint.lazy_regex import lazy_compile

if TYPE_CHECKING:
    import pathspec

_NAMED_GROUP_RE = lazy_compile(r"\(\?P<[A-Za-z_]\w*>")


@dataclass(frozen=True)
class NameTest:
    """Whether a one-component gitignore pattern (`build/`, `*.pyc`, `.env`) matches a name.

    Plain names, `*suffix` and `prefix*` are set and `str.endswith`/`startswith` tests (C speed);
    the other one-component patterns share one merged regex. Exact, not an approximation.
    """

    names: frozenset[str] = frozenset()
    suffixes: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    dir_names: frozenset[str] = frozenset()  # the same three, for `x/` patterns
    dir_suffixes: tuple[str, ...] = ()
    dir_prefixes: tuple[str, ...] = ()
    regex: re.Pattern[str] | None = None  # tried on "name", or "name/" for a directory

    def __bool__(self) -> bool:
        return bool(
            self.names
            or self.suffixes
            or self.prefixes
            or self.dir_names
            or self.dir_suffixes
            or self.dir_prefixes
            or self.regex is not None
        )

    def hit(self, name: str, is_dir: bool) -> bool:
        if name in self.names or name.endswith(self.suffixes) or name.startswith(self.prefixes):
            return True
        if is_dir:
            if (
                name in self.dir_names
                or name.endswith(self.dir_suffixes)
                or name.startswith(self.dir_prefixes)
            ):
                return True
            return self.regex is not None and self.regex.match(name + "/") is not None
        return self.regex is not None and self.regex.match(name) is not None

    @classmethod
    def merge(cls, tests: Iterable[NameTest]) -> NameTest:
        tests = [t for t in tests if t]
        if len(tests) < 2:
            return tests[0] if tests else cls()
        regexes = [f"(?:{t.regex.pattern})" for t in tests if t.regex is not None]
        return cls(
            names=frozenset().union(*(t.names for t in tests)),
            suffixes=tuple(x for t in tests for x in t.suffixes),
            prefixes=tuple(x for t in tests for x in t.prefixes),
            dir_names=frozenset().union(*(t.dir_names for t in tests)),
            dir_suffixes=tuple(x for t in tests for x in t.dir_suffixes),
            dir_prefixes=tuple(x for t in tests for x in t.dir_prefixes),
            regex=re.compile("|".join(regexes)) if regexes else None,
        )


class PatternSet:
    """Compiled gitignore-style patterns.

    `check` answers like git: the last matching pattern decides (`True` ignored/selected,
    `False` negated, `None` no pattern matched). pathspec tries every pattern's regex in turn,
    a few microseconds per path; most paths match nothing, so a merged test answers "does any
    pattern match?" first and pathspec only runs on a hit (to pick the deciding pattern):

    - `names`: the patterns without a slash, which git matches against each path component;
      tested on a component, so nothing scans the whole path once per pattern;
    - `path_regex`: every other pattern merged into one regex, tried on the whole path.
    """

    __slots__ = ("_exact", "_full", "_heads", "_names", "_negated", "_spec", "lines")

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines: tuple[str, ...] = tuple(lines)
        self._spec: pathspec.GitIgnoreSpec | None = None  # made when a path needs it
        component: list[tuple[str, str]] = []  # (pattern text, regex source without prefix)
        full: list[str] = []
        heads: set[str] = set()
        self._negated = False
        self._exact = False  # True: a regex could not be merged, always ask pathspec
        try:
            rows = compiled(self.lines)
        except re.error as exc:  # `[z-a]`: a bad pattern, as callers expect it (ValueError)
            raise ValueError(f"invalid pattern: {exc.msg}") from None
        for include, text, source in rows:
            if include is None:
                continue
            self._negated = self._negated or not include
            if source is None:
                self._exact = True
            elif source.startswith(_FLOATING) and _component_pattern(text):
                component.append((text, source[len(_FLOATING) :]))
            else:
                full.append("(?:" + source + ")")
                heads.add("" if source.startswith(_FLOATING) else _literal_head(text))
        self._heads = tuple(sorted(heads))
        try:
            self._names = _name_test(component)
            self._full = re.compile("|".join(full)) if full else None
        except re.error:
            self._names, self._full, self._exact = NameTest(), None, True

    def __bool__(self) -> bool:
        """Whether any pattern can match at all (comments and blank lines cannot)."""
        return self._exact or bool(self._names) or self._full is not None

    @property
    def names(self) -> NameTest:
        """The one-component patterns (see `could_match`)."""
        return self._names

    @property
    def path_regex(self) -> re.Pattern[str] | None:
        """The other patterns merged, tried with `match` on the whole path."""
        return self._full

    def paths_alive(self, directory: str) -> bool:
        """Whether `path_regex` can match anything in `directory` ('' or ending with '/').

        A pattern with a slash is anchored: `docs/_build/` can only match below `docs/`. Knowing
        that per directory spares the regex for every file of the other directories.
        """
        return any(h.startswith(directory) or directory.startswith(h) for h in self._heads)

    @property
    def exact_only(self) -> bool:
        """Whether the merged tests are unavailable and every path needs `check_exact`."""
        return self._exact

    def could_match(self, path: str, name: str, is_dir: bool) -> bool:
        """Whether a pattern matches `path` (with '/' if a directory) at its last component.

        Matching through an earlier component is left out: such a pattern also matches that
        directory itself, which is how a top-down walk learns that it must look closer below.
        """
        if self._exact:
            return True
        full = self._full
        if full is not None and full.match(path) is not None:
            return True
        return self._names.hit(name, is_dir)

    def _could_match(self, path: str) -> bool:
        """Whether any pattern matches `path` (exact unless `exact_only`)."""
        if self._exact:
            return True
        if self._full is not None and self._full.match(path) is not None:
            return True
        names = self._names
        if not names:
            return False
        parts = path.split("/")
        last = len(parts) - 1
        return any(names.hit(part, index < last) for index, part in enumerate(parts) if part)

    def check(self, path: str) -> tuple[bool | None, int | None]:
        """The deciding pattern for `path` ('/'-separated, a trailing '/' marks a directory)."""
        if not self._could_match(path):
            return None, None
        return self.check_exact(path)

    def check_exact(self, path: str) -> tuple[bool | None, int | None]:
        result = self._pathspec().check_file(path)
        return result.include, result.index

    def _pathspec(self) -> pathspec.GitIgnoreSpec:
        if self._spec is None:
            self._spec = _spec_of(self.lines)
        return self._spec

    def match(self, path: str) -> bool:
        if not self._could_match(path):
            return False
        if not self._negated and not self._exact:
            return True  # without negations, "some pattern matches" is the answer
        return bool(self.check_exact(path)[0])

    def pattern(self, index: int) -> str:
        """The source text of the compiled pattern number `index` (as `check` reports it)."""
        return str(self._pathspec().patterns[index].pattern or "")

    def dir_only(self, index: int) -> bool:
        """Whether pattern `index` ends with '/', i.e. names a directory itself."""
        return self.pattern(index).rstrip().endswith("/")


def _spec_of(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except re.error as exc:  # `[z-a]`: a bad pattern, as callers expect it (ValueError)
        raise ValueError(f"invalid pattern: {exc.msg}") from None


# What pathspec makes of one line: the patterns it yields (none for a blank line), each as
# (include: None for a comment, its text, its regex source for merging or None: see
# `_regex_source`).
_Row = tuple[bool | None, str, str | None]
_MEMO_KIND = "patterns"
_rows: dict[str, list[_Row]] | None = None  # this process's table, loaded on first use
_rows_stamp = b""
_used: set[str] = set()  # the lines this process asked for
# The table is one file for every project of this user: past this many lines, it keeps only
# the lines of the process that writes it (an old project's lines are compiled again).
MAX_REMEMBERED_LINES = 4096


def compiled(lines: tuple[str, ...]) -> list[_Row]:
    """Each line's rows, from the table remembered between runs; the lines it does not hold
    are compiled with pathspec (which raises `re.error`, ValueError or TypeError for a bad
    one) and the table is kept again."""
    global _rows, _rows_stamp
    from frontier_lint.settings import memo

    if _rows is None:
        _rows_stamp = _pathspec_stamp()
        found = memo.recall(_MEMO_KIND, table_location(_rows_stamp), _rows_stamp)
        _rows = found[0] if found is not None and _valid_table(found[0]) else {}
    table = _rows
    _used.update(lines)
    missing = [line for line in dict.fromkeys(lines) if line not in table]
    if missing:
        import pathspec

        for line in missing:
            spec = pathspec.GitIgnoreSpec.from_lines([line])
            spec.check_file("x")  # some pathspec versions compile the regex on first use
            table[line] = [
                (getattr(pat, "include", None), str(pat.pattern), _regex_source(pat))
                for pat in spec.patterns
            ]
        if len(table) > MAX_REMEMBERED_LINES:
            table = _rows = {line: table[line] for line in _used}
        memo.keep(_MEMO_KIND, table_location(_rows_stamp), _rows_stamp, table)
    return [row for line in lines for row in table[line]]


def table_location(stamp: bytes) -> str:
    """Where the table of the pathspec with this stamp is kept: one per installation, so two
    installations run in turn (a branch and main, two virtual environments) do not each
    replace the other's table and compile every pattern again on every run."""
    return f"lines-{stamp[:16].decode()}"


def _valid_table(value: Any) -> bool:
    """Whether a remembered table has the shape `compiled` writes (else it is made again)."""
    return type(value) is dict and all(
        type(line) is str
        and type(rows) is list
        and all(
            type(row) is tuple
            and len(row) == 3
            and row[0] in (None, True, False)
            and type(row[1]) is str
            and (row[2] is None or type(row[2]) is str)
            for row in rows
        )
        for line, rows in value.items()
    )


def _pathspec_stamp() -> bytes:
    """Which pathspec compiles the patterns (its version files), without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("pathspec")
    places = list(spec.submodule_search_locations or []) if spec is not None else []
    stamp = hashlib.sha256(repr(places).encode())
    for place in places:
        for name in ("_version.py", "_meta.py"):
            try:
                with open(f"{place}/{name}", "rb") as fh:
                    stamp.update(fh.read())
            except OSError:
                stamp.update(b"-")
    return stamp.hexdigest().encode()


# How pathspec (0.12 and 1.x) starts the regex of a pattern that may match at any depth.
_FLOATING = "^(?:.+/)?"
_GLOB_CHARS = frozenset("*?[\\")


def _component_pattern(text: str) -> bool:
    """Whether a gitignore pattern matches within one path component (git: "no slash")."""
    core = text.strip()
    core = core[1:] if core.startswith("!") else core
    core = core[:-1] if core.endswith("/") else core
    # `[!x]` / `[^x]` become `[^x]` in pathspec, which can match '/': keep those on full paths.
    return bool(core) and "/" not in core and "[!" not in core and "[^" not in core


def _literal_head(text: str) -> str:
    """The literal start of an anchored pattern: every path it matches begins with it."""
    if text[:1].isspace():
        return ""  # pathspec versions disagree on leading blanks: assume nothing
    core = text[1:] if text.startswith("!") else text
    core = core.lstrip("/")
    for index, char in enumerate(core):
        if char in _GLOB_CHARS or char.isspace():
            return core[:index]
    return core


def _name_test(patterns: list[tuple[str, str]]) -> NameTest:
    """Sort one-component patterns into literal names, `*suffix`, `prefix*` and the rest."""
    sets: dict[str, set[str]] = {k: set() for k in ("n", "s", "p", "dn", "ds", "dp")}
    regexes: list[str] = []
    for text, source in patterns:
        core = text[1:] if text.startswith("!") else text
        is_dir = core.endswith("/")
        core = core[:-1] if is_dir else core
        kind = ""
        if core and core == core.strip() and core[0] not in "#!":
            if not _GLOB_CHARS.intersection(core):
                kind = "n"
            elif core[0] == "*" and not _GLOB_CHARS.intersection(core[1:]):
                kind, core = "s", core[1:]
            elif core[-1] == "*" and not _GLOB_CHARS.intersection(core[:-1]):
                kind, core = "p", core[:-1]
        if kind:
            sets[("d" if is_dir else "") + kind].add(core)
        else:
            regexes.append(f"(?:{source})")
    return NameTest(
        names=frozenset(sets["n"]),
        suffixes=tuple(sorted(sets["s"])),
        prefixes=tuple(sorted(sets["p"])),
        dir_names=frozenset(sets["dn"]),
        dir_suffixes=tuple(sorted(sets["ds"])),
        dir_prefixes=tuple(sorted(sets["dp"])),
        regex=re.compile("|".join(regexes)) if regexes else None,
    )


def _regex_source(pat: Any) -> str | None:
    """The pattern's regex with named groups made anonymous (their names clash when merged)."""
    regex = getattr(pat, "regex", None)
    if not isinstance(regex, re.Pattern) or not isinstance(regex.pattern, str):
        return None
    if regex.flags != _DEFAULT_FLAGS or "(?P=" in regex.pattern:
        return None  # flags or back-references would change meaning once merged
    return _NAMED_GROUP_RE.sub("(?:", regex.pattern)


_DEFAULT_FLAGS = re.compile("").flags
