"""Source files whose bytes are not plain UTF-8 Python: encodings, BOMs, cookies.

Expectation comments cannot live in a UTF-16 file, so these cases build their files in
`tmp_path` and check the report directly. The rule everywhere is Python's own: a file the
interpreter would refuse to compile is a parse error (the gate fails closed), and a file the
interpreter accepts is analysed like any other.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.config import DEFAULT_MAX_FILE_SIZE, ConfigError
from frontier_lint.settings.loading import load_config
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


@pytest.mark.skipif(os.name == "nt", reason="a file name cannot hold ':' on Windows")
def test_a_wrapper_in_a_file_whose_name_holds_a_colon_is_followed(tmp_path: Path) -> None:
    # A function is named by its file and qualified name; a ':' in the file's name once made
    # the wrapper's id split in the wrong place, and its caller's launch went unreported.
    wrapper = (
        "import subprocess\n"
        "\n"
        "\n"
        "def launch(cmd):\n"
        "    subprocess.run(cmd)\n"
        "\n"
        "\n"
        "def main():\n"
        '    launch(["codex", "exec"])\n'
    )
    got = _lint(tmp_path, {"run:it.py": wrapper.encode()})
    assert got == {Expected("run:it.py", 9, "FL001 codex")}


def test_nul_byte_is_an_error_on_its_line(tmp_path: Path) -> None:
    data = b"import os\n\nos.system('codex exec')\nx = '\x00'\n"
    got = _lint(tmp_path, {"nul.py": data})
    assert got == {Expected("nul.py", 4, "error")}


# --------------------------------------------------------------------------- files that cannot be read
#
# A file or directory in scope that cannot be read is an error entry naming it (FL201): the gate
# fails closed on what it did not see. Root reads everything, so most of these tests deny
# access at the system-call layer the reader uses; `test_*_for_real` do it with permissions.

LAUNCH = 'import subprocess\nsubprocess.run(["codex"])\n'


def project_with(tmp_path: Path, files: dict[str, str], config: str = "") -> Path:
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    if config:
        (root / "frontier-lint.yaml").write_text(config)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def run_lint(root: Path, *paths: str, use_cache: bool = True) -> Report:
    config = load_config(None, root)
    request = LintRequest(paths=tuple(root / p for p in paths) or (root,))
    return lint(config, load_catalogue(config.rules), request, use_cache=use_cache)


def errors(report: Report) -> list[tuple[str, str]]:
    return [(e.path, e.message) for e in report.errors]


def deny(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Opening or listing a path with one of these names fails as `chmod 000` makes it fail."""
    real_open, real_scandir = os.open, os.scandir

    def check(path: Any) -> None:
        if os.path.basename(os.fspath(path)) in names:
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        check(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_scandir(path: Any = ".") -> Any:
        check(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)


def test_unreadable_file_in_scope_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project_with(tmp_path, {"secret.py": LAUNCH, "other.py": LAUNCH})
    deny(monkeypatch, "secret.py")
    for _ in range(2):  # cold, then warm: an unreadable file is never taken from the cache
        report = run_lint(root)
        assert errors(report) == [("secret.py", "cannot read: Permission denied")]
        assert [f.path for f in report.findings] == ["other.py"]  # the run goes on
        assert report.failed()
    monkeypatch.undo()  # readable again: what it launches is found
    assert [f.path for f in run_lint(root).findings] == ["other.py", "secret.py"]


def test_unreadable_directory_in_scope_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"app/secret/a.py": LAUNCH, "app/b.py": "x = 1\n", "app/tests/locked/t.py": ""}
    root = project_with(tmp_path, files, "exclude: ['app/tests/**']\n")
    deny(monkeypatch, "secret", "locked")
    report = run_lint(root)
    # app/tests/locked is excluded from the report: no file of it could be reported anyway.
    assert errors(report) == [("app/secret", "cannot read directory: Permission denied")]
    assert report.failed()
    assert errors(run_lint(root, "app/secret")) == errors(report)
    assert errors(run_lint(root, "app/b.py")) == []  # not in the report scope


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_and_directory_for_real(tmp_path: Path) -> None:
    root = project_with(tmp_path, {"secret.py": LAUNCH, "locked/a.py": LAUNCH, "ok.py": ""})
    (root / "secret.py").chmod(0)
    (root / "locked").chmod(0)
    try:
        report = run_lint(root)
    finally:
        (root / "locked").chmod(0o755)
        (root / "secret.py").chmod(0o644)
    assert errors(report) == [
        ("locked", "cannot read directory: Permission denied"),
        ("secret.py", "cannot read: Permission denied"),
    ]


def test_a_file_over_max_file_size_is_an_error_never_skipped(tmp_path: Path) -> None:
    big = LAUNCH + "# padding\n" * 20
    root = project_with(tmp_path, {"big.py": big, "small.py": LAUNCH}, "max-file-size: 100\n")
    size = len(big.encode())
    for _ in range(2):  # cold, then warm
        report = run_lint(root)
        assert errors(report) == [("big.py", f"too large: {size} bytes > 100 (max-file-size)")]
        assert [f.path for f in report.findings] == ["small.py"]
    (root / "frontier-lint.yaml").write_text("max-file-size: 1 KiB\n")
    assert [f.path for f in run_lint(root).findings] == ["big.py", "small.py"]


def test_a_file_that_turns_into_a_fifo_after_discovery_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint.run import engine

    root = project_with(tmp_path, {"a.py": LAUNCH})
    os.mkfifo(root / "pipe.py")
    real = engine.discover

    def racing(root_: Path, paths: Any) -> Any:
        found = real(root_, paths)  # as if pipe.py had been a module when the tree was listed
        return replace(found, files=(*found.files, "pipe.py"), targets=(*found.targets, "pipe.py"))

    monkeypatch.setattr(engine, "discover", racing)
    box: list[Report] = []
    thread = threading.Thread(target=lambda: box.append(run_lint(root)), daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the run waits for a writer of the FIFO"
    assert errors(box[0]) == [("pipe.py", "not a regular file")]


@pytest.mark.parametrize(
    ("value", "size"),
    [(1000, 1000), ("8 MiB", 8 << 20), ("10MB", 10_000_000), ("1.5 kB", 1500), ("512KiB", 524288)],
)
def test_max_file_size_takes_bytes_or_a_unit(tmp_path: Path, value: object, size: int) -> None:
    root = project_with(tmp_path, {}, f"max-file-size: {value!r}\n".replace("'", '"'))
    assert load_config(None, root).max_file_size == size


@pytest.mark.parametrize("value", ["0", "-5", "'lots'", "true", "1.5", "'5 TB'"])
def test_max_file_size_must_be_a_positive_size(tmp_path: Path, value: str) -> None:
    root = project_with(tmp_path, {}, f"max-file-size: {value}\n")
    with pytest.raises(ConfigError, match="max-file-size: expected a positive number of bytes"):
        load_config(None, root)


def test_default_max_file_size_is_a_few_megabytes() -> None:
    assert 4 << 20 <= DEFAULT_MAX_FILE_SIZE <= 16 << 20
