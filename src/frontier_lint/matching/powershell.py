"""PowerShell command lines (`-Command` text, `-EncodedCommand`, `Invoke-Expression`): the
simple commands they run.

Like the other readers (`matching.commandlines`), it turns the text into a `ShellSplit` with
unknown text as HOLE and never raises. It follows statements and pipelines, `& 'program'` and
`. script`, quotes and here-strings, `$(...)`, `( )` and `{ }` whose commands run too,
`$x = command`, and keywords.
"""

from __future__ import annotations

import base64
import binascii
import re

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.matching.shell import HOLE, ShellSplit, collapse_holes, shell_split

__all__ = ["decode_powershell", "split_powershell"]

_MAX_DEPTH = 32  # nested groups before a line is given up as incomplete

_PS_KEYWORDS = frozenset(
    {
        "if",
        "elseif",
        "else",
        "while",
        "until",
        "do",
        "for",
        "foreach",
        "switch",
        "try",
        "catch",
        "finally",
        "trap",
        "return",
        "throw",
        "exit",
        "begin",
        "process",
        "end",
        "param",
        "break",
        "continue",
    }
)
_PS_NAMED = frozenset({"function", "filter", "workflow", "configuration"})  # keyword NAME
_PS_NUMBER = lazy_compile(r"[+-]?(0x[0-9a-f]+|[0-9][0-9_]*(\.[0-9]*)?(e[+-]?[0-9]+)?)[a-z]*$", re.I)
_PS_WORD_END = frozenset(" \t\r\n;|&(){}")
_PS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "e": "\x1b"}


def split_powershell(text: str) -> ShellSplit:
    """The commands a PowerShell command line runs (`-Command` text, `Invoke-Expression`)."""
    parser = _PsParser(text)
    try:
        parser.statements(end=None, depth=0)
    except RecursionError:  # defensive: pathological nesting
        parser.fail("command line nested too deeply")
    return shell_split(parser.commands, parser.problem)


def decode_powershell(encoded: str) -> str | None:
    """`-EncodedCommand` text: base64 of UTF-16LE. None when it is not."""
    try:
        return base64.b64decode(encoded, validate=True).decode("utf-16-le")
    except (binascii.Error, ValueError):
        return None


