"""What a run lets go of once it is used and makes again when asked: the texts of modules used
longest ago (`Project.KEEP_TEXT`, read again from the file) and the text of each parsed piece
(made again from its module's lines). What is made again is what was let go: every answer
that reads it is the same, and a file changed during the run fails closed."""

from __future__ import annotations

import gc
import weakref
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.findings import Report
from frontier_lint.frontend.project import ParseFailure, Project
from tests.expectations import lint_tree

FIXTURES = Path(__file__).parent / "fixtures"
PROJECTS = sorted(p for p in (FIXTURES / "projects").glob("*") if p.is_dir())

MODULE = '''"""Doc."""
import subprocess

TOOL = "codex"


class Runner:
    """Runs."""

    program = TOOL

    def start(self, extra):
        return subprocess.run([self.program, extra])

    def stop(self):
        return None


def main():
    Runner().start("--help")'''  # (no newline at the end: the last piece's text adds one)


def _project(root: Path, files: dict[str, str]) -> Project:
    for name, text in files.items():
        (root / name).write_text(text)
    return Project(root, sorted(files))


def test_a_let_go_text_is_read_again_as_it_was(tmp_path: Path) -> None:
    project = _project(tmp_path, {"m.py": MODULE})
    src = project.source("m.py")
    assert src is not None
    first = src.statements(0)  # (a chunk parsed while the text was kept)
    src.let_go()
    assert src.held_text is None
    # A chunk parsed after: from the text read again, the same as from the text kept.
    body = next(i for i, c in enumerate(src.chunks) if c.kind == "class")
    _, piece = src.statements(body)
    assert src.rereads == 1
    assert src.text == MODULE
    assert piece.text == "\n".join(MODULE.split("\n")[6:17]) + "\n"
    assert src.statements(0) == first  # (what was parsed stays)


def test_a_file_changed_after_its_text_was_let_go_fails_closed(tmp_path: Path) -> None:
    """Read again, the text must be the one let go (its chunks and line starts were made of
    it): a different one, even of the same length, is a parse failure of the module."""
    project = _project(tmp_path, {"m.py": MODULE, "n.py": MODULE})
    for name, changed in (("m.py", MODULE.replace("codex", "gemin")), ("n.py", "")):
        src = project.source(name)
        assert src is not None
        src.chunks  # noqa: B018  (split while kept)
        src.let_go()
        (tmp_path / name).write_text(changed)
        project._kept = type(project._kept)(project.KEEP_BYTES)  # (its bytes not kept either)
        with pytest.raises(ParseFailure, match="changed while it was analysed"):
            src.text  # noqa: B018
        assert project.source(name) is src


def test_a_project_keeps_the_texts_used_last_up_to_its_budget(tmp_path: Path) -> None:
    files = {f"m{i}.py": f"X = {i}\n" * 10 for i in range(5)}  # 60 characters each
    project = _project(tmp_path, files)
    project.KEEP_TEXT = 130
    srcs = [project.source(f"m{i}.py") for i in range(3)]
    assert [s.held_text is not None for s in srcs if s] == [False, True, True]
    project.source("m1.py")  # (used last: m2 goes first now)
    project.source("m3.py")
    assert [s.held_text is not None for s in srcs if s] == [False, True, False]
    assert project.text("m0.py") == files["m0.py"]  # (read, not kept again)
    assert srcs[0] is not None and srcs[0].held_text is None
    assert srcs[0].text == files["m0.py"] and srcs[0].held_text is not None


def test_a_piece_makes_its_text_again_from_its_module_lines(tmp_path: Path) -> None:
    """A piece keeps no copy of its text: the text it was parsed from is made again from its
    module's lines (read again if let go), by statement and by method (libcst gives back the
    text it parsed), and positions found from it are the parse's."""
    src = _project(tmp_path, {"m.py": MODULE}).source("m.py")
    assert src is not None
    pieces = [src.statements(i)[1] for i in range(len(src.chunks))]
    src.let_go()
    assert [p.text for p in pieces] == [p.module.code for p in pieces]
    assert src.rereads == 1
    stmts, piece = src.statements(len(src.chunks) - 1)
    assert piece.text == 'def main():\n    Runner().start("--help")\n'  # (a newline added)
    call = stmts[0].body.body[0].body[0].value
    assert (piece.span(call).line, piece.span(call).column) == (20, 5)
    body = next(i for i, c in enumerate(src.chunks) if c.kind == "class")
    members = src.members(body)
    assert members is not None
    start = next(m for m in members if m.name == "start")
    node, method = src.member_def(start)
    assert method.text == method.module.code
    assert method.text.startswith("if True:\n    def start(self, extra):\n")
    launch = node.body.body[0].body[0].value
    assert (method.span(launch).line, method.span(launch).column) == (13, 16)


