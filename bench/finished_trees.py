"""Which share of the libcst trees alive at the end of a run no hop, site or class holds, and what
releasing them after their frames would cost in parses again (issue 18's "finished for good").

    python -P bench/finished_trees.py -- FRONTIER-LINT ARGS...

runs the command line in this process (in the analysed tree, e.g. `-- . --format json --jobs 1
--no-cache --exit-zero > /dev/null`), notes the piece of every `Frame` built (a function's or
module chunk's body being run: the only reader of a tree besides the hops, sites and classes),
and prints to stderr after `Analysis.outcomes` (the run's peak, `bench/TREES.md`):

- the pieces alive and their trees' size (as `tree_holders`: shallow sizes, each object once);
- those no `LazyHop`, `SiteRef` or `ClassInfo` refers to (held only by `FuncDef`s and
  `SourceFile._parsed`): what releasing the trees of finished functions could free, without
  the holders of nodes learning to find them in a tree parsed again;
- how many of them a frame ran, how many frames each, and how many ran during
  `propagate_wrappers` (the wrapper rounds);
- the parses again a release after each frame would take, keeping the last K pieces run
  (an LRU of K pieces) for several K.

A measurement, no change to the analysis (one pass over `gc.get_objects()` at the end).
"""

from __future__ import annotations

import collections
import contextlib
import gc
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from frontier_lint.dataflow.interpret import frame as frame_module
from frontier_lint.dataflow.propagation import Analysis
from frontier_lint.dataflow.scopes import ClassInfo
from frontier_lint.frontend.parsing import LazyHop, Piece, SiteRef

from tree_holders import _tree_bytes

_HOLDERS = (LazyHop, SiteRef, ClassInfo)
_LRU_SIZES = (0, 8, 32, 128, 512)


class _Runs:
    """Frames built, in order, by the id of their piece (the pieces are kept: ids stay unique)."""

    def __init__(self) -> None:
        self.order: list[int] = []
        self.by_piece: dict[int, list[int]] = collections.defaultdict(list)
        self.pieces: dict[int, Piece] = {}
        self.propagate_from = 0

    def note(self, piece: Piece) -> None:
        self.pieces[id(piece)] = piece
        self.order.append(id(piece))
        self.by_piece[id(piece)].append(len(self.order))


def _reparses(order: list[int], released: set[int], keep: int) -> int:
    """Frames on a released piece that find its tree gone: run before, not among the last
    `keep` pieces run."""
    lru: collections.OrderedDict[int, None] = collections.OrderedDict()
    ran: set[int] = set()
    again = 0
    for pid in order:
        if pid not in released:
            continue
        if pid in lru:
            lru.move_to_end(pid)
            continue
        again += pid in ran
        ran.add(pid)
        lru[pid] = None
        if len(lru) > keep:
            lru.popitem(last=False)
    return again


def _report(runs: _Runs) -> None:
    gc.collect()
    held: dict[int, set[str]] = collections.defaultdict(set)
    objs = gc.get_objects()
    for o in objs:
        if type(o) in _HOLDERS:
            held[id(o.piece)].add(type(o).__name__)
    alive = [o for o in objs if type(o) is Piece]
    seen: set[int] = set()
    size = {id(p): _tree_bytes(p.module, seen) for p in alive}
    total = sum(size.values())
    free = {id(p) for p in alive if not held[id(p)]}
    ran = [pid for pid in free if runs.by_piece.get(pid)]
    late = [pid for pid in ran if runs.by_piece[pid][-1] > runs.propagate_from]

    def kb(pids: Any) -> int:
        return sum(size[pid] for pid in pids) >> 10

    out = sys.stderr
    print(f"frames {len(runs.order)} (propagate_wrappers from {runs.propagate_from})", file=out)
    print(f"pieces alive {len(alive)}, trees {total >> 10} KB", file=out)
    print(f"  held by no hop, site or class: {len(free)} pieces, {kb(free)} KB", file=out)
    print(f"    run by a frame: {len(ran)} pieces, {kb(ran)} KB", file=out)
    print(f"    last run in propagate_wrappers: {len(late)} pieces, {kb(late)} KB", file=out)
    per = collections.Counter(min(len(runs.by_piece[pid]), 10) for pid in ran)
    print(f"    frames per piece (10: 10 or more): {sorted(per.items())}", file=out)
    frames = sum(len(runs.by_piece[pid]) for pid in ran)
    for keep in _LRU_SIZES:
        again = _reparses(runs.order, free, keep)
        print(
            f"    released after each frame, last {keep} kept: {again} parses again of"
            f" {frames} frames",
            file=out,
        )
    by: collections.Counter[str] = collections.Counter()
    for p in alive:
        by["+".join(sorted(held[id(p)])) or "-"] += size[id(p)]
    print("  KB by holder:", {k: v >> 10 for k, v in by.most_common()}, file=out, flush=True)


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(__doc__)
    runs = _Runs()
    init = frame_module.Frame.__init__

    def noted_init(self: Any, analyzer: Any, func: Any, **kwargs: Any) -> None:
        init(self, analyzer, func, **kwargs)
        runs.note(func.piece)

    propagate, outcomes = Analysis.propagate_wrappers, Analysis.outcomes

    def noted_propagate(self: Any, *args: Any, **kwargs: Any) -> Any:
        runs.propagate_from = len(runs.order)
        return propagate(self, *args, **kwargs)

    def noted_outcomes(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = outcomes(self, *args, **kwargs)
        _report(runs)
        return result

    frame_module.Frame.__init__ = noted_init  # type: ignore[method-assign]
    Analysis.propagate_wrappers = noted_propagate  # type: ignore[method-assign]
    Analysis.outcomes = noted_outcomes  # type: ignore[method-assign]
    from frontier_lint.cli import main as lint_main

    with contextlib.suppress(SystemExit):
        lint_main(argv[argv.index("--") + 1 :])


if __name__ == "__main__":
    main(sys.argv[1:])
