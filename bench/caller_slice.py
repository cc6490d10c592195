"""How much of a wrapper's callers the analysis interprets, against a backward slice of the wrapper
calls' arguments (issue 18's idea: demand-driven evaluation in callers). A measurement, no
change to the analysis: the interpreter's methods are wrapped in this process only.

    python bench/caller_slice.py DIR OUT.json [--summary]

runs `frontier-lint . --format json --jobs 1 --no-cache` in DIR (the report goes to DIR-less
/dev/null) and writes one record per *root* function summarised by `_analyse_found` (a caller
file's function naming a wrapper, summarised first there). For each: its statements (small
statements and compound headers, nested bodies included), those in the slice, the wrapper
calls found by name, CPU of the summary (callees included), CPU of the function's own small
statements in and out of the slice and of its compound headers (exclusive of their bodies),
its launch events (a wrapper itself), and the reasons a sound slice would fall back to the whole
function.

The slice: seeded with every name (and `name.attr`) read by a call whose callee's last name is
one of the file's wrapper names (`local_names`); a statement joins when it binds a name the
slice reads (assignment, annotated or augmented assignment, for/with/except targets, imports,
def/class, star import: everything), then adds what it reads; enclosing compound statements
join with what their headers read. Fall-back reasons: global/nonlocal, del, walrus, match,
augmented assignment, lambda/yield/nested def (closures), with-as, except-as, exec-like calls,
a loop in the slice, an attribute or subscript store of a read object, and a statement outside
the slice calling anything while reading a name the slice reads (the call may change it).
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import libcst as cst
from frontier_lint.dataflow import analyzer as an
from frontier_lint.dataflow import propagation as pr
from frontier_lint.dataflow.interpret import frame as fr
from frontier_lint.scan.prefilter import local_names

_FALLBACK_NODES = {
    "Global",
    "Nonlocal",
    "Del",
    "NamedExpr",
    "Match",
    "AugAssign",
    "Lambda",
    "Yield",
}
_EXEC_LIKE = {"exec", "eval", "setattr", "locals", "vars"}


def names_read(node: cst.CSTNode) -> set[str]:
    """Names, and `name.attr` for attributes of a plain name, read anywhere in `node`."""
    out: set[str] = set()

    class Reads(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            out.add(n.value)

        def visit_Attribute(self, n: cst.Attribute) -> None:
            if isinstance(n.value, cst.Name):
                out.add(f"{n.value.value}.{n.attr.value}")

    node.visit(Reads())
    return out


def target_names(t: cst.CSTNode) -> set[str]:
    """What an assignment target binds or changes (an attribute or item changes its base)."""
    if isinstance(t, cst.Name):
        return {t.value}
    if isinstance(t, cst.Attribute):
        if isinstance(t.value, cst.Name):
            return {f"{t.value.value}.{t.attr.value}", t.value.value}
        return target_names(t.value)
    if isinstance(t, cst.Subscript):
        return target_names(t.value)
    if isinstance(t, cst.Tuple | cst.List):
        return {n for e in t.elements for n in target_names(e.value)}
    if isinstance(t, cst.StarredElement):
        return target_names(t.value)
    return set()


def calls_in(node: cst.CSTNode) -> list[cst.Call]:
    found: list[cst.Call] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, n: cst.Call) -> None:
            found.append(n)

    node.visit(Calls())
    return found


def callee_name(c: cst.Call) -> str | None:
    if isinstance(c.func, cst.Name):
        return c.func.value
    if isinstance(c.func, cst.Attribute):
        return c.func.attr.value
    return None


@dataclass
class Unit:
    """A small statement, or a compound statement's header."""

    node: cst.CSTNode
    writes: set[str]
    reads: set[str]
    parents: tuple[int, ...]  # indices of the enclosing compound statements
    calls: list[cst.Call] = field(default_factory=list)


def _small_writes(sm: cst.BaseSmallStatement) -> set[str]:
    w: set[str] = set()
    if isinstance(sm, cst.Assign):
        for t in sm.targets:
            w |= target_names(t.target)
    elif isinstance(sm, cst.AnnAssign | cst.AugAssign):
        w |= target_names(sm.target)
    elif isinstance(sm, cst.Import | cst.ImportFrom):
        if isinstance(sm.names, cst.ImportStar):
            w.add("*")
        else:
            for a in sm.names:
                if a.asname is not None:
                    w |= target_names(a.asname.name)
                else:
                    w |= names_read(a.name)
    elif isinstance(sm, cst.Global | cst.Nonlocal):
        w |= {n.name.value for n in sm.names}
    elif isinstance(sm, cst.Del):
        w |= target_names(sm.target)
    return w


