"""Shrinking a failing case to a small reproducer, where Hypothesis does not do it for us.

Greedy delta debugging over lines: remove chunks of lines from each file (halving the chunk
size down to one line) while the case still fails the same way (same invariant and signature
on the command line). Deterministic; each step is one or two runs of the command. For a launch
judged clean, the spliced fragment's lines (`_fz_` names) are kept and every candidate must
still compile: otherwise removing the launch itself would "reproduce" it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from tests.fuzz.cases import Case, Entry, Node
from tests.fuzz.invariants import Invariant, Violation


def _same(expected: Violation) -> Callable[[list[Violation]], bool]:
    def check(found: list[Violation]) -> bool:
        return any(
            v.invariant is expected.invariant and v.signature == expected.signature for v in found
        )

    return check


def _compiles(data: bytes) -> bool:
    try:
        compile(data, "<shrink>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _keeps(original: list[bytes], trial: list[bytes]) -> bool:
    """Whether `trial` still holds every fragment line of `original`, and compiles."""
    wanted = [ln for ln in original if re.search(rb"_fz_|_FZ_", ln)]
    return [ln for ln in trial if re.search(rb"_fz_|_FZ_", ln)] == wanted and _compiles(
        b"".join(trial)
    )


def _replace(case: Case, path: bytes, data: bytes) -> Case:
    entries = tuple(
        dataclasses.replace(e, data=data) if e.path == path else e for e in case.entries
    )
    return dataclasses.replace(case, entries=entries)


def shrink(
    case: Case, violation: Violation, run: Callable[[Case], list[Violation]], budget: int = 400
) -> Case:
    """The smallest case found (within `budget` runs) that still shows `violation`."""
    fails = _same(violation)
    guard = violation.invariant is Invariant.FAIL_CLOSED
    runs = 0
    # Files other than the ones it needs go first, then lines within each file.
    for entry in sorted(case.entries, key=lambda e: -len(e.data)):
        if entry.node is not Node.FILE or runs >= budget or entry.path == case.buffer:
            continue
        if guard and re.search(rb"_fz_|_FZ_", entry.data):
            continue
        smaller = dataclasses.replace(case, entries=tuple(e for e in case.entries if e != entry))
        runs += 1
        if fails(run(smaller)):
            case = smaller
    for entry in list(case.entries):
        if entry.node is not Node.FILE:
            continue
        lines = entry.data.splitlines(keepends=True)
        original = list(lines)
        chunk = max(1, len(lines) // 2)
        while chunk >= 1 and runs < budget:
            i = 0
            while i < len(lines) and runs < budget:
                trial = lines[:i] + lines[i + chunk :]
                if guard and not _keeps(original, trial):
                    i += chunk
                    continue
                runs += 1
                candidate = _replace(case, entry.path, b"".join(trial))
                if fails(run(candidate)):
                    lines, case = trial, candidate
                else:
                    i += chunk
            chunk //= 2
    return case


__all__ = ["Entry", "shrink"]
