"""Work the analysis does once, not once per asker: forced attribute reads within a frame,
answers read from files' bytes during wrapper propagation, and nothing read for routes on a cold
run. Each keeps the results exactly as doing the work again would give them."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest

from frontier_lint.dataflow import verdict
from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.candidates import candidates
from frontier_lint.dataflow.interpret import attributes, forcing
from frontier_lint.dataflow.memo import ForceMemo
from frontier_lint.dataflow.summaries import SinkEvent, SinkForm
from frontier_lint.dataflow.values import (
    HOLE,
    Str,
    Value,
    alt,
    as_text,
    concat,
    options,
    seq,
    string,
)
from frontier_lint.dataflow.verdict import Classifier
from frontier_lint.findings import Hop
from frontier_lint.frontend.project import Project
from frontier_lint.matching.programs import ProgramMatcher
from frontier_lint.settings.catalogue import load_catalogue

if TYPE_CHECKING:
    from frontier_lint.dataflow.propagation import Analysis

# --- forced attribute reads (`memo`) -----------------------------------------------------------


def _state() -> Any:
    return SimpleNamespace(
        _dep_stack=[],
        for_launch=0,
        at_sink=0,
        forcing=[],
        _stack=[],
        summaries={},
        forgotten=0,
        eager=set(),
        constructor_events={},
        interesting_names=set(),
        effects=0,
    )


class Compute:
    """A force's computation, counting its runs; `effect` runs with it."""

    def __init__(self, effect: Any = None) -> None:
        self.runs = 0
        self.effect = effect

    def __call__(self) -> Value:
        self.runs += 1
        if self.effect is not None:
            self.effect()
        return string("codex")


FRAME = (False, 0, 1)  # not quiet, no nested function running, no loop unrolled


def test_a_read_forced_again_in_the_same_state_is_not_computed_again() -> None:
    a, memo, compute = _state(), ForceMemo(), Compute()
    # Equal by value (traces included), not the same object: rebuilt copies of one read.
    first = memo.get(a, FRAME, (string("x"), "name"), compute)
    again = memo.get(a, FRAME, (string("x"), "name"), compute)
    assert again is first and compute.runs == 1
    memo.get(a, (True, 0, 1), (string("x"), "name"), compute)  # quiet: another state
    assert compute.runs == 2


def test_a_read_is_computed_again_once_a_summary_was_added_or_forgotten() -> None:
    a, memo, compute = _state(), ForceMemo(), Compute()
    memo.get(a, FRAME, "read", compute)
    a.summaries["f"] = object()  # a function summarised since: a deferred call may be followed
    memo.get(a, FRAME, "read", compute)
    a.forgotten += 1
    memo.get(a, FRAME, "read", compute)
    assert compute.runs == 3


def test_a_force_with_effects_is_done_again() -> None:
    a, memo = _state(), ForceMemo()
    # It recorded something (an unresolved call, a launch): doing it again must do that again.
    compute = Compute(effect=lambda: setattr(a, "effects", a.effects + 1))
    memo.get(a, FRAME, "read", compute)
    memo.get(a, FRAME, "read", compute)
    assert compute.runs == 2


def test_a_read_of_an_unhashable_part_is_computed_each_time() -> None:
    a, memo, compute = _state(), ForceMemo(), Compute()
    memo.get(a, FRAME, ([], "name"), compute)
    memo.get(a, FRAME, ([], "name"), compute)
    assert compute.runs == 2


class Hashes(Str):
    """A string counting how many times it is hashed whole."""

    count = 0

    def __hash__(self) -> int:
        Hashes.count += 1
        return super().__hash__()


def test_the_same_value_forced_again_is_not_hashed_whole_again() -> None:
    # A value's hash walks all of it (traces too); the same deferred call or read's base is
    # forced again and again.
    a, memo, compute = _state(), ForceMemo(), Compute()
    base = Hashes(trace=(), text="cfg")
    Hashes.count = 0
    for _ in range(5):
        memo.get(a, FRAME, (base, "name"), compute)
    assert compute.runs == 1 and Hashes.count == 1
    equal = Hashes(trace=(), text="cfg")  # an equal copy: the remembered read stands for it
    assert memo.get(a, FRAME, (equal, "name"), compute) == string("codex")
    assert compute.runs == 1


