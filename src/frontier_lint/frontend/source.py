"""Turning a file's bytes into text the way CPython does, or saying precisely why not.

CPython reads a PEP 263 coding cookie on line 1, or on line 2 when line 1 is blank or a comment;
it strips a UTF-8 byte order mark (and rejects one combined with another cookie); everything else
is UTF-8. A file that cannot be decoded is reported with its line and column, because the gate
fails closed on files it cannot read.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.fileio import DEFAULT_MAX_FILE_SIZE, ReadError, read_regular

# The expressions of Lib/tokenize.py.
COOKIE_RE = lazy_compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
BLANK_RE = lazy_compile(rb"^[ \t\f]*(?:[#\r\n]|$)", re.ASCII)

# UTF-32 first: its little-endian mark starts with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass(frozen=True)
class Source:
    """A file's text, decoded, and the encoding it was decoded with."""

    path: str  # relative to the project root, '/' separators
    text: str
    encoding: str  # "utf-8", "utf-8-sig" (byte order mark) or the codec of the coding cookie


class SourceError(Exception):
    """A file whose bytes are not Python source text; `str()` is the message."""

    def __init__(self, message: str, line: int = 1, column: int = 1, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line  # 1-based
        self.column = column  # 1-based, in characters
        self.path = path

    def __str__(self) -> str:
        return self.message


def decode(data: bytes, path: str) -> str:
    """The text of a Python source file's bytes; `SourceError` when it cannot be had."""
    return _decode(data, path)[0]


def load_source(data: bytes, path: str) -> Source:
    """`decode` keeping the encoding used."""
    text, encoding = _decode(data, path)
    return Source(path=path, text=text, encoding=encoding)


def read_source(file: str | Path, path: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> Source:
    """Read and decode `file` from disk (a regular file of at most `limit` bytes), reporting
    it as `path`."""
    try:
        data, _ = read_regular(file, limit)
    except ReadError as exc:
        raise SourceError(str(exc), path=path) from None
    return load_source(data, path)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise SourceError(f"cannot decode: {name} source (byte order mark)", path=path)
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul, "utf-8")
        raise SourceError("source contains NUL bytes", line, column, path)

    utf8_bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if utf8_bom else data
    cookie = _cookie(body, path)
    if cookie is None:
        try:  # the fast path: nearly every file is plain UTF-8
            return body.decode("utf-8"), "utf-8-sig" if utf8_bom else "utf-8"
        except UnicodeDecodeError as exc:
            line, column = _position(body, exc.start, "utf-8")
            raise SourceError(
                f"cannot decode as utf-8 at line {line}", line, column, path
            ) from None

    codec, cookie_line, declared = cookie
    if utf8_bom and _normal_name(declared) != "utf-8":
        # CPython compares the cookie's normalised spelling: even "utf8" is refused here.
        raise SourceError(
            f"encoding problem: coding cookie {declared!r} with a UTF-8 byte order mark",
            cookie_line,
            1,
            path,
        )
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line, column = _position(body, exc.start, codec)
        raise SourceError(f"cannot decode as {codec} at line {line}", line, column, path) from None
    return text, "utf-8-sig" if utf8_bom else codec


def _cookie(data: bytes, path: str) -> tuple[str, int, str] | None:
    """(codec name, line, spelling) of the coding cookie, as CPython's tokenizer finds it."""
    end = data.find(b"\n")
    end2 = data.find(b"\n", end + 1) if end >= 0 else -1
    if b"coding" not in (data if end2 < 0 else data[: end2 + 1]):
        return None  # the common case: no cookie in the first two lines
    first = data if end < 0 else data[: end + 1]
    found = _cookie_in(first, 1, path)
    if found is not None or end < 0 or not BLANK_RE.match(first):
        return found
    second = data[end + 1 :] if end2 < 0 else data[end + 1 : end2 + 1]
    return _cookie_in(second, 2, path)


def _cookie_in(line: bytes, number: int, path: str) -> tuple[str, int, str] | None:
    # latin-1 never fails: only the ASCII cookie matters (tokenize.py demands UTF-8 here; a
    # Latin-1 comment next to a Latin-1 cookie is accepted by the C tokenizer, and by us).
    match = COOKIE_RE.match(line.decode("latin-1"))
    if match is None:
        return None
    declared = match.group(1)
    name = _normal_name(declared)
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise SourceError(f"unknown encoding: {declared}", number, 1, path) from None
    if not getattr(info, "_is_text_encoding", True):
        raise SourceError(f"unknown encoding: {declared} (not a text encoding)", number, 1, path)
    if name == "utf-8":
        return "utf-8", number, declared
    # A cookie that names UTF-16 cannot have been written in UTF-16: the file is ASCII-based.
    try:
        ascii_based = "#\n".encode(info.name) == b"#\n"
    except UnicodeError:
        ascii_based = False
    if not ascii_based:
        raise SourceError(f"encoding problem: {declared} is not ASCII-compatible", number, 1, path)
    return info.name, number, declared


def _normal_name(orig: str) -> str:
    """tokenize._get_normal_name: the aliases CPython treats as utf-8 and latin-1."""
    enc = orig[:12].lower().replace("_", "-")
    if enc == "utf-8" or enc.startswith("utf-8-"):
        return "utf-8"
    if enc in ("latin-1", "iso-8859-1", "iso-latin-1") or enc.startswith(
        ("latin-1-", "iso-8859-1-", "iso-latin-1-")
    ):
        return "iso-8859-1"
    return orig


def _position(data: bytes, offset: int, codec: str) -> tuple[int, int]:
    """1-based line and character column of byte `offset` (lines end at \\n, \\r\\n or \\r)."""
    head = data[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    column = len(head[start:].decode(codec, errors="replace")) + 1
    return line, column
