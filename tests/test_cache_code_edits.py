"""An edit of code confined to top-level statements that no cached result read, and in which
the gates find nothing, is answered from the cache (`run.blocks`) and prints exactly what a run
without the cache prints; an edit of a statement a result read, or one that gives the gates
something, is analysed as before."""

from __future__ import annotations

import json
import marshal
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.run.cache import CACHE_DIR
from tests.test_cache import cli_json
from tests.test_cache_comments import analyses

RUNNER = "app/runtime/runner.py"
NAMES = "app/runtime/names.py"

RUNNER_TEXT = '''"""Starts the tools."""
import subprocess

from app.runtime.names import tool


def launch(prompt):
    return subprocess.run([tool(), prompt])


def helper(n):
    text = "plain"
    return text * n


def later():
    subprocess.run(["codex", "-p", "x"])


def run_tool(name):
    subprocess.run([name, "--help"])


run_tool("git")
'''

# The program is built from pieces no gate word names: only the read of `tool` ties it to the
# launch in the runner.
NAMES_TEXT = '''"""Program names."""


def tool():
    return "clau" + "de"


def other():
    return 42
'''


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "app/runtime").mkdir(parents=True)
    (root / "app/__init__.py").write_text("")
    (root / "app/runtime/__init__.py").write_text("")
    (root / RUNNER).write_text(RUNNER_TEXT)
    (root / NAMES).write_text(NAMES_TEXT)
    (root / "frontier-lint.yaml").write_text('include: ["app/**"]\n')
    return root


def edit(
    root: Path, monkeypatch: pytest.MonkeyPatch, path: str, old: str, new: str
) -> tuple[str, int]:
    """Replace `old` by `new` in `path`, run from the cache and without it: the cached run's
    JSON (checked equal to the other's) and how many analyses it started."""
    file = root / path
    text = file.read_text()
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new))
    with monkeypatch.context() as m:
        calls = analyses(m)
        cached = cli_json(root, monkeypatch)
    assert cached == cli_json(root, monkeypatch, "--no-cache")
    return cached, len(calls)


def programs(output: str) -> list[tuple[str, int, str]]:
    return sorted((f["path"], f["line"], f["program"]) for f in json.loads(output)["findings"])


