"""Start-up: every run (a pre-commit hook on one file, a one-file edit) pays for creating the
classes of the modules it imports, and a dataclass costs ~1 ms to create (its methods are
generated and compiled), a named tuple ~0.15 ms, a plain class almost nothing. Records that
never leave their package are not dataclasses; the hand-written parts stand in for what the
dataclass made."""

from __future__ import annotations

import dataclasses

import pytest

from frontier_lint import cli
from frontier_lint.dataflow import hierarchy, lazy, propagation
from frontier_lint.frontend import cone
from frontier_lint.matching import launcher_options, walk
from frontier_lint.matching.shell import Feed
from frontier_lint.scan import discovery, prefilter

INTERNAL_RECORDS = [
    cli.Options,
    hierarchy.TextIndex,
    lazy.Rebuilt,
    cone._Reads,
    launcher_options.LauncherOption,
    walk._KindTable,
    walk._Acc,
    walk._Ctx,
    walk._Parse,
    discovery._Layer,
    propagation.LaunchScan,
    prefilter._Held,
]


@pytest.mark.parametrize("cls", INTERNAL_RECORDS, ids=lambda c: c.__qualname__)
def test_internal_records_are_not_dataclasses(cls: type) -> None:
    assert not dataclasses.is_dataclass(cls)


def test_a_parse_copy_copies_every_slot_and_shares_the_budget() -> None:
    st = walk._Parse("env", "/bin", [5])
    values: dict[str, object] = {
        "operands": 3,
        "titled": True,
        "commanded": True,
        "path_fixed": True,
        "splits": 2,
    }
    for name, value in values.items():
        setattr(st, name, value)
    copy = st.copy()
    for name in walk._Parse.__slots__:
        assert getattr(copy, name) == getattr(st, name), name
    assert copy.budget is st.budget  # readings left are shared by every reading
    copy.operands = 9
    assert st.operands == 3


def test_a_walk_context_goes_into_a_launcher_without_its_input() -> None:
    ctx = walk._Ctx(via=("sh",), stdin=("codex",), feed=Feed.CALLER, unfed="why")
    inner = ctx.into("env", fold=True)
    assert inner == walk._Ctx(via=("sh", "env"), depth=1, fold=True)
    assert ctx.into() == walk._Ctx(via=("sh",), depth=1)
    plain = walk._Ctx(via=("a",), path="/p")
    assert plain.into("b") == walk._Ctx(via=("a", "b"), depth=1, path="/p")
