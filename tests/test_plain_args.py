"""A plain command line (`cli._plain_params`): read without click, as click reads it, and written
to as click writes (`cli._echo`); anything else is left to click."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from frontier_lint import cli, command

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"


def click_params(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    got: list[dict[str, Any]] = []
    monkeypatch.setattr(command, "run_command", lambda params: got.append(dict(params)))
    command.lint_command.main(args=args, prog_name="frontier-lint", standalone_mode=False)
    (params,) = got
    params["paths"] = tuple(params["paths"])
    return params


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["."],
        [".", "--format", "json", "--jobs", "2"],
        ["--format=json", "--jobs=0", "app", "lib/x.py"],
        ["--output-format", "sarif", "-j", "3", "-q", "--strict", "--exit-zero"],
        ["app", "--statistics", "--show-suppressed", "--no-cache", "--quiet"],
        ["--format", "concise", "missing/path.py"],
        ["--jobs", "007", "."],
    ],
)
def test_a_plain_command_line_is_read_as_click_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app").mkdir()
    plain = cli._plain_params(args)
    assert plain is not None
    assert plain == click_params(args, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        ["-", "--format", "json"],
        ["--", "app"],
        ["-j2", "."],  # (a short option's value attached)
        ["-qj", "2"],
        ["--format", "yaml"],  # (click says what is wrong)
        ["--format"],
        ["--format", "--jobs"],
        ["--jobs", "-1"],
        ["--jobs", "two"],
        ["--jobs", "٣"],  # (a digit to Python, not to this reader)
        ["--strict=yes"],
        ["--format", "json", "--format", "sarif"],  # (click takes the last)
        ["-q", "--quiet"],
        ["--select", "FL001"],
        ["--config", "x.yaml"],
        ["-o", "out.json"],
        ["--list-rules"],
        ["--stdin-filename", "x.py"],
        ["--unknown"],
        [""],
    ],
)
def test_any_other_command_line_is_left_to_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli._plain_params(args) is None


def test_a_path_click_refuses_is_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret").mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if p == "secret" else real(p, mode))
    assert cli._plain_params(["secret"]) is None
    with pytest.raises(click.ClickException, match="not readable"):
        click_params(["secret"], monkeypatch)
    assert cli._plain_params(["."]) is not None


def test_shell_completion_is_left_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_FRONTIER_LINT_COMPLETE", "bash_source")
    assert cli._plain_params(["."]) is None


class _Buffer(io.BytesIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def _written(
    echo: Any, monkeypatch: pytest.MonkeyPatch, tty: bool, encoding: str, **kwargs: Any
) -> bytes:
    out, err = _Buffer(tty), _Buffer(tty)
    streams = [io.TextIOWrapper(b, encoding=encoding, errors="replace") for b in (out, err)]
    monkeypatch.setattr(sys, "stdout", streams[0])
    monkeypatch.setattr(sys, "stderr", streams[1])
    echo(**kwargs)
    return out.getvalue() + b"|" + err.getvalue()


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("color", [None, False, True])
@pytest.mark.parametrize("err", [False, True])
@pytest.mark.parametrize("nl", [True, False])
@pytest.mark.parametrize("message", ["plain", "\x1b[31mred\x1b[0m é", ""])
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_echo_writes_what_click_writes(
    monkeypatch: pytest.MonkeyPatch,
    tty: bool,
    color: bool | None,
    err: bool,
    nl: bool,
    message: str,
    encoding: str,
) -> None:
    kwargs = {"message": message, "err": err, "nl": nl, "color": color}
    ours = _written(cli._echo, monkeypatch, tty, encoding, **kwargs)
    theirs = _written(click.echo, monkeypatch, tty, encoding, **kwargs)
    assert ours == theirs


def test_a_plain_run_imports_no_click(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    script = (
        "import sys\n"
        "from frontier_lint.cli import main\n"
        "try:\n"
        "    main(['--format', 'json', 'app'])\n"
        "except SystemExit as exc:\n"
        "    sys.stderr.write(f'EXIT {exc.code} CLICK {\"click\" in sys.modules}')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert proc.stderr.endswith("EXIT 1 CLICK False"), proc.stderr
    assert json.loads(proc.stdout)["findings"]
