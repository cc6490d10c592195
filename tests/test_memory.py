"""What the analysis keeps all run long is kept once: tables of a long run share equal parts;
and what a run leaves when it ends is small and bounded (a process runs many lints: the
language server's analysis child, the test suite)."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.frontend.parsing import SourceFile
from frontier_lint.frontend.project import Project
from frontier_lint.run import engine
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

PROJECTS = Path(__file__).parent / "fixtures" / "projects"


def test_a_name_read_from_another_module_records_that_name_by_key() -> None:
    # (Until session 19 the names read from the same files shared one set of files; a module's
    # global name read is now recorded by key, `dataflow.tracking.NAME`, resolved to its files
    # once the analysis is done, so that what an entry records does not depend on the order.)
    files = {
        "a.py": 'A = "x"\nB = "y"\n',
        "b.py": 'from a import A, B\nX = A\nY = B\nZ = "z"\n',
    }
    project = Project(Path("/nonexistent"), files, overrides=files)
    analyzer = Analyzer(project, load_catalogue())
    scope = analyzer.module_scope("b.py")
    assert scope is not None
    for name in ("X", "Y", "Z"):
        analyzer.force(scope.lookup(name))
    deps = scope._deps

    def files(name: str) -> frozenset[str]:
        return frozenset(d for d in deps[name] if not d.startswith("\0"))

    assert files("X") == frozenset({"b.py", "\3b.py:A"})
    assert files("Y") == frozenset({"b.py", "\3b.py:B"})
    assert files("Z") == frozenset({"b.py"})
    # Each name read also records the search for stores into it from outside (its own key, so
    # a warm run sees a store added in another file).
    assert deps["X"] - files("X") == {"\0attr_stores\0X"}


def test_line_offsets_are_kept_in_four_bytes_each() -> None:
    src = SourceFile("m.py", "a = 1\n\nb = 'é'\nc = 3\n")
    assert src.starts.itemsize == 4
    assert list(src.starts) == [0, 6, 7, 15, 21]
    assert src.line(2) == "b = 'é'"
    assert src.line_of(16) == 3


def test_lints_in_one_process_leave_nothing_growing_from_run_to_run(tmp_path: Path) -> None:
    # The tables remembering values by identity (`values._KEYS`, `lazy._HAS_LAZY`, ...) kept
    # each run's last values, with the trees their hops and deferred calls hold, to the next:
    # 1,100 objects more after each run of this project, 17,600 after each of pip's.
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "lazy_values", root)
    (root / ".git").mkdir()
    config = load_config(None, root)
    catalogue = load_catalogue(config.rules)
    alive = []
    for _ in range(6):
        report = lint(config, catalogue, LintRequest(paths=(root,)), use_cache=False)
        assert report.findings
        del report
        gc.collect()
        alive.append(len(gc.get_objects()))
    # (After the first runs: caches by text, such as the shared syntax nodes, fill once.)
    assert alive[-1] - alive[2] < 100, alive


def test_a_run_after_another_first_collects_the_garbage_runs_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A run's heap is garbage in reference cycles once it ends, freed by a full collection
    # only; the runs put CPython's off (and the command line's `gc.freeze` resets its counts),
    # so in one process running lint after lint the garbage of every run piled up.
    gc.collect()
    # (As if a run had ended with the heap as it is now.)
    monkeypatch.setattr(engine, "_heap_after_collection", sys.getallocatedblocks(), raising=False)
    held = []
    for _ in range(sys.getallocatedblocks() // 2):
        cycle: list[object] = []
        cycle.append(cycle)
        held.append(cycle)
    gc.collect()  # (all of it old: only a full collection reaches it)
    del held, cycle  # a run's heap, left in cycles
    gc.freeze()  # (as the command line does after its run, and undoes when it returns)
    gc.unfreeze()
    with engine._young_collections_only():
        assert gc.collect() == 0  # (nothing left to free: the run collected first)


def test_a_dict_stored_into_keeps_its_other_entries_as_they_are() -> None:
    # A dict stored into key by key (sympy's `get_dict_fun`: hundreds of entries) is a new dict
    # at each store: its other entries are the same pairs, not copies of each.
    from frontier_lint.dataflow.lazy import store_item
    from frontier_lint.dataflow.values import DictV, string

    entries = tuple((string(k), string(k.upper())) for k in "abc")
    stored = store_item(DictV(trace=(), entries=entries), string("b"), string("B2"))
    assert isinstance(stored, DictV)
    assert [k.text for k, _ in stored.entries] == ["a", "c", "b"]  # type: ignore[attr-defined]
    assert stored.entries[0] is entries[0] and stored.entries[1] is entries[2]
    assert stored.entries[2][1] == string("B2")


def test_the_native_parsers_memory_is_given_back_after_a_large_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from frontier_lint.frontend import parsing

    trims: list[int] = []
    monkeypatch.setattr(parsing, "_trimmer", lambda: trims.append)
    parsing.parse_module("x = 1\n")
    assert trims == []
    parsing.parse_module("x = 1\n" * (parsing.GIVE_BACK_AFTER // 6 + 1))
    assert trims == [0]
