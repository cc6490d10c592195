"""Traces and counts say what happened, once each (issue 17, item 6).

- a hop's note does not repeat the hop's own location;
- every hop is shown: a constant feeding another through tuple unpacking or a chained
  assignment, and the origin of a long chain;
- hops about an argument that is not the program are left out;
- the summary counts what it reports: a wrapper call where a finding is reported is a launch site;
- the github format marks unresolved sites (with --strict) as warnings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(root: Path, files: dict[str, str], *args: str) -> dict:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    result = CliRunner().invoke(lint_command, ["--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def notes(finding: dict) -> list[str]:
    return [f"{h['path']}:{h['line']}: {h['note']}" for h in finding["trace"]]


def test_a_hop_says_its_location_once(in_tmp: Path) -> None:
    data = lint(
        in_tmp,
        {
            "conf.py": 'CODEX = "codex"\n',
            "run.py": "import subprocess\nfrom conf import CODEX\n"
            "def go(b=CODEX):\n    subprocess.run([b])\n"
            "go()\nsubprocess.run([CODEX])\n",
        },
    )
    hops = [h for f in data["findings"] for h in f["trace"]]
    assert hops
    for h in hops:
        assert not re.search(r"\S+\.py:\d+", h["note"]), h  # no `at path:line` in the note
    assert notes(data["findings"][-1]) == [
        'conf.py:1: CODEX defined as "codex"',
        "run.py:6: reaches subprocess.run",
    ]


def test_a_constant_unpacked_from_another_keeps_both_hops(in_tmp: Path) -> None:
    data = lint(
        in_tmp,
        {
            "m.py": 'import subprocess\nNAME = "codex"\nBIN, ARG = NAME, "x"\n'
            "subprocess.run([BIN, ARG])\n"
        },
    )
    (finding,) = data["findings"]
    assert notes(finding) == [
        'm.py:2: NAME defined as "codex"',
        "m.py:3: BIN defined as NAME",
        "m.py:4: reaches subprocess.run",
    ]


def test_each_name_of_a_chained_assignment_is_its_own_hop(in_tmp: Path) -> None:
    data = lint(in_tmp, {"m.py": 'import subprocess\nA = B = "codex"\nsubprocess.run([A])\n'})
    assert notes(data["findings"][0])[0] == 'm.py:2: A defined as "codex"'


def test_a_long_chain_keeps_its_origin(in_tmp: Path) -> None:
    chain = "".join(f"C{i} = C{i - 1}\n" for i in range(1, 40))
    data = lint(
        in_tmp, {"m.py": f"import subprocess\nC0 = 'codex'\n{chain}subprocess.run([C39])\n"}
    )
    trace = notes(data["findings"][0])
    assert trace[0] == "m.py:2: C0 defined as 'codex'"
    assert trace[-2:] == ["m.py:41: C39 defined as C38", "m.py:42: reaches subprocess.run"]


def test_hops_about_arguments_that_are_not_the_program_are_left_out(in_tmp: Path) -> None:
    data = lint(
        in_tmp,
        {
            "m.py": "import subprocess\n"
            'PROMPT = "summarise"\n'
            'CODEX = "codex"\n'
            'PKG = "@openai/codex"\n'
            'FLAGS = ["--model", "x"]\n'
            "subprocess.run([CODEX, *FLAGS, PROMPT])\n"
            'subprocess.run(["npx", PKG, PROMPT])\n'
            'subprocess.run(["codex", "-p", PROMPT])\n'
        },
    )
    by_line = {f["line"]: notes(f) for f in data["findings"]}
    assert by_line[6] == ['m.py:3: CODEX defined as "codex"', "m.py:6: reaches subprocess.run"]
    assert by_line[7] == [
        'm.py:4: PKG defined as "@openai/codex"',
        "m.py:7: reaches subprocess.run via npx",
    ]
    assert by_line[8] == ["m.py:8: reaches subprocess.run"]


def test_a_shell_string_in_an_argv_keeps_its_hops(in_tmp: Path) -> None:
    data = lint(
        in_tmp,
        {
            "m.py": "import subprocess\n"
            'LINE = "cd /srv && codex exec"\n'
            'subprocess.run(["bash", "-lc", LINE])\n'
        },
    )
    assert notes(data["findings"][0])[0] == 'm.py:2: LINE defined as "cd /srv && codex exec"'


_CFG = (
    "import subprocess\n"
    "from dataclasses import dataclass, field\n"
    "@dataclass\n"
    "class Cfg:\n"
    "    command: str\n"
    "    args: list = field(default_factory=list)\n"
)


def test_an_instance_read_from_a_table_keeps_the_tables_hop(in_tmp: Path) -> None:
    # A registry of config objects: what the constructor was given is read back through the
    # table, whose definition names the program.
    data = lint(
        in_tmp,
        {
            "m.py": _CFG + 'TABLE = {"o": Cfg(command="opencode"), "g": Cfg(command="gemini")}\n'
            "def go(name):\n"
            "    subprocess.run([TABLE[name].command])\n"
        },
    )
    (finding,) = data["findings"]
    assert notes(finding) == [
        'm.py:7: TABLE defined as {"o": Cfg(command="opencode"), "g": Cfg(command="gemini")}',
        "m.py:9: reaches subprocess.run",
    ]


def test_a_copied_table_keeps_the_hop_of_the_table_it_copies(in_tmp: Path) -> None:
    data = lint(
        in_tmp,
        {
            "m.py": "import subprocess\n"
            'BASE = {"o": ["opencode"], "g": ["gemini", "--acp"]}\n'
            "TABLE = dict(BASE)\n"
            "def go(name):\n"
            "    subprocess.run(TABLE[name])\n"
        },
    )
    (finding,) = data["findings"]
    assert notes(finding) == [
        'm.py:2: BASE defined as {"o": ["opencode"], "g": ["gemini", "--acp"]}',
        "m.py:3: TABLE defined as dict(BASE)",
        "m.py:5: reaches subprocess.run",
    ]


def test_an_unpacked_empty_default_adds_no_hop(in_tmp: Path) -> None:
    # `*cfg.args` left at its `default_factory=list` adds no word to the argv: the field's
    # definition explains nothing about the program.
    data = lint(
        in_tmp,
        {
            "m.py": _CFG + "TABLE = {\n"
            '    "o": Cfg(command="opencode"),\n'
            '    "g": Cfg(command="gemini", args=["--acp"]),\n'
            "}\n"
            "def go(name):\n"
            "    cfg = TABLE[name]\n"
            "    subprocess.run([cfg.command, *cfg.args])\n"
        },
    )
    (finding,) = data["findings"]
    assert [n.split(" defined as")[0] for n in notes(finding)] == [
        "m.py:7: TABLE",
        "m.py:13: reaches subprocess.run",
    ]


def test_the_summary_counts_a_probe_reported_at_a_wrapper_call(in_tmp: Path) -> None:
    files = {
        "util.py": "import shutil\ndef find(name):\n    return shutil.which(name)\n",
        "use.py": 'from util import find\nfind("codex")\n',
    }
    data = lint(in_tmp, files, "use.py")
    assert [(f["rule"], f["path"]) for f in data["findings"]] == [("FL002", "use.py")]
    assert data["summary"]["launch_sites"] == 1  # was "0 launch sites, 1 violation"
    whole = lint(in_tmp, files, ".")
    assert whole["summary"]["launch_sites"] == 2  # the probe in util.py and the call in use.py
    result = CliRunner().invoke(lint_command, ["--no-cache", "use.py"])
    assert result.stdout.splitlines()[-1].endswith(
        "1 launch site, 1 violation, 0 unresolved, 0 allowed, 0 suppressed"
    )


def test_github_marks_unresolved_sites_as_warnings(in_tmp: Path) -> None:
    (in_tmp / "m.py").write_text(
        'import os, subprocess\nsubprocess.run([os.environ["X"]])\nsubprocess.run(["codex"])\n'
    )
    result = CliRunner().invoke(
        lint_command, ["--no-cache", "--strict", "-q", "--format", "github"]
    )
    assert result.exit_code == 1
    levels = [line.split(" ", 1)[0] for line in result.stdout.splitlines()]
    assert levels == ["::warning", "::error"]
    assert "FL200" in result.stdout.splitlines()[0]
