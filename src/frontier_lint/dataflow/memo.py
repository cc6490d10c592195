"""Forced attribute reads and calls remembered within one frame, while nothing they depend on
changed.

A value computed later is forced where something needs it, and the same read comes back many
times: a method's returned list of f-strings reads `self.x` through each receiver its callers
may pass, and rebuilding the list forces every copy of every read again (aider's `get_coder`
forced 212,000 attribute reads, 59,000 of them distinct, in 28 s). A read's result depends only
on its base (compared by value, traces included: dataclass equality), the frame and the
analyzer's state, so the frame keeps what it forced under a key that names that state (so it
does deferred calls, `Deferred`, and calls through a value computed later, `LazyCall`):

- the frame's own state a force reads (`Frame.memo_state`: quiet, nested functions being run,
  loops being unrolled), the launch nesting and the deferred calls being computed (the bounds
  and recursion guards a force meets);
- the dependency set being recorded into (a hit adds no file to it: the first force did);
- how many summaries and eager functions there are, and how many were forgotten (a function
  summarised or made eager since turns a deferred call into a followed one).

A force that had an effect besides its value (it recorded a launch, an unresolved call, a
cycle that taints a summary or a contained error: `Analyzer.effects` moved) is not remembered:
doing it again must do that again. A deferred call met again while it is computed, of a
function not being summarised, taints none (`Analyzer.note_cycle`): its unknown is named by
the key's deferred calls being computed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from frontier_lint.dataflow.lazy import Rebuilt
from frontier_lint.dataflow.values import Value

if TYPE_CHECKING:
    from frontier_lint.dataflow.analyzer import Analyzer


class ForceMemo:
    """One frame's remembered forces: `(what, state) -> (what the key's ids name, result)`."""

    def __init__(self) -> None:
        self._done: dict[tuple[Hashable, ...], tuple[object, Value]] = {}
        self._walks_key: tuple[Hashable, ...] = ()
        self._walks = Rebuilt()

    def size(self) -> int:
        """The results and rebuilt parts it keeps alive."""
        return len(self._done) + len(self._walks.by_id)

    def walks(self, a: Analyzer, frame: tuple[Hashable, ...]) -> Rebuilt:
        """The parts rebuilt with their deferred parts forced (`lazy.substitute_lazy`), by
        identity, while the state a force depends on and the effects are as they were: only
        the latest state's are kept (a walk that had an effect starts the next afresh)."""
        key = (frame, *_state(a), a.effects)
        if key != self._walks_key:
            self._walks_key = key
            self._walks = Rebuilt()
        return self._walks

    def get(
        self,
        a: Analyzer,
        frame: tuple[Hashable, ...],
        what: Hashable,
        compute: Callable[[], Value],
    ) -> Value:
        try:
            key = (what, frame, *_state(a))  # (a value's hash is kept on it: `values`)
            hit = self._done.get(key)
        except TypeError:  # a part that cannot be hashed (a literal's value): not remembered
            return compute()
        if hit is not None:
            return hit[1]
        effects = a.effects
        got = compute()
        if a.effects == effects:
            # The dependency set is kept alive with the entry: its id in the key is not reused.
            self._done[key] = (a._dep_stack[-1] if a._dep_stack else None, got)
        return got


def _state(a: Analyzer) -> tuple[Hashable, ...]:
    deps = id(a._dep_stack[-1]) if a._dep_stack else 0
    return (
        a.for_launch,
        a.at_sink,
        tuple(a.forcing),
        len(a._stack),
        deps,
        len(a.summaries),
        a.forgotten,
        len(a.eager),
        len(a.constructor_events),
        len(a.interesting_names),
    )
