"""Where a run's memory grows: RSS and CPython's allocated blocks at the analysis's stage
boundaries (issue 18's peak). A measurement, no change to the analysis: `Analysis`'s stage
methods are wrapped in this process only.

    python -P bench/mem_stages.py [--collect] [--census N] -- FRONTIER-LINT ARGS...

runs the command line in this process (run it in the analysed tree, e.g. `-- . --format json
--jobs 1 --no-cache --exit-zero > /dev/null`) and prints to stderr, before and after each of
`scan_ahead`, every wrapper round's `_scan_callers`, `propagate_wrappers`, `searches_done` and
`outcomes`: the process's RSS, `sys.getallocatedblocks()` and its CPU seconds so far.

--collect: a full `gc.collect()` at each point as well, with the blocks left after it (what of
    the growth is cyclic garbage the run's young-only collections leave: `engine`).
--census N: the N object types (gc-tracked, shallow `sys.getsizeof`) that grew most during the
    first wrapper round, the largest containers on the analyzer and the run after it.

Counts, not wall times: repeatable on a loaded machine. (Session 20, corpus, j1: 111 MB and
1.07 M blocks when the files' own pass ends; the first wrapper round adds 48 MB and 650 k live
blocks, the later rounds and the outcomes 20 MB more; none of it is garbage until the run ends.
Of the rounds' blocks, ansible's caller files made 374 k and ansible_test's 176 k of 760 k:
`modules/apt.py` 73 k, `systemd.py` 53 k, `git.py` 49 k, `user.py` 37 k, their functions calling
`AnsibleModule.run_command` summarised whole, a wrapper caller's cost `CALLER_SLICE.md` weighs.)
"""

from __future__ import annotations

import collections
import contextlib
import gc
import sys
import time
from collections.abc import Callable
from typing import Any


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1])
    return 0


def _point(label: str, collect: bool) -> None:
    blocks = sys.getallocatedblocks()
    after = ""
    if collect:
        gc.collect()
        after = f" -> {sys.getallocatedblocks()} after gc.collect"
    print(
        f"{label:32s} rss {_rss_kb() >> 10:5d} MB  blocks {blocks:9d}{after}"
        f"  cpu {time.process_time():6.1f} s",
        file=sys.stderr,
    )


def _census() -> tuple[collections.Counter[str], collections.Counter[str]]:
    count: collections.Counter[str] = collections.Counter()
    size: collections.Counter[str] = collections.Counter()
    for o in gc.get_objects():
        t = type(o)
        key = f"{t.__module__}.{t.__qualname__}"
        count[key] += 1
        size[key] += sys.getsizeof(o)
    return count, size


def _largest(run: Any, n: int) -> list[tuple[int, str]]:
    sizes: list[tuple[int, str]] = []
    for owner, obj in (("analyzer.", run.analyzer), ("run.", run)):
        for name, value in vars(obj).items():
            try:
                sizes.append((len(value), owner + name))
            except TypeError:
                continue
    return sorted(sizes, reverse=True)[:n]


def _wrap(cls: type, name: str, collect: bool, census: int) -> None:
    orig: Callable[..., Any] = getattr(cls, name)
    calls = [0]

    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        first = census and name == "_scan_callers" and calls[0] == 1
        _point(f"before {name}", collect)
        before = _census() if first else None
        result = orig(self, *args, **kwargs)
        _point(f"after {name}", collect)
        if before is not None:
            count, size = _census()
            grew = collections.Counter({k: v - before[1].get(k, 0) for k, v in size.items()})
            print(f"first wrapper round, growth by type (top {census}):", file=sys.stderr)
            for key, kb in grew.most_common(census):
                n = count[key] - before[0].get(key, 0)
                print(f"  {kb >> 10:8d} KB {n:8d}  {key}", file=sys.stderr)
            print(f"  largest containers: {_largest(self, census)}", file=sys.stderr)
        return result

    setattr(cls, name, wrapped)


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(__doc__)
    at = argv.index("--")
    ours, theirs = argv[:at], argv[at + 1 :]
    collect = "--collect" in ours
    census = int(ours[ours.index("--census") + 1]) if "--census" in ours else 0
    from frontier_lint.dataflow.propagation import Analysis

    for name in ("scan_ahead", "_scan_callers", "propagate_wrappers", "searches_done", "outcomes"):
        _wrap(Analysis, name, collect, census)
    from frontier_lint.cli import main as lint_main

    _point("start", collect)
    with contextlib.suppress(SystemExit):
        lint_main(theirs)
    _point("end", collect)


if __name__ == "__main__":
    main(sys.argv[1:])
