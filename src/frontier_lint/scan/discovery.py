"""File discovery: the analysis scope (the whole project) and the targets (what the user named).

The walk is a hand-rolled `os.scandir` loop over plain strings: it prunes skipped and ignored
directories before entering them, tests only `.py` files and directories against the ignore
rules, and compiles each `.gitignore` once. That keeps a 6,400-file tree at a few milliseconds on
top of the operating system's own directory reads.

Ignore semantics follow git: `.gitignore` files at every level (a deeper file overrides a
shallower one, patterns are relative to their file's directory), `.gitignore` files above the
root up to the repository's top, and `.git/info/exclude`. A file below an ignored directory
cannot be re-included, because that directory is never entered.

Only regular files are taken: a FIFO, socket or device (or a symlink to one) inside the tree is
skipped, and one named on the command line is an error. A directory that cannot be listed is
recorded with the reason (the engine reports those in the report scope); so is a `.py` entry
whose type cannot be read, which is kept so that reading it reports why.

Files named on the command line are analysed whatever their name; those that are Python without
a `.py` name (`.pyw`, or no extension and a `python` shebang, what pre-commit's `types: [python]`
selects) are listed as `scripts` so that `include` can select them like `.py` files.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.fileio import ReadError, read_head, read_regular
from frontier_lint.settings.patterns import NameTest, PatternSet

# ruff's default `exclude` list, plus bytecode caches and our own cache.
SKIP_DIRS = frozenset(
    {
        ".bzr",
        ".direnv",
        ".eggs",
        ".git",
        ".git-rewrite",
        ".hg",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".nox",
        ".pants.d",
        ".pyenv",
        ".pytest_cache",
        ".pytype",
        ".ruff_cache",
        ".svn",
        ".tox",
        ".venv",
        ".vscode",
        "__pypackages__",
        "_build",
        "buck-out",
        "dist",
        "node_modules",
        "site-packages",
        "venv",
        "__pycache__",
        ".frontier-lint-cache",
    }
)
# A directory holding this file is a virtual environment whatever its name (`env`, `.py311`).
VENV_MARKER = "pyvenv.cfg"
GITIGNORE = ".gitignore"
# Bound on the ignore files and git's small files read here (an oversized one is left unread,
# which walks more files, not fewer).
SMALL_FILE_LIMIT = 16 << 20
# A shebang naming a Python interpreter: `#!/usr/bin/python`, `#!/usr/bin/env python3.12`.
_PYTHON_NAME_RE = lazy_compile(r"(?:python|pypy)[0-9.]*")


class DiscoveryError(Exception):
    """A path argument that cannot be linted (exit 2)."""


@dataclass(frozen=True)
class Discovery:
    """The files of a project that a run looks at, and what could not be listed."""

    root: Path
    # Every .py file of the analysis scope, plus every explicitly named file (those are analysed
    # even when ignored or not named *.py). Relative '/' paths, sorted.
    files: tuple[str, ...]
    # The files named by the user's paths, directories expanded (empty when no path was given:
    # the caller decides what that means). Relative '/' paths, sorted. The report scope before
    # include/exclude.
    targets: tuple[str, ...]
    # Directories that could not be listed (permissions, races) as (relative path, reason);
    # '.' for the root.
    unreadable: tuple[tuple[str, str], ...] = ()
    # Those of them inside the paths the user named (all of them when none was named).
    unreadable_targets: tuple[tuple[str, str], ...] = ()
    # Named files that are Python without a `.py` name (`.pyw`, a `python` shebang).
    scripts: tuple[str, ...] = ()


class _Layer(NamedTuple):  # (not a dataclass: created at every start-up, ~1 ms)
    """One ignore file: its patterns and how a root-relative path maps into its directory."""

    base: str  # root-relative directory of the file, '' or ending with '/'
    lift: str  # prefix for files above the root ('sub/' when the root is <top>/sub)
    patterns: PatternSet
    # Pattern indices to disregard: those that exclude a directory the user named explicitly,
    # so that its contents are still walked (like ruff and ripgrep do).
    skip: frozenset[int] = frozenset()


def discover(root: Path, paths: Sequence[Path]) -> Discovery:
    """Walk the project under `root` and resolve `paths` (files or dirs, relative to the CWD)."""
    root_str = os.path.abspath(root)
    if not os.path.isdir(root_str):
        raise DiscoveryError(f"project root is not a directory: {root_str}")
    walker = _Walker(root_str)
    named_files, named_dirs = _classify(root_str, paths)

    walker.walk("", _base_layers(root_str), taint=0, top=True)
    scope = sorted(walker.files)
    files = set(scope)
    if not paths:
        unreadable = walker.unreadable_dirs()
        return Discovery(Path(root_str), tuple(scope), (), unreadable, unreadable)

    targets: set[str] = set(named_files)
    files.update(named_files)
    for rel in named_dirs:
        prefix = rel + "/" if rel else ""
        if prefix in walker.walked:
            # Already in the scope walk: its files are a contiguous run of the sorted list.
            start = bisect.bisect_left(scope, prefix)
            end = start
            while end < len(scope) and scope[end].startswith(prefix):
                end += 1
            targets.update(scope[start:end])
        else:
            # Named explicitly but ignored or skipped itself: walk it anyway.
            found = walker.walk_explicit(rel)
            targets.update(found)
            files.update(found)
    unreadable = walker.unreadable_dirs()
    return Discovery(
        root=Path(root_str),
        files=tuple(sorted(files)),
        targets=tuple(sorted(targets)),
        unreadable=unreadable,
        unreadable_targets=tuple(
            (rel, why) for rel, why in unreadable if _below_any(rel, named_dirs)
        ),
        scripts=tuple(
            sorted(f for f in named_files if is_python_script(os.path.join(root_str, f)))
        ),
    )


def _below_any(rel: str, dirs: Sequence[str]) -> bool:
    """Whether directory `rel` ('.' for the root) is one of `dirs` or below one."""
    rel = "" if rel == "." else rel
    return any(not d or rel == d or rel.startswith(d + "/") for d in dirs)


def may_hold(include: Sequence[str], exclude: Sequence[str], directory: str) -> bool:
    """Whether a directory (relative, '.' for the root) may hold files that `include` selects
    and `exclude` leaves: erring towards yes, for a directory whose files cannot be listed."""
    prefix = "" if directory == "." else directory + "/"
    if prefix and PatternSet(exclude).match(prefix):
        return False  # excluded as a whole (`app/**/tests/**`, `legacy/`)
    selected = PatternSet(include)
    if selected.exact_only or selected.names:
        return True  # a pattern without a slash may match a name at any depth
    regex = selected.path_regex
    return regex is not None and selected.paths_alive(prefix)


def is_python_script(path: str) -> bool:
    """Whether a file without a `.py` name is Python: `.pyw`, or no extension and a shebang
    naming a Python interpreter (pre-commit's `identify` tags both `python`)."""
    if path.endswith(".py"):
        return False
    if path.endswith(".pyw"):
        return True
    if os.path.splitext(os.path.basename(path))[1]:
        return False  # another extension decides (`tool.sh` is shell, whatever its shebang)
    head = read_head(path, 256)
    if head is None or not head.startswith(b"#!"):
        return False
    words = head[2:].split(b"\n", 1)[0].decode("utf-8", "replace").split()
    if words and os.path.basename(words[0]) == "env":
        # `env [-S] [-i] [NAME=value ...] python3`: the first word that is neither.
        words = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    return bool(words) and _PYTHON_NAME_RE.fullmatch(os.path.basename(words[0])) is not None


def _classify(root_str: str, paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    """Split the user's paths into root-relative files and directories, checking each."""
    root_real = os.path.realpath(root_str)
    files: list[str] = []
    dirs: list[str] = []
    for path in paths:
        absolute = os.path.abspath(path)
        try:
            mode = os.stat(absolute).st_mode
        except OSError as exc:
            if not os.path.lexists(absolute) or isinstance(exc, FileNotFoundError):
                raise DiscoveryError(f"path does not exist: {path}") from None
            raise DiscoveryError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
            # A FIFO would block the read for ever, /dev/zero never end it.
            raise DiscoveryError(f"{path}: not a regular file")
        rel = _relative(absolute, root_str)
        if rel is None:
            # Through a symlinked parent (e.g. /tmp -> /private/tmp) the textual test fails.
            rel = _relative(os.path.realpath(absolute), root_real)
        if rel is None:
            raise DiscoveryError(f"path is outside the project root {root_str}: {path}")
        (dirs if stat.S_ISDIR(mode) else files).append(rel)
    return files, dirs


def _relative(path: str, root: str) -> str | None:
    if path == root:
        return ""
    prefix = root if root.endswith(os.sep) else root + os.sep
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix) :]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _read_small(file: str) -> str | None:
    """The text of one of git's small files, or None (missing, not a regular file, oversized)."""
    try:
        data, _ = read_regular(file, SMALL_FILE_LIMIT)
    except ReadError:
        return None
    return data.decode("utf-8-sig", errors="replace")  # git skips a BOM


