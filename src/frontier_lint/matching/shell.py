"""Split a POSIX shell command line into the simple commands it runs.

`shlex.split` gives the words of one command; a shell line holds many (`cd x && codex exec | tee
log`), some hidden in subshells, groups, command substitutions and here-documents fed to a shell.
This module finds every *simple command* and returns its words with quotes removed, so the program
matcher can look at each command's first word.

What the shell would compute at run time (`$VAR`, `${VAR:-x}`, `$(cmd)`, `` `cmd` ``, `$((1+2))`)
becomes HOLE in the word: `$HOME/bin/codex` is `"\\x00/bin/codex"`, whose basename is still known.
Commands inside command and process substitutions are returned as commands too.

It never raises: unbalanced quotes or parentheses give a best-effort result marked incomplete.

The reader itself is `shell_parser`; the word-level pieces every syntax shares (HOLE, assignments,
plain word splitting) are in `words`, and re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.matching.shell_parser import _Cmd, _Parser
from frontier_lint.matching.words import (
    HOLE,
    collapse_holes,
    is_assignment,
    leading_words,
    split_words,
)

__all__ = [
    "HOLE",
    "Feed",
    "ShellSplit",
    "SimpleCommand",
    "collapse_holes",
    "is_assignment",
    "leading_words",
    "shell_split",
    "simple_commands",
    "split_commands",
    "split_words",
]


class Feed(Enum):
    """Where a command's standard input comes from, when `stdin` does not hold it."""

    CALLER = "caller"  # the launching process's own standard input (nothing known)
    PROGRAM = "program"  # what another program prints (`curl URL | sh`): text from outside
    COMPOUND = "compound"  # what a compound command prints (`(echo codex) | sh`): not read


@dataclass(frozen=True)
class SimpleCommand:
    """One simple command: its words (quotes removed, leading `NAME=value` kept)."""

    words: tuple[str, ...]
    # Text fed to the command's standard input by here-documents and here-strings, or printed
    # into it by `echo` / `printf` before `|`; a shell run without a command line (`bash
    # <<EOF ... EOF`, `echo codex | sh`) executes it.
    stdin: tuple[str, ...] = ()
    feed: Feed = Feed.CALLER  # where its standard input comes from when `stdin` is empty
    # The words after bash's brace expansion, where it changes them (`{codex,x}`: `codex x`);
    # a shell without it (dash) runs `words`: both are read.
    braced: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ShellSplit:
    """A command line split into simple commands."""

    commands: tuple[SimpleCommand, ...]
    complete: bool  # False when the line was cut short (unbalanced quotes, missing `)`)
    problem: str | None = None  # the first reason it is incomplete

    @property
    def words(self) -> list[list[str]]:
        return [list(c.words) for c in self.commands]


def shell_split(commands: list[list[str]], problem: str | None) -> ShellSplit:
    """The split of another syntax's reader (`matching.commandlines`, `matching.powershell`):
    its non-empty commands, incomplete when it names a problem."""
    return ShellSplit(
        tuple(SimpleCommand(tuple(c)) for c in commands if c), problem is None, problem
    )


def split_commands(text: str) -> ShellSplit:
    """Every simple command of the shell command line `text`, in source order."""
    parser = _Parser(text, depth=0)
    try:
        parser.parse_list(end=None)
        parser.finish_command()
        parser.read_heredocs()
    except RecursionError:  # defensive: pathological nesting
        parser.fail("command line nested too deeply")
    at = parser.syntax_error
    if at is not None and HOLE not in text:
        # A syntax error in text known whole: a shell runs the lines before it, then stops
        # (`bash -c 'Get a key (hosted)'` runs nothing).
        line = text.rfind("\n", 0, at) + 1
        return ShellSplit(tuple(_simple(c) for c in parser.commands if c.end <= line), True)
    commands = tuple(_simple(c) for c in parser.commands)
    return ShellSplit(commands, parser.problem is None, parser.problem)


def _simple(cmd: _Cmd) -> SimpleCommand:
    stdin, feed = _reads(cmd)
    braced = None if cmd.braced is None else tuple(cmd.braced)
    return SimpleCommand(tuple(cmd.words), stdin, feed, braced)


def _reads(cmd: _Cmd, depth: int = 0) -> tuple[tuple[str, ...], Feed]:
    """What `cmd` reads on its standard input: known texts, or where it comes from."""
    if cmd.stdin:  # its own redirection wins over a pipe
        return tuple(cmd.stdin), Feed.CALLER
    if not cmd.piped:
        return (), Feed.CALLER
    if cmd.source is None or depth >= _MAX_PIPE:
        return (), Feed.COMPOUND
    return _prints(cmd.source, depth + 1)


_MAX_PIPE = 8  # `cat | cat | ...`: a longer chain is not followed (its text is not known)
_ECHO_OPTIONS = lazy_compile(r"-[neE]+")
_CONVERSION = lazy_compile(r"%(%|[-+ #0]*[0-9*]*(?:\.[0-9*]*)?[a-zA-Z])")
_ESCAPE = lazy_compile(r"\\([\\abefnrtv0c])")
_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _prints(cmd: _Cmd, depth: int) -> tuple[tuple[str, ...], Feed]:
    """What a simple command writes to a pipe: the text of `echo` / `printf`, what `cat`
    passes on from its own standard input; any other program's output is from outside."""
    words = list(cmd.words)
    while words and is_assignment(words[0]):
        words.pop(0)
    name = words[0].rsplit("/", 1)[-1] if words else ""  # `/bin/echo`
    args = words[1:]
    if name == "echo":
        while args and _ECHO_OPTIONS.fullmatch(args[0]):
            args.pop(0)
        text = " ".join(args)
        # bash's echo prints backslashes as written, dash's interprets them: both readings.
        return tuple(dict.fromkeys((text, _unescape(text)))), Feed.CALLER
    if name == "printf" and args and args[0] != "-v":
        if args[0] == "--":
            args.pop(0)
        if args:
            return (_unescape(_printf(args[0], args[1:])),), Feed.CALLER
    if name == "cat" and all(a == "-" for a in args):
        return _reads(cmd, depth)  # `cat` passes its standard input on
    return (), Feed.PROGRAM


def _printf(fmt: str, args: list[str]) -> str:
    """`printf FORMAT ARGS`: every conversion takes the next argument as text; the format is
    used again while arguments are left."""
    out: list[str] = []
    rest = args
    while True:
        taken: list[str] = []

        def fill(m: re.Match[str], given: list[str] = rest, taken: list[str] = taken) -> str:
            if m.group(1) == "%":
                return "%"
            taken.append(given[len(taken)] if len(taken) < len(given) else "")
            return taken[-1]

        out.append(_CONVERSION.sub(fill, fmt))
        rest = rest[len(taken) :]
        if not rest or not taken:
            return "".join(out)


def _unescape(text: str) -> str:
    """Backslash escapes as `printf` and dash's `echo` read them (`\\c` ends the output)."""
    cut = text.find("\\c")
    if cut >= 0:
        text = text[:cut]
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), "" if m.group(1) == "0" else "\\"), text)


def simple_commands(text: str) -> list[list[str]]:
    """Shorthand: the word lists of `split_commands(text)`."""
    return split_commands(text).words
