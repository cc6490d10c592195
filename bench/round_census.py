"""What the wrapper rounds interpret, and how much of it is done again for nothing (issue 18).
A measurement, no change to the analysis: methods are wrapped in this process only.

    python -P bench/round_census.py -- FRONTIER-LINT ARGS...

run in the analysed tree (e.g. `-- . --format json --jobs 1 --no-cache --exit-zero > /dev/null`).
Prints to stderr:

- CPU by stage (`time.process_time`): the files' own pass, each round (`_scan_callers`), and
  inside the rounds, exclusive: the caller scans (`caller_candidates`), libcst parses, the
  roots' selection (`_roots`) and summaries;
- the roots summarised in the rounds by outcome: whether the summary followed or deferred one
  of the round's wrappers ("hit") and whether its function recorded anything (sites, findings,
  unresolved sites, calls), with their CPU and the parses in it;
- every summary dropped and computed again (`Analyzer.forget`), by whom (`analyse_chunks`,
  `_redo_tainted`, `_with_items`), in which round, its CPU, and whether it came out the same
  (the events and summary parts callers read, by `launch_key`/`summary_keys`, and the
  function's results): the same is waste.

(Session 21, corpus j1: rounds 13.2 s of 26.0 CPU; in them caller scans 2.2, parses 3.1,
summaries 6.9; 18 summaries computed again by `analyse_chunks`, 3 the same, 0.29 s; 236 of 462
round roots followed no wrapper of their round and recorded nothing, 2.2 s.)
"""

from __future__ import annotations

import collections
import contextlib
import sys
import time
from collections.abc import Callable
from typing import Any

Key = tuple[object, ...]


def _key(fid: Any, summary: Any, results: Any) -> Key | None:
    from frontier_lint.dataflow.summaries import launch_key, summary_keys

    if summary is None:
        return None
    res = None
    if results is not None:
        res = tuple(
            tuple(sorted(map(repr, part)))
            for part in (
                results.findings,
                results.unresolved,
                results.calls,
                results.open_findings,
                results.open_unresolved,
            )
        )
    return (
        frozenset(launch_key(fid, e) for e in summary.events),
        frozenset(summary_keys(fid, summary)),
        res,
        summary.deferred,
        summary.gives_launcher,
        summary.calls_kept,
        summary.failed,
    )


