"""The files a few files' results can depend on: their import closure, read from the text.

A launch site's value, a wrapper it calls, a class whose method it calls: the resolver reaches all
of them through imports (a module reference only ever comes from an import statement, or from an
attribute of a package naming its submodule). So a file's results depend only on the files its
imports lead to, transitively, and a small report scope (a pre-commit hook passing one module, an
editor saving one buffer) need not analyse the rest of the project.

Read by regex, generously: an import in a docstring or a dead branch only adds a file. A
package's submodule is added when any file of the cone reads its name as an attribute
(`pkg.sub.X`). The engine also checks the resolver's own reads against the cone and grows it
where this reading fell short (see `engine`).
"""

from __future__ import annotations

import posixpath
import re
import weakref
from collections.abc import Callable, Iterable
from typing import NamedTuple

from frontier_lint.frontend.project import Project
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.prefilter import import_statements

_DOTTED = lazy_compile(r"[\w.]+")
_ATTRIBUTE = lazy_compile(rb"\.[ \t]*(\w+)")


def attributes(data: bytes) -> set[bytes]:
    """The names a file reads as attributes (`x.name`), where a package's submodule can hide."""
    return set(_ATTRIBUTE.findall(data))


def imported(text: str, path: str, project: Project) -> set[str]:
    """The project modules (files or namespace directories) `text`'s imports can reach, with
    their parent packages."""
    return _resolved(import_statements(text), path, project)


def _resolved(
    statements: Iterable[tuple[str | None, str]], path: str, project: Project
) -> set[str]:
    found: set[str] = set()
    for base, names in statements:
        if base is not None:
            found.update(_from_import(project, base, names, path))
            continue
        for dotted in _DOTTED.findall(names):
            if dotted != "as":
                found.update(_absolute(project, dotted, path))
    return found


def from_import_targets(project: Project, base: str, path: str) -> set[str]:
    """The project modules `from base import ...` in `path` can import from (with the
    packages its dots pass through)."""
    return _from_import(project, base, "", path)


def _from_import(project: Project, base: str, names_text: str, path: str) -> set[str]:
    """`from base import names`: the module, its parent packages, and names that are modules."""
    found: set[str] = set()
    level = len(base) - len(base.lstrip("."))
    dotted = base[level:]
    names = [n for n in _DOTTED.findall(names_text) if n != "as"]
    if level:
        target = project.resolve_relative(dotted, level, path)
        targets = {target} if target is not None else set()
        # Parent packages up to the one the dots name (`from ..a.b import x`).
        parts = dotted.split(".") if dotted else []
        for i in range(len(parts)):
            t = project.resolve_relative(".".join(parts[:i]), level, path)
            if t is not None:
                targets.add(t)
    else:
        targets = _absolute(project, dotted, path)
    found.update(targets)
    if names:
        for t in targets:
            found.update(project.submodules(t, names))
    return found


def _absolute(project: Project, dotted: str, path: str) -> set[str]:
    """`import a.b.c`: a, a.b and a.b.c as the resolver would find them from `path`."""
    parts = dotted.split(".")
    out: set[str] = set()
    for i in range(1, len(parts) + 1):
        t = project.resolve_absolute(".".join(parts[:i]), path)
        if t is not None:
            out.add(t)
    return out


def _children(project: Project) -> dict[str, list[tuple[bytes, str]]]:
    """Package directory -> (name, module) of each module or package directly in it."""
    children: dict[str, list[tuple[bytes, str]]] = {}
    for f in project.files:
        d, base = posixpath.split(f)
        if base.endswith(".py") and base != "__init__.py":
            children.setdefault(d, []).append((base[:-3].encode(errors="surrogateescape"), f))
    for d in project.directories():
        parent, name = posixpath.split(d)
        children.setdefault(parent, []).append((name.encode(errors="surrogateescape"), d))
    return children


def closure(project: Project, start: Iterable[str]) -> set[str]:
    """`start` and every project file its imports can lead to, transitively."""
    children = _children(project)
    cone: set[str] = set()
    todo = [p for p in start if p in project.files]
    seen_words: set[bytes] = set()
    packages: set[str] = set()  # package directories in the cone
    protocols: list[frozenset[bytes]] = []  # the methods of the protocols the cone defines
    while todo:
        batch, todo = todo, []
        for path in batch:
            if path in cone:
                continue
            cone.add(path)
            if not path.endswith(".py"):
                packages.add(path)  # a package's directory: its __init__ and submodules
                init = f"{path}/__init__.py" if path else "__init__.py"
                if init in project.files and init not in cone:
                    todo.append(init)
                continue
            if path.endswith("/__init__.py"):
                packages.add(path[: -len("/__init__.py")])
            data = project.raw(path)
            seen_words |= attributes(data)
            protocols.extend(_protocol_methods(data))
            text = data.decode("utf-8", "replace")
            todo.extend(t for t in imported(text, path, project) if t not in cone)
        # Submodules read as attributes anywhere in the cone (`pkg.sub.X` after `import pkg`).
        for d in sorted(packages):
            for name, module in children.get(d, ()):
                if name in seen_words and module not in cone:
                    todo.append(module)
        if not todo and protocols:
            # A protocol's implementers by structure, which import nothing of it: the resolver
            # runs a call through the protocol as they define the method.
            implements, protocols = _implements(protocols), []
            todo = [p for p in sorted(project.files - cone) if implements(project.raw(p))]
    return {p for p in cone if p in project.files}


