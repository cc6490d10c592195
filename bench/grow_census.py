"""Why wrappers grow by content and what their callers' summaries computed again cost (issue 18,
session 22). A measurement, no change to the analysis: methods are wrapped in this process only.

    python -P bench/grow_census.py -- FRONTIER-LINT ARGS...

run in the analysed tree (e.g. `-- . --format json --jobs 1 --no-cache --exit-zero > /dev/null`).
Prints to stderr:

- each growth by content (`Analysis._grew` true at sites noted already): which fields of the
  launch keys changed (`summaries.launch_key`: kind, form, shape, reported, came, unless_called,
  made_at, stdin; or a summary part: failed, calls, returns), counted by wrapper;
- each summary dropped by `analyse_chunks` for a wrapper of its round (`_stale`), by cause
  (deferred, grown: with the fields that grew, constructor events since), with its CPU, and
  whether it came out the same (`round_census`'s key: events and summary parts by
  `launch_key`/`summary_keys`, the function's results);
- for the grown causes, whether the wrapper's content (its keys) when the caller was begun is
  its content now (stored again since, alike: the caller read what it would read again);
- summaries that hit the deferred-values bound (`MAX_FORCES`), by function.
"""

from __future__ import annotations

import collections
import sys
import time
from typing import Any

FIELDS = ("kind", "form", "shape", "reported", "came", "unless_called", "made_at", "stdin")


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(__doc__)
    theirs = argv[argv.index("--") + 1 :]
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from frontier_lint.dataflow import summaries as sums
    from frontier_lint.dataflow.analyzer import Analyzer
    from frontier_lint.dataflow.propagation import Analysis

    from round_census import _key, run_lint

    grew_fields: collections.Counter[tuple[str, ...]] = collections.Counter()
    grew_by: collections.Counter[str] = collections.Counter()
    last_fields: dict[Any, tuple[str, ...]] = {}
    history: dict[Any, list[tuple[int, Any, int]]] = collections.defaultdict(list)
    stale_cause: dict[Any, list[str]] = {}
    pending: dict[Any, tuple[Any, list[str]]] = {}
    redone: list[tuple[str, list[str], float, str]] = []
    bound_hits: collections.Counter[str] = collections.Counter()
    forces: collections.Counter[str] = collections.Counter()

    def keys_of(a: Any, fid: Any, summary: Any, nctor: int) -> frozenset[Any]:
        launches = [(fid, ev) for ev in summary.events] if summary is not None else []
        launches += a.constructor_events.get(fid, [])[:nctor]
        keys = {sums.launch_key(m, ev) for m, ev in launches}
        if summary is not None:
            keys.update(sums.summary_keys(fid, summary))
        return frozenset(keys)

    grew = Analysis._grew

    def _grew(self: Any, fid: Any) -> bool:
        before = set(self._launches_noted.get(fid) or ())
        had = fid in self._launches_noted
        got = grew(self, fid)
        after = self._launches_noted.get(fid) or set()
        new = after - before
        if not had or not new:
            return got
        old_sites = {s for s, _ in before}
        if any(s not in old_sites for s, _ in new):
            last_fields[fid] = ("site",)
            grew_fields[("site",)] += 1
            return got
        changed: set[str] = set()
        for site, what in new:
            olds = [w for s, w in before if s == site]
            if site[1] in ("failed", "calls", "returns"):  # a summary part
                changed.add(f"summary:{site[1]}")
                continue
            best = min(
                ([FIELDS[i] for i in range(len(FIELDS)) if o[i] != what[i]] for o in olds),
                key=len,
            )
            changed.update(best)
        fields = tuple(sorted(changed))
        last_fields[fid] = fields
        grew_fields[fields] += 1
        grew_by[str(fid)] += 1
        return got

    Analysis._grew = _grew  # type: ignore[method-assign]

    summary = Analyzer.summary

    def _summary(self: Any, func: Any, depth: int = 0) -> Any:
        fid = func.id
        before = pending.pop(fid, None)
        was = self._settled.get(fid)
        outer = not self._stack and fid not in self.summaries
        t = time.process_time()
        result = summary(self, func, depth)
        if outer:
            forces[str(fid)] = max(forces[str(fid)], self.forces)
            if self.forces > sums.MAX_FORCES:
                bound_hits[str(fid)] += 1
        now = self._settled.get(fid)
        if now is not None and now != was:
            history[fid].append(
                (now, self.summaries.get(fid), len(self.constructor_events.get(fid, [])))
            )
        if before is not None:
            same = _key(fid, self.summaries.get(fid), self.results.get(fid))
            verdict = "same" if same == before[0] else "changed"
            redone.append((str(fid), before[1], time.process_time() - t, verdict))
        return result

    Analyzer.summary = _summary  # type: ignore[method-assign]

    note = Analyzer._note_constructor_events

    def _note(self: Any, method: Any, summary: Any) -> None:
        was = dict(self._events_noted)
        note(self, method, summary)
        for init, at in self._events_noted.items():
            if was.get(init) != at:
                history[init].append(
                    (at, self.summaries.get(init), len(self.constructor_events.get(init, [])))
                )

    Analyzer._note_constructor_events = _note  # type: ignore[method-assign]

    stale = Analysis._stale

    def _stale(self: Any, fid: Any, done: Any) -> frozenset[Any]:
        got = stale(self, fid, done)
        if done is None or not got:
            return got
        a = self.analyzer
        causes = []
        began = a._began.get(fid)
        for w in sorted(got, key=str):
            if w in done.deferred:
                causes.append(f"deferred {w}")
                continue
            if w not in self._grown:
                causes.append(f"ctor-events {w}")
                continue
            fields = "+".join(last_fields.get(w, ("new-recomputed",)))
            then = [h for h in history.get(w, []) if began is not None and h[0] < began]
            cur = keys_of(a, w, a.summaries.get(w), len(a.constructor_events.get(w, [])))
            same = bool(then) and keys_of(a, w, then[-1][1], then[-1][2]) == cur
            causes.append(f"grown[{fields}]{' content-same' if same else ''} {w}")
        stale_cause[fid] = causes
        return got

    Analysis._stale = _stale  # type: ignore[method-assign]

    forget = Analyzer.forget

    def _forget(self: Any, fid: Any) -> None:
        frame = sys._getframe(1)
        if frame.f_code.co_name in ("analyse_chunks", "_redo_module_code", "_callees_first"):
            rec = frame.f_locals.get("recompute", frozenset())
            causes = [c for c in stale_cause.get(fid, []) if any(c.endswith(f" {w}") for w in rec)]
            if frame.f_code.co_name == "_callees_first":
                causes = [f"first:{c}" for c in causes]
            pending[fid] = (_key(fid, self.summaries.get(fid), self.results.get(fid)), causes)
        forget(self, fid)

    Analyzer.forget = _forget  # type: ignore[method-assign]

    out = sys.stderr
    print(f"CPU {run_lint(theirs):.2f} s", file=out)
    print("growths by content, by fields changed:", file=out)
    for k, n in grew_fields.most_common():
        print(f"  {n:5d} {'+'.join(k)}", file=out)
    print("wrappers growing most by content:", file=out)
    for k, n in grew_by.most_common(15):
        print(f"  {n:5d} {k}", file=out)
    print("summaries computed again (analyse_chunks):", file=out)
    per_cause: collections.Counter[tuple[str, str]] = collections.Counter()
    per_cause_cpu: collections.Counter[tuple[str, str]] = collections.Counter()
    per_func: collections.Counter[str] = collections.Counter()
    per_func_cpu: collections.Counter[str] = collections.Counter()
    for fid, causes, dt, verdict in redone:
        kinds = sorted({c.rsplit(" ", 1)[0] for c in causes}) or ["?"]
        k = " | ".join(kinds)
        per_cause[(k, verdict)] += 1
        per_cause_cpu[(k, verdict)] += dt
        per_func[fid] += 1
        per_func_cpu[fid] += dt
        print(f"  {dt:6.3f} s {verdict:7s} {fid}  <- {'; '.join(causes)}", file=out)
    print("by cause:", file=out)
    for k, n in sorted(per_cause.items(), key=lambda kv: -per_cause_cpu[kv[0]]):
        print(f"  {n:4d} {per_cause_cpu[k]:7.2f} s {k[1]:7s} {k[0]}", file=out)
    tot = sum(per_cause_cpu.values())
    print(f"  total {len(redone)} redone, {tot:.2f} s", file=out)
    print("functions computed again most:", file=out)
    for k, n in per_func.most_common(20):
        print(f"  {n:3d} {per_func_cpu[k]:6.2f} s {k}", file=out)
    print("deferred-values bound hits (outermost summaries):", file=out)
    for k, n in bound_hits.most_common(20):
        print(f"  {n:3d} {k}", file=out)
    print("most forces in one outermost summary:", file=out)
    for k, n in forces.most_common(10):
        print(f"  {n:6d} {k}", file=out)


if __name__ == "__main__":
    main(sys.argv[1:])
