"""Smoke version of the benchmark (bench/run.py): a few generated files, no peers, seconds.

Plants violations of every kind with bench/plant.py into a tiny package tree, runs the
frontier-lint CLI on the tree before and after (`--format json --no-cache`), and checks that the
clean tree gives no finding and that the planted tree gives exactly the planted findings. The
other stages' own parts on tiny inputs, offline: the launch-dense project unpacked from pinned
wheels (made here) and its wrappers counted, the profile of a run and its phases, the
pre-commit project's forms (cold, warm, flows through helper modules), the corpus linked
without writing into it, and the targets the report checks.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
PLANT = BENCH / "plant.py"
FL = [sys.executable, "-m", "frontier_lint"]
PER_KIND = 4  # covers every variant of every kind

# A small project: packages with several modules each (relative imports need siblings), ordinary
# code, and launches of allowed programs that must stay clean.
MODULE = '''"""Module {name}."""

import logging
import subprocess

log = logging.getLogger(__name__)
GIT = "git"


class Thing{n}:
    def __init__(self, size):
        self.size = size

    def grow(self, by=1):
        self.size += by
        return self.size


def status(root):
    return subprocess.run([GIT, "status", "--short", root], check=False)


def total(things):
    return sum(t.size for t in things)
'''


def _load(name: str) -> Any:
    """A module of bench/ (they import each other by plain name: bench/ goes on the path)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _load_plant() -> Any:
    return _load("plant")


