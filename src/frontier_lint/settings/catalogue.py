"""Rule packs: load the YAML catalogue of rules, sinks, launchers and shells.

The engine has no program, sink or launcher name in its code; all of them come from here, so a
team adds `opencode` or `sh.Command` with a YAML edit.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

SINK_KINDS = ("exec", "shell", "probe")


class RulePackError(Exception):
    """A rule pack that cannot be read or has the wrong shape (exit 2)."""


@dataclass(frozen=True)
class Rule:
    """A rule of a pack: which programs it forbids, at which kinds of launch."""

    id: str
    name: str
    summary: str
    message: str  # template with {sink} and {program}
    kinds: frozenset[str]
    programs: frozenset[str]
    npm_packages: Mapping[str, str]  # package name (no version) -> program
    doc: str = ""
    # A package runner's source repository (`host/owner/repo`, lower case) -> program.
    repositories: Mapping[str, str] = field(default_factory=dict)

    def render(self, sink: str, program: str) -> str:
        return self.message.format(sink=sink, program=program)


@dataclass(frozen=True)
class ArgSpec:
    """Where an argument is: a position and/or a keyword name; or, for a sink that takes
    launch configurations (`config`), the key of one configuration that holds it."""

    pos: int | None
    kw: str | None
    key: str | None = None


@dataclass(frozen=True)
class SinkSpec:
    """A launch API of the catalogue: which argument holds the program, and how."""

    call: str  # qualified name, e.g. "subprocess.Popen"
    kind: str  # exec | shell | probe
    argv: ArgSpec | None = None
    command: ArgSpec | None = None
    path: ArgSpec | None = None
    executable: str | None = None
    shell: str | None = None
    input: str | None = None  # keyword of the text written to the program's standard input
    split: bool = False
    args: ArgSpec | None = None  # the rest of the argv as a list argument
    varargs: int | None = None  # the rest of the argv as positional arguments from here
    argv0: bool = True  # whether `args` / `varargs` start with argv[0] (skipped)
    # A library entry point that always runs this program (an SDK driving a vendor CLI).
    program: str | None = None
    # The argument holding launch configurations (`{"command": "npx", "args": [...]}`), and the
    # keys from it to each one (`*`: every value of a mapping); `path` / `args` name their keys.
    config: ArgSpec | None = None
    within: tuple[str, ...] = ()
    # Classes whose instances, given as the configuration, are servers run in this process
    # (fastmcp's `Client(FastMCP(...))`, an in-memory transport): no launch.
    in_process: tuple[str, ...] = ()


class Naming(enum.Enum):
    """How a library names the program of a command object it makes (`CommandMaker`)."""

    ATTRIBUTE = "attribute"  # each name under it is a program (`sh.codex`, `from sh import codex`)
    ITEM = "item"  # the subscript key (`local["codex"]`)
    ARGUMENT = "argument"  # an argument of a call of it (`sh.Command("codex")`)
    ALTERNATIVES = "alternatives"  # each positional argument, the first found (`local.get`)


@dataclass(frozen=True)
class CommandMaker:
    """Where a command object is made, and how it names its program."""

    at: str  # the dotted name: a module or object (attribute, item) or a callable (argument)
    naming: Naming
    path: ArgSpec | None = None  # ARGUMENT: the argument that is the program
    varargs: int = 0  # ALTERNATIVES: the positional arguments from here
    # What a `_` of the name may stand for, each tried after the name as written
    # (`sh.google_chrome`: `google-chrome`; plumbum tries `-` then `.`).
    underscore: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()  # names under `at` that are not programs (`*` ends a prefix)
    # Names under `at` whose call gives `at` back, with options of its own (`sh.bake(...)`).
    same: tuple[str, ...] = ()

    def names_program(self, name: str) -> bool:
        """Whether attribute `name` of `at` names a program (not one of `excluded`)."""
        if name in self.same:
            return False
        for pattern in self.excluded:
            if name == pattern or (pattern.endswith("*") and name.startswith(pattern[:-1])):
                return False
        return True


class Operator(enum.Enum):
    """What an operator does with a command object (`cmd & FG`, `ls | grep`)."""

    RUN = "run"  # starts it (plumbum's `& FG`, `& BG`, `& TF`)
    PIPE = "pipe"  # a pipeline of both sides, each started when it runs
    SAME = "same"  # the same command (a redirection: `cmd > "out.txt"`)


@dataclass(frozen=True)
class CommandFamily:
    """A library's command objects (sh, plumbum): values that name a program and start it when
    run. Made as `make` says; an attribute (`attributes`) or a subscript (`items`) adds words
    (`sh.git.status`, `ls["-l"]`), `bake` methods return it with more words, `same` methods
    return it unchanged, `run` methods and a call start it (a call with its positional
    arguments as more words; keywords not starting with `_` are words not known when
    `keywords`), and a command object among the words adds its own argv when `nested`."""

    sink: str  # the name a finding shows (`sh.Command`)
    kind: str
    make: tuple[CommandMaker, ...]
    attributes: bool = False
    items: bool = False
    keywords: bool = False
    nested: bool = False
    bake: frozenset[str] = frozenset()
    same: frozenset[str] = frozenset()
    # A method that starts it, and the argument holding more words for it (None: none).
    run: Mapping[str, ArgSpec | None] = field(default_factory=dict)
    operators: Mapping[str, Operator] = field(default_factory=dict)


class Handover(enum.Enum):
    """What a launcher does with the words after its own options and operands."""

    ARGV = "argv"  # they are the command, program first (`sudo -u bob codex exec`)
    LINE = "line"  # joined with spaces, a command line (`ssh host codex exec`, `watch`)
    LINE_OR_ARGV = "line_or_argv"  # one word: a command line; more: the command (`tmux new`)
    OPERAND_LINE = "operand_line"  # the next word alone is a command line (`tmux run-shell`)
    PACKAGE = "package"  # the first is a package whose program runs (`npx @openai/codex`)
    SUBCOMMAND = "subcommand"  # the first names a subcommand with its own grammar (`pnpm dlx`)
    # They are the arguments of a shell (the user's login shell: `su bob -c LINE`, `su bob x.sh`)
    SHELL = "shell"
    NONE = "none"  # they start nothing (`su bob`: only its `-c` runs a command)
    # The first is a script file an interpreter runs (`node PATH`, `deno run npm:PKG`): the
    # program it is when it lies in a forbidden package's directory or is named as the program.
    SCRIPT = "script"
    # GNU parallel: the words up to an input separator (`:::`) are a command line run once per
    # input, the input added to it (or put for `{}`); with no command, each input is the line.
    INPUTS = "inputs"
    # Each word is a command line of its own (a benchmark runner: `hyperfine 'codex exec' 'x'`),
    # its command options (`--setup LINE`) run beside them, not instead.
    LINES = "lines"


class Syntax(enum.Enum):
    """How a command line that a launcher hands over is read."""

    POSIX = "posix"  # a POSIX shell command line
    CMD = "cmd"  # Windows cmd.exe
    POWERSHELL = "powershell"
    POWERSHELL_BASE64 = "powershell_base64"  # `-EncodedCommand`: base64 of UTF-16LE PowerShell
    APPLESCRIPT = "applescript"  # the shell lines of `do shell script` / Terminal's `do script`
    KEYS = "keys"  # keys typed into a shell (`tmux send-keys 'codex' Enter`)
    # Python code (`python -c CODE`): not analysed; code naming a sink through its imports
    # (`matching.pycode`) is not known, other code starts nothing.
    PYTHON = "python"
    # JavaScript (`node -e CODE`): not analysed; code naming a process API (`child_process`,
    # `execa`, `Bun.spawn`, `Deno.Command`) or loading a module by a computed name is not
    # known, other code starts nothing.
    JAVASCRIPT = "javascript"
    # Code of another scripting language (`perl -e`, `ruby -e`, `php -r`, `lua -e`): not
    # analysed; code naming one of its ways to start a process (`system`, `exec`, backticks,
    # `popen`, `spawn`, ...) or not all known is not known, other code starts nothing.
    SCRIPT = "script"
    TCL = "tcl"  # a Tcl script (`expect -c 'spawn codex'`): its `spawn`, `exec`, `system`, `open |`


class Context(enum.Enum):
    """Where a command's words come from: a launcher may exist in some of them only."""

    ARGV = "argv"  # an argv given to exec (or handed over by a launcher)
    POSIX = "posix"
    CMD = "cmd"
    POWERSHELL = "powershell"

    @property
    def folds_case(self) -> bool:
        """Windows shells: program and launcher names are case-insensitive."""
        return self in (Context.CMD, Context.POWERSHELL)


