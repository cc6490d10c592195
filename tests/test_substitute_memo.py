"""Substitutions are remembered (`lazy.substitute`): by the value's identity and the identity of
what is given for each parameter a walk of it meets. Each test is a case where a coarser key
(the value alone, what is given compared by value, the parameters `iter_params` lists, asked for in another order) would
give an earlier substitution's answer for another one."""

from __future__ import annotations

import libcst as cst
import pytest

from frontier_lint.dataflow import lazy
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import Deferred, LazyCall, substitute
from frontier_lint.dataflow.refs import InstanceRef, SplitRef
from frontier_lint.dataflow.values import (
    Alt,
    Param,
    Seq,
    Splat,
    Str,
    Value,
    has_param,
    seq,
    string,
)
from frontier_lint.findings import Hop

WRAP = FuncId("m.py", "wrap")


def _param(name: str = "cmd") -> Param:
    return Param(trace=(), func=WRAP, name=name)


def _argv(inner: Value) -> Value:
    return seq([string("run"), inner, string("--json")])


def test_the_same_value_with_other_arguments_is_substituted_again() -> None:
    argv = _argv(_param())
    first = substitute(argv, lambda p: string("codex"))
    second = substitute(argv, lambda p: string("gemini"))
    assert isinstance(first, Seq) and first.items[1] == string("codex")
    assert isinstance(second, Seq) and second.items[1] == string("gemini")


def test_the_same_value_with_the_same_arguments_is_substituted_once() -> None:
    argv = _argv(_param())
    given = string("codex")
    calls: list[str] = []

    def fill(p: Param) -> Value:
        calls.append(p.name)
        return given

    first = substitute(argv, fill)
    again = substitute(argv, fill)
    assert again is first
    assert calls.count("cmd") == 2  # (by the walk, then for the key)


def test_arguments_equal_but_for_their_traces_are_told_apart() -> None:
    # Compared by value without traces (`values._key`), both would be the text `codex`.
    argv = _argv(_param())
    one = Str(trace=(Hop("a.py", 1, 0, "assigned here"),), text="codex")
    two = Str(trace=(Hop("b.py", 7, 0, "assigned here"),), text="codex")
    first = substitute(argv, lambda p: one)
    second = substitute(argv, lambda p: two)
    assert isinstance(first, Seq) and isinstance(second, Seq)
    assert first.items[1].trace != second.items[1].trace
    assert second.items[1].trace == two.trace


def test_equal_deferred_arguments_keep_their_own_identities() -> None:
    # Deferred parts are told apart by identity (`values._key`): an argument equal to one
    # given before, but another object, is another substitution (compared by value, the
    # first's result, holding the first object, would come back).
    argv = _argv(_param())
    made = [
        Deferred(trace=(), func=FuncId("m.py", "build"), pos=(), kws=(), receiver=None, depth=1)
        for _ in range(2)
    ]
    assert made[0] == made[1] and made[0] is not made[1]
    first = substitute(argv, lambda p: made[0])
    second = substitute(argv, lambda p: made[1])
    assert isinstance(first, Seq) and first.items[1] is made[0]
    assert isinstance(second, Seq) and second.items[1] is made[1]


@pytest.mark.parametrize("where", ["receiver", "instance", "callee"])
def test_parameters_the_walk_meets_where_iter_params_does_not_are_in_the_key(where: str) -> None:
    # A deferred call's receiver and an instance's constructor arguments hold parameters the
    # substitution fills in, though `iter_params` (which lists those a launch waits for) does
    # not list them.
    p = _param("runner")
    value: Value
    if where == "receiver":
        value = Deferred(
            trace=(), func=FuncId("m.py", "R.build"), pos=(), kws=(), receiver=p, depth=1
        )
    elif where == "instance":
        value = seq([InstanceRef(trace=(), cls=FuncId("m.py", "Runner"), args=(p,))])
    else:
        value = LazyCall(trace=(), callee=p, pos=(), kws=(), node=cst.Call(cst.Name("f")), depth=1)
    first = substitute(value, lambda q: string("codex"))
    assert lazy._REACHED[id(value)][1] == (p,)
    second = substitute(value, lambda q: string("gemini"))
    assert first != second
    assert "gemini" in repr(second) and "codex" not in repr(second)


