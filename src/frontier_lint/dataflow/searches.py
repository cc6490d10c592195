"""Searches of the whole project by name, and what a changed file can answer differently.

Most of what a file's results are resolved from is reached through imports, and the cache
records those files (`Entry.deps`): editing one re-analyses the files that read it. A few
answers come instead from scanning every file of the project for a name:

- the subclasses of a class, by name in class statements (`class Claude(Tool):`): an
  abstract method runs as each project subclass implements it, a class attribute may be
  overridden by one (`Analyzer.implementations`, `Hierarchy.overridden`);
- the classes and functions a registering decorator is applied to (`@register("codex")`):
  what a registry mapping holds (`Analyzer.registered`);
- the callers of a wrapper, found by its name and gate words (`Analysis.caller_candidates`),
  which also depend on other files: module-level instances of a class (`RUNNER = Runner()`),
  subclasses of a class, packages re-exporting a function, modules importing it.

Adding a match to a file that was already in the project changes such an answer without
changing any file the results were read from. So the searches are recorded with the results
(`Search`, kept with the file dependencies the resolver tracks), and a warm run drops the
cached results whose searches a changed file matches in its new bytes (`answers`), and looks
for a wrapper's callers again where a changed file can lead other files to it (`route_to`). A match that an
edit removes was read by the search, so the results already depend on its file.
"""

from __future__ import annotations

import ast
import enum
import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.frontend.project import Project
from frontier_lint.lazy_regex import lazy_compile

# `class Name(Bases...)` in source bytes (a literal prefix: fast; prose matches only add
# candidates, each checked).
_CLASS_STATEMENT = lazy_compile(rb"class[ \t]+(\w+)[ \t]*\(([^)]*)\)")
_WORD = lazy_compile(rb"\w+")
_DECORATED: dict[bytes, re.Pattern[bytes]] = {}
_HOLDER: dict[bytes, re.Pattern[bytes]] = {}
_SUBCLASS: dict[bytes, re.Pattern[bytes]] = {}

# Marks a search among the file paths of a dependency set: no path holds a NUL byte.
_MARK = "\0"


class SearchKind(enum.Enum):
    SUBCLASSES = "subclasses"  # classes naming the class as a base
    REGISTERED = "registered"  # definitions decorated with the registering function
    # Files defining every method named (comma-separated): a Protocol's structural implementers.
    DEFINES = "defines"
    # Calls of a registering function or method by text (`AgentFactory.register(`, name
    # `AgentFactory.register`; `register(`): the entries a registry mapping is given.
    CALLS = "calls"
    # Stores into a container by its word (`NAME[k] = v`, `X.NAME.update(...)`, `NAME |= ...`):
    # one the analysis does not evaluate leaves the container's entries open.
    STORES = "stores"
    # Calls of a method on a receiver other than its class (`factory.register(`, name
    # `Factory.register`) in files naming the class: a registrar's calls not all evaluated.
    RECEIVER_CALLS = "receiver_calls"
    # Stores of an attribute by its word from outside its definition (`config.CMD = ...`,
    # `Config.CMD = ...`, `c.bin = ...`, `setattr(X, "NAME", ...)`): the name's value is not
    # only its definition's.
    ATTR_STORES = "attr_stores"
    # The same stores where only a library callable stored by name can change what a read
    # gives (`client.run = subprocess.Popen`, `staticmethod(sp.run)`): the attribute holds a
    # library value (`self.run = subprocess.run`, `t.Any`), which a literal or an expression
    # stored from outside does not add to (`Analyzer.attr_stored_value`). An edit adding a
    # store of another value (`x: t.Any = {}` read by text) answers no such search.
    ATTR_SINK_STORES = "attr_sink_stores"
    # Items taken out of a container or moved by its word (`self.argv.pop(0)`, `del
    # ARGV[0]`, `X.reverse()`): a list's first word afterwards is not known.
    MOVES = "moves"

    # (Members are singletons: hashed by identity at C speed, not by `Enum.__hash__`'s Python
    # call on the member's name. Every run from the cache hashes each entry's searches, ~11 k
    # on an edit of the planted corpus.)
    __hash__ = object.__hash__


# A kind by its value, without `SearchKind(value)`'s call (a cache load makes every search of
# its table, ~1,500 on the planted corpus).
KINDS: dict[str, SearchKind] = {k.value: k for k in SearchKind}


@dataclass(frozen=True, slots=True)  # (slots: every file's outcome lists its searches)
class Search:
    """A question asked of the project's text: a name, by kind."""

    kind: SearchKind
    name: str

    @property
    def key(self) -> str:
        """How the search travels with the file paths the resolver tracks (`Analyzer.touch`)."""
        return f"{_MARK}{self.kind.value}{_MARK}{self.name}"

    @staticmethod
    def from_key(key: str) -> Search | None:
        """The search a tracked key stands for; None for a file path."""
        if not key.startswith(_MARK):
            return None
        kind, _, name = key[1:].partition(_MARK)
        return Search(SearchKind(kind), name)


def distinct(groups: Iterable[Iterable[Search]]) -> set[Search]:
    """The searches of `groups` (the entries' of a cache), each once. The entries loaded from
    one cache share the objects of its table of searches (`run.cache`): told apart by identity
    first, each distinct object is hashed once, not once per entry naming it."""
    return set({id(s): s for group in groups for s in group}.values())


def class_statements(data: bytes) -> Iterator[tuple[str, list[str]]]:
    """The class statements with bases in source bytes: (class name, words of its bases)."""
    for m in _CLASS_STATEMENT.finditer(data):
        yield m.group(1).decode(), [w.decode() for w in _WORD.findall(m.group(2))]


# `@name.chain` anywhere in source bytes: the decorators among them, and prose (a superset).
_AT_CHAIN = lazy_compile(rb"@([\w.]+)")
# Every `def name` (the lookahead lets a `def` inside a word matched before count too, as in
# `defining`'s search).
_DEF_NAME = lazy_compile(rb"def[ \t]+(?=(\w+))")


def decorator_words(data: bytes) -> set[bytes]:
    """The words of the dotted names after an `@` in source bytes: every `registrar` that
    `registrations` can find in them is one of these."""
    out: set[bytes] = set()
    if b"@" in data:
        for chain in _AT_CHAIN.findall(data):
            out.update(chain.split(b"."))
    out.discard(b"")
    return out


@dataclass(frozen=True)
class Names:
    """A set of names held as one `\n`-separated bytes string: a tenth of a `frozenset` of
    str's memory, for sets kept all run long and asked a few times."""

    joined: bytes

    def __contains__(self, name: str) -> bool:
        return b"\n" + _bytes(name) + b"\n" in self.joined


def defined_names(data: bytes) -> Names:
    """The names of the functions source bytes define (`def name`, by text): an ASCII
    identifier is among them exactly when `def[ \t]+name\b` matches (`hierarchy.defining`)."""
    return Names(b"\n" + b"\n".join(sorted(set(_DEF_NAME.findall(data)))) + b"\n")


def _around(
    cache: dict[bytes, re.Pattern[bytes]], name: bytes, head: bytes, tail: bytes
) -> re.Pattern[bytes]:
    """`head` + the name + `tail` as a multi-line pattern, compiled once per name."""
    pattern = cache.get(name)
    if pattern is None:
        pattern = cache[name] = re.compile(head + re.escape(name) + tail, re.M)
    return pattern


def registrations(registrar: bytes, data: bytes) -> Iterator[tuple[bool, str]]:
    """The definitions in source bytes decorated with `registrar` (`@register(...)`, also as
    `@module.register(...)` and under other decorators): (whether a class, name)."""
    if b"@" not in data or registrar not in data:
        return
    pattern = _around(
        _DECORATED,
        registrar,
        rb"^[ \t]*@(?:\w+\.)*",
        rb"\b[^\n]*\n(?:[ \t]*@[^\n]*\n)*[ \t]*(class|def|async[ \t]+def)[ \t]+(\w+)",
    )
    for m in pattern.finditer(data):
        yield m.group(1) == b"class", m.group(2).decode()


