"""What a release of libcst trees would parse again: the reads of a piece's tree made while no
frame runs on that piece, by the function that reads it (issue 18, `bench/TREES.md`).

    python -P bench/tree_needs.py -- FRONTIER-LINT ARGS...

runs the command line in this process (in the analysed tree, e.g. `-- . --format json --jobs 1
--no-cache --exit-zero > /dev/null`) with these readers of a tree noted:

- `FuncDef.node` and `FuncDef.body` (a function's definition: its parameters, defaults,
  decorators, statements; not while the `FuncDef` is made), the statements
  `SourceFile.statements` gives (a module chunk's). (A node a value holds, `LazyCall.node`,
  `LocalFunc.node`, keeps its own subtree alive: reading it needs no parse.)
- which pieces a frame is running on (`Frame.run`, `bind_params`, `stmt`, `eval`, `force`,
  `finish_nested`, `scan_rest`: a frame pins its own tree while it runs, as mem26's did).

A read of a piece no frame is running on is a need outside its frame. A release that lets
every tree go once no frame runs on it, keeping the last K pieces used (an LRU), parses a tree
again at each such need that finds its piece used before and not among the last K used; the
counts are printed to stderr by reader for several K, at the end of `Analysis.outcomes`.
A measurement, no change to the analysis.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import sys
from collections.abc import Callable
from typing import Any

from frontier_lint.dataflow.interpret import frame as frame_module
from frontier_lint.dataflow.propagation import Analysis
from frontier_lint.dataflow.summaries import FuncDef
from frontier_lint.frontend import parsing

_LRU_SIZES = (0, 8, 32, 128, 512)
_FRAME_METHODS = ("run", "bind_params", "stmt", "eval", "force", "finish_nested", "scan_rest")


class _Needs:
    """Uses of pieces in order: a frame starting on one (reader None) or a read outside."""

    def __init__(self) -> None:
        self.running: collections.Counter[int] = collections.Counter()
        self.events: list[tuple[int, str | None]] = []
        self.keep: dict[int, object] = {}  # (pieces kept alive: ids stay unique)

    def pin(self, piece: object) -> None:
        pid = id(piece)
        if self.running[pid] == 0:
            self.keep[pid] = piece
            self.events.append((pid, None))
        self.running[pid] += 1

    def unpin(self, piece: object) -> None:
        self.running[id(piece)] -= 1

    def read(self, piece: object | None, depth: int) -> None:
        if piece is None or self.running[id(piece)] > 0:
            return
        code = sys._getframe(depth).f_code
        if code.co_name == "__post_init__":
            return  # (the definition being made, its tree in hand)
        self.keep[id(piece)] = piece
        self.events.append((id(piece), code.co_name))


NEEDS = _Needs()


def _pinning(name: str) -> None:
    real = getattr(frame_module.Frame, name)

    def pinned(self: Any, *args: Any, **kwargs: Any) -> Any:
        piece = self.piece
        NEEDS.pin(piece)
        try:
            return real(self, *args, **kwargs)
        finally:
            NEEDS.unpin(piece)

    setattr(frame_module.Frame, name, pinned)


def _noting(cls: type, name: str, piece_of: Callable[[Any], object | None]) -> None:
    slot = cls.__dict__[name]  # (a slot's member descriptor)

    def get(self: Any) -> Any:
        NEEDS.read(piece_of(self), 2)
        return slot.__get__(self, cls)

    def put(self: Any, value: Any) -> None:
        slot.__set__(self, value)

    setattr(cls, name, property(get, put))


def _report() -> None:
    out = sys.stderr
    pieces = [o for o in gc.get_objects() if type(o) is parsing.Piece]
    tables = [p._places for p in pieces if p._places is not None]
    print(
        f"pieces alive {len(pieces)}, with a place table (`node_key`) {len(tables)},"
        f" {sum(map(len, tables))} places",
        file=out,
    )
    events = NEEDS.events
    reads = [e for e in events if e[1] is not None]
    print(f"frame starts {len(events) - len(reads)}, reads outside a frame {len(reads)}", file=out)
    for keep in _LRU_SIZES:
        lru: collections.OrderedDict[int, None] = collections.OrderedDict()
        used: set[int] = set()
        again: collections.Counter[str] = collections.Counter()
        for pid, reader in events:
            if pid in lru:
                lru.move_to_end(pid)
                continue
            if pid in used and reader is not None:
                again[reader] += 1
            elif pid in used:
                again["(a frame starts)"] += 1
            used.add(pid)
            lru[pid] = None
            if len(lru) > keep:
                lru.popitem(last=False)
        total = sum(again.values())
        top = ", ".join(f"{k} {v}" for k, v in again.most_common(12))
        print(f"  last {keep} kept: {total} parses again ({top})", file=out, flush=True)


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(__doc__)
    for name in _FRAME_METHODS:
        _pinning(name)
    _noting(FuncDef, "node", lambda d: d.piece)
    _noting(FuncDef, "body", lambda d: d.piece)
    statements = parsing.SourceFile.statements

    def noted_statements(self: Any, index: int) -> Any:
        got = statements(self, index)
        NEEDS.read(got[1], 2)
        return got

    parsing.SourceFile.statements = noted_statements  # type: ignore[method-assign]
    outcomes = Analysis.outcomes

    def noted_outcomes(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = outcomes(self, *args, **kwargs)
        _report()
        return result

    Analysis.outcomes = noted_outcomes  # type: ignore[method-assign]
    from frontier_lint.cli import main as lint_main

    with contextlib.suppress(SystemExit):
        lint_main(argv[argv.index("--") + 1 :])


if __name__ == "__main__":
    main(sys.argv[1:])
