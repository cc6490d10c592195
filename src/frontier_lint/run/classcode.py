"""The code `dataclasses` generates for a class, remembered between runs of the command.

`@dataclass` writes each method it adds (`__init__`, `__repr__`, `__eq__`, `__setattr__`, ...)
as source text and compiles it with `exec`: for libcst's ~200 node classes and the analysis's
own ~70 that is half of importing them, ~0.1 s CPU of a run that answers an edit (session 17).
While installed (`install`, by the command line's entry point) the `dataclasses` module's `exec`
is `_exec`: a text compiled on an earlier run is executed as the code object compiled from it
then (the same text, compiled the same way by the same interpreter: the same code), any other
text is compiled as `exec` would and noted. What the process compiled is saved as it exits.

The code objects are kept in the user's cache directory, next to the machine key, as
`settings.memo` keeps parsed inputs (`marshal` data under an HMAC of the machine key: a file
this user's tool did not write is never read, and marshal never sees bytes it did not
produce), one file per top-level package of the classes' modules (a run answered from memory
loads only the tool's own) and per interpreter (its version, build, bytecode tag and
optimisation level are in the file's name and stamp: another interpreter never reads it).
Anything wrong (no key, an unreadable, foreign or stale file) means the texts are compiled as
before; a file that cannot be written is no error.

(`re`'s compiled patterns were tried the same way and left: the analysis compiles patterns of
the project's names, new on most runs, so the table grew, was saved on every run, and its load
cost about what it saved.)
"""

from __future__ import annotations

import os
import sys
from typing import Any

# Bumped when what a file holds changes shape.
FORMAT = 1
# A table holding more texts than this was filled by many versions of the classes (a text is
# never stale, only unused): it is saved again with only the texts this process used. (libcst's
# are ~620, ~0.75 MB; `settings.memo` reads no file over 8 MB.)
MAX_TEXTS = 5_000


class _Table:
    """One package's code objects: as loaded, those used, and those compiled by this process."""

    __slots__ = ("codes", "new", "used")

    def __init__(self) -> None:
        self.codes: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.used: set[str] = set()


_tables: dict[str, _Table] = {}
# The process that installed `_exec` (0: not installed): only it saves (forked children
# inherit the hook and exit without saving).
_owner = 0
# A table is being loaded (`_table`).
_loading = False
# The `__future__` flags of `dataclasses`' code (`install`).
_flags = 0


def install() -> None:
    """Let `dataclasses` take remembered code (CPython only; a no-op when installed)."""
    global _owner
    import dataclasses

    if _owner or sys.implementation.name != "cpython" or "exec" in vars(dataclasses):
        return
    import __future__

    global _flags
    # `exec` of a text compiles it with the `__future__` features of the code calling it:
    # those of `dataclasses` (none in 3.11-3.13), compiled with here.
    features = 0
    for name in __future__.all_feature_names:
        features |= getattr(__future__, name).compiler_flag
    _flags = dataclasses.dataclass.__code__.co_flags & features
    # (A module global named `exec` is what the module's code finds before the builtin.)
    setattr(dataclasses, "exec", _exec)  # noqa: B010
    _owner = os.getpid()
    import atexit

    atexit.register(save)


def uninstall() -> None:
    """Give `dataclasses` back the builtin `exec`, forgetting what was loaded or compiled."""
    global _owner
    import dataclasses

    if vars(dataclasses).get("exec") is _exec:
        delattr(dataclasses, "exec")
    _owner = 0
    _tables.clear()


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **kw: Any) -> None:
    if type(source) is str and type(globals) is dict:
        package = str(globals.get("__name__", "")).partition(".")[0]
        if package.isidentifier():
            table = _table(package)
            code = table.codes.get(source)
            if code is None:
                code = table.new.get(source)
                if code is None:
                    # (What `exec` of the text does.)
                    code = compile(source, "<string>", "exec", _flags, dont_inherit=True)
                    table.new[source] = code
            else:
                table.used.add(source)
            source = code
    # (Not a launch: the text is a method `dataclasses` wrote for a class.)
    exec(source, globals, locals, **kw)  # frontier-lint: allow[FL200] -- dataclasses' own code


def _table(package: str) -> _Table:
    global _loading
    table = _tables.get(package)
    if table is not None:
        return table
    if _loading:
        # (The classes the imports of a table's loading make are compiled as before, and
        # not kept.)
        return _Table()
    table = _tables[package] = _Table()
    _loading = True
    try:
        place = _path(package)
        if place is not None:
            from frontier_lint.settings.memo import load

            found = load(*place, f"{_interpreter()}\0{package}")
            if found is not None and type(found[0]) is dict:
                table.codes = found[0]
    except Exception:
        # Whatever goes wrong, the classes are made as before; the table is loaded on a
        # later call (an import of the machine key's module under way raises here).
        del _tables[package]
        return _Table()
    finally:
        _loading = False
    return table


def _interpreter() -> str:
    return "\0".join(
        (
            str(FORMAT),
            sys.version,
            str(sys.implementation.cache_tag),
            str(sys.flags.optimize),
            str(_flags),
        )
    )


def _path(package: str) -> tuple[str, bytes] | None:
    """The file of a package's code objects and the machine key (None: nothing is kept)."""
    import hashlib

    from frontier_lint.run.keys import key_dir, machine_key

    directory = key_dir()
    key = machine_key()
    if directory is None or key is None:
        return None
    build = hashlib.sha256(_interpreter().encode()).hexdigest()[:16]
    return os.path.join(directory, f"classcode-{package}-{build}.bin"), key


def save() -> None:
    """Save what this process compiled, with what was kept (run as the process exits)."""
    if _owner != os.getpid():
        return
    from frontier_lint.settings.memo import store

    for package, table in list(_tables.items()):
        if not table.new:
            continue
        kept = table.codes
        if len(kept) + len(table.new) > MAX_TEXTS:
            kept = {text: kept[text] for text in table.used}
        table.codes = {**kept, **table.new}
        table.new = {}
        try:
            place = _path(package)
            if place is not None:
                store(*place, f"{_interpreter()}\0{package}", table.codes)
        except Exception:  # (an exit handler: nothing kept is no error)
            return
