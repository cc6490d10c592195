"""What derives from what in the project, and what registers what, found by text.

Byte scans of the project's files, without parsing (`searches`): the classes naming a class as a
base (at any depth; those whose file's text may define what is asked for are then resolved, to
keep the ones whose bases are, or may be, that class), whether one of them sets an attribute
itself, and what a registering decorator stores in a module's mapping. Each answer is memoised with the files it was read from,
which are reported to the analysis again when it is reused (`Tracker`), so a cache can tell what
an edit invalidates; a search of the whole project by name is reported as such
(`searches.Search`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Container, Iterable, Iterator, Set
from contextlib import AbstractContextManager
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from frontier_lint.dataflow import searches
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.refs import ClassRef, FuncRef
from frontier_lint.dataflow.values import Value
from frontier_lint.frontend.project import Project
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.stores import store_test

if TYPE_CHECKING:
    from frontier_lint.dataflow.scopes import ClassInfo

_TOP_DEF = lazy_compile(rb"def[ \t]+(\w+)")


# Whether a file's bytes may hold a member: the cheap gate before a subclass is parsed.
TextTest: TypeAlias = Callable[[bytes], bool]


def setting(attr: str) -> TextTest:
    """Text that sets attribute `attr`: at class level (`attr = ...`, `attr: T = ...`, `attr, b
    = ...`) or on a receiver (`self.attr = ...`, `self.attr: T = ...`, `self.attr, self.b = ...`)."""
    name = attr.encode(errors="surrogateescape")
    # Any receiver: a method's first parameter need not be called `self`.
    on_receiver = store_test(attr, on_receiver=True, data=bytes)
    at_class = store_test(attr, on_receiver=False, data=bytes)  # tuple targets, `+=`
    return lambda data: _assigned(name, data) or on_receiver(data) or at_class(data)


_ASSIGNS = lazy_compile(rb"[ \t]*[:=]")  # (`attr: T` alone declares it: taken too)


def _assigned(name: bytes, data: bytes) -> bool:
    r"""Whether `name` is assigned or declared in `data` (`name =`, `name:`), not preceded by a
    word character or a dot: `_unprefixed` of the pattern `name[ \t]*[:=]`, which matches at
    the occurrences of the name with `[ \t]*[:=]` after them, each found in C and the rest
    matched with a pattern compiled once for all names (one per name: 104 compiles on the
    cold corpus)."""
    if not name:
        return _unprefixed(_ASSIGNS, data)
    at = data.find(name)
    while at >= 0:
        if _ASSIGNS.match(data, at + len(name)) is not None and (
            not at or _WORD_OR_DOT.match(data, at - 1) is None
        ):
            return True
        at = data.find(name, at + 1)
    return False


def defining(method: str) -> TextTest:
    """Text that defines method `method` (`def method(`, `async def method(`)."""
    pattern = re.compile(
        rb"def[ \t]+" + re.escape(method.encode(errors="surrogateescape")) + rb"\b"
    )
    return lambda data: pattern.search(data) is not None


class Tracker(Protocol):
    """Where the analysis records what an answer was read from (`analyzer.Analyzer`)."""

    def touch(self, path: str) -> None: ...

    def touch_all(self, paths: Iterable[str]) -> None: ...

    def tracking(self) -> AbstractContextManager[set[str]]: ...


class Classes(Protocol):
    """Where the project's classes are built, their bases resolved (`analyzer.Analyzer`)."""

    def class_info(self, cid: FuncId) -> ClassInfo | None: ...


@dataclass(frozen=True)
class StoreSite:
    """A statement storing into a container by its word (`Hierarchy.container_stores`)."""

    path: str
    offset: int  # in the file's bytes
    line: int  # 1-based
    top: str  # the module-level `def` or `class` holding it ("" at module level)
    prefix: str  # the dotted prefix before the word (`cls.`, `tables.`), "" for none
    form: searches.StoreForm
    # Whether the file's text imports the word (`from app.tables import NAME`): a bare name
    # stored into in another module is the container only then. (Looked for only for a bare
    # store, `prefix` ""; False for the others, which it does not concern.)
    imports_it: bool
    # Through a plain name bound to the container (`reg = REGISTRY; reg[k] = v`): not run with
    # the module's code where at its top level (the interpreter does not alias values).
    aliased: bool = False

    def shown(self) -> str:
        # (No line number: a reason is kept with results a comment added above does not
        # change, `tests/test_fuzz_code_edits.py`.)
        return f"{self.path} ({self.top or 'module level'})"


@dataclass(frozen=True)
class AttrStore:
    """A statement storing an attribute through a receiver (`Hierarchy.attr_stores`)."""

    path: str
    line: int  # 1-based
    top: str  # the module-level `def` or `class` holding it ("" at module level)
    offset: int  # in the file's bytes (its value is read from the line's tree, `searches.line_statements`)
    prefix: str  # the receiver with its final dot (`config.`, `Config.`, `c.`, `cls.`)
    by_setattr: bool  # `setattr(X, "NAME", v)`

    def shown(self) -> str:
        # (No line number: a reason is kept with results a comment added above does not
        # change, as `StoreSite.shown`.)
        return f"{self.path} ({self.top or 'module level'})"


