"""No file or value ends a run: an internal error while analysing one file is that file's FL201
(the gate fails closed), an error while resolving one value leaves what reads it unresolved,
and every other file's findings are reported. Every analysis bound ends unresolved, naming it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command
from frontier_lint.dataflow import summaries
from frontier_lint.dataflow.candidates import candidates
from frontier_lint.dataflow.interpret import frame as frame_module
from frontier_lint.dataflow.interpret.frame import Frame
from frontier_lint.dataflow.scopes import ModuleScope
from frontier_lint.dataflow.values import (
    MAX_ALTERNATIVES,
    MAX_ITEMS,
    TOO_MANY_ALTERNATIVES,
    Seq,
    Splat,
    Unknown,
    alt,
    seq,
    string,
)
from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

GOOD = "import subprocess\n\n\ndef review():\n    subprocess.run(['claude', '-p'])\n"


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / ".git").mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _lint(root: Path, *paths: str) -> Report:
    config = load_config(None, root)
    request = LintRequest(paths=tuple(root / p for p in paths) or (root,))
    return lint(config, load_catalogue(config.rules), request, use_cache=False)


def _fail_in(monkeypatch: pytest.MonkeyPatch, path: str, exc: BaseException) -> None:
    """Make the interpretation of every function of `path` raise `exc` at its first statement."""
    real = Frame.run

    def run(self: Frame, stmts: object) -> None:
        if self.func.path == path:
            raise exc
        real(self, stmts)  # type: ignore[arg-type]

    monkeypatch.setattr(Frame, "run", run)


@pytest.mark.parametrize(
    "exc", [RecursionError("maximum recursion depth exceeded"), KeyError("x"), MemoryError()]
)
def test_an_internal_error_is_the_files_error_not_the_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    root = _project(
        tmp_path,
        {
            "bad.py": "import subprocess\n\n\ndef run():\n    subprocess.run(['git'])\n",
            "good.py": GOOD,
        },
    )
    _fail_in(monkeypatch, "bad.py", exc)
    report = _lint(root)
    assert [(e.path, e.line) for e in report.errors] == [("bad.py", 4)]
    assert report.errors[0].message.startswith(
        f"internal error while analysing run: {type(exc).__name__}"
    )
    assert [(f.path, f.program) for f in report.findings] == [("good.py", "claude")]


def test_the_command_line_fails_closed_with_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, {"bad.py": "import os\nos.system('ls')\n", "good.py": GOOD})
    _fail_in(monkeypatch, "bad.py", RecursionError("maximum recursion depth exceeded"))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(lint_command, [".", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert "bad.py:1:1: FL201 internal error while analysing" in result.output
    assert "good.py:5:5: FL001" in result.output


def test_an_error_reading_a_value_leaves_its_readers_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(
        tmp_path,
        {
            "consts.py": "BIN = 'codex'\n",
            "run.py": "import subprocess\nimport consts\nsubprocess.run([consts.BIN])\n",
            "good.py": GOOD,
        },
    )
    real = ModuleScope._resolve

    def resolve(self: ModuleScope, name: str) -> object:
        if self.path == "consts.py":
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, name)

    monkeypatch.setattr(ModuleScope, "_resolve", resolve)
    report = _lint(root)
    assert [(u.path, u.line) for u in report.unresolved] == [("run.py", 3)]
    assert "internal error while analysing `BIN` in consts.py" in report.unresolved[0].reason
    assert [e.path for e in report.errors] == ["consts.py"]
    assert [(f.path, f.program) for f in report.findings] == [("good.py", "claude")]


def test_a_failed_summary_is_not_read_as_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrapper whose analysis failed: each call of it is unresolved (what it launches is not
    known), also in a run on the calling file alone."""
    root = _project(
        tmp_path,
        {
            "lib.py": "import subprocess\n\n\ndef launch(argv):\n    subprocess.run(argv)\n",
            "app.py": "from lib import launch\n\n\ndef main():\n    launch(['codex'])\n",
        },
    )
    _fail_in(monkeypatch, "lib.py", KeyError("boom"))
    report = _lint(root)
    assert [e.path for e in report.errors] == ["lib.py"]
    assert [(u.path, u.line, u.sink) for u in report.unresolved] == [("app.py", 5, "launch")]
    alone = _lint(root, "app.py")
    assert [(u.path, u.line) for u in alone.unresolved] == [("app.py", 5)]


