"""The language server (`frontier-lint lsp`), end to end through a JSON-RPC client over stdio.

The client (`frontier_lint.lsp_client`) is a small Content-Length framed driver that does not use
pygls, so the server is checked against the protocol. Every wait is bounded by a timeout. The
module is skipped only when pygls (the `lsp` extra) is not installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")

from lsprotocol import types as lsp

from frontier_lint.findings import FileError, Report, Summary
from frontier_lint.lsp.convert import (
    PLACEHOLDER_REASON,
    client_column,
    server_column,
    suppression_edit,
)
from frontier_lint.lsp.documents import Options
from frontier_lint.lsp.framing import MAX_MESSAGE_BYTES, Message, MessageReader, ReadError
from frontier_lint.lsp.workspace import Workspace
from frontier_lint.policy import suppressions
from tests.lsp_client import LspClient, path_uri

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"
TASKS = "app/backend/src/services/tasks.py"
CONFIG_PY = "app/backend/src/core/config.py"
WAIT = 60.0  # generous: a loaded CI machine; a passing run takes a fraction of it
OPTIONS = {"debounceMs": 40}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    return root.resolve()


class Server:
    """A running `python -m frontier_lint lsp` and its client; the log goes to a file."""

    def __init__(self, cwd: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.log = log
        self._stderr = log.open("wb")
        self.client = LspClient(
            [sys.executable, "-m", "frontier_lint", "lsp", "-v"],
            cwd=cwd,
            stderr=self._stderr,
            env=env,
        )

    def stop(self) -> None:
        self.client.__exit__(None, None, None)
        self._stderr.close()


StartServer = Callable[..., LspClient]


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[StartServer]:
    """Start servers (in `cwd`, with `env`); they are killed at the end of the test (logs in
    tmp_path)."""
    started: list[Server] = []

    def start(cwd: Path, env: dict[str, str] | None = None) -> LspClient:
        s = Server(cwd, tmp_path / f"server-{len(started)}.log", env)
        started.append(s)
        return s.client

    yield start
    for s in started:
        s.stop()
        # Shown by pytest only when the test failed (captured teardown output).
        print(f"--- {s.log.name} (tail) ---\n{s.log.read_text(errors='replace')[-6000:]}")


def _codes(diags: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    """(0-based line, rule, program named in the message) of each diagnostic."""
    out = []
    for d in diags:
        program = d["message"].rsplit("`", 2)[-2] if d["message"].endswith("`") else ""
        out.append((d["range"]["start"]["line"], d["code"], program))
    return sorted(out)


def _flow_marks(diags: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """(0-based line, message) of each diagnostic: how flows into other files are shown."""
    return sorted((d["range"]["start"]["line"], d["message"]) for d in diags)


TASKS_CODEX = "`codex` reaches subprocess.Popen at app/backend/src/services/tasks.py:{} (FL001)"
TASKS_CLAUDE = "`claude` reaches subprocess.Popen at app/backend/src/services/tasks.py:40 (FL001)"


def _replace_line(text: str, line0: int, new: str) -> str:
    lines = text.split("\n")
    lines[line0] = new
    return "\n".join(lines)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def _apply(text: str, edit: dict[str, Any]) -> str:
    """Apply one LSP TextEdit (ASCII text: UTF-16 columns are code points)."""
    lines = text.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    head = "\n".join([*lines[: start["line"]], lines[start["line"]][: start["character"]]])
    tail_line = lines[end["line"]][end["character"] :]
    tail = "\n".join([tail_line, *lines[end["line"] + 1 :]])
    return head + edit["newText"] + tail


# --------------------------------------------------------------------------- end to end


def test_editor_session_end_to_end(project: Path, start_server: StartServer) -> None:
    """initialize, open, change, save, dependency edit, config change, quick fix, shutdown."""
    lsp_client = start_server(project)
    init = lsp_client.initialize(project, options=OPTIONS)
    caps = init["capabilities"]
    assert caps["textDocumentSync"]["change"] == 2  # incremental
    assert caps["textDocumentSync"]["save"] is not False
    assert caps["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert init["serverInfo"]["name"] == "frontier-lint"

    # --- open: the incident's three findings, with exact ranges and the trace ---------------
    tasks = project / TASKS
    uri = path_uri(tasks)
    text = tasks.read_text()
    lsp_client.open(uri, text)
    diags = lsp_client.wait_diagnostics(uri, version=1, timeout=WAIT)
    assert _codes(diags) == [
        (29, "FL001", "codex"),
        (39, "FL001", "claude"),
        (39, "FL001", "codex"),
    ]
    first = next(d for d in diags if d["range"]["start"]["line"] == 29)
    line = text.split("\n")[29]
    call = "_run_llm_process(cmd, prompt, env)"
    assert first["range"] == {
        "start": {"line": 29, "character": line.index(call)},
        "end": {"line": 29, "character": line.index(call) + len(call)},
    }
    assert first["source"] == "frontier-lint"
    assert first["severity"] == 1
    assert first["message"] == "subprocess.Popen can launch forbidden program `codex`"
    hops = first["relatedInformation"]
    assert hops[0]["location"]["uri"] == path_uri(project / CONFIG_PY)
    assert hops[0]["location"]["range"]["start"]["line"] == 7  # CODEX_CMD = os.getenv(...)
    assert hops[0]["message"].startswith("Config.CODEX_CMD defined as")
    assert hops[-1]["message"].startswith("reaches subprocess.Popen")
    assert all(h["location"]["uri"].startswith("file://") for h in hops)

    # --- change: the unsaved buffer is analysed (the file on disk is untouched) -------------
    at = _line_of(text, "def revision():")
    new_line = '    subprocess.run(["gemini", "-p", "hi"])'
    text2 = text.replace("def revision():\n", "def revision():\n" + new_line + "\n")
    lsp_client.change(uri, 2, at + 1, 0, at + 1, 0, new_line + "\n")
    diags = lsp_client.wait_diagnostics(uri, version=2, timeout=WAIT)
    assert (at + 1, "FL001", "gemini") in _codes(diags)
    assert tasks.read_text() == text

    # --- the quick fix: a suppression comment in the CLI's grammar -------------------------
    gemini = next(d for d in diags if d["range"]["start"]["line"] == at + 1)
    actions = lsp_client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": gemini["range"],
            "context": {"diagnostics": [gemini]},
        },
        timeout=WAIT,
    )
    assert len(actions) == 1
    action = actions[0]
    assert action["kind"] == "quickfix"
    (edit,) = action["edit"]["changes"][uri]
    text3 = _apply(text2, edit)
    fixed_line = text3.split("\n")[at + 1]
    assert fixed_line == (new_line + f"  # frontier-lint: allow[gemini] -- {PLACEHOLDER_REASON}")
    sups, problems = suppressions.scan(text3, TASKS)
    assert problems == [] and [s.programs for s in sups] == [frozenset({"gemini"})]
    lsp_client.replace_all(uri, 3, text3)
    diags = lsp_client.wait_diagnostics(uri, version=3, timeout=WAIT)
    # gemini is suppressed, but the placeholder reason fails the gate until someone writes one.
    assert _codes(diags) == [
        (29, "FL001", "codex"),
        (39, "FL001", "claude"),
        (39, "FL001", "codex"),
        (at + 1, "FL102", ""),
    ]
    text3 = text3.replace(PLACEHOLDER_REASON, "smoke test of the gemini CLI, tracked in #12")
    lsp_client.replace_all(uri, 4, text3)
    diags = lsp_client.wait_diagnostics(uri, version=4, timeout=WAIT)
    assert _codes(diags) == [
        (29, "FL001", "codex"),
        (39, "FL001", "claude"),
        (39, "FL001", "codex"),
    ]

    # --- an unused suppression is shown ------------------------------------------------------
    text4 = text3.replace("allow[gemini]", "allow[gemini, claude]")
    lsp_client.replace_all(uri, 5, text4)
    diags = lsp_client.wait_diagnostics(uri, version=5, timeout=WAIT)
    unused = [d for d in diags if d["code"] == "FL101"]
    assert len(unused) == 1 and unused[0]["range"]["start"]["line"] == at + 1
    assert unused[0]["tags"] == [1]  # Unnecessary

    # --- save: the buffer is written, then analysed again ------------------------------------
    tasks.write_text(text3)
    lsp_client.replace_all(uri, 6, text3)
    lsp_client.wait_diagnostics(uri, version=6, timeout=WAIT)
    mark = lsp_client.mark()
    lsp_client.save(uri)
    diags = lsp_client.wait_diagnostics(uri, timeout=WAIT, since=mark)
    assert _codes(diags) == [
        (29, "FL001", "codex"),
        (39, "FL001", "claude"),
        (39, "FL001", "codex"),
    ]

    # --- a dependency edit: Config.CODEX_CMD's default, in another (unsaved) buffer ----------
    config_py = project / CONFIG_PY
    config_uri = path_uri(config_py)
    config_text = config_py.read_text()
    lsp_client.open(config_uri, config_text)
    # The findings of tasks.py whose values config.py defines show there too, at their hops.
    assert _flow_marks(lsp_client.wait_diagnostics(config_uri, version=1, timeout=WAIT)) == [
        (7, TASKS_CODEX.format(30)),
        (7, TASKS_CODEX.format(40)),
        (8, TASKS_CLAUDE),
    ]
    cline = _line_of(config_text, "CODEX_CMD =")
    old = config_text.split("\n")[cline]
    mark = lsp_client.mark()
    lsp_client.change(config_uri, 2, cline, 0, cline, len(old), old.replace('"codex"', '"llm-gw"'))
    diags = lsp_client.wait_diagnostics(uri, timeout=WAIT, since=mark)
    assert _codes(diags) == [(39, "FL001", "claude")]  # tasks.py was never touched
    config_diags = lsp_client.wait_diagnostics(config_uri, version=2, timeout=WAIT)
    assert _flow_marks(config_diags) == [(8, TASKS_CLAUDE)]

    # --- a configuration change on disk: services/ leaves the frontier runtime -------------
    cfg = project / "frontier-lint.yaml"
    original_cfg = cfg.read_text()
    cfg.write_text(
        original_cfg.replace(
            'exclude: ["app/**/tests/**"]', 'exclude: ["app/**/tests/**", "app/**/services/**"]'
        )
    )
    mark = lsp_client.mark()
    lsp_client.watched_files_changed([(path_uri(cfg), 2)])
    assert lsp_client.wait_diagnostics(uri, timeout=WAIT, since=mark) == []
    cfg.write_text(original_cfg)
    mark = lsp_client.mark()
    # An editor that has the file open reports the save instead.
    lsp_client.open(path_uri(cfg), original_cfg, language="yaml")
    lsp_client.save(path_uri(cfg))
    diags = lsp_client.wait_diagnostics(uri, timeout=WAIT, since=mark)
    assert _codes(diags) == [(39, "FL001", "claude")]

    # --- shutdown and exit ---------------------------------------------------------------------
    assert lsp_client.shutdown(timeout=WAIT) == 0


FLOWS = Path(__file__).parent / "fixtures" / "projects" / "flows_through"
CORE_CONFIG = "app/core/config.py"


def test_a_flow_into_a_closed_file_is_shown_on_the_open_document(
    tmp_path: Path, start_server: StartServer
) -> None:
    """The editor's form of `frontier-lint FILE`: an edit of `core/config.py` that makes a
    launch in the closed `services/repo.py` forbidden shows on config.py, at the changed line,
    pointing at the launch; undone, it goes."""
    root = tmp_path / "flows"
    shutil.copytree(FLOWS, root)
    config_py = root / CORE_CONFIG
    text = config_py.read_text().replace('"GIT_BIN", "codex"', '"GIT_BIN", "git"')
    config_py.write_text(text)
    client = start_server(root)
    client.initialize(root, options=OPTIONS)
    uri = path_uri(config_py)
    client.open(uri, text)
    assert client.wait_diagnostics(uri, version=1, timeout=WAIT) == []

    line = _line_of(text, "GIT_CMD =")
    old = text.split("\n")[line]
    codex = old.replace('"git"', '"codex"')
    client.change(uri, 2, line, 0, line, len(old), codex)
    (diag,) = client.wait_diagnostics(uri, version=2, timeout=WAIT)
    assert diag["message"] == "`codex` reaches subprocess.run at app/services/repo.py:7 (FL001)"
    assert diag["code"] == "FL001" and diag["severity"] == 1
    assert diag["range"]["start"] == {"line": line, "character": 0}
    launch, *hops = diag["relatedInformation"]
    assert launch["location"]["uri"] == path_uri(root / "app/services/repo.py")
    assert launch["location"]["range"]["start"]["line"] == 6
    assert launch["message"] == "subprocess.run can launch forbidden program `codex`"
    assert all(h["location"]["uri"] != uri for h in hops)  # the diagnostic's own hop is its place
    # A suppression belongs at the launch, not here: no quick fix.
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}},
        timeout=WAIT,
    )
    assert not actions
    # The closed file's own diagnostics are not published (see docs/editors.md).
    assert client.diagnostics(path_uri(root / "app/services/repo.py")) is None

    client.change(uri, 3, line, 0, line, len(codex), old)
    assert client.wait_diagnostics(uri, version=3, timeout=WAIT) == []
    assert client.shutdown(timeout=WAIT) == 0


def test_strict_shows_an_unresolved_site_flowing_from_the_open_document(
    tmp_path: Path, start_server: StartServer
) -> None:
    root = tmp_path / "flows"
    shutil.copytree(FLOWS, root)
    config_py = root / CORE_CONFIG
    client = start_server(root)
    client.initialize(root, options={**OPTIONS, "strict": True})
    uri = path_uri(config_py)
    client.open(uri, config_py.read_text())
    diags = client.wait_diagnostics(uri, version=1, timeout=WAIT)
    unresolved = [d for d in diags if d["code"] == "FL200"]
    assert [d["message"] for d in unresolved] == [
        "unresolved launch at app/services/repo.py:11: subprocess.run: the program is not "
        "known: environment variable EDITOR (FL200)"
    ]
    # An unresolved site has no trace: shown on the first line, pointing at the launch.
    assert unresolved[0]["range"]["start"] == {"line": 0, "character": 0}
    (launch,) = unresolved[0]["relatedInformation"]
    assert launch["location"]["range"]["start"]["line"] == 10
    assert client.shutdown(timeout=WAIT) == 0


def test_quick_fix_reason_fails_the_gate_until_a_person_writes_one(
    tmp_path: Path, start_server: StartServer
) -> None:
    """The quick fix's reason is a placeholder: FL102 in the editor and in the CLI's gate (which
    `require_reason` turns on by default) until it is replaced."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "pyproject.toml").write_text("")
    code = 'import subprocess\n\n\ndef go():\n    subprocess.run(["codex", "exec"])\n'
    module = root / "run.py"
    module.write_text(code)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache-home")}

    def gate() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "frontier_lint", "run.py"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )

    client = start_server(root)
    client.initialize(root, options=OPTIONS)
    uri = path_uri(module)
    client.open(uri, code)
    (diag,) = client.wait_diagnostics(uri, version=1, timeout=WAIT)
    assert diag["code"] == "FL001"
    params = {"textDocument": {"uri": uri}, "range": diag["range"]}
    params["context"] = {"diagnostics": [diag]}
    (action,) = client.request("textDocument/codeAction", params, timeout=WAIT)
    (edit,) = action["edit"]["changes"][uri]
    fixed = _apply(code, edit)
    assert fixed.split("\n")[4].endswith(f"# frontier-lint: allow[codex] -- {PLACEHOLDER_REASON}")

    client.replace_all(uri, 2, fixed)
    (diag,) = client.wait_diagnostics(uri, version=2, timeout=WAIT)
    assert (diag["code"], diag["range"]["start"]["line"]) == ("FL102", 4)
    assert "is a placeholder" in diag["message"]
    module.write_text(fixed)
    result = gate()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "run.py:5:" in result.stdout and "FL102" in result.stdout

    reasoned = fixed.replace(PLACEHOLDER_REASON, "smoke test of the codex CLI, see #12")
    client.replace_all(uri, 3, reasoned)
    assert client.wait_diagnostics(uri, version=3, timeout=WAIT) == []
    module.write_text(reasoned)
    result = gate()
    assert result.returncode == 0, result.stdout + result.stderr
    assert client.shutdown(timeout=WAIT) == 0


