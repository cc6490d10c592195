"""Tests of work forked beside a run: they need a safe fork when they run."""

from __future__ import annotations

import sys
import threading
import time

# Threads an earlier test leaves idling end by themselves within this (trio's cached worker
# thread, after `trio.run_process` in test_runtime, stays 10 s).
LINGER = 30.0


def fork_or_skip() -> None:
    """Skip off Linux (no safe fork there); on Linux, wait for threads an earlier test left to
    end, and fail if one does not: it would otherwise skip every later test of a fork,
    silently (and the run itself makes no fork then, `run.background.can_fork`)."""
    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("no safe fork on this platform")
    deadline = time.monotonic() + LINGER
    for t in threading.enumerate():
        if t is not threading.main_thread():
            t.join(max(0.0, deadline - time.monotonic()))
    others = sorted(t.name for t in threading.enumerate() if t is not threading.main_thread())
    assert not others, f"threads left running by an earlier test: {others}"