# Lines built from the same reads of a receiver (aider's `get_announcements`: forcing its
# result read each `self.x` once per line and per copy of the line in each alternative).
ANNOUNCER = """
class Model:
    def __init__(self, name):
        self.name = name

class Coder:
    def __init__(self, model):
        self.model = model

    def lines(self, verbose):
        out = []
        prefix = "Main model" if verbose else "Model"
        out.append(f"{prefix}: {self.model.name} a")
        out.append(f"{prefix}: {self.model.name} b")
        out.append(f"{prefix}: {self.model.name} c")
        out.append(f"{prefix}: {self.model.name} d")
        return out

def make(flag):
    return Coder(Model("codex" if flag else "claude"))

X = make(1).lines(0)
"""


def _forced_x(source: str) -> tuple[Analyzer, Value]:
    """Module `m.py` of `source` alone: its analyzer and the value of its `X`, forced."""
    files = {"m.py": source}
    project = Project(Path("/nonexistent"), files, overrides=files)
    analyzer = Analyzer(project, load_catalogue())
    scope = analyzer.module_scope("m.py")
    assert scope is not None
    return analyzer, analyzer.force(scope.lookup("X"))


def test_reads_of_a_receiver_in_many_lines_are_forced_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real = attributes.attr_of

    def counting(f: Any, base: Value, attr: str, node: Any) -> Value:
        if node is None:  # a read forced later (`LazyAttr`), not one met in the code
            reads.append(attr)
        return real(f, base, attr, node)

    monkeypatch.setattr(attributes, "attr_of", counting)
    _, value = _forced_x(ANNOUNCER)
    argvs = {c.words for c in candidates(value)}
    assert ("Model: codex a", "Model: codex b", "Model: codex c", "Model: codex d") in argvs
    assert tuple(f"Main model: claude {x}" for x in "abcd") in argvs
    # Once per state of the analysis (a summary added since), not once per copy of a line in
    # each alternative (24 times).
    assert reads.count("name") <= 6


# A recursive helper (`strip` calling itself on the rest): computing its deferred call meets
# the call again (`Analyzer.forcing`), an unknown that depends only on the calls being computed.
# That taints no summary, so it is no effect: the force is remembered, not done again for each
# line that holds it (ansible's config values through `AnsibleTagHelper.tag`: 12,000 forces).
RECURSIVE_HELPER = """
def strip(v):
    if v.startswith("-"):
        return strip(v[1:])
    return v

def lines(flag):
    name = strip("codex" if flag else "claude")
    return [f"{name} a", f"{name} b", f"{name} c", f"{name} d", f"{name} e"]

X = lines(1)
"""


def test_a_recursive_helpers_deferred_call_is_computed_once_for_all_its_copies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs: list[str] = []
    real = forcing._compute_deferred

    def counting(f: Any, d: Any) -> Value:
        runs.append(d.func.qualname)
        return real(f, d)

    monkeypatch.setattr(forcing, "_compute_deferred", counting)
    analyzer, value = _forced_x(RECURSIVE_HELPER)
    words = {w for c in candidates(value) for w in c.words}
    assert {"codex a", "claude a", "codex e", "claude e"} <= words
    # Once per state of the analysis and its recursion met once each (10 before: each of the
    # five lines' copy computed again, meeting the recursion again).
    assert runs.count("strip") <= 4
    assert analyzer.effects == 0


# --- concatenation over alternatives ------------------------------------------------------------


def test_a_concatenation_over_alternatives_is_each_combination_concatenated() -> None:
    parts: list[Value] = [
        alt([string("co"), string("clau")]),
        Str(trace=(), text="\x00", reason="why"),
        alt([string("dex"), string("de")]),
    ]
    got = concat(parts)
    texts = [options(as_text(p)) for p in parts]
    expected = alt([concat([a, b, c]) for a in texts[0] for b in texts[1] for c in texts[2]])
    assert got == expected
    assert {o.reason for o in options(got) if isinstance(o, Str)} == {"why"}


