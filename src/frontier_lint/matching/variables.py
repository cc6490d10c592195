"""Shell variables whose value is known where a POSIX command line reads them: the
environment the launch sets (`env={"SCRIPT": "codex exec"}`) and the line's own assignments
that surely run before the read (`S="claude -p"; eval "$S"`, `export S=gemini; ...`).

`expand_known` puts those values in place of `$NAME` / `${NAME}` (quoted as the place needs:
inside double quotes one text, outside them the words of the value), before the line is read;
every other expansion stays for the reader, which leaves it unknown. A variable the line
assigns in another way (twice, in a branch or a loop, `read`, `+=`, an assignment prefix of a
command) is not put in anywhere: its value at the read is not known.
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Iterator, Mapping

from frontier_lint.lazy_regex import lazy_compile

# `NAME=value` (or `export NAME=value`) standing alone as a statement: a plain word, a
# double-quoted text without expansions, or a single-quoted one.
_ASSIGN_STATEMENT = lazy_compile(
    r"(?:^|(?<=[;\n]))[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)="
    r"(\"[^\"$`\\]*\"|'[^']*'|[^\s;&|()<>$`'\"\\]*)[ \t]*(?=[;\n]|$)"
)
# What makes the statements after it not surely run, or run apart (a subshell's assignments
# stay there): branches, loops, `&&`/`||`, groups, subshells, functions, here-documents.
_NOT_SURE = lazy_compile(
    r"&&|\|\||[(){}`]|<<|(?<![\w-])(?:if|then|else|elif|fi|while|until|for|do|done|case|esac"
    r"|function|select)(?![\w-])"
)
_ANY_ASSIGN = lazy_compile(r"(?<![\w$])([A-Za-z_]\w*)(?:\[[^\]]*\])?\+?=")
_OTHER_BINDINGS = lazy_compile(
    r"(?<![\w-])(?:read|for|local|declare|typeset|readonly|getopts|unset|select|export)"
    r"[ \t]+([^;\n&|]*)"
)
_VARIABLE = lazy_compile(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))")


def _assignments(text: str) -> dict[str, tuple[int, str]]:
    """The variables the line assigns once, in a statement that surely runs: name -> (where
    the assignment ends, its value). Names assigned otherwise map to (-1, "")."""
    counts: dict[str, int] = {}
    for m in _ANY_ASSIGN.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    other: set[str] = set()
    for m in _OTHER_BINDINGS.finditer(text):
        other.update(re.findall(r"[A-Za-z_]\w*", m.group(1)))
    out: dict[str, tuple[int, str]] = {name: (-1, "") for name in (*counts, *other)}
    # Found once, not before each assignment (quadratic on a long line). An assignment
    # statement starts the line or follows `;`, so no token of `_NOT_SURE` straddles its start:
    # the first one ending before it is the first one of the text.
    first = _NOT_SURE.search(text)
    unsure_from = first.end() if first is not None else len(text) + 1
    exports = len(re.findall(r"(?<![\w-])export[ \t]", text))
    for m in _ASSIGN_STATEMENT.finditer(text):
        name, raw = m.group(1), m.group(2)
        if unsure_from <= m.start():
            break
        exported = text[m.start() : m.start(1)].strip() == "export"
        if counts.get(name) != 1 or (name in other and not exported):
            continue
        if exported and exports != 1:
            continue
        value = raw[1:-1] if raw[:1] in "\"'" else raw
        out[name] = (m.end(), value)
    return out


def _quoted(value: str, in_double: bool) -> str:
    if in_double:
        return re.sub(r'([\\"$`])', r"\\\1", value)
    # Unquoted: the value's words (split on whitespace), no globbing.
    return " ".join(shlex.quote(w) for w in value.split())


def expand_known(text: str, env: Mapping[str, str]) -> str:
    """`text` with the reads of variables whose value is known there replaced by it."""
    if "$" not in text:
        return text
    assigned = _assignments(text)
    if not env and not any(end >= 0 for end, _ in assigned.values()):
        return text
    out: list[str] = []
    start = 0
    for m, double in _reads(text, _VARIABLE):
        known = _known_at(m.group(1) or m.group(2), m.start(), assigned, env)
        if known is not None:
            out += [text[start : m.start()], _quoted(known, double)]
            start = m.end()
    out.append(text[start:])
    return "".join(out)


def _reads(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], bool]]:
    """The matches of `pattern` at each `$` the shell expands (not in single quotes, not
    escaped), each with whether it is inside double quotes."""
    i, n = 0, len(text)
    single = double = False
    while i < n:
        c = text[i]
        if single:
            single = c != "'"
        elif c == "\\" and i + 1 < n:
            i += 2
            continue
        elif c == "'" and not double:
            single = True
        elif c == '"':
            double = not double
        elif c == "$":
            m = pattern.match(text, i)
            if m is not None:
                yield m, double
                i = m.end()
                continue
        i += 1


def _known_at(
    name: str, at: int, assigned: dict[str, tuple[int, str]], env: Mapping[str, str]
) -> str | None:
    """The value of variable `name` read at `at`, if known there: the line's own assignment
    once it ran, the environment's before (`_assignments`)."""
    end, value = assigned.get(name, (None, ""))
    if end is None:
        return env.get(name)
    if end < 0:
        return None
    return value if at >= end else env.get(name)


# `${NAME:-word}`, `${NAME-word}`, `${NAME:=word}`, `${NAME=word}`, `${NAME:+word}`,
# `${NAME+word}` with a plain word (no quotes, expansions or escapes: one with them stays as it
# is, not known).
_DEFAULTED = lazy_compile(r"\$\{([A-Za-z_]\w*)(:?[-=+])([^}\"'$`\\]*)\}")
# Expansions of variables not known that are read both ways (each doubles the lines).
MAX_DEFAULTED = 4


def expand_defaults(text: str, env: Mapping[str, str]) -> tuple[str, ...]:
    """`text` with each `${NAME:-word}` (and `-`, `=`, `:=`, `+`, `:+`) in its place, as the
    shell reads it: where NAME's value is known there (the environment, the line's own
    assignment, as `expand_known`), the one result; where it is not, each line it may be (the
    word: `"${TOOL:-codex}" run` may run codex; and the variable, not known), at most
    MAX_DEFAULTED such expansions read both ways (past them, the variable, not known)."""
    if "${" not in text or _DEFAULTED.search(text) is None:
        return (text,)
    assigned = _assignments(text)
    pieces: list[tuple[str, ...]] = []  # each a fixed text (one) or the choices (two)
    start = 0
    branching = 0
    for m, double in _reads(text, _DEFAULTED):
        name, op, word = m.group(1), m.group(2), m.group(3)
        known = _known_at(name, m.start(), assigned, env)
        unknown_read = "${" + name + "}"
        choices: tuple[str, ...]
        if known is not None:
            choices = (_applied(op, _quoted(known, double), known, word),)
        elif branching >= MAX_DEFAULTED:
            choices = (unknown_read,)
        else:
            branching += 1
            # Set or not, empty or not: the word, or the variable's value (not known).
            choices = (word, "") if op.endswith("+") else (word, unknown_read)
        pieces += [(text[start : m.start()],), choices]
        start = m.end()
    pieces.append((text[start:],))
    return tuple("".join(p) for p in itertools.product(*pieces))


def _applied(op: str, quoted: str, value: str, word: str) -> str:
    """`${NAME<op>word}` of a known value (`quoted` as its place needs)."""
    if op in (":-", ":="):
        return quoted if value else word
    if op in ("-", "="):
        return quoted
    if op == ":+":
        return word if value else ""
    return word  # `+`: set