class _PsParser:
    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.i = 0
        self.commands: list[list[str]] = []
        self.problem: str | None = None

    def fail(self, why: str) -> None:
        if self.problem is None:
            self.problem = why

    def statements(self, end: str | None, depth: int) -> None:
        """Statements up to the closing `end` (or the end of text)."""
        if depth > _MAX_DEPTH:
            self.fail("command line nested too deeply")
            self.i = self.n
            return
        words: list[str] = []
        # start: a statement begins; command: words of a command; call: after `&` / `.`, the
        # program comes next; assign: after a leading variable; expression: a value, no command
        mode = "start"
        s = self.s
        while True:
            self.skip_blanks()
            if self.i >= self.n:
                if end is not None:
                    self.fail(f"missing `{end}`")
                break
            c = s[self.i]
            if end is not None and c == end:
                self.i += 1
                break
            if c in "\n;|" or s.startswith(("&&", "||"), self.i):
                self.i += 2 if s.startswith(("&&", "||", "||"), self.i) else 1
                self.emit(words, mode)
                words, mode = [], "start"
                continue
            if c == "#" or s.startswith("<#", self.i):
                self.skip_comment()
                continue
            if c == "&":
                self.i += 1
                if mode == "start":
                    mode = "call"  # `& program args`
                else:
                    self.emit(words, mode)  # `command &`: a background job
                    words, mode = [], "start"
                continue
            if c in "({" or s.startswith(("$(", "@("), self.i):
                self.i += 2 if c in "$@" else 1
                self.statements("}" if c == "{" else ")", depth + 1)  # its commands run too
                if mode == "start":
                    mode = "expression"  # `(claude -p x).Length`, `{ ... }`: a value
                elif mode in ("call", "command"):
                    words.append(HOLE)  # `& (Get-Command x)`: a program not known here
                    mode = "command"
                continue
            if c in ")}":
                self.i += 1
                self.fail(f"unbalanced `{c}`")
                continue
            quoted = c in "'\"" or s.startswith(("@'", '@"'), self.i)
            word = self.word(depth)
            if mode == "start":
                lower = word.lower()
                if quoted or word.startswith("[") or _PS_NUMBER.match(word):
                    mode = "expression"  # a value, not a command
                    continue
                if c == "$":
                    mode = "assign"
                    _, eq, rest = word.partition("=")
                    if eq:  # `$x=claude`
                        mode = "start" if not rest else "command"
                        words = [rest] if rest else []
                    continue
                if lower in _PS_KEYWORDS:
                    continue  # `if`, `return`, ...: a statement follows
                if lower in _PS_NAMED:
                    self.skip_blanks()
                    self.word(depth)  # the name being defined
                    continue
                if word == ".":
                    mode = "call"  # dot-sourcing: the script comes next
                    continue
                mode = "command"
            elif mode == "assign":
                # `$x = claude -p hi`: the right side is a pipeline; anything else a value.
                mode = "start" if word in ("=", "+=", "-=", "*=", "/=", "??=") else "expression"
                continue
            elif mode == "call":
                mode = "command"
            if mode == "command":
                words.append(word)
        self.emit(words, mode)

    def emit(self, words: list[str], mode: str) -> None:
        if mode == "command" and words:
            self.commands.append(list(words))
        elif mode == "call":
            self.commands.append([HOLE])  # `&` with nothing known after it

    def skip_blanks(self) -> None:
        s = self.s
        while self.i < self.n:
            if s[self.i] in " \t\r":
                self.i += 1
            elif s.startswith("`\n", self.i):
                self.i += 2  # line continuation
            else:
                return

    def skip_comment(self) -> None:
        s = self.s
        if s.startswith("<#", self.i):
            close = s.find("#>", self.i + 2)
            self.i = self.n if close < 0 else close + 2
            if close < 0:
                self.fail("unterminated comment")
            return
        nl = s.find("\n", self.i)
        self.i = self.n if nl < 0 else nl

    def word(self, depth: int) -> str:
        """One element of a command: quotes removed, variables and sub-expressions HOLE."""
        s = self.s
        out: list[str] = []
        while self.i < self.n:
            c = s[self.i]
            if c in _PS_WORD_END:
                break
            if s.startswith(("@'", '@"'), self.i) and s[self.i + 2 : self.i + 3] in ("\n", "\r"):
                out.append(self.here_string(s[self.i + 1], depth))
            elif c in "'\"":
                out.append(self.quoted(c, depth))
            elif c == "`":
                if self.i + 1 < self.n:
                    out.append(_PS_ESCAPES.get(s[self.i + 1], s[self.i + 1]))
                self.i += 2
            elif c == "$":
                out.append(self.variable(depth))
            else:
                out.append(c)
                self.i += 1
        return collapse_holes("".join(out))

    def quoted(self, quote: str, depth: int) -> str:
        """A '...' string (literal) or a "..." one (backtick escapes, `$` expansions); a doubled
        quote inside is the quote itself."""
        s = self.s
        out: list[str] = []
        self.i += 1
        while self.i < self.n:
            c = s[self.i]
            if c == quote:
                if s.startswith(quote * 2, self.i):
                    out.append(quote)
                    self.i += 2
                    continue
                self.i += 1
                return "".join(out)
            if quote == '"' and c == "`" and self.i + 1 < self.n:
                out.append(_PS_ESCAPES.get(s[self.i + 1], s[self.i + 1]))
                self.i += 2
            elif quote == '"' and c == "$":
                out.append(self.variable(depth))
            else:
                out.append(c)
                self.i += 1
        self.fail("unterminated single quote" if quote == "'" else "unterminated double quote")
        return "".join(out)

    def here_string(self, quote: str, depth: int) -> str:
        s = self.s
        close = s.find("\n" + quote + "@", self.i)
        if close < 0:
            self.fail("unterminated here-string")
            body, self.i = s[self.i + 3 :], self.n
        else:
            body, self.i = s[self.i + 3 : close], close + 3
        if quote == '"' and "$" in body:
            return HOLE  # expandable: its value is not known here (sub-expressions are rare)
        return body

    def variable(self, depth: int) -> str:
        """`$name`, `${...}`, `$env:X`, `$(...)` (its commands run): HOLE. A lone `$`: itself."""
        s = self.s
        nxt = s[self.i + 1 : self.i + 2]
        if nxt == "(":
            self.i += 2
            self.statements(")", depth + 1)
            return HOLE
        if nxt == "{":
            close = s.find("}", self.i)
            self.i = self.n if close < 0 else close + 1
            return HOLE
        m = re.compile(r"[A-Za-z_?^$][A-Za-z0-9_]*(:[A-Za-z_][A-Za-z0-9_]*)?").match(s, self.i + 1)
        if m is None:
            self.i += 1
            return "$"
        self.i = m.end()
        return HOLE
