"""Which objects keep libcst trees alive, at the analysis's stage boundaries (issue 18's peak).

    python -P bench/tree_holders.py [--at STAGES] -- FRONTIER-LINT ARGS...

runs the command line in this process (in the analysed tree, e.g. `-- . --format json --jobs 1
--no-cache --exit-zero > /dev/null`) and prints to stderr, after each `Analysis` method named in
STAGES (comma-separated; default `propagate_wrappers,outcomes`):

- the parsed pieces alive (`parsing.Piece`) and their trees' size (shallow `sys.getsizeof` of
  every node, tuple and string reachable from the piece's module, each object once: the layout
  nodes `trivia` shares count once), grouped by the kinds of object that refer to the piece;
- how many `FuncDef`, `LazyHop`, `SiteRef`, `ClassInfo` and `Span` objects are alive, and which
  containers hold the `FuncDef`s (by owner class and attribute);
- the piece side tables: libcst position metadata (`Piece._positions`) and CPython spans
  (`Piece._ast_spans`) kept, and their entries.

A measurement, no change to the analysis (one pass over `gc.get_objects()`'s referents per
question: slow, minutes on the corpus). Session 23, corpus `--jobs 1 --no-cache`, after
`outcomes`: 6,540 pieces, ~35 MB of trees; every piece but 184 is held by a `FuncDef`
(`ModuleScope._module_funcs`, `Analyzer._funcs`, `Methods._parsed`), 1,866 also by trace hops or
site references, most also by `SourceFile._parsed`: no holder but `FuncDef` lets go of a tree
alone (`bench/TREES.md`).
"""

from __future__ import annotations

import collections
import contextlib
import gc
import sys
from typing import Any

import libcst as cst
from frontier_lint.dataflow.propagation import Analysis
from frontier_lint.dataflow.scopes import ClassInfo
from frontier_lint.dataflow.summaries import FuncDef
from frontier_lint.frontend.parsing import LazyHop, Piece, SiteRef, Span

_COUNTED = (FuncDef, LazyHop, SiteRef, ClassInfo, Piece, Span)


def _tree_bytes(root: object, seen: set[int]) -> int:
    size = 0
    stack = [root]
    while stack:
        x = stack.pop()
        if id(x) in seen or not isinstance(x, cst.CSTNode | tuple | list | str):
            continue
        seen.add(id(x))
        size += sys.getsizeof(x)
        if not isinstance(x, str):
            stack.extend(gc.get_referents(x))
    return size


def _owner_attr(owner: object, held: object) -> str:
    name = type(owner).__name__
    fields = vars(owner) if hasattr(owner, "__dict__") else {}
    slots = {s: getattr(owner, s, None) for s in getattr(type(owner), "__slots__", ())}
    for key, value in {**fields, **slots}.items():
        if value is held:
            return f"{name}.{key}"
    return name


def _census(label: str) -> None:
    gc.collect()
    objs = gc.get_objects()
    counts = collections.Counter(type(o).__name__ for o in objs if type(o) in _COUNTED)
    pieces = [o for o in objs if type(o) is Piece]
    piece_ids = {id(p) for p in pieces}
    funcdefs = {id(o) for o in objs if type(o) is FuncDef}
    # Referrers of pieces (a tuple by what holds the tuple: `SourceFile._parsed`'s entries)
    # and of FuncDefs (a dict by its owner's attribute).
    holders: dict[int, set[str]] = collections.defaultdict(set)
    tuples: dict[int, int] = {}
    dicts: dict[int, dict[Any, Any]] = {}
    for o in objs:
        for r in gc.get_referents(o):
            if id(r) in piece_ids:
                if type(o) is tuple:
                    tuples[id(o)] = id(r)
                else:
                    holders[id(r)].add(type(o).__name__)
            elif id(r) in funcdefs and type(o) is dict:
                dicts[id(o)] = o
    func_dicts: collections.Counter[str] = collections.Counter()
    for o in objs:
        for r in gc.get_referents(o):
            if id(r) in tuples:
                holders[tuples[id(r)]].add(f"({type(o).__name__})")
            elif id(r) in dicts and o is not dicts:
                func_dicts[_owner_attr(o, r)] += len(dicts[id(r)])
    seen: set[int] = set()
    by: collections.Counter[str] = collections.Counter()
    n: collections.Counter[str] = collections.Counter()
    for p in pieces:
        key = "+".join(sorted(holders[id(p)])) or "-"
        by[key] += _tree_bytes(p.module, seen)
        n[key] += 1
    positions = [p._positions for p in pieces if p._positions is not None]
    ast_spans = [p._ast_spans for p in pieces if p._ast_spans is not None]
    out = sys.stderr
    print(f"== {label}: {dict(counts)}", file=out)
    print(f"  trees {sum(by.values()) >> 10} KB, by what holds the piece:", file=out)
    for key, size in by.most_common(16):
        print(f"    {size >> 10:8d} KB {n[key]:6d} pieces  {key}", file=out)
    print(f"  FuncDefs in dicts held by: {func_dicts.most_common(8)}", file=out)
    print(
        f"  position metadata kept by {len(positions)} pieces"
        f" ({sum(map(len, positions))} nodes), ast spans by {len(ast_spans)}"
        f" ({sum(map(len, ast_spans))} nodes)",
        file=out,
        flush=True,
    )


def _wrap(name: str) -> None:
    orig = getattr(Analysis, name)

    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = orig(self, *args, **kwargs)
        _census(f"after {name}")
        return result

    setattr(Analysis, name, wrapped)


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(__doc__)
    at = argv.index("--")
    ours, theirs = argv[:at], argv[at + 1 :]
    stages = ours[ours.index("--at") + 1] if "--at" in ours else "propagate_wrappers,outcomes"
    for name in stages.split(","):
        _wrap(name)
    from frontier_lint.cli import main as lint_main

    with contextlib.suppress(SystemExit):
        lint_main(theirs)


if __name__ == "__main__":
    main(sys.argv[1:])
