"""frontier-lint benchmark: one command, from nothing to BENCHMARKS.md.

    python bench/run.py [--quick] [--runs N] [--skip-peers] [--skip-slow-peers] [--only STAGES]

Steps (everything lives in a scratch directory, reused when present):

1. the corpus, built with the shared recipe `../shared/bench/make_corpus.sh` (13 pinned wheels,
   6,411 files, 2,275,841 lines) and its 1-in-10 subset (`--quick` benchmarks the subset);
2. a planted copy (`bench/plant.py`): at least 30 violations of every kind, with a manifest;
3. the 1x / 2x / 4x copies for the scaling rows and the pre-commit project (`bench/precommit.py`);
   the launch-dense project (`bench/make_dense.py`: 13 pinned wheels of tools that launch a lot);
4. frontier-lint (a snapshot of this repo, installed) and the pinned peers (ruff, bandit,
   semgrep) in throwaway virtual environments; cat and ripgrep (`rg`) from the PATH when there;
5. every tool timed several times in the same run (`bench/measure.py`), one cold run profiled
   (`bench/profile_run.py`), then BENCHMARKS.md (`bench/report.py`). Raw figures go to
   `SCRATCH/results-{full,quick}.json`.

Stages (`--only` re-measures some, keeping the others' figures): cold, planted, precommit,
startup, scaling, incremental, dense, profile. `--corpus DIR` uses a corpus built before
(`/tmp/benchcorpus`), never writing into it.

The benchmark is not part of CI; `tests/test_bench_smoke.py` is its small, peer-less version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import marshal
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import make_dense  # noqa: E402
import measure  # noqa: E402
import plant  # noqa: E402
import precommit  # noqa: E402
import profile_run  # noqa: E402
import report  # noqa: E402

CORPUS_FILES, CORPUS_LINES = 6411, 2_275_841
PEER_PINS = {"ruff": "ruff==0.17.6", "bandit": "bandit==1.9.4", "semgrep": "semgrep==1.185.0"}
RUFF_RULES = "S602,S603,S604,S605,S606,S607"
BANDIT_TESTS = "B602,B603,B604,B605,B606,B607"
PEER_ENV = {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
# A fixed pure-Python workload (dicts, strings, tuples: what the analysis spends its time on),
# timed before every stage. This machine has slow periods an idle check does not see (startup
# rows doubled, cold rows +15 %); a stage whose probe is well above the run's fastest ran in one.
SPEED_PROBE = (
    "d = {}\n"
    "for i in range(400_000):\n"
    "    k = str(i)\n"
    "    d[k] = (i, k[::-1], k * 2)\n"
    "sum(len(v[1]) + len(v[2]) for v in d.values())\n"
)
SPEED_PROBE_RUNS = 5


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def sh(argv: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, check=False, text=True, capture_output=True, **kw)


def first_line(argv: list[str], env: dict[str, str] | None = None) -> str:
    try:
        p = sh(argv, env=env, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"
    out = (p.stdout or p.stderr).strip().splitlines()
    return out[0] if out else f"unavailable (exit {p.returncode})"


def count_tree(root: Path) -> tuple[int, int]:
    """(.py files, lines) under root."""
    files = lines = 0
    for p in root.rglob("*.py"):
        files += 1
        with open(p, "rb") as f:
            lines += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    return files, lines


# --------------------------------------------------------------------------------------------
# Inputs


def ensure_corpus(scratch: Path, recipe: Path, existing: Path | None = None) -> tuple[Path, Path]:
    corpus, subset = scratch / "benchcorpus", scratch / "benchsub10"
    if existing is not None:
        return link_corpus(existing, corpus, subset)
    if corpus.is_dir() and subset.is_dir() and count_tree(corpus)[0] == CORPUS_FILES:
        log(f"reusing corpus {corpus}")
        return corpus, subset
    if not recipe.is_file():
        raise SystemExit(f"corpus recipe not found: {recipe} (set FL_BENCH_RECIPE)")
    log(f"building corpus with {recipe} (a few minutes)")
    env = dict(os.environ, SUB=str(subset), PYTHON=sys.executable, TMPDIR=str(scratch))
    p = subprocess.run(
        ["bash", str(recipe), str(scratch / "corpusenv"), str(corpus)], env=env, check=False
    )
    if p.returncode:
        raise SystemExit(f"corpus recipe failed (exit {p.returncode})")
    return corpus, subset


def link_corpus(existing: Path, corpus: Path, subset: Path) -> tuple[Path, Path]:
    """A corpus built before (`--corpus`), never written to: its `.py` files hard-linked (copied
    across file systems) into the scratch directory, where the benchmark may add files (such as
    semgrep's ignore file) beside them; the 1-in-10 subset as the recipe selects it (every 10th
    path of the byte-wise sorted list)."""
    if count_tree(existing)[0] != CORPUS_FILES:
        log(f"warning: {existing} does not hold the recipe's {CORPUS_FILES} files")
    paths = sorted(p.relative_to(existing).as_posix() for p in existing.rglob("*.py"))
    for dest, chosen in ((corpus, paths), (subset, paths[::10])):
        stamp = dest.parent / f".{dest.name}.from"
        want = f"{existing.resolve()} {len(chosen)}"
        if dest.is_dir() and stamp.is_file() and stamp.read_text() == want:
            continue
        if dest.exists():
            shutil.rmtree(dest)
        for rel in chosen:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(existing / rel, dest / rel)
            except OSError:
                shutil.copy2(existing / rel, dest / rel)
        stamp.write_text(want)
    log(f"corpus {existing} linked into {corpus}")
    return corpus, subset


def hardlink_copies(base: Path, dest: Path, copies: int) -> Path:
    """`base` `copies` times under one root, hard-linked (cheap, same bytes).

    Copy 0 keeps the top-level names; copy N renames them `NAME_copyN`, so every copy's relative
    imports stay inside it and its absolute imports resolve (to copy 0) as in the corpus itself.
    """
    stamp = dest / ".complete"
    want = f"{base} x{copies}, renamed top-level packages"
    if stamp.exists() and stamp.read_text() == want:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for n in range(copies):
        for entry in sorted(base.iterdir()):
            name = entry.name if n == 0 else f"{entry.stem}_copy{n}{entry.suffix}"
            if entry.is_dir():
                shutil.copytree(entry, dest / name, copy_function=os.link)
            elif entry.suffix == ".py":
                os.link(entry, dest / name)
    stamp.write_text(want)
    return dest


def venv(path: Path, packages: list[str]) -> tuple[Path, str | None]:
    """Create (or reuse) a virtual environment with `packages`; returns (bin dir, error)."""
    bindir = path / "bin"
    if not (bindir / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    argv = [str(bindir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    argv += packages
    p = sh(argv, timeout=1800)
    if p.returncode:
        tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
        return bindir, " / ".join(tail)[-400:] or f"pip exit {p.returncode}"
    return bindir, None


def source_digest(root: Path) -> str:
    """Short hash of the engine's source and rules: which code a run measured."""
    h = hashlib.sha256()
    for p in sorted(
        [*root.glob("src/**/*.py"), *root.glob("rules/*.yaml"), root / "pyproject.toml"]
    ):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:12]


