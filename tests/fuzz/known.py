"""Failure classes already known (issue 15), so the suite can land before their fixes.

A failure whose invariant and signature match a class here is reported (the test is marked
xfail, naming the class, the cases and their reproducers) instead of failing the run; any other
failure fails it. Classes are matched on what the failure looks like, never on case ids, so a
class that a fix removes simply stops appearing. Once the fixes are merged, run the suite with
`FRONTIER_LINT_FUZZ_KNOWN=none` (and a long budget): what still fails is still broken; delete
the classes that no longer appear, so that they fail the suite if they ever come back.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.fuzz.cases import Case, Node
from tests.fuzz.invariants import Invariant, Violation


class Area:
    """Issue 15's areas, for the lead's cross-check."""

    ENGINE = "engine containment / parse safety (items 1-2)"
    FAIL_CLOSED = "fail closed (item 3)"
    FILES = "files (item 4)"
    LSP = "language server (item 7)"


@dataclass(frozen=True)
class KnownClass:
    name: str
    area: str
    invariants: frozenset[Invariant]
    signature: str  # a regular expression searched in the violation's signature and detail
    note: str = ""  # ... and in the case's description
    # ... and a property of the input, where the failure's text cannot tell the class
    shape: Callable[[Case], bool] | None = None

    def matches(self, case: Case, violation: Violation) -> bool:
        if violation.invariant not in self.invariants:
            return False
        text = f"{violation.signature}\n{violation.detail}"
        if not re.search(self.signature, text):
            return False
        if self.shape is not None and not self.shape(case):
            return False
        return not self.note or re.search(self.note, f"{case.note} {case.id}") is not None


def has_long_line(case: Case, length: int) -> bool:
    """A file with a line of `length` bytes or more (a huge expression, a long literal)."""
    return any(len(line) >= length for e in case.entries for line in e.data.splitlines())


def names_a_special_file(case: Case) -> bool:
    """A FIFO, or a symlink to a device, named on the command line."""
    special = {
        e.path
        for e in case.entries
        if e.node is Node.FIFO or (e.node is Node.SYMLINK and e.target.startswith(b"/dev/"))
    }
    return any(p in special for p in case.named)


def _launches(source: str) -> bool:
    return re.search(r"\b(_fz_sp|subprocess)\.\w+\(", source) is not None


def _functions(tree: ast.AST) -> list[tuple[list[ast.stmt], int]]:
    """(statements of a body, index) of every function definition in it."""
    out = []
    for node in ast.walk(tree):
        for body in (getattr(node, f, None) for f in ("body", "orelse", "finalbody")):
            if isinstance(body, list):
                for i, stmt in enumerate(body):
                    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                        out.append((body, i))
    return out


def launch_in_shadowed_definition(case: Case) -> bool:
    """A launch inside a def or class that a later statement of the same body defines again
    under the same name."""
    for e in case.entries:
        try:
            tree = ast.parse(e.data)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for body, i in _functions(tree):
            node = body[i]
            assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            later = {
                s.name
                for s in body[i + 1 :]
                if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            }
            if node.name in later and _launches(ast.unparse(node)):
                return True
    return False


def launch_in_local_class(case: Case) -> bool:
    """A class that launches, defined inside a function."""
    for e in case.entries:
        try:
            tree = ast.parse(e.data)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = (n for n in ast.walk(node) if isinstance(n, ast.ClassDef))
                if any(_launches(ast.unparse(c)) for c in inner):
                    return True
    return False


_CLI = frozenset({Invariant.EXIT, Invariant.TRACEBACK, Invariant.SIGNAL, Invariant.TIME})

KNOWN: tuple[KnownClass, ...] = (
    # Not in issue 15's list: a launch in a def that a later def of the same name replaces
    # (`@app.get("/a") def handler` then `@app.get("/b") def handler`) is no launch site at all.
    KnownClass(
        "launch-in-redefined-function-invisible",
        Area.FAIL_CLOSED,
        frozenset({Invariant.FAIL_CLOSED}),
        r"launch of",
        shape=launch_in_shadowed_definition,
    ),
    # Not in issue 15's list: a launch in a method of a class defined inside a function is
    # no launch site at all.
    KnownClass(
        "launch-in-local-class-invisible",
        Area.FAIL_CLOSED,
        frozenset({Invariant.FAIL_CLOSED}),
        r"`class-attribute` launch",
        shape=launch_in_local_class,
    ),
)


def classify(case: Case, violation: Violation) -> KnownClass | None:
    return next((k for k in KNOWN if k.matches(case, violation)), None)
