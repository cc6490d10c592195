"""Profile one cold frontier-lint run: where the time goes, and how often each file is read.

    python bench/profile_run.py TREE [--python PY] [--json OUT] [--markdown OUT] [--top 25]

Runs `frontier-lint . --format json --jobs 1 --no-cache` in TREE once, in one process (with one
job nothing is forked, so the profile sees all the work), under cProfile, with an audit hook
that counts every `open` (`open()`, `io.open_code`, `os.open`) by path. `--python` picks the
interpreter whose installed frontier-lint is profiled (default: this one; `bench/run.py` passes
its snapshot's). Prints markdown (for BENCHMARKS.md's notes) and writes JSON:

- total: wall and CPU time of the profiled run (cProfile roughly doubles them), and the wall
  time from the start of the run to its end measured inside the child;
- the top functions by cumulative and by own time;
- a breakdown by phase: every function's own time goes to exactly one phase, chosen by where
  the function lives (path fragments such as `/libcst/_parser/`, `frontier_lint/dataflow/`, so
  the breakdown follows a package reorganised into other modules) or, for C functions
  (`compile`, `os.read`, regex and Aho-Corasick searches), by name; a C function or generated
  code (`<string>`: dataclass methods) with no phase of its own is charged to its callers'
  phases, in proportion to the time each caller spent in it. The phases add up to the total;
- entry points: cumulative time and calls of the parse entries (libcst's, CPython's `compile`
  and `ast.parse`) and of the reads;
- files: opens in all, distinct paths, opens of the tree's files and how many times each was
  opened (a histogram and the most-opened files), opens outside the tree (imports, /dev/null).
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
TOP = 25
ENGINE_ARGS = (".", "--format", "json", "--jobs", "1", "--no-cache")

# (function key) -> (primitive calls, calls, own time, cumulative time, callers)
FuncKey = tuple[str, int, str]
Stats = dict[FuncKey, tuple[int, int, float, float, dict[FuncKey, tuple[int, int, float, float]]]]


@dataclass(frozen=True)
class Phase:
    name: str
    paths: tuple[str, ...] = ()  # fragments of a Python function's file path
    builtins: tuple[str, ...] = ()  # fragments of a C function's name, e.g. "posix.read"


# First match wins; the order puts the specific before the general. Module bodies (`<module>`)
# and whatever importlib itself calls are imports, wherever the module lives.
IMPORTS = "imports (module bodies, finding and reading modules)"
PHASES: tuple[Phase, ...] = (
    Phase("libcst parsing", paths=("/libcst/_parser/",), builtins=("libcst_native", "libcst.")),
    Phase("libcst trees (visitors, metadata, codegen, evaluated_value)", paths=("/libcst/",)),
    Phase("CPython compile / ast.parse", paths=("/ast.py",), builtins=("builtins.compile",)),
    Phase(
        "file I/O (open, read, stat, directory listing)",
        paths=("frontier_lint/scan/fileio.py",),
        builtins=(
            "io.open",
            "posix.",
            "nt.",
            "'read' of '_io",
            "'readinto' of '_io",
            "'close' of '_io",
        ),
    ),
    Phase(
        "regex and Aho-Corasick scans (all callers)",
        builtins=("re.Pattern", "re.Match", "AhoCorasick", "ahocorasick"),
    ),
    Phase("interpretation (frontier_lint/dataflow)", paths=("frontier_lint/dataflow/",)),
    Phase(
        "frontier_lint/frontend (other than its libcst calls)", paths=("frontier_lint/frontend/",)
    ),
    Phase("frontier_lint/scan (prefilter, discovery)", paths=("frontier_lint/scan/",)),
    Phase("frontier_lint/matching", paths=("frontier_lint/matching/",)),
    Phase("frontier_lint/run (engine, cache)", paths=("frontier_lint/run/",)),
    Phase("frontier_lint, elsewhere", paths=("frontier_lint/",)),
    Phase(IMPORTS, paths=("<frozen importlib", "<frozen zipimport")),
)
OTHER = "other (standard library, click, yaml, regex compilation, ...)"
# Code with no file of its own: charged to whoever called it.
_NO_HOME = ("~", "<string>")


# --------------------------------------------------------------------------------------------
# The profiled run (a child process, in the interpreter whose frontier-lint is measured)


def collect(tree: Path, pstats_out: Path, summary_out: Path, engine_args: Sequence[str]) -> int:
    """Profile one run of the CLI in this process; write the pstats file and a summary JSON
    (wall, CPU, exit code, opens by path)."""
    import cProfile

    opens: Counter[str] = Counter()

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path = args[0]
            try:
                opens[os.fsdecode(path) if not isinstance(path, int) else f"<fd {path}>"] += 1
            except TypeError:
                opens[repr(path)] += 1

    os.chdir(tree)
    sys.addaudithook(audit)
    profiler = cProfile.Profile()
    code = 0
    wall, cpu = time.perf_counter(), time.process_time()
    profiler.enable()
    try:
        from frontier_lint.cli import main  # type: ignore[import-untyped,unused-ignore]

        main([*engine_args, "--output", os.devnull])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    profiler.dump_stats(pstats_out)
    summary_out.write_text(
        json.dumps({"wall": wall, "cpu": cpu, "exit": code, "opens": dict(opens)}) + "\n"
    )
    return 0


def profile(
    tree: Path,
    *,
    python: str = sys.executable,
    work: Path | None = None,
    engine_args: Sequence[str] = ENGINE_ARGS,
    top: int = TOP,
    env: dict[str, str] | None = None,
    timeout: float = 3600.0,
) -> dict[str, Any]:
    """Profile a cold run on `tree` with `python`'s frontier-lint; the analysed result."""
    with tempfile.TemporaryDirectory() as tmp:
        out = work or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        prof, summary = out / "profile.pstats", out / "profile-run.json"
        argv = [python, "-P", str(HERE), "--collect", str(tree.resolve()), "--pstats", str(prof)]
        argv += ["--summary", str(summary), "--", *engine_args]
        p = subprocess.run(
            argv, capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
        if p.returncode or not prof.exists():
            raise RuntimeError(f"profiled run failed (exit {p.returncode}): {p.stderr[-600:]}")
        run = json.loads(summary.read_text())
        if run["exit"] not in (0, 1):
            raise RuntimeError(f"frontier-lint exited {run['exit']} under the profiler")
        result = analyse(load(prof), run, tree, top=top)
    result["command"] = " ".join(["frontier-lint", *engine_args])
    result["tree"] = str(tree)
    return result


# --------------------------------------------------------------------------------------------
# Analysis of the profile


def load(path: Path) -> Stats:
    stats: Stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    return stats


def label(func: FuncKey) -> str:
    """`path:line(name)` with the path cut to its package-relative part, or the C name."""
    filename, line, name = func
    if filename == "~":
        return name
    short = filename
    for marker in ("/site-packages/", "/src/", "/lib/python3"):
        if marker in filename:
            short = filename.rsplit(marker, 1)[1]
            if marker == "/lib/python3":  # ".11/json/decoder.py" -> "json/decoder.py"
                short = short.split("/", 1)[-1]
            break
    return f"{short}:{line}({name})"


def own_phase(func: FuncKey) -> str | None:
    """The phase a function's own time belongs to, None when it has no home (charged to
    callers)."""
    filename, _, name = func
    if filename == "~":
        for phase in PHASES:
            if any(b in name for b in phase.builtins):
                return phase.name
        return None
    if filename.startswith("<string>"):
        return None
    if name == "<module>":
        return IMPORTS
    path = filename.replace("\\", "/")
    for phase in PHASES:
        if any(fragment in path for fragment in phase.paths):
            return phase.name
    return OTHER


def phases(stats: Stats) -> tuple[dict[str, float], dict[str, float]]:
    """Own time by phase, and the `OTHER` phase's by module. A function with no home is charged
    to its callers (in proportion to the time each spent in it, through callers with no home
    either, a few levels up); a C function with a home is charged to the imports for the share
    importlib called it for."""
    Key = tuple[str, str]  # (phase, module: kept for OTHER only)
    memo: dict[FuncKey, dict[Key, float]] = {}
    unknown: dict[Key, float] = {(OTHER, "(caller not known)"): 1.0}

    def shares(func: FuncKey, depth: int) -> dict[Key, float]:
        """How a unit of `func`'s own time divides among (phase, module)."""
        if func in memo:
            return memo[func]
        home = own_phase(func)
        callers = stats[func][4] if func in stats else {}
        if home is not None:
            key = (home, module_of(func) if home == OTHER else "")
            total = sum(v[2] for v in callers.values())
            imported = sum(v[2] for c, v in callers.items() if own_phase(c) == IMPORTS)
            if func[0] != "~" or not total or not imported or home == IMPORTS:
                return {key: 1.0}
            return {(IMPORTS, ""): imported / total, key: 1 - imported / total}
        if depth > 4 or not callers:
            return unknown
        memo[func] = unknown  # a cycle of homeless callers ends here
        by_time = any(v[2] for v in callers.values())
        total = sum(v[2] if by_time else v[1] for v in callers.values())
        split: defaultdict[Key, float] = defaultdict(float)
        for caller, (_, nc, tt, _ct) in callers.items():
            weight = (tt if by_time else nc) / total
            for key, share in shares(caller, depth + 1).items():
                split[key] += weight * share
        memo[func] = dict(split)
        return memo[func]

    out: defaultdict[str, float] = defaultdict(float)
    other: defaultdict[str, float] = defaultdict(float)
    for func, (_, _, tt, _, _) in stats.items():
        for (phase, module), share in shares(func, 0).items():
            out[phase] += tt * share
            if phase == OTHER:
                other[module] += tt * share
    return dict(out), dict(other)


def module_of(func: FuncKey) -> str:
    """The top-level module a function belongs to ("click", "json"), for the `OTHER` phase."""
    return label(func).split(":", 1)[0].split("/", 1)[0].removesuffix(".py")


def _matching(stats: Stats, pred: Callable[[FuncKey], bool]) -> list[tuple[FuncKey, Any]]:
    return [(f, v) for f, v in stats.items() if pred(f)]


def entry_points(stats: Stats) -> list[dict[str, Any]]:
    """Cumulative time and calls of the parses and reads, found by name (layout-proof)."""
    rows: list[dict[str, Any]] = []

    def add(name: str, pred: Callable[[FuncKey], bool], how: str = "max") -> None:
        found = _matching(stats, pred)
        if not found:
            return
        if how == "max":  # the outermost entry of a family that calls itself or its siblings
            func, v = max(found, key=lambda fv: fv[1][3])
            rows.append({"what": name, "function": label(func), "calls": v[1], "cumulative": v[3]})
        else:  # independent leaf functions: add up
            rows.append(
                {
                    "what": name,
                    "function": ", ".join(sorted({label(f) for f, _ in found}))[:200],
                    "calls": sum(v[1] for _, v in found),
                    "cumulative": sum(v[3] for _, v in found),
                }
            )

    add(
        "imports (outermost)",
        lambda f: f[0].startswith("<frozen importlib") and f[2] == "_find_and_load",
    )
    add(
        "the engine's run (outermost `lint`)", lambda f: "frontier_lint/" in f[0] and f[2] == "lint"
    )
    add(
        "libcst parse_module / parse_statement / parse_expression",
        lambda f: "/libcst/_parser/entrypoints.py" in f[0] and f[2].startswith("parse_"),
        how="sum",
    )
    add("CPython compile", lambda f: f[0] == "~" and "builtins.compile" in f[2], how="sum")
    add("ast.parse", lambda f: f[0].endswith("/ast.py") and f[2] == "parse", how="sum")
    add(
        "opens (io.open, io.open_code, os.open)",
        lambda f: f[0] == "~" and any(n in f[2] for n in ("io.open", "posix.open", "nt.open")),
        how="sum",
    )
    add(
        "reads (os.read, file objects' read)",
        lambda f: (
            f[0] == "~"
            and any(n in f[2] for n in ("posix.read", "nt.read", "'read' of '_io.Buffered"))
        ),
        how="sum",
    )
    add(
        "Aho-Corasick searches",
        lambda f: f[0] == "~" and ("AhoCorasick" in f[2] or "ahocorasick" in f[2]),
        how="sum",
    )
    add(
        "regex searches (compiled patterns' methods)",
        lambda f: f[0] == "~" and "of 're.Pattern' objects" in f[2],
        how="sum",
    )

    def in_package(package: str) -> Callable[[FuncKey], bool]:
        return lambda f: f"frontier_lint/{package}/" in f[0] and f[2] != "<module>"

    for package in ("scan", "frontend", "dataflow", "matching"):
        add(f"frontier_lint/{package} (its outermost function)", in_package(package))
    return rows


def file_reads(opens: dict[str, int], tree: Path) -> dict[str, Any]:
    """Opens by path: of the tree's files (with a histogram of opens per file) and elsewhere."""
    root = str(tree.resolve())
    in_tree: Counter[str] = Counter()
    outside = 0
    for path, n in opens.items():
        full = path if os.path.isabs(path) else os.path.normpath(os.path.join(root, path))
        if full == root or full.startswith(root + os.sep):
            in_tree[os.path.relpath(full, root)] += n
        else:
            outside += n
    py = [p for p in in_tree if p.endswith(".py")]
    files = sum(1 for _ in tree.rglob("*.py"))
    buckets = (
        ("1", 1, 1),
        ("2", 2, 2),
        ("3-5", 3, 5),
        ("6-10", 6, 10),
        ("11-20", 11, 20),
        ("21-50", 21, 50),
        ("51+", 51, 1 << 62),
    )
    hist = {name: sum(1 for p in py if lo <= in_tree[p] <= hi) for name, lo, hi in buckets}
    return {
        "opens": sum(opens.values()),
        "distinct_paths": len(opens),
        "tree_py_files": files,
        "tree_py_files_opened": len(py),
        "tree_py_opens": sum(in_tree[p] for p in py),
        "tree_other_opens": sum(n for p, n in in_tree.items() if not p.endswith(".py")),
        "outside_tree_opens": outside,
        "opens_per_opened_file": (sum(in_tree[p] for p in py) / len(py)) if py else 0.0,
        "histogram": hist,
        "most_opened": [[p, n] for p, n in in_tree.most_common(10)],
    }


def analyse(stats: Stats, run: dict[str, Any], tree: Path, *, top: int = TOP) -> dict[str, Any]:
    total = sum(v[2] for v in stats.values())

    def row(func: FuncKey) -> dict[str, Any]:
        cc, nc, tt, ct, _ = stats[func]
        calls = f"{nc}/{cc}" if nc != cc else str(nc)
        return {"function": label(func), "calls": calls, "own": tt, "cumulative": ct}

    by_cum = sorted(stats, key=lambda f: stats[f][3], reverse=True)[:top]
    by_own = sorted(stats, key=lambda f: stats[f][2], reverse=True)[:top]
    ph, other = phases(stats)
    order = [p.name for p in PHASES] + [OTHER]
    return {
        "wall": run["wall"],
        "cpu": run["cpu"],
        "exit": run["exit"],
        "profile_total": total,
        "top_cumulative": [row(f) for f in by_cum],
        "top_own": [row(f) for f in by_own],
        "phases": [
            {"phase": name, "own": ph.get(name, 0.0), "share": ph.get(name, 0.0) / total}
            for name in order
            if ph.get(name, 0.0) > 0
        ],
        "other_by_module": [
            {"module": m, "own": t} for m, t in sorted(other.items(), key=lambda x: -x[1])[:8]
        ],
        "entry_points": entry_points(stats),
        "files": file_reads(run["opens"], tree),
    }


# --------------------------------------------------------------------------------------------
# Output


def _table(head: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def markdown(r: dict[str, Any], *, heading: str = "###") -> str:
    f = r["files"]
    out = [
        f"{heading} Profile: `{r.get('command', '')}`\n",
        f"Tree `{r.get('tree', '')}`. Under cProfile: {r['wall']:.2f} s wall, {r['cpu']:.2f} s "
        f"CPU, {r['profile_total']:.2f} s of profiled own time (the profiler's overhead inflates "
        f"every figure, calls of small functions most). Exit {r['exit']}.\n",
        f"{heading}# Phases (own time; C functions and generated code charged to their callers)\n",
        _table(
            ["phase", "own s", "share"],
            [[p["phase"], f"{p['own']:.2f}", f"{p['share'] * 100:.1f} %"] for p in r["phases"]],
        ),
        "",
        "The *other* phase by module: "
        + ", ".join(f"{o['module']} {o['own']:.2f} s" for o in r.get("other_by_module", []))
        + ".\n",
        f"{heading}# Entry points (cumulative)\n",
        _table(
            ["what", "calls", "cumulative s", "function(s)"],
            [
                [e["what"], f"{e['calls']:,}", f"{e['cumulative']:.2f}", f"`{e['function']}`"]
                for e in r["entry_points"]
            ],
        ),
        "",
        f"{heading}# Files opened\n",
        f"{f['opens']:,} opens of {f['distinct_paths']:,} paths; the tree's {f['tree_py_files']:,} "
        f"`.py` files: {f['tree_py_files_opened']:,} opened, {f['tree_py_opens']:,} times "
        f"({f['opens_per_opened_file']:.1f} per opened file); other files in the tree "
        f"{f['tree_other_opens']:,}; outside it (imports, /dev/null, the cache key) "
        f"{f['outside_tree_opens']:,}. Opens per file: "
        + ", ".join(f"{k}× {v:,} files" for k, v in f["histogram"].items())
        + ". Most opened: "
        + ", ".join(f"`{p}` {n}×" for p, n in f["most_opened"][:5])
        + ".\n",
    ]
    for key, title in (("top_cumulative", "cumulative"), ("top_own", "own")):
        out.append(f"{heading}# Top {len(r[key])} functions by {title} time\n")
        out.append(
            _table(
                ["function", "calls", "own s", "cumulative s"],
                [
                    [f"`{x['function']}`", x["calls"], f"{x['own']:.2f}", f"{x['cumulative']:.2f}"]
                    for x in r[key]
                ],
            )
        )
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path, help="the project to lint (working directory)")
    parser.add_argument("--python", default=sys.executable, help="interpreter to profile")
    parser.add_argument("--json", type=Path, help="write the result here")
    parser.add_argument("--markdown", type=Path, help="write the markdown here (else stdout)")
    parser.add_argument("--top", type=int, default=TOP)
    parser.add_argument("--keep", type=Path, help="keep the pstats file in this directory")
    parser.add_argument("--collect", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pstats", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--summary", type=Path, help=argparse.SUPPRESS)
    argv = list(sys.argv[1:] if argv is None else argv)
    # The engine's own arguments follow a `--` (argparse would take them for ours).
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    engine_args = argv[cut + 1 :] or list(ENGINE_ARGS)
    if args.collect:
        return collect(args.tree, args.pstats, args.summary, engine_args)
    if not args.tree.is_dir():
        parser.error(f"not a directory: {args.tree}")
    result = profile(
        args.tree, python=args.python, work=args.keep, top=args.top, engine_args=engine_args
    )
    text = markdown(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    if args.markdown:
        args.markdown.write_text(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
