"""What a run from the cache spends loading and saving it, in CPU time (repeatable under load).

    python -P bench/cache_cost.py file PROJECT [--runs N]
    python -P bench/cache_cost.py run PROJECT [-- ARGS...]

`file`: the newest cache file of PROJECT (`.frontier-lint-cache/v*.bin`, this user's key):
its size, each section's marshal bytes, how many entries hold each field, and the median
process CPU time (ms, over `--runs`) of its steps: reading the file, the MAC check,
`marshal.loads`, decoding the entries (`Cache._entries`), the whole `Cache.load`, and
`Cache.save` of what was loaded (into a scratch directory, never into PROJECT).

`run`: one run of the command in this process on PROJECT (default arguments: `. --format
json --jobs 2`, the output thrown away), with the process CPU time of the whole run, of
`Cache.load`, `Cache.save`, the analysis (`analyse_project`) and the report
(`build_report`) printed to standard error: this process's only (forked children apart).
And of the entries `Cache.load` decoded, how many the run read each field of (what a format
decoding entries lazily could leave undecoded: an entry none of whose fields is read). The
run reads and saves PROJECT's cache as any run does.
"""

from __future__ import annotations

import argparse
import atexit
import hmac
import marshal
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return round(sorted(times)[len(times) // 2] * 1000, 2)


def file_costs(project: Path, runs: int) -> None:
    from frontier_lint.run import cache
    from frontier_lint.run.keys import CACHE_DIR, SUFFIX, machine_key

    files = sorted((project / CACHE_DIR).glob(f"v*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
    if not files:
        sys.exit(f"no cache file in {project / CACHE_DIR}")
    path = files[-1]
    secret = machine_key()
    assert secret is not None
    key = path.name.split("-", 1)[1].removesuffix(SUFFIX)
    data = path.read_bytes()
    mac, _, body = data.partition(b"\n")
    if not hmac.compare_digest(mac, cache._mac(secret, path.name, body).encode()):
        sys.exit(f"{path}: not this user's cache (the MAC does not match)")
    document: dict[str, Any] = marshal.loads(body)
    print(f"{path.name}: {len(data):,} bytes")
    for name, value in document.items():
        size = len(marshal.dumps(value))
        count = len(value) if hasattr(value, "__len__") else ""
        print(f"  {name:14} {size:>10,} bytes  {count}")
    held: Counter[str] = Counter()
    for entry in cache.plain_entries(document).values():
        held.update(k for k, v in entry.items() if v)
    print(f"  entries holding each field: {dict(held.most_common())}")

    def load() -> object:
        return cache.Cache(project, key, secret).load()

    loaded = load()
    assert loaded is not None
    with tempfile.TemporaryDirectory() as scratch:
        store = cache.Cache(Path(scratch), key, secret)
        store._loaded = cache.Cache(project, key, secret)._loaded  # (as after a load)
        rows = {
            "read": lambda: path.read_bytes(),
            "mac": lambda: cache._mac(secret, path.name, body),
            "marshal.loads": lambda: cache._loads(body),
            "entries": lambda: cache.Cache(project, key, secret)._entries(
                document["entries"], cache._search_table(document["searches"])
            ),
            "Cache.load": load,
            "Cache.save": lambda: store.save(loaded),
        }
        for label, fn in rows.items():
            print(f"  {label:14} {median_ms(fn, runs):>8} ms CPU (median of {runs})")


def run_costs(project: Path, args: list[str]) -> None:
    started = time.process_time()
    spent: Counter[str] = Counter()

    def timed(owner: Any, attr: str, label: str) -> None:
        inner = getattr(owner, attr)

        def wrapper(*a: Any, **k: Any) -> Any:
            start = time.process_time()
            try:
                return inner(*a, **k)
            finally:
                spent[label] += time.process_time() - start

        setattr(owner, attr, wrapper)

    import frontier_lint.run.analyse as analyse
    import frontier_lint.run.cache as cache
    import frontier_lint.run.collect as collect

    imported = time.process_time() - started
    # Each loaded entry re-classed to one that records which of its fields the run reads.
    read: dict[str, set[int]] = {}
    loaded: list[int] = []
    fields = set(cache.Entry.__dataclass_fields__)

    class Watched(cache.Entry):
        def __getattribute__(self, name: str) -> Any:
            if name in fields:
                read.setdefault(name, set()).add(id(self))
            return super().__getattribute__(name)

    inner_load = cache.Cache.load

    def load(self: Any) -> Any:
        data = inner_load(self)
        if data is not None:
            for entry in data.entries.values():
                entry.__class__ = Watched
                loaded.append(id(entry))
        return data

    cache.Cache.load = load  # type: ignore[method-assign]
    timed(cache.Cache, "load", "load")
    timed(cache.Cache, "save", "save")
    timed(analyse, "analyse_project", "analyse")
    timed(collect, "build_report", "report")

    def show() -> None:
        total = time.process_time() - started
        parts = "  ".join(f"{k} {v * 1000:.0f}" for k, v in sorted(spent.items()))
        print(
            f"ms CPU: total {total * 1000:.0f}  (bench imports {imported * 1000:.0f})  {parts}",
            file=sys.stderr,
        )
        ids = set(loaded)
        counts = {k: len(v & ids) for k, v in sorted(read.items())}
        unread = len(ids - set().union(*read.values())) if read else len(ids)
        print(f"entries loaded {len(ids)}, none of whose fields was read {unread}", file=sys.stderr)
        print(f"entries whose field was read: {counts}", file=sys.stderr)

    atexit.register(show)
    os.chdir(project)
    from frontier_lint.cli import main

    sys.argv = ["frontier-lint", *(args or [".", "--format", "json", "--jobs", "2"])]
    sys.argv += ["--output", os.devnull]
    main()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("file", "run"))
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args()
    project = ns.project.resolve()
    if ns.mode == "file":
        file_costs(project, ns.runs)
    else:
        run_costs(project, [a for a in ns.args if a != "--"])


if __name__ == "__main__":
    main()