# --- answers read from files during wrapper propagation ------------------------------------------


class CountingProject(Project):
    def __init__(self, root: Path, files: list[str]) -> None:
        super().__init__(root, files)
        # (Not `reads`: that is the project's `ReadLog` of what the analysis read, for the cache.)
        self.raw_reads: list[str] = []

    def raw(self, path: str, *, keep: bool = True) -> bytes:
        self.raw_reads.append(path)
        return super().raw(path, keep=keep)


def _counting_analysis(
    root: Path, files: dict[str, str]
) -> tuple[Analysis, CountingProject, list[str]]:
    """An analysis of `files` (written under `root`) whose project counts its reads."""
    from frontier_lint.dataflow.propagation import Analysis
    from frontier_lint.settings.loading import load_config

    paths = _write(root, files)
    config = load_config(None, root)
    project = CountingProject(root, paths)
    return Analysis(config, load_catalogue(config.rules), project), project, paths


def _write(root: Path, files: dict[str, str]) -> list[str]:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return sorted(files)


def test_a_module_passing_a_wrapper_on_is_read_once_for_all_its_importers(tmp_path: Path) -> None:
    from frontier_lint.dataflow.propagation import Wrapper

    files = {
        "app/__init__.py": "",
        "app/runner.py": "import subprocess\ndef run_agent(p):\n    subprocess.run([p])\n",
        "app/compat.py": "from app.runner import run_agent\n",
        **{
            f"app/c{i}.py": "from app.compat import run_agent\nrun_agent('codex')  # the runner\n"
            for i in range(6)
        },
    }
    run, project, paths = _counting_analysis(tmp_path, files)
    wrapper = Wrapper.from_row(("app/runner.py:run_agent", "run_agent", "runner"))
    found = run.caller_candidates(paths, [wrapper])
    assert {f"app/c{i}.py" for i in range(6)} <= set(found)
    # Once as a file of the project, once as the module in between (was: once per importer).
    assert project.raw_reads.count("app/compat.py") == 2


def test_a_module_in_between_scanned_already_is_not_read_again_to_pass_a_wrapper_on(
    tmp_path: Path,
) -> None:
    """Whether a module in between passes a wrapper on comes from what the round's scan found
    in it (its words, its imports) once it was scanned: no read. One that does not name the
    wrapper passes nothing on (its importers are no callers)."""
    from frontier_lint.dataflow.propagation import Wrapper

    caller = "from app.{} import run_agent\nrun_agent('codex')  # the runner\n"
    files = {
        "app/__init__.py": "",
        "app/runner.py": "import subprocess\ndef run_agent(p):\n    subprocess.run([p])\n",
        "app/compat.py": "from app.runner import run_agent\n",
        "app/compat2.py": "from app.runner import other\n",
        **{f"app/z{i}.py": caller.format("compat") for i in range(3)},
        **{f"app/zz{i}.py": caller.format("compat2") for i in range(3)},
    }
    run, project, paths = _counting_analysis(tmp_path, files)
    wrapper = Wrapper.from_row(("app/runner.py:run_agent", "run_agent", "runner"))
    found = run.caller_candidates(paths, [wrapper])
    assert {f"app/z{i}.py" for i in range(3)} <= set(found)
    assert not {f"app/zz{i}.py" for i in range(3)} & set(found)
    # Once each, as files of the project (was: once more as the module in between).
    assert project.raw_reads.count("app/compat.py") == 1
    assert project.raw_reads.count("app/compat2.py") == 1