# What a file names that the resolver looks up across the project by name alone: the bases of
# its classes (a class's methods run as its subclasses implement or override them) and its
# decorators (a registering decorator's module holds what it decorates). (Patterns start with
# a literal where they can: CPython's `re` then skips ahead to it.)
_BASES = lazy_compile(rb"class[ \t]+\w+[ \t]*\(([^)]*)\)")
_DECORATOR = lazy_compile(rb"@[ \t]*([A-Za-z_][\w.]*)")
_WORD = lazy_compile(rb"\w+")
_RELATIVE = lazy_compile(rb"from[ \t]+\.")
# A Protocol class statement, its body up to the next top-level line, and the defs in it.
_PROTOCOL = lazy_compile(
    rb"^class[ \t]+\w+[ \t]*\([^)]*\bProtocol\b[^)]*\)[^\n]*\n((?:[ \t]+[^\n]*\n|\n)*)", re.M
)
_DEF = lazy_compile(rb"def[ \t]+(\w+)")


def _protocol_methods(data: bytes) -> list[frozenset[bytes]]:
    """The method names of each module-level `typing.Protocol` class in a text (by text)."""
    if b"Protocol" not in data:
        return []
    out = []
    for m in _PROTOCOL.finditer(data):
        names = frozenset(_DEF.findall(m.group(1)))
        if names:
            out.append(names)
    return out


def _implements(protocols: list[frozenset[bytes]]) -> Callable[[bytes], bool]:
    """Whether a text defines every method of one of `protocols` (a structural implementer)."""
    tests = [
        [re.compile(rb"def[ \t]+" + re.escape(n) + rb"\b") for n in sorted(names)]
        for names in protocols
    ]
    return lambda data: any(all(t.search(data) for t in ts) for ts in tests)


# Above this many words, one regex finds any of them faster than a substring test each.
_MANY_WORDS = 16


class _Reads(NamedTuple):  # (not a dataclass: created at every start-up, ~1 ms)
    """What one file's imports say about the modules it can read."""

    edges: frozenset[str]  # the project files its imports lead to (`closure`'s first step)
    words: frozenset[bytes]  # the module names in its imports or read as attributes


