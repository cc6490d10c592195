"""What each file's cache entry records besides its report, by the order the analysis takes.

    python -P bench/entry_order.py PROJECT [--orders path,reverse,shuffled,split] [--seed N]
        [--out DIR] [--show N]

Runs the analysis of PROJECT once per order, each in a fresh process, with the first round's
files in path order, reverse path order, a shuffled order (`--seed`) or split between two
processes (`run.split`, turned on for the run): `analyse.all_paths` monkeypatched as
`tests/test_analysis_order.py` does. Every entry the analysis gives is dumped (`--out`: one
JSON file per order) as its `deps` (paths), `searches` and `scanned`, each sorted, beside its
report (findings and unresolved sites). Then each order is compared with the first: how many
files record other deps, searches, scanned or report, with `--show` examples of each.

What an entry records must not depend on the order (docs/design.md "Order"): a cache entry
keeps the files and searches its results were resolved from, and a later edit of one of them
is what makes it stale.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

ORDERS = ("path", "reverse", "shuffled", "split")


def _dump(root: Path, order: str, seed: int, out: Path) -> None:
    """Child: one analysis of `root` in `order`, its entries written to `out`."""
    import frontier_lint.run.analyse as analyse
    from frontier_lint.run import split
    from frontier_lint.run.engine import LintRequest, lint
    from frontier_lint.settings.catalogue import load_catalogue
    from frontier_lint.settings.loading import load_config

    in_sorted = analyse.all_paths

    def ordered(project: Any) -> list[str]:
        paths = in_sorted(project)
        if order == "reverse":
            return paths[::-1]
        if order == "shuffled":
            random.Random(seed).shuffle(paths)
        return paths

    analyse.all_paths = ordered  # type: ignore[assignment]
    got: dict[str, Any] = {}
    inner = analyse.analyse_project

    def capture(*args: Any, **kwargs: Any) -> Any:
        entries, wrappers = inner(*args, **kwargs)
        got.update(entries)
        return entries, wrappers

    analyse.analyse_project = capture  # type: ignore[assignment]
    jobs = 1
    if order == "split":
        split.ENABLED = True
        split.SPLIT_BYTES = 0
        jobs = 2
    os.chdir(root)  # (the project's root when it has no marker: ruff's rule)
    config = load_config(None, root)
    lint(config, load_catalogue(config.rules), LintRequest((root,), jobs=jobs), use_cache=False)
    rows = {
        path: {
            "deps": sorted(e.deps),
            "searches": sorted(f"{s.kind.value}:{s.name}" for s in e.searches),
            "scanned": sorted(e.scanned),
            "report": sorted(
                [repr((f.line, f.column, f.program, f.message)) for f in e.findings]
                + [repr((u.line, u.column, u.reason)) for u in e.unresolved]
                + [repr((k, u.line, u.column, u.reason)) for k, u in e.open_sites]
            ),
        }
        for path, e in sorted(got.items())
    }
    out.write_text(json.dumps(rows, indent=0, sort_keys=True))


def _compare(base: dict[str, Any], other: dict[str, Any], show: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for field in ("deps", "searches", "scanned", "report"):
        differ = [
            p
            for p in sorted(set(base) | set(other))
            if base.get(p, {}).get(field) != other.get(p, {}).get(field)
        ]
        counts[field] = len(differ)
        for p in differ[:show]:
            a = set(base.get(p, {}).get(field, []))
            b = set(other.get(p, {}).get(field, []))
            print(f"    {field} {p}: only first {sorted(a - b)[:6]} only this {sorted(b - a)[:6]}")
    counts["files"] = len(set(base) ^ set(other))
    return counts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("project", type=Path)
    ap.add_argument("--orders", default=",".join(ORDERS))
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--out", type=Path, default=Path("/tmp/entry-order"))
    ap.add_argument("--show", type=int, default=3)
    ap.add_argument("--child", default="")
    args = ap.parse_args()
    root = args.project.resolve()
    if args.child:
        _dump(root, args.child, args.seed, args.out)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    for order in args.orders.split(","):
        out = args.out / f"{order}.json"
        env = {**os.environ, "XDG_CACHE_HOME": str(args.out / "xdg")}
        cmd = [sys.executable, "-P", __file__, str(root), "--child", order]
        cmd += ["--seed", str(args.seed), "--out", str(out)]
        subprocess.run(cmd, check=True, env=env)
        results[order] = json.loads(out.read_text())
    first, *rest = results
    print(f"{first}: {len(results[first])} entries")
    differ = False
    for order in rest:
        print(f"  {order} vs {first}:")
        counts = _compare(results[first], results[order], args.show)
        print(f"  {order}: " + ", ".join(f"{k} differ {v}" for k, v in counts.items()))
        differ |= any(counts.values())
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
