"""A run on some files: it reports what is in them and every flow through them, wherever it
launches, and with nothing cached it analyses only the files that can matter (the files whose
results can depend on the named ones, and what those read), with the same results."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command
from frontier_lint.findings import Report
from frontier_lint.frontend.cone import closure, dependents
from frontier_lint.frontend.project import Project
from frontier_lint.run import cache as cache_module
from frontier_lint.run import engine
from frontier_lint.run.cache import CACHE_DIR, SUFFIX
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from tests.expectations import Expected, cached_entries, expectations, lint_tree, observed
from tests.projects import order_gap

FIXTURES = Path(__file__).parent / "fixtures" / "projects"


def _tree(root: Path, files: dict[str, str]) -> Project:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return Project(root, files)


def test_closure_follows_absolute_relative_and_package_imports(tmp_path: Path) -> None:
    project = _tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/run.py": "from .core import settings\nimport app.util.proc as proc\n",
            "app/core/__init__.py": "",
            "app/core/settings.py": "from ..lib import paths\n",
            "app/util/__init__.py": "",
            "app/util/proc.py": "",
            "app/lib/__init__.py": "",
            "app/lib/paths.py": "",
            "app/lib/unused.py": "",
            "app/other.py": "import app.run\n",
        },
    )
    assert closure(project, ["app/run.py"]) == {
        "app/__init__.py",
        "app/run.py",
        "app/core/__init__.py",
        "app/core/settings.py",
        "app/util/__init__.py",
        "app/util/proc.py",
        "app/lib/__init__.py",
        "app/lib/paths.py",
    }


def test_closure_takes_submodules_read_as_attributes(tmp_path: Path) -> None:
    # `import app` then `app.core.config.X`: the resolver looks submodules up by attribute.
    project = _tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/config.py": "X = 'codex'\n",
            "app/core/other.py": "",
            "app/run.py": "import app\nprint(app.core.config.X)\n",
            "ns/tool.py": "",
            "uses_ns.py": "import ns\nns . tool\n",
        },
    )
    assert closure(project, ["app/run.py"]) == {
        "app/__init__.py",
        "app/run.py",
        "app/core/__init__.py",
        "app/core/config.py",
    }
    # A namespace package (no __init__.py) and spaces around the dot.
    assert closure(project, ["uses_ns.py"]) == {"uses_ns.py", "ns/tool.py"}


def test_closure_reads_imports_anywhere_on_a_line(tmp_path: Path) -> None:
    project = _tree(
        tmp_path,
        {
            "a.py": "try: import b\nexcept ImportError: pass\nx = 1; from c import (\n  d,\n)\n",
            "b.py": "",
            "c/__init__.py": "",
            "c/d.py": "",
            "e.py": "",
        },
    )
    assert closure(project, ["a.py"]) == {"a.py", "b.py", "c/__init__.py", "c/d.py"}


def _project_files() -> list[object]:
    out = []
    for fixture in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for file in sorted(fixture.rglob("*.py")):
            rel = file.relative_to(fixture).as_posix()
            marks = order_gap(fixture.name, f"cone:{rel}")
            out.append(pytest.param(fixture, rel, id=f"{fixture.name}/{rel}", marks=marks))
    return out


def _carried(entry: dict[str, object]) -> set[Expected]:
    """Every result a cached entry holds, wherever it is located: its own findings and
    unresolved sites, and those it holds for a call it made or an instance it constructed
    (`open_sites`, `open_findings`: located at a sink in another file, reported unless a call
    answers them; all of them here)."""
    out: set[Expected] = set()
    for f in [*entry["findings"], *(f for _, f in entry["open_findings"])]:  # type: ignore[misc]
        out.add(Expected(f["path"], f["line"], f"{f['rule']} {f['program']}"))
    for u in [*entry["unresolved"], *(u for _, u in entry["open_sites"])]:  # type: ignore[misc]
        out.add(Expected(u["path"], u["line"], "unresolved"))
    return out


def _lint_with_cache(root: Path, rel: str) -> Report:
    config = load_config(None, root)
    return lint(config, load_catalogue(config.rules), LintRequest(paths=(root / rel,)))


@pytest.fixture(scope="module")
def whole_runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """A fixture project run as a whole once (a copy with its cache), for the tests below."""
    done: dict[Path, Path] = {}

    def get(fixture: Path) -> Path:
        if fixture not in done:
            _, root = lint_tree(fixture, tmp_path_factory.mktemp(fixture.name))
            # The files were copied a moment ago: the cache records them as racy (to be read
            # again). Once more, as if the copy were older, so that runs answered from the
            # cache find nothing to record and leave it as it is.
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(cache_module, "RACY_NS", -(10**18))
                _lint_with_cache(root, ".")
            done[fixture] = root
        return done[fixture]

    return get


@pytest.mark.parametrize(("fixture", "rel"), _project_files())
def test_one_file_reports_what_the_whole_project_reports_for_it(
    fixture: Path,
    rel: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    whole_runs: Callable[[Path], Path],
) -> None:
    # Every file of every fixture project alone reports what the whole project's run reports
    # in it and in the files whose cached results were resolved from it: with nothing cached
    # (its cone, however large, analysed alone) and with the whole project cached. An entry
    # holds results located in other files too (a sink reached through a constructor or a
    # call it made: `open_findings`, `open_sites`), which a run on a file its entry was
    # resolved from reports as well: what it reports beyond the results located in those
    # files is held by such an entry, and is what the whole project reports.
    monkeypatch.setattr(engine, "CONE_SHARE", 1.01)
    whole = whole_runs(fixture)
    entries = cached_entries(whole)
    flows = {p for p, e in entries.items() if rel in e["deps"]}  # type: ignore[operator]
    everything = expectations(fixture)
    expected = {e for e in everything if e.path == rel or e.path in flows}
    held = set().union(*(_carried(entries[p]) for p in flows | ({rel} & set(entries))))

    cones: list[object] = []
    real = engine._cone
    monkeypatch.setattr(engine, "_cone", lambda p, n: cones.append(real(p, n)) or cones[-1])
    cold, root = lint_tree(fixture, tmp_path, [rel])
    got = observed(cold)
    assert expected <= got <= everything
    assert got - expected <= held
    assert cones and cones[0] is not None  # the cone analysis ran
    assert not (root / CACHE_DIR).exists()  # and answered for part of the project only

    # (The cache file itself: the directory also holds the report remembered for a path.)
    (cache_file,) = (whole / CACHE_DIR).glob(f"*{SUFFIX}")
    cached = cache_file.stat().st_mtime_ns
    assert observed(_lint_with_cache(whole, rel)) == got
    assert cache_file.stat().st_mtime_ns == cached  # answered from it, unchanged


FLOWS = FIXTURES / "flows_through"
REPO = {
    Expected("app/services/repo.py", 7, "FL001 codex"),
    Expected("app/services/repo.py", 11, "unresolved"),
}
AGENT = {Expected("app/services/agent.py", 7, "FL001 claude")}

# A named file, everything a run on it alone reports, and whether the traces show a hop there.
FLOW_CASES = [
    # A constant module that launches nothing, read by a launch in another package (and by an
    # excluded test, never reported).
    ("app/core/config.py", REPO, True),
    # A chain: a constant in names.py, re-read in derived.py, launched in agent.py.
    ("app/core/names.py", AGENT, True),
    ("app/core/derived.py", AGENT, False),
    # Re-exported by its package, and read as `app.settings.defaults.X` after `import app`.
    (
        "app/settings/defaults.py",
        {
            Expected("app/services/chat.py", 7, "FL001 claude"),
            Expected("app/services/batch.py", 7, "FL001 codex"),
        },
        True,
    ),
    # A wrapper, reported at its callers.
    ("app/util/proc.py", {Expected("app/services/deploy.py", 5, "FL001 codex")}, True),
    # Against the imports: a subclass implementing the abstract method its base launches, and
    # a class registered by a decorator into the registry a launch reads.
    ("app/plugins/claude_tool.py", {Expected("app/plugins/base.py", 12, "FL001 claude")}, True),
    ("app/agents/codex_agent.py", {Expected("app/agents/registry.py", 15, "FL001 codex")}, True),
    # Imported by a file that launches, but read by no launch.
    ("app/util/text.py", set(), False),
    ("app/tools/review.py", {Expected("app/tools/review.py", 11, "FL001 gemini")}, False),
]


@pytest.mark.parametrize("cached", [False, True], ids=["cold", "cached"])
@pytest.mark.parametrize(("named", "expected", "hop"), FLOW_CASES, ids=[c[0] for c in FLOW_CASES])
def test_a_run_on_one_file_reports_every_flow_through_it(
    named: str, expected: set[Expected], hop: bool, cached: bool, tmp_path: Path
) -> None:
    if cached:
        _, root = lint_tree(FLOWS, tmp_path)
        report = _lint_with_cache(root, named)
    else:
        report, root = lint_tree(FLOWS, tmp_path, [named])
        assert not (root / CACHE_DIR).exists()  # the cone analysis answered
    assert observed(report) == expected
    for item in [*report.findings, *report.unresolved]:
        # Located where it launches; marked with the named file it flows through.
        assert item.via == (() if item.path == named else (named,))
    for f in report.findings:
        if hop and f.path != named:
            assert named in {h.path for h in f.trace}


def test_flows_are_reported_only_in_the_frontier_runtime_and_counted(tmp_path: Path) -> None:
    report, _ = lint_tree(FLOWS, tmp_path, ["app/core/config.py"])
    # app/services/tests/smoke_repo.py launches GIT_CMD too, but is excluded.
    assert {f.path for f in report.findings} == {"app/services/repo.py"}
    assert report.summary.files == 2  # the named file and the one its flows reach
    assert report.summary.launch_sites == 3
    assert (report.summary.violations, report.summary.unresolved) == (1, 1)


def test_a_named_file_outside_the_frontier_still_reports_flows_through_it(
    tmp_path: Path,
) -> None:
    root = tmp_path / "src"
    shutil.copytree(FLOWS, root)
    (root / "frontier-lint.yaml").write_text(
        'include: ["app/services/**"]\nexclude: ["app/**/tests/**"]\n'
    )
    report, _ = lint_tree(root, tmp_path / "run", ["app/core/config.py"])
    assert observed(report) == REPO


def _cli(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(root)
    return CliRunner().invoke(lint_command, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def flows(tmp_path: Path) -> Path:
    root = tmp_path / "flows"
    shutil.copytree(FLOWS, root)
    (root / ".git").mkdir()
    return root


def test_text_output_names_the_flow_and_marks_its_hop(
    flows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _cli(flows, monkeypatch, "app/core/config.py")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    head = "app/services/repo.py:7:12: FL001 subprocess.run can launch forbidden program `codex`"
    at = lines.index(f"{head} (via app/core/config.py)")
    assert lines[at + 1].startswith("  > app/core/config.py:5:1: GIT_CMD defined as")
    assert lines[at + 2].startswith("    app/services/repo.py:7:12: reaches subprocess.run")
    assert "app/services/repo.py:11:12" not in result.stdout  # unresolved: listed by --strict
    assert lines[-1].startswith("Checked 2 files")


def test_strict_fails_on_an_unresolved_site_flowing_through_the_named_file(
    flows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (flows / "app/core/config.py").write_text(
        (flows / "app/core/config.py").read_text().replace('"codex"', '"git"')
    )
    assert _cli(flows, monkeypatch, "app/core/config.py").exit_code == 0
    result = _cli(flows, monkeypatch, "--strict", "app/core/config.py")
    assert result.exit_code == 1
    assert (
        "app/services/repo.py:11:12: FL200 subprocess.run: the program is not known: "
        "environment variable EDITOR (via app/core/config.py)"
    ) in result.stdout
    # `os.getenv("GIT_BIN", "git")` can be anything too.
    data = json.loads(_cli(flows, monkeypatch, "--format", "json", "app/core/config.py").stdout)
    assert [(u["path"], u["line"], u["via"]) for u in data["unresolved"]] == [
        ("app/services/repo.py", 7, ["app/core/config.py"]),
        ("app/services/repo.py", 11, ["app/core/config.py"]),
    ]


def test_json_marks_a_flow_with_an_optional_via(
    flows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = json.loads(_cli(flows, monkeypatch, "--format", "json", "app/core/config.py").stdout)
    (finding,) = flow["findings"]
    assert finding["path"] == "app/services/repo.py"
    assert finding["via"] == ["app/core/config.py"]
    # A finding in the named file itself, or in a run on the project, has no `via` (v1 as is).
    whole = json.loads(_cli(flows, monkeypatch, "--format", "json", ".").stdout)
    own = json.loads(_cli(flows, monkeypatch, "--format", "json", "app/services/repo.py").stdout)
    assert all("via" not in f for f in [*whole["findings"], *own["findings"]])
    assert {k: v for k, v in finding.items() if k != "via"} in whole["findings"]


@pytest.mark.parametrize("cached", [False, True], ids=["cold", "cached"])
def test_the_editor_buffer_reports_what_the_saved_file_reports(
    flows: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    config = flows / "app/core/config.py"
    changed = config.read_text()
    config.write_text(changed.replace('"codex"', '"git"'))  # on disk: the state before the edit
    if cached:
        assert _cli(flows, monkeypatch, ".").exit_code == 1  # fills the cache
    buffer = _cli(
        flows,
        monkeypatch,
        "--format",
        "json",
        "--stdin-filename",
        "app/core/config.py",
        stdin=changed,
    )
    config.write_text(changed)
    saved = _cli(flows, monkeypatch, "--format", "json", "app/core/config.py")
    assert buffer.exit_code == saved.exit_code == 1
    strip = lambda out: {k: v for k, v in json.loads(out).items() if k != "elapsed"}  # noqa: E731
    assert strip(buffer.stdout) == strip(saved.stdout)
    assert [f["path"] for f in json.loads(saved.stdout)["findings"]] == ["app/services/repo.py"]


def test_dependents_turn_the_imports_around(tmp_path: Path) -> None:
    project = _tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/core/__init__.py": "from .config import CMD\n",
            "app/core/config.py": "CMD = 'codex'\n",
            "app/core/sibling.py": "from . import CMD\n",
            "app/by_package.py": "from app.core import CMD\n",
            "app/by_attribute.py": "import app\nprint(app.core.config.CMD)\n",
            "app/second_hand.py": "from app import by_package\n",
            "app/unrelated.py": "import app.util\nconfig = 1\n",
            "app/util.py": "",
            "app/base.py": "class Tool:\n    pass\n",
            "app/plugin.py": "from app.core.config import CMD\nfrom app.base import Tool\n\n"
            "class Claude(Tool):\n    program = CMD\n",
            "app/registry.py": "def register(cls):\n    return cls\n",
            "app/registered.py": "from app import registry\n\n\n@registry.register\n"
            "class Codex:\n    pass\n",
        },
    )
    assert dependents(project, ["app/core/config.py"]) == {
        "app/core/config.py",
        "app/core/__init__.py",  # re-exports it
        "app/core/sibling.py",  # imports the re-export relatively
        "app/by_package.py",
        "app/by_attribute.py",
        "app/second_hand.py",  # imports a file that imports it
        "app/plugin.py",
        "app/base.py",  # its subclass in plugin.py reads it
    }
    assert dependents(project, ["app/registered.py"]) == {"app/registered.py", "app/registry.py"}
    assert dependents(project, ["app/util.py"]) == {"app/util.py", "app/unrelated.py"}
    # Stopped once they are too many to be worth a partial analysis.
    assert dependents(project, ["app/core/config.py"], limit=8) is None


def test_a_file_most_of_the_project_reads_is_answered_by_a_whole_project_run(
    tmp_path: Path,
) -> None:
    # Every module imports the `app` package: the files that can read it are most of the
    # project, so the whole project is analysed (and cached) and the flows read off it.
    report, root = lint_tree(FLOWS, tmp_path, ["app/__init__.py"])
    assert (root / CACHE_DIR).is_dir()
    assert observed(report) == {Expected("app/services/batch.py", 7, "FL001 codex")}
    assert report.findings[0].via == ("app/__init__.py",)


def test_files_the_analysis_reads_beyond_the_cone_join_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The import reading is replaced by one that follows nothing: the resolver's own read of
    # `tools.CMD` still brings tools.py in, and with it the wrapper `launch` that run.py calls.
    monkeypatch.setattr(engine, "CONE_SHARE", 1.01)
    monkeypatch.setattr("frontier_lint.frontend.cone.closure", lambda project, start: set(start))
    root = tmp_path / "p"
    files = {
        "app/__init__.py": "",
        "app/tools.py": "import subprocess\nCMD = 'git'\n\n\ndef launch(argv):\n"
        "    subprocess.run(argv)\n",
        "app/run.py": "import subprocess\nfrom app import tools\n\n\ndef status():\n"
        "    subprocess.run([tools.CMD, 'status'])\n\n\ndef review():\n"
        "    tools.launch(['codex', 'exec'])  # expect: FL001 codex\n",
        "app/other.py": "",
    }
    _tree(root, files)
    report, _ = lint_tree(root, tmp_path / "run", ["app/run.py"])
    assert observed(report) == expectations(root)


def test_callers_of_a_named_wrapper_found_beyond_the_cone_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The import readings are replaced by ones that follow nothing: the callers of the named
    # file's wrapper are still looked for in the rest of the project, although the wrapper is
    # called inside the cone already, and reported.
    monkeypatch.setattr(engine, "CONE_SHARE", 1.01)
    monkeypatch.setattr("frontier_lint.frontend.cone.closure", lambda project, start: set(start))
    monkeypatch.setattr(
        "frontier_lint.frontend.cone.dependents", lambda project, start, most=None: set(start)
    )
    root = tmp_path / "p"
    _tree(
        root,
        {
            "app/__init__.py": "",
            "app/proc.py": "import subprocess\n\n\ndef run(argv):\n    subprocess.run(argv)\n"
            "\n\ndef status():\n    run(['git', 'status'])\n",
            "app/review.py": "from app import proc\n\n\ndef review():\n"
            "    proc.run(['codex', 'exec'])  # expect: FL001 codex\n",
            "app/other.py": "",
        },
    )
    report, _ = lint_tree(root, tmp_path / "run", ["app/proc.py"])
    assert observed(report) == expectations(root)
    assert report.findings[0].via == ("app/proc.py",)


# A project that launches, and a corner of it that cannot: `app/text.py` and the files that
# read it (`app/report.py`) mention no sink, nor does anything they import. The named file
# also holds a malformed suppression comment, which is reported whatever the analysis finds.
NO_LAUNCH = {
    "app/__init__.py": "",
    "app/text.py": "def slug(s):\n    return s.lower()  # frontier-lint: allow[nothing]\n",
    "app/report.py": "from app.text import slug\n\n\ndef title(s):\n    return slug(s)\n",
    **{
        f"app/launch_{i}.py": "import subprocess\n\n\ndef go():\n"
        "    subprocess.run(['codex', 'exec'])  # expect: FL001 codex\n"
        for i in range(6)
    },
}


def test_a_cone_that_cannot_launch_is_answered_without_libcst(tmp_path: Path) -> None:
    # No file of the cone mentions a sink: no launch site to start from, so the analysis
    # would select nothing. The run answers without parsing (in a fresh interpreter: libcst
    # is never imported), and answers what the analysis answers.
    root = tmp_path / "p"
    _tree(root, NO_LAUNCH)
    (root / ".git").mkdir()
    probe = (
        "import sys\n"
        "from frontier_lint.cli import main\n"
        "try:\n"
        "    main(['app/text.py', '--no-cache', '--format', 'json', '--jobs', '1'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str('libcst' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.stderr == "False", done.stderr
    data = json.loads(done.stdout)
    assert data["summary"]["files"] == 1
    assert [(f["rule"], f["path"]) for f in data["findings"]] == [("FL100", "app/text.py")]


def test_a_cone_that_cannot_launch_reports_what_its_analysis_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "p"
    _tree(root, NO_LAUNCH)
    (root / ".git").mkdir()
    config = load_config(None, root)
    catalogue = load_catalogue(config.rules)
    cones: list[object] = []
    real = engine._cone
    monkeypatch.setattr(engine, "_cone", lambda p, n: cones.append(real(p, n)) or cones[-1])
    for named in ("app/text.py", "app/report.py"):
        request = LintRequest(paths=(root / named,))
        quick = lint(config, catalogue, request, use_cache=False)
        with monkeypatch.context() as patch:  # the analysis itself, gate or no gate
            patch.setattr("frontier_lint.run.analyse._may_matter", lambda *a: True)
            analysed = lint(config, catalogue, request, use_cache=False)
        assert replace(quick, elapsed=0) == replace(analysed, elapsed=0)
        # (The malformed suppression is the named file's.)
        assert [f.rule for f in quick.findings] == (["FL100"] if named == "app/text.py" else [])
    assert cones and all(c is not None for c in cones)  # the cone analysis ran


# A module with its launches' values far from them (a constant at the top, a builder in the
# middle, a wrapper's call at the end, thousands of lines of code in between), and a module
# whose launch reads a constant of the named one.
_FILLER = "".join(
    f"\n\ndef helper_{i}(items):\n    total = 0\n    for item in items:\n"
    f"        total += len(str(item)) * {i}\n    return total\n"
    for i in range(400)
)
FAR = {
    "app/__init__.py": "",
    "app/runtime/__init__.py": "",
    "app/runtime/engine.py": (
        'import os\nimport subprocess\n\nAGENT = os.getenv("AGENT_CMD", "codex")\n'
        + _FILLER
        + '\n\ndef build(prompt):\n    return ["gemini", "-p", prompt]\n'
        + _FILLER.replace("helper_", "other_")
        + "\n\ndef run(cmd):\n    return subprocess.Popen(cmd)\n"
        + "\n\ndef ask(prompt):\n    return subprocess.run([AGENT, 'exec', prompt])\n"
        + "\n\ndef built(prompt):\n    return subprocess.run(build(prompt))\n"
        + "\n\ndef wrapped(prompt):\n    return run(['claude', '-p', prompt])\n"
    ),
    "app/services/__init__.py": "",
    "app/services/chat.py": (
        "import subprocess\n\nfrom app.runtime.engine import AGENT\n\n\n"
        "def chat():\n    return subprocess.run([AGENT, 'chat'])\n"
    ),
    # The rest of the project, which the run on the module need not analyse.
    **{f"app/misc/mod_{i}.py": f"def f_{i}(x):\n    return x + {i}\n" for i in range(12)},
}


def _far_runs(
    root: Path, named: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Report, Report, list[str]]:
    """The cone run on `named` in one process, and with the cone computed and its files scanned
    for launches by a child forked before the analysis is imported (`engine._cone_beside`, or
    `analyse._early_scans` whatever their size where no named file launches), and the texts
    the analysis split itself in the second run (this process only: the children are
    forked)."""
    import os

    from frontier_lint.frontend import parsing
    from frontier_lint.run import analyse

    config = load_config(None, root)
    catalogue = load_catalogue(config.rules)
    universes: list[object] = []
    real_analyse = analyse.analyse_project

    def spied(*args: object, **kwargs: object) -> object:
        universes.append(args[8] if len(args) > 8 else kwargs.get("universe"))
        return real_analyse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analyse, "analyse_project", spied)
    alone = lint(config, catalogue, LintRequest(paths=(root / named,)), use_cache=False)
    monkeypatch.setattr(analyse, "EARLY_SCAN_BYTES", 0)
    me = os.getpid()
    split: list[str] = []
    real = parsing.split_chunks

    def counted(text: str, starts: object = None) -> object:
        if os.getpid() == me:
            split.append(text.split("\n", 1)[0])
        return real(text, starts)  # type: ignore[arg-type]

    monkeypatch.setattr(parsing, "split_chunks", counted)
    beside = lint(config, catalogue, LintRequest(paths=(root / named,), jobs=2), use_cache=False)
    # Both answered by the cone analysis, of the same files.
    assert len(universes) == 2 and universes[0] is not None and universes[0] == universes[1]
    return alone, beside, split


@pytest.mark.skipif(sys.platform != "linux", reason="the scan child is forked on Linux only")
def test_a_launch_whose_values_are_far_from_it_is_found_on_the_pre_commit_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Values from statements thousands of lines away in the same module (a constant, a
    # builder, a wrapper): the statements the launches need are selected and parsed, the rest
    # not; the same report whether this process or a child scanned the files for launches.
    root = tmp_path / "p"
    _tree(root, FAR)
    (root / ".git").mkdir()
    alone, beside, split = _far_runs(root, "app/runtime/engine.py", monkeypatch)
    assert replace(beside, elapsed=0) == replace(alone, elapsed=0)
    assert {(f.path, f.program) for f in alone.findings} == {
        ("app/runtime/engine.py", "codex"),
        ("app/runtime/engine.py", "gemini"),
        ("app/runtime/engine.py", "claude"),
        ("app/services/chat.py", "codex"),
    }
    # The child's split of the launching texts was taken: this process split none of them.
    # (Where no child can be forked, another test's thread still running, the analysis scans
    # and splits them here: the same report.)
    from frontier_lint.run.background import can_fork

    assert split == [] if can_fork() else split


@pytest.mark.skipif(sys.platform != "linux", reason="the scan child is forked on Linux only")
def test_a_cone_scanned_beside_starts_its_syntax_checks_before_the_first_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The child's scans say which files may launch: their CPython checks start as the first
    # pass does (started after it, a big module's check was waited for at the end); the same
    # report as a run in one process.
    from frontier_lint.dataflow.propagation import Analysis
    from frontier_lint.run import analyse
    from frontier_lint.run.background import can_fork

    if not can_fork():
        pytest.skip("no child to be forked here (another thread runs)")
    root = tmp_path / "p"
    _tree(root, FAR)
    (root / ".git").mkdir()
    events: list[tuple[str, tuple[str, ...]]] = []
    real_checks, real_file = analyse.SyntaxChecks, Analysis.analyse_file

    def checks(project: Project, paths: list[str], jobs: int) -> object:
        events.append(("checks", tuple(paths)))
        return real_checks(project, paths, jobs)

    def analysed(self: Analysis, path: str, wrappers: list[object]) -> None:
        events.append(("analyse", (path,)))
        real_file(self, path, wrappers)  # type: ignore[arg-type]

    real_project = analyse.analyse_project

    def project_run(*args: object, **kwargs: object) -> object:
        events.append(("run", ()))
        return real_project(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analyse, "SyntaxChecks", checks)
    monkeypatch.setattr(Analysis, "analyse_file", analysed)
    monkeypatch.setattr(analyse, "analyse_project", project_run)
    alone, beside, _ = _far_runs(root, "app/runtime/engine.py", monkeypatch)
    assert replace(beside, elapsed=0) == replace(alone, elapsed=0)
    # The second run (`jobs=2`, scanned beside): its checks of the launching module come first.
    second = events[max(i for i, e in enumerate(events) if e[0] == "run") + 1 :]
    first_check = next(i for i, e in enumerate(second) if e[0] == "checks")
    first_pass = next(i for i, e in enumerate(second) if e[0] == "analyse")
    assert first_check < first_pass
    assert "app/runtime/engine.py" in second[first_check][1]


@pytest.mark.skipif(sys.platform != "linux", reason="the scan child is forked on Linux only")
def test_a_flow_through_the_named_file_is_reported_with_via_when_scanned_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The named file's constant launched in another module: found there, marked `via`.
    root = tmp_path / "p"
    _tree(root, FAR)
    (root / ".git").mkdir()
    alone, beside, _ = _far_runs(root, "app/runtime/engine.py", monkeypatch)
    for report in (alone, beside):
        flows = [f for f in report.findings if f.path == "app/services/chat.py"]
        assert [(f.line, f.program, f.via) for f in flows] == [
            (7, "codex", ("app/runtime/engine.py",))
        ]
        assert all(not f.via for f in report.findings if f.path != "app/services/chat.py")


@pytest.mark.skipif(sys.platform != "linux", reason="the scan child is forked on Linux only")
@pytest.mark.parametrize(("named", "expected", "hop"), FLOW_CASES, ids=[c[0] for c in FLOW_CASES])
def test_flows_are_the_same_when_the_cone_is_scanned_beside(
    named: str, expected: set[Expected], hop: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    shutil.copytree(FLOWS, root)
    (root / ".git").mkdir()
    alone, beside, _ = _far_runs(root, named, monkeypatch)
    assert observed(beside) == expected
    assert replace(beside, elapsed=0) == replace(alone, elapsed=0)


def test_module_lookups_agree_with_joined_paths(tmp_path: Path) -> None:
    """`Project._lookup` joins the base and the dotted name itself (not `posixpath.join`):
    modules, packages and namespace packages are found from every base, and odd names
    (empty, leading or doubled dots) find nothing, as the joined paths would."""
    import posixpath

    files = ["a/b.py", "a/c/__init__.py", "a/ns/d.py", "top.py", "src/pkg/__init__.py"]
    project = Project(tmp_path, files, roots=["src/"])

    def reference(base: str, dotted: str) -> str | None:
        rel = dotted.replace(".", "/")
        full = posixpath.join(base, rel) if base else rel
        if full + ".py" in project.files:
            return full + ".py"
        if full + "/__init__.py" in project.files:
            return full + "/__init__.py"
        return full if full in project.directories() else None

    bases = ["", "a", "a/", "a/c", "src", "src/", "missing"]
    names = ["", "a", "b", "a.b", "a.c", "c", "ns", "ns.d", "d", ".b", "a..b", "top", "pkg"]
    for base in bases:
        for dotted in names:
            assert project._lookup(base, dotted) == reference(base, dotted), (base, dotted)
    assert project.resolve_absolute("pkg", "a/b.py") == "src/pkg/__init__.py"  # an extra root
    assert project.resolve_absolute("c", "a/b.py") == "a/c/__init__.py"  # nearest first
    for module in ["a/c/__init__.py", "a/ns", "a/b.py", "top.py"]:
        found = [project.submodule(module, n) for n in names]
        assert list(project.submodules(module, names)) == [f for f in found if f is not None]


# A launch reading a module's attribute that another module, outside the cone, stores into:
# found by the project's text index (`Hierarchy.attr_stores`).
STORED = {
    "app/__init__.py": "",
    "app/config.py": 'CMD = "git"\n',
    "app/runtime.py": (
        "import subprocess\n\nfrom app import config\n\n\n"
        "def go():\n    return subprocess.run([config.CMD, 'status'])\n"
    ),
    "app/setup.py": 'from app import config\n\nconfig.CMD = "codex"\n',
    **{f"app/misc/mod_{i}.py": f"def f_{i}(x):\n    return x + {i}\n" for i in range(12)},
}


@pytest.mark.skipif(sys.platform != "linux", reason="the scan child is forked on Linux only")
def test_the_cone_child_makes_the_text_index_of_a_small_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The child computing the cone makes the project's text index too (`textindex.cone_index`):
    # the search by name takes it, scanning no file here, and finds the store outside the cone.
    import os

    from frontier_lint.dataflow import hierarchy
    from frontier_lint.run.background import can_fork

    root = tmp_path / "p"
    _tree(root, STORED)
    (root / ".git").mkdir()
    config = load_config(None, root)
    catalogue = load_catalogue(config.rules)
    named = (root / "app/runtime.py",)
    alone = lint(config, catalogue, LintRequest(paths=named, jobs=1), use_cache=False)
    assert [(f.path, f.program) for f in alone.findings] == [("app/runtime.py", "codex")]
    me = os.getpid()
    here: list[str] = []
    real = hierarchy.index_file

    def spied(index: object, path: str, data: bytes) -> None:
        if os.getpid() == me:
            here.append(path)
        real(index, path, data)  # type: ignore[arg-type]

    monkeypatch.setattr(hierarchy, "index_file", spied)
    beside = lint(config, catalogue, LintRequest(paths=named, jobs=2), use_cache=False)
    assert replace(beside, elapsed=0) == replace(alone, elapsed=0)
    assert here == [] if can_fork() else here