@dataclass(frozen=True)
class EnvironmentOptions:
    """Options that change the environment the program is looked up with (the runtime guard
    resolves the program through PATH the way the launch will)."""

    clear: frozenset[str] = frozenset()  # start from an empty environment (`env -i`, `env -`)
    unset: frozenset[str] = frozenset()  # the value names a variable to remove (`env -u PATH`)
    path: frozenset[str] = frozenset()  # the value is the program's search path (`env -P DIR`)


@dataclass(frozen=True)
class LauncherSpec:
    """A launcher's argument grammar: its options, its operands before the program, and what it
    hands over. Options not declared are unknown: the matcher reads them both as a flag and as
    taking the next word, so an undeclared option never makes a launch look clean by a guess."""

    name: str
    flags: frozenset[str] = frozenset()  # options without a value (`-E`, `--preserve-status`)
    options_with_value: frozenset[str] = frozenset()  # options that take a value (`-u bob`)
    # The options among them taking more than one word (`bwrap --ro-bind SRC DEST`): how many.
    value_counts: Mapping[str, int] = field(default_factory=dict)
    optional_value: frozenset[str] = frozenset()  # a value only when attached (`-i{}`, `--x=y`)
    # The value is a command line in this syntax (`npx -c "codex exec"`, `osascript -e`).
    command_options: Mapping[str, Syntax] = field(default_factory=dict)
    # The words after it are the command, handed over so (`cmd /c ...`, `xterm -e ...`).
    rest_options: Mapping[str, Handover] = field(default_factory=dict)
    # Where a rest option's command ends (`find -exec cmd ;`, `-exec cmd {} +`: the words
    # before the last one stay the command's), the launcher's words going on after it.
    rest_end: tuple[tuple[str, ...], ...] = ()
    # The value is split (as `env -S` splits it) into more arguments of the launcher.
    split_options: frozenset[str] = frozenset()
    package_options: frozenset[str] = frozenset()  # the value is a package (`npx -p PKG`)
    # The value is the program that runs (`start-stop-daemon --exec PATH`, `flatpak run
    # --command=NAME`), its arguments not known from the value.
    program_options: frozenset[str] = frozenset()
    # Options whose value is a `KEY=VALUE` setting (or `KEY VALUE`), the named keys (matched
    # case-insensitively) holding a command line run locally (`ssh -o ProxyCommand=LINE`).
    setting_commands: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # A shell built-in that runs a command (`command`, `builtin`): in a shell line, what it
    # runs is looked up among the shell's built-ins too (`command eval "codex"`).
    builtin: bool = False
    # Options after which no option is read: the words left are the arguments of the code or
    # module they give (`python -c CODE ARGS`, `python -m MOD ARGS`, `node -e CODE ARGS`).
    final_options: frozenset[str] = frozenset()
    # Every option taking a value is declared (the interpreter refuses any other): an option
    # not declared is a flag, not read both ways (`python --x --y ...`).
    closed_options: bool = False
    # INPUTS: the words that start inputs given as words (`:::`) and as files (`::::`).
    input_words: frozenset[str] = frozenset()
    input_files: frozenset[str] = frozenset()
    assignments: bool = False  # `NAME=value` words before the program (env, sudo)
    operands: int = 0  # operands before the program (`timeout DURATION`, `flock FILE`)
    handover: Handover = Handover.ARGV
    # GNU getopt's permutation: options are read wherever they are until `--` (`su bob -c
    # LINE`); the other words, in order, are the operands and then what is handed over.
    permute: bool = False
    # Options that change the hand-over, their value standing for the operands (`runuser -u
    # USER [--] command`: the command itself, where `runuser USER ARGS` hands ARGS to a shell).
    handover_options: Mapping[str, Handover] = field(default_factory=dict)
    # It adds words of its own after the command it is given (xargs: the items it reads), so
    # that command is not complete.
    appends: bool = False
    # Options naming a string it replaces in the command's words with text of its own (xargs
    # `-I R`, `-i` for `{}`): option -> the string when the option has no value.
    replace_options: Mapping[str, str] = field(default_factory=dict)
    # Options whose value names a parameter the command lines write as `{NAME}`, each run with
    # the values the option gives (`hyperfine -L tool a,b '{tool} x'`): not read, not known.
    placeholder_options: frozenset[str] = frozenset()
    syntax: Syntax = Syntax.POSIX  # of command lines handed over by LINE / rest options
    # Given no command option and no operand, it reads a script in this syntax from its
    # standard input (`osascript <<EOF ... EOF`): a here-document or `input=` is that script.
    stdin_syntax: Syntax | None = None
    subcommands: Mapping[str, LauncherSpec] = field(default_factory=dict)
    separator: str | None = None  # a word between subcommands (`tmux new -d x ; send-keys`)
    # The subcommand a segment not starting with one is (`wt codex` is `wt new-tab codex`).
    default_subcommand: str | None = None
    # Only command and rest options matter, wherever they are; other words are the launcher's
    # (terminal emulators, `cmd`).
    scan: bool = False
    # With `scan`: a word not known is taken for one of the launcher's own, not for a command
    # option (`find $DIR -exec ...`), as an unknown operand is taken for the operand.
    unknown_is_argument: bool = False
    case_insensitive: bool = False  # option names, with unique abbreviations (PowerShell)
    quoted_title: bool = False  # a first operand in double quotes is a title (cmd's `start`)
    environment: EnvironmentOptions = EnvironmentOptions()
    within: frozenset[Context] = frozenset()  # where the name is a launcher (empty: anywhere)
    aliases: tuple[str, ...] = ()

    @property
    def package_runner(self) -> bool:
        return self.handover is Handover.PACKAGE

    @functools.cached_property
    def valued_names(self) -> frozenset[str]:
        """Declared options that take a value (in the next word unless attached)."""
        env = self.environment
        return frozenset(
            {
                *self.options_with_value,
                *self.handover_options,
                *self.command_options,
                *self.split_options,
                *self.package_options,
                *self.program_options,
                *self.setting_commands,
                *self.placeholder_options,
                *env.unset,
                *env.path,
            }
        )

    @functools.cached_property
    def option_names(self) -> frozenset[str]:
        """Every declared option."""
        return frozenset(
            {
                *self.valued_names,
                *self.flags,
                *self.optional_value,
                *self.rest_options,
                *self.environment.clear,
            }
        )

    @functools.cached_property
    def folded_names(self) -> Mapping[str, str]:
        """Declared options by their lower-case spelling (case-insensitive grammars)."""
        return {name.lower(): name for name in self.option_names}