_IMPORTS_WORD: dict[bytes, re.Pattern[bytes]] = {}

# Stores into a key of a mapping named by a word, alone on an indented line, as the searches by
# the word (`_registrations`, `keyed_stores`) look for them, with any word in the word's place
# (and its receiver's: `cls.`, `self.`, the class's name), compared after: one pattern for all
# words, not one per word (0.45 s of compiles on the launch-dense project). The same lines: a
# match starts a line and ends it, and the word in it is a whole word, alone before its `[`
# (the receiver, a word before a dot: no other word can stand there).
_ITEM_STORE = lazy_compile(rb"^[ \t]+(\w+)[ \t]*\[[^\]\n]*\][ \t]*=[ \t]*(\w+)[ \t]*$", re.M)
_KEYED_STORE = lazy_compile(
    rb"^[ \t]+(?:(\w+)\.)?(\w+)[ \t]*\[[ \t]*(\w+)[ \t]*\][ \t]*=[ \t]*(\w+)[ \t]*$", re.M
)
_ALL_WORD = lazy_compile(rb"\w+")


def item_stores(data: bytes, word: bytes) -> list[int]:
    """Where source bytes store into a key of mapping `word` on an indented line of their own
    (`    REGISTRY[key] = func`), by offset: the stores a registering decorator makes."""
    if _ALL_WORD.fullmatch(word):
        return [m.start() for m in _ITEM_STORE.finditer(data) if m.group(1) == word]
    own = rb"^[ \t]+" + re.escape(word) + rb"[ \t]*\[[^\]\n]*\][ \t]*=[ \t]*(\w+)[ \t]*$"
    return [m.start() for m in re.finditer(own, data, re.M)]  # (the word's own pattern)


def stored_mappings(data: bytes, function: str) -> list[str]:
    """The mappings top-level function `function` of source bytes stores into a key of, on an
    indented line of their own (`REGISTRY[key] = func`, in it or a function nested in it): the
    mappings a registering decorator fills."""
    name = function.encode(errors="surrogateescape")
    m = re.search(rb"^def[ \t]+" + re.escape(name) + rb"(?!\w)", data, re.M)
    if m is None:
        return []
    end = re.compile(rb"^\S", re.M).search(data, m.end())  # (the next top-level line)
    stop = end.start() if end is not None else len(data)
    return sorted(
        {
            s.group(1).decode(errors="surrogateescape")
            for s in _ITEM_STORE.finditer(data, m.end(), stop)
        }
    )


def keyed_item_stores(data: bytes, word: bytes, owner: bytes) -> list[tuple[int, bytes, bytes]]:
    """Where source bytes store a word into a key of mapping `word` (an attribute of `cls`,
    `self` or class `owner` when given), a word for its key, alone on an indented line: (the
    offset, the key's word, the value's word)."""
    if _ALL_WORD.fullmatch(word) and (not owner or _ALL_WORD.fullmatch(owner)):
        receivers = (b"cls", b"self", owner) if owner else (None,)
        return [
            (m.start(), m.group(3), m.group(4))
            for m in _KEYED_STORE.finditer(data)
            if m.group(2) == word and m.group(1) in receivers
        ]
    # (The words' own pattern.)
    prefix = rb"(?:(?:cls|self|" + re.escape(owner) + rb")\.)" if owner else b""
    own = (
        rb"^[ \t]+"
        + prefix
        + re.escape(word)
        + rb"[ \t]*\[[ \t]*(\w+)[ \t]*\][ \t]*=[ \t]*(\w+)[ \t]*$"
    )
    return [(m.start(), m.group(1), m.group(2)) for m in re.finditer(own, data, re.M)]


def _imports_word(data: bytes, word: bytes) -> bool:
    """Whether source bytes import `word` (`from app.tables import NAME`), by text: the
    pattern matched at each `import` (found in C), not searched for (led by a word boundary,
    it was tried at every position of the file: a third of `container_stores`' time)."""
    if b"import" not in data:
        return False
    pattern = _IMPORTS_WORD.get(word)
    if pattern is None:
        pattern = _IMPORTS_WORD[word] = re.compile(
            rb"\bimport[ \t]*(?:\([^)]*|[^\n(]*)(?<![\w.])" + re.escape(word) + rb"(?!\w)"
        )
    at = data.find(b"import")
    while at >= 0:
        if pattern.match(data, at) is not None:
            return True
        at = data.find(b"import", at + 6)
    return False


