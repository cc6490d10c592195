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
    _, reads, _, rows, _ = marshal.loads(data["blocks"][NAMES][1])  # (its own bytes)
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
    assert chunks is not None
    assert [row[4] for row in chunks.rows] == ["", "a", "b", "c", "d", "e", "h"]
    noisy = gate.noisy(text, chunks, [re.compile(r"sub(?!\w)")])
    # An import; a line-start `def` in a string; a name searched for; a program word; a
    # pattern's match. Not: a decorated function's own header, a plain function.
    assert sorted(noisy) == [0, 2, 3, 4, 5]
    for i in range(len(chunks.rows)):  # (each chunk asked about alone: the same answer)
        assert gate.noisy(text, chunks, [re.compile(r"sub(?!\w)")], only={i}) == noisy & {i}


def test_the_gates_look_only_at_the_chunks_asked_about() -> None:
    """An edit answered from its block asks about the chunks whose code changed: the words
    and patterns are looked for in those alone (one of a large module's hundreds), with the
    same answer for each of them as a look at every chunk gives."""
    import re

    from frontier_lint.run.blocks import Gate, _chunks
    from frontier_lint.settings.catalogue import load_catalogue

    gate = Gate.of(load_catalogue(), ["wrapped"])
    text = "import os\n\n\n" + "".join(
        f"def f{i}():\n    return {'wrapped(1)' if i % 3 == 0 else 'sub' if i % 3 == 1 else 1}\n\n\n"
        for i in range(60)
    )
    chunks = _chunks(text)
    assert chunks is not None
    patterns = [re.compile(r"sub(?!\w)")]
    every = gate.noisy(text, chunks, patterns)
    finder = gate.finder
    scanned: list[bytes] = []
    found = finder.found

    def counted(data: bytes) -> bool:
        scanned.append(data)
        return found(data)

    object.__setattr__(finder, "found", counted)
    for asked in ({5}, {6}, {7}, {0, 30, 58}, set()):
        scanned.clear()
        got = gate.noisy(text, chunks, patterns, only=asked)
        assert got == every & asked  # (`import os` in chunk 0: found only when asked about)
        assert len(scanned) <= len(asked)  # (on main: every chunk, 61 scans)


# --------------------------------------------------------------------------- after a comment edit


def test_a_code_edit_after_a_comment_edit_is_answered(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment edit is answered without the analysis and keeps the file's block (its rows'
    code digests stand, their line counts renewed): the next edit of code no result read is
    answered too, its places moved by both edits."""
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
    """The block kept over a comment edit keeps which statements results read: `tool`, read by the runner's
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
    """The block kept over a comment edit keeps what the gates found in the code before; the code edit is
    checked against the text it makes, comment included."""
    cli_json(root, monkeypatch)
    _, analysed = edit(
        root, monkeypatch, RUNNER, '    text = "plain"\n', '    text = "plain"  # codex\n'
    )
    assert analysed == 0
    _, analysed = edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')
    assert analysed


def test_a_chunk_keeps_its_code_digest_over_comment_edits_and_its_lines_map_to_their_code() -> None:
    """A block's row holds the digest of its chunk's code: comments and blank lines added in
    the chunk or above it leave it as it was, a code edit not. A chunk whose comment lines
    stand where they stood moves as a whole; in another each code line goes to the line of the
    same code, and a comment or blank line to none."""
    from frontier_lint.run.blocks import ShiftMap, _chunks
    from frontier_lint.scan.chunks import code_lines, dropped_lines

    text = "import os\n\n\ndef a():\n    return 1\n\n\ndef b():\n    x = 2\n    return x\n"
    edited = text.replace("import os\n", "import os  # c\n# d\n").replace(
        "    x = 2\n", "    # e\n\n    x = 2  # f\n"
    )
    old, new = _chunks(text), _chunks(edited)
    assert old is not None and new is not None
    assert [r[2:] for r in old.rows] == [r[2:] for r in new.rows]
    recoded = _chunks(text.replace("return 1", "return 2"))
    assert recoded is not None
    assert [r[2] == o[2] for r, o in zip(recoded.rows, old.rows, strict=True)] == [
        True,
        False,
        True,
    ]

    def dropped(t: str) -> list[int]:
        lines = code_lines(t.encode())
        assert lines is not None
        return dropped_lines(lines.dropped)

    shift = ShiftMap(
        [(s, n) for s, n, *_ in old.rows],
        [(s, n) for s, n, *_ in new.rows],
        set(),
        dropped(text),
        dropped(edited),
    )
    assert [shift(n) for n in range(1, 11)] == [1, None, None, 5, 6, 7, 8, 9, 12, 13]
    assert (
        ShiftMap(
            [(s, n) for s, n, *_ in old.rows],
            [(s, n) for s, n, *_ in new.rows],
            {1},
            dropped(text),
            dropped(edited),
        )(5)
        is None
    )