@dataclass(frozen=True)
class Catalogue:
    """The rule packs merged: rules, sinks, launchers, shells and command families."""

    rules: tuple[Rule, ...]
    sinks: Mapping[str, SinkSpec]
    launchers: Mapping[str, LauncherSpec]
    shells: frozenset[str]
    shell_command_flags: frozenset[str]
    digest: str = ""  # identifies the catalogue's content (cache key)
    sources: tuple[str, ...] = field(default=())
    # Shell options that only check the script's syntax: nothing runs (`bash -n script.sh`).
    shell_check_flags: frozenset[str] = frozenset()
    commands: tuple[CommandFamily, ...] = ()

    @functools.cached_property
    def launch_names(self) -> tuple[str, ...]:
        """The dotted names through which code reaches a launch, for the byte scans: each
        sink's call and where command objects are made; `X.*` where every name under `X` makes
        one (`sh.*`: `sh.codex`, `from sh import codex`)."""
        out = dict.fromkeys(self.sinks)
        for family in self.commands:
            for maker in family.make:
                out[f"{maker.at}.*" if maker.naming is Naming.ATTRIBUTE else maker.at] = None
        return tuple(out)

    @functools.cached_property
    def command_words(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The words the byte scans look for where command objects are made: the modules, the
        names (a method of a maker's object, `local.get`, is reached through the object's name:
        not one), and the modules every name of which makes one (`sh`: `sh.codex`)."""
        items = {m.at for c in self.commands for m in c.make if m.naming is Naming.ITEM}
        modules: set[str] = set()
        names: set[str] = set()
        opened: set[str] = set()
        for family in self.commands:
            for maker in family.make:
                modules.add(maker.at.split(".")[0])
                if maker.naming is Naming.ATTRIBUTE:
                    opened.add(maker.at.split(".")[0])
                elif "." in maker.at and maker.at.rsplit(".", 1)[0] not in items:
                    names.add(maker.at.rsplit(".", 1)[1])
        return frozenset(modules), frozenset(names), frozenset(opened)

    def rules_for_kind(self, kind: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if kind in r.kinds)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def programs(self) -> frozenset[str]:
        out: set[str] = set()
        for r in self.rules:
            out |= r.programs
            out |= set(r.npm_packages.values())
            out |= set(r.repositories.values())
        return frozenset(out)


def builtin_pack_path() -> Path:
    """The built-in pack: inside the installed package, or `rules/` of a source checkout."""
    package = Path(__file__).resolve().parent.parent  # frontier_lint/
    for candidate in (
        package / "rules" / "default.yaml",
        package.parent.parent / "rules" / "default.yaml",
    ):
        if candidate.is_file():
            return candidate
    raise RulePackError("built-in rule pack rules/default.yaml is missing from the installation")


def load_catalogue(extra: Iterable[Path] = ()) -> Catalogue:
    """The built-in pack merged with `extra` packs (later packs add to and override earlier ones)."""
    rules: dict[str, Rule] = {}
    sinks: dict[str, SinkSpec] = {}
    launchers: dict[str, LauncherSpec] = {}
    shells: set[str] = set()
    flags: set[str] = set()
    check_flags: set[str] = set()
    commands: dict[str, CommandFamily] = {}
    digest = hashlib.sha256()
    sources: list[str] = []
    for path in (builtin_pack_path(), *extra):
        raw, text = _read_pack(path)
        digest.update(text)
        sources.append(str(path))
        for rule in _list(raw, "rules", path):
            r = _parse_rule(rule, path)
            rules[r.id] = r
        for sink in _list(raw, "sinks", path):
            s = _parse_sink(sink, path)
            sinks[s.call] = s
        for family in _list(raw, "commands", path):
            c = _parse_commands(family, path)
            commands[c.sink] = c
        launcher_map = raw.get("launchers") or {}
        if not isinstance(launcher_map, dict):
            raise RulePackError(f"{path}: launchers: expected a mapping of name to options")
        for name, spec in launcher_map.items():
            launchers[str(name)] = _parse_launcher(str(name), spec or {}, path)
        shell_map = raw.get("shells") or {}
        if not isinstance(shell_map, dict):
            raise RulePackError(f"{path}: shells: expected a mapping with names and command_flags")
        shells |= set(_strings(shell_map.get("names", []), f"{path}: shells.names"))
        flags |= set(_strings(shell_map.get("command_flags", []), f"{path}: shells.command_flags"))
        check_flags |= set(
            _strings(shell_map.get("check_flags", []), f"{path}: shells.check_flags")
        )
        unknown_keys = set(shell_map) - {"names", "command_flags", "check_flags"}
        if unknown_keys:
            raise RulePackError(f"{path}: shells: unknown key {sorted(unknown_keys)[0]!r}")
    if not rules:
        raise RulePackError("no rules defined")
    return Catalogue(
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)),
        sinks=sinks,
        launchers=launchers,
        shells=frozenset(shells),
        shell_command_flags=frozenset(flags),
        digest=digest.hexdigest()[:16],
        sources=tuple(sources),
        shell_check_flags=frozenset(check_flags),
        commands=tuple(commands.values()),
    )


def _read_pack(path: Path) -> tuple[dict[str, Any], bytes]:
    from frontier_lint.settings.bounded import InputTooLarge, read_bounded
    from frontier_lint.settings.memo import remembered

    try:
        text = read_bounded(path)
    except InputTooLarge as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc}") from None
    except OSError as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc.strerror or exc}") from None
    # Parsed once per pack content (PyYAML is not even imported on the runs after).
    raw = remembered("rules", str(path), text, functools.partial(_parse_pack, path, text))
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RulePackError(f"{path}: expected a mapping at the top level")
    unknown = set(raw) - {"version", "rules", "sinks", "commands", "launchers", "shells"}
    if unknown:
        raise RulePackError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    return raw, text


def _parse_pack(path: Path, text: bytes) -> Any:
    import yaml

    from frontier_lint.settings.bounded import InputTooLarge, check_yaml

    try:
        check_yaml(text)
    except InputTooLarge as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc}") from None
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
        raw = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise RulePackError(f"{path}{where}: invalid YAML: {problem}") from None
    return raw


def _list(raw: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RulePackError(f"{path}: {key}: expected a list of mappings")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RulePackError(f"{where}: expected a list of strings")
    return value


def repository_key(key: str) -> str | None:
    """A rule pack's repository (`github.com/openai/codex`) in the form package runners' sources
    are matched by (`matching.verdicts.source_repository`: lower case, no `.git`); None if it is
    not `host/owner/repo`."""
    parts = key.strip().lower().removesuffix(".git").split("/")
    if len(parts) != 3 or not all(re.fullmatch(r"[\w.-]+", p) for p in parts):
        return None
    return "/".join(parts)


def _parse_rule(raw: dict[str, Any], path: Path) -> Rule:
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        raise RulePackError(f"{path}: rules: every rule needs a string `id`")
    where = f"{path}: rule {rid}"
    allowed = {
        "id",
        "name",
        "summary",
        "message",
        "kinds",
        "programs",
        "npm_packages",
        "repositories",
        "doc",
    }
    unknown = set(raw) - allowed
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kinds = _strings(raw.get("kinds", ["exec", "shell"]), f"{where}: kinds")
    bad = [k for k in kinds if k not in SINK_KINDS]
    if bad:
        raise RulePackError(f"{where}: kinds: {bad[0]!r} is not one of {', '.join(SINK_KINDS)}")
    programs = _strings(raw.get("programs", []), f"{where}: programs")
    npm = raw.get("npm_packages") or {}
    if not isinstance(npm, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in npm.items()
    ):
        raise RulePackError(f"{where}: npm_packages: expected a mapping of package to program")
    repositories: dict[str, str] = {}
    raw_repos = raw.get("repositories") or {}
    if not isinstance(raw_repos, dict):
        raise RulePackError(f"{where}: repositories: expected a mapping of repository to program")
    for repo, prog in raw_repos.items():
        key = repository_key(repo) if isinstance(repo, str) else None
        if key is None or not isinstance(prog, str):
            raise RulePackError(
                f"{where}: repositories: expected `host/owner/repo: program`, got {repo!r}"
            )
        repositories[key] = prog
    message = raw.get("message", "{sink} can launch forbidden program `{program}`")
    try:
        str(message).format(sink="s", program="p")
    except (KeyError, IndexError, ValueError):
        raise RulePackError(
            f"{where}: message: only {{sink}} and {{program}} may be used"
        ) from None
    return Rule(
        id=rid,
        name=str(raw.get("name", rid)),
        summary=str(raw.get("summary", "")),
        message=str(message),
        kinds=frozenset(kinds),
        programs=frozenset(programs),
        npm_packages=dict(npm),
        doc=str(raw.get("doc", "")),
        repositories=repositories,
    )


def _argspec(value: Any, where: str, *, extra: frozenset[str] = frozenset()) -> ArgSpec | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"pos", "kw", "key"} - extra:
        raise RulePackError(f"{where}: expected a mapping with `pos` and/or `kw` (or `key`)")
    pos, kw, key = value.get("pos"), value.get("kw"), value.get("key")
    if pos is not None and (isinstance(pos, bool) or not isinstance(pos, int) or pos < 0):
        raise RulePackError(f"{where}: pos: expected a non-negative integer")
    if kw is not None and not isinstance(kw, str):
        raise RulePackError(f"{where}: kw: expected a string")
    if key is not None and (not isinstance(key, str) or not key or pos is not None or kw):
        raise RulePackError(f"{where}: key: expected a string, without `pos` or `kw`")
    return ArgSpec(pos=pos, kw=kw, key=key)


def _varargs(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RulePackError(f"{where}: expected a non-negative integer")
    return value


def _parse_sink(raw: dict[str, Any], path: Path) -> SinkSpec:
    call = raw.get("call")
    if not isinstance(call, str) or "." not in call:
        raise RulePackError(f"{path}: sinks: every sink needs a dotted `call` name")
    where = f"{path}: sink {call}"
    allowed = {
        "call",
        "kind",
        "argv",
        "command",
        "path",
        "executable",
        "shell",
        "input",
        "split",
        "args",
        "varargs",
        "argv0",
        "program",
        "config",
    }
    unknown = set(raw) - allowed
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kind = raw.get("kind", "exec")
    if kind not in SINK_KINDS:
        raise RulePackError(f"{where}: kind: expected one of {', '.join(SINK_KINDS)}")
    spec = SinkSpec(
        call=call,
        kind=kind,
        argv=_argspec(raw.get("argv"), f"{where}: argv"),
        command=_argspec(raw.get("command"), f"{where}: command"),
        path=_argspec(raw.get("path"), f"{where}: path"),
        executable=raw.get("executable"),
        shell=raw.get("shell"),
        input=raw.get("input"),
        split=bool(raw.get("split", False)),
        args=_argspec(raw.get("args"), f"{where}: args"),
        varargs=_varargs(raw.get("varargs"), f"{where}: varargs"),
        argv0=bool(raw.get("argv0", True)),
        program=raw.get("program"),
        config=_argspec(
            raw.get("config"), f"{where}: config", extra=frozenset({"within", "in_process"})
        ),
        within=tuple(_config_list(raw.get("config"), "within", f"{where}: config")),
        in_process=tuple(_config_list(raw.get("config"), "in_process", f"{where}: config")),
    )
    if spec.input is not None and (not isinstance(spec.input, str) or not spec.input):
        raise RulePackError(f"{where}: input: expected a keyword name")
    if spec.program is not None and (not isinstance(spec.program, str) or not spec.program):
        raise RulePackError(f"{where}: program: expected a program name")
    if sum(x is not None for x in (spec.argv, spec.command, spec.path, spec.program)) != 1:
        raise RulePackError(f"{where}: exactly one of argv, command, path, program is required")
    keyed = [a for a in (spec.argv, spec.command, spec.path, spec.args) if a is not None and a.key]
    if spec.config is not None and spec.config.key:
        raise RulePackError(f"{where}: config: expected `pos` and/or `kw`, not `key`")
    if spec.config is not None and (
        len(keyed) != sum(a is not None for a in (spec.argv, spec.command, spec.path, spec.args))
        or spec.varargs is not None
    ):
        raise RulePackError(f"{where}: with config, the program and its arguments are keys")
    if spec.config is None and keyed:
        raise RulePackError(f"{where}: `key` needs a `config` argument to read it from")
    return spec


_COMMAND_KEYS = frozenset(
    {
        "sink",
        "kind",
        "make",
        "attributes",
        "items",
        "keywords",
        "nested",
        "bake",
        "same",
        "run",
        "operators",
    }
)


def _parse_commands(raw: dict[str, Any], path: Path) -> CommandFamily:
    sink = raw.get("sink")
    if not isinstance(sink, str) or "." not in sink:
        raise RulePackError(f"{path}: commands: every entry needs a dotted `sink` name")
    where = f"{path}: commands {sink}"
    unknown = set(raw) - _COMMAND_KEYS
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kind = raw.get("kind", "exec")
    if kind not in ("exec", "shell"):
        raise RulePackError(f"{where}: kind: expected exec or shell")
    makers = raw.get("make")
    if not isinstance(makers, list) or not makers or not all(isinstance(m, dict) for m in makers):
        raise RulePackError(f"{where}: make: expected a list of mappings")
    run = raw.get("run") or {}
    if not isinstance(run, dict) or not all(isinstance(k, str) and k for k in run):
        raise RulePackError(f"{where}: run: expected a mapping of method to its argument")
    return CommandFamily(
        sink=sink,
        kind=kind,
        make=tuple(_parse_maker(m, f"{where}: make") for m in makers),
        attributes=_bool(raw.get("attributes", False), f"{where}: attributes"),
        items=_bool(raw.get("items", False), f"{where}: items"),
        keywords=_bool(raw.get("keywords", False), f"{where}: keywords"),
        nested=_bool(raw.get("nested", False), f"{where}: nested"),
        bake=frozenset(_strings(raw.get("bake") or [], f"{where}: bake")),
        same=frozenset(_strings(raw.get("same") or [], f"{where}: same")),
        run={k: _argspec(v, f"{where}: run: {k}") for k, v in run.items()},
        operators=_option_map(raw.get("operators"), Operator, Operator.RUN, f"{where}: operators"),
    )


def _parse_maker(raw: dict[str, Any], where: str) -> CommandMaker:
    """`{attribute: sh}`, `{item: plumbum.local}`, `{call: sh.Command, path: {pos: 0}}` or
    `{call: plumbum.local.get, alternatives: {varargs: 0}}`."""
    unknown = set(raw) - {
        "attribute",
        "item",
        "call",
        "path",
        "alternatives",
        "underscore",
        "except",
        "same",
    }
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    given = [k for k in ("attribute", "item", "call") if k in raw]
    if len(given) != 1 or not isinstance(raw[given[0]], str) or not raw[given[0]]:
        raise RulePackError(f"{where}: expected one of attribute, item, call (a dotted name)")
    at = raw[given[0]]
    path = _argspec(raw.get("path"), f"{where}: path")
    alternatives = raw.get("alternatives")
    if given[0] == "call":
        if (path is None) == (alternatives is None):
            raise RulePackError(f"{where}: call: expected `path` or `alternatives`")
        if alternatives is not None and (
            not isinstance(alternatives, dict) or set(alternatives) != {"varargs"}
        ):
            raise RulePackError(f"{where}: alternatives: expected a mapping with `varargs`")
    elif path is not None or alternatives is not None:
        raise RulePackError(f"{where}: `path` and `alternatives` go with `call`")
    if given[0] != "attribute" and (raw.get("except") or raw.get("same")):
        raise RulePackError(f"{where}: `except` and `same` go with `attribute`")
    naming = (
        Naming.ATTRIBUTE
        if given[0] == "attribute"
        else Naming.ITEM
        if given[0] == "item"
        else Naming.ARGUMENT
        if path is not None
        else Naming.ALTERNATIVES
    )
    return CommandMaker(
        at=at,
        naming=naming,
        path=path,
        varargs=_count(alternatives["varargs"], f"{where}: varargs") if alternatives else 0,
        underscore=tuple(_strings(raw.get("underscore") or [], f"{where}: underscore")),
        excluded=tuple(_strings(raw.get("except") or [], f"{where}: except")),
        same=tuple(_strings(raw.get("same") or [], f"{where}: same")),
    )


def _config_list(config: Any, key: str, where: str) -> list[str]:
    """A list of names under `config` (`within`, `in_process`), empty when not given."""
    if not isinstance(config, dict) or config.get(key) is None:
        return []
    return _strings(config[key], f"{where}: {key}")


_LAUNCHER_KEYS = frozenset(
    {
        "flags",
        "options",
        "options_with_value",  # the older name of `options`
        "optional_value",
        "command_options",
        "rest_options",
        "split_options",
        "package_options",
        "program_options",
        "setting_commands",
        "builtin",
        "final_options",
        "closed_options",
        "input_words",
        "input_files",
        "assignments",
        "operands",
        "skip_positionals",  # the older name of `operands`
        "handover",
        "handover_options",
        "permute",
        "appends",
        "replace_options",
        "placeholder_options",
        "rest_end",
        "unknown_is_argument",
        "package_runner",  # older: `handover: package`
        "syntax",
        "stdin_syntax",
        "subcommands",
        "subcommand",  # older: one subcommand, the rest of the entry its grammar
        "separator",
        "default_subcommand",
        "scan",
        "case_insensitive",
        "quoted_title",
        "environment",
        "within",
        "aliases",
    }
)


def _parse_launcher(name: str, raw: Any, path: Path, where: str = "") -> LauncherSpec:
    where = where or f"{path}: launcher {name}"
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: expected a mapping")
    unknown = set(raw) - _LAUNCHER_KEYS
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    if raw.get("subcommand") is not None:
        # The older form: `pnpm: {subcommand: dlx, package_runner: true, ...}`.
        sub = raw["subcommand"]
        if not isinstance(sub, str) or not sub:
            raise RulePackError(f"{where}: subcommand: expected a string")
        inner = {k: v for k, v in raw.items() if k not in ("subcommand", "aliases", "within")}
        outer = {k: raw[k] for k in ("aliases", "within") if k in raw}
        raw = {**outer, "subcommands": {sub: inner}}

    def strings(key: str, *older: str) -> frozenset[str]:
        out: set[str] = set()
        for k in (key, *older):
            if raw.get(k):
                out |= set(_strings(raw[k], f"{where}: {k}"))
        return frozenset(out)

    handover_default = "package" if raw.get("package_runner") else "argv"
    if raw.get("subcommands"):
        handover_default = "subcommand"
    handover = _enum(Handover, raw.get("handover", handover_default), f"{where}: handover")
    syntax = _enum(Syntax, raw.get("syntax", "posix"), f"{where}: syntax")
    options, value_counts = _valued_options(raw, where)
    package_options = strings("package_options")
    if raw.get("package_runner") and "package_options" not in raw:
        package_options = options  # the older form read every option value as a package
    subcommands: dict[str, LauncherSpec] = {}
    subs = raw.get("subcommands") or {}
    if not isinstance(subs, dict):
        raise RulePackError(f"{where}: subcommands: expected a mapping of name to grammar")
    for sub_name, sub_raw in subs.items():
        spec = _parse_launcher(
            str(sub_name), sub_raw or {}, path, f"{where}: subcommand {sub_name}"
        )
        for key in (spec.name, *spec.aliases):
            subcommands[key.lower() if raw.get("case_insensitive") else key] = spec
    if handover is Handover.SUBCOMMAND and not subcommands:
        raise RulePackError(f"{where}: handover subcommand needs `subcommands`")
    separator = raw.get("separator")
    if separator is not None and (not isinstance(separator, str) or not separator):
        raise RulePackError(f"{where}: separator: expected a string")
    default_subcommand = raw.get("default_subcommand")
    if default_subcommand is not None and default_subcommand not in subcommands:
        raise RulePackError(f"{where}: default_subcommand: expected one of its subcommands")
    return LauncherSpec(
        name=name,
        flags=strings("flags"),
        options_with_value=options,
        value_counts=value_counts,
        optional_value=strings("optional_value"),
        command_options=_option_map(raw.get("command_options"), Syntax, syntax, where),
        rest_options=_option_map(raw.get("rest_options"), Handover, Handover.ARGV, where),
        split_options=strings("split_options"),
        package_options=package_options,
        program_options=strings("program_options"),
        setting_commands=_setting_commands(raw.get("setting_commands"), where),
        builtin=_bool(raw.get("builtin", False), f"{where}: builtin"),
        final_options=strings("final_options"),
        closed_options=_bool(raw.get("closed_options", False), f"{where}: closed_options"),
        input_words=strings("input_words"),
        input_files=strings("input_files"),
        assignments=_bool(raw.get("assignments", False), f"{where}: assignments"),
        operands=_count(raw.get("operands", raw.get("skip_positionals", 0)), f"{where}: operands"),
        handover=handover,
        permute=_bool(raw.get("permute", False), f"{where}: permute"),
        appends=_bool(raw.get("appends", False), f"{where}: appends"),
        replace_options=_replace_options(raw.get("replace_options"), where),
        placeholder_options=strings("placeholder_options"),
        handover_options=_option_map(
            raw.get("handover_options"), Handover, Handover.ARGV, f"{where}: handover_options"
        ),
        syntax=syntax,
        stdin_syntax=_enum(Syntax, raw["stdin_syntax"], f"{where}: stdin_syntax")
        if raw.get("stdin_syntax") is not None
        else None,
        subcommands=subcommands,
        separator=separator,
        default_subcommand=default_subcommand,
        scan=_bool(raw.get("scan", False), f"{where}: scan"),
        unknown_is_argument=_bool(
            raw.get("unknown_is_argument", False), f"{where}: unknown_is_argument"
        ),
        rest_end=tuple(
            tuple(end.split()) for end in _strings(raw.get("rest_end") or [], f"{where}: rest_end")
        ),
        case_insensitive=_bool(raw.get("case_insensitive", False), f"{where}: case_insensitive"),
        quoted_title=_bool(raw.get("quoted_title", False), f"{where}: quoted_title"),
        environment=_environment(raw.get("environment"), where),
        within=frozenset(
            _enum(Context, w, f"{where}: within") for w in _strings(raw.get("within") or [], where)
        )
        if raw.get("within")
        else frozenset(),
        aliases=tuple(_strings(raw["aliases"], f"{where}: aliases")) if raw.get("aliases") else (),
    )


def _valued_options(raw: dict[str, Any], where: str) -> tuple[frozenset[str], dict[str, int]]:
    """`options` (and its older name): a list of options taking one word each, or a mapping of
    option to the number of words it takes (`{--ro-bind: 2, --overlay: 3}`)."""
    names: set[str] = set()
    counts: dict[str, int] = {}
    for key in ("options", "options_with_value"):
        value = raw.get(key)
        if not value:
            continue
        if isinstance(value, dict):
            for opt, count in value.items():
                if not isinstance(opt, str) or not opt:
                    raise RulePackError(f"{where}: {key}: expected option names")
                if _count(count, f"{where}: {key}: {opt}") == 0:
                    raise RulePackError(f"{where}: {key}: {opt}: an option takes 1 word or more")
                names.add(opt)
                if count > 1:
                    counts[opt] = count
        else:
            names |= set(_strings(value, f"{where}: {key}"))
    return frozenset(names), counts


def _setting_commands(value: Any, where: str) -> dict[str, frozenset[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RulePackError(f"{where}: setting_commands: expected a mapping of option to keys")
    return {
        str(opt): frozenset(k.lower() for k in _strings(keys, f"{where}: setting_commands: {opt}"))
        for opt, keys in value.items()
    }


def _replace_options(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str) for k, v in value.items()
    ):
        raise RulePackError(f"{where}: replace_options: expected a mapping of option to string")
    return dict(value)


_E = TypeVar("_E", bound=enum.Enum)


def _enum(kind: type[_E], value: Any, where: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in kind)
        raise RulePackError(f"{where}: {value!r} is not one of {allowed}") from None


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise RulePackError(f"{where}: expected true or false")
    return value


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RulePackError(f"{where}: expected a non-negative integer")
    return value


def _option_map(value: Any, kind: type[_E], default: _E, where: str) -> dict[str, _E]:
    """`[-c, --call]` (each with the default) or `{-c: posix, /k: line}`."""
    if not value:
        return {}
    if isinstance(value, list):
        return {opt: default for opt in _strings(value, where)}
    if not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
        raise RulePackError(f"{where}: expected a list of options or a mapping of option to kind")
    return {k: _enum(kind, v, f"{where}: {k}") for k, v in value.items()}


def _environment(value: Any, where: str) -> EnvironmentOptions:
    if value is None:
        return EnvironmentOptions()
    if not isinstance(value, dict) or set(value) - {"clear", "unset", "path"}:
        raise RulePackError(f"{where}: environment: expected a mapping of clear, unset, path")
    return EnvironmentOptions(
        **{k: frozenset(_strings(v, f"{where}: environment.{k}")) for k, v in value.items()}
    )