def answers(search: Search, data: bytes) -> bool:
    """Whether a file holding `data` is part of the answer to `search` (the same scan)."""
    if search.kind is SearchKind.SUBCLASSES:
        return _bytes(search.name) in data and any(
            search.name in bases for _, bases in class_statements(data)
        )
    if search.kind is SearchKind.DEFINES:
        return defines_all(search.name.split(","), data)
    if search.kind is SearchKind.CALLS:
        return any(True for _ in calls_of(search.name, data))
    if search.kind is SearchKind.STORES:
        return any(True for _ in stores_of(search.name, data))
    if search.kind is SearchKind.ATTR_STORES:
        return holds_attr_store(search.name, data)
    if search.kind is SearchKind.ATTR_SINK_STORES:
        return stores_named_value(search.name, data)
    if search.kind is SearchKind.MOVES:
        return any(True for _ in moves_of(search.name, data))
    if search.kind is SearchKind.RECEIVER_CALLS:
        return any(True for _ in calls_on_instances(search.name, data))
    return any(True for _ in registrations(_bytes(search.name), data))


_DEFINES: dict[bytes, re.Pattern[bytes]] = {}
# (Led by the keyword, not `^`: matched at line starts by `_line_led`.)
_TOP_CLASS = lazy_compile(rb"class[ \t]+(\w+)")


def defines_all(methods: list[str], data: bytes) -> bool:
    """Whether source bytes define a function of each name (`def exec(`, `async def exec(`)."""
    for name in methods:
        if _around(_DEFINES, _bytes(name), rb"def[ \t]+", rb"\b").search(data) is None:
            return False
    return True


_CALLS: dict[bytes, re.Pattern[bytes]] = {}
_DEF_AT = lazy_compile(rb"([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)|([ \t]*)class[ \t]+(\w+)")


def calls_of(name: str, data: bytes) -> Iterator[int]:
    """Offsets of the calls in source bytes of `name` (`Owner.method`, or `func` also as
    `module.func`), not preceded by another dotted part for a method, nor a definition or a
    decorator line (text: prose matches only add candidates, each evaluated)."""
    dotted = _bytes(name)
    if dotted.rpartition(b".")[2] not in data:
        return
    head = rb"(?<![\w.])" if b"." in dotted else rb"(?<![\w])(?:\w+\.)*"
    pattern = _around(_CALLS, dotted, head, rb"[ \t]*\(")
    # The pattern is tried only where a match can start: at each occurrence of the name (found
    # in C), or at the start of the dotted name it ends (`pkg.mod.func(`, walked back over
    # `word.` parts); a start inside the previous match is passed over, as `finditer` resumes
    # at its end: the same matches. Searched for, its lookbehind start made `re` try every
    # position of the file (0.14 -> 0.05 s for django's registrar's callers on the corpus).
    plain = b"." not in dotted
    end = 0
    at = data.find(dotted)
    while at >= 0:
        start = _dotted_start(data, at) if plain else at
        if start >= end:
            m = pattern.match(data, start)
            if m is not None:
                end = m.end()
                line = data.rfind(b"\n", 0, m.start()) + 1
                text = data[line : m.start()].lstrip()
                if not text.startswith((b"def ", b"async ", b"@")):
                    yield m.start()
        at = data.find(dotted, at + 1)


def _dotted_start(data: bytes, at: int) -> int:
    r"""Where the dotted name `(?:\w+\.)*` ending at offset `at` of source bytes starts (each
    part a whole word: the first is not preceded by a word byte)."""
    while at >= 2 and data[at - 1] == 0x2E and data[at - 2] in _ASCII_WORD:
        at -= 2
        while at > 0 and data[at - 1] in _ASCII_WORD:
            at -= 1
    return at


