"""Decide which programs an argv, a shell command line or a program path starts.

One matcher serves the linter (on resolved values, where unknown text is HOLE and unknown argv
items are None) and the runtime guard (on the real argv of every launch), so both agree on what is
forbidden. Everything it knows about launchers, shells and forbidden names comes from the rule
catalogue; this module only knows how argv and shell command lines are shaped.

Recognition in brief: the program is the basename of the first word (`/usr/bin/codex`,
`C:\\tools\\claude.exe`), exact names only; launchers (`env A=1`, `sudo -u x`, `timeout 5`,
`npx @openai/codex@1.2`, ...) and shells (`bash -lc "cd x && codex"`) are followed recursively;
arguments are never programs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from frontier_lint.rules import SINK_KINDS, Catalogue, LauncherSpec
from frontier_lint.shell import HOLE, is_assignment, split_commands

__all__ = ["HOLE", "ProgramHit", "ProgramMatcher", "Verdict", "basename", "program_name"]

# Windows resolves these extensions itself: `claude.cmd` is how npm installs `claude` there.
_WINDOWS_EXTENSIONS = (".exe", ".cmd", ".bat", ".com", ".ps1")
_SEPARATORS = re.compile(r"[\\/]")
_DRIVE = re.compile(r"^[A-Za-z]:")
# Shell options that take the next word as their value (`bash -o pipefail -c ...`); the same in
# every POSIX shell, so they are not rule-pack data.
_SHELL_OPTIONS_WITH_VALUE = frozenset({"-o", "+o", "-O", "+O", "--rcfile", "--init-file"})
_SHELL_COMMAND_CLUSTER = re.compile(r"-[A-Za-z]*c[A-Za-z]*")
_MAX_DEPTH = 24  # launchers inside launchers inside shells...
# Commands that look programs up without running them (`which gemini`, `command -v claude`):
# a probe of each name they are given, as `shutil.which` is. POSIX utilities and shell
# built-ins, like the shell options above.
_PROBE_COMMANDS = frozenset({"which", "where", "whereis", "type", "hash"})
_COMMAND_PROBE_FLAGS = frozenset({"-v", "-V"})


@dataclass(frozen=True)
class ProgramHit:
    program: str  # canonical forbidden name, e.g. "codex"
    rule_ids: tuple[str, ...]  # the rules that forbid it (for the sink kind matched)
    word: str  # the word that matched, e.g. "/usr/bin/codex" or "@openai/codex@1.2"
    via: tuple[str, ...] = ()  # launcher chain, e.g. ("npx",) or ("bash -c", "env")


@dataclass(frozen=True)
class Verdict:
    hits: tuple[ProgramHit, ...] = ()
    unknown: str | None = None  # why some program position could not be determined
    programs: tuple[str, ...] = ()  # every program identified, forbidden or not

    @property
    def forbidden(self) -> bool:
        return bool(self.hits)

    @property
    def clean(self) -> bool:
        """Every program is known and none is forbidden."""
        return not self.hits and self.unknown is None


_CLEAN = Verdict()


def basename(word: str) -> str:
    """The last path component, for POSIX and Windows separators alike."""
    return _SEPARATORS.split(word)[-1]


def program_name(word: str) -> str | None:
    """The program a word names: its basename, Windows extension removed. None if unknown."""
    base = basename(word)
    if HOLE in base:
        return None
    if base is word and _DRIVE.match(word):
        base = base[2:]  # `D:codex.exe`: a drive-relative Windows path
    lower = base.lower()
    for ext in _WINDOWS_EXTENSIONS:
        if lower.endswith(ext) and len(base) > len(ext):
            return lower[: -len(ext)]  # Windows names are case-insensitive
    if "\\" in word or _DRIVE.match(word):
        return lower
    return base


def _unknown_program(via: tuple[str, ...]) -> str:
    return f"program after `{via[-1]}` is not known" if via else "the program is not known"


def _package_name(spec: str) -> str:
    """`@openai/codex@1.2` -> `@openai/codex`; `cowsay@latest` -> `cowsay`."""
    if spec.startswith("@"):
        at = spec.find("@", 1)
        return spec if at < 0 else spec[:at]
    return spec.split("@", 1)[0]


@dataclass(frozen=True)
class _KindTable:
    """What one sink kind forbids, precomputed so a match is a few dict look-ups."""

    programs: Mapping[str, tuple[str, ...]]  # program -> rule ids
    packages: Mapping[str, tuple[str, tuple[str, ...]]]  # npm package -> (program, rule ids)


@dataclass
class _Acc:
    """What a walk found; turned into a Verdict at the end."""

    table: _KindTable
    hits: list[ProgramHit] = field(default_factory=list)
    unknown: str | None = None
    programs: list[str] = field(default_factory=list)

    def hit(self, program: str, word: str, via: tuple[str, ...]) -> None:
        rule_ids = self.table.programs.get(program)
        if rule_ids is None:
            return
        if any(h.program == program and h.via == via for h in self.hits):
            return  # `npx -p @openai/codex codex` names it twice
        self.hits.append(ProgramHit(program, rule_ids, word, via))

    def saw(self, program: str) -> None:
        if program and program not in self.programs:
            self.programs.append(program)

    def unknown_because(self, why: str) -> None:
        if self.unknown is None:
            self.unknown = why

    def verdict(self) -> Verdict:
        if not self.hits and self.unknown is None and not self.programs:
            return _CLEAN
        # A program both looked up and started (`$(which codex) exec`) is reported as started.
        started = {h.program for h in self.hits if self.table.programs.get(h.program) == h.rule_ids}
        hits = [
            h
            for h in self.hits
            if h.program not in started or self.table.programs.get(h.program) == h.rule_ids
        ]
        return Verdict(tuple(hits), self.unknown, tuple(self.programs))


class ProgramMatcher:
    """Matches argv, shell command lines and program paths against a rule catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        tables: dict[str, _KindTable] = {}
        for kind in SINK_KINDS:
            progs: dict[str, list[str]] = {}
            pkgs: dict[str, tuple[str, list[str]]] = {}
            for rule in catalogue.rules_for_kind(kind):
                for prog in rule.programs:
                    progs.setdefault(prog, []).append(rule.id)
                for pkg, prog in rule.npm_packages.items():
                    progs.setdefault(prog, [])
                    if rule.id not in progs[prog]:
                        progs[prog].append(rule.id)
                    pkgs.setdefault(pkg, (prog, []))[1].append(rule.id)
            tables[kind] = _KindTable(
                programs={p: tuple(ids) for p, ids in progs.items()},
                packages={k: (p, tuple(ids)) for k, (p, ids) in pkgs.items()},
            )
        self._tables = tables
        self._empty = _KindTable({}, {})
        self._launchers: Mapping[str, LauncherSpec] = dict(catalogue.launchers)
        self._shells = frozenset(catalogue.shells)
        self._shell_flags = frozenset(catalogue.shell_command_flags)
        # Every name that can matter: a word whose program is none of these is clean at once.
        self._interesting = frozenset(
            set(self._launchers) | self._shells | {p for t in tables.values() for p in t.programs}
        )

    # -- public API -------------------------------------------------------------------------------
    def match_argv(
        self, argv: Sequence[str | None], *, complete: bool = True, kind: str = "exec"
    ) -> Verdict:
        """The programs an argv starts (None items are unknown words)."""
        acc = _Acc(self._tables.get(kind, self._empty))
        try:
            self._walk(list(argv), 0, complete, (), acc, 0, ())
        except Exception as exc:  # defensive: never let odd input break a lint run or a launch
            acc.unknown_because(f"cannot analyse argv: {type(exc).__name__}")
        return acc.verdict()

    def match_shell(self, command: str | None, *, kind: str = "shell") -> Verdict:
        """The programs a shell command line starts (`os.system`, `shell=True`)."""
        acc = _Acc(self._tables.get(kind, self._empty))
        if command is None:
            acc.unknown_because("the shell command line is not known")
            return acc.verdict()
        try:
            self._shell_text(command, (), acc, 0, "shell command line")
        except Exception as exc:  # defensive, as above
            acc.unknown_because(f"cannot analyse shell command line: {type(exc).__name__}")
        return acc.verdict()

    def match_program(self, word: str | None, *, kind: str = "exec") -> Verdict:
        """A single program path or name (`os.execv` path, `shutil.which` argument).

        Launchers are not followed: their arguments are not part of the word.
        """
        acc = _Acc(self._tables.get(kind, self._empty))
        if word is None:
            acc.unknown_because("the program is not known")
            return acc.verdict()
        name = program_name(word)
        if name is None:
            acc.unknown_because("the program is not known")
        else:
            acc.saw(name)
            acc.hit(name, word, ())
        return acc.verdict()

    # -- the walk ---------------------------------------------------------------------------------
    def _walk(
        self,
        words: list[str | None],
        i: int,
        complete: bool,
        via: tuple[str, ...],
        acc: _Acc,
        depth: int,
        stdin: tuple[str, ...],
    ) -> None:
        """Match the program at words[i] and follow it when it is a launcher or a shell."""
        if i >= len(words):
            if not complete:
                acc.unknown_because(_unknown_program(via))
            return
        word = words[i]
        name = None if word is None else program_name(word)
        if word is None or name is None:
            acc.unknown_because(_unknown_program(via))
            return
        acc.saw(name)
        if name in _PROBE_COMMANDS or (
            name == "command" and i + 1 < len(words) and words[i + 1] in _COMMAND_PROBE_FLAGS
        ):
            self._probes(words, i + 1, (*via, name), acc)
            return
        if name not in self._interesting:
            return
        acc.hit(name, word, via)
        if depth >= _MAX_DEPTH:
            acc.unknown_because("too many nested launchers")
            return
        if name in self._shells:
            self._shell(words, i + 1, complete, name, via, acc, depth, stdin)
            return
        spec = self._launchers.get(name)
        if spec is not None:
            self._launcher(spec, words, i + 1, complete, via, acc, depth)

    def _probes(self, words: list[str | None], i: int, via: tuple[str, ...], acc: _Acc) -> None:
        """The names a lookup command is given, matched as probes (FL002's programs)."""
        table = self._tables.get("probe")
        for word in words[i:]:
            if table is None:
                return
            if word is None or word.startswith("-"):
                continue  # options; an unknown name probes for something unknown: no launch
            name = program_name(word)
            rule_ids = table.programs.get(name) if name is not None else None
            if (
                name is not None
                and rule_ids
                and not any(h.program == name and h.via == via for h in acc.hits)
            ):
                acc.hits.append(ProgramHit(name, rule_ids, word, via))

    def _shell(
        self,
        words: list[str | None],
        i: int,
        complete: bool,
        name: str,
        via: tuple[str, ...],
        acc: _Acc,
        depth: int,
        stdin: tuple[str, ...],
    ) -> None:
        """`sh [options] -c LINE`, `sh [options] SCRIPT`, or `sh` reading standard input."""
        command_flag: str | None = None
        n = len(words)
        while i < n:
            w = words[i]
            if w is None:
                break  # the command line (after -c) or an unknown argument: decided below
            if w == "--" or w == "-":
                i += 1
                break
            if w in _SHELL_OPTIONS_WITH_VALUE:
                i += 2
                continue
            if w[:1] in "-+" and len(w) > 1 and HOLE not in w:
                if w in self._shell_flags or _SHELL_COMMAND_CLUSTER.fullmatch(w):
                    command_flag = w
                i += 1
                continue
            break
        if command_flag is not None:
            label = f"{name} {command_flag}"
            if i >= n:
                if not complete:
                    acc.unknown_because(f"command line after `{label}` is not known")
                return
            line = words[i]
            if line is None:
                acc.unknown_because(f"command line after `{label}` is not known")
                return
            self._shell_text(line, (*via, label), acc, depth + 1, f"`{label}` command line")
            return
        if i < n and words[i] is None:
            acc.unknown_because(f"arguments of `{name}` are not known")
            return
        if i < n:
            # `bash script.sh`: the script is what runs (as if started directly).
            self._walk(words, i, complete, (*via, name), acc, depth + 1, ())
            return
        if not complete:
            acc.unknown_because(f"arguments of `{name}` are not known")
        elif stdin:
            for text in stdin:  # `bash <<EOF ... EOF`: the here-document is the script
                self._shell_text(text, (*via, name), acc, depth + 1, f"`{name}` standard input")
        else:
            acc.unknown_because(f"`{name}` reads its commands from standard input")

    def _shell_text(
        self, text: str, via: tuple[str, ...], acc: _Acc, depth: int, where: str
    ) -> None:
        split = split_commands(text)
        if not split.complete:
            acc.unknown_because(f"{where} is incomplete ({split.problem})")
        for cmd in split.commands:
            words: list[str | None] = list(cmd.words)
            j = 0
            while j < len(words) and is_assignment(words[j] or ""):
                j += 1  # `A=1 codex`: assignments before the program
            if j < len(words) and program_name(words[j] or "") is None:
                acc.unknown_because(f"a program in the {where} is not known")
                continue
            self._walk(words, j, True, via, acc, depth + 1, cmd.stdin)

    def _launcher(
        self,
        spec: LauncherSpec,
        words: list[str | None],
        i: int,
        complete: bool,
        via: tuple[str, ...],
        acc: _Acc,
        depth: int,
    ) -> None:
        """Find the program a launcher starts, skipping its options, assignments, positionals."""
        label = spec.name
        n = len(words)
        if spec.subcommand is not None:
            # `pnpm dlx PKG`: only the subcommand launches; `pnpm install` does not.
            while i < n and words[i] is not None and str(words[i]).startswith("-"):
                i += 1  # global options before the subcommand (flags; `--x=y`)
            if i >= n or words[i] is None:
                if i < n or not complete:
                    acc.unknown_because(f"subcommand of `{spec.name}` is not known")
                return
            if words[i] != spec.subcommand:
                return
            label = f"{spec.name} {spec.subcommand}"
            i += 1
        chain = (*via, label)
        skipped = 0
        while i < n:
            w = words[i]
            if w is None:
                what = "package" if spec.package_runner else "program"
                acc.unknown_because(f"{what} after `{label}` is not known")
                return
            if w == "--":
                i += 1
                break
            if spec.assignments and is_assignment(w):
                i += 1
                continue
            if w.startswith("-") and len(w) > 1:
                step = self._option(spec, w, words, i, chain, acc, depth)
                if step is None:
                    return  # the option carried the command (`npx -c "codex exec"`)
                i += step
                continue
            if skipped < spec.skip_positionals:
                skipped += 1  # `timeout 5 codex`: the duration
                i += 1
                continue
            break
        while skipped < spec.skip_positionals and i < n:
            skipped += 1  # positionals after `--`
            i += 1
        if i >= n:
            if not complete:
                acc.unknown_because(f"program after `{label}` is not known")
            return
        if spec.package_runner:
            self._package(words, i, complete, chain, acc, depth)
        else:
            self._walk(words, i, complete, chain, acc, depth + 1, ())

    def _option(
        self,
        spec: LauncherSpec,
        w: str,
        words: list[str | None],
        i: int,
        chain: tuple[str, ...],
        acc: _Acc,
        depth: int,
    ) -> int | None:
        """How many words the option at words[i] takes; None when its value was the command."""
        value: str | None
        if w.startswith("--"):
            name, eq, attached = w.partition("=")
            takes = name in spec.options_with_value or name in spec.command_options
            if eq:
                value, step = attached, 1
            elif takes:
                value, step = (words[i + 1] if i + 1 < len(words) else None), 2
            else:
                return 1
        else:
            # A short-option cluster, getopt style: `-iu root`, `-uroot`, `-oL`.
            name, value, step = w, None, 1
            for k in range(1, len(w)):
                opt = "-" + w[k]
                if opt in spec.options_with_value or opt in spec.command_options:
                    name = opt
                    rest = w[k + 1 :]
                    if rest:
                        value = rest
                    else:
                        value, step = (words[i + 1] if i + 1 < len(words) else None), 2
                    break
            else:
                if w in spec.options_with_value or w in spec.command_options:
                    name = w  # a single-dash long option listed as is (`-name`)
                    value, step = (words[i + 1] if i + 1 < len(words) else None), 2
                else:
                    return 1
        if name in spec.command_options:
            label = f"{chain[-1]} {name}"
            if value is None:
                acc.unknown_because(f"command line after `{label}` is not known")
            else:
                self._shell_text(
                    value, (*chain[:-1], label), acc, depth + 1, f"`{label}` command line"
                )
            return None
        if spec.package_runner and value is not None:
            # `npx --package=@openai/codex ...`: the package provides the program.
            self._package_hit(value, chain, acc)
        return step

    def _package(
        self,
        words: list[str | None],
        i: int,
        complete: bool,
        chain: tuple[str, ...],
        acc: _Acc,
        depth: int,
    ) -> None:
        """The first positional of a package runner: an npm package spec or a binary name."""
        spec = words[i]
        if spec is None or (HOLE in spec and not spec.startswith("@")):
            acc.unknown_because(f"package after `{chain[-1]}` is not known")
            return
        if self._package_hit(spec, chain, acc):
            return
        if spec.startswith("@"):
            if HOLE in _package_name(spec):
                acc.unknown_because(f"package after `{chain[-1]}` is not known")
            else:
                acc.saw(_package_name(spec))
            return
        # An unscoped name is both a package and the binary it runs (`npx codex`, or a local bin).
        name = _package_name(spec)
        if HOLE in name:
            acc.unknown_because(f"package after `{chain[-1]}` is not known")
            return
        self._walk([name, *words[i + 1 :]], 0, complete, chain, acc, depth + 1, ())

    def _package_hit(self, spec: str, chain: tuple[str, ...], acc: _Acc) -> bool:
        found = acc.table.packages.get(_package_name(spec))
        if found is None:
            return False
        program, _ = found
        acc.saw(program)
        acc.hit(program, spec, chain)
        return True