# --------------------------------------------------------------------------- the bench's sequence


def test_a_comment_left_in_a_statement_a_result_read_then_a_code_edit_elsewhere_is_answered(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-commit bench's sequence (`bench/run.py`, its warm rows): a comment appended to
    the file (in its last statement, which a result read), then the file written with that
    comment gone and a string changed in a function no result read. The statement read keeps
    its code: the edit is answered without the analysis (its places where they were)."""
    before = cli_json(root, monkeypatch)
    _, analysed = edit(root, monkeypatch, RUNNER, 'run_tool("git")\n', 'run_tool("git")\n\n# x\n')
    assert analysed == 0
    data = marshal.loads(next((root / CACHE_DIR).glob("v*.bin")).read_bytes().split(b"\n", 1)[1])
    _, reads, _, rows, _ = marshal.loads(data["blocks"][RUNNER][1])
    assert len(rows) - 1 in reads  # (the last statement, `run_tool("git")`, was read)
    file = root / RUNNER
    file.write_text(RUNNER_TEXT.replace('"plain"', '"edited"'))
    with monkeypatch.context() as m:
        calls = analyses(m)
        cached = cli_json(root, monkeypatch)
    assert cached == cli_json(root, monkeypatch, "--no-cache")
    assert not calls
    assert cached == before


def test_comments_edited_in_statements_results_read_with_code_edited_elsewhere_are_answered(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Comments and blank lines added in and above the statements results read, in the same
    edit as a string changed in a function no result read: answered, the places renumbered."""
    cli_json(root, monkeypatch)
    text = RUNNER_TEXT.replace('"plain"', '"edited"')
    text = text.replace("    return subprocess.run(", "    # why\n\n    return subprocess.run(")
    text = text.replace('["codex", "-p", "x"])', '["codex", "-p", "x"])  # which')
    text = text.replace("\ndef later", "\n# later\ndef later")
    (root / RUNNER).write_text(text)
    with monkeypatch.context() as m:
        calls = analyses(m)
        cached = cli_json(root, monkeypatch)
    assert cached == cli_json(root, monkeypatch, "--no-cache")
    assert not calls
    assert programs(cached) == [(RUNNER, 10, "claude"), (RUNNER, 20, "codex")]


def test_a_code_edit_in_a_statement_a_result_read_is_analysed_whatever_comments_changed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment edit of the statement `tool` (read by the runner's launch) is answered; a
    code edit of it, in the same edit as comments changed, is analysed, and changes the
    finding."""
    cli_json(root, monkeypatch)
    edit(root, monkeypatch, NAMES, "return 42", "return 43")  # (the first edit reads it)
    _, analysed = edit(root, monkeypatch, NAMES, '    return "clau"', '    # c\n    return "clau"')
    assert analysed == 0
    cached, analysed = edit(
        root,
        monkeypatch,
        NAMES,
        '    # c\n    return "clau" + "de"',
        '    return "clau" + "dx"  # d',
    )
    assert analysed
    assert programs(cached) == [(RUNNER, 17, "codex")]


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
    _, _, _, rows, _ = marshal.loads(data["blocks"][RUNNER][1])
    made = blocks._chunks(RUNNER_TEXT)
    assert made is not None
    assert [tuple(r[:4]) for r in rows] == [r[1:] for r in made.rows]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_first_code_edit_after_a_fill_compiles_only_the_statement_it_changed(
    root: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The run that fills the cache checked each statement of the launching file on its own
    (in-process, or in a child with two jobs): the block it saves says so, and the first code
    edit after it, in a new process (CPython's verdicts not remembered), compiles only the
    statement it changed, as the edits after it do, instead of every statement of the file."""
    from frontier_lint.frontend import grammar
    from frontier_lint.run import syntax

    monkeypatch.setattr(syntax.SyntaxChecks, "MIN_BYTES", 0)  # (with 2 jobs: in a child)
    cli_json(root, monkeypatch, "--jobs", jobs)
    monkeypatch.setattr(grammar, "_SEEN", {})  # (a new process)
    monkeypatch.setattr(grammar, "_ACCEPTED", set())
    compiled: list[str] = []
    real = grammar._compile

    def counting(text: str, target: grammar.Version) -> Any:
        compiled.append(text)
        return real(text, target)

    (root / RUNNER).write_text(RUNNER_TEXT.replace('"plain"', '"edited"'))
    with monkeypatch.context() as m:
        m.setattr(grammar, "_compile", counting)
        calls = analyses(m)
        cached = cli_json(root, monkeypatch, "--jobs", jobs)
    assert len(calls) == 0  # answered from the cache
    assert len(compiled) == 1  # (the file has eight statements)
    assert compiled[0].startswith('def helper(n):\n    text = "edited"\n')
    assert cached == cli_json(root, monkeypatch, "--no-cache")