def test_parameters_are_asked_for_in_the_order_the_walk_meets_them() -> None:
    # Filling a parameter can compute a summary: the order summaries are computed in is the
    # walk's, as without the memo.
    a, b, c = _param("a"), _param("b"), _param("c")
    value = seq([a, Deferred(trace=(), func=WRAP, pos=(b,), kws=(), receiver=c, depth=1), b])
    asked: list[str] = []
    given = {n: string(n) for n in "abc"}

    def fill(p: Param) -> Value:
        asked.append(p.name)
        return given[p.name]

    first = substitute(value, fill)
    assert list(dict.fromkeys(asked)) == ["a", "b", "c"]
    asked.clear()
    again = substitute(value, fill)  # (the parameters met before are asked for the key)
    assert asked == ["a", "b", "c"] and again is first


def test_a_full_table_is_emptied_and_substitutions_computed_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lazy, "_TABLES_MAX", 2)
    monkeypatch.setattr(lazy, "_SUBSTITUTED", {})
    monkeypatch.setattr(lazy, "_REACHED", {})
    values = [_argv(_param()) for _ in range(5)]
    got = [substitute(v, lambda p: string("codex")) for v in values]
    assert len(lazy._SUBSTITUTED) <= 2 and len(lazy._REACHED) <= 2
    assert all(isinstance(g, Seq) and g.items[1] == string("codex") for g in got)
    assert substitute(values[0], lambda p: string("gemini")) != got[0]


def test_a_foreign_parameter_becomes_the_unknown_of_its_own_name() -> None:
    # `strip_foreign` gives one object per name, so that the stripping of the same value is
    # remembered: one object for all names would give one name's reason to another.
    from frontier_lint.dataflow.receivers import strip_foreign
    from frontier_lint.dataflow.summaries import FuncDef
    from frontier_lint.dataflow.values import Unknown

    other = FuncId("m.py", "other")
    caller = FuncId("m.py", "caller")
    func = FuncDef(caller, "m.py", "caller", None, (), None)  # type: ignore[arg-type]
    for name in ("binary", "prompt", "binary"):
        value = _argv(Param(trace=(), func=other, name=name))
        got = strip_foreign(value, func, None)  # type: ignore[arg-type]
        assert isinstance(got, Seq) and isinstance(got.items[1], Unknown)
        assert got.items[1].reason == f"parameter `{name}`"


# Parts holding no parameter are given back as they are, not walked (`lazy._inert`); each case
# is one where skipping a part by a coarser test (`has_param`, which does not look into a
# deferred call's arguments; any part without a parameter) would change the substitution.


def test_parts_without_parameters_are_given_back_as_they_are() -> None:
    flags = seq([string(f"--flag{i}") for i in range(20)])
    argv = seq([string("run"), _param(), Splat(trace=(), inner=flags)])
    out = substitute(argv, lambda p: string("codex"))
    assert isinstance(out, Seq) and out.items[1] == string("codex")
    assert [i.text for i in out.items[2:] if isinstance(i, Str)] == [
        f"--flag{i}" for i in range(20)
    ]
    nested = Alt(trace=(), options=(flags, argv))
    again = substitute(nested, lambda p: string("gemini"))
    assert isinstance(again, Alt) and again.options[0] is flags
    assert "gemini" in repr(again.options[1])


def test_a_parameter_in_a_deferred_calls_arguments_is_filled_in() -> None:
    made = Deferred(
        trace=(), func=FuncId("m.py", "build"), pos=(_param(),), kws=(), receiver=None, depth=1
    )
    assert not has_param(made)  # (so `has_param` cannot tell a part is left as it is)
    out = substitute(seq([string("x"), made]), lambda p: string("codex"))
    assert isinstance(out, Seq) and isinstance(out.items[1], Deferred)
    assert out.items[1].pos == (string("codex"),)


def test_a_pending_operation_is_done_again_without_parameters() -> None:
    # A split waiting for its operand, made of a string known now: the walk splits it (as it
    # did before parts were skipped), whatever the parameters are given.
    pending = SplitRef(trace=(), args=(string("codex exec"),), how="shlex")
    out = substitute(seq([Splat(trace=(), inner=pending), _param()]), lambda p: string("-q"))
    assert isinstance(out, Seq)
    assert [i.text for i in out.items if isinstance(i, Str)] == ["codex", "exec", "-q"]
