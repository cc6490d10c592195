"""Decoding source bytes like CPython: cookies, byte order marks, NUL bytes, bad bytes."""

from __future__ import annotations

import codecs
import io
import os
import socket
import stat
import threading
import tokenize
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from frontier_lint.frontend.source import Source, SourceError, decode, load_source, read_source
from frontier_lint.scan.fileio import NotRegular, ReadError, read_head, read_regular

T = TypeVar("T")


def err(data: bytes) -> SourceError:
    with pytest.raises(SourceError) as info:
        decode(data, "pkg/mod.py")
    return info.value


# --------------------------------------------------------------------------- the common cases


def test_plain_utf8() -> None:
    assert decode("x = 'é'\n".encode(), "a.py") == "x = 'é'\n"


def test_empty_file() -> None:
    assert decode(b"", "a.py") == ""
    assert load_source(b"", "a.py") == Source("a.py", "", "utf-8")


def test_line_endings_are_kept() -> None:
    assert decode(b"a = 1\r\nb = 2\r", "a.py") == "a = 1\r\nb = 2\r"


def test_utf8_bom_is_stripped() -> None:
    src = load_source(codecs.BOM_UTF8 + b"x = 1\n", "a.py")
    assert src.text == "x = 1\n"
    assert src.encoding == "utf-8-sig"


def test_word_coding_without_cookie_is_utf8() -> None:
    data = "coding = 'x'\n# the coding style\ny = 'é'\n".encode()
    assert load_source(data, "a.py").encoding == "utf-8"


# --------------------------------------------------------------------------- coding cookies


@pytest.mark.parametrize(
    "first",
    [
        b"# -*- coding: latin-1 -*-\n",
        b"# vim: set fileencoding=latin-1 :\n",
        b"#coding=latin-1\n",
        b"  \t# coding: iso-8859-1\n",
        b"# coding: latin_1\n",
        b"# coding: ISO-8859-1-Windows-3.0-Latin-1\n",
    ],
)
def test_latin1_cookie_on_line_one(first: bytes) -> None:
    src = load_source(first + "s = 'é'\n".encode("latin-1"), "a.py")
    assert src.text.endswith("s = 'é'\n")
    assert src.encoding == "iso8859-1"


@pytest.mark.parametrize("first", [b"#!/usr/bin/env python\n", b"\n", b"   \n", b"# comment\n"])
def test_cookie_on_line_two_after_blank_or_comment(first: bytes) -> None:
    data = first + b"# -*- coding: cp1252 -*-\n" + "s = '€'\n".encode("cp1252")
    src = load_source(data, "a.py")
    assert src.text.endswith("s = '€'\n")
    assert src.encoding == "cp1252"


def test_cookie_on_line_two_ignored_after_code() -> None:
    data = b"import os\n# coding: latin-1\n" + "s = 'é'\n".encode("latin-1")
    e = err(data)
    assert e.message == "cannot decode as utf-8 at line 3"


def test_cookie_on_line_three_ignored() -> None:
    data = b"#!/usr/bin/env python\n# hello\n# coding: latin-1\n" + "'é'\n".encode("latin-1")
    assert err(data).line == 4


def test_cookie_without_hash_is_not_a_cookie() -> None:
    data = b"coding: latin-1\n"
    assert decode(data, "a.py") == "coding: latin-1\n"


def test_cookie_with_latin1_bytes_on_its_own_line() -> None:
    data = "# coding: latin-1 (café)\nx = 'é'\n".encode("latin-1")
    assert decode(data, "a.py") == "# coding: latin-1 (café)\nx = 'é'\n"


def test_utf8_cookie_spellings() -> None:
    for spelling in (b"utf-8", b"UTF_8", b"utf8", b"utf-8-unix"):
        data = b"# coding: " + spelling + b"\nx = '\xc3\xa9'\n"
        assert decode(data, "a.py").endswith("x = 'é'\n")


def test_unknown_encoding() -> None:
    e = err(b"# hello\n# coding: klingon\nx = 1\n")
    assert (e.message, e.line, e.column) == ("unknown encoding: klingon", 2, 1)


def test_codec_that_is_not_a_text_encoding() -> None:
    e = err(b"# coding: rot13\nx = 1\n")
    assert e.message == "unknown encoding: rot13 (not a text encoding)"