def test_parse_errors_scope_and_non_python_documents(
    project: Path, start_server: StartServer
) -> None:
    client = start_server(project)
    client.initialize(project, options=OPTIONS)
    tasks = project / TASKS
    uri = path_uri(tasks)
    text = tasks.read_text()
    client.open(uri, text)
    assert len(client.wait_diagnostics(uri, version=1, timeout=WAIT)) == 3

    # A buffer that does not parse: one diagnostic saying so; the server keeps serving.
    broken = text.replace("def revision():", "def revision(:")
    client.replace_all(uri, 2, broken)
    diags = client.wait_diagnostics(uri, version=2, timeout=WAIT)
    assert len(diags) == 1
    assert diags[0]["code"] == "FL201"
    assert "cannot parse" in diags[0]["message"]
    assert diags[0]["range"]["start"]["line"] == _line_of(broken, "def revision(:")
    client.replace_all(uri, 3, text)
    assert len(client.wait_diagnostics(uri, version=3, timeout=WAIT)) == 3

    # A module that names no launch API is not parsed by the engine; it still gets the error.
    util = project / "app/backend/src/util/__init__.py"
    util_uri = path_uri(util)
    client.open(util_uri, "def broken(:\n    pass\n")
    diags = client.wait_diagnostics(util_uri, version=1, timeout=WAIT)
    assert [d["code"] for d in diags] == ["FL201"]

    # Outside the frontier runtime (excluded tests): nothing, though it launches codex.
    test_file = project / "app/backend/tests/test_tasks.py"
    test_uri = path_uri(test_file)
    client.open(test_uri, test_file.read_text())
    assert client.wait_diagnostics(test_uri, version=1, timeout=WAIT) == []
    # The allowlisted installer: nothing either.
    installer = project / "app/installers/setup_cli.py"
    client.open(path_uri(installer), installer.read_text())
    assert client.wait_diagnostics(path_uri(installer), version=1, timeout=WAIT) == []

    # Non-Python documents are never analysed nor published.
    notes = project / "NOTES.md"
    notes.write_text('subprocess.run(["codex"])\n')
    client.open(path_uri(notes), notes.read_text(), language="markdown")
    client.replace_all(uri, 4, text + "\n")
    client.wait_diagnostics(uri, version=4, timeout=WAIT)
    assert client.diagnostics(path_uri(notes)) is None

    # Closing a document clears its diagnostics.
    mark = client.mark()
    client.close(uri)
    assert client.wait_diagnostics(uri, timeout=WAIT, since=mark) == []
    assert client.shutdown(timeout=WAIT) == 0


