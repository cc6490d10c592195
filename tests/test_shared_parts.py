"""Values share their parts: walking a value costs its size, not the number of paths to a part.

A concatenation of alternatives, or a list built in branches, holds the same part objects many
times over; a walk that visited every path to them grew exponentially with the nesting (aider's
coders: 5.4 million rebuilds of ~60,000 parts, 30 s of a 20,000-line package).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst
import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command
from frontier_lint.dataflow import lazy
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import Deferred, LazyAttr, LazyCall, rebuild, substitute
from frontier_lint.dataflow.refs import InstanceRef
from frontier_lint.dataflow.values import (
    Alt,
    Concat,
    Const,
    DictV,
    Param,
    Ref,
    Seq,
    Splat,
    Str,
    Value,
    _key,
    alt,
    any_part,
    concat,
    options,
    seq,
    string,
)
from frontier_lint.findings import Hop
from frontier_lint.frontend.parsing import SiteRef

if TYPE_CHECKING:
    from frontier_lint.dataflow.values import TraceHop

DEPTH = 18  # 2**18 paths to the innermost part


def _doubled(inner: Value) -> Value:
    """A value whose every level holds the level below twice: DEPTH levels, 2**DEPTH paths."""
    v = inner
    for _ in range(DEPTH):
        v = Seq(trace=(), items=(v, v))
    return v


def _param() -> Param:
    return Param(trace=(), func=FuncId("m.py", "wrap"), name="cmd")


def test_a_rebuild_asks_about_each_shared_part_once_per_level() -> None:
    asked: list[Value] = []

    def leaf(x: Value) -> Value | None:
        asked.append(x)
        return None

    rebuild(_doubled(_param()), leaf)
    assert len(asked) <= 3 * DEPTH


def test_a_substitution_in_a_shared_value_fills_every_path() -> None:
    out = substitute(_doubled(_param()), lambda p: Str(trace=(), text="codex"))
    level = out
    for _ in range(DEPTH):
        assert isinstance(level, Seq) and len(level.items) == 2
        level = level.items[1]
    assert level == Str(trace=(), text="codex")


def test_a_search_of_a_shared_value_visits_each_part_once() -> None:
    seen: list[Value] = []

    def pred(x: Value) -> bool:
        seen.append(x)
        return False

    assert not any_part(_doubled(Str(trace=(), text="git")), pred)
    assert len(seen) <= 3 * DEPTH
    assert any_part(_doubled(_param()), lambda x: isinstance(x, Param))


def _copies(n: int, at: list[SiteRef | None] | None = None) -> Seq:
    """`n` equal concatenations, each its own object (copies made by walks in other states),
    each reading `cfg.name` (at `at[i]`) and holding a parameter."""
    reads = at or [None] * n
    return Seq(
        trace=(),
        items=tuple(
            Concat(
                trace=(),
                parts=(
                    Str(trace=(), text="codex --model "),
                    LazyAttr(trace=(), base=_param(), attr="name", at=reads[i]),
                    _param(),
                ),
            )
            for i in range(n)
        ),
    )


def test_equal_concatenations_read_at_different_sites_are_rebuilt_apart() -> None:
    # Where an attribute is read is not part of its value, but a property it runs is called
    # there: copies read at different sites keep their own.
    sites = [SiteRef("m.py", None, None, f"f{i}") for i in range(2)]  # type: ignore[arg-type]
    out = substitute(_copies(2, sites), lambda p: Str(trace=(), text="x"))
    assert isinstance(out, Seq)
    got = [next(p.at for p in i.parts if isinstance(p, LazyAttr)) for i in out.items]  # type: ignore[attr-defined]
    assert got == sites


class _Counted:
    """An identity that counts how often it is hashed."""

    hashed = 0

    def __hash__(self) -> int:
        _Counted.hashed += 1
        return 1


_IDENT = _Counted()


@dataclass(frozen=True, kw_only=True)
class _CountedRef(Ref):
    def ident(self) -> object:
        return _IDENT

    def shown(self) -> str:
        return "counted"


def _lists() -> Seq:
    return Seq(
        trace=(), items=tuple(Seq(trace=(), items=(_CountedRef(trace=()),)) for _ in range(3))
    )


def test_a_composite_values_key_is_hashed_once() -> None:
    # `alt` de-duplicates by key on every merge: a key rehashing its whole value each time
    # made merging lists of instances (SCons's 20 `VisualStudio`s in 64 lists) 4 million hashes.
    key = _key(_lists())
    _Counted.hashed = 0
    for _ in range(10):
        hash(key)
    assert _Counted.hashed == 0
    assert key == _key(_lists())
    assert key != _key(Seq(trace=(), items=(_CountedRef(trace=()),)))
    assert alt([_lists(), _lists()]) == _lists()


class _Probe:
    """A literal's value that counts how often it is compared (hashable: a kept hash)."""

    compared = 0

    def __hash__(self) -> int:
        return 1

    def __eq__(self, other: object) -> bool:
        _Probe.compared += 1
        return isinstance(other, _Probe)


def test_equal_values_built_apart_compare_each_shared_part_once() -> None:
    # Two equal values share no parts, but each shares its own: comparing every path (2**DEPTH)
    # made each `ForceMemo` hit on xonsh's `ensure_shell` (a mapping stored into key by key from
    # its own entries) cost more than the rest of the dense project.
    a, b = _doubled(Const(trace=(), value=_Probe())), _doubled(Const(trace=(), value=_Probe()))
    hash(a), hash(b)
    _Probe.compared = 0
    assert a == b
    assert _Probe.compared <= 2
    assert a != _doubled(Const(trace=(), value="other"))  # (told apart by the kept hashes)


