"""Does the report depend on the order files are analysed in? (docs/design.md "Order")

    python bench/order_check.py [--orders path,reverse,shuffle1,...] [--split] [--out DIR] TREE...

Each TREE (a project directory, with its configuration file if it has one) is analysed by one
process (`--jobs 1 --no-cache`) once per order: `path` (sorted, what a run does), `reverse`, and
`shuffleN` (the paths shuffled with seed N); with `--split` also `split` (`--jobs 2`, the files
shared out between processes, `run.split` turned on; a tree with less than `split.SPLIT_BYTES`
of files that may launch is not split). Each run is a child process whose
`run.analyse.all_paths` gives the paths in that order; the JSON reports go to `OUT/NAME-ORDER.json`
and every one is compared with `path`'s by `bench/diff_reports.py`. Exit status 1 when any differs.

Run it with the interpreter of the tree under test (`WT/.venv/bin/python -P bench/order_check.py`).
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from diff_reports import differences  # noqa: E402

DEFAULT_ORDERS = ("path", "reverse", "shuffle1", "shuffle2", "shuffle3")


def _ordered(order: str, paths: list[str]) -> list[str]:
    if order in ("path", "split"):
        return paths
    if order == "reverse":
        return paths[::-1]
    if order.startswith("shuffle"):
        out = list(paths)
        random.Random(int(order[len("shuffle") :])).shuffle(out)
        return out
    raise SystemExit(f"unknown order {order!r}")


def _child(tree: str, order: str, out: str) -> None:
    """One run of the command on `tree` with the files in `order` (in this process)."""
    import frontier_lint.run.analyse as analyse
    import frontier_lint.run.split as split
    from frontier_lint.cli import main

    in_sorted = analyse.all_paths
    analyse.all_paths = lambda project: _ordered(order, in_sorted(project))  # type: ignore[assignment]
    split.ENABLED = order == "split"
    jobs = "2" if order == "split" else "1"
    os.chdir(tree)
    args = [".", "--format", "json", "--no-cache", "--exit-zero", "--jobs", jobs, "-o", out]
    try:
        main(args)
    except SystemExit as e:
        if e.code not in (0, 1, None):
            raise


def _load(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("trees", nargs="*")
    ap.add_argument("--orders", default=",".join(DEFAULT_ORDERS))
    ap.add_argument("--split", action="store_true", help="also a split run (--jobs 2)")
    ap.add_argument("--out", default="/tmp/order-check")
    ap.add_argument("--child", nargs=3, metavar=("TREE", "ORDER", "OUT"), help=argparse.SUPPRESS)
    ns = ap.parse_args()
    if ns.child:
        _child(*ns.child)
        return 0
    if not ns.trees:
        ap.error("name a tree")
    orders = ns.orders.split(",") + (["split"] if ns.split else [])
    if "path" not in orders:
        orders.insert(0, "path")
    out = Path(ns.out)
    out.mkdir(parents=True, exist_ok=True)
    status = 0
    for tree in ns.trees:
        name = Path(tree).resolve().name
        for order in orders:
            dest = out / f"{name}-{order}.json"
            cmd = [sys.executable, "-P", __file__, "--child", str(Path(tree).resolve()), order]
            p = subprocess.run([*cmd, str(dest)], stderr=subprocess.PIPE, text=True)
            if p.returncode != 0 or not dest.exists():
                print(f"{name} {order}: exit {p.returncode} {p.stderr[-1500:]}", flush=True)
                status = 1
                continue
            if order == "path":
                continue
            lines = differences(_load(out / f"{name}-path.json"), _load(dest))
            print(f"{name} {order}: {len(lines)} differences", flush=True)
            for line in lines:
                print("   ", line, flush=True)
            status |= 1 if lines else 0
    return status


if __name__ == "__main__":
    sys.exit(main())