def test_multi_root_folders_use_their_own_configuration(
    tmp_path: Path, start_server: StartServer
) -> None:
    code = 'import subprocess\n\n\ndef go():\n    subprocess.run(["codex", "exec"])\n'
    strict = tmp_path / "strict"
    lenient = tmp_path / "lenient"
    for folder in (strict, lenient):
        (folder / "pkg").mkdir(parents=True)
        (folder / "pkg" / "run.py").write_text(code)
    (strict / "frontier-lint.yaml").write_text('include: ["pkg/**"]\n')
    (lenient / "frontier-lint.yaml").write_text(
        'include: ["pkg/**"]\nallow:\n  - path: "pkg/run.py"\n    reason: "installer"\n'
    )
    client = start_server(tmp_path)
    client.initialize(tmp_path, folders=[strict, lenient], options=OPTIONS)
    s_uri, l_uri = path_uri(strict / "pkg/run.py"), path_uri(lenient / "pkg/run.py")
    client.open(s_uri, code)
    client.open(l_uri, code)
    assert _codes(client.wait_diagnostics(s_uri, version=1, timeout=WAIT)) == [
        (4, "FL001", "codex")
    ]
    assert client.wait_diagnostics(l_uri, version=1, timeout=WAIT) == []
    assert client.shutdown(timeout=WAIT) == 0