def test_a_module_parsed_whole_keeps_no_copy_of_its_text(tmp_path: Path) -> None:
    """(Parsed whole where a chunk boundary was guessed wrong: `SourceFile._parse_whole`.)"""
    src = _project(tmp_path, {"m.py": MODULE}).source("m.py")
    assert src is not None
    src._parse_whole()
    _, piece = src.statements(0)
    src.let_go()
    assert piece.text == piece.module.code == MODULE
    assert src.rereads == 1


def _shown(report: Report) -> list[object]:
    """Everything a report says about each file, traces and their positions included."""
    return [
        sorted(repr(asdict(f)) for f in report.findings),
        sorted(repr(asdict(u)) for u in report.unresolved),
        sorted(repr(e) for e in report.errors),
        report.summary,
    ]


@pytest.mark.parametrize("fixture", PROJECTS, ids=lambda p: p.name)
def test_texts_let_go_and_read_again_give_the_same_report(
    fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every fixture project, with every text but the one used last let go, reports what it
    reports with every text kept (no cache: each run reads and parses everything)."""
    kept, _ = lint_tree(fixture, tmp_path / "kept")
    monkeypatch.setattr(Project, "KEEP_TEXT", 1)
    let_go, _ = lint_tree(fixture, tmp_path / "let_go")
    assert _shown(let_go) == _shown(kept)
    assert kept.findings or kept.unresolved  # (something to report from the texts)


@pytest.mark.parametrize("name", ["wrapper_imports", "module_reexports", "provider_subclasses"])
def test_searches_asked_again_once_their_memos_are_let_go_find_the_same_callers(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the last search of the project is done (`Analysis.searches_done`), its memos go;
    a search asked again after that finds what it found with them (`_grow`, a later caller)."""
    from frontier_lint.dataflow.propagation import Analysis

    asked: list[tuple[object, object]] = []
    real = Analysis.searches_done

    def checked(self: Analysis) -> None:
        def search() -> dict[str, list[str]]:
            return self.caller_candidates(sorted(self.universe), self.current_wrappers())

        before = search()
        real(self)
        assert not self.file_words._held and not self._imports and not self._statements
        assert not self.project._module_cache
        asked.append((before, search()))

    monkeypatch.setattr(Analysis, "searches_done", checked)
    lint_tree(FIXTURES / "projects" / name, tmp_path)
    assert len(asked) == 1
    before, after = asked[0]
    assert before and after == before


def test_a_piece_kept_after_its_run_does_not_keep_its_module_alive(tmp_path: Path) -> None:
    # Pieces outlive their run in bounded memo tables (values and hops hold them); one that held
    # its module strongly kept every module of every earlier lint alive in one process (a
    # language server, the test suite: 115 -> 320 MB over two test files).
    project = _project(tmp_path, {"m.py": MODULE})
    src = project.source("m.py")
    assert src is not None
    body = next(i for i, c in enumerate(src.chunks) if c.kind == "class")
    _, piece = src.statements(body)
    assert piece.text.startswith("class Runner")  # (made again from the module while it lives)
    gone = weakref.ref(src)
    del src, project
    gc.collect()
    assert gone() is None
    assert piece.text == ""  # (its module let go: positions come from the tree alone)


def test_each_wrapper_round_begins_without_the_value_memos_of_the_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memos of values by identity keep each value they remember alive: a wrapper round
    begins with them empty (`Analysis.propagate_wrappers`), so what the files' own pass and
    earlier rounds remembered does not last to the run's peak (issue 18)."""
    from frontier_lint.dataflow import lazy, values
    from frontier_lint.dataflow.propagation import Analysis

    tables = (
        lazy._BUILT,
        lazy._SUBSTITUTED,
        lazy._REACHED,
        lazy._INERT,
        lazy._HAS_LAZY,
        lazy._HAS_DEFAULT_PICK,
        lazy._HAS_ITEM_REF,
        values._KEYS,
        values._HAS_PARAM,
        values._SHAPES,
    )
    held: list[int] = []
    real = Analysis._scan_callers

    def counted(self: Analysis, *args: Any, **kwargs: Any) -> None:
        held.append(sum(len(t) for t in tables))
        real(self, *args, **kwargs)

    monkeypatch.setattr(Analysis, "_scan_callers", counted)
    lint_tree(FIXTURES / "projects" / "wrapper_imports", tmp_path)
    assert held and not any(held)