class TextIndex:
    """What one byte scan of every project file answers for the searches by name, so that
    none of them reads the project again (each read the whole project once per question)."""

    __slots__ = ("attr_stored", "decorated", "moved", "protocol_defs", "stored", "subclasses")

    def __init__(self) -> None:
        # Base-class name -> the project classes naming it as a base (path, class name).
        self.subclasses: dict[str, list[tuple[str, str]]] = {}
        # A word of a dotted name after `@` -> the files holding one (in path order): the only
        # files where a registering decorator of that name can be applied (`registrations`).
        self.decorated: dict[bytes, list[str]] = {}
        # The function names defined in each file holding a class based on `Protocol`, by
        # text (`defines`): asked for every Protocol of the project, for every method with
        # callers.
        self.protocol_defs: dict[str, searches.Names] = {}
        # A word that may name a container stored into -> the files doing so (in path order,
        # `searches.stored_words`): the only files `container_stores` reads for it.
        self.stored: dict[bytes, list[str]] = {}
        # A word that may name an attribute stored through a receiver (`config.CMD = ...`,
        # `searches.attr_stored_words`) -> the files doing so: the only files `attr_stores`
        # reads for it.
        self.attr_stored: dict[bytes, list[str]] = {}
        # A word that may name a container items are taken out of or moved in (`X.pop(`,
        # `del X[`, `searches.moved_words`) -> the files doing so: the only files `moves` reads.
        self.moved: dict[bytes, list[str]] = {}

    # --- kept between runs (`run.textindex`): plain data, one file's entries dropped or added

    def plain(self, leave_out: Set[str] = frozenset()) -> dict[str, Any]:
        """The index as plain data (`marshal`), without the entries of the files `leave_out`."""
        out: dict[str, Any] = {}
        for slot in TextIndex.__slots__:  # (a subclass's are its own: `run.keptindex`)
            table = getattr(self, slot)
            if slot == "protocol_defs":
                out[slot] = {p: n.joined for p, n in table.items() if p not in leave_out}
                continue
            kept: dict[Any, list[Any]] = {}
            for key, items in table.items():
                left = [i for i in items if _file_of(i) not in leave_out] if leave_out else items
                if left:
                    kept[key] = left
            out[slot] = kept
        return out

    @staticmethod
    def of_plain(raw: Any, leave_out: Set[str]) -> TextIndex:
        """The index `plain` made, without the entries of the files `leave_out` (a TypeError
        or ValueError for data of another shape: made again, never trusted). (Checked at C
        speed: ~50,000 entries on the corpus, on the edit a user waits for.)"""
        if type(raw) is not dict or set(raw) != set(TextIndex.__slots__):
            raise ValueError("not a text index")
        index = TextIndex()
        for slot in TextIndex.__slots__:
            table = raw[slot]
            if type(table) is not dict:
                raise ValueError(slot)
            if slot == "protocol_defs":
                if not (
                    set(map(type, table)) <= {str} and set(map(type, table.values())) <= {bytes}
                ):
                    raise ValueError(slot)
                index.protocol_defs = {
                    p: searches.Names(j) for p, j in table.items() if p not in leave_out
                }
                continue
            pairs = slot == "subclasses"
            lists = table.values()
            items = list(chain.from_iterable(lists)) if set(map(type, lists)) <= {list} else None
            if (
                items is None
                or not set(map(type, table)) <= ({str} if pairs else {bytes})
                or not set(map(type, items)) <= ({tuple} if pairs else {str})
                or (pairs and not set(map(len, items)) <= {2})
                or (pairs and not set(map(type, chain.from_iterable(items))) <= {str})
            ):
                raise ValueError(slot)
            if leave_out:
                table = {
                    key: left
                    for key, got in table.items()
                    for left in (
                        got
                        if leave_out.isdisjoint(map(_FIRST, got) if pairs else got)
                        else [i for i in got if _file_of(i) not in leave_out],
                    )
                    if left
                }
            setattr(index, slot, table)
        return index

    def add(self, other: TextIndex) -> None:
        """Add the entries of `other`, an index of files this one has none of: each list stays
        in path order (a file's own entries in the order its scan found them), as one scan of
        all the files in path order makes it. (A table `other` has nothing in is not read:
        a kept index decodes its tables when first read, `run.keptindex`.)"""
        if other.protocol_defs:
            self.protocol_defs.update(other.protocol_defs)
        for slot in TextIndex.__slots__:
            theirs: dict[Any, list[Any]] = getattr(other, slot)
            if slot == "protocol_defs" or not theirs:
                continue
            mine: dict[Any, list[Any]] = getattr(self, slot)
            for key, items in theirs.items():
                got = mine.get(key)
                if got is None:
                    mine[key] = list(items)
                else:
                    got.extend(items)
                    got.sort(key=_file_of)  # (stable: a file's entries keep their order)


_FIRST = itemgetter(0)


def _file_of(item: str | tuple[str, str]) -> str:
    """The file of an index entry: a path, or a (path, class name) pair."""
    return item if type(item) is str else item[0]


# An index kept from an earlier run (`Hierarchy.prior`): the index of the files it still
# describes, and the files to scan for the rest (in path order). None: scan every file.
PriorIndex: TypeAlias = Callable[[], "tuple[TextIndex, list[str]] | None"]


