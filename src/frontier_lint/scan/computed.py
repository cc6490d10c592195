"""Modules imported by a computed name that may be a sink module, for the byte gate.

`importlib.import_module("sub" + "process").run(argv)` names no launch API: the gate lets such
a file in, and selects the import, only where the import may bind a sink module and a sink may
be read from what it binds. Letting every computed import in (session 23) cost about a quarter
more corpus CPU: plugin loaders are common, and nearly all of them either spell a project
package into the name (`f"app.plugins.{name}"`) or call no attribute named like a sink on the
module (`mod.setup(app)`). So a computed import counts when

1. its name could spell a module holding a sink (`SinkPaths.modules`): the literal pieces of
   the name (`"sub" + x`, `f"{x}process"`, `"%s.%s" % ...`), in order, with anything between
   them, can make one; a name of a shape not read here (a call, `or`, a conditional, ...) can
   make any, and
2. a sink may be read from the module: an attribute named like a sink follows the call
   (`import_module(n).run`, also down a chain of attributes: `__import__(n).subprocess.run`),
   or the name or attribute the statement binds it to is read so (`m = import_module(n)`,
   `m.Popen(argv)`), or read by `getattr`/`vars`.

A module handed on (returned, passed, stored in a container) is not followed here: where
another module reads a sink from it is not known from this file (`docs/design.md`). Every
bound of the reading below (an argument longer than `_ARGUMENT_MAX`, a shape not read) counts
as "could be any module", never as "none".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from frontier_lint.lazy_regex import lazy_compile

# Words that read any attribute of a module by a name the text need not spell (`getattr(m,
# k)`, `m.__dict__[k]`, `vars(m)[k]`), as `prefilter.NAMESPACE_WORDS`.
_NAMESPACE = ("__dict__",)

# A call of `importlib.import_module` or `__import__` (as the function itself, not a method or
# another name ending so: `self.import_module(`, `do_import_module(`; the character before is
# checked by hand, `_CALL` being led by a literal).
_CALLS = {
    "import_module": lazy_compile(r"import_module[ \t]*\("),
    "__import__": lazy_compile(r"__import__[ \t]*\("),
}

# The functions bound to another name (`from importlib import import_module as load`, `load =
# importlib.import_module`, `imp = __import__`): calls of that name are the function's.
# (Each led by one literal or matched from a given position: a pattern led by a lookbehind, `^`
# or an alternation is tried at every position of the text.)
_AS = lazy_compile(r"[ \t]+as[ \t]+(\w+)")
_ASSIGNED_TO = lazy_compile(r"[ \t]*(\w+)[ \t]*=[ \t]*(?:importlib[ \t]*\.[ \t]*)?")
_LINE_REST = lazy_compile(r"[ \t]*(?:#[^\n]*)?(?:\n|\Z)")


def _calls(text: str) -> list[tuple[re.Match[str], bool]]:
    """Each call of `import_module` or `__import__`, under its name or another one it is bound
    to, with whether it is `__import__`'s."""
    found: list[tuple[re.Match[str], bool]] = []
    for function, call in _CALLS.items():
        if function not in text:
            continue
        found.extend((m, function == "__import__") for m in call.finditer(text))
        for i in _hits(text, function):
            end = i + len(function)
            renamed = _AS.match(text, end)
            if renamed is None and _LINE_REST.match(text, end) is not None:
                renamed = _ASSIGNED_TO.fullmatch(text, text.rfind("\n", 0, i) + 1, i)
            if renamed is None or renamed.group(1) in _CALLS:
                continue
            for m in re.finditer(re.escape(renamed.group(1)) + r"[ \t]*\(", text):
                found.append((m, function == "__import__"))
    return sorted(found, key=lambda mt: mt[0].start())


def _hits(text: str, word: str) -> list[int]:
    """Where `word` stands in `text` as a whole word (not after a word character)."""
    out: list[int] = []
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        before = text[i - 1] if i else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            out.append(i)
        i = text.find(word, end)
    return out


# The longest first argument read (characters); a longer one counts as any module.
_ARGUMENT_MAX = 2000

_HOLE = None  # a stretch of the name not known


@dataclass(frozen=True)
class SinkPaths:
    """What a computed import is checked against: the dotted names of the modules (and their
    library classes) holding a sink, and the sinks' last names."""

    modules: tuple[str, ...]
    names: frozenset[str]


@lru_cache(maxsize=8)
def sink_paths(launches: tuple[str, ...] | frozenset[str]) -> SinkPaths:
    """`SinkPaths` of the catalogue's launch names (`subprocess.run`, `sh.*`)."""
    modules: set[str] = set()
    names: set[str] = set(_NAMESPACE)
    for call in launches:
        parts = call.split(".")
        for i in range(1, len(parts)):
            modules.add(".".join(parts[:i]))
        if parts[-1] != "*":
            names.add(parts[-1])
    return SinkPaths(tuple(sorted(modules)), frozenset(names))


