"""Command lines that are not POSIX shell: env's `-S` string, cmd.exe, PowerShell, AppleScript
and keys typed into a terminal.

Each reader turns its text into the simple commands it runs (a `ShellSplit`, like
`shell.split_commands`), with unknown text as HOLE, so the program matcher looks at each
command's first word the same way whatever the syntax. They never raise: text they cannot follow
is marked incomplete with the reason.

What each follows:
- `split_env_string`: GNU and BSD `env -S` (`-S "-i PATH=/x codex"`): whitespace, single and
  double quotes, the escapes GNU documents (`\\_` a space in double quotes and a separator outside,
  `\\c` the end, `#` at a word's start a comment), `${VAR}` as unknown text.
- `split_cmd`: `cmd.exe /c` lines: `&`, `&&`, `||`, `|`, `( )` blocks, `^` escapes, quotes,
  redirections, `%VAR%` / `!VAR!`, `@`, `rem`, `if ... command`, `for ... do command`.
- `split_powershell`: statements and pipelines, `& 'program'` and `. script`, quotes and
  here-strings, `$(...)`, `( )` and `{ }` whose commands run too, `$x = command`, keywords.
- `applescript_commands`: the shell lines an AppleScript runs (`do shell script "..."`,
  Terminal's `do script "..."`, iTerm's `write text "..."`, JXA `doShellScript(...)`).
- `typed_text`: what `tmux send-keys` / `screen -X stuff` type into a shell (`'codex' Enter`).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence

from frontier_lint.matching.shell import HOLE, ShellSplit, SimpleCommand

__all__ = [
    "QuotedWord",
    "applescript_commands",
    "decode_powershell",
    "split_cmd",
    "split_env_string",
    "split_powershell",
    "typed_text",
]

_MAX_DEPTH = 32  # nested groups before a line is given up as incomplete


class QuotedWord(str):
    """A word that was (partly) quoted: cmd's `start "title" program` tells a title by it."""

    quoted = True


def _collapse(text: str) -> str:
    while HOLE + HOLE in text:
        text = text.replace(HOLE + HOLE, HOLE)
    return text


def _split(commands: list[list[str]], problem: str | None) -> ShellSplit:
    return ShellSplit(
        tuple(SimpleCommand(tuple(c)) for c in commands if c), problem is None, problem
    )


# ------------------------------------------------------------------------------------------------
# env -S


_ENV_SPACE = " \t\n\v\f\r"
_ENV_ESCAPES = {'"': '"', "#": "#", "$": "$", "'": "'", "\\": "\\"}
_ENV_CONTROL = {"f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ENV_VAR = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")


def split_env_string(text: str) -> tuple[list[str], str | None]:
    """The arguments `env -S TEXT` adds, as GNU coreutils (and FreeBSD) split them.

    Returns the words and, when env would refuse the string (and run nothing), why.
    """
    words: list[str] = []
    sep = True  # the last character seen separates arguments
    sq = dq = False
    i, n = 0, len(text)

    def start_word() -> None:
        nonlocal sep
        if sep:
            words.append("")
            sep = False

    def add(c: str) -> None:
        start_word()
        words[-1] += c

    while i < n:
        c = text[i]
        if (c == "'" and not dq) or (c == '"' and not sq):
            if c == "'":
                sq = not sq
            else:
                dq = not dq
            start_word()  # `''` is an empty argument
            i += 1
            continue
        if c in _ENV_SPACE and not (sq or dq):
            sep = True
            i += 1
            continue
        if c == "#" and sep and not (sq or dq):
            break  # a comment to the end of the string
        if c == "\\" and not (sq and text[i + 1 : i + 2] not in ("\\", "'")):
            nxt = text[i + 1 : i + 2]
            if not nxt:
                return words, "invalid backslash at end of string"
            i += 2
            if nxt in _ENV_ESCAPES:
                add(_ENV_ESCAPES[nxt])
            elif nxt == "_":
                if dq:
                    add(" ")
                else:
                    sep = True  # `\_` outside double quotes separates arguments
            elif nxt == "c":
                if dq:
                    return words, "`\\c` inside double quotes"
                break
            elif nxt in _ENV_CONTROL:
                add(_ENV_CONTROL[nxt])
            else:
                return words, f"invalid sequence `\\{nxt}`"
            continue
        if c == "$" and not sq:
            m = _ENV_VAR.match(text, i)
            if m is None:
                return words, "only ${VARNAME} expansion is supported"
            add(HOLE)  # the variable's value: unknown here
            i = m.end()
            continue
        add(c)
        i += 1
    else:
        if sq or dq:
            return words, "no terminating quote"
    return [_collapse(w) for w in words], None


# ------------------------------------------------------------------------------------------------
# cmd.exe