def test_an_edit_in_a_function_no_result_read_is_answered(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cli_json(root, monkeypatch)  # fills the cache
    assert programs(before) == [(RUNNER, 8, "claude"), (RUNNER, 17, "codex")]
    cached, analysed = edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')
    assert analysed == 0
    assert cached == before
    # And again, from the cache that answer saved.
    _, analysed = edit(root, monkeypatch, RUNNER, '"edited"', "'edited again'")
    assert analysed == 0


def test_an_answered_edit_that_adds_lines_moves_the_places_after_it(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_json(root, monkeypatch)
    cached, analysed = edit(
        root, monkeypatch, RUNNER, '    text = "plain"\n', '    text = "plain"\n    text += "!"\n\n'
    )
    assert analysed == 0
    assert programs(cached) == [(RUNNER, 8, "claude"), (RUNNER, 19, "codex")]
    cached, analysed = edit(root, monkeypatch, RUNNER, '    text += "!"\n\n', "")
    assert analysed == 0
    assert programs(cached) == [(RUNNER, 8, "claude"), (RUNNER, 17, "codex")]


def test_a_launch_added_to_a_function_no_result_read_is_found(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_json(root, monkeypatch)
    cached, analysed = edit(
        root,
        monkeypatch,
        RUNNER,
        '    text = "plain"\n',
        '    text = subprocess.getoutput("gemini")\n',
    )
    assert analysed
    assert (RUNNER, 12, "gemini") in programs(cached)


def test_an_edit_in_a_statement_a_result_read_is_analysed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner's launch reads `tool` in another file: an edit of it that names no gate word
    changes the finding."""
    cli_json(root, monkeypatch)
    # (The first edit of the names module reads it: the cache holds nothing of its code yet.)
    edit(root, monkeypatch, NAMES, "return 42", "return 43")
    cached, analysed = edit(root, monkeypatch, NAMES, '"clau" + "de"', '"clau" + "dx"')
    assert analysed
    assert programs(cached) == [(RUNNER, 17, "codex")]
    # The other function of that module was never read: answered.
    cached, analysed = edit(root, monkeypatch, NAMES, "return 43", "return 44")
    assert analysed == 0
    cached, analysed = edit(root, monkeypatch, NAMES, '"clau" + "dx"', '"clau" + "de"')
    assert analysed
    assert programs(cached) == [(RUNNER, 8, "claude"), (RUNNER, 17, "codex")]


def test_the_cache_notes_which_statements_results_read(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What makes the edit of `tool` above analysed (besides the trace hop into it): the cache
    notes it read, and `other` not."""
    cli_json(root, monkeypatch)
    edit(root, monkeypatch, NAMES, "return 42", "return 43")
    files = list((root / CACHE_DIR).glob("v*.bin"))
    assert len(files) == 1
    data = marshal.loads(files[0].read_bytes().split(b"\n", 1)[1])
    _, reads, _, rows, _ = data["blocks"][NAMES]
    names = [row[3] for row in rows]
    assert names.index("tool") in reads
    assert names.index("other") not in reads


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ('"plain"', '"codex"', "a program word"),
        ('"plain"', 'run_tool("hg")', "a wrapper's name"),
        ('    text = "plain"\n', '    import os\n    text = "plain"\n', "an import"),
        ('    text = "plain"\n', '    global tool\n    text = "plain"\n', "a module binding"),
        ("\ndef helper(n):", "\ndef helper2(n):", "a statement's name"),
        ("\ndef later", "\nx = 1\n\n\ndef later", "a statement added"),
    ],
)
def test_edits_the_gates_may_see_are_analysed(
    root: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, why: str
) -> None:
    cli_json(root, monkeypatch)
    _, analysed = edit(root, monkeypatch, RUNNER, old, new)
    assert analysed, why


def test_a_syntax_error_in_a_function_no_result_read_is_reported(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_json(root, monkeypatch)
    cached, analysed = edit(root, monkeypatch, RUNNER, '"plain"', '"plain" +')
    assert analysed
    assert "cannot parse" in cached


def test_the_gates_find_words_structure_and_patterns_by_chunk() -> None:
    import re

    from frontier_lint.run.blocks import Gate, _chunks
    from frontier_lint.settings.catalogue import load_catalogue

    gate = Gate.of(load_catalogue(), ["wrapped"])
    text = (
        "import os\n\n@deco\ndef a():\n    x = 1\n\n\n"
        'def b():\n    s = """\ndef inner\n"""\n\n\n'
        "def c():\n    wrapped(1)\n\n\n"
        'def d():\n    return "codex"\n\n\n'
        "def e():\n    return sub\n\n\n"
        "def h():\n    pass\n"
    )
    chunks = _chunks(text)
    assert [row[4] for row in chunks.rows] == ["", "a", "b", "c", "d", "e", "h"]
    noisy = gate.noisy(text, chunks, [re.compile(r"sub(?!\w)")])
    # An import; a line-start `def` in a string; a name searched for; a program word; a
    # pattern's match. Not: a decorated function's own header, a plain function.
    assert sorted(noisy) == [0, 2, 3, 4, 5]


# --------------------------------------------------------------------------- after a comment edit


def test_a_code_edit_after_a_comment_edit_is_answered(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment edit is answered without the analysis and keeps the file's block (carried to
    the new lines): the next edit of code no result read is answered too, its places moved by
    both edits."""
    cli_json(root, monkeypatch)
    # Lines added above every chunk but the first, a comment inside the function edited next
    # and one after a statement the results read.
    _, analysed = edit(
        root,
        monkeypatch,
        RUNNER,
        '"""Starts the tools."""\n',
        '"""Starts the tools."""\n# a\n\n# b\n',
    )
    assert analysed == 0
    _, analysed = edit(
        root,
        monkeypatch,
        RUNNER,
        '    text = "plain"\n',
        "    # c\n" * 3 + '    text = "plain"  # d\n',
    )
    assert analysed == 0
    _, analysed = edit(root, monkeypatch, RUNNER, "[tool(), prompt])", "[tool(), prompt])  # e")
    assert analysed == 0
    cached, analysed = edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')
    assert analysed == 0
    assert programs(cached) == [(RUNNER, 11, "claude"), (RUNNER, 23, "codex")]
    # And the block saved by that answer answers the next one.
    _, analysed = edit(root, monkeypatch, RUNNER, '"edited"', '"again"')
    assert analysed == 0


def test_a_comment_edit_then_an_edit_of_a_statement_a_result_read_is_analysed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The carried block keeps which statements results read: `tool`, read by the runner's
    launch. (A launch of its own makes the names module one whose comment edits are
    answered: CPython checked it.)"""
    (root / NAMES).write_text(NAMES_TEXT + '\n\ndef probe():\n    subprocess.run(["ls"])\n')
    (root / NAMES).write_text("import subprocess\n" + (root / NAMES).read_text())
    cli_json(root, monkeypatch)
    _, analysed = edit(root, monkeypatch, NAMES, "\n\ndef tool", "\n# names\n#\n\ndef tool")
    assert analysed == 0
    _, analysed = edit(root, monkeypatch, NAMES, "return 42", "return 43")
    assert analysed == 0
    _, analysed = edit(root, monkeypatch, NAMES, "    return 43\n", "    # why\n    return 43\n")
    assert analysed == 0
    cached, analysed = edit(root, monkeypatch, NAMES, '"clau" + "de"', '"clau" + "dx"')
    assert analysed
    assert programs(cached) == [(RUNNER, 17, "codex")]


def test_a_gate_word_commented_into_a_statement_then_its_code_edited_is_analysed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The carried block keeps what the gates found in the code before; the code edit is
    checked against the text it makes, comment included."""
    cli_json(root, monkeypatch)
    _, analysed = edit(
        root, monkeypatch, RUNNER, '    text = "plain"\n', '    text = "plain"  # codex\n'
    )
    assert analysed == 0
    _, analysed = edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')
    assert analysed


def test_a_carried_block_needs_each_chunk_at_the_same_code_line() -> None:
    """`carried` takes a block over only where each chunk keeps its code: a line map under
    which a chunk's first line is not where the new chunk starts gives none."""
    from frontier_lint.run.blocks import _chunks, carried
    from frontier_lint.scan.chunks import Split

    text = "import os\n\n\ndef a():\n    return 1\n\n\ndef b():\n    return 2\n"
    chunks = _chunks(text)
    rows = tuple((n, d, kind, name, True) for _, n, d, kind, name in chunks.rows)
    block = ("x", (1,), (), rows, True)
    edited = text.replace("import os\n", "import os\n# c\n")
    split = Split(edited)
    got = carried(block, lambda line: line + (line > 1), split, "y")
    assert got is not None
    assert got[0] == "y" and got[1] == (1,)
    assert [r[0] for r in got[3]] == [4, 4, 2]  # (line counts)
    assert got[3] == tuple((n, d, k, name, True) for _, n, d, k, name in _chunks(edited).rows)
    assert carried(block, lambda line: line, split, "y") is None
    assert carried(block, lambda line: None, split, "y") is None


def test_a_cold_run_saves_blocks_of_the_chunks_the_analysis_split(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The blocks saved take the chunks the analysis split each file into (`SourceFile.split`)
    instead of splitting the text again, and are what splitting it gives."""
    from frontier_lint.run import blocks

    real = blocks.split_chunks
    calls: list[object] = []

    def counting(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    with monkeypatch.context() as m:
        m.setattr(blocks, "split_chunks", counting)
        cli_json(root, monkeypatch)
    assert calls == []
    files = list((root / CACHE_DIR).glob("v*.bin"))
    data = marshal.loads(files[0].read_bytes().split(b"\n", 1)[1])
    _, _, _, rows, _ = data["blocks"][RUNNER]
    assert [tuple(r[:4]) for r in rows] == [r[1:] for r in blocks._chunks(RUNNER_TEXT).rows]