def frontier_lint_command(scratch: Path, override: str | None) -> list[str]:
    """The console script to benchmark: `--frontier-lint` if given, else this repo as it is now,
    copied and installed (not editable) into SCRATCH/flenv, so that edits made to the working
    tree while the benchmark runs do not change the code measured half-way."""
    if override:
        return [override]
    snapshot = scratch / "flsrc"
    if snapshot.exists():
        shutil.rmtree(snapshot)
    ignore = shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", ".*cache*", "build", "dist"
    )
    shutil.copytree(REPO, snapshot, ignore=ignore)
    log(f"installing frontier-lint ({source_digest(snapshot)}) into {scratch / 'flenv'}")
    bindir, err = venv(scratch / "flenv", [str(snapshot)])
    if not err:  # the same version number may hold other code: replace it
        _, err = venv(scratch / "flenv", ["--no-deps", "--force-reinstall", str(snapshot)])
    if err:
        raise SystemExit(f"cannot install frontier-lint: {err}")
    return [str(bindir / "frontier-lint")]


def install_peers(scratch: Path, skip_slow: bool) -> dict[str, str | None]:
    """Install the pinned peers; returns name -> error (None when usable)."""
    errors: dict[str, str | None] = {}
    bindir: Path | None = None
    for name in ("ruff", "bandit", "semgrep"):
        if skip_slow and name in ("bandit", "semgrep"):
            errors[name] = "skipped (--skip-slow-peers)"
            continue
        exe = scratch / "peersenv" / "bin" / name
        if exe.exists():
            errors[name] = None
            continue
        log(f"installing {PEER_PINS[name]} into {scratch / 'peersenv'}")
        bindir, err = venv(scratch / "peersenv", [PEER_PINS[name]])
        errors[name] = err if err or (bindir / name).exists() else "installed, but no executable"
    return errors