def test_a_later_wrapper_round_reads_only_files_with_words_not_looked_for(
    tmp_path: Path,
) -> None:
    """The words each file holds are kept from one round of `caller_candidates` to the next:
    a round whose words were all looked for already reads only the files it has more to look
    at (a caller), and one with a new word reads each file once, as the first did."""
    from frontier_lint.dataflow.propagation import Wrapper

    files = {
        "app/__init__.py": "",
        "app/runner.py": "import subprocess\ndef run_agent(p):\n    subprocess.run([p])\n",
        "app/caller.py": "from app.runner import run_agent\nrun_agent('codex')\n",
        **{f"app/other{i}.py": f"x = {i}\n" for i in range(5)},
    }
    run, project, paths = _counting_analysis(tmp_path, files)
    wrapper = Wrapper.from_row(("app/runner.py:run_agent", "run_agent", "runner"))
    first = run.caller_candidates(paths, [wrapper])
    assert "app/caller.py" in first
    assert all(project.raw_reads.count(p) >= 1 for p in paths)
    project.raw_reads.clear()
    assert run.caller_candidates(paths, [wrapper]) == first
    assert "app/other0.py" not in project.raw_reads  # holds neither word: not read again
    assert "app/caller.py" in project.raw_reads  # a caller: its imports are looked at
    project.raw_reads.clear()
    other = Wrapper.from_row(("app/runner.py:other", "other", "runner"))
    run.caller_candidates(paths, [wrapper, other])  # `other`: a new word
    assert sorted(set(project.raw_reads)) == paths


def test_a_wrapper_rounds_scan_of_every_file_keeps_no_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A round reads every file once, in turn: what it reads is not kept (`Project.raw`), so
    the files the analysis asks about again and again stay in the buffer."""
    from frontier_lint.dataflow.propagation import Wrapper

    monkeypatch.setattr(Project, "KEEP_BYTES", 4000)
    files = {
        "app/__init__.py": "",
        "app/runner.py": "import subprocess\ndef run_agent(p):\n    subprocess.run([p])\n",
        "app/caller.py": "from app.runner import run_agent\nrun_agent('codex')\n",
        **{f"app/other{i}.py": f"x = {i}  # {'.' * 900}\n" for i in range(8)},
    }
    run, project, paths = _counting_analysis(tmp_path, files)
    project.raw("app/runner.py")  # read by the analysis: kept
    wrapper = Wrapper.from_row(("app/runner.py:run_agent", "run_agent", "runner"))
    assert "app/caller.py" in run.caller_candidates(paths, [wrapper])
    assert project._kept.get("app/runner.py") is not None
    assert project._kept.get("app/other7.py") is None


def test_a_cold_run_reads_no_file_for_the_routes_of_cached_wrappers(tmp_path: Path) -> None:
    from frontier_lint.run.incremental import _routes

    paths = _write(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    project = CountingProject(tmp_path, paths)
    assert _routes([], project, set(paths)) == {}
    assert project.raw_reads == []


def test_a_changed_files_imports_are_resolved_once_for_every_cached_wrapper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed file is asked how it leads to each cached wrapper (`route_to`): the modules
    its imports lead to are resolved once for all of them (a pre-commit code edit of a 13,000-
    line module resolved them again for each wrapper it imports), with the same routes."""
    from frontier_lint.dataflow.searches import Route
    from frontier_lint.frontend import cone
    from frontier_lint.run.incremental import _routes

    paths = _write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/proc.py": "import subprocess\ndef run_a(c):\n    subprocess.run(c)\n"
            "def run_b(c):\n    subprocess.run(c)\n",
            "app/engine.py": "from app.proc import run_a, run_b\n\ndef go():\n    run_a(['x'])\n"
            "    run_b(['y'])\n",
        },
    )
    project = Project(tmp_path, paths)
    resolved: list[str] = []
    real = cone.imported

    def counting(text: str, path: str, project: Project) -> set[str]:
        resolved.append(path)
        return real(text, path, project)

    monkeypatch.setattr(cone, "imported", counting)
    known = [("app/proc.py:run_a", "run_a", "proc"), ("app/proc.py:run_b", "run_b", "proc")]
    routes = _routes(known, project, {"app/engine.py"})
    assert routes == {"app/proc.py:run_a": {Route.IMPORT}, "app/proc.py:run_b": {Route.IMPORT}}
    assert resolved == ["app/engine.py"]


# --- a class chunk's members ----------------------------------------------------------------------


