"""What a cold run parses once, not once per file: import statements met again by text. Each
shared parse gives every file the results parsing its text again would."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from frontier_lint.frontend import parsing
from frontier_lint.frontend.parsing import SourceFile
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts libcst parses from here on (the shared imports forgotten first)."""
    monkeypatch.setattr(parsing, "_IMPORTS", {}, raising=False)
    seen: list[str] = []
    real = parsing.parse_module

    def counted(text: str) -> cst.Module:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(parsing, "parse_module", counted)
    return seen


def _import_chunk(src: SourceFile) -> int:
    return next(i for i, c in enumerate(src.chunks) if c.kind == "import")


def test_an_import_text_of_two_files_is_parsed_once_each_keeping_its_positions(
    parses: list[str],
) -> None:
    a = SourceFile("a.py", "import os\n")
    b = SourceFile("b.py", "x = 1\n\n\nimport os\n")
    a_stmts, a_piece = a.statements(_import_chunk(a))
    b_stmts, b_piece = b.statements(_import_chunk(b))
    assert parses.count("import os\n") == 1
    assert a_stmts[0] is b_stmts[0]  # the same nodes...
    # ... in each file's own piece, at each file's own line.
    assert a_piece is not b_piece
    assert a_piece.span(a_stmts[0]).line == 1
    assert b_piece.span(b_stmts[0]).line == 4


def test_only_a_text_of_imports_alone_is_shared(parses: list[str]) -> None:
    """A chunk that starts with an import may hold more (`import os; run()`): its nodes are
    its file's own. Another text is parsed as itself."""
    mixed = "import os; os.system(cmd)\n"
    one, two = SourceFile("a.py", mixed), SourceFile("b.py", mixed)
    assert one.chunks[0].kind == "import"
    assert one.statements(0)[0][0] is not two.statements(0)[0][0]
    sys_stmts, _ = SourceFile("c.py", "import sys\n").statements(0)
    os_stmts, _ = SourceFile("d.py", "import os\n").statements(0)
    assert cst.Module(body=sys_stmts).code == "import sys\n"
    assert cst.Module(body=os_stmts).code == "import os\n"
    assert parses.count(mixed) == 2


def test_files_sharing_an_import_text_each_resolve_it_from_where_they_are(
    tmp_path: Path, parses: list[str]
) -> None:
    """The same relative import in two packages binds each package's own constant, and each
    file's launch is reported at its own line."""
    head = "import subprocess\nfrom .conf import TOOL\n"
    (tmp_path / ".git").mkdir()
    for package, tool, lead in (("one", "codex", ""), ("two", "gemini", '"""Doc."""\n\n')):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
        (tmp_path / package / "conf.py").write_text(f"TOOL = {tool!r}\n")
        (tmp_path / package / "run.py").write_text(lead + head + "\nsubprocess.run([TOOL])\n")
    config = load_config(None, tmp_path)
    request = LintRequest(paths=(tmp_path / "one", tmp_path / "two"))
    report = lint(config, load_catalogue(config.rules), request, use_cache=False)
    assert sum(t.startswith("import subprocess") for t in parses) == 1
    got = sorted((f.path, f.line, f.program) for f in report.findings)
    assert got == [("one/run.py", 4, "codex"), ("two/run.py", 6, "gemini")]