@pytest.mark.parametrize(("encoding", "extra"), [("utf-16", 1), ("utf-8", 3), ("utf-32", 0)])
def test_ranges_use_the_negotiated_position_encoding(
    tmp_path: Path, start_server: StartServer, encoding: str, extra: int
) -> None:
    """Columns count UTF-16 units unless the client offers another encoding."""
    (tmp_path / "pyproject.toml").write_text("")
    code = 'import subprocess\n\nx = "\U0001f600"; subprocess.run(["codex"])\n'
    (tmp_path / "m.py").write_text(code, encoding="utf-8")
    client = start_server(tmp_path)
    init = client.initialize(tmp_path, options=OPTIONS, position_encodings=[encoding])
    assert init["capabilities"]["positionEncoding"] == encoding
    uri = path_uri(tmp_path / "m.py")
    client.open(uri, code)
    (diag,) = client.wait_diagnostics(uri, version=1, timeout=WAIT)
    line = code.split("\n")[2]
    start = line.index("subprocess.run")  # in code points
    assert diag["range"]["start"] == {"line": 2, "character": start + extra}
    assert diag["range"]["end"] == {"line": 2, "character": len(line) + extra}
    assert client.shutdown(timeout=WAIT) == 0


def test_broken_configuration_is_reported_and_the_last_good_one_kept(
    project: Path, start_server: StartServer
) -> None:
    client = start_server(project)
    client.initialize(project, options=OPTIONS)
    uri = path_uri(project / TASKS)
    client.open(uri, (project / TASKS).read_text())
    assert len(client.wait_diagnostics(uri, version=1, timeout=WAIT)) == 3
    cfg = project / "frontier-lint.yaml"
    good = cfg.read_text()
    cfg.write_text(good + "unknown_key: 1\n")
    mark = client.mark()
    client.watched_files_changed([(path_uri(cfg), 2)])
    cfg_diags = client.wait_diagnostics(path_uri(cfg), timeout=WAIT, since=mark)
    assert len(cfg_diags) == 1 and "unknown_key" in cfg_diags[0]["message"]
    assert cfg_diags[0]["range"]["start"]["line"] == len(good.splitlines())
    shown = client.wait_for(lambda m: m["method"] == "window/showMessage", WAIT, mark)
    assert "unknown_key" in shown["params"]["message"]
    assert len(client.wait_diagnostics(uri, timeout=WAIT, since=mark)) == 3  # still served
    cfg.write_text(good)
    mark = client.mark()
    client.watched_files_changed([(path_uri(cfg), 2)])
    assert client.wait_diagnostics(path_uri(cfg), timeout=WAIT, since=mark) == []
    assert client.shutdown(timeout=WAIT) == 0


def test_configuration_change_seen_without_file_watching(
    project: Path, start_server: StartServer
) -> None:
    """A client that neither watches files nor has the configuration open: the next analysis
    notices the configuration's new modification time."""
    client = start_server(project)
    client.initialize(project, options=OPTIONS)
    uri = path_uri(project / TASKS)
    text = (project / TASKS).read_text()
    client.open(uri, text)
    assert len(client.wait_diagnostics(uri, version=1, timeout=WAIT)) == 3
    cfg = project / "frontier-lint.yaml"
    cfg.write_text(cfg.read_text() + '  - path: "app/backend/src/services/**"\n    reason: "x"\n')
    client.replace_all(uri, 2, text + "\n")
    assert client.wait_diagnostics(uri, timeout=WAIT, predicate=lambda d: d == []) == []
    assert client.shutdown(timeout=WAIT) == 0