def _header(s: cst.BaseCompoundStatement) -> tuple[set[str], set[str], list[cst.CSTNode]]:
    """What a compound statement's header reads and binds, and its expressions."""
    exprs: list[cst.CSTNode] = []
    w: set[str] = set()
    if isinstance(s, cst.If | cst.While):
        exprs.append(s.test)
    elif isinstance(s, cst.For):
        exprs.append(s.iter)
        w = target_names(s.target)
    elif isinstance(s, cst.With):
        for it in s.items:
            exprs.append(it.item)
            if it.asname is not None:
                w |= target_names(it.asname.name)
    elif isinstance(s, cst.Try | cst.TryStar):
        for h in s.handlers:
            if h.type is not None:
                exprs.append(h.type)
            if h.name is not None:
                w |= target_names(h.name.name)
    elif isinstance(s, cst.Match):
        exprs.append(s.subject)
    reads = {n for e in exprs for n in names_read(e)}
    return reads, w, exprs


def _blocks(s: cst.CSTNode) -> list[Sequence[cst.CSTNode]]:
    out: list[Sequence[cst.CSTNode]] = []
    for attr in ("body", "orelse", "finalbody"):
        b = getattr(s, attr, None)
        if b is None:
            continue
        if isinstance(b, cst.If):  # elif
            out.append([b])
        elif isinstance(b, cst.BaseSuite | cst.Else | cst.Finally):
            inner = b.body
            out.append(inner.body if isinstance(inner, cst.BaseSuite) else inner)
    for h in getattr(s, "handlers", ()):
        out.append(h.body.body)
    for c in getattr(s, "cases", ()):
        out.append(c.body.body)
    return out


def units_of(body: Sequence[cst.CSTNode], parents: tuple[int, ...], out: list[Unit]) -> None:
    for s in body:
        if isinstance(
            s, cst.SimpleStatementLine | cst.SimpleStatementSuite | cst.BaseSmallStatement
        ):
            # (a one-line suite's statements come bare: `if x: run(cmd)`)
            for sm in [s] if isinstance(s, cst.BaseSmallStatement) else s.body:
                out.append(Unit(sm, _small_writes(sm), names_read(sm), parents, calls_in(sm)))
        elif isinstance(s, cst.FunctionDef | cst.ClassDef):
            at = len(out)
            u = Unit(s, {s.name.value}, set(), parents)
            out.append(u)
            units_of(_blocks(s)[0] if _blocks(s) else [], (*parents, at), out)
            for inner in out[at + 1 :]:  # (the def stands for what its body reads)
                u.reads |= inner.reads
        elif isinstance(s, cst.BaseCompoundStatement):
            reads, w, exprs = _header(s)
            at = len(out)
            out.append(Unit(s, w, reads, parents, [c for e in exprs for c in calls_in(e)]))
            for blk in _blocks(s):
                units_of(blk, (*parents, at), out)


@dataclass
class Slice:
    units: list[Unit]
    members: set[int]  # indices of the units in the slice
    wrapper_calls: int
    reasons: list[str]


def slice_of(func_node: cst.FunctionDef, body: Sequence[cst.CSTNode], words: set[str]) -> Slice:
    units: list[Unit] = []
    units_of(body, (), units)
    members: set[int] = set()
    read: set[str] = set()
    ncalls = 0
    for i, u in enumerate(units):
        hit = [c for c in u.calls if callee_name(c) in words]
        if hit:
            ncalls += len(hit)
            members.add(i)
            for c in hit:
                read |= names_read(c)
    changed = True
    while changed:
        changed = False
        for i, u in enumerate(units):
            if i not in members and (u.writes & read or "*" in u.writes):
                members.add(i)
                read |= u.reads
                changed = True
        for i in list(members):
            for p in units[i].parents:
                if p not in members:
                    members.add(p)
                    read |= units[p].reads
                    changed = True
    reasons: set[str] = set()

    class Kinds(cst.CSTVisitor):
        def on_visit(self, n: cst.CSTNode) -> bool:
            kind = type(n).__name__
            if kind in _FALLBACK_NODES:
                reasons.add(kind)
            elif isinstance(n, cst.FunctionDef) and n is not func_node:
                reasons.add("closure")
            elif isinstance(n, cst.WithItem) and n.asname is not None:
                reasons.add("with-as")
            elif isinstance(n, cst.ExceptHandler) and n.name is not None:
                reasons.add("except-as")
            elif isinstance(n, cst.Call) and callee_name(n) in _EXEC_LIKE:
                reasons.add("exec")
            return True

    func_node.visit(Kinds())
    for i, u in enumerate(units):
        if isinstance(u.node, cst.For | cst.While) and i in members:
            reasons.add("loop")
        if (
            isinstance(u.node, cst.Assign)
            and any(isinstance(t.target, cst.Attribute | cst.Subscript) for t in u.node.targets)
            and u.writes & read
        ):
            reasons.add("attr-store")
        if i not in members and u.calls and u.reads & read:
            reasons.add("call-on-read")
    return Slice(units, members, ncalls, sorted(reasons))


# --- the instrumented run ----------------------------------------------------------------------

WORDS: dict[str, set[str]] = defaultdict(set)
RECORDS: list[dict[str, Any]] = []
STATE: dict[str, Any] = {"callers": 0, "root": None, "rec": None, "slice": set(), "timing": 0}


def _wrap(cls: type, name: str, make: Callable[[Any], Any]) -> None:
    setattr(cls, name, make(getattr(cls, name)))