# The bytes `\w` matches in a bytes pattern (ASCII only).
_ASCII_WORD = frozenset(b"_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


class StoreForm(enum.Enum):
    """How a statement stores into a container (`stores_of`)."""

    KEYED = "X[k] = v"
    UPDATE = "X.update()"
    SETDEFAULT = "X.setdefault()"
    APPEND = "X.append()"
    EXTEND = "X.extend()"
    INSERT = "X.insert()"
    ADD = "X.add()"
    AUGMENTED = "X |= / X +="
    # Taking items out or moving them (`moves_of`, indexed apart: `moved_words`).
    POP = "X.pop()"
    REMOVE = "X.remove()"
    CLEAR = "X.clear()"
    REVERSE = "X.reverse()"
    SORT = "X.sort()"
    DELETE = "del X[k]"
    # A list held in it, taken from or moved (`CMDS["a"].pop(0)`): its items' first words.
    ITEM_MOVED = "X[k].pop(i)"
    # Handed to a function changing what it is handed (`shift(self.argv)`, `inplace`).
    HANDED = "f(X)"


_MOVING = (StoreForm.POP, StoreForm.REMOVE, StoreForm.CLEAR, StoreForm.REVERSE, StoreForm.SORT)
_MOVERS = {f.name.lower().encode(): f for f in _MOVING}
_MUTATORS = {
    f.name.lower().encode(): f for f in StoreForm if f.value.endswith("()") and f not in _MOVING
}
# The anchors of the stores `stored_words` indexes: literal starts, searched in C (a pattern
# starting with the word, `(\w+)\.append\(`, tried every position: 4 s on the corpus).
_KEYED_END = lazy_compile(rb"\][ \t]*=(?!=)")
_SUBSCRIBED = lazy_compile(rb"(\w+)[ \t]*\[")
_MUTATOR_CALL = lazy_compile(rb"\.[ \t]*(?:" + b"|".join(_MUTATORS) + rb")[ \t]*\(")
# (Two literal patterns: the class `[|+]=` was searched position by position, 0.5 s.)
_AUGMENTED = (re.compile(rb"\|="), re.compile(rb"\+="))
_WORD_BYTES = frozenset(
    b"_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
) | frozenset(range(0x80, 0x100))
_STORES: dict[bytes, re.Pattern[bytes]] = {}
# A store into a container (`stores_of`): the dotted prefix, the word, the form.
_STORE_HEAD = rb"(?<![\w.])((?:\w+[ \t]*\.[ \t]*)*)"
_STORE_TAIL = (
    rb"[ \t]*(?:(\[[^\n]*\][ \t]*=(?!=))|\.[ \t]*(" + b"|".join(_MUTATORS) + rb")[ \t]*\(|([|+]=))"
)
# The same with any word (group 2) in the word's place: one pattern for all words.
_STORE_ANY = lazy_compile(_STORE_HEAD + rb"(\w+)" + _STORE_TAIL)
_ALL_WORD = lazy_compile(rb"\w+")


def _word_before(data: bytes, end: int) -> bytes:
    """The identifier ending at offset `end` (after blanks), b"" if none."""
    while end > 0 and data[end - 1] in b" \t":
        end -= 1
    start = end
    while start > 0 and data[start - 1] in _WORD_BYTES:
        start -= 1
    return data[start:end]


def stored_words(data: bytes) -> set[bytes]:
    """The words of source bytes that may name a container stored into (`stores_of`): a
    superset (every word subscripted on the left of an `=`, the receiver of a mutating call,
    the target of `|=`/`+=`), for the project's index (`Hierarchy.container_stores`)."""
    out: set[bytes] = set()
    # (The bare words stored into, `reg[k] = v`, `reg.append(x)`, with where: each may be a name
    # bound to a container, below.)
    bare: list[tuple[int, bytes]] = []
    # The words subscripted before the last `] =` of each line (one search a line: searched
    # before each, a long line of stores was quadratic).
    ends: dict[int, int] = {}
    for m in _KEYED_END.finditer(data):
        ends[data.rfind(b"\n", 0, m.start()) + 1] = m.start()
    for start, end in ends.items():
        for w in _SUBSCRIBED.finditer(data, start, end):
            out.add(w.group(1))
            if w.start() == start or data[w.start() - 1] != 0x2E:
                bare.append((w.start(), w.group(1)))
    for m in _MUTATOR_CALL.finditer(data):
        word = _word_before(data, m.start())
        out.add(word)
        at = m.start() - len(word)
        if word and (at == 0 or data[at - 1] != 0x2E):
            bare.append((at, word))
    for augmented in _AUGMENTED:
        for m in augmented.finditer(data):
            out.add(_word_before(data, m.start()))
    out.discard(b"")
    out.update(_bound_words(data, bare))
    return out


def _bound_words(data: bytes, bare: list[tuple[int, bytes]]) -> Iterator[bytes]:
    """Of the bare words stored into (`bare`: offset, word), the words they are bound to in
    the function holding the store, before it (`reg = Owner._registry`, then `reg[k] = v`):
    the store is into that container too (`stores_of`, `moves_of`), so the file is listed
    under its word. (Searched back from each word's last store to the nearest `def ` before
    it, in C, once per word and function: a pattern tried at each line's start, or at each
    `=`, doubled or tripled this scan's time.)"""
    last: dict[tuple[bytes, int], int] = {}
    low = scanned = 0
    for at, word in sorted(bare):
        found = data.rfind(b"def ", scanned, at)
        if found >= 0:
            low = found
        scanned = max(scanned, at)
        last[(word, low)] = at
    for (word, low), at in last.items():
        for sep in (b" =", b"="):
            got = data.rfind(word + sep, low, at)
            while got >= 0:
                if got == 0 or (data[got - 1] not in _WORD_BYTES and data[got - 1] != 0x2E):
                    bound = _ALIAS_BINDING.match(data, got + len(word))
                    if bound is not None:
                        yield bound.group(1)
                got = data.rfind(word + sep, low, got)


# What follows a name bound to a plain name or an attribute (` = a.b.word` ending its line):
# the binding a container may be stored into through (`stored_words`, `stores_of`).
_ALIAS_BINDING = lazy_compile(
    rb"[ \t]*+=[ \t]*+(?:\w++[ \t]*+\.[ \t]*+)*+(\w++)[ \t]*+(?:#[^\n]*+)?\r?(?=\n|\Z)"
)
_ALIASES: dict[bytes, re.Pattern[bytes]] = {}
# A plain name bound to the word (`reg = config.REGISTRY`, the word ending the line): the name
# (group 1) and the dotted prefix (group 2); the same with any word (group 3) in its place.
_ALIAS_HEAD = rb"(?<![\w.])(\w+)[ \t]*(?::[^=\n]*)?=[ \t]*((?:\w+[ \t]*\.[ \t]*)*)"
_ALIAS_TAIL = rb"[ \t]*(?:#[^\n]*)?\r?$"
_ALIAS_ANY = lazy_compile(_ALIAS_HEAD + rb"(\w+)" + _ALIAS_TAIL, re.M)


# Taking items out of a container or moving them: the anchors of the words `moved_words`
# indexes (literal starts, searched in C), and one word's (`moves_of`): the dotted prefix
# (group 1), then the method (group 2) or, for `del X[k]`, none.
_MOVER_CALL = lazy_compile(rb"\.[ \t]*(?:" + b"|".join(_MOVERS) + rb")[ \t]*\(")
_DEL_ITEM = lazy_compile(rb"del[ \t]+(?:\w+[ \t]*\.[ \t]*)*(\w+)[ \t]*\[")
_MOVES: dict[bytes, re.Pattern[bytes]] = {}
_MOVES_TAIL = (
    rb"[ \t]*(?:\.[ \t]*("
    + b"|".join(_MOVERS)
    + rb")[ \t]*\(|(?:\[[^\]\n]*\][ \t]*)+\.[ \t]*("
    + b"|".join(_MOVERS)
    + rb")[ \t]*\(|\[)"
)
_MOVES_HEAD = rb"(?<![\w.])(?:del[ \t]+)?((?:\w+[ \t]*\.[ \t]*)*)"


def moved_words(data: bytes) -> set[bytes]:
    """The words of source bytes that may name a container items are taken out of or moved in
    (`X.pop(`, `X.remove(`, `X.clear(`, `X.reverse(`, `X.sort(`, `del X[`): a superset, for the
    project's index (`Hierarchy.moves`). Apart from `stored_words`: a mapping's readers never
    ask for these (taking entries out adds none), only a list's."""
    out: set[bytes] = set()
    # (The bare words, with where: each may be a name bound to a container, `_bound_words`.)
    bare: list[tuple[int, bytes]] = []
    for m in _MOVER_CALL.finditer(data):
        end = _before_items(data, m.start())
        word = _word_before(data, end)
        out.add(word)
        at = end - len(word)
        if word and (at == 0 or data[at - 1] != 0x2E):
            bare.append((at, word))
    if b"del" in data:
        for m in _DEL_ITEM.finditer(data):
            out.add(m.group(1))
            if m.group(0).count(b".") == 0:
                bare.append((m.start(1), m.group(1)))
    out.discard(b"")
    out.update(_bound_words(data, bare))
    return out


def _before_items(data: bytes, end: int) -> int:
    """Where the subscripts ending at offset `end` of source bytes start (`CMDS["a"]` of
    `CMDS["a"].pop(`: the offset after `CMDS`), after blanks; `end` where none ends there.
    Within the line (a subscript holding no `[` or `]` of its own)."""
    at = end
    while True:
        back = at
        while back > 0 and data[back - 1] in b" \t":
            back -= 1
        if back == 0 or data[back - 1] != 0x5D:  # `]`
            return at
        line = data.rfind(b"\n", 0, back) + 1
        opening = data.rfind(b"[", line, back - 1)
        if opening < 0 or b"]" in data[opening + 1 : back - 1]:
            return at
        at = opening


def moves_of(name: str, data: bytes) -> Iterator[tuple[int, bytes, StoreForm, bool]]:
    """The statements of source bytes taking items out of a container `name` or moving them
    (reached by that name or as an attribute, `self.NAME.pop(0)`, `del mod.NAME[0]`): (offset,
    the dotted prefix before the name, the form, whether through a plain name bound to it).
    By text: prose only adds candidates (a subscript not after `del` is not one)."""
    word = _bytes(name)
    if word not in data:
        return
    for at, prefix, form in _direct_moves(word, data):
        yield at, prefix, form, False
    # Through a plain name bound to it in the same function (`a = self.argv`, `a.pop(0)`): as
    # through the bound expression's prefix (`self.`), as `_aliased_stores` reads stores.
    for local, scope, prefix, _ in _aliases_of(word, data):
        for at, dotted, form in _direct_moves(local, data):
            if not dotted and enclosing_top(data, at) == scope:
                yield at, prefix, form, True


def _direct_moves(word: bytes, data: bytes) -> Iterator[tuple[int, bytes, StoreForm]]:
    """`moves_of`'s statements reached by the word itself."""
    if word not in data:
        return
    pattern = _around(_MOVES, word, _MOVES_HEAD, _MOVES_TAIL)
    for m, _ in _in_lines(pattern, word, data):
        if m.group(2):
            form = _MOVERS[m.group(2)]
        elif m.group(3):
            form = StoreForm.ITEM_MOVED
        elif data.startswith(b"del", m.start()):
            form = StoreForm.DELETE
        else:
            continue
        yield m.start(), re.sub(rb"[ \t]", b"", m.group(1)), form


def stores_of(name: str, data: bytes) -> Iterator[tuple[int, bytes, StoreForm, bool, bool]]:
    """The statements of source bytes storing into a container `name` (reached by that name
    or as an attribute, `cls.NAME`, `mod.NAME`, or through a plain name bound to it in the
    same function, `reg = NAME`): (offset, the dotted prefix before the name, b"" for none,
    the form, whether the store starts its line, whether through such a bound name). By
    text, anywhere on a line holding the word (`x = 1; REG[k] = v`, `if f: REG.append(v)`);
    prose only adds candidates (one not starting its line is checked on the line's tree:
    `stores_on_line`)."""
    word = _bytes(name)
    if word not in data:
        return
    for at, prefix, form, at_start in _direct_stores(word, data):
        yield at, prefix, form, at_start, False
    for at, prefix, form, _ in _aliased_stores(word, data):
        yield at, prefix, form, True, True


def _direct_stores(word: bytes, data: bytes) -> Iterator[tuple[int, bytes, StoreForm, bool]]:
    """`stores_of`'s stores reached by the word itself."""
    # Each line holding the word (found in C) is searched, not the whole file: a store need not
    # start its line (`x = 1; config.CMD = ...`).
    found = _searched(
        _STORE_ANY, 2, word, data, lambda: _around(_STORES, word, _STORE_HEAD, _STORE_TAIL)
    )
    for m, line in found:
        prefix = re.sub(rb"[ \t]", b"", m.group(1))
        # (Groups by the pattern that matched: a long line is searched with the word's own. By
        # its text: `m.re` is the compiled pattern, `_STORE_ANY` the lazy one.)
        keyed, mutator = (3, 4) if m.re.pattern == _STORE_ANY.pattern else (2, 3)
        if m.group(keyed):
            form = StoreForm.KEYED
        elif m.group(mutator):
            form = _MUTATORS[m.group(mutator)]
        else:
            form = StoreForm.AUGMENTED
        yield m.start(), prefix, form, not data[line : m.start()].strip()


def _aliased_stores(word: bytes, data: bytes) -> Iterator[tuple[int, bytes, StoreForm, bool]]:
    """The stores into container `word` through a plain name bound to it in the same function
    (`reg = config.REGISTRY` then `reg[k] = v`, `reg.update(...)`): each as a store through
    the bound expression's prefix (`config.`), starting its line (fail closed: not checked on
    the line's tree)."""
    for local, scope, prefix, bound_at in _aliases_of(word, data):
        for at, dotted, form, _ in _direct_stores(local, data):
            if dotted or at == bound_at:
                continue  # (`x.reg[k]`: another container; the binding itself)
            if enclosing_top(data, at) == scope:
                yield at, prefix, form, True


def _aliases_of(word: bytes, data: bytes) -> Iterator[tuple[bytes, str, bytes, int]]:
    """The plain names source bytes bind to container `word` (`reg = config.REGISTRY`, `a =
    self.argv`): (the name, the module-level `def` or `class` holding the binding, the bound
    expression's dotted prefix, `config.`, the binding's offset). A store or move through the
    name in that same scope is one through the prefix (`_aliased_stores`, `moves_of`). (Paired
    by the module-level scope holding both: walking back to the function, `enclosing_def`, for
    each store was quadratic in a long one.)"""
    found = _searched(
        _ALIAS_ANY, 3, word, data, lambda: _around(_ALIASES, word, _ALIAS_HEAD, _ALIAS_TAIL)
    )
    for m, _ in found:
        local = m.group(1)
        if local != word:
            yield (
                local,
                enclosing_top(data, m.start()),
                re.sub(rb"[ \t]", b"", m.group(2)),
                m.start(),
            )


# How far a tuple target may go on after an attribute it holds (`config.CMD, x = ...`): searched
# to the line's `=` from each attribute, a long line naming many was quadratic. A tuple target
# longer than this is not seen (README "Limits").
MAX_TARGET = 400
# An attribute stored through a receiver (`config.CMD = `, `c.bin += `, `cls.BIN = ` in a
# classmethod, `type(self).BIN = `): the index's words (`attr_stored_words`). Not `self.` (a
# class's own methods: its summaries read those). Anchored on the literal dot, lookbehind after
# it, `=` and `+=` only (a pattern starting with a lookbehind is tried position by position,
# 3.3 s on the corpus; the other augmented operators as a class after the name doubled this
# one's ~0.25 s; `|=` on a mapping is a container's store, `stored_words`). The name and the
# blanks after it are possessive: a dot not starting a store (`.append(`, `.path.`) fails once,
# where the name given back a character at a time failed once per character (0.25 -> 0.12 s a
# pass over the corpus, the same words: a shorter name is followed by a word byte, which no
# store is).
_ATTR_STORED = lazy_compile(
    rb"\.(?<!\bself\.)(\w++)[ \t]*+(?:[,)\]][^\n=]{0,%d}+)?[+%%*]?=(?!=)" % MAX_TARGET
)
# `\bsetattr` as a literal start and a lookbehind after it (a pattern starting with `\b` is
# tried at every position of a file naming `setattr`: 0.13 -> 0.05 s a pass over the corpus).
# (`object.__setattr__(self, "name", v)` too: a frozen dataclass's `__post_init__` sets so.)
# (The receiver may be `sys.modules[__name__]`: this module, as `globals()` below.)
_SETATTR = lazy_compile(
    rb"(?:setattr(?<!\wsetattr)|__setattr__)[ \t]*\([ \t]*[\w.]+(?:\[[ \t]*__name__[ \t]*\])?"
    rb"[ \t]*,[ \t]*[\"'](\w+)[\"']"
)
# A store by a literal key into an object's attribute mapping (`t.__dict__["bin"] = v`,
# `vars(t)["bin"] = v`) or into this module's names (`globals()["BIN"] = v`): an attribute
# store as `setattr(t, "bin", v)` is (`item_sets`). Anchored on the literal `[`; what stands
# before it is read by hand.
_KEY_SET = lazy_compile(rb"\[[ \t]*[\"'](\w+)[\"'][ \t]*\][ \t]*=(?!=)")
_DICT_OF = lazy_compile(rb"(?<![\w.])([\w.]+)[ \t]*\.[ \t]*__dict__[ \t]*$")
_VARS_OF = lazy_compile(rb"(?<![\w.])vars[ \t]*\([ \t]*([\w.]+)[ \t]*\)[ \t]*$")
_GLOBALS_OF = lazy_compile(rb"(?<![\w.])globals[ \t]*\([ \t]*\)[ \t]*$")
# The receiver of a store into this module's names (`globals()[...]`, `setattr(sys.modules[
# __name__], ...)`): the module reading the name is the store's own.
MODULE_ITSELF = b"globals()."
_THIS_MODULE = lazy_compile(rb"sys[ \t]*\.[ \t]*modules[ \t]*\[[ \t]*__name__[ \t]*\]")


def item_sets(data: bytes) -> Iterator[tuple[int, bytes, bytes]]:
    """The stores by a literal key into an attribute mapping in source bytes (`_KEY_SET`):
    (the offset of the receiver, its prefix with a final dot, `t.`, or `MODULE_ITSELF`, the
    key). By text (each checked on the line's tree, `attr_store_exprs`)."""
    if b"__dict__" not in data and b"vars(" not in data and b"globals(" not in data:
        return  # (`vars (t)` with a blank is not looked for)
    for m in _KEY_SET.finditer(data):
        line = data.rfind(b"\n", 0, m.start()) + 1
        head = data[line : m.start()]
        if not head.endswith((b"__dict__", b")", b" ", b"\t")):
            continue
        for pattern in (_DICT_OF, _VARS_OF):
            got = pattern.search(head)
            if got is not None:
                yield line + got.start(), got.group(1) + b".", m.group(1)
                break
        else:
            got = _GLOBALS_OF.search(head)
            if got is not None:
                yield line + got.start(), MODULE_ITSELF, m.group(1)


_ATTR_STORES: dict[bytes, re.Pattern[bytes]] = {}
# A store of an attribute through a receiver (`attr_stores_of`): the receiver (a dotted prefix,
# group 1, or `type(word).`, group 2), the word, then an `=`; or a `setattr` (its receiver,
# group 3) naming the word in quotes.
_ATTR_STORE_HEAD = (
    rb"(?<![\w.])(?:((?:\w+[ \t]*(?:\([^()\n]*\)[ \t]*)?\.[ \t]*)+)"
    rb"|type[ \t]*\([ \t]*(\w+)[ \t]*\)[ \t]*\.[ \t]*)"
)
# (A tuple target, `config.CMD, x = ...`, is searched to its `=` at most MAX_TARGET bytes on.)
_ATTR_STORE_TAIL = rb"[ \t]*(?::[^\n=]*|[,)\]][^\n=]{0,%d}+)?[+%%*]?=(?!=)" % MAX_TARGET
_SETATTR_HEAD = (
    rb"|(?<![\w.])(?:object[ \t]*\.[ \t]*__setattr__|setattr)"
    rb"[ \t]*\([ \t]*([\w.]+(?:\[[ \t]*__name__[ \t]*\])?)[ \t]*,[ \t]*[\"']"
)
_SETATTR_TAIL = rb"[\"']"
# The same with any word in the word's places (groups 3 and 5; the receiver of a `setattr`
# then group 4): one pattern for all words.
_ATTR_STORE_ANY = lazy_compile(
    _ATTR_STORE_HEAD + rb"(\w+)" + _ATTR_STORE_TAIL + _SETATTR_HEAD + rb"(\w+)" + _SETATTR_TAIL
)


def attr_stored_words(data: bytes) -> set[bytes]:
    """The words of source bytes that may name an attribute stored from outside its class or
    module (`attr_stores_of`): a superset, for the project's index (`Hierarchy.attr_stores`)."""
    out = set(_ATTR_STORED.findall(data))
    if b"setattr" in data:
        out.update(_SETATTR.findall(data))
    out.update(key for _, _, key in item_sets(data))
    return out


def attr_stores_of(name: str, data: bytes) -> Iterator[tuple[int, bytes, bool]]:
    """The statements of source bytes storing attribute `name` through a receiver
    (`X.NAME = v`, `a.b.NAME += v`, `setattr(X, "NAME", v)`, `cls.NAME = v`): (offset, the
    receiver as its dotted prefix with the final dot, `config.`; whether a `setattr`). A
    class reached through an instance is `cls.` for `self`'s (`type(self).NAME = v`,
    `self.__class__.NAME = v`), `x.__class__.` for another's. By text, anywhere on a line
    holding the word (`x = 1; config.CMD = v`, `a = config.CMD = v`, `if f: config.CMD = v`);
    prose only adds candidates (each checked on the line's tree where it parses,
    `attr_store_exprs`)."""
    word = _bytes(name)
    if word not in data:
        return

    def own() -> re.Pattern[bytes]:
        return _around(
            _ATTR_STORES,
            word,
            _ATTR_STORE_HEAD,
            _ATTR_STORE_TAIL + _SETATTR_HEAD + re.escape(word) + _SETATTR_TAIL,
        )

    found = _searched(_ATTR_STORE_ANY, (3, 5), word, data, own)
    for m, _ in found:
        # (Groups by the pattern that matched, by its text as above.)
        by_setattr = 4 if m.re.pattern == _ATTR_STORE_ANY.pattern else 3
        if m.group(by_setattr) is not None:
            receiver = m.group(by_setattr)
            if b"[" in receiver:
                yield m.start(), MODULE_ITSELF, True  # (`sys.modules[__name__]`)
            else:
                yield m.start(), receiver + b".", True
        elif m.group(2) is not None:
            yield m.start(), _class_of(m.group(2)), False
        else:
            prefix = re.sub(rb"[ \t]", b"", m.group(1))
            of_type = _TYPE_OF.fullmatch(prefix)
            if of_type is not None:
                # (`type(self).` as the first alternative matches it: a call's result.)
                yield m.start(), _class_of(of_type.group(1)), False
                continue
            # (A call's result as `f().`, whatever its arguments: `get_config().CMD = v`.)
            yield m.start(), _receiver(_CALL_ARGS.sub(b"()", prefix)), False
    for at, prefix, key in item_sets(data):
        if key == word:
            yield at, prefix, True


_CLASS_ATTR = b"__class__."
_CALL_ARGS = lazy_compile(rb"\([^()]*\)")
_TYPE_OF = lazy_compile(rb"type\((\w+)\)\.")


def _class_of(word: bytes) -> bytes:
    """The receiver prefix of a store on `type(word)`: `cls.` for the method's own receiver."""
    return b"cls." if word in (b"self", b"cls") else word + b"." + _CLASS_ATTR


def _receiver(prefix: bytes) -> bytes:
    """A store's dotted prefix, `self.__class__.` (the receiver's class) as `cls.`."""
    if prefix.endswith(b"." + _CLASS_ATTR):
        owner = prefix[: -len(_CLASS_ATTR) - 1]
        if owner in (b"self", b"cls"):
            return b"cls."
    return prefix


def _in_lines(
    pattern: re.Pattern[bytes], word: bytes, data: bytes
) -> Iterator[tuple[re.Match[bytes], int]]:
    """`pattern` (one line long) searched in each line of `data` holding `word` (found in C),
    with the offset of the line's start: a store need not start its line."""
    at = data.find(word)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        for m in pattern.finditer(data, start, end):
            yield m, start
        at = data.find(word, end)


def _searched(
    pattern: re.Pattern[bytes],
    groups: int | tuple[int, ...],
    word: bytes,
    data: bytes,
    own: Callable[[], re.Pattern[bytes]],
) -> Iterator[tuple[re.Match[bytes], int]]:
    r"""The matches of the word's own pattern (`own()`) in the lines of `data` holding it:
    through `pattern`, the same with any word in its place, for a word of `\w` bytes
    (`_word_in_lines`); else with its own pattern."""
    if _ALL_WORD.fullmatch(word):
        return _word_in_lines(pattern, groups, word, data, own)
    return _in_lines(own(), word, data)


# Lines longer than this are searched with the word's own pattern: the general one, searched
# again from one past each start with another word, could take time quadratic in the line's
# length (a 40,000-byte line of `a.b: c.d: ...`: 1.2 s, against 4 ms).
_LONG_LINE = 1000


def _word_in_lines(
    pattern: re.Pattern[bytes],
    groups: int | tuple[int, ...],
    word: bytes,
    data: bytes,
    own: Callable[[], re.Pattern[bytes]],
) -> Iterator[tuple[re.Match[bytes], int]]:
    r"""`_in_lines` of the pattern holding `word` (all `\w`), from `pattern`, the same with any
    word in its place (`groups`: where it is captured, by alternative): a pattern compiled once
    for all words, not one per word (a quarter of the run's compiles on the launch-dense
    project).

    The same matches: where a match starts fixes its alternative and where its word lies
    (the word is a whole word between a dot or a quote and what the pattern requires next,
    none of which continues the dotted prefix), so the word's pattern matches at a start
    exactly where the general one does with `word` as its word, with the same end; the next
    of its matches is the general one's leftmost with that word, searched for from one past
    each start with another (its own matches never overlap: each search resumes at an end)."""
    wanted = (groups,) if isinstance(groups, int) else groups
    at = data.find(word)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        if end - start > _LONG_LINE:
            for own_match in own().finditer(data, start, end):
                yield own_match, start
            at = data.find(word, end)
            continue
        pos = start
        while (m := pattern.search(data, pos, end)) is not None:
            if any(m.group(g) == word for g in wanted):
                yield m, start
                pos = m.end()
            else:
                pos = m.start() + 1
        at = data.find(word, end)


def _at_line_starts(
    pattern: re.Pattern[bytes], word: bytes, data: bytes
) -> Iterator[re.Match[bytes]]:
    """`pattern` (one line long) matched at the start of each line of `data` holding `word`: the
    lines found in C, not a pattern starting with `^` tried at every position of the file."""
    line = -1
    at = data.find(word)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        if start != line:
            line = start
            m = pattern.match(data, start)
            if m is not None:
                yield m
        at = data.find(word, at + len(word))


# Lines a statement found by text may continue over (`config.CMD = (` then `"codex")`): past
# them, its value is not read (unknown, naming the store).
MAX_CONTINUED = 20


def line_statements(data: bytes, at: int) -> list[ast.stmt] | None:
    """CPython's tree of the statement(s) on the line of source bytes holding offset `at`:
    the line, continued over the next ones while it does not parse (an open bracket), or the
    statements after a block header's colon on it (`else: config.CMD = v`). None where none
    of these parses (prose in a string, a line too long continued)."""
    start = data.rfind(b"\n", 0, at) + 1
    first = data.find(b"\n", at)
    first = len(data) if first < 0 else first
    head = data[start:at]
    # (The colons before the store on its line: a block header's may end at any of them.)
    colons = [m.start() for m in re.finditer(rb":", head)]
    end = first
    for _ in range(MAX_CONTINUED):
        text = data[start:end]
        for cut in (0, *(c + 1 for c in colons)):
            got = _parse(text[cut:])
            if got is not None:
                return got
        if end >= len(data):
            break
        nxt = data.find(b"\n", end + 1)
        end = len(data) if nxt < 0 else nxt
    # A line inside a bracket opened on an earlier line (`f(a, x.cmd), key=v`, a call's
    # arguments continued): the statement the whole file's tree puts it in.
    return _statement_at(data, data.count(b"\n", 0, at) + 1)


def _statement_at(data: bytes, line: int) -> list[ast.stmt] | None:
    """The innermost simple statement of the file's tree spanning 1-based `line`; None where
    the line is a compound statement's header (`for x.cmd in ...`, `with f(...) as x.cmd`: not
    read here, so unknown, as before), or the file does not parse."""
    tree = _file_tree(data)
    if tree is None:
        return None
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        st = todo.pop()
        if not st.lineno <= line <= (st.end_lineno or st.lineno):
            continue
        inner: list[ast.stmt] = []
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            for x in getattr(st, field, None) or ():
                inner.extend([x] if isinstance(x, ast.stmt) else getattr(x, "body", []))
        if not inner:
            return [st]
        if not any(c.lineno <= line <= (c.end_lineno or c.lineno) for c in inner):
            return None
        todo = inner
    return None


def calls_at_line(data: bytes, line: int) -> list[ast.Call] | None:
    """The calls of the file's tree with an argument on 1-based `line` (a line no statement
    parses alone: a compound statement's header continued, `if (x and\n len(a)):`); None
    where the file does not parse."""
    tree = _file_tree(data)
    if tree is None:
        return None
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and any(
            a.lineno <= line <= (a.end_lineno or a.lineno)
            for a in (*n.args, *(k.value for k in n.keywords))
        )
    ]


