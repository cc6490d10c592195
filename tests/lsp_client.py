"""A minimal Language Server Protocol client over stdio (standard library only).

Used by the test-suite and `bench/lsp_bench.py` to drive `frontier-lint lsp` exactly as an editor
does: a subprocess, `Content-Length` framed JSON-RPC on its standard streams. It is deliberately
independent of pygls, so the server is tested against the protocol rather than against the
library that implements it. Every wait has a timeout; requests from the server (capability
registration, progress) are answered with an empty success, like a plain editor would.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlparse
from urllib.request import pathname2url

Message = dict[str, Any]


class LspError(Exception):
    """The server answered a request with an error, or did not answer in time."""


def path_uri(path: Path | str) -> str:
    """A `file://` URI for an absolute path."""
    return "file://" + pathname2url(os.path.abspath(path))


def uri_path(uri: str) -> Path:
    return Path(unquote(urlparse(uri).path))


class LspClient:
    """One language-server subprocess and the messages it sent.

    Notifications are kept in order in `notifications`; `wait_for` and `wait_diagnostics` scan
    the ones that arrived since the server started, so a notification is never missed because it
    came before the wait began (use `mark()` / `since=` to look only at newer ones).
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cwd: Path | str | None = None,
        env: Mapping[str, str] | None = None,
        stderr: IO[bytes] | int | None = subprocess.DEVNULL,
    ) -> None:
        self.proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=cwd,
            env=dict(env) if env is not None else None,
        )
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._responses: dict[int | str, Message] = {}
        # Error responses with id null: the server could not tell which request it answers.
        self.unattributed: list[Message] = []
        self.notifications: list[Message] = []
        self.server_requests: list[Message] = []
        self._closed = False
        self._write_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # --- framing ------------------------------------------------------------------------------

    def _send(self, message: Message) -> None:
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_raw(self, data: bytes) -> None:
        """Write bytes as they are (tests of the server's framing)."""
        stdin = self.proc.stdin
        assert stdin is not None
        with self._write_lock:
            stdin.write(data)
            stdin.flush()

    def _read_message(self, stream: IO[bytes]) -> Message | None:
        length = -1
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length < 0:
            raise LspError("a message without Content-Length")
        body = stream.read(length)
        if len(body) < length:
            return None
        message: Message = json.loads(body.decode("utf-8"))
        return message

    def _read_loop(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        try:
            while True:
                message = self._read_message(stdout)
                if message is None:
                    break
                self._dispatch(message)
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify_all()

    def _dispatch(self, message: Message) -> None:
        if "method" in message and "id" in message:  # a request from the server
            with self._cond:
                self.server_requests.append(message)
                self._cond.notify_all()
            result: Any = None
            if message["method"] == "workspace/configuration":
                result = [None for _ in message.get("params", {}).get("items", [])]
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            return
        with self._cond:
            if "method" in message:
                message["_received"] = time.perf_counter()
                self.notifications.append(message)
            elif message.get("id") is None:
                self.unattributed.append(message)
            else:
                self._responses[message["id"]] = message
            self._cond.notify_all()

    # --- requests and notifications -----------------------------------------------------------

    def request(self, method: str, params: Any = None, timeout: float = 30.0) -> Any:
        """The result of a request (LspError when the server answers with an error)."""
        response = self.call(method, params, timeout)
        if "error" in response:
            raise LspError(f"{method}: {response['error']}")
        return response.get("result")

    def call(self, method: str, params: Any = None, timeout: float = 30.0) -> Message:
        """Send a request; its whole response (`result` or `error`)."""
        msg_id = next(self._ids)
        self._send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return self.response(msg_id, method, timeout)

    def response(
        self, msg_id: int | str, what: str = "a request", timeout: float = 30.0
    ) -> Message:
        """The response to the request `msg_id` (sent with `send_raw`, or by `call`)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while msg_id not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise LspError(f"no response to {what} within {timeout:g} s")
                self._cond.wait(left)
            return self._responses.pop(msg_id)

    def next_id(self) -> int:
        """An id no request of this client uses (for messages written with `send_raw`)."""
        return next(self._ids)

    def notify(self, method: str, params: Any = None) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def mark(self) -> int:
        """The number of notifications so far: pass as `since=` to wait only for newer ones."""
        with self._cond:
            return len(self.notifications)

    def wait_for(
        self,
        predicate: Callable[[Message], bool],
        timeout: float = 30.0,
        since: int = 0,
        what: str = "notification",
    ) -> Message:
        """The first notification (from index `since`) that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        index = since
        with self._cond:
            while True:
                while index < len(self.notifications):
                    message = self.notifications[index]
                    index += 1
                    if predicate(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise LspError(f"no {what} within {timeout:g} s")
                self._cond.wait(left)

    def diagnostics(self, uri: str) -> list[Message] | None:
        """The latest diagnostics published for `uri` (None: none published yet)."""
        with self._cond:
            for message in reversed(self.notifications):
                if message["method"] == "textDocument/publishDiagnostics" and (
                    message["params"]["uri"] == uri
                ):
                    return list(message["params"]["diagnostics"])
        return None

    def wait_diagnostics(
        self,
        uri: str,
        *,
        version: int | None = None,
        predicate: Callable[[list[Message]], bool] | None = None,
        timeout: float = 30.0,
        since: int = 0,
    ) -> list[Message]:
        """Diagnostics published for `uri` (for `version`, and satisfying `predicate`)."""

        def match(message: Message) -> bool:
            if message["method"] != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            if params["uri"] != uri:
                return False
            if version is not None and params.get("version") != version:
                return False
            return predicate is None or predicate(params["diagnostics"])

        found = self.wait_for(match, timeout, since, what=f"diagnostics for {uri}")
        return list(found["params"]["diagnostics"])

    # --- the LSP conversation -------------------------------------------------------------------

    def initialize(
        self,
        root: Path | None,
        *,
        folders: Sequence[Path] | None = None,
        options: Mapping[str, Any] | None = None,
        position_encodings: Sequence[str] | None = None,
        timeout: float = 30.0,
    ) -> Any:
        folders = list(folders) if folders is not None else ([root] if root else [])
        general: Message = {}
        if position_encodings is not None:
            general["positionEncodings"] = list(position_encodings)
        params: Message = {
            "processId": os.getpid(),
            "rootUri": path_uri(root) if root else None,
            "capabilities": {
                "general": general,
                "workspace": {
                    "workspaceFolders": True,
                    "didChangeWatchedFiles": {"dynamicRegistration": True},
                },
                "textDocument": {
                    "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
                    "codeAction": {
                        "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}
                    },
                    "synchronization": {"didSave": True},
                },
            },
            "workspaceFolders": [{"uri": path_uri(f), "name": Path(f).name} for f in folders]
            or None,
        }
        if options is not None:
            params["initializationOptions"] = dict(options)
        result = self.request("initialize", params, timeout=timeout)
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1, language: str = "python") -> None:
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(
        self,
        uri: str,
        version: int,
        start_line: int,
        start_char: int,
        end_line: int,
        end_char: int,
        text: str,
    ) -> None:
        """One incremental change (positions in UTF-16 code units, as LSP defaults to)."""
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": start_line, "character": start_char},
                            "end": {"line": end_line, "character": end_char},
                        },
                        "text": text,
                    }
                ],
            },
        )

    def replace_all(self, uri: str, version: int, text: str) -> None:
        """A full-text change."""
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def save(self, uri: str, text: str | None = None) -> None:
        params: Message = {"textDocument": {"uri": uri}}
        if text is not None:
            params["text"] = text
        self.notify("textDocument/didSave", params)

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def watched_files_changed(self, changes: Sequence[tuple[str, int]]) -> None:
        """`workspace/didChangeWatchedFiles`: (uri, 1 created | 2 changed | 3 deleted) pairs."""
        self.notify(
            "workspace/didChangeWatchedFiles",
            {"changes": [{"uri": uri, "type": kind} for uri, kind in changes]},
        )

    def shutdown(self, timeout: float = 30.0) -> int:
        """`shutdown` then `exit`; the server's exit status."""
        self.request("shutdown", None, timeout=timeout)
        self.notify("exit")
        return self.proc.wait(timeout=timeout)

    # --- lifetime ----------------------------------------------------------------------------

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def __enter__(self) -> LspClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
