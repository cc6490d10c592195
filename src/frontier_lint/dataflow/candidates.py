"""A value's concrete alternatives, for the program matcher: argv word lists and strings.

`candidates` expands alternatives, sequences and unpacked parts into at most MAX_ALTERNATIVES
concrete candidates; past them, the argvs left are judged by their program words (at most as
many again), and anything else is one unknown candidate naming the bound. Each keeps the hops
that explain it, and, for an argv, the hops of each word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import product
from typing import TYPE_CHECKING, TypeAlias

from frontier_lint.dataflow.values import (
    ASSIGNMENT_ITEMS,
    HOLE,
    MAX_ALTERNATIVES,
    PARAM,
    TOO_MANY_COMBINATIONS,
    Alt,
    Concat,
    Const,
    Lazy,
    Param,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    bounded,
    has_param,
    hole_reason,
    options,
)

if TYPE_CHECKING:
    from frontier_lint.dataflow.values import TraceHop


@dataclass(frozen=True)
class Candidate:
    """One concrete alternative of an argv or string value.

    words: the argv (None = an unknown word) or, for a string value, a single string.
    complete: False when unknown items may follow (a splat of something unknown).
    parametric: some part depends on a parameter of the function being summarised.
    """

    words: tuple[str | None, ...]
    is_string: bool
    complete: bool
    parametric: bool
    trace: tuple[TraceHop, ...]
    reason: str
    # For an argv: the hops of the item each word came from (empty for a string), so a finding
    # can leave out the origins of arguments that are not its program.
    word_traces: tuple[tuple[TraceHop, ...], ...] = ()


def candidates(v: Value, limit: int = MAX_ALTERNATIVES) -> Iterator[Candidate]:
    """Expand alternatives into concrete argv / string candidates: at most `limit`, then one
    unknown candidate naming the bound (so what is past it leaves the site unresolved)."""
    for _, cand in candidates_of_options(v, limit):
        yield cand


def candidates_of_options(
    v: Value, limit: int = MAX_ALTERNATIVES, *, traced: bool = True
) -> Iterator[tuple[int, Candidate]]:
    """`candidates`, each with the index of the alternative of `v` it comes from (-1: the
    unknown candidate past the bound).

    Past the bound, the argv alternatives not judged yet are judged by their first word alone,
    the later words unknown: the optional flags of a `python -m tool` argv multiply its
    alternatives, not its programs. What follows the program is read by the matcher only where
    the program is a launcher or a shell, and there an unknown rest leaves the site unresolved.

    traced=False: the same candidates with no hops (`trace`, `word_traces` empty), for a caller
    that judges their words and expands again, with hops, only those it reports.
    """
    why = f"more than {limit} alternatives"
    opts = options(v)
    count = 0
    for i, opt in enumerate(opts):
        for cand in _expand(opt, traced):
            if count == limit:
                yield from _heads(opts, i, limit, why, traced)
                return
            yield i, cand
            count += 1


def _heads(
    opts: tuple[Value, ...], start: int, limit: int, why: str, traced: bool
) -> Iterator[tuple[int, Candidate]]:
    """The alternatives from `opts[start]` on, each argv as its program word followed by
    unknown words (the same known word once), at most `limit` of them; anything else (a
    command line), an unknown program word, or the words past `limit`, one unknown candidate
    naming why."""
    seen: set[str] = set()
    count = 0
    unknown_given = False
    for i in range(start, len(opts)):
        opt = opts[i]
        if isinstance(opt, Seq) and opt.items and not isinstance(opt.items[0], Splat):
            found: list[Candidate] = []
            for o in options(opt.items[0]):
                for c in _expand(o, traced):
                    word = c.words[0] if c.is_string else (PARAM if c.parametric else None)
                    if word is None:
                        found.append(Candidate((None,), False, False, False, c.trace, c.reason))
                        continue
                    if not c.parametric and word in seen:
                        continue  # (a parameter's word stands for what each caller passes)
                    seen.add(word)
                    trace = (
                        bounded([*c.trace, *(h for h in opt.trace if h not in c.trace)])
                        if traced
                        else ()
                    )
                    reason = c.reason if HOLE in word else why
                    found.append(
                        Candidate((word,), False, False, c.parametric, trace, reason, (c.trace,))
                    )
        else:
            found = [Candidate((None,), False, False, False, (), why)]  # a string: not known
        for cand in found:
            if cand.words == (None,):
                if not unknown_given:
                    unknown_given = True
                    yield -1, replace(cand, reason=cand.reason or why)
                continue
            if count == limit:
                if not unknown_given:
                    yield -1, Candidate((None,), False, False, False, (), why)
                return
            yield i, cand
            count += 1


def _expand(v: Value, traced: bool = True) -> Iterator[Candidate]:
    vt = v.trace if traced else ()
    if isinstance(v, Str):
        yield Candidate((v.text,), True, True, False, vt, v.reason if HOLE in v.text else "")
    elif isinstance(v, Concat):
        txt = "".join(
            p.text if isinstance(p, Str) else PARAM if has_param(p) else HOLE for p in v.parts
        )
        yield Candidate((txt,), True, True, True, vt, hole_reason(v))
    elif isinstance(v, Param):
        yield Candidate((PARAM,), True, True, True, vt, f"comes from parameter `{v.name}`")
    elif isinstance(v, Const) and v.value is None:
        # `shutil.which()` found nothing, an unset default: a launch of None raises TypeError
        # and starts no program (the code usually checks for None first).
        return
    elif isinstance(v, Const) and isinstance(v.value, bytes):
        # POSIX argv and shell commands may be bytes: `subprocess.run([b"codex", b"exec"])`.
        yield Candidate((v.value.decode("utf-8", "surrogateescape"),), True, True, False, vt, "")
    elif isinstance(v, Seq):
        yield from _expand_seq(v, traced)
    elif isinstance(v, Alt):
        for o in v.options:
            yield from _expand(o, traced)
    elif ((isinstance(v, Ref) and v.PENDING) or isinstance(v, Lazy)) and has_param(v):
        # An argument forwarded with `*args`: known at the wrapper's callers.
        yield Candidate((PARAM,), True, True, True, vt, "comes from a parameter")
    else:
        reason = v.reason if isinstance(v, Unknown) else hole_reason(v)
        if not reason and isinstance(v, Const):
            reason = f"{v.value!r} is not a string"  # `None` from a getter that returns nothing
        yield Candidate((None,), False, False, False, vt, reason or "not known")


def _is_none(v: Value) -> bool:
    return isinstance(v, Const) and v.value is None


def _expand_seq(v: Seq, traced: bool = True) -> Iterator[Candidate]:
    # Each item contributes a list of alternatives of word tuples (with each word's hops).
    per_item: list[list[_ItemWords]] = []
    combos = 1
    for item in v.items:
        alts: list[_ItemWords] = []
        if isinstance(item, Splat):
            inner = item.inner
            if all(_is_none(o) for o in options(inner)):
                return  # `*None` raises TypeError: this argv starts nothing
            for o in options(inner):
                if _is_none(o):
                    continue  # (as above, for this alternative)
                if type(o) is Unknown and o.reason == ASSIGNMENT_ITEMS:
                    # Any number of `NAME=value` words: none, or words read as this one is
                    # (`env` skips each as an assignment; elsewhere it is a word not known).
                    ot = o.trace if traced else ()
                    alts.append(((), True, False, ot, "", ()))
                    alts.append(((f"{HOLE}={HOLE}",), True, False, ot, o.reason, (ot,)))
                    continue
                if isinstance(o, Seq):
                    for c in _expand_seq(o, traced):
                        wt = c.word_traces or (c.trace,) * len(c.words)
                        alts.append((c.words, c.complete, c.parametric, c.trace, c.reason, wt))
                else:
                    reason = hole_reason(o) or "unpacked value is not known"
                    word = PARAM if has_param(o) else None
                    ot = o.trace if traced else ()
                    alts.append(((word,), False, has_param(o), ot, reason, (ot,)))
        else:
            for o in options(item):
                for c in _expand(o, traced):
                    word = c.words[0] if c.is_string else (PARAM if c.parametric else None)
                    reason = c.reason if word is None or HOLE in (word or "") else ""
                    alts.append(((word,), True, c.parametric, c.trace, reason, (c.trace,)))
        if not alts and all(_is_none(o) for o in options(item)):
            return  # an argv holding None starts nothing (TypeError)
        if not alts:
            alts.append(((None,), False, False, (), "no value", ((),)))
        combos *= len(alts)
        if combos > MAX_ALTERNATIVES:
            # Too many combinations: the items so far are kept (the program first), and the
            # words every alternative of this item starts with (a program all of them name),
            # the rest of the argv is unknown, naming the bound.
            per_item.append([_shared_words(alts) if len(per_item) == 0 else _PAST])
            break
        per_item.append(alts)
    if not per_item:
        yield Candidate((), False, True, False, v.trace if traced else (), "")
        return
    for combo in product(*per_item):
        words: list[str | None] = []
        word_traces: list[tuple[TraceHop, ...]] = []
        complete = True
        parametric = False
        trace: list[TraceHop] = []
        reason = ""
        held = ""  # (assignments' words explain an argv only where nothing else does)
        for w, comp, par, tr, rs, wt in combo:
            if complete:
                words.extend(w)
                word_traces.extend(wt)
            if not comp:
                complete = False
            parametric = parametric or par
            if not w:
                # An unpacked empty sequence (`*cfg.args` left at its `default_factory=list`)
                # adds no word: its hops explain nothing in this argv.
                continue
            for h in tr:
                if h not in trace:
                    trace.append(h)
            if rs == ASSIGNMENT_ITEMS:
                held = held or rs
            else:
                reason = reason or rs
        reason = reason or held
        # The items' origins come first, then what happened to the sequence as a whole.
        for h in v.trace if traced else ():
            if h not in trace:
                trace.append(h)
        yield Candidate(
            tuple(words),
            False,
            complete,
            parametric,
            bounded(trace),
            reason,
            tuple(word_traces),
        )


_PAST: _ItemWords = ((None,), False, False, (), TOO_MANY_COMBINATIONS, ((),))


def _shared_words(alts: list[_ItemWords]) -> _ItemWords:
    """Past the bound at the argv's first item (an unpacked part with many alternatives): the
    known words all its alternatives start with, then a word not known naming the bound."""
    first = alts[0]
    n = 0
    while (
        n < len(first[0])
        and first[0][n] is not None
        and all(len(a[0]) > n and a[0][n] == first[0][n] for a in alts)
    ):
        n += 1
    if n == 0:
        return _PAST
    traces = first[5][:n] if len(first[5]) >= n else ((),) * n
    return (
        (*first[0][:n], None),
        False,
        any(a[2] for a in alts),
        first[3],
        TOO_MANY_COMBINATIONS,
        (*traces, ()),
    )


if TYPE_CHECKING:
    # One alternative of an argv item: (words, complete, parametric, trace, reason, word traces).
    _ItemWords: TypeAlias = tuple[
        tuple[str | None, ...],
        bool,
        bool,
        tuple[TraceHop, ...],
        str,
        tuple[tuple[TraceHop, ...], ...],
    ]
