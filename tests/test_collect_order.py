"""A site unknown for several reasons is reported with the same reason whatever the order
its reasons were met in (a warm run analyses the edited file first; nox's `venv.create()`
calls said "item of sys.modules" cold and "result of python_discovery.get_interpreter()"
warm, the first met winning)."""

from __future__ import annotations

from itertools import permutations

from frontier_lint.findings import Unresolved
from frontier_lint.run.collect import _keep_unresolved

REASONS = [
    "the program is not known: result of python_discovery.get_interpreter() (.executable)",
    "the program is not known: item of sys.modules (.UV)",
    "the program is not known: comes from parameter `cmd`",
]


def test_the_reason_kept_does_not_depend_on_the_order_met() -> None:
    kept = set()
    for order in permutations(REASONS):
        by_key: dict[tuple[str, int, int, str], Unresolved] = {}
        for reason in order:
            _keep_unresolved(by_key, Unresolved("nox/_cli.py", 272, 9, "subprocess.Popen", reason))
        (only,) = by_key.values()
        kept.add(only.reason)
    assert len(kept) == 1


def test_other_sites_are_kept_apart() -> None:
    by_key: dict[tuple[str, int, int, str], Unresolved] = {}
    for line in (1, 2):
        _keep_unresolved(by_key, Unresolved("a.py", line, 1, "subprocess.run", "x"))
    assert len(by_key) == 2
