"""Source files whose bytes are not plain UTF-8 Python: encodings, BOMs, cookies.

Expectation comments cannot live in a UTF-16 file, so these cases build their files in
`tmp_path` and check the report directly. The rule everywhere is Python's own: a file the
interpreter would refuse to compile is a parse error (the gate fails closed), and a file the
interpreter accepts is analysed like any other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.expectations import Expected, lint_tree, observed

LAUNCH_CODEX = (
    "import subprocess\n"
    "\n"
    "\n"
    "def run(prompt):\n"
    '    return subprocess.run(["codex", "exec", prompt])\n'
)
LAUNCH_CLAUDE_OK = (
    'import subprocess\n\n\ndef ask(prompt):\n    return subprocess.run(["claude", "-p", prompt])\n'
)


def _lint(tmp_path: Path, files: dict[str, bytes]) -> set[Expected]:
    src = tmp_path / "src"
    src.mkdir()
    for name, data in files.items():
        (src / name).write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    report, _ = lint_tree(src, out)
    return observed(report)


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
    ids=["utf16le", "utf16be"],
)
def test_utf16_with_bom_is_a_parse_error(tmp_path: Path, codec: str, bom: bytes) -> None:
    # CPython refuses UTF-16 source; the file cannot be checked, so it is an error at line 1
    # and nothing else is reported for it (no finding, no unresolved site).
    got = _lint(tmp_path, {"runner.py": bom + LAUNCH_CODEX.encode(codec)})
    assert got == {Expected("runner.py", 1, "error")}


def test_utf16_file_does_not_hide_other_files(tmp_path: Path) -> None:
    got = _lint(
        tmp_path,
        {
            "runner.py": b"\xff\xfe" + LAUNCH_CODEX.encode("utf-16-le"),
            "agent.py": LAUNCH_CLAUDE_OK.encode(),
        },
    )
    assert got == {Expected("runner.py", 1, "error"), Expected("agent.py", 5, "FL001 claude")}


def test_latin1_bytes_without_cookie_are_an_error(tmp_path: Path) -> None:
    # No PEP 263 cookie: the source must be UTF-8; 0xE9 on line 2 is not.
    data = (
        "import subprocess\n"
        'GREETING = "D\xe9marrage"\n'
        'subprocess.run(["codex", "exec", GREETING])\n'
    ).encode("latin-1")
    got = _lint(tmp_path, {"legacy.py": data})
    assert got == {Expected("legacy.py", 2, "error")}


def test_cookie_on_second_line_after_shebang_is_honoured(tmp_path: Path) -> None:
    data = (
        "#!/usr/bin/env python3\n"
        "# vim: set fileencoding=latin-1 :\n"
        "import subprocess\n"
        'NOTE = "r\xe9sum\xe9"\n'
        'subprocess.run(["codex", "exec", NOTE])\n'
    ).encode("latin-1")
    got = _lint(tmp_path, {"legacy.py": data})
    assert got == {Expected("legacy.py", 5, "FL001 codex")}


def test_cookie_on_third_line_is_ignored(tmp_path: Path) -> None:
    # PEP 263 only looks at the first two lines: this file is read as UTF-8 and fails on line 5.
    data = (
        "#!/usr/bin/env python3\n"
        '"""Legacy runner."""\n'
        "# -*- coding: latin-1 -*-\n"
        "import subprocess\n"
        'NOTE = "r\xe9sum\xe9"\n'
        'subprocess.run(["codex", "exec", NOTE])\n'
    ).encode("latin-1")
    got = _lint(tmp_path, {"legacy.py": data})
    assert got == {Expected("legacy.py", 5, "error")}


def test_unknown_encoding_cookie_is_an_error(tmp_path: Path) -> None:
    data = b"# -*- coding: klingon -*-\nimport os\nos.system('codex exec')\n"
    got = _lint(tmp_path, {"weird.py": data})
    assert got == {Expected("weird.py", 1, "error")}


def test_utf8_bom_with_conflicting_cookie_is_an_error(tmp_path: Path) -> None:
    # CPython: "encoding problem: latin-1 with BOM".
    data = b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nimport os\nos.system('codex exec')\n"
    got = _lint(tmp_path, {"conflict.py": data})
    assert got == {Expected("conflict.py", 1, "error")}


def test_utf8_bom_with_utf8_cookie_is_fine(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf# -*- coding: utf-8 -*-\nimport os\nos.system('gemini -p hi')\n"
    got = _lint(tmp_path, {"bom.py": data})
    assert got == {Expected("bom.py", 3, "FL001 gemini")}


def test_crlf_line_endings(tmp_path: Path) -> None:
    data = LAUNCH_CODEX.replace("\n", "\r\n").encode()
    got = _lint(tmp_path, {"win.py": data})
    assert got == {Expected("win.py", 5, "FL001 codex")}


def test_nul_byte_is_an_error_on_its_line(tmp_path: Path) -> None:
    data = b"import os\n\nos.system('codex exec')\nx = '\x00'\n"
    got = _lint(tmp_path, {"nul.py": data})
    assert got == {Expected("nul.py", 4, "error")}
