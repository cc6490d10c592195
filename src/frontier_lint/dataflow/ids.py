"""How the analysis names what a project defines: `FuncId`.

A function, a method, a class, or a stretch of a module's top-level code is named by its file
and its qualified name (`Runner.start`, `Runner`, `<module>@3`). Its string form,
`path:qualname`, is what leaves the analysis (the cache, the engine's per-file entries);
`FuncId.parse` reads it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

INIT = "__init__"
# Qualified names of module-level code (`<module>`, `<module>@3` for one top-level statement).
MODULE_CODE = "<module>"
# A top-level def that a later def of the same name shadows: `handler@3`, its chunk's index
# (still reachable: a decorator may have registered it, code before the redefinition call it).
SHADOWED = "@"


@dataclass(frozen=True, slots=True)
class FuncId:
    """A project function, method or class (or module-level code): its file and qualified name.

    Not ordered on purpose: where ids are sorted, their string form is (what the cache stores)."""

    path: str
    qualname: str

    def __str__(self) -> str:
        return f"{self.path}:{self.qualname}"

    @staticmethod
    def parse(text: str) -> FuncId:
        """The id whose string form is `text` (a qualified name holds no ':'; a path may)."""
        path, _, qualname = text.rpartition(":")
        return FuncId(path, qualname)

    @property
    def name(self) -> str:
        """The last part of the qualified name (`start` of `Runner.start`)."""
        return self.qualname.rpartition(".")[2]

    def member(self, name: str) -> FuncId:
        """A method (or nested class) of this class."""
        return FuncId(self.path, f"{self.qualname}.{name}")

    @property
    def init(self) -> FuncId:
        """The constructor of this class."""
        return self.member(INIT)

    @property
    def is_init(self) -> bool:
        return self.qualname.endswith("." + INIT)

    @property
    def parent(self) -> FuncId:
        """The class a method belongs to (`Runner` of `Runner.__init__`)."""
        return FuncId(self.path, self.qualname.rpartition(".")[0])

    @property
    def is_module_code(self) -> bool:
        return self.qualname.startswith(MODULE_CODE)


# A launch through a constructor's arguments waits for a call of its method on an instance made
# at one constructor call (`Runner(["claude"])`): keyed by both, so that a call on an instance
# made by another constructor call (`Runner(["git"]).run()`) leaves it reported.
MADE_AT = " made at "
# `made_at` of a call on an instance whose constructor call is not known.
UNKNOWN_INSTANCE = "?"


def pending_key(method: FuncId, made_at: str | None) -> str:
    """What a launch through a constructor waits for, as `FunctionResults.calls` and the
    cache's `calls` / `open_findings` entries name it: a call of `method`, on an instance made
    at the constructor call `made_at` (`path:line:column`) if known."""
    return str(method) if made_at is None else f"{method}{MADE_AT}{made_at}"


@dataclass(frozen=True)
class Called:
    """The calls the project makes of methods whose launches wait for a constructor's
    arguments or their callers (each a `pending_key`), and what they answer."""

    keys: frozenset[str]
    methods: frozenset[str]  # the methods called, on whatever instance

    @staticmethod
    def of(keys: Iterable[str]) -> Called:
        got = frozenset(keys)
        return Called(got, frozenset(k.partition(MADE_AT)[0] for k in got))

    def answers(self, key: str) -> bool:
        """Whether what waits for `key` is answered: for one constructor call's instance, by
        a call on that instance or one answering for every instance (on `self` in another
        method of the class: `pending_key` without `made_at`); else by any call of the
        method."""
        method, _, made_at = key.partition(MADE_AT)
        if made_at:
            return key in self.keys or method in self.keys
        return method in self.methods
