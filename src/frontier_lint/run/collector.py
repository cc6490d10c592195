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

Forked children turn the collector off themselves (`run.background`: a collection would copy
the pages shared with the parent), whatever it was in the parent.
"""

from __future__ import annotations

import gc

# Whether `hold` turned the collector off and nothing has turned it on since.
_held = False


def hold() -> None:
    """Turn the collector off until `analysis_starts` or `release` (when it is on)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def analysis_starts() -> None:
    """The analysis starts: freeze what was made while held, and let the collector run."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def release() -> None:
    """The run is over: the collector as it was before `hold` (nothing frozen here)."""
    global _held
    if _held:
        _held = False
        gc.enable()
