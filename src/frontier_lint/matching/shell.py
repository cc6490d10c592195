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

from dataclasses import dataclass

from frontier_lint.matching.shell_parser import _Parser
from frontier_lint.matching.words import (
    HOLE,
    collapse_holes,
    is_assignment,
    leading_words,
    split_words,
)

__all__ = [
    "HOLE",
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


@dataclass(frozen=True)
class SimpleCommand:
    """One simple command: its words (quotes removed, leading `NAME=value` kept)."""

    words: tuple[str, ...]
    # Text fed to the command's standard input by here-documents and here-strings; a shell run
    # without a command line (`bash <<EOF ... EOF`) executes it.
    stdin: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShellSplit:
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
    commands = tuple(SimpleCommand(tuple(c.words), tuple(c.stdin)) for c in parser.commands)
    return ShellSplit(commands, parser.problem is None, parser.problem)


def simple_commands(text: str) -> list[list[str]]:
    """Shorthand: the word lists of `split_commands(text)`."""
    return split_commands(text).words
