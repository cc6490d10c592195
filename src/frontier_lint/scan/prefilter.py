"""Cheap text scans that decide which files and top-level statements can matter.

Soundness argument, in one place: a launch site calls a catalogue sink, so its statement mentions
the sink's last name (`Popen`, `system`, `which`: through `subprocess.Popen`, `from subprocess
import Popen as P` or `sp.Popen`) and its module mentions the sink's module (`subprocess`, `os`).
A call of a project wrapper mentions the wrapper's name, and reaches it through an import that
names the wrapper's module or one of its packages (or the class, for methods). A file or
statement that mentions none of these cannot hold what the engine looks for.
"""

from __future__ import annotations

import functools
import re
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, AnyStr, NamedTuple

from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.chunks import Chunk, Split
from frontier_lint.scan.computed import computed_sink_imports, selected, sink_paths
from frontier_lint.settings.catalogue import Catalogue


@dataclass(frozen=True)
class SinkWords:
    """The words a file must hold to name a launch API."""

    modules: tuple[bytes, ...]  # first components: subprocess, os, asyncio, ...
    names: tuple[bytes, ...]  # last components: Popen, system, which, ...
    # Modules any of whose names launches (`sh.*`: `sh.codex`): the module alone may.
    open_modules: tuple[bytes, ...] = ()
    # The catalogue's launch names (`scan.computed`: a module imported by a computed name).
    launches: tuple[str, ...] = ()
    # Sink methods whose name alone says they launch, called on any receiver
    # (`RECEIVERLESS_SINKS` in the catalogue: `loop.subprocess_exec(`), with no import at all.
    receiverless: tuple[bytes, ...] = ()

    @cached_property
    def finder(self) -> WordFinder:
        return WordFinder((*self.modules, *self.names))


OPEN = "*"  # the last component of a launch name under which every name launches (`sh.*`)

# Words that read a sink out of its module by a name the file need not spell
# (`getattr(subprocess, name)`, `vars(os)[key]`, `subprocess.__dict__[k]`, `sys.modules[m]`):
# as good as a sink's name for the gate (`launch_pattern` then selects those reads).
NAMESPACE_WORDS = ("__dict__", "getattr", "modules", "vars")

# Methods whose name alone says which library's sink they are, called on a receiver the
# analysis does not know (a parameter, an attribute of one): an event loop's process methods,
# which no other library or project class is likely to name so. Method -> the sink. A file
# calling one is analysed whatever it imports (`loop` handed in, no `import asyncio`: no
# file of the benchmark corpus is admitted by this alone).
RECEIVERLESS_SINKS = {
    "subprocess_exec": "asyncio.AbstractEventLoop.subprocess_exec",
    "subprocess_shell": "asyncio.AbstractEventLoop.subprocess_shell",
}


def _receiverless(sinks: Iterable[str]) -> tuple[str, ...]:
    """The `RECEIVERLESS_SINKS` methods whose sink is in `sinks`."""
    held = set(sinks)
    return tuple(sorted(m for m, s in RECEIVERLESS_SINKS.items() if s in held))


def sink_words(catalogue: Catalogue) -> SinkWords:
    modules = {call.split(".")[0] for call in catalogue.sinks}
    names = {call.rsplit(".", 1)[1] for call in catalogue.sinks} | set(NAMESPACE_WORDS)
    command_modules, command_names, opened = catalogue.command_words
    modules |= command_modules
    names |= command_names
    return SinkWords(
        modules=tuple(sorted(m.encode(errors="surrogateescape") for m in modules)),
        names=tuple(sorted(n.encode(errors="surrogateescape") for n in names)),
        open_modules=tuple(sorted(m.encode(errors="surrogateescape") for m in opened)),
        launches=tuple(catalogue.launch_names),
        receiverless=tuple(m.encode() for m in _receiverless(catalogue.sinks)),
    )


_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@lru_cache(maxsize=4096)
def _word_end(word: bytes) -> re.Pattern[bytes]:
    # Starts with a literal, so `re` scans for it fast; a leading `(?<!\w)` would make it try
    # the pattern at every byte (20-30x slower on the corpus).
    return re.compile(re.escape(word) + rb"(?!\w)")


def has_word(data: bytes, word: bytes) -> bool:
    """Whether `word` occurs in `data` as a whole word (as `\bword\b` would find it)."""
    if word not in data:
        return False
    for m in _word_end(word).finditer(data):
        i = m.start()
        if i == 0 or data[i - 1] not in _WORD_BYTES:
            return True
    return False


# Word sets up to this size are scanned with a DFA (about 3 MB at most).
DFA_WORDS = 2000
# Texts scanned with an NFA before the DFA is built.
NFA_SCANS = 16
# Texts then scanned with each of two DFAs in turn, to keep the faster (`WordFinder`).
TRIAL_SCANS = 24


class WordFinder:
    """Which of a fixed set of words occur in a text as whole words, in one pass.

    An Aho-Corasick automaton (ahocorasick_rs, in Rust): the wrapper gates test 20-50 names in
    every file of the project, once per round; one `has_word` scan per name cost 6x as much.

    Two searches give the same answer for words of word bytes only: every match (overlapping),
    or the longest match leftmost, then on after it. A whole-word occurrence starts where no
    match of word bytes can be running (after a non-word byte), and no longer word matches
    there, so the second reports it too, with far fewer other matches; its SIMD prefilter made
    it 2-5x faster on most rounds' words, and 2x slower on those where the words' first bytes
    are common (`sh`, `_r`, `run...`). Which is faster is not known from the words: past the
    NFA, both are tried on TRIAL_SCANS texts each, and the one of less CPU per byte is kept."""

    def __init__(self, words: Iterable[bytes]) -> None:
        self._words = sorted(set(words))
        # The first few texts are scanned with an NFA, which builds ~5x faster than a DFA (an
        # edited run scans a handful of files); past them, with a DFA (below).
        self._scans = 0
        self._automaton = (
            BytesAhoCorasick(self._words, implementation=Implementation.ContiguousNFA)
            if self._words
            else None
        )
        self._overlapping = True
        self._longest: BytesAhoCorasick | None = None  # (on trial)
        self._cost = [0, 0, 0, 0]  # CPU ns and bytes scanned: overlapping, then longest

    def _to_dfa(self) -> None:
        # A DFA, not the library's pick: from 100 words on it picks an NFA, which scanned the
        # corpus 2.6x slower (0.47 s of a cold run for the last wrapper round's 115 words).
        # Past DFA_WORDS its size would grow with no bound worth paying for. (Either kind
        # finds every occurrence: the same matches.)
        impl = Implementation.DFA if len(self._words) <= DFA_WORDS else None
        self._automaton = BytesAhoCorasick(self._words, implementation=impl)
        if impl is not None and all(w and _WORD_BYTES.issuperset(w) for w in self._words):
            self._longest = BytesAhoCorasick(
                self._words, implementation=impl, matchkind=MatchKind.LeftmostLongest
            )

    def _matches(self, data: bytes) -> list[tuple[int, int, int]]:
        assert self._automaton is not None
        longest = self._longest
        if longest is None:
            return self._automaton.find_matches_as_indexes(data, overlapping=self._overlapping)
        # On trial: the two in turn, each timed.
        turn = 2 * (self._scans % 2)
        start = time.process_time_ns()
        if turn:
            got = longest.find_matches_as_indexes(data)
        else:
            got = self._automaton.find_matches_as_indexes(data, overlapping=True)
        cost = self._cost
        cost[turn] += time.process_time_ns() - start
        cost[turn + 1] += len(data)
        if self._scans == NFA_SCANS + 2 * TRIAL_SCANS:
            self._longest = None
            if self._longest_faster():
                self._automaton, self._overlapping = longest, False
        return got

    def _longest_faster(self) -> bool:
        """Whether the trial's longest-match search took less CPU per byte."""
        ns, size, ns_longest, size_longest = self._cost
        return ns_longest * size < ns * size_longest  # (a / b < c / d, in integers)

    def found(self, data: bytes) -> set[bytes]:
        out: set[bytes] = set()
        if self._automaton is None:
            return out
        self._scans += 1
        if self._scans == NFA_SCANS:
            self._to_dfa()
        end = len(data)
        for i, a, b in self._matches(data):
            if (a == 0 or data[a - 1] not in _WORD_BYTES) and (
                b == end or data[b] not in _WORD_BYTES
            ):
                out.add(self._words[i])
        return out


@dataclass(frozen=True)
class Mentions:
    """A regex for names in source text, whole words only.

    The character before a match is checked here, not by a leading lookbehind in the regex: with
    one, `re` tries the pattern at every position (10x slower over the corpus)."""

    regex: re.Pattern[str]
    after_dot: bool = True  # `x.name` counts (a method); False for module paths (`x.os.system`)
    # Attributes that hold a sink (`self.run = subprocess.run`): their reads count as launches.
    attributes: frozenset[str] = frozenset()

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for m in self.regex.finditer(text):
            i = m.start()
            if i:
                c = text[i - 1]
                if c == "." and not self.after_dot:
                    continue
                if (c.isalnum() or c == "_") and text[i] != ".":  # (`\.run`: matched from the dot)
                    continue
            yield m


def words_re(words: Iterable[str]) -> Mentions:
    alts = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return Mentions(re.compile(r"(?:" + alts + r")(?!\w)"))