@functools.lru_cache(maxsize=1)
def _file_tree(data: bytes) -> ast.Module | None:
    """A file's CPython tree, for the few stores whose line does not parse alone (the last
    file's only: the stores of one name are looked at file by file; eight kept cost the
    corpus's peak 10 MB)."""
    try:
        return ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _parse(text: bytes) -> list[ast.stmt] | None:
    try:
        return ast.parse(text.decode("utf-8", "replace").strip()).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _dotted(node: ast.expr) -> str | None:
    """An expression's receiver text as `attr_stores_of` gives it (without the final dot):
    `config`, `app.config`, `cls` for `type(self)` and `self.__class__`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call) and not (
        isinstance(node.func, ast.Name) and node.func.id == "type"
    ):
        # (A call's result, `get_config().CMD = v`, as `attr_stores_of` gives it: `f()`.)
        called = _dotted(node.func)
        return None if called is None else f"{called}()"
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        if inner is None:
            return None
        if node.attr == "__class__" and inner in ("self", "cls"):
            return "cls"
        return f"{inner}.{node.attr}"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "type"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
    ):
        word = node.args[0].id
        return "cls" if word in ("self", "cls") else f"{word}.__class__"
    return None


def attr_store_exprs(
    stmts: list[ast.stmt], name: str, prefix: str, by_setattr: bool
) -> list[ast.expr | None]:
    """The values the statements of a line store in attribute `name` of the receiver `prefix`
    (`attr_stores_of`'s, with its final dot): each assigned expression, None for one not read
    here (an augmented assignment, a `setattr` with other arguments); empty where the line
    holds no such store (a comparison, a slice, prose)."""
    receiver = prefix[:-1]
    out: list[ast.expr | None] = []
    targets: list[ast.expr]
    value: ast.expr | None
    for stmt in stmts:
        for node in ast.walk(stmt):
            if by_setattr:
                if isinstance(node, ast.Assign):
                    # (`t.__dict__["NAME"] = v`, `vars(t)[...]`, `globals()[...]`.)
                    if any(_item_set_receiver(t, name) == receiver for t in node.targets):
                        out.append(node.value)
                elif (
                    isinstance(node, ast.Call)
                    and _is_setattr(node.func)
                    and len(node.args) >= 2
                    and _store_receiver(node.args[0]) == receiver
                    and isinstance(node.args[1], ast.Constant)
                    and node.args[1].value == name
                ):
                    plain = len(node.args) == 3 and not node.keywords
                    plain = plain and not isinstance(node.args[2], ast.Starred)
                    out.append(node.args[2] if plain else None)
                continue
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            elif isinstance(node, ast.AugAssign):
                targets, value = [node.target], None
            else:
                continue
            for t in targets:
                _target_values(t, value, name, receiver, out)
    return out


def _store_receiver(node: ast.expr) -> str | None:
    """A `setattr`'s receiver as `attr_stores_of` gives it: `_dotted`, and this module's
    `sys.modules[__name__]` as `globals()`."""
    if isinstance(node, ast.Subscript) and _THIS_MODULE.fullmatch(ast.unparse(node).encode()):
        return MODULE_ITSELF[:-1].decode()
    return _dotted(node)


def _item_set_receiver(target: ast.expr, name: str) -> str | None:
    """The receiver of a store into its attribute mapping by key `name` (`t.__dict__["name"]`,
    `vars(t)["name"]`: `t`; `globals()["name"]`: `globals()`), as `item_sets` gives it;
    None for another target."""
    if not (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and target.slice.value == name
    ):
        return None
    held = target.value
    if isinstance(held, ast.Attribute) and held.attr == "__dict__":
        return _dotted(held.value)
    if isinstance(held, ast.Call) and isinstance(held.func, ast.Name) and not held.keywords:
        if held.func.id == "vars" and len(held.args) == 1:
            return _dotted(held.args[0])
        if held.func.id == "globals" and not held.args:
            return MODULE_ITSELF[:-1].decode()
    return None


def _is_setattr(func: ast.expr) -> bool:
    """`setattr`, or `object.__setattr__` (a frozen dataclass's `__post_init__` sets so)."""
    if isinstance(func, ast.Name):
        return func.id == "setattr"
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__setattr__"
        and isinstance(func.value, ast.Name)
        and func.value.id == "object"
    )


def holds_attr_store(name: str, data: bytes) -> bool:
    """Whether source bytes hold a store in attribute `name` through a receiver as the
    analysis reads one (`Analyzer._attr_store_value`): a line `attr_stores_of` finds that does
    not parse counts (the analysis reads an unknown there), one that parses to no such store (an
    annotation `x: dict[str, t.name] = {}`, a comparison, a docstring) does not. An edit of a
    file holding only such lines leaves the search's answer as it was (a warm run need not
    analyse its askers again: every edit of an ansible module annotated `t.Any` did)."""
    for at, prefix, by_setattr in attr_stores_of(name, data):
        stmts = line_statements(data, at)
        if stmts is None:
            return True
        receiver = prefix.decode(errors="surrogateescape")
        if attr_store_exprs(stmts, name, receiver, by_setattr):
            return True
    return False


def stores_named_value(name: str, data: bytes) -> bool:
    """Whether source bytes store in attribute `name` through a receiver a value given by a
    dotted name (`client.run = subprocess.Popen`, `X.run = Popen`, `staticmethod(sp.run)`):
    of the stores `attr_stores_of` finds, those whose line parses (`line_statements`) to such
    a store. A superset of the stores `Analyzer._stored_sink` reads as a sink (the name's
    import is not resolved here); a line that does not parse, or a store of another value,
    adds nothing to a library value read from the attribute (`Analyzer.attr_stored_value`)."""
    for at, prefix, by_setattr in attr_stores_of(name, data):
        stmts = line_statements(data, at)
        if stmts is None:
            continue
        receiver = prefix.decode(errors="surrogateescape")
        exprs = attr_store_exprs(stmts, name, receiver, by_setattr)
        if any(e is not None and named_value(e) for e in exprs):
            return True
    return False


def unwrap_staticmethod(expr: ast.expr) -> ast.expr:
    """`staticmethod(x)` as `x` (a stored callable, `runner = staticmethod(subprocess.run)`),
    any other expression as itself."""
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Name)
        and expr.func.id == "staticmethod"
        and len(expr.args) == 1
    ):
        return expr.args[0]
    return expr