def test_a_command_line_run_leaves_no_object_frozen(tmp_path: Path) -> None:
    # The CLI keeps the run's heap out of the collections made while the report is written;
    # called in-process (click's runner, the language server's tests) nothing stays frozen.
    (tmp_path / "a.py").write_text("import subprocess\nsubprocess.run(['git'])\n")
    result = CliRunner().invoke(lint_command, [str(tmp_path / "a.py"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == 0


# --- the same parts rebuilt by other walks -------------------------------------------------------


def _line(name: Param) -> Value:
    """`f"Model: {name} with {fmt}"`: a concatenation waiting for two parameters."""
    fmt = Param(trace=(), func=name.func, name="fmt")
    return concat([string("Model: "), name, string(" with "), fmt])


def test_a_concatenation_rebuilt_from_the_same_parts_is_concatenated_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every call of a function returning the line substitutes its parameters again (a walk of
    # its own): the product of the same alternatives is built once.
    names = alt([string(n) for n in ("gpt", "sonnet", "opus")])
    fmts = alt([string(f) for f in ("diff", "whole")])
    line = _line(_param())
    made: list[list[Value]] = []

    def counted(parts: list[Value], trace: tuple[TraceHop, ...] = ()) -> Value:
        made.append(parts)
        return concat(parts, trace)

    monkeypatch.setattr(lazy, "concat", counted)
    fill = {"cmd": names, "fmt": fmts}
    first = substitute(line, lambda p: fill[p.name])
    again = substitute(line, lambda p: fill[p.name])
    assert len(made) == 1
    assert again == first
    assert sorted(o.text for o in options(first) if isinstance(o, Str)) == [
        f"Model: {n} with {f}" for n in ("gpt", "opus", "sonnet") for f in ("diff", "whole")
    ]


def test_parts_equal_but_for_their_traces_are_not_taken_for_each_other() -> None:
    line = _line(_param())
    hop = Hop("m.py", 3, 0, "assigned here")
    plain = substitute(line, lambda p: string(p.name))
    traced = substitute(line, lambda p: Str(trace=(hop,), text=p.name))
    assert plain == concat([string("Model: cmd with fmt")])
    assert isinstance(traced, Str) and traced.trace == (hop,)


def test_a_rebuild_that_changes_nothing_gives_the_value_itself() -> None:
    # What is remembered about a value by identity (its key, whether it holds deferred parts,
    # the walks' tables) then holds for the result, and the values holding it are unchanged too.
    cmd = _param()
    line = _line(cmd)
    argv = seq([string("git"), line, Splat(trace=(), inner=cmd)])
    kwargs = DictV(trace=(), entries=((string("args"), argv),))
    made = InstanceRef(trace=(), cls=FuncId("m.py", "Runner"), args=(kwargs,))
    value = alt([argv, made, string("codex")])
    assert rebuild(value, lambda x: None) is value
    assert substitute(value, lambda p: None) is value
    filled = substitute(value, lambda p: string("x") if p.name == "fmt" else None)
    assert filled != value
    assert isinstance(filled, Alt) and filled.options[2] is value.options[2]


def test_a_rebuild_that_changes_no_deferred_part_keeps_it() -> None:
    # A deferred call, attribute read or call through one, none of whose parts a walk
    # changes, is kept as it is (and so are the values holding it): a fresh copy would be
    # keyed, hashed and forced again by every walk (meson's wrapper callers rebuilt every
    # value holding a deferred part at each substitution of a summary).
    fid = FuncId("m.py", "build")
    cmd = _param()
    made = Deferred(
        trace=(),
        func=fid,
        pos=(string("git"),),
        kws=(("flag", string("-v")),),
        receiver=None,
        depth=1,
    )
    read = LazyAttr(trace=(), base=made, attr="argv")
    call = LazyCall(
        trace=(),
        callee=read,
        pos=(made,),
        kws=(("x", made),),
        node=cst.Call(cst.Name("f")),
        depth=1,
    )
    value = seq([call, read, Splat(trace=(), inner=cmd)])
    assert substitute(value, lambda p: None) is value
    assert rebuild(value, lambda x: None) is value
    # A change below a deferred part still rebuilds it (and only the values holding it).
    filled = seq([string("codex")])
    got = substitute(
        seq(
            [
                made,
                Deferred(
                    trace=(),
                    func=fid,
                    pos=(cmd,),
                    kws=(),
                    receiver=None,
                    depth=1,
                ),
            ]
        ),
        lambda p: filled,
    )
    assert isinstance(got, Seq) and got.items[0] is made
    changed = got.items[1]
    assert isinstance(changed, Deferred) and changed.pos == (filled,)


def test_a_values_kept_hash_is_not_pickled() -> None:
    """A value keeps its hash once computed (`values._HashOnce`, in `_Hashed`'s slot); that hash is this process's
    (string hashes are seeded per process), so a pickled value carries none."""
    import pickle

    from frontier_lint.dataflow.values import Concat, Str

    v = Concat(trace=(), parts=(Str(trace=(), text="codex"), Str(trace=(), text=" exec")))
    h = hash(v)
    assert v._hash == h  # type: ignore[attr-defined]  # a slot of `values._Hashed`
    back = pickle.loads(pickle.dumps(v))
    assert not hasattr(back, "_hash")  # the slot is unset: computed again where it is read
    assert back == v and hash(back) == h