def may_launch(data: bytes, words: SinkWords) -> bool:
    """Whether a file can contain a launch site: it mentions a sink module and a sink name,
    or hands a sink module on to other code (`hands_module_on`), or runs code with `exec(` or
    `eval(` (`runs_code`), or imports what may be a sink module by a computed name and reads
    a sink from it (`imports_sink_computed`)."""
    found = words.finder.found(data)
    if any(m in found for m in words.open_modules):
        return True  # (`import sh`: `sh.codex` launches, no other name needed)
    modules = [m for m in words.modules if m in found]
    if not modules:
        return (
            runs_code(data)
            or imports_sink_computed(data, words)
            or (any(m in found for m in words.receiverless) and calls_receiverless(data, words))
        )
    return (
        any(n in found for n in words.names)
        or hands_module_on(data, modules)
        or runs_code(data)
        or imports_sink_computed(data, words)
    )


def calls_receiverless(data: bytes, words: SinkWords) -> bool:
    """Whether a file's bytes call a `RECEIVERLESS_SINKS` method on some receiver."""
    called = rb"\.\s*(?:" + b"|".join(map(re.escape, words.receiverless)) + rb")\s*\("
    return re.search(called, data) is not None


def imports_sink_computed(data: bytes, words: SinkWords) -> bool:
    """Whether a file's bytes import a module by a computed name that may be a sink module,
    and read a sink from it (`import_module("sub" + "process").run(argv)`: `scan.computed`)."""
    if b"import_module" not in data and b"__import__" not in data:
        return False
    return bool(computed_sink_imports(data.decode("latin-1"), sink_paths(words.launches)))


# The builtins that run Python source (`models.code`), called: `exec(`, `eval(`, also as
# `builtins.exec(` (bytes; led by a literal).
CODE_RUNNERS = ("exec", "eval")
_RUNS_CODE = lazy_compile(rb"(?:exec|eval)[ \t]*\(")


# A call of `exec`/`eval` in text, or the builtin named as a value (`run = exec`, `(exec,
# code)`) (`launch_pattern`; the character before is checked there). Not `def eval(`.
_CODE_CALL = r"(?:exec|eval)(?<!def exec|def eval)(?=[ \t]*(?:[(#,)\n]|\Z))"


# Code runners reached by other names (`models.code`): the builtins imported under another
# name or read by `getattr` (`from builtins import exec as run`, `getattr(builtins, "exec")`),
# and the standard library's interpreters (`code.InteractiveConsole().push(line)`).
_OTHER_RUNNERS = lazy_compile(
    rb"from[ \t]+builtins[ \t]+import[^\n]*?(?<![\w.])(?:exec|eval)(?!\w)"
    rb"|getattr[ \t]*\([ \t]*(?:builtins|__builtins__)[ \t]*,"
    rb"|(?<!\w)Interactive(?:Interpreter|Console)(?!\w)"
)


# `from builtins import exec as run`: the name it binds (`launch_pattern`).
_RENAMED_RUNNER = lazy_compile(
    r"from[ \t]+builtins[ \t]+import[^\n]*?\b(?:exec|eval)[ \t]+as[ \t]+(\w+)"
)


def runs_code(data: bytes) -> bool:
    """Whether a file's bytes call `exec` or `eval` (not a method or another name ending so:
    `self.exec(`, `my_eval(`; `builtins.exec(` counts; not `def eval(`, a definition, which
    `launch_pattern` selects no line for: 40 of sympy's 91 files passing were only these), or
    reach a code runner by another name (`_OTHER_RUNNERS`)."""
    if (b"builtins" in data or b"Interactive" in data) and _OTHER_RUNNERS.search(data):
        return True
    if b"exec" not in data and b"eval" not in data:
        return False
    for m in _RUNS_CODE.finditer(data):
        i = m.start()
        if not i or (data[i - 1] not in _WORD_BYTES and data[i - 1] != 46):  # (`.`)
            if data[max(0, i - 4) : i] != b"def ":  # (as `_CODE_CALL` reads a definition)
                return True
            continue
        if data[max(0, i - 9) : i] == b"builtins.":
            return True
    return _BOUND_RUNNER.search(data) is not None


# `run = exec` (also `builtins.exec`, closing its line): the builtin bound to another name, which
# the file then calls (`launch_pattern` selects the line, and the name as an alias of it).
_BOUND_RUNNER = lazy_compile(
    rb"=[ \t]*(?:builtins[ \t]*\.[ \t]*)?(?:exec|eval)[ \t]*(?:#[^\n]*)?$", re.M
)


# `import subprocess as sp`, `import os, subprocess as sp` (bytes; led by a literal: `re`
# looks for it fast). Possessive throughout: a name before `,` given back a byte at a time to
# the last name made a 200,000-character line quadratic (the fuzz tests' bulk case hung).
_IMPORT_AS = lazy_compile(
    rb"import[ \t]++(?:[\w.]++(?:[ \t]++as[ \t]++\w++)?+[ \t]*+,[ \t]*+)*+([\w.]++)[ \t]++as[ \t]++(\w++)"
)
_HANDED = lazy_compile(rb"(?<![\w.])(?:return|yield)$")


@functools.lru_cache(maxsize=64)
def _passing(name: bytes | str) -> re.Pattern[Any]:
    """`name` as a call's first argument (`(name)`, `(name,`) or its last (`, name)`,
    `=name)`). What stands right before and after it is never a word's character, so it is not
    part of a longer name or an attribute (`hands_module_on`). One pattern serves text and bytes."""
    if isinstance(name, bytes):
        n = re.escape(name)
        return re.compile(rb"\([ \t]*" + n + rb"[ \t]*[),]|[,=][ \t]*" + n + rb"[ \t]*\)")
    m = re.escape(name)
    return re.compile(r"\([ \t]*" + m + r"[ \t]*[),]|[,=][ \t]*" + m + r"[ \t]*\)")


def _passed(data: AnyStr, name: AnyStr) -> bool:
    """Whether `name` is a call's first or last argument (`_passing`) in a call of anything
    but a builtin that calls nothing of its argument (`hasattr(os, "O_NOFOLLOW")`:
    `_inert_callee`)."""
    text = ""
    unbound: dict[str, bool] = {}  # (a builtin's whole-text checks, once a call)
    for m in _passing(name).finditer(data):
        if not text:
            text = _as_text(data)
        # (The call's `(`: the match's first character, or found back from its `,`/`=`.)
        paren = m.start() if text[m.start()] == "(" else _opening(text, m.start())
        if paren < 0 or not _inert_callee(text, paren, unbound):
            return True
    return False


def _as_text(data: str | bytes) -> str:
    """(`_passed`'s text: offsets are the bytes' own.)"""
    return data.decode("latin-1") if isinstance(data, bytes) else data


# Builtins that call nothing of an argument that could launch (`hasattr(os, "O_NOFOLLOW")`,
# `isinstance(x, os.PathLike)`): a sink module passed to one hands it to no code. (`getattr`
# has its own gates, `_getattr_regex`/`_getattr_computed`; `vars`, `vars(subprocess)[k]`.)
_INERT_BUILTINS = frozenset(
    (
        "hasattr",
        "getattr",
        "isinstance",
        "issubclass",
        "id",
        "type",
        "repr",
        "str",
        "print",
        "callable",
        "dir",
        "hash",
        "bool",
        "len",
    )
)


def _opening(text: str, close: int) -> int:
    """The `(` of the call whose argument list has a `,` or `=` at `close`, searched back on
    that line (-1: not on it)."""
    depth = 0
    k = close
    while k >= 0 and text[k] != "\n":
        c = text[k]
        if c in ")]}":
            depth += 1
        elif c in "([{":
            if depth == 0:
                return k if c == "(" else -1
            depth -= 1
        k -= 1
    return -1


def _inert_callee(text: str, paren: int, unbound: dict[str, bool]) -> bool:
    """Whether the call opened at `paren` is of a builtin in `_INERT_BUILTINS` that this file
    neither defines nor binds (every mention of its name a call; no star import, which could
    bind it): any other callee may call its argument's attributes. `unbound` keeps, by name,
    what the whole text said of a builtin (`_unbound`) for the other matches of one search."""
    m = _CALLEE_BEFORE.search(text, max(0, paren - 40), paren + 1)
    if m is None or m.group(1) not in _INERT_BUILTINS:
        return False
    word = m.group(1)
    known = unbound.get(word)
    if known is None:
        known = unbound[word] = _unbound(text, word)
    return known


def _unbound(text: str, word: str) -> bool:
    """Whether this file leaves the builtin `word` as it is: no star import, no `def` or
    `class` of the name, and every mention of it a call."""
    if "import *" in text or re.search(r"(?:def|class)[ \t]+" + word + r"\b", text):
        return False
    # (Led by the word, the lookbehind after it: `re` skips to each mention.)
    return re.search(word + r"(?<![\w.]" + word + r")\b(?![ \t]*\()", text) is None


# The name called by the `(` that ends the match (not an attribute: `self.hasattr(`).
_CALLEE_BEFORE = lazy_compile(r"(?<![\w.])([A-Za-z_]\w*)[ \t]*\($")


def hands_module_on(data: bytes, modules: Iterable[bytes]) -> bool:
    """Whether a file's bytes may hand one of the sink `modules` on to other code, naming no
    sink itself: bound under another name by an import starting its line (`import subprocess
    as sp`: `from app.util import sp; sp.run(argv)` elsewhere), or returned, yielded or
    assigned (`def sp(): import subprocess; return subprocess`: `procs.sp().run(argv)`), or
    passed as a call's first or last argument (`use(subprocess)`, `run(cmd, subprocess)`;
    not to an inert builtin: `_passed`). The other code names neither the module nor this
    file's sink: its launch is found from here (`launch_pattern` selects these lines; the
    names and functions they make are followed to their callers)."""
    mods = set(modules)
    for mod in mods:
        # A call's argument (`use(subprocess)`, `methodcaller(name, argv)(subprocess)`; not
        # `import os, subprocess`: the first or the last argument).
        if (b"(" + mod in data or mod + b")" in data) and _passed(data, mod):
            return True
    if b" as" in data or b"\tas" in data:
        for m in _IMPORT_AS.finditer(data):
            i = m.start()
            line = data.rfind(b"\n", 0, i) + 1
            if m[1].split(b".")[0] in mods and m[2] != m[1] and not data[line:i].strip():
                return True
    for mod in mods:
        for m in _line_end(mod).finditer(data):
            start = m.start()
            if start and (data[start - 1] in _WORD_BYTES or data[start - 1] == 46):  # (`.`)
                continue
            before = data[max(0, start - 12) : start].rstrip(b" \t")
            if before.endswith(b"=") and not before.endswith((b"==", b"!=", b"<=", b">=")):
                return True
            if _HANDED.search(before):
                return True
    return False