_CMD_VAR = re.compile(r"%(?:%|~?[a-zA-Z]*[0-9*]|[A-Za-z_][^%\s]*%)")
_CMD_DELAYED = re.compile(r"![A-Za-z_][A-Za-z0-9_.]*!")
_CMD_CONDITIONS = frozenset({"exist", "defined", "errorlevel", "cmdextversion"})
_CMD_COMPARE = frozenset({"==", "equ", "neq", "lss", "leq", "gtr", "geq"})


def split_cmd(text: str) -> ShellSplit:
    """The commands a `cmd.exe /c` command line runs (their words, quotes removed)."""
    commands: list[list[str]] = []
    cur: list[str] = []
    problem: str | None = None
    depth = 0
    i, n = 0, len(text)
    redirect = False

    def end() -> None:
        nonlocal cur
        words = _cmd_command(cur)
        if words:
            commands.append(words)
        cur = []

    while i < n:
        c = text[i]
        if c in " \t\r":
            i += 1
            continue
        if c == "\n":
            end()
            i += 1
            continue
        if text.startswith(("&&", "||"), i):
            end()
            i += 2
            continue
        if c in "&|":
            end()
            i += 1
            continue
        if c == "(" and (not cur or _cmd_header(cur)):
            if depth >= _MAX_DEPTH:
                problem = problem or "command line nested too deeply"
            depth += 1
            end()
            i += 1
            continue
        if c == ")" and depth > 0:
            depth -= 1
            end()
            i += 1
            continue
        m = re.match(r"[0-9]?(>>|>&|<&|>|<)", text[i:])
        if m and (m.start() == 0):
            i += m.end()
            if text[i : i + 1].isdigit() and m.group(1).endswith("&"):
                i += 1  # `2>&1`
            else:
                redirect = True  # the target word follows
            continue
        word, i, err = _cmd_word(text, i, depth > 0)
        problem = problem or err
        if redirect:
            redirect = False
            continue
        cur.append(word)
    end()
    if depth > 0:
        problem = problem or "missing `)`"
    return _split(commands, problem)


def _cmd_word(text: str, i: int, in_block: bool) -> tuple[str, int, str | None]:
    """One word of a cmd line from i: quotes removed, variables as HOLE. Always advances."""
    start = i
    out: list[str] = []
    quoted = False
    in_quotes = False
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            in_quotes = not in_quotes
            quoted = True
            i += 1
            continue
        if not in_quotes:
            if (c in " \t\r\n&|<>" or (c == ")" and in_block)) and i > start:
                break
            if c == "^":
                if i + 1 < n:
                    out.append(text[i + 1])
                i += 2
                continue
        if c == "%":
            m = _CMD_VAR.match(text, i)
            if m is not None:
                out.append("%" if m.group() == "%%" else HOLE)
                i = m.end()
                continue
        if c == "!":
            m = _CMD_DELAYED.match(text, i)
            if m is not None:
                out.append(HOLE)
                i = m.end()
                continue
        out.append(c)
        i += 1
    word = _collapse("".join(out))
    err = "unterminated double quote" if in_quotes else None
    return (QuotedWord(word) if quoted else word), i, err


def _cmd_header(words: Sequence[str]) -> bool:
    """Whether the words so far are an `if`/`for`/`else` header that a `(` block follows."""
    first = words[0].lower()
    return first in ("if", "else") or (first == "for" and words[-1].lower() == "do")


def _cmd_command(words: list[str]) -> list[str]:
    """The command words, without `@`, `if` conditions, `for ... do`, `else`, comments."""
    while words:
        if words[0].startswith("@") and not getattr(words[0], "quoted", False):
            rest = words[0][1:]
            words = ([rest] if rest else []) + words[1:]
            continue
        first = words[0].lower()
        if first in ("rem", "::") or first.startswith("::"):
            return []
        if first == "else":
            words = words[1:]
            continue
        if first == "for":
            lowered = [w.lower() for w in words]
            if "do" not in lowered:
                return []
            words = words[lowered.index("do") + 1 :]
            continue
        if first == "if":
            words = _cmd_after_condition(words[1:])
            continue
        return words
    return []


def _cmd_after_condition(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) and words[i].lower() in ("/i", "not"):
        i += 1
    if i >= len(words):
        return []
    w = words[i].lower()
    if w in _CMD_CONDITIONS:
        return words[i + 2 :]
    if i + 1 < len(words) and words[i + 1].lower() in _CMD_COMPARE:
        return words[i + 3 :]
    if "==" in w:
        return words[i + 1 :]
    return words[i + 1 :]


# ------------------------------------------------------------------------------------------------
# PowerShell

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
_PS_NUMBER = re.compile(r"[+-]?(0x[0-9a-f]+|[0-9][0-9_]*(\.[0-9]*)?(e[+-]?[0-9]+)?)[a-z]*$", re.I)
_PS_WORD_END = frozenset(" \t\r\n;|&(){}")
_PS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "e": "\x1b"}