def test_watched_python_file_changed_on_disk(project: Path, start_server: StartServer) -> None:
    """A module that is not open changes on disk (a checkout): open documents follow."""
    client = start_server(project)
    init = client.initialize(project, options=OPTIONS)
    del init
    registered = client.server_requests
    uri = path_uri(project / TASKS)
    client.open(uri, (project / TASKS).read_text())
    assert len(client.wait_diagnostics(uri, version=1, timeout=WAIT)) == 3
    assert any(r["method"] == "client/registerCapability" for r in registered)
    config_py = project / CONFIG_PY
    config_py.write_text(config_py.read_text().replace('"codex")', '"llm-gw")'))
    mark = client.mark()
    client.watched_files_changed([(path_uri(config_py), 2)])
    assert _codes(client.wait_diagnostics(uri, timeout=WAIT, since=mark)) == [
        (39, "FL001", "claude")
    ]
    assert client.shutdown(timeout=WAIT) == 0


def test_exit_without_shutdown_is_status_1(project: Path, start_server: StartServer) -> None:
    client = start_server(project)
    client.initialize(project)
    client.notify("exit")
    assert client.proc.wait(timeout=WAIT) == 1


def test_missing_extra_is_one_line_and_status_2() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; from frontier_lint.cli import main; main(['lsp'])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=WAIT, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "frontier-lint: error: the language server needs the `lsp` extra: "
        "pip install 'frontier-lint[lsp]'"
    )


# --------------------------------------------------------------------------- damaged input


def _initialized_in_empty_project(root: Path, start_server: StartServer) -> LspClient:
    (root / "pyproject.toml").write_text("")
    client = start_server(root)
    client.initialize(root, options=OPTIONS)
    return client


def _frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _code_action(msg_id: int, params: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/codeAction", "params": params}


def _valid_code_action(msg_id: int, uri: str) -> dict[str, Any]:
    where = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}
    params = {"textDocument": {"uri": uri}, "range": where, "context": {"diagnostics": []}}
    return _code_action(msg_id, params)


_SHORT_BODY = json.dumps({"jsonrpc": "2.0", "method": "$/noop", "params": {}}).encode()

# Damaged input a client (or a pipe) can produce; after each the server must answer the next
# well-formed request. On the right: what the damage looks like on the wire.
DAMAGED_FRAMES = {
    "garbage header line": b"Garbage\r\n\r\n",
    "non-numeric length": b"Content-Length: abc\r\n\r\n{}",
    "no Content-Length": b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}",
    # The next request arrives while the server still waits for 500 bytes: it must see the
    # next header in what it took for the body, or both sides wait for ever.
    "body shorter than announced": b"Content-Length: 500\r\n\r\n" + _SHORT_BODY,
    # Three bytes short: the next header is cut at the end of what was taken for the body.
    "body 3 bytes short": b"Content-Length: %d\r\n\r\n" % (len(_SHORT_BODY) + 3) + _SHORT_BODY,
    "body longer than announced": b"Content-Length: 2\r\n\r\n{}}}}",
    "body that is not JSON": b"Content-Length: 5\r\n\r\nhello",
    "body that is not UTF-8": b'Content-Length: 4\r\n\r\n"\xff\xfe"',
    "header without its end": b"Content-Length: 12" + b" " * 9000,
}


def test_damaged_framing_is_skipped_and_the_next_request_answered(
    tmp_path: Path, start_server: StartServer
) -> None:
    """Each damaged message gets an error (id null: its id cannot be known) and a log line; the
    server resynchronises on the next header and answers the request that follows."""
    client = _initialized_in_empty_project(tmp_path, start_server)
    uri = path_uri(tmp_path / "m.py")
    for name, damage in DAMAGED_FRAMES.items():
        errors = len(client.unattributed)
        msg_id = client.next_id()
        client.send_raw(damage + _frame(_valid_code_action(msg_id, uri)))
        response = client.response(msg_id, name, timeout=15)
        assert response.get("result") is None and "error" not in response, name
        assert len(client.unattributed) > errors, name
        assert all(e["error"]["code"] in (-32700, -32600) for e in client.unattributed), name
    assert client.shutdown(timeout=WAIT) == 0
    log = (tmp_path / "server-0.log").read_text()
    assert log.count("unreadable input skipped") >= len(DAMAGED_FRAMES)
    assert "Traceback" not in log


def test_oversized_message_is_skipped_without_allocating_it(
    tmp_path: Path, start_server: StartServer
) -> None:
    client = _initialized_in_empty_project(tmp_path, start_server)
    msg_id = client.next_id()
    uri = path_uri(tmp_path / "m.py")
    # Announces 93 GB (pygls' reader allocated it: MemoryError), sends two bytes.
    client.send_raw(
        b"Content-Length: 99999999999\r\n\r\n{}" + _frame(_valid_code_action(msg_id, uri))
    )
    assert "error" not in client.response(msg_id, "the request after", timeout=15)
    (error,) = client.unattributed
    assert error["error"]["code"] == -32600
    assert f"over the {MAX_MESSAGE_BYTES}-byte limit" in error["error"]["message"]
    # A body really over the limit streams by; the message after it is read.
    msg_id = client.next_id()
    size = MAX_MESSAGE_BYTES + 1024
    body = b'{"jsonrpc": "2.0", "method": "$/x", "params": "' + b"a" * (size - 49) + b'"}'
    assert len(body) == size
    client.send_raw(b"Content-Length: %d\r\n\r\n" % size + body)
    client.send_raw(_frame(_valid_code_action(msg_id, uri)))
    assert "error" not in client.response(msg_id, "the request after", timeout=30)
    assert len(client.unattributed) == 2
    assert client.shutdown(timeout=WAIT) == 0
    assert "MemoryError" not in (tmp_path / "server-0.log").read_text()


