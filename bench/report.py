"""Render the results of `bench/run.py` (its results JSON) as BENCHMARKS.md."""

from __future__ import annotations

from typing import Any

KIND_TITLES = {
    "literal": "literal argv",
    "getenv": "`os.getenv` default",
    "constant": "constant in another module",
    "builder": "builder function",
    "wrapper": "wrapper two modules away",
    "npx": "`npx @vendor/cli`",
    "bash_c": '`bash -c "..."`',
}
EARLIER = {  # the figures, measured earlier on this machine (full corpus)
    "cat": "0.08",
    "rg": "0.04",
    "ruff_cold": "0.65",
    "ruff_warm": "0.05",
    "semgrep": "18.5",
    "bandit": "100.6",
}
COLD_ROWS = ("cat", "rg", "fl_cold", "fl_cold_j1", "ruff_cold", "ruff_warm", "semgrep", "bandit")


def s(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**MISSED**")


def timing_row(t: dict[str, Any] | None, ruff: float | None) -> list[str]:
    if not t:
        return ["not run"] + [""] * 8
    if t.get("error"):
        return [f"failed: {t['error'][:160]}"] + [""] * 8
    ratio = f"{t['median'] / ruff:.1f}×" if ruff else "—"
    return [
        s(t["median"]),
        s(t["min"]),
        s(t["max"]),
        str(len(t["runs"])),
        s(t["cpu"], 2),
        f"{t['maxrss_mb']:.0f}",
        f"{t['tree_rss_mb']:.0f}",
        ratio,
        f"{t.get('busy_before', 0) * 100:.0f} %",
    ]


def table(head: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def median(t: dict[str, Any] | None) -> float | None:
    return t.get("median") if t and not t.get("error") else None


def render(r: dict[str, Any]) -> str:
    T: dict[str, Any] = r.get("timings", {})
    quick = r.get("mode") == "quick"
    corpus = r.get("corpus", {})
    m, v = r.get("machine", {}), r.get("versions", {})
    fl, ruff = median(T.get("fl_cold")), median(T.get("ruff_cold"))
    sem, ban = median(T.get("semgrep")), median(T.get("bandit"))
    out: list[str] = []
    w = out.append

    w("# frontier-lint benchmarks\n")
    w(
        f"Produced by `{r.get('command', 'python bench/run.py')}` on {m.get('date', '?')} "
        f"({'**quick mode: the 1-in-10 subset**, not the corpus' if quick else 'full corpus'}; "
        f"the whole run took {r.get('elapsed_s', 0) / 60:.0f} min). Reproduce with one command from "
        "the repository root: `python bench/run.py` (see `bench/run.py --help`; `--quick` for a "
        "fast check on the subset). The benchmark is not part of CI; `tests/test_bench_smoke.py` "
        "is its small version. Figures are as measured, nothing tuned; a row marked † was measured "
        "by an earlier invocation (see the notes).\n"
    )

    w("## Machine and versions\n")
    w(
        table(
            ["", ""],
            [
                ["CPU", f"{m.get('cpu', '?')} — `nproc` {m.get('nproc', '?')}"],
                ["memory", m.get("memory", "?")],
                ["OS / kernel", f"{m.get('os', '?')} / {m.get('kernel', '?')}"],
                *[[k, f"`{val}`"] for k, val in v.items()],
            ],
        )
    )
    w("")

    w("## Corpus\n")
    exp_files, exp_lines = corpus.get("expected_full", [0, 0])
    w(
        f"Built by the shared recipe (`shared/bench/make_corpus.sh`, 13 pinned wheels): "
        f"{corpus.get('full_files', 0):,} `.py` files, {corpus.get('full_lines', 0):,} lines "
        f"(recipe says {exp_files:,} / {exp_lines:,}). "
        + (
            f"This quick run measured the 1-in-10 subset: {corpus.get('files', 0):,} files, "
            f"{corpus.get('lines', 0):,} lines. "
            if quick
            else ""
        )
        + f"The planted copy adds {r.get('planted', {}).get('expected', 0)} violations "
        f"({r.get('planted', {}).get('per_kind', 0)} of each of 7 kinds) to "
        f"{r.get('planted', {}).get('files_changed', 0)} existing files (`bench/plant.py`, seed "
        f"{r.get('planted', {}).get('seed', '?')}).\n"
    )

    # ---- targets
    w("## Targets\n")
    rows: list[list[str]] = []
    rows.append(
        [
            "cold full run, no cache, vs ruff S602–S607 no cache",
            f"{s(fl)} s vs {s(ruff)} s = **{fl / ruff:.1f}× ruff**" if fl and ruff else "—",
            "ratio (reported)",
        ]
    )
    rows.append(
        [
            "≥ 10× faster than semgrep",
            f"{sem / fl:.2f}×" if sem and fl else "—",
            verdict(sem / fl >= 10 if sem and fl else None),
        ]
    )
    rows.append(
        [
            "≥ 50× faster than bandit B602–B607",
            f"{ban / fl:.2f}×" if ban and fl else "—",
            verdict(ban / fl >= 50 if ban and fl else None),
        ]
    )
    inc = r.get("incremental", {})
    warm = median(T.get("fl_warm"))
    warm_ok = (inc.get("warm") or {}).get("same_as_cold")
    rows.append(
        [
            "warm re-run, nothing changed ≤ 0.25 s",
            f"{s(warm)} s (results {'correct' if warm_ok else 'WRONG'})" if warm else "—",
            verdict(warm <= 0.25 and bool(warm_ok) if warm is not None else None),
        ]
    )
    edits = inc.get("edits", [])
    edit_walls = [e["timing"]["median"] for e in edits if not e["timing"].get("error")]
    edit_ok = all(e["correct"] for e in edits) if edits else None
    worst = max(edit_walls) if edit_walls else None
    rows.append(
        [
            "one file edited ≤ 0.4 s, correct results",
            f"worst {s(worst)} s over {len(edits)} edits; "
            f"{sum(e['correct'] for e in edits)}/{len(edits)} correct"
            if edits
            else "—",
            verdict(worst <= 0.4 and bool(edit_ok) if worst is not None else None),
        ]
    )
    pc, pcr = median(T.get("precommit")), r.get("precommit", {})
    rows.append(
        [
            "pre-commit: one 13k-line module in a project of a few hundred, cold ≤ 0.5 s",
            f"{s(pc)} s (results {'correct' if pcr.get('correct') else 'WRONG'})" if pc else "—",
            verdict(pc <= 0.5 and bool(pcr.get("correct")) if pc is not None else None),
        ]
    )
    t = T.get("fl_cold")
    if t and not t.get("error"):
        rows.append(
            [
                "peak memory on the corpus ≤ 150 MB",
                f"{t['tree_rss_mb']:.0f} MB all processes (largest one {t['maxrss_mb']:.0f} MB)",
                verdict(t["tree_rss_mb"] <= 150),
            ]
        )
    sc = r.get("scaling", {})
    dev = scaling_deviation(sc)
    rows.append(
        [
            "linear: time per line at 1×/2×/4× within 20 %",
            f"largest deviation from 1×: {dev * 100:+.0f} %" if dev is not None else "—",
            verdict(abs(dev) <= 0.2 if dev is not None else None),
        ]
    )
    for key, label in (("version", "`--version`"), ("help", "`--help`")):
        mm = median(T.get(key))
        rows.append(
            [
                f"{label} ≤ 0.1 s",
                f"{s(mm)} s" if mm is not None else "—",
                verdict(mm <= 0.1 if mm is not None else None),
            ]
        )
    pr = r.get("planted_result", {})
    clean = r.get("clean") or {}
    rows.append(
        [
            "planted copy: found = planted",
            f"{pr.get('found', '?')} / {pr.get('planted', '?')} found, "
            f"{len(pr.get('extra', []))} extra"
            if pr.get("ok")
            else "—",
            verdict(pr.get("exact") if pr.get("ok") else None),
        ]
    )
    rows.append(
        [
            "clean corpus: zero findings",
            f"{clean.get('findings', '?')} findings",
            verdict(clean.get("findings") == 0 if clean else None),
        ]
    )
    w(table(["target", "measured", "verdict"], rows))
    w("")
    if quick:
        w(
            "*Quick mode: the targets are stated for the full corpus; these verdicts are for the "
            "subset and only indicative.*\n"
        )

    # ---- cold table
    w("## Cold full run (clean corpus)\n")
    w(
        "Each tool over the same tree, working directory = the tree root, argument `.`. "
        "Wall times in seconds (median, min, max of the timed runs); CPU = user + system of the "
        "process and its children (median); peak RSS in MB: *largest* = the biggest single process "
        "(`ru_maxrss` from `wait4`), *tree* = the sum over the process tree, sampled every 20 ms "
        "(the root's RSS plus each descendant's private memory, so pages a forked child shares "
        "with its parent count once). "
        "*vs ruff* = wall time ÷ ruff's (no cache) in this run.\n"
    )
    names = {k: T[k]["name"] for k in T}
    rows = []
    carried = []
    for key in COLD_ROWS:
        if key in T:
            earlier = EARLIER.get(key, "")
            name = names[key]
            when = T[key].get("measured", {})
            if when and when.get("at") != r.get("invocation"):
                carried.append(
                    f"{name}: measured {when.get('at')} with {when.get('frontier_lint')}"
                )
                name += " †"
            rows.append([name, *timing_row(T[key], ruff), earlier])
    for name, err in (r.get("peer_errors") or {}).items():
        if err and not any(name in k for k in T):
            rows.append([name, f"not measured: {err[:200]}", *[""] * 9])
    w(
        table(
            [
                "tool",
                "median",
                "min",
                "max",
                "runs",
                "CPU s",
                "RSS largest",
                "RSS tree",
                "vs ruff",
                "CPUs busy before",
                "issue's earlier figure",
            ],
            rows,
        )
    )
    w("")
    if carried:
        w(
            "† carried over from an earlier invocation (`--only` re-measured other stages), so "
            "its ratio compares figures of two runs: " + "; ".join(carried) + ".\n"
        )
    w("Commands (peers from a throwaway virtual environment with pinned versions):\n")
    for key in COLD_ROWS:
        if key in T:
            w(f"- {names[key]}: `{' '.join(_short(a) for a in T[key]['argv'])}`")
    w("")

    # ---- findings
    w("## Findings\n")
    if clean:
        sm = clean.get("summary") or {}
        w(
            f"**Clean corpus**: {clean.get('findings')} findings (must be 0); "
            f"{sm.get('launch_sites', '?')} launch sites, {sm.get('unresolved', '?')} unresolved, "
            f"{sm.get('parse_errors', '?')} files not parsed, {sm.get('files', '?')} files.\n"
        )
        for f in clean.get("first_findings", []):
            w(
                f"- false positive: `{f['path']}:{f['line']}` {f.get('program')} — {f.get('message')}"
            )
        if clean.get("first_findings"):
            w("")
    if pr.get("ok"):
        sm = pr.get("summary") or {}
        w(
            f"**Planted copy**: {pr['found']} of {pr['planted']} planted violations found, "
            f"{len(pr.get('extra', []))} extra findings; summary {sm}.\n"
        )
        sg = (r.get("semgrep_planted") or {}).get("by_kind", {})
        head = ["kind", "planted", "found", "missed"] + (["semgrep rule (context)"] if sg else [])
        rows = []
        for kind, (planted, found, missing) in pr.get("by_kind", {}).items():
            row = [KIND_TITLES.get(kind, kind), str(planted), str(found), str(missing)]
            if sg:
                row.append(f"{sg.get(kind, [0, 0])[1]}/{sg.get(kind, [0, 0])[0]}")
            rows.append(row)
        w(table(head, rows))
        w("")
        if sg:
            w(
                "The semgrep column is the local rule `bench/semgrep-rule.yaml` on the same copy "
                "(one file at a time, constants propagated inside a file), for context only.\n"
            )
        missing = pr.get("missing", [])
        if missing:
            w("### Missed plants\n")
            by: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for e in missing:
                by.setdefault((e["kind"], e["variant"]), []).append(e)
            for (kind, variant), es in sorted(by.items()):
                iso = [e.get("found_in_isolation") for e in es]
                w(
                    f"- **{KIND_TITLES.get(kind, kind)} / {variant}**: {len(es)} missed, e.g. "
                    + ", ".join(f"`{e['path']}:{e['line']}` ({e['program']})" for e in es[:4])
                    + f"; found when linted alone: {iso.count(True)} of {len(es)}"
                )
            w(
                "\n*Found when linted alone*: the plant's own code (only the appended snippets, "
                "with empty `__init__.py` files) linted as a separate tree. When it is found "
                "there, the plant's code is handled and the miss comes from the content the host "
                "files already had.\n"
            )
            w("One example of each missed variant (the code appended to each file):\n")
            for (kind, variant), es in sorted(by.items()):
                e = es[0]
                w(
                    f"**{kind} / {variant}**, expected at `{e['path']}:{e['line']}` ({e['program']}):\n"
                )
                for path, code in e["snippets"].items():
                    w(f"```python\n# {path} (appended)\n{code.rstrip()}\n```")
                w("")
        extra = pr.get("extra", [])
        if extra:
            w("### Extra findings on the planted copy\n")
            for f in extra[:20]:
                w(f"- `{f.get('path')}:{f.get('line')}` {f.get('program')}: {f.get('message')}")
            w("")

    # ---- scaling
    w("## Scaling (cold, no cache)\n")
    if sc.get("note"):
        w(f"*{sc['note']}.*\n")
    rows = []
    base_fl = base_ruff = None
    for row in sc.get("rows", []):
        f, rf = row["fl"], row.get("ruff")
        per = f["median"] / row["lines"] * 1e6 if not f.get("error") and f.get("runs") else None
        rper = rf["median"] / row["lines"] * 1e6 if rf and not rf.get("error") else None
        base_fl = base_fl or per
        base_ruff = base_ruff or rper
        rows.append(
            [
                f"{row['copies']}×",
                f"{row['files']:,}",
                f"{row['lines']:,}",
                s(median(f)),
                str(len(f.get("runs", []))),
                s(per, 2),
                f"{(per / base_fl - 1) * 100:+.0f} %" if per and base_fl else "—",
                f"{f['tree_rss_mb']:.0f}" if not f.get("error") and f.get("runs") else "—",
                s(median(rf)),
                s(rper, 3),
            ]
        )
    w(
        table(
            [
                "copies",
                "files",
                "lines",
                "frontier-lint s",
                "runs",
                "µs / line",
                "vs 1×",
                "RSS tree MB",
                "ruff s",
                "ruff µs / line",
            ],
            rows,
        )
    )
    w(
        f"\nCopies of `{sc.get('base', '')}` are hard-linked side by side under one root: the "
        "first keeps its top-level package names, copy N renames them `NAME_copyN`.\n"
    )

    # ---- warm / edit
    w("## Warm re-run and one-file edits (planted copy, with cache)\n")
    rows = []
    for key, label in (
        ("fl_cache_fill", "first run, filling the cache"),
        ("fl_warm", "warm, nothing changed"),
        ("ruff_warm", "ruff, warm cache (clean corpus)"),
    ):
        if key in T:
            ok = {
                "fl_cache_fill": (inc.get("fill") or {}).get("same_as_cold"),
                "fl_warm": (inc.get("warm") or {}).get("same_as_cold"),
            }.get(key)
            rows.append(
                [
                    label,
                    *timing_row(T[key], None)[:5],
                    "—" if ok is None else ("yes" if ok else "NO"),
                ]
            )
    for e in edits:
        rows.append(
            [
                f"edit `{e['file']}`: {e['edit']}",
                *timing_row(e["timing"], None)[:5],
                "yes" if e["correct"] else f"NO (missing {e['missing']}, extra {e['extra']})",
            ]
        )
    w(table(["run", "median", "min", "max", "runs", "CPU s", "correct"], rows))
    w(
        f"\nCache directory present after the runs: {inc.get('cache_dir_exists')}. Each edit is one "
        "timed run right after the file is written (mtime moved forward); a result is correct when "
        "the findings equal those of the cold, no-cache run on the same copy with the edit's own "
        "effect applied (one finding added, or the finding fed by the changed constant removed), "
        "compared by path, line and program.\n"
    )

    # ---- pre-commit
    w("## Pre-commit form\n")
    p = r.get("precommit_project", {})
    w(
        f"A generated project (`bench/precommit.py`): {p.get('modules', '?')} modules, "
        f"{p.get('lines', 0):,} lines, a configuration module (`Config.CODEX_CMD = os.getenv(...)`), "
        f"a process helper, and `{p.get('runtime', '?')}`: {p.get('runtime_lines', 0):,} lines of real "
        f"corpus code plus {p.get('expected', '?')} planted launches (getenv default via the config "
        "class, wrapper, builder, npx). Only that file is passed, as pre-commit does; values resolve "
        "across the project.\n"
    )
    rows = [
        [
            "frontier-lint FILE --no-cache",
            *timing_row(T.get("precommit"), None)[:7],
            f"{len(pcr.get('found', []))}/{len(pcr.get('expected', []))}"
            + ("" if pcr.get("correct") else f" WRONG: found {pcr.get('found')}"),
        ]
    ]
    w(
        table(
            [
                "run",
                "median",
                "min",
                "max",
                "runs",
                "CPU s",
                "RSS largest",
                "RSS tree",
                "found / expected",
            ],
            rows,
        )
    )
    w("")

    # ---- startup
    w("## Start-up\n")
    rows = [
        [
            f"`frontier-lint {k if k != 'version' else '--version'}`".replace("help", "--help"),
            *timing_row(T.get(k), None)[:5],
        ]
        for k in ("version", "help")
    ]
    w(table(["command", "median", "min", "max", "runs", "CPU s"], rows))
    w("")

    # ---- notes
    w("## Notes\n")
    w(
        "- Repeats: each row runs up to `--runs` times (default 5) but stops once it has spent "
        "`--budget` seconds (default 600); semgrep and bandit run at most 3 times; the *runs* column "
        "says how many were timed. Untimed warm-up runs: 1 for cat, ripgrep and ruff (page cache)."
    )
    w(
        "- ruff: `--isolated --exclude .git` so its default excludes (`build`, …) do not drop corpus "
        "files; all 6,411 files are checked. semgrep: a `.semgrepignore` is written at the tree root "
        "so that it scans `tests/` directories too (its built-in ignore list skips them), "
        "`--max-target-bytes 0` (no size limit), `--metrics=off`, version check off."
    )
    w(
        "- bandit and ruff S602–S607 flag every process launch, whatever the program; they are cost "
        "baselines, not detectors of these programs. Their findings are not compared with the plants."
    )
    w(
        "- frontier-lint runs with `--format json --no-cache --jobs N` (N = `nproc` unless `--jobs`); "
        "the `--jobs 1` row is skipped when a cold run exceeds `--slow-limit` seconds."
    )
    w(
        "- *CPUs busy before*: the largest share of the machine's CPUs that other processes kept "
        "busy in the second before a run; before every run the harness waits (up to `--quiet-wait` "
        "seconds, default 30; 2 s while the machine stays busy) for a second under 15 %. Rows with "
        "a high figure ran on a busy machine and are slower than they would be on an idle one."
    )
    w(
        "- The *issue's earlier figure* column quotes the performance issue (measured earlier on this "
        "machine); the ratios use this run's figures only."
    )
    for note in r.get("notes", []):
        w(f"- {note}")
    w("")
    return "\n".join(out)


def scaling_deviation(sc: dict[str, Any]) -> float | None:
    """Largest relative difference of time per line from the 1× row (signed)."""
    per = []
    for row in sc.get("rows", []):
        f = row["fl"]
        if f.get("error") or not f.get("runs"):
            return None
        per.append(f["median"] / row["lines"])
    if len(per) < 2:
        return None
    devs = [p / per[0] - 1 for p in per[1:]]
    return max(devs, key=abs)


def _short(arg: str) -> str:
    return arg.rsplit("/", 1)[-1] if arg.startswith("/") and "/bin/" in arg else arg