class Hierarchy:
    """The project's class hierarchy and registrations, by text (subclasses then resolved)."""

    def __init__(self, project: Project, tracker: Tracker, classes: Classes) -> None:
        self.project = project
        self.tracker = tracker
        self.classes = classes
        # Answers of the searches by name, with what they read (replayed when reused).
        self._overrides: dict[tuple[FuncId, str], tuple[bool, frozenset[str]]] = {}
        self._redefining: dict[
            tuple[FuncId, str], tuple[list[tuple[str, str]], frozenset[str]]
        ] = {}
        self._index: TextIndex | None = None
        # The index an earlier run kept (`run.textindex`), taken when one is first needed.
        self.prior: PriorIndex | None = None
        # Told the bytes of each file the scan reads (`_text_index`): the analysis answers the
        # launch gates of the files it has still to analyse from them, not from another read.
        self.reading: Callable[[str, bytes], None] | None = None
        self._registries: dict[tuple[str, str], tuple[list[Value], frozenset[str]]] = {}
        self._defining: dict[str, list[tuple[str, str]]] = {}
        self._stores: dict[str, tuple[list[StoreSite], frozenset[str]]] = {}
        self._moves: dict[str, tuple[list[StoreSite], frozenset[str]]] = {}
        # The files holding a word, for the searches of a registrar's calls (`_holding`).
        self._holding_word: dict[bytes, list[str]] = {}
        self._attr_stores: dict[str, list[AttrStore]] = {}
        # The registering decorators `registrations` found for each mapping (their stores are
        # what the decorated definitions give it).
        self.decorators: dict[tuple[str, str], frozenset[str]] = {}

    def searched(self, search: searches.Search) -> None:
        """The answer being computed comes from a search of the project by name: a file that
        comes to match it changes the answer (see `searches`)."""
        self.tracker.touch(search.key)

    def overridden(self, cid: FuncId, attr: str) -> bool:
        """Whether a project class deriving from class `cid` (by name, at any depth) sets
        `attr` itself: at class level or as `self.attr = ...` (by text, in its file)."""
        key = (cid, attr)
        got = self._overrides.get(key)
        if got is not None:
            self.tracker.touch_all(got[1])
            return got[0]
        found = False
        with self.tracker.tracking() as deps:
            for _ in self.descendants_matching(cid, setting(attr), attr):
                found = True
                break
        self._overrides[key] = (found, frozenset(deps))
        return found

    def redefining(self, cid: FuncId, attr: str) -> list[tuple[str, str]]:
        """The project classes deriving from class `cid` (by name, at any depth) whose file
        defines method `attr` or sets it (by text: the only ones worth parsing for an
        override of a method `cid` has). Remembered, with what the answer was read from."""
        key = (cid, attr)
        got = self._redefining.get(key)
        if got is not None:
            self.tracker.touch_all(got[1])
            return got[0]
        defines, sets = defining(attr), setting(attr)
        with self.tracker.tracking() as deps:
            found = list(
                self.descendants_matching(cid, lambda data: defines(data) or sets(data), attr)
            )
        self._redefining[key] = (found, frozenset(deps))
        return found

    def descendants_matching(
        self, cid: FuncId, text: TextTest, word: str
    ) -> Iterator[tuple[str, str]]:
        """Project classes deriving from class `cid` (`descendants`) in files whose text
        matches `text`: the only ones worth parsing for a member they would define. `word`:
        what `text` looks for (a text without it does not match)."""
        self.project.reads.searched(word)  # (`ReadLog`)
        yield from self.descendants(cid, text)

    def descendants(
        self, cid: FuncId, text: TextTest | None = None, names: Container[str] | None = None
    ) -> Iterator[tuple[str, str]]:
        """Project classes deriving from class `cid`, at any depth (path, name), never `cid`
        itself; with `text`, only those in files whose text matches it; with `names`, only
        those of these names (the others are not resolved).

        Found by name, then resolved: the classes naming `cid`'s name among their bases, and
        theirs in turn, by text (`TextIndex`); each one kept where one of its bases, as the
        resolver evaluates it, is the class it was found through, or may be (written with its
        name, evaluated to no class: `ClassInfo.may_derive_from`). By names alone, a class had
        for "subclasses" every class deriving from a namesake (Django's commands, each a
        `Command(BaseCommand)`; twisted's `BaseCommand(amp.Command)`, found again from each),
        and `cid` itself through such a chain."""
        index = self._text_index().subclasses
        root = (cid.path, cid.name)
        walk = _Walk(root, cid)
        todo, walked = [cid.name], set()
        while todo:
            name = todo.pop()
            if name in walked:
                continue
            walked.add(name)
            self.searched(searches.Search(searches.SearchKind.SUBCLASSES, name))
            for node in index.get(name, ()):
                if walk.add(node, name):
                    todo.append(node[1])
        for node in walk.found:
            if names is not None and node[1] not in names:
                continue
            if text is not None:
                self.tracker.touch(node[0])
                if not text(self.project.raw(node[0])):
                    continue
            if self._reaches(node, walk):
                yield node

    def _reaches(self, node: _Class, walk: _Walk) -> bool:
        """Whether a chain of classes of the walk, each deriving (or perhaps deriving) from
        the next, leads from `node` to the walk's root. Only the classes on the chains asked
        about are resolved: one the text test leaves out is not parsed."""
        reached = walk.reached
        got = reached.get(node)
        if got is not None:
            return got
        # Depth first over the classes it may derive from; a search that fails leaves every
        # class it visited unable to reach the root (each was searched from in full).
        visited = {node}
        stack = [(node, walk.parents(node))]
        while stack:
            at, parents = stack[-1]
            parent = next(parents, None)
            if parent is None:
                stack.pop()
                continue
            if (
                parent in visited
                or reached.get(parent) is False
                or not self._derives(at, parent, walk)
            ):
                continue
            if reached.get(parent):
                for on, _ in stack:  # (the chain on the stack reaches it)
                    reached[on] = True
                return True
            visited.add(parent)
            stack.append((parent, walk.parents(parent)))
        for n in visited:
            reached[n] = False
        return False

    def _derives(self, node: _Class, parent: _Class, walk: _Walk) -> bool:
        """Whether class `node` may derive from class `parent` directly (`may_derive_from`):
        a class that cannot be built (a nested class, a file that does not parse) may."""
        info = self.classes.class_info(FuncId(*node))
        return info is None or info.may_derive_from(walk.ids.get(parent) or FuncId(*parent))

    def defining_all(self, methods: set[str]) -> list[tuple[str, str]]:
        """The module-level classes (path, name) of the files whose text defines every one of
        `methods`: the only candidates for a Protocol's structural implementers (by text, each
        to be checked on the parsed class). One scan of the project per set of names."""
        key = ",".join(sorted(methods))
        self.searched(searches.Search(searches.SearchKind.DEFINES, key))
        self.project.reads.searched(*methods)
        got = self._defining.get(key)
        if got is None:
            names = sorted(methods)
            got = []
            for path in sorted(self.project.files):
                # (A scan of every file: not kept, or it pushed out of the kept bytes the
                # files the analysis reads again, 6,411 copies of the corpus.)
                data = self.project.raw(path, keep=False)
                if searches.defines_all(names, data):
                    got.extend((path, cls) for cls in searches.top_classes(data))
            self._defining[key] = got
        return got

    def protocols(self) -> list[tuple[str, str]]:
        """Project classes naming `Protocol` among their bases (path, name), by text."""
        self.searched(searches.Search(searches.SearchKind.SUBCLASSES, "Protocol"))
        return list(self._text_index().subclasses.get("Protocol", ()))

    def defines(self, path: str, method: str) -> bool:
        """Whether the text of `path`, a file `protocols` names, defines a function `method`
        (`defining`): from the scan, not a read."""
        self.project.reads.whole.add(path)  # (the names the whole text defines: `ReadLog`)
        names = self._text_index().protocol_defs.get(path)
        if names is None or not (method.isascii() and method.isidentifier()):
            return defining(method)(self.project.raw(path))  # (`\w` in bytes is ASCII)
        return method in names

    def registrations(self, path: str, name: str) -> list[Value]:
        """What a module's registering decorators put in its mapping `name`: a function of the
        module storing its argument (`PROVIDERS[key] = cls`, in the function or a nested one)
        registers every project class or function decorated with it (`@register("codex")`).
        Found by text: the storing statement in the module, then the decorated definitions in
        the files that name the decorator."""
        key = (path, name)
        got = self._registries.get(key)
        if got is not None:
            self.tracker.touch_all(got[1])
            return got[0]
        self._registries[key] = ([], frozenset())
        with self.tracker.tracking() as deps:
            out = self._registrations(path, name)
        self._registries[key] = (out, frozenset(deps))
        return out

    def decorated_by(self, decorator: str) -> list[FuncId]:
        """The module-level functions of the project decorated with `decorator` (`@as_runner`,
        also `@module.as_runner(...)` and under other decorators), found by text."""
        word = decorator.encode(errors="surrogateescape")
        self.searched(searches.Search(searches.SearchKind.REGISTERED, decorator))
        self.project.reads.searched(word)
        out: list[FuncId] = []
        for other in self._text_index().decorated.get(word, ()):
            data = self.project.raw(other)
            for is_class, found in searches.registrations(word, data):
                top = rb"^(?:async[ \t]+)?def[ \t]+" + re.escape(found.encode()) + rb"(?!\w)"
                if not is_class and re.search(top, data, re.M):
                    self.tracker.touch(other)
                    out.append(FuncId(other, found))
        return out

    def _registrations(self, path: str, name: str) -> list[Value]:
        self.tracker.touch(path)
        self.project.reads.searched(name)  # (stores of `name` found in the text: `ReadLog`)
        data = self.project.raw(path)
        registrars: set[bytes] = set()
        for start in item_stores(data, name.encode(errors="surrogateescape")):
            # The top-level `def` holding the store (the decorator, or its factory).
            top = _TOP_DEF.match(data, data.rfind(b"\ndef ", 0, start) + 1)
            if top is not None:
                registrars.add(top.group(1))
        self.decorators[(path, name)] = frozenset(
            r.decode(errors="surrogateescape") for r in registrars
        )
        out: list[Value] = []
        for registrar in sorted(registrars):
            self.searched(searches.Search(searches.SearchKind.REGISTERED, registrar.decode()))
            self.project.reads.searched(registrar)
            for other in self._text_index().decorated.get(registrar, ()):
                for is_class, found in searches.registrations(registrar, self.project.raw(other)):
                    self.tracker.touch(other)
                    defined = FuncId(other, found)
                    out.append(
                        ClassRef(trace=(), cls=defined)
                        if is_class
                        else FuncRef(trace=(), func=defined)
                    )
        return out

    def keyed_stores(self, path: str, owner: str, name: str) -> list[tuple[str, str, str]]:
        """The functions of a module storing a parameter in its mapping `name` (`REGISTRY[key]
        = spec` in a top-level function), or in class `owner`'s attribute (`cls._registry[key]
        = config` in one of its methods): (the function's qualified name, the key's word, the
        value's word), by text; whether the words are its parameters is the caller's to check."""
        self.tracker.touch(path)
        data = self.project.raw(path)
        word = name.encode(errors="surrogateescape")
        if word not in data:
            return []
        self.project.reads.searched(name)  # (stores of `name` found in the text: `ReadLog`)
        out: list[tuple[str, str, str]] = []
        for start, key, value in keyed_item_stores(data, word, owner.encode()):
            qual = searches.enclosing_def(data, start)
            top = qual.split(".")[0] if qual else ""
            if qual and (qual == top if not owner else top == owner and "." in qual):
                out.append((qual, key.decode(), value.decode()))
        return out

    def callers_by_text(self, registrar: str) -> list[tuple[str, str, int]]:
        """The functions (path, qualified name, "" for module-level code, and the 0-based line
        of the first call) holding a call of
        `registrar` (`Owner.method` or `func`) by text, in path order; a search the cache
        records (`SearchKind.CALLS`)."""
        self.searched(searches.Search(searches.SearchKind.CALLS, registrar))
        last = registrar.rpartition(".")[2].encode(errors="surrogateescape")
        self.project.reads.searched(registrar.rpartition(".")[2])
        out: list[tuple[str, str, int]] = []
        seen: set[tuple[str, str]] = set()
        for path in self._holding(last):
            data = self.project.raw(path, keep=False)
            for at in searches.calls_of(registrar, data):
                qual = searches.enclosing_def(data, at)
                if qual is not None and (qual == "" or (path, qual) not in seen):
                    self.tracker.touch(path)
                    seen.add((path, qual))
                    out.append((path, qual, data.count(b"\n", 0, at)))
        return out

    def container_stores(self, name: str) -> list[StoreSite]:
        """The statements of the project storing into a container by word `name` (`NAME[k] =
        v`, `cls.NAME.update(...)`, `mod.NAME.append(x)`, `NAME |= ...`), by text, from the
        files the scan found such a store of the word in; which of them store into a given
        container is the caller's to judge. A search the cache records (`SearchKind.STORES`)."""
        got = self._stores.get(name)
        if got is not None:
            self.tracker.touch_all(got[1])
            return got[0]
        out: list[StoreSite] = []
        with self.tracker.tracking() as deps:
            self.searched(searches.Search(searches.SearchKind.STORES, name))
            self.project.reads.searched(name)
            word = name.encode(errors="surrogateescape")
            # (A file is a dependency of the answer where its store is found to be into the
            # container asked about (`Analyzer.unevaluated_stores`): an edit making another
            # file's store one is a match of this search in its new bytes.)
            for path in self._text_index().stored.get(word, ()):
                data = self.project.raw(path, keep=False)
                imports_it: bool | None = None
                for at, prefix, form, at_start, aliased in searches.stores_of(name, data):
                    if not at_start and not searches.stores_on_line(data, at, name):
                        continue  # (`if REG[k] == v: x[1] = 2`, `d[REG[k]] = v`, a comment)
                    if imports_it is None and not prefix:
                        imports_it = _imports_word(data, word)
                    out.append(_store_site(path, data, at, prefix, form, bool(imports_it), aliased))
        self._stores[name] = (out, frozenset(deps))
        return out

    def moves(self, name: str) -> list[StoreSite]:
        """The statements of the project taking items out of a container by word `name` or
        moving them (`self.NAME.pop(0)`, `del NAME[0]`, `X.NAME.reverse()`), by text, from the
        files the scan found such a statement of the word in (`searches.moves_of`); as
        `container_stores`, which of them are into a given container is the caller's to judge.
        A search the cache records (`SearchKind.MOVES`)."""
        got = self._moves.get(name)
        if got is not None:
            self.tracker.touch_all(got[1])
            return got[0]
        out: list[StoreSite] = []
        with self.tracker.tracking() as deps:
            self.searched(searches.Search(searches.SearchKind.MOVES, name))
            self.project.reads.searched(name)
            word = name.encode(errors="surrogateescape")
            for path in self._text_index().moved.get(word, ()):
                data = self.project.raw(path, keep=False)
                imports_it: bool | None = None
                for at, prefix, form, aliased in searches.moves_of(name, data):
                    if imports_it is None and not prefix:
                        imports_it = _imports_word(data, word)
                    out.append(_store_site(path, data, at, prefix, form, bool(imports_it), aliased))
        self._moves[name] = (out, frozenset(deps))
        return out

    def attr_stores(self, name: str, *, sinks_only: bool = False) -> list[AttrStore]:
        """The statements of the project storing attribute `name` through a receiver
        (`searches.attr_stores_of`), by text, from the files the scan found such a store of the
        word in; which of them store into a given module's or class's name is the caller's to
        judge (each touched there). A search the cache records (`SearchKind.ATTR_STORES`): an
        edit adding such a store anywhere is a match of it in the new bytes. With
        `sinks_only` (the caller keeps only stores of a library callable by name), the
        narrower `SearchKind.ATTR_SINK_STORES`: an edit adding `x: t.Any = {}` somewhere
        does not make every reader of a library `Any` stale."""
        kind = (
            searches.SearchKind.ATTR_SINK_STORES if sinks_only else searches.SearchKind.ATTR_STORES
        )
        self.searched(searches.Search(kind, name))
        self.project.reads.searched(name)
        got = self._attr_stores.get(name)
        if got is not None:
            return got
        out: list[AttrStore] = []
        word = name.encode(errors="surrogateescape")
        for path in self._text_index().attr_stored.get(word, ()):
            data = self.project.raw(path, keep=False)
            for at, prefix, by_setattr in searches.attr_stores_of(name, data):
                out.append(
                    AttrStore(
                        path=path,
                        line=data.count(b"\n", 0, at) + 1,
                        top=searches.enclosing_top(data, at),
                        offset=at,
                        prefix=prefix.decode(errors="surrogateescape"),
                        by_setattr=by_setattr,
                    )
                )
        self._attr_stores[name] = out
        return out

    def instance_calls(self, registrar: str) -> list[tuple[str, str | None, int]]:
        """The calls of method `registrar` (`Owner.method`) on receivers other than its class
        (`searches.calls_on_instances`), by text, in path order: (path, the function holding
        it as `searches.enclosing_def` names it, 0-based line). A search the cache records
        (`SearchKind.RECEIVER_CALLS`)."""
        self.searched(searches.Search(searches.SearchKind.RECEIVER_CALLS, registrar))
        owner, _, method = registrar.rpartition(".")
        self.project.reads.searched(owner, method)
        out: list[tuple[str, str | None, int]] = []
        for path in self._holding(method.encode(errors="surrogateescape")):
            data = self.project.raw(path, keep=False)
            for at in searches.calls_on_instances(registrar, data):
                self.tracker.touch(path)
                out.append((path, searches.enclosing_def(data, at), data.count(b"\n", 0, at)))
        return out

    def _holding(self, word: bytes) -> list[str]:
        """The project's files (in path order) holding `word`: a registrar's calls by name
        (`callers_by_text`), then on instances (`instance_calls`), from one read of the
        project, not one each."""
        got = self._holding_word.get(word)
        if got is None:
            got = self._holding_word[word] = [
                path
                for path in sorted(self.project.files)
                if word in self.project.raw(path, keep=False)
            ]
        return got

    def store_statements(self, site: AttrStore) -> list[ast.stmt] | None:
        """CPython's tree of the statement(s) on a store's line (`searches.line_statements`),
        asked only of the stores into a name a launch reads."""
        return searches.line_statements(self.project.raw(site.path), site.offset)

    def stored_in(self, path: str, name: str) -> bool:
        """Whether the scan found a store into a container of word `name` in file `path`
        (`searches.stored_words`): where it did not, no function of the file stores its
        parameter in it (`keyed_stores`)."""
        return path in self._text_index().stored.get(name.encode(errors="surrogateescape"), ())

    def store_function(self, site: StoreSite) -> str | None:
        """The function holding a store (`searches.enclosing_def`), asked only where it
        matters (a walk back over the lines of the function)."""
        return searches.enclosing_def(self.project.raw(site.path), site.offset)

    def store_bound_locally(self, site: StoreSite, name: str) -> bool:
        """Whether the function holding a store of bare `name` binds the name itself
        (`searches.bound_locally`): the store is into that local, not a container."""
        return searches.bound_locally(self.project.raw(site.path), site.offset, name)

    def receiver_calls(self, path: str, owner: str, method: str) -> list[tuple[str, int]]:
        """The methods of class `owner` in module `path` calling its method `method` (given
        qualified) on their receiver (`cls.register(`, `self.register(`), by text: (the
        caller's qualified name, the 0-based line of its first such call)."""
        self.tracker.touch(path)
        data = self.project.raw(path)
        short = method.rpartition(".")[2]
        out: list[tuple[str, int]] = []
        seen: set[str] = set()
        for receiver in ("cls", "self"):
            for at in searches.calls_of(f"{receiver}.{short}", data):
                qual = searches.enclosing_def(data, at)
                if qual and qual.partition(".")[0] == owner and qual not in seen:
                    seen.add(qual)
                    out.append((qual, data.count(b"\n", 0, at)))
        return out

    def _text_index(self) -> TextIndex:
        """One byte scan of the project (`TextIndex`), made the first time a search by name is
        asked (~1 s CPU on the 2.3 M-line corpus: on a cold run with a spare core, shared with
        a child forked as the analysis started, `run.textindex.IndexStore.scan_beside`)."""
        index = self._index
        if index is None:
            kept = self.prior() if self.prior is not None else None
            index = self._index = TextIndex()
            todo = sorted(self.project.files) if kept is None else kept[1]
            for path in todo:
                # (Passed, not bound: a file's bytes are let go before the next file's are read,
                # which the allocator then puts in their place. Two alive at once grew the
                # process by 11 MB on the corpus.)
                self._index_file(index, path, self.project.raw(path, keep=False))
            if kept is not None:
                # (The files scanned now added to the files an earlier run's scan stands for.)
                kept[0].add(index)
                index = self._index = kept[0]
        return index

    def built_index(self) -> TextIndex | None:
        """The index, if a search made it in this run."""
        return self._index

    def _index_file(self, index: TextIndex, path: str, data: bytes) -> None:
        if self.reading is not None:
            self.reading(path, data)
        index_file(index, path, data)