def named_value(expr: ast.expr) -> bool:
    """Whether an expression is a dotted name (`subprocess.Popen`, `sp.run`, `Popen`) or
    `staticmethod` of one: the forms a stored sink is read in (`Analyzer._stored_sink`)."""
    expr = unwrap_staticmethod(expr)
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name)


def _target_values(
    t: ast.expr, value: ast.expr | None, name: str, receiver: str, out: list[ast.expr | None]
) -> None:
    """What assignment target `t` given `value` stores in attribute `name` of `receiver`
    (`attr_store_exprs`): a tuple or list target (`config.CMD, x = "codex", 1`) pairs its
    items with a tuple's or list's of the same length, else stores a value not read here."""
    if isinstance(t, ast.Attribute):
        if t.attr == name and _dotted(t.value) == receiver:
            out.append(value)
        return
    if isinstance(t, ast.Starred):
        _target_values(t.value, None, name, receiver, out)
        return
    if not isinstance(t, ast.Tuple | ast.List):
        return
    paired = (
        isinstance(value, ast.Tuple | ast.List)
        and len(value.elts) == len(t.elts)
        and not any(isinstance(e, ast.Starred) for e in (*t.elts, *value.elts))
    )
    for i, item in enumerate(t.elts):
        _target_values(
            item,
            value.elts[i] if paired and isinstance(value, ast.Tuple | ast.List) else None,
            name,
            receiver,
            out,
        )


