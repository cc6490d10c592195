"""The language-server invariant: after each input is opened and changed in a buffer, the
server publishes diagnostics for that version and answers a request, within the time bound.

One `frontier-lint lsp` serves a whole test (as one editor session would); each case's input
is a buffer of its own (`<case id>.py` under an empty project, never written to disk), opened
with the input's original text, changed to the input, then closed. A server that died is
reported with the tail of its log and started again for the next case.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import IO

from tests.fuzz.cases import Case
from tests.fuzz.invariants import Invariant, Violation, normalise
from tests.fuzz.runner import run_env

OPTIONS = {"debounceMs": 10}


class LspSession:
    def __init__(self, scratch: Path, timeout: float) -> None:
        self.root = scratch / "lsp-project"
        (self.root / ".git").mkdir(parents=True, exist_ok=True)
        self.scratch = scratch
        self.timeout = timeout
        self.env = run_env(scratch)
        self.client = None
        self._log: IO[bytes] | None = None
        self._starts = 0
        self._case_log_start = 0

    def _start(self) -> None:
        from tests.lsp_client import LspClient

        self._starts += 1
        self.log_path = self.scratch / f"lsp-{self._starts}.log"
        self._log = self.log_path.open("wb")
        self.client = LspClient(
            [sys.executable, "-m", "frontier_lint", "lsp"],
            cwd=self.root,
            env=self.env,
            stderr=self._log,
        )
        # Starting (pygls, libcst) is not what is measured: a generous bound of its own.
        self.client.initialize(self.root, options=OPTIONS, timeout=max(60.0, self.timeout))

    def _log_tail(self) -> str:
        if self._log is not None:
            self._log.flush()
        with contextlib.suppress(OSError):
            return self.log_path.read_bytes()[-3000:].decode("utf-8", "replace")
        return ""

    def _stop(self) -> None:
        if self.client is not None:
            self.client.__exit__(None, None, None)
            self.client = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def close(self) -> None:
        client = self.client
        if client is not None and client.proc.poll() is None:
            with contextlib.suppress(Exception):
                client.shutdown(timeout=10)
        self._stop()

    def _log_size(self) -> int:
        if self._log is not None:
            self._log.flush()
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def _errors_since(self, offset: int) -> str | None:
        """The first ERROR line the server logged after `offset` (an analysis that raised)."""
        with contextlib.suppress(OSError), self.log_path.open("rb") as log:
            log.seek(offset)
            for line in log.read().decode("utf-8", "replace").splitlines():
                if " ERROR " in line:
                    return line.split(" ERROR ", 1)[1]
        return None

    def _wait_diagnostics(self, uri: str) -> list[Violation]:
        """Wait for the input's diagnostics; stop early when the server logged that the
        analysis failed (then none will come: waiting out the bound would only cost time)."""
        from tests.lsp_client import LspError

        client = self.client
        assert client is not None
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            try:
                client.wait_diagnostics(uri, version=2, timeout=max(0.01, min(0.5, left)))
                return []
            except LspError:
                if client.proc.poll() is not None:
                    return []  # a dead server: reported by the request that follows
                error = self._errors_since(self._case_log_start)
                if error is not None:
                    sig = f"analysis failed: {normalise(error)}"
                    return [Violation(Invariant.LSP_DIAGNOSTICS, sig, error)]
                if left <= 0:
                    sig = f"no diagnostics within {self.timeout:g} s"
                    return [Violation(Invariant.LSP_DIAGNOSTICS, sig, sig)]

    def check(self, case: Case) -> list[Violation]:
        from tests.lsp_client import LspError, path_uri

        assert case.buffer is not None
        if self.client is None or self.client.proc.poll() is not None:
            self._stop()
            self._start()
        client = self.client
        assert client is not None
        self._case_log_start = self._log_size()
        uri = path_uri(self.root / f"{case.id}.py")
        text = case.file(case.buffer).decode("utf-8", "replace")  # an editor sends Unicode
        out: list[Violation] = []
        try:
            client.open(uri, case.base.decode("utf-8", "replace"), version=1)
            client.replace_all(uri, 2, text)
            out += self._wait_diagnostics(uri)
            stuck = any(v.signature.startswith("no diagnostics") for v in out)
            client.request(
                "textDocument/codeAction",
                {
                    "textDocument": {"uri": uri},
                    "range": {
                        "start": {"line": 0, "character": 0},
                        "end": {"line": 0, "character": 0},
                    },
                    "context": {"diagnostics": []},
                },
                timeout=self.timeout,
            )
            client.close(uri)
            if stuck:
                self._stop()  # still analysing: a fresh server, so the next case is not late
        except (LspError, OSError, ValueError) as exc:
            code = client.proc.poll()
            sig = f"the server exited ({code})" if code is not None else normalise(str(exc))
            tail = self._log_tail()
            detail = f"{exc}; server exit {code}\n--- server log (tail) ---\n{tail}"
            out.append(Violation(Invariant.LSP_ALIVE, sig, detail))
            if code is None:
                self._stop()  # deaf: a fresh server for the next case
        return out
