"""Failure classes already known (issue 15), so the suite can land before their fixes.

A failure whose invariant and signature match a class here is reported (the test is marked
xfail, naming the class, the cases and their reproducers) instead of failing the run; any other
failure fails it. Classes are matched on what the failure looks like, never on case ids, so a
class that a fix removes simply stops appearing. Once the fixes are merged, run the suite with
`FRONTIER_LINT_FUZZ_KNOWN=none` (and a long budget): what still fails is still broken; delete
the classes that no longer appear, so that they fail the suite if they ever come back.
"""

from __future__ import annotations

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


_CLI = frozenset({Invariant.EXIT, Invariant.TRACEBACK, Invariant.SIGNAL, Invariant.TIME})

# Every class found so far is fixed; a new one is added here (with its reproducer) only while
# its fix is under way.
KNOWN: tuple[KnownClass, ...] = ()


def classify(case: Case, violation: Violation) -> KnownClass | None:
    return next((k for k in KNOWN if k.matches(case, violation)), None)