def test_cookie_naming_a_wide_encoding() -> None:
    e = err(b"# coding: utf-16\nx = 1\n")
    assert e.message == "encoding problem: utf-16 is not ASCII-compatible"
    assert e.line == 1


def test_bytes_invalid_in_the_declared_encoding() -> None:
    e = err(b"# coding: ascii\nx = 1\ny = '\xe9'\n")
    assert e.message == "cannot decode as ascii at line 3"
    assert (e.line, e.column) == (3, 6)


# --------------------------------------------------------------------------- byte order marks


def test_bom_with_utf8_cookie_is_fine() -> None:
    data = codecs.BOM_UTF8 + b"# coding: utf-8\nx = 1\n"
    assert load_source(data, "a.py").text == "# coding: utf-8\nx = 1\n"


def test_bom_with_other_cookie_is_refused_like_cpython() -> None:
    e = err(codecs.BOM_UTF8 + b"# coding: latin-1\nx = 1\n")
    assert e.message == "encoding problem: coding cookie 'latin-1' with a UTF-8 byte order mark"
    assert e.line == 1
    # CPython compares the normalised spelling, so even "utf8" is refused next to a BOM.
    with pytest.raises(SyntaxError):
        tokenize.detect_encoding(io.BytesIO(codecs.BOM_UTF8 + b"# coding: utf8\n").readline)
    assert "utf8" in err(codecs.BOM_UTF8 + b"# coding: utf8\nx = 1\n").message


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
def test_wide_boms_are_refused(codec: str, name: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[codec]
    e = err(bom + "x = 1\n".encode(codec))
    assert e.message == f"cannot decode: {name} source (byte order mark)"
    assert (e.line, e.column) == (1, 1)
    assert str(e) == e.message


# --------------------------------------------------------------------------- NUL and bad bytes


def test_nul_bytes_with_position() -> None:
    e = err(b"x = 1\ny = 'ab\x00'\n")
    assert (e.message, e.line, e.column) == ("source contains NUL bytes", 2, 8)


def test_utf16_without_bom_is_caught_by_the_nul_check() -> None:
    assert err("x = 1\n".encode("utf-16-le")).message == "source contains NUL bytes"


def test_invalid_utf8_reports_line_and_character_column() -> None:
    e = err(b"a = 1\nb = 2\nc = '" + "é".encode() + b"\xff'\n")
    assert e.message == "cannot decode as utf-8 at line 3"
    assert e.line == 3
    assert e.column == 7  # `c = 'é` is six characters


def test_line_numbers_count_crlf_and_cr() -> None:
    assert err(b"a\r\nb\r\nc\xff\n").line == 3
    assert err(b"a\rb\rc\xff\n").line == 3


def test_error_after_bom_counts_from_the_text() -> None:
    e = err(codecs.BOM_UTF8 + b"x\n\xff\n")
    assert (e.line, e.column) == (2, 1)


def test_error_carries_the_path() -> None:
    assert err(b"\xff").path == "pkg/mod.py"


# --------------------------------------------------------------------------- from disk


def test_read_source(tmp_path: Path) -> None:
    file = tmp_path / "m.py"
    file.write_bytes(b"# coding: latin-1\nx = '\xe9'\n")
    assert read_source(file, "m.py") == Source("m.py", "# coding: latin-1\nx = 'é'\n", "iso8859-1")


def test_read_source_missing(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_source(tmp_path / "nope.py", "nope.py")
    assert info.value.message == "cannot read: No such file or directory"
    assert info.value.path == "nope.py"


def test_read_source_of_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    with pytest.raises(SourceError) as info:
        within(5, lambda: read_source(fifo, "pipe.py"))
    assert info.value.message == "not a regular file"


# --------------------------------------------------------------------------- regular files only


def within(seconds: float, call: Callable[[], T]) -> T:
    """`call()`, failing the test if it does not return in time (a read that would hang)."""
    box: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            box.append(call())
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds}s"
    if errors:
        raise errors[0]
    return box[0]


def test_regular_file_is_read_with_its_status(tmp_path: Path) -> None:
    file = tmp_path / "a.py"
    file.write_bytes(b"x = 1\n")
    data, st = read_regular(file, 100)
    assert data == b"x = 1\n" and st.st_size == 6 and stat.S_ISREG(st.st_mode)


def test_a_regular_file_is_read_in_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run reads every file several times: back with the size fstat gave, the first read
    # ended at the end of the file, and no read of nothing confirms it. A file of another
    # size than fstat said is still read to its end (`test_a_file_that_grows_...`).
    sizes: list[int] = []
    real = os.read

    def counted(fd: int, n: int) -> bytes:
        got = real(fd, n)
        sizes.append(len(got))
        return got

    monkeypatch.setattr(os, "read", counted)
    for body in (b"x = 1\n" * 1000, b""):
        file = tmp_path / "a.py"
        file.write_bytes(body)
        sizes.clear()
        assert read_regular(file, 1 << 20)[0] == body
        assert sizes == [len(body)]


def test_fifo_is_not_read(tmp_path: Path) -> None:
    # Opening a FIFO for reading waits for a writer; nothing may wait here.
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    with pytest.raises(NotRegular, match="not a regular file"):
        within(5, lambda: read_regular(fifo, 100))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_symlink_to_a_device_is_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.py"
    link.symlink_to("/dev/zero")  # reading it would never end
    with pytest.raises(NotRegular):
        within(5, lambda: read_regular(link, 100))


def test_socket_and_directory_are_not_read(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "s.py"))
        with pytest.raises(NotRegular):
            read_regular(tmp_path / "s.py", 100)
    with pytest.raises(NotRegular):
        read_regular(tmp_path, 100)


