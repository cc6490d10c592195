"""Reading the language server's input: `Content-Length` framed JSON-RPC, bounded and self-healing.

Standard library only (no pygls): `frontier_lint.lsp.server` feeds what `MessageReader.read` returns to
the protocol. pygls' own reader (`pygls.io_.run_async`) trusts its input: a header it cannot read
makes it take the following bodies for header lines (deaf until the connection ends), a body
shorter than announced swallows the next message, and `Content-Length: 99999999999` allocates the
announced size up front (MemoryError). This reader:

- never allocates more than `MAX_HEADER_BYTES` for a header block or `MAX_MESSAGE_BYTES` for a
  body: a message announced larger is skipped as it streams by, without keeping it;
- reports each damaged message once (`ReadError`) and then **resynchronises**: it drops bytes up
  to the next `Content-Length:` header and goes on from there, so the next well-formed message is
  read whatever came before it. It never gives up: only the end of the input ends it.

Why resynchronising is sound: the byte sequence `Content-Length: <digits><CR or LF>` cannot occur
inside a JSON text (outside a string `C` is not a JSON token; inside one a raw CR or LF is not
allowed). So when that sequence shows up inside what a header announced as a body, the body was
shorter than announced and the sequence is the next message's header: the reader restarts there
instead of waiting for bytes that will never come (a client waiting for an answer would deadlock).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from frontier_lint.lazy_regex import lazy_compile

# What one message may take: a whole-file `didOpen` of a large module is a few MB.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
MAX_HEADER_BYTES = 8 * 1024  # a header block is two short lines in practice
READ_CHUNK = 64 * 1024

# JSON-RPC error codes for input that is not a message.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602

_CANDIDATE = lazy_compile(rb"content-length[ \t]*:", re.IGNORECASE)
# A complete header line naming a length: proof that a new message starts here (see above).
_EMBEDDED_HEADER = lazy_compile(
    rb"content-length[ \t]{0,16}:[ \t]{0,16}[0-9]{1,20}[ \t]{0,16}[\r\n]", re.I
)
_EMBEDDED_MAX = 96  # longest match of _EMBEDDED_HEADER: how far back a new chunk's scan starts
_CANDIDATE_MAX = 32  # longest match of _CANDIDATE
_BLANK_LINE = lazy_compile(rb"\r?\n\r?\n")
_LINE_END = lazy_compile(rb"\r?\n")
_HEADER_LINE = lazy_compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*")
_DIGITS = lazy_compile(rb"[0-9]{1,20}")

ReadChunk = Callable[[int], bytes]  # up to n bytes, at least 1 unless at the end of the input


@dataclass(frozen=True)
class ReadError:
    """A message that could not be read; `code` is the JSON-RPC error to answer with."""

    code: int
    text: str


@dataclass(frozen=True)
class Message:
    """A message read whole and parsed as JSON (any JSON value: the caller checks its shape)."""

    value: Any


class _Damaged(Exception):
    def __init__(self, text: str, *, skip: int = 1) -> None:
        super().__init__(text)
        self.text = text
        self.skip = skip  # bytes to drop before searching for the next header


class _NotJson(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class MessageReader:
    """Reads framed messages from `read_chunk` (a blocking function such as `os.read` on a
    descriptor: it must return what is available rather than wait for `n` bytes)."""

    def __init__(
        self,
        read_chunk: ReadChunk,
        *,
        max_message: int = MAX_MESSAGE_BYTES,
        max_header: int = MAX_HEADER_BYTES,
    ) -> None:
        self._read_chunk = read_chunk
        self.max_message = max_message
        self.max_header = max_header
        self._buf = bytearray()
        self._eof = False
        # After a damaged message: drop bytes up to the next header that reads (quietly: the
        # damage was reported once).
        self._resync = False
        self.dropped = 0  # bytes skipped so far (damaged or oversized messages), for the log
        self.read_failure: OSError | None = None  # why the input ended, when not a plain EOF

    def read(self) -> Message | ReadError | None:
        """The next message, or a `ReadError` for a damaged one; None at the end of the input."""
        while True:
            if self._resync and not self._find_candidate():
                if self._eof:
                    return None
                self._fill()
                continue
            try:
                result = self._read_one()
            except (_Damaged, _NotJson) as exc:
                if isinstance(exc, _Damaged):
                    self._drop(exc.skip)
                if self._resync:
                    continue  # a false candidate: look for the next one
                self._resync = True
                return ReadError(PARSE_ERROR, exc.text)
            except EOFError:
                return None
            self._resync = False
            return result

    # --- one message -------------------------------------------------------------------------

    def _read_one(self) -> Message | ReadError:
        # Blank lines between messages are tolerated (a client that ends bodies with CRLF).
        while True:
            blank = len(self._buf) - len(self._buf.lstrip(b"\r\n"))
            if blank:
                del self._buf[:blank]
            if self._buf:
                break
            if self._eof:
                raise EOFError
            self._fill()
        end, body_start = self._header_end()
        length = self._content_length(bytes(self._buf[:end]))
        if length > self.max_message:
            del self._buf[:body_start]
            self._skip_body(length)
            return ReadError(
                INVALID_REQUEST,
                f"a message of {length} bytes is over the {self.max_message}-byte limit: skipped",
            )
        body_end = body_start + length
        scanned = body_start  # the body before this offset holds no header
        while True:
            end = min(len(self._buf), body_end)
            self._check_embedded(body_start, max(body_start, scanned - _EMBEDDED_MAX), end)
            scanned = end
            if len(self._buf) >= body_end:
                break
            if self._eof:
                raise _Damaged(
                    "the input ended inside a message "
                    f"({len(self._buf) - body_start} of {length} bytes)",
                    skip=len(self._buf),
                )
            self._fill()
        body = bytes(self._buf[body_start:body_end])
        try:
            value = json.loads(body)
        except (ValueError, RecursionError) as exc:
            # A length a little too short leaves the next header cut at the body's end: search
            # again from inside this body.
            self.dropped += body_start + 1
            del self._buf[: body_start + 1]
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise _NotJson(f"a message body that is not JSON ({detail})") from None
        del self._buf[:body_end]
        return Message(value)

    def _header_end(self) -> tuple[int, int]:
        """(end of the header lines, start of the body) once the blank line is in the buffer."""
        searched = 0
        while True:
            m = _BLANK_LINE.search(self._buf, max(searched - 3, 0))
            if m is not None and m.start() <= self.max_header:
                return m.start(), m.end()
            if len(self._buf) > self.max_header:
                raise _Damaged(f"no end of the header within {self.max_header} bytes")
            if self._eof:
                raise _Damaged("the input ended inside a header", skip=len(self._buf))
            searched = len(self._buf)
            self._fill()

    def _content_length(self, block: bytes) -> int:
        length: int | None = None
        for raw in _LINE_END.split(block):
            m = _HEADER_LINE.fullmatch(raw)
            if m is None:
                raise _Damaged(f"a header line that is not `Name: value`: {_show(raw)}")
            if m.group(1).lower() != b"content-length":
                continue  # Content-Type, or an extension: not ours to judge
            if _DIGITS.fullmatch(m.group(2)) is None:
                raise _Damaged(f"Content-Length is not a number: {_show(m.group(2))}")
            value = int(m.group(2))
            if length is not None and value != length:
                raise _Damaged("two different Content-Length headers")
            length = value
        if length is None:
            raise _Damaged("a header without Content-Length")
        return length

    def _check_embedded(self, body_start: int, start: int, end: int) -> None:
        """A header inside what should be the body: the body was shorter than announced."""
        m = _EMBEDDED_HEADER.search(self._buf, start, end)
        if m is not None:
            raise _Damaged(
                "a message shorter than its Content-Length "
                f"(the next header came after {m.start() - body_start} bytes)",
                skip=m.start(),
            )

    def _skip_body(self, length: int) -> None:
        """Let an oversized body stream by, keeping no more than a chunk of it."""
        left = length
        while left > 0:
            m = _EMBEDDED_HEADER.search(self._buf, 0, min(len(self._buf), left))
            if m is not None:
                # The announced size was wrong: the next message starts here.
                self.dropped += m.start()
                del self._buf[: m.start()]
                return
            # Keep a tail that may be the start of a header cut by the chunk boundary.
            keep = min(_EMBEDDED_MAX, len(self._buf)) if len(self._buf) < left else 0
            drop = min(len(self._buf), left) - keep
            self.dropped += drop
            left -= drop
            del self._buf[:drop]
            if left > 0:
                if self._eof:
                    return
                self._fill()

    # --- buffer ------------------------------------------------------------------------------

    def _fill(self) -> None:
        try:
            chunk = self._read_chunk(READ_CHUNK)
        except OSError as exc:
            self.read_failure = exc
            chunk = b""
        if chunk:
            self._buf += chunk
        else:
            self._eof = True

    def _drop(self, count: int) -> None:
        count = max(1, min(count, len(self._buf)))
        self.dropped += count
        del self._buf[:count]

    def _find_candidate(self) -> bool:
        """Drop bytes up to the next `Content-Length:`; whether one is in the buffer."""
        m = _CANDIDATE.search(self._buf)
        if m is not None:
            self.dropped += m.start()
            del self._buf[: m.start()]
            return True
        # Keep a tail that may be the start of a header cut by the chunk boundary.
        keep = min(len(self._buf), _CANDIDATE_MAX)
        self.dropped += len(self._buf) - keep
        del self._buf[: len(self._buf) - keep]
        return False


def _show(raw: bytes) -> str:
    text = raw[:60].decode("ascii", "backslashreplace")
    return f"`{text}…`" if len(raw) > 60 else f"`{text}`"
