"""Command lines that are not POSIX shell: env's `-S` string, cmd.exe, AppleScript and keys
typed into a terminal (PowerShell has its own module, `matching.powershell`).

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
- `applescript_commands`: the shell lines an AppleScript runs (`do shell script "..."`,
  Terminal's `do script "..."`, iTerm's `write text "..."`, JXA `doShellScript(...)`).
- `typed_text`: what `tmux send-keys` / `screen -X stuff` type into a shell (`'codex' Enter`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.matching.shell import HOLE, ShellSplit, collapse_holes, shell_split

__all__ = [
    "QuotedWord",
    "applescript_commands",
    "split_cmd",
    "split_env_string",
    "typed_text",
]

_MAX_DEPTH = 32  # nested groups before a line is given up as incomplete


class QuotedWord(str):
    """A word that was (partly) quoted: cmd's `start "title" program` tells a title by it."""

    quoted = True


# ------------------------------------------------------------------------------------------------
# env -S


_ENV_SPACE = " \t\n\v\f\r"
_ENV_ESCAPES = {'"': '"', "#": "#", "$": "$", "'": "'", "\\": "\\"}
_ENV_CONTROL = {"f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ENV_VAR = lazy_compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")


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
    return [collapse_holes(w) for w in words], None


# ------------------------------------------------------------------------------------------------
# cmd.exe


_CMD_VAR = lazy_compile(r"%(?:%|~?[a-zA-Z]*[0-9*]|[A-Za-z_][^%\s]*%)")
_CMD_DELAYED = lazy_compile(r"![A-Za-z_][A-Za-z0-9_.]*!")
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
    return shell_split(commands, problem)


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
    word = collapse_holes("".join(out))
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
# AppleScript (and JavaScript for Automation)

_AS_RUNS = lazy_compile(
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
    return collapse_holes("".join(out)), None


# ------------------------------------------------------------------------------------------------
# Keys typed into a terminal (tmux send-keys, screen stuff)

_KEY_NEWLINE = frozenset({"enter", "c-m", "kpenter", "c-j", "^m", "^j"})
_KEY_TEXT = {"space": " ", "tab": "\t", "c-i": "\t"}
_KEY_CANCEL = frozenset({"c-c", "c-u", "^c", "^u"})
_KEY_OTHER = lazy_compile(
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
    return collapse_holes("\n".join(line for line in lines if line))
