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
from collections.abc import Iterable

from frontier_lint.prefilter import import_statements
from frontier_lint.project import Project

_DOTTED = re.compile(r"[\w.]+")
_ATTRIBUTE = re.compile(rb"\.[ \t]*(\w+)")


def attributes(data: bytes) -> set[bytes]:
    """The names a file reads as attributes (`x.name`), where a package's submodule can hide."""
    return set(_ATTRIBUTE.findall(data))


def imported(text: str, path: str, project: Project) -> set[str]:
    """The project modules (files or namespace directories) `text`'s imports can reach, with
    their parent packages."""
    found: set[str] = set()
    for base, names in import_statements(text):
        if base is not None:
            found.update(_from_import(project, base, names, path))
            continue
        for dotted in _DOTTED.findall(names):
            if dotted != "as":
                found.update(_absolute(project, dotted, path))
    return found


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
    for t in list(targets):
        for name in names:
            sub = project.submodule(t, name)
            if sub is not None:
                found.add(sub)
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


def closure(project: Project, start: Iterable[str]) -> set[str]:
    """`start` and every project file its imports can lead to, transitively."""
    children: dict[str, list[tuple[bytes, str]]] = {}  # package dir -> (name, module)
    for f in project.files:
        d, base = posixpath.split(f)
        if base.endswith(".py") and base != "__init__.py":
            children.setdefault(d, []).append((base[:-3].encode(), f))
    for d in project.directories():
        parent, name = posixpath.split(d)
        children.setdefault(parent, []).append((name.encode(), d))
    cone: set[str] = set()
    todo = [p for p in start if p in project.files]
    seen_words: set[bytes] = set()
    packages: set[str] = set()  # package directories in the cone
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
            text = data.decode("utf-8", "replace")
            todo.extend(t for t in imported(text, path, project) if t not in cone)
        # Submodules read as attributes anywhere in the cone (`pkg.sub.X` after `import pkg`).
        for d in sorted(packages):
            for name, module in children.get(d, ()):
                if name in seen_words and module not in cone:
                    todo.append(module)
    return {p for p in cone if p in project.files}
