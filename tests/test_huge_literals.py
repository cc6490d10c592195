"""Data tables beside launches: expressions too large for libcst are refused like deep ones.

Generated modules (lexer tables, lookup data) hold literals of 100,000s of nodes. libcst's tree
of one takes about 3 KB per CPython node: a 50,000-entry dict read by a launch (1.3 MB of source)
took 1 GB and 15 s of CPU before `grammar.MAX_NODES`. Such a statement is now unresolved where
the analysis needs it, like one too deep (`grammar.MAX_DEPTH`), and the rest of the file is
analysed as before. The sizes here are just over the bound, so the tests stay quick.
"""

from __future__ import annotations

from pathlib import Path

from frontier_lint.frontend import grammar
from tests.expectations import Expected, observed
from tests.test_bad_input import project_with, run_lint

ENTRIES = grammar.MAX_NODES // 4 + 100  # a dict entry `'k1': ['p1', 'x']` is 5 CPython nodes


def _table() -> str:
    items = ", ".join(f"'k{i}': ['p{i}', 'x']" for i in range(ENTRIES))
    return "TABLE = {" + items + ", 'agent': ['codex', 'exec']}\n"


def test_a_literal_over_the_node_bound_is_refused_by_the_check() -> None:
    text = _table()
    assert grammar.check(text) == grammar.Checked(deep=(1, 9), why=grammar.Refusal.LARGE)
    # (Long but small in nodes: a 5 MB string is one node, and libcst reads it as fast.)
    assert grammar.check("S = '" + "a" * 5_000_000 + "'\n") == grammar.Checked()
    # (The depth bound keeps its own reason.)
    deep = "x = " + " + ".join(["'a'"] * (grammar.MAX_DEPTH + 50)) + "\n"
    assert grammar.check(deep).why is grammar.Refusal.DEEP


def test_a_launch_reading_a_huge_table_is_unresolved_naming_the_bound(tmp_path: Path) -> None:
    words = ", ".join(f"'w{i}'" for i in range(grammar.MAX_NODES))
    source = (
        "import subprocess\n"  # 1
        + _table()  # 2
        + "subprocess.run(TABLE['agent'])\n"  # 3
        + "subprocess.run(['claude', '-p'])\n"  # 4: the rest of the file is analysed
        + f"ARGV = ['codex', {words}]\n"  # 5
        + "subprocess.run(ARGV)\n"  # 6
    )
    report = run_lint(project_with(tmp_path, {"app/tables.py": source}), use_cache=False)
    assert observed(report) == {
        Expected("app/tables.py", 3, "unresolved"),
        Expected("app/tables.py", 4, "FL001 claude"),
        Expected("app/tables.py", 6, "unresolved"),
    }
    direct = next(u for u in report.unresolved if u.line == 6)
    assert "tables.py:5 is not analysed: expression too large" in direct.reason
    # An item of the refused table names the bound too, not only "item of TABLE".
    item = next(u for u in report.unresolved if u.line == 3)
    assert "item of TABLE (" in item.reason
    assert "tables.py:2 is not analysed: expression too large" in item.reason


def test_a_launch_inside_a_huge_expression_is_unresolved(tmp_path: Path) -> None:
    words = ", ".join(f"'w{i}'" for i in range(grammar.MAX_NODES))
    source = (
        "import subprocess\n"
        "\n"
        "\n"
        "def go():\n"
        f"    subprocess.run(['codex', {words}])\n"  # 5: the statement (`def go`) is refused
        "\n"
        "\n"
        "def other():\n"
        "    subprocess.run(['gemini'])\n"  # 9
    )
    report = run_lint(project_with(tmp_path, {"app/go.py": source}), use_cache=False)
    assert observed(report) == {
        Expected("app/go.py", 5, "unresolved"),
        Expected("app/go.py", 9, "FL001 gemini"),
    }
    (site,) = report.unresolved
    assert "expression too large" in site.reason
    assert not report.errors
