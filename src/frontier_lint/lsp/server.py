"""`frontier-lint lsp`: the language server, over stdio (needs the `lsp` extra: pygls).

    pip install 'frontier-lint[lsp]'
    frontier-lint lsp [--log-file FILE] [-v]

What it does (set-up for editors in docs/editors.md):

- diagnostics on open, on change (debounced, from the unsaved buffer) and on save: the rule id,
  the message, the exact range of the call, the trace as `relatedInformation`; allowlisted and
  suppressed findings are not shown, reports about suppressions (unused, malformed) are;
- every open document of a project is re-published after each analysis, so an edit of one module
  updates the diagnostics of the open modules whose findings depend on it;
- configuration files are re-read when saved or changed on disk (`workspace/didChangeWatchedFiles`
  is registered when the client supports it); each workspace folder uses its own configuration;
- a quick fix adds `# frontier-lint: allow[PROGRAM] -- TODO: <why ...>` to the call's line (a
  placeholder reason: FL102 until a person writes one).

The analysis runs on a worker thread (`lsp_workspace.Workspace`), which hands each run to an
analysis process (`lsp_worker`): the event loop only records buffers and answers requests, and a
crash in the engine's native code ends that process, not the server. Settings (`initializationOptions`, or `frontier-lint` in
`workspace/didChangeConfiguration`): `debounceMs` (default 75) and `strict` (also show launch
sites whose program cannot be resolved, like `--strict`).

Standard input is read by `lsp_framing.MessageReader` rather than pygls' reader: damaged framing
(a bad or missing `Content-Length`, a body shorter or longer than announced, a body that is not
JSON) is answered with a JSON-RPC error and skipped up to the next header, a message over
`lsp_framing.MAX_MESSAGE_BYTES` is skipped without being kept, and a request whose params do not
fit its method gets an `InvalidParams` error with its id. pygls still does the rest: each parsed
message goes to its protocol (`structure_message`, `handle_message`), the public entry points of
`pygls.protocol.JsonRPCProtocol`; `start_io` is the one method overridden. Needs pygls 2.x.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import json
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from frontier_lint import __version__
from frontier_lint.lsp.framing import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    Message,
    MessageReader,
    ReadError,
)

if TYPE_CHECKING:  # pygls and lsprotocol are the optional `lsp` extra: imported where used
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer
    from pygls.protocol import JsonRPCProtocol, LanguageServerProtocol
    from pygls.workspace import TextDocument

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_GRACE = 2.0  # seconds to let a running analysis finish at exit
EXTRA_HINT = "the language server needs the `lsp` extra: pip install 'frontier-lint[lsp]'"

log = logging.getLogger("frontier_lint.lsp")


def main(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="frontier-lint lsp",
        description="Language server for frontier-lint, over standard input and output.",
    )
    parser.add_argument(
        "--stdio", action="store_true", help="use standard input and output (the default, only)"
    )
    parser.add_argument(
        "--log-file", type=Path, metavar="FILE", help="write the server log to FILE"
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more logging (-vv: protocol too)"
    )
    ns = parser.parse_args(args)
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(f"frontier-lint: error: {EXTRA_HINT}", file=sys.stderr)
        return EXIT_ERROR
    try:
        _setup_logging(ns.log_file, ns.verbose)
    except OSError as exc:
        print(f"frontier-lint: error: cannot write {ns.log_file}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Standard output is the protocol channel: a stray print anywhere must not corrupt it.
    sys.stdout = sys.stderr
    server, state = create_server()
    try:
        server.start_io(stdin, stdout)
    finally:
        state.workspace.stop()
    # LSP: exit status 0 after `shutdown`, 1 when the client exits without it.
    code = EXIT_OK if state.shutdown else 1
    if not state.workspace.join(EXIT_GRACE):
        # The worker is still busy (the analysis process is ended by `stop`, but an injected
        # in-process analysis cannot be): leave without finalizing under it.
        log.warning("exiting while an analysis is still running")
        logging.shutdown()
        sys.stderr.flush()
        os._exit(code)
    return code


def _setup_logging(log_file: Path | None, verbose: int) -> None:
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8")
        if log_file is not None
        else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    ours = logging.getLogger("frontier_lint")
    ours.addHandler(handler)
    ours.setLevel(logging.DEBUG if verbose >= 1 else logging.INFO)
    ours.propagate = False
    pygls_log = logging.getLogger("pygls")
    pygls_log.addHandler(handler)
    pygls_log.setLevel(logging.DEBUG if verbose >= 2 else logging.WARNING)
    pygls_log.propagate = False


class ServerState:
    """What the handlers share: the workspace, the event loop, and the client's abilities."""

    def __init__(self, server: LanguageServer) -> None:
        from frontier_lint.lsp.workspace import Workspace

        self.server = server
        self.loop: asyncio.AbstractEventLoop | None = None
        self.shutdown = False
        self.workspace = Workspace(self._publish, self._message)

    def call_in_loop(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the event loop thread (the worker must not write to the stream itself)."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        # RuntimeError: the loop closed in between (the server is exiting).
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(fn)

    def _publish(self, uri: str, version: int | None, diagnostics: list[lsp.Diagnostic]) -> None:
        from lsprotocol import types as lsp

        params = lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        self.call_in_loop(
            lambda: _protocol(self.server).notify(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)
        )

    def _message(self, level: int, text: str) -> None:
        from lsprotocol import types as lsp

        def send() -> None:
            kind = lsp.MessageType(level)
            _protocol(self.server).notify(
                lsp.WINDOW_LOG_MESSAGE, lsp.LogMessageParams(type=kind, message=text)
            )
            _protocol(self.server).notify(
                lsp.WINDOW_SHOW_MESSAGE, lsp.ShowMessageParams(type=kind, message=text)
            )

        self.call_in_loop(send)


def _protocol(server: LanguageServer) -> LanguageServerProtocol:
    """The server's JSON-RPC protocol object (pygls' `JsonRPCProtocol`)."""
    return server.protocol


class Transport:
    """Standard input to the protocol: framed messages read on a thread, handled on the loop.

    The reading thread is a daemon that reads the descriptor with `os.read` (not the buffered
    `sys.stdin`): at exit it may still be blocked in a read, and a buffered reader's lock held
    there would abort the interpreter's finalization.
    """

    QUEUE = 8  # messages read ahead of the loop

    def __init__(
        self, protocol: JsonRPCProtocol, write: Callable[[bytes], None], reader: MessageReader
    ) -> None:
        self.protocol = protocol
        self.write = write
        self.reader = reader

    async def serve(self) -> None:
        """Handle messages until the input ends (the `exit` notification raises SystemExit)."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Message | ReadError | None] = asyncio.Queue(self.QUEUE)

        def pump() -> None:
            while True:
                item = self.reader.read()
                try:
                    asyncio.run_coroutine_threadsafe(queue.put(item), loop).result()
                except (RuntimeError, concurrent.futures.CancelledError):
                    return  # the loop is gone: the server is exiting
                if item is None:
                    return

        threading.Thread(target=pump, name="frontier-lint-reader", daemon=True).start()
        while (item := await queue.get()) is not None:
            self.handle(item)
        if self.reader.read_failure is not None:
            log.error("cannot read standard input: %s", self.reader.read_failure)
        log.info("standard input closed")

    def handle(self, item: Message | ReadError) -> None:
        if isinstance(item, ReadError):
            log.warning(
                "unreadable input skipped: %s (%d bytes skipped so far)",
                item.text,
                self.reader.dropped,
            )
            # JSON-RPC: an error in detecting the request's id is answered with id null.
            self.reply_error(None, item.code, item.text)
            return
        value = item.value
        if not isinstance(value, dict):
            self.reply_error(None, INVALID_REQUEST, "a message must be a JSON object")
            return
        msg_id = value.get("id")
        id_ok = isinstance(msg_id, int | str) and not isinstance(msg_id, bool)
        method = value.get("method")
        version_ok = value.get("jsonrpc") == "2.0"
        if "method" in value and "id" not in value:  # a notification: never answered
            if not version_ok or not isinstance(method, str):
                log.warning("dropped a notification that is not JSON-RPC 2.0: %.200s", value)
                return
        elif "method" in value or "id" not in value:  # a request, or nothing recognisable
            if not version_ok or not id_ok or not isinstance(method, str):
                detail = "not a JSON-RPC 2.0 request"
                log.warning("%s: %.200s", detail, value)
                self.reply_error(msg_id if id_ok else None, INVALID_REQUEST, detail)
                return
        elif not version_ok or not id_ok or ("result" not in value and "error" not in value):
            # A response is never answered (that could start an exchange of errors).
            log.warning("dropped a response that is not JSON-RPC 2.0: %.200s", value)
            return
        try:
            message = self.protocol.structure_message(value)
        except Exception as exc:  # pygls raises JsonRpcInvalidParams, or others for odd shapes
            detail = f"invalid params for {method}: {_why_unstructured(exc)}"
            if "method" not in value:
                log.warning("dropped a response that does not fit its request: %s", detail)
            elif "id" in value:
                log.warning("request %r: %s", msg_id, detail)
                self.reply_error(msg_id, INVALID_PARAMS, detail)
            else:
                log.warning("dropped a notification: %s", detail)
            return
        try:
            self.protocol.handle_message(message)
        except BrokenPipeError:
            raise
        except Exception:  # pygls answers requests itself; whatever escapes must not stop us
            log.exception("error while handling %s", method or "a response")

    def reply_error(self, msg_id: int | str | None, code: int, text: str) -> None:
        error = {"code": code, "message": text}
        body = json.dumps({"jsonrpc": "2.0", "id": msg_id, "error": error}).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def _why_unstructured(exc: BaseException) -> str:
    """What did not fit, from the converter's error (`required field missing @ $.params.range`)."""
    import cattrs

    cause = exc.__cause__ or exc
    if isinstance(cause, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(cause)[:5])
    text = str(cause).strip()
    return text.splitlines()[0] if text else type(cause).__name__


def _server_class() -> type[LanguageServer]:
    """pygls' language server with standard input read by `Transport` (built on first use:
    pygls is an optional dependency)."""
    from pygls.io_ import StdoutWriter
    from pygls.lsp.server import LanguageServer

    class FrontierLanguageServer(LanguageServer):
        def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
            fd = (stdin or sys.stdin.buffer).fileno()
            writer = StdoutWriter(stdout or sys.stdout.buffer)
            self.protocol.set_writer(writer)
            reader = MessageReader(lambda n: os.read(fd, n))
            try:
                asyncio.run(Transport(self.protocol, writer.write, reader).serve())
            except BrokenPipeError:
                log.error("the connection to the client is lost")
            except (KeyboardInterrupt, SystemExit):
                pass  # SystemExit: the `exit` notification
            finally:
                self.shutdown()  # type: ignore[no-untyped-call]  # pygls leaves it unannotated

    return FrontierLanguageServer


def create_server() -> tuple[LanguageServer, ServerState]:
    """A pygls server with the frontier-lint features registered, and the state they share."""
    from lsprotocol import types as lsp

    from frontier_lint.lsp import convert as conv
    from frontier_lint.lsp.configuration import CONFIG_FILE_NAMES
    from frontier_lint.lsp.documents import uri_path

    server = _server_class()("frontier-lint", __version__)
    state = ServerState(server)
    ws = state.workspace

    def text_document(uri: str) -> TextDocument:
        return server.workspace.get_text_document(uri)

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        state.loop = asyncio.get_running_loop()
        ws.options.update(params.initialization_options)
        encoding = server.workspace.position_encoding
        ws.encoding = str(getattr(encoding, "value", encoding) or conv.UTF16)
        folders = [
            path
            for folder in params.workspace_folders or []
            if (path := uri_path(folder.uri)) is not None
        ]
        if not folders:
            root = uri_path(params.root_uri) if params.root_uri else None
            if root is None and params.root_path:
                root = Path(params.root_path)
            if root is not None:
                folders = [root]
        ws.set_folders(folders)
        log.info("frontier-lint %s: folders %s", __version__, [str(f) for f in folders])

    @server.feature(lsp.INITIALIZED)
    def initialized(params: lsp.InitializedParams) -> None:
        caps = server.client_capabilities
        dynamic = (
            caps.workspace is not None
            and caps.workspace.did_change_watched_files is not None
            and caps.workspace.did_change_watched_files.dynamic_registration
        )
        if not dynamic:
            return
        names = [*sorted(CONFIG_FILE_NAMES), ".gitignore"]
        globs = ["**/*.py", *(f"**/{n}" for n in names), "**/*.yaml", "**/*.yml"]
        options = lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in globs]
        )
        registration = lsp.Registration(
            id="frontier-lint-watch",
            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        _protocol(server).send_request(
            lsp.CLIENT_REGISTER_CAPABILITY, lsp.RegistrationParams(registrations=[registration])
        )

    @server.feature(lsp.SHUTDOWN)
    def shutdown(params: Any = None) -> None:
        state.shutdown = True
        ws.stop()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        ws.open(doc.uri, doc.text, doc.version, doc.language_id)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = text_document(uri)  # pygls has applied the (incremental) changes
        ws.change(uri, doc.source, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        ws.save(params.text_document.uri, params.text)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        ws.close(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(params: lsp.DidChangeWatchedFilesParams) -> None:
        paths = [p for change in params.changes if (p := uri_path(change.uri)) is not None]
        ws.files_changed(paths)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        removed = {p for f in params.event.removed if (p := uri_path(f.uri)) is not None}
        added = [p for f in params.event.added if (p := uri_path(f.uri)) is not None]
        ws.set_folders([*(f for f in ws.folders if f not in removed), *added])
        ws.config_changed()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration_changed(params: lsp.DidChangeConfigurationParams) -> None:
        ws.settings_changed(params.settings)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        text = ws.text_of(uri)
        if text is None:
            return None
        quickfix = lsp.CodeActionKind.QuickFix.value
        wanted = [str(getattr(k, "value", k)) for k in params.context.only or ()]
        if wanted and not any(k in ("", quickfix) or quickfix.startswith(k + ".") for k in wanted):
            return None
        published = ws.findings_for(uri)

        def lookup(diag: lsp.Diagnostic) -> dict[str, object] | None:
            # The client did not send `data` back: find the finding by position and rule.
            for f in published:
                if f.rule == diag.code and f.line - 1 == diag.range.start.line:
                    return {
                        "rule": f.rule,
                        "program": f.program,
                        "line": f.line - 1,
                        "end_line": max(f.end_line, f.line) - 1,
                    }
            return None

        return conv.quick_fixes(uri, text, params.context.diagnostics, ws.encoding, lookup) or None

    return server, state