def _found(orig: Any) -> Any:
    def analyse_found(self: Any, found: dict[str, list[str]], *a: Any, **k: Any) -> Any:
        for path, wanted in found.items():
            src = self.project.source(path)
            if src is not None:
                WORDS[path] |= local_names(src.text, wanted)
        STATE["callers"] += 1
        try:
            return orig(self, found, *a, **k)
        finally:
            STATE["callers"] -= 1

    return analyse_found


def _summary(orig: Any) -> Any:
    def summary(self: Any, func: Any, depth: int = 0) -> Any:
        outer = STATE["callers"] and not self._stack and STATE["root"] is None
        if not outer or func.id in self.summaries or func.node is None:
            return orig(self, func, depth)
        sl = slice_of(func.node, list(func.body), WORDS.get(func.path, set()))
        rec: dict[str, Any] = {
            "fid": str(func.id),
            "units": len(sl.units),
            "slice": len(sl.members),
            "calls": sl.wrapper_calls,
            "reasons": sl.reasons,
            "t_in": 0.0,
            "t_out": 0.0,
            "h_in": 0.0,
            "h_out": 0.0,
        }
        STATE.update(root=func.id, rec=rec, slice={id(sl.units[i].node) for i in sl.members})
        t0 = time.process_time()
        try:
            return orig(self, func, depth)
        finally:
            rec["t"] = time.process_time() - t0
            done = self.summaries.get(func.id)
            rec["events"] = len(done.events) if done is not None else -1
            STATE.update(root=None, rec=None)
            RECORDS.append(rec)

    return summary


_CHILD: list[float] = []  # per open compound statement of the root: its bodies' CPU


def _own(frame: Any) -> bool:
    return STATE["rec"] is not None and frame.func.id == STATE["root"]


def _small(orig: Any) -> Any:
    def small(self: Any, node: cst.CSTNode) -> Any:
        if not _own(self) or STATE["timing"]:
            return orig(self, node)
        STATE["timing"] = 1
        t0 = time.process_time()
        try:
            return orig(self, node)
        finally:
            STATE["timing"] = 0
            dt = time.process_time() - t0
            STATE["rec"]["t_in" if id(node) in STATE["slice"] else "t_out"] += dt
            if _CHILD:
                _CHILD[-1] += dt

    return small


def _stmt(orig: Any) -> Any:
    def stmt(self: Any, node: cst.CSTNode) -> Any:
        if not _own(self) or isinstance(node, cst.SimpleStatementLine) or STATE["timing"]:
            return orig(self, node)
        t0 = time.process_time()
        _CHILD.append(0.0)
        try:
            return orig(self, node)
        finally:
            dt = time.process_time() - t0
            inner = _CHILD.pop()
            if _CHILD:
                _CHILD[-1] += dt
            STATE["rec"]["h_in" if id(node) in STATE["slice"] else "h_out"] += dt - inner

    return stmt


def measure(argv: list[str]) -> list[dict[str, Any]]:
    _wrap(pr.Analysis, "_analyse_found", _found)
    _wrap(an.Analyzer, "summary", _summary)
    _wrap(fr.Frame, "small", _small)
    _wrap(fr.Frame, "stmt", _stmt)
    from frontier_lint.cli import main

    sys.argv = ["frontier-lint", *argv]
    with contextlib.suppress(SystemExit):
        main()
    return RECORDS


def summarise(records: list[dict[str, Any]]) -> str:
    r = [x for x in records if x["units"] > 0]

    def fig(xs: list[dict[str, Any]]) -> str:
        out = sum(x["t_out"] + x["h_out"] for x in xs)
        return (
            f"{len(xs):5d} roots  CPU {sum(x['t'] for x in xs):6.2f} s  outside the slice "
            f"{out:5.2f} s  statements {sum(x['units'] for x in xs):6d}  in the slice "
            f"{sum(x['slice'] for x in xs):6d}"
        )

    matched = [x for x in r if x["calls"] > 0 and x["events"] == 0]
    lines = [
        f"all roots                        {fig(r)}",
        f"  launching themselves (wrappers){fig([x for x in r if x['events'] > 0])}",
        f"  no wrapper call by name        {fig([x for x in r if not x['calls'] and not x['events']])}",
        f"  wrapper calls by name          {fig(matched)}",
        f"    no fall-back reason          {fig([x for x in matched if not x['reasons']])}",
        f"    only call-on-read            {fig([x for x in matched if x['reasons'] == ['call-on-read']])}",
        f"    other reasons                {fig([x for x in matched if x['reasons'] and x['reasons'] != ['call-on-read']])}",
    ]
    reasons: Counter[str] = Counter()
    for x in matched:
        for why in x["reasons"]:
            reasons[why] += 1
    lines.append("fall-back reasons (roots with wrapper calls by name): " + str(dict(reasons)))
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1] == "--summary":
        with open(sys.argv[2]) as f:
            print(summarise(json.load(f)))
        sys.exit(0)
    import os

    directory, out = sys.argv[1], os.path.abspath(sys.argv[2])
    os.chdir(directory)
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        records = measure([".", "--format", "json", "--jobs", "1", "--no-cache", "--exit-zero"])
    with open(out, "w") as f:
        json.dump(records, f)
    print(summarise(records))