def _read_patterns(file: str) -> PatternSet | None:
    text = _read_small(file)
    if text is None:
        return None
    lines = text.splitlines()
    try:
        patterns = PatternSet(lines)
    except (ValueError, TypeError):
        # Git skips a malformed line and keeps the rest; so do we (a comment keeps indices).
        patterns = PatternSet(_valid_line(line) for line in lines)
    return patterns if patterns else None


def _valid_line(line: str) -> str:
    try:
        PatternSet((line,))
    except (ValueError, TypeError):
        return "#"
    return line


def _git_dir(top: str) -> str | None:
    """The directory holding `info/exclude` for the work tree at `top`."""
    dot_git = os.path.join(top, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    text = _read_small(dot_git)  # a worktree or submodule: `.git` is a file "gitdir: <path>"
    if text is None or not text.strip().startswith("gitdir:"):
        return None
    git_dir = os.path.join(top, text.strip()[len("gitdir:") :].strip())
    common = _read_small(os.path.join(git_dir, "commondir"))
    return git_dir if common is None else os.path.normpath(os.path.join(git_dir, common.strip()))


def _base_layers(root_str: str) -> tuple[_Layer, ...]:
    """The ignore files that apply at the root: `info/exclude`, then `.gitignore`s above it."""
    top = root_str
    while not os.path.exists(os.path.join(top, ".git")):
        parent = os.path.dirname(top)
        if parent == top:
            return ()  # not in a git work tree: only the .gitignore files inside the root
        top = parent
    layers: list[_Layer] = []
    git_dir = _git_dir(top)
    lift_root = _relative(root_str, top) or ""
    lift_root = lift_root + "/" if lift_root else ""
    if git_dir is not None:
        patterns = _read_patterns(os.path.join(git_dir, "info", "exclude"))
        if patterns is not None:
            layers.append(_Layer("", lift_root, patterns))
    # .gitignore files of the directories strictly above the root, outermost first.
    directory = top
    for part in lift_root.split("/")[:-1]:
        patterns = _read_patterns(os.path.join(directory, GITIGNORE))
        if patterns is not None:
            inner = _relative(root_str, directory) or ""
            layers.append(_Layer("", inner + "/", patterns))
        directory = os.path.join(directory, part)
    return tuple(layers)


def _merged_names(layers: Sequence[_Layer], taint: int) -> NameTest | None:
    """Every layer's one-component patterns as one test; None when _decide must always run.

    That is when a layer is tainted (see _decide) or its patterns could not be merged.
    """
    for position, layer in enumerate(layers):
        if (taint >> position) & 1 or layer.patterns.exact_only:
            return None
    return NameTest.merge(layer.patterns.names for layer in layers)


def _decide(
    layers: Sequence[_Layer], taint: int, rel: str, name: str, is_dir: bool
) -> tuple[int, int] | None:
    """(layer position, pattern index) of the rule ignoring `rel`, None when it is not ignored.

    `name` is the last component of `rel`. Bit i of `taint` says that a pattern of layer i
    matched an ancestor directory; only then can that layer match `rel` through an ancestor,
    otherwise looking at `rel` and `name` with the merged tests is enough.
    """
    path = rel + "/" if is_dir else rel
    for position in range(len(layers) - 1, -1, -1):  # the deepest ignore file wins
        layer = layers[position]
        local = layer.lift + path[len(layer.base) :]
        patterns = layer.patterns
        if not (taint >> position) & 1 and not patterns.could_match(local, name, is_dir):
            continue
        include, index = patterns.check_exact(local)
        if include is None or index is None or index in layer.skip:
            continue
        if not include:
            return None
        # pathspec matches `dir/**` against "dir/"; git does not exclude the directory itself
        # then, so `!dir/keep.py` still works. Unless the pattern names directories (`x/`),
        # ask again without the marker.
        contents_only = (
            is_dir
            and not layer.patterns.dir_only(index)
            and not layer.patterns.check_exact(local[:-1])[0]
        )
        return None if contents_only else (position, index)
    return None


def _taint(layers: Sequence[_Layer], taint: int, rel: str, name: str) -> int:
    """`taint` plus the layers with a pattern that may match directory `rel` (see _decide)."""
    path = rel + "/"
    for position, layer in enumerate(layers):
        if not (taint >> position) & 1 and layer.patterns.could_match(
            layer.lift + path[len(layer.base) :], name, True
        ):
            taint |= 1 << position
    return taint


class _Walker:
    """The state of one discovery: the files found, the directories entered, the loops avoided."""

    def __init__(self, root_str: str) -> None:
        self.root = root_str
        self.root_real = os.path.realpath(root_str)
        self.files: list[str] = []
        self.walked: set[str] = set()  # root-relative prefixes ('' or 'a/b/') entered
        self.unreadable: dict[str, str] = {}  # relative directory -> why it cannot be listed
        self._outside: set[tuple[int, int]] = set()  # symlink targets outside the root, entered

    def walk(self, start: str, layers: tuple[_Layer, ...], taint: int, top: bool) -> list[str]:
        """Collect the .py files under root-relative directory `start`; return those found."""
        found: list[str] = []
        prefix = start + "/" if start else ""
        directory = os.path.join(self.root, start) if start else self.root
        stack: list[tuple[str, str, tuple[_Layer, ...], int, NameTest | None, bool]] = [
            (directory, prefix, layers, taint, _merged_names(layers, taint), top)
        ]
        skip_dirs = SKIP_DIRS
        while stack:
            directory, prefix, layers, taint, names, top = stack.pop()
            try:
                with os.scandir(directory) as it:
                    entries = list(it)
            except OSError as exc:
                self.unreadable.setdefault(prefix[:-1] or ".", exc.strerror or str(exc))
                continue
            py_names: list[str] = []
            subdirs: list[os.DirEntry[str]] = []
            has_gitignore = is_venv = False
            for entry in entries:
                name = entry.name
                try:
                    if entry.is_dir():
                        if name not in skip_dirs:
                            subdirs.append(entry)
                        continue
                    # is_file: not a broken symlink, socket or fifo
                    if name.endswith(".py") and entry.is_file():
                        py_names.append(name)
                        continue
                except OSError:
                    # Its type cannot be read (a symlink into a directory we may not enter):
                    # keep a .py name, so that reading it reports why, rather than lose it.
                    if name.endswith(".py"):
                        py_names.append(name)
                    continue
                if name == GITIGNORE:
                    has_gitignore = True
                elif name == VENV_MARKER:
                    is_venv = True
            if is_venv and not top:
                continue
            self.walked.add(prefix)
            if has_gitignore:
                patterns = _read_patterns(directory + os.sep + GITIGNORE)
                if patterns is not None:
                    layers = (*layers, _Layer(prefix, "", patterns))
                    names = _merged_names(layers, taint)
            if not layers:
                found.extend(prefix + name for name in py_names)
                paths: list[tuple[re.Pattern[str], str, int]] = []
            else:
                # The anchored patterns that can match here, as (regex, lift, len(base)).
                paths = []
                for layer in layers:
                    regex, cut = layer.patterns.path_regex, len(layer.base)
                    if regex is not None and layer.patterns.paths_alive(layer.lift + prefix[cut:]):
                        paths.append((regex, layer.lift, cut))
                for name in py_names:
                    rel = prefix + name
                    if (
                        names is None
                        or names.hit(name, False)
                        or (paths and any(r.match(lift + rel[cut:]) for r, lift, cut in paths))
                    ) and _decide(layers, taint, rel, name, False) is not None:
                        continue
                    found.append(rel)
            # Name order, so that which of two symlinks to one target is entered is stable.
            subdirs.sort(key=lambda e: e.name)
            children: list[tuple[str, str, tuple[_Layer, ...], int, NameTest | None, bool]] = []
            for entry in subdirs:
                name = entry.name
                rel = prefix + name
                child_taint, child_names = taint, names
                if layers and (
                    names is None
                    or names.hit(name, True)
                    or any(r.match(lift + rel[cut:] + "/") for r, lift, cut in paths)
                ):
                    child_taint = _taint(layers, taint, rel, name)
                    if _decide(layers, child_taint, rel, name, True) is not None:
                        continue
                    if child_taint != taint:
                        child_names = _merged_names(layers, child_taint)
                if entry.is_symlink() and not self._enter_symlink(entry.path):
                    continue
                children.append((entry.path, rel + "/", layers, child_taint, child_names, False))
            stack.extend(reversed(children))  # popped in name order
        self.files.extend(found)
        return found

    def unreadable_dirs(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.unreadable.items()))

    def _enter_symlink(self, path: str) -> bool:
        """Follow a directory symlink only to outside the root, and only once per target."""
        real = os.path.realpath(path)
        if real == self.root_real or real.startswith(self.root_real + os.sep):
            return False  # its files are walked under their real path already; avoids loops
        try:
            st = os.stat(real)
        except OSError:
            return False
        key = (st.st_dev, st.st_ino)
        if key in self._outside:
            return False
        self._outside.add(key)
        return True

    def walk_explicit(self, rel: str) -> list[str]:
        """Walk a directory the user named although it is ignored (or inside an ignored one).

        The rules of every ancestor apply below it, except the patterns that exclude the named
        directory or one of its ancestors: naming it overrides exactly those.
        """
        layers = list(_base_layers(self.root))
        every = -1  # all taint bits: the named path matched, so check exactly below it
        parts = rel.split("/")
        for depth in range(len(parts) + 1):
            current = "/".join(parts[:depth])
            if depth:
                decided = _decide(layers, every, current, parts[depth - 1], True)
                while decided is not None:
                    position, index = decided
                    layer = layers[position]
                    layers[position] = layer._replace(skip=layer.skip | {index})
                    decided = _decide(layers, every, current, parts[depth - 1], True)
            if depth < len(parts):  # the named directory's own .gitignore is read by walk()
                prefix = current + "/" if current else ""
                patterns = _read_patterns(os.path.join(self.root, current, GITIGNORE))
                if patterns is not None:
                    layers.append(_Layer(prefix, "", patterns))
        return self.walk(rel, tuple(layers), taint=every, top=True)