def split_powershell(text: str) -> ShellSplit:
    """The commands a PowerShell command line runs (`-Command` text, `Invoke-Expression`)."""
    parser = _PsParser(text)
    try:
        parser.statements(end=None, depth=0)
    except RecursionError:  # defensive: pathological nesting
        parser.fail("command line nested too deeply")
    return _split(parser.commands, parser.problem)


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
        return _collapse("".join(out))

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


# ------------------------------------------------------------------------------------------------
# AppleScript (and JavaScript for Automation)

_AS_RUNS = re.compile(
    r"\b(?:do\s+shell\s+script|do\s+script|write\s+text)\b|\b(?:doShellScript|doScript)\s*\(",
    re.IGNORECASE,
)
_AS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'"}


def applescript_commands(text: str) -> tuple[list[str | None], str | None]:
    """The shell command lines an AppleScript (or JXA) text runs, in order; None for one whose
    text is not known. Nothing else in a script starts a program."""
    lines: list[str | None] = []
    problem: str | None = None
    quoted = _quoted_spans(text)
    for m in _AS_RUNS.finditer(text):
        if any(start < m.start() < end for start, end in quoted):
            continue  # `display dialog "do script"`: words inside a string
        js = m.group().endswith("(")
        value, err = _as_expression(text, m.end(), js)
        problem = problem or err
        lines.append(None if value is None or value == HOLE else value)
    return lines, problem


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the string literals are (either quote: AppleScript uses `"`, JXA both)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            spans.append((i, j))
            i = j + 1
        else:
            i += 1
    return spans


def _as_expression(text: str, i: int, js: bool) -> tuple[str | None, str | None]:
    """A string expression (`"cd x; " & p & "; codex"`): literals kept, the rest HOLE."""
    join = "+" if js else "&"
    out: list[str] = []
    n = len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n or text[i] in "\n\r":
            break
        c = text[i]
        if c == '"' or (js and c == "'"):
            i += 1
            buf: list[str] = []
            while i < n and text[i] != c:
                if text[i] == "\\" and i + 1 < n:
                    buf.append(_AS_ESCAPES.get(text[i + 1], text[i + 1]))
                    i += 2
                    continue
                buf.append(text[i])
                i += 1
            if i >= n:
                return None, "unterminated string"
            i += 1
            out.append("".join(buf))
        else:
            # A variable or an expression (`quoted form of p`): unknown text, up to the next `&`.
            stop = i
            while stop < n and text[stop] not in "\n\r" + join + (")" if js else ""):
                stop += 1
            if stop == i:
                break
            out.append(HOLE)
            i = stop
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == join:
            i += 1
            continue
        break
    if not out:
        return None, None
    return _collapse("".join(out)), None


# ------------------------------------------------------------------------------------------------
# Keys typed into a terminal (tmux send-keys, screen stuff)

_KEY_NEWLINE = frozenset({"enter", "c-m", "kpenter", "c-j", "^m", "^j"})
_KEY_TEXT = {"space": " ", "tab": "\t", "c-i": "\t"}
_KEY_CANCEL = frozenset({"c-c", "c-u", "^c", "^u"})
_KEY_OTHER = re.compile(
    r"(?:[CMS]-.|\^.|Escape|BSpace|BTab|DC|End|Home|IC|NPage|PageDown|PgDn|PPage|PageUp|PgUp"
    r"|Up|Down|Left|Right|F[0-9]{1,2}|KP.*)",
    re.IGNORECASE,
)


def typed_text(keys: Sequence[str | None]) -> str:
    """The text the keys type: key names (`Enter`, `C-m`, `Space`) become characters, `\\n` and
    `^M` in a string end a line, `C-c` drops the line typed so far; other words are typed as
    they are. Unknown keys are unknown text."""
    lines: list[str] = []
    cur: list[str] = []
    for key in keys:
        if key is None:
            cur.append(HOLE)
            continue
        lower = key.lower()
        if lower in _KEY_NEWLINE:
            lines.append("".join(cur))
            cur = []
        elif lower in _KEY_TEXT:
            cur.append(_KEY_TEXT[lower])
        elif lower in _KEY_CANCEL:
            cur = []
        elif _KEY_OTHER.fullmatch(key):
            continue  # a key that types no text
        else:
            text = re.sub(r"\\[nr]|\^[MJ]", "\n", key)
            *done, rest = text.split("\n")
            for part in done:
                lines.append("".join(cur) + part)
                cur = []
            cur.append(rest)
    lines.append("".join(cur))
    return _collapse("\n".join(line for line in lines if line))
