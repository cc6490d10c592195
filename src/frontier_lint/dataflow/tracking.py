"""What an answer was read from, as it stands at the end of the run: dependency sets whose
items are file paths, searches (`searches.Search.key`) and *nodes*: a memoised answer that may
still grow or be computed again (a function's summary, a class), read by key.

A reader of a memoised answer records the answer's key, not a copy of what the answer had read
so far: a summary read while it was still being computed (a cycle), or computed again later,
or a class asked more questions after, would otherwise give its readers what it had read at
the time, and what a file's cache entry records would depend on the order the analysis took.
`Closure` resolves the keys once the analysis is done: each node's files and searches are
those of its final answer, and of the nodes it read, to any depth (cycles included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Marks a node among the file paths of a dependency set: no path holds a control character
# (a search's key begins with NUL).
SUMMARY = "\1"  # + str(FuncId): a function's summary
CLASS = "\2"  # + str(FuncId): a class's answers (`scopes.ClassInfo.deps`)
NAME = "\3"  # + str(FuncId(module, name)): a module's global name (`scopes.ModuleScope.lookup`)
_NODES = (SUMMARY, CLASS, NAME)


def is_node(key: str) -> bool:
    return key[:1] in _NODES


class Closure:
    """The files and searches each node was read from, to any depth: `edges(key)` is the
    dependency set a node recorded (node keys among them). Each strongly connected group of
    nodes (a cycle of summaries) shares one answer, computed once."""

    def __init__(self, edges: Callable[[str], Iterable[str]]) -> None:
        self._edges = edges
        self._done: dict[str, frozenset[str]] = {}
        self._shared: dict[frozenset[str], frozenset[str]] = {}  # one object per distinct set

    def of(self, deps: Iterable[str]) -> set[str]:
        """`deps` with every node replaced by what it was read from."""
        out: set[str] = set()
        for d in deps:
            if is_node(d):
                out |= self._node(d)
            else:
                out.add(d)
        return out

    def _node(self, key: str) -> frozenset[str]:
        done = self._done.get(key)
        if done is not None:
            return done
        # Tarjan's strongly connected components, iteratively (summary chains are deep).
        index: dict[str, int] = {key: 0}
        low: dict[str, int] = {key: 0}
        leaves: dict[str, set[str]] = {key: set()}
        stack = [key]
        on_stack = {key}
        work = [(key, iter(self._edges(key)))]
        while work:
            v, edges = work[-1]
            deeper = False
            for w in edges:
                if not is_node(w):
                    leaves[v].add(w)
                elif w in self._done:
                    leaves[v] |= self._done[w]
                elif w not in index:
                    index[w] = low[w] = len(index)
                    leaves[w] = set()
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(self._edges(w))))
                    deeper = True
                    break
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
            if deeper:
                continue
            work.pop()
            if low[v] == index[v]:  # v roots a group: its members share their leaves
                group: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    group.append(w)
                    if w == v:
                        break
                merged = frozenset().union(*(leaves[w] for w in group))
                merged = self._shared.setdefault(merged, merged)
                for w in group:
                    self._done[w] = merged
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
                if v in self._done:  # (another group, finished: else merged with u's)
                    leaves[u] |= self._done[v]
        return self._done[key]
