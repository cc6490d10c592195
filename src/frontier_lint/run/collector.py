"""The cyclic GC in a run of the command line: held off until the analysis starts.

Before its analysis, a run of the command makes objects that live until it ends: the modules
it imports (libcst and the analysis: most of a run that answers an edit from the cache), the
configuration and rule packs, the cache's entries. CPython's young collections scanned each of
them once per young generation and freed next to nothing: ~190 collections, ~30 ms CPU of a
~0.33 s run answering a one-file edit of the planted corpus, ~150 objects freed (session 22).
So `cli.main` holds the collector off (`hold`) and the analysis, which does make short-lived
cycles, lets it run when it starts (`analysis_starts`), with everything made so far frozen:
never scanned again (as `cli` freezes the heap once the report is made). A run that reaches no
analysis (answered from memory or from the cache alone) runs with the collector off to its end
(`release`). Any other caller (the language server's analysis child, a test calling
`engine.lint`) holds nothing, and `analysis_starts` does nothing there.

Once on, the collector's youngest generation is collected every `YOUNG` allocations rather
than every 700 (CPython's default), in that process only until the run ends (`engine.lint`
puts the thresholds back): the analysis keeps most of what it makes until the run ends, and a
young collection scans everything made since the last one that is still alive. A pre-commit
run on one 13k-line module, cold: 138 young collections, ~20 ms CPU, 209 objects freed; with
`YOUNG`, 8 collections (~8 ms), the same objects freed a little later.

Forked children turn the collector off themselves (`run.background`: a collection would copy
the pages shared with the parent), whatever it was in the parent.
"""

from __future__ import annotations

import gc

# Whether `hold` turned the collector off and nothing has turned it on since.
_held = False

# Allocations between two young collections once the analysis started (`analysis_starts`).
YOUNG = 10_000


def hold() -> None:
    """Turn the collector off until `analysis_starts` or `release` (when it is on)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def analysis_starts() -> None:
    """The analysis starts: freeze what was made while held, and let the collector run,
    its youngest generation every `YOUNG` allocations."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        young, middle, old = gc.get_threshold()
        gc.set_threshold(max(young, YOUNG), middle, old)
        gc.enable()


def release() -> None:
    """The run is over: the collector as it was before `hold` (nothing frozen here)."""
    global _held
    if _held:
        _held = False
        gc.enable()
