"""Decide which programs an argv, a shell command line or a program path starts.

One matcher serves the linter (on resolved values, where unknown text is HOLE and unknown argv
items are None) and the runtime guard (on the real argv of every launch), so both agree on what is
forbidden. Everything it knows about launchers, shells and forbidden names comes from the rule
catalogue; this module only knows how argv and shell command lines are shaped.

Recognition in brief: the program is the basename of the first word (`/usr/bin/codex`,
`C:\\tools\\claude.exe`), exact names only; launchers (`env A=1`, `sudo -u x`, `timeout 5`,
`npx @openai/codex@1.2`, `cmd /c`, `tmux new -d`, ...) and shells (`bash -lc "cd x && codex"`)
are followed recursively; arguments are never programs.

Each launcher is read by its argument grammar from the catalogue (`rules.LauncherSpec`): its
flags, the options that take a value, its operands before the program (`timeout DURATION`), and
what it hands over (the rest of the argv, a command line in some syntax, a package, a
subcommand). An option the grammar does not declare is read both ways, as a flag and as taking
the next word: the launch is clean only if both readings are clean.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
from collections.abc import Mapping, Sequence

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.matching.commandlines import (
    applescript_commands,
    split_cmd,
    split_env_string,
    typed_text,
)
from frontier_lint.matching.launcher_options import LauncherOption, read_option
from frontier_lint.matching.powershell import decode_powershell, split_powershell
from frontier_lint.matching.shell import (
    HOLE,
    Feed,
    ShellSplit,
    SimpleCommand,
    is_assignment,
    split_commands,
)
from frontier_lint.matching.variables import expand_defaults, expand_known
from frontier_lint.matching.verdicts import (
    ProgramHit,
    Started,
    Verdict,
    _package_name,
    _package_source,
    basename,
    program_name,
    source_repository,
)
from frontier_lint.matching.walk import Stdin, _Acc, _Ctx, _KindTable, _Parse
from frontier_lint.settings.catalogue import (
    SINK_KINDS,
    Catalogue,
    Context,
    Handover,
    LauncherSpec,
    Syntax,
)

__all__ = [
    "HOLE",
    "ProgramHit",
    "ProgramMatcher",
    "Started",
    "Stdin",
    "Verdict",
    "basename",
    "program_name",
]

# Shell options that take the next word as their value (`bash -o pipefail -c ...`); the same in
# every POSIX shell, so they are not rule-pack data.
_SHELL_OPTIONS_WITH_VALUE = frozenset({"-o", "+o", "-O", "+O", "--rcfile", "--init-file"})
_SHELL_COMMAND_CLUSTER = lazy_compile(r"-[A-Za-z]*c[A-Za-z]*")
# `-s` (alone or in a cluster, `-xs`): the script is read from standard input, the operands are
# its positional parameters (`bash -s -- a b <<EOF`), not a script file.
_SHELL_STDIN_CLUSTER = lazy_compile(r"-[A-Za-z]*s[A-Za-z]*")
_STDIN_FILES = frozenset(("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"))
# JavaScript naming a process API (Node's, Bun's, Deno's, the common packages'), or loading a
# module by a name it computes (`require(name)`, `import(name)`): it may launch.
_JS_LAUNCH = lazy_compile(
    r"child_process|spawn_sync|\bexeca\b|cross-spawn|shelljs|\bzx\b|Bun\s*\.\s*(?:spawn|\$)"
    r"|Deno\s*\.\s*(?:Command|run)\b|\b(?:require|import)\s*\(\s*[^'\"`\s)]"
)
# The ways Perl, Ruby, PHP and Lua code starts a process (`Syntax.SCRIPT`): their calls, a
# backtick or `qx`/`%x` command, a piped `open` (`open(F, "codex |")`, `open(F, "-|", ...)`).
_SCRIPT_LAUNCH = lazy_compile(
    r"`|\b(?:system|exec\w*|spawn\w*|\w*popen\w*|fork|readpipe|passthru|shell_exec|proc_open"
    r"|pcntl_exec|Open3|IPC::\w+|qx|execute)\b|%x|\bopen\b[^;]*\|"
)
_ANY_PLACEHOLDER = lazy_compile(r"\{[^{}\s]*\}")  # `{tool}` (`LauncherSpec.placeholder_options`)
_MAX_DEPTH = 24  # launchers inside launchers inside shells...
# Readings of options a launcher's grammar does not declare (each is read as a flag and as taking
# a value) per launcher, and `env -S` splits per launcher, before giving up as unknown.
_MAX_READINGS = 8
_MAX_SPLITS = 8
# Commands that look programs up without running them (`which gemini`, `command -v claude`,
# PowerShell's `Get-Command claude`): a probe of each name they are given, as `shutil.which` is.
# POSIX utilities and shell built-ins, like the shell options above.
_PROBE_COMMANDS = frozenset({"which", "where", "whereis", "type", "hash", "get-command", "gcm"})
_LINE_CONTEXT = {
    Syntax.POSIX: Context.POSIX,
    Syntax.CMD: Context.CMD,
    Syntax.POWERSHELL: Context.POWERSHELL,
}
_COMMAND_PROBE_FLAGS = frozenset({"-v", "-V"})
_POSIX_ONLY = frozenset({Context.POSIX})


def _unknown_program(via: tuple[str, ...]) -> str:
    return f"program after `{via[-1]}` is not known" if via else "the program is not known"


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
                # A source repository is looked up as a package is (`host/owner/repo` is no
                # npm or PyPI name).
                for repo, prog in rule.repositories.items():
                    progs.setdefault(prog, [])
                    if rule.id not in progs[prog]:
                        progs[prog].append(rule.id)
                    pkgs.setdefault(repo, (prog, []))[1].append(rule.id)
            tables[kind] = _KindTable(
                programs={p: tuple(ids) for p, ids in progs.items()},
                packages={k: (p, tuple(ids)) for k, (p, ids) in pkgs.items()},
            )
        self._tables = tables
        self._empty = _KindTable({}, {})
        # Launchers by the context their name is one in (`start` is cmd's, `eval` a shell's).
        launchers: dict[Context, dict[str, LauncherSpec]] = {c: {} for c in Context}
        for spec in catalogue.launchers.values():
            for context in spec.within or frozenset(Context):
                for name in (spec.name, *spec.aliases):
                    key = name.lower() if context.folds_case else name
                    launchers[context][key] = spec
        self._launchers = launchers
        self._shells = frozenset(catalogue.shells)
        self._shell_flags = frozenset(catalogue.shell_command_flags)
        self._shell_checks = frozenset(catalogue.shell_check_flags)
        # Every name that can matter: a word whose program is none of these is clean at once.
        self._interesting = frozenset(
            {n for table in launchers.values() for n in table}
            | self._shells
            | {p for t in tables.values() for p in t.programs}
        )

    def forbidden(self, kind: str = "exec") -> Mapping[str, tuple[str, ...]]:
        """The programs a sink kind forbids, with the rules that forbid each."""
        return self._tables.get(kind, self._empty).programs

    # -- public API -------------------------------------------------------------------------------
    def match_argv(
        self,
        argv: Sequence[str | None],
        *,
        complete: bool = True,
        kind: str = "exec",
        stdin: Stdin | None = None,
    ) -> Verdict:
        """The programs an argv starts (None items are unknown words); `stdin`: what the
        launch writes to its standard input (`subprocess.run(["bash"], input=...)`)."""
        acc = _Acc(self._tables.get(kind, self._empty))
        ctx = (
            _Ctx() if stdin is None else _Ctx(stdin=stdin.texts, unfed=stdin.unknown, env=stdin.env)
        )
        try:
            self._walk(list(argv), 0, complete, ctx, acc)
        except Exception as exc:  # defensive: never let odd input break a lint run or a launch
            acc.unknown_because(f"cannot analyse argv: {type(exc).__name__}")
        return acc.verdict()

    def match_shell(
        self, command: str | None, *, kind: str = "shell", stdin: Stdin | None = None
    ) -> Verdict:
        """The programs a shell command line starts (`os.system`, `shell=True`); `stdin`: what
        the launch writes to the shell's standard input, which the line's commands read where
        nothing in the line feeds them (`subprocess.run("bash", shell=True, input=...)`)."""
        acc = _Acc(self._tables.get(kind, self._empty))
        if command is None:
            acc.unknown_because("the shell command line is not known")
            return acc.verdict()
        ctx = (
            _Ctx() if stdin is None else _Ctx(stdin=stdin.texts, unfed=stdin.unknown, env=stdin.env)
        )
        try:
            self._line(command, Syntax.POSIX, ctx, acc, "shell command line")
        except Exception as exc:  # defensive, as above
            acc.unknown_because(f"cannot analyse shell command line: {type(exc).__name__}")
        return acc.verdict()

    def match_code(self, code: str | None, *, kind: str = "exec") -> Verdict:
        """Python source that `exec`/`eval` runs, where the analysis could not read it (text
        with stretches not known, a caller's argument): judged as `python -c CODE` is, a gate
        (`_may_launch`); None: not known at all."""
        acc = _Acc(self._tables.get(kind, self._empty))
        if code is None:
            acc.unknown_because("the code run is not known")
        elif self._may_launch(code):
            acc.unknown_because(
                "the code run names a launch API (not analysed)"
                if HOLE not in code
                else "the code run is known in part, and may launch (not analysed)"
            )
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
            if name not in acc.table.programs:
                acc.start(word, _Ctx())
        return acc.verdict()

    def judged_by_program(self, word: str) -> bool:
        """Whether `match_argv` judges an argv starting with `word` by that word alone, as
        starting nothing forbidden and nothing unknown, whatever the later words are: a known
        program that is no forbidden name, launcher, shell or look-up command (`_walk` stops at
        it). Then the linter need not compute the argv's later items (`interpret.sinks`)."""
        name = program_name(word)
        # (As `_walk` reads the first word: not folded, `command -v` a look-up.)
        return (
            name is not None
            and name not in self._interesting
            and name not in _PROBE_COMMANDS
            and name != "command"
        )

    # -- the walk ---------------------------------------------------------------------------------
    def _walk(self, words: list[str | None], i: int, complete: bool, ctx: _Ctx, acc: _Acc) -> None:
        """Match the program at words[i] and follow it when it is a launcher or a shell."""
        if i >= len(words):
            if not complete:
                acc.unknown_because(_unknown_program(ctx.via))
            return
        word = words[i]
        name = None if word is None else program_name(word)
        if word is None or name is None:
            acc.unknown_because(_unknown_program(ctx.via))
            return
        if ctx.fold:
            name = name.lower()
        acc.saw(name)
        if name in _PROBE_COMMANDS or (
            name == "command" and i + 1 < len(words) and words[i + 1] in _COMMAND_PROBE_FLAGS
        ):
            self._probes(words, i + 1, (*ctx.via, name), acc)
            if not complete:  # more names may follow (`["which", *names]`)
                acc.unknown_because(f"a name `{name}` looks up is not known")
            return
        if name not in self._interesting:
            acc.start(word, ctx)
            return
        acc.hit(name, word, ctx.via)
        if ctx.depth >= _MAX_DEPTH:
            acc.unknown_because("too many nested launchers")
            return
        if name in self._shells:
            self._shell(words, i + 1, complete, name, ctx, acc)
            return
        spec = self._launchers[ctx.where].get(name)
        if spec is not None:
            # Labelled as written (`konsole`, `iex`), not by the entry it is an alias of.
            self._launcher(spec, words, i + 1, complete, ctx, acc, program_name(word))
        elif name not in acc.table.programs:
            acc.start(word, ctx)  # a launcher's name where it is none (`start` in an argv)

    def _probes(self, words: list[str | None], i: int, via: tuple[str, ...], acc: _Acc) -> None:
        """The names a lookup command is given, matched as probes (FL002's programs)."""
        table = self._tables.get("probe")
        for word in words[i:]:
            if table is None:
                return
            if word is not None and word.startswith("-"):
                continue  # options
            name = None if word is None else program_name(word)
            if word is None or name is None:
                # A name not known (a parameter, text not known): a probe of something not
                # known, as `shutil.which(x)` is (`match_program`): unresolved, so that the
                # callers' arguments are asked for (`run(["which", tool])`, `tool="codex"`).
                acc.unknown_because(f"a name `{via[-1]}` looks up is not known")
                continue
            rule_ids = table.programs.get(name) if name is not None else None
            if (
                name is not None
                and rule_ids
                and not any(h.program == name and h.via == via for h in acc.hits)
            ):
                acc.hits.append(ProgramHit(name, rule_ids, word, via))

    # -- shells -----------------------------------------------------------------------------------
    def _shell(
        self,
        words: list[str | None],
        i: int,
        complete: bool,
        name: str,
        ctx: _Ctx,
        acc: _Acc,
    ) -> None:
        """`sh [options] -c LINE`, `sh [options] SCRIPT`, or `sh` reading standard input."""
        command_flag: str | None = None
        check = from_stdin = False
        n = len(words)
        while i < n:
            w = words[i]
            if w is None:
                break  # the command line (after -c) or an unknown argument: decided below
            if w == "--" or w == "-":
                i += 1
                break
            if w in _SHELL_OPTIONS_WITH_VALUE:
                check = check or (w == "-o" and i + 1 < n and words[i + 1] == "noexec")
                i += 2
                continue
            if w[:1] in "-+" and len(w) > 1 and HOLE not in w:
                check = check or self._is_check_flag(w)
                if w in self._shell_flags or _SHELL_COMMAND_CLUSTER.fullmatch(w):
                    command_flag = w
                from_stdin = from_stdin or bool(_SHELL_STDIN_CLUSTER.fullmatch(w))
                i += 1
                continue
            break
        if check:
            return  # `bash -n script.sh`: the shell only checks the syntax, nothing runs
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
            params = words[i + 1 :]
            if complete and "$" in line and None not in params:
                # `sh -c 'exec "$@"' sh codex exec`: the words after the line are its `$0`,
                # `$1`, ... (a line they cannot be put into stays as it is: not known there).
                line = _positional(line, [p for p in params if p is not None]) or line
            self._line(line, Syntax.POSIX, ctx.into(label), acc, f"`{label}` command line")
            return
        if from_stdin or (i < n and words[i] in _STDIN_FILES):
            # `bash -s -- a b`: the operands are the script's parameters; `bash /dev/stdin`,
            # `. /dev/stdin <<EOF`: the script file is standard input.
            i = n
        if i < n and words[i] is None:
            acc.unknown_because(f"arguments of `{name}` are not known")
            return
        if i < n:
            # `bash script.sh`: the script is what runs (as if started directly).
            self._walk(words, i, complete, ctx.into(name), acc)
            return
        if not complete:
            acc.unknown_because(f"arguments of `{name}` are not known")
        elif ctx.stdin:
            # `bash <<EOF ... EOF`, `echo 'codex exec' | sh`, `input="..."`: that is the script.
            for text in ctx.stdin:
                self._line(text, Syntax.POSIX, ctx.into(name), acc, f"`{name}` standard input")
        elif ctx.feed is Feed.PROGRAM:
            # `curl URL | sh`: a script from outside the analysed code, as `sh install.sh` is;
            # the programs the command line names are judged (the downloader, each its own).
            return
        elif ctx.unfed is not None:
            acc.unknown_because(f"`{name}` reads its commands from standard input: {ctx.unfed}")
        elif ctx.feed is Feed.COMPOUND:
            acc.unknown_because(f"`{name}` reads its commands from a compound command's output")
        else:
            acc.unknown_because(f"`{name}` reads its commands from standard input")

    def _is_check_flag(self, w: str) -> bool:
        if w in self._shell_checks:
            return True
        # A short-option cluster holding one (`-nx`).
        return w[0] == "-" and w[1] != "-" and any(f"-{c}" in self._shell_checks for c in w[1:])

    # -- command lines ----------------------------------------------------------------------------
    def _line(
        self,
        text: str,
        syntax: Syntax,
        ctx: _Ctx,
        acc: _Acc,
        where: str,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        """The commands a command line in `syntax` runs, each walked from its program.
        aliases: those the line's shell has defined so far (`_aliased`)."""
        if syntax is Syntax.POWERSHELL_BASE64:
            decoded = None if HOLE in text else decode_powershell(text.strip())
            if decoded is None:
                acc.unknown_because(f"{where} is not known (not base64 of UTF-16LE text)")
                return
            text, syntax = decoded, Syntax.POWERSHELL
        if syntax is Syntax.KEYS:
            text, syntax = typed_text([text]), Syntax.POSIX
        if syntax is Syntax.PYTHON:
            if self._may_launch(text):
                acc.unknown_because(f"{where} is Python code naming a launch API (not analysed)")
            return
        if syntax is Syntax.JAVASCRIPT:
            if HOLE in text or _JS_LAUNCH.search(text):
                acc.unknown_because(f"{where} is JavaScript code that may launch (not analysed)")
            return
        if syntax is Syntax.SCRIPT:
            if HOLE in text or _SCRIPT_LAUNCH.search(text):
                acc.unknown_because(f"{where} is script code that may launch (not analysed)")
            return
        if syntax is Syntax.TCL:
            self._tcl(text, ctx, acc, where)
            return
        if syntax is Syntax.APPLESCRIPT:
            lines, problem = applescript_commands(text)
            if problem is not None:
                acc.unknown_because(f"{where} is incomplete ({problem})")
            for line in lines:
                if line is None:
                    acc.unknown_because(f"a command line the {where} runs is not known")
                else:
                    self._line(line, Syntax.POSIX, ctx, acc, f"{where} (`do script`)")
            return
        context = _LINE_CONTEXT.get(syntax, Context.POSIX)
        texts: tuple[str, ...] = (text,)
        if syntax is Syntax.POSIX:
            # Variables known where they are read: the launch's environment, the line's own
            # assignments (`S="codex exec"; eval "$S"`); a default word where the variable may
            # be unset (`"${TOOL:-codex}" run`), each reading a line of its own.
            env = dict(ctx.env)
            texts = tuple(expand_known(t, env) for t in expand_defaults(text, env))
        inner = ctx._replace(where=context, fold=ctx.fold or context.folds_case)
        for text in texts:
            split = _split_line(text, syntax)
            if not split.complete:
                acc.unknown_because(f"{where} is incomplete ({split.problem})")
            defined = dict(aliases or {})
            for cmd in split.commands:
                self._command(cmd, cmd.words, inner, context, acc, where)
                if cmd.braced is not None:
                    self._command(cmd, cmd.braced, inner, context, acc, where)
                if context is Context.POSIX:
                    self._aliased(cmd.words, defined, ctx, acc, where)

    def _aliased(
        self, words: tuple[str, ...], defined: dict[str, str], ctx: _Ctx, acc: _Acc, where: str
    ) -> None:
        """A shell line's aliases (`alias c=codex`, then `c exec`): a command whose first word
        (after assignments) an earlier `alias` defined runs the alias's text with its other
        words too, read as a line (bash expands it only from the next line read, or in a
        shell that does not expand aliases at all: the command is read both ways, fail
        closed). An alias's text is not expanded again by its own name, as bash does not."""
        j = 0
        while j < len(words) and is_assignment(words[j]):
            j += 1
        if j >= len(words):
            return
        if words[j] == "alias":
            for w in words[j + 1 :]:
                name, eq, value = w.partition("=")
                if eq and not name.startswith("-"):
                    defined[name] = value
            return
        text = defined.get(words[j])
        if text is None:
            return
        if ctx.depth >= _MAX_DEPTH:
            acc.unknown_because("too many nested launchers")
            return
        rest = " ".join(shlex.quote(w) for w in words[j + 1 :])
        inner = ctx._replace(depth=ctx.depth + 1)
        others = {k: v for k, v in defined.items() if k != words[j]}
        self._line(
            f"{text} {rest}", Syntax.POSIX, inner, acc, f"{where} (alias `{words[j]}`)", others
        )

    def _may_launch(self, code: str) -> bool:
        """Whether Python code can launch: it names a sink of the catalogue through its imports
        (`matching.pycode`: a gate, the code is not analysed); code naming none starts nothing."""
        from frontier_lint.matching.pycode import may_launch_code  # (rare: kept lazy)

        return may_launch_code(code, frozenset(self.catalogue.launch_names))

    def _tcl(self, text: str, ctx: _Ctx, acc: _Acc, where: str) -> None:
        """What a Tcl script runs (`expect -c`): each `spawn`/`exec` argv, each `system` line."""
        from frontier_lint.matching.tcl import tcl_runs  # (rare: not paid at every start-up)

        runs, problem = tcl_runs(text)
        if problem is not None:
            acc.unknown_because(f"{where} is incomplete ({problem})")
        inner = ctx._replace(where=Context.ARGV, depth=ctx.depth + 1)
        for run in runs:
            if run.line is not None:
                self._line(run.line, Syntax.POSIX, ctx, acc, f"{where} (`{run.how}`)")
            else:
                self._walk(list(run.argv), 0, True, inner, acc)

    def _command(
        self,
        cmd: SimpleCommand,
        written: tuple[str, ...],
        inner: _Ctx,
        context: Context,
        acc: _Acc,
        where: str,
    ) -> None:
        """One simple command of a command line, its words as `written` (or brace-expanded)."""
        words: list[str | None] = list(written)
        j = 0
        path = inner.path
        if context is Context.POSIX:
            while j < len(words) and is_assignment(words[j] or ""):
                path = _assigned_path(words[j] or "", path)
                j += 1  # `A=1 codex`: assignments before the program
        if j < len(words) and program_name(words[j] or "") is None:
            acc.unknown_because(f"a program in the {where} is not known")
            return
        # A command nothing in the line feeds reads the line's own standard input.
        inherits = not cmd.stdin and cmd.feed is Feed.CALLER
        at = inner._replace(
            depth=inner.depth + 1,
            stdin=inner.stdin if inherits else cmd.stdin,
            unfed=inner.unfed if inherits else None,
            feed=cmd.feed,
            path=path,
        )
        self._walk(words, j, True, at, acc)

    # -- launchers --------------------------------------------------------------------------------
    def _launcher(
        self,
        spec: LauncherSpec,
        words: list[str | None],
        i: int,
        complete: bool,
        ctx: _Ctx,
        acc: _Acc,
        label: str | None = None,
    ) -> None:
        """Read a launcher's arguments by its grammar and follow what it hands over."""
        state = _Parse(label or spec.name, ctx.path, [_MAX_READINGS])
        self._arguments(spec, words, i, complete, ctx, acc, state)

    def _arguments(
        self,
        spec: LauncherSpec,
        words: list[str | None],
        i: int,
        complete: bool,
        ctx: _Ctx,
        acc: _Acc,
        st: _Parse,
    ) -> None:
        """Options, assignments and operands from words[i]; then the hand-over."""
        n = len(words)
        while i < n:
            w = words[i]
            if w is None:
                if spec.scan and spec.unknown_is_argument:
                    i += 1
                    continue
                if spec.scan:
                    acc.unknown_because(f"arguments of `{st.label}` are not known")
                    return
                if spec.permute:
                    # Taken for a word that is no option, as an operand is below.
                    st.positional.append(w)
                    i += 1
                    continue
                if st.operands < spec.operands:
                    st.operands += 1  # an unknown operand is still the operand (`timeout N`)
                    i += 1
                    continue
                break  # the program (or an option, an assignment): decided by the hand-over
            if w == "--" and "--" not in spec.rest_options:
                i += 1
                if spec.permute:
                    st.positional.extend(words[i:])  # no option after `--`
                    i = n
                    break
                while st.operands < spec.operands and i < n:
                    st.operands += 1  # operands after `--` (`timeout -- 5 codex`)
                    i += 1
                break
            opt = read_option(spec, words, i)
            if opt is None:
                if spec.scan:
                    i += 1
                    continue
                if spec.assignments and "=" in w and st.operands == 0:
                    if not st.path_fixed:
                        st.path = _assigned_path(w, st.path)
                    i += 1  # `env A=1 codex`, `sudo HOME=/x codex`
                    continue
                if spec.quoted_title and not st.titled and getattr(w, "quoted", False):
                    st.titled = True  # `start "title" claude`
                    i += 1
                    continue
                if spec.permute:
                    st.positional.append(w)  # an operand or the hand-over: options may follow
                    i += 1
                    continue
                if st.operands < spec.operands:
                    st.operands += 1  # `timeout 5 codex`: the duration
                    i += 1
                    continue
                break
            split = self._apply(spec, opt, ctx, acc, st)
            if split is not None:
                if st.splits >= _MAX_SPLITS:
                    acc.unknown_because(f"too many `{st.label}` strings")
                    return
                st.splits += 1
                words = [*words[:i], *split, *words[i + opt.step :]]  # read again from here
                n = len(words)
                continue
            if opt.rest is not None:
                handover = spec.rest_options[opt.rest]
                label = f"{st.label} {opt.rest}"
                end = _rest_end(spec, words, i + opt.step)
                sub = st
                if opt.rest in spec.replace_options:
                    sub = st.copy()  # `find -exec cmd {} ;`: `{}` is a file name
                    sub.replace = spec.replace_options[opt.rest] or None
                if end is None:
                    self._hand_over(
                        spec, handover, words, i + opt.step, complete, ctx, acc, sub, label
                    )
                    return
                # `find . -exec cmd {} ; -exec ...`: this command, then the launcher's words.
                self._hand_over(
                    spec, handover, words[:end], i + opt.step, True, ctx, acc, sub, label
                )
                i = end + 1
                continue
            if spec.final_options and any(o in spec.final_options for o, _ in opt.named):
                i = n  # `python -c CODE ARGS`: the words left are the code's arguments
                break
            if opt.ambiguous and not spec.scan and not spec.closed_options:
                if st.budget[0] <= 0:
                    acc.unknown_because(f"option `{w}` of `{st.label}` is not known")
                    return
                st.budget[0] -= 1
                # Undeclared: read it as taking the next word here, as a flag below.
                self._arguments(spec, words, i + opt.step + 1, complete, ctx, acc, st.copy())
            i += opt.step
        if spec.permute:
            # The words that were no options: the operands left, then what is handed over.
            words = st.positional
            i = spec.operands - st.operands
        self._hand_over(
            spec, st.handover or spec.handover, words, i, complete, ctx, acc, st, st.label
        )

    def _apply(
        self, spec: LauncherSpec, opt: LauncherOption, ctx: _Ctx, acc: _Acc, st: _Parse
    ) -> list[str] | None:
        """What the option's declared parts do; the words of a split option to read instead."""
        env = spec.environment
        for name, value in opt.named:
            if name in spec.replace_options:
                st.replace = value or spec.replace_options[name] or None
            if name in spec.placeholder_options:
                st.placeholders.append(value)
            if name in spec.handover_options:
                # `runuser -u USER`: the value is the operand; the words left are handed over so.
                st.handover = spec.handover_options[name]
                st.operands = spec.operands
            if name in spec.command_options:
                st.commanded = True
                label = f"{st.label} {name}"
                if value is None:
                    acc.unknown_because(f"command line after `{label}` is not known")
                else:
                    at = ctx.into(label, path=st.path)
                    self._line(
                        value, spec.command_options[name], at, acc, f"`{label}` command line"
                    )
            elif name in spec.split_options:
                label = f"{spec.name} {name}"
                if value is None:
                    acc.unknown_because(f"arguments of `{label}` are not known")
                    st.commanded = True  # nothing more can be said: stop here
                    return []
                split, problem = split_env_string(value)
                if problem is not None:
                    # env refuses it and runs nothing; another env may read it otherwise.
                    acc.unknown_because(f"`{label}` string is not valid ({problem})")
                    st.commanded = True
                    return []
                st.label = label
                return list(split)
            elif name in spec.package_options and value is not None:
                # `npx --package=@openai/codex ...`: the package provides the program.
                self._package_hit(value, (*ctx.via, st.label), acc)
            elif name in spec.program_options:
                # `start-stop-daemon --exec /usr/bin/codex`: the program itself (its
                # arguments are elsewhere: not known from here).
                label = f"{st.label} {name}"
                if value is None:
                    acc.unknown_because(f"program after `{label}` is not known")
                else:
                    self._walk([value], 0, False, ctx.into(label, path=st.path), acc)
            elif name in spec.setting_commands:
                self._setting(spec.setting_commands[name], value, f"{st.label} {name}", ctx, acc)
            if st.path_fixed:
                continue
            if name in env.clear:
                st.path = os.defpath  # no PATH left: exec searches the default path
            elif name in env.unset and value == "PATH":
                st.path = os.defpath
            elif name in env.path and value is not None and HOLE not in value:
                st.path, st.path_fixed = value, True
        return None

    def _setting(
        self, keys: frozenset[str], value: str | None, label: str, ctx: _Ctx, acc: _Acc
    ) -> None:
        """`ssh -o ProxyCommand=LINE`: a `KEY=VALUE` (or `KEY VALUE`) setting whose key is one
        of `keys` holds a command line run locally; a setting not known may be one."""
        m = None if value is None else _SETTING.match(value)
        if value is None or (m is None and HOLE in value) or (m and HOLE in m.group(1)):
            acc.unknown_because(f"setting after `{label}` is not known")
            return
        if m is None or m.group(1).lower() not in keys:
            return
        line = m.group(2)
        if line.strip().lower() == "none":
            return  # `ProxyCommand=none`: no command
        where = f"`{label} {m.group(1)}` command line"
        self._line(line, Syntax.POSIX, ctx.into(f"{label} {m.group(1)}"), acc, where)

    def _hand_over(
        self,
        spec: LauncherSpec,
        handover: Handover,
        words: list[str | None],
        i: int,
        complete: bool,
        ctx: _Ctx,
        acc: _Acc,
        st: _Parse,
        label: str,
    ) -> None:
        """Follow what the launcher hands over, from words[i]."""
        if handover is Handover.LINES:
            self._lines(spec, words[i:], complete, ctx.into(label, path=st.path), acc, st, label)
            return
        if st.commanded or handover is Handover.NONE:
            return  # a command option gave the command; the words left are its arguments
        if handover is Handover.SUBCOMMAND:
            self._subcommands(spec, words, i, complete, ctx._replace(path=st.path), acc, label)
            return
        if handover is Handover.SHELL:
            # The user's login shell, whatever it is, read as `sh` reads its arguments (`-c
            # LINE`, a script, or its standard input: what the launch gives the launcher).
            # Given nothing at all it is an interactive session (`su - bob`, as `sudo -i`).
            fed = ctx.stdin or ctx.unfed is not None or ctx.feed is not Feed.CALLER
            if i < len(words) or not complete or fed:
                self._shell(words, i, complete, label, ctx._replace(path=st.path), acc)
            return
        if handover is Handover.INPUTS:
            # (Given no words at all, GNU parallel reads its command lines from standard input.)
            inner = ctx.into(label, path=st.path)
            self._inputs(spec, words[i:], complete, ctx.stdin, inner, acc, st, label)
            return
        n = len(words)
        if i >= n and spec.stdin_syntax is not None and complete and ctx.stdin:
            # `osascript <<EOF ... EOF`: the here-document is the script it runs.
            read = ctx.into(label, path=st.path)
            for text in ctx.stdin:
                self._line(text, spec.stdin_syntax, read, acc, f"`{label}` standard input")
            return
        if i >= n:
            if not complete:
                acc.unknown_because(f"program after `{label}` is not known")
            return
        if st.replace is not None:
            # `xargs -I {} sh -c '{}'`: the string stands for text read at run time; the
            # command gets no words added then.
            words = [None if w is None else w.replace(st.replace, HOLE) for w in words]
        elif spec.appends:
            complete = False  # `xargs env`: the items read are more words of the command
        inner = ctx.into(label, path=st.path)
        if handover is Handover.LINE_OR_ARGV:
            handover = Handover.OPERAND_LINE if n - i == 1 and complete else Handover.ARGV
        if handover is Handover.ARGV:
            # A shell's built-in (`builtin eval codex`) hands its command to the shell's own
            # lookup, where built-ins are found; any other launcher execs an argv.
            # (`command eval ...`: a built-in found in a shell line finds the shell's.)
            builtin = spec.builtin and ctx.where is Context.POSIX
            where = Context.POSIX if spec.within == _POSIX_ONLY or builtin else Context.ARGV
            self._walk(words, i, complete, inner._replace(where=where), acc)
        elif handover is Handover.PACKAGE:
            self._package(words, i, complete, inner, acc)
        elif handover is Handover.SCRIPT:
            self._script(words[i], inner, acc)
        elif handover is Handover.OPERAND_LINE:
            line = words[i]
            if line is None:
                acc.unknown_because(f"command line after `{label}` is not known")
            else:
                self._line(line, spec.syntax, inner, acc, f"`{label}` command line")
        else:  # LINE: the words, joined
            syntax = spec.syntax
            if syntax is Syntax.KEYS:
                text, syntax = typed_text(words[i:]), Syntax.POSIX
            else:
                text = " ".join(HOLE if w is None else w for w in words[i:])
            if not complete:
                text += " " + HOLE
            self._line(text, syntax, inner, acc, f"`{label}` command line")

    def _lines(
        self,
        spec: LauncherSpec,
        words: list[str | None],
        complete: bool,
        ctx: _Ctx,
        acc: _Acc,
        st: _Parse,
        label: str,
    ) -> None:
        """Each word a command line of its own (`hyperfine 'codex exec' 'git status'`), a
        parameter's placeholder (`{tool}`) in it a text not known; a word not known, or more
        words not known after them, a line not known."""
        for line in words:
            if line is None:
                acc.unknown_because(f"command line after `{label}` is not known")
                continue
            for name in st.placeholders:
                if name is None:  # (a parameter not known: any placeholder may be one)
                    line = _ANY_PLACEHOLDER.sub(HOLE, line)
                else:
                    line = line.replace("{" + name + "}", HOLE)
            self._line(line, spec.syntax, ctx, acc, f"`{label}` command line")
        if not complete:
            acc.unknown_because(f"command line after `{label}` is not known")

    def _subcommands(
        self,
        spec: LauncherSpec,
        words: list[str | None],
        i: int,
        complete: bool,
        ctx: _Ctx,
        acc: _Acc,
        label: str,
    ) -> None:
        """`pnpm dlx ...`, `tmux new -d x \\; send-keys ...`: each subcommand by its grammar."""
        for segment, seg_complete in _segments(words[i:], spec.separator, complete):
            if not segment:
                if not seg_complete:
                    acc.unknown_because(f"subcommand of `{label}` is not known")
                continue
            first = segment[0]
            if first is None:
                acc.unknown_because(f"subcommand of `{label}` is not known")
                continue
            sub = spec.subcommands.get(first.lower() if spec.case_insensitive else first)
            if sub is not None:
                self._launcher(sub, segment, 1, seg_complete, ctx, acc, f"{label} {first}")
            elif spec.default_subcommand is not None:
                # `wt codex`: a segment naming no subcommand is the default one's words.
                name = spec.default_subcommand
                sub = spec.subcommands[name]
                self._launcher(sub, segment, 0, seg_complete, ctx, acc, f"{label} {name}")

    def _package(
        self,
        words: list[str | None],
        i: int,
        complete: bool,
        ctx: _Ctx,
        acc: _Acc,
    ) -> None:
        """The first positional of a package runner: a package spec or a binary name."""
        spec = words[i]
        runner = ctx.via[-1]
        if spec is None or (HOLE in spec and not spec.startswith("@")):
            acc.unknown_because(f"package after `{runner}` is not known")
            return
        if self._package_hit(spec, ctx.via, acc):
            return
        if _package_source(spec):
            acc.unknown_because(
                f"package after `{runner}` is a repository, URL or file (what it runs is not known)"
            )
            return
        if spec.startswith("@"):
            if HOLE in _package_name(spec):
                acc.unknown_because(f"package after `{runner}` is not known")
            else:
                acc.saw(_package_name(spec))
            return
        # An unscoped name is both a package and the binary it runs (`npx codex`, `uvx ruff`).
        name = _package_name(spec)
        if HOLE in name:
            acc.unknown_because(f"package after `{runner}` is not known")
            return
        self._walk([name, *words[i + 1 :]], 0, complete, ctx._replace(where=Context.ARGV), acc)

    def _script(self, word: str | None, ctx: _Ctx, acc: _Acc) -> None:
        """The script an interpreter runs (`node PATH`, `deno run npm:PKG`): a forbidden
        program where it is that program's (its package's files, or named as the program);
        any other script is judged by its name, as `bash install.sh` is (its text is not seen)."""
        runner = ctx.via[-1]
        if word is None:
            acc.unknown_because(f"script after `{runner}` is not known")
            return
        if word.startswith("npm:"):
            # deno's npm specifier: the package's program (`npm:@anthropic-ai/claude-code`).
            spec = word[4:]
            if not self._package_hit(spec, ctx.via, acc) and HOLE in _package_name(spec):
                acc.unknown_because(f"package after `{runner}` is not known")
            return
        program = _script_program(word, acc.table, fold=ctx.fold)
        if program is not None:
            acc.saw(program)
            acc.hit(program, word, ctx.via)
        elif program_name(word) is None:
            acc.unknown_because(f"script after `{runner}` is not known")

    def _inputs(
        self,
        spec: LauncherSpec,
        words: list[str | None],
        complete: bool,
        stdin: tuple[str, ...],
        ctx: _Ctx,
        acc: _Acc,
        st: _Parse,
        label: str,
    ) -> None:
        """GNU parallel: `CMD ::: A B`, each input added to the command line (or put for its
        replacement strings `{}`, `{1}`, `{.}`...); `::: "codex x"` with no command: each input
        is the command line. Inputs from files or standard input are not known."""
        seps = spec.input_words | spec.input_files
        k = next((j for j, w in enumerate(words) if w in seps), len(words))
        command = words[:k]
        groups: list[list[str]] | None = []
        for w in words[k:]:
            if groups is None:
                break
            if w in spec.input_words:
                groups.append([])
            elif w in spec.input_files or w is None or HOLE in w:
                groups = None  # `:::: FILE`, an input not known
            else:
                groups[-1].append(w)
        if k == len(words):
            # No `:::`: the inputs are the lines of standard input (or of `-a FILE`).
            groups = [[ln for t in stdin for ln in t.splitlines() if ln]] if stdin else None
            if groups is not None and any(HOLE in ln for ln in groups[0]):
                groups = None
        if not complete:
            groups = None  # more inputs may follow
        combos: list[tuple[str, ...]] | None = None
        if groups is not None:
            size = 1
            for g in groups:
                size *= len(g)
            if size <= _MAX_INPUTS:
                combos = list(itertools.product(*groups))
        where = f"`{label}` command line"
        if not command:
            if combos is None:
                acc.unknown_because(f"the commands `{label}` runs are not known")
            for combo in combos or ():
                self._line(" ".join(combo), Syntax.POSIX, ctx, acc, where)
            return
        text = " ".join(HOLE if w is None else w for w in command)
        each: list[tuple[str, ...] | None] = [None] if combos is None else list(combos)
        for inputs in each:
            self._line(_put_inputs(text, inputs, st.replace), Syntax.POSIX, ctx, acc, where)

    def _package_hit(self, spec: str, chain: tuple[str, ...], acc: _Acc) -> bool:
        found = acc.table.packages.get(_package_name(spec))
        if found is None and _package_source(spec):
            # `npx github:google-gemini/gemini-cli`: a repository the rule pack names.
            repo = source_repository(spec)
            found = None if repo is None else acc.table.packages.get(repo)
        if found is None:
            return False
        program, _ = found
        acc.saw(program)
        acc.hit(program, spec, chain)
        return True


# ssh's `-o KEY=VALUE` (also `KEY VALUE`, `KEY = VALUE`).
_SETTING = lazy_compile(r"\s*([^\s=]+)\s*(?:=\s*|\s+)(.*)", re.DOTALL)
# Files an interpreter runs that are a program's own: `bin/codex.js`, `$(which claude)`.
_SCRIPT_EXTENSIONS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")
_MAX_INPUTS = 64  # combinations of GNU parallel's inputs read one by one
# GNU parallel's replacement strings: `{}`, `{.}`, `{/}`, `{//}`, `{/.}`, `{#}`, `{%}`, `{3}`,
# `{3.}`, `{=perl expression=}`.
_PARALLEL_REPLACEMENT = lazy_compile(r"\{(?:=.*?=|[0-9]*(?://|/\.|[./#%])?)\}")


def _script_program(word: str, table: _KindTable, *, fold: bool) -> str | None:
    """The forbidden program whose own file the script path `word` is: one inside its npm
    package's directory (`.../@openai/codex/bin/codex.js`; an unscoped package under
    `node_modules/`), or its bin named as the program (`bin/claude.js`, `/usr/local/bin/codex`,
    `node_modules/.bin/gemini`, a bare `codex`)."""
    windows = fold or "\\" in word
    parts = [p.lower() if windows else p for p in re.split(r"[/\\]", word) if p]
    for k, part in enumerate(parts):
        if part.startswith("@") and k + 1 < len(parts):
            found = table.packages.get(f"{part}/{parts[k + 1]}")
        elif k > 0 and parts[k - 1] == "node_modules":
            found = table.packages.get(part)
        else:
            continue
        if found is not None:
            return found[0]
    if not parts or HOLE in parts[-1]:
        return None
    stem = parts[-1]
    if len(parts) == 1:
        # A bare name is the program's own (`bun run codex`: its package's bin); a bare file
        # with an extension (`codex.js`) is taken for the project's own script.
        return stem if stem in table.programs else None
    if parts[-2] not in ("bin", ".bin"):
        return None  # `scripts/claude.js`, `src/codex.ts`: the project's own scripts
    for ext in _SCRIPT_EXTENSIONS:
        if stem.endswith(ext) and len(stem) > len(ext):
            stem = stem[: -len(ext)]
            break
    return stem if stem in table.programs else None


def _put_inputs(text: str, combo: tuple[str, ...] | None, replace: str | None) -> str:
    """GNU parallel's command line for one combination of inputs (None: not known): put for
    its replacement strings (`{}` all of them, `{N}` the Nth; the others, `{.}` `{/}` ..., are
    text not known), or else added at its end."""

    def value(m: re.Match[str]) -> str:
        inner = m.group()[1:-1]
        if combo is None or (inner and not inner.isdigit()):
            return HOLE  # `{.}`, `{/}`, `{#}`, `{=perl=}`: text parallel makes of its own
        if inner:
            n = int(inner)
            return shlex.quote(combo[n - 1]) if 0 < n <= len(combo) else "''"
        return " ".join(shlex.quote(x) for x in combo)

    out = _PARALLEL_REPLACEMENT.sub(value, text)
    if replace:
        out = out.replace(replace, HOLE if combo is None else " ".join(map(shlex.quote, combo)))
    if out != text:
        return out
    return f"{text} {HOLE}" if combo is None else " ".join([text, *map(shlex.quote, combo)])


_POSITIONAL = lazy_compile(r'"\$(?:\{([@*0-9])\}|([@*0-9]))"|\$(?:\{([@*0-9])\}|([@*0-9]))')


def _positional(line: str, params: Sequence[str]) -> str | None:
    """A `sh -c` command line with its positional parameters (`$0`..`$9`, `$@`, `$*`) replaced
    by the words given after it, `params` (`$0` first); None where a single quote (text that
    is not expanded) makes it unclear which ones the shell expands."""
    if "'" in line:
        return None

    def word(m: re.Match[str]) -> str:
        which = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if which in "@*":
            return " ".join(shlex.quote(p) for p in params[1:])
        n = int(which)
        return shlex.quote(params[n]) if n < len(params) else "''"

    return _POSITIONAL.sub(word, line)


def _rest_end(spec: LauncherSpec, words: list[str | None], start: int) -> int | None:
    """Where the command a rest option starts at `start` ends: the index of its end word."""
    if not spec.rest_end:
        return None
    for k in range(start, len(words)):
        for end in spec.rest_end:
            before = k - len(end) + 1
            if words[k] == end[-1] and before >= start and tuple(words[before:k]) == end[:-1]:
                return k
    return None


def _segments(
    words: list[str | None], separator: str | None, complete: bool
) -> list[tuple[list[str | None], bool]]:
    """Words cut at separator words (a word ending in it ends its segment too)."""
    if separator is None:
        return [(words, complete)]
    out: list[tuple[list[str | None], bool]] = []
    cur: list[str | None] = []
    for w in words:
        if w is not None and w.endswith(separator) and not w.endswith("\\" + separator):
            body = w[: -len(separator)]
            if body:
                cur.append(body)
            out.append((cur, True))
            cur = []
        else:
            cur.append(w)
    out.append((cur, complete))
    return out


def _assigned_path(word: str, path: str | None) -> str | None:
    """The search path after an assignment word (`PATH=/x`); unknown text leaves it as it was."""
    if word.startswith("PATH="):
        value = word[5:]
        return path if HOLE in value else value
    return path


def _split_line(text: str, syntax: Syntax) -> ShellSplit:
    if syntax is Syntax.CMD:
        return split_cmd(text)
    if syntax is Syntax.POWERSHELL:
        return split_powershell(text)
    return split_commands(text)  # POSIX, and the lines keys type