def test_a_class_chunks_members_are_scanned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The class's summary and the search for shadowed methods both ask for a class chunk's
    members: the indentation scan runs once, and both get the same answer."""
    from frontier_lint.frontend.parsing import SourceFile

    text = (
        "class Runner:\n    def start(self):\n        pass\n\n    def start(self):\n        pass\n"
    )
    src = SourceFile("app.py", text)
    scans: list[int] = []
    scan = SourceFile._scan_members
    monkeypatch.setattr(SourceFile, "_scan_members", lambda s, i: scans.append(i) or scan(s, i))
    first = src.members(0)
    assert first is not None and [m.name for m in first] == ["start", "start"]
    assert src.members(0) is first
    assert scans == [0]


# --- wrappers' launch sites, compared on every propagation loop ---------------------------------


def test_a_wrappers_launch_sites_are_looked_up_again_only_once_its_summary_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether a wrapper grew is asked of every wrapper on every loop; the positions of its
    sites are looked up only when its summary was computed again (or a constructor event added),
    and then it grows only by sites or launch contents not noted before."""
    from frontier_lint.dataflow.ids import FuncId
    from frontier_lint.dataflow.propagation import Analysis
    from frontier_lint.frontend.parsing import Piece
    from frontier_lint.settings.loading import load_config

    files = {"m.py": "import subprocess\ndef run_agent(p):\n    subprocess.run([p])\n"}
    project = Project(Path("/nonexistent"), files, overrides=files)
    config = load_config(None, Path("/nonexistent"))
    run = Analysis(config, load_catalogue(config.rules), project)
    fid = FuncId("m.py", "run_agent")
    func = run.analyzer.funcdef(fid)
    assert func is not None and run.analyzer.summary(func).events
    looked: list[object] = []
    span = Piece.span
    monkeypatch.setattr(Piece, "span", lambda p, node: looked.append(node) or span(p, node))

    assert not run._grew(fid)  # the first look notes the sites
    once = len(looked)  # (the site, and the positions its launch key reads)
    assert once >= 1
    assert not run._grew(fid) and not run._grew(fid)
    assert len(looked) == once  # (was: looked up on every call)
    run.analyzer.forget(fid)
    run.analyzer.summary(func)  # computed again: the same site, the same content
    assert not run._grew(fid)
    assert len(looked) == 2 * once