def test_invalid_params_get_an_invalid_params_error_with_the_request_id(
    tmp_path: Path, start_server: StartServer
) -> None:
    client = _initialized_in_empty_project(tmp_path, start_server)
    uri = path_uri(tmp_path / "m.py")
    for params in ({}, "a string", [1, 2], {"textDocument": {"uri": uri}, "range": {}}):
        msg_id = client.next_id()
        client.send_raw(_frame(_code_action(msg_id, params)))
        response = client.response(msg_id, f"codeAction with {params!r}", timeout=15)
        assert response["error"]["code"] == -32602, params
        assert "textDocument/codeAction" in response["error"]["message"]
    missing = client.call("textDocument/codeAction", {"textDocument": {"uri": uri}}, timeout=15)
    assert "range" in missing["error"]["message"]
    # A notification with invalid params is dropped (notifications are never answered) ...
    client.send_raw(_frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}}))
    # ... and a request that is not JSON-RPC 2.0 is refused with its id.
    msg_id = client.next_id()
    client.send_raw(_frame({"jsonrpc": "1.0", "id": msg_id, "method": "shutdown"}))
    assert client.response(msg_id, "a JSON-RPC 1.0 request", timeout=15)["error"]["code"] == -32600
    # The server goes on serving.
    text = 'import subprocess\nsubprocess.run(["codex"])\n'
    client.open(uri, text)
    assert [d["code"] for d in client.wait_diagnostics(uri, version=1, timeout=WAIT)] == ["FL001"]
    assert client.shutdown(timeout=WAIT) == 0


# --------------------------------------------------------------------------- failing analyses

# Loaded by every Python process started with it on PYTHONPATH (the server and whatever runs its
# analysis): the engine raises, or dies as a crash in native code does, on a marked buffer.
FAULTY_ENGINE = """
import os, resource, signal
import frontier_lint.run.engine as _engine

_real = _engine.lint

def _lint(config, catalogue, request, **kwargs):
    for text in (request.overrides or {}).values():
        if "RAISE-IN-ANALYSIS" in text:
            raise RuntimeError("injected failure")
        if "CRASH-IN-ANALYSIS" in text:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            os.kill(os.getpid(), signal.SIGSEGV)
    return _real(config, catalogue, request, **kwargs)

_engine.lint = _lint
"""


def _faulty_engine_env(tmp_path: Path) -> dict[str, str]:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(FAULTY_ENGINE)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hooks), env.get("PYTHONPATH")]))
    return env


BAD_MODULE = "app/backend/src/util/bad.py"


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        ("RAISE-IN-ANALYSIS", "RuntimeError: injected failure"),
        ("CRASH-IN-ANALYSIS", "killed by SIGSEGV"),
    ],
)
def test_a_buffer_whose_analysis_fails_affects_only_its_own_diagnostics(
    project: Path, tmp_path: Path, start_server: StartServer, marker: str, reason: str
) -> None:
    """While one buffer makes the engine raise (or crash), every other document still gets new
    diagnostics, and that buffer says its analysis failed (never "no problems")."""
    client = start_server(project, env=_faulty_engine_env(tmp_path))
    client.initialize(project, options=OPTIONS)
    tasks_uri = path_uri(project / TASKS)
    client.open(tasks_uri, (project / TASKS).read_text())
    assert len(client.wait_diagnostics(tasks_uri, version=1, timeout=WAIT)) == 3
    bad_uri = path_uri(project / BAD_MODULE)
    bad_text = f"# {marker}\nimport subprocess\n"
    client.open(bad_uri, bad_text)
    (diag,) = client.wait_diagnostics(bad_uri, version=1, timeout=WAIT)
    assert diag["code"] == "FL201"
    assert (
        diag["message"].startswith("analysis failed on this buffer") and reason in diag["message"]
    )
    shown = client.wait_for(lambda m: m["method"] == "window/showMessage", WAIT)
    assert reason in shown["params"]["message"]

    # An edit of another module while the bad buffer is still open: its dependants follow.
    config_py = project / CONFIG_PY
    config_uri = path_uri(config_py)
    config_text = config_py.read_text()
    client.open(config_uri, config_text)
    mark = client.mark()
    client.replace_all(config_uri, 2, config_text.replace('"codex")', '"llm-gw")'))
    diags = client.wait_diagnostics(tasks_uri, timeout=WAIT, since=mark)
    assert _codes(diags) == [(39, "FL001", "claude")]
    assert _flow_marks(client.wait_diagnostics(config_uri, version=2, timeout=WAIT)) == [
        (8, TASKS_CLAUDE)
    ]
    (diag,) = client.wait_diagnostics(bad_uri, timeout=WAIT, since=mark)
    assert diag["code"] == "FL201"

    # The buffer fixed: analysed again, with the others.
    client.replace_all(bad_uri, 2, 'import subprocess\nsubprocess.run(["gemini"])\n')
    diags = client.wait_diagnostics(bad_uri, version=2, timeout=WAIT)
    assert [(d["code"], d["range"]["start"]["line"]) for d in diags] == [("FL001", 1)]
    assert client.shutdown(timeout=WAIT) == 0


def test_deeply_nested_buffer_does_not_take_the_server_down(
    project: Path, start_server: StartServer
) -> None:
    """~2,000 nested parentheses in a launch crashed libcst's native parser (SIGSEGV), which
    ended the whole server; now the buffer gets FL201 and the others keep their diagnostics."""
    client = start_server(project)
    client.initialize(project, options=OPTIONS)
    tasks_uri = path_uri(project / TASKS)
    client.open(tasks_uri, (project / TASKS).read_text())
    assert len(client.wait_diagnostics(tasks_uri, version=1, timeout=WAIT)) == 3
    deep_uri = path_uri(project / BAD_MODULE)
    deep = "import subprocess\nsubprocess.run(" + "(" * 2000 + '"codex"' + ")" * 2000 + ")\n"
    client.open(deep_uri, deep)
    diags = client.wait_diagnostics(deep_uri, version=1, timeout=WAIT)
    assert [d["code"] for d in diags] == ["FL201"]
    mark = client.mark()
    client.replace_all(tasks_uri, 2, (project / TASKS).read_text() + "\n")
    assert len(client.wait_diagnostics(tasks_uri, version=2, timeout=WAIT, since=mark)) == 3
    assert client.shutdown(timeout=WAIT) == 0


