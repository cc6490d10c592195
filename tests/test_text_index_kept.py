"""The text index kept in the cache (`run.textindex`): a warm run whose analysis searches the
project by name scans only the files whose content is not what the kept index scanned, and
finds what a run scanning every file finds (a file changed, added or removed; a kept index that
cannot be read is no index)."""

from __future__ import annotations

import textwrap
from functools import partial
from pathlib import Path

import pytest

from frontier_lint.dataflow import hierarchy
from frontier_lint.frontend.project import Project
from frontier_lint.run import keptindex, textindex
from tests.test_cache_searches import make, outcome, run

CONFIG = textwrap.dedent(
    """
    import subprocess

    CMD = "git"


    def run_cmd():
        subprocess.run([CMD])
    """
).lstrip()
CALLER = "from app.config import CMD\n\n\ndef go():\n    return CMD\n"
STORE = "from app import config\n\nconfig.CMD = 'codex'\n"


def project_files(n: int) -> dict[str, str]:
    files = {"app/__init__.py": "", "app/config.py": CONFIG}
    files.update({f"app/m{i}.py": f"X{i} = {i}\n" for i in range(n)})
    return files


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the text index scans, as they are scanned."""
    seen: list[str] = []
    original = hierarchy.Hierarchy._index_file

    def spy(self: hierarchy.Hierarchy, index: object, path: str, data: bytes) -> None:
        seen.append(path)
        original(self, index, path, data)  # type: ignore[arg-type]

    monkeypatch.setattr(hierarchy.Hierarchy, "_index_file", spy)
    return seen


def test_an_edit_needing_a_search_scans_only_the_changed_file(
    tmp_path: Path, scans: list[str]
) -> None:
    root = make(tmp_path, project_files(30))
    before = run(root)
    assert outcome(before) == ([], [])
    assert len(scans) == 32  # (the cold run: every file)
    scans.clear()
    # The constant is read by the edited file's results: its analysis searches the project
    # for attribute stores of it, which the kept index answers but for this file.
    (root / "app/m3.py").write_text(STORE)
    warm = run(root)
    assert scans == ["app/m3.py"]  # (main's warm run scanned all 32 files again)
    assert outcome(warm) == outcome(run(root, use_cache=False))
    assert outcome(warm)[0] == [("app/config.py", 7, "codex")]
    scans.clear()
    (root / "app/m3.py").write_text("X3 = 3\n")
    assert outcome(run(root)) == outcome(before)


@pytest.mark.parametrize("how", ["changed", "added", "removed"])
def test_the_kept_index_stands_only_for_the_files_it_scanned(
    tmp_path: Path, scans: list[str], how: str
) -> None:
    files = project_files(5)
    files["app/caller.py"] = CALLER
    if how == "removed":
        files["app/store.py"] = STORE
    root = make(tmp_path, files)
    run(root)
    if how == "changed":
        (root / "app/m1.py").write_text(STORE)
    elif how == "added":
        (root / "app/new.py").write_text(STORE)
    else:
        (root / "app/store.py").unlink()
    # The caller's results read the constant: analysed again (its module changed), it asks
    # the project for stores of it.
    (root / "app/config.py").write_text(CONFIG + "\n\nOTHER = 1\n")
    scans.clear()
    warm = run(root)
    cold = run(root, use_cache=False)
    assert outcome(warm) == outcome(cold)
    want = [] if how == "removed" else [("app/config.py", 7, "codex")]
    assert outcome(cold)[0] == want


def test_what_a_kept_index_and_a_scan_of_the_rest_make_is_a_scan_of_every_file(
    tmp_path: Path,
) -> None:
    # Entries of several files under the same words, in path order in each list.
    files = {
        f"app/{name}.py": f"class {name.upper()}(Base):\n    pass\n\n\nclass Q{name}(Base, Mixin):"
        f"\n    pass\n\n\n@register.tool\ndef f():\n    cfg.CMD = 1\n    TABLE[{name!r}] = 1\n"
        for name in ("a", "b", "c", "d", "e")
    }
    files["app/p.py"] = (
        "from typing import Protocol\n\n\nclass P(Protocol):\n    def go(self): ...\n"
    )
    root = make(tmp_path, files)
    paths = sorted(files)
    project = Project(root, paths)

    def whole() -> hierarchy.TextIndex:
        h = hierarchy.Hierarchy(project, None, None)  # type: ignore[arg-type]
        return h._text_index()

    full = whole()
    for again in (["app/a.py"], ["app/c.py", "app/e.py"], ["app/b.py", "app/p.py"]):
        kept = hierarchy.TextIndex.of_plain(full.plain(), set(again))
        h = hierarchy.Hierarchy(project, None, None)  # type: ignore[arg-type]
        h.prior = lambda kept=kept, again=again: (kept, again)
        assert h._text_index().plain() == full.plain()
    # (What the comparison stands on: lists of several files' entries, two of one file.)
    assert [p for p, _ in full.subclasses["Base"]] == [p for p in paths[:5] for _ in (1, 2)]
    assert len(full.attr_stored[b"CMD"]) == 5 and "app/p.py" in full.protocol_defs


def test_a_kept_index_decodes_and_saves_again_only_the_tables_a_run_reads(
    tmp_path: Path,
) -> None:
    """Each table of a kept index is decoded when first read (`run.keptindex`); one left
    unread is saved as its bytes, with the files whose entries it no longer stands for: the
    index a later run takes of it is still the scan of every file."""
    files = {
        f"app/{name}.py": f"class {name.upper()}(Base):\n    pass\n\n\ndef f():\n"
        f"    cfg.CMD = 1\n    TABLE[{name!r}] = 1\n"
        for name in ("a", "b", "c")
    }
    root = make(tmp_path, files)
    paths = sorted(files)
    project = Project(root, paths)
    full = hierarchy.scan_index(project, paths)
    store = textindex.IndexStore(b"")
    store.built = full
    digests = {p: "d0" for p in paths}
    store.kept = store.to_save(digests, set())
    # b.py changed: its entries in every table no longer stand; scanned again it holds a
    # class only (of another base).
    (root / "app/b.py").write_text("class B(Other):\n    pass\n")
    now = {**digests, "app/b.py": "d1"}
    later = textindex.IndexStore(store.kept)
    got = later.prior(set(paths), lambda: now, set(), partial(hierarchy.scan_index, project))
    assert got is not None and got[1] == ["app/b.py"]
    kept, todo = got
    assert isinstance(kept, keptindex.KeptIndex)
    kept.add(hierarchy.scan_index(project, todo))
    assert kept.kept("subclasses") is None  # (read to add b.py's class)
    assert kept.kept("attr_stored") is not None and kept.kept("stored") is not None
    later.built = kept
    again = textindex.IndexStore(later.to_save(now, set()))
    taken = again.prior(set(paths), lambda: now, set(), partial(hierarchy.scan_index, project))
    assert taken is not None and taken[1] == []
    assert taken[0].plain() == hierarchy.scan_index(project, paths).plain()
    assert taken[0].attr_stored[b"CMD"] == ["app/a.py", "app/c.py"]


def test_a_kept_table_of_another_shape_is_made_again_by_a_scan(tmp_path: Path) -> None:
    files = {"app/a.py": "cfg.CMD = 1\n", "app/b.py": "class B(Base):\n    pass\n"}
    root = make(tmp_path, files)
    paths = sorted(files)
    project = Project(root, paths)
    tables: dict[str, tuple[bytes, list[str]]] = {
        s: (textindex.marshal.dumps({}), []) for s in hierarchy.TextIndex.__slots__
    }
    tables["attr_stored"] = (textindex.marshal.dumps({b"CMD": [1]}), [])
    tables["subclasses"] = (b"not marshal data", [])
    kept = textindex.marshal.dumps(({p: "d" for p in paths}, tables))
    got = textindex.IndexStore(kept).prior(
        set(paths), lambda: {p: "d" for p in paths}, set(), partial(hierarchy.scan_index, project)
    )
    assert got is not None and got[1] == []
    assert got[0].attr_stored == {b"CMD": ["app/a.py"]}
    assert got[0].subclasses == {"Base": [("app/b.py", "B")]}


def _no_scan(paths: list[str]) -> hierarchy.TextIndex:
    raise AssertionError("no table is read")


@pytest.mark.parametrize(
    "kept",
    [
        b"not marshal data",
        textindex.marshal.dumps(({"app/config.py": 3}, {})),
        textindex.marshal.dumps(({}, {"subclasses": (b"", [])})),
        textindex.marshal.dumps(
            ({}, {s: {} for s in hierarchy.TextIndex.__slots__}),  # (the format of 16)
        ),
        textindex.marshal.dumps(
            ({}, {s: (b"", [1]) for s in hierarchy.TextIndex.__slots__}),
        ),
        textindex.marshal.dumps([1, 2, 3]),
    ],
)
def test_a_kept_index_of_another_shape_is_no_index(kept: bytes) -> None:
    store = textindex.IndexStore(kept)
    assert store.prior({"app/config.py"}, lambda: {"app/config.py": "d"}, set(), _no_scan) is None
    assert not store.used