def _ends_with(node: ast.expr, name: str) -> bool:
    return (isinstance(node, ast.Name) and node.id == name) or (
        isinstance(node, ast.Attribute) and node.attr == name
    )


def stores_on_line(data: bytes, at: int, name: str) -> bool:
    """Whether the line of source bytes holding offset `at` (a store `stores_of` found not
    starting its line) stores into a container `name`: on its tree where it parses (not a
    comparison, a subscript inside another target, a string); where it does not, unless the
    match is in a comment (fail closed: a store not read is a store)."""
    stmts = line_statements(data, at)
    if stmts is None:
        start = data.rfind(b"\n", 0, at) + 1
        before = data[start:at]
        hash_at = before.find(b"#")
        # (A `#` with no quote before it starts a comment.)
        return hash_at < 0 or b"'" in before[:hash_at] or b'"' in before[:hash_at]
    for stmt in stmts:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets: list[ast.expr] = (
                    node.targets if isinstance(node, ast.Assign) else [node.target]
                )
                for t in targets:
                    if isinstance(t, ast.Subscript) and _ends_with(t.value, name):
                        return True
                    if isinstance(node, ast.AugAssign) and _ends_with(t, name):
                        return True
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr.encode() in _MUTATORS
                and _ends_with(node.func.value, name)
            ):
                return True
    return False