# --------------------------------------------------------------------------------------------
# Running


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.quick: bool = args.quick
        self.scratch: Path = args.scratch
        self.runs: int = args.runs or (3 if self.quick else 5)
        self.budget: float = args.budget or (120.0 if self.quick else 600.0)
        self.jobs: int = args.jobs or (os.cpu_count() or 1)
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
        self.env.update(PEER_ENV)
        self.out = self.scratch / ("out-quick" if self.quick else "out-full")
        self.out.mkdir(parents=True, exist_ok=True)
        self.results: dict[str, Any] = {"mode": "quick" if self.quick else "full"}
        self.invocation = time.strftime("%Y-%m-%d %H:%M")  # tags every row measured by this run
        self.results_path = self.scratch / f"results-{self.results['mode']}.json"
        self.fl: list[str] = []
        self.peers_bin = self.scratch / "peersenv" / "bin"
        self.fl_version = ""
        self.reference: set[tuple[str, int, str]] = set()  # cold findings on the planted copy
        self.manifest: plant.Manifest | None = None  # the planted copy's, once planted
        self.project: precommit.Project | None = None  # the pre-commit project, once built

    # -- helpers --------------------------------------------------------------------------
    def save(self) -> None:
        self.results_path.write_text(json.dumps(self.results, indent=1, default=str) + "\n")

    def time(
        self,
        key: str,
        name: str,
        argv: list[str],
        cwd: Path,
        *,
        runs: int | None = None,
        stdout: bool = False,
        ok_codes: tuple[int, ...] = (0, 1),
        before_each: Callable[[], None] | None = None,
        warmup: int = 0,
    ) -> measure.Measurement:
        out = self.out / f"{key}.out" if stdout else None
        log(f"timing {name}: {' '.join(argv)}  (in {cwd})")
        m = measure.measure(
            name,
            argv,
            cwd,
            runs=runs or self.runs,
            budget=self.budget,
            ok_codes=ok_codes,
            env=self.env,
            stdout=out,
            before_each=before_each,
            warmup=warmup,
            quiet_wait=self.args.quiet_wait,
        )
        if m.ok:
            log(
                f"  median {m.median:.3f} s over {len(m.runs)} runs, cpu {m.cpu:.2f} s, "
                f"rss {m.maxrss_mb:.0f}/{m.tree_rss_mb:.0f} MB, "
                f"other load before runs <= {m.busy_before * 100:.0f} % of the CPUs"
            )
        else:
            log(f"  FAILED: {m.error}")
        row = m.to_json()
        row["measured"] = {"at": self.invocation, "frontier_lint": self.fl_version}
        self.results.setdefault("timings", {})[key] = row
        self.save()
        return m

    def speed_probe(self, stage: str) -> None:
        """Time SPEED_PROBE with the interpreter running this script, before `stage`."""
        m = measure.measure(
            f"speed probe before {stage}",
            [sys.executable, "-c", SPEED_PROBE],
            self.scratch,
            runs=SPEED_PROBE_RUNS,
            budget=60.0,
            ok_codes=(0,),
            env=self.env,
            quiet_wait=self.args.quiet_wait,
        )
        if m.ok:
            log(f"speed probe before {stage}: median {m.median:.3f} s, cpu {m.cpu:.3f} s")
            probe = self.results.setdefault("speed_probe", {})
            probe[stage] = {
                "median": m.median,
                "cpu": m.cpu,
                "runs": len(m.runs),
                "at": self.invocation,
            }
            self.save()

    def fl_argv(self, *paths: str, jobs: int | None = None, cache: bool = False) -> list[str]:
        argv = [*self.fl, *paths, "--format", "json", "--jobs", str(jobs or self.jobs)]
        return argv if cache else [*argv, "--no-cache"]

    @staticmethod
    def findings(m: measure.Measurement) -> dict[str, Any] | None:
        if not m.ok or not m.stdout_path:
            return None
        try:
            data: dict[str, Any] = json.loads(Path(m.stdout_path).read_text())
        except (OSError, ValueError):
            return None
        return data

    # -- stages ---------------------------------------------------------------------------
    def prepare(self) -> None:
        args, scratch = self.args, self.scratch
        corpus, subset = ensure_corpus(scratch, args.recipe, args.corpus)
        self.corpus = corpus
        self.base = subset if self.quick else corpus
        files, lines = count_tree(self.base)
        full_files, full_lines = (files, lines) if not self.quick else count_tree(corpus)
        self.results["corpus"] = {
            "path": str(self.base),
            "files": files,
            "lines": lines,
            "full_files": full_files,
            "full_lines": full_lines,
            "expected_full": [CORPUS_FILES, CORPUS_LINES],
        }
        log(f"corpus {self.base}: {files} files, {lines} lines")
        self.fl = frontier_lint_command(scratch, args.frontier_lint)
        if args.skip_peers:
            self.peer_errors = {n: "skipped (--skip-peers)" for n in PEER_PINS}
        else:
            self.peer_errors = install_peers(scratch, args.skip_slow_peers)
        self.results["peer_errors"] = self.peer_errors
        self.semgrep_ignore(self.base)
        self.results["machine"] = machine()
        self.results["versions"] = self.versions()
        self.fl_version = self.results["versions"]["frontier-lint"]
        self.results["invocation"] = self.invocation
        self.save()

    def prepare_planted(self) -> None:
        """The planted copy (for the planted and incremental stages)."""
        if self.manifest is not None:
            return
        args, scratch, mode = self.args, self.scratch, self.results["mode"]
        self.planted = scratch / f"planted-{mode}"
        manifest_path = scratch / f"planted-{mode}.manifest.json"
        log(f"planting into {self.planted}")
        if self.planted.exists():
            shutil.rmtree(self.planted)
        shutil.copytree(self.base, self.planted)
        manifest = plant.plant(self.planted, seed=args.seed, per_kind=args.per_kind)
        manifest_path.write_text(json.dumps(manifest.to_json(), indent=1) + "\n")
        self.manifest = manifest
        self.results["planted"] = {
            "path": str(self.planted),
            "manifest": str(manifest_path),
            "expected": len(manifest.expected),
            "files_changed": manifest.files_changed,
            "per_kind": args.per_kind,
            "seed": args.seed,
        }
        self.semgrep_ignore(self.planted)
        self.save()

    def semgrep_ignore(self, tree: Path) -> None:
        """semgrep skips tests/ unless told otherwise: a `.semgrepignore` at the tree's root
        (written only where semgrep runs, into the benchmark's own trees)."""
        if self.peer_errors.get("semgrep") is None:
            (tree / ".semgrepignore").write_text("# bench: scan every file\n")

    def prepare_precommit(self) -> None:
        if self.project is not None:
            return
        log("building the pre-commit project")
        self.project = precommit.build(self.corpus, self.scratch / "precommit")
        self.results["precommit_project"] = {
            "path": str(self.project.root),
            "modules": self.project.modules,
            "lines": self.project.lines,
            "runtime": self.project.runtime,
            "runtime_lines": self.project.runtime_lines,
            "expected": len(self.project.expected),
        }
        self.save()

    def versions(self) -> dict[str, str]:
        v = {
            "python": platform.python_version(),
            "frontier-lint": first_line([*self.fl, "--version"], self.env)
            + (
                f" (source {source_digest(self.scratch / 'flsrc')})"
                if self.fl[0] == str(self.scratch / "flenv" / "bin" / "frontier-lint")
                else ""
            ),
            "cat": first_line(["cat", "--version"]),
            "ripgrep": first_line(["rg", "--version"]) if shutil.which("rg") else "not installed",
        }
        for name in PEER_PINS:
            if self.peer_errors.get(name) is None:
                argv = [str(self.peers_bin / name), "--version"]
                v[name] = first_line(argv, self.env)
            else:
                v[name] = f"not measured: {self.peer_errors[name]}"
        return v

    def cold(self) -> None:
        """Clean corpus: every tool, cold."""
        base, b = self.base, self.peers_bin
        # cat first: it also brings the corpus into the page cache for everyone after it.
        self.time(
            "cat",
            "cat (all .py files)",
            ["bash", "-c", "find . -name '*.py' -print0 | xargs -0 cat > /dev/null"],
            base,
            warmup=1,
        )
        if shutil.which("rg"):
            self.time(
                "rg",
                "ripgrep (program names)",
                ["rg", "-c", "-t", "py", "-w", "codex|gemini|claude", "."],
                base,
                warmup=1,
            )
        m = self.corpus_cold()
        if m.ok and m.median <= self.args.slow_limit and self.jobs != 1:
            self.time(
                "fl_cold_j1", "frontier-lint --jobs 1 --no-cache", self.fl_argv(".", jobs=1), base
            )
        if self.peer_errors.get("ruff") is None:
            ruff = [
                str(b / "ruff"),
                "check",
                "--isolated",
                "--exclude",
                ".git",
                "--select",
                RUFF_RULES,
                "--exit-zero",
                "--output-format",
                "concise",
            ]
            self.time(
                "ruff_cold",
                f"ruff {RUFF_RULES} --no-cache",
                [*ruff, "--no-cache", "."],
                base,
                warmup=1,
            )
            cache = ["--cache-dir", str(self.scratch / "ruff-cache")]
            self.time("ruff_warm", "ruff (warm cache)", [*ruff, *cache, "."], base, warmup=1)
        slow_runs = min(self.runs, 3)
        if self.peer_errors.get("semgrep") is None:
            rule = str(BENCH / "semgrep-rule.yaml")
            semgrep = [
                str(b / "semgrep"),
                "scan",
                "--config",
                rule,
                "--metrics=off",
                "--disable-version-check",
                "--jobs",
                str(self.jobs),
                "--json",
                "--no-git-ignore",
                "--timeout",
                "0",
                "--max-target-bytes",
                "0",
                "-q",
                ".",
            ]
            self.time(
                "semgrep",
                f"semgrep --jobs {self.jobs} (local rule)",
                semgrep,
                base,
                runs=slow_runs,
                stdout=True,
                ok_codes=(0, 1),
            )
        if self.peer_errors.get("bandit") is None:
            bandit = [str(b / "bandit"), "-r", ".", "-t", BANDIT_TESTS, "-q", "-f", "json"]
            self.time(
                "bandit", f"bandit {BANDIT_TESTS}", bandit, base, runs=slow_runs, ok_codes=(0, 1)
            )

    def corpus_cold(self) -> measure.Measurement:
        """frontier-lint's cold row on the clean corpus (the reference for the other rows)."""
        m = self.time(
            "fl_cold",
            f"frontier-lint --jobs {self.jobs} --no-cache",
            self.fl_argv(".", jobs=self.jobs),
            self.base,
            stdout=True,
        )
        self.results["clean"] = summarise_clean(self.findings(m))
        return m

    def measured_now(self, key: str) -> bool:
        row = self.results.get("timings", {}).get(key)
        return bool(row) and row.get("measured", {}).get("at") == self.invocation

    def dense(self) -> None:
        """The launch-dense project (`bench/make_dense.py`): frontier-lint cold, and its cost
        per line against the corpus's cold row of the same run (measured here when the cold
        stage is not part of this run). Launch sites from the JSON output, wrappers from the
        cache of one more (untimed) run."""
        tree = self.scratch / "benchdense"
        log(f"building the launch-dense project in {tree}")
        packages = make_dense.build(tree, self.scratch / "dense-wheels")
        files, lines = count_tree(tree)
        m = self.time(
            "fl_dense",
            f"frontier-lint --jobs {self.jobs} --no-cache, launch-dense project",
            self.fl_argv(".", jobs=self.jobs),
            tree,
            stdout=True,
        )
        if not self.measured_now("fl_cold"):
            self.corpus_cold()
        data = self.findings(m)
        log("counting the launch-dense project's wrappers (one more run, with a cache)")
        wrappers = count_wrappers(self.fl, tree, self.env, self.scratch / "xdg-cache")
        skip_parts = self.args.no_dense_parts or self.quick
        parts = [] if skip_parts else self.dense_parts(tree, packages, wrappers)
        self.results["dense"] = {
            "path": str(tree),
            "files": files,
            "lines": lines,
            "packages": [p.__dict__ for p in packages],
            "summary": data.get("summary") if data else None,
            "findings": [
                [f["path"], f["line"], f.get("program")] for f in (data or {}).get("findings", [])
            ],
            "wrappers": wrappers,
            "parts": parts,
        }
        self.save()

    def dense_parts(
        self, tree: Path, packages: list[make_dense.Package], wrappers: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Each package of the dense project alone (hard-linked into a tree of its own), one
        cold run each: which code the cost comes from."""
        rows = []
        by_top = wrappers.get("by_top", {})
        for pkg in packages:
            part = self.scratch / "dense-parts" / pkg.requirement.split("==")[0]
            if part.exists():
                shutil.rmtree(part)
            part.mkdir(parents=True)
            for top in pkg.tops:
                if (tree / top).is_dir():
                    shutil.copytree(tree / top, part / top, copy_function=os.link)
                else:
                    os.link(tree / top, part / top)
            m = self.time(
                f"fl_dense_part_{part.name}",
                f"frontier-lint, {pkg.requirement} alone",
                self.fl_argv(".", jobs=self.jobs),
                part,
                runs=1,
                stdout=True,
            )
            data = self.findings(m)
            rows.append(
                {
                    "package": pkg.requirement,
                    "lines": pkg.lines,
                    "launch_sites": (data or {}).get("summary", {}).get("launch_sites"),
                    "wrappers": sum(by_top.get(top, 0) for top in pkg.tops),
                    "timing": m.to_json(),
                }
            )
        return rows

    def profile(self) -> None:
        """One cold `--jobs 1 --no-cache` run on the corpus under cProfile (`bench/profile_run.py`):
        top functions, phases, files opened; with `--profile-dense`, the dense project's too."""
        python = fl_python(self.fl)
        if python is None:
            error = f"no Python interpreter found for {self.fl[0]}"
            self.results["profile"] = {"corpus": {"error": error}}
            self.save()
            return
        trees = [("corpus", self.base)]
        if self.args.profile_dense:
            trees.append(("dense", self.scratch / "benchdense"))
        out: dict[str, Any] = {}
        for name, tree in trees:
            if name == "dense":
                make_dense.build(tree, self.scratch / "dense-wheels")
            log(f"profiling a cold --jobs 1 run on {tree} (several times slower than unprofiled)")
            measure.wait_quiet(self.args.quiet_wait)
            load = os.getloadavg()[0]
            try:
                result = profile_run.profile(tree, python=python, env=self.env)
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                result = {"error": str(exc)[-500:]}
            result["load1"] = load
            result["measured"] = {"at": self.invocation, "frontier_lint": self.fl_version}
            out[name] = result
            if "error" not in result:
                md = self.out / f"profile-{name}.md"
                md.write_text(profile_run.markdown(result) + "\n")
                log(f"  {result['wall']:.1f} s under the profiler; markdown in {md}")
        self.results["profile"] = out
        self.save()

    def planted_runs(self) -> None:
        self.prepare_planted()
        assert self.manifest is not None
        m = self.time(
            "fl_planted",
            "frontier-lint on the planted copy",
            self.fl_argv(".", jobs=self.jobs),
            self.planted,
            stdout=True,
        )
        data = self.findings(m)
        result: dict[str, Any] = {"ok": data is not None}
        if data is not None:
            cmp = plant.compare(self.manifest.expected, data.get("findings", []))
            result.update(comparison_json(cmp), summary=data.get("summary"))
            for e in result["missing"][:30]:
                e["found_in_isolation"] = self.isolated(plant.Expected(**e))
        self.results["planted_result"] = result
        # What a cold run finds is the reference for the cached runs (warm, edits).
        self.reference = (
            {(f["path"], f["line"], f["program"]) for f in data.get("findings", [])}
            if data is not None
            else {(e.path, e.line, e.program) for e in self.manifest.expected}
        )
        # semgrep's recall on the same plants, for context (one run, not timed again)
        if self.peer_errors.get("semgrep") is None:
            rule = str(BENCH / "semgrep-rule.yaml")
            out = self.out / "semgrep_planted.json"
            argv = [
                str(self.peers_bin / "semgrep"),
                "scan",
                "--config",
                rule,
                "--metrics=off",
                "--disable-version-check",
                "--jobs",
                str(self.jobs),
                "--json",
                "-o",
                str(out),
                "--no-git-ignore",
                "--timeout",
                "0",
                "--max-target-bytes",
                "0",
                "-q",
                ".",
            ]
            log("semgrep on the planted copy (recall)")
            sh(argv, cwd=self.planted, env=self.env, timeout=3600)
            try:
                found = json.loads(out.read_text())["results"]
                findings = [
                    {"path": r["path"].removeprefix("./"), "line": r["start"]["line"]}
                    for r in found
                ]
                self.results["semgrep_planted"] = semgrep_recall(self.manifest, findings)
            except (OSError, ValueError, KeyError) as exc:
                self.results["semgrep_planted"] = {"error": str(exc)}
        self.save()

    def isolated(self, e: plant.Expected) -> bool | None:
        """Lint a tree holding only the missed plant's own code (and empty `__init__.py` files):
        True when found there, i.e. the miss comes from its host files' existing content."""
        tree = self.scratch / "isolated" / f"{e.kind}-{e.index}"
        if tree.exists():
            shutil.rmtree(tree)
        for rel, code in e.snippets.items():
            path = tree / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(code)
            for parent in Path(rel).parents:
                if (self.planted / parent / "__init__.py").exists():
                    (tree / parent / "__init__.py").touch()
        p = sh([*self.fl_argv(".", jobs=1)], cwd=tree, env=self.env, timeout=300)
        try:
            found = json.loads(p.stdout)["findings"]
        except (ValueError, KeyError):
            return None
        return any(f["path"] == e.path and f["program"] == e.program for f in found)

    def scaling(self) -> None:
        cold = self.results.get("timings", {}).get("fl_cold", {})
        base = self.base
        note = None
        if not self.quick and cold.get("median", 1e9) > self.args.slow_limit:
            base = self.scratch / "benchsub10"
            note = (
                f"a cold run on the corpus took {cold.get('median', float('nan')):.0f} s "
                f"(> {self.args.slow_limit:.0f} s): scaling measured on the 1-in-10 subset"
            )
            log(note)
        rows = []
        files, lines = count_tree(base)
        for k in (1, 2, 4):
            tree = hardlink_copies(base, self.scratch / f"scale-{base.name}-{k}x", k)
            m = self.time(
                f"scale_{k}x",
                f"frontier-lint, corpus x{k}",
                self.fl_argv(".", jobs=self.jobs),
                tree,
                runs=min(self.runs, 3),
            )
            r = (
                self.time(
                    f"scale_ruff_{k}x",
                    f"ruff, corpus x{k}",
                    [
                        str(self.peers_bin / "ruff"),
                        "check",
                        "--isolated",
                        "--exclude",
                        ".git",
                        "--select",
                        RUFF_RULES,
                        "--exit-zero",
                        "--no-cache",
                        ".",
                    ],
                    tree,
                    warmup=1,
                )
                if self.peer_errors.get("ruff") is None
                else None
            )
            rows.append(
                {
                    "copies": k,
                    "files": files * k,
                    "lines": lines * k,
                    "fl": m.to_json(),
                    "ruff": r.to_json() if r else None,
                }
            )
        self.results["scaling"] = {"base": str(base), "note": note, "rows": rows}
        self.save()

    def incremental(self) -> None:
        """Warm re-runs and one-file edits on the planted copy. Each result is checked against
        the cold (no-cache) run's findings, with the edit's own effect applied."""
        self.prepare_planted()
        assert self.manifest is not None
        tree, expected = self.planted, self.manifest.expected
        cache_dirs = [tree / ".frontier-lint-cache"]
        for d in cache_dirs:
            shutil.rmtree(d, ignore_errors=True)
        argv = self.fl_argv(".", jobs=self.jobs, cache=True)
        first = self.time(
            "fl_cache_fill", "frontier-lint, first run with cache", argv, tree, runs=1, stdout=True
        )
        warm = self.time(
            "fl_warm", "frontier-lint, warm (nothing changed)", argv, tree, stdout=True
        )
        res: dict[str, Any] = {"cache_dir_exists": any(d.exists() for d in cache_dirs)}
        base_keys = self.reference
        for key, m in (("fill", first), ("warm", warm)):
            data = self.findings(m)
            got = [(f["path"], f["line"], f["program"]) for f in data["findings"]] if data else []
            res[key] = {"same_as_cold": data is not None and sorted(got) == sorted(base_keys)}
        # One-file edits, each timed and checked: add a violation, revert; change a constant
        # that another module imports to an allowed program, revert.
        consts = [e for e in expected if e.kind == "constant"]
        const = next((e for e in consts if (e.path, e.line, e.program) in base_keys), consts[0])
        definer = next(p for p in const.snippets if p != const.path)
        hosts = {p for e in expected for p in e.snippets}
        victim = next(m.path for m in plant.find_candidates(tree) if m.path not in hosts)
        originals = {p: (tree / p).read_text() for p in (definer, victim)}
        call = '    return subprocess.run(["claude", "-p", prompt])'
        added = (
            originals[victim] + f"\n\nimport subprocess\n\n\ndef _fl_bench_edit(prompt):\n{call}\n"
        )
        added_key = (victim, added.split("\n").index(call) + 1, "claude")
        const_key = (const.path, const.line, const.program)
        changed = originals[definer].replace(f'= "{const.program}"', '= "git"')
        edits = [
            ("add a violation", victim, added, base_keys | {added_key}),
            ("revert it", victim, originals[victim], base_keys),
            (
                "imported constant changed to an allowed program",
                definer,
                changed,
                base_keys - {const_key},
            ),
            ("revert it", definer, originals[definer], base_keys),
        ]
        # A function without launches added to files spread over the tree, each then undone:
        # the two files above are one choice each; an edit elsewhere may answer a search by
        # name that cached results asked (a store of a word they read), and cost more.
        pool = sorted(
            q.relative_to(tree).as_posix()
            for q in tree.rglob("*.py")
            if ".frontier-lint-cache" not in q.parts
            and q.relative_to(tree).as_posix() not in hosts | {victim, definer}
        )
        for i in range(SPREAD_EDITS if pool else 0):
            path = pool[(2 * i + 1) * len(pool) // (2 * SPREAD_EDITS)]
            try:
                originals[path] = (tree / path).read_text()
            except (OSError, UnicodeDecodeError):
                continue
            probe = originals[path] + "\n\ndef _fl_bench_probe():\n    return 1\n"
            edits.append(("a function without launches added", path, probe, base_keys))
            edits.append(("revert it", path, originals[path], base_keys))
        samples: list[dict[str, Any]] = []
        cycles = max(1, -(-self.runs // len(edits)))
        try:
            for cycle in range(cycles):
                for n, (label, path, text, want) in enumerate(edits):
                    write_with_new_mtime(tree / path, text)
                    m = self.time(
                        f"fl_edit_{cycle}_{n}",
                        f"one file edited: {label}",
                        argv,
                        tree,
                        runs=1,
                        stdout=True,
                    )
                    data = self.findings(m)
                    got = (
                        [(f["path"], f["line"], f["program"]) for f in data["findings"]]
                        if data is not None
                        else None
                    )
                    ok = got is not None and len(got) == len(want) and set(got) == want
                    samples.append(
                        {
                            "edit": label,
                            "file": path,
                            "correct": ok,
                            "missing": sorted(want - set(got or [])),
                            "extra": sorted(set(got or []) - want),
                            "timing": m.to_json(),
                        }
                    )
        finally:
            for p, text in originals.items():
                write_with_new_mtime(tree / p, text)
        res["edits"] = samples
        self.results["incremental"] = res
        self.save()

    def precommit_runs(self) -> None:
        """The pre-commit form: files passed, values resolved across the project, and flows
        through the passed files reported wherever they end. Cold (no cache) and warm (a cache
        filled by a run on the project: nothing changed since, or the passed file edited before
        each run, as when a commit's hook runs), each checked against the planted findings."""
        self.prepare_precommit()
        p = self.project
        assert p is not None
        res: dict[str, Any] = {"expected": [list(e) for e in p.expected], "variants": {}}
        runtime = p.root / p.runtime
        original = runtime.read_text()
        edits = iter(range(1, 1 << 30))

        def edit() -> None:  # appended: the planted lines above stay where they are
            write_with_new_mtime(
                runtime, original + f"\n# edited for the benchmark ({next(edits)})\n"
            )

        start, end = precommit.code_edit_site(original)

        def code_edit() -> None:  # a string in a function without launches: code changed
            literal = repr(f"edited for the benchmark ({next(edits)})")
            write_with_new_mtime(runtime, original[:start] + literal + original[end:])

        variants: list[tuple[str, str, list[str], bool, Callable[[], None] | None]] = [
            ("precommit", "pre-commit form: one 13k-line module, cold", [p.runtime], False, None),
            (
                "precommit_warm",
                "pre-commit form: one 13k-line module, warm cache, nothing changed",
                [p.runtime],
                True,
                None,
            ),
            (
                "precommit_warm_edit",
                "pre-commit form: one 13k-line module, warm cache, the module edited "
                "(a comment appended)",
                [p.runtime],
                True,
                edit,
            ),
            (
                "precommit_warm_code_edit",
                "pre-commit form: one 13k-line module, warm cache, the module's code edited "
                "(a string in a function without launches)",
                [p.runtime],
                True,
                code_edit,
            ),
            (
                "precommit_flows",
                "pre-commit form: the config and process helper modules, cold "
                "(reports the launches their values reach)",
                list(p.helpers),
                False,
                None,
            ),
        ]
        shutil.rmtree(p.root / ".frontier-lint-cache", ignore_errors=True)
        try:
            for key, name, files, warm, before in variants:
                if warm and not (p.root / ".frontier-lint-cache").exists():
                    log("filling the pre-commit project's cache (a run on the project, untimed)")
                    sh([*self.fl, "--format", "json"], cwd=p.root, env=self.env, timeout=3600)
                argv = [*self.fl, *files, "--format", "json", *([] if warm else ["--no-cache"])]
                m = self.time(key, name, argv, p.root, stdout=True, before_each=before)
                res["variants"][key] = precommit_check(self.findings(m), p, files)
        finally:
            write_with_new_mtime(runtime, original)
        # The cold run on the module keeps its place in the results of earlier benchmarks.
        res.update(res["variants"].get("precommit", {}))
        self.results["precommit"] = res
        self.save()

    def startup(self) -> None:
        cwd = self.scratch
        self.time(
            "version",
            "frontier-lint --version",
            [*self.fl, "--version"],
            cwd,
            runs=max(self.runs, 10),
            warmup=1,
            ok_codes=(0,),
        )
        self.time(
            "help",
            "frontier-lint --help",
            [*self.fl, "--help"],
            cwd,
            runs=max(self.runs, 10),
            warmup=1,
            ok_codes=(0,),
        )


def fl_python(fl: list[str]) -> str | None:
    """The interpreter that runs the frontier-lint console script `fl[0]` (its `#!` line)."""
    exe = shutil.which(fl[0]) or fl[0]
    try:
        with open(exe, "rb") as f:
            first = f.readline().decode("utf-8", "replace").strip()
    except OSError:
        return None
    if not first.startswith("#!"):
        return None
    python = first[2:].strip().split()[0]
    return python if os.access(python, os.X_OK) else None


def _wait_for_save(cache_dir: Path) -> None:
    """Wait for the cache save a run leaves to a child (`frontier_lint.run.behind`): a shared
    `flock` on its lock file, which the saving child holds exclusively until the file is in place."""
    try:
        import fcntl
    except ImportError:
        return
    try:
        fd = os.open(cache_dir / ".save-lock", os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    finally:
        os.close(fd)


def count_wrappers(
    fl: list[str], tree: Path, env: dict[str, str], key_home: Path
) -> dict[str, Any]:
    """Wrappers (functions whose parameters reach a launch) in `tree`, as the analysis found
    them: a run with a cache, whose file lists them, then removed. The cache's machine key is
    kept under `key_home`, not in the user's cache directory. The cache format is the engine's
    own: a format this does not know gives an error entry, not a wrong count."""
    cache_dir = tree / ".frontier-lint-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    key_home.mkdir(parents=True, exist_ok=True)
    try:
        p = sh(
            [*fl, ".", "--format", "json", "--jobs", "1"],
            cwd=tree,
            timeout=3600,
            env={**env, "XDG_CACHE_HOME": str(key_home)},
        )
        if p.returncode not in (0, 1):
            return {"error": f"exit {p.returncode}: {p.stderr.strip()[-300:]}"}
        _wait_for_save(cache_dir)
        files = sorted(cache_dir.glob("v*.*"))
        if len(files) != 1:
            return {"error": f"expected one cache file, found {len(files)}"}
        body = files[0].read_bytes().split(b"\n", 1)[1]
        # JSON up to cache version 6, marshal data from 7 on (plain lists, dicts, strings).
        raw = json.loads(body) if files[0].suffix == ".json" else marshal.loads(body)
        wrappers = raw["wrappers"]
        # (An entry a row from version 19 on: `run.cache.ROW_FIELDS`, calls the seventh.)
        entries = {
            p: e if isinstance(e, dict) else {"calls": e[6]} for p, e in raw["entries"].items()
        }
        callers = [p for p, e in entries.items() if e.get("calls")]
        return {
            "wrappers": len(wrappers),
            "by_top": dict(Counter(w[0].split("/", 1)[0].split(":", 1)[0] for w in wrappers)),
            "modules_with_wrappers": len({w[0].split(":", 1)[0] for w in wrappers}),
            "files_calling_wrappers": len(callers),
            "wrapper_calls": sum(len(entries[p]["calls"]) for p in callers),
            "cache_format": [raw.get("format"), raw.get("version")],
        }
    except (
        OSError,
        ValueError,
        KeyError,
        IndexError,
        TypeError,
        AttributeError,
        subprocess.TimeoutExpired,
    ) as exc:
        return {"error": f"cache not readable as expected: {type(exc).__name__}: {exc}"}
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


# Files of the planted copy given a function without launches, and back, after the two edits
# (`Bench.incremental`): a fixed, spread choice of the sorted files hosting no planted launch.
SPREAD_EDITS = 6


def write_with_new_mtime(path: Path, text: str) -> None:
    path.write_text(text)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, max(st.st_mtime_ns, time.time_ns()) + 1_000_000))


def precommit_check(
    data: dict[str, Any] | None, p: precommit.Project, named: list[str]
) -> dict[str, Any]:
    """Whether a pre-commit run found exactly the planted launches, and, for those outside the
    files passed, said which passed file their flow goes through (`via`)."""
    if data is None:
        return {"correct": False, "found": None}
    got = sorted((f["path"], f["line"], f["program"]) for f in data["findings"])
    unexplained = [
        [f["path"], f["line"]]
        for f in data["findings"]
        if f["path"] not in named and not f.get("via")
    ]
    return {
        "found": [list(g) for g in got],
        "correct": got == sorted(p.expected) and not unexplained,
        "without_via": unexplained,
        "summary": data.get("summary"),
    }


def comparison_json(cmp: plant.Comparison) -> dict[str, Any]:
    return {
        "exact": cmp.exact,
        "planted": len(cmp.matched) + len(cmp.missing),
        "found": len(cmp.matched),
        "by_kind": cmp.by_kind(),
        "missing": [e.__dict__ for e in cmp.missing],
        "extra": cmp.extra,
    }


def summarise_clean(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return {
        "findings": len(data.get("findings", [])),
        "summary": data.get("summary"),
        "first_findings": data.get("findings", [])[:10],
        "unresolved_reasons": sorted({u.get("reason", "") for u in data.get("unresolved", [])})[
            :20
        ],
        "errors": data.get("errors", [])[:10],
    }


def semgrep_recall(manifest: plant.Manifest, findings: list[dict[str, Any]]) -> dict[str, Any]:
    lines = {(f["path"], f["line"]) for f in findings}
    by_kind: dict[str, list[int]] = {}
    for e in manifest.expected:
        row = by_kind.setdefault(e.kind, [0, 0])
        row[0] += 1
        row[1] += (e.path, e.line) in lines
    planted_lines = {(e.path, e.line) for e in manifest.expected}
    return {"by_kind": by_kind, "extra": len(lines - planted_lines), "results": len(findings)}


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 2**20:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "os": os_name,
        "kernel": platform.release(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="benchmark the 1-in-10 subset")
    parser.add_argument("--runs", type=int, help="timed runs per row (default 5, quick 3)")
    parser.add_argument("--skip-peers", action="store_true", help="no ruff, bandit, semgrep")
    parser.add_argument("--skip-slow-peers", action="store_true", help="no bandit, semgrep")
    parser.add_argument(
        "--scratch",
        type=Path,
        default=Path(
            os.environ.get("FL_BENCH_SCRATCH")
            or Path(tempfile.gettempdir()) / "frontier-lint-bench"
        ),
    )
    parser.add_argument(
        "--recipe",
        type=Path,
        default=Path(
            os.environ.get("FL_BENCH_RECIPE") or REPO.parent / "shared" / "bench" / "make_corpus.sh"
        ),
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="report file (default: BENCHMARKS.md; quick: SCRATCH/BENCHMARKS-quick.md)",
    )
    parser.add_argument("--frontier-lint", help="frontier-lint executable to benchmark")
    parser.add_argument("--jobs", type=int, help="frontier-lint / semgrep workers (default: nproc)")
    parser.add_argument(
        "--budget",
        type=float,
        help="stop repeating a row after this many seconds (default 600, quick 120)",
    )
    parser.add_argument(
        "--slow-limit",
        type=float,
        default=120.0,
        help="cold runs slower than this: no --jobs 1 row, scaling on the subset",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=30.0,
        help="before each run, wait up to this many seconds for an idle machine (0: never)",
    )
    parser.add_argument("--per-kind", type=int, default=plant.DEFAULT_PER_KIND)
    parser.add_argument("--seed", type=int, default=plant.DEFAULT_SEED)
    parser.add_argument(
        "--only",
        help="re-measure only these stages (comma-separated: cold, planted, precommit, startup, "
        "scaling, incremental, dense, profile), keeping the other figures of the last run",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ["FL_BENCH_CORPUS"]) if os.environ.get("FL_BENCH_CORPUS") else None,
        help="a corpus built before by the recipe (read only: linked into SCRATCH)",
    )
    parser.add_argument(
        "--no-dense-parts",
        action="store_true",
        help="the dense stage times the whole project only, not each package alone as well "
        "(implied by --quick)",
    )
    parser.add_argument(
        "--profile-dense",
        action="store_true",
        help="the profile stage also profiles the launch-dense project",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite the report from the last results JSON, measure nothing",
    )
    args = parser.parse_args(argv)
    # A plain `kill` ends the benchmark cleanly, stopping the command being measured too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.scratch = args.scratch.resolve()
    if args.corpus is not None and not args.corpus.is_dir():
        parser.error(f"--corpus: not a directory: {args.corpus}")
    args.scratch.mkdir(parents=True, exist_ok=True)
    mode = "quick" if args.quick else "full"
    output = args.output or (
        args.scratch / "BENCHMARKS-quick.md" if args.quick else REPO / "BENCHMARKS.md"
    )

    if args.report_only:
        results = json.loads((args.scratch / f"results-{mode}.json").read_text())
    else:
        bench = Bench(args)
        started = time.time()
        stages = {
            "cold": bench.cold,
            "planted": bench.planted_runs,
            "precommit": bench.precommit_runs,
            "startup": bench.startup,
            "scaling": bench.scaling,
            "incremental": bench.incremental,
            "dense": bench.dense,
            "profile": bench.profile,
        }
        only = [x for x in (args.only or "").split(",") if x]
        if unknown := set(only) - set(stages):
            parser.error(f"--only: unknown stage(s) {sorted(unknown)}; known: {list(stages)}")
        previous: dict[str, Any] = {}
        if only and bench.results_path.is_file():  # keep the other stages' figures
            previous = json.loads(bench.results_path.read_text())
            bench.results = {**previous, **bench.results}
        bench.prepare()
        if only and "date" in previous.get("machine", {}):
            # The header's date is the full run's (the command and duration quoted with it are).
            bench.results["machine"]["date"] = previous["machine"]["date"]
        for name, stage in stages.items():
            if not only or name in only or (name == "planted" and "incremental" in only):
                bench.speed_probe(name)
                stage()
        if only:
            bench.results.setdefault("notes", []).append(
                f"Re-measured on {time.strftime('%Y-%m-%d %H:%M')} with "
                f"`{' '.join(['python', 'bench/run.py', *(argv or sys.argv[1:])])}`: "
                f"stage(s) {', '.join(only)}; frontier-lint {bench.results['versions']['frontier-lint']}."
            )
        else:
            bench.results["elapsed_s"] = time.time() - started
            bench.results["command"] = " ".join(["python", "bench/run.py", *(argv or sys.argv[1:])])
        bench.save()
        results = bench.results
    output.write_text(report.render(results))
    log(f"wrote {output}  (raw figures: {args.scratch / f'results-{mode}.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