def _make_tree(root: Path) -> None:
    n = 0
    for package in ("shop", "shop/billing", "shop/stock"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
        for stem in ("core", "models", "views", "tasks"):
            name = f"{package.replace('/', '.')}.{stem}"
            (root / package / f"{stem}.py").write_text(MODULE.format(name=name, n=n))
            n += 1


def _lint(tree: Path) -> dict[str, Any]:
    argv = [sys.executable, "-m", "frontier_lint", ".", "--format", "json", "--no-cache"]
    proc = subprocess.run(argv, cwd=tree, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.fixture(scope="module")
def cli() -> None:
    if importlib.util.find_spec("frontier_lint") is None:
        pytest.skip("frontier-lint is not installed")
    try:
        has_cli = importlib.util.find_spec("frontier_lint.cli") is not None
    except ImportError:
        has_cli = False
    if not has_cli:
        pytest.skip("the frontier-lint CLI is missing")


def test_plant_is_deterministic_and_valid(tmp_path: Path) -> None:
    plant = _load_plant()
    _make_tree(tmp_path / "src")
    manifests = []
    for out in ("a", "b"):
        cmd = [sys.executable, str(PLANT), str(tmp_path / "src"), str(tmp_path / out)]
        subprocess.run([*cmd, "--per-kind", str(PER_KIND)], check=True, capture_output=True)
        manifests.append(json.loads((tmp_path / f"{out}.manifest.json").read_text()))
    assert manifests[0]["expected"] == manifests[1]["expected"]
    assert manifests[0]["counts"] == {kind: PER_KIND for kind in plant.KINDS}
    for e in plant.Manifest.from_json(manifests[0]).expected:
        line = (tmp_path / "a" / e.path).read_text().splitlines()[e.line - 1]
        assert "(" in line and e.path.endswith(".py")
    assert not (tmp_path / "src" / "shop" / "core.py").read_text().count("_fl_bench_")


def test_found_equals_planted(tmp_path: Path, cli: None) -> None:
    plant = _load_plant()
    clean, planted = tmp_path / "clean", tmp_path / "planted"
    _make_tree(clean)

    before = _lint(clean)
    assert before["findings"] == []
    assert before["summary"]["violations"] == 0

    cmd = [sys.executable, str(PLANT), str(clean), str(planted), "--per-kind", str(PER_KIND)]
    subprocess.run(cmd, check=True, capture_output=True)
    manifest = plant.Manifest.from_json(json.loads(Path(f"{planted}.manifest.json").read_text()))
    assert len(manifest.expected) == PER_KIND * len(plant.KINDS)

    after = _lint(planted)
    result = plant.compare(manifest.expected, after["findings"])
    missing = [(e.kind, e.variant, e.path, e.line, e.program) for e in result.missing]
    extra = [(f["path"], f["line"], f.get("program")) for f in result.extra]
    assert (missing, extra) == ([], [])
    assert after["summary"]["violations"] == len(manifest.expected)


# --------------------------------------------------------------------------------------------
# The launch-dense project (bench/make_dense.py), from wheels made here

ALPHA = {
    "alpha/__init__.py": "",
    "alpha/proc.py": (
        "import subprocess\n\n\ndef run(cmd, check=True):\n"
        "    return subprocess.run(cmd, check=check)\n\n\n"
        "def run_quiet(cmd):\n    return run(cmd, check=False)\n"
    ),
    "alpha/data.txt": "not python\n",
    "alpha-1.0.dist-info/METADATA": "Name: alpha\n",
    "alpha-1.0.dist-info/record_check.py": "# metadata, never unpacked\n",
    "alpha-1.0.data/scripts/alpha_cli.py": "# an installer puts this elsewhere\n",
}
BETA = {
    "beta/__init__.py": "",
    "beta/tasks.py": (
        "from alpha.proc import run, run_quiet\n\nGIT = 'git'\n\n\n"
        "def status():\n    return run([GIT, 'status'])\n\n\n"
        "def fetch():\n    return run_quiet([GIT, 'fetch'])\n"
    ),
}


def _wheel(directory: Path, filename: str, members: dict[str, str]) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(directory / filename, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return hashlib.sha256((directory / filename).read_bytes()).hexdigest()


def _dense_pins(make_dense: Any, wheels: Path) -> tuple[Any, ...]:
    return (
        make_dense.Pin("alpha", "1.0", _wheel(wheels, "alpha-1.0-py3-none-any.whl", ALPHA), "a"),
        make_dense.Pin(
            "beta-tool", "2.0", _wheel(wheels, "beta_tool-2.0-py3-none-any.whl", BETA), "b"
        ),
    )


def test_dense_project_is_the_pinned_wheels_python_files(tmp_path: Path) -> None:
    make_dense = _load("make_dense")
    wheels, dest = tmp_path / "wheels", tmp_path / "dense"
    pins = _dense_pins(make_dense, wheels)
    packages = make_dense.build(dest, wheels, pins, download=False)

    got = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert got == ["alpha/__init__.py", "alpha/proc.py", "beta/__init__.py", "beta/tasks.py"]
    assert [(p.requirement, p.tops, p.files) for p in packages] == [
        ("alpha==1.0", ("alpha",), 2),
        ("beta-tool==2.0", ("beta",), 2),
    ]
    assert packages[0].lines == ALPHA["alpha/proc.py"].count("\n")
    manifest = json.loads(make_dense.manifest_path(dest).read_text())
    assert [p["requirement"] for p in manifest["packages"]] == ["alpha==1.0", "beta-tool==2.0"]

    # Built from the same pins: reused as it is (the wheels are not needed again).
    for wheel in wheels.iterdir():
        wheel.unlink()
    assert make_dense.build(dest, wheels, pins, download=False) == packages


def test_dense_project_refuses_a_wheel_whose_hash_differs(tmp_path: Path) -> None:
    make_dense = _load("make_dense")
    wheels = tmp_path / "wheels"
    alpha, beta = _dense_pins(make_dense, wheels)
    wrong = make_dense.Pin(beta.name, beta.version, "0" * 64, beta.role)
    with pytest.raises(SystemExit, match="sha256"):
        make_dense.build(tmp_path / "dense", wheels, (alpha, wrong), download=False)


def test_dense_project_refuses_two_wheels_with_the_same_file(tmp_path: Path) -> None:
    make_dense = _load("make_dense")
    wheels = tmp_path / "wheels"
    alpha, _ = _dense_pins(make_dense, wheels)
    sha = _wheel(wheels, "gamma-3.0-py3-none-any.whl", {"alpha/proc.py": "x = 1\n"})
    gamma = make_dense.Pin("gamma", "3.0", sha, "g")
    with pytest.raises(SystemExit, match="already in the project"):
        make_dense.build(tmp_path / "dense", wheels, (alpha, gamma), download=False)


def test_dense_wrappers_are_counted_from_the_analysis(tmp_path: Path, cli: None) -> None:
    make_dense, run = _load("make_dense"), _load("run")
    dest = tmp_path / "dense"
    make_dense.build(dest, tmp_path / "wheels", _dense_pins(make_dense, tmp_path / "wheels"))
    counted = run.count_wrappers(FL, dest, dict(os.environ), tmp_path / "xdg")
    assert counted["wrappers"] == 2  # alpha.proc.run, and run_quiet that forwards to it
    assert counted["by_top"] == {"alpha": 2}
    assert counted["modules_with_wrappers"] == 1
    assert counted["files_calling_wrappers"] >= 1  # beta/tasks.py
    assert not (dest / ".frontier-lint-cache").exists()  # the counting run leaves nothing


# --------------------------------------------------------------------------------------------
# The profile (bench/profile_run.py)


def _fn(path: str, name: str, line: int = 1) -> tuple[str, int, str]:
    return (path, line, name)


def test_profile_phases_charge_c_functions_to_their_callers() -> None:
    prof = _load("profile_run")
    site = "/venv/lib/python3.11/site-packages"
    concat = _fn(f"{site}/frontier_lint/dataflow/values.py", "concat")
    parse = _fn(f"{site}/libcst/_parser/entrypoints.py", "_parse")
    imports = _fn("<frozen importlib._bootstrap>", "_find_and_load")
    replace = _fn("/usr/lib/python3.11/dataclasses.py", "replace")
    isinstance_ = _fn("~", "<built-in method builtins.isinstance>", 0)
    compile_ = _fn("~", "<built-in method builtins.compile>", 0)
    generated = _fn("<string>", "__init__")
    loop_a = _fn("~", "<built-in method a>", 0)
    loop_b = _fn("~", "<built-in method b>", 0)
    stats = {
        concat: (1, 1, 2.0, 5.0, {}),
        parse: (1, 1, 1.0, 1.2, {concat: (1, 1, 1.0, 1.2)}),
        imports: (1, 1, 0.5, 1.0, {}),
        replace: (1, 1, 0.3, 0.4, {concat: (1, 1, 0.3, 0.4)}),
        # a C function with no phase of its own: its time goes to its callers' phases
        isinstance_: (3, 3, 0.6, 0.6, {concat: (2, 2, 0.4, 0.4), parse: (1, 1, 0.2, 0.2)}),
        # a C function with a phase: what importlib had it do goes to the imports
        compile_: (2, 2, 1.0, 1.0, {imports: (1, 1, 0.25, 0.25), concat: (1, 1, 0.75, 0.75)}),
        generated: (1, 1, 0.1, 0.1, {replace: (1, 1, 0.1, 0.1)}),  # a dataclass's __init__
        loop_a: (1, 1, 0.05, 0.05, {loop_b: (1, 1, 0.05, 0.05)}),  # callers only each other
        loop_b: (1, 1, 0.05, 0.05, {loop_a: (1, 1, 0.05, 0.05)}),
    }
    phases, other = prof.phases(stats)
    assert phases == pytest.approx(
        {
            "interpretation (frontier_lint/dataflow)": 2.4,
            "libcst parsing": 1.2,
            "CPython compile / ast.parse": 0.75,
            prof.IMPORTS: 0.75,
            prof.OTHER: 0.5,
        }
    )
    assert other == pytest.approx({"dataclasses": 0.4, "(caller not known)": 0.1})
    assert sum(phases.values()) == pytest.approx(sum(v[2] for v in stats.values()))


def test_profile_of_a_cold_run_counts_each_file_opened(tmp_path: Path, cli: None) -> None:
    prof = _load("profile_run")
    _make_tree(tmp_path / "tree")
    result = prof.profile(tmp_path / "tree", python=sys.executable, top=10)

    assert result["exit"] == 0
    assert len(result["top_cumulative"]) == len(result["top_own"]) == 10
    assert sum(p["own"] for p in result["phases"]) == pytest.approx(result["profile_total"])
    names = {p["phase"] for p in result["phases"]}
    assert {"libcst parsing", "interpretation (frontier_lint/dataflow)", prof.IMPORTS} <= names
    files = result["files"]
    assert files["tree_py_files"] == files["tree_py_files_opened"] == 15
    assert files["tree_py_opens"] >= 15
    assert sum(files["histogram"].values()) == 15
    text = prof.markdown(result)
    for heading in ("Phases", "Entry points", "Files opened", "by cumulative", "by own"):
        assert heading in text


def test_profile_file_reads_are_per_path_inside_the_tree(tmp_path: Path) -> None:
    prof = _load("profile_run")
    (tmp_path / "pkg").mkdir()
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / "pkg" / name).write_text("")
    opens = {
        str(tmp_path / "pkg" / "a.py"): 3,
        "pkg/a.py": 9,  # relative to the tree (the run's working directory): the same file
        "pkg/b.py": 1,
        "/usr/lib/python3.11/json/__init__.py": 1,
    }
    files = prof.file_reads(opens, tmp_path)
    assert files["most_opened"][0] == ["pkg/a.py", 12]
    assert (files["tree_py_files"], files["tree_py_files_opened"]) == (3, 2)
    assert (files["tree_py_opens"], files["outside_tree_opens"]) == (13, 1)
    assert files["histogram"] == {
        "1": 1,
        "2": 0,
        "3-5": 0,
        "6-10": 0,
        "11-20": 1,
        "21-50": 0,
        "51+": 0,
    }


# --------------------------------------------------------------------------------------------
# The pre-commit project's forms (bench/precommit.py; the stage in bench/run.py)


def _fake_corpus(root: Path, sources: tuple[str, ...]) -> None:
    for n, src in enumerate(sources):
        (root / src).mkdir(parents=True)
        (root / src / f"m{n}.py").write_text(f"def helper_{n}(x):\n    return x + {n}\n")


def test_precommit_forms_report_the_planted_launches(tmp_path: Path, cli: None) -> None:
    precommit, run = _load("precommit"), _load("run")
    _fake_corpus(tmp_path / "corpus", precommit.SOURCES)
    p = precommit.build(tmp_path / "corpus", tmp_path / "project")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}

    def lint(*args: str) -> dict[str, Any]:
        argv = [*FL, *args, "--format", "json"]
        proc = subprocess.run(argv, cwd=p.root, capture_output=True, text=True, env=env)
        assert proc.returncode in (0, 1), proc.stderr
        data: dict[str, Any] = json.loads(proc.stdout)
        return data

    cold = run.precommit_check(lint(p.runtime, "--no-cache"), p, [p.runtime])
    assert cold["correct"], cold
    # Only the helper modules passed: the launches their values reach are reported, via them.
    flows = run.precommit_check(lint(*p.helpers, "--no-cache"), p, list(p.helpers))
    assert flows["correct"], flows
    assert flows["without_via"] == []
    lint()  # fills the cache
    warm = run.precommit_check(lint(p.runtime), p, [p.runtime])
    assert warm["correct"], warm


def test_precommit_check_wants_every_plant_and_the_flow_named() -> None:
    precommit, run = _load("precommit"), _load("run")
    p = precommit.Project(
        root=Path("."),
        runtime="app/run.py",
        runtime_lines=10,
        modules=3,
        lines=20,
        expected=(("app/run.py", 5, "codex"), ("app/run.py", 9, "claude")),
    )
    found = [
        {"path": "app/run.py", "line": 5, "program": "codex", "via": ["app/core/config.py"]},
        {"path": "app/run.py", "line": 9, "program": "claude"},
    ]
    assert run.precommit_check({"findings": found}, p, ["app/run.py"])["correct"]
    helpers = run.precommit_check({"findings": found}, p, ["app/core/config.py"])
    assert not helpers["correct"] and helpers["without_via"] == [["app/run.py", 9]]
    assert not run.precommit_check({"findings": found[:1]}, p, ["app/run.py"])["correct"]
    assert not run.precommit_check(None, p, ["app/run.py"])["correct"]


# --------------------------------------------------------------------------------------------
# The corpus given with --corpus, and the report's targets


def test_a_given_corpus_is_linked_never_written(tmp_path: Path) -> None:
    run = _load("run")
    existing = tmp_path / "corpus"
    names = [f"pkg{n // 10}/mod{n:02}.py" for n in range(25)]
    for name in names:
        (existing / name).parent.mkdir(parents=True, exist_ok=True)
        (existing / name).write_text(f"X = {name!r}\n")
    scratch = tmp_path / "scratch"
    corpus, subset = run.link_corpus(existing, scratch / "benchcorpus", scratch / "benchsub10")

    assert sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.py")) == names
    # the recipe's subset: every 10th path of the sorted list, from the first
    assert sorted(p.relative_to(subset).as_posix() for p in subset.rglob("*.py")) == names[::10]
    (corpus / ".semgrepignore").write_text("# bench\n")
    assert not (existing / ".semgrepignore").exists()
    assert sorted(p.relative_to(existing).as_posix() for p in existing.rglob("*")) == sorted(
        {*names, *{n.split("/")[0] for n in names}}
    )


def _row(wall: float, rss: float = 100.0) -> dict[str, Any]:
    run = {"wall": wall, "busy_before": 0.0}
    return {
        "name": "x",
        "argv": ["x"],
        "runs": [run],
        "median": wall,
        "min": wall,
        "max": wall,
        "cpu": wall,
        "maxrss_mb": rss,
        "tree_rss_mb": rss,
        "busy_before": 0.0,
    }


def test_report_checks_issue_18s_targets() -> None:
    report = _load("report")
    results = {
        "corpus": {"lines": 2_000_000},
        "timings": {
            "fl_cold": _row(6.0, rss=149),
            "ruff_cold": _row(1.0),
            "semgrep": _row(48.0),
            "bandit": _row(150.0),
            "fl_warm": _row(0.16),
            "precommit": _row(0.5),
            "precommit_warm": _row(0.2),
            "precommit_warm_edit": _row(0.31),
            "fl_dense": _row(3.0),
        },
        "incremental": {
            "warm": {"same_as_cold": True},
            "edits": [{"timing": _row(0.3), "correct": True, "edit": "e", "file": "f.py"}],
        },
        "precommit": {
            "expected": [["a.py", 1, "codex"]],
            "variants": {
                k: {"correct": True, "found": [["a.py", 1, "codex"]]}
                for k in ("precommit", "precommit_warm", "precommit_warm_edit")
            },
        },
        "dense": {"lines": 500_000, "packages": []},
    }
    text = report.render(results)
    targets = [
        line.strip("| ").split(" | ")
        for line in text.split("## Targets")[1].split("\n## ")[0].splitlines()
        if line.startswith("| ") and not line.startswith("| target")
    ]
    verdicts = [(row[0], row[-1]) for row in targets]
    # (a fragment of the target's text, its verdict), in the table's order
    want = [
        ("6\u00d7 ruff", "**met**"),
        ("semgrep \u2265 8\u00d7 slower", "**met**"),  # 48 / 6 = 8
        ("\u2265 30\u00d7 slower", "**MISSED**"),  # 150 / 6 = 25
        ("nothing changed \u2264 0.15 s", "**MISSED**"),
        ("edited \u2264 0.3 s worst case", "**met**"),
        ("cold \u2264 0.5 s", "**met**"),
        ("warm cache \u2264 0.3 s", "**MISSED**"),  # the edited module's 0.31 s
        ("memory on the corpus \u2264 150 MB", "**met**"),
        # 3 s / 500k lines = 6 us per line against 6 s / 2M = 3: twice the corpus's
        ("cost per line \u2264 2\u00d7 the corpus", "**met**"),
        ("linear", "n/a"),
        ("--version", "n/a"),
        ("--help", "n/a"),
        ("found = planted", "n/a"),
        ("zero findings", "n/a"),
    ]
    assert len(verdicts) == len(want)
    for (target, verdict), (fragment, expected) in zip(verdicts, want, strict=True):
        assert fragment in target and verdict == expected, (target, verdict)
    assert "6.00 vs 3.00 \u00b5s / line = **2.0\u00d7**" in text
    assert report.render({})  # a results file from before these stages still renders


def test_report_marks_stages_run_in_a_slow_period() -> None:
    report = _load("report")
    probe = {"cold": {"median": 0.40}, "planted": {"median": 0.45}, "startup": {"median": 0.50}}
    text = report.render({"speed_probe": probe})
    line = next(x for x in text.splitlines() if x.startswith("Speed probe"))
    # 1.125x the fastest is within the noise; 1.25x is marked
    assert "cold 0.400 s, planted 0.450 s, startup 0.500 s (**1.25\u00d7 the fastest" in line
    assert line.count("a slow period") == 1
    assert "Speed probe" not in report.render({})


# Memory by stage (bench/mem_stages.py)


def test_mem_stages_reports_every_stage(tmp_path: Path) -> None:
    """A wrapper and its caller: every stage is measured, the first wrapper round's census
    printed, and the report still goes to stdout."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "run.py").write_text(
        "import subprocess\n\n\ndef launch(prog):\n    subprocess.run([prog, '-v'])\n"
    )
    (tmp_path / "pkg" / "use.py").write_text(
        "from pkg.run import launch\n\n\ndef go():\n    launch('codex')\n"
    )
    args = ["--collect", "--census", "3", "--", ".", "--format", "json", "--jobs", "1"]
    got = subprocess.run(
        [sys.executable, "-P", str(BENCH / "mem_stages.py"), *args, "--no-cache", "--exit-zero"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    for stage in ("scan_ahead", "_scan_callers", "propagate_wrappers", "outcomes"):
        assert f"after {stage}" in got.stderr, got.stderr
    assert "first wrapper round, growth by type" in got.stderr
    assert "after gc.collect" in got.stderr
    assert json.loads(got.stdout)["summary"]["violations"] == 1