_METHOD_CALLS: dict[bytes, re.Pattern[bytes]] = {}


def calls_on_instances(name: str, data: bytes) -> Iterator[int]:
    """Offsets of the calls in source bytes of method `name` (`Owner.method`) on a receiver
    other than the class, `cls` or `self` (`factory.register(`, `Factory().register(`), in
    text naming the class (where an instance of it may be held)."""
    owner, _, method = _bytes(name).rpartition(b".")
    if method not in data or owner not in data:
        return
    pattern = _around(_METHOD_CALLS, method, rb"\.[ \t]*", rb"[ \t]*\(")
    for m in pattern.finditer(data):
        if _word_before(data, m.start()) not in (owner, b"cls", b"self"):
            yield m.start()


def bound_locally(data: bytes, at: int, name: str) -> bool:
    """Whether the function holding offset `at` of source bytes binds `name` itself before it
    (a parameter, or `name = ...` with no `global`/`nonlocal` of it), by text: a bare name
    stored into there is that local, not a module's container."""
    line = data.rfind(b"\n", 0, at) + 1
    text = data[line : data.find(b"\n", line) if b"\n" in data[line:] else len(data)]
    indent = len(text) - len(text.lstrip())
    pos = line
    start = -1
    while pos > 0 and indent > 0:
        pos = data.rfind(b"\n", 0, pos - 1) + 1
        m = _DEF_AT.match(data, pos)
        if m is not None and m.group(2) is not None and len(m.group(1)) < indent:
            start = pos
            break
        if pos == 0:
            break
    if start < 0:
        return False
    word = re.escape(_bytes(name))
    body = data[start:at]
    header = body[: body.find(b":") + 1] if b":" in body else body
    if re.search(rb"[(,*][ \t\n]*" + word + rb"[ \t\n]*[:=,)]", header):
        return True
    if re.search(rb"\b(?:global|nonlocal)\b[^\n]*(?<!\w)" + word + rb"(?!\w)", body):
        return False
    return re.search(rb"^[ \t]+" + word + rb"[ \t]*(?::[^\n=]*)?=(?!=)", body, re.M) is not None


def enclosing_top(data: bytes, at: int) -> str:
    """The name of the module-level `def` or `class` holding offset `at` of source bytes
    ("" at module level), by indentation."""
    line = data.rfind(b"\n", 0, at) + 1
    if data[line : line + 1] not in (b" ", b"\t"):
        return ""
    best = _last_header(data, line)
    if best < 0:
        m = _DEF_AT.match(data, 0)
        return (m.group(2) or m.group(4)).decode(errors="surrogateescape") if m else ""
    m = _DEF_AT.match(data, best + 1)
    return (m.group(2) or m.group(4)).decode(errors="surrogateescape") if m else ""


