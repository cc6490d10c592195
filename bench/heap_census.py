"""What a run's peak memory is made of, after `Analysis.outcomes` (issue 18's peak): the
allocators' own figures and the libcst trees by node kind and string field.

    python -P bench/heap_census.py [--trim] -- FRONTIER-LINT ARGS...

runs the command line in this process (in the analysed tree, e.g. `-- . --format json --jobs 1
--no-cache --exit-zero > /dev/null`) and prints to stderr, after `outcomes` and a full collection:

- RSS (anonymous and file-backed), glibc's heap (`mallinfo2`: in use, free) and CPython's
  (`sys._debugmallocstats`: arenas, bytes in used and in free blocks, by size class);
- the trees of every `parsing.Piece` alive: shallow `sys.getsizeof` of each node and tuple by
  kind, and of the strings by the field holding them (each object once: shared layout nodes and
  interned strings count once).

--trim: `malloc_trim(0)` after every stage (`scan_ahead`, each `_scan_callers`,
    `propagate_wrappers`, `searches_done`, `outcomes`), with RSS before and after it, and the
    process's `ru_maxrss` after `outcomes` (before the census): whether the C heap's free pages make the peak.

A measurement, no change to the analysis (glibc only for the heap figures and the trim).
Session 27's figures are in `bench/MEMORY.md`.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import gc
import os
import re
import resource
import sys
import tempfile
from collections.abc import Callable
from typing import Any

import libcst as cst
from frontier_lint.dataflow.propagation import Analysis
from frontier_lint.frontend.parsing import Piece

_STAGES = ("scan_ahead", "_scan_callers", "propagate_wrappers", "searches_done", "outcomes")


class _MallInfo2(ctypes.Structure):
    """glibc's `struct mallinfo2` (sizes in bytes)."""

    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            *("arena", "ordblks", "smblks", "hblks", "hblkhd"),
            *("usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"),
        )
    ]


def _libc() -> Any:
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = _MallInfo2
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    return libc


def _status(*keys: str) -> dict[str, int]:
    """Fields of /proc/self/status in MB."""
    got: dict[str, int] = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            name = line.split(":")[0]
            if name in keys:
                got[name] = int(line.split()[1]) >> 10
    return got


def _allocators() -> None:
    m = _libc().mallinfo2()
    print(f"{_status('VmRSS', 'RssAnon', 'RssFile')} MB", file=sys.stderr)
    print(
        f"glibc heap {m.arena >> 20} MB (in use {m.uordblks >> 20}, free {m.fordblks >> 20}), "
        f"mmapped {m.hblkhd >> 20} MB",
        file=sys.stderr,
    )
    # (CPython writes the statistics to the C stream: file descriptor 2, caught in a file)
    with tempfile.TemporaryFile("w+", encoding="ascii") as out:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read()
    for label in ("arenas allocated current", "bytes in allocated blocks", "in available blocks"):
        line = next((ln for ln in text.splitlines() if label in ln), "")
        print(f"pymalloc {line.strip()}", file=sys.stderr)
    # Size classes: "class size pools used free", the largest by bytes in use.
    rows = re.findall(r"^\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", text, re.M)
    rows.sort(key=lambda r: -int(r[1]) * int(r[3]))
    for _, size, _, used, free in rows[:6]:
        print(
            f"  {size:>4} B blocks: {int(size) * int(used) >> 10:7d} KB used, "
            f"{int(size) * int(free) >> 10:6d} KB free",
            file=sys.stderr,
        )


def _trees() -> None:
    pieces = [o for o in gc.get_objects() if type(o) is Piece]
    seen: set[int] = set()
    size: collections.Counter[str] = collections.Counter()
    count: collections.Counter[str] = collections.Counter()
    strings: collections.Counter[str] = collections.Counter()
    for p in pieces:
        stack: list[tuple[object, str]] = [(p.module, "")]
        while stack:
            x, field = stack.pop()
            if id(x) in seen or not isinstance(x, cst.CSTNode | tuple | list | str):
                continue
            seen.add(id(x))
            if isinstance(x, str):
                strings[field] += sys.getsizeof(x)
                continue
            kind = type(x).__name__
            size[kind] += sys.getsizeof(x)
            count[kind] += 1
            if isinstance(x, cst.CSTNode):
                stack.extend((getattr(x, f), f"{kind}.{f}") for f in type(x).__dataclass_fields__)
            else:
                stack.extend((v, field) for v in x)
    print(
        f"{len(pieces)} pieces: nodes and tuples {sum(size.values()) >> 10} KB, "
        f"strings {sum(strings.values()) >> 10} KB",
        file=sys.stderr,
    )
    for kind, n in size.most_common(12):
        print(f"  {n >> 10:7d} KB {count[kind]:8d} {kind}", file=sys.stderr)
    for field, n in strings.most_common(6):
        print(f"  {n >> 10:7d} KB strings of {field}", file=sys.stderr)


def _wrap(name: str, trim: bool) -> None:
    orig: Callable[..., Any] = getattr(Analysis, name)

    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = orig(self, *args, **kwargs)
        if trim:
            before = _status("VmRSS")["VmRSS"]
            _libc().malloc_trim(0)
            print(f"after {name}: {before} -> {_status('VmRSS')['VmRSS']} MB", file=sys.stderr)
        if name == "outcomes":
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
            print(
                f"ru_maxrss after outcomes {peak} MB (the census below adds to it)", file=sys.stderr
            )
            gc.collect()
            _allocators()
            _trees()
        return result

    setattr(Analysis, name, wrapped)


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(__doc__)
    at = argv.index("--")
    ours, theirs = argv[:at], argv[at + 1 :]
    for name in _STAGES:
        _wrap(name, "--trim" in ours)
    from frontier_lint.cli import main as lint_main

    with contextlib.suppress(SystemExit):
        lint_main(theirs)


if __name__ == "__main__":
    main(sys.argv[1:])