class WrapperGates:
    """Which wrappers a file may call, by its bytes: it names the function and reaches it through
    a word of its gate (its module, a package re-exporting it, or its class), or is its own file.

    wrappers: (the file defining it, name callers use, gate words; "" among them: no gate)."""

    def __init__(self, wrappers: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        # name -> (name, [(home file, gate words, or None: no gate)])
        self._by_name: dict[bytes, tuple[str, list[tuple[str, list[bytes] | None]]]] = {}
        for home, name, gate in wrappers:
            words = [w.encode(errors="surrogateescape") for w in gate]
            entry = (home, None if b"" in words else words)
            self._by_name.setdefault(name.encode(errors="surrogateescape"), (name, []))[1].append(
                entry
            )
        every = {w for _, gates in self._by_name.values() for _, ws in gates for w in ws or ()}
        self._rank = {key: i for i, key in enumerate(self._by_name)}
        # Every name and gate word: what `check` looks for (`FileWords` looks for them too).
        self.words = frozenset([*self._by_name, *every])
        self._finder = WordFinder(self.words)

    def wanted(self, data: bytes, path: str) -> list[str]:
        """The names of the wrappers `data` (the file at `path`) may call."""
        return self.check(data, path)[0]

    def check(self, data: bytes, path: str) -> tuple[list[str], set[bytes]]:
        """`wanted`, and every name and gate word found in `data`."""
        if not self._by_name:
            return [], set()
        found = self._finder.found(data)
        return self.wanted_of(found, path), found

    def wanted_of(self, found: Set[bytes], path: str) -> list[str]:
        """`wanted` of the file at `path`, given which of `words` it holds as whole words."""
        by_name = self._by_name
        # From the words found (a few), not from every name; in the names' order.
        keys = [k for k in found if k in by_name]
        if len(keys) > 1:
            keys.sort(key=self._rank.__getitem__)
        return [
            by_name[key][0]
            for key in keys
            if any(
                words is None or path == home or any(w in found for w in words)
                for home, words in by_name[key][1]
            )
        ]


_NONE: frozenset[bytes] = frozenset()


class _Held(NamedTuple):  # (not a dataclass: created at every start-up, ~1 ms)
    """What a file holds: of the words looked for in it (`searched`), those found, and whether
    it star-imports. One object for every file with the same answer (most files share a few)."""

    searched: frozenset[bytes]
    found: frozenset[bytes]
    starred: bool


class FileWords:
    """Which words each file holds as whole words, kept for the words looked for so far, and
    whether it star-imports (`import *`).

    Each wrapper round looks for its names and gate words in every file of the project; the
    files do not change during a run and the rounds' words overlap, so a file is scanned only
    for the words not looked for in it yet (one automaton per set of such words), and read
    only when there are any. What a file holds of a word looked for once is its answer for
    good: the same whole-word test as `WordFinder.found` over all of them at once.

    The sets are shared, not copied per file: the words looked for (a round's hundred words
    copied for each of the corpus's 6,411 files held 7 MB more at the peak), the words found
    and the answers themselves."""

    def __init__(self) -> None:
        self._held: dict[str, _Held] = {}
        self._shared: dict[object, object] = {}
        self._finders: dict[frozenset[bytes], WordFinder] = {}
        # (searched, words) -> (words not searched yet, all searched then)
        self._steps: dict[
            tuple[frozenset[bytes], frozenset[bytes]], tuple[frozenset[bytes], ...]
        ] = {}

    def known(self, path: str, words: frozenset[bytes]) -> tuple[frozenset[bytes], bool] | None:
        """The words of `words` the file holds and whether it star-imports, if each was looked
        for in it; else None."""
        held = self._held.get(path)
        if held is None or not words <= held.searched:
            return None
        return held.found & words, held.starred

    def search(
        self, path: str, words: frozenset[bytes], data: bytes
    ) -> tuple[frozenset[bytes], bool]:
        """`known`, scanning `data` (the file's bytes) for the words not looked for yet."""
        held = self._held.get(path)
        new, searched = self._step(held, words)
        if not new:
            assert held is not None  # (words to look for in a file never looked at)
            return held.found & words, held.starred
        finder = self._finders.get(new)
        if finder is None:
            finder = self._finders[new] = WordFinder(new)
        starred = held.starred if held is not None else STAR in data
        held = self._record(path, held, searched, finder.found(data), starred)
        return (held.found & words if held.searched is not words else held.found), held.starred

    def note(self, path: str, words: frozenset[bytes], found: Set[bytes], starred: bool) -> None:
        """Record that the file holds `found` of `words`, and whether it star-imports (from a
        scan made beside: `--jobs`)."""
        held = self._held.get(path)
        new, searched = self._step(held, words)
        if new:
            self._record(path, held, searched, new.intersection(found), starred)

    def _record(
        self,
        path: str,
        held: _Held | None,
        searched: frozenset[bytes],
        hits: Set[bytes],
        starred: bool,
    ) -> _Held:
        if held is not None:
            hits = held.found.union(hits)
            starred = held.starred
        shared = self._shared
        found = frozenset(hits)
        found = shared.setdefault(found, found)  # type: ignore[assignment]
        answer = _Held(searched, found, starred)
        answer = self._held[path] = shared.setdefault(answer, answer)  # type: ignore[assignment]
        return answer

    def _step(self, held: _Held | None, words: frozenset[bytes]) -> tuple[frozenset[bytes], ...]:
        """The words not looked for in a file yet, and all looked for once they are."""
        searched = held.searched if held is not None else _NONE
        key = (searched, words)
        got = self._steps.get(key)
        if got is None:
            got = self._steps[key] = (words - searched, searched | words)
        return got

    def release(self) -> None:
        """Let go of the automata (a DFA of many words is megabytes): the next round's words
        not looked for yet are another set; and of the answers replaced since."""
        self._finders.clear()
        self._steps.clear()
        self._shared.clear()


STAR = b"import *"


# Comments and string literals, so that a name mentioned only in prose is not taken as code.
# Loops are unrolled (`[^"\\]*` runs) so long docstrings are scanned in C. f-strings are matched
# too (to skip past them) but count as code: `{run(cmd)}` can call. Every alternative starts with
# `#` or a quote, so `re` finds where one may start in C; a string's prefix (`rb`, `f`) is read
# back from the quote in `prose_spans`. (Led by `[rRbBuUfF]{0,2}`, the pattern was tried at every
# position of the text: twice the time on the corpus.)
_PROSE = lazy_compile(
    r"#[^\n]*"
    r'|"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"""|\Z)'
    r"|'''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*(?:'''|\Z)"
    r'|"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*(?:"|(?=\n)|\Z)'
    r"|'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*(?:'|(?=\n)|\Z)"
)
_STRING_PREFIX = "rRbBuUfF"


def prose_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the comments and string literals in text[start:end], in order: an f-string's
    text outside its replacement fields (`_fstring_literals`).

    `start` must not lie inside a string (a top-level statement's first line never does)."""
    spans: list[tuple[int, int]] = []
    floor = start  # (a prefix is read back no further than the end of the last match)
    for m in _PROSE.finditer(text, start, len(text) if end is None else end):
        at, stop = m.span()
        if text[at] == "#":
            spans.append((at, stop))
            floor = stop
            continue
        # The prefix: up to two prefix letters just before the quote, as a pattern led by
        # `[rRbBuUfF]{0,2}` scanning from the left takes them. `if"x"` takes `f` for one,
        # which only makes the literal count as code.
        k = 0
        while k < 2 and at - k > floor and text[at - k - 1] in _STRING_PREFIX:
            k += 1
        prefix = text[at - k : at]
        if "f" not in prefix and "F" not in prefix:
            spans.append((at, stop))
        else:
            spans.extend(_fstring_literals(text, at, stop))
        floor = stop
    return spans


def _fstring_literals(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The literal stretches of the f-string text[start:end] (quotes and prefix-free), outside
    its replacement fields: prose, like a plain string's text (`f"Compiler options: {opts}"`
    names no class; counting it as code made every function logging a wrapper's name a caller
    to interpret). A field's expression is code, strings nested in it skipped whole; where the
    fields do not balance, the rest of the literal counts as code (a mention kept, never lost)."""
    out: list[tuple[int, int]] = []
    depth = 0
    lit = start  # where the current literal stretch began (depth 0)
    i = start
    while i < end:
        c = text[i]
        if depth == 0:
            if c in "{}" and i + 1 < end and text[i + 1] == c:
                i += 2  # `{{` / `}}`: a brace in the text
                continue
            if c == "{":
                if i > lit:
                    out.append((lit, i))
                depth = 1
        elif c in "'\"":
            quote = text[i : i + 3] if text[i : i + 3] == c * 3 else c
            close = text.find(quote, i + len(quote), end)
            if close < 0:
                return out  # unbalanced: the rest counts as code
            i = close + len(quote)
            continue
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                lit = i + 1
        i += 1
    if depth == 0 and end > lit:
        out.append((lit, end))
    return out


# Each starts with a literal, so `re` looks for it fast; where it may start is checked in
# Python (a leading `^[ \t]*` or lookbehind makes `re` try the pattern at every position).
_FROM = lazy_compile(r"from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)")
_IMPORT = lazy_compile(r"import[ \t]+([^\n#;]+)")
_ALIAS = lazy_compile(r"([\w.]+|\*)(?:\s+as\s+(\w+))?")
_ASSIGNED = lazy_compile(r"[ \t]*(\w+[ \t]*\.[ \t]*)?(\w+)[ \t]*")
# An annotated assignment's head (`popen_factory: Any = subprocess.Popen`, a dataclass field):
# the name is read as itself and, a class's field, as `self.<name>`.
# A parameter's name before its default's `=` (`def f(self, run=`, `popen: Any =`), the text
# from the line's start: the last `(` or `,` then the name, perhaps annotated.
_PARAM_DEFAULT = lazy_compile(r"[(,][ \t]*(\w+)[ \t]*(?::[^=,()\n]*)?[ \t]*\Z")
_ANNOTATED = lazy_compile(r"[ \t]*(\w+)[ \t]*:[^=\n]*")
# The `=` of an assignment (not `==`, `<=`, `!=`, `>=`, a keyword argument's is taken too: it
# only adds a name to look for).
_VALUE_EQ = lazy_compile(r"(?<![=!<>])=(?!=)")
# `globals()` read by a key (`[`, `.get`) or handed on whole (assigned, returned, passed); not
# the operand of `in` (`"x" in globals()`, `for k in globals()`: keys) nor a method of it other
# than `get` (`globals().update(...)`, `.items()`: not known, `attributes.of_namespace`), which
# the resolver makes nothing of (twisted's tests' `globals().update(Builder.makeTestCaseClasses())`
# selected for nothing: with `.items` and the membership tests, 152 parses and 115 summaries of
# the corpus's 227 and 97 more than before session 23): `launch_pattern`.
# (Led by the literal, its lookbehinds after it: a pattern that starts with a lookbehind is
# tried at every position, 0.4 s over a 13,000-line module; this one skips to each `globals`.)
_GLOBALS = lazy_compile(
    r"globals(?<![\w.]globals)(?:\s*\(\s*\)(?=\s*(?:\[|\.\s*get\b))"
    r"|(?<!\bin globals)(?<!\bin\tglobals)\s*\(\s*\)(?!\s*\.))"
)
# A line putting a value into a container by a method: the container's name (`HOOKS.append(`).
_PUT_INTO = lazy_compile(
    r"[ \t]*(\w+)[ \t]*\.[ \t]*(?:append|add|insert|extend|setdefault|update)[ \t]*\(.*\Z"
)


# The last texts' imports: the analysis of one file asks for them several times in a row
# (its sink pattern, its callers' local names, where its imports lead, its re-exports), on
# texts decoded anew (a 13,000-line module five times in the pre-commit run). Keyed by the
# text itself: an answer for other text is never given.
_STATEMENTS: dict[str, tuple[tuple[str | None, str], ...]] = {}
_STATEMENTS_KEPT = 4


def import_statements(text: str) -> list[tuple[str | None, str]]:
    """The imports in `text`, in order: `from X import names` as (X, names), `import names` as
    (None, names) (see `_import_statements`)."""
    got = _STATEMENTS.get(text)
    if got is None:
        got = tuple(_import_statements(text))
        if len(_STATEMENTS) >= _STATEMENTS_KEPT:
            del _STATEMENTS[next(iter(_STATEMENTS))]  # the oldest
        _STATEMENTS[text] = got
    return list(got)


def names_imported(text: str) -> list[tuple[str, str, str]]:
    """The names `from X import ...` statements of `text` bind: (X as written, relative dots
    included; the name; the local name)."""
    out: list[tuple[str, str, str]] = []
    for base, names in import_statements(text):
        if base is None:
            continue
        for am in _ALIAS.finditer(names.strip("()")):
            if am.group(1) != "*":
                out.append((base, am.group(1), am.group(2) or am.group(1)))
    return out


def _import_statements(text: str) -> list[tuple[str | None, str]]:
    """The imports in `text`, in order: `from X import names` as (X, names), `import names` as
    (None, names); names as written (`a as b, c`, or a parenthesised list).

    Wherever a statement can begin a word, not only at the start of a line: `try: import x`,
    `if PY3: from os import system`, `x = 1; import y` bind names too. An `import` in prose
    is taken as well; it only widens what the scans select. Backslash continuations are
    joined first (`from subprocess import \\` + newline + `run`)."""
    if "import" not in text:
        return []
    if "\\\n" in text or "\\\r\n" in text:
        text = text.replace("\\\r\n", " ").replace("\\\n", " ")
    # (Called for every file a caller search or a launch scan reads the imports of: the loops
    # stay lean, the test that a match begins a word written out, the two kinds merged by a
    # sort on the start alone.)
    found: list[tuple[int, str | None, str]] = []
    ends: list[int] = []  # where each `from ... import` found ends, in order
    for m in _FROM.finditer(text):
        i = m.start()
        if i == 0 or not ((c := text[i - 1]).isalnum() or c in "_."):
            ends.append(m.end())
            found.append((i, m[1], m[2]))
    froms = len(found)
    k = 0  # the first `from ... import` not ended before this `import`
    for m in _IMPORT.finditer(text):
        i = m.start()
        while k < froms and ends[k] <= i:
            k += 1
        if k < froms and found[k][0] <= i:
            continue  # the `import` of a `from ... import`
        if i == 0 or not ((c := text[i - 1]).isalnum() or c in "_."):
            found.append((i, None, m.group(1)))
    if 0 < froms < len(found):
        found.sort()  # (by start: no two statements start at one offset)
    return [(base, names) for _, base, names in found]


def launch_pattern(text: str, sinks: Iterable[str]) -> Mentions | None:
    """A regex for the expressions in `text` that can name a sink, from the file's own imports.

    `import subprocess as sp` makes `sp.Popen` (and `sp.run`, ...) a sink expression,
    `from os import system as sh` makes `sh` one, `popen = sp.Popen` makes `popen` one. The
    resolver recognises a sink only through such bindings, so a statement that matches none of
    them holds no launch site it could see. None: the file binds no sink at all.
    """
    sink_set = _frozen(sinks)
    modules = _modules_of(sink_set)
    attr_alts: list[str] = []  # regex alternatives
    bare: set[str] = set()
    bound: list[tuple[str, str]] = []  # (local name, module) of `import module [as name]`
    for base, names in import_statements(text):
        if base is None:
            for am in _ALIAS.finditer(names):
                dotted, local = am.group(1), am.group(2)
                top = dotted.split(".")[0]
                if top not in modules:
                    continue
                if local:
                    attr_alts.append(_attr_regex(local, dotted, sink_set))
                    bound.append((local, dotted))
                    if local != dotted and any(s.startswith(dotted + ".") for s in sink_set):
                        # The import itself: another module may reach the sink module by
                        # this name (`from app.util import sp`), naming neither it nor a
                        # sink (`Analyzer.launcher_globals`).
                        attr_alts.append(re.escape(dotted) + r"[ \t]+as[ \t]+" + re.escape(local))
                else:
                    attr_alts.append(_attr_regex(top, top, sink_set))
                    bound.append((top, top))
        else:
            if base.split(".")[0] not in modules:
                # A sink module another module hands on (`from app.util import subprocess
                # as sp`, the util module importing it): its sinks are reached through it.
                for am in _ALIAS.finditer(names.strip("()")):
                    name, local = am.group(1), am.group(2)
                    if name in modules:
                        attr_alts.append(_attr_regex(local or name, name, sink_set))
                        bound.append((local or name, name))
                continue
            for am in _ALIAS.finditer(names.strip("()")):
                name, local = am.group(1), am.group(2)
                if name == "*":
                    bare.update(
                        s[len(base) + 1 :].split(".")[0]
                        for s in sink_set
                        if s.startswith(base + ".") and not s.endswith("." + OPEN)
                    )
                    continue
                full = f"{base}.{name}"
                if full in sink_set or f"{base}.{OPEN}" in sink_set:
                    # (`from sh import codex`: every name under `sh` launches.)
                    bare.add(local or name)
                elif any(s.startswith(full + ".") for s in sink_set):
                    attr_alts.append(_attr_regex(local or name, full, sink_set))
            # The sink methods of the module's library classes, called on an instance (`from
            # invoke import Context; c = Context(); c.run(line)`, `from ctypes import cdll;
            # cdll.LoadLibrary(p).system(line)`), under any name, as for `import ctypes` above.
            methods = _class_methods(base, sink_set)
            if methods and any(m in text for m in methods):
                attr_alts.append(_called_methods(methods))
    # A module handed on as a value (`return claude_agent_sdk` from a lazy-import helper,
    # `sdk = claude_agent_sdk`): its sinks are then reached as `sdk.ClaudeSDKClient`, any name
    # before the dot.
    # Each binding once (`dict.fromkeys` keeps the first): a module that imports `os` in thirty
    # functions gave a thirty-fold regex, whose compilation was most of a 13,000-line module's
    # scan. A repeated alternative matches nothing the first did not, so the matches are the same.
    for local, module in dict.fromkeys(bound):
        if _escapes(text, local):
            attr_alts.append(_attr_regex("", module, sink_set))
            # The line handing it on, returned (`return subprocess`: the function is then a
            # wrapper of its callers even where this file names no sink) or assigned at the
            # top level (`SP = subprocess`: a launcher global). (Not any assignment: twisted's
            # `pty = _pty` in an `else:` made its PTY process a root, for nothing.)
            end = re.escape(local) + r"(?=[ \t]*(?:#[^\n]*)?(?m:$))"
            attr_alts.append(r"(?:return|yield)[ \t]+" + end)
            attr_alts.append(r"(?m:^)\w+[ \t]*=[ \t]*" + end)
        # A method of a library class under the module (`asyncio.AbstractEventLoop
        # .subprocess_exec`): called on an instance a model gives (`loop =
        # asyncio.get_running_loop()`), under any name. (Each alternative below is added only
        # where the text holds it: every alternative slows every search with the regex.)
        methods = _class_methods(module, sink_set)
        if methods and any(m in text for m in methods):
            attr_alts.append(_called_methods(methods))
        # `getattr(subprocess, "run")`: the resolver reads a constant name as the attribute;
        # `getattr(subprocess, name)` is any of its sinks (a call of it unresolved).
        if "getattr" in text:
            held = _getattr_regex(local, module, sink_set)
            if held and re.search(held, text):
                attr_alts.append(held)
            held = _getattr_computed(local) if held else ""
            if held and re.search(held, text):
                attr_alts.append(held)
        # A sink module as a call's argument (`methodcaller("run", argv)(subprocess)`,
        # `attrgetter("system")(os)`, `use(sp)`, `use(x, run=sp)` of a function calling its
        # parameter's `run`): what is called reads its sinks.
        if ("(" + local in text or local + ")" in text) and _passed(text, local):
            # (Led by the name: a match's first character must not follow a word's, `Mentions`.)
            name = re.escape(local)
            attr_alts.append(
                name
                + r"(?:(?<=\("
                + name
                + r")(?=[ \t]*[),])|(?<=[,= \t]"
                + name
                + r")(?=[ \t]*\)))"
            )
        # `vars(subprocess)["run"]`, `subprocess.__dict__["run"]`: the attribute a key names.
        if "vars" in text:
            held = r"vars\s*\(\s*" + re.escape(local) + r"\s*\)"
            if re.search(held, text):
                attr_alts.append(held)
        if "__dict__" in text:
            held = re.escape(local) + r"\s*\.\s*__dict__"
            if re.search(held, text):
                attr_alts.append(held)
        # `subprocess.__getattribute__("run")`: `getattr` of it.
        if "__getattribute__" in text:
            held = re.escape(local) + r"\s*\.\s*__getattribute__"
            if re.search(held, text):
                attr_alts.append(held)
    # `globals()["_sp"].run(argv)`: this module's names read as a mapping (the resolver reads
    # a known key as the name, `globals().get(k)` too, and follows the mapping where it goes:
    # `g = globals()`, `use(globals())`); not where nothing the resolver reads comes of it.
    if "globals" in text and (bound or bare) and _GLOBALS.search(text):
        attr_alts.append(_GLOBALS.pattern)
    # A sink module reached as an attribute of another module (`util.subprocess.run(argv)`
    # after `from app import util`, whose module imports it): the resolver reads it there.
    # (One search for all the modules first: most files name none after a dot, and a search
    # of the text for each module was a third of this function's time.)
    if _dotted(modules).search(text) is not None:
        for module in sorted(modules):
            if "." + module in text:
                attr_alts.append(r"\.\s*" + _attr_regex(module, module, sink_set))
    # A module imported at run time by a constant name (`importlib.import_module("subprocess")`,
    # `__import__("os")`): the resolver binds it as `import` does, so its sinks are reached as
    # `<anything>.run` (and through `getattr` of it, any name first).
    if "import_module" in text or "__import__" in text:
        for dm in _DYNAMIC_IMPORT.finditer(text):
            name = dm.group(1)
            if name.split(".")[0] not in modules:
                continue
            for module in dict.fromkeys((name, name.split(".")[0])):
                attr_alts.append(_attr_regex("", module, sink_set))
                attr_alts.append(_getattr_regex(r"[\w.()\[\]'\"]*", module, sink_set, raw=True))
        # A module imported by a computed name that may be a sink module, a sink read from it
        # (`scan.computed`): the import, and the reads (a call of what may be a sink is then
        # unresolved, `models.builtins._computed_module`).
        attr_alts.extend(selected(text, sink_paths(sink_set)))
    # `sys.modules["subprocess"]` (then `.run(...)`, or bound to a name), `sys.modules[name]
    # .run(...)` (a module not known: a call of what may be a sink is unresolved), and
    # `getattr(sys.modules[__name__], ...)`. (Not every `sys.modules[...]`: most name other
    # modules, and selecting them was a tenth more of the corpus analysed.)
    if "modules" in text and _SYS_MODULES.search(text):
        held = _sys_modules_regex(
            frozenset(modules), frozenset(s.rsplit(".", 1)[1] for s in sink_set)
        )
        if re.search(held, text):
            attr_alts.append(held)
    if "exec" in text or "eval" in text:
        # Code run by `exec`/`eval` (`models.code`), called: what it runs is analysed at the
        # call. (Not `def eval(cls, arg)`: sympy's functions' methods.)
        attr_alts.append(_CODE_CALL)
        if "builtins" in text:
            attr_alts.append(r"builtins\s*\.\s*(?:exec|eval)")
            # `from builtins import exec as run`, `getattr(builtins, "exec")`: the import or
            # the read, and the names it binds (as `run = exec` binds one, below).
            for m in _RENAMED_RUNNER.finditer(text):
                bare.add(m.group(1))
    if "getattr" in text and "builtins" in text:
        # `getattr(builtins, "exec")`, or of a computed name (which may be `exec`): also in a
        # file whose text names neither.
        attr_alts.append(r"getattr\s*\(\s*(?:builtins|__builtins__)\s*,")
    # Methods launching by their name alone, on any receiver (`loop.subprocess_exec(`: the
    # loop handed in, its module perhaps never imported here).
    receiverless = [m for m in _receiverless(sink_set) if m in text]
    if receiverless:
        attr_alts.append(_called_methods(receiverless))
    if "resolve_name" in text:
        # `pkgutil.resolve_name("subprocess:run")`: a sink's module named in the string
        # (`models.builtins.resolve_name_call`), the call of what it returns.
        for m in _RESOLVED_NAME.finditer(text):
            if m.group(1).split(".")[0] in modules:
                attr_alts.append(r"(?:\w+\s*\.\s*)?resolve_name\s*\(")
                break
    if "Interactive" in text:
        # The standard library's interpreters (`models.code`), made, and their methods that
        # run source, on any receiver.
        attr_alts.append(r"(?:\w+\s*\.\s*)?Interactive(?:Interpreter|Console)")
        attr_alts.append(r"\.\s*(?:runsource|runcode|push)(?=\s*\()")
    alts = [a for a in dict.fromkeys(attr_alts) if a] + [re.escape(b) for b in sorted(bare)]
    if not alts:
        return None
    core = "|".join(f"(?:{a})" for a in alts)
    # Assignment aliases: `popen = sp.Popen` (or `functools.partial(sp.Popen, ...)`, through
    # any alias of `functools` or `partial`, or another call given the sink first) makes
    # `popen` a sink name too, and `self.run = sp.run` makes every `.run` in the file one. Found from the `=` (a literal,
    # fast to search for); the line must start with the one assigned name or attribute.
    aliases: set[str] = set()
    attributes: set[str] = set()
    # (The sink once, the call before it optional, the end the call's or the line's by
    # whether the call matched: the pattern with the two forms as alternatives, each holding
    # the sink, took twice as long to compile, a third of this function's time. The same
    # matches: the call is tried first and given up only where no sink follows it.)
    assigned = (
        r"=[ \t]*(?:((?:\w+[ \t]*\.[ \t]*)?\w+[ \t]*\([ \t]*))?(?:"
        + core
        + r")(?(1)(?!\w)|[ \t]*(?:#.*)?$)"
    )
    for m in re.finditer(assigned, text, re.M):
        start = text.rfind("\n", 0, m.start()) + 1
        head = _ASSIGNED.fullmatch(text, start, m.start())
        if head is not None:
            _assigned(text, start, head, aliases, attributes)
        else:
            _annotated(text, start, m.start(), aliases, attributes)
    # A sink among other values, named and not called (`self._spawn = runner or
    # subprocess.Popen`, `run = sp.run if sync else sp.Popen`): from each mention of a sink
    # (few in a file) to the `=` before it on its line.
    for m in re.finditer(r"(?:" + core + r")(?!\w)", text):
        if re.match(r"[ \t]*[(.]", text[m.end() : m.end() + 40]):
            continue  # called, or an attribute of it: the forms above and the sink calls
        start = text.rfind("\n", 0, m.start()) + 1
        eq = _VALUE_EQ.search(text, start, m.start())
        if eq is None:
            # Put into a container (`HOOKS.append(subprocess.run)`): the container's name
            # holds it (`for h in HOOKS: h(argv)`).
            put = _PUT_INTO.match(text, start, m.start())
            if put is not None:
                aliases.add(put.group(1))
            continue
        head = _ASSIGNED.fullmatch(text, start, eq.start())
        if head is not None:
            _assigned(text, start, head, aliases, attributes)
        elif (param := _PARAM_DEFAULT.search(text, start, eq.start())) is not None:
            # A parameter defaulting to a sink (`def __init__(self, run=subprocess.run)`):
            # its name, and the attributes it is kept in (`self._run = run`).
            aliases.add(param.group(1))
            attributes.update(_kept_on_attributes(text, param.group(1)))
        else:
            _annotated(text, start, eq.start(), aliases, attributes)
    # A name bound to what a call under a module of command objects gives (`sh2 =
    # sh.bake(_cwd=d)`, `git = sh.git.bake("-C", d)`): its attributes and calls launch too.
    for local, module in dict.fromkeys(bound):
        if f"{module}.{OPEN}" in sink_set and local + "." in text:
            made = r"^[ \t]*(\w+)[ \t]*=[ \t]*" + re.escape(local) + r"[ \t]*\.[ \t]*\w+"
            aliases.update(m.group(1) for m in re.finditer(made, text, re.M))
    alts += [re.escape(a) for a in sorted(aliases)]
    alts += [r"\.\s*" + re.escape(a) for a in sorted(attributes)]
    regex = re.compile(r"(?:" + "|".join(f"(?:{a})" for a in alts) + r")(?!\w)")
    return Mentions(regex, after_dot=False, attributes=frozenset(attributes))


def _assigned(
    text: str, start: int, head: re.Match[str], aliases: set[str], attributes: set[str]
) -> None:
    """A sink assigned to a name or an attribute (`popen = sp.Popen`, `self.run = sp.run`). A
    name assigned in an indented line may be a class attribute (`runner = subprocess.run`,
    `runner = staticmethod(subprocess.run)` in a class body), read as `self.runner` or
    `Cls.runner`: the attribute too."""
    if head.group(1):
        attributes.add(head.group(2))
        return
    aliases.add(head.group(2))
    if text[start : start + 1] in (" ", "\t"):
        attributes.add(head.group(2))


def _kept_on_attributes(text: str, name: str) -> set[str]:
    """The attributes `name` is assigned to, alone or first of an `or` (`self._run = run`,
    `self._run = run or default`)."""
    kept = re.compile(
        r"^[ \t]*\w+[ \t]*\.[ \t]*(\w+)[ \t]*(?::[^=\n]*)?=[ \t]*"
        + re.escape(name)
        + r"(?![\w.(\[])",
        re.M,
    )
    return {m.group(1) for m in kept.finditer(text)}


def _annotated(text: str, start: int, end: int, aliases: set[str], attributes: set[str]) -> None:
    """An annotated assignment of a sink (`popen_factory: Any = subprocess.Popen`): the name,
    and the attribute a class's field is read as (`self.popen_factory(argv)`)."""
    head = _ANNOTATED.fullmatch(text, start, end)
    if head is not None:
        aliases.add(head.group(1))
        attributes.add(head.group(1))


def local_names(text: str, names: Iterable[str]) -> set[str]:
    """The names under which a file can call functions named `names`: the names, aliases of
    imports (`from tools import run_agent as run`) and plain assignments (`run = run_agent`,
    `run = tools.run_agent`)."""
    wanted = set(names)
    out = set(wanted)
    for _, imported_names in import_statements(text):
        for am in _ALIAS.finditer(imported_names.strip("()")):
            name, local = am.group(1), am.group(2)
            if local and name.rsplit(".", 1)[-1] in wanted:
                out.add(local)
    if wanted and all(_WORD.fullmatch(n) for n in wanted):
        out.update(_assigned_words(text, wanted))
    elif wanted:
        alts = "|".join(re.escape(n) for n in sorted(wanted))
        assigned = re.compile(
            r"^[ \t]*(\w+)[ \t]*=[ \t]*(?:\w+[ \t]*\.[ \t]*)*(?:" + alts + r")[ \t]*$", re.M
        )
        # A match lies within one line (nothing in it crosses a newline) that holds one of the
        # names: only those lines are tried (a pattern led by `^` is tried at every line).
        tried: set[int] = set()
        for m in re.finditer(alts, text):
            start = text.rfind("\n", 0, m.start()) + 1
            if start not in tried:
                tried.add(start)
                got = assigned.match(text, start)
                if got is not None:
                    out.add(got.group(1))
    return out


_WORD = lazy_compile(r"\w+")
# `local_names`' assignment with any word last (`run = tools.run_agent`): one pattern for all
# names, the last word then looked up. (A pattern per set of names, the names in it, was 0.4 s
# of compiles on the launch-dense project.)
_ASSIGNED_WORD = lazy_compile(r"^[ \t]*(\w+)[ \t]*=[ \t]*(?:\w+[ \t]*\.[ \t]*)*(\w+)[ \t]*$", re.M)


def _assigned_words(text: str, wanted: set[str]) -> set[str]:
    r"""The names assigned one of `wanted` (words, each all `\w`) alone on a line, as a pattern
    with the names as alternatives for the last word finds them: that word is a whole word
    (after `=` or a dot, then blanks; blanks or the line's end after it), so the pattern for any
    word matches the same lines, its last word one of the names exactly where one of them
    matched there. Only the lines holding a name (found with `find`) are tried: a match lies
    within one line, and a pattern led by `^` is tried at every line."""
    out: set[str] = set()
    tried: set[int] = set()
    for name in wanted:
        at = text.find(name)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            if start not in tried:
                tried.add(start)
                got = _ASSIGNED_WORD.match(text, start)
                if got is not None and got.group(2) in wanted:
                    out.add(got.group(1))
            end = text.find("\n", at)
            at = text.find(name, end) if end >= 0 else -1
    return out


_HEADER = lazy_compile(r"[ \t]*(?:(?:async[ \t]+)?(def)|class)[ \t]+(\w+)")


def other_names(text: str, name: str) -> list[tuple[str, str | None]]:
    """The other names a module binds a function `name` to where other code can reach them,
    each with its class (None: the module's top level): `from .proc import run as execute`,
    `execute = proc.run` (top level, or in `try:`/`if` blocks there), `execute = run` in a class
    body (a method's second name). A binding inside a function is its own, left out."""
    return [(alias, scope) for alias, _, scope in _bindings(text, [name])]


def container_holders(text: str, name: str) -> list[str]:
    """The module-level names of containers holding function `name` as an item: a literal
    assigned at the top level (`HANDLERS = {"run": launch}`, over lines too), or a top-level
    statement putting it in (`HOOKS.append(launch)`, `REG["x"] = launch`). Called through the
    container (`HANDLERS[k](argv)`), the function is called by that name."""
    out: list[str] = []
    # (Led by the name, the character before it tested here: a pattern led by a lookbehind is
    # tried at every position, ~30 times slower on large files: 416 calls were ~4 % of a
    # corpus run's profile.)
    for m in re.finditer(re.escape(name) + r"(?=[ \t]*[,)\]}\n])", text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_."):
            continue
        before = text[max(0, m.start() - 40) : m.start()].rstrip(" \t")
        if not before.endswith((":", "[", ",", "(", "{", "=")):
            continue
        # The top-level statement holding it: the nearest line before it starting at column 0.
        line = text.rfind("\n", 0, m.start()) + 1
        while line > 0 and (text[line] in " \t#\n)]}" if line < len(text) else True):
            line = text.rfind("\n", 0, line - 1) + 1
        held = _CONTAINER_HEAD.match(text, line)
        if held is not None and held.group(1) != name and held.group(1) not in out:
            out.append(held.group(1))
    return out


# A top-level statement making or filling a container: its name.
_CONTAINER_HEAD = lazy_compile(
    r"(\w+)[ \t]*(?:(?::[^=\n]*)?=(?!=)[ \t]*[\[{(]|\[[^\]\n]*\][ \t]*=(?!=)"
    r"|\.[ \t]*(?:append|add|insert|extend|update|setdefault)[ \t]*\()"
)


def renamed_sinks(text: str, names: Iterable[str]) -> list[str]:
    """The names a module binds at its top level to a sink of another name (`spawn =
    subprocess.Popen`, `from os import system as sh`): another module calling `spawn`, naming
    neither the sink nor its module, launches (`names`: the sinks' last names)."""
    return [alias for alias, _, scope in _bindings(text, names) if scope is None]


def reexported_sinks(text: str, sinks: Iterable[str]) -> list[str]:
    """The sinks a module imports under their own names at its top level (`from subprocess
    import Popen`, in a `try:` too): other code reaches them there (`from app.util import
    Popen`, `import app.util as u; u.Popen(...)`, `app.Popen` through a package re-exporting
    it), naming neither the sink's module nor another name for it."""
    if "import" not in text:
        return []
    # (`_frozen`'s one entry is `launch_pattern`'s. The modules once, not once per import:
    # every file running code passes the gate.)
    sink_set = sinks if isinstance(sinks, frozenset) else frozenset(sinks)
    tops = _modules_of(sink_set)
    out: list[str] = []
    for base, names in import_statements(text):
        if base is None or base.startswith(".") or base.split(".")[0] not in tops:
            continue
        own = [
            am.group(1)
            for am in _ALIAS.finditer(names.strip("()"))
            if am.group(2) in (None, am.group(1)) and f"{base}.{am.group(1)}" in sink_set
        ]
        if not own:
            continue
        head = re.compile(r"^[ \t]*from[ \t]+" + re.escape(base) + r"[ \t]+import\b", re.M)
        if any(_enclosing(text, m.start()) == (False, None) for m in head.finditer(text)):
            out += [n for n in own if n not in out]
    # `Popen = subprocess.Popen`: the same name bound to the module's attribute.
    last = _last_names(sink_set)
    for m in _binding_value(last).finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        bound = _ASSIGNED.fullmatch(text, start, m.start())
        if (
            bound is not None
            and not bound.group(1)
            and bound.group(2) == m.group(1)
            and "." in m.group(0)
            and _enclosing(text, start) == (False, None)
            and m.group(1) not in out
        ):
            out.append(m.group(1))
    return out


def self_stores(text: str, name: str) -> list[tuple[str, str]]:
    """(attribute, class) for each store of function `name` (not a call of it) into an
    attribute of `self` in a method: `self._runner = runner or _spawn`, `self._run =
    self.run_process`. The method calling `self._runner(...)` calls the function."""
    out: list[tuple[str, str]] = []
    for at in word_starts(text, name):
        lead = text[max(0, at - 5) : at]
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            continue
        if at and text[at - 1] == "." and not _SELF_DOT.search(lead):
            continue
        if _CALLED.match(text, at + len(name), at + len(name) + 40):
            continue  # called (or an attribute of it)
        start = text.rfind("\n", 0, at) + 1
        store = _SELF_STORE.match(text, start, at)
        if store is None:
            continue
        cls = _class_around(text, start)
        if cls is not None and (store.group(1), cls) not in out:
            out.append((store.group(1), cls))
    return out


def self_instances(text: str, cls: str) -> list[tuple[str, str]]:
    """(attribute, class) for each instance of class `cls` made and kept on `self` in a method
    (`self.runner = Runner(cfg)`, `self.r = tools.Runner()`): calling the attribute elsewhere in
    the holding class (`self.runner(argv)`) calls the instance (its `__call__`)."""
    out: list[tuple[str, str]] = []
    pattern = (
        r"^[ \t]*self[ \t]*\.[ \t]*(\w+)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]+\.)?"
        + re.escape(cls)
        + r"[ \t]*\("
    )
    for m in re.finditer(pattern, text, re.MULTILINE):
        holder = _class_around(text, m.start())
        if holder is not None and (m.group(1), holder) not in out:
            out.append((m.group(1), holder))
    return out


_SELF_DOT = lazy_compile(r"(?<!\w)self[ \t]*\.$")
_SELF_STORE = lazy_compile(r"[ \t]*self[ \t]*\.[ \t]*(\w+)[ \t]*(?::[^=\n]*)?=(?!=)")
_CALLED = lazy_compile(r"[ \t]*[(.]")


def word_starts(text: str, word: str) -> Iterator[int]:
    """Where `word` starts in `text` not followed by a word character, as `re.finditer` of
    the escaped word and a lookahead for no word character finds it (no two overlapping): the
    word searched for in C, with no pattern compiled for it (one per name: a compile each)."""
    if not word:
        yield from (m.start() for m in re.finditer(r"(?!\w)", text))
        return
    n, size = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        end = at + n
        if end < size and ((c := text[end]).isalnum() or c == "_"):
            at = text.find(word, at + 1)
        else:
            yield at
            at = text.find(word, end)


def _class_around(text: str, start: int) -> str | None:
    """The class whose method holds the line at `start` (by indentation), if any."""
    for header in _headers_around(text, start):
        if header is not None and not header.group(1):
            return header.group(2)
    return None


def _headers_around(text: str, start: int) -> Iterator[re.Match[str] | None]:
    """The lines that open the blocks around the line at `start`, innermost first, by
    indentation (comments and blank lines skipped): each one's `_HEADER` match, None for a
    block that is neither a `def` nor a `class` (`try:`, `if`)."""
    end = text.find("\n", start)
    line = text[start : end if end >= 0 else len(text)]
    indent = len(line) - len(line.lstrip(" \t"))
    end = start
    while indent > 0 and end > 0:
        begin = text.rfind("\n", 0, end - 1) + 1
        prev = text[begin : end - 1]
        end = begin
        stripped = prev.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        level = len(prev) - len(stripped)
        if level >= indent:
            continue
        indent = level
        yield _HEADER.match(prev)


def may_bind(data: bytes, name: str) -> bool:
    """Whether a file's bytes can bind `name` to another name (`other_names`): `name as`, or a
    line ending with it. (Most files naming a function only call it.)"""
    word = name.encode(errors="surrogateescape")
    if word + b" as" in data or word + b"\tas" in data:
        return True
    if not word:
        return _line_end(word).search(data) is not None
    # `_line_end(word)` matches somewhere exactly where the word occurs with the end of a line
    # after it: each occurrence (found in C) is tried with the pattern of that end, compiled
    # once for all words (a pattern per name: 83 compiles on the cold corpus).
    at = data.find(word)
    while at >= 0:
        if _AT_LINE_END.match(data, at + len(word)) is not None:
            return True
        at = data.find(word, at + 1)
    return False


_AT_LINE_END = lazy_compile(rb"[ \t]*(?:#[^\n]*)?\r?$", re.M)


@lru_cache(maxsize=1024)
def _line_end(word: bytes) -> re.Pattern[bytes]:
    # Led by the word, a literal: `re` scans for it fast.
    return re.compile(re.escape(word) + rb"[ \t]*(?:#[^\n]*)?\r?$", re.M)


@lru_cache(maxsize=1024)
def _binding_value(names: tuple[str, ...]) -> re.Pattern[str]:
    """`= [module.]name` ending a line, for `_bindings`."""
    word = "(" + "|".join(re.escape(n) for n in names) + ")"
    return re.compile(r"=[ \t]*(?:\w+[ \t]*\.[ \t]*)*" + word + r"[ \t]*(?:#.*)?$", re.M)


def _bindings(text: str, names: Iterable[str]) -> list[tuple[str, str, str | None]]:
    """(other name, name, class or None) for each binding of one of `names` to another name
    outside a function (`other_names`)."""
    wanted = set(names)
    found: list[tuple[int, str, str]] = []
    # `name as other`: read from the imports (kept for the text), then found in it.
    renamed = _followed_by_as(text, wanted)
    for _, imported_names in import_statements(text) if renamed else ():
        for am in _ALIAS.finditer(imported_names.strip("()")):
            name, local = am.group(1).rsplit(".", 1)[-1], am.group(2)
            if local and local != name and name in wanted:
                where = re.search(
                    r"(?<![\w.])" + re.escape(name) + r"[ \t]+as[ \t]+" + re.escape(local) + r"\b",
                    text,
                )
                if where is not None:
                    found.append((where.start(), local, name))
    # `other = [module.]name`: from the `=` (a literal, fast to search for); the line must
    # start with the one assigned name (`self.x = run` binds no name).
    for m in _binding_value(tuple(sorted(wanted))).finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        head = _ASSIGNED.fullmatch(text, start, m.start())
        if head is not None and not head.group(1) and head.group(2) != m.group(1):
            found.append((start, head.group(2), m.group(1)))
    out: list[tuple[str, str, str | None]] = []
    for at, alias, name in sorted(found):
        in_function, scope = _enclosing(text, text.rfind("\n", 0, at) + 1)
        if not in_function and (alias, name, scope) not in out:
            out.append((alias, name, scope))
    return out


def _followed_by_as(text: str, names: set[str]) -> bool:
    """Whether `f"{n} as"` or `f"{n}\tas"` is in `text` for one of `names`: one pass over the
    text's ` as` (few: 220 in a 13,000-line module), each checked against the names' lengths,
    instead of two searches of the whole text per name (84 sink names: 0.11 s on that module,
    0.003 s so)."""
    lengths = sorted({len(n) for n in names})
    for sep in (" as", "\tas"):
        at = text.find(sep)
        while at >= 0:
            if any(k <= at and text[at - k : at] in names for k in lengths):
                return True
            at = text.find(sep, at + 1)
    return False


def _enclosing(text: str, start: int) -> tuple[bool, str | None]:
    """What the line at `start` is in, by indentation: whether a function, else the class
    whose body it is in (None: the module's top level). Blocks that are neither (`try:`,
    `if`) are looked through."""
    cls: str | None = None
    for header in _headers_around(text, start):
        if header is not None:
            if header.group(1):
                return True, None
            if cls is None:
                cls = header.group(2)
    return False, cls


def _escapes(text: str, name: str) -> bool:
    """Whether `name` ends a line as a value: assigned, returned or yielded (`= name`,
    `return name`). The name leads the regex (a literal prefix: fast); what precedes it is
    checked by hand."""
    # No lookbehind in the regex: a pattern that starts with one is tried at every position of
    # the text (0.5 s on a 13,000-line module); a literal start is searched for in C.
    for m in re.finditer(re.escape(name) + r"[ \t]*(?:#[^\n]*)?$", text, re.M):
        start = m.start()
        if start and (text[start - 1] in "._" or text[start - 1].isalnum()):
            continue  # part of a longer name or an attribute (`(?<![\w.])`)
        before = text[max(0, start - 12) : start].rstrip(" \t")
        if before.endswith("=") and not before.endswith(("==", "!=", "<=", ">=")):
            return True
        if re.search(r"(?<![\w.])(?:return|yield)$", before):
            return True
    return False


_DYNAMIC_IMPORT = lazy_compile(
    r"""(?:import_module|__import__)\s*\(\s*(?:name\s*=\s*)?['"]([\w.]+)['"]"""
)


_RESOLVED_NAME = lazy_compile(r"""resolve_name\s*\(\s*(?:name\s*=\s*)?['"]([\w.]+)[:.]""")


_SYS_MODULES = lazy_compile(r"sys\s*\.\s*modules(?=\s*\[)")


@lru_cache(maxsize=16)
def _sys_modules_regex(modules: frozenset[str], names: frozenset[str]) -> str:
    """`sys.modules[KEY]` where KEY is a sink module's name, or followed by a sink's name, or
    read by `getattr`/`vars` (`launch_pattern`)."""
    mods = "|".join(re.escape(m) for m in sorted(modules))
    last = "|".join(re.escape(n) for n in sorted(names))
    table = r"sys\s*\.\s*modules\s*\["
    return (
        table + r"\s*['\"](?:" + mods + r")(?:\.[\w.]*)?['\"]\s*\]"
        r"|" + table + r"[^\]\n]*\]\s*\.\s*(?:" + last + r")"
        r"|(?:getattr|vars)\s*\(\s*sys\s*\.\s*modules(?=\s*\[)"
    )


def _getattr_computed(local: str) -> str:
    """`getattr(local, name)` of a name that is not one string literal: a name, a call, an
    f-string, literals joined (`"sys" + "tem"`, `"sys" "tem"`)."""
    return (
        r"getattr\s*\(\s*"
        + re.escape(local)
        + r"\s*,\s*(?:(?=[^\s'\"])[\w.]*|(?:'[^'\n]*'|\"[^\"\n]*\")\s*(?=[^\s,)]))"
    )


# The launch names as a set, kept for the object given (the same tuple for every file): the
# computations below from them and a module are kept by that set, not made again for each of
# the files a launch pattern is built for (a tenth of `launch_pattern`'s time).
_SINKS: list[tuple[Iterable[str], frozenset[str]]] = []


def _frozen(sinks: Iterable[str]) -> frozenset[str]:
    if _SINKS and _SINKS[0][0] is sinks:
        return _SINKS[0][1]
    got = frozenset(sinks)
    if isinstance(sinks, tuple | frozenset):  # (immutable: the same object, the same names)
        _SINKS[:] = [(sinks, got)]
    return got


@lru_cache(maxsize=8)
def _last_names(sinks: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted({s.rsplit(".", 1)[1] for s in sinks}))


@lru_cache(maxsize=8)
def _modules_of(sinks: frozenset[str]) -> frozenset[str]:
    return frozenset(s.split(".")[0] for s in sinks)


@lru_cache(maxsize=8)
def _dotted(modules: frozenset[str]) -> re.Pattern[str]:
    """A dot and then any of `modules` (`"." + module in text` for one of them)."""
    return re.compile(r"\.(?:" + "|".join(re.escape(m) for m in sorted(modules)) + r")")


@lru_cache(maxsize=256)
def _firsts(module: str, sinks: frozenset[str]) -> tuple[str, ...]:
    return tuple(
        sorted({s[len(module) + 1 :].split(".")[0] for s in sinks if s.startswith(module + ".")})
    )


def _getattr_regex(local: str, module: str, sinks: Set[str], *, raw: bool = False) -> str:
    """`getattr(local, "name")` of a sink's first name under `module` (`local` a regex when
    `raw`); of any name, computed too, under a module every name of which launches."""
    firsts = _firsts(module, sinks if isinstance(sinks, frozenset) else frozenset(sinks))
    if not firsts:
        return ""
    who = local if raw else re.escape(local)
    if f"{module}.{OPEN}" in sinks:
        return r"getattr\s*\(\s*" + who + r"\s*,"
    names = "|".join(re.escape(n) for n in firsts)
    return r"getattr\s*\(\s*" + who + r"\s*,\s*['\"](?:" + names + r")['\"]"


# Task runners' modules whose decorated functions are given another library's context (`from
# fabric import task`, `@task def deploy(c): c.run(line)`: an `invoke.Context`, as the resolver
# reads it, `models.handoffs.TASK_CONTEXTS`): that library's class methods are reached too.
TASK_CONTEXT_MODULES: dict[str, tuple[str, ...]] = {
    "invoke.tasks": ("invoke",),
    "fabric": ("invoke",),
    "fabric.tasks": ("invoke", "fabric"),
}


@lru_cache(maxsize=256)
def _methods_of(module: str, sinks: frozenset[str]) -> tuple[str, ...]:
    methods: set[str] = set()
    for held in (module, *TASK_CONTEXT_MODULES.get(module, ())):
        for s in sinks:
            if s.startswith(held + "."):
                parts = s[len(held) + 1 :].split(".")
                if len(parts) >= 2 and parts[-2][:1].isupper() and parts[-1][:1].islower():
                    methods.add(parts[-1])
    return tuple(sorted(methods))


def _called_methods(methods: Iterable[str]) -> str:
    """A call of one of `methods` on any receiver (`loop.subprocess_exec(`, `libc.system(`):
    only a call (the names are common attributes: ansible's `self.system = ...`); or one read
    by a literal subscript (`CDLL(None)["system"]`, ctypes' `__getitem__`)."""
    names = "|".join(map(re.escape, methods))
    return r"\.\s*(?:" + names + r")(?=\s*\()|\[\s*[\"'](?:" + names + r")[\"']\s*\]"


def _class_methods(module: str, sinks: Set[str]) -> tuple[str, ...]:
    """The methods of the sinks `module.Class.method` (a class's name capitalised, a
    method's not), reached on any receiver."""
    return _methods_of(module, sinks if isinstance(sinks, frozenset) else frozenset(sinks))


def _attr_regex(local: str, module: str, sinks: Set[str]) -> str:
    rest = _attr_rest(module, sinks if isinstance(sinks, frozenset) else frozenset(sinks))
    return re.escape(local) + rest if rest else ""


@lru_cache(maxsize=256)
def _attr_rest(module: str, sinks: frozenset[str]) -> str:
    """`_attr_regex` after the local name: the sinks' names under `module`."""
    rests = sorted({s[len(module) + 1 :] for s in sinks if s.startswith(module + ".")})
    if not rests:
        return ""
    parts = "|".join(
        r"\s*\.\s*".join(r"\w+" if p == OPEN else re.escape(p) for p in r.split(".")) for r in rests
    )
    return r"\s*\.\s*(?:" + parts + r")"


class LaunchScan(NamedTuple):  # (not a dataclass: created at every start-up, ~1 ms)
    """What a file's text says before its analysis, as plain data (a forked child answers it:
    `Analysis.scan_ahead`, `run.analyse`): whether it may launch, and where its imports' sink
    pattern (`launch_pattern`) matches in code."""

    may: bool  # it mentions a sink module and a sink name (`may_launch`)
    pattern: bool | None = None  # its imports bind a sink (None: not looked at yet)
    attributes: frozenset[str] = frozenset()  # the pattern's attributes holding a sink
    lines: frozenset[int] = frozenset()  # (0-based) where the pattern matches in code
    regex: str = ""  # the pattern's regex (noted as run over the file: `ReadLog.patterns`)
    # Of a file with such lines (a launch file), the names it binds a sink to at its top level
    # under another name or re-exports one as (`renamed_sinks`, `reexported_sinks`: its
    # wrappers by name, `Analysis.current_wrappers`); None: not looked at.
    renamed: tuple[str, ...] | None = None


def code_lines(
    text: str,
    starts: Sequence[int],
    chunks: Callable[[], Sequence[Chunk]],
    pattern: Mentions,
) -> tuple[set[int], list[int]]:
    """0-based lines where `pattern` matches in code, not in a comment or string literal, and
    the chunks looked at for it (`SourceFile.code_lines` notes them as read).

    starts: the text's line starts; chunks: its top-level statements (`split_chunks`), asked
    for only when the pattern matches. Comments and strings are scanned only in the chunks that
    hold a match (a chunk never starts inside a string), so a big module costs what its
    matching statements cost."""
    prose: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}  # chunk -> spans
    looked: list[int] = []
    lines: set[int] = set()
    split: Sequence[Chunk] | None = None
    bounds: list[int] = []
    for m in pattern.finditer(text):
        pos = m.start()
        line = bisect_right(starts, pos) - 1
        if split is None:
            split = chunks()
            bounds = [c.start for c in split]
        ci = max(bisect_right(bounds, line) - 1, 0)  # (`SourceFile.chunk_at_line`)
        if ci not in prose:
            looked.append(ci)
            chunk = split[ci]
            end = starts[chunk.end] if chunk.end < len(starts) else len(text)
            spans = prose_spans(text, starts[chunk.start], end)
            prose[ci] = ([a for a, _ in spans], spans)
        span_starts, spans = prose[ci]
        i = bisect_right(span_starts, pos) - 1
        if i < 0 or pos >= spans[i][1]:
            lines.add(line)
    return lines, looked


def launch_scan(
    data: bytes, text: Callable[[], str | None], words: SinkWords, sinks: Iterable[str]
) -> LaunchScan:
    """A file's `LaunchScan` from its bytes and (asked for only when it may launch) its decoded
    text (None: it cannot be decoded), as the analysis would scan it: without libcst, so a
    child forked before the analysis is imported can answer it."""
    return launch_scan_split(data, text, words, sinks)[0]


def launch_scan_split(
    data: bytes,
    text: Callable[[], str | None],
    words: SinkWords,
    sinks: Iterable[str],
    renames: SinkRenames | None = None,
) -> tuple[LaunchScan, Split | None]:
    """`launch_scan`, with the text's split (line starts, chunks) where the scan made it; with
    `renames`, a launch file's `LaunchScan.renamed` too."""
    if not may_launch(data, words):
        return LaunchScan(may=False), None
    decoded = text()
    pattern = launch_pattern(decoded, sinks) if decoded is not None else None
    if decoded is None or pattern is None:
        return LaunchScan(may=True, pattern=False), None
    split = Split(decoded)
    lines, looked = code_lines(decoded, split.starts, lambda: split.chunks, pattern)
    renamed = _sinks_renamed_contained(decoded, renames) if renames is not None and lines else None
    scan = LaunchScan(
        True, True, pattern.attributes, frozenset(lines), pattern.regex.pattern, renamed
    )
    return scan, split if looked else None


class SinkRenames(NamedTuple):
    """What `sinks_renamed` looks for: the sinks' last names and their dotted names."""

    names: Sequence[str]
    calls: frozenset[str]


def sink_renames(catalogue: Catalogue) -> SinkRenames:
    # (The code runners too: `run = exec` at a module's top level, called by other modules.)
    return SinkRenames(
        sorted({*(call.rsplit(".", 1)[1] for call in catalogue.sinks), *CODE_RUNNERS}),
        frozenset(catalogue.sinks),
    )


def sinks_renamed(text: str, renames: SinkRenames) -> tuple[str, ...]:
    """The names a module binds a sink to (`renamed_sinks`) and the sinks it re-exports
    (`reexported_sinks`), each once (`import pty as _pty` is found by both)."""
    names = [*renamed_sinks(text, renames.names), *reexported_sinks(text, renames.calls)]
    return tuple(dict.fromkeys(names))


def _sinks_renamed_contained(text: str, renames: SinkRenames) -> tuple[str, ...] | None:
    """`sinks_renamed` for a scan beside: None where it fails (the analysis, which then asks
    again itself, fails as it would have)."""
    try:
        return sinks_renamed(text, renames)
    except Exception:
        return None