def scan_index(project: Project, paths: Iterable[str]) -> TextIndex:
    """The text index of `paths` (in path order), as `Hierarchy._text_index` scans them: made
    beside the analysis by a forked child on a cold run (`run.textindex.IndexBeside`)."""
    index = TextIndex()
    for path in paths:
        index_file(index, path, project.raw(path, keep=False))
    return index


def index_file(index: TextIndex, path: str, data: bytes) -> None:
    """Add one file's entries to `index` (files are added in path order)."""
    protocol = False
    for cls, bases in searches.class_statements(data):
        for base in bases:
            index.subclasses.setdefault(base, []).append((path, cls))
        protocol = protocol or "Protocol" in bases
    if protocol:
        index.protocol_defs[path] = searches.defined_names(data)
    for word in searches.decorator_words(data):
        index.decorated.setdefault(word, []).append(path)
    for word in searches.stored_words(data):
        index.stored.setdefault(word, []).append(path)
    for word in searches.attr_stored_words(data):
        index.attr_stored.setdefault(word, []).append(path)
    for word in searches.moved_words(data):
        index.moved.setdefault(word, []).append(path)


# A class by its file and name, as the text index finds it.
_Class: TypeAlias = tuple[str, str]


class _Walk:
    """The classes a walk by base-class names found from one (`Hierarchy.descendants`)."""

    __slots__ = ("found", "ids", "named", "reached", "under")

    def __init__(self, root: _Class, cid: FuncId) -> None:
        # The root's id, which its name alone does not give for a nested class (`Outer.Inner`).
        self.ids = {root: cid}
        self.found: list[_Class] = []  # (in the order found)
        # The walked classes of each name: a class found under a name (naming it among its
        # bases) may derive from any of them.
        self.named: dict[str, list[_Class]] = {root[1]: [root]}
        self.under: dict[_Class, list[str]] = {root: []}  # the names each was found under
        # Whether a class derives (or may derive) from the root through the walk's classes.
        self.reached: dict[_Class, bool] = {root: True}

    def add(self, node: _Class, name: str) -> bool:
        """`node` names `name` among its bases: whether it is new to the walk."""
        under = self.under.get(node)
        if under is not None:
            under.append(name)
            return False
        self.under[node] = [name]
        self.found.append(node)
        self.named.setdefault(node[1], []).append(node)
        return True

    def parents(self, node: _Class) -> Iterator[_Class]:
        """The classes of the walk `node` names among its bases, by name."""
        for name in self.under[node]:
            yield from self.named.get(name, ())