# --- bounds --------------------------------------------------------------------------------------


def test_alternatives_past_the_bound_are_not_dropped() -> None:
    many = alt([string(f"tool{i}") for i in range(MAX_ALTERNATIVES + 10)] + [string("codex")])
    words = [c.words[0] for c in candidates(many)]
    assert len(words) <= MAX_ALTERNATIVES + 1
    assert any(isinstance(o, Unknown) and o.reason == TOO_MANY_ALTERNATIVES for o in many.options)  # type: ignore[attr-defined]


def test_argvs_past_the_bound_keep_their_program() -> None:
    argvs = alt([seq([string("mysql"), string(f"-{i}")]) for i in range(MAX_ALTERNATIVES * 2)])
    last = argvs.options[-1]  # type: ignore[attr-defined]
    assert isinstance(last, Seq) and last.items[0] == string("mysql")
    assert isinstance(last.items[1], Splat)


def test_candidates_past_the_bound_end_unknown() -> None:
    got = list(candidates(alt([string(f"t{i}") for i in range(40)]), limit=10))
    assert len(got) == 11
    assert got[-1].words == (None,) and got[-1].reason == "more than 10 alternatives"


def test_items_past_the_bound_are_unknown_not_dropped() -> None:
    long = seq([string(str(i)) for i in range(MAX_ITEMS + 5)])
    assert len(long.items) == MAX_ITEMS
    tail = long.items[-1]
    assert isinstance(tail, Splat) and tail.inner == Unknown(
        trace=(), reason=f"more than {MAX_ITEMS} items"
    )


def test_deep_call_chains_are_unresolved_at_the_call(tmp_path: Path) -> None:
    depth = summaries.MAX_CALL_DEPTH + 3
    chain = "\n".join(f"def b{i}():\n    return b{i + 1}()\n" for i in range(depth))
    source = f"import subprocess\n{chain}\ndef b{depth}():\n    return 'codex'\n\n\ndef main():\n    subprocess.run([b0()])\n"
    report = _lint(_project(tmp_path, {"x.py": source}))
    assert [u.reason for u in report.unresolved] == [
        f"the program is not known: call chain deeper than {summaries.MAX_CALL_DEPTH} calls"
    ]


def test_argvs_past_the_bound_are_judged_by_their_program_word() -> None:
    # 300 argvs of `python` (then one of `codex`): the first 10 whole, the rest by program word.
    argvs = [seq([string("python"), string(f"-{i}")]) for i in range(300)]
    got = list(candidates(alt([*argvs, seq([string("codex"), string("exec")])]), limit=10))
    past = got[10:]
    assert [c.words for c in past] == [("python",), ("codex",)]
    assert all(not c.complete and c.reason == "more than 10 alternatives" for c in past)


# A command built through layers of deferred values: a config's argv wrapped by its method,
# called through a subclass, each flag a deferred read of the config. Forced it takes some
# dozens of deferred values; with the bound lowered below that, it is unresolved,
# naming the bound (on main, it was computed however long that took: ansible-runner's
# containerised argv, read through five config classes, ran for hours).
LAYERED = """\
import subprocess


class Base:
    def __init__(self, exe, image, tty, workdir):
        self.exe = exe
        self.image = image
        self.tty = tty
        self.workdir = workdir
        self.command = ["ansible-playbook", "site.yml"]

    def wrap(self, args):
        new_args = [self.exe, "run"]
        if self.tty:
            new_args.extend(["--tty"])
        if self.workdir:
            new_args.extend(["--workdir", self.workdir])
        new_args.extend([self.image])
        new_args.extend(args)
        return new_args



class Config(Base):
    pass


def main(tty):
    config = Config("podman", "quay.io/x", tty, "/w")
    subprocess.run(config.wrap(config.command))
"""


def test_a_function_needing_too_many_deferred_values_is_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, {"app.py": LAYERED})
    resolved = _lint(root)
    assert not resolved.unresolved  # (the argv is known: `podman run ...`)
    monkeypatch.setattr(frame_module, "MAX_FORCES", 3)
    (site,) = _lint(root).unresolved
    assert site.reason.endswith(summaries.TOO_MUCH_WORK), site.reason