def run_lint(argv: list[str]) -> float:
    """Run frontier-lint in this process (its methods wrapped); its CPU seconds."""
    from frontier_lint.cli import main as lint_main

    t0 = time.process_time()
    with contextlib.suppress(SystemExit):
        lint_main(argv)
    return time.process_time() - t0


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(__doc__)
    theirs = argv[argv.index("--") + 1 :]
    ours = argv[: argv.index("--")]
    # `--roots FILE`: each round root that followed no wrapper and recorded nothing, with the
    # names its file was a candidate for and its lines naming them (JSON lines).
    roots_out = ours[ours.index("--roots") + 1] if "--roots" in ours else None
    from frontier_lint.dataflow.analyzer import Analyzer
    from frontier_lint.dataflow.propagation import Analysis
    from frontier_lint.frontend import parsing

    phase = ["own"]
    inside = [False]  # (in a round)
    rounds = [0]
    cpu: collections.Counter[str] = collections.Counter()
    stack: list[str] = []
    wanted: dict[str, Any] = {"ids": frozenset(), "in": False}
    roots: collections.Counter[tuple[str, str]] = collections.Counter()
    root_cpu: collections.Counter[tuple[str, str]] = collections.Counter()
    root_parse: collections.Counter[tuple[str, str]] = collections.Counter()
    parse_cpu = [0.0]
    pending: dict[Any, tuple[Key | None, str, str]] = {}
    redone: list[tuple[str, str, str, float, str]] = []

    def exclusive(label: str, orig: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not inside[0] or (stack and stack[-1] == label):
                return orig(*args, **kwargs)
            stack.append(label)
            t = time.process_time()
            try:
                return orig(*args, **kwargs)
            finally:
                dt = time.process_time() - t
                stack.pop()
                cpu[label] += dt
                if stack:
                    cpu[stack[-1]] -= dt

        return wrapped

    parse = parsing.parse_module

    def parse_module(text: str) -> Any:
        t = time.process_time()
        try:
            return exclusive("parse", parse)(text)
        finally:
            parse_cpu[0] += time.process_time() - t

    parsing.parse_module = parse_module  # type: ignore[assignment]
    for cls, name in (
        (Analysis, "caller_candidates"),
        (Analysis, "_roots"),
        (Analyzer, "summary"),
    ):
        setattr(cls, name, exclusive(name, getattr(cls, name)))

    scan = Analysis._scan_callers

    def scan_callers(self: Any, *args: Any, **kwargs: Any) -> Any:
        rounds[0] += 1
        phase[0] = f"round {rounds[0]}"
        t = time.process_time()
        inside[0] = True
        try:
            return scan(self, *args, **kwargs)
        finally:
            inside[0] = False
            cpu[phase[0]] += time.process_time() - t

    Analysis._scan_callers = scan_callers  # type: ignore[method-assign]

    found = Analysis._analyse_found

    def analyse_found(self: Any, hits: Any, wrappers: Any, *, recompute: bool = False) -> Any:
        ids = {i for w in wrappers for i in (w.func, self._alias_of.get(w.func, w.func))}
        for p, names in hits.items():
            hits_of[p] = sorted({*hits_of.get(p, []), *names})
        wanted["wrappers"] = [(str(w.func), w.name) for w in wrappers]
        wanted.update(ids=frozenset(ids), **{"in": True})
        try:
            return found(self, hits, wrappers, recompute=recompute)
        finally:
            wanted["in"] = False

    Analysis._analyse_found = analyse_found  # type: ignore[method-assign]

    from frontier_lint.dataflow.propagation import member_lines

    root_lines: dict[Any, list[int]] = {}
    hits_of: dict[str, list[str]] = {}
    chunk_roots = Analysis._roots

    def _roots(self: Any, path: str, ci: int, lines: list[int]) -> Any:
        got = chunk_roots(self, path, ci, lines)
        src = self.project.source(path)
        chunk = src.chunks[ci]
        for f in got:
            mine = lines
            if chunk.kind == "class" and f.class_id is not None:
                text = src.line_text(chunk.start, chunk.end).split("\n")
                mine = [
                    n
                    for n in lines
                    if member_lines(text, chunk.start, [n])[0]
                    == [f.qualname.split(".")[-1].split("@")[0]]
                ]
            root_lines.setdefault(f.id, []).extend(mine)
        return got

    Analysis._roots = _roots  # type: ignore[method-assign]
    rows: list[dict[str, Any]] = []

    summarise = Analyzer._summarise

    def _summarise(self: Any, func: Any, depth: int) -> Any:
        if not wanted["in"] or self._stack:
            return summarise(self, func, depth)
        t, p = time.process_time(), parse_cpu[0]
        try:
            return summarise(self, func, depth)
        finally:
            s, r = self.summaries.get(func.id), self.results.get(func.id)
            hit = s is not None and bool((s.followed | s.deferred) & wanted["ids"])
            rec = r is not None and bool(r.sites or r.findings or r.unresolved or r.calls)
            k = ("hit" if hit else "no wrapper", "records" if rec else "records nothing")
            roots[k] += 1
            if roots_out is not None and k == ("no wrapper", "records nothing"):
                src = self.project.source(func.path)
                names = hits_of.get(func.path, [])
                rows.append(
                    {
                        "root": str(func.id),
                        "round": phase[0],
                        "names": names,
                        "wrappers": [w for w in wanted["wrappers"] if w[1] in names],
                        "lines": [
                            (n + 1, src.line_text(n, n + 1).strip())
                            for n in sorted(set(root_lines.get(func.id, [])))
                        ],
                        "cpu": time.process_time() - t,
                    }
                )
            root_cpu[k] += time.process_time() - t
            root_parse[k] += parse_cpu[0] - p

    Analyzer._summarise = _summarise  # type: ignore[method-assign]

    forget = Analyzer.forget

    def _forget(self: Any, fid: Any) -> None:
        who = sys._getframe(1).f_code.co_name
        pending[fid] = (_key(fid, self.summaries.get(fid), self.results.get(fid)), who, phase[0])
        forget(self, fid)

    Analyzer.forget = _forget  # type: ignore[method-assign]

    summary = Analyzer.summary

    def _summary(self: Any, func: Any, depth: int = 0) -> Any:
        before = pending.pop(func.id, None)
        t = time.process_time()
        result = summary(self, func, depth)
        if before is not None:
            same = _key(func.id, self.summaries.get(func.id), self.results.get(func.id))
            verdict = "same" if same == before[0] else "changed"
            redone.append((before[2], str(func.id), before[1], time.process_time() - t, verdict))
        return result

    Analyzer.summary = _summary  # type: ignore[method-assign]

    out = sys.stderr
    print(f"CPU {run_lint(theirs):.2f} s; rounds {rounds[0]}", file=out)
    for label, t in cpu.items():
        print(f"  {label:20s} {t:7.2f} s", file=out)
    print("round roots:", file=out)
    for k, n in sorted(roots.items()):
        print(
            f"  {' / '.join(k):35s} {n:5d} {root_cpu[k]:7.2f} s (parse {root_parse[k]:.2f})",
            file=out,
        )
    print("summaries computed again:", file=out)
    total: collections.Counter[tuple[str, str]] = collections.Counter()
    total_cpu: collections.Counter[tuple[str, str]] = collections.Counter()
    for row in redone:
        print(f"  {row[0]:8s} {row[3]:6.3f} s {row[4]:7s} {row[2]:16s} {row[1]}", file=out)
        total[(row[2], row[4])] += 1
        total_cpu[(row[2], row[4])] += row[3]
    for k, n in sorted(total.items()):
        print(f"  {' '.join(k):25s} {n:4d} {total_cpu[k]:6.2f} s", file=out)
    if roots_out is not None:
        import json

        with open(roots_out, "w") as fh:
            for row in rows:
                fh.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
