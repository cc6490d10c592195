"""What a Tcl script starts (`expect -c 'spawn codex exec'`, expect's and tclsh's scripts): the
argv of each `spawn`, `exec` (each command of its pipeline) and `open "|cmd"`, and the shell
line of expect's `system`. Text a substitution makes (`$var`, `[cmd]`) is HOLE; the script of a
bracket substitution and every braced word (the bodies of `if`, `proc`, `foreach`, expect's
pattern actions) are read as scripts too, so a command nested anywhere is seen. Nothing else in
a script starts a program, so other commands are skipped, whatever they are."""

from __future__ import annotations

from typing import NamedTuple

from frontier_lint.matching.words import HOLE

__all__ = ["TclRun", "tcl_runs"]

_MAX_DEPTH = 16  # nested scripts (brackets, braces) before the script is given up as incomplete
_SPACE = " \t\r\f\v"
_ENDS = _SPACE + "\n;"
# expect's `spawn` options (`-open ID`, `-leaveopen ID` and `-ignore SIGNAL` take a value).
_SPAWN_VALUED = frozenset({"-open", "-leaveopen", "-ignore"})
# Tcl `exec` redirections: the word (or the rest of the word) after them is a file.
_REDIRECTS = ("2>@1", ">@", "2>@", ">>&", ">&", "2>>", "2>", ">>", ">", "<<", "<@", "<")


class TclRun(NamedTuple):
    """One thing a script runs: an argv (None items unknown) or a POSIX shell line."""

    argv: tuple[str | None, ...] = ()
    line: str | None = None
    how: str = "spawn"  # the Tcl command that runs it


class _Incomplete(Exception):
    pass


def tcl_runs(text: str) -> tuple[list[TclRun], str | None]:
    """The argvs and shell lines the script `text` runs, and what made it incomplete (an
    unterminated brace, quote or bracket; nesting too deep): fail closed on that."""
    runs: list[TclRun] = []
    try:
        _script(text, runs, 0)
    except _Incomplete as exc:
        return runs, str(exc)
    return runs, None


def _script(text: str, runs: list[TclRun], depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise _Incomplete("nested too deeply")
    i, n = 0, len(text)
    while i < n:
        # Between commands: blanks, separators, comments (a `#` where a command starts).
        while i < n and (text[i] in _ENDS or text.startswith("\\\n", i)):
            i += 2 if text[i] == "\\" else 1
        if i < n and text[i] == "#":
            while i < n and text[i] != "\n":
                i += 2 if text[i] == "\\" else 1
            continue
        words: list[str | None] = []
        braced: list[str] = []
        while i < n and text[i] not in "\n;":
            if text[i] in _SPACE or text.startswith("\\\n", i):
                i += 2 if text[i] == "\\" else 1
                continue
            word, i, body = _word(text, i, runs, depth)
            words.append(word)
            if body is not None:
                braced.append(body)
        if words:
            _judge(words, runs)
        for body in braced:
            _script(body, runs, depth + 1)


def _word(text: str, i: int, runs: list[TclRun], depth: int) -> tuple[str | None, int, str | None]:
    """The word at text[i], the index after it, and its text when it was braced (a script,
    maybe). `{*}word` expands into words not known here: None."""
    n = len(text)
    if text.startswith("{*}", i) and i + 3 < n and text[i + 3] not in _ENDS:
        _, j, body = _word(text, i + 3, runs, depth)
        return None, j, body
    if text[i] == "{":
        level, j = 1, i + 1
        while j < n and level:
            c = text[j]
            if c == "\\":
                j += 2
                continue
            level += (c == "{") - (c == "}")
            j += 1
        if level:
            raise _Incomplete("a brace is not closed")
        return text[i + 1 : j - 1], j, text[i + 1 : j - 1]
    quoted = text[i] == '"'
    j = i + 1 if quoted else i
    out: list[str] = []
    while j < n:
        c = text[j]
        if quoted and c == '"':
            return "".join(out), j + 1, None
        if not quoted and c in _ENDS:
            break
        if c == "\\" and j + 1 < n:
            out.append({"n": "\n", "t": "\t"}.get(text[j + 1], text[j + 1]))
            j += 2
        elif c == "[":
            end = _bracket_end(text, j)
            _script(text[j + 1 : end], runs, depth + 1)  # the command it substitutes runs
            out.append(HOLE)
            j = end + 1
        elif c == "$" and j + 1 < n and (text[j + 1].isalnum() or text[j + 1] in "_{:"):
            j = _variable_end(text, j + 1)
            out.append(HOLE)
        else:
            out.append(c)
            j += 1
    if quoted:
        raise _Incomplete("a quote is not closed")
    return "".join(out), j, None


def _bracket_end(text: str, i: int) -> int:
    """The index of the `]` closing the substitution opened at text[i]."""
    level, j, n = 0, i, len(text)
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            level += 1
        elif c == "]":
            level -= 1
            if level == 0:
                return j
        j += 1
    raise _Incomplete("a bracket is not closed")


def _variable_end(text: str, j: int) -> int:
    n = len(text)
    if text[j] == "{":
        end = text.find("}", j)
        if end < 0:
            raise _Incomplete("a variable's brace is not closed")
        return end + 1
    while j < n and (text[j].isalnum() or text[j] in "_:"):
        j += 1
    if j < n and text[j] == "(":  # an array element `$a(key)`
        end = text.find(")", j)
        return n if end < 0 else end + 1
    return j


def _judge(words: list[str | None], runs: list[TclRun]) -> None:
    """What the command `words` runs, if it is one that runs a program."""
    name = words[0]
    if name == "spawn":
        k = 1
        while k < len(words) and (w := words[k]) is not None and w.startswith("-"):
            k += 2 if w in _SPAWN_VALUED else 1
        runs.append(TclRun(tuple(words[k:]), how="spawn"))
    elif name == "exec":
        k = 1
        while k < len(words) and (w := words[k]) is not None and w.startswith("-"):
            k += 1
            if w == "--":
                break
        for argv in _pipeline(words[k:]):
            runs.append(TclRun(argv, how="exec"))
    elif name == "system":
        line = " ".join(HOLE if w is None else w for w in words[1:])
        runs.append(TclRun(line=line, how="system"))
    elif name == "open" and len(words) > 1:
        target = words[1]
        if target is None:
            runs.append(TclRun((None,), how="open"))  # maybe `|prog`: not known
        elif target.startswith("|"):
            # `open "|codex exec" r`: the rest is a Tcl list, an `exec` pipeline.
            items: list[str | None] = [HOLE if HOLE in w else w for w in target[1:].split()]
            for argv in _pipeline(items):
                runs.append(TclRun(argv, how="open"))


def _pipeline(words: list[str | None]) -> list[tuple[str | None, ...]]:
    """The argv of each command of an `exec` pipeline (`a | b 2>@1 &`), redirections left out."""
    out: list[tuple[str | None, ...]] = []
    cur: list[str | None] = []
    skip = False
    for w in words:
        if skip:
            skip = False
            continue
        if w in ("|", "|&"):
            out.append(tuple(cur))
            cur = []
            continue
        if w == "&":
            continue
        if w is not None:
            r = next((r for r in _REDIRECTS if w.startswith(r)), None)
            if r is not None:
                skip = w == r and r != "2>@1"  # the file is the next word
                continue
        cur.append(w)
    out.append(tuple(cur))
    return [argv for argv in out if argv]