_WORD_OR_DOT = lazy_compile(rb"[\w.]")


def _unprefixed(pattern: re.Pattern[bytes], data: bytes) -> bool:
    r"""Whether `pattern` matches in `data` where no word character or dot precedes it: the
    regex `(?<![\w.])` + pattern, without the lookbehind at its start, which made the regex
    engine try every position of the text (0.18 s of a pre-commit run on a 13,000-line module);
    a literal start is searched for in C."""
    pos = 0
    while (m := pattern.search(data, pos)) is not None:
        start = m.start()
        if not start or _WORD_OR_DOT.match(data, start - 1) is None:
            return True
        pos = start + 1
    return False


def _store_site(
    path: str,
    data: bytes,
    at: int,
    prefix: bytes,
    form: searches.StoreForm,
    imports_it: bool,
    aliased: bool,
) -> StoreSite:
    """A store or move found by text at offset `at` of file `path` (`container_stores`,
    `moves`); `imports_it` counts only for a bare name."""
    return StoreSite(
        path=path,
        offset=at,
        line=data.count(b"\n", 0, at) + 1,
        top=searches.enclosing_top(data, at),
        prefix=prefix.decode(errors="surrogateescape"),
        form=form,
        imports_it=imports_it and not prefix,
        aliased=aliased,
    )