def test_a_chunks_roots_are_found_once_per_state_over_the_wrapper_rounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each wrapper round analyses the chunks of the files it finds again (with the round's
    wrappers to recompute): the functions holding the same lines are found once, and again
    once a constructor has events (a class chunk's answer depends on that)."""
    from frontier_lint.dataflow.ids import FuncId
    from frontier_lint.dataflow.propagation import Analysis
    from frontier_lint.settings.loading import load_config

    text = "import runner\nclass App:\n    def go(self):\n        runner.run_agent('codex')\n"
    files = {"app.py": text}
    project = Project(Path("/nonexistent"), files, overrides=files)
    config = load_config(None, Path("/nonexistent"))
    run = Analysis(config, load_catalogue(config.rules), project)
    asked: list[int] = []
    real = Analysis.roots_in_chunk
    monkeypatch.setattr(
        Analysis, "roots_in_chunk", lambda s, p, ci, ls: asked.append(ci) or real(s, p, ci, ls)
    )
    wrapper = frozenset({FuncId("runner.py", "run_agent")})
    for _ in range(3):
        assert run.analyse_chunks("app.py", frozenset({3}), recompute=wrapper)
    assert len(asked) == 1 and FuncId("app.py", "App.go") in run.analyzer.summaries
    run.analyzer.constructor_events[FuncId("base.py", "Base.__init__")] = []
    run.analyse_chunks("app.py", frozenset({3}), recompute=wrapper)
    assert len(asked) == 2


# --- where a launch is (`SiteRef.span`) ----------------------------------------------------------


def test_a_clean_project_with_wrappers_writes_out_no_calls_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each wrapper round compares where its wrappers launch: positions, not the calls' text,
    # which only a finding shows (pdm: a fifth of the run generating code for the comparison).
    from click.testing import CliRunner

    from frontier_lint.cli import lint_command
    from frontier_lint.frontend.parsing import Piece

    _write(
        tmp_path,
        {
            "wrap.py": "import subprocess\ndef run(cmd):\n    return subprocess.run(cmd)\n",
            "outer.py": "from wrap import run\ndef git(*args):\n    return run(['git', *args])\n",
            "main.py": "from outer import git\ngit('status')\n",
        },
    )
    written: list[object] = []
    code = Piece.code
    monkeypatch.setattr(Piece, "code", lambda self, node: written.append(node) or code(self, node))
    result = CliRunner().invoke(lint_command, [str(tmp_path), "--no-cache", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["summary"]["launch_sites"] >= 1
    assert report["findings"] == report["unresolved"] == []
    assert written == []


# --- the classifier: a value's words judged once, hops made only where they tell -----------------


def _event(value: Value, reported: frozenset[str] = frozenset()) -> Any:
    site: Any = SimpleNamespace(path="app.py")
    return SinkEvent("subprocess.run", "exec", SinkForm.ARGV, value, site, (), reported)


def _argvs(first: Value, note: str) -> Value:
    """Many argvs (`[first, flag]`), their program's hop noted `note`: a builder's
    alternatives."""
    hop, flag = Hop("app.py", 3, 1, note), Hop("app.py", 4, 1, "flags")
    return alt([seq([first.with_hop(hop), string(f"--flag{i}", flag)]) for i in range(200)])


def _classify(value: Value, monkeypatch: pytest.MonkeyPatch, classifier: Any) -> tuple[Any, int]:
    """What the classifier records for `value`, and how many candidates it made with hops."""
    made = [0]
    full = verdict.candidates_of_options

    def counting(v: Value, *args: Any, traced: bool = True, **kws: Any) -> Any:
        for got in full(v, *args, traced=traced, **kws):
            made[0] += traced  # (a words-only expansion makes no hops)
            yield got

    monkeypatch.setattr(verdict, "candidates_of_options", counting)
    fr = verdict.FunctionResults("app.py")
    out = classifier(_event(value), _event(value).site, fr)
    return (out, fr.findings, fr.unresolved), made[0]


def _classifier() -> Classifier:
    return Classifier(ProgramMatcher(load_catalogue()))


def test_an_unknown_value_from_many_callers_is_not_expanded_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each caller of a builder passes an equal value (other objects, other hops): its
    # candidates are made and judged once, and what they say holds for the equal ones.
    classifier = _classifier()
    first = Str(trace=(), text=HOLE, reason="comes from the build file")
    words = len(list(candidates(_argvs(first, "a"))))
    (out, findings, missing), made = _classify(_argvs(first, "a"), monkeypatch, classifier)
    assert words > 50 and made == 0 and not findings  # (judged by words: no hops made)
    assert [m.reason for m in missing] == ["the program is not known: comes from the build file"]
    (out2, _, missing2), made2 = _classify(_argvs(first, "b"), monkeypatch, classifier)
    assert made2 == 0 and out2 == out and missing2 == missing


def test_an_equal_value_whose_strings_give_other_reasons_keeps_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A string's reason for its unknown stretch is not part of the value's key.
    classifier = _classifier()
    first = Str(trace=(), text=HOLE, reason="comes from the build file")
    _classify(_argvs(first, "a"), monkeypatch, classifier)
    other = Str(trace=(), text=HOLE, reason="read from meson.build")
    (_, _, missing), _ = _classify(_argvs(other, "a"), monkeypatch, classifier)
    assert [m.reason for m in missing] == ["the program is not known: read from meson.build"]


def test_a_finding_in_an_equal_value_keeps_that_values_own_hops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    classifier = _classifier()
    (_, findings, _), _ = _classify(_argvs(string("codex"), "a"), monkeypatch, classifier)
    (_, findings2, _), _ = _classify(_argvs(string("codex"), "b"), monkeypatch, classifier)
    assert [f.program for f in findings] == [f.program for f in findings2] == ["codex"]
    assert {h.note for h in findings[0].trace} == {"a"}
    assert {h.note for h in findings2[0].trace} == {"b"}