# --------------------------------------------------------------------------- the workspace


class _Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.published: list[tuple[str, int | None, list[lsp.Diagnostic]]] = []
        self.messages: list[tuple[int, str]] = []

    def publish(self, uri: str, version: int | None, diags: list[lsp.Diagnostic]) -> None:
        with self.lock:
            self.published.append((uri, version, diags))

    def message(self, level: int, text: str) -> None:
        with self.lock:
            self.messages.append((level, text))

    def wait(self, predicate: Any, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if predicate(self):
                    return
            time.sleep(0.01)
        raise AssertionError("timed out")


def _empty_report() -> Report:
    return Report(findings=(), unresolved=(), errors=(), summary=Summary())


@contextlib.contextmanager
def _workspace(root: Path, analyse: Any) -> Iterator[tuple[Workspace, _Recorder]]:
    """A workspace over the project `root` with a stand-in for the engine; stopped at the end."""
    (root / "pyproject.toml").write_text("")
    rec = _Recorder()
    ws = Workspace(rec.publish, rec.message, options=Options(debounce=0.01), analyse=analyse)
    try:
        ws.set_folders([root])
        yield ws, rec
    finally:
        ws.stop()
        # (A worker left running makes every later test's forks unsafe: they would skip.)
        assert ws.join(WAIT)


def test_engine_errors_are_reported_and_the_worker_survives(tmp_path: Path) -> None:
    calls: list[dict[str, str]] = []

    def analyse(config: Any, catalogue: Any, overrides: dict[str, str]) -> Report:
        calls.append(overrides)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return _empty_report()

    with _workspace(tmp_path, analyse) as (ws, rec):
        uri = path_uri(tmp_path / "a.py")
        ws.open(uri, "x = 1\n", 1, "python")
        rec.wait(lambda r: r.messages)
        assert "RuntimeError: boom" in rec.messages[0][1]
        ws.change(uri, "x = 2\n", 2)
        rec.wait(lambda r: any(p[1] == 2 for p in r.published))


def test_a_failing_buffer_is_found_left_out_and_remembered(tmp_path: Path) -> None:
    calls: list[dict[str, str]] = []

    def analyse(config: Any, catalogue: Any, overrides: dict[str, str]) -> Report:
        calls.append(dict(overrides))
        if any("BAD" in text for text in overrides.values()):
            raise RuntimeError("boom")
        return _empty_report()

    with _workspace(tmp_path, analyse) as (ws, rec):
        good, bad = path_uri(tmp_path / "a.py"), path_uri(tmp_path / "b.py")
        ws.open(good, "x = 1\n", 1, "python")
        ws.open(bad, "BAD\n", 1, "python")
        rec.wait(lambda r: {p[0] for p in r.published} == {good, bad})
        assert ws.wait_idle(WAIT)
        published = {uri: diags for uri, _, diags in rec.published}
        assert published[good] == []
        (diag,) = published[bad]
        assert diag.code == "FL201" and "RuntimeError: boom" in diag.message
        # The whole run, then each buffer alone, then the run without the failing one.
        assert calls[-4:] == [
            {"a.py": "x = 1\n", "b.py": "BAD\n"},
            {"a.py": "x = 1\n"},
            {"b.py": "BAD\n"},
            {"a.py": "x = 1\n", "b.py": ""},
        ]
        # Its text is remembered: the next edit of another buffer costs one run.
        del calls[:]
        ws.change(good, "x = 2\n", 2)
        rec.wait(lambda r: any(p[0] == good and p[1] == 2 for p in r.published))
        assert calls == [{"a.py": "x = 2\n", "b.py": ""}]


def test_an_analysis_failure_no_buffer_explains_fails_every_document(tmp_path: Path) -> None:
    def analyse(config: Any, catalogue: Any, overrides: dict[str, str]) -> Report:
        raise RuntimeError("the project is broken")

    with _workspace(tmp_path, analyse) as (ws, rec):
        uris = [path_uri(tmp_path / "a.py"), path_uri(tmp_path / "b.py")]
        for uri in uris:
            ws.open(uri, "x = 1\n", 1, "python")
        rec.wait(lambda r: {p[0] for p in r.published} == set(uris))
        for _, _, diags in rec.published:
            (diag,) = diags  # never an empty list: that would read "no problems"
            assert diag.code == "FL201"
            assert diag.message == "analysis failed: RuntimeError: the project is broken" + (
                " (see the server log)"
            )


def test_changes_are_debounced_and_superseded_runs_discarded(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    seen: list[str] = []
    release = threading.Event()

    def analyse(config: Any, catalogue: Any, overrides: dict[str, str]) -> Report:
        text = overrides["a.py"]
        seen.append(text)
        if text == "v1":
            release.wait(WAIT)  # a slow run: edits arrive while it is going
        err = FileError("a.py", 1, 1, f"cannot parse: {text}")
        return Report(findings=(), unresolved=(), errors=(err,), summary=Summary())

    rec = _Recorder()
    ws = Workspace(rec.publish, rec.message, options=Options(debounce=0.2), analyse=analyse)
    try:
        ws.set_folders([tmp_path])
        uri = path_uri(tmp_path / "a.py")
        ws.open(uri, "v1", 1, "python")
        deadline = time.monotonic() + WAIT
        while not seen and time.monotonic() < deadline:
            time.sleep(0.01)
        for version in range(2, 7):  # a burst of edits inside one debounce window
            ws.change(uri, f"v{version}", version)
            time.sleep(0.01)
        release.set()
        rec.wait(lambda r: any(p[1] == 6 for p in r.published))
        assert ws.wait_idle(WAIT)
        assert seen == ["v1", "v6"]  # the burst made one run; v1's result was discarded
        assert [p[1] for p in rec.published] == [6]
        assert "cannot parse: v6" in rec.published[0][2][0].message
    finally:
        ws.stop()
        assert ws.join(WAIT)


# --------------------------------------------------------------------------- conversions


def test_columns_are_converted_to_the_client_encoding() -> None:
    line = 'x = "é😀"; run()'
    col = line.index("run")  # code points
    assert client_column(line, col, "utf-32") == col
    assert client_column(line, col, "utf-16") == col + 1  # the emoji is two UTF-16 units
    assert client_column(line, col, "utf-8") == col + 1 + 3
    for enc in ("utf-8", "utf-16", "utf-32"):
        assert server_column(line, client_column(line, col, enc), enc) == col


@pytest.mark.parametrize(
    ("source", "first", "last", "expected"),
    [
        (
            'subprocess.run(["codex"])\n',
            0,
            0,
            f'subprocess.run(["codex"])  # frontier-lint: allow[codex] -- {PLACEHOLDER_REASON}\n',
        ),
        (  # after another pragma: the directive must come last
            'subprocess.run(["codex"])  # noqa: S603\n',
            0,
            0,
            'subprocess.run(["codex"])  # noqa: S603'
            f"  # frontier-lint: allow[codex] -- {PLACEHOLDER_REASON}\n",
        ),
        (  # an existing directive gets the target added
            'subprocess.run(["codex", "gemini"])  # frontier-lint: allow[gemini] -- ok\n',
            0,
            0,
            'subprocess.run(["codex", "gemini"])  # frontier-lint: allow[gemini, codex] -- ok\n',
        ),
        (  # the first line ends inside a string: the call's last line takes it
            'subprocess.run("""codex\nexec""", shell=True)\n',
            0,
            1,
            'subprocess.run("""codex\nexec""", shell=True)'
            f"  # frontier-lint: allow[codex] -- {PLACEHOLDER_REASON}\n",
        ),
    ],
)
def test_suppression_edit(source: str, first: int, last: int, expected: str) -> None:
    edit = suppression_edit(source, first, last, "codex", "utf-16")
    assert edit is not None
    as_json = {
        "range": {
            "start": {"line": edit.range.start.line, "character": edit.range.start.character},
            "end": {"line": edit.range.end.line, "character": edit.range.end.character},
        },
        "newText": edit.new_text,
    }
    result = _apply(source, as_json)
    assert result == expected
    sups, problems = suppressions.scan(result, "x.py")
    assert problems == []
    assert any("codex" in s.programs for s in sups)


def test_suppression_edit_declines_when_already_suppressed() -> None:
    src = 'subprocess.run(["codex"])  # frontier-lint: allow[codex] -- ok\n'
    assert suppression_edit(src, 0, 0, "codex", "utf-16") is None


def test_an_unknown_rule_code_in_the_configuration_is_reported_as_the_cli_does(
    project: Path, start_server: StartServer
) -> None:
    cfg = project / "frontier-lint.yaml"
    cfg.write_text(cfg.read_text() + "select: [FL9]\n")
    client = start_server(project)
    client.initialize(project, options=OPTIONS)
    client.open(path_uri(project / TASKS), (project / TASKS).read_text())
    (diag,) = client.wait_diagnostics(path_uri(cfg), timeout=WAIT)
    assert "select[0]: unknown rule code 'FL9'" in diag["message"]
    assert client.shutdown(timeout=WAIT) == 0


# --------------------------------------------------------------------------- framing


def _reader(chunks: list[bytes], **limits: int) -> MessageReader:
    """A reader over `chunks`, each returned by one read (split when longer than asked)."""
    pending = list(chunks)

    def read_chunk(n: int) -> bytes:
        if not pending:
            return b""
        chunk = pending.pop(0)
        if len(chunk) > n:
            pending.insert(0, chunk[n:])
        return chunk[:n]

    return MessageReader(read_chunk, **limits)


def _read_all(reader: MessageReader) -> list[Message | ReadError]:
    out: list[Message | ReadError] = []
    while (item := reader.read()) is not None:
        out.append(item)
    return out


_OK = _frame({"jsonrpc": "2.0", "id": 7, "method": "shutdown"})


@pytest.mark.parametrize("name", sorted(DAMAGED_FRAMES))
@pytest.mark.parametrize("split", ["whole", "bytewise"])
def test_reader_resynchronises_after_damage(name: str, split: str) -> None:
    data = DAMAGED_FRAMES[name] + _OK + _OK
    chunks = [data] if split == "whole" else [bytes([b]) for b in data]
    items = _read_all(_reader(chunks))
    assert any(isinstance(i, ReadError) for i in items)
    assert [i.value for i in items if isinstance(i, Message) and i.value != {}] == [
        {"jsonrpc": "2.0", "id": 7, "method": "shutdown"}
    ] * 2


def test_reader_reads_well_formed_input_unchanged() -> None:
    lower = _OK.replace(b"Content-Length", b"content-length")
    typed = _OK.replace(b"\r\n\r\n", b"\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n")
    items = _read_all(_reader([_OK, b"\r\n", lower, typed, _OK + _OK]))
    assert [type(i) for i in items] == [Message] * 5


def test_reader_keeps_no_more_than_the_limit_of_an_oversized_message() -> None:
    size = 5_000_000
    chunks = [
        b"Content-Length: %d\r\n\r\n" % size,
        *([b"x" * 65536] * (size // 65536)),
        b"x" * (size % 65536),
        _OK,
    ]
    reader = _reader(chunks, max_message=100_000)
    tracemalloc.start()
    try:
        items = _read_all(reader)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(items[0], ReadError) and "over the 100000-byte limit" in items[0].text
    assert isinstance(items[1], Message)
    assert peak < 1_000_000  # chunks pass through; the 5 MB body is never held
    assert reader.dropped >= size


def test_reader_ends_at_the_end_of_input_inside_a_message() -> None:
    items = _read_all(_reader([_OK, b"Content-Length: 50\r\n\r\n{"]))
    assert isinstance(items[0], Message)
    assert isinstance(items[1], ReadError) and "ended inside a message" in items[1].text
    assert len(items) == 2
