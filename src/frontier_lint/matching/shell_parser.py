"""The POSIX shell reader behind `shell.split_commands`: a recursive-descent parser of one command
list (operators, subshells and groups, compound commands, redirections and here-documents, words
with their quotes, expansions and substitutions), appending each simple command it reads."""

from __future__ import annotations

import itertools
import re

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.matching.words import HOLE, collapse_holes, is_assignment

# Reserved words that can stand before a command without being its program (`if codex; then`).
_SKIP_AT_START = frozenset(
    {"if", "then", "else", "elif", "fi", "while", "until", "do", "done", "!", "{", "}", "esac"}
)
_METACHARS = frozenset(" \t\n;&|()<>")
_NAME = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ANSI_C = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "e": "\x1b",
    "E": "\x1b",
}
_NOT_ARITHMETIC = lazy_compile(r"[;\n]|\w\s+[\w$'\"]")
_MAX_DEPTH = 32  # nested subshells / substitutions before we give up (incomplete)


class _Parser:
    """A recursive-descent reader of one command list; commands are appended to `commands`."""

    def __init__(self, text: str, depth: int, commands: list[_Cmd] | None = None) -> None:
        self.s = text
        self.n = len(text)
        self.i = 0
        self.depth = depth
        self.commands: list[_Cmd] = commands if commands is not None else []
        self.problem: str | None = None
        # Where a token no shell accepts there was met (`Get a key (free)`: `(` after a
        # command's words), at the top level: the shell stops there, having run only the
        # lines before it.
        self.syntax_error: int | None = None
        # The simple command being read.
        self.cmd = _Cmd()
        self.redirect: str | None = None  # operator waiting for its target word
        self.heredocs: list[tuple[str, bool, list[str]]] = []  # (delimiter, strip tabs, stdin)
        # Compound-command state: words that are not commands.
        self.skip_until: str | None = None  # `for x in a b` -> skip to the separator; `[[` -> `]]`
        self.skip_words = 0  # `function NAME` -> skip the name
        self.time_flags = False  # after the `time` keyword, `-p` is its option
        self.coproc = False  # after `coproc`: a NAME may come before a compound command
        self.case_depth = 0
        self.case_state: str | None = None  # "word" (before `in`) | "pattern" (before `)`)

    # -- bookkeeping ------------------------------------------------------------------------
    def fail(self, why: str) -> None:
        if self.problem is None:
            self.problem = why

    def refuse(self, why: str) -> None:
        """A syntax error: what the shell refuses to run, not text cut short."""
        if self.problem is None and self.depth == 0:
            self.syntax_error = self.i
        self.fail(why)

    def finish_command(self) -> None:
        if self.cmd.words:
            self.cmd.end = self.i
            self.commands.append(self.cmd)
        self.cmd = _Cmd()
        self.redirect = None
        self.time_flags = False
        if self.skip_until not in (None, "]]"):
            self.skip_until = None  # `for x in a b c;` ends at the separator

    def sub(self, text: str) -> str:
        """Parse `text` (a backtick substitution) as a command list of its own; its value."""
        if self.depth >= _MAX_DEPTH:
            self.fail("command line nested too deeply")
            return HOLE
        before = len(self.commands)
        inner = _Parser(text, self.depth + 1, self.commands)
        inner.parse_list(end=None)
        inner.finish_command()
        inner.read_heredocs()
        if inner.problem:
            self.fail(inner.problem)
        return _substitution_value(self.commands[before:])

    def nested(self, end: str) -> str:
        """Parse a nested command list in place (subshell, `$(...)`) up to `end`; the value
        of a command substitution."""
        if self.depth >= _MAX_DEPTH:
            self.fail("command line nested too deeply")
            self.i = self.n
            return HOLE
        before = len(self.commands)
        inner = _Parser(self.s, self.depth + 1, self.commands)
        inner.i = self.i
        inner.parse_list(end=end)
        inner.finish_command()
        self.heredocs.extend(inner.heredocs)  # their bodies follow the outer line's newline
        self.i = inner.i
        if inner.problem:
            self.fail(inner.problem)
        return _substitution_value(self.commands[before:])

    # -- the command list ---------------------------------------------------------------------
    def parse_list(self, end: str | None) -> None:
        s = self.s
        while True:
            self.skip_blanks()
            if self.i >= self.n:
                if end is not None:
                    self.fail(f"missing `{end}`")
                return
            c = s[self.i]
            if c == "#":
                # A comment: `#` at the start of a word runs to the end of the line.
                nl = s.find("\n", self.i)
                self.i = self.n if nl < 0 else nl
                continue
            if c == "\n":
                self.i += 1
                self.finish_command()
                self.read_heredocs()
                continue
            if c == ")" and end == ")" and self.case_state != "pattern":
                self.i += 1
                return
            if c in ";&|":
                self.operator()
                continue
            if c == "(":
                self.open_paren()
                continue
            if c == ")":
                self.i += 1
                if self.case_state == "pattern":
                    self.case_state = None  # `pat)` ends a case pattern; a command follows
                else:
                    self.fail("unbalanced `)`")
                    self.finish_command()
                continue
            if c in "<>":
                if self.i + 1 < self.n and s[self.i + 1] == "(":
                    self.add_word(self.read_word())  # process substitution `<(cmd)`
                else:
                    self.redirection()
                continue
            word = self.read_word()
            if word is not None:
                self.add_word(word)

    def skip_blanks(self) -> None:
        s = self.s
        while self.i < self.n:
            c = s[self.i]
            if c in " \t\r":
                self.i += 1
            elif c == "\\" and self.i + 1 < self.n and s[self.i + 1] == "\n":
                self.i += 2  # line continuation
            else:
                return

    def operator(self) -> None:
        s = self.s
        for op in (";;&", ";;", ";&", "&&", "||", "|&", "&>>", "&>", ";", "&", "|"):
            if s.startswith(op, self.i):
                break
        self.i += len(op)
        if op in ("&>", "&>>"):
            self.redirect = op  # bash: redirect stdout and stderr
            return
        if op == "|" and self.case_state == "pattern":
            return  # `a|b)`: alternatives of one case pattern
        before = self.cmd
        self.finish_command()
        if op in ("|", "|&"):
            # The next command reads what this one prints (nothing known when it is a
            # compound command: its words were read as commands of their own).
            self.cmd.piped = True
            self.cmd.source = before if before.words else None
        if (op.startswith(";;") or op == ";&") and self.case_depth > 0:
            self.case_state = "pattern"  # the next case item's pattern follows

    def open_paren(self) -> None:
        s = self.s
        if self.case_state == "pattern":
            self.i += 1  # `(pat)`: the optional opening parenthesis of a case pattern
            return
        if self.cmd.words:
            # `name ( )`: a function definition; the name is not a command.
            j = self.i + 1
            while j < self.n and s[j] in " \t":
                j += 1
            if j < self.n and s[j] == ")":
                self.cmd.words = []
                self.i = j + 1
                return
            # `a=(1 2 3)` was read with the word; anything else is a syntax error: best effort.
            self.refuse("unexpected `(`")
            self.finish_command()
        if s.startswith("((", self.i):
            # `(( arithmetic ))` runs no command; `((cd x; codex))` is two subshells.
            end = self.match_parens(self.i)
            header = self.skip_until == ";"  # `for ((i=0; i<3; i++))`
            if end is not None and (header or _looks_arithmetic(s[self.i + 2 : end - 2])):
                self.skip_arithmetic(end)
                return
        self.i += 1
        self.finish_command()
        self.nested(")")
        self.finish_command()

    def match_parens(self, start: int) -> int | None:
        """Index after the `)` matching the `(` at `start`, skipping quoted text."""
        depth, i, s = 0, start, self.s
        while i < self.n:
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c in "'\"":
                close = s.find(c, i + 1)
                if close < 0:
                    return None
                i = close + 1
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return None

    def redirection(self) -> None:
        s = self.s
        for op in ("<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "<", ">"):
            if s.startswith(op, self.i):
                break
        self.i += len(op)
        self.redirect = op

    def read_heredocs(self) -> None:
        """After a newline: the bodies of the here-documents opened on the line just read."""
        s = self.s
        for delim, strip_tabs, target in self.heredocs:
            body: list[str] = []
            while True:
                if self.i >= self.n:
                    self.fail(f"here-document `{delim}` is not closed")
                    break
                nl = s.find("\n", self.i)
                line = s[self.i : self.n if nl < 0 else nl]
                self.i = self.n if nl < 0 else nl + 1
                if strip_tabs:
                    line = line.lstrip("\t")
                if line == delim:
                    break
                body.append(line)
            target.append("\n".join(body))
        self.heredocs = []

    # -- words ----------------------------------------------------------------------------------
    def add_word(self, word: _Word | None) -> None:
        if word is None:
            return
        if self.redirect is not None:
            op, self.redirect = self.redirect, None
            if op == "<<<":
                self.cmd.stdin.append(str(word))
            elif op in ("<<", "<<-"):
                # The body follows the next newline, after this command is finished: it is
                # filled into the command's stdin list then.
                self.heredocs.append((word.replace(HOLE, ""), op == "<<-", self.cmd.stdin))
            return  # a redirection target is not a word of the command
        if self.case_state == "word":
            if word == "in":
                self.case_state = "pattern"
            return
        if self.case_state == "pattern":
            if word == "esac":
                self.case_depth -= 1
                self.case_state = "pattern" if self.case_depth > 0 else None
            return
        if self.skip_words:
            self.skip_words -= 1
            return
        if self.skip_until is not None:
            if word == self.skip_until:
                self.skip_until = None
            return
        if not self.cmd.words and not word.quoted:
            if self.time_flags and word in ("-p", "--"):
                return
            if word == "esac" and self.case_depth > 0:
                self.case_depth -= 1  # the last case item may omit `;;`
                self.case_state = None
                return
            if word in _SKIP_AT_START:
                return
            if word == "time":
                self.time_flags = True
                return
            if word in ("for", "select"):
                self.skip_until = ";"  # the loop words end at the separator, `do` follows
                return
            if word == "[[":
                self.skip_until = "]]"
                return
            if word == "case":
                self.case_depth += 1
                self.case_state = "word"
                return
            if word == "function":
                self.skip_words = 1
                return
            if word == "coproc":
                self.coproc = True
                return
            if self.coproc:
                self.coproc = False
                if self.compound_follows():
                    return  # `coproc NAME { codex; }`: NAME names the coprocess
        cmd = self.cmd
        if word.braces is not None or cmd.braced is not None:
            # The words as bash expands braces (an assignment before the program is not
            # expanded): the command as it runs there, beside the words as written.
            braced = word.braces
            if braced is None or all(is_assignment(w) for w in (*cmd.words, word)):
                braced = (str(word),)
            if cmd.braced is None:
                cmd.braced = list(cmd.words)
            cmd.braced.extend(braced)
        cmd.words.append(str(word))

    def compound_follows(self) -> bool:
        """Whether a subshell or a group starts after the word just read (`coproc NAME (`)."""
        s, j = self.s, self.i
        while j < self.n and s[j] in " \t":
            j += 1
        return s.startswith("(", j) or (
            s.startswith("{", j) and s[j + 1 : j + 2] in (" ", "\t", "\n")
        )

    def read_word(self) -> _Word | None:
        """Read one word (quotes removed, expansions as HOLE). None for an io-number (`2>`)."""
        s = self.s
        start = self.i
        parts: list[str] = []
        braces: list[int] = []  # the parts that are an unquoted `{`, `,` or `}`
        quoted = False
        while self.i < self.n:
            c = s[self.i]
            if c in _METACHARS:
                if c in "<>" and self.i + 1 < self.n and s[self.i + 1] == "(" and self.i == start:
                    self.i += 2
                    self.nested(")")  # process substitution: its commands run
                    parts.append(HOLE)
                    continue
                if c == "(" and parts and not quoted and _is_array_assignment("".join(parts)):
                    end = self.match_parens(self.i)
                    self.i = self.n if end is None else end
                    parts.append(HOLE)
                    continue
                break
            if c == "\\":
                if self.i + 1 < self.n:
                    if s[self.i + 1] != "\n":
                        parts.append(s[self.i + 1])
                        quoted = True
                    self.i += 2
                else:
                    parts.append("\\")
                    self.i += 1
            elif c == "'":
                close = s.find("'", self.i + 1)
                if close < 0:
                    self.fail("unterminated single quote")
                    close = self.n
                parts.append(s[self.i + 1 : close])
                self.i = close + 1
                quoted = True
            elif c == '"':
                self.i += 1
                parts.append(self.read_double_quoted())
                quoted = True
            elif c == "$":
                parts.append(self.read_dollar())
            elif c == "`":
                parts.append(self.read_backticks())
            else:
                if c in "{,}":
                    braces.append(len(parts))
                parts.append(c)
                self.i += 1
        word = collapse_holes("".join(parts))
        if (
            not quoted
            and word.isdigit()
            and self.i < self.n
            and s[self.i] in "<>"
            and self.i - start == len(word)
        ):
            return None  # `2>file`: the descriptor number of a redirection
        if word == "" and not quoted:
            return None
        if braces and "{" in word:
            return _Word(word, quoted, _brace_expansion(parts, frozenset(braces)))
        return _Word(word, quoted)

    def read_double_quoted(self) -> str:
        s = self.s
        parts: list[str] = []
        while self.i < self.n:
            c = s[self.i]
            if c == '"':
                self.i += 1
                return "".join(parts)
            if c == "\\" and self.i + 1 < self.n:
                nxt = s[self.i + 1]
                if nxt in '$`"\\':
                    parts.append(nxt)
                elif nxt != "\n":
                    parts.append("\\" + nxt)
                self.i += 2
            elif c == "$":
                parts.append(self.read_dollar())
            elif c == "`":
                parts.append(self.read_backticks())
            else:
                parts.append(c)
                self.i += 1
        self.fail("unterminated double quote")
        return "".join(parts)

    def read_dollar(self) -> str:
        """`$...` at self.i: an expansion (HOLE), ANSI-C quoting, or a literal `$`."""
        s = self.s
        i = self.i + 1
        nxt = s[i] if i < self.n else ""
        if nxt == "(":
            if s.startswith("((", i):
                end = self.match_parens(i)
                if end is not None and _looks_arithmetic(s[i + 2 : end - 2]):
                    self.i = i
                    self.skip_arithmetic(end)  # `$(( arithmetic ))`
                    return HOLE
            self.i = i + 1
            return self.nested(")")  # command substitution: its commands run
        if nxt == "{":
            self.i = i + 1
            self.skip_braces()
            return HOLE
        if nxt == "'":
            return self.read_ansi_c(i + 1)
        if nxt == '"':
            self.i = i + 1
            return self.read_double_quoted()  # `$"..."`: locale translation, same as "..."
        m = _NAME.match(s, i)
        if m:
            self.i = m.end()
            return HOLE
        if nxt and (nxt.isdigit() or nxt in "@*#?$!-"):
            self.i = i + 1
            return HOLE
        self.i = i
        return "$"

    def skip_arithmetic(self, end: int) -> None:
        """Skip `((...))` ending at `end`; command substitutions inside it still run."""
        s = self.s
        while self.i < end:
            if s.startswith("$(", self.i) and not s.startswith("$((", self.i):
                self.read_dollar()
            elif s[self.i] == "`":
                self.read_backticks()
            else:
                self.i += 1
        self.i = max(self.i, end)

    def skip_braces(self) -> None:
        """Skip a `${...}` parameter expansion (nested, quoted, with substitutions inside)."""
        s = self.s
        depth = 1
        while self.i < self.n:
            c = s[self.i]
            if c == "\\":
                self.i += 2
            elif c == "'":
                close = s.find("'", self.i + 1)
                self.i = self.n if close < 0 else close + 1
            elif c == '"':
                self.i += 1
                self.read_double_quoted()
            elif c == "$":
                self.read_dollar()
            elif c == "`":
                self.read_backticks()
            else:
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        self.i += 1
                        return
                self.i += 1
        self.fail("unterminated `${`")

    def read_ansi_c(self, start: int) -> str:
        """`$'...'` with C escapes, starting after the opening quote."""
        s = self.s
        out: list[str] = []
        i = start
        while i < self.n:
            c = s[i]
            if c == "'":
                self.i = i + 1
                return "".join(out)
            if c == "\\" and i + 1 < self.n:
                e = s[i + 1]
                i += 2
                if e in _ANSI_C:
                    out.append(_ANSI_C[e])
                elif e == "x":
                    m = re.match(r"[0-9A-Fa-f]{1,2}", s[i:])
                    if m:
                        out.append(chr(int(m.group(), 16)))
                        i += m.end()
                    else:
                        out.append("\\x")
                elif e in "01234567":
                    m = re.match(r"[0-7]{0,2}", s[i:])
                    digits = e + (m.group() if m else "")
                    out.append(chr(int(digits, 8)))
                    i += len(digits) - 1
                else:
                    out.append(e)  # \\ \' \" and unknown escapes: the character itself
                continue
            out.append(c)
            i += 1
        self.i = self.n
        self.fail("unterminated `$'` quote")
        return "".join(out)

    def read_backticks(self) -> str:
        """`` `cmd` ``: the inner text (with `\\``, `\\\\`, `\\$` unescaped) is a command list."""
        s = self.s
        i = self.i + 1
        inner: list[str] = []
        while i < self.n:
            c = s[i]
            if c == "\\" and i + 1 < self.n and s[i + 1] in "`\\$":
                inner.append(s[i + 1])
                i += 2
                continue
            if c == "`":
                self.i = i + 1
                return self.sub("".join(inner))
            inner.append(c)
            i += 1
        self.i = self.n
        self.fail("unterminated backquote")
        self.sub("".join(inner))
        return HOLE


class _Word(str):
    """A word that remembers whether any of it was quoted (quoted words are never keywords),
    and the words bash's brace expansion makes of it (None: it has no brace expression)."""

    quoted: bool
    braces: tuple[str, ...] | None

    def __new__(cls, text: str, quoted: bool, braces: tuple[str, ...] | None = None) -> _Word:
        obj = super().__new__(cls, text)
        obj.quoted = quoted
        obj.braces = braces
        return obj


# Brace expansion (bash, zsh, ksh, fish; not dash nor POSIX sh, but /bin/sh is bash on many
# systems and bash keeps it in POSIX mode): `{codex,x}` is the words `codex x`, `co{dex,}` is
# `codex co`, `{a..c}` is `a b c`; `{codex}` (no comma, no sequence) stays as written. A word
# expands to at most this many words; past it, it is one word not known (never clean).
_MAX_BRACE_WORDS = 64
_OPEN, _COMMA, _CLOSE = 0, 1, 2
_SEQUENCE = lazy_compile(r"(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?")


class _TooMany(Exception):
    """A brace expansion past `_MAX_BRACE_WORDS`."""


def _brace_expansion(parts: list[str], braces: frozenset[int]) -> tuple[str, ...] | None:
    """The words brace expansion makes of a word read as `parts`, `braces` naming the parts
    that are an unquoted `{`, `,` or `}`; None when it has no brace expression."""
    codes = {"{": _OPEN, ",": _COMMA, "}": _CLOSE}
    tokens: list[str | int] = [codes[p] if k in braces else p for k, p in enumerate(parts)]
    try:
        words = _expand(tokens)
    except _TooMany:
        return (HOLE,)
    if words is None:
        return None
    # An unquoted word that expands to nothing is removed, as bash removes it.
    return tuple(w for w in (collapse_holes(w) for w in words) if w)


def _text(tokens: list[str | int]) -> str:
    return "".join("{,}"[t] if isinstance(t, int) else t for t in tokens)


def _expand(tokens: list[str | int]) -> list[str] | None:
    """bash's brace expansion of a token list (braces.c): the first `{` that opens a brace
    expression, its alternatives each between the text before and every expansion of the text
    after; None when there is no brace expression."""
    start = 0
    n = len(tokens)
    while True:
        try:
            o = tokens.index(_OPEN, start)
        except ValueError:
            return None
        depth, close = 0, -1
        commas: list[int] = []
        for j in range(o, n):
            t = tokens[j]
            if t == _OPEN:
                depth += 1
            elif t == _CLOSE:
                depth -= 1
                if depth == 0:
                    close = j
                    break
            elif t == _COMMA and depth == 1:
                commas.append(j)
        if close < 0:
            start = o + 1  # `{{a,b}`: an unmatched `{` is text, a later one may open one
            continue
        if commas:
            cuts = [o, *commas, close]
            alternatives = [
                _expand(tokens[a + 1 : b]) or [_text(tokens[a + 1 : b])]
                for a, b in itertools.pairwise(cuts)
            ]
        else:
            inner = tokens[o + 1 : close]
            sequence = _sequence(_text(inner)) if all(isinstance(t, str) for t in inner) else None
            if sequence is None:
                start = o + 1  # `{codex}`: no brace expression here
                continue
            alternatives = [[x] for x in sequence]
        before = _text(tokens[:o])
        after = _expand(tokens[close + 1 :]) or [_text(tokens[close + 1 :])]
        out: list[str] = []
        for group in alternatives:
            for a in group:
                for b in after:
                    out.append(before + a + b)
                    if len(out) > _MAX_BRACE_WORDS:
                        raise _TooMany
        return out


def _sequence(text: str) -> list[str] | None:
    """`{x..y[..step]}`: integers (zero-padded as the wider end is) or single letters."""
    m = _SEQUENCE.fullmatch(text)
    if m is None:
        return None
    x, y, step_text = m.groups()
    step = abs(int(step_text)) if step_text else 1
    step = step or 1
    if x.isalpha() != y.isalpha():
        return None
    a, b = (ord(x), ord(y)) if x.isalpha() else (int(x), int(y))
    if abs(b - a) // step + 1 > _MAX_BRACE_WORDS:
        raise _TooMany
    values = range(a, b + 1, step) if a <= b else range(a, b - 1, -step)
    if x.isalpha():
        return [chr(v) for v in values]
    width = (
        max(len(x), len(y)) if x.lstrip("-").startswith("0") or y.lstrip("-").startswith("0") else 0
    )
    return [str(v).zfill(width) if width else str(v) for v in values]


# `$(which codex)` is the path of codex: its basename names the program the outer command runs.
PATH_LOOKUPS = (("which",), ("command", "-v"), ("type", "-P"), ("type", "-p"))


def _substitution_value(commands: list[_Cmd]) -> str:
    """What a command substitution prints, when it is a program lookup; HOLE otherwise."""
    if len(commands) != 1:
        return HOLE
    words = commands[0].words
    for head in PATH_LOOKUPS:
        n = len(head)
        if tuple(words[:n]) == head and len(words) == n + 1 and HOLE not in words[n]:
            return words[n]
    return HOLE


class _Cmd:
    """A simple command while it is read (here-document bodies arrive after it ended)."""

    __slots__ = ("braced", "end", "piped", "source", "stdin", "words")

    def __init__(self) -> None:
        self.words: list[str] = []
        self.braced: list[str] | None = None  # the words after brace expansion, if it changes them
        self.stdin: list[str] = []
        self.piped = False  # after `|`: its standard input is what `source` prints
        self.source: _Cmd | None = None  # the simple command before `|`, if it was one
        self.end = 0  # where it ended in the text read


def _looks_arithmetic(text: str) -> bool:
    """Whether `((text))` is arithmetic: no command separators, no two words side by side."""
    return _NOT_ARITHMETIC.search(text) is None


def _is_array_assignment(prefix: str) -> bool:
    return prefix.endswith("=") and is_assignment(prefix)