def test_a_file_over_the_limit_is_an_error_never_a_truncated_read(tmp_path: Path) -> None:
    file = tmp_path / "big.py"
    file.write_bytes(b"#" * 101)
    with pytest.raises(ReadError) as info:
        read_regular(file, 100)
    assert info.value.too_large
    assert str(info.value) == "too large: 101 bytes > 100 (max-file-size)"
    assert read_regular(file, 101)[0] == b"#" * 101


def test_a_file_that_grows_past_the_limit_while_read_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "growing.py"
    file.write_bytes(b"#" * 500)
    real = os.fstat

    def stale(fd: int) -> os.stat_result:
        st = real(fd)  # the size as it was a moment before the file grew
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(os, "fstat", stale)
    with pytest.raises(ReadError, match="too large: 101 bytes > 100"):
        read_regular(file, 100)
    assert read_regular(file, 1000)[0] == b"#" * 500  # read to the end, not to the stale size


def test_permission_denied_is_an_error_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "secret.py"
    file.write_bytes(b"x = 1\n")
    real = os.open

    def denied(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("secret.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ReadError, match=r"^cannot read: Permission denied$"):
        read_regular(file, 100)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    file = tmp_path / "secret.py"
    file.write_bytes(b"x = 1\n")
    file.chmod(0)
    with pytest.raises(ReadError, match=r"^cannot read: Permission denied$"):
        read_regular(file, 100)


def test_nofollow_refuses_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert read_regular(tmp_path / "link", 10)[0] == b"x"
    with pytest.raises(ReadError):
        read_regular(tmp_path / "link", 10, nofollow=True)


def test_read_head(tmp_path: Path) -> None:
    file = tmp_path / "tool"
    file.write_bytes(b"#!/usr/bin/env python3\nprint(1)\n")
    assert read_head(file, 5) == b"#!/us"
    os.mkfifo(tmp_path / "pipe")
    assert within(5, lambda: read_head(tmp_path / "pipe", 5)) is None
    assert read_head(tmp_path / "missing", 5) is None


# --------------------------------------------------------------------------- agrees with CPython


SAMPLES = [
    b"x = 1\n",
    b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
    b"#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n",
    b"\n# coding: koi8-r\nx = '\xc1'\n",
    codecs.BOM_UTF8 + b"x = '\xc3\xa9'\n",
    codecs.BOM_UTF8 + b"# coding: utf-8\nx = 1\n",
    b"import os\n# coding: latin-1\nx = 1\n",
    b"# coding: latin-1\r\nx = '\xe9'\r\n",
]


@pytest.mark.parametrize("data", SAMPLES)
def test_same_text_as_cpython(data: bytes) -> None:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    expected = data.decode(encoding)
    assert decode(data, "a.py") == expected