class Dependents:
    """The reverse of `closure`: the files whose results can depend on given files.

    A run on a few files reports every flow through them, wherever it launches, so it must
    analyse the files that read them: the files that import them (`closure`'s reading turned
    around: importers, through re-exporting packages, relative imports, `import pkg` and then
    `pkg.mod.X`), transitively; and, against the grain of the imports, the files defining a
    class they derive from or a decorator they use (the resolver finds subclasses and
    registered classes by name across the project, so those files read them), and the files
    defining every method of a `typing.Protocol` they define (its implementers by structure,
    which the resolver finds by text too).

    Found a step per round from the text: a file can import a module only by naming it (or,
    relatively, its package), so a round reads every file but resolves the imports of those
    that name one of the last round's files. Generous like `closure`: an import in prose or a
    shared name only adds a file. Not seen: a module object handed to another module's
    function (`helper(pkg.sub)`), which the resolver does not follow either.
    """

    # The text of a project up to this size is kept between rounds (read once).
    KEEP_BYTES = 32_000_000

    def __init__(self, project: Project) -> None:
        self.project = project
        self._children = _children(project)
        self._modules = {name for kids in self._children.values() for name, _ in kids}
        self._reads: dict[str, _Reads] = {}
        self._kept: dict[str, bytes] = {}  # during one `of`
        self._size = 0

    def of(self, start: Iterable[str], limit: float | None = None) -> set[str] | None:
        """`start` and every project file whose results can depend on them, transitively;
        None once they are `limit` files or more."""
        project = self.project
        files = sorted(project.files)
        found = {p for p in start if p in project.files}
        batch = set(found)
        while batch:
            stems = {_stem(p) for p in batch} - {b""}
            names: set[bytes] = set()
            protocols: list[frozenset[bytes]] = []
            for path in batch:
                data = self._raw(path)
                protocols.extend(_protocol_methods(data))
                for pattern in (_BASES, _DECORATOR):
                    for m in pattern.finditer(data):
                        names.update(_WORD.findall(m.group(1)))
            mentions = _mentions(stems)
            defines = _definitions(names)
            implements = _implements(protocols)
            packages = {
                project.package_dir(p)
                for p in found
                if p == "__init__.py" or p.endswith("/__init__.py")
            }
            new: set[str] = set()
            for path in files:
                if path in found:
                    continue
                data = self._raw(path)
                if any(d(data) for d in defines):
                    new.add(path)  # defines a base class or a decorator of the last round's
                    continue
                if protocols and implements(data):
                    new.add(path)  # may implement a protocol of the last round's (by structure)
                    continue
                if b"Protocol" in data and any(
                    _implements([ms])(self._raw(b)) for ms in _protocol_methods(data) for b in batch
                ):
                    new.add(path)  # defines a protocol the last round's files implement
                    continue
                relative = _inside(path, packages) and _RELATIVE.search(data) is not None
                if not (relative or mentions(data)):
                    continue
                reads = self._reads_of(path, data)
                if (relative or reads.words & stems) and reads.edges & found:
                    new.add(path)
            found |= new
            if limit is not None and len(found) >= limit:
                break
            batch = new
        self._kept.clear()
        self._size = 0
        return found if limit is None or len(found) < limit else None

    def _raw(self, path: str) -> bytes:
        data = self._kept.get(path)
        if data is None:
            data = self.project.raw(path)
            if self._size + len(data) <= self.KEEP_BYTES:
                self._kept[path] = data
                self._size += len(data)
        return data

    def _reads_of(self, path: str, data: bytes) -> _Reads:
        got = self._reads.get(path)
        if got is not None:
            return got
        statements = import_statements(data.decode("utf-8", "replace"))
        words = attributes(data)
        for base, names in statements:
            words.update(_WORD.findall(f"{base or ''} {names}".encode(errors="surrogateescape")))
        edges = _resolved(statements, path, self.project)
        todo = sorted(edges)
        while todo:  # submodules read as attributes of an imported package (`pkg.sub.X`)
            module = todo.pop()
            if not self.project.is_package(module):
                continue
            for name, child in self._children.get(self.project.package_dir(module), ()):
                if name in words and child not in edges:
                    edges.add(child)
                    todo.append(child)
                    init = f"{child}/__init__.py"
                    if init in self.project.files:
                        edges.add(init)
        got = self._reads[path] = _Reads(frozenset(edges), frozenset(words & self._modules))
        return got


def _mentions(words: set[bytes]) -> Callable[[bytes], bool]:
    """Whether a text contains one of `words` (as a substring: generous)."""
    if len(words) > _MANY_WORDS:
        found = re.compile(b"|".join(re.escape(w) for w in sorted(words))).search
        return lambda data: found(data) is not None
    return lambda data: any(w in data for w in words)


def _definitions(names: set[bytes]) -> list[Callable[[bytes], bool]]:
    """Tests for a text defining a class (at any depth) or a top-level function named one of
    `names` (where the resolver looks for subclasses and registrars)."""
    if not names:
        return []
    alternatives = b"|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    name = rb"[ \t]+(?:" + alternatives + rb")(?!\w)"
    cls = re.compile(rb"class" + name)
    function = re.compile(rb"(?:async[ \t]+)?def" + name)
    top = re.compile(rb"\n(?:async[ \t]+)?def" + name)
    return [
        lambda data: cls.search(data) is not None,
        lambda data: function.match(data) is not None or top.search(data) is not None,
    ]


def module_name(path: str) -> str:
    """The name a module is imported by: its file's, or its package directory's."""
    d, base = posixpath.split(path)
    if base == "__init__.py":
        return posixpath.basename(d)
    return base.removesuffix(".py")


def _stem(path: str) -> bytes:
    return module_name(path).encode(errors="surrogateescape")


def _inside(path: str, packages: set[str]) -> bool:
    d = posixpath.dirname(path)
    while packages:
        if d in packages:
            return True
        if not d:
            return False
        d = posixpath.dirname(d)
    return False


_GRAPHS: weakref.WeakKeyDictionary[Project, Dependents] = weakref.WeakKeyDictionary()


def dependents(
    project: Project, start: Iterable[str], limit: float | None = None
) -> set[str] | None:
    """`start` and every project file whose results can depend on them (see `Dependents`);
    None once they are `limit` files or more. Each file's imports are read once per `Project`."""
    graph = _GRAPHS.get(project)
    if graph is None:
        graph = _GRAPHS[project] = Dependents(project)
    return graph.of(start, limit)