_HEADS = (b"\ndef ", b"\nclass ", b"\nasync def ")
# The stretch searched back first for a module-level header (`_last_header`), doubled until
# one is found.
_HEAD_WINDOW = 4096


def _last_header(data: bytes, end: int) -> int:
    """The offset of the last `\ndef `, `\nclass ` or `\nasync def ` ending by `end` (-1:
    none). Searched back over a stretch that doubles until one is found: a search of the whole
    text before `end` for each of the three, most of them back to its start (a module without
    `async def`), cost a pass over a 13,000-line module per store found in it. A match in the
    last stretch lies after any match before it, so the first stretch holding one holds the
    last."""
    size = _HEAD_WINDOW
    while True:
        start = max(0, end - size)
        best = max(data.rfind(head, start, end) for head in _HEADS)
        if best >= 0 or start == 0:
            return best
        size *= 2


def enclosing_def(data: bytes, at: int) -> str | None:
    """The qualified name of the function (`f`, `Cls.method`) whose body holds offset `at`
    of source bytes, by indentation; "" for module-level code; None when nested deeper."""
    line = data.rfind(b"\n", 0, at) + 1
    end = data.find(b"\n", line)
    text = data[line : end if end >= 0 else len(data)]
    indent = len(text) - len(text.lstrip())
    names: list[tuple[int, str]] = []
    pos = line
    while pos > 0 and indent > 0:
        start = data.rfind(b"\n", 0, pos - 1) + 1
        m = _DEF_AT.match(data, start)
        if m is not None:
            lead = len(m.group(1) if m.group(1) is not None else m.group(3))
            if lead < indent:
                names.append((lead, (m.group(2) or m.group(4)).decode(errors="surrogateescape")))
                indent = lead
        pos = start
    names.reverse()
    if not names:
        return ""
    if len(names) > 2 or names[0][0] != 0:
        return None
    return ".".join(n for _, n in names)


def top_classes(data: bytes) -> Iterator[str]:
    """The names of the module-level classes in source bytes."""
    for m in _line_led(_TOP_CLASS, data, indented=False):
        yield m.group(1).decode()


def instance_holders(cls: str, data: bytes) -> Iterator[str]:
    """Module-level variables assigned an instance of class `cls` in source bytes (`runner =
    Runner(...)`)."""
    head = rb"^(\w+)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]+\.)?"
    name = _bytes(cls)
    pattern = _around(_HOLDER, name, head, rb"[ \t]*\(")
    # A match lies within one line (nothing in the pattern crosses a newline) that names the
    # class, and starts the line.
    for m in _at_line_starts(pattern, name, data):
        yield m.group(1).decode()


def subclasses_named(cls: str, data: bytes) -> Iterator[str]:
    """Classes deriving from a class named `cls` in source bytes (`class Claude(Runner):`)."""
    head = rb"class[ \t]+(\w+)[ \t]*\([^)]*?\b"
    for m in _line_led(_around(_SUBCLASS, _bytes(cls), head, rb"\b"), data, indented=True):
        yield m.group(1).decode()


def class_heads(data: bytes) -> list[tuple[str, frozenset[bytes]]]:
    """Each class deriving from something in source bytes, with the words its bases name
    (`class C(pkg.B, metaclass=M):` -> C, {pkg, B, metaclass, M}): one pass for many bases,
    the words `subclasses_named` would find each in a pass of its own."""
    return [
        (m.group(1).decode(), frozenset(_WORD.findall(m.group(2))))
        for m in _line_led(_CLASS_HEAD, data, indented=True)
    ]


_CLASS_HEAD = lazy_compile(rb"class[ \t]+(\w+)[ \t]*\(([^)]*)")


def _line_led(
    pattern: re.Pattern[bytes], data: bytes, *, indented: bool
) -> Iterator[re.Match[bytes]]:
    """The matches `^[ \t]*` (indented) or `^` and then `pattern` would have in multi-line mode,
    in order and not overlapping (a match may span lines), each from where `pattern` starts.

    `re` tries a pattern led by `^` at every position of the text; one led by a literal word
    (`class`) is found in C, and the rare candidate not at a line's start (prose, `x.class_`)
    is passed over: 8x less time for the class heads of the corpus, scanned once a round."""
    pos = 0
    while (m := pattern.search(data, pos)) is not None:
        at = m.start()
        line = data.rfind(b"\n", 0, at) + 1
        if line == at or (indented and not data[line:at].strip(b" \t")):
            yield m
            pos = m.end()
        else:
            pos = at + 1


def _bytes(name: str) -> bytes:
    # (A module's name from a file name that is not UTF-8 holds its bytes as surrogates.)
    return name.encode(errors="surrogateescape")


class Route(enum.Enum):
    """How a file can make other files callers of a wrapper (`Analysis.caller_candidates`)."""

    PACKAGE = "a package above its module naming it or star-importing (re-exporting it)"
    IMPORT = "a module importing it from its module (`from app.compat import run`)"
    HOLDER = "a module-level instance of its class (`RUNNER = Runner()`)"
    SUBCLASS = "a class derived from its class (callers name only the subclass)"


def route_to(
    wrapper: FuncId,
    path: str,
    data: bytes,
    project: Project,
    gates: Sequence[str] = (),
    imports: dict[str, frozenset[str]] | None = None,
) -> Route | None:
    """How the file at `path`, holding `data`, can lead other files to a wrapper, if it can.

    gates: the wrapper's gate words (module names among them: modules re-exporting it).
    imports: where the modules its imports lead to are kept (`cone.imported`), by path, for
    the next wrapper asked of the same file (a changed file is asked of every cached wrapper;
    resolving a 13,000-line module's imports again for each cost half of the questions)."""
    # (Imported here: the cache loads searches on every warm run, which asks no route.)
    from frontier_lint.frontend.cone import from_import_targets, imported, module_name
    from frontier_lint.scan.prefilter import has_word, import_statements

    home, qual = wrapper.path, wrapper.qualname
    top = qual.split(".")[0]
    name = _bytes(top)
    if _above(path, home):
        return Route.PACKAGE if name in data or b"import *" in data else None
    if "." not in qual and b"import *" in data:
        # A module star-importing its module, or one re-exporting it, re-exports a function
        # without naming it (`from .utils.universal import *`).
        for base, names in import_statements(data.decode("utf-8", "replace")):
            if base is None or "*" not in names:
                continue
            for t in from_import_targets(project, base, path):
                if t == home or module_name(t) in gates:
                    return Route.IMPORT
    if "." in qual and _derives_from(data, top, gates):
        return Route.SUBCLASS
    if not has_word(data, name):
        return None
    if "." in qual and any(True for _ in instance_holders(top, data)):
        return Route.HOLDER
    got = imports.get(path) if imports is not None else None
    if got is None:
        got = frozenset(imported(data.decode("utf-8", "replace"), path, project))
        if imports is not None:
            imports[path] = got
    return Route.IMPORT if home in got else None


def _derives_from(data: bytes, top: str, gates: Sequence[str]) -> bool:
    """Whether `data` derives a class from a method's class `top` or from one of its other gate
    words (a subclass of it, at any depth: `Analysis._derived_words`)."""
    from frontier_lint.scan.prefilter import has_word

    for word in dict.fromkeys((top, *gates)):
        if word and has_word(data, _bytes(word)) and next(subclasses_named(word, data), None):
            return True
    return False


def _above(path: str, home: str) -> bool:
    """Whether `path` is the `__init__.py` of a package holding module `home` (not its own)."""
    if posixpath.basename(path) != "__init__.py" or path == home:
        return False
    package = posixpath.dirname(path)
    return not package or home.startswith(package + "/")