class ComputedImport(NamedTuple):
    """A computed import the gate counts: where its call starts (`importlib` or the function's
    name) and ends (after its closing parenthesis), and the name the statement binds it to."""

    start: int
    end: int
    bound: str | None


def computed_sink_imports(text: str, paths: SinkPaths) -> list[ComputedImport]:
    """The computed imports in `text` that may bind a sink module a sink is read from."""
    if "import_module" not in text and "__import__" not in text:
        return []
    found: list[ComputedImport] = []
    for m, top in _calls(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        if start and text[start - 1] == ".":
            # `importlib.import_module(`: the call starts at `importlib` (a method of anything
            # else is not the library's).
            lead = text[max(0, start - 40) : start]
            got = re.search(r"(?<![\w.])importlib[ \t]*\.[ \t]*$", lead)
            if got is None:
                continue
            start -= len(lead) - got.start()
        bound = _bound_name(text, start)
        read = _arguments(text, m.end())
        if read is None:
            # Not read whole (its bound): any module, and what is read from it not known.
            found.append(ComputedImport(start, m.end(), bound))
            continue
        args, end = read
        pieces = _pieces(args[0]) if args else None
        if pieces is None:
            continue  # a literal name (`prefilter._DYNAMIC_IMPORT`) or none at all
        if not _could_spell(pieces, paths.modules, top=top):
            continue
        if (
            _sink_read_after(text, end, paths.names)
            or _namespace_read(text, start, paths.names)
            or (bound is not None and _sink_read_from(text, bound, paths.names))
        ):
            found.append(ComputedImport(start, end, bound))
    return found


_STRING = lazy_compile(r"""(?i:[rbuf]{0,2})('''|\"\"\"|'|")""")


def _arguments(text: str, pos: int) -> tuple[list[str], int] | None:
    """A call's arguments' texts and the position after its closing parenthesis, from just
    after its opening one; None where the call is not read whole within `_ARGUMENT_MAX`
    characters."""
    depth = 0
    i = pos
    limit = min(len(text), pos + _ARGUMENT_MAX)
    args: list[str] = []
    last = pos
    while i < limit:
        c = text[i]
        if c in "'\"" or (c.isalpha() and text[i : i + 4].lstrip("rbufRBUF")[:1] in ("'", '"')):
            sm = _STRING.match(text, i)
            if sm is None or sm.start(1) - i > 2:
                i += 1
                continue
            quote = sm.group(1)
            j = sm.end()
            while j < limit:
                if text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(quote, j):
                    break
                if len(quote) == 1 and text[j] == "\n":
                    return None
                j += 1
            else:
                return None
            i = j + len(quote)
            continue
        if c == "#":
            nl = text.find("\n", i)
            i = limit if nl < 0 else nl
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                if text[last:i].strip():
                    args.append(text[last:i])
                return args, i + 1
            depth -= 1
        elif c == "," and depth == 0:
            args.append(text[last:i])
            last = i + 1
        i += 1
    return None


# Top-level words or operators after which a name's pieces are not read (`a or b`, `x if c else
# y`, `"a" * 2`, ...): the name counts as any module.
_OPAQUE = lazy_compile(r"\b(?:if|else|or|and|not|lambda|for|await)\b|[-*/|&<>=~^@:]")
_FSTRING_FIELD = lazy_compile(r"\{\{|\}\}|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
_TEMPLATE_FIELD = lazy_compile(r"%%|%(?:\([^)]*\))?[-#0 +]*[\d*]*(?:\.[\d*]+)?[a-zA-Z]|\{[^{}]*\}")


def _pieces(arg: str) -> list[str | None] | None:
    """A first argument's pieces: literal text and stretches not known (`_HOLE`), in order;
    None for a plain literal (the resolver knows that module) or no argument. A shape not read
    here is one stretch not known."""
    arg = arg.strip()
    if not arg or arg.startswith("*"):
        return None if not arg else [_HOLE]
    if arg.startswith("name") and re.match(r"name[ \t]*=(?!=)", arg):
        arg = arg.split("=", 1)[1].strip()
    terms = _split_plus(arg)
    if terms is None:
        return [_HOLE]
    if len(terms) == 1 and _is_plain_literal(terms[0]):
        return None  # (`import_module("subprocess")`: read by the resolver as `import` is)
    pieces: list[str | None] = []
    for term in terms:
        pieces.extend(_term(term))
    return pieces


def _is_plain_literal(term: str) -> bool:
    return re.fullmatch(r"""(?i:[ru]?)(?:'[^'\\{}%]*'|"[^"\\{}%]*")""", term) is not None


def _split_plus(arg: str) -> list[str] | None:
    """`arg` cut at its top-level `+` (None: something else at the top level, `_OPAQUE`)."""
    terms: list[str] = []
    depth = 0
    last = 0
    i = 0
    outside: list[str] = []
    while i < len(arg):
        c = arg[i]
        sm = _STRING.match(arg, i) if (c in "'\"" or c.isalpha()) else None
        if sm is not None and (sm.start(1) - i <= 2) and (i == 0 or not arg[i - 1].isalnum()):
            quote = sm.group(1)
            j = sm.end()
            while j < len(arg) and not arg.startswith(quote, j):
                j += 2 if arg[j] == "\\" else 1
            i = j + len(quote)
            outside.append(" ")
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            if c == "+":
                terms.append(arg[last:i])
                last = i + 1
                outside.append(" ")
                i += 1
                continue
            outside.append(c)
        i += 1
    terms.append(arg[last:])
    if _OPAQUE.search("".join(outside)):
        return None
    return [t.strip() for t in terms]


def _term(term: str) -> list[str | None]:
    """One `+` term's pieces: string literals (adjacent ones joined), an f-string's text
    between its fields, a `%`/`.format` template's text between its fields; anything else one
    stretch not known."""
    out: list[str | None] = []
    i = 0
    literal = False
    while i < len(term):
        sm = _STRING.match(term, i)
        if sm is None or sm.start(1) - i > 2:
            break
        prefix = term[i : sm.start(1)].lower()
        quote = sm.group(1)
        j = sm.end()
        while j < len(term) and not term.startswith(quote, j):
            j += 2 if term[j] == "\\" else 1
        body = term[sm.end() : j]
        i = j + len(quote)
        while i < len(term) and term[i] in " \t\r\n\\":
            i += 1
        literal = True
        if "\\" in body:
            out.append(_HOLE)  # (an escape: what it spells is not read here)
        elif "f" in prefix:
            parts: list[str | None] = []
            _fields(body, _FSTRING_FIELD, parts)
            # (A brace left over is a field not read, `f"{d["k"]}"` cut at its inner quote.)
            out.extend(_HOLE if p is not _HOLE and ("{" in p or "}" in p) else p for p in parts)
        else:
            out.append(body)
    if not literal:
        return [_HOLE]
    rest = term[i:].strip()
    if not rest:
        return out
    if rest.startswith("%") or re.match(r"\.[ \t]*format[ \t]*\(", rest):
        # A template: its text between the fields (`%s`, `{}`, `{name}`) is the name's.
        text = "".join(p if p is not _HOLE else "\x00" for p in out)
        got: list[str | None] = []
        for part in text.split("\x00"):
            _fields(part, _TEMPLATE_FIELD, got)
            got.append(_HOLE)
        return got[:-1] if got else [_HOLE]
    return [_HOLE]  # (`".".join(parts)`, `"a.b".replace(...)`: not read)


def _fields(body: str, field: re.Pattern[str], out: list[str | None]) -> None:
    """`body`'s text between the fields `field` matches (each a stretch not known; `{{`, `}}`
    and `%%` are their character)."""
    last = 0
    for m in field.finditer(body):
        out.append(body[last : m.start()])
        token = m.group()
        out.append(token[0] if token in ("{{", "}}", "%%") else _HOLE)
        last = m.end()
    out.append(body[last:])


def _could_spell(pieces: list[str | None], modules: Iterable[str], *, top: bool) -> bool:
    """Whether `pieces` can spell one of `modules` (with `top`, `__import__` without a fromlist,
    also a name under one: `__import__(f"{x}.path")` is `os`)."""
    regex = _regex(tuple(pieces))
    if any(regex.fullmatch(m) for m in modules):
        return True
    if not top:
        return False
    prefix = _prefix_regex(tuple(pieces))
    return any(prefix.fullmatch(m + ".") for m in modules)


@lru_cache(maxsize=256)
def _regex(pieces: tuple[str | None, ...]) -> re.Pattern[str]:
    return re.compile("".join(".*" if p is _HOLE else re.escape(p) for p in pieces), re.S)


@lru_cache(maxsize=256)
def _prefix_regex(pieces: tuple[str | None, ...]) -> re.Pattern[str]:
    """A regex of the texts that start some name `pieces` spells."""
    alts: list[str] = []
    head = ""
    for p in pieces:
        if p is _HOLE:
            alts.append(head + ".*")
            head += ".*"
            continue
        partial = ""
        for ch in reversed(p):
            partial = "(?:" + re.escape(ch) + partial + ")?"
        alts.append(head + partial)
        head += re.escape(p)
    alts.append(head)
    return re.compile("|".join(f"(?:{a})" for a in alts), re.S)


# A statement binding what follows (`m = `, `self._mod = `, `m: ModuleType = `) up to the
# call, on its line.
_BINDING = lazy_compile(
    r"[ \t]*((?:\w+[ \t]*\.[ \t]*)*\w+)[ \t]*(?::[^=\n]*)?=[ \t]*(?:\([ \t]*)?$"
)


def _bound_name(text: str, start: int) -> str | None:
    line = text.rfind("\n", 0, start) + 1
    m = _BINDING.fullmatch(text, line, start)
    return re.sub(r"[ \t]", "", m.group(1)) if m is not None else None


# `getattr(`, `vars(` just before a position (`_namespace_read`).
_NAMESPACE_READ = lazy_compile(r"(?<![\w.])(getattr|vars)[ \t]*\([ \t]*$")


def _namespace_read(text: str, start: int, names: frozenset[str]) -> bool:
    """Whether the module starting at `start` is read by `vars(...)` or by a `getattr` that
    may read a sink: of a name written that is a sink's, or of a name not known whose result is
    called there (`getattr(m, k)(argv)`; handed on, `return getattr(m, cls)`, is not followed:
    the module docstring)."""
    m = _NAMESPACE_READ.search(text, max(0, start - 40), start)
    if m is None:
        return False
    if m.group(1) == "vars":
        return True
    read = _arguments(text, m.end())
    if read is None:
        return True
    args, end = read
    if len(args) < 2:
        return True
    key = args[1].strip()
    literal = re.fullmatch(r"""(?i:[ru]?)(?:'([\w.]*)'|"([\w.]*)")""", key)
    if literal is not None:
        return (literal.group(1) or literal.group(2) or "") in names
    return re.match(r"[ \t]*\(", text[end : end + 40]) is not None


_ATTRIBUTE = lazy_compile(r"[ \t]*\.[ \t]*(\w+)")


def _sink_read_after(text: str, end: int, names: frozenset[str]) -> bool:
    """Whether a chain of attributes after the call reads a sink's name."""
    pos = end
    while True:
        m = _ATTRIBUTE.match(text, pos)
        if m is None:
            return False
        if m.group(1) in names:
            return True
        pos = m.end()


def _sink_read_from(text: str, bound: str, names: frozenset[str]) -> bool:
    """Whether the name (or attribute: `self._mod`, read as `._mod`) bound to the module is read
    as `NAME.<sink>` (down a chain of attributes), `getattr(NAME, ...)` or `vars(NAME)`."""
    last = bound.rsplit(".", 1)[-1]
    dotted = "." in bound
    for m in re.finditer(re.escape(last) + r"(?=[ \t]*\.)", text):
        i = m.start()
        before = text[i - 1] if i else " "
        if (before == ".") != dotted or before.isalnum() or before == "_":
            continue  # (`(?<![\w.])name`, or `.attr` for an attribute)
        if _sink_read_after(text, m.end(), names):
            return True
    if "getattr" not in text and "vars" not in text:
        return False
    word = re.escape(bound).replace(r"\.", r"[ \t]*\.[ \t]*")
    for m in re.finditer(r"(?:getattr|vars)[ \t]*\([ \t]*(" + word + r")[ \t]*[,)]", text):
        i = m.start()
        if i and (text[i - 1].isalnum() or text[i - 1] in "_."):
            continue
        if _namespace_read(text, m.start(1), names):
            return True
    return False


def selected(text: str, paths: SinkPaths) -> list[str]:
    """Regex alternatives (`prefilter.launch_pattern`) for the lines the counted computed
    imports make launch sites of: the call, and the reads of a sink from what it binds."""
    alts: list[str] = []
    for site in computed_sink_imports(text, paths):
        # The call itself (its text, led by a literal: `Mentions` checks the character before).
        alts.append(re.escape(text[site.start : site.end]))
        if site.bound is not None:
            last = site.bound.rsplit(".", 1)[-1]
            rests = "|".join(sorted(re.escape(n) for n in paths.names))
            chain = r"(?:[ \t]*\.[ \t]*\w+)*?[ \t]*\.[ \t]*(?:" + rests + r")(?!\w)"
            alts.append((r"\." if "." in site.bound else "") + re.escape(last) + chain)
            word = re.escape(site.bound).replace(r"\.", r"[ \t]*\.[ \t]*")
            alts.append(r"(?:getattr|vars)[ \t]*\([ \t]*" + word + r"[ \t]*[,)]")
    return list(dict.fromkeys(alts))
